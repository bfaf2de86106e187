/**
 * The PostgreSQL store's schema: the tables of version 1 (version 2 changed only the SQLite
 * layout), the migrations, and the counters kept through `counter_delta`. The layout itself is
 * described in ../postgres.ts.
 */

import type postgres from 'postgres';
import { settingsForNewStore } from '../schema.js';
import type { StoreSettings } from '../types.js';

/** The connection pool. */
export type Sql = postgres.Sql<Record<string, unknown>>;
/** A connection reserved for one transaction. */
export type Tx = postgres.ReservedSql<Record<string, unknown>>;

/** Counters kept by writes (through `counter_delta`), so stats and IDF never count big tables. */
export const COUNTER_NAMES = ['articles', 'band_rows', 'posting_rows', 'next_story', 'next_seq'] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

const SCHEMA_V1 = `
CREATE TABLE meta (key text PRIMARY KEY, value jsonb NOT NULL);
CREATE SEQUENCE article_keys AS bigint START 1;
CREATE TABLE articles (
  key bigint PRIMARY KEY,
  id text NOT NULL UNIQUE,
  hash text NOT NULL UNIQUE,
  published bigint NOT NULL,
  words integer NOT NULL,
  added_at bigint NOT NULL,
  title text,
  url text,
  source text,
  lang text,
  origin text,
  minhash bytea NOT NULL,
  band_keys bytea NOT NULL,
  key_terms bytea NOT NULL,
  vector_terms bytea NOT NULL,
  vector_weights bytea NOT NULL,
  text text NOT NULL
);
CREATE INDEX articles_published ON articles (published, key);
CREATE TABLE bands (band_key bigint NOT NULL, article bigint NOT NULL, PRIMARY KEY (band_key, article));
CREATE TABLE postings (term bigint NOT NULL, published bigint NOT NULL, article bigint NOT NULL,
  PRIMARY KEY (term, published, article));
CREATE TABLE df (term bigint PRIMARY KEY, df bigint NOT NULL);
CREATE TABLE df_delta (term bigint NOT NULL, n bigint NOT NULL);
CREATE INDEX df_delta_term ON df_delta (term);
CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL);
CREATE TABLE counter_delta (name text NOT NULL, n bigint NOT NULL);
CREATE TABLE stories (
  story bigint PRIMARY KEY,
  root bigint NOT NULL,
  size integer NOT NULL,
  first_published bigint,
  last_published bigint,
  centroid_terms bytea NOT NULL,
  centroid_weights bytea NOT NULL
);
CREATE TABLE members (
  key bigint PRIMARY KEY,
  story bigint NOT NULL,
  parent bigint,
  score double precision NOT NULL,
  seq bigint NOT NULL
);
CREATE INDEX members_story ON members (story, seq);
`;

/** Migrations in order, run in one transaction under the schema's advisory lock (see PostgresStore.init). */
export const MIGRATIONS: {
  to: number;
  up: (tx: Tx, settings: StoreSettings | undefined, where: string) => Promise<void>;
}[] = [
  {
    to: 1,
    async up(tx, settings, where) {
      const created = settingsForNewStore(settings, where);
      await tx.unsafe(SCHEMA_V1);
      await tx.unsafe('INSERT INTO meta (key, value) VALUES ($1, $2::jsonb), ($3, $4::jsonb)', [
        'settings',
        created,
        'created_at',
        Date.now(),
      ] as never[]);
      await tx.unsafe(`INSERT INTO counters (name, value) SELECT unnest($1::text[]), unnest($2::int8[])`, [
        [...COUNTER_NAMES],
        [0, 0, 0, 1, 1],
      ]);
    },
  },
  // Version 2 changed only the SQLite layout (index runs); the PostgreSQL tables are unchanged.
  { to: 2, async up() {} },
];
