/**
 * Scratch arrays: typed arrays reused from batch to batch by the SQLite store's write path.
 *
 * Why: fresh typed arrays for every batch (~28 MB of them at 4,000 articles) count as external
 * memory, and made V8 start a full mark-sweep of the whole heap every two or three batches
 * ("external memory pressure").
 *
 * Decision: each use owns its array (one {@link Scratch} per use, made where it is used), so two
 * uses can never be handed the same array and nothing has to keep numbered slots apart. An array
 * is longer than asked for and holds its contents only until its owner takes it again.
 *
 * Cost: at most {@link SCRATCH_KEEP} elements kept per use; a larger request is allocated for
 * that one call.
 */

/** Largest scratch array kept (elements); larger ones are allocated for the one call. */
export const SCRATCH_KEEP = 1 << 22;

/**
 * One reusable typed array, grown by half when a request is longer.
 *
 * @example
 * ```ts
 * const counts = scratchU32();
 * const a = counts.take(1000); // at least 1,000 elements, not zeroed
 * ```
 */
export class Scratch<T extends Uint32Array | Float64Array> {
  private kept: T | undefined;
  constructor(private readonly make: (n: number) => T) {}

  /** An array of at least n elements (not zeroed): the kept one when it is long enough. */
  take(n: number): T {
    const a = this.kept;
    if (a !== undefined && a.length >= n) return a;
    if (n > SCRATCH_KEEP) return this.make(n);
    const b = this.make(Math.min(SCRATCH_KEEP, Math.max(n, Math.ceil((a?.length ?? 0) * 1.5))));
    this.kept = b;
    return b;
  }
}

/**
 * A new scratch Uint32Array, for one use.
 *
 * @example
 * ```ts
 * const order = scratchU32().take(n);
 * ```
 */
export function scratchU32(): Scratch<Uint32Array> {
  return new Scratch((n) => new Uint32Array(n));
}

/**
 * A new scratch Float64Array, for one use.
 *
 * @example
 * ```ts
 * const tuples = scratchF64().take(n * 2);
 * ```
 */
export function scratchF64(): Scratch<Float64Array> {
  return new Scratch((n) => new Float64Array(n));
}
