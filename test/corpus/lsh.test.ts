import { describe, expect, it } from 'vitest';
import { bandKeys, collisionProbability, lshParams } from '../../src/corpus/lsh.js';
import { EMPTY_BIN, minhashOf } from '../../src/corpus/minhash.js';
import { StorydiffError } from '../../src/errors.js';

/**
 * An independent brute-force version of the datasketch criterion: trapezoid rule with many
 * points (not Simpson), and its own loops.
 */
function bruteForce(
  t: number,
  n: number,
  wfp = 0.5,
  wfn = 0.5,
): { bands: number; rows: number; err: number } {
  const steps = 2000;
  const area = (f: (s: number) => number, a: number, b: number): number => {
    const h = (b - a) / steps;
    let sum = (f(a) + f(b)) / 2;
    for (let i = 1; i < steps; i++) sum += f(a + i * h);
    return sum * h;
  };
  const errOf = (b: number, r: number): number => {
    const p = (s: number): number => 1 - (1 - s ** r) ** b;
    return wfp * area(p, 0, t) + wfn * area((s) => 1 - p(s), t, 1);
  };
  let best = { bands: 0, rows: 0, err: Number.POSITIVE_INFINITY };
  for (let b = 1; b <= n; b++)
    for (let r = 1; b * r <= n; r++) {
      const err = errOf(b, r);
      if (err < best.err) best = { bands: b, rows: r, err };
    }
  return best;
}

/** The criterion for one (b, r) by the midpoint rule, to compare two choices. */
function bruteErr(t: number, b: number, r: number, wfp = 0.5, wfn = 0.5): number {
  const steps = 4000;
  const p = (s: number): number => 1 - (1 - s ** r) ** b;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < steps; i++) {
    const s1 = ((i + 0.5) / steps) * t;
    fp += p(s1) * (t / steps);
    const s2 = t + ((i + 0.5) / steps) * (1 - t);
    fn += (1 - p(s2)) * ((1 - t) / steps);
  }
  return wfp * fp + wfn * fn;
}

describe('lshParams', () => {
  it('matches reference values (computed independently with scipy.integrate.quad, datasketch’s method)', () => {
    expect(lshParams(0.5, 128)).toEqual({ bands: 25, rows: 5 });
    expect(lshParams(0.4, 128)).toEqual({ bands: 32, rows: 4 });
    expect(lshParams(0.3, 128)).toEqual({ bands: 37, rows: 3 });
    expect(lshParams(0.7, 128)).toEqual({ bands: 14, rows: 9 });
    expect(lshParams(0.9, 128)).toEqual({ bands: 5, rows: 25 });
    expect(lshParams(0.5, 64)).toEqual({ bands: 14, rows: 4 });
    expect(lshParams(0.8, 256)).toEqual({ bands: 17, rows: 15 });
    expect(lshParams(0.5, 128, { falsePositive: 0.1, falseNegative: 0.9 })).toEqual({ bands: 32, rows: 4 });
  });

  it('agrees with a brute-force integration in the test', () => {
    for (const [t, n] of [
      [0.35, 64],
      [0.55, 96],
      [0.75, 128],
    ] as const) {
      const mine = lshParams(t, n);
      const ref = bruteForce(t, n);
      // The same choice, or (if two choices are within integration error) an equally good one.
      if (mine.bands !== ref.bands || mine.rows !== ref.rows)
        expect(bruteErr(t, mine.bands, mine.rows)).toBeLessThan(ref.err + 1e-6);
      else expect(mine).toEqual({ bands: ref.bands, rows: ref.rows });
    }
  });

  it('puts more rows in a band for a higher threshold, and never exceeds numPerm', () => {
    for (const n of [32, 128, 256]) {
      let prevRows = 0;
      for (const t of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
        const { bands, rows } = lshParams(t, n);
        expect(bands * rows).toBeLessThanOrEqual(n);
        expect(bands).toBeGreaterThanOrEqual(1);
        expect(rows).toBeGreaterThanOrEqual(prevRows);
        prevRows = rows;
      }
    }
  });

  it('trades precision for recall with the weights', () => {
    const recall = lshParams(0.6, 128, { falsePositive: 0.05, falseNegative: 0.95 });
    const precision = lshParams(0.6, 128, { falsePositive: 0.95, falseNegative: 0.05 });
    expect(collisionProbability(0.6, recall.bands, recall.rows)).toBeGreaterThan(
      collisionProbability(0.6, precision.bands, precision.rows),
    );
  });

  it('puts the steep part of the S-curve near the threshold', () => {
    const { bands, rows } = lshParams(0.5, 128);
    expect(collisionProbability(0.2, bands, rows)).toBeLessThan(0.05);
    expect(collisionProbability(0.8, bands, rows)).toBeGreaterThan(0.99);
  });

  it('refuses invalid input loudly', () => {
    const bad: [number, number, { falsePositive: number; falseNegative: number }?][] = [
      [0, 128],
      [1, 128],
      [-0.2, 128],
      [Number.NaN, 128],
      [Number.POSITIVE_INFINITY, 128],
      [0.5, 0],
      [0.5, 1],
      [0.5, 12.5],
      [0.5, 100_000],
      [0.5, 128, { falsePositive: -1, falseNegative: 1 }],
      [0.5, 128, { falsePositive: 0, falseNegative: 0 }],
      [0.5, 128, { falsePositive: Number.NaN, falseNegative: 1 }],
    ];
    for (const [t, n, w] of bad) {
      expect(() => lshParams(t, n, w), `${t} ${n} ${JSON.stringify(w)}`).toThrow(StorydiffError);
      try {
        lshParams(t, n, w);
      } catch (e) {
        expect((e as StorydiffError).code).toBe('USAGE');
      }
    }
    expect(() => lshParams('0.5' as unknown as number, 128)).toThrow(StorydiffError);
  });
});

