/**
 * Clustering metrics and the Google News story-clustering evaluation.
 *
 * Every metric is computed from the contingency table of (predicted, gold) label pairs, so it is
 * O(n) in the number of items (plus the number of non-empty cells), never O(n²).
 */

import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS, OnlineClusterer } from '../../src/corpus/cluster.js';
import { termVector } from '../../src/corpus/fingerprint.js';
import { num, pct, table } from './format.js';
import { type PRF, prf } from './metrics.js';

/** A cluster label: any value usable as a Map key (numbers or strings in practice). */
export type Label = number | string;

/** Sizes of the predicted clusters, the gold classes, and their non-empty intersections. */
export interface Contingency {
  n: number;
  /** Size of each predicted cluster. */
  predicted: Map<Label, number>;
  /** Size of each gold class. */
  gold: Map<Label, number>;
  /** Non-empty cells: predicted label, gold label, count. */
  cells: { p: Label; g: Label; n: number }[];
}

/**
 * The contingency table of two labelings of the same items (same length, same order).
 *
 * @example
 * ```ts
 * contingency([1, 1, 2], ['a', 'b', 'b']).cells; // => [{p:1,g:'a',n:1}, {p:1,g:'b',n:1}, {p:2,g:'b',n:1}]
 * ```
 */
export function contingency(predicted: readonly Label[], gold: readonly Label[]): Contingency {
  if (predicted.length !== gold.length) {
    throw new RangeError(`contingency: lengths differ (${predicted.length} vs ${gold.length})`);
  }
  const p = new Map<Label, number>();
  const g = new Map<Label, number>();
  // Two-level map so labels of any type combine without string keys colliding.
  const cells = new Map<Label, Map<Label, number>>();
  for (let i = 0; i < predicted.length; i++) {
    const a = predicted[i];
    const b = gold[i];
    p.set(a, (p.get(a) ?? 0) + 1);
    g.set(b, (g.get(b) ?? 0) + 1);
    let row = cells.get(a);
    if (!row) {
      row = new Map();
      cells.set(a, row);
    }
    row.set(b, (row.get(b) ?? 0) + 1);
  }
  const out: Contingency['cells'] = [];
  for (const [a, row] of cells) for (const [b, n] of row) out.push({ p: a, g: b, n });
  return { n: predicted.length, predicted: p, gold: g, cells: out };
}

/** Precision, recall and F1 of a clustering, each 0..1. */
export interface ClusterPRF {
  precision: number;
  recall: number;
  f1: number;
}

const harmonic = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/**
 * B-cubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009): for each item,
 * precision is the share of its predicted cluster that shares its gold class, recall the share of
 * its gold class that shares its predicted cluster; both are averaged over items, and F1 is their
 * harmonic mean. Empty input gives 1/1/1 (nothing to get wrong).
 *
 * @example
 * ```ts
 * // items 0,1,2 in one cluster; gold {0,1} {2}: P = (2/3 + 2/3 + 1/3) / 3 = 5/9, R = 1
 * bcubed([0, 0, 0], ['a', 'a', 'b']); // => { precision: 0.556, recall: 1, f1: 0.714 }
 * ```
 */
export function bcubed(predicted: readonly Label[], gold: readonly Label[]): ClusterPRF {
  const c = contingency(predicted, gold);
  if (c.n === 0) return { precision: 1, recall: 1, f1: 1 };
  let p = 0;
  let r = 0;
  // A cell of k items contributes k items each with precision k/|cluster| and recall k/|class|.
  for (const cell of c.cells) {
    p += (cell.n * cell.n) / c.predicted.get(cell.p)!;
    r += (cell.n * cell.n) / c.gold.get(cell.g)!;
  }
  p /= c.n;
  r /= c.n;
  return { precision: p, recall: r, f1: harmonic(p, r) };
}

/**
 * Normalised mutual information with arithmetic-mean normalisation:
 * NMI = I(P; G) / ((H(P) + H(G)) / 2), natural logarithms (the base cancels). When both
 * labelings are a single cluster (both entropies 0) they agree perfectly: 1. Empty input: 1.
 *
 * @example
 * ```ts
 * nmi([0, 0, 1, 1], ['x', 'x', 'y', 'y']); // => 1
 * nmi([0, 0, 0, 0], ['x', 'x', 'y', 'y']); // => 0
 * ```
 */
