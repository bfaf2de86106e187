import { describe, expect, it } from 'vitest';
import { jacobiEigen, pca } from '../../scripts/lib/pca.js';

describe('jacobiEigen', () => {
  it('finds the eigenvalues of a symmetric matrix', () => {
    const { values } = jacobiEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 10), expect.closeTo(3, 10)]);
  });
});

describe('pca', () => {
  it('finds the direction of largest variance, with a fixed sign, and the share of variance kept', () => {
    // points along y = x with a little spread across it, symmetric under swapping x and y
    const x = Float64Array.of(0, 0, 1, 1.2, 1.2, 1, 3, 3);
    const p = pca(x, 4, 2, 1);
    expect(p.components[0][0]).toBeCloseTo(Math.SQRT1_2, 2);
    expect(p.components[0][1]).toBeCloseTo(Math.SQRT1_2, 2);
    expect(p.kept).toBeGreaterThan(0.99);
    expect(Array.from(p.mean)).toEqual([expect.closeTo(1.3, 10), expect.closeTo(1.3, 10)]);
  });

  it('gives the same components for the same input', () => {
    const x = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) + (i % 3));
    const a = pca(x, 20, 3, 2);
    const b = pca(x, 20, 3, 2);
    expect(a.components.map((c) => Array.from(c))).toEqual(b.components.map((c) => Array.from(c)));
  });
});
