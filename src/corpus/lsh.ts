/**
 * Locality-sensitive hashing over MinHash signatures by banding: the signature is cut into `bands`
 * bands of `rows` values; two articles become candidates when any band is identical. A pair with
 * Jaccard similarity s collides in at least one band with probability 1 - (1 - s^r)^b, an S-curve
 * whose steep part sits near (1/b)^(1/r). {@link lshParams} picks b and r for a threshold.
 */

import { StorydiffError } from '../errors.js';
import { fmix32, join53, mix } from '../text/hash.js';
import { EMPTY_BIN } from './minhash.js';

/**
 * Probability that a pair with Jaccard similarity `s` shares at least one band.
 *
 * @example
 * ```ts
 * collisionProbability(0.4, 32, 4); // => 0.56
 * ```
 */
export function collisionProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

// Composite Simpson's rule on [a, b] with `n` (even) intervals: accurate to ~1e-9 on these smooth
// integrands, which is far below the differences between neighbouring (b, r) choices.
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  if (b <= a) return 0;
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/**
 * Probability mass of false positives: the area under the collision curve below the threshold.
 *
 * @example
 * ```ts
 * falsePositiveArea(0.4, 32, 4); // => ≈ 0.053
 * ```
 */
export function falsePositiveArea(threshold: number, bands: number, rows: number): number {
  return simpson((s) => collisionProbability(s, bands, rows), 0, threshold, 256);
}

/**
 * Probability mass of false negatives: the area above the collision curve from the threshold up.
 *
 * @example
 * ```ts
 * falseNegativeArea(0.4, 32, 4); // => ≈ 0.033
 * ```
 */
export function falseNegativeArea(threshold: number, bands: number, rows: number): number {
  return simpson((s) => 1 - collisionProbability(s, bands, rows), threshold, 1, 256);
}

const paramCache = new Map<string, { bands: number; rows: number }>();

/**
 * Bands and rows for a Jaccard threshold, as datasketch's `_optimal_param` chooses them: over all
 * `b * r <= numPerm`, minimise `wFP * ∫₀ᵗ P(s) ds + wFN * ∫ₜ¹ (1 - P(s)) ds` where
 * `P(s) = 1 - (1 - s^r)^b`, integrated numerically (Simpson, 256 intervals). Ties keep the first
 * (smallest b, then smallest r), as datasketch does. Results are memoised. Weights need not sum to
 * 1; only their ratio matters. Invalid input throws a `USAGE` StorydiffError.
 *
 * @example
 * ```ts
 * lshParams(0.5, 128); // => { bands: 25, rows: 5 }
 * lshParams(0.4, 128); // => { bands: 32, rows: 4 }
 * lshParams(0.5, 128, { falsePositive: 0.1, falseNegative: 0.9 }); // => { bands: 32, rows: 4 }: catches more
 * ```
 */
export function lshParams(
  threshold: number,
  numPerm: number,
  weights: { falsePositive: number; falseNegative: number } = { falsePositive: 0.5, falseNegative: 0.5 },
): { bands: number; rows: number } {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0 || threshold >= 1)
    throw new StorydiffError(
      'USAGE',
      `LSH threshold must be a number strictly between 0 and 1, got ${threshold}`,
    );
  if (!Number.isInteger(numPerm) || numPerm < 2 || numPerm > 4096)
    throw new StorydiffError('USAGE', `numPerm must be an integer from 2 to 4096, got ${numPerm}`);
  const wfp = weights?.falsePositive;
  const wfn = weights?.falseNegative;
  if (
    typeof wfp !== 'number' ||
    typeof wfn !== 'number' ||
    !Number.isFinite(wfp) ||
    !Number.isFinite(wfn) ||
    wfp < 0 ||
    wfn < 0 ||
    wfp + wfn <= 0
  )
    throw new StorydiffError(
      'USAGE',
      `LSH weights must be finite, non-negative and not both zero, got ${JSON.stringify(weights)}`,
    );
  const key = `${threshold}|${numPerm}|${wfp}|${wfn}`;
  const hit = paramCache.get(key);
  if (hit) return { ...hit };
  let best = { bands: 1, rows: 1 };
  let bestErr = Number.POSITIVE_INFINITY;
  for (let b = 1; b <= numPerm; b++) {
    const maxR = Math.floor(numPerm / b);
    for (let r = 1; r <= maxR; r++) {
      const err = wfp * falsePositiveArea(threshold, b, r) + wfn * falseNegativeArea(threshold, b, r);
      if (err < bestErr) {
        bestErr = err;
        best = { bands: b, rows: r };
      }
    }
  }
  paramCache.set(key, best);
  return { ...best };
}

/**
 * LSH band keys of a signature: for band `i`, its `rows` values and `i` itself hashed into a
 * non-negative safe integer (two independent 32-bit hash chains joined to 53 bits), so band `i`
 * of one article can only match band `i` of another. Deterministic across runs and machines. The
 * empty set's signature has no band keys: it is similar to nothing, and giving every empty
 * article the same keys would make one giant bucket.
 *
 * @example
 * ```ts
 * const keys = bandKeys(sig, 18, 7, 1); // 18 safe integers
 * ```
 */
export function bandKeys(sig: Uint32Array, bands: number, rows: number, seed: number): number[] {
  if (bands * rows > sig.length)
    throw new StorydiffError(
      'USAGE',
      `bands * rows (${bands} * ${rows}) exceeds the signature length ${sig.length}`,
    );
  const out: number[] = new Array(bands);
  let empty = true;
  for (let b = 0; b < bands; b++) {
    let h1 = mix(seed ^ 0x68e31da4, b);
    let h2 = mix(seed ^ 0x1b56c4e9, b + 0x632be5ab);
    const base = b * rows;
    for (let r = 0; r < rows; r++) {
      const v = sig[base + r];
      if (v !== EMPTY_BIN) empty = false;
      h1 = mix(h1, v);
      h2 = mix(h2, v ^ 0x5851f42d);
    }
    out[b] = join53(fmix32(h1 ^ rows), fmix32(h2 ^ (rows << 8)));
  }
  return empty ? [] : out;
}
