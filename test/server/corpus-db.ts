/**
 * Stores for the corpus API tests. {@link testCorpusDb} picks PostgreSQL when
 * `STORYDIFF_TEST_DATABASE_URL` is set (each store in a fresh schema, dropped by `cleanup`) and a
 * temporary SQLite file otherwise, so the same tests run against either.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

/** The kinds of store the corpus tests can run on. */
export type StoreKind = 'sqlite' | 'postgres';

/** A store for one test: the `--db` value to give the server or the CLI, and its removal. */
export interface TestCorpusDb {
  kind: StoreKind;
  /** A SQLite file path or a `postgres://` URL naming a fresh schema. */
  db: string;
  /** Removes the store (the SQLite folder, or the PostgreSQL schema). */
  cleanup(): Promise<void>;
}

/** The PostgreSQL test server, when there is one. */
export const TEST_DATABASE_URL = process.env.STORYDIFF_TEST_DATABASE_URL || undefined;

/** The store kinds this run covers: SQLite always, PostgreSQL when a test server is configured. */
export const STORE_KINDS: StoreKind[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * A new, empty store location: PostgreSQL (a fresh schema in `STORYDIFF_TEST_DATABASE_URL`) when
 * that variable is set, else a SQLite file in a new temporary folder. `kind` forces one.
 *
 * @example
 * ```ts
 * const store = await testCorpusDb();
 * const server = await startServer({ port: 0, corpus: store.db });
 * // …
 * await server.close();
 * await store.cleanup();
 * ```
 */
export async function testCorpusDb(
  kind: StoreKind = TEST_DATABASE_URL ? 'postgres' : 'sqlite',
): Promise<TestCorpusDb> {
  if (kind === 'postgres') {
    if (!TEST_DATABASE_URL) throw new Error('STORYDIFF_TEST_DATABASE_URL is not set');
    // Loaded only when needed: the helper insists on a server in CI, which SQLite runs do not need.
    const pg = await import('../helpers/postgres.js');
    const schema = pg.freshSchema('srv');
    return { kind, db: pg.pgUrl(schema), cleanup: () => pg.dropSchemas(schema) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'storydiff-server-corpus-'));
  return {
    kind,
    db: join(dir, 'corpus.db'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The ten invented articles of test/fixtures/newsroom, as JSON objects (the API's article form). */
export function newsroomArticles(): Record<string, unknown>[] {
  return readFileSync(join(ROOT, 'test/fixtures/newsroom/articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
