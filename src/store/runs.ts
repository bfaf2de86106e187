/**
 * The SQLite store's inverted indexes (LSH bands, key-term postings) as a log-structured merge
 * tree of sorted runs, each run a sequence of blocks of packed entries in one table.
 *
 * Why not one row per index entry: an article has about 80 index entries, and SQLite spends about
 * half a microsecond on every row inserted, then as much again when the row is merged into a large
 * B-tree whose pages the random keys scatter over (measured: 42 + 32 µs of the 135 µs an article
 * cost at 100k articles, growing with the store). Here a batch's entries are sorted in memory and
 * written as a new run of blocks of up to ~250 entries (one row of ~4 KB each), so SQLite sees one
 * row per block; runs are merged in JavaScript, streaming, by a k-way merge.
 *
 * Layout: `runs(run, idx, level, entries)` and
 * `blocks(run, k1, k2, k3, n, data) PRIMARY KEY (run, k1, k2, k3)`. An entry is a tuple of
 * `width` (2 or 3) safe integers; a block's BLOB holds `n` tuples as doubles, ascending, and its
 * key columns are its LAST tuple (k3 = 0 for width 2). So "the first block that may hold tuples
 * ≥ t" is one index seek, `(k1, k2, k3) >= t`. Within a run tuples are distinct and ascending
 * across blocks; no tuple is in two runs (an entry is removed before it is written again).
 *
 * Merging is tiered: a write adds a level-0 run; when a level holds `fanout` runs they are merged
 * into one run of the next level, so each entry is rewritten about log_fanout(batches) times and
 * a lookup reads at most (fanout − 1) runs per level. {@link RunIndex.compact} leaves at most two
 * runs.
 *
 * Point lookups (a band key, a term) on a store that has not been compacted, such as one a server
 * fills in small batches, would seek every run for every key. A long-lived store therefore keeps,
 * for each run it has been asked about often enough, a Bloom filter of the run's first keys in
 * memory ({@link RunIndex.mayHold}), and seeks only the runs that may hold the key. A filter is
 * filled as the run is written (once the index has served a lookup) or read in from the run, and
 * tied to the run's id, level, entry count and largest key, so a run that changes (entries
 * removed) or an id SQLite reuses gets a new one.
 *
 * Apart: the sort of a batch's entries (radix-sort.ts) and the filters themselves (bloom.ts).
 */

import type Database from 'better-sqlite3';
import { emptyFilter, filterAddKeys, filterProbe } from './bloom.js';
import { blobToF64 } from './codec.js';
import { compareTuples, sortTuples } from './radix-sort.js';

type DB = Database.Database;
type Stmt = Database.Statement;

/** Below every key of an entry (keys are safe integers). */
export const LOWEST = -(2 ** 53);

/** The DDL of the two tables (schema version 2). */
export const RUNS_SCHEMA = `
CREATE TABLE runs (run INTEGER PRIMARY KEY, idx INTEGER NOT NULL, level INTEGER NOT NULL,
  entries INTEGER NOT NULL);
CREATE INDEX runs_idx ON runs (idx, level);
CREATE TABLE blocks (run INTEGER NOT NULL, k1 INTEGER NOT NULL, k2 INTEGER NOT NULL,
  k3 INTEGER NOT NULL, n INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (run, k1, k2, k3)) WITHOUT ROWID;
`;

/**
 * Entries per block for a page size: the largest whose row stays on its B-tree page (a WITHOUT
 * ROWID row beyond ~1/4 of a page spills to an overflow page, which costs a page per block).
 */
export function blockCapacity(pageSize: number, width: number): number {
  const maxLocal = Math.floor(((pageSize - 12) * 64) / 255) - 23;
  // Room for the record header and the five other columns.
  return Math.max(4, Math.floor((maxLocal - 64) / (8 * width)));
}

/** Level of a run built whole (see {@link RunIndex.build}). */
const BUILT_LEVEL = 16;

/** Appends blocks of sorted, distinct tuples to one run. */
class BlockWriter {
  private readonly buf: Float64Array;
  private n = 0;
  /** Tuples written. */
  count = 0;
  /** The first key of the last tuple written. */
  top = Number.NaN;
  constructor(
    private readonly ix: RunIndex,
    readonly run: number,
    /** A key filter to fill with the run's first keys, if the index wants one. */
    readonly bits?: Int32Array,
  ) {
    this.buf = new Float64Array(ix.capacity * ix.width);
  }

