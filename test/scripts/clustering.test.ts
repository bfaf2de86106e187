import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bcubed,
  contingency,
  evalGoogleNews,
  type Label,
  loadGoogleNews,
  nmi,
  pairwise,
  runOnline,
  scoreClustering,
  singlePassBaseline,
} from '../../scripts/lib/clustering.js';
import { mulberry32 } from '../../scripts/lib/prng.js';

/** O(n²) pairwise counts, the definition, to check the O(n) contingency version. */
function bruteForcePairs(p: readonly Label[], g: readonly Label[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < p.length; i++) {
    for (let j = i + 1; j < p.length; j++) {
      const sp = p[i] === p[j];
      const sg = g[i] === g[j];
      if (sp && sg) tp++;
      else if (sp) fp++;
      else if (sg) fn++;
    }
  }
  return { tp, fp, fn };
}

/** B-cubed by its per-item definition, O(n²). */
function bruteForceBcubed(p: readonly Label[], g: readonly Label[]) {
  let sp = 0;
  let sr = 0;
  for (let i = 0; i < p.length; i++) {
    let both = 0;
    let inP = 0;
    let inG = 0;
    for (let j = 0; j < p.length; j++) {
      if (p[j] === p[i]) inP++;
      if (g[j] === g[i]) inG++;
      if (p[j] === p[i] && g[j] === g[i]) both++;
    }
    sp += both / inP;
    sr += both / inG;
  }
  return { precision: sp / p.length, recall: sr / p.length };
}

function randomLabels(n: number, k: number, seed: number): number[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => Math.floor(rnd() * k));
}

