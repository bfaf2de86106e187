/**
 * The embedded store: one SQLite file (WAL mode) through better-sqlite3.
 *
 * Layout (schema version 2, see sqlite/schema.ts for the DDL and the migration from 1):
 * - `meta(key, value)`: schema version, settings (JSON), and counters kept in the write
 *   transactions so `stats()` never counts millions of rows.
 * - `articles`: one row per article, fingerprints as BLOBs (see codec.ts), text last so reads that
 *   do not need it never touch its overflow pages. `published` is never NULL: undated articles hold
 *   {@link UNDATED}, the lowest safe integer, so publication order, cursors and windows are plain
 *   integer ranges on one index.
 * - The two inverted indexes, LSH bands `(band_key, article)` and key-term postings
 *   `(term, −published, −article)` (so a term's postings read newest first), are log-structured
 *   merge trees of sorted runs stored as blocks of packed entries (`runs`, `blocks`; see runs.ts).
 *   Why: an article has ~80 index entries; one SQLite row per entry cost ~0.5 µs to insert and as
 *   much again to merge into a B-tree that random keys scatter over, the largest part of ingest
 *   (74 of 135 µs an article at 100k articles, growing with the store). A batch now becomes one
 *   sorted run of ~4 KB blocks, and runs are merged by a streaming k-way merge in JavaScript
 *   (tiered: `fanout` runs of a level make one run of the next).
 * - `df(term, df)`: document frequencies, maintained by put and remove.
 * - `stories`, `members`: the persisted clustering.
 *
 * Every method runs synchronously inside one SQLite transaction (reads in a deferred one, so the
 * several SELECTs of one answer see one snapshot; writes in an IMMEDIATE one, so a second writer
 * waits for the lock instead of failing on a stale snapshot).
 */

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StorydiffError } from '../errors.js';
import { BaseStore, type ScanQuery, type TermQuery } from './base.js';
import { type Checkpointer, startCheckpointer } from './checkpointer.js';
import { assertLittleEndian, f32ToBlob, intsToBlob, UNDATED, unionInto } from './codec.js';
import { countValues } from './radix-sort.js';
import { type IndexEntry, indexEntryOf, toIndexEntry, toStory } from './rows.js';
import { LOWEST, type RunIndex } from './runs.js';
import { checkVersion, needsUpgrade } from './schema.js';
import { scratchF64 } from './scratch.js';
import { BUSY_TIMEOUT_MS, sqliteError } from './sqlite/errors.js';
import {
  COUNTERS,
  type Counters,
  migrate,
  readSettings,
  runIndexes,
  schemaVersion,
} from './sqlite/schema.js';
import { articleParams, prepare } from './sqlite/statements.js';
import {
  type ArticleRecord,
  type BandHit,
  type IntList,
  type Membership,
  type PutOutcome,
  STORE_SCHEMA_VERSION,
  type Store,
  type StoreSettings,
  type StoreStats,
  type StoryMergeRecord,
  type StoryRecord,
  type TimeWindow,
} from './types.js';
import { checkInts, checkLimit, checkSettings, message, usage, windowRange } from './validate.js';

type DB = Database.Database;
type Row = Record<string, unknown>;

export { SQLITE_SCHEMA_V1 } from './sqlite/schema.js';
export { UNDATED };

/**
 * Default for {@link SqliteStoreOptions.fanout}. 16 rather than 8: an ingest ends with a
 * compaction anyway, and with 16 each entry is merged about half as often on the way (measured at
 * 100k articles: 55 against 58 µs of writing per article, and a final compaction of 0.35 s
 * against 0.9 s). The price is up to 15 runs a level for searches of a store nobody compacted.
 */
export const DEFAULT_FANOUT = 16;
/**
 * Articles written through one store object after which WAL checkpoints move to a thread of their
 * own (see checkpointer.ts): a bulk ingest, not the occasional write.
 */
