/**
 * Corpus benchmark: ingest throughput, memory, store size and search latency at growing corpus
 * sizes, on synthetic articles streamed from `synth-corpus.ts`, and the peers (`peers.ts`) on a
 * subset of the same articles.
 *
 * For each size: a fresh SQLite file, `openCorpus({ db }).add(stream)` with the articles generated
 * on the fly (generation runs at tens of thousands of articles a second; its share of the time is
 * measured separately and reported); articles/s and text MB/s, peak RSS (sampled after every
 * batch, plus the process's max RSS), store bytes per article; search latency for queries that are
 * half stored articles, half new ones (the next articles of the stream, many of them versions of
 * stored stories), retrieval only and with the default rescoring of the top 5 (at the largest
 * size only). The new-article queries also give a sanity recall: how often a version finds another
 * article of its story.
 *
 * Peers: the first `peerSize` articles are written as JSONL; storydiff ingests them in a fresh
 * process of its own, as datasketch runs in its own (`peer-ingest.ts`: parsed before timing, a
 * warm-up on other articles, then into a SQLite file, and again into `:memory:`), then datasketch
 * and npm `minhash` build their indexes from the same file with the same settings. Ratios are
 * per-article throughput on that subset, in the same run.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Corpus } from '../../src/corpus/corpus.js';
import type { CorpusInput } from '../../src/corpus/types.js';
import { errorMessage, mib, ms, num, stopwatch, table } from './format.js';
import { percentile } from './metrics.js';
import { type PeerOutcome, type PeerResult, peerSettings, runDatasketch, runNpmMinhash } from './peers.js';
import { SynthCorpus, toCorpusInput, writeSynthCorpusJsonl } from './synth-corpus.js';

export interface BenchCorpusOptions {
  /** Corpus sizes, e.g. [100_000, 1_000_000]; run in ascending order. */
  sizes: number[];
  /** Smoke run: sizes capped at 5,000 (default [1_000, 5_000]), fewer queries, small peer subsets. */
  quick?: boolean;
  /** Working folder for the stores and the JSONL (created; the stores are deleted afterwards). */
  dir: string;
  /** Default 1. */
  seed?: number;
  /** Articles per store transaction (default: the corpus default). */
  batchSize?: number;
  /** Search queries at the largest size (default 300; quick 50) and at the others (default 100; quick 20). */
  queries?: number;
  growthQueries?: number;
  /**
   * Untimed-for-p99 warm-up searches at each size, on articles outside the measured set (default
   * 30; quick 5). Their latencies are reported apart as `searchCold`: the first searches of a
   * store just opened run while V8 still compiles the search path.
   */
  warmQueries?: number;
  /** Articles for datasketch and our same-subset ingest (default 100,000, so start-up costs are amortised; quick 2,000). */
  peerSize?: number;
  /** Articles for npm minhash (default 5,000; quick 500), within `npmBudgetMs` (default 60 s). */
  npmPeerSize?: number;
  npmBudgetMs?: number;
  /** Run the peers (default true). */
  peers?: boolean;
  /**
   * Corpus sizes for a timing of the built CLI, `storydiff index add FILE.jsonl --db …` (the
   * JSONL written first; reading and parsing it included, generation not). Default: every size;
   * none in quick mode. Skipped when `dist/` is not built.
   */
  cliSizes?: number[];
  /** The CLI arguments for one ingest (default `index add <jsonl> --db <db> --json --no-progress`). */
  cliArgs?: (jsonl: string, db: string) => string[];
  /**
   * Articles for the uncompacted-store search (default 100,000; quick 2,000; 0 skips it): stored
   * in batches of 100 with no compaction, as a server stores what it is sent.
   */
  smallBatchSize?: number;
  /** Keep the store files. */
  keep?: boolean;
  /** Where to print (default console.log); null for silence. */
  log?: ((line: string) => void) | null;
}

interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface SizeResult {
  size: number;
  added: number;
  duplicates: number;
  failed: number;
  seconds: number;
  articlesPerSecond: number;
  mbPerSecond: number;
  /** Throughput with the generator's share of the time taken out. */
  ingestOnlyArticlesPerSecond: number;
  textBytes: number;
  peakRssMiB: number;
  maxRssMiB: number;
  storeBytes: number;
  storeBytesPerArticle: number;
  bandRows?: number;
  postingRows?: number;
  terms?: number;
  /** The warm-up searches (the first of this store connection), retrieval only; max included. */
  searchCold: Latency & { max: number };
  /** Wall time per search (fingerprinting the query included), retrieval only, after the warm-up. */
  search: Latency;
  /** The store's own retrieval timing for the same searches. */
  searchRetrieveMs: Latency;
  /** Default search (rescoring the top 5): only at the largest size. */
  searchRescore?: { wall: Latency; rescoreMs: Latency };
  /** New versions of stored stories finding another article of their story, by kind. */
  versionRecall: Record<string, { queries: number; found: number }>;
}

export interface CorpusBenchResult {
  generator: { articles: number; seconds: number; articlesPerSecond: number; mbPerSecond: number };
  sizes: SizeResult[];
  /** Per-article cost, store bytes and search p50 of the largest size relative to the smallest. */
  growth?: {
    from: number;
    to: number;
    ingestCostRatio: number;
    bytesPerArticleRatio: number;
    searchP50Ratio: number;
  };
  cli?: CliIngest[];
  /** Search on a store written in batches of 100 and not compacted, then on the same compacted. */
  smallBatches?: {
    articles: number;
    articlesPerSecond: number;
    runs: number;
    firstPass: Latency;
    secondPass: Latency;
    compacted: Latency;
  };
  peers?: {
    subset: number;
    settings: Record<string, unknown>;
    storydiff: { file: SubsetIngest; memory: SubsetIngest };
    results: (PeerOutcome & { ratio?: number; ratioMemory?: number })[];
  };
  notes: string[];
}

/** One timing of `storydiff index add` on a JSONL file, or why it did not run. */
type CliIngest =
  | { articles: number; seconds: number; articlesPerSecond: number; mbPerSecond: number }
  | { skipped: string };

interface SubsetIngest {
  articles: number;
  seconds: number;
  articlesPerSecond: number;
  mbPerSecond: number;
}

const latency = (xs: number[]): Latency => ({
  n: xs.length,
  p50: percentile(xs, 0.5),
  p95: percentile(xs, 0.95),
  p99: percentile(xs, 0.99),
});

function removeDb(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(p, { force: true });
}

/**
 * Writes the page cache's dirty pages out (`sync`) before a timed run, so the kernel is not still
 * flushing the gigabytes an earlier section wrote (and deleted) while the next one is timed: that
 * writeback competes for the two cores and once cost the SQLite-file ingest ~10%.
 */
function settle(): void {
  if (process.platform !== 'win32') spawnSync('sync', { stdio: 'ignore' });
}

function fileBytes(path: string): number {
  let n = 0;
  for (const p of [path, `${path}-wal`]) if (existsSync(p)) n += statSync(p).size;
  return n;
}

/**
 * Query articles for a store of `size`: half stored ones spread over it, half new ones (the next
 * articles of the stream).
 */
function queryIndices(size: number, nq: number): number[] {
  const half = Math.floor(nq / 2);
  const idx: number[] = [];
  for (let k = 0; k < half; k++) idx.push(Math.floor(((k + 0.5) * size) / half));
  for (let k = 0; k < nq - half; k++) idx.push(size + k);
  return idx;
}

/** Milliseconds of one retrieval-only search (top 10, no rescoring) for each of these articles. */
async function timeSearches(corpus: Corpus, synth: SynthCorpus, idx: number[]): Promise<number[]> {
  const out: number[] = [];
  for (const i of idx) {
    const t = stopwatch();
    await corpus.search(toCorpusInput(synth.article(i)), { limit: 10, rescore: 0 });
    out.push(t());
  }
  return out;
}

