import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { blockCapacity, LOWEST, RUNS_SCHEMA, RunIndex } from '../../src/store/runs.js';
import { reference, rng } from './tuples.js';

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

  /** The tuples whose first key is k, seeking only the runs the filters leave. */
  function filtered(ix: RunIndex, k: number): number[] {
    const out: number[] = [];
    for (const r of ix.lookupRuns()) {
      if (!ix.mayHold(r, k)) continue;
      ix.visitFrom(r.run, [k, LOWEST], (b, i) => {
        if (b[i] !== k) return false;
        out.push(b[i + 1]);
        return true;
      });
    }
    return out.sort((a, b) => a - b);
  }
  /** Runs `f` as one transaction, publishing or discarding the filters as the store does. */
  function tx(db: Database.Database, ix: RunIndex, f: () => void): void {
    try {
      db.transaction(f)();
      ix.commitFilters();
    } catch (err) {
      ix.discardFilters();
      throw err;
    }
  }
  /** How many of `keys` the filters let through to a seek in at least one run. */
  function seeked(ix: RunIndex, keys: number[]): number {
    return keys.filter((k) => ix.lookupRuns().some((r) => ix.mayHold(r, k))).length;
  }

  it('skips the runs whose filter rules a key out, and never one that holds it', () => {
    const rnd = rng(5);
    const { db, ix } = open(16);
    const stored: number[][] = [];
    // 30 runs, no merges: keys spread over ±2^52, each run holding its own.
    tx(db, ix, () => {
      for (let run = 0; run < 30; run++) {
        const ts = Array.from({ length: 40 }, () => [
          Math.floor((rnd() - 0.5) * 2 ** 53),
          Math.floor(rnd() * 100),
        ]);
        ix.add(Float64Array.from(ts.flat()), ts.length, 100);
        stored.push(...ts);
      }
    });
    const absent = Array.from({ length: 200 }, () => Math.floor((rnd() - 0.5) * 2 ** 53));
    // Before any filter exists every run is seeked; after 64 probes a run has its filter.
    expect(seeked(ix, absent.slice(0, 64))).toBe(64);
    for (const t of stored) expect(filtered(ix, t[0])).toEqual(lookup(ix, t[0]));
    expect(seeked(ix, absent)).toBeLessThan(20);
    for (const k of absent) expect(filtered(ix, k)).toEqual([]);
    db.close();
  });

  it('gives the runs written after a lookup their filter at once, only when their transaction commits', () => {
    const { db, ix } = open(8);
    tx(db, ix, () => ix.add(Float64Array.of(1, 1, 2, 2), 2, 100));
    filtered(ix, 1); // the index now serves lookups
    const keys = Array.from({ length: 50 }, (_, i) => 1000 + i);
    tx(db, ix, () => ix.add(Float64Array.from(keys.flatMap((k) => [k, 7])), keys.length, 100));
    // The new run's filter exists: a key it does not hold is ruled out on the first probe.
    const [, fresh] = ix.lookupRuns();
    expect(ix.mayHold(fresh, 999_999)).toBe(false);
    expect(ix.mayHold(fresh, 1010)).toBe(true);
    // A rolled-back run's filter is dropped; SQLite then reuses its id for other content.
    const before = ix.lookupRuns().map((r) => r.run);
    expect(() =>
      tx(db, ix, () => {
        ix.add(Float64Array.of(5000, 1), 1, 100);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    tx(db, ix, () => ix.add(Float64Array.of(6000, 1), 1, 100));
    const reused = ix.lookupRuns().find((r) => !before.includes(r.run));
    expect(reused).toBeDefined();
    expect(filtered(ix, 6000)).toEqual([1]);
    expect(filtered(ix, 5000)).toEqual([]);
    // Merges write their run with a filter too.
    tx(db, ix, () => ix.compact());
    expect(filtered(ix, 1010)).toEqual([7]);
    expect(filtered(ix, 6000)).toEqual([1]);
    expect(filtered(ix, 2)).toEqual([2]);
    db.close();
  });

  it('builds a new filter for a run another connection changed or replaced under the same id', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'storydiff-runs-')), 'runs.db');
    const a = new Database(file);
    a.exec(RUNS_SCHEMA);
    const b = new Database(file);
    const ia = new RunIndex(a, 0, 2, 8);
    const ib = new RunIndex(b, 0, 2, 8);
    const keys = Array.from({ length: 20 }, (_, i) => 100 + i);
    tx(a, ia, () => ia.add(Float64Array.from(keys.flatMap((k) => [k, 1])), keys.length, 100));
    for (let i = 0; i < 70; i++) filtered(ia, 5); // a builds its filter of the run
    const [r] = ia.lookupRuns();
    expect(ia.mayHold(r, 5)).toBe(false);
    // b empties the run (dropping it) and writes another under the same id.
    tx(b, ib, () => {
      ib.remove(Float64Array.from(keys.flatMap((k) => [k, 1])), keys.length);
      ib.add(Float64Array.of(5, 9, 6, 9), 2, 100);
    });
    expect(ib.lookupRuns().map((x) => x.run)).toEqual([r.run]);
    expect(filtered(ia, 5)).toEqual([9]);
    expect(filtered(ia, 100)).toEqual([]);
    // Removing tuples from a run changes its signature too; what stays is still found.
    tx(b, ib, () => ib.remove(Float64Array.of(6, 9), 1));
    expect(filtered(ia, 5)).toEqual([9]);
    a.close();
    b.close();
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
