/**
 * Small typed arrays of fingerprints, cut from shared slabs.
 *
 * A fingerprint's typed arrays are views of small shared slabs: a typed array of more than 64
 * bytes gets a backing store of its own (a malloc, and a young array buffer for the GC to sweep),
 * which cost more than the arrays' contents at two per article. A slab is 16 KB, so a view kept
 * alive keeps at most that much. Two functions, one per array type, on purpose: one generic
 * function constructing either type measured ~3% slower ingest (a polymorphic construction).
 */

const SLAB = 4096;
let u32Slab = new Uint32Array(0);
let u32At = 0;
let f32Slab = new Float32Array(0);
let f32At = 0;

/**
 * A zeroed Uint32Array of n elements, a view of a shared slab.
 *
 * @example
 * ```ts
 * const minhash = slabU32(128);
 * ```
 */
export function slabU32(n: number): Uint32Array {
  if (n > SLAB) return new Uint32Array(n);
  if (u32At + n > u32Slab.length) {
    u32Slab = new Uint32Array(SLAB);
    u32At = 0;
  }
  const v = new Uint32Array(u32Slab.buffer, u32At * 4, n);
  u32At += n;
  return v;
}

/**
 * A zeroed Float32Array of n elements, a view of a shared slab.
 *
 * @example
 * ```ts
 * const weights = slabF32(64);
 * ```
 */
export function slabF32(n: number): Float32Array {
  if (n > SLAB) return new Float32Array(n);
  if (f32At + n > f32Slab.length) {
    f32Slab = new Float32Array(SLAB);
    f32At = 0;
  }
  const v = new Float32Array(f32Slab.buffer, f32At * 4, n);
  f32At += n;
  return v;
}