describe('contingency', () => {
  it('counts cluster sizes and non-empty cells', () => {
    const c = contingency([1, 1, 2], ['a', 'b', 'b']);
    expect(c.n).toBe(3);
    expect([...c.predicted]).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect([...c.gold]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(c.cells).toEqual([
      { p: 1, g: 'a', n: 1 },
      { p: 1, g: 'b', n: 1 },
      { p: 2, g: 'b', n: 1 },
    ]);
  });

  it('refuses labelings of different lengths', () => {
    expect(() => contingency([1], [1, 2])).toThrow(RangeError);
  });
});

describe('B-cubed', () => {
  it('computes a hand example: one cluster over two classes', () => {
    // Items 0,1 (class a) see 2 of 3 cluster mates in their class; item 2 (b) sees 1 of 3.
    // P = (2/3 + 2/3 + 1/3) / 3 = 5/9; every class is whole inside the cluster: R = 1.
    const r = bcubed([0, 0, 0], ['a', 'a', 'b']);
    expect(r.precision).toBeCloseTo(5 / 9, 12);
    expect(r.recall).toBe(1);
    expect(r.f1).toBeCloseTo((2 * (5 / 9)) / (5 / 9 + 1), 12);
  });

  it('computes a hand example with split and mixed clusters', () => {
    // pred {0,1} {2,3} {4}; gold a = {0,1,2}, b = {3,4}.
    // P: items 0,1 → 2/2; item 2 → 1/2; item 3 → 1/2; item 4 → 1/1: (1+1+.5+.5+1)/5 = 0.8
    // R: items 0,1 → 2/3; item 2 → 1/3; item 3 → 1/2; item 4 → 1/2: (2/3+2/3+1/3+1/2+1/2)/5 = 8/15
    const r = bcubed([0, 0, 1, 1, 2], ['a', 'a', 'a', 'b', 'b']);
    expect(r.precision).toBeCloseTo(0.8, 12);
    expect(r.recall).toBeCloseTo(8 / 15, 12);
    expect(r.f1).toBeCloseTo((2 * 0.8 * (8 / 15)) / (0.8 + 8 / 15), 12);
  });

  it('is perfect for the gold partition and gives 1/|class| recall for singletons', () => {
    expect(bcubed([7, 7, 9], ['x', 'x', 'y'])).toEqual({ precision: 1, recall: 1, f1: 1 });
    const r = bcubed([1, 2, 3, 4], ['a', 'a', 'a', 'b']);
    expect(r.precision).toBe(1);
    expect(r.recall).toBeCloseTo((3 * (1 / 3) + 1) / 4, 12);
  });

  it('matches the per-item definition on random labelings', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const p = randomLabels(200, 7, seed);
      const g = randomLabels(200, 5, seed + 100);
      const fast = bcubed(p, g);
      const slow = bruteForceBcubed(p, g);
      expect(fast.precision).toBeCloseTo(slow.precision, 12);
      expect(fast.recall).toBeCloseTo(slow.recall, 12);
    }
  });

  it('scores empty input as perfect', () => {
    expect(bcubed([], [])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('NMI (arithmetic-mean normalisation)', () => {
  it('is 1 for identical partitions under any renaming, 0 for independent ones', () => {
    expect(nmi([0, 0, 1, 1], ['x', 'x', 'y', 'y'])).toBeCloseTo(1, 12);
    expect(nmi([5, 5, 3, 3, 9], [1, 1, 2, 2, 0])).toBeCloseTo(1, 12);
    // Each predicted cluster holds one item of each class: no information.
    expect(nmi([0, 0, 1, 1], ['x', 'y', 'x', 'y'])).toBeCloseTo(0, 12);
    // One cluster: H(P) = 0 so I = 0.
    expect(nmi([0, 0, 0, 0], ['x', 'x', 'y', 'y'])).toBe(0);
    expect(nmi([0, 0], ['x', 'x'])).toBe(1);
    expect(nmi([], [])).toBe(1);
  });

  it('computes a hand example', () => {
    // pred {0,1} {2,3}; gold a = {0,1,2}, b = {3}. n = 4.
    // H(P) = ln 2; H(G) = -(3/4 ln 3/4 + 1/4 ln 1/4);
    // I = 1/2 ln((1/2)/(1/2·3/4)) + 1/4 ln((1/4)/(1/2·3/4)) + 1/4 ln((1/4)/(1/2·1/4))
    const hp = Math.log(2);
    const hg = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    const mi = 0.5 * Math.log(0.5 / 0.375) + 0.25 * Math.log(0.25 / 0.375) + 0.25 * Math.log(0.25 / 0.125);
    expect(nmi([0, 0, 1, 1], ['a', 'a', 'a', 'b'])).toBeCloseTo(mi / ((hp + hg) / 2), 12);
    expect(mi / ((hp + hg) / 2)).toBeCloseTo(0.3437, 4);
  });

  it('is symmetric', () => {
    const p = randomLabels(300, 6, 3);
    const g = randomLabels(300, 4, 4);
    expect(nmi(p, g)).toBeCloseTo(nmi(g, p), 12);
  });
});

describe('pairwise P/R/F1', () => {
  it('computes a hand example', () => {
    // pred {0,1,2} {3}: 3 pairs; gold {0,1} {2,3}: 2 pairs; shared: (0,1).
    const r = pairwise([0, 0, 0, 1], ['a', 'a', 'b', 'b']);
    expect(r).toMatchObject({ tp: 1, fp: 2, fn: 1 });
    expect(r.precision).toBeCloseTo(1 / 3, 12);
    expect(r.recall).toBeCloseTo(1 / 2, 12);
    expect(r.f1).toBeCloseTo(0.4, 12);
  });

  it('matches the O(n²) definition on random labelings', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const p = randomLabels(150, 9, seed);
      const g = randomLabels(150, 4, seed + 50);
      expect(pairwise(p, g)).toMatchObject(bruteForcePairs(p, g));
    }
  });

  it('is perfect when no pair is positive on either side', () => {
    expect(pairwise([1, 2, 3], ['a', 'b', 'c'])).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('scoreClustering', () => {
  it('bundles the metrics and the cluster counts', () => {
    const s = scoreClustering([0, 0, 1], [5, 5, 6]);
    expect(s.bcubed.f1).toBe(1);
    expect(s.nmi).toBeCloseTo(1, 12);
    expect(s.pairwise.f1).toBe(1);
    expect(s.clusters).toBe(2);
    expect(s.goldClusters).toBe(2);
  });
});

describe('single-pass baseline', () => {
  it('joins the most similar cluster at the threshold on TF cosine', () => {
    const v = (terms: number[], weights: number[]) => ({ terms, weights });
    const items = [
      v([1, 2], [1, 1]),
      v([3, 4], [1, 1]),
      v([1, 2], [1, 2]), // cos 0.949 with cluster 0
      v([2, 3], [1, 1]), // cos 0.588 with cluster 0 (centroid 2, 3), 0.5 with cluster 1
      v([9], [1]),
    ];
    expect(singlePassBaseline(items, 0.5)).toEqual([0, 1, 0, 0, 2]);
    expect(singlePassBaseline(items, 0.95)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('runOnline', () => {
  it('relabels earlier items when their story is merged', () => {
    // Own document frequencies: b scores 0.41 with story 1 (new story 2); c joins story 2
    // (0.783 vs 0.778); story 2 at size 2 merges into story 1 (mean member cosine 0.629).
    const items = [
      { terms: [1, 2, 3, 4], weights: [1, 1, 1, 1] },
      { terms: [1, 2, 5, 6], weights: [1, 1, 1, 1] },
      { terms: [1, 2, 3, 4, 5, 6], weights: [1, 1, 1, 1, 1, 1] },
    ];
    expect(runOnline(items, { threshold: 0.6 })).toEqual({ labels: [1, 1, 1], merges: 1, threshold: 0.6 });
    expect(runOnline(items, { threshold: 0.6, merge: false }).labels).toEqual([1, 2, 2]);
  });
});

describe('Google News evaluation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storydiff-gn-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a skip when the file is absent', async () => {
    const r = await evalGoogleNews(join(dir, 'absent.jsonl'));
    expect(r.skipped).toBe('absent.jsonl not found');
    expect(r.metrics).toBeUndefined();
    expect(r.lines.join('\n')).toContain('skipped');
  });

  it('runs both methods on a small invented file', async () => {
    const stories = [
      'harbour strike rotterdam dockers wage union port authority',
      'earthquake hokkaido magnitude coast tsunami agency japan',
      'election parliament coalition vote chancellor budget berlin',
    ];
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) {
      const s = i % 3;
      const words = stories[s].split(' ');
      // Each item drops a different word and adds one of its own.
      const text = [...words.filter((_, k) => k !== i % words.length), `extra${i}`].join(' ');
      lines.push(JSON.stringify({ text, cluster: s }));
    }
    lines.push('not json', JSON.stringify({ text: 'no cluster' }));
    const path = join(dir, 'gn.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);

    expect(loadGoogleNews(path)).toMatchObject({ skippedLines: 2 });
    expect(loadGoogleNews(path, 4).texts).toHaveLength(4);

    const r = await evalGoogleNews(path, { sweep: [0.2, 0.4] });
    const m = r.metrics!;
    expect(m.items).toBe(30);
    expect(m.skippedLines).toBe(2);
    expect(m.storydiff.goldClusters).toBe(3);
    expect(m.storydiff.bcubed.f1).toBe(1);
    expect(m.storydiff.nmi).toBeCloseTo(1, 9);
    expect(m.baseline.clusters).toBeGreaterThanOrEqual(3);
    expect(m.storydiff.itemsPerSecond).toBeGreaterThan(0);
    expect(m.sweep.map((s) => s.threshold)).toEqual([0.2, 0.4]);
    const text = r.lines.join('\n');
    expect(text).toContain('storydiff online clusterer');
    expect(text).toContain('single-pass TF cosine');
    expect(text).toContain('threshold sensitivity');
  });
});