describe('bandKeys', () => {
  const sig = minhashOf(
    Array.from({ length: 400 }, (_, i) => i),
    128,
    9,
  );

  it('gives one non-negative safe integer per band, deterministically', () => {
    const keys = bandKeys(sig, 32, 4, 9);
    expect(keys).toHaveLength(32);
    for (const k of keys) {
      expect(Number.isSafeInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(0);
    }
    expect(bandKeys(sig, 32, 4, 9)).toEqual(keys);
    expect(new Set(keys).size).toBe(32);
  });

  it('changes only the band whose rows change', () => {
    const other = sig.slice();
    other[9] ^= 1; // row 1 of band 2
    const a = bandKeys(sig, 32, 4, 9);
    const b = bandKeys(other, 32, 4, 9);
    expect(a.filter((k, i) => k !== b[i])).toHaveLength(1);
    expect(a[2]).not.toBe(b[2]);
  });

  it('keys the band index: equal rows in different bands give different keys', () => {
    const flat = new Uint32Array(8).fill(5);
    const [k0, k1] = bandKeys(flat, 2, 4, 1);
    expect(k0).not.toBe(k1);
  });

  it('gives the empty signature no keys', () => {
    expect(bandKeys(new Uint32Array(128).fill(EMPTY_BIN), 32, 4, 1)).toEqual([]);
  });

  it('makes near-duplicates collide and unrelated sets not', () => {
    const base = Array.from({ length: 500 }, (_, i) => i);
    const near = [...base.slice(0, 470), ...Array.from({ length: 30 }, (_, i) => 10_000 + i)];
    const far = Array.from({ length: 500 }, (_, i) => 50_000 + i);
    const k = (s: number[]) => new Set(bandKeys(minhashOf(s, 128, 4), 32, 4, 4));
    const kb = k(base);
    expect([...k(near)].some((x) => kb.has(x))).toBe(true);
    expect([...k(far)].some((x) => kb.has(x))).toBe(false);
  });

  it('refuses bands * rows beyond the signature', () => {
    expect(() => bandKeys(sig, 33, 4, 9)).toThrow(StorydiffError);
  });
});