export function nmi(predicted: readonly Label[], gold: readonly Label[]): number {
  const c = contingency(predicted, gold);
  const n = c.n;
  if (n === 0) return 1;
  const entropy = (sizes: Map<Label, number>): number => {
    let h = 0;
    for (const k of sizes.values()) h -= (k / n) * Math.log(k / n);
    return h;
  };
  const hp = entropy(c.predicted);
  const hg = entropy(c.gold);
  if (hp === 0 && hg === 0) return 1;
  let mi = 0;
  for (const cell of c.cells) {
    const a = c.predicted.get(cell.p)!;
    const b = c.gold.get(cell.g)!;
    mi += (cell.n / n) * Math.log((n * cell.n) / (a * b));
  }
  // Clamp float noise: MI is mathematically within [0, min(H)].
  return Math.min(1, Math.max(0, mi / ((hp + hg) / 2)));
}

const pairs = (k: number): number => (k * (k - 1)) / 2;

/**
 * Pairwise precision, recall and F1 over all unordered item pairs: a pair is predicted positive
 * when both items share a predicted cluster, gold positive when they share a gold class. Counted
 * from the contingency table (Σ C(n_ij, 2) true positives), so O(n). With no positive pairs on
 * either side the score is 1/1/1 (see {@link prf}).
 *
 * @example
 * ```ts
 * // pred {0,1,2} {3}; gold {0,1} {2,3}: pred pairs 3, gold pairs 2, shared 1
 * pairwise([0, 0, 0, 1], ['a', 'a', 'b', 'b']); // => { tp: 1, fp: 2, fn: 1, precision: 1/3, recall: 1/2, … }
 * ```
 */
export function pairwise(predicted: readonly Label[], gold: readonly Label[]): PRF {
  const c = contingency(predicted, gold);
  let tp = 0;
  for (const cell of c.cells) tp += pairs(cell.n);
  let pred = 0;
  for (const k of c.predicted.values()) pred += pairs(k);
  let gp = 0;
  for (const k of c.gold.values()) gp += pairs(k);
  return prf(tp, pred - tp, gp - tp);
}

/** All the clustering figures of one labeling against gold. */
export interface ClusteringScores {
  bcubed: ClusterPRF;
  nmi: number;
  pairwise: ClusterPRF;
  clusters: number;
  goldClusters: number;
}

/**
 * B-cubed, NMI, pairwise and cluster counts in one call.
 *
 * @example
 * ```ts
 * scoreClustering([0, 0, 1], [5, 5, 6]).bcubed.f1; // => 1
 * ```
 */
export function scoreClustering(predicted: readonly Label[], gold: readonly Label[]): ClusteringScores {
  const pw = pairwise(predicted, gold);
  return {
    bcubed: bcubed(predicted, gold),
    nmi: nmi(predicted, gold),
    pairwise: { precision: pw.precision, recall: pw.recall, f1: pw.f1 },
    clusters: new Set(predicted).size,
    goldClusters: new Set(gold).size,
  };
}

// ── baseline ────────────────────────────────────────────────────────────────────────────────

/** A sparse vector as `termVector` gives it: ascending term hashes and their weights. */
export interface SparseVector {
  terms: readonly number[];
  weights: ArrayLike<number>;
}

/**
 * The baseline: classic single-pass clustering (the "single pass" of early TDT work, e.g.
 * Papka & Allan 1998) on plain TF cosine, no IDF: each item is compared with the centroid (the
 * sum of the member vectors, which has the direction of the mean) of every cluster so far, joins
 * the most similar one when the cosine reaches `threshold`, else starts a new cluster. No index,
 * no window, no merging: O(items × clusters).
 *
 * @example
 * ```ts
 * singlePassBaseline([{ terms: [1, 2], weights: [1, 1] }, { terms: [1, 2], weights: [1, 2] }], 0.5); // => [0, 0]
 * ```
 */
