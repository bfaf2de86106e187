import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decideRelation,
  fitSemeval,
  predictSemeval,
  RELATION_BANDS,
  SEMEVAL_FEATURES,
  type SemevalModel,
  semevalEstimate,
  semevalFeatures,
} from '../../src/compare/calibrate.js';
import { compare } from '../../src/compare/compare.js';

/** Small seeded generator (mulberry32), so the synthetic data is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** y = 2.5 + 0.8·x0 − 0.5·x1 + 0·x2 on the 1..4 scale, with x in [0, 1]. */
const truth = (x: number[]) => 2.5 + 0.8 * x[0] - 0.5 * x[1];
function synthetic(n: number, seed: number, noise = 0) {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => [r(), r(), r()]);
  const y = X.map((x) => truth(x) + noise * (r() - 0.5));
  return { X, y };
}

describe('fitSemeval', () => {
  it('recovers a known linear relation', () => {
    const { X, y } = synthetic(200, 7);
    const model = fitSemeval(X, y, { lambda: 1e-9, fittedOn: 'synthetic (200 pairs)' });
    expect(model.schema).toBe('storydiff/semeval-model@1');
    expect(model.features).toEqual(SEMEVAL_FEATURES.slice(0, 3));
    expect(model.fittedOn).toBe('synthetic (200 pairs)');
    // Weights are on standardised features: back to raw units they are the true coefficients.
    const raw = model.weights.map((w, i) => w / model.std[i]);
    expect(raw[0]).toBeCloseTo(0.8, 6);
    expect(raw[1]).toBeCloseTo(-0.5, 6);
    expect(raw[2]).toBeCloseTo(0, 6);
    for (const x of synthetic(20, 99).X) expect(predictSemeval(model, x)).toBeCloseTo(truth(x), 6);
  });

  it('still finds the relation through noise', () => {
    const { X, y } = synthetic(2000, 3, 0.2);
    const model = fitSemeval(X, y, { lambda: 1e-6 });
    const raw = model.weights.map((w, i) => w / model.std[i]);
    expect(raw[0]).toBeCloseTo(0.8, 1);
    expect(raw[1]).toBeCloseTo(-0.5, 1);
    expect(Math.abs(raw[2])).toBeLessThan(0.05);
  });

  it('shrinks the weights as the ridge penalty grows', () => {
    const { X, y } = synthetic(50, 11);
    const norm = (m: SemevalModel) => Math.hypot(...m.weights);
    expect(norm(fitSemeval(X, y, { lambda: 100 }))).toBeLessThan(norm(fitSemeval(X, y, { lambda: 1e-9 })));
    // The intercept is the mean of y whatever the penalty.
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    expect(fitSemeval(X, y, { lambda: 100 }).intercept).toBeCloseTo(mean, 10);
  });

  it('copes with a feature that is always zero', () => {
    const { X, y } = synthetic(40, 5);
    const Xc = X.map((x) => [x[0], x[1], 0]);
    const model = fitSemeval(Xc, y, { lambda: 1e-6 });
    expect(model.std[2]).toBe(1);
    expect(model.weights.every(Number.isFinite)).toBe(true);
    expect(predictSemeval(model, [0.5, 0.5, 0])).toBeCloseTo(truth([0.5, 0.5]), 4);
  });

  it('refuses empty or mismatched data', () => {
    expect(() => fitSemeval([], [])).toThrow(/non-empty/);
    expect(() => fitSemeval([[1], [2]], [1])).toThrow(/equal length/);
  });
});

describe('predictSemeval', () => {
  const model = (intercept: number, weights: number[]): SemevalModel => ({
    schema: 'storydiff/semeval-model@1',
    features: SEMEVAL_FEATURES.slice(0, weights.length),
    mean: weights.map(() => 0),
    std: weights.map(() => 1),
    weights,
    intercept,
    lambda: 0,
    fittedOn: 'test',
  });

  it('applies intercept + weights · standardised features', () => {
    const m: SemevalModel = { ...model(2, [1, -1]), mean: [0.5, 0.5], std: [0.5, 0.25] };
    // 2 + 1·(0.75−0.5)/0.5 − 1·(0.25−0.5)/0.25 = 2 + 0.5 + 1 = 3.5
    expect(predictSemeval(m, [0.75, 0.25])).toBeCloseTo(3.5, 10);
  });

  it('clamps to [1, 4]', () => {
    expect(predictSemeval(model(10, [0]), [0])).toBe(4);
    expect(predictSemeval(model(-3, [0]), [0])).toBe(1);
    expect(predictSemeval(model(2.5, [100]), [1])).toBe(4);
    expect(predictSemeval(model(2.5, [100]), [-1])).toBe(1);
  });
});