  push(src: Float64Array, i: number): void {
    const w = this.ix.width;
    const buf = this.buf;
    const at = this.n * w;
    for (let k = 0; k < w; k++) buf[at + k] = src[i + k];
    if (++this.n === this.ix.capacity) this.flush();
  }

  flush(): void {
    if (!this.n) return;
    const w = this.ix.width;
    const end = this.n * w;
    if (this.bits) filterAddKeys(this.bits, this.buf, end, w, this.top);
    this.top = this.buf[end - w];
    this.ix.insertBlock(this.run, this.buf.subarray(0, end), this.n);
    this.count += this.n;
    this.n = 0;
  }
}

/** Reads one run's tuples in order, a page of blocks at a time. */
class RunCursor {
  block: Float64Array = new Float64Array(0);
  /** Offset of the current tuple in `block`; `done` when past the last. */
  i = 0;
  done = false;
  private page: unknown[][] = [];
  private p = 0;
  private last: number[] = [LOWEST, LOWEST, LOWEST];
  constructor(
    private readonly ix: RunIndex,
    private readonly run: number,
  ) {
    this.load();
  }

  /** Moves to the next tuple. */
  next(): void {
    this.i += this.ix.width;
    if (this.i >= this.block.length) this.load();
  }

  private load(): void {
    for (;;) {
      if (this.p >= this.page.length) {
        this.page = this.ix.blocksAfter(this.run, this.last, 32);
        this.p = 0;
        if (!this.page.length) {
          this.done = true;
          return;
        }
      }
      const row = this.page[this.p++];
      this.last = [row[0] as number, row[1] as number, row[2] as number];
      this.block = blobToF64(row[3] as Uint8Array);
      this.i = 0;
      if (this.block.length) return;
    }
  }
}

/** A run as listed in `runs`. */
export interface RunInfo {
  run: number;
  level: number;
  entries: number;
}

/** A run listed for point lookups: with its largest first key, which ties a filter to its content. */
export interface LookupRun extends RunInfo {
  top: number;
}

/**
 * Largest run given a filter as it is written (~5 MB of bits at this size); bigger runs, the
 * compacted bulk of an index, are always seeked: a lookup reads one block of each anyway.
 */
const FILTER_MAX_ENTRIES = 1 << 22;
/**
 * Largest run whose filter a lookup builds by reading the run (~10 ms at this size), so that no
 * search stalls for long on a store this process did not write.
 */
const FILTER_MAX_READ = 1 << 18;
/** A filter is read in once a run has been probed this many times. */
const FILTER_MIN_PROBES = 64;

/** A run's filter, tied to the run's state when it was made; `bits` once built or read in. */
interface KeyFilter {
  level: number;
  entries: number;
  top: number;
  probes: number;
  bits?: Int32Array;
}

/**
 * One inverted index (`idx`) of `width`-tuples stored as runs of blocks. Every method runs inside
 * the caller's transaction: writes in a write transaction, reads in one read transaction so that
 * the runs listed and the blocks read are one snapshot.
 */
