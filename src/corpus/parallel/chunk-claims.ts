/**
 * How the fingerprint worker and the thread that submitted a batch share out its chunks. One
 * shared Int32Array per batch: word [0] holds both counts, the worker's chunks taken from the
 * front in its low 16 bits and the calling thread's taken from the back in its high 16 bits,
 * changed only by compare-and-swap so that each chunk goes to exactly one thread; word [1] is set
 * by the worker once it has no chunk of the batch left.
 */

/** Most chunks in a batch: both counts fit in one Int32 (15 bits each, the sign bit unused). */
export const MAX_CHUNKS = 0x7fff;

/**
 * A new claim word for a batch.
 *
 * @example
 * ```ts
 * const claim = newClaims();
 * claimFront(claim, 0, 3); // => true: chunk 0 is the worker's
 * claimBack(claim, 3);     // => 2: chunk 2 is the calling thread's
 * ```
 */
export function newClaims(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

/**
 * Claims chunk `c` of `total` from the front, for the worker; false when every chunk is taken.
 * Only the worker moves the front, one chunk at a time in order, so the front stands at `c`.
 */
export function claimFront(claim: Int32Array, c: number, total: number): boolean {
  for (;;) {
    const v = Atomics.load(claim, 0);
    if (c + (v >>> 16) >= total) return false;
    if (Atomics.compareExchange(claim, 0, v, v + 1) === v) return true;
  }
}

/** Claims the last unclaimed chunk of `total` from the back; its index, or -1 when none is left. */
export function claimBack(claim: Int32Array, total: number): number {
  for (;;) {
    const v = Atomics.load(claim, 0);
    const back = v >>> 16;
    if ((v & 0xffff) + back >= total) return -1;
    if (Atomics.compareExchange(claim, 0, v, v + 0x10000) === v) return total - 1 - back;
  }
}

/** Marks that the worker has no chunk of the batch left (the caller may stop helping). */
export function markWorkerDone(claim: Int32Array): void {
  Atomics.store(claim, 1, 1);
}

/** Whether the worker has no chunk of the batch left. */
export function workerDone(claim: Int32Array): boolean {
  return Atomics.load(claim, 1) !== 0;
}
