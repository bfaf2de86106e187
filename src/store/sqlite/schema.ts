/**
 * The SQLite store's schema: the version-1 DDL, the migrations to the current version (2: the
 * inverted indexes as runs of blocks, see runs.ts), the counters kept in `meta`, and reading a
 * database's version and settings. The layout itself is described in ../sqlite.ts.
 */

import type Database from 'better-sqlite3';
import { StorydiffError } from '../../errors.js';
import { blockCapacity, LOWEST, RUNS_SCHEMA, RunIndex } from '../runs.js';
import {
  checkVersion,
  foreignTables,
  recordedVersion,
  settingsForNewStore,
  storedSettings,
} from '../schema.js';
import { STORE_SCHEMA_VERSION, type StoreSettings } from '../types.js';
import { message } from '../validate.js';

type DB = Database.Database;

/** Index blocks are sized for a page of at most this many bytes, whatever the store's page size. */
const MAX_BLOCK_PAGE = 16384;
/** Index identifiers in `runs.idx`. */
const IDX_BANDS = 0;
const IDX_POSTINGS = 1;

/** Counters kept in `meta`, with their value in a new store. */
export const COUNTERS = {
  articles: 0,
  band_rows: 0,
  posting_rows: 0,
  stories: 0,
  clustered: 0,
  /** Next article key: keys are never reused, so a stale key can never name another article. */
  next_key: 1,
  /** High-water marks of the clustering, so a removed story or member never frees its number. */
  next_story: 1,
  next_seq: 1,
};
export type Counters = { -readonly [K in keyof typeof COUNTERS]: number };

/** @internal The version-1 layout, for migration tests. */
export const SQLITE_SCHEMA_V1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;
CREATE TABLE articles (
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL UNIQUE,
  published INTEGER NOT NULL,
  words INTEGER NOT NULL,
  added_at INTEGER NOT NULL,
  title TEXT,
  url TEXT,
  source TEXT,
  lang TEXT,
  origin TEXT,
  minhash BLOB NOT NULL,
  band_keys BLOB NOT NULL,
  key_terms BLOB NOT NULL,
  vector_terms BLOB NOT NULL,
  vector_weights BLOB NOT NULL,
  text TEXT NOT NULL
);
-- With the rowid this orders by (published, key): publication order and cursors.
CREATE INDEX articles_published ON articles (published);
CREATE TABLE bands (band_key INTEGER NOT NULL, article INTEGER NOT NULL,
  PRIMARY KEY (band_key, article)) WITHOUT ROWID;
CREATE TABLE bands_delta (seg INTEGER NOT NULL, band_key INTEGER NOT NULL, article INTEGER NOT NULL,
  PRIMARY KEY (seg, band_key, article)) WITHOUT ROWID;
CREATE TABLE postings (term INTEGER NOT NULL, published INTEGER NOT NULL, article INTEGER NOT NULL,
  PRIMARY KEY (term, published, article)) WITHOUT ROWID;
CREATE TABLE postings_delta (seg INTEGER NOT NULL, term INTEGER NOT NULL, published INTEGER NOT NULL,
  article INTEGER NOT NULL, PRIMARY KEY (seg, term, published, article)) WITHOUT ROWID;
