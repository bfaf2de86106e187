/**
 * Candidate scoring shared by search and clustering: IDF-weighted cosine of the sparse term
 * vectors and IDF-weighted overlap of key terms. Plain functions over plain arrays.
 */

import type { IntList } from '../store/types.js';

/** Inverse document frequency with add-one smoothing, so unseen terms get the highest weight. */
export function idf(df: number, total: number): number {
  return Math.log((total + 1) / (df + 1)) + 1;
}

/**
 * Cosine of two sparse vectors whose terms are sorted ascending (as fingerprints store them),
 * each weight multiplied by the term's IDF. Linear merge, no allocation.
 *
 * @example
 * ```ts
 * const w = (t: number) => 1;
 * idfCosine([1, 2], new Float32Array([1, 1]), [2, 3], new Float32Array([1, 1]), w); // 0.5
 * ```
 */
export function idfCosine(
  at: IntList,
  aw: ArrayLike<number>,
  bt: IntList,
  bw: ArrayLike<number>,
  weight: (term: number) => number,
): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let i = 0;
  let j = 0;
  while (i < at.length || j < bt.length) {
    if (j >= bt.length || (i < at.length && at[i] < bt[j])) {
      const x = aw[i] * weight(at[i]);
      na += x * x;
      i++;
    } else if (i >= at.length || bt[j] < at[i]) {
      const y = bw[j] * weight(bt[j]);
      nb += y * y;
      j++;
    } else {
      const w = weight(at[i]);
      const x = aw[i] * w;
      const y = bw[j] * w;
      dot += x * y;
      na += x * x;
      nb += y * y;
      i++;
      j++;
    }
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * IDF-weighted Dice overlap of two key-term sets: the share of the distinctive evidence (names,
 * numbers, rare words) the two articles have in common.
 *
 * @example
 * ```ts
 * keyOverlap([1, 2, 3], [2, 3, 4], () => 1); // 2/3
 * ```
 */
export function keyOverlap(a: IntList, b: IntList, weight: (term: number) => number): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inB = new Set(b);
  let shared = 0;
  let sa = 0;
  let sb = 0;
  for (const t of a) {
    const w = weight(t);
    sa += w;
    if (inB.has(t)) shared += w;
  }
  for (const t of b) sb += weight(t);
  return sa + sb > 0 ? (2 * shared) / (sa + sb) : 0;
}
