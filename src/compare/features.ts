/**
 * Sentence features of a document pair, and the overlap and cosine measures the aligner and the
 * scores take from them.
 *
 * Representation. Each sentence is a {@link SentenceVec}: parallel arrays of term ids (in a
 * vocabulary shared by both sides) and weights (a base weight, higher for names and numbers,
 * times an IDF over the sentences of both documents), their sum, and the counts of its words'
 * character 4-grams with their norm.
 *
 * Decision. A word found on one side only that is a close spelling of a word on the other side
 * is mapped onto it with a penalty, so misspelt and transliterated names still match
 * ("Blanken"/"Blinken").
 *
 * Cost. Linear in the tokens, plus the fuzzy mapping: each term only in b against the terms only
 * in a that start with the same letter.
 */
import type { Doc } from '../doc/types.js';
import { nameWordSimilarity } from '../extract/names.js';
import type { Token } from '../text/types.js';

/**
 * Sentence features for one pair of documents: every content word becomes a term id in a vocabulary
 * shared by both sides, weighted by an IDF computed over the sentences of both documents. Words of
 * one side that exist only as a close misspelling on the other ("Blanken"/"Blinken") are mapped onto
 * the other side's term with a penalty, so names survive transliteration.
 */
export interface PairFeatures {
  /** Term weights per sentence: parallel arrays of term ids and weights. */
  a: SentenceVec[];
  b: SentenceVec[];
  /** Penalty (0..1] applied when a term matched only fuzzily; 1 for exact terms. */
  penalty: Float32Array;
  /** Surface form of each term (first seen), for evidence. */
  surface: string[];
  /** IDF of each term. */
  idf: Float32Array;
}

export interface SentenceVec {
  ids: Int32Array;
  w: Float32Array;
  /** Sum of weights. */
  total: number;
  /** Character 4-gram counts of the sentence's content words, for morphology and transliteration. */
  grams: Map<string, number>;
  gramNorm: number;
}

/** Whether a token carries content for similarity. */
export function isContent(t: Token): boolean {
  if (t.kind === 'number') return true;
  if (t.kind !== 'word' || t.stop) return false;
  // Single letters outside CJK carry no content ("s" of "'s", initials).
  return t.norm.length > 1 || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(t.norm);
}

/** Base weight of a token before IDF: names and numbers are the anchors of a news story. */
function baseWeight(t: Token): number {
  if (t.kind === 'number') return 1.3;
  if (t.cap) return 1.4;
  return 1;
}

function termOf(t: Token): string {
  return t.kind === 'number' ? `#${t.norm.replace(/[,.\s]/g, '')}` : t.stem;
}

