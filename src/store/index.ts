/**
 * The corpus store: the {@link Store} interface and its record types, the opener that picks an
 * implementation from a `--db` value, and the SQLite and PostgreSQL implementations. Each module
 * (and its driver) is loaded on first use, so importing this module costs nothing.
 */

import type { PostgresStore, PostgresStoreOptions } from './postgres.js';
import type { SqliteStore, SqliteStoreOptions } from './sqlite.js';

export { UNDATED } from './codec.js';
export { type OpenStoreOptions, openStore } from './open.js';
export type { PostgresStore, PostgresStoreOptions, RetryPolicy } from './postgres.js';
export type { SqliteStore, SqliteStoreOptions } from './sqlite.js';
export * from './types.js';

/**
 * Opens (or creates) a SQLite store; see `openSqliteStore` in `./sqlite.js` for the details.
 * This wrapper loads the SQLite module on first use.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path: ':memory:', settings: makeSettings() });
 * ```
 */
export async function openSqliteStore(opts: SqliteStoreOptions): Promise<SqliteStore> {
  const sqlite = await import('./sqlite.js');
  return sqlite.openSqliteStore(opts);
}

/**
 * Opens (or creates) a store in a PostgreSQL database; see `openPostgresStore` in
 * `./postgres.js`. This wrapper loads the PostgreSQL client on first use.
 *
 * @example
 * ```ts
 * const store = await openPostgresStore({ url: 'postgres://localhost/news', settings: makeSettings() });
 * ```
 */
export async function openPostgresStore(opts: PostgresStoreOptions): Promise<PostgresStore> {
  const pg = await import('./postgres.js');
  return pg.openPostgresStore(opts);
}