const BULK_ARTICLES = 2000;
/** The writer's own automatic checkpoint (bytes of WAL) while that thread runs: a backstop. */
const BACKSTOP_BYTES = 512 * 2 ** 20;

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file (created with its directory when missing), or `:memory:`. */
  path: string;
  /**
   * Settings for a new store. Required to create one; ignored when the store exists (it keeps the
   * settings it was created with, see {@link SqliteStore.settings}).
   */
  settings?: StoreSettings;
  /** Open without writing anything; the write methods then throw USAGE. */
  readonly?: boolean;
  /**
   * Advanced: how many index runs of one level are merged into one run of the next (default
   * {@link DEFAULT_FANOUT}, at least 2). Lower means fewer runs for a query to read and more
   * merging during ingest.
   */
  fanout?: number;
  /**
   * Advanced: index entries per block (default: as many as fit on a page of at most 16 KiB, about
   * 250 bands or 160 postings). Small values exist for tests.
   */
  blockEntries?: number;
}

// ── opening ─────────────────────────────────────────────────────────────────────────────────

/**
 * Opens the SQLite store at `path`, creating the file (and its directory) when missing. An
 * existing store keeps the settings it was created with and `opts.settings` is ignored; a store
 * written by a newer storydiff is refused (FORMAT_VERSION) without being modified, and a file
 * that is not a storydiff store is refused (INPUT_INVALID) naming the file.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path: '.storydiff/corpus.db', settings: makeSettings() });
 * const outcomes = await store.putArticles(records);
 * await store.close();
 * ```
 */
