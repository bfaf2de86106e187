import { describe, expect, it } from 'vitest';
import {
  densify,
  EMPTY_BIN,
  estimateJaccard,
  isEmptySignature,
  minhashOf,
  ophAdd,
  ophInit,
} from '../../src/corpus/minhash.js';
import { StorydiffError } from '../../src/errors.js';

/** A small deterministic PRNG (mulberry32), so the statistical tests are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two sets with a given union size and exact Jaccard similarity: `shared` elements in both, the
 * rest split between them. Elements are drawn from a wide random range so sets of different
 * trials do not line up.
 */
function pairWithJaccard(
  union: number,
  j: number,
  rnd: () => number,
): { a: number[]; b: number[]; exact: number } {
  const shared = Math.round(union * j);
  const base = Math.floor(rnd() * 1e9);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < union; i++) {
    const x = (base + i * 7919) | 0;
    if (i < shared) {
      a.push(x);
      b.push(x);
    } else if (i % 2 === 0) a.push(x);
    else b.push(x);
  }
  return { a, b, exact: shared / union };
}

describe('one-permutation MinHash', () => {
  it('gives identical sets an estimate of exactly 1', () => {
    const s = Array.from({ length: 300 }, (_, i) => i * 31);
    expect(estimateJaccard(minhashOf(s, 128, 7), minhashOf([...s].reverse(), 128, 7))).toBe(1);
  });

  it('gives disjoint sets an estimate near 0', () => {
    const a = Array.from({ length: 500 }, (_, i) => i);
    const b = Array.from({ length: 500 }, (_, i) => 100_000 + i);
    expect(estimateJaccard(minhashOf(a, 128, 7), minhashOf(b, 128, 7))).toBeLessThanOrEqual(0.03);
  });

  it('estimates known Jaccard similarities (0.1 … 0.9) with mean absolute error < 0.05 at 128 bins', () => {
    const rnd = prng(12345);
    for (const union of [40, 400, 3000]) {
      let absErr = 0;
      let signedErr = 0;
      let n = 0;
      for (let trial = 0; trial < 40; trial++) {
        for (const j of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
          const { a, b, exact } = pairWithJaccard(union, j, rnd);
          const seed = Math.floor(rnd() * 2 ** 32);
          const est = estimateJaccard(minhashOf(a, 128, seed), minhashOf(b, 128, seed));
          absErr += Math.abs(est - exact);
          signedErr += est - exact;
          n++;
        }
      }
      // Standard error at 128 bins is at most 0.044, so the mean absolute error is about 0.035.
      expect(absErr / n, `union ${union}`).toBeLessThan(0.05);
      // And unbiased: densification must not pull small sets toward 0 or 1.
      expect(Math.abs(signedErr / n), `union ${union}`).toBeLessThan(0.015);
    }
  });

  it('fills every bin when the set is not empty (even with one element)', () => {
    const one = minhashOf([42], 128, 3);
    expect(one.every((v) => v === one[0])).toBe(true);
    expect(one[0]).not.toBe(EMPTY_BIN);
    const few = minhashOf([1, 2, 3], 128, 3);
    expect(few.includes(EMPTY_BIN)).toBe(false);
    expect(new Set(few).size).toBeLessThanOrEqual(3);
  });

  it('leaves the empty set all-empty, similar to nothing (not even itself)', () => {
    const empty = minhashOf([], 128, 3);
    expect(isEmptySignature(empty)).toBe(true);
    expect(estimateJaccard(empty, empty)).toBe(0);
    expect(estimateJaccard(empty, minhashOf([1], 128, 3))).toBe(0);
  });

  it('depends on the seed, and is deterministic for a seed', () => {
    const s = Array.from({ length: 100 }, (_, i) => i);
    expect(minhashOf(s, 64, 1)).toEqual(minhashOf(s, 64, 1));
    expect(minhashOf(s, 64, 1)).not.toEqual(minhashOf(s, 64, 2));
  });

  it('works for bin counts that are not powers of two', () => {
    const rnd = prng(99);
    const { a, b, exact } = pairWithJaccard(2000, 0.5, rnd);
    const est = estimateJaccard(minhashOf(a, 100, 5), minhashOf(b, 100, 5));
    expect(Math.abs(est - exact)).toBeLessThan(0.2);
  });

  it('stores a hash equal to the empty marker just below it', () => {
    const sig = ophInit(new Uint32Array(4));
    ophAdd(sig, EMPTY_BIN);
    expect(sig[3]).toBe(EMPTY_BIN - 1);
    expect(densify(sig, 1)).toBe(1);
    expect([...sig]).toEqual([EMPTY_BIN - 1, EMPTY_BIN - 1, EMPTY_BIN - 1, EMPTY_BIN - 1]);
  });

  it('keeps the smallest hash of a bin', () => {
    const sig = ophInit(new Uint32Array(2));
    ophAdd(sig, 0x10);
    ophAdd(sig, 0x05);
    ophAdd(sig, 0x7fffffff);
    ophAdd(sig, 0x80000009);
    ophAdd(sig, 0x80000001);
    expect([...sig]).toEqual([0x05, 0x80000001]);
  });

  it('refuses signatures of different lengths', () => {
    expect(() => estimateJaccard(new Uint32Array(4), new Uint32Array(8))).toThrow(StorydiffError);
  });
});
