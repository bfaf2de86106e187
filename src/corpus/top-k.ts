/**
 * The few best of a fingerprint's ranked terms: quickselect of the k largest rank keys (only the
 * set is needed, so nothing is sorted whole; sorting all of a document's terms, even natively,
 * dominated an earlier profile), and an insertion sort for the few that must be ordered.
 */

/**
 * Moves the k largest of a[0, n) to a[0, k) (unordered; Hoare quickselect) and returns how many
 * that is (k, or n if smaller).
 *
 * @example
 * ```ts
 * const a = Float64Array.of(5, 1, 9, 3);
 * selectTop(a, 4, 2); // => 2; a[0..2) holds 9 and 5 in some order
 * ```
 */
export function selectTop(a: Float64Array, n: number, k: number): number {
  if (k >= n) return n;
  if (k <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median of three as the pivot keeps sorted or reversed input linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return k;
  }
  return k;
}

/**
 * Sorts a[0, n) in descending order (insertion sort: n is small).
 *
 * @example
 * ```ts
 * const a = Float64Array.of(1, 3, 2);
 * sortDesc(a, 3); // a => [3, 2, 1]
 * ```
 */
export function sortDesc(a: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i;
    while (j > 0 && a[j - 1] < v) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = v;
  }
}
