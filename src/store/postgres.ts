/**
 * The shared store: the corpus in a PostgreSQL database, through the `postgres` client, so several
 * ingest processes and API servers can work on one corpus at once.
 *
 * Layout (schema version 2, the same version and meaning as the SQLite store; version 2 changed
 * only the SQLite layout; DDL and migrations in postgres/schema.ts). All tables live in one
 * PostgreSQL schema, `storydiff` unless the URL says `?schema=NAME` (see postgres/url.ts), so one
 * database can hold several corpora:
 * - `meta(key, value)`: schema version and settings (JSON).
 * - `articles`: one row per article, keys from the sequence `article_keys` (never reused),
 *   fingerprints as `bytea` in the encodings of codec.ts, `UNIQUE (id)` and `UNIQUE (hash)`: the
 *   constraints, not the client, keep concurrent writers from storing an article twice.
 * - `bands(band_key, article)` and `postings(term, published, article)`: the two inverted indexes,
 *   one B-tree each (PostgreSQL's buffer manager and WAL absorb random inserts far better than
 *   SQLite's single-writer file, so the SQLite store's runs of packed blocks are not needed here).
 * - `df(term, df)` + `df_delta(term, n)`, `counters(name, value)` + `counter_delta(name, n)`:
 *   document frequencies and counts. Writers only append to the deltas, never update a shared row,
 *   so concurrent batches do not queue on the row locks of common terms ("the", "said") until the
 *   other commits. Readers add base and delta in one statement (one snapshot); a fold moves the
 *   deltas into the bases in one transaction, taken by one process at a time (advisory lock).
 * - `stories`, `members`: the persisted clustering.
 *
 * Every method is one transaction and as few round trips as it can be (batch writes go through
 * `unnest` of arrays; candidate lookups are one statement). Transient failures (a dropped
 * connection, a restarting server, a deadlock or serialization failure, a concurrent writer
 * inserting the same article first) roll the transaction back and retry it with exponential
 * backoff, so a batch is either wholly in or wholly retried. Writes are idempotent, so retrying
 * one whose commit was acknowledged too late for the client only finds its articles unchanged.
 */

import postgres from 'postgres';
import { StorydiffError } from '../errors.js';
import { BaseStore, type ScanQuery, type TermQuery } from './base.js';
import { UNDATED } from './codec.js';
import { DEFAULT_RETRY, PgConnection, type RetryPolicy } from './postgres/connection.js';
import {
  ARTICLE_COLS,
  ARTICLE_UNNEST,
  articleArrays,
  b64,
  indexRows,
  ints64,
  pgText,
} from './postgres/encoding.js';
import { Race } from './postgres/errors.js';
import { type CounterName, MIGRATIONS, type Sql, type Tx } from './postgres/schema.js';
import { DEFAULT_PG_SCHEMA, parsePostgresUrl } from './postgres/url.js';
import { type IndexEntry, indexEntryOf, type Row, setOpt, toIndexEntry, toStory } from './rows.js';
import {
  checkVersion,
  FINGERPRINT_COLS,
  FULL_COLS,
  FULL_COLS_A,
  foreignTables,
  needsUpgrade,
  recordedVersion,
  SUMMARY_COLS,
  storedSettings,
} from './schema.js';
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
import { checkInts, checkLimit, checkSettings, usage, windowRange } from './validate.js';

export { DEFAULT_PG_SCHEMA, DEFAULT_RETRY, parsePostgresUrl, type RetryPolicy };

/** Default for {@link PostgresStoreOptions.poolSize}. */
export const DEFAULT_PG_POOL = 4;
/** Default for {@link PostgresStoreOptions.foldEvery}. */
export const DEFAULT_FOLD_EVERY = 8;

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /**
   * `postgres://user:password@host:port/database?schema=NAME`. `schema` (default
   * {@link DEFAULT_PG_SCHEMA}) is the PostgreSQL schema that holds the store's tables; other
   * query parameters (`sslmode`, …) go to the client.
   */
  url: string;
  /** Settings for a new store; an existing store keeps the ones it was created with. */
  settings?: StoreSettings;
  /** Open without writing anything (no schema is created); the write methods then throw USAGE. */
  readonly?: boolean;
  /** Connections in this process's pool (default {@link DEFAULT_PG_POOL}). */
  poolSize?: number;
  /** Retry policy for transient failures (default {@link DEFAULT_RETRY}). */
  retry?: Partial<RetryPolicy>;
  /**
   * Fold the document-frequency and counter deltas into their base tables after this many batch
   * writes of this process (default {@link DEFAULT_FOLD_EVERY}); `compact()` also folds.
   */
  foldEvery?: number;
}

// ── opening ─────────────────────────────────────────────────────────────────────────────────

/**
 * Opens (or creates) the store in a PostgreSQL database. The tables are created in the URL's
 * schema on first use, under an advisory lock so processes starting together do not race; an
 * existing store keeps the settings it was created with, a store written by a newer storydiff is
 * refused (FORMAT_VERSION) without being changed, and a schema holding other tables is refused
 * (INPUT_INVALID). An unreachable server is retried per `retry`, then RESOURCE_UNAVAILABLE.
 *
 * @example
 * ```ts
 * const store = await openPostgresStore({
 *   url: 'postgres://storydiff:secret@db.internal/newsroom?schema=wires',
 *   settings: makeSettings(),
 * });
 * await store.putArticles(records);
 * await store.close();
 * ```
 */
