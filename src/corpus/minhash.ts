/**
 * MinHash signatures by one-permutation hashing (OPH) with optimal densification.
 *
 * Classic MinHash applies `numPerm` hash functions to every shingle: 128 hashes per shingle is
 * most of the cost of fingerprinting. One-permutation hashing (Li, Owen & Zhang, "One
 * Permutation Hashing", NIPS 2012) hashes each shingle ONCE: the hash picks a bin (its top bits)
 * and is the candidate value for that bin; each bin keeps its minimum. Bins that no shingle hit
 * are then filled by densification, here Shrivastava's "optimal densification" (A. Shrivastava,
 * "Optimal Densification for Fast and Accurate Minwise Hashing", ICML 2017): an empty bin `i`
 * probes bins `p(i, 1), p(i, 2), …` of a fixed pseudo-random sequence and copies the value of the
 * first bin that was non-empty BEFORE densification. Because the probe sequence does not depend
 * on the set, two sets agree on bin `i` with probability equal to their Jaccard similarity, as for
 * true MinHash, and the estimator is {@link estimateJaccard}: the fraction of equal bins.
 *
 * Deviations from the paper, both deliberate: (1) the stored value of a bin is the whole 32-bit
 * hash, not its offset inside the bin; since the bin is the hash's top bits, the minimum is the
 * same, and a borrowed value keeps its source bin in its top bits, so values copied from
 * different source bins can never be equal by accident. (2) After 32·numPerm unsuccessful random
 * probes (only possible with one or two non-empty bins) the probe falls back to a circular scan
 * from `i`; that sequence is still set-independent, so the estimator stays unbiased in practice,
 * and the loop is bounded.
 */

import { StorydiffError } from '../errors.js';
import { fmix32, mix, TWO_POW_32 } from '../text/hash.js';

/**
 * Marker of an empty bin. A real hash equal to it is stored as `EMPTY_BIN - 1` (a 2^-32 event),
 * so the marker is unambiguous. An empty set's signature is all markers.
 */
export const EMPTY_BIN = 0xffffffff;

/**
 * Starts a signature: every bin empty.
 *
 * @example
 * ```ts
 * const sig = ophInit(new Uint32Array(128));
 * ```
 */
export function ophInit(sig: Uint32Array): Uint32Array {
  sig.fill(EMPTY_BIN);
  return sig;
}

/**
 * Adds one (already well-mixed, unsigned 32-bit) element hash: its top bits choose the bin, and
 * the bin keeps the smallest hash it has seen. Inline-friendly: a multiply, a compare, a store.
 *
 * @example
 * ```ts
 * ophAdd(sig, fmix32(mix(seed, shingle)));
 * ```
 */
export function ophAdd(sig: Uint32Array, h: number): void {
  let v = h >>> 0;
  if (v === EMPTY_BIN) v = EMPTY_BIN - 1;
  const bin = Math.floor((v * sig.length) / TWO_POW_32);
  if (v < sig[bin]) sig[bin] = v;
}

// Scratch for densification: empty bin indices and their borrowed values (grown on demand).
let emptyIdx = new Int32Array(128);
let borrowed = new Uint32Array(128);

/** Probe `attempt` of empty bin `bin`: a fixed pseudo-random bin, independent of the set. */
function probe(bin: number, attempt: number, seed: number, k: number): number {
  const h = fmix32(mix(mix(seed ^ 0x2545f491, bin), attempt));
  return Math.floor((h * k) / TWO_POW_32);
}

/**
 * Fills empty bins by optimal densification (Shrivastava 2017; see the module comment). An
 * all-empty signature (the empty set) is left as it is. Returns the number of bins that were
 * non-empty before densification.
 *
 * @example
 * ```ts
 * ophInit(sig);
 * for (const h of shingleHashes) ophAdd(sig, h);
 * densify(sig, seed);
 * ```
 */
export function densify(sig: Uint32Array, seed: number): number {
  const k = sig.length;
  if (emptyIdx.length < k) {
    emptyIdx = new Int32Array(k);
    borrowed = new Uint32Array(k);
  }
  let empties = 0;
  for (let i = 0; i < k; i++) if (sig[i] === EMPTY_BIN) emptyIdx[empties++] = i;
  const filled = k - empties;
  if (empties === 0 || filled === 0) return filled;
  // First find every borrowed value, then write: probes must only see originally non-empty bins.
  const maxAttempts = 32 * k;
  for (let e = 0; e < empties; e++) {
    const i = emptyIdx[e];
    let v = EMPTY_BIN;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const j = probe(i, attempt, seed, k);
      if (sig[j] !== EMPTY_BIN) {
        v = sig[j];
        break;
      }
    }
    if (v === EMPTY_BIN) {
      for (let step = 1; step < k; step++) {
        const j = (i + step) % k;
        if (sig[j] !== EMPTY_BIN) {
          v = sig[j];
          break;
        }
      }
    }
    borrowed[e] = v;
  }
  for (let e = 0; e < empties; e++) sig[emptyIdx[e]] = borrowed[e];
  return filled;
}

/**
 * MinHash signature of a set of 32-bit integers (each hashed once with the seed): the reference
 * entry point for tests and for callers that already hold element hashes. Shingled text goes
 * through `fingerprint()`, which feeds {@link ophAdd} directly.
 *
 * @example
 * ```ts
 * const a = minhashOf([1, 2, 3, 4], 128, 42);
 * const b = minhashOf([3, 4, 5, 6], 128, 42);
 * estimateJaccard(a, b); // ≈ 0.33
 * ```
 */
export function minhashOf(elements: Iterable<number>, numPerm: number, seed: number): Uint32Array {
  const sig = ophInit(new Uint32Array(numPerm));
  const s = fmix32(seed >>> 0);
  for (const x of elements) ophAdd(sig, fmix32(mix(s, x)));
  densify(sig, seed);
  return sig;
}

/**
 * True when a signature is the empty set's (every bin still the empty marker).
 *
 * @example
 * ```ts
 * isEmptySignature(minhashOf([], 128, 1)); // => true
 * ```
 */
export function isEmptySignature(sig: Uint32Array): boolean {
  for (let i = 0; i < sig.length; i++) if (sig[i] !== EMPTY_BIN) return false;
  return true;
}

/**
 * Estimated Jaccard similarity of the sets behind two signatures: the fraction of bins with equal
 * values. Bins empty in both (the empty set) do not count as agreement: the Jaccard similarity of
 * two empty sets is undefined, and calling it 1 would make every empty article a near-duplicate
 * of every other. Signatures of different lengths come from different settings and are refused.
 *
 * @example
 * ```ts
 * estimateJaccard(sigA, sigA); // => 1 (unless sigA is the empty set's)
 * ```
 */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = a.length;
  if (n !== b.length)
    throw new StorydiffError('USAGE', `signature lengths differ (${n} vs ${b.length}): different settings`);
  if (n === 0) return 0;
  let eq = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i] && a[i] !== EMPTY_BIN) eq++;
  return eq / n;
}
