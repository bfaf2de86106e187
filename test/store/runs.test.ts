import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  blockCapacity,
  countValues,
  LOWEST,
  RUNS_SCHEMA,
  RunIndex,
  sortTuples,
} from '../../src/store/runs.js';

/** A deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Tuples as arrays, sorted and distinct: what sortTuples must produce. */
function reference(tuples: number[][]): number[][] {
  const key = (t: number[]) => t.join(',');
  const seen = new Map(tuples.map((t) => [key(t), t]));
  return [...seen.values()].sort((a, b) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
    return 0;
  });
}

function unpack(f: Float64Array, n: number, w: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(f.subarray(i * w, i * w + w)));
}

/** Random tuples: wide-ranging first keys (extremes included), a few heavy ones, repeats. */
function randomTuples(n: number, w: number, rnd: () => number): number[][] {
  const heavy = [0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 40];
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const k1 =
      rnd() < 0.3
        ? heavy[Math.floor(rnd() * heavy.length)]
        : Math.floor((rnd() - 0.5) * 2 * Number.MAX_SAFE_INTEGER);
    const t = [k1];
    for (let k = 1; k < w; k++) t.push(Math.floor((rnd() - 0.5) * 1e6));
    out.push(t);
    if (rnd() < 0.1) out.push([...t]);
  }
  return out;
}

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

describe('blockCapacity', () => {
  it('keeps a block on its page: ~250 bands or ~160 postings with 16 KiB pages, at least 4', () => {
    expect(blockCapacity(16384, 2)).toBeGreaterThan(240);
    expect(blockCapacity(16384, 3)).toBeGreaterThan(160);
    expect(blockCapacity(16384, 2) * 16).toBeLessThan(4086);
    expect(blockCapacity(512, 3)).toBe(4);
  });
});

describe('RunIndex', () => {
  function open(capacity: number) {
    const db = new Database(':memory:');
    db.exec(RUNS_SCHEMA);
    return { db, ix: new RunIndex(db, 0, 2, capacity) };
  }
  /** Everything in the index, by reading every run from the start. */
  function all(ix: RunIndex): number[][] {
    const out: number[][] = [];
    for (const r of ix.runs())
      ix.visitFrom(r.run, [LOWEST, LOWEST], (b, i) => {
        out.push([b[i], b[i + 1]]);
        return true;
      });
    return reference(out);
  }
  /** The tuples whose first key is k, through one lookup per run. */
  function lookup(ix: RunIndex, k: number): number[] {
    const out: number[] = [];
    for (const r of ix.runs())
      ix.visitFrom(r.run, [k, LOWEST], (b, i) => {
        if (b[i] !== k) return false;
        out.push(b[i + 1]);
        return true;
      });
    return out.sort((a, b) => a - b);
  }

  it('answers like a set through adds, tiered merges, removals and compaction', () => {
    const rnd = rng(11);
    const { db, ix } = open(5);
    const model = new Map<string, number[]>();
    const batch = () => {
      const ts: number[][] = [];
      for (let i = 0; i < 1 + Math.floor(rnd() * 30); i++) {
        const t = [Math.floor(rnd() * 40) - 20, Math.floor(rnd() * 1000)];
        if (!model.has(t.join(','))) ts.push(t);
      }
      return ts;
    };
    db.transaction(() => {
      for (let step = 0; step < 60; step++) {
        const ts = batch();
        const added = ix.add(Float64Array.from(ts.flat()), ts.length, 3);
        for (const t of ts) model.set(t.join(','), t);
        expect(added).toBe(new Set(ts.map((t) => t.join(','))).size);
        if (step % 7 === 6) {
          // Remove some stored tuples and some that were never there.
          const stored = [...model.values()].filter(() => rnd() < 0.2);
          const gone = [...stored, [999, 1], [-999, 2]];
          expect(ix.remove(Float64Array.from(gone.flat()), gone.length)).toBe(stored.length);
          for (const t of stored) model.delete(t.join(','));
        }
        // Tiered merging keeps fewer than fanout runs per level.
        const perLevel = new Map<number, number>();
        for (const r of ix.runs()) perLevel.set(r.level, (perLevel.get(r.level) ?? 0) + 1);
        for (const n of perLevel.values()) expect(n).toBeLessThan(3);
      }
      expect(all(ix)).toEqual(reference([...model.values()]));
      for (let k = -21; k <= 21; k++) {
        const want = [...model.values()].filter((t) => t[0] === k).map((t) => t[1]);
        expect(lookup(ix, k)).toEqual(want.sort((a, b) => a - b));
      }
      ix.compact();
      expect(ix.runs().length).toBeLessThanOrEqual(2);
      expect(all(ix)).toEqual(reference([...model.values()]));
      const counted = ix.runs().reduce((s, r) => s + r.entries, 0);
      expect(counted).toBe(model.size);
    })();
    db.close();
  });

  it('removes the last tuples of a run and drops the run', () => {
    const { db, ix } = open(2);
    db.transaction(() => {
      ix.add(Float64Array.of(1, 1, 2, 2, 3, 3), 3, 8);
      expect(ix.remove(Float64Array.of(3, 3, 1, 1, 2, 2), 3)).toBe(3);
      expect(ix.runs()).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM blocks').pluck().get()).toBe(0);
    })();
    db.close();
  });
});
