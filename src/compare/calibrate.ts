/**
 * The SemEval-2022 Task 8 estimate: maps a comparison onto the task's 1–4 scale (1 = very
 * similar, 4 = very dissimilar) with a linear model over features of the comparison, and fits
 * that model.
 *
 * Representation. A {@link SemevalModel}: feature names, their mean and standard deviation (the
 * features are standardised), one weight each and an intercept, shipped as numbers in
 * `semeval-params.ts`.
 *
 * Decision. Plain ridge regression solved in closed form: small enough to ship, refit and explain.
 * Across languages the lexical signals are near zero, so names, numbers, character n-grams and
 * anchors get weights of their own there. The penalty was chosen by cross-validation in
 * scripts/fit-semeval.ts.
 *
 * Cost. A prediction is a dot product over the features; a fit solves one p × p system.
 */
import { SEMEVAL_MODEL_SCHEMA } from '../formats.js';
import { SEMEVAL_MODEL } from './semeval-params.js';
import type { Comparison, Relation } from './types.js';

/**
 * A linear model mapping comparison features onto the SemEval-2022 Task 8 scale
 * (1 = very similar … 4 = very dissimilar). Features are standardised with the stored mean and
 * standard deviation; the model is plain ridge regression, small enough to ship as numbers.
 */
export interface SemevalModel {
  schema: typeof SEMEVAL_MODEL_SCHEMA;
  features: string[];
  mean: number[];
  std: number[];
  weights: number[];
  intercept: number;
  /** Ridge penalty used in the fit. */
  lambda: number;
  /** Where the model was fitted (file name and number of pairs). */
  fittedOn: string;
}

/** Names of the features, in order. */
const BASE_FEATURES = [
  'overall',
  'aInB',
  'bInA',
  'minContainment',
  'narrative',
  'entities',
  'entitiesEvidence',
  'places',
  'time',
  'reuse',
  'linkedShare',
  'sameLanguage',
  'sqrtNarrative',
  'sqrtEntities',
  'terms',
  'grams',
  'names',
  'numbers',
  'title',
  'hasTitles',
  'sqrtTerms',
  'sqrtGrams',
  'namesMax',
  'crossNames',
  'crossNumbers',
  'crossGrams',
  'crossAnchors',
] as const;

/** Names of the features {@link semevalFeatures} returns, in order. */
export const SEMEVAL_FEATURES: readonly string[] = BASE_FEATURES;

/**
 * The feature vector of a comparison used by the SemEval estimate.
 *
 * @example
 * ```ts
 * const x = semevalFeatures(compare(a, b)); // number[] of SEMEVAL_FEATURES.length
 * ```
 */
export function semevalFeatures(cmp: Comparison): number[] {
  return baseFeatures(cmp);
}

function baseFeatures(cmp: Comparison): number[] {
  const s = cmp.scores;
  const d = s.dimensions;
  const linkedA = new Set(cmp.alignment.flatMap((l) => l.a)).size;
  const linkedB = new Set(cmp.alignment.flatMap((l) => l.b)).size;
  const total = cmp.a.sentences.length + cmp.b.sentences.length;
  const cross = cmp.a.lang === cmp.b.lang ? 0 : 1;
  const ev = d.entities.shared.length + d.entities.onlyA.length + d.entities.onlyB.length;
  return [
    s.overall,
    s.containment.aInB,
    s.containment.bInA,
    Math.min(s.containment.aInB, s.containment.bInA),
    d.narrative.score,
    d.entities.score,
    ev > 0 ? 1 : 0,
    d.places.score,
    d.time.score,
    s.reuse,
    total ? (linkedA + linkedB) / total : 0,
    1 - cross,
    Math.sqrt(Math.max(0, d.narrative.score)),
    Math.sqrt(Math.max(0, d.entities.score)),
    s.signals.terms,
    s.signals.grams,
    s.signals.names,
    s.signals.numbers,
    s.signals.title,
    s.signals.hasTitles,
    Math.sqrt(s.signals.terms),
    Math.sqrt(s.signals.grams),
    s.signals.namesMax,
    // Across languages the lexical signals are near zero; names, numbers and character n-grams
    // carry the comparison, so they get weights of their own there.
    cross * s.signals.namesMax,
    cross * s.signals.numbers,
    cross * s.signals.grams,
    cross * ((d.narrative.score + s.signals.anchors) / 2),
  ];
}

/** Default ridge penalty of the shared weights (chosen by cross-validation in scripts/fit-semeval.ts). */
export const DEFAULT_LAMBDA = 0.3;

/** Solves (XᵀX + λI) w = Xᵀy by Gaussian elimination with partial pivoting. */
function ridge(X: number[][], y: number[], lambda: number): number[] {
  const p = X[0]?.length ?? 0;
  const A = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  for (let r = 0; r < X.length; r++) {
    const x = X[r];
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) A[i][j] += x[i] * x[j];
      A[i][p] += x[i] * y[r];
    }
  }
  for (let i = 0; i < p; i++) A[i][i] += lambda;
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    const d = A[c][c] || 1e-12;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r][c] / d;
      for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => row[p] / (A[i][i] || 1e-12));
}

/**
 * Fits a SemEval model by ridge regression on standardised features.
 *
 * @example
 * ```ts
 * const model = fitSemeval(X, y); // y on the 1..4 scale
 * predictSemeval(model, X[0]);
 * ```
 */
