/** Evaluation metrics. All functions are pure. */

import { mulberry32, shuffle } from './prng.js';

/** A link between sentence i of a and sentence j of b. */
export type Link = readonly [number, number];

/** Counts and scores of a set comparison. */
export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 from counts. An empty denominator counts as perfect when there is
 * nothing to miss (no predictions and no gold gives 1/1/1), and as 0 otherwise.
 */
export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp > 0 ? tp / (tp + fp) : fn === 0 ? 1 : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : fp === 0 ? 1 : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

const key = (l: Link): string => `${l[0]},${l[1]}`;

/** P/R/F1 of predicted links against gold links (each a set: duplicates count once). */
export function scoreLinks(predicted: Iterable<Link>, gold: Iterable<Link>): PRF {
  const p = new Set<string>();
  for (const l of predicted) p.add(key(l));
  const g = new Set<string>();
  for (const l of gold) g.add(key(l));
  let tp = 0;
  for (const k of p) if (g.has(k)) tp++;
  return prf(tp, p.size - tp, g.size - tp);
}

/** Micro average: sums the counts, then computes P/R/F1. */
export function microPRF(parts: Iterable<Pick<PRF, 'tp' | 'fp' | 'fn'>>): PRF {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const x of parts) {
    tp += x.tp;
    fp += x.fp;
    fn += x.fn;
  }
  return prf(tp, fp, fn);
}

/** Expands n:m alignment links into all their (i, j) pairs. */
export function expandLinks(alignment: readonly { a: readonly number[]; b: readonly number[] }[]): Link[] {
  const out: Link[] = [];
  for (const link of alignment) for (const i of link.a) for (const j of link.b) out.push([i, j]);
  return out;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : Number.NaN;
}

/** Pearson correlation; NaN when fewer than 2 points or a side is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError(`pearson: lengths differ (${x.length} vs ${y.length})`);
  const n = x.length;
  if (n < 2) return Number.NaN;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/** 1-based ranks with ties given their average rank. */
export function ranks(x: readonly number[]): number[] {
  const order = x.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  const out = new Array<number>(x.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k][1]] = r;
    i = j + 1;
  }
  return out;
}

/** Spearman rank correlation (Pearson of average ranks). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

/** Share of equal labels. NaN for empty input. */
export function accuracy(predicted: readonly boolean[], gold: readonly boolean[]): number {
  if (predicted.length !== gold.length) throw new RangeError('accuracy: lengths differ');
  if (gold.length === 0) return Number.NaN;
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (predicted[i] === gold[i]) ok++;
  return ok / gold.length;
}

/** P/R/F1 of the positive class. */
export function binaryPRF(predicted: readonly boolean[], gold: readonly boolean[]): PRF {
  if (predicted.length !== gold.length) throw new RangeError('binaryPRF: lengths differ');
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (predicted[i] && gold[i]) tp++;
    else if (predicted[i]) fp++;
    else if (gold[i]) fn++;
  }
  return prf(tp, fp, fn);
}

/**
 * The threshold t maximising accuracy of `score >= t` ⇒ positive. Candidates are -Infinity (all
 * positive), midpoints between consecutive distinct scores, and +Infinity (all negative); ties go
 * to the lowest candidate.
 */
export function bestThreshold(
  scores: readonly number[],
  labels: readonly boolean[],
): { threshold: number; accuracy: number } {
  if (scores.length !== labels.length) throw new RangeError('bestThreshold: lengths differ');
  const n = scores.length;
  if (n === 0) return { threshold: Number.NaN, accuracy: Number.NaN };
  const order = scores.map((_, i) => i).sort((i, j) => scores[i] - scores[j]);
  let correct = 0;
  for (const l of labels) if (l) correct++;
  let best = correct;
  let bestT = Number.NEGATIVE_INFINITY;
  let k = 0;
  while (k < n) {
    let m = k;
    while (m + 1 < n && scores[order[m + 1]] === scores[order[k]]) m++;
    // the group k..m (equal scores) turns negative
    for (let q = k; q <= m; q++) correct += labels[order[q]] ? -1 : 1;
    const t = m + 1 < n ? (scores[order[m]] + scores[order[m + 1]]) / 2 : Number.POSITIVE_INFINITY;
    if (correct > best) {
      best = correct;
      bestT = t;
    }
    k = m + 1;
  }
  return { threshold: bestT, accuracy: best / n };
}