export function singlePassBaseline(items: readonly SparseVector[], threshold: number): number[] {
  const centroids: Map<number, number>[] = [];
  const norms: number[] = [];
  const out: number[] = [];
  for (const item of items) {
    let nx = 0;
    for (let i = 0; i < item.terms.length; i++) nx += item.weights[i] * item.weights[i];
    nx = Math.sqrt(nx);
    let best = -1;
    let bestScore = 0;
    if (nx > 0) {
      for (let c = 0; c < centroids.length; c++) {
        const cen = centroids[c];
        let dot = 0;
        for (let i = 0; i < item.terms.length; i++) dot += item.weights[i] * (cen.get(item.terms[i]) ?? 0);
        const s = dot / (nx * norms[c]);
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
    }
    if (best < 0 || bestScore < threshold) {
      best = centroids.length;
      centroids.push(new Map());
      norms.push(0);
    }
    const cen = centroids[best];
    for (let i = 0; i < item.terms.length; i++) {
      cen.set(item.terms[i], (cen.get(item.terms[i]) ?? 0) + item.weights[i]);
    }
    let sq = 0;
    for (const w of cen.values()) sq += w * w;
    norms[best] = Math.sqrt(sq);
    out.push(best);
  }
  return out;
}

// ── Google News evaluation ──────────────────────────────────────────────────────────────────

/**
 * Runs the online clusterer over items in order and returns each item's final story: merges
 * reported by later decisions relabel earlier items (as the corpus layer rewrites stored
 * memberships), through a union-find over story ids.
 *
 * @example
 * ```ts
 * const { labels, merges } = runOnline(vectors, { threshold: 0.18 });
 * ```
 */
export function runOnline(
  items: readonly SparseVector[],
  opts: ClusterOptions = {},
): { labels: number[]; merges: number; threshold: number } {
  const c = new OnlineClusterer(opts);
  const into = new Map<number, number>();
  const raw: number[] = [];
  let merges = 0;
  items.forEach((v, key) => {
    const d = c.add({ key, terms: v.terms, weights: v.weights });
    if (d.merged) {
      into.set(d.merged.from, d.merged.into);
      merges++;
    }
    raw.push(d.story);
  });
  const find = (x: number): number => {
    let r = x;
    while (into.has(r)) r = into.get(r)!;
    return r;
  };
  return { labels: raw.map(find), merges, threshold: c.threshold };
}

/** Options of {@link evalGoogleNews}. */
export interface GoogleNewsOptions {
  /** Clusterer options (default: the clusterer's defaults). */
  cluster?: ClusterOptions;
  /** Cosine threshold of the single-pass baseline. Default {@link BASELINE_THRESHOLD}. */
  baselineThreshold?: number;
  /** Only the first `limit` items. */
  limit?: number;
  /** Thresholds of the sensitivity table, for both methods (empty: no sweep). Default {@link SWEEP}. */
  sweep?: number[];
}

/**
 * The baseline's fixed threshold: the clusterer's default, so the comparison shows what IDF
 * weighting, frozen unit vectors and merging add at the same setting. The sweep table shows the
 * baseline at other thresholds too, so it is not judged by one value.
 */
export const BASELINE_THRESHOLD = DEFAULT_CLUSTER_OPTIONS.threshold;

/** Default thresholds of the sensitivity sweep. */
export const SWEEP = [0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.25, 0.3];

/** One run's figures. */
export interface RunFigures extends ClusteringScores {
  threshold: number;
  seconds: number;
  itemsPerSecond: number;
}

/** Metrics of {@link evalGoogleNews}. */
export interface GoogleNewsMetrics {
  items: number;
  skippedLines: number;
  /** Seconds spent computing term vectors (shared by both methods, not in their speed). */
  vectorSeconds: number;
  storydiff: RunFigures & { merges: number };
  baseline: RunFigures;
  sweep: { threshold: number; storydiff: ClusteringScores; baseline: ClusteringScores }[];
}

/**
 * Evaluates online story clustering on the Google News title+snippet set (one JSON object per
 * line: `text`, gold `cluster`), fed in file order (it has no dates, so no time window applies).
 * Term vectors come from `termVector`; the clusterer is {@link OnlineClusterer} with its own
 * online document frequencies (IDF grows as items arrive, nothing is fitted ahead), and merges
 * relabel earlier items. The baseline is {@link singlePassBaseline} over the same vectors.
 * Returns printable lines and the figures; when the file is absent, a skip message instead.
 *
 * @example
 * ```ts
 * const r = await evalGoogleNews('../shared/eval/googlenews-ts.jsonl');
 * console.log(r.lines.join('\n'));
 * r.metrics?.storydiff.bcubed.f1;
 * ```
 */
export async function evalGoogleNews(
  path: string,
  opts: GoogleNewsOptions = {},
): Promise<{ lines: string[]; metrics?: GoogleNewsMetrics; skipped?: string }> {
  if (!existsSync(path)) {
    const skipped = `${basename(path)} not found`;
    return { lines: [`  skipped: ${skipped}`], skipped };
  }
  const { texts, gold, skippedLines } = loadGoogleNews(path, opts.limit);
  let t0 = performance.now();
  const vectors = texts.map((t) => termVector(t, 'en'));
  const vectorSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const ours = runOnline(vectors, opts.cluster);
  const oursSeconds = (performance.now() - t0) / 1000;
  const bt = opts.baselineThreshold ?? BASELINE_THRESHOLD;
  t0 = performance.now();
  const base = singlePassBaseline(vectors, bt);
  const baseSeconds = (performance.now() - t0) / 1000;

  const figures = (labels: number[], seconds: number, threshold: number): RunFigures => ({
    ...scoreClustering(labels, gold),
    threshold,
    seconds,
    itemsPerSecond: labels.length / Math.max(seconds, 1e-9),
  });
  const metrics: GoogleNewsMetrics = {
    items: texts.length,
    skippedLines,
    vectorSeconds,
    storydiff: { ...figures(ours.labels, oursSeconds, ours.threshold), merges: ours.merges },
    baseline: figures(base, baseSeconds, bt),
    sweep: [],
  };
  for (const threshold of opts.sweep ?? SWEEP) {
    metrics.sweep.push({
      threshold,
      storydiff: scoreClustering(runOnline(vectors, { ...opts.cluster, threshold }).labels, gold),
      baseline: scoreClustering(singlePassBaseline(vectors, threshold), gold),
    });
  }

  const row = (name: string, f: RunFigures) => [
    name,
    num(f.threshold, 2),
    pct(f.bcubed.precision),
    pct(f.bcubed.recall),
    pct(f.bcubed.f1),
    num(f.nmi),
    pct(f.pairwise.precision),
    pct(f.pairwise.recall),
    pct(f.pairwise.f1),
    String(f.clusters),
    num(f.itemsPerSecond, 0),
  ];
  const lines = [
    `  ${texts.length} items in file order, ${metrics.storydiff.goldClusters} gold stories; no dates, so no time window` +
      (skippedLines ? `; ${skippedLines} malformed line(s) skipped` : ''),
    `  term vectors ${num(vectorSeconds, 2)} s (not in items/s); IDF counted online; NMI normalised by the arithmetic mean`,
    `  of the entropies; baseline: single-pass clustering on plain TF cosine to cluster centroids, no IDF, no merging`,
    '',
    table(
      ['method', 'thr', 'B³ P', 'B³ R', 'B³ F1', 'NMI', 'pair P', 'pair R', 'pair F1', 'stories', 'items/s'],
      [row('storydiff online clusterer', metrics.storydiff), row('single-pass TF cosine', metrics.baseline)],
      { align: ['l'] },
    ),
    '',
    `  storydiff: ${ours.merges} story merges`,
  ];
  if (metrics.sweep.length) {
    lines.push('', '  threshold sensitivity', '');
    lines.push(
      table(
        ['threshold', 'storydiff B³ F1', 'NMI', 'stories', 'baseline B³ F1', 'NMI', 'stories'],
        metrics.sweep.map((s) => [
          num(s.threshold, 2) + (s.threshold === metrics.storydiff.threshold ? ' *' : ''),
          pct(s.storydiff.bcubed.f1),
          num(s.storydiff.nmi),
          String(s.storydiff.clusters),
          pct(s.baseline.bcubed.f1),
          num(s.baseline.nmi),
          String(s.baseline.clusters),
        ]),
      ),
    );
  }
  return { lines, metrics };
}

/**
 * Reads the Google News JSONL file: `text` and `cluster` of each well-formed line, in file order;
 * other lines are counted as skipped.
 *
 * @example
 * ```ts
 * const { texts, gold } = loadGoogleNews('../shared/eval/googlenews-ts.jsonl', 1000);
 * ```
 */
export function loadGoogleNews(
  path: string,
  limit?: number,
): { texts: string[]; gold: Label[]; skippedLines: number } {
  const texts: string[] = [];
  const gold: Label[] = [];
  let skippedLines = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    if (limit !== undefined && texts.length >= limit) break;
    try {
      const o = JSON.parse(line) as { text?: unknown; cluster?: unknown };
      if (typeof o.text !== 'string' || (typeof o.cluster !== 'number' && typeof o.cluster !== 'string')) {
        skippedLines++;
        continue;
      }
      texts.push(o.text);
      gold.push(o.cluster);
    } catch {
      skippedLines++;
    }
  }
  return { texts, gold, skippedLines };
}