export async function openPostgresStore(opts: PostgresStoreOptions): Promise<PostgresStore> {
  if (typeof opts?.url !== 'string' || !opts.url.trim()) throw usage('the PostgreSQL URL is empty');
  const { url, schema, location } = parsePostgresUrl(opts.url);
  if (opts.settings !== undefined) checkSettings(opts.settings, location);
  const poolSize = opts.poolSize ?? DEFAULT_PG_POOL;
  const foldEvery = opts.foldEvery ?? DEFAULT_FOLD_EVERY;
  if (!Number.isSafeInteger(poolSize) || poolSize < 1) throw usage('poolSize must be a positive integer');
  if (!Number.isSafeInteger(foldEvery) || foldEvery < 1) throw usage('foldEvery must be a positive integer');
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  for (const [k, v] of Object.entries(retry)) {
    if (!Number.isSafeInteger(v) || v < 0) throw usage(`retry.${k} must be a non-negative integer`);
  }
  const client = (): Sql =>
    postgres(url, {
      max: poolSize,
      onnotice: () => undefined,
      connect_timeout: 10,
      idle_timeout: 60,
      // Every table is found through the search path, so one set of statements serves any schema.
      connection: {
        search_path: schema,
        application_name: 'storydiff',
        // Custom plans always: a generic plan of findByTerms (a LATERAL scan whose window bounds are
        // parameters) scanned whole posting lists, 30 ms instead of under 1 ms per search.
        plan_cache_mode: 'force_custom_plan',
      },
      // int8 as a JavaScript number: every value the store keeps is a safe integer.
      types: {
        int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      } as unknown as Record<string, postgres.PostgresType>,
    });
  const store = new PostgresStore(client, schema, location, opts.readonly === true, retry, foldEvery);
  try {
    await store.init(opts.settings);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

// ── the store ───────────────────────────────────────────────────────────────────────────────

/**
 * The PostgreSQL implementation of {@link Store}. Obtain one with {@link openPostgresStore}.
 *
 * Beyond the interface: {@link PostgresStore.compact} folds the frequency and counter deltas
 * into their base tables and refreshes the planner's statistics.
 */
export class PostgresStore extends BaseStore implements Store {
  readonly kind = 'postgres' as const;
  private closed = false;
  private settingsValue?: StoreSettings;
  private writesSinceFold = 0;
  /** The pool, with retries and transactions. */
  private readonly db: PgConnection;

  /** @internal Use {@link openPostgresStore}. */
  constructor(
    client: () => Sql,
    readonly schema: string,
    readonly location: string,
    readonly readonly: boolean,
    retry: RetryPolicy,
    private readonly foldEvery: number,
  ) {
    super();
    this.db = new PgConnection(client, retry, location);
  }

  get settings(): StoreSettings {
    if (!this.settingsValue) throw new StorydiffError('INTERNAL', 'the store is not initialised');
    return this.settingsValue;
  }

  /** @internal Creates or upgrades the schema and reads the settings. */
  async init(settings: StoreSettings | undefined): Promise<void> {
    const where = this.location;
    const version = await this.db.attempt(() => this.db.transaction('BEGIN', (tx) => this.schemaVersion(tx)));
    checkVersion(version, where);
    if (version < STORE_SCHEMA_VERSION) {
      if (this.readonly) {
        throw version === 0
          ? new StorydiffError('INPUT_NOT_FOUND', `no storydiff store in schema "${this.schema}"`, {
              source: where,
            })
          : needsUpgrade(version, where);
      }
      if (!settings && version === 0) {
        throw new StorydiffError('USAGE', 'no store here: give settings to create one', { source: where });
      }
      await this.db.attempt(() =>
        this.db.transaction('BEGIN', async (tx) => {
          await tx.unsafe('SELECT pg_advisory_xact_lock(hashtext($1))', [`storydiff:${this.schema}`]);
          await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
          // Read again under the lock: another process may have created or upgraded it meanwhile.
          const from = await this.schemaVersion(tx);
          checkVersion(from, where);
          for (const m of MIGRATIONS) if (m.to > from) await m.up(tx, settings, where);
          await tx.unsafe(
            `INSERT INTO meta (key, value) VALUES ('schema_version', $1::jsonb)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            [STORE_SCHEMA_VERSION],
          );
        }),
      );
    }
    const rows = await this.db.exec("SELECT value FROM meta WHERE key = 'settings'");
    this.settingsValue = storedSettings(rows[0]?.value, where);
  }

  /** 0 for a schema without tables, else the version in `meta`; refuses foreign tables. */
  private async schemaVersion(q: Sql | Tx): Promise<number> {
    const tables = (await q.unsafe(
      'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
      [this.schema],
    )) as unknown as { tablename: string }[];
    const names = tables.map((t) => t.tablename);
    if (!names.includes('meta')) {
      if (names.length) throw foreignTables(`schema "${this.schema}"`, names, this.location);
      return 0;
    }
    const rows = await q.unsafe("SELECT value FROM meta WHERE key = 'schema_version'");
    return recordedVersion(rows[0]?.value, this.location);
  }

  // ── plumbing ──

  private open(): void {
    if (this.closed) throw new StorydiffError('USAGE', 'the store is closed', { source: this.location });
  }

  /** A read: one transaction (one snapshot), retried when transient. */
  private read<T>(f: (tx: Tx) => Promise<T>): Promise<T> {
    this.open();
    return this.db.attempt(() => this.db.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', f));
  }

  /** A read of one statement (a statement sees one snapshot): no transaction round trips. */
  private read1(query: string, params: unknown[] = []): Promise<Row[]> {
    this.open();
    return this.db.exec(query, params);
  }

  /** A write: one READ COMMITTED transaction, wholly retried when transient. */
  private write<T>(f: (tx: Tx) => Promise<T>): Promise<T> {
    this.open();
    if (this.readonly)
      throw new StorydiffError('USAGE', 'the store is open read-only', { source: this.location });
    return this.db.attempt(() => this.db.transaction('BEGIN', f));
  }

  /** Appends counter changes (no shared row is updated, see the module comment). */
  private async addCounters(tx: Tx, delta: Partial<Record<CounterName, number>>): Promise<void> {
    const names: string[] = [];
    const ns: number[] = [];
    for (const [k, v] of Object.entries(delta)) {
      if (v) {
        names.push(k);
        ns.push(v);
      }
    }
    if (names.length)
      await tx.unsafe('INSERT INTO counter_delta (name, n) SELECT * FROM unnest($1::text[], $2::int8[])', [
        names,
        ns,
      ]);
  }

  private async counters(tx: Tx): Promise<Record<CounterName, number>> {
    const rows = (await tx.unsafe(
      `SELECT name, sum(v)::int8 AS v FROM (SELECT name, value AS v FROM counters
         UNION ALL SELECT name, n FROM counter_delta) c GROUP BY name`,
    )) as unknown as { name: string; v: number }[];
    const c = { articles: 0, band_rows: 0, posting_rows: 0, next_story: 1, next_seq: 1 };
    for (const r of rows) if (r.name in c) c[r.name as CounterName] = r.v;
    return c;
  }

  // ── articles ──

  /**
   * Stores a checked batch (see {@link BaseStore.putArticles}). Safe with other processes writing
   * at the same time: an id or content stored concurrently by another writer makes this
   * transaction roll back and plan the batch again (it then finds that article unchanged or a
   * duplicate), so no article is stored twice and none is lost.
   */
  protected async writeArticles(records: ArticleRecord[]): Promise<PutOutcome[]> {
    const out = await this.write((tx) => this.putIn(tx, records));
    if (++this.writesSinceFold >= this.foldEvery) await this.fold(false);
    return out;
  }

  private async putIn(tx: Tx, records: ArticleRecord[]): Promise<PutOutcome[]> {
    const now = Date.now();
    const ids = records.map((r) => pgText(r.id) as string);
    const hashes = records.map((r) => pgText(r.hash) as string);
    const found = (await tx.unsafe(
      'SELECT key, id, hash FROM articles WHERE id = ANY($1::text[]) OR hash = ANY($2::text[])',
      [ids, hashes],
    )) as unknown as { key: number; id: string; hash: string }[];
    const byId = new Map<string, { key: number; hash: string; fresh: boolean }>();
    const byHash = new Map<string, { key: number; id: string }>();
    for (const r of found) {
      byId.set(r.id, { key: r.key, hash: r.hash, fresh: false });
      byHash.set(r.hash, { key: r.key, id: r.id });
    }
    // Plan in input order, as the SQLite store does (earlier records of the batch count); keys of
    // new articles are provisional indexes into `fresh` until the sequence hands out real ones.
    const out: PutOutcome[] = [];
    const fresh: ArticleRecord[] = [];
    const updates = new Map<number, ArticleRecord>();
    const outcomeOfFresh: number[][] = [];
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const id = ids[i];
      const hash = hashes[i];
      const cur = byId.get(id);
      const holder = byHash.get(hash);
      if (cur && cur.hash === hash) {
        out.push({ status: 'unchanged', id: r.id, key: cur.key });
        if (cur.fresh) outcomeOfFresh[cur.key].push(out.length - 1);
      } else if (holder && holder.id !== id) {
        out.push({ status: 'duplicate', id: r.id, key: holder.key, existing: holder.id });
        if (byId.get(holder.id)?.fresh) outcomeOfFresh[holder.key].push(out.length - 1);
      } else if (cur) {
        if (cur.fresh) fresh[cur.key] = r;
        else updates.set(cur.key, r);
        byHash.delete(cur.hash);
        byHash.set(hash, { key: cur.key, id });
        cur.hash = hash;
        out.push({ status: 'updated', id: r.id, key: cur.key });
        if (cur.fresh) outcomeOfFresh[cur.key].push(out.length - 1);
      } else {
        const k = fresh.length;
        fresh.push(r);
        outcomeOfFresh.push([]);
        byId.set(id, { key: k, hash, fresh: true });
        byHash.set(hash, { key: k, id });
        out.push({ status: 'added', id: r.id, key: k });
        outcomeOfFresh[k].push(out.length - 1);
      }
    }

    const delta: Partial<Record<CounterName, number>> = {};
    const dfDelta = new Map<number, number>();
    const adds: IndexEntry[] = [];
    if (updates.size) {
      const keys = [...updates.keys()];
      const old = (await tx.unsafe(
        'SELECT key, published, band_keys, key_terms, vector_terms FROM articles WHERE key = ANY($1::int8[]) FOR UPDATE',
        [keys],
      )) as unknown as Row[];
      if (old.length !== keys.length) throw new Race('an updated article was removed concurrently');
      await this.unindex(
        tx,
        old.map((r) => toIndexEntry(r)),
        delta,
        dfDelta,
      );
      await this.dropMemberships(tx, keys);
      const rs = keys.map((k) => updates.get(k) as ArticleRecord);
      const n = await tx.unsafe(
        `UPDATE articles a SET id = u.id, hash = u.hash, published = u.published, words = u.words,
           added_at = $2, title = u.title, url = u.url, source = u.source, lang = u.lang, origin = u.origin,
           minhash = decode(u.minhash, 'base64'), band_keys = decode(u.band_keys, 'base64'),
           key_terms = decode(u.key_terms, 'base64'), vector_terms = decode(u.vector_terms, 'base64'),
           vector_weights = decode(u.vector_weights, 'base64'), text = u.text
         FROM (SELECT * FROM unnest(${ARTICLE_UNNEST})) AS u(${ARTICLE_COLS})
         WHERE a.key = u.key`,
        [keys, now, ...articleArrays(rs)],
      );
      if (n.count !== keys.length) throw new Race('an updated article changed concurrently');
      rs.forEach((r, i) => {
        adds.push(indexEntryOf(keys[i], r));
      });
    }
    if (fresh.length) {
      const keyRows = (await tx.unsafe(
        "SELECT nextval('article_keys')::int8 AS k FROM generate_series(1, $1::int)",
        [fresh.length],
      )) as unknown as { k: number }[];
      const keys = keyRows.map((r) => r.k).sort((a, b) => a - b);
      const inserted = await tx.unsafe(
        `INSERT INTO articles (key, id, hash, published, words, added_at, title, url, source, lang, origin,
           minhash, band_keys, key_terms, vector_terms, vector_weights, text)
         SELECT u.key, u.id, u.hash, u.published, u.words, $2, u.title, u.url, u.source, u.lang, u.origin,
           decode(u.minhash, 'base64'), decode(u.band_keys, 'base64'), decode(u.key_terms, 'base64'),
           decode(u.vector_terms, 'base64'), decode(u.vector_weights, 'base64'), u.text
         FROM unnest(${ARTICLE_UNNEST}) AS u(${ARTICLE_COLS})
         ON CONFLICT DO NOTHING`,
        [keys, now, ...articleArrays(fresh)],
      );
      // Fewer rows than sent: another writer stored one of these ids or contents meanwhile (and
      // has committed: ON CONFLICT waited for it). Roll back and plan the batch again.
      if (inserted.count !== fresh.length) throw new Race('a concurrent writer stored the same article');
      fresh.forEach((r, k) => {
        for (const at of outcomeOfFresh[k]) out[at].key = keys[k];
        adds.push(indexEntryOf(keys[k], r));
      });
      delta.articles = (delta.articles ?? 0) + fresh.length;
    }
    if (adds.length) await this.index(tx, adds, delta, dfDelta);
    await this.appendDf(tx, dfDelta);
    await this.addCounters(tx, delta);
    return out;
  }

  /** Inserts band and posting rows of new contents; counts their terms into `dfDelta`. */
  private async index(
    tx: Tx,
    entries: IndexEntry[],
    delta: Partial<Record<CounterName, number>>,
    dfDelta: Map<number, number>,
  ): Promise<void> {
    const { bk, ba, pt, pp, pa } = indexRows(entries, 1, dfDelta);
    // Both statements go out together (pipelined on the transaction's connection).
    const [bands, posts] = await Promise.all([
      bk.length
        ? tx.unsafe('INSERT INTO bands (band_key, article) SELECT * FROM unnest($1::int8[], $2::int8[])', [
            bk,
            ba,
          ])
        : Promise.resolve({ count: 0 }),
      pt.length
        ? tx.unsafe(
            'INSERT INTO postings (term, published, article) SELECT * FROM unnest($1::int8[], $2::int8[], $3::int8[])',
            [pt, pp, pa],
          )
        : Promise.resolve({ count: 0 }),
    ]);
    delta.band_rows = (delta.band_rows ?? 0) + bands.count;
    delta.posting_rows = (delta.posting_rows ?? 0) + posts.count;
  }

  /** Deletes the index rows of old contents; counts their terms out of `dfDelta`. */
  private async unindex(
    tx: Tx,
    entries: IndexEntry[],
    delta: Partial<Record<CounterName, number>>,
    dfDelta: Map<number, number>,
  ): Promise<void> {
    const { bk, ba, pt, pp, pa } = indexRows(entries, -1, dfDelta);
    const [bands, posts] = await Promise.all([
      tx.unsafe(
        `DELETE FROM bands b USING unnest($1::int8[], $2::int8[]) AS d(k, a)
         WHERE b.band_key = d.k AND b.article = d.a`,
        [bk, ba],
      ),
      tx.unsafe(
        `DELETE FROM postings p USING unnest($1::int8[], $2::int8[], $3::int8[]) AS d(t, p, a)
         WHERE p.term = d.t AND p.published = d.p AND p.article = d.a`,
        [pt, pp, pa],
      ),
    ]);
    delta.band_rows = (delta.band_rows ?? 0) - bands.count;
    delta.posting_rows = (delta.posting_rows ?? 0) - posts.count;
  }

  private async appendDf(tx: Tx, dfDelta: Map<number, number>): Promise<void> {
    const terms: number[] = [];
    const ns: number[] = [];
    for (const [t, n] of dfDelta) {
      if (n) {
        terms.push(t);
        ns.push(n);
      }
    }
    if (terms.length)
      await tx.unsafe('INSERT INTO df_delta (term, n) SELECT * FROM unnest($1::int8[], $2::int8[])', [
        terms,
        ns,
      ]);
  }

  /**
   * Deletes these articles' memberships and shrinks their stories. The versions derived from a
   * deleted one are re-attached to its nearest ancestor that stays (or become roots), as the
   * SQLite store does one article at a time.
   */
  private async dropMemberships(tx: Tx, keys: number[]): Promise<void> {
    const gone = (await tx.unsafe(
      `WITH gone AS (DELETE FROM members WHERE key = ANY($1::int8[]) RETURNING key, story, parent),
         n AS (SELECT story, count(*)::int AS n FROM gone GROUP BY story),
         shrunk AS (UPDATE stories s SET size = greatest(s.size - n.n, 0) FROM n WHERE s.story = n.story)
       SELECT key, story, parent FROM gone`,
      [keys],
    )) as unknown as Row[];
    if (!gone.length) return;
    const parentOf = new Map<number, number | null>(
      gone.map((g) => [Number(g.key), g.parent === null ? null : Number(g.parent)]),
    );
    const stories: number[] = [];
    const olds: number[] = [];
    const news: (number | null)[] = [];
    for (const g of gone) {
      const key = Number(g.key);
      let p = parentOf.get(key) ?? null;
      for (let steps = 0; p !== null && parentOf.has(p); steps++) {
        // A corrupt cycle among the deleted ends at a root.
        if (steps >= parentOf.size) p = null;
        else p = parentOf.get(p) ?? null;
      }
      stories.push(Number(g.story));
      olds.push(key);
      news.push(p);
    }
    await tx.unsafe(
      `UPDATE members m SET parent = v.np
       FROM unnest($1::int8[], $2::int8[], $3::int8[]) AS v(story, old, np)
       WHERE m.story = v.story AND m.parent = v.old`,
      [stories, olds, news],
    );
  }

  /**
   * Moves the frequency and counter deltas into their base tables, in one transaction so every
   * reader sees the same totals before and after. One process folds at a time; with `wait`
   * false a process that finds another folding skips (the other does the work).
   */
  private async fold(wait: boolean): Promise<void> {
    this.writesSinceFold = 0;
    await this.write(async (tx) => {
      const lock = wait ? 'pg_advisory_xact_lock' : 'pg_try_advisory_xact_lock';
      const got = await tx.unsafe(`SELECT ${lock}(hashtext($1)) AS ok`, [`storydiff:${this.schema}:fold`]);
      if (!wait && got[0]?.ok !== true) return;
      const gone = (await tx.unsafe(
        `WITH moved AS (DELETE FROM df_delta RETURNING term, n),
           agg AS (SELECT term, sum(n)::int8 AS n FROM moved GROUP BY term),
           up AS (INSERT INTO df (term, df) SELECT term, n FROM agg ORDER BY term
                  ON CONFLICT (term) DO UPDATE SET df = df.df + excluded.df RETURNING term, df)
         SELECT term FROM up WHERE df <= 0`,
      )) as unknown as { term: number }[];
      if (gone.length)
        await tx.unsafe('DELETE FROM df WHERE term = ANY($1::int8[]) AND df <= 0', [gone.map((g) => g.term)]);
      await tx.unsafe(
        `WITH moved AS (DELETE FROM counter_delta RETURNING name, n),
           agg AS (SELECT name, sum(n)::int8 AS n FROM moved GROUP BY name)
         UPDATE counters c SET value = c.value + agg.n FROM agg WHERE c.name = agg.name`,
      );
    });
  }

  /**
   * Folds the frequency and counter deltas into their base tables and refreshes the planner's
   * statistics of the index tables. Safe at any time, also while others write.
   *
   * @example
   * ```ts
   * await store.putArticles(records);
   * await store.compact();
   * ```
   */
  async compact(): Promise<void> {
    if (this.readonly) return;
    await this.fold(true);
    await this.db.exec('ANALYZE articles, bands, postings, df, df_delta');
  }

  /** Removes articles by id with their index rows, frequencies and memberships, in one statement's transaction. */
  protected async deleteArticles(ids: string[]): Promise<string[]> {
    return this.write(async (tx) => {
      const rows = (await tx.unsafe(
        `DELETE FROM articles WHERE id = ANY($1::text[])
         RETURNING key, id, published, band_keys, key_terms, vector_terms`,
        [[...new Set(ids.map((i) => pgText(i) as string))]],
      )) as unknown as Row[];
      if (!rows.length) return [];
      const delta: Partial<Record<CounterName, number>> = { articles: -rows.length };
      const dfDelta = new Map<number, number>();
      await this.unindex(
        tx,
        rows.map((r) => toIndexEntry(r)),
        delta,
        dfDelta,
      );
      await this.dropMemberships(
        tx,
        rows.map((r) => r.key as number),
      );
      await this.appendDf(tx, dfDelta);
      await this.addCounters(tx, delta);
      const removed = new Set(rows.map((r) => r.id as string));
      return [...new Set(ids)].filter((id) => removed.has(pgText(id) as string));
    });
  }

  protected articleRows(column: 'id' | 'key', values: string[] | number[], text: boolean): Promise<Row[]> {
    const cols = text ? FULL_COLS : FINGERPRINT_COLS;
    const type = column === 'id' ? 'text' : 'int8';
    return this.read1(`SELECT ${cols} FROM articles WHERE ${column} = ANY($1::${type}[])`, [values]);
  }

  protected async summaryRowByHash(hash: string): Promise<Row | undefined> {
    const rows = await this.read1(`SELECT ${SUMMARY_COLS} FROM articles WHERE hash = $1`, [hash]);
    return rows[0];
  }

  // ── candidates ──

  /** One statement. */
  protected bandHits(bandKeys: IntList, limit: number, exclude: number): Promise<BandHit[]> {
    return this.read1(
      `SELECT article AS key, count(*)::int AS hits FROM bands
           WHERE band_key = ANY($1::int8[]) AND article <> $2
           GROUP BY article ORDER BY hits DESC, article LIMIT $3`,
      [[...new Set(bandKeys)], exclude, limit],
    ) as Promise<unknown> as Promise<BandHit[]>;
  }

  /** One statement: a LATERAL index scan per term. */
  protected async termPostings(
    distinct: number[],
    { lo, hi, undated, exclude, limit }: TermQuery,
  ): Promise<Map<number, number[]>> {
    const rows = (await this.read1(
      `SELECT t.ord, p.article FROM unnest($1::int8[]) WITH ORDINALITY AS t(term, ord)
         CROSS JOIN LATERAL (
           SELECT article, published FROM (
             (SELECT article, published FROM postings
               WHERE term = t.term AND published BETWEEN $2 AND $3 AND article <> $4
               ORDER BY published DESC, article DESC LIMIT $5)
             UNION ALL
             (SELECT article, published FROM postings
               WHERE $6 AND term = t.term AND published = $7 AND article <> $4
               ORDER BY article DESC LIMIT $5)
           ) u ORDER BY published DESC, article DESC LIMIT $5
         ) p ORDER BY t.ord`,
      [distinct, lo, hi, exclude, limit, undated, UNDATED],
    )) as unknown as { ord: number; article: number }[];
    const byKey = new Map<number, number[]>();
    for (const r of rows) {
      const term = distinct[r.ord - 1];
      const l = byKey.get(r.article);
      if (l) l.push(term);
      else byKey.set(r.article, [term]);
    }
    return byKey;
  }

  /**
   * Document frequency of each term (0 when unknown) and the number of articles, from one
   * snapshot (base tables plus deltas).
   *
   * @example
   * ```ts
   * const { df, total } = await store.termFrequencies(fp.vectorTerms);
   * ```
   */
  async termFrequencies(terms: number[]): Promise<{ df: Map<number, number>; total: number }> {
    checkInts('terms', terms);
    const distinct = [...new Set(terms)];
    // One statement (one snapshot, one round trip): the frequencies, then a row with a NULL term
    // carrying the number of articles.
    const rows = (await this.read1(
      `SELECT term, sum(n)::int8 AS n FROM (
         SELECT term, df AS n FROM df WHERE term = ANY($1::int8[])
         UNION ALL SELECT term, n FROM df_delta WHERE term = ANY($1::int8[])) x
       GROUP BY term
       UNION ALL
       SELECT NULL, ((SELECT value FROM counters WHERE name = 'articles')
         + coalesce((SELECT sum(n) FROM counter_delta WHERE name = 'articles'), 0))::int8`,
      [distinct],
    )) as unknown as { term: number | null; n: number }[];
    const df = new Map<number, number>();
    for (const t of terms) df.set(t, 0);
    let total = 0;
    for (const r of rows) {
      if (r.term === null) total = r.n;
      else df.set(r.term, Math.max(0, r.n));
    }
    return { df, total };
  }

  // ── listing ──

  protected async scanRows({ want, lo, hi, undated, unclustered, from, start }: ScanQuery): Promise<Row[]> {
    const free = unclustered ? 'AND NOT EXISTS (SELECT 1 FROM members m WHERE m.key = a.key)' : '';
    return (await this.read((tx) =>
      tx.unsafe(
        `SELECT * FROM (
           (SELECT ${FULL_COLS_A} FROM articles a
             WHERE $1 AND a.published = $2 AND a.key > $3 ${free} ORDER BY a.published, a.key LIMIT $4)
           UNION ALL
           (SELECT ${FULL_COLS_A} FROM articles a
             WHERE $5 AND (a.published, a.key) > ($6, $7) AND a.published <= $8 ${free}
             ORDER BY a.published, a.key LIMIT $4)
         ) x ORDER BY published, key LIMIT $4`,
        [undated && from.published === UNDATED, UNDATED, from.key, want, lo <= hi, start.p, start.k, hi],
      ),
    )) as unknown as Row[];
  }

  protected summaryRows(afterKey: number, limit: number): Promise<Row[]> {
    return this.read1(`SELECT ${SUMMARY_COLS} FROM articles WHERE key > $1 ORDER BY key LIMIT $2`, [
      afterKey,
      limit,
    ]);
  }

  // ── clustering ──

  protected storyRows(ids: number[]): Promise<Row[]> {
    return this.read1('SELECT * FROM stories WHERE story = ANY($1::int8[])', [ids]);
  }

  protected memberRows(column: 'key' | 'story', values: number[]): Promise<Row[]> {
    return column === 'key'
      ? this.read1('SELECT * FROM members WHERE key = ANY($1::int8[])', [values])
      : this.read1('SELECT * FROM members WHERE story = ANY($1::int8[]) ORDER BY seq, key', [values]);
  }

  /**
   * Stories with at least one member published inside the window, by first publication (stories
   * without one first), then id.
   *
   * @example
   * ```ts
   * const recent = await store.storiesInWindow({ since: Date.now() - 7 * 86_400_000 });
   * ```
   */
  async storiesInWindow(window: TimeWindow & { limit?: number }): Promise<StoryRecord[]> {
    const { lo, hi, undated } = windowRange(window ?? {});
    const limit = window?.limit === undefined ? null : checkLimit('limit', window.limit);
    if (limit === 0) return [];
    const unbounded = window?.since === undefined && window?.until === undefined && undated;
    const rows = await this.read(
      (tx) =>
        (unbounded
          ? tx.unsafe(
              `SELECT s.* FROM stories s WHERE EXISTS (SELECT 1 FROM members m WHERE m.story = s.story)
               ORDER BY s.first_published NULLS FIRST, s.story LIMIT $1`,
              [limit],
            )
          : tx.unsafe(
              `SELECT s.* FROM stories s WHERE s.story IN (
                 SELECT m.story FROM articles a JOIN members m ON m.key = a.key
                 WHERE a.published BETWEEN $1 AND $2 OR ($3 AND a.published = $4))
               ORDER BY s.first_published NULLS FIRST, s.story LIMIT $5`,
              [lo, hi, undated, UNDATED, limit],
            )) as Promise<Row[]>,
    );
    return rows.map(toStory);
  }

  /** Writes checked clustering changes in one transaction (see {@link BaseStore.putClustering}). */
  protected async writeClustering(
    stories: StoryRecord[],
    members: Membership[],
    merges: StoryMergeRecord[],
  ): Promise<void> {
    await this.write(async (tx) => {
      for (const m of merges) {
        await tx.unsafe('UPDATE members SET story = $1 WHERE story = $2', [m.into, m.from]);
        await tx.unsafe('DELETE FROM stories WHERE story = $1', [m.from]);
      }
      if (stories.length) {
        await tx.unsafe(
          `INSERT INTO stories (story, root, size, first_published, last_published, centroid_terms, centroid_weights)
           SELECT u.story, u.root, u.size, u.fp, u.lp, decode(u.ct, 'base64'), decode(u.cw, 'base64')
           FROM unnest($1::int8[], $2::int8[], $3::int[], $4::int8[], $5::int8[], $6::text[], $7::text[])
             AS u(story, root, size, fp, lp, ct, cw)
           ON CONFLICT (story) DO UPDATE SET root = excluded.root, size = excluded.size,
             first_published = excluded.first_published, last_published = excluded.last_published,
             centroid_terms = excluded.centroid_terms, centroid_weights = excluded.centroid_weights`,
          [
            stories.map((s) => s.story),
            stories.map((s) => s.root),
            stories.map((s) => s.size),
            stories.map((s) => s.firstPublished ?? null),
            stories.map((s) => s.lastPublished ?? null),
            stories.map((s) => ints64(s.centroidTerms)),
            stories.map((s) => b64(s.centroidWeights)),
          ],
        );
      }
      if (members.length) {
        const keys = [...new Set(members.map((m) => m.key))];
        const storyIds = [...new Set(members.map((m) => m.story))];
        const [articles, known] = (await Promise.all([
          tx.unsafe('SELECT key FROM articles WHERE key = ANY($1::int8[])', [keys]),
          tx.unsafe('SELECT story FROM stories WHERE story = ANY($1::int8[])', [storyIds]),
        ])) as unknown as [{ key: number }[], { story: number }[]];
        const haveStory = new Set(known.map((r) => r.story));
        const lost = storyIds.find((s) => !haveStory.has(s));
        if (lost !== undefined) throw usage(`a membership names story ${lost}, which is not stored`);
        const haveArticle = new Set(articles.map((r) => r.key));
        const missing = members.find((m) => !haveArticle.has(m.key));
        if (missing) throw usage(`a membership names article key ${missing.key}, which is not stored`);
        // Last write of a key wins, as with one upsert per membership in order.
        const last = new Map<number, Membership>();
        for (const m of members) last.set(m.key, m);
        const ms = [...last.values()];
        await tx.unsafe(
          `INSERT INTO members (key, story, parent, score, seq)
           SELECT * FROM unnest($1::int8[], $2::int8[], $3::int8[], $4::float8[], $5::int8[])
           ON CONFLICT (key) DO UPDATE SET story = excluded.story, parent = excluded.parent,
             score = excluded.score, seq = excluded.seq`,
          [
            ms.map((m) => m.key),
            ms.map((m) => m.story),
            ms.map((m) => m.parent ?? null),
            ms.map((m) => m.score),
            ms.map((m) => m.seq),
          ],
        );
      }
      // High-water marks: raised in place (clustering runs one at a time), never lowered.
      const nextStory = Math.max(1, ...stories.map((s) => s.story + 1));
      const nextSeq = Math.max(1, ...members.map((m) => m.seq + 1));
      await tx.unsafe(
        `UPDATE counters SET value = greatest(value, CASE name WHEN 'next_story' THEN $1::int8 ELSE $2::int8 END)
         WHERE name IN ('next_story', 'next_seq')`,
        [nextStory, nextSeq],
      );
    });
  }

  /**
   * The next free story id and membership sequence number (high-water marks).
   *
   * @example
   * ```ts
   * const { nextStory, nextSeq } = await store.clusteringCursor();
   * ```
   */
  async clusteringCursor(): Promise<{ nextStory: number; nextSeq: number }> {
    const c = await this.read((tx) => this.counters(tx));
    return { nextStory: c.next_story, nextSeq: c.next_seq };
  }

  // ── upkeep ──

  /**
   * Counts (articles and index rows from the counters; stories, members and terms counted),
   * the publication range, and the bytes of the schema's tables and indexes.
   *
   * @example
   * ```ts
   * const { articles, bytes } = await store.stats();
   * ```
   */
  async stats(): Promise<StoreStats> {
    const s = await this.read(async (tx) => {
      const [c, range, counts, version, bytes] = await Promise.all([
        this.counters(tx),
        tx.unsafe(
          `SELECT (SELECT min(published) FROM articles WHERE published > $1) AS earliest,
                  (SELECT max(published) FROM articles WHERE published > $1) AS latest`,
          [UNDATED],
        ),
        tx.unsafe(
          `SELECT (SELECT count(*) FROM stories)::int8 AS stories,
                  (SELECT count(*) FROM members)::int8 AS clustered,
                  (SELECT count(*) FROM (SELECT term FROM (SELECT term, df AS n FROM df
                     UNION ALL SELECT term, n FROM df_delta) x GROUP BY term HAVING sum(n) > 0) y)::int8 AS terms`,
        ),
        tx.unsafe("SELECT value FROM meta WHERE key = 'schema_version'"),
        tx.unsafe(
          `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::int8 AS bytes FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
          [this.schema],
        ),
      ]);
      return { c, range: range[0], counts: counts[0], version: version[0]?.value, bytes: bytes[0]?.bytes };
    });
    const out: StoreStats = {
      schemaVersion: s.version as number,
      kind: this.kind,
      location: this.location,
      articles: s.c.articles,
      bandRows: s.c.band_rows,
      postingRows: s.c.posting_rows,
      terms: s.counts.terms as number,
      stories: s.counts.stories as number,
      clustered: s.counts.clustered as number,
      bytes: s.bytes as number,
      settings: { ...this.settings },
    };
    setOpt(out, 'earliest', s.range.earliest);
    setOpt(out, 'latest', s.range.latest);
    return out;
  }

  /**
   * Folds the deltas (best effort) and closes the connections. Closing twice is harmless.
   *
   * @example
   * ```ts
   * await store.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.readonly && this.writesSinceFold > 0) {
      try {
        await this.fold(false);
      } catch {
        // Best effort: the deltas stay correct unfolded; the next writer folds them.
      }
    }
    this.closed = true;
    await this.db.end();
  }

  /**
   * Drops the store's schema and everything in it. For tests and for `storydiff`'s own tooling;
   * irreversible.
   *
   * @example
   * ```ts
   * await store.drop();
   * ```
   */
  async drop(): Promise<void> {
    this.open();
    await this.db.exec(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    this.writesSinceFold = 0;
    await this.close();
  }
}