CREATE TABLE segments (seg INTEGER PRIMARY KEY, rows INTEGER NOT NULL);
CREATE TABLE df (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE stories (
  story INTEGER PRIMARY KEY,
  root INTEGER NOT NULL,
  size INTEGER NOT NULL,
  first_published INTEGER,
  last_published INTEGER,
  centroid_terms BLOB NOT NULL,
  centroid_weights BLOB NOT NULL
);
CREATE TABLE members (
  key INTEGER PRIMARY KEY,
  story INTEGER NOT NULL,
  parent INTEGER,
  score REAL NOT NULL,
  seq INTEGER NOT NULL
);
CREATE INDEX members_story ON members (story, seq);
`;

/** Schema migrations, applied in order in one IMMEDIATE transaction; v0 is an empty database. */
const MIGRATIONS: { to: number; up: (db: DB, settings: StoreSettings | undefined, path: string) => void }[] =
  [
    {
      to: 1,
      up(db, settings, path) {
        const created = settingsForNewStore(settings, path);
        db.exec(SQLITE_SCHEMA_V1);
        const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        put.run('settings', JSON.stringify(created));
        put.run('created_at', Date.now());
        for (const [k, v] of Object.entries(COUNTERS)) put.run(k, v);
      },
    },
    {
      to: 2,
      up(db) {
        db.exec(RUNS_SCHEMA);
        migrateIndexToRuns(db);
        db.exec(`DROP TABLE bands; DROP TABLE bands_delta; DROP TABLE postings; DROP TABLE postings_delta;
          DROP TABLE segments;`);
      },
    },
  ];

/**
 * The two inverted indexes of a connection: bands (band key, article) and postings
 * (term, −published, −article), with blocks as large as a page of at most 16 KiB allows unless
 * `blockEntries`.
 */
export function runIndexes(db: DB, blockEntries: number): { bands: RunIndex; postings: RunIndex } {
  // Blocks no larger than a 16 KiB page's (~4 KB): a search decodes whole blocks, and larger
  // pages pay off for the article rows, not for the blocks.
  const page = Math.min(MAX_BLOCK_PAGE, db.pragma('page_size', { simple: true }) as number);
  const cap = (w: number) => blockEntries || blockCapacity(page, w);
  return {
    bands: new RunIndex(db, IDX_BANDS, 2, cap(2)),
    postings: new RunIndex(db, IDX_POSTINGS, 3, cap(3)),
  };
}

/**
 * Schema 1 → 2: the row-per-entry index tables become one run per index. Read in key order a page
 * at a time (a statement cannot be stepped while another writes); a term's postings, stored
 * oldest first in version 1, are reversed into the newest-first order of version 2.
 */
function migrateIndexToRuns(db: DB): void {
  db.exec(`INSERT OR IGNORE INTO bands (band_key, article) SELECT band_key, article FROM bands_delta;
    INSERT OR IGNORE INTO postings (term, published, article) SELECT term, published, article FROM postings_delta;`);
  const { bands, postings } = runIndexes(db, 0);
  /** A table's rows in primary-key order, a page at a time (keyset pagination). */
  function* rows(table: string, cols: string[]): Generator<number[]> {
    const list = cols.join(', ');
    const page = db
      .prepare(
        `SELECT ${list} FROM ${table} WHERE (${list}) > (${cols.map(() => '?').join(', ')}) ORDER BY ${list} LIMIT 50000`,
      )
      .raw();
    let last = cols.map(() => LOWEST);
    for (;;) {
      const got = page.all(...last) as number[][];
      yield* got;
      if (got.length < 50_000) return;
      last = got[got.length - 1];
    }
  }
  bands.build((emit) => {
    for (const r of rows('bands', ['band_key', 'article'])) emit(r);
  });
  postings.build((emit) => {
    let group: number[][] = [];
    const flush = () => {
      for (let i = group.length - 1; i >= 0; i--) emit([group[i][0], -group[i][1], -group[i][2]]);
      group = [];
    };
    for (const r of rows('postings', ['term', 'published', 'article'])) {
      if (group.length && group[0][0] !== r[0]) flush();
      group.push(r);
    }
    flush();
  });
}

/**
 * The schema version of an open database: 0 when it has no tables (a new store), else the one in
 * `meta`; INPUT_INVALID for a database of other tables or without a version.
 *
 * @example
 * ```ts
 * checkVersion(schemaVersion(db, path), path);
 * ```
 */
export function schemaVersion(db: DB, path: string): number {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  if (!tables.includes('meta')) {
    if (tables.length) throw foreignTables('the SQLite database', tables, path);
    return 0;
  }
  let v: unknown;
  try {
    v = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get();
  } catch (err) {
    throw new StorydiffError('INPUT_INVALID', `not a storydiff store (${message(err)})`, {
      source: path,
      cause: err,
    });
  }
  return recordedVersion(v, path);
}

/**
 * Brings the store to {@link STORE_SCHEMA_VERSION} in one IMMEDIATE transaction (creating it when
 * the database is empty).
 *
 * @example
 * ```ts
 * if (version < STORE_SCHEMA_VERSION) migrate(db, opts.settings, path);
 * ```
 */
export function migrate(db: DB, settings: StoreSettings | undefined, path: string): void {
  db.transaction(() => {
    // Read again under the write lock: another process may have created or upgraded it meanwhile.
    const from = schemaVersion(db, path);
    checkVersion(from, path);
    for (const m of MIGRATIONS) if (m.to > from) m.up(db, settings, path);
    db.prepare(
      "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(STORE_SCHEMA_VERSION);
  }).immediate();
}

/**
 * The settings the store was created with.
 *
 * @example
 * ```ts
 * const settings = readSettings(db, path);
 * ```
 */
export function readSettings(db: DB, path: string): StoreSettings {
  const raw = db.prepare("SELECT value FROM meta WHERE key = 'settings'").pluck().get();
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(raw));
  } catch {
    parsed = undefined;
  }
  return storedSettings(parsed, path);
}
