/**
 * Bloom filters over the first keys of an index run's tuples (see RunIndex.mayHold in runs.ts),
 * so that a point lookup seeks only the runs that may hold its key.
 *
 * Representation: a power-of-two number of bits in an Int32Array, about
 * {@link FILTER_BITS_PER_ENTRY} bits per key; a key sets {@link FILTER_PROBES} bits chosen by
 * double hashing of its two halves.
 *
 * Cost: ~1% false positives; 10 bits (1.25 bytes) per distinct key.
 */

import { fmix32 } from '../text/hash.js';

/** Bits per entry and probes per key: about 1% false positives. */
export const FILTER_BITS_PER_ENTRY = 10;
export const FILTER_PROBES = 6;

/** Two 32-bit hashes of a safe integer, from its two halves; the second is odd. */
function keyHashes(key: number, out: Int32Array): void {
  const lo = key | 0;
  const hi = Math.floor(key / 2 ** 32) | 0;
  out[0] = fmix32(lo ^ fmix32(hi + 0x3c6ef372));
  out[1] = fmix32(hi ^ fmix32(lo + 0x1b873593)) | 1;
}

const HASHES = new Int32Array(2);

/**
 * An empty filter sized for `entries` keys.
 *
 * @example
 * ```ts
 * const bits = emptyFilter(1000);
 * filterProbe(bits, 42, true);
 * filterProbe(bits, 42, false); // => true
 * ```
 */
export function emptyFilter(entries: number): Int32Array {
  let words = 2;
  while (words * 32 < entries * FILTER_BITS_PER_ENTRY) words *= 2;
  return new Int32Array(words);
}

/**
 * Tests the key's bits in a filter, setting them when `add`; returns whether all were set before
 * (false: the key was certainly not added; true: it probably was).
 *
 * @example
 * ```ts
 * filterProbe(bits, key, true); // adds the key
 * if (!filterProbe(bits, other, false)) skipRun();
 * ```
 */
export function filterProbe(bits: Int32Array, key: number, add: boolean): boolean {
  keyHashes(key, HASHES);
  const mask = bits.length * 32 - 1;
  let all = true;
  let h = HASHES[0];
  for (let i = 0; i < FILTER_PROBES; i++, h = (h + HASHES[1]) | 0) {
    const b = h & mask;
    const bit = 1 << (b & 31);
    if ((bits[b >>> 5] & bit) !== 0) continue;
    if (!add) return false;
    all = false;
    bits[b >>> 5] |= bit;
  }
  return all;
}

/**
 * Adds the first keys of the `width`-tuples in `block[0, end)` (sorted) to a filter, each distinct
 * key once; `last` is the key before the block. Returns the last key added.
 *
 * @example
 * ```ts
 * let last = Number.NaN;
 * for (const block of blocks) last = filterAddKeys(bits, block, block.length, 2, last);
 * ```
 */
export function filterAddKeys(
  bits: Int32Array,
  block: Float64Array,
  end: number,
  width: number,
  last: number,
): number {
  for (let i = 0; i < end; i += width) {
    if (block[i] !== last) filterProbe(bits, block[i], true);
    last = block[i];
  }
  return last;
}
