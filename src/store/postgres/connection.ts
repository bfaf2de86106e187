/**
 * The PostgreSQL store's connection: one pool of the `postgres` client, statements and
 * transactions on it, and retries of transient failures with exponential backoff. A failed
 * connection replaces the whole pool (see {@link PgConnection.reset}).
 */

import type postgres from 'postgres';
import { StorydiffError } from '../../errors.js';
import type { Row } from '../rows.js';
import { isConnectionError, isRetryable, pgError, sleep } from './errors.js';
import type { Sql, Tx } from './schema.js';

/** How transient failures are retried. */
export interface RetryPolicy {
  /** Attempts after the first. Default 10. */
  retries: number;
  /** First wait (ms), doubled each time with ±50% jitter. Default 100. */
  baseMs: number;
  /** Longest single wait (ms). Default 5,000. */
  maxMs: number;
}

/** Default {@link RetryPolicy}: about 30 s of retrying in all, enough for a server restart. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ retries: 10, baseMs: 100, maxMs: 5_000 });

/**
 * A pool with retries. Every operation of the store goes through {@link PgConnection.attempt}.
 *
 * @example
 * ```ts
 * const db = new PgConnection(() => postgres(url), DEFAULT_RETRY, location);
 * const rows = await db.exec('SELECT 1 AS one');
 * await db.end();
 * ```
 */
export class PgConnection {
  /** The connection pool; replaced whole after a connection fails (see {@link PgConnection.reset}). */
  private sql: Sql;
  private closed = false;

  constructor(
    private readonly client: () => Sql,
    private readonly retry: RetryPolicy,
    private readonly location: string,
  ) {
    this.sql = client();
  }

  /**
   * Replaces the pool after one of its connections failed. Why the whole pool: in postgres 3.4.9
   * a connection whose socket died with a write pending is left unable to write again, and a
   * write queued on it later throws from a timer where no caller can catch it
   * (porsager/postgres#1208); ending the pool closes every connection without writing, and the
   * retry runs on fresh ones. Operations still running on the old pool fail with
   * CONNECTION_ENDED and are retried on the new one too.
   */
  reset(broken: Sql): void {
    if (this.sql !== broken || this.closed) return;
    this.sql = this.client();
    broken.end({ timeout: 0 }).catch(() => undefined);
  }

  /** Runs `f`, retrying transient failures with exponential backoff and jitter. */
  async attempt<T>(f: () => Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await f();
      } catch (err) {
        if (err instanceof StorydiffError) throw err;
        if (!isRetryable(err) || n >= this.retry.retries || this.closed)
          throw pgError(err, this.location, n + 1);
        const wait = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** n);
        await sleep(wait * (0.5 + Math.random()));
      }
    }
  }

  /** One statement on the pool, retried when transient. */
  exec(query: string, params: unknown[] = []): Promise<Row[]> {
    return this.attempt(async () => {
      const pool = this.sql;
      try {
        return (await pool.unsafe(query, params as postgres.ParameterOrJSON<never>[])) as unknown as Row[];
      } catch (err) {
        if (isConnectionError(err)) this.reset(pool);
        throw err;
      }
    });
  }

  /**
   * One transaction on a reserved connection. Why not the client's `sql.begin`: after the server
   * drops a connection mid-transaction it sends ROLLBACK on the dead socket, and postgres 3.4.9
   * then throws from a timer (porsager/postgres#1208), which no caller can catch and which takes
   * the process down. Here a dropped connection is released without another word: the server
   * has already rolled the transaction back.
   */
  async transaction<T>(begin: string, f: (tx: Tx) => Promise<T>): Promise<T> {
    const pool = this.sql;
    let tx: Tx;
    try {
      tx = await pool.reserve();
    } catch (err) {
      if (isConnectionError(err)) this.reset(pool);
      throw err;
    }
    try {
      await tx.unsafe(begin);
      const out = await f(tx);
      await tx.unsafe('COMMIT');
      tx.release();
      return out;
    } catch (err) {
      if (isConnectionError(err)) {
        // Not released: the pool it belongs to is ended instead.
        this.reset(pool);
        throw err;
      }
      try {
        await tx.unsafe('ROLLBACK');
        tx.release();
      } catch {
        this.reset(pool);
      }
      throw err;
    }
  }

  /** Ends the pool; operations still retrying give up. */
  async end(): Promise<void> {
    this.closed = true;
    await this.sql.end({ timeout: 5 }).catch(() => undefined);
  }
}
