import { describe, expect, it } from 'vitest';
import {
  accuracy,
  bestThreshold,
  binaryPRF,
  cvPredict,
  cvThreshold,
  expandLinks,
  kFolds,
  microPRF,
  pearson,
  percentile,
  prf,
  ranks,
  scoreLinks,
  spearman,
  summarize,
} from '../../scripts/lib/metrics.js';

describe('link P/R/F1', () => {
  it('scores sets of (i, j) links', () => {
    // gold: (0,0) (1,1) (2,2); predicted: (0,0) (1,2) (2,2) (3,3)
    const r = scoreLinks(
      [
        [0, 0],
        [1, 2],
        [2, 2],
        [3, 3],
      ],
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
    );
    expect(r).toMatchObject({ tp: 2, fp: 2, fn: 1 });
    expect(r.precision).toBeCloseTo(0.5);
    expect(r.recall).toBeCloseTo(2 / 3);
    expect(r.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
  });

  it('counts duplicates once', () => {
    const r = scoreLinks(
      [
        [0, 0],
        [0, 0],
      ],
      [[0, 0]],
    );
    expect(r).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
  });

  it('handles empty sides', () => {
    expect(prf(0, 0, 0)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(prf(0, 0, 3)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(prf(0, 2, 0)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('expands n:m alignment links into all pairs', () => {
    expect(
      expandLinks([
        { a: [0, 1], b: [0] },
        { a: [2], b: [3, 4] },
      ]),
    ).toEqual([
      [0, 0],
      [1, 0],
      [2, 3],
      [2, 4],
    ]);
  });

  it('micro-averages by summing counts', () => {
    const m = microPRF([prf(1, 1, 0), prf(3, 0, 1)]);
    expect(m).toMatchObject({ tp: 4, fp: 1, fn: 1 });
    expect(m.precision).toBeCloseTo(0.8);
    expect(m.recall).toBeCloseTo(0.8);
  });
});

describe('correlation', () => {
  it('pearson on a hand-computed example', () => {
    // x = 1,2,3,4; y = 2,4,5,4: mean 2.5 / 3.75; sxy = 3.5, sxx = 5, syy = 4.75
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 4])).toBeCloseTo(3.5 / Math.sqrt(5 * 4.75), 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1);
  });

  it('pearson is NaN when undefined', () => {
    expect(pearson([1], [2])).toBeNaN();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => pearson([1, 2], [1])).toThrow(RangeError);
  });

  it('ranks ties with their average rank', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it('spearman is 1 for any increasing relation', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
  });
});

describe('binary classification', () => {
  const gold = [true, true, false, false, true];
  const pred = [true, false, false, true, true];

  it('accuracy and F1', () => {
    expect(accuracy(pred, gold)).toBeCloseTo(3 / 5);
    const r = binaryPRF(pred, gold); // tp 2, fp 1, fn 1
    expect(r).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(r.f1).toBeCloseTo(2 / 3);
  });

  it('bestThreshold picks the accuracy-maximising cut', () => {
    const scores = [0.1, 0.2, 0.3, 0.6, 0.7, 0.9];
    const labels = [false, false, true, false, true, true];
    // score >= 0.25 → 5/6 correct (only 0.6 wrong); score >= 0.65 → 5/6 too; the lower one wins ties
    const r = bestThreshold(scores, labels);
    expect(r.accuracy).toBeCloseTo(5 / 6);
    expect(r.threshold).toBeCloseTo(0.25);
  });

  it('bestThreshold can predict all positive or all negative', () => {
    expect(bestThreshold([0.1, 0.2], [true, true])).toEqual({
      threshold: Number.NEGATIVE_INFINITY,
      accuracy: 1,
    });
    expect(bestThreshold([0.1, 0.2], [false, false])).toEqual({
      threshold: Number.POSITIVE_INFINITY,
      accuracy: 1,
    });
  });

  it('bestThreshold keeps tied scores together', () => {
    const r = bestThreshold([0.5, 0.5, 0.5, 0.9], [false, true, false, true]);
    expect(r.threshold).toBeCloseTo(0.7);
    expect(r.accuracy).toBeCloseTo(3 / 4);
  });
});

describe('cross-validation', () => {
  it('kFolds partitions 0..n-1 into near-equal deterministic folds', () => {
    const folds = kFolds(23, 5, 11);
    expect(folds).toHaveLength(5);
    expect(
      folds
        .flat()
        .slice()
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 23 }, (_, i) => i));
    const sizes = folds.map((f) => f.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(kFolds(23, 5, 11)).toEqual(folds);
    expect(kFolds(23, 5, 12)).not.toEqual(folds);
    for (const f of folds) expect(f).toEqual(f.slice().sort((a, b) => a - b));
  });

  it('kFolds clamps k to n and rejects k < 2', () => {
    expect(kFolds(3, 10)).toHaveLength(3);
    expect(() => kFolds(10, 1)).toThrow(RangeError);
  });

  it('cvThreshold on separable data is perfect', () => {
    const scores = Array.from({ length: 40 }, (_, i) => i / 40);
    const labels = scores.map((s) => s >= 0.5);
    const r = cvThreshold(scores, labels, 10, 1);
    expect(r.k).toBe(10);
    expect(r.folds).toHaveLength(10);
    expect(r.accuracy).toBe(1);
    expect(r.threshold).toBeGreaterThan(0.45);
    expect(r.threshold).toBeLessThan(0.5);
  });

  it('cvThreshold evaluates on held-out folds only', () => {
    // labels that no threshold can learn: held-out accuracy must not exceed training accuracy on average
    const scores = Array.from({ length: 60 }, (_, i) => i);
    const labels = scores.map((i) => i % 2 === 0);
    const r = cvThreshold(scores, labels, 5, 3);
    expect(r.accuracy).toBeLessThanOrEqual(Math.max(...r.folds.map((f) => f.trainAccuracy)) + 1e-9);
    expect(r.folds.reduce((s, f) => s + f.n, 0)).toBe(60);
  });

  it('cvPredict predicts each row with a model fitted on the other folds', () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const X = y.map((v) => [v]);
    const trainedOn: number[][] = [];
    const pred = cvPredict(
      X,
      y,
      5,
      (_x, ty) => {
        trainedOn.push(ty);
        return ty.reduce((s, v) => s + v, 0) / ty.length;
      },
      (m) => m,
      7,
    );
    const folds = kFolds(10, 5, 7);
    expect(trainedOn).toHaveLength(5);
    folds.forEach((test, f) => {
      expect(trainedOn[f]).toHaveLength(8);
      const train = y.filter((_, i) => !test.includes(i));
      const m = train.reduce((s, v) => s + v, 0) / train.length;
      for (const i of test) {
        expect(pred[i]).toBeCloseTo(m);
        expect(trainedOn[f]).not.toContain(y[i]);
      }
    });
  });
});

describe('summaries', () => {
  it('percentile interpolates linearly', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5);
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('summarize', () => {
    expect(summarize([3, 1, 2])).toEqual({ n: 3, mean: 2, min: 1, max: 3, p50: 2, p95: 2.9 });
  });
});
