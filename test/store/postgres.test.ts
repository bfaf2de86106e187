import { afterEach, describe, expect, it } from 'vitest';
import * as storeIndex from '../../src/store/index.js';
import { openStore } from '../../src/store/open.js';
import { openPostgresStore, type PostgresStore, parsePostgresUrl } from '../../src/store/postgres.js';
import { STORE_SCHEMA_VERSION } from '../../src/store/types.js';
import { dropSchemas, freshSchema, PG_URL, pgUrl, withAdmin } from '../helpers/postgres.js';
import {
  describeStoreConformance,
  rejectsWith,
  type StoreFactory,
  TEST_SETTINGS,
  testRecord,
} from './conformance.js';

const HAS_PG = !!PG_URL;
if (!HAS_PG) console.warn('PostgreSQL store tests skipped: STORYDIFF_TEST_DATABASE_URL is not set');

/** A factory of stores, each in a fresh schema. */
function pgFactory(extra: { foldEvery?: number } = {}): StoreFactory {
  let schema = '';
  const made: string[] = [];
  return {
    async open(settings) {
      schema = freshSchema();
      made.push(schema);
      return openPostgresStore({ url: pgUrl(schema), settings, ...extra });
    },
    reopen: () => openPostgresStore({ url: pgUrl(schema) }),
    async setSchemaVersion(version) {
      await withAdmin((sql) =>
        sql.unsafe(`UPDATE "${schema}".meta SET value = $1::jsonb WHERE key = 'schema_version'`, [version]),
      );
    },
    async cleanup() {
      await dropSchemas(...made.splice(0));
    },
  };
}

if (HAS_PG) {
  describeStoreConformance('postgres', pgFactory());
  // Deltas folded after every write, so the suite reads both from the deltas and from the bases.
  describeStoreConformance('postgres (fold every write)', pgFactory({ foldEvery: 1 }));
}

describe('postgres URL', () => {
  it('takes the schema from the URL and hides the password', () => {
    const p = parsePostgresUrl('postgres://me:secret@db.example:5433/news?schema=wires&sslmode=disable');
    expect(p.schema).toBe('wires');
    expect(p.url).not.toContain('schema=');
    expect(p.url).toContain('sslmode=disable');
    expect(p.location).not.toContain('secret');
    expect(p.location).toContain('schema=wires');
    expect(parsePostgresUrl('postgresql://db/news').schema).toBe('storydiff');
  });

  it('refuses a schema that is not a plain identifier', () => {
    expect(() => parsePostgresUrl('postgres://db/news?schema=a;drop')).toThrow(/plain identifier/);
    expect(() => parsePostgresUrl('postgres://db/news?schema=a"b')).toThrow(/plain identifier/);
  });
});