export function fitSemeval(
  X: number[][],
  y: number[],
  opts: { lambda?: number; fittedOn?: string } = {},
): SemevalModel {
  if (!X.length || X.length !== y.length)
    throw new Error('fitSemeval: X and y must be non-empty and of equal length');
  const lambda = opts.lambda ?? DEFAULT_LAMBDA;
  const p = X[0].length;
  const mean = new Array<number>(p).fill(0);
  const std = new Array<number>(p).fill(0);
  for (const x of X) for (let i = 0; i < p; i++) mean[i] += x[i] / X.length;
  for (const x of X) for (let i = 0; i < p; i++) std[i] += (x[i] - mean[i]) ** 2 / X.length;
  // A constant feature has a rounding-noise deviation, not 0: treat it as constant.
  for (let i = 0; i < p; i++) {
    const sd = Math.sqrt(std[i]);
    std[i] = sd > 1e-9 * Math.max(1, Math.abs(mean[i])) ? sd : 1;
  }
  const ym = y.reduce((a, b) => a + b, 0) / y.length;
  const Z = X.map((x) => x.map((v, i) => (v - mean[i]) / std[i]));
  const w = ridge(
    Z,
    y.map((v) => v - ym),
    lambda,
  );
  return {
    schema: SEMEVAL_MODEL_SCHEMA,
    features: [...SEMEVAL_FEATURES].slice(0, p),
    mean,
    std,
    weights: w,
    intercept: ym,
    lambda,
    fittedOn: opts.fittedOn ?? 'unknown',
  };
}

/** Applies a SemEval model to a feature vector; the result is clamped to [1, 4]. */
export function predictSemeval(model: SemevalModel, x: number[]): number {
  let v = model.intercept;
  for (let i = 0; i < model.weights.length; i++)
    v += model.weights[i] * ((x[i] - model.mean[i]) / model.std[i]);
  return Math.min(4, Math.max(1, v));
}

/** The SemEval estimate of a comparison with the shipped model. */
export function semevalEstimate(
  cmp: Comparison,
  model: SemevalModel = SEMEVAL_MODEL as unknown as SemevalModel,
): number {
  return Math.round(predictSemeval(model, semevalFeatures(cmp)) * 1000) / 1000;
}

/**
 * Bands of the SemEval estimate that name the distant relations: below `sameStory` the same story,
 * below `related` a related one, from there on unrelated. The scale's own words place them: 2 is
 * "somewhat similar", 3 "somewhat dissimilar", and the midpoint 2.5 separates the two; the band of
 * "related" ends at 3.0 because the fitted estimate is shrunk towards the middle (pairs rated 4
 * by annotators rarely get more than 3.5) — checked, not fitted, on the SemEval dev labels.
 */
export const RELATION_BANDS = { sameStory: 2.5, related: 3.0 } as const;

/** Relations decided by shared wording (copies and rewrites), closest first. */
const TEXTUAL: ReadonlySet<Relation> = new Set<Relation>(['verbatim-copy', 'edited-copy', 'rewrite']);

/**
 * One decision for the relation label and the SemEval estimate, so that the two never disagree.
 * Copies and rewrites are told apart by shared wording (`textual`, from the relation ladder); their
 * estimate is capped at the top of the same-story band, since a text that reuses the other's
 * sentences is at least the same story. Below that the label is read off the estimate's bands
 * ({@link RELATION_BANDS}), so a pair labelled unrelated never has a better estimate than one
 * labelled related, nor a related one than a same-story one. Two texts that share nothing (no
 * word, character n-gram, name, number or anchor; e.g. "x" and "y") are unrelated, estimate 4:
 * the linear model would otherwise place such a pair in the middle of the scale.
 *
 * @example
 * ```ts
 * decideRelation('related', 3.4, true);    // { relation: 'unrelated', estimate: 3.4 }
 * decideRelation('rewrite', 2.9, true);    // { relation: 'rewrite', estimate: 2.5 }
 * decideRelation('related', 2.77, false);  // { relation: 'unrelated', estimate: 4 }
 * ```
 */
export function decideRelation(
  textual: Relation,
  estimate: number,
  sharesAnything: boolean,
): { relation: Relation; estimate: number } {
  if (TEXTUAL.has(textual))
    return { relation: textual, estimate: Math.min(estimate, RELATION_BANDS.sameStory) };
  if (!sharesAnything) return { relation: 'unrelated', estimate: 4 };
  const relation: Relation =
    estimate < RELATION_BANDS.sameStory
      ? 'same-story'
      : estimate < RELATION_BANDS.related
        ? 'related'
        : 'unrelated';
  return { relation, estimate };
}

/**
 * True when two compared texts share any evidence at all: contained content, or any common stem,
 * character 4-gram, name, number or language-independent anchor.
 *
 * @example
 * ```ts
 * sharesAnything(compare('x', 'y')); // false
 * ```
 */
export function sharesAnything(cmp: Comparison): boolean {
  const s = cmp.scores;
  const g = s.signals;
  return (
    s.containment.aInB +
      s.containment.bInA +
      g.terms +
      g.grams +
      g.names +
      g.namesMax +
      g.numbers +
      g.anchors >
    0
  );
}