function addGrams(grams: Map<string, number>, word: string): void {
  const w = ` ${word} `;
  if (w.length <= 4) {
    grams.set(w, (grams.get(w) ?? 0) + 1);
    return;
  }
  for (let i = 0; i + 4 <= w.length; i++) {
    const g = w.slice(i, i + 4);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
}

/** Options of {@link pairFeatures}. */
export interface FeatureOptions {
  /** Use IDF over the sentences of both documents (true for documents, false for two lone sentences). */
  idf?: boolean;
  /** Smallest Jaro-Winkler/phonetic similarity for a fuzzy term match. */
  fuzzyMin?: number;
}

/** Builds the shared-vocabulary sentence vectors of a document pair. */
export function pairFeatures(da: Doc, db: Doc, opts: FeatureOptions = {}): PairFeatures {
  const useIdf = opts.idf ?? true;
  const fuzzyMin = opts.fuzzyMin ?? 0.9;
  const vocab = new Map<string, number>();
  const surface: string[] = [];
  const df: number[] = [];
  const side: number[] = [];
  const idOf = (term: string, surf: string, s: 1 | 2): number => {
    let id = vocab.get(term);
    if (id === undefined) {
      id = vocab.size;
      vocab.set(term, id);
      surface.push(surf);
      df.push(0);
      side.push(0);
    }
    side[id] |= s;
    return id;
  };
  const rawA = da.tokens.map((ts) =>
    ts.filter(isContent).map((t) => [idOf(termOf(t), t.text, 1), t] as const),
  );
  const rawB = db.tokens.map((ts) =>
    ts.filter(isContent).map((t) => [idOf(termOf(t), t.text, 2), t] as const),
  );

  // Fuzzy mapping of one-sided word terms onto the other side's terms (misspelt names, MT variants).
  const remap = new Int32Array(vocab.size).map((_, i) => i);
  const penalty = new Float32Array(vocab.size).fill(1);
  const terms = [...vocab.keys()];
  const buckets = new Map<string, number[]>();
  for (let id = 0; id < terms.length; id++) {
    const t = terms[id];
    if ((side[id] & 1) === 0 || t.length < 4 || t.startsWith('#')) continue;
    const k = t[0];
    const arr = buckets.get(k);
    if (arr) arr.push(id);
    else buckets.set(k, [id]);
  }
  for (let id = 0; id < terms.length; id++) {
    const t = terms[id];
    if (side[id] !== 2 || t.length < 4 || t.startsWith('#')) continue;
    let best = -1;
    let bestSim = fuzzyMin;
    for (const cand of buckets.get(t[0]) ?? []) {
      if (side[cand] !== 1) continue;
      const c = terms[cand];
      if (Math.abs(c.length - t.length) > 2) continue;
      const sim = nameWordSimilarity(c, t);
      if (sim >= bestSim) {
        bestSim = sim;
        best = cand;
      }
    }
    if (best >= 0) {
      remap[id] = best;
      penalty[best] = Math.min(penalty[best], bestSim);
    }
  }

  const build = (
    raw: (readonly [number, Token])[][],
  ): { ids: number[]; w: number[]; grams: Map<string, number> }[] =>
    raw.map((pairs) => {
      const weights = new Map<number, number>();
      const grams = new Map<string, number>();
      for (const [id0, tok] of pairs) {
        const id = remap[id0];
        weights.set(id, Math.max(weights.get(id) ?? 0, baseWeight(tok)));
        if (tok.kind === 'word') addGrams(grams, tok.norm);
      }
      return { ids: [...weights.keys()], w: [...weights.values()], grams };
    });
  const va = build(rawA);
  const vb = build(rawB);
  for (const v of [...va, ...vb]) for (const id of v.ids) df[id]++;
  const n = va.length + vb.length;
  const idf = new Float32Array(vocab.size);
  for (let id = 0; id < idf.length; id++) {
    // Smoothed IDF, floored so that a word in every sentence still counts a little.
    idf[id] = useIdf ? Math.max(0.25, Math.log((n + 1) / (df[id] + 0.5)) / Math.log(n + 1)) : 1;
  }
  const finish = (v: { ids: number[]; w: number[]; grams: Map<string, number> }): SentenceVec => {
    const ids = Int32Array.from(v.ids);
    const w = Float32Array.from(v.w.map((x, k) => x * idf[v.ids[k]]));
    let total = 0;
    for (const x of w) total += x;
    let gn = 0;
    for (const c of v.grams.values()) gn += c * c;
    return { ids, w, total, grams: v.grams, gramNorm: Math.sqrt(gn) };
  };
  return { a: va.map(finish), b: vb.map(finish), penalty, surface, idf };
}

/** Overlap of two sentence vectors: matched weight and the share of each side covered. */
export interface Overlap {
  matched: number;
  covA: number;
  covB: number;
}

/** Weighted overlap of two bags of terms (each term counted once per sentence). */
export function overlap(x: SentenceVec, y: SentenceVec, penalty: Float32Array): Overlap {
  let matched = 0;
  if (x.ids.length && y.ids.length) {
    const small = x.ids.length <= y.ids.length ? x : y;
    const big = small === x ? y : x;
    const idx = new Map<number, number>();
    for (let k = 0; k < big.ids.length; k++) idx.set(big.ids[k], big.w[k]);
    for (let k = 0; k < small.ids.length; k++) {
      const wb = idx.get(small.ids[k]);
      if (wb !== undefined) matched += Math.min(wb, small.w[k]) * penalty[small.ids[k]];
    }
  }
  return { matched, covA: x.total ? matched / x.total : 0, covB: y.total ? matched / y.total : 0 };
}

/** Cosine of the character 4-gram profiles of two sentences. */
export function gramCosine(x: SentenceVec, y: SentenceVec): number {
  if (!x.gramNorm || !y.gramNorm) return 0;
  const [s, b] = x.grams.size <= y.grams.size ? [x.grams, y.grams] : [y.grams, x.grams];
  let dot = 0;
  for (const [g, c] of s) {
    const d = b.get(g);
    if (d) dot += c * d;
  }
  return dot / (x.gramNorm * y.gramNorm);
}

/** Merges several sentence vectors into one (for n:m links). */
export function mergeVecs(vs: SentenceVec[]): SentenceVec {
  if (vs.length === 1) return vs[0];
  const weights = new Map<number, number>();
  const grams = new Map<string, number>();
  for (const v of vs) {
    for (let k = 0; k < v.ids.length; k++)
      weights.set(v.ids[k], Math.max(weights.get(v.ids[k]) ?? 0, v.w[k]));
    for (const [g, c] of v.grams) grams.set(g, (grams.get(g) ?? 0) + c);
  }
  let total = 0;
  for (const x of weights.values()) total += x;
  let gn = 0;
  for (const c of grams.values()) gn += c * c;
  return {
    ids: Int32Array.from(weights.keys()),
    w: Float32Array.from(weights.values()),
    total,
    grams,
    gramNorm: Math.sqrt(gn),
  };
}
