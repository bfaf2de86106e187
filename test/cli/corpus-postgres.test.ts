/**
 * The corpus commands against PostgreSQL, and the faults of a shared store: several ingest
 * processes at once, a worker killed mid-batch, the server restarted and connections dropped
 * mid-ingest. Needs `STORYDIFF_TEST_DATABASE_URL` (set by `.ci/run`); the restart test also needs
 * `STORYDIFF_TEST_PG_RESTART`, a shell command that restarts the server (`.ci/run` sets it).
 */

import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/build.js';
import { writeBulkJsonl } from '../helpers/bulk.js';
import { BIN, run, withoutColorVars } from '../helpers/cli.js';
import { dropSchemas, freshSchema, PG_URL, pgUrl, withAdmin } from '../helpers/postgres.js';

const NEWSROOM = join(ROOT, 'test/fixtures/newsroom/articles.jsonl');
const RESTART = process.env.STORYDIFF_TEST_PG_RESTART;

let dir = '';
const schemas: string[] = [];
/** A URL for a new, empty store (dropped after the file's tests). */
const newDb = () => {
  const s = freshSchema('cli');
  schemas.push(s);
  return pgUrl(s);
};

/** Distinct ids and all rows of a store's articles table. */
async function counts(url: string): Promise<{ rows: number; ids: number; hashes: number; bands: number }> {
  const schema = new URL(url).searchParams.get('schema');
  const r = await withAdmin((sql) =>
    sql.unsafe(
      `SELECT (SELECT count(*) FROM "${schema}".articles)::int AS rows,
              (SELECT count(DISTINCT id) FROM "${schema}".articles)::int AS ids,
              (SELECT count(DISTINCT hash) FROM "${schema}".articles)::int AS hashes,
              (SELECT count(*) FROM "${schema}".bands)::int AS bands`,
    ),
  );
  return r[0] as unknown as { rows: number; ids: number; hashes: number; bands: number };
}

/** Starts `storydiff index add` in the background. */
function ingest(
  file: string,
  url: string,
  batch: number,
): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [BIN, 'index', 'add', file, '--db', url, '--batch-size', String(batch), '--json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: withoutColorVars(),
    },
  );
  child.stdout?.resume();
  child.stderr?.resume();
  const done = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, done };
}

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe.runIf(!!PG_URL)('corpus commands on PostgreSQL', () => {
  let db = '';
  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'storydiff-corpus-pg-'));
    db = newDb();
    const r = await run(['index', 'add', NEWSROOM, '--db', db, '--json'], { timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 180_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropSchemas(...schemas.splice(0));
  });

  it('indexes, finds the versions of a story, and clusters as the SQLite store does', async () => {
    const stats = JSON.parse((await run(['stats', '--db', db, '--json'])).stdout);
    expect(stats).toMatchObject({ kind: 'postgres', articles: 10, schemaVersion: 2 });
    expect(stats.location).not.toContain('storydiff:storydiff@');
    const again = JSON.parse((await run(['index', 'add', NEWSROOM, '--db', db, '--json'])).stdout);
    expect(again).toMatchObject({ added: 0, unchanged: 10 });

    const q = await run(['search', 'bridge-wire', '--db', db, '--format', 'json', '--rescore', '2'], {
      timeout: 60_000,
    });
    expect(q.code).toBe(0);
    const ids = JSON.parse(q.stdout).hits.map((h: { id: string }) => h.id);
    expect(ids).toContain('bridge-copy');
    expect(ids).toContain('bridge-rewrite');
    expect(ids).not.toContain('cheese');

    // The same input clustered in a SQLite store gives the same stories.
    const sqlite = join(dir, 'same.db');
    await run(['index', 'add', NEWSROOM, '--db', sqlite, '--json']);
    const stories = (url: string) =>
      run(['cluster', '--db', url, '--format', 'json'], { timeout: 60_000 }).then((r) =>
        JSON.parse(r.stdout)
          .stories.map((s: { versions: { id: string }[] }) => s.versions.map((v) => v.id).sort())
          .sort(),
      );
    const [pg, lite] = await Promise.all([stories(db), stories(sqlite)]);
    expect(pg).toEqual(lite);
    expect(pg.length).toBeGreaterThan(0);
  }, 120_000);

  it('reads the store from STORYDIFF_DATABASE_URL when --db is absent', async () => {
    const r = await run(['stats', '--json'], { env: withoutColorVars({ STORYDIFF_DATABASE_URL: db }) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).kind).toBe('postgres');
  });

  it('a missing store is a clear error, and a bad URL a usage error', async () => {
    const missing = await run(['stats', '--db', pgUrl('no_such_schema_here')]);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('no_such_schema_here');
    const bad = await run(['stats', '--db', 'postgres://db/x?schema=a;b']);
    expect(bad.code).toBe(64);
  });
});

