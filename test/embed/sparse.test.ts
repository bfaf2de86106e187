import { describe, expect, it } from 'vitest';
import { mapCosine } from '../../src/embed/sparse.js';

describe('mapCosine', () => {
  it('is 1 for parallel vectors, 0 for disjoint or empty ones', () => {
    expect(
      mapCosine(
        new Map([
          ['a', 2],
          ['b', 4],
        ]),
        new Map([
          ['a', 1],
          ['b', 2],
        ]),
      ),
    ).toBeCloseTo(1, 12);
    expect(mapCosine(new Map([['a', 1]]), new Map([['b', 1]]))).toBe(0);
    expect(mapCosine(new Map(), new Map([['b', 1]]))).toBe(0);
  });

  it('scales shared products without touching the norms', () => {
    const x = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    const y = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    expect(mapCosine(x, y, (k) => (k === 'a' ? 0.5 : 1))).toBeCloseTo(0.75, 12);
  });
});