describe.runIf(HAS_PG)('postgres store', () => {
  const schemas: string[] = [];
  const opened: PostgresStore[] = [];
  const open = async (o: Partial<Parameters<typeof openPostgresStore>[0]> & { schema?: string } = {}) => {
    const schema = o.schema ?? freshSchema();
    if (!schemas.includes(schema)) schemas.push(schema);
    const s = await openPostgresStore({ url: pgUrl(schema), settings: TEST_SETTINGS, ...o });
    opened.push(s);
    return s;
  };

  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await dropSchemas(...schemas.splice(0));
  });

  describe('opening', () => {
    it('creates the schema, reports its kind and a location without the password', async () => {
      const s = await open();
      expect(s.kind).toBe('postgres');
      expect(s.location).toContain(`schema=${s.schema}`);
      expect(s.location).not.toMatch(/:[^/@]*@/);
      const st = await s.stats();
      expect(st.schemaVersion).toBe(STORE_SCHEMA_VERSION);
      expect(st.bytes).toBeGreaterThan(0);
    });

    it('is opened by openStore for a postgres:// URL, and through the store index', async () => {
      const schema = freshSchema();
      schemas.push(schema);
      const a = await openStore(pgUrl(schema), { settings: TEST_SETTINGS });
      expect(a.kind).toBe('postgres');
      await a.putArticles([testRecord(1)]);
      await a.close();
      const b = await storeIndex.openPostgresStore({ url: pgUrl(schema) });
      opened.push(b);
      expect((await b.getArticles(['id-1'])).length).toBe(1);
    });

    it('keeps the settings a store was created with', async () => {
      const a = await open();
      await a.close();
      const b = await open({ schema: a.schema, settings: { ...TEST_SETTINGS, numPerm: 64 } });
      expect(b.settings).toEqual(TEST_SETTINGS);
    });

    it('needs settings to create a store, and refuses a missing one read-only', async () => {
      const schema = freshSchema();
      schemas.push(schema);
      await rejectsWith(openPostgresStore({ url: pgUrl(schema) }), 'USAGE');
      const err = await rejectsWith(
        openPostgresStore({ url: pgUrl(schema), readonly: true }),
        'INPUT_NOT_FOUND',
      );
      expect(err.message).toContain(schema);
    });

    it("refuses a schema holding another application's tables, and leaves them alone", async () => {
      const schema = freshSchema();
      schemas.push(schema);
      await withAdmin(async (sql) => {
        await sql.unsafe(`CREATE SCHEMA "${schema}"`);
        await sql.unsafe(`CREATE TABLE "${schema}".invoices (n int)`);
      });
      const err = await rejectsWith(
        openPostgresStore({ url: pgUrl(schema), settings: TEST_SETTINGS }),
        'INPUT_INVALID',
      );
      expect(err.message).toContain('invoices');
      const tables = await withAdmin(
        (sql) => sql`SELECT tablename FROM pg_tables WHERE schemaname = ${schema}`,
      );
      expect(tables.map((t) => t.tablename)).toEqual(['invoices']);
    });

    it('refuses a newer store without modifying it', async () => {
      const s = await open();
      await s.putArticles([testRecord(1)]);
      await s.close();
      await withAdmin((sql) =>
        sql.unsafe(`UPDATE "${s.schema}".meta SET value = '99'::jsonb WHERE key = 'schema_version'`),
      );
      const err = await rejectsWith(
        openPostgresStore({ url: pgUrl(s.schema), settings: TEST_SETTINGS }),
        'FORMAT_VERSION',
      );
      expect(err.message).toContain('99');
      const v = await withAdmin((sql) =>
        sql.unsafe(`SELECT value FROM "${s.schema}".meta WHERE key = 'schema_version'`),
      );
      expect(v[0].value).toBe(99);
    });

    it('creates one store when several processes open it at once', async () => {
      const schema = freshSchema();
      const all = await Promise.all([1, 2, 3, 4].map(() => open({ schema })));
      expect(new Set(all.map((s) => s.schema)).size).toBe(1);
      await all[0].putArticles([testRecord(1)]);
      expect((await all[3].stats()).articles).toBe(1);
    });

    it('reports an unreachable server as RESOURCE_UNAVAILABLE after retrying', async () => {
      const err = await rejectsWith(
        openPostgresStore({
          url: 'postgres://nobody:x@127.0.0.1:1/none',
          settings: TEST_SETTINGS,
          retry: { retries: 2, baseMs: 10 },
        }),
        'RESOURCE_UNAVAILABLE',
      );
      expect(err.message).toContain('127.0.0.1');
      expect(err.message).not.toContain(':x@');
    });

    it('reports a wrong password as a usage error, without the password', async () => {
      const u = new URL(pgUrl(freshSchema()));
      u.password = 'definitely-wrong';
      const err = await rejectsWith(
        openPostgresStore({ url: u.toString(), settings: TEST_SETTINGS }),
        'USAGE',
      );
      expect(err.message).not.toContain('definitely-wrong');
    });
  });

  describe('concurrent writers', () => {
    it('store each distinct article exactly once when batches overlap', async () => {
      const schema = freshSchema();
      const writers = await Promise.all([0, 1, 2, 3].map(() => open({ schema, poolSize: 2 })));
      // Each writer takes a quarter of 400 records plus the same overlapping 60, in batches of 25.
      const ids = Array.from({ length: 400 }, (_, i) => i + 1);
      const parts = writers.map((_, w) => [...ids.filter((n) => n % 4 === w), ...ids.slice(100, 160)]);
      const outcomes = await Promise.all(
        writers.map(async (s, w) => {
          const out = [];
          for (let i = 0; i < parts[w].length; i += 25) {
            out.push(...(await s.putArticles(parts[w].slice(i, i + 25).map((n) => testRecord(n)))));
          }
          return out;
        }),
      );
      const flat = outcomes.flat();
      expect(flat.filter((o) => o.status === 'added').length).toBe(400);
      expect(flat.filter((o) => o.status === 'unchanged').length).toBe(flat.length - 400);
      const st = await writers[0].stats();
      expect(st.articles).toBe(400);
      expect(st.bandRows).toBe(400 * 4);
      const rows = await withAdmin((sql) =>
        sql.unsafe(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM "${schema}".articles`),
      );
      expect(rows[0]).toEqual({ n: 400, d: 400 });
      const { df, total } = await writers[1].termFrequencies([700_001]);
      expect(total).toBe(400);
      expect(df.get(700_001)).toBe(1);
    });

    it('never stores one content twice under two ids written at once', async () => {
      const schema = freshSchema();
      const [a, b] = await Promise.all([open({ schema }), open({ schema })]);
      const [x, y] = await Promise.all([
        a.putArticles([testRecord(1, { id: 'from-a' })]),
        b.putArticles([testRecord(1, { id: 'from-b' })]),
      ]);
      const statuses = [x[0].status, y[0].status].sort();
      expect(statuses).toEqual(['added', 'duplicate']);
      expect((await a.stats()).articles).toBe(1);
    });
  });

  describe('faults', () => {
    it('retries a batch whose connection is dropped, and stores it once', async () => {
      const s = await open({ retry: { baseMs: 20 } });
      await s.putArticles([testRecord(1)]);
      // Kill every connection of this store's pool while batches are being written.
      const batches = Array.from({ length: 6 }, (_, b) =>
        Array.from({ length: 50 }, (_, i) => testRecord(100 + b * 50 + i)),
      );
      const writing = (async () => {
        for (const batch of batches) await s.putArticles(batch);
      })();
      await new Promise((r) => setTimeout(r, 30));
      const killed = await withAdmin((sql) =>
        sql.unsafe(
          "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'storydiff' AND pid <> pg_backend_pid()",
        ),
      );
      await writing;
      expect(killed[0].n).toBeGreaterThan(0);
      expect((await s.stats()).articles).toBe(301);
      const got = await s.getArticles(batches.flat().map((r) => r.id));
      expect(got.length).toBe(300);
    });

    it('gives up with RESOURCE_UNAVAILABLE when the server stays away, and the batch is not half in', async () => {
      const s = await open({ retry: { retries: 1, baseMs: 10 } });
      await s.putArticles([testRecord(1)]);
      // One connection locks the articles table so the write cannot finish; another keeps
      // dropping the store's connections until it gives up.
      await withAdmin(async (locker) => {
        await locker.begin(async (tx) => {
          await tx.unsafe(`LOCK TABLE "${s.schema}".articles IN ACCESS EXCLUSIVE MODE`);
          const put = s.putArticles([testRecord(2), testRecord(3)]);
          let done = false;
          put
            .catch(() => undefined)
            .finally(() => {
              done = true;
            });
          await withAdmin(async (killer) => {
            while (!done) {
              await new Promise((r) => setTimeout(r, 25));
              await killer.unsafe(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'storydiff' AND wait_event_type = 'Lock'",
              );
            }
          });
          await rejectsWith(put, 'RESOURCE_UNAVAILABLE');
        });
      });
      expect((await s.getArticles(['id-2', 'id-3'])).length).toBe(0);
      expect((await s.stats()).articles).toBe(1);
    });
  });

  describe('deltas', () => {
    it('fold frequencies and counters into the base tables without changing any answer', async () => {
      const s = await open({ foldEvery: 1000 });
      await s.putArticles([testRecord(1), testRecord(2)]);
      await s.putArticles([testRecord(3, { id: 'id-1' })]);
      await s.removeArticles(['id-2']);
      const terms = [...testRecord(1).vectorTerms, ...testRecord(3).keyTerms];
      const before = await s.termFrequencies(terms);
      const statsBefore = await s.stats();
      const pending = await withAdmin((sql) =>
        sql.unsafe(`SELECT count(*)::int AS n FROM "${s.schema}".df_delta`),
      );
      expect(pending[0].n).toBeGreaterThan(0);
      await s.compact();
      const left = await withAdmin((sql) =>
        sql.unsafe(
          `SELECT (SELECT count(*) FROM "${s.schema}".df_delta)::int AS d, (SELECT count(*) FROM "${s.schema}".counter_delta)::int AS c,
                  (SELECT count(*) FROM "${s.schema}".df WHERE df <= 0)::int AS z`,
        ),
      );
      expect(left[0]).toEqual({ d: 0, c: 0, z: 0 });
      expect(await s.termFrequencies(terms)).toEqual(before);
      expect({ ...(await s.stats()), bytes: 0 }).toEqual({ ...statsBefore, bytes: 0 });
      expect(before.total).toBe(1);
      expect(before.df.get(testRecord(1).vectorTerms[1])).toBe(0);
      expect(before.df.get(testRecord(3).keyTerms[0])).toBe(1);
    });
  });

  describe('text', () => {
    it('stores metadata holding U+0000 (which PostgreSQL text cannot) with U+FFFD', async () => {
      const s = await open();
      await s.putArticles([testRecord(1, { title: 'a\u0000b' })]);
      expect((await s.getArticles(['id-1']))[0].title).toBe('a\uFFFDb');
    });
  });
});
