/**
 * A plain TF-IDF cosine baseline: lower-cased Unicode word tokens, raw term counts, smoothed IDF
 * computed over a given set of texts. No stemming, no stop words: the point is a reference figure.
 */

/** Lower-cased runs of letters, combining marks and digits. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** A TF-IDF model fitted on a collection. */
export interface TfIdf {
  /** Number of distinct texts the IDF was computed over. */
  readonly n: number;
  /** Smoothed IDF: ln((1 + n) / (1 + df)) + 1 (unseen terms get df = 0). */
  idf(term: string): number;
  /** TF-IDF vector of a text (raw counts × IDF). */
  vector(text: string): Map<string, number>;
  /** Cosine of the two texts' vectors, 0..1 (0 when either has no tokens). */
  cosine(a: string, b: string): number;
}

/** Fits IDF over the set of `docs` (duplicates count once). */
export function fitTfIdf(docs: Iterable<string>): TfIdf {
  const df = new Map<string, number>();
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d)) continue;
    seen.add(d);
    for (const t of new Set(tokenize(d))) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = seen.size;
  const idf = (term: string): number => Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1;
  const cache = new Map<string, { v: Map<string, number>; norm: number }>();
  const vec = (text: string) => {
    let hit = cache.get(text);
    if (!hit) {
      const v = new Map<string, number>();
      for (const t of tokenize(text)) v.set(t, (v.get(t) ?? 0) + 1);
      let sq = 0;
      for (const [t, c] of v) {
        const w = c * idf(t);
        v.set(t, w);
        sq += w * w;
      }
      hit = { v, norm: Math.sqrt(sq) };
      if (cache.size > 50_000) cache.clear();
      cache.set(text, hit);
    }
    return hit;
  };
  return {
    n,
    idf,
    vector: (text) => new Map(vec(text).v),
    cosine(a, b) {
      const va = vec(a);
      const vb = vec(b);
      if (va.norm === 0 || vb.norm === 0) return 0;
      const [small, large] = va.v.size <= vb.v.size ? [va.v, vb.v] : [vb.v, va.v];
      let dot = 0;
      for (const [t, w] of small) {
        const u = large.get(t);
        if (u !== undefined) dot += w * u;
      }
      return Math.min(1, dot / (va.norm * vb.norm));
    },
  };
}

/** IDF over `docs`; returns the cosine of two texts' TF-IDF vectors. */
export function tfidfCosine(docs: Iterable<string>): (a: string, b: string) => number {
  const model = fitTfIdf(docs);
  return (a, b) => model.cosine(a, b);
}
