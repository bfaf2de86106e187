/**
 * What the SQLite and PostgreSQL stores share about their schema: the article columns they read
 * (both keep the same columns, see rows.ts), and the checks of a store's recorded schema version
 * and settings, with the errors a user sees when a store is too new, foreign, or needs an
 * upgrade. Each store keeps its own DDL and migrations (sqlite/schema.ts, postgres/schema.ts).
 */

import { StorydiffError } from '../errors.js';
import { STORE_SCHEMA_VERSION, type StoreSettings } from './types.js';
import { checkSettings, message } from './validate.js';

/** The columns of an article summary (see `toSummary` in rows.ts). */
export const SUMMARY_COLS = 'key, id, hash, title, url, source, published, lang, words';
/** Every column of an article, text last (see `toStored` in rows.ts). */
export const FULL_COLS =
  'key, id, hash, published, words, added_at, title, url, source, lang, origin, minhash, band_keys, key_terms, vector_terms, vector_weights, text';
/** {@link FULL_COLS} qualified with the alias `a`. */
export const FULL_COLS_A = FULL_COLS.split(', ')
  .map((c) => `a.${c}`)
  .join(', ');
/** {@link FULL_COLS} with an empty text: fingerprints without reading the text. */
export const FINGERPRINT_COLS = FULL_COLS.replace(', text', ", '' AS text");

/**
 * Refuses a store written by a newer storydiff (FORMAT_VERSION), before anything is changed.
 *
 * @example
 * ```ts
 * checkVersion(schemaVersion(db, path), path); // throws on a version above STORE_SCHEMA_VERSION
 * ```
 */
export function checkVersion(version: number, where: string): void {
  if (version > STORE_SCHEMA_VERSION) {
    throw new StorydiffError(
      'FORMAT_VERSION',
      `store schema version ${version} is newer than version ${STORE_SCHEMA_VERSION}, the newest this storydiff reads; upgrade storydiff`,
      { source: where },
    );
  }
}

/**
 * The schema version recorded in a store's `meta` table; INPUT_INVALID when it is missing or not
 * a positive integer.
 *
 * @example
 * ```ts
 * recordedVersion(2, path); // => 2
 * recordedVersion(undefined, path); // throws: not a storydiff store (no schema version)
 * ```
 */
export function recordedVersion(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new StorydiffError('INPUT_INVALID', 'not a storydiff store (no schema version)', { source: where });
  }
  return v;
}

/**
 * The error for a database or schema that holds tables but no store: INPUT_INVALID naming up to
 * five of them. `holder` says where they are (`the SQLite database`, `schema "news"`).
 *
 * @example
 * ```ts
 * if (!tables.includes('meta') && tables.length) throw foreignTables('the SQLite database', tables, path);
 * ```
 */
export function foreignTables(holder: string, tables: string[], where: string): StorydiffError {
  return new StorydiffError(
    'INPUT_INVALID',
    `not a storydiff store: ${holder} holds other tables (${tables.slice(0, 5).join(', ')})`,
    { source: where },
  );
}

/**
 * The error for a read-only opening of a store of an older schema version (an upgrade writes).
 *
 * @example
 * ```ts
 * if (readonly && version < STORE_SCHEMA_VERSION) throw needsUpgrade(version, path);
 * ```
 */
export function needsUpgrade(version: number, where: string): StorydiffError {
  return new StorydiffError(
    'USAGE',
    `store schema version ${version} needs an upgrade: open it once writable`,
    {
      source: where,
    },
  );
}

/**
 * The settings a new store is created with; USAGE when there are none.
 *
 * @example
 * ```ts
 * db.exec(SCHEMA_V1); put('settings', JSON.stringify(settingsForNewStore(settings, path)));
 * ```
 */
export function settingsForNewStore(settings: StoreSettings | undefined, where: string): StoreSettings {
  if (!settings) {
    throw new StorydiffError('USAGE', 'the store is new: give settings to create it', { source: where });
  }
  return settings;
}

/**
 * The settings a store was created with, as read back from it (parsed); INPUT_INVALID when they
 * are not valid settings.
 *
 * @example
 * ```ts
 * const settings = storedSettings(JSON.parse(raw), path);
 * ```
 */
export function storedSettings(value: unknown, where: string): StoreSettings {
  try {
    return checkSettings(value as StoreSettings, where);
  } catch (err) {
    throw new StorydiffError('INPUT_INVALID', `the store's settings are unreadable: ${message(err)}`, {
      source: where,
    });
  }
}