export class RunIndex {
  private readonly s: Record<string, Stmt>;
  /** Key filters by run id (see {@link RunIndex.mayHold}). */
  private readonly filters = new Map<number, KeyFilter>();
  /** Filters of runs written by the current write transaction, published when it commits. */
  private readonly pending = new Map<number, KeyFilter>();
  /** Lookups served: once there are any, new runs get their filter as they are written. */
  private lookups = 0;
  constructor(
    db: DB,
    readonly idx: number,
    readonly width: 2 | 3,
    readonly capacity: number,
  ) {
    const cols = 'k1, k2, k3, data';
    this.s = {
      runs: db.prepare('SELECT run, level, entries FROM runs WHERE idx = ? ORDER BY run'),
      lookupRuns: db.prepare(
        `SELECT r.run, r.level, r.entries,
           (SELECT b.k1 FROM blocks b WHERE b.run = r.run ORDER BY b.k1 DESC LIMIT 1) AS top
         FROM runs r WHERE r.idx = ? ORDER BY r.run`,
      ),
      allBlocks: db.prepare('SELECT data FROM blocks WHERE run = ? ORDER BY k1, k2, k3').pluck(),
      // The first block that may hold tuples ≥ the given one (blocks are keyed by their last tuple).
      seek: db
        .prepare(
          `SELECT ${cols} FROM blocks WHERE run = ? AND (k1, k2, k3) >= (?, ?, ?) ORDER BY k1, k2, k3 LIMIT 1`,
        )
        .raw(),
      after: db
        .prepare(
          `SELECT ${cols} FROM blocks WHERE run = ? AND (k1, k2, k3) > (?, ?, ?) ORDER BY k1, k2, k3 LIMIT ?`,
        )
        .raw(),
      insertBlock: db.prepare('INSERT INTO blocks (run, k1, k2, k3, n, data) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteBlock: db.prepare('DELETE FROM blocks WHERE run = ? AND k1 = ? AND k2 = ? AND k3 = ?'),
      deleteBlocks: db.prepare('DELETE FROM blocks WHERE run = ?'),
      insertRun: db.prepare('INSERT INTO runs (idx, level, entries) VALUES (?, ?, 0)'),
      setEntries: db.prepare('UPDATE runs SET entries = ? WHERE run = ?'),
      deleteRun: db.prepare('DELETE FROM runs WHERE run = ?'),
    };
  }

  // ── reading ──

  /** The runs, oldest first. */
  runs(): RunInfo[] {
    return this.s.runs.all(this.idx) as RunInfo[];
  }

  /**
   * The runs, oldest first, for point lookups with {@link RunIndex.mayHold}. Forgets the filters
   * of runs that are gone.
   */
  lookupRuns(): LookupRun[] {
    this.lookups++;
    const rs = this.s.lookupRuns.all(this.idx) as LookupRun[];
    if (this.filters.size) {
      const live = new Set(rs.map((r) => r.run));
      for (const run of this.filters.keys()) if (!live.has(run)) this.filters.delete(run);
    }
    return rs;
  }

  /**
   * False when `r` certainly holds no tuple whose first key is `key`; true when it may. A run
   * written by this index after it first served a lookup has its filter from the start; another
   * run gets one read in after FILTER_MIN_PROBES probes, when it is small enough (FILTER_MAX_READ).
   * Call inside the read transaction `r` was listed in.
   *
   * @example
   * ```ts
   * for (const r of ix.lookupRuns()) if (ix.mayHold(r, key)) ix.visitFrom(r.run, [key, LOWEST], visit);
   * ```
   */
  mayHold(r: LookupRun, key: number): boolean {
    let f = this.filters.get(r.run);
    if (f && (f.level !== r.level || f.entries !== r.entries || f.top !== r.top)) f = undefined;
    if (!f) {
      f = { level: r.level, entries: r.entries, top: r.top, probes: 0 };
      this.filters.set(r.run, f);
    }
    if (f.bits) return filterProbe(f.bits, key, false);
    f.probes++;
    if (r.entries <= FILTER_MAX_READ && f.probes >= FILTER_MIN_PROBES) {
      f.bits = this.buildFilter(r.run, r.entries);
      return filterProbe(f.bits, key, false);
    }
    return true;
  }

  /**
   * An empty filter for a run about to be written with up to `entries` tuples, when this index
   * has served lookups (a store that only ingests builds none) and the run is small enough.
   */
  private filterFor(entries: number): Int32Array | undefined {
    return this.lookups > 0 && entries <= FILTER_MAX_ENTRIES ? emptyFilter(entries) : undefined;
  }

  /** Keeps the filter of a run just written until its transaction commits. */
  private stageFilter(out: BlockWriter, level: number): void {
    if (out.bits && out.count)
      this.pending.set(out.run, { level, entries: out.count, top: out.top, probes: 0, bits: out.bits });
  }

  /**
   * Publishes the filters of the runs written by the transaction that just committed; call
   * {@link RunIndex.discardFilters} instead when it rolled back.
   */
  commitFilters(): void {
    for (const [run, f] of this.pending) this.filters.set(run, f);
    this.pending.clear();
  }

  /** Forgets the filters of the runs written by a transaction that rolled back. */
  discardFilters(): void {
    this.pending.clear();
  }

  /** A Bloom filter of the first keys of `run`'s tuples, read whole. */
  private buildFilter(run: number, entries: number): Int32Array {
    const bits = emptyFilter(entries);
    let last = Number.NaN;
    for (const data of this.s.allBlocks.iterate(run) as Iterable<Uint8Array>) {
      const b = blobToF64(data);
      last = filterAddKeys(bits, b, b.length, this.width, last);
    }
    return bits;
  }

  /** @internal Up to `limit` blocks of `run` after the block whose key is `last`. */
  blocksAfter(run: number, last: number[], limit: number): unknown[][] {
    return this.s.after.all(run, last[0], last[1], last[2], limit) as unknown[][];
  }

  /**
   * Calls `visit(block, i)` for the tuples of `run` from the first one ≥ `from`, in order, until
   * it returns false or the run ends. Reads one block, then a few more at a time.
   *
   * @example
   * ```ts
   * ix.visitFrom(run, [bandKey, LOWEST, LOWEST], (b, i) => b[i] === bandKey && (hits.push(b[i + 1]), true));
   * ```
   */
  visitFrom(run: number, from: readonly number[], visit: (block: Float64Array, i: number) => boolean): void {
    const w = this.width;
    const f = [from[0] ?? LOWEST, from[1] ?? LOWEST, w === 3 ? (from[2] ?? LOWEST) : LOWEST];
    let rows = this.s.seek.all(run, f[0], f[1], w === 3 ? f[2] : 0) as unknown[][];
    let first = true;
    let want = 1;
    while (rows.length) {
      for (const row of rows) {
        const b = blobToF64(row[3] as Uint8Array);
        let i = 0;
        if (first) {
          // Binary search for the first tuple ≥ from in the first block.
          let lo = 0;
          let hi = b.length / w;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            let c = 0;
            for (let k = 0; k < w && c === 0; k++) c = b[mid * w + k] - f[k];
            if (c < 0) lo = mid + 1;
            else hi = mid;
          }
          i = lo * w;
          first = false;
        }
        for (; i < b.length; i += w) if (!visit(b, i)) return;
      }
      const last = rows[rows.length - 1];
      want = Math.min(want * 4, 64);
      rows = this.blocksAfter(run, [last[0] as number, last[1] as number, last[2] as number], want);
    }
  }