describe('semevalFeatures and semevalEstimate', () => {
  const story = (name: string) =>
    readFileSync(fileURLToPath(new URL(`../fixtures/stories/${name}`, import.meta.url)), 'utf8');
  const wire = story('port-wire.txt');
  const unrelated = story('unrelated.txt');

  it('gives one finite feature per name', () => {
    const x = semevalFeatures(compare(wire, story('port-retold.txt')));
    expect(x).toHaveLength(SEMEVAL_FEATURES.length);
    expect(x.every(Number.isFinite)).toBe(true);
  });

  it('rates a copy as more similar (lower) than an unrelated story, within [1, 4]', () => {
    const same = semevalEstimate(compare(wire, wire));
    const other = semevalEstimate(compare(wire, unrelated));
    for (const v of [same, other]) {
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(4);
    }
    expect(same).toBeLessThan(other);
  });
});

describe('fitSemeval: regressions', () => {
  it('ignores a constant feature whose deviation is only rounding noise', () => {
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 100; i++) {
      const r = ((i * 37) % 100) / 100;
      X.push([r, r, 1]);
      y.push(2.5 + 0.8 * r - 0.5 * r);
    }
    const m = fitSemeval(X, y, { lambda: 1 });
    expect(predictSemeval(m, [0.5, 0.5, 1])).toBeCloseTo(predictSemeval(m, [0.5, 0.5, 0]), 6);
  });
});

describe('decideRelation', () => {
  const ORDER = ['verbatim-copy', 'edited-copy', 'rewrite', 'same-story', 'related', 'unrelated'] as const;
  const rank = (r: string) => ORDER.indexOf(r as (typeof ORDER)[number]);

  it('reads the distant relations off the estimate, and caps copies and rewrites', () => {
    expect(decideRelation('related', 2.2, true)).toEqual({ relation: 'same-story', estimate: 2.2 });
    expect(decideRelation('same-story', 2.7, true)).toEqual({ relation: 'related', estimate: 2.7 });
    expect(decideRelation('related', 3.2, true)).toEqual({ relation: 'unrelated', estimate: 3.2 });
    expect(decideRelation('rewrite', 3.1, true)).toEqual({
      relation: 'rewrite',
      estimate: RELATION_BANDS.sameStory,
    });
    expect(decideRelation('related', 2.7, false)).toEqual({ relation: 'unrelated', estimate: 4 });
  });

  it('never gives a more distant label a better estimate', () => {
    const textual = [
      'verbatim-copy',
      'edited-copy',
      'rewrite',
      'same-story',
      'related',
      'unrelated',
    ] as const;
    const decided = textual.flatMap((t) =>
      Array.from({ length: 31 }, (_, k) => 1 + k * 0.1).flatMap((e) =>
        [true, false].map((s) => decideRelation(t, e, s)),
      ),
    );
    for (const x of decided)
      for (const y of decided)
        if (rank(x.relation) > rank(y.relation) && rank(y.relation) >= rank('same-story'))
          expect(x.estimate).toBeGreaterThanOrEqual(y.estimate);
    // Copies and rewrites never look more distant than the same-story band.
    for (const x of decided)
      if (rank(x.relation) < rank('same-story')) expect(x.estimate).toBeLessThanOrEqual(2.5);
  });

  it('holds on real comparisons: label and estimate agree', () => {
    const texts = [
      'The council approved the budget on Thursday after a long debate.',
      'The council passed the budget on Thursday after a lengthy debate.',
      'A storm flooded the marina and sank three fishing boats overnight.',
      'x',
    ];
    for (const a of texts)
      for (const b of texts) {
        const c = compare(a, b);
        const band = decideRelation('unrelated', c.scores.semeval, true).relation;
        if (rank(c.relation) >= rank('same-story'))
          expect(c.relation).toBe(c.scores.semeval === 4 ? 'unrelated' : band);
        else expect(c.scores.semeval).toBeLessThanOrEqual(RELATION_BANDS.sameStory);
      }
  });
});
