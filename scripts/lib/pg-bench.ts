/**
 * Shared-store benchmark: ingest into PostgreSQL with 1, 2 and 4 worker processes at once, the
 * 4-worker ingest of the largest corpus (each worker a quarter plus the same overlapping tenth,
 * then a check that the database holds exactly the distinct articles), search latency at that
 * size, and the same corpus through the embedded SQLite store (one process) in the same run.
 *
 * Workers are `ingest-worker.ts` child processes that generate their slices of the synthetic
 * corpus (`synth-corpus.ts`) and call `openCorpus({ db }).add(...)`; throughput is distinct
 * articles (and all articles sent, overlap included) over the wall time from starting the
 * workers to the last one's exit.
 */

import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { errorMessage, mib, ms, num, stopwatch, table } from './format.js';
import { percentile } from './metrics.js';
import { SynthCorpus, toCorpusInput } from './synth-corpus.js';

export interface BenchPostgresOptions {
  /** The server: `postgres://…/database` (each run uses its own schema, dropped afterwards). */
  url: string;
  /** Corpus size of the 1/2/4-worker comparison (default 100,000). */
  scaleSize: number;
  /** Corpus size of the 4-worker run with the overlap check and the search timing (default 1,000,000). */
  largeSize: number;
  /** Worker counts of the comparison (default [1, 2, 4]). */
  workers?: number[];
  /** Share of the corpus every worker also sends (default 0.1). */
  overlap?: number;
  /** Search queries at the largest size (default 300). */
  queries?: number;
  /** Also run the same corpus through SQLite (default true). */
  sqlite?: boolean;
  /** Folder for the SQLite files. */
  dir: string;
  seed?: number;
  log?: (line: string) => void;
}

interface Latency {
  n: number;
  p50: number;
  p99: number;
}

export interface IngestRun {
  store: 'postgres' | 'sqlite';
  workers: number;
  size: number;
  /** Articles sent by all workers (the corpus plus every worker's overlap). */
  sent: number;
  seconds: number;
  /** Distinct articles per second (the corpus size over the wall time). */
  articlesPerSecond: number;
  /** Articles sent per second (overlap included: each is fingerprinted and looked up). */
  sentPerSecond: number;
  /** Rows in the articles table afterwards, distinct ids and distinct contents. */
  rows?: number;
  distinctIds?: number;
  distinctHashes?: number;
  /**
   * The rows are exactly the distinct articles: one per id and per content, and as many as one
   * process storing the same corpus in order keeps (the SQLite run of the same size, else the
   * PostgreSQL run with one worker). The synthetic corpus holds exact copies, which every store
   * keeps once, so this is below the corpus size.
   */
  exact?: boolean;
  added: number;
  unchanged: number;
  bytesPerArticle?: number;
  maxWorkerRssMiB?: number;
}

export interface SearchRun {
  store: 'postgres' | 'sqlite';
  size: number;
  retrieval: Latency;
  storeRetrieveMs: Latency;
}

export interface PostgresBenchResult {
  server: string;
  settings: Record<string, string>;
  ingest: IngestRun[];
  search: SearchRun[];
  notes: string[];
}

const WORKER = fileURLToPath(new URL('./ingest-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const latency = (xs: number[]): Latency => ({
  n: xs.length,
  p50: percentile(xs, 0.5),
  p99: percentile(xs, 0.99),
});

