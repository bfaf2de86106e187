/**
 * Small, fast, deterministic integer hashing for the corpus fingerprints and the store's key
 * filters. Everything here works on 32-bit integers with `Math.imul`, so results are identical on
 * every machine and Node version, and nothing allocates. Wider keys are built from two independent
 * 32-bit hashes and returned as non-negative JavaScript safe integers (< 2^53) so they round-trip
 * through SQLite INTEGER and PostgreSQL BIGINT without BigInt.
 */

/** FNV-1a 32-bit offset basis and prime. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
/** Multiplier of the second, independent string hash (MurmurHash2's m). */
export const M2 = 0x5bd1e995;
/** 2^32 as a double, for splitting and joining wide keys. */
export const TWO_POW_32 = 4294967296;

/**
 * MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers with full avalanche. Used to
 * turn the weak per-character hashes into well-mixed values and to derive seeded variants.
 *
 * @example
 * ```ts
 * fmix32(1); // => 1364076727
 * ```
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Mixes `v` into the running hash `h` (MurmurHash3's block step): order-sensitive, so
 * `mix(mix(s, a), b) !== mix(mix(s, b), a)`. Returns an unsigned 32-bit integer.
 *
 * @example
 * ```ts
 * const h = fmix32(mix(mix(seed, wordA), wordB));
 * ```
 */
export function mix(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

/**
 * Joins two 32-bit hashes into one non-negative safe integer (21 high bits of `hi`, all 32 of
 * `lo`): 53 bits, so the collision odds of a 10-million-key table stay around 10^-2.
 *
 * @example
 * ```ts
 * join53(0xffffffff, 0xffffffff) <= Number.MAX_SAFE_INTEGER; // => true
 * ```
 */
export function join53(hi: number, lo: number): number {
  return (hi >>> 11) * TWO_POW_32 + (lo >>> 0);
}

/**
 * A 53-bit hash of a string's UTF-16 code units: FNV-1a and a MurmurHash2-style multiply-xor
 * hash run side by side, each finalised with {@link fmix32}, then joined. Deterministic across
 * runs and machines; not cryptographic.
 *
 * @example
 * ```ts
 * hashString53('w:strike') === hashString53('w:strike'); // => true
 * Number.isSafeInteger(hashString53('anything'));         // => true
 * ```
 */
export function hashString53(s: string): number {
  let h1 = FNV_OFFSET;
  let h2 = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, FNV_PRIME);
    h2 = Math.imul(h2 ^ c, M2);
    h2 ^= h2 >>> 15;
  }
  return join53(fmix32(h1), fmix32(h2));
}
