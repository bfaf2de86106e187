/**
 * Sparse vectors as maps from a key to a weight: the one cosine that the document signals
 * (`compare/scores.ts`) and the language-independent anchors (`embed/anchors.ts`) both use.
 */

/**
 * Cosine of two sparse vectors held as maps; 0 when either is empty. `scale`, when given,
 * multiplies each shared key's product (a per-key penalty) without touching the norms.
 *
 * @example
 * ```ts
 * mapCosine(new Map([['a', 1], ['b', 1]]), new Map([['a', 1]])); // => 0.7071…
 * ```
 */
export function mapCosine<K>(x: Map<K, number>, y: Map<K, number>, scale?: (k: K) => number): number {
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (const [k, v] of x) {
    nx += v * v;
    const w = y.get(k);
    if (w) dot += scale ? v * w * scale(k) : v * w;
  }
  for (const v of y.values()) ny += v * v;
  return nx && ny ? dot / Math.sqrt(nx * ny) : 0;
}