function* inputs(corpus: SynthCorpus, from: number, to: number): Generator<CorpusInput> {
  for (const a of corpus.articles(from, to)) yield toCorpusInput(a);
}

const indexOf = (id: string): number => Number(id.slice(4));

/**
 * Runs the corpus benchmark and prints its tables. Sizes run in ascending order, each into a
 * fresh store under `dir`.
 */
export async function benchCorpus(opts: BenchCorpusOptions): Promise<CorpusBenchResult> {
  const log = opts.log === null ? () => {} : (opts.log ?? console.log);
  const quick = opts.quick === true;
  const seed = opts.seed ?? 1;
  let sizes = [...new Set(opts.sizes)].filter((s) => s > 0).sort((a, b) => a - b);
  if (quick) {
    sizes = [...new Set(sizes.map((s) => Math.min(s, 5000)))];
    if (sizes.length < 2) sizes = [1000, 5000];
  }
  if (!sizes.length) throw new RangeError('benchCorpus: no sizes');
  const largest = sizes[sizes.length - 1];
  mkdirSync(opts.dir, { recursive: true });
  const notes: string[] = [];
  const { openCorpus } = await import('../../src/corpus/corpus.js');

  // ── generator throughput ──
  const gen = (() => {
    const n = quick ? 20_000 : 100_000;
    const c = new SynthCorpus({ seed, count: largest });
    // warm up: the shared vocabulary and word pool are built on first use, then the JIT settles
    for (const _ of new SynthCorpus({ seed: seed + 1, count: largest }).articles(0, 2000));
    let bytes = 0;
    const t = stopwatch();
    for (const a of c.articles(0, n)) bytes += a.text.length;
    const seconds = t() / 1000;
    return { articles: n, seconds, articlesPerSecond: n / seconds, mbPerSecond: bytes / 1e6 / seconds };
  })();
  log(
    `\n  corpus: synthetic articles generated at ${num(gen.articlesPerSecond, 0)} articles/s ` +
      `(${num(gen.mbPerSecond, 1)} MB/s of text, ${gen.articles} articles)`,
  );

  // ── warm-up: a small untimed ingest, so the first size does not pay for the JIT ──
  {
    const warm = await openCorpus({ db: ':memory:' });
    try {
      await warm.add(
        inputs(new SynthCorpus({ seed: seed + 1, count: largest }), 0, Math.min(1000, sizes[0])),
      );
      await warm.search({ text: 'warm-up query about the council and the bridge' });
    } finally {
      await warm.close();
    }
  }

  // ── sizes ──
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const db = join(opts.dir, `corpus-${size}.db`);
    removeDb(db);
    settle();
    const synth = new SynthCorpus({ seed, count: largest });
    const corpus = await openCorpus({ db });
    let peakRss = process.memoryUsage().rss;
    const maxBefore = process.resourceUsage().maxRSS;
    const step = Math.max(10_000, Math.round(size / 10 / 10_000) * 10_000);
    let nextReport = step;
    const summary = await corpus.add(inputs(synth, 0, size), {
      batchSize: opts.batchSize,
      onProgress: (p) => {
        const rss = process.memoryUsage().rss;
        if (rss > peakRss) peakRss = rss;
        if (p.processed >= nextReport && size >= 100_000) {
          nextReport += step;
          log(
            `    ${p.processed.toLocaleString('en-US')} articles, ${num(p.seconds, 0)} s, ` +
              `${num(p.processed / p.seconds, 0)} articles/s, RSS ${mib(rss / 1024)}`,
          );
        }
      },
    });
    const maxAfter = process.resourceUsage().maxRSS;
    let stats: Awaited<ReturnType<typeof corpus.stats>> | undefined;
    try {
      stats = await corpus.stats();
    } catch (err) {
      notes.push(`stats failed at ${size}: ${errorMessage(err)}`);
    }

    // search: half stored articles, half new ones (the next articles of the stream)
    const nq =
      size === largest ? (opts.queries ?? (quick ? 50 : 300)) : (opts.growthQueries ?? (quick ? 20 : 100));
    const queryIdx = queryIndices(size, nq);
    // Warm-up: stored articles between the measured ones and new ones after them, alternating.
    const nw = opts.warmQueries ?? (quick ? 5 : 30);
    const warmIdx = Array.from({ length: nw }, (_, k) =>
      k % 2 ? size + (nq - Math.floor(nq / 2)) + k : Math.floor(((k + 0.25) * size) / nw),
    );
    const cold = await timeSearches(corpus, synth, warmIdx);
    const wall: number[] = [];
    const retrieve: number[] = [];
    const versionRecall: SizeResult['versionRecall'] = {};
    for (const i of queryIdx) {
      const a = synth.article(i);
      const t = stopwatch();
      const res = await corpus.search(toCorpusInput(a), { limit: 10, rescore: 0 });
      wall.push(t());
      retrieve.push(res.timing.retrieveMs);
      // a new version of a stored story (copies are exact duplicates, found by hash at ingest)
      if (i >= size && a.story < size && a.kind !== 'original' && a.kind !== 'copy') {
        const r = versionRecall[a.kind] ?? { queries: 0, found: 0 };
        versionRecall[a.kind] = r;
        r.queries++;
        if (res.hits.some((h) => synth.storyOf(indexOf(h.id)) === a.story)) r.found++;
      }
    }
    let searchRescore: SizeResult['searchRescore'];
    if (size === largest) {
      const w: number[] = [];
      const rs: number[] = [];
      for (const i of queryIdx) {
        const t = stopwatch();
        const res = await corpus.search(toCorpusInput(synth.article(i)));
        w.push(t());
        rs.push(res.timing.rescoreMs);
      }
      searchRescore = { wall: latency(w), rescoreMs: latency(rs) };
    }
    await corpus.close();
    const storeBytes = fileBytes(db) || stats?.bytes || 0;
    if (!opts.keep) removeDb(db);

    const genSeconds = size / gen.articlesPerSecond;
    const r: SizeResult = {
      size,
      added: summary.added,
      duplicates: summary.duplicates,
      failed: summary.failed,
      seconds: summary.seconds,
      articlesPerSecond: size / summary.seconds,
      mbPerSecond: summary.bytes / 1e6 / summary.seconds,
      ingestOnlyArticlesPerSecond: size / Math.max(1e-9, summary.seconds - genSeconds),
      textBytes: summary.bytes,
      peakRssMiB: peakRss / 2 ** 20,
      maxRssMiB: maxAfter / 1024,
      storeBytes,
      storeBytesPerArticle: storeBytes / Math.max(1, summary.added),
      bandRows: stats?.bandRows,
      postingRows: stats?.postingRows,
      terms: stats?.terms,
      searchCold: { ...latency(cold), max: cold.length ? Math.max(...cold) : 0 },
      search: latency(wall),
      searchRetrieveMs: latency(retrieve),
      searchRescore,
      versionRecall,
    };
    if (maxAfter <= maxBefore) notes.push(`size ${size}: the process's max RSS was reached before this run`);
    results.push(r);
    log(
      `    ${size.toLocaleString('en-US')} articles: ${num(summary.seconds, 1)} s, ${num(r.articlesPerSecond, 0)} articles/s ` +
        `(${num(r.ingestOnlyArticlesPerSecond, 0)} without generation), ${num(r.mbPerSecond, 1)} MB/s`,
    );
  }

  log(
    table(
      [
        'articles',
        'ingest',
        'articles/s',
        'w/o gen',
        'MB/s',
        'peak RSS',
        'store',
        'B/article',
        'search p50',
        'p99',
      ],
      results.map((r) => [
        r.size.toLocaleString('en-US'),
        `${num(r.seconds, 1)} s`,
        num(r.articlesPerSecond, 0),
        num(r.ingestOnlyArticlesPerSecond, 0),
        num(r.mbPerSecond, 1),
        mib(r.peakRssMiB * 1024),
        `${num(r.storeBytes / 2 ** 20, 0)} MiB`,
        num(r.storeBytesPerArticle, 0),
        ms(r.search.p50),
        ms(r.search.p99),
      ]),
    ),
  );
  const big = results[results.length - 1];
  if (big.searchRescore) {
    log(
      `\n  search at ${big.size.toLocaleString('en-US')} (${big.search.n} queries, half stored, half new): ` +
        `retrieval p50 ${ms(big.search.p50)} / p99 ${ms(big.search.p99)} (store retrieval p50 ${ms(big.searchRetrieveMs.p50)}); ` +
        `with rescoring of the top 5 p50 ${ms(big.searchRescore.wall.p50)} / p99 ${ms(big.searchRescore.wall.p99)}`,
    );
    if (big.searchCold.n)
      log(
        `  measured after ${big.searchCold.n} warm-up searches on other articles; those, the first of the store ` +
          `just opened (V8 still compiling the search path): p50 ${ms(big.searchCold.p50)}, max ${ms(big.searchCold.max)}`,
      );
  }
  const vr = Object.entries(big.versionRecall)
    .map(([k, v]) => `${k} ${v.found}/${v.queries}`)
    .join(', ');
  if (vr) log(`  new versions finding their story (top 10): ${vr}`);

  let growth: CorpusBenchResult['growth'];
  if (results.length >= 2) {
    const a = results[0];
    const b = big;
    growth = {
      from: a.size,
      to: b.size,
      ingestCostRatio: a.ingestOnlyArticlesPerSecond / b.ingestOnlyArticlesPerSecond,
      bytesPerArticleRatio: b.storeBytesPerArticle / a.storeBytesPerArticle,
      searchP50Ratio: b.search.p50 / a.search.p50,
    };
    log(
      `  from ${a.size.toLocaleString('en-US')} to ${b.size.toLocaleString('en-US')} articles: per-article ingest cost ×${num(growth.ingestCostRatio, 2)}, ` +
        `store bytes per article ×${num(growth.bytesPerArticleRatio, 2)}, search p50 ×${num(growth.searchP50Ratio, 2)}`,
    );
  }

  // ── a store written in small batches, never compacted (a server's) ──
  let smallBatches: CorpusBenchResult['smallBatches'];
  const sbSize = Math.min(opts.smallBatchSize ?? (quick ? 2000 : 100_000), largest);
  if (sbSize > 0) {
    const db = join(opts.dir, 'corpus-small-batches.db');
    removeDb(db);
    const synth = new SynthCorpus({ seed, count: largest });
    const corpus = await openCorpus({ db });
    try {
      // A server has usually answered a search before it stores anything.
      await corpus.search({ text: 'a first search before anything is stored' });
      const t = stopwatch();
      await corpus.add(inputs(synth, 0, sbSize), { batchSize: 100, compact: false });
      const seconds = t() / 1000;
      const runs = countRuns(db);
      const nq = quick ? 50 : 300;
      const idx = queryIndices(sbSize, nq);
      const pass = async (): Promise<Latency> => latency(await timeSearches(corpus, synth, idx));
      const firstPass = await pass();
      const secondPass = await pass();
      await corpus.store.compact();
      await pass();
      const compacted = await pass();
      smallBatches = {
        articles: sbSize,
        articlesPerSecond: sbSize / seconds,
        runs,
        firstPass,
        secondPass,
        compacted,
      };
      log(
        `\n  a store of ${sbSize.toLocaleString('en-US')} articles written in batches of 100 and not compacted ` +
          `(${num(smallBatches.articlesPerSecond, 0)} articles/s, ${runs} index runs), ${nq} searches twice: ` +
          `p50 ${ms(firstPass.p50)} / p99 ${ms(firstPass.p99)}, then p50 ${ms(secondPass.p50)} / p99 ${ms(secondPass.p99)}; ` +
          `compacted: p50 ${ms(compacted.p50)} / p99 ${ms(compacted.p99)}`,
      );
    } finally {
      await corpus.close();
      if (!opts.keep) removeDb(db);
    }
  }

  // ── the built CLI on a JSONL file ──
  const cli: NonNullable<CorpusBenchResult['cli']> = [];
  for (const cliSize of opts.cliSizes ?? (quick ? [] : sizes)) {
    settle();
    const run = timeCli(
      opts.dir,
      Math.min(cliSize, largest),
      seed,
      largest,
      opts.cliArgs ?? DEFAULT_CLI_ARGS,
      opts.batchSize,
    );
    cli.push(run);
    if ('skipped' in run) {
      log(`  CLI ingest skipped: ${run.skipped}`);
      break;
    }
    log(
      `  CLI: storydiff index add (${run.articles.toLocaleString('en-US')} articles of JSONL): ${num(run.seconds, 1)} s, ` +
        `${num(run.articlesPerSecond, 0)} articles/s, ${num(run.mbPerSecond, 1)} MB/s`,
    );
  }

  // ── peers ──
  let peers: CorpusBenchResult['peers'];
  if (opts.peers !== false) {
    const subset = Math.min(opts.peerSize ?? (quick ? 2000 : 100_000), Math.max(largest, 1000));
    const npmSize = Math.min(subset, opts.npmPeerSize ?? (quick ? 500 : 5000));
    const jsonl = join(opts.dir, `peers-${subset}.jsonl`);
    writeSynthCorpusJsonl(jsonl, { seed, count: largest, from: 0, to: subset });
    const settings = await peerSettings();
    // In a process of its own, as datasketch runs in its own; the records are parsed from the
    // peers' JSONL before timing, as theirs are (see peer-ingest.ts).
    const ours = async (db: string): Promise<SubsetIngest> => {
      if (db !== ':memory:') removeDb(db);
      try {
        const args = [
          '--import',
          'tsx',
          PEER_INGEST,
          '--jsonl',
          jsonl,
          '--db',
          db,
          '--limit',
          String(subset),
        ];
        if (opts.batchSize) args.push('--batch', String(opts.batchSize));
        const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
        if (run.status !== 0) {
          throw new Error(
            `peer-ingest failed (exit ${run.status}): ${(run.stderr || run.error?.message || '').trim()}`,
          );
        }
        const out = JSON.parse(run.stdout.trim().split('\n').pop() as string) as {
          articles: number;
          bytes: number;
          seconds: number;
        };
        return {
          articles: out.articles,
          seconds: out.seconds,
          articlesPerSecond: out.articles / out.seconds,
          mbPerSecond: out.bytes / 1e6 / out.seconds,
        };
      } finally {
        if (db !== ':memory:') removeDb(db);
      }
    };
    settle();
    const file = await ours(join(opts.dir, 'peers-subset.db'));
    settle();
    const memory = await ours(':memory:');
    settle();
    const ds = await runDatasketch(jsonl, { limit: subset, settings, queries: quick ? 50 : 200 });
    const npm = await runNpmMinhash(jsonl, {
      limit: npmSize,
      settings,
      queries: quick ? 20 : 100,
      budgetMs: opts.npmBudgetMs ?? 60_000,
    });
    if (!opts.keep) rmSync(jsonl, { force: true });
    const withRatio = (p: PeerOutcome) =>
      'skipped' in p
        ? p
        : {
            ...p,
            ratio: file.articlesPerSecond / (p as PeerResult).articlesPerSecond,
            ratioMemory: memory.articlesPerSecond / (p as PeerResult).articlesPerSecond,
          };
    peers = {
      subset,
      settings: { ...settings },
      storydiff: { file, memory },
      results: [withRatio(ds), withRatio(npm)],
    };
    printPeers(peers, log);
  }

  return { generator: gen, sizes: results, growth, cli, smallBatches, peers, notes };
}