  // ── writing ──

  /** @internal Writes one block; `tuples` are sorted and distinct. */
  insertBlock(run: number, tuples: Float64Array, n: number): void {
    const w = this.width;
    const at = (n - 1) * w;
    this.s.insertBlock.run(
      run,
      tuples[at],
      tuples[at + 1],
      w === 3 ? tuples[at + 2] : 0,
      n,
      Buffer.from(tuples.buffer, tuples.byteOffset, n * w * 8),
    );
  }

  private newRun(level: number): number {
    return Number(this.s.insertRun.run(this.idx, level).lastInsertRowid);
  }

  private dropRun(run: number): void {
    this.s.deleteBlocks.run(run);
    this.s.deleteRun.run(run);
  }

  /**
   * Adds `n` tuples (interleaved, any order, repeats allowed) as a new level-0 run, then merges
   * levels that reached `fanout` runs. Returns the number of distinct tuples written.
   *
   * @example
   * ```ts
   * ix.add(Float64Array.of(7, 1, 3, 1), 2, 8); // tuples (7, 1) and (3, 1) => 2
   * ```
   */
  add(tuples: Float64Array, n: number, fanout: number): number {
    if (!n) return 0;
    const sorted = sortTuples(tuples, n, this.width);
    const run = this.newRun(0);
    const out = new BlockWriter(this, run, this.filterFor(sorted.n));
    const w = this.width;
    for (let i = 0; i < sorted.n; i++) out.push(sorted.tuples, i * w);
    out.flush();
    this.s.setEntries.run(out.count, run);
    this.stageFilter(out, 0);
    this.cascade(fanout);
    return out.count;
  }

  /**
   * Writes one run from tuples produced in ascending order (a migration), at a level above the
   * tiers so later writes do not merge into it until {@link RunIndex.compact} finds it worthwhile.
   */
  build(produce: (emit: (tuple: readonly number[]) => void) => void): number {
    const run = this.newRun(BUILT_LEVEL);
    const out = new BlockWriter(this, run);
    const one = new Float64Array(this.width);
    produce((t) => {
      for (let k = 0; k < this.width; k++) one[k] = t[k];
      out.push(one, 0);
    });
    out.flush();
    if (out.count) this.s.setEntries.run(out.count, run);
    else this.dropRun(run);
    return out.count;
  }

  /** Merges every level that holds `fanout` or more runs into one run of the next level. */
  private cascade(fanout: number): void {
    for (;;) {
      const byLevel = new Map<number, RunInfo[]>();
      for (const r of this.runs()) {
        const l = byLevel.get(r.level);
        if (l) l.push(r);
        else byLevel.set(r.level, [r]);
      }
      const full = [...byLevel.entries()].filter(([, rs]) => rs.length >= fanout).sort((a, b) => a[0] - b[0]);
      if (!full.length) return;
      const [level, rs] = full[0];
      this.merge(rs, level + 1);
    }
  }

