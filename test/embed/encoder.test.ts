import { describe, expect, it } from 'vitest';
import { cachedEncoder, cosine, type Encoder } from '../../src/embed/encoder.js';

/** A toy encoder: a bag of letters, enough to test the plumbing. */
function letters(calls: string[][]): Encoder {
  return {
    name: 'letters@1',
    dim: 26,
    async encode(texts) {
      calls.push(texts);
      return texts.map((t) => {
        const v = new Float32Array(26);
        for (const c of t.toLowerCase()) {
          const k = c.charCodeAt(0) - 97;
          if (k >= 0 && k < 26) v[k]++;
        }
        return v;
      });
    },
  };
}

describe('encoder helpers', () => {
  it('cosine is 1 for parallel vectors, 0 for orthogonal or empty ones', () => {
    expect(cosine(Float32Array.of(1, 2), Float32Array.of(2, 4))).toBeCloseTo(1, 6);
    expect(cosine(Float32Array.of(1, 0), Float32Array.of(0, 1))).toBe(0);
    expect(cosine(Float32Array.of(0, 0), Float32Array.of(1, 1))).toBe(0);
  });

  it('cachedEncoder encodes each distinct sentence once and keeps the order', async () => {
    const calls: string[][] = [];
    const enc = cachedEncoder(letters(calls));
    const first = await enc.encode(['abc', 'xyz', 'abc']);
    const second = await enc.encode(['xyz', 'new']);
    expect(calls).toEqual([['abc', 'xyz'], ['new']]);
    expect(first[0]).toBe(first[2]);
    expect(second[0]).toBe(first[1]);
    expect(enc.name).toBe('letters@1');
  });
});

describe('cachedEncoder limits', () => {
  it('evicts the oldest entries first when full', async () => {
    const calls: string[][] = [];
    const enc = cachedEncoder(letters(calls), 2);
    await enc.encode(['a', 'b']);
    await enc.encode(['c']); // evicts 'a'
    await enc.encode(['b', 'c', 'a']);
    expect(calls).toEqual([['a', 'b'], ['c'], ['a']]);
  });

  it('keeps the inner encoder languages', () => {
    const inner: Encoder = { ...letters([]), languages: ['en'] };
    expect(cachedEncoder(inner).languages).toEqual(['en']);
  });
});
