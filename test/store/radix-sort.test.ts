import { describe, expect, it } from 'vitest';
import { countValues, sortTuples } from '../../src/store/radix-sort.js';
import { randomTuples, reference, rng, unpack } from './tuples.js';

describe('sortTuples', () => {
  it('sorts and deduplicates tuples of width 2 and 3 whatever their order', () => {
    const rnd = rng(7);
    for (const w of [2, 3]) {
      for (const n of [0, 1, 2, 50, 3000]) {
        const tuples = randomTuples(n, w, rnd);
        const { tuples: sorted, n: m } = sortTuples(Float64Array.from(tuples.flat()), tuples.length, w);
        expect(unpack(sorted, m, w)).toEqual(reference(tuples));
      }
    }
  });

  it('keeps keys that share their top bits apart', () => {
    // Differ only in the low bits, and given in descending order.
    const tuples = [
      [2 ** 40 + 5, 1],
      [2 ** 40 + 3, 2],
      [2 ** 40 + 3, 1],
      [2 ** 40, 9],
    ];
    const { tuples: sorted, n } = sortTuples(Float64Array.from(tuples.flat()), 4, 2);
    expect(unpack(sorted, n, 2)).toEqual(reference(tuples));
  });

  it('sorts runs of shared top bits of every size, in place or not', () => {
    // Runs of 2..40 tuples in one radix bucket each, shuffled: both the insertion sort of short
    // runs and the comparator sort of long ones, with equal first keys and repeats among them.
    const rnd = rng(11);
    for (const size of [2, 3, 15, 16, 17, 40]) {
      for (const w of [2, 3]) {
        const tuples: number[][] = [];
        for (let b = 0; b < 5; b++) {
          const base = (b - 2) * 2 ** 40;
          for (let i = 0; i < size; i++) {
            const t = [base + Math.floor(rnd() * 8)];
            for (let k = 1; k < w; k++) t.push(Math.floor(rnd() * 4));
            tuples.push(t);
          }
        }
        for (let i = tuples.length - 1; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          [tuples[i], tuples[j]] = [tuples[j], tuples[i]];
        }
        const { tuples: sorted, n } = sortTuples(Float64Array.from(tuples.flat()), tuples.length, w);
        expect(unpack(sorted, n, w)).toEqual(reference(tuples));
      }
    }
  });
});

describe('scratch arrays', () => {
  it('give exact results when a small batch follows a large one (no stale tail leaks)', () => {
    const rnd = rng(23);
    const big = randomTuples(6000, 3, rnd);
    const small = [
      [5, 1, 1],
      [2, 9, 9],
      [5, 1, 1],
    ];
    for (const tuples of [big, small, big]) {
      const { tuples: sorted, n } = sortTuples(Float64Array.from(tuples.flat()), tuples.length, 3);
      expect(sorted.length).toBe(n * 3);
      expect(unpack(sorted, n, 3)).toEqual(reference(tuples));
    }
    const got = countValues(Float64Array.of(4, 4, 1), 3);
    expect([Array.from(got.values), Array.from(got.counts)]).toEqual([
      [1, 4],
      [1, 2],
    ]);
  });
});

describe('countValues', () => {
  it('counts each distinct value, ascending, against a Map', () => {
    const rnd = rng(11);
    for (const n of [0, 1, 2, 40, 5000]) {
      const values = randomTuples(n, 1, rnd).flat();
      // Values that differ only in their low bits land in one radix bucket, out of order.
      values.push(2 ** 40 + 9, 2 ** 40 + 1, 2 ** 40 + 9);
      const counts = new Map<number, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      const want = [...counts].sort((a, b) => a[0] - b[0]);
      const got = countValues(Float64Array.from(values), values.length);
      expect(got.n).toBe(want.length);
      expect(Array.from(got.values)).toEqual(want.map(([v]) => v));
      expect(Array.from(got.counts)).toEqual(want.map(([, c]) => c));
    }
  });
});
