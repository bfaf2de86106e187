/**
 * The SQLite store's statements: every one it runs, prepared once per connection
 * ({@link prepare}), the multi-row INSERTs of a batch ({@link Bulk}), and a record's parameters.
 */

import type Database from 'better-sqlite3';
import { f32ToBlob, intsToBlob, u32ToBlob } from '../codec.js';
import { FINGERPRINT_COLS, FULL_COLS, FULL_COLS_A, SUMMARY_COLS } from '../schema.js';
import type { ArticleRecord } from '../types.js';

type DB = Database.Database;
/** A prepared statement; an interface of its own so that the type of `prepare` can be named. */
export interface Stmt extends Database.Statement {}

/** Rows per multi-row INSERT: fewer calls into the driver; chunks must stay under 32,766 parameters. */
const CHUNKS = [256, 64, 16, 4, 1];

/**
 * A multi-row INSERT prepared for each chunk size, so a batch binds its rows in few calls into
 * the driver. `sql(values)` builds the statement around a `VALUES` list; leading parameters
 * (`prefix`) are bound once per statement rather than once per row.
 */
export class Bulk {
  private readonly stmts: Stmt[];
  private readonly params: unknown[][];
  constructor(
    db: DB,
    sql: (values: string) => string,
    private readonly width: number,
    private readonly prefix = 0,
  ) {
    const row = `(${Array(width).fill('?').join(', ')})`;
    this.stmts = CHUNKS.map((n) => db.prepare(sql(Array(n).fill(row).join(', '))));
    this.params = CHUNKS.map((n) => new Array(prefix + n * width));
  }

  /**
   * Inserts rows `order[0..n-1]` (or `0..n-1`) of the columns, after the prefix parameters;
   * returns the number of rows changed.
   */
  run(n: number, cols: Float64Array[], prefix: unknown[] = [], order?: Uint32Array): number {
    const w = this.width;
    const base = this.prefix;
    let changes = 0;
    let i = 0;
    let c = 0;
    while (i < n) {
      while (CHUNKS[c] > n - i) c++;
      const size = CHUNKS[c];
      const p = this.params[c];
      for (let k = 0; k < base; k++) p[k] = prefix[k];
      for (let r = 0; r < size; r++, i++) {
        const row = order ? order[i] : i;
        for (let k = 0; k < w; k++) p[base + r * w + k] = cols[k][row];
      }
      changes += this.stmts[c].run(p).changes;
    }
    return changes;
  }
}

/**
 * The parameters of `insertArticle` and `updateArticle` for a record stored under `key`.
 *
 * @example
 * ```ts
 * q.insertArticle.run(articleParams(record, record.published ?? UNDATED, Date.now(), key));
 * ```
 */
export function articleParams(r: ArticleRecord, published: number, now: number, key: number): unknown[] {
  return [
    r.id,
    r.hash,
    published,
    r.words,
    now,
    r.title ?? null,
    r.url ?? null,
    r.source ?? null,
    r.lang ?? null,
    r.origin ?? null,
    u32ToBlob(r.minhash),
    intsToBlob(r.bandKeys),
    intsToBlob(r.keyTerms),
    intsToBlob(r.vectorTerms),
    f32ToBlob(r.vectorWeights),
    r.text,
    key,
  ];
}

/**
 * Every statement the store runs, prepared once per connection.
 *
 * @example
 * ```ts
 * const q = prepare(db);
 * q.metaSet.run('articles', 10);
 * ```
 */
