/**
 * BLOB encodings of the fingerprint arrays the store keeps, plus the small numeric helpers the
 * SQLite store needs on its write path (ordering index rows, counting terms).
 *
 * Encodings (all little-endian, the byte order of every platform Node supports in practice;
 * {@link assertLittleEndian} refuses anything else rather than writing unportable files):
 * - `Uint32Array` (MinHash signatures): 4 bytes per value.
 * - `Float32Array` (vector and centroid weights): 4 bytes per value.
 * - `number[]` of safe integers (term hashes, band keys): IEEE 754 doubles, 8 bytes per value,
 *   exact for every safe integer, and decoded without any parsing.
 */

import { endianness } from 'node:os';
import { StorydiffError } from '../errors.js';
import type { IntList } from './types.js';

/**
 * Throws unless the host is little-endian: the BLOBs are raw typed-array bytes, so a big-endian
 * host would read them wrongly.
 */
export function assertLittleEndian(): void {
  if (endianness() !== 'LE') {
    throw new StorydiffError('RESOURCE_UNAVAILABLE', 'the SQLite store needs a little-endian host');
  }
}

/**
 * Encodes a MinHash signature. The driver binds any typed array as a BLOB of its bytes, so the
 * encoders only make sure the bytes are the right type; nothing is copied here.
 *
 * @example
 * ```ts
 * blobToU32(Buffer.from(u32ToBlob(new Uint32Array([1, 2])).buffer)); // => Uint32Array [1, 2]
 * ```
 */
export function u32ToBlob(a: Uint32Array): ArrayBufferView {
  return a;
}

/** Encodes weights (the Float32Array's own bytes). */
export function f32ToBlob(a: Float32Array): ArrayBufferView {
  return a;
}

/**
 * Encodes safe integers (term hashes, band keys) as doubles.
 *
 * @example
 * ```ts
 * blobToInts(Buffer.from(intsToBlob([3, -(2 ** 52)]).buffer)); // => [3, -4503599627370496]
 * ```
 */
export function intsToBlob(a: IntList): ArrayBufferView {
  // A Float64Array already holds exactly these bytes: bind it as it is.
  return a instanceof Float64Array ? a : new Float64Array(a);
}

/** Checks a BLOB's type and length; returns its element count. */
function count(b: Uint8Array, size: number, what: string): number {
  if (!(b instanceof Uint8Array) || b.byteLength % size !== 0) {
    const got = b instanceof Uint8Array ? `${b.byteLength} bytes` : `a ${typeof b}`;
    throw new StorydiffError('INTERNAL', `corrupt ${what} BLOB in the store (${got})`);
  }
  return b.byteLength / size;
}

/**
 * The BLOB's bytes where a typed array of `size`-byte elements can view them: in place when the
 * offset is aligned (the driver gives each BLOB its own ArrayBuffer, so this is the usual case and
 * costs nothing), else copied to a fresh ArrayBuffer (a Buffer from a pooled slab may sit at any
 * offset, and a typed array needs its element alignment).
 */
function aligned(b: Uint8Array, size: number): [ArrayBufferLike, number] {
  if (b.byteOffset % size === 0) return [b.buffer, b.byteOffset];
  return [b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength), 0];
}

/** Decodes a MinHash signature (a view of the BLOB's bytes when they are aligned). */
export function blobToU32(b: Uint8Array, what = 'signature'): Uint32Array {
  const n = count(b, 4, what);
  const [buf, off] = aligned(b, 4);
  return new Uint32Array(buf, off, n);
}

/** Decodes weights (a view of the BLOB's bytes when they are aligned). */
export function blobToF32(b: Uint8Array, what = 'weights'): Float32Array {
  const n = count(b, 4, what);
  const [buf, off] = aligned(b, 4);
  return new Float32Array(buf, off, n);
}

/** Decodes doubles (a view of the BLOB's bytes when they are aligned). */
export function blobToF64(b: Uint8Array, what = 'index block'): Float64Array {
  const n = count(b, 8, what);
  const [buf, off] = aligned(b, 8);
  return new Float64Array(buf, off, n);
}

/** Decodes safe integers written by {@link intsToBlob}. */
export function blobToInts(b: Uint8Array, what = 'terms'): number[] {
  const n = count(b, 8, what);
  const [buf, off] = aligned(b, 8);
  const f = new Float64Array(buf, off, n);
  // A plain loop: several times faster than Array.from on a typed array.
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = f[i];
  return out;
}

/** True when the numbers are strictly ascending (so they are also distinct). */
function strictlyAscending(a: IntList): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i - 1] < a[i])) return false;
  return true;
}

/**
 * Writes the distinct values of `a` ∪ `b` into `out` from position `at`; returns the position
 * after them. Fingerprints keep their term lists sorted, so this is usually a linear merge; other
 * input goes through a Set. `out` must have room for `a.length + b.length` values.
 *
 * @example
 * ```ts
 * const out = new Float64Array(5);
 * unionInto([1, 3], [2, 3, 4], out, 0); // => 4, out starts [1, 2, 3, 4]
 * ```
 */
export function unionInto(a: IntList, b: IntList, out: Float64Array, at: number): number {
  let k = at;
  if (strictlyAscending(a) && strictlyAscending(b)) {
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out[k++] = a[i++];
      else if (i >= a.length || b[j] < a[i]) out[k++] = b[j++];
      else {
        out[k++] = a[i++];
        j++;
      }
    }
    return k;
  }
  for (const v of new Set([...a, ...b])) out[k++] = v;
  return k;
}

/**
 * The `published` value that stands for "undated" in the index tables and in a `ScanCursor`: the
 * lowest safe integer, so undated articles sort first and windows are plain integer ranges. A
 * record may not use it as a real time.
 */
export const UNDATED = Number.MIN_SAFE_INTEGER;
