/**
 * Sorting a batch's index entries before they are written as a run (see runs.ts): tuples of
 * `width` safe integers, interleaved in one Float64Array.
 *
 * Decision: a two-pass radix sort on the top 21 bits of the first key, then a comparator sort of
 * only the runs of equal top bits that are not already in order. Callers emit tuples so that
 * equal first keys arrive in order, which leaves almost nothing for the second step.
 *
 * Cost: linear in the batch, where a comparator sort of a 50,000-entry batch cost ~10 µs an
 * article. Results live in scratch arrays this module owns (see scratch.ts), good until the
 * next call.
 */

import { scratchF64, scratchU32 } from './scratch.js';

/** Lexicographic comparison of tuple i of `a` with tuple j of `b`. */
export function compareTuples(a: Float64Array, i: number, b: Float64Array, j: number, width: number): number {
  for (let k = 0; k < width; k++) {
    const d = a[i + k] - b[j + k];
    if (d !== 0) return d;
  }
  return 0;
}

const BUCKET = 2 ** 33;

// The arrays of one sort, reused from call to call (see scratch.ts).
const bucketScratch = scratchU32();
const lowScratch = scratchU32();
const highScratch = scratchU32();
const tmpScratch = scratchU32();
const orderScratch = scratchU32();
const tuplesScratch = scratchF64();
const valuesScratch = scratchF64();
const countsScratch = scratchF64();

/**
 * The order of `n` tuples (interleaved, `width` numbers each), stable: a two-pass radix sort on
 * the top 21 bits of the first key (linear, where a comparator sort of a 50,000-entry batch cost
 * ~10 µs an article), then a comparator sort of only those runs of equal top bits that are not
 * already in order. Callers emit tuples so that equal first keys arrive in order (articles
 * ascending for bands, newest first for postings), which leaves almost nothing for the second step.
 */
function tupleOrder(e: Float64Array, n: number, width: number): Uint32Array {
  const bucket = bucketScratch.take(n);
  for (let i = 0; i < n; i++) bucket[i] = Math.floor((e[i * width] + 2 ** 53) / BUCKET);
  const lo = lowScratch.take(2049).fill(0, 0, 2049);
  const hi = highScratch.take(1025).fill(0, 0, 1025);
  for (let i = 0; i < n; i++) {
    lo[(bucket[i] & 2047) + 1]++;
    hi[(bucket[i] >>> 11) + 1]++;
  }
  for (let k = 1; k < 2049; k++) lo[k] += lo[k - 1];
  for (let k = 1; k < 1025; k++) hi[k] += hi[k - 1];
  const tmp = tmpScratch.take(n);
  for (let i = 0; i < n; i++) tmp[lo[bucket[i] & 2047]++] = i;
  const order = orderScratch.take(n);
  for (let r = 0; r < n; r++) {
    const i = tmp[r];
    order[hi[bucket[i] >>> 11]++] = i;
  }
  for (let s = 0; s < n; ) {
    const b = bucket[order[s]];
    let t = s + 1;
    let sorted = true;
    while (t < n && bucket[order[t]] === b) {
      if (sorted && compareTuples(e, order[t - 1] * width, e, order[t] * width, width) > 0) sorted = false;
      t++;
    }
    if (!sorted) {
      if (t - s <= 16) {
        // Insertion sort in place: most such runs hold two or three tuples.
        for (let a = s + 1; a < t; a++) {
          const x = order[a];
          let b = a - 1;
          while (b >= s && compareTuples(e, order[b] * width, e, x * width, width) > 0) {
            order[b + 1] = order[b];
            b--;
          }
          order[b + 1] = x;
        }
      } else {
        const part = Array.from(order.subarray(s, t));
        part.sort((x, y) => compareTuples(e, x * width, e, y * width, width));
        order.set(part, s);
      }
    }
    s = t;
  }
  return order;
}

/**
 * Sorts `n` tuples (interleaved, `width` numbers each) and drops repeated ones; returns the sorted
 * tuples (in a scratch array, good until the next call) and their count.
 *
 * @example
 * ```ts
 * sortTuples(Float64Array.of(5, 1, 2, 9, 5, 1), 3, 2); // => { tuples: [2, 9, 5, 1], n: 2 }
 * ```
 */
export function sortTuples(e: Float64Array, n: number, width: number): { tuples: Float64Array; n: number } {
  const order = tupleOrder(e, n, width);
  const out = tuplesScratch.take(n * width);
  let m = 0;
  for (let r = 0; r < n; r++) {
    const src = order[r] * width;
    if (m > 0 && compareTuples(out, (m - 1) * width, e, src, width) === 0) continue;
    for (let k = 0; k < width; k++) out[m * width + k] = e[src + k];
    m++;
  }
  return { tuples: out.subarray(0, m * width), n: m };
}

/**
 * The distinct values of `e[0..n)`, ascending, with how often each occurs (in scratch arrays,
 * good until the next call), by the same radix
 * sort as {@link sortTuples}: a native sort of a batch's 400,000 term occurrences cost ~6 µs an
 * article).
 *
 * @example
 * ```ts
 * countValues(Float64Array.of(7, 3, 7), 3); // => { values: [3, 7], counts: [1, 2], n: 2 }
 * ```
 */
export function countValues(
  e: Float64Array,
  n: number,
): { values: Float64Array; counts: Float64Array; n: number } {
  const order = tupleOrder(e, n, 1);
  const values = valuesScratch.take(n);
  const counts = countsScratch.take(n);
  let m = 0;
  for (let r = 0; r < n; r++) {
    const v = e[order[r]];
    if (m > 0 && values[m - 1] === v) counts[m - 1]++;
    else {
      values[m] = v;
      counts[m++] = 1;
    }
  }
  return { values: values.subarray(0, m), counts: counts.subarray(0, m), n: m };
}
