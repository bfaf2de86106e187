import { describe, expect, it } from 'vitest';
import { align, simMatrix } from '../../src/compare/align.js';
import { pairFeatures } from '../../src/compare/features.js';
import {
  containment,
  docCosine,
  overallScore,
  type RelationInputs,
  relationOf,
  reuseScore,
  timeDimension,
} from '../../src/compare/scores.js';
import type { DimensionScore } from '../../src/compare/types.js';
import { diagonal, doc, links, paras } from './helpers.js';

const STORY = paras(
  'The city council approved the new harbour budget on Tuesday after a long debate.',
  'The mayor said the plan would fund twelve new schools across the district.',
  'Opposition members argued that property taxes would rise for most families.',
);
const OTHER = paras(
  'A storm flooded the marina and sank three fishing boats overnight.',
  'Coast guard crews rescued two sailors near the breakwater.',
);

describe('relationOf', () => {
  const none: RelationInputs = {
    aInB: 0,
    bInA: 0,
    identical: 0,
    edited: 0,
    entities: 0,
    narrative: 0,
    places: 0,
  };
  const rel = (x: Partial<RelationInputs>) => relationOf({ ...none, ...x });

  it('verbatim copy: nearly all identical and contained both ways', () => {
    expect(rel({ aInB: 1, bInA: 1, identical: 1, edited: 1 })).toBe('verbatim-copy');
    expect(rel({ aInB: 0.9, bInA: 0.9, identical: 0.9, edited: 0.9 })).toBe('verbatim-copy');
  });

  it('edited copy: identical but one side has extra text, or mostly edited links', () => {
    expect(rel({ aInB: 1, bInA: 0.7, identical: 0.95, edited: 0.95 })).toBe('edited-copy');
    expect(rel({ aInB: 0.6, bInA: 0.3, identical: 0.1, edited: 0.6 })).toBe('edited-copy');
  });

  it('rewrite: content shared but reworded', () => {
    expect(rel({ aInB: 0.6, bInA: 0.3, edited: 0.2 })).toBe('rewrite');
    expect(rel({ aInB: 0.4, bInA: 0.2 })).toBe('rewrite');
    // One side contained, the mean too low: not a rewrite.
    expect(rel({ aInB: 0.45, bInA: 0.1 })).not.toBe('rewrite');
  });

  it('same story: shared names and narrative without shared sentences', () => {
    expect(rel({ entities: 0.4, narrative: 0.25 })).toBe('same-story');
    expect(rel({ entities: 0.3, aInB: 0.15 })).toBe('same-story');
    expect(rel({ narrative: 0.45 })).toBe('same-story');
  });

  it('related: some names or some narrative', () => {
    expect(rel({ entities: 0.12 })).toBe('related');
    expect(rel({ narrative: 0.15 })).toBe('related');
    expect(rel({ places: 0.5, narrative: 0.08 })).toBe('related');
  });

  it('unrelated: nothing in common', () => {
    expect(rel({})).toBe('unrelated');
    expect(rel({ places: 0.5, narrative: 0.05 })).toBe('unrelated');
    expect(rel({ entities: 0.11, narrative: 0.14 })).toBe('unrelated');
  });

  it('is monotone: more of everything never gives a more distant relation', () => {
    const order = ['verbatim-copy', 'edited-copy', 'rewrite', 'same-story', 'related', 'unrelated'];
    const steps = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1];
    for (const c of steps) {
      for (const e of steps) {
        const lo = rel({ aInB: c, bInA: c, identical: c, edited: c, entities: e, narrative: e, places: e });
        const up = Math.min(1, c + 0.1);
        const hi = rel({
          aInB: up,
          bInA: up,
          identical: up,
          edited: up,
          entities: e,
          narrative: e,
          places: e,
        });
        expect(order.indexOf(hi)).toBeLessThanOrEqual(order.indexOf(lo));
      }
    }
  });
});

describe('containment', () => {
  it('is 1 both ways for identical documents', () => {
    const d = doc(STORY);
    const f = pairFeatures(d, d);
    expect(containment(f, diagonal(d.sentences.length))).toEqual({ aInB: 1, bInA: 1 });
    // Also with the links the aligner finds itself.
    const found = links(align(f, simMatrix(f)).map((l) => [l.a, l.b]));
    expect(containment(f, found)).toEqual({ aInB: 1, bInA: 1 });
  });

  it('is 0 with no links', () => {
    const d = doc(STORY);
    expect(containment(pairFeatures(d, d), [])).toEqual({ aInB: 0, bInA: 0 });
  });

  it('is asymmetric when b is a cut of a', () => {
    const a = doc(STORY);
    const b = doc(
      paras(
        'The city council approved the new harbour budget on Tuesday after a long debate.',
        'The mayor said the plan would fund twelve new schools across the district.',
      ),
    );
    const c = containment(pairFeatures(a, b), diagonal(2));
    expect(c.bInA).toBe(1);
    expect(c.aInB).toBeGreaterThan(0.4);
    expect(c.aInB).toBeLessThan(0.9);
  });
});

describe('docCosine and reuseScore', () => {
  it('are 1 for the same text and near 0 for unrelated texts', () => {
    const a = doc(STORY);
    const b = doc(OTHER);
    expect(docCosine(pairFeatures(a, a))).toBeCloseTo(1, 5);
    expect(docCosine(pairFeatures(a, b))).toBeLessThan(0.1);
    expect(reuseScore(a, a)).toBe(1);
    expect(reuseScore(a, b)).toBe(0);
  });
});

describe('timeDimension', () => {
  it('compares dates and durations by key, 0.5 when neither side has any', () => {
    const same = timeDimension(doc('Talks resumed on Monday.'), doc('On Monday the talks resumed.'));
    expect(same.score).toBe(1);
    expect(same.shared).toHaveLength(1);
    const diff = timeDimension(doc('Talks resumed on Monday.'), doc('Talks resumed on Friday.'));
    expect(diff.score).toBe(0);
    expect(diff.onlyA).toHaveLength(1);
    expect(diff.onlyB).toHaveLength(1);
    expect(timeDimension(doc('Talks resumed.'), doc('The talks began again.')).score).toBe(0.5);
  });
});

describe('overallScore', () => {
  const dim = (score: number, evidence = true): DimensionScore => ({
    score,
    shared: evidence ? ['x'] : [],
    onlyA: [],
    onlyB: [],
  });

  it('is 1 when everything matches and 0 when nothing does', () => {
    const all = { aInB: 1, bInA: 1, narrative: 1, entities: dim(1), places: dim(1), time: dim(1) };
    expect(overallScore(all)).toBe(1);
    const nothing = { aInB: 0, bInA: 0, narrative: 0, entities: dim(0), places: dim(0), time: dim(0) };
    expect(overallScore(nothing)).toBe(0);
  });

  it('leaves out dimensions without evidence', () => {
    const base = { aInB: 0.8, bInA: 0.8, narrative: 0.8 };
    const without = overallScore({
      ...base,
      entities: dim(0, false),
      places: dim(0, false),
      time: dim(0, false),
    });
    expect(without).toBeCloseTo(0.8, 3);
    const withZero = overallScore({ ...base, entities: dim(0), places: dim(0, false), time: dim(0, false) });
    expect(withZero).toBeLessThan(without);
  });
});