/** Index runs in a SQLite store, read through a connection of its own. */
function countRuns(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM runs').pluck().get() as number;
  } finally {
    db.close();
  }
}

const PEER_INGEST = fileURLToPath(new URL('./peer-ingest.ts', import.meta.url));
const CLI_MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const CLI_BIN = fileURLToPath(new URL('../../bin/storydiff', import.meta.url));

const DEFAULT_CLI_ARGS = (jsonl: string, db: string): string[] => [
  'index',
  'add',
  jsonl,
  '--db',
  db,
  '--json',
  '--no-progress',
];

/** Times the CLI ingest (`storydiff index add FILE.jsonl …`) of `size` articles written first as JSONL. */
function timeCli(
  dir: string,
  size: number,
  seed: number,
  count: number,
  cliArgs: (jsonl: string, db: string) => string[],
  batchSize: number | undefined,
): CliIngest {
  if (!existsSync(CLI_MAIN)) return { skipped: 'dist/ is not built (npm run build)' };
  const jsonl = join(dir, `cli-${size}.jsonl`);
  const db = join(dir, 'cli.db');
  writeSynthCorpusJsonl(jsonl, { seed, count, to: size });
  removeDb(db);
  try {
    const args = [CLI_BIN, ...cliArgs(jsonl, db)];
    if (batchSize) args.push('--batch-size', String(batchSize));
    const t = stopwatch();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const seconds = t() / 1000;
    if (run.status !== 0) {
      const why = (run.stderr || run.error?.message || '').trim().split('\n').slice(-2).join(' | ');
      return {
        skipped: `storydiff ${cliArgs(jsonl, db).slice(0, 2).join(' ')} failed (exit ${run.status}): ${why}`,
      };
    }
    let textBytes = 0;
    for (const a of new SynthCorpus({ seed, count }).articles(0, size)) textBytes += a.text.length;
    return {
      articles: size,
      seconds,
      articlesPerSecond: size / seconds,
      mbPerSecond: textBytes / 1e6 / seconds,
    };
  } finally {
    removeDb(db);
    rmSync(jsonl, { force: true });
  }
}