function schemaUrl(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Runs one worker process; resolves with its summary line. */
function worker(
  db: string,
  seed: number,
  count: number,
  ranges: [number, number][],
): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        WORKER,
        '--db',
        db,
        '--seed',
        String(seed),
        '--count',
        String(count),
        '--ranges',
        ranges.map((r) => r.join('-')).join(','),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`ingest worker exited ${code}: ${err.trim().slice(-500)}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? ''));
      } catch {
        reject(new Error(`ingest worker printed no summary: ${out.slice(-300)} ${err.slice(-300)}`));
      }
    });
  });
}

/** The slices of worker `w` of `n`: its share of [0, size) plus the overlapping first part. */
function slices(w: number, n: number, size: number, overlap: number): [number, number][] {
  const lo = Math.floor((w * size) / n);
  const hi = Math.floor(((w + 1) * size) / n);
  const out: [number, number][] = [[lo, hi]];
  const o = Math.floor(size * overlap);
  if (o > 0 && n > 1) out.push([0, o]);
  return out;
}

/**
 * Runs the shared-store benchmark.
 *
 * @example
 * ```ts
 * const r = await benchPostgres({ url: 'postgres://u:p@127.0.0.1/db', scaleSize: 100_000, largeSize: 1_000_000, dir });
 * ```
 */
export async function benchPostgres(opts: BenchPostgresOptions): Promise<PostgresBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const seed = opts.seed ?? 1;
  const overlap = opts.overlap ?? 0.1;
  const counts = opts.workers ?? [1, 2, 4];
  const count = Math.max(opts.scaleSize, opts.largeSize);
  const admin = postgres(opts.url, { max: 1, onnotice: () => undefined });
  const notes: string[] = [];
  const ingest: IngestRun[] = [];
  const search: SearchRun[] = [];
  const schemas: string[] = [];
  let server = '';
  const settings: Record<string, string> = {};
  try {
    server = String((await admin`SELECT version() AS v`)[0].v);
    for (const k of [
      'shared_buffers',
      'max_wal_size',
      'synchronous_commit',
      'wal_compression',
      'checkpoint_timeout',
    ]) {
      settings[k] = String((await admin.unsafe(`SHOW ${k}`))[0][k]);
    }
    log(
      `\n  postgres: ${server.split(' on ')[0]}; ${Object.entries(settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );

    const runPg = async (n: number, size: number, overlapShare: number): Promise<IngestRun> => {
      const schema = `bench_${n}w_${size}_${process.pid}`;
      schemas.push(schema);
      await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      const db = schemaUrl(opts.url, schema);
      // Created once up front, so the workers do not all start by waiting on the schema lock.
      await worker(db, seed, count, []);
      const t = stopwatch();
      const outs = await Promise.all(
        Array.from({ length: n }, (_, w) => worker(db, seed, count, slices(w, n, size, overlapShare))),
      );
      const seconds = t() / 1000;
      const sent = outs.reduce((a, o) => a + o.added + o.unchanged + o.updated + o.duplicates + o.failed, 0);
      const c = (
        await admin.unsafe(
          `SELECT count(*)::int8 AS rows, count(DISTINCT id)::int8 AS ids, count(DISTINCT hash)::int8 AS hashes, pg_total_relation_size('"${schema}".articles')
             + pg_total_relation_size('"${schema}".bands') + pg_total_relation_size('"${schema}".postings')
             + pg_total_relation_size('"${schema}".df') AS bytes FROM "${schema}".articles`,
        )
      )[0];
      const rows = Number(c.rows);
      const run: IngestRun = {
        store: 'postgres',
        workers: n,
        size,
        sent,
        seconds,
        articlesPerSecond: size / seconds,
        sentPerSecond: sent / seconds,
        rows,
        distinctIds: Number(c.ids),
        distinctHashes: Number(c.hashes),
        added: outs.reduce((a, o) => a + o.added, 0),
        unchanged: outs.reduce((a, o) => a + o.unchanged, 0),
        bytesPerArticle: Number(c.bytes) / rows,
        maxWorkerRssMiB: Math.max(...outs.map((o) => o.maxRssKiB)) / 1024,
      };
      log(
        `    postgres, ${n} worker${n > 1 ? 's' : ''}, ${size.toLocaleString('en-US')} articles (+${(sent - size).toLocaleString('en-US')} overlap): ` +
          `${num(run.articlesPerSecond, 0)} distinct/s, ${num(run.sentPerSecond, 0)} sent/s, ${num(seconds, 1)} s; ` +
          `rows ${rows.toLocaleString('en-US')}, distinct ids ${run.distinctIds?.toLocaleString('en-US')}, distinct contents ${run.distinctHashes?.toLocaleString('en-US')}`,
      );
      ingest.push(run);
      return run;
    };

    const runSqlite = async (size: number): Promise<IngestRun | undefined> => {
      const path = join(opts.dir, `bench-${size}.db`);
      for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
      const t = stopwatch();
      const o = await worker(path, seed, count, [[0, size]]);
      const seconds = t() / 1000;
      const bytes =
        (existsSync(path) ? statSync(path).size : 0) +
        (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
      const run: IngestRun = {
        store: 'sqlite',
        workers: 1,
        size,
        sent: size,
        seconds,
        articlesPerSecond: size / seconds,
        sentPerSecond: size / seconds,
        added: o.added,
        unchanged: o.unchanged,
        bytesPerArticle: bytes / size,
        maxWorkerRssMiB: o.maxRssKiB / 1024,
      };
      log(
        `    sqlite, 1 process, ${size.toLocaleString('en-US')} articles: ${num(run.articlesPerSecond, 0)} articles/s, ${num(seconds, 1)} s`,
      );
      ingest.push(run);
      return run;
    };

    const timeSearch = async (store: 'postgres' | 'sqlite', db: string, size: number): Promise<void> => {
      const { openCorpus } = await import('../../src/corpus/corpus.js');
      const corpus = await openCorpus({ db, readonly: true });
      try {
        const synth = new SynthCorpus({ seed, count });
        const nq = opts.queries ?? 300;
        const half = Math.floor(nq / 2);
        const idx: number[] = [];
        for (let k = 0; k < half; k++) idx.push(Math.floor(((k + 0.5) * size) / half));
        for (let k = 0; k < nq - half; k++) idx.push(size + k);
        for (const i of idx.slice(0, 10))
          await corpus.search(toCorpusInput(synth.article(i)), { rescore: 0 });
        const wall: number[] = [];
        const retrieve: number[] = [];
        for (const i of idx) {
          const a = toCorpusInput(synth.article(i));
          const t = stopwatch();
          const r = await corpus.search(a, { limit: 10, rescore: 0 });
          wall.push(t());
          retrieve.push(r.timing.retrieveMs);
        }
        const s: SearchRun = { store, size, retrieval: latency(wall), storeRetrieveMs: latency(retrieve) };
        search.push(s);
        log(
          `    search on ${store} at ${size.toLocaleString('en-US')} (${nq} queries, half stored, half new): p50 ${ms(s.retrieval.p50)}, p99 ${ms(s.retrieval.p99)}`,
        );
      } finally {
        await corpus.close();
      }
    };

    // A size of 0 skips the comparison (to time only the large run again).
    if (opts.scaleSize > 0) {
      log(
        `  ingest with 1, 2 and 4 workers (each its share plus the same ${Math.round(overlap * 100)}% overlap):`,
      );
      for (const n of counts) await runPg(n, opts.scaleSize, overlap);
      if (opts.sqlite !== false) await runSqlite(opts.scaleSize);
      for (const s of schemas.splice(0)) await admin.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    }

    if (opts.largeSize > 0) {
      log(
        `  ${opts.largeSize.toLocaleString('en-US')} articles, 4 workers (each a quarter plus the same overlapping tenth):`,
      );
      await runPg(4, opts.largeSize, overlap);
      await timeSearch('postgres', schemaUrl(opts.url, schemas[schemas.length - 1]), opts.largeSize);
      for (const s of schemas.splice(0)) await admin.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      if (opts.sqlite !== false) {
        await runSqlite(opts.largeSize);
        await timeSearch('sqlite', join(opts.dir, `bench-${opts.largeSize}.db`), opts.largeSize);
      }
    }

    // Exactness against a single in-order writer of the same corpus.
    for (const r of ingest) {
      if (r.store !== 'postgres') continue;
      const ref =
        ingest.find((x) => x.store === 'sqlite' && x.size === r.size)?.added ??
        ingest.find((x) => x.store === 'postgres' && x.workers === 1 && x.size === r.size)?.rows;
      r.exact = ref !== undefined && r.rows === ref && r.distinctIds === ref && r.distinctHashes === ref;
      if (!r.exact) notes.push(`postgres, ${r.workers} workers, ${r.size}: ${r.rows} rows, reference ${ref}`);
      else
        log(
          `    ${r.workers} worker${r.workers > 1 ? 's' : ''} at ${r.size.toLocaleString('en-US')}: ${r.rows?.toLocaleString('en-US')} rows = ` +
            `${String(ref)} distinct articles stored by one in-order writer ✓`,
        );
    }
    log(
      `\n${table(
        [
          'store',
          'workers',
          'articles',
          'distinct/s',
          'sent/s',
          'seconds',
          'exact',
          'bytes/article',
          'worker RSS',
        ],
        ingest.map((r) => [
          r.store,
          String(r.workers),
          r.size.toLocaleString('en-US'),
          num(r.articlesPerSecond, 0),
          num(r.sentPerSecond, 0),
          num(r.seconds, 1),
          r.exact === undefined ? '—' : r.exact ? '✓' : '✗',
          r.bytesPerArticle ? num(r.bytesPerArticle / 1024, 1) + ' KB' : '—',
          r.maxWorkerRssMiB ? mib(r.maxWorkerRssMiB * 1024) : '—',
        ]),
      )}`,
    );
  } catch (err) {
    notes.push(`postgres bench failed: ${errorMessage(err)}`);
    log(`  postgres bench failed: ${errorMessage(err)}`);
  } finally {
    for (const s of schemas)
      await admin.unsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
    await admin.end({ timeout: 5 });
    for (const size of [opts.scaleSize, opts.largeSize]) {
      const p = join(opts.dir, `bench-${size}.db`);
      for (const f of [p, `${p}-wal`, `${p}-shm`]) rmSync(f, { force: true });
    }
  }
  for (const n of notes) log(`  note: ${n}`);
  return { server, settings, ingest, search, notes };
}
