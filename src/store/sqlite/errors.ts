/**
 * The SQLite store's errors: driver error codes mapped to the catalogue's codes (a corrupt or
 * foreign file is INPUT_INVALID, a lock held too long TIMEOUT, a full disk RESOURCE_UNAVAILABLE),
 * each naming the store file.
 */

import { StorydiffError } from '../../errors.js';
import { message } from '../validate.js';

/** How long a statement waits for another connection's lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * Maps a driver error to a StorydiffError that names the file.
 *
 * @example
 * ```ts
 * try { db.exec(sql); } catch (err) { throw sqliteError(err, path); }
 * ```
 */
export function sqliteError(err: unknown, path: string): StorydiffError {
  if (err instanceof StorydiffError) return err;
  const code = (err as { code?: unknown })?.code;
  const msg = message(err);
  const as = (c: ConstructorParameters<typeof StorydiffError>[0], detail: string) =>
    new StorydiffError(c, detail, { source: path, cause: err });
  switch (code) {
    case 'SQLITE_NOTADB':
      return as('INPUT_INVALID', 'not a storydiff store: the file is not a SQLite database');
    case 'SQLITE_CORRUPT':
    case 'SQLITE_CORRUPT_INDEX':
    case 'SQLITE_CORRUPT_SEQUENCE':
      return as('INPUT_INVALID', `the store file is corrupt (${msg})`);
    case 'SQLITE_CANTOPEN':
      return as('INPUT_NOT_FOUND', `cannot open the store (${msg})`);
    case 'SQLITE_BUSY':
    case 'SQLITE_BUSY_SNAPSHOT':
    case 'SQLITE_LOCKED':
      return as('TIMEOUT', `the store stayed locked by another connection for ${BUSY_TIMEOUT_MS / 1000} s`);
    case 'SQLITE_FULL':
      return as('RESOURCE_UNAVAILABLE', 'the disk is full');
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DBMOVED':
      return as('USAGE', `the store cannot be written (${msg})`);
    default:
      if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) {
        return as('RESOURCE_UNAVAILABLE', `I/O error on the store (${msg})`);
      }
      return as('INTERNAL', msg);
  }
}