export function prepare(db: DB) {
  const p = (sql: string): Stmt => db.prepare(sql);
  /** Statements whose single column is returned bare. */
  const one = (sql: string): Stmt => db.prepare(sql).pluck();
  const ids = 'SELECT value FROM json_each(?)';
  const scan = (unclustered: boolean) => {
    const free = unclustered ? 'AND NOT EXISTS (SELECT 1 FROM members m WHERE m.key = a.key)' : '';
    return {
      undated: p(
        `SELECT ${FULL_COLS_A} FROM articles a WHERE a.published = @undated AND a.key > @key ${free} ORDER BY a.published, a.key LIMIT @limit`,
      ),
      dated: p(
        `SELECT ${FULL_COLS_A} FROM articles a WHERE (a.published, a.key) > (@p, @k) AND a.published <= @hi ${free} ORDER BY a.published, a.key LIMIT @limit`,
      ),
    };
  };
  return {
    metaAll: p('SELECT key, value FROM meta'),
    metaGet: one('SELECT value FROM meta WHERE key = ?'),
    metaSet: p(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),

    byIds: p(`SELECT key, id, hash FROM articles WHERE id IN (${ids})`),
    byHashes: p(`SELECT key, id, hash FROM articles WHERE hash IN (${ids})`),
    indexData: p('SELECT published, band_keys, key_terms, vector_terms FROM articles WHERE key = ?'),
    insertArticle: p(
      `INSERT INTO articles (id, hash, published, words, added_at, title, url, source, lang, origin, minhash,
        band_keys, key_terms, vector_terms, vector_weights, text, key) VALUES (${Array(17).fill('?').join(', ')})`,
    ),
    updateArticle: p(
      `UPDATE articles SET id = ?, hash = ?, published = ?, words = ?, added_at = ?, title = ?, url = ?, source = ?,
        lang = ?, origin = ?, minhash = ?, band_keys = ?, key_terms = ?, vector_terms = ?, vector_weights = ?, text = ?
        WHERE key = ?`,
    ),
    deleteArticle: p('DELETE FROM articles WHERE key = ?'),
    fullByIds: p(`SELECT ${FULL_COLS} FROM articles WHERE id IN (${ids})`),
    fullByKeys: p(`SELECT ${FULL_COLS} FROM articles WHERE key IN (${ids})`),
    fingerprintsByKeys: p(`SELECT ${FINGERPRINT_COLS} FROM articles WHERE key IN (${ids})`),
    summaryByHash: p(`SELECT ${SUMMARY_COLS} FROM articles WHERE hash = ?`),
    articleKeys: one(`SELECT key FROM articles WHERE key IN (${ids})`),
    list: p(`SELECT ${SUMMARY_COLS} FROM articles WHERE key > ? ORDER BY key LIMIT ?`),
    earliest: one('SELECT min(published) FROM articles WHERE published > ?'),
    latest: one('SELECT max(published) FROM articles WHERE published > ?'),
    scanAll: scan(false),
    scanUnclustered: scan(true),

    dfAdd: new Bulk(
      db,
      (v) => `INSERT INTO df (term, df) VALUES ${v} ON CONFLICT (term) DO UPDATE SET df = df + excluded.df`,
      2,
    ),
    dfSub: p('UPDATE df SET df = df - ? WHERE term = ?'),
    dfPrune: p(`DELETE FROM df WHERE term IN (${ids}) AND df <= 0`),
    termCount: one('SELECT count(*) FROM df'),
    dfOf: p(`SELECT term, df FROM df WHERE term IN (${ids})`),
    storyIds: one(`SELECT story FROM stories WHERE story IN (${ids})`),
    storiesByIds: p(`SELECT * FROM stories WHERE story IN (${ids})`),
    upsertStory: p(
      `INSERT INTO stories (story, root, size, first_published, last_published, centroid_terms, centroid_weights)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (story) DO UPDATE SET root = excluded.root, size = excluded.size,
       first_published = excluded.first_published, last_published = excluded.last_published,
       centroid_terms = excluded.centroid_terms, centroid_weights = excluded.centroid_weights`,
    ),
    shrinkStory: p('UPDATE stories SET size = max(size - 1, 0) WHERE story = ?'),
    storiesAll: p(
      `SELECT s.* FROM stories s WHERE EXISTS (SELECT 1 FROM members m WHERE m.story = s.story)
       ORDER BY s.first_published, s.story LIMIT ?`,
    ),
    storiesWindow: p(
      `SELECT s.* FROM stories s WHERE s.story IN (
         SELECT m.story FROM articles a JOIN members m ON m.key = a.key WHERE a.published BETWEEN @lo AND @hi
         UNION
         SELECT m.story FROM articles a JOIN members m ON m.key = a.key WHERE @withUndated AND a.published = @undated)
       ORDER BY s.first_published, s.story LIMIT @limit`,
    ),
    memberOf: p('SELECT story, parent FROM members WHERE key = ?'),
    reparent: p('UPDATE members SET parent = ? WHERE story = ? AND parent = ?'),
    memberKeys: one(`SELECT key FROM members WHERE key IN (${ids})`),
    deleteMember: p('DELETE FROM members WHERE key = ?'),
    upsertMember: p(
      `INSERT INTO members (key, story, parent, score, seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET
       story = excluded.story, parent = excluded.parent, score = excluded.score, seq = excluded.seq`,
    ),
    membersByKeys: p(`SELECT * FROM members WHERE key IN (${ids})`),
    membersOfStories: p(`SELECT * FROM members WHERE story IN (${ids}) ORDER BY seq, key`),
  };
}
