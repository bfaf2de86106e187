/**
 * PostgreSQL for tests: the server named by `STORYDIFF_TEST_DATABASE_URL` (`.ci/run` starts
 * Debian's postgresql-15 and sets it). Each test store lives in its own schema, dropped afterwards,
 * so tests never see each other's data.
 */

import postgres from 'postgres';

/** The test server's URL, or undefined when PostgreSQL tests are to be skipped. */
export const PG_URL = process.env.STORYDIFF_TEST_DATABASE_URL || undefined;

if (!PG_URL && process.env.CI) {
  // In CI the server is part of the job: a missing URL is a setup failure, not a reason to skip.
  throw new Error('STORYDIFF_TEST_DATABASE_URL is not set; .ci/run starts PostgreSQL and sets it');
}

let counter = 0;

/** A fresh schema name, unique to this process and call. */
export function freshSchema(prefix = 't'): string {
  counter++;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** The test URL pointing at `schema`. */
export function pgUrl(schema: string): string {
  if (!PG_URL) throw new Error('no PostgreSQL test server');
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Runs `f` on an admin connection (for dropping schemas and poking at tables). */
export async function withAdmin<T>(f: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  if (!PG_URL) throw new Error('no PostgreSQL test server');
  const u = new URL(PG_URL);
  u.searchParams.delete('schema');
  const sql = postgres(u.toString(), { max: 1, onnotice: () => undefined });
  try {
    return await f(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Drops test schemas. */
export async function dropSchemas(...schemas: string[]): Promise<void> {
  if (!schemas.length) return;
  await withAdmin(async (sql) => {
    for (const s of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  });
}