/**
 * Deterministic k-fold partition of 0..n-1: indices are shuffled with a seeded generator and dealt
 * round-robin, so fold sizes differ by at most one. Returns the held-out indices of each fold
 * (ascending). k is clamped to n.
 */
export function kFolds(n: number, k: number, seed = 1): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`kFolds: k must be an integer >= 2 (got ${k})`);
  const kk = Math.min(k, n);
  const folds: number[][] = Array.from({ length: kk }, () => []);
  const order = shuffle(
    Array.from({ length: n }, (_, i) => i),
    mulberry32(seed),
  );
  order.forEach((idx, pos) => {
    folds[pos % kk].push(idx);
  });
  for (const f of folds) f.sort((a, b) => a - b);
  return folds;
}

/** Result of cross-validating a decision threshold. */
export interface CvThresholdResult {
  k: number;
  folds: { n: number; threshold: number; trainAccuracy: number; accuracy: number; f1: number }[];
  /** Mean held-out accuracy over folds. */
  accuracy: number;
  /** Mean held-out F1 (positive class) over folds. */
  f1: number;
  /** Mean of the finite chosen thresholds. */
  threshold: number;
}

/**
 * k-fold cross-validated threshold: on each split the threshold maximising accuracy on the
 * training folds is applied to the held-out fold. Reports mean held-out accuracy and F1.
 */
export function cvThreshold(
  scores: readonly number[],
  labels: readonly boolean[],
  k = 10,
  seed = 1,
): CvThresholdResult {
  if (scores.length !== labels.length) throw new RangeError('cvThreshold: lengths differ');
  const folds = kFolds(scores.length, k, seed);
  const out: CvThresholdResult['folds'] = [];
  for (const test of folds) {
    const held = new Set(test);
    const trainS: number[] = [];
    const trainL: boolean[] = [];
    for (let i = 0; i < scores.length; i++) {
      if (!held.has(i)) {
        trainS.push(scores[i]);
        trainL.push(labels[i]);
      }
    }
    const { threshold, accuracy: trainAccuracy } = bestThreshold(trainS, trainL);
    const pred = test.map((i) => scores[i] >= threshold);
    const gold = test.map((i) => labels[i]);
    out.push({
      n: test.length,
      threshold,
      trainAccuracy,
      accuracy: accuracy(pred, gold),
      f1: binaryPRF(pred, gold).f1,
    });
  }
  const finite = out.map((f) => f.threshold).filter(Number.isFinite);
  return {
    k: folds.length,
    folds: out,
    accuracy: mean(out.map((f) => f.accuracy)),
    f1: mean(out.map((f) => f.f1)),
    threshold: mean(finite),
  };
}

/**
 * Out-of-fold predictions for a regression model: for each fold, `train` (the fit function) on
 * the other folds and `predict` every held-out row. `result[i]` is the prediction for row i made
 * by a model that never saw row i.
 */
export function cvPredict<M>(
  X: readonly number[][],
  y: readonly number[],
  k: number,
  train: (X: number[][], y: number[]) => M,
  predict: (model: M, x: number[]) => number,
  seed = 1,
): number[] {
  if (X.length !== y.length) throw new RangeError('cvPredict: X and y lengths differ');
  const out = new Array<number>(y.length).fill(Number.NaN);
  for (const test of kFolds(y.length, k, seed)) {
    const held = new Set(test);
    const trX: number[][] = [];
    const trY: number[] = [];
    for (let i = 0; i < y.length; i++) {
      if (!held.has(i)) {
        trX.push(X[i]);
        trY.push(y[i]);
      }
    }
    const model = train(trX, trY);
    for (const i of test) out[i] = predict(model, X[i]);
  }
  return out;
}

/** Summary of a list of timings or values. */
export interface Summary {
  n: number;
  mean: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
}

/** Percentile by linear interpolation between closest ranks (q in 0..1). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = values.slice().sort((a, b) => a - b);
  const pos = (s.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    mean: mean(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
  };
}

export { mean };