  /**
   * Leaves the index with at most two runs: the runs other than the largest are merged into one,
   * and that one into the largest only when it has grown at least as large (so a compaction never
   * rewrites the bulk of the index to fold in a smaller part, and each entry is rewritten by
   * compactions about log₂ times over the life of the store).
   */
  compact(): void {
    const rs = this.runs();
    if (rs.length < 2) return;
    const largest = rs.reduce((a, b) => (b.entries > a.entries ? b : a));
    const rest = rs.filter((r) => r !== largest);
    const restEntries = rest.reduce((s, r) => s + r.entries, 0);
    const level = (xs: RunInfo[]) => Math.max(...xs.map((r) => r.level));
    if (restEntries >= largest.entries) this.merge(rs, level(rs));
    else if (rest.length > 1) this.merge(rest, level(rest));
  }

  /** Merges runs into one new run at `level` (streaming k-way merge) and drops them. */
  private merge(rs: RunInfo[], level: number): void {
    const w = this.width;
    const cursors = rs.map((r) => new RunCursor(this, r.run)).filter((c) => !c.done);
    const run = this.newRun(level);
    const out = new BlockWriter(this, run, this.filterFor(rs.reduce((n, r) => n + r.entries, 0)));
    // Binary min-heap of cursors by their current tuple.
    const heap = cursors;
    const less = (a: RunCursor, b: RunCursor) => compareTuples(a.block, a.i, b.block, b.i, w) < 0;
    const down = (at: number) => {
      const n = heap.length;
      for (;;) {
        const l = 2 * at + 1;
        if (l >= n) return;
        const r = l + 1;
        const m = r < n && less(heap[r], heap[l]) ? r : l;
        if (!less(heap[m], heap[at])) return;
        const t = heap[m];
        heap[m] = heap[at];
        heap[at] = t;
        at = m;
      }
    };
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    while (heap.length) {
      const c = heap[0];
      out.push(c.block, c.i);
      c.next();
      if (c.done) {
        const lastC = heap.pop() as RunCursor;
        if (heap.length) {
          heap[0] = lastC;
          down(0);
        }
      } else down(0);
    }
    out.flush();
    this.s.setEntries.run(out.count, run);
    this.stageFilter(out, level);
    for (const r of rs) this.dropRun(r.run);
  }

  /**
   * Removes these tuples (interleaved, any order) from whichever runs hold them, rewriting only
   * the blocks that held one. Returns how many were found and removed.
   */
  remove(tuples: Float64Array, n: number): number {
    if (!n) return 0;
    const w = this.width;
    const { tuples: want, n: m } = sortTuples(tuples, n, w);
    const gone = new Uint8Array(m);
    let removed = 0;
    for (const r of this.runs()) {
      let left = r.entries;
      let j = 0;
      while (j < m) {
        if (gone[j]) {
          j++;
          continue;
        }
        const from = [want[j * w], want[j * w + 1], w === 3 ? want[j * w + 2] : 0];
        const row = this.s.seek.get(r.run, from[0], from[1], from[2]) as unknown[] | undefined;
        if (!row) break; // every later tuple is past this run's end
        const key = [row[0] as number, row[1] as number, row[2] as number];
        const block = blobToF64(row[3] as Uint8Array);
        const keep = new Float64Array(block.length);
        let kept = 0;
        let changed = false;
        // Tuples j… that are ≤ this block's last tuple all belong to this block.
        let b = 0;
        for (; j < m && compareTuples(want, j * w, block, block.length - w, w) <= 0; j++) {
          if (gone[j]) continue;
          while (b < block.length && compareTuples(block, b, want, j * w, w) < 0) {
            for (let k = 0; k < w; k++) keep[kept * w + k] = block[b + k];
            kept++;
            b += w;
          }
          if (b < block.length && compareTuples(block, b, want, j * w, w) === 0) {
            gone[j] = 1;
            removed++;
            left--;
            changed = true;
            b += w;
          }
        }
        if (!changed) continue;
        for (; b < block.length; b += w) {
          for (let k = 0; k < w; k++) keep[kept * w + k] = block[b + k];
          kept++;
        }
        this.s.deleteBlock.run(r.run, key[0], key[1], key[2]);
        if (kept) this.insertBlock(r.run, keep, kept);
      }
      if (left !== r.entries) {
        if (left <= 0) this.dropRun(r.run);
        else this.s.setEntries.run(left, r.run);
      }
      if (removed === m) break;
    }
    return removed;
  }
}
