/**
 * The PostgreSQL store's failures: which are transient and worth retrying (a dropped connection,
 * a restarting server, a deadlock, a concurrent writer storing the same article first), and the
 * catalogue code each driver error maps to, naming the store.
 */

import { StorydiffError } from '../../errors.js';
import { message } from '../validate.js';

/** SQLSTATEs and client error codes worth retrying: the same statement may well succeed later. */
const RETRYABLE = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '23505', // unique_violation: a concurrent writer stored the same article first
  '55P03', // lock_not_available
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // The pool was replaced under a running operation (see PostgresStore.reset).
  'CONNECTION_ENDED',
]);

/** Thrown inside a write when a concurrent writer got there first: the batch is planned again. */
export class Race extends Error {
  readonly code = '23505';
}

/** True when the connection itself failed (nothing more can be sent on it). */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('CONNECT') || code.startsWith('E') || code.startsWith('08') || code.startsWith('57P'))
  );
}

/** True when the failure is transient: the same transaction may well succeed when retried. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof Race) return true;
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/** Maps a driver error to a StorydiffError that names the store. */
export function pgError(err: unknown, where: string, attempts = 0): StorydiffError {
  if (err instanceof StorydiffError) return err;
  const code = String((err as { code?: unknown })?.code ?? '');
  const msg = message(err);
  const as = (c: ConstructorParameters<typeof StorydiffError>[0], detail: string) =>
    new StorydiffError(c, detail, { source: where, cause: err });
  const tried = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  if (RETRYABLE.has(code)) return as('RESOURCE_UNAVAILABLE', `the database is unavailable${tried}: ${msg}`);
  if (code.startsWith('28')) return as('USAGE', `cannot log in to the database: ${msg}`);
  if (code === '3D000') return as('INPUT_NOT_FOUND', msg);
  if (code === '53100') return as('RESOURCE_UNAVAILABLE', `the database server's disk is full: ${msg}`);
  if (code === '25006') return as('USAGE', `the database is read-only: ${msg}`);
  if (code === '57014') return as('TIMEOUT', `the database cancelled the statement: ${msg}`);
  return as('INTERNAL', `${code ? `${code} ` : ''}${msg}`);
}

/** Resolves after `ms` milliseconds (a retry's wait). */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