export async function openSqliteStore(opts: SqliteStoreOptions): Promise<SqliteStore> {
  assertLittleEndian();
  const path = opts?.path;
  if (typeof path !== 'string' || !path.trim()) throw new StorydiffError('USAGE', 'the store path is empty');
  const readonly = opts.readonly === true;
  const memory = path === ':memory:';
  const tuning = { fanout: opts.fanout ?? DEFAULT_FANOUT, blockEntries: opts.blockEntries ?? 0 };
  for (const [k, v] of Object.entries({ fanout: opts.fanout, blockEntries: opts.blockEntries })) {
    if (v !== undefined && (!Number.isSafeInteger(v) || v < (k === 'fanout' ? 2 : 1) || v > 1e6)) {
      throw new StorydiffError(
        'USAGE',
        `${k} must be an integer of at least ${k === 'fanout' ? 2 : 1}, got ${String(v)}`,
      );
    }
  }
  if (opts.settings !== undefined) checkSettings(opts.settings, path);
  if (memory && readonly) throw new StorydiffError('USAGE', 'an in-memory store cannot be read-only');
  if (!memory) {
    let isDir = false;
    let exists = false;
    try {
      const st = statSync(path);
      exists = true;
      isDir = st.isDirectory();
    } catch {
      // Missing: created below unless read-only.
    }
    if (isDir) throw new StorydiffError('USAGE', 'is a directory, not a store file', { source: path });
    if (!exists) {
      if (readonly) throw new StorydiffError('INPUT_NOT_FOUND', 'no store at this path', { source: path });
      if (!opts.settings) {
        throw new StorydiffError('USAGE', 'no store at this path: give settings to create one', {
          source: path,
        });
      }
      try {
        mkdirSync(dirname(resolve(path)), { recursive: true });
      } catch (err) {
        throw new StorydiffError('INPUT_NOT_FOUND', `cannot create the store's directory: ${message(err)}`, {
          source: path,
          cause: err,
        });
      }
    }
  }
  let db: DB;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (err) {
    throw sqliteError(err, path);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Check before any pragma that writes (journal_mode), so a refused file is left as it was.
    const version = schemaVersion(db, path);
    checkVersion(version, path);
    if (readonly && version < STORE_SCHEMA_VERSION) {
      throw version === 0
        ? new StorydiffError('INPUT_INVALID', 'not a storydiff store (the database is empty)', {
            source: path,
          })
        : needsUpgrade(version, path);
    }
    // 64 KiB pages (SQLite's largest), set before the first write. Against the default 4 KiB:
    // fewer pages to write, checksum and checkpoint per commit (16 KiB was ~15% less CPU per
    // ingested article), and an article row of a few KB stays on its page instead of spilling to
    // an overflow page, as it did at 16 KiB. 64 against 16 KiB measured +5.8% ingest at 100k
    // (five alternated runs out of five; system time 16 → 11.6 µs an article) and 5% fewer bytes.
    // Index blocks keep the size they have on a 16 KiB page (see runIndexes). A store created
    // with smaller pages keeps them.
    if (version === 0 && !readonly) db.pragma('page_size = 65536');
    if (!readonly && !memory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 256 MiB of page cache: the hot index pages of a corpus of a few million articles stay in memory.
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    // Helper threads for the big sorts of an index merge.
    db.pragma(`threads = ${Math.max(0, Math.min(3, availableParallelism() - 1))}`);
    // Integrity between tables is kept by the write methods; FK checks would only cost time.
    db.pragma('foreign_keys = OFF');
    if (!readonly) {
      // A big batch grows the WAL to its size; give the space back after a checkpoint.
      db.pragma('journal_size_limit = 67108864');
    }
    if (version < STORE_SCHEMA_VERSION) migrate(db, opts.settings, path);
    const settings = readSettings(db, path);
    return new SqliteStore(db, memory ? ':memory:' : path, settings, readonly, tuning);
  } catch (err) {
    db.close();
    throw sqliteError(err, path);
  }
}

// ── the store ───────────────────────────────────────────────────────────────────────────────

// A batch's index entries before they are sorted, in scratch arrays (see scratch.ts): fresh
// ones every batch set off full garbage collections.
const bandScratch = scratchF64();
const postingScratch = scratchF64();
const termScratch = scratchF64();

/**
 * The SQLite implementation of {@link Store}. Obtain one with {@link openSqliteStore}.
 *
 * Beyond the interface: {@link SqliteStore.compact} merges the index runs (also done
 * automatically as they accumulate, see `fanout`).
 */
export class SqliteStore extends BaseStore implements Store {
  readonly kind = 'sqlite' as const;
  private closed = false;
  private readonly q: ReturnType<typeof prepare>;

  /** @internal Use {@link openSqliteStore}. */
  constructor(
    private readonly db: DB,
    readonly location: string,
    readonly settings: StoreSettings,
    readonly readonly: boolean,
    private readonly tuning: { fanout: number; blockEntries: number },
  ) {
    super();
    this.q = prepare(db);
    ({ bands: this.bands, postings: this.postings } = runIndexes(db, tuning.blockEntries));
  }

  private readonly bands: RunIndex;
  private readonly postings: RunIndex;
  private written = 0;
  private checkpointer?: Checkpointer;

  /** Moves WAL checkpoints off this thread once a bulk ingest is under way. */
  private afterWrite(articles: number): void {
    this.written += articles;
    if (this.checkpointer) {
      // The thread failed: the writer checkpoints as often as SQLite's default again.
      if (!this.checkpointer.alive && this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      return;
    }
    if (this.written < BULK_ARTICLES || this.location === ':memory:' || this.readonly) return;
    try {
      this.checkpointer = startCheckpointer(this.location);
      this.db.pragma(
        `wal_autocheckpoint = ${Math.ceil(BACKSTOP_BYTES / (this.db.pragma('page_size', { simple: true }) as number))}`,
      );
    } catch {
      // No thread (resource limits): SQLite's own checkpoints carry on.
    }
  }

  // ── plumbing ──

  /** Runs `f` in a read transaction, mapping driver errors. */
  private read<T>(f: () => T): T {
    this.open();
    try {
      return this.db.transaction(f)();
    } catch (err) {
      throw sqliteError(err, this.location);
    }
  }

  /** Runs `f` in an IMMEDIATE write transaction with the counters loaded, and saves them. */
  private write<T>(f: (c: Counters) => T): T {
    this.open();
    if (this.readonly)
      throw new StorydiffError('USAGE', 'the store is open read-only', { source: this.location });
    try {
      const out = this.db
        .transaction(() => {
          const c = this.counters();
          const before = { ...c };
          const out = f(c);
          for (const k of Object.keys(c) as (keyof Counters)[]) {
            if (c[k] !== before[k]) this.q.metaSet.run(k, c[k]);
          }
          return out;
        })
        .immediate();
      // The key filters of runs written in the transaction hold only once it has committed.
      this.bands.commitFilters();
      this.postings.commitFilters();
      return out;
    } catch (err) {
      this.bands.discardFilters();
      this.postings.discardFilters();
      throw sqliteError(err, this.location);
    }
  }

  private open(): void {
    if (this.closed || !this.db.open)
      throw new StorydiffError('USAGE', 'the store is closed', { source: this.location });
  }

  private counters(): Counters {
    const c = { ...COUNTERS };
    for (const r of this.q.metaAll.all() as { key: string; value: unknown }[]) {
      if (r.key in c && typeof r.value === 'number') c[r.key as keyof Counters] = r.value;
    }
    return c;
  }

  // ── articles ──

  /** Stores a checked batch in one IMMEDIATE transaction (see {@link BaseStore.putArticles}). */
  protected async writeArticles(records: ArticleRecord[]): Promise<PutOutcome[]> {
    const now = Date.now();
    const outcomes = this.write((c) => {
      const byId = new Map<string, { key: number; hash: string }>();
      const byHash = new Map<string, { key: number; id: string }>();
      for (const r of this.q.byIds.all(JSON.stringify(records.map((r) => r.id))) as Row[]) {
        byId.set(r.id as string, { key: r.key as number, hash: r.hash as string });
      }
      for (const r of this.q.byHashes.all(JSON.stringify(records.map((r) => r.hash))) as Row[]) {
        byHash.set(r.hash as string, { key: r.key as number, id: r.id as string });
      }
      /** New index contents by key, and old contents (as stored before this batch) to remove. */
      const adds = new Map<number, IndexEntry>();
      const dels = new Map<number, IndexEntry>();
      const out: PutOutcome[] = [];
      for (const r of records) {
        const published = r.published ?? UNDATED;
        const cur = byId.get(r.id);
        const holder = byHash.get(r.hash);
        if (cur && cur.hash === r.hash) {
          out.push({ status: 'unchanged', id: r.id, key: cur.key });
        } else if (holder && holder.id !== r.id) {
          out.push({ status: 'duplicate', id: r.id, key: holder.key, existing: holder.id });
        } else if (cur) {
          const key = cur.key;
          if (!adds.has(key) && !dels.has(key)) {
            dels.set(key, this.indexEntry(key));
            c.clustered -= this.dropMembership(key);
          }
          this.q.updateArticle.run(articleParams(r, published, now, key));
          byHash.delete(cur.hash);
          byHash.set(r.hash, { key, id: r.id });
          cur.hash = r.hash;
          adds.set(key, indexEntryOf(key, r));
          out.push({ status: 'updated', id: r.id, key });
        } else {
          const key = c.next_key++;
          this.q.insertArticle.run(articleParams(r, published, now, key));
          byId.set(r.id, { key, hash: r.hash });
          byHash.set(r.hash, { key, id: r.id });
          adds.set(key, indexEntryOf(key, r));
          c.articles++;
          out.push({ status: 'added', id: r.id, key });
        }
      }
      if (dels.size) this.unindex([...dels.values()], c);
      if (adds.size) this.index([...adds.values()], c);
      return out;
    });
    this.afterWrite(records.length);
    return outcomes;
  }

  /** The index contents of a stored article (to remove them). */
  private indexEntry(key: number): IndexEntry {
    const r = this.q.indexData.get(key) as Row | undefined;
    if (!r) throw new StorydiffError('INTERNAL', `article key ${key} vanished during a write`);
    return toIndexEntry(r, key);
  }

  /**
   * Deletes an article's membership and shrinks its story; returns 1 when there was one. The
   * versions derived from it are re-attached to its own parent (or become roots), so the story's
   * derivation tree keeps its shape when a version in the middle is removed or updated.
   */
  private dropMembership(key: number): number {
    const m = this.q.memberOf.get(key) as { story: number; parent: number | null } | undefined;
    if (m === undefined) return 0;
    this.q.deleteMember.run(key);
    this.q.reparent.run(m.parent, m.story, key);
    this.q.shrinkStory.run(m.story);
    return 1;
  }

  /** Adds the batch's band and posting entries as one new run per index, and their document frequencies. */
  private index(entries: IndexEntry[], c: Counters): void {
    let nb = 0;
    let np = 0;
    let nt = 0;
    for (const e of entries) {
      nb += e.bandKeys.length;
      np += e.keyTerms.length;
      nt += e.keyTerms.length + e.vectorTerms.length;
    }
    const bands = bandScratch.take(nb * 2);
    const posts = postingScratch.take(np * 3);
    // Document frequency counts each term once per article, over keyTerms ∪ vectorTerms: the
    // vectors weight common words and the key terms rare ones, and both are scored with IDF.
    const occ = termScratch.take(nt);
    let ib = 0;
    let ip = 0;
    let it = 0;
    // Emitted so that equal first keys are already in order (see sortTuples): bands by article
    // (new keys ascend through a batch), postings newest first. Indexed loops: for-of over an
    // IntList allocated an iterator result, and boxed a double, per element.
    for (const e of entries) {
      const keys = e.bandKeys;
      for (let i = 0; i < keys.length; i++) {
        bands[ib++] = keys[i];
        bands[ib++] = e.key;
      }
      it = unionInto(e.keyTerms, e.vectorTerms, occ, it);
    }
    const recent =
      entries.length > 1 ? [...entries].sort((x, y) => y.published - x.published || y.key - x.key) : entries;
    for (const e of recent) {
      const terms = e.keyTerms;
      for (let i = 0; i < terms.length; i++) {
        posts[ip++] = terms[i];
        posts[ip++] = -e.published;
        posts[ip++] = -e.key;
      }
    }
    // Repeated entries (a key listed twice by one article) are written once.
    c.band_rows += this.bands.add(bands, nb, this.tuning.fanout);
    c.posting_rows += this.postings.add(posts, np, this.tuning.fanout);

    // The batch's counts are aggregated first so each distinct term is written once per batch.
    const { values, counts, n } = countValues(occ, it);
    this.q.dfAdd.run(n, [values, counts]);
  }

  /** Removes old index entries (from whichever runs hold them) and their document frequencies. */
  private unindex(entries: IndexEntry[], c: Counters): void {
    const dec = new Map<number, number>();
    const bands: number[] = [];
    const posts: number[] = [];
    for (const e of entries) {
      for (const k of e.bandKeys) bands.push(k, e.key);
      for (const t of e.keyTerms) posts.push(t, -e.published, -e.key);
      const union = new Float64Array(e.keyTerms.length + e.vectorTerms.length);
      const n = unionInto(e.keyTerms, e.vectorTerms, union, 0);
      for (let i = 0; i < n; i++) dec.set(union[i], (dec.get(union[i]) ?? 0) + 1);
    }
    c.band_rows -= this.bands.remove(Float64Array.from(bands), bands.length / 2);
    c.posting_rows -= this.postings.remove(Float64Array.from(posts), posts.length / 3);
    const terms = [...dec.keys()].sort((a, b) => a - b);
    for (const t of terms) this.q.dfSub.run(dec.get(t), t);
    this.q.dfPrune.run(JSON.stringify(terms));
  }

  /**
   * Merges the index runs now, leaving at most two per index. Queries read one index seek per
   * run, so compacting after a large ingest makes the following searches faster; the store also
   * merges by itself as runs accumulate (see `fanout`).
   *
   * @example
   * ```ts
   * await store.putArticles(records);
   * await store.compact();
   * ```
   */
  async compact(): Promise<void> {
    this.write(() => {
      this.bands.compact();
      this.postings.compact();
    });
  }

  /**
   * Removes articles by id with their index entries and df counts. A removed article's membership
   * row is deleted and its story's size decremented; the story itself (root, centroid, other
   * members' parents) is left for the clustering layer to repair.
   */
  protected async deleteArticles(ids: string[]): Promise<string[]> {
    return this.write((c) => {
      const found = new Map<string, number>();
      for (const r of this.q.byIds.all(JSON.stringify(ids)) as Row[])
        found.set(r.id as string, r.key as number);
      const removed: string[] = [];
      const entries: IndexEntry[] = [];
      for (const id of new Set(ids)) {
        const key = found.get(id);
        if (key === undefined) continue;
        entries.push(this.indexEntry(key));
        c.clustered -= this.dropMembership(key);
        this.q.deleteArticle.run(key);
        c.articles--;
        removed.push(id);
      }
      if (entries.length) this.unindex(entries, c);
      return removed;
    });
  }

  protected articleRows(column: 'id' | 'key', values: string[] | number[], text: boolean): Row[] {
    const q = column === 'id' ? this.q.fullByIds : text ? this.q.fullByKeys : this.q.fingerprintsByKeys;
    return this.read(() => q.all(JSON.stringify(values)) as Row[]);
  }

  protected summaryRowByHash(hash: string): Row | undefined {
    return this.read(() => this.q.summaryByHash.get(hash) as Row | undefined);
  }

  // ── candidates ──

  /** One block seek per distinct key and per index run (runs whose filter rules the key out are skipped). */
  protected bandHits(bandKeys: IntList, limit: number, exclude: number): BandHit[] {
    const counts = this.read(() => {
      const hits = new Map<number, number>();
      const runs = this.bands.lookupRuns();
      for (const key of new Set(bandKeys)) {
        for (const r of runs) {
          if (!this.bands.mayHold(r, key)) continue;
          this.bands.visitFrom(r.run, [key, LOWEST], (b, i) => {
            if (b[i] !== key) return false;
            const a = b[i + 1];
            if (a !== exclude) hits.set(a, (hits.get(a) ?? 0) + 1);
            return true;
          });
        }
      }
      return hits;
    });
    const out: BandHit[] = [];
    for (const [key, hits] of counts) out.push({ key, hits });
    out.sort((a, b) => b.hits - a.hits || a.key - b.key);
    return out.length > limit ? out.slice(0, limit) : out;
  }

  protected termPostings(
    distinct: number[],
    { lo, hi, undated, exclude, limit }: TermQuery,
  ): Map<number, number[]> {
    return this.read(() => {
      const byKey = new Map<number, number[]>();
      const runs = this.postings.lookupRuns();
      // Postings are (term, −published, −article): a term's dated postings from `hi` down to `lo`
      // (newest first, then highest key), then its undated ones (−UNDATED is the highest value).
      // Each run gives its first `want` in order; with several runs the first `want` of the union.
      const take = (term: number, from: number, to: number, want: number): number[] => {
        const got: number[] = [];
        for (const r of runs) {
          if (!this.postings.mayHold(r, term)) continue;
          let n = 0;
          this.postings.visitFrom(r.run, [term, from, LOWEST], (b, i) => {
            if (b[i] !== term || b[i + 1] > to) return false;
            if (-b[i + 2] === exclude) return true;
            got.push(b[i + 1], b[i + 2]);
            return ++n < want;
          });
        }
        const n = got.length / 2;
        const order = Array.from({ length: n }, (_, k) => k);
        if (runs.length > 1) order.sort((x, y) => got[2 * x] - got[2 * y] || got[2 * x + 1] - got[2 * y + 1]);
        const keys: number[] = [];
        for (let k = 0; k < Math.min(n, want); k++) keys.push(-got[2 * order[k] + 1]);
        return keys;
      };
      for (const term of distinct) {
        const keys = lo <= hi ? take(term, -hi, -lo, limit) : [];
        if (undated && keys.length < limit) keys.push(...take(term, -UNDATED, -UNDATED, limit - keys.length));
        for (const k of keys) {
          const l = byKey.get(k);
          if (l) l.push(term);
          else byKey.set(k, [term]);
        }
      }
      return byKey;
    });
  }

  /**
   * Document frequency of each term (0 when unknown) and the number of articles, from one
   * snapshot.
   *
   * @example
   * ```ts
   * const { df, total } = await store.termFrequencies(fp.vectorTerms);
   * ```
   */
  async termFrequencies(terms: number[]): Promise<{ df: Map<number, number>; total: number }> {
    checkInts('terms', terms);
    return this.read(() => {
      const df = new Map<number, number>();
      for (const t of terms) df.set(t, 0);
      if (terms.length) {
        for (const r of this.q.dfOf.all(JSON.stringify(terms)) as { term: number; df: number }[])
          df.set(r.term, r.df);
      }
      const total = this.q.metaGet.get('articles') as number;
      return { df, total };
    });
  }

  // ── listing ──

  protected scanRows({ want, lo, hi, undated, unclustered, from, start }: ScanQuery): Row[] {
    const q = unclustered ? this.q.scanUnclustered : this.q.scanAll;
    return this.read(() => {
      const got: Row[] = [];
      if (undated && from.published === UNDATED) {
        got.push(...(q.undated.all({ undated: UNDATED, key: from.key, limit: want }) as Row[]));
      }
      if (got.length < want && lo <= hi) {
        got.push(...(q.dated.all({ p: start.p, k: start.k, hi, limit: want - got.length }) as Row[]));
      }
      return got;
    });
  }

  protected summaryRows(afterKey: number, limit: number): Row[] {
    return this.read(() => this.q.list.all(afterKey, limit) as Row[]);
  }

  // ── clustering ──

  protected storyRows(ids: number[]): Row[] {
    return this.read(() => this.q.storiesByIds.all(JSON.stringify(ids)) as Row[]);
  }

  protected memberRows(column: 'key' | 'story', values: number[]): Row[] {
    const q = column === 'key' ? this.q.membersByKeys : this.q.membersOfStories;
    return this.read(() => q.all(JSON.stringify(values)) as Row[]);
  }

  /**
   * Stories with at least one member published inside the window (undated members count when
   * `includeUndated`, the default), by first publication (stories without one first), then id.
   *
   * @example
   * ```ts
   * const recent = await store.storiesInWindow({ since: Date.now() - 7 * 86_400_000 });
   * ```
   */
  async storiesInWindow(window: TimeWindow & { limit?: number }): Promise<StoryRecord[]> {
    const { lo, hi, undated } = windowRange(window ?? {});
    const limit = window?.limit === undefined ? -1 : checkLimit('limit', window.limit);
    if (limit === 0) return [];
    const unbounded = window?.since === undefined && window?.until === undefined && undated;
    const rows = this.read(() =>
      unbounded
        ? (this.q.storiesAll.all(limit) as Row[])
        : (this.q.storiesWindow.all({
            lo,
            hi,
            undated: UNDATED,
            withUndated: undated ? 1 : 0,
            limit,
          }) as Row[]),
    );
    return rows.map(toStory);
  }

  /** Writes checked clustering changes in one IMMEDIATE transaction (see {@link BaseStore.putClustering}). */
  protected async writeClustering(
    stories: StoryRecord[],
    members: Membership[],
    merges: StoryMergeRecord[],
  ): Promise<void> {
    this.write((c) => {
      // Merges first, in order: earlier members move to the surviving story, the absorbed story goes.
      for (const m of merges) {
        this.db.prepare('UPDATE members SET story = ? WHERE story = ?').run(m.into, m.from);
        const gone = this.db.prepare('DELETE FROM stories WHERE story = ?').run(m.from).changes;
        c.stories -= gone;
      }
      const storyIds = stories.map((s) => s.story);
      const known = new Set(this.q.storyIds.all(JSON.stringify(storyIds)) as number[]);
      for (const s of stories) {
        if (!known.has(s.story)) {
          c.stories++;
          known.add(s.story);
        }
        this.q.upsertStory.run(
          s.story,
          s.root,
          s.size,
          s.firstPublished ?? null,
          s.lastPublished ?? null,
          intsToBlob(s.centroidTerms),
          f32ToBlob(s.centroidWeights),
        );
        c.next_story = Math.max(c.next_story, s.story + 1);
      }
      if (members.length) {
        const keys = JSON.stringify(members.map((m) => m.key));
        const articles = new Set(this.q.articleKeys.all(keys) as number[]);
        const already = new Set(this.q.memberKeys.all(keys) as number[]);
        const missingStories = [...new Set(members.map((m) => m.story))].filter((s) => !known.has(s));
        if (missingStories.length) {
          const found = new Set(this.q.storyIds.all(JSON.stringify(missingStories)) as number[]);
          const lost = missingStories.find((s) => !found.has(s));
          if (lost !== undefined) throw usage(`a membership names story ${lost}, which is not stored`);
        }
        for (const m of members) {
          if (!articles.has(m.key))
            throw usage(`a membership names article key ${m.key}, which is not stored`);
          if (!already.has(m.key)) {
            c.clustered++;
            already.add(m.key);
          }
          this.q.upsertMember.run(m.key, m.story, m.parent ?? null, m.score, m.seq);
          c.next_seq = Math.max(c.next_seq, m.seq + 1);
        }
      }
    });
  }

  /**
   * The next free story id and membership sequence number (high-water marks: numbers of removed
   * stories or members are not handed out again).
   *
   * @example
   * ```ts
   * const { nextStory, nextSeq } = await store.clusteringCursor();
   * ```
   */
  async clusteringCursor(): Promise<{ nextStory: number; nextSeq: number }> {
    return this.read(() => {
      const c = this.counters();
      return { nextStory: c.next_story, nextSeq: c.next_seq };
    });
  }

  // ── upkeep ──

  /**
   * Counts (from counters kept by the writes, so this is instant on any size), the publication
   * range, and bytes on disk (database plus WAL).
   *
   * @example
   * ```ts
   * const { articles, bytes } = await store.stats();
   * ```
   */
  async stats(): Promise<StoreStats> {
    const s = this.read(() => {
      const c = this.counters();
      const earliest = this.q.earliest.get(UNDATED) as number | null;
      const latest = this.q.latest.get(UNDATED) as number | null;
      const version = this.q.metaGet.get('schema_version') as number;
      // Distinct terms: counted here rather than kept in a counter, which would cost every batch a
      // RETURNING clause on its df upserts; df is the smallest table (one row per vocabulary term).
      const terms = this.q.termCount.get() as number;
      const pages =
        (this.db.pragma('page_count', { simple: true }) as number) *
        (this.db.pragma('page_size', { simple: true }) as number);
      return { c, earliest, latest, version, pages, terms };
    });
    const out: StoreStats = {
      schemaVersion: s.version,
      kind: this.kind,
      location: this.location,
      articles: s.c.articles,
      bandRows: s.c.band_rows,
      postingRows: s.c.posting_rows,
      terms: s.terms,
      stories: s.c.stories,
      clustered: s.c.clustered,
      bytes:
        this.location === ':memory:' ? s.pages : fileSize(this.location) + fileSize(`${this.location}-wal`),
      settings: { ...this.settings },
    };
    if (s.earliest !== null && s.earliest !== undefined) out.earliest = s.earliest;
    if (s.latest !== null && s.latest !== undefined) out.latest = s.latest;
    return out;
  }

  /**
   * Closes the store: lets SQLite refresh its planner statistics where worthwhile, checkpoints
   * the WAL into the database file, and closes. Closing twice is harmless.
   *
   * @example
   * ```ts
   * await store.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.checkpointer?.stop();
    if (!this.db.open) return;
    if (!this.readonly) {
      try {
        this.db.pragma('analysis_limit = 1000');
        this.db.pragma('optimize');
        if (this.location !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Best effort: another connection may hold the database busy; closing still succeeds.
      }
    }
    this.db.close();
  }
}

function fileSize(path: string): number {
  try {
    return existsSync(path) ? statSync(path).size : 0;
  } catch {
    return 0;
  }
}
