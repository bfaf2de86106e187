/**
 * Opening a store from a `--db` value: a PostgreSQL URL or a SQLite path, each implementation
 * loaded only when used.
 */
import { StorydiffError } from '../errors.js';
import type { Store, StoreSettings } from './types.js';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Settings for a new store; an existing store keeps the ones it was created with. */
  settings: StoreSettings;
  readonly?: boolean;
}

/**
 * Opens the store a `--db` value names: a `postgres://` or `postgresql://` URL, or a SQLite file
 * path (`:memory:` for a throwaway store). Implementations load lazily, so a SQLite user never
 * loads a PostgreSQL client and the reverse.
 *
 * @example
 * ```ts
 * const store = await openStore('.storydiff/corpus.db', { settings: makeSettings() });
 * ```
 */
export async function openStore(db: string, opts: OpenStoreOptions): Promise<Store> {
  if (typeof db !== 'string' || !db.trim())
    throw new StorydiffError('USAGE', '--db must name a file or a URL');
  if (/^postgres(ql)?:\/\//i.test(db)) {
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore({ url: db, settings: opts.settings, readonly: opts.readonly });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(db)) {
    throw new StorydiffError('USAGE', `unsupported store URL scheme: ${db.split(':')[0]}`, {
      source: '--db',
    });
  }
  const { openSqliteStore } = await import('./sqlite.js');
  return openSqliteStore({ path: db, settings: opts.settings, readonly: opts.readonly });
}