function printPeers(p: NonNullable<CorpusBenchResult['peers']>, log: (line: string) => void): void {
  const s = p.settings;
  log(
    `\n  peers on the first ${p.subset.toLocaleString('en-US')} articles (word ${s.shingle}-shingles, ${s.numPerm} permutations, ` +
      `${s.bands} bands × ${s.rows} rows, threshold ${s.threshold}; settings from DEFAULT_SETTINGS)`,
  );
  const rows: string[][] = [
    [
      'storydiff (SQLite file)',
      String(p.storydiff.file.articles),
      num(p.storydiff.file.articlesPerSecond, 0),
      num(p.storydiff.file.mbPerSecond, 1),
      '',
      '',
      '',
    ],
    [
      'storydiff (:memory:)',
      String(p.storydiff.memory.articles),
      num(p.storydiff.memory.articlesPerSecond, 0),
      num(p.storydiff.memory.mbPerSecond, 1),
      '',
      '',
      '',
    ],
  ];
  for (const r of p.results) {
    if ('skipped' in r) {
      rows.push([r.peer, '—', '—', '—', '—', '—', `skipped: ${r.skipped}`]);
      continue;
    }
    const x = r as PeerResult & { ratio?: number };
    rows.push([
      `${x.peer} ${x.version ?? ''}`.trim(),
      String(x.articles),
      num(x.articlesPerSecond, 0),
      num(x.mbPerSecond, 1),
      x.query ? `${ms(x.query.p50Ms)} / ${ms(x.query.p99Ms)}` : '—',
      x.queryFromText ? ms(x.queryFromText.p50Ms) : '—',
      x.ratio !== undefined ? `storydiff ×${num(x.ratio, 1)}` : '',
    ]);
  }
  log(
    table(['index', 'articles', 'articles/s', 'MB/s', 'query p50 / p99', 'text→query p50', 'ratio'], rows, {
      align: ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    }),
  );
  for (const r of p.results) {
    if ('skipped' in r) continue;
    const x = r as PeerResult;
    log(`  ${x.peer}: ${x.method}${x.notes?.length ? `; ${x.notes.join('; ')}` : ''}`);
  }
}