describe.runIf(!!PG_URL)('faults of a shared PostgreSQL store', () => {
  const N = 6_000;
  const BATCH = 200;
  let all = '';
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'storydiff-corpus-pg-faults-'));
    all = join(dir, 'all.jsonl');
    writeBulkJsonl(all, 0, N);
  }, 180_000);
  afterEach(async () => {
    await dropSchemas(...schemas.splice(0));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('4 workers, each a quarter plus an overlapping tenth, store exactly the distinct articles', async () => {
    const db = newDb();
    const q = N / 4;
    const files = [0, 1, 2, 3].map((w) => {
      const f = join(dir, `part-${w}.jsonl`);
      // Quarter w, then the first tenth of the corpus, which every worker also sends.
      writeBulkJsonl(f, w * q, (w + 1) * q);
      return f;
    });
    const overlap = join(dir, 'overlap.jsonl');
    writeBulkJsonl(overlap, 0, N / 10);
    const outs = await Promise.all(
      files.map((f) =>
        run(['index', 'add', f, overlap, '--db', db, '--json', '--batch-size', String(BATCH)], {
          timeout: 240_000,
        }),
      ),
    );
    for (const o of outs) expect(o.code, o.stderr).toBe(0);
    const sums = outs.map((o) => JSON.parse(o.stdout));
    expect(sums.reduce((a, s) => a + s.added, 0)).toBe(N);
    expect(sums.reduce((a, s) => a + s.added + s.unchanged + s.duplicates, 0)).toBe(N + 4 * (N / 10));
    expect(await counts(db)).toMatchObject({ rows: N, ids: N, hashes: N });
    const stats = JSON.parse((await run(['stats', '--db', db, '--json'])).stdout);
    expect(stats.articles).toBe(N);
    expect(stats.bandRows).toBe((await counts(db)).bands);
  }, 300_000);

  it('a worker killed mid-batch, then the same ingest again: no duplicate, no loss', async () => {
    const db = newDb();
    const a = ingest(all, db, BATCH);
    const started = await waitFor(async () => {
      try {
        return (await counts(db)).rows >= 2 * BATCH;
      } catch {
        return false;
      }
    }, 60_000);
    a.child.kill('SIGKILL');
    await a.done;
    expect(started).toBe(true);
    const partial = (await counts(db)).rows;
    expect(partial).toBeLessThan(N);
    expect(partial % BATCH).toBe(0);
    const r = await run(['index', 'add', all, '--db', db, '--json', '--batch-size', String(BATCH)], {
      timeout: 240_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.unchanged).toBe(partial);
    expect(s.added).toBe(N - partial);
    expect(await counts(db)).toMatchObject({ rows: N, ids: N, hashes: N });
  }, 300_000);

  it('connections dropped mid-ingest: the batches are retried and each article stored once', async () => {
    const db = newDb();
    const a = ingest(all, db, BATCH);
    let kills = 0;
    await waitFor(async () => {
      try {
        return (await counts(db)).rows >= BATCH;
      } catch {
        return false;
      }
    }, 60_000);
    for (let i = 0; i < 3; i++) {
      const k = await withAdmin((sql) =>
        sql.unsafe(
          "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'storydiff'",
        ),
      );
      kills += k[0].n as number;
      await new Promise((r) => setTimeout(r, 700));
    }
    expect(await a.done).toBe(0);
    expect(kills).toBeGreaterThan(0);
    expect(await counts(db)).toMatchObject({ rows: N, ids: N, hashes: N });
    const stats = JSON.parse((await run(['stats', '--db', db, '--json'])).stdout);
    expect(stats.articles).toBe(N);
  }, 300_000);

  it.runIf(!!RESTART)(
    'the server restarted mid-ingest: the ingest waits, retries and finishes with every article once',
    async () => {
      const db = newDb();
      const a = ingest(all, db, BATCH);
      await waitFor(async () => {
        try {
          return (await counts(db)).rows >= BATCH;
        } catch {
          return false;
        }
      }, 60_000);
      execSync(RESTART as string, { stdio: 'ignore', timeout: 150_000 });
      expect(await a.done).toBe(0);
      expect(await counts(db)).toMatchObject({ rows: N, ids: N, hashes: N });
    },
    300_000,
  );
});
