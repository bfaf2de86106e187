/**
 * storydiff benchmark.
 *
 *   npm run bench [-- --examples DIR] [--data DIR] [--quick] [--json FILE] [--no-api | --only api]
 *
 * Measures warm latency of `compare` on the Berlin example (read at run time) and on a synthetic
 * 5,000-word pair generated here from a seed, next to jsdiff's diffWords; cold CLI time; peak
 * memory; batch throughput of `storydiff compare --pairs`; and the HTTP API under load (the built
 * `storydiff serve` in a child process, driven by autocannon; `--no-api` skips it, `--only api`
 * runs nothing else).
 */

import { type ChildProcess, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diffWords } from 'diff';
import { benchCorpus } from './lib/corpus-bench.js';
import { errorMessage, jsonSafe, mark, mib, ms, stopwatch, table } from './lib/format.js';
import { loadLibrary } from './lib/library.js';
import { readText } from './lib/loaders.js';
import { percentile, type Summary, summarize } from './lib/metrics.js';
import { dataDir, examplePair } from './lib/paths.js';
import { startServe, stopServe } from './lib/serve.js';
import { synthPair, synthPairOfWords, wordCount } from './lib/synth.js';

/** The library, loaded so that a broken or missing build gives one clear message. */
const lib = await loadLibrary();
const { analyze, compare } = lib;

const SCHEMA = 'storydiff/bench@1';
const SEED = 5000;
const TARGETS = { berlinMs: 10, bigMs: 300, cliMs: 1000 };
const USAGE =
  'usage: npm run bench -- [--examples DIR] [--data DIR] [--quick] [--json FILE] [--no-api] [--no-corpus]\n' +
  '                        [--only api|corpus|postgres] [--corpus-sizes 100000,1000000] [--corpus-dir DIR]\n' +
  '                        [--no-postgres] [--pg-url URL] [--pg-sizes 100000,1000000]';

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: {
    examples: { type: 'string' },
    data: { type: 'string' },
    quick: { type: 'boolean' },
    json: { type: 'string' },
    'no-api': { type: 'boolean' },
    'no-corpus': { type: 'boolean' },
    'corpus-sizes': { type: 'string' },
    'corpus-dir': { type: 'string' },
    'no-postgres': { type: 'boolean' },
    'pg-url': { type: 'string' },
    'pg-sizes': { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.only !== undefined && !['api', 'corpus', 'postgres'].includes(args.only)) {
  console.error(`--only: the sections that can run alone are "api", "corpus" and "postgres"\n${USAGE}`);
  process.exit(64);
}
const corpusSizes = (args['corpus-sizes'] ?? '100000,1000000').split(',').map((x) => Number(x.trim()));
if (corpusSizes.some((n) => !Number.isSafeInteger(n) || n < 1)) {
  console.error(`--corpus-sizes: give whole numbers separated by commas\n${USAGE}`);
  process.exit(64);
}
const pgSizes = (args['pg-sizes'] ?? (args.quick ? '2000,10000' : '100000,1000000'))
  .split(',')
  .map((x) => Number(x.trim()));
if (pgSizes.length !== 2 || pgSizes.some((n) => !Number.isSafeInteger(n) || n < 0)) {
  console.error(`--pg-sizes: give two whole numbers, the 1/2/4-worker size and the large size\n${USAGE}`);
  process.exit(64);
}
if (args.only === 'api' && args['no-api']) {
  console.error(`--only api and --no-api contradict each other\n${USAGE}`);
  process.exit(64);
}
const quick = args.quick === true;
const CLI = fileURLToPath(new URL('../bin/storydiff', import.meta.url));

// ── machine ─────────────────────────────────────────────────────────────────────────────────

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

const machine = {
  cpu: cpuModel(),
  cores: cpus().length,
  memoryGiB: totalmem() / 2 ** 30,
  node: process.version,
  os: `${platform()} ${release()}`,
};

// ── timing ──────────────────────────────────────────────────────────────────────────────────

interface Timed extends Summary {
  label: string;
  target?: number;
  /** Judged on p50. */
  ok?: boolean;
  error?: string;
}

/** Runs `fn` `warmup` times, then up to `runs` times (stopping early after `budgetMs`, min 3 runs). */
function timeIt(label: string, fn: () => unknown, warmup: number, runs: number, budgetMs = 60_000): Timed {
  try {
    for (let i = 0; i < warmup; i++) fn();
    const times: number[] = [];
    const total = stopwatch();
    for (let i = 0; i < runs; i++) {
      const t = stopwatch();
      fn();
      times.push(t());
      if (total() > budgetMs && times.length >= 3) break;
    }
    return { label, ...summarize(times) };
  } catch (err) {
    return { label, ...summarize([]), error: errorMessage(err) };
  }
}

function withTarget(t: Timed, target: number): Timed {
  return { ...t, target, ok: t.error ? false : t.p50 < target };
}

const latencyRows: string[][] = [];
function addRow(t: Timed): void {
  if (t.error) {
    latencyRows.push([
      t.label,
      '—',
      '—',
      '—',
      '—',
      t.target ? `< ${ms(t.target)}` : '',
      `failed: ${t.error}`,
    ]);
    return;
  }
  latencyRows.push([
    t.label,
    String(t.n),
    ms(t.mean),
    ms(t.p50),
    ms(t.p95),
    t.target ? `< ${ms(t.target)}` : '',
    mark(t.ok),
  ]);
}

const results: Record<string, unknown> = { schema: SCHEMA, date: new Date().toISOString(), machine, quick };
const notes: string[] = [];

console.log('storydiff bench' + (quick ? ' (quick)' : ''));
console.log(`\n  CPU     ${machine.cpu} (${machine.cores} logical cores)`);
console.log(`  memory  ${machine.memoryGiB.toFixed(1)} GiB`);
console.log(`  node    ${machine.node} (${machine.os})\n`);

if (args.only === 'api') {
  await apiBench();
  finish();
  process.exit(0);
}
if (args.only === 'corpus') {
  await corpusBench();
  finish();
  process.exit(0);
}
if (args.only === 'postgres') {
  await postgresBench();
  finish();
  process.exit(0);
}

// ── Berlin example ──────────────────────────────────────────────────────────────────────────

const pair = examplePair(dataDir(args.data), args.examples);
let berlin: { wire: string; retold: string; wirePath: string; retoldPath: string } | undefined;
if ('skipped' in pair) {
  console.log(`  skipped: berlin (${pair.skipped})`);
  notes.push(`berlin skipped: ${pair.skipped}`);
} else {
  berlin = {
    wire: readText(pair.wire),
    retold: readText(pair.retold),
    wirePath: pair.wire,
    retoldPath: pair.retold,
  };
  const [w, r] = quick ? [5, 50] : [20, 200];
  const { wire, retold } = berlin;
  const words = `${wordCount(wire)}+${wordCount(retold)} words`;
  const full = withTarget(
    timeIt(`Berlin (${words}): compare, strings`, () => compare(wire, retold), w, r),
    TARGETS.berlinMs,
  );
  let docs: ReturnType<typeof analyze>[] | undefined;
  try {
    docs = [analyze(wire), analyze(retold)];
  } catch (err) {
    notes.push(`Berlin analyze failed: ${errorMessage(err)}`);
  }
  const only = docs
    ? timeIt('Berlin: compare, pre-analysed Docs', () => compare(docs[0], docs[1]), w, r)
    : { label: 'Berlin: compare, pre-analysed Docs', ...summarize([]), error: 'analyze failed' };
  const an = timeIt('Berlin: analyze a + b', () => [analyze(wire), analyze(retold)], w, r);
  const jd = timeIt('Berlin: jsdiff diffWords (reference)', () => diffWords(wire, retold), w, r);
  for (const t of [full, only, an, jd]) addRow(t);
  results.berlin = {
    words: [wordCount(wire), wordCount(retold)],
    compare: full,
    compareDocs: only,
    analyze: an,
    jsdiff: jd,
  };
}

// ── synthetic 5,000-word pair ───────────────────────────────────────────────────────────────

const big = synthPairOfWords(SEED, 5000);
{
  const [w, r] = quick ? [1, 5] : [3, 30];
  const words = `${wordCount(big.a)}+${wordCount(big.b)} words`;
  const rssBefore = process.resourceUsage().maxRSS;
  const full = withTarget(
    timeIt(`synthetic (${words}): compare, strings`, () => compare(big.a, big.b), w, r),
    TARGETS.bigMs,
  );
  let docs: ReturnType<typeof analyze>[] | undefined;
  try {
    docs = [analyze(big.a), analyze(big.b)];
  } catch (err) {
    notes.push(`synthetic analyze failed: ${errorMessage(err)}`);
  }
  const only = docs
    ? timeIt('synthetic: compare, pre-analysed Docs', () => compare(docs[0], docs[1]), w, r)
    : { label: 'synthetic: compare, pre-analysed Docs', ...summarize([]), error: 'analyze failed' };
  const rssAfter = process.resourceUsage().maxRSS;
  const jd = timeIt('synthetic: jsdiff diffWords (reference)', () => diffWords(big.a, big.b), 1, r, 30_000);
  for (const t of [full, only, jd]) addRow(t);
  results.synthetic = {
    words: [wordCount(big.a), wordCount(big.b)],
    compare: full,
    compareDocs: only,
    jsdiff: jd,
    maxRSSKiB: rssAfter,
    maxRSSBeforeKiB: rssBefore,
  };
}

console.log(table(['case', 'runs', 'mean', 'p50', 'p95', 'target (p50)', ''], latencyRows));
const bigRss = (results.synthetic as { maxRSSKiB: number }).maxRSSKiB;
console.log(`\n  peak RSS of this process after the 5,000-word runs: ${mib(bigRss)}`);

// ── CLI: cold start and batch ───────────────────────────────────────────────────────────────

interface Run {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
  error?: string;
}

function run(cmd: string, argv: string[], stdoutFile?: string): Run {
  const fd = stdoutFile ? openSync(stdoutFile, 'w') : undefined;
  const t = stopwatch();
  const r = spawnSync(cmd, argv, {
    encoding: 'utf8',
    stdio: ['ignore', fd ?? 'pipe', 'pipe'],
    maxBuffer: 256 * 2 ** 20,
  });
  const elapsed = t();
  if (fd !== undefined) closeSync(fd);
  return {
    ms: elapsed,
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    error: r.error ? errorMessage(r.error) : undefined,
  };
}

const failure = (r: Run): string | undefined =>
  r.error ??
  (r.status !== 0 ? `exit ${r.status}: ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}` : undefined);

/** Peak RSS (KiB) of a command via /usr/bin/time -v, or undefined. */
function peakRss(argv: string[]): number | undefined {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = run('/usr/bin/time', ['-v', CLI, ...argv]);
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(r.stderr);
  return m ? Number(m[1]) : undefined;
}

const tmp = mkdtempSync(join(tmpdir(), 'storydiff-bench-'));
try {
  console.log('');
  if (!existsSync(CLI)) {
    console.log(`  skipped: CLI (bin/storydiff not found)`);
    notes.push('CLI skipped: bin/storydiff not found');
  } else {
    // cold compare
    let a = berlin?.wirePath;
    let b = berlin?.retoldPath;
    if (!a || !b) {
      const p = synthPair(SEED + 1, 20);
      a = join(tmp, 'a.txt');
      b = join(tmp, 'b.txt');
      writeFileSync(a, p.a);
      writeFileSync(b, p.b);
      notes.push('CLI cold start measured on a synthetic Berlin-sized pair (Berlin example absent)');
    }
    const argv = ['compare', a, b, '--format', 'json'];
    const runs: Run[] = [];
    for (let i = 0; i < 5; i++) runs.push(run(CLI, argv));
    const failed = runs.map(failure).find(Boolean);
    let validJson = false;
    try {
      JSON.parse(runs[0].stdout);
      validJson = true;
    } catch {
      // reported below
    }
    const times = runs.map((r) => r.ms);
    const cliRss = peakRss(argv);
    const coldRows: string[][] = [];
    const cold = {
      runs: times.length,
      minMs: Math.min(...times),
      medianMs: percentile(times, 0.5),
      ok: !failed && percentile(times, 0.5) < TARGETS.cliMs,
      error: failed,
      validJson,
      maxRSSKiB: cliRss ?? null,
      maxRSSSource: cliRss !== undefined ? '/usr/bin/time -v' : 'unavailable',
    };
    coldRows.push([
      'storydiff compare --format json (cold)',
      String(times.length),
      ms(cold.minMs),
      ms(cold.medianMs),
      `< ${ms(TARGETS.cliMs)}`,
      failed ? `✗ failed: ${failed}` : mark(cold.ok),
      cliRss !== undefined ? mib(cliRss) : `${mib(bigRss)} (bench process)`,
    ]);
    if (!failed && !validJson) notes.push('CLI --format json output did not parse as JSON');
    if (failed && !existsSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)))) {
      notes.push('bin/storydiff loads dist/, which is absent: run `npm run build` first');
    }

    // batch throughput
    const n = 200;
    const pairs = Array.from({ length: n }, (_, i) => synthPair(SEED + 100 + i, 16 + (i % 9)));
    const pairsFile = join(tmp, 'pairs.jsonl');
    writeFileSync(
      pairsFile,
      pairs.map((p, i) => JSON.stringify({ id: i + 1, a: { text: p.a }, b: { text: p.b } })).join('\n') +
        '\n',
    );
    const outFile = join(tmp, 'out.jsonl');
    const batch = run(CLI, ['compare', '--pairs', pairsFile], outFile);
    const batchFail = failure(batch);
    const outLines = existsSync(outFile)
      ? readFileSync(outFile, 'utf8').split('\n').filter(Boolean).length
      : 0;
    const batchRss = batchFail ? undefined : peakRss(['compare', '--pairs', pairsFile]);
    const batchRows: string[][] = [];
    batchRows.push([
      'storydiff compare --pairs (CLI, incl. start-up)',
      String(n),
      ms(batch.ms),
      batchFail ? '—' : (n / (batch.ms / 1000)).toFixed(1),
      batchFail
        ? `failed: ${batchFail}`
        : `${outLines} output lines${batchRss ? `, peak RSS ${mib(batchRss)}` : ''}`,
    ]);
    const lib = timeIt('library', () => pairs.map((p) => compare(p.a, p.b)), 0, 1);
    batchRows.push([
      'compare() in this process (warm)',
      String(n),
      ms(lib.mean),
      lib.error ? '—' : (n / (lib.mean / 1000)).toFixed(1),
      lib.error ? `failed: ${lib.error}` : '',
    ]);
    const jd = timeIt('jsdiff', () => pairs.map((p) => diffWords(p.a, p.b)), 0, 1);
    batchRows.push([
      'jsdiff diffWords (reference)',
      String(n),
      ms(jd.mean),
      jd.error ? '—' : (n / (jd.mean / 1000)).toFixed(1),
      '',
    ]);
    const avgWords = pairs.reduce((s, p) => s + wordCount(p.a) + wordCount(p.b), 0) / (2 * n);

    console.log(table(['CLI', 'runs', 'min', 'median', 'target', '', 'peak RSS'], coldRows));
    console.log('');
    console.log(`  batch: ${n} synthetic pairs of about ${avgWords.toFixed(0)} words a side\n`);
    console.log(
      table(['batch', 'pairs', 'wall', 'pairs/s', ''], batchRows, { align: ['l', 'r', 'r', 'r', 'l'] }),
    );
    results.cli = { cold };
    results.batch = {
      pairs: n,
      avgWords,
      cli: {
        ms: batch.ms,
        pairsPerSecond: batchFail ? null : n / (batch.ms / 1000),
        outputLines: outLines,
        maxRSSKiB: batchRss ?? null,
        error: batchFail,
      },
      library: { ms: lib.mean, pairsPerSecond: n / (lib.mean / 1000), error: lib.error },
      jsdiff: { ms: jd.mean, pairsPerSecond: n / (jd.mean / 1000) },
    };
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (args['no-api']) notes.push('API skipped (--no-api)');
else await apiBench();
if (args['no-corpus']) notes.push('corpus skipped (--no-corpus)');
else await corpusBench();
if (args['no-postgres']) notes.push('PostgreSQL skipped (--no-postgres)');
else await postgresBench();
finish();

/**
 * The shared store: ingest into PostgreSQL with 1, 2 and 4 worker processes, the 4-worker ingest
 * of the large corpus with its overlap check, search at that size, and SQLite on the same corpus
 * (see scripts/lib/pg-bench.ts). Needs a server: --pg-url, $STORYDIFF_BENCH_DATABASE_URL or
 * $STORYDIFF_TEST_DATABASE_URL (`eval "$(scripts/pg-local.sh --export)"` sets up a local one).
 */
async function postgresBench(): Promise<void> {
  console.log('\n== Shared store (PostgreSQL) ==');
  const url =
    args['pg-url'] ?? process.env.STORYDIFF_BENCH_DATABASE_URL ?? process.env.STORYDIFF_TEST_DATABASE_URL;
  if (!url) {
    const why = 'PostgreSQL skipped: no server (give --pg-url or set STORYDIFF_BENCH_DATABASE_URL)';
    console.log(`  ${why}`);
    notes.push(why);
    return;
  }
  const dir = args['corpus-dir'] ?? mkdtempSync(join(tmpdir(), 'storydiff-pg-bench-'));
  try {
    const { benchPostgres } = await import('./lib/pg-bench.js');
    results.postgres = await benchPostgres({ url, scaleSize: pgSizes[0], largeSize: pgSizes[1], dir });
  } catch (err) {
    console.log(`  postgres failed: ${errorMessage(err)}`);
    results.postgres = { failed: errorMessage(err) };
  } finally {
    if (!args['corpus-dir']) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Corpus: ingest throughput and memory at each size, search latency at the largest, store size,
 * and datasketch / npm minhash on the same articles in the same run (see scripts/lib/corpus-bench.ts).
 * The stores go to a temporary folder (or --corpus-dir) and are deleted afterwards.
 */
async function corpusBench(): Promise<void> {
  console.log('\n== Corpus ==');
  const dir = args['corpus-dir'] ?? mkdtempSync(join(tmpdir(), 'storydiff-corpus-'));
  try {
    results.corpus = await benchCorpus({ sizes: corpusSizes, quick, dir });
  } catch (err) {
    console.log(`  corpus failed: ${errorMessage(err)}`);
    results.corpus = { failed: errorMessage(err) };
  } finally {
    if (!args['corpus-dir']) rmSync(dir, { recursive: true, force: true });
  }
}

/** Notes and the JSON file, once every section has run. */
function finish(): void {
  results.maxRSSKiB = process.resourceUsage().maxRSS;
  results.notes = notes;
  if (notes.length) console.log(`\n${notes.map((n) => `  note: ${n}`).join('\n')}`);
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify(jsonSafe(results), null, 2)}\n`);
    console.log(`\n  figures written to ${args.json}`);
  }
}

// ── HTTP API under load ─────────────────────────────────────────────────────────────────────
//
// Function declarations only: `--only api` calls apiBench() from the top of the file, before the
// module's later constants exist.

/** The part of autocannon's options used here (the package ships no types). */
interface CannonOptions {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
  timeout?: number;
}

/** The part of autocannon's result used here. Latencies in ms; requests per second. */
interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
  requests: { average: number; total: number; sent: number };
}

type Cannon = (opts: CannonOptions) => Promise<CannonResult>;

/** VmRSS and VmHWM (peak) of a process in KiB, from /proc (Linux only). */
function procMemory(pid: number): { rssKiB?: number; peakKiB?: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => {
      const m = new RegExp(`^${key}:\\s*(\\d+)\\s*kB`, 'm').exec(status);
      return m ? Number(m[1]) : undefined;
    };
    return { rssKiB: kib('VmRSS'), peakKiB: kib('VmHWM') };
  } catch {
    return {};
  }
}

/** Newest modification time (ms) of the .ts files under a directory. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    if (f.endsWith('.ts')) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
  }
  return newest;
}

/**
 * The HTTP API under load: the built server in a child process on 127.0.0.1 (port 0), a realistic
 * pair (the port fixture articles) POSTed to /api/v1/compare by autocannon with 50 connections for
 * 30 s (5 s with --quick), then a second, shorter round to see whether the server's memory keeps
 * growing. Reports requests/s, p50 and p99 latency, non-2xx answers and errors, and the RSS of the
 * server process (worker threads included) before and after each round.
 */
async function apiBench(): Promise<void> {
  const connections = 50;
  const rounds = quick ? [5, 3] : [30, 10];
  // Every connection keeps one request in flight: with the default queue (16) and one worker per
  // core, 50 connections overflow the queue and get 503 SERVER_BUSY, which is the server doing
  // its job, not what this section measures. 64 lets every connection wait its turn.
  const maxQueue = 64;
  const root = fileURLToPath(new URL('../', import.meta.url));
  const worker = join(root, 'dist/server/worker.js');
  console.log('');
  if (!existsSync(CLI) || !existsSync(worker)) {
    const why = existsSync(CLI) ? 'dist/ is not built: run `npm run build` first' : 'bin/storydiff not found';
    console.log(`  skipped: API (${why})`);
    notes.push(`API skipped: ${why}`);
    results.api = { skipped: why };
    return;
  }
  if (newestSource(join(root, 'src')) > statSync(worker).mtimeMs)
    notes.push('API: src/ is newer than dist/; the server measured is the last build (`npm run build`)');

  const stories = join(root, 'test/fixtures/stories');
  const a = readFileSync(join(stories, 'port-wire.txt'), 'utf8');
  const b = readFileSync(join(stories, 'port-retold.txt'), 'utf8');
  const body = JSON.stringify({
    a: { text: a, source: 'port-wire.txt' },
    b: { text: b, source: 'port-retold.txt' },
  });
  const headers = { 'Content-Type': 'application/json' };
  const serveArgs = ['--host', '127.0.0.1', '--port', '0', '--max-queue', String(maxQueue)];
  const out: Record<string, unknown> = {
    endpoint: 'POST /api/v1/compare',
    pair: {
      a: 'port-wire.txt',
      b: 'port-retold.txt',
      words: [wordCount(a), wordCount(b)],
      bodyBytes: Buffer.byteLength(body),
    },
    connections,
    server: `storydiff serve ${serveArgs.join(' ')}`,
    maxQueue,
    maxConcurrent: availableParallelism(),
  };
  results.api = out;

  let server: { child: ChildProcess; url: string } | undefined;
  try {
    const cannon = createRequire(import.meta.url)('autocannon') as Cannon;
    server = await startServe(CLI, serveArgs);
    const pid = server.child.pid!;
    const api = `${server.url}api/v1/compare`;
    const start = procMemory(pid);

    // One answer checked by hand, then 3 s of warm-up at low concurrency (not reported): every
    // worker thread loads the library and the language detector, and its JIT settles, so the
    // rounds measure a warm server rather than its first seconds.
    const res = await fetch(api, { method: 'POST', headers, body });
    const first = (await res.json()) as { schema?: string; alignment?: unknown[] };
    if (res.status !== 200 || first.schema !== 'storydiff/comparison@1')
      throw new Error(`POST /api/v1/compare answered ${res.status}: ${JSON.stringify(first).slice(0, 200)}`);
    const warm = await cannon({
      url: api,
      method: 'POST',
      headers,
      body,
      connections: 2 * availableParallelism(),
      duration: 3,
      timeout: 30,
    });
    if (warm.non2xx || warm.errors)
      throw new Error(`warm-up: ${warm.non2xx} non-2xx answers, ${warm.errors} errors`);
    out.warmUp = { seconds: 3, connections: 2 * availableParallelism(), requests: warm.requests.total };
    await new Promise((r) => setTimeout(r, 500));
    const before = procMemory(pid);

    const rows: string[][] = [];
    const done: Record<string, unknown>[] = [];
    for (const [i, seconds] of rounds.entries()) {
      const r = await cannon({
        url: api,
        method: 'POST',
        headers,
        body,
        connections,
        duration: seconds,
        timeout: 30,
      });
      await new Promise((res) => setTimeout(res, 500));
      const mem = procMemory(pid);
      const codes = Object.entries(r.statusCodeStats)
        .map(([code, { count }]) => `${code}×${count}`)
        .join(' ');
      done.push({
        round: i + 1,
        seconds,
        requests: r.requests.total,
        ok2xx: r['2xx'],
        requestsPerSecond: r.requests.average,
        latencyMs: {
          mean: r.latency.mean,
          p50: r.latency.p50,
          p90: r.latency.p90,
          p99: r.latency.p99,
          max: r.latency.max,
        },
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        resets: r.resets,
        statusCodes: codes,
        rssAfterKiB: mem.rssKiB ?? null,
        peakRSSKiB: mem.peakKiB ?? null,
      });
      rows.push([
        String(i + 1),
        `${seconds} s`,
        String(r.requests.total),
        r.requests.average.toFixed(1),
        ms(r.latency.p50),
        ms(r.latency.p99),
        String(r.non2xx),
        `${r.errors}${r.timeouts ? ` (${r.timeouts} timeouts)` : ''}`,
        mib(mem.rssKiB),
        codes,
      ]);
    }
    const peak = procMemory(pid).peakKiB;
    const code = await stopServe(server.child);
    server = undefined;

    const bad = done.reduce((n, d) => n + (d.non2xx as number) + (d.errors as number), 0);
    const after1 = done[0].rssAfterKiB as number | null;
    const after2 = done[1].rssAfterKiB as number | null;
    const peak1 = (done[0].peakRSSKiB as number | null) ?? 0;
    // Bounded: the second round ends no higher than round 1's end plus 10% (at least 32 MiB of
    // slack for the garbage collector), or than round 1's peak if that is higher. A server that
    // keeps what it served grows past both.
    const limit = after1 !== null ? Math.max(after1 + Math.max(0.1 * after1, 32 * 1024), peak1) : undefined;
    const bounded = limit !== undefined && after2 !== null ? after2 <= limit : undefined;
    Object.assign(out, {
      rounds: done,
      rssStartKiB: start.rssKiB ?? null,
      rssBeforeKiB: before.rssKiB ?? null,
      rssAfterKiB: after1,
      rssAfterSecondKiB: after2,
      peakRSSKiB: peak ?? null,
      rssLimitSecondKiB: limit ?? null,
      rssSource: before.rssKiB !== undefined ? '/proc/<pid>/status VmRSS' : 'unavailable',
      exitCode: code,
      ok: { noErrors: bad === 0, memoryBounded: bounded ?? null },
    });

    const [aw, bw] = [wordCount(a), wordCount(b)];
    console.log(
      `  HTTP API: POST /api/v1/compare, port-wire.txt vs port-retold.txt (${aw}+${bw} words, ${Buffer.byteLength(body)} bytes), ${connections} connections`,
    );
    console.log(
      `  server: node bin/storydiff serve ${serveArgs.join(' ')} (pid ${pid}, ${availableParallelism()} worker threads)`,
    );
    console.log(
      `  --max-queue ${maxQueue}: the default queue (16) would answer 503 SERVER_BUSY to ${connections} connections`,
    );
    console.log(
      `  warm-up (not counted): 3 s, ${2 * availableParallelism()} connections, ${warm.requests.total} requests\n`,
    );
    console.log(
      table(
        ['round', 'duration', 'requests', 'req/s', 'p50', 'p99', 'non-2xx', 'errors', 'RSS after', 'status'],
        rows,
        {
          align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
        },
      ),
    );
    const delta = after1 !== null && after2 !== null ? after2 - after1 : undefined;
    console.log(
      `\n  server RSS: ${mib(start.rssKiB)} at start, ${mib(before.rssKiB)} warm before load, ${mib(after1)} after round 1, ${mib(after2)} after round 2 (peak ${mib(peak)})`,
    );
    console.log(`  ${mark(bad === 0)} non-2xx + errors = ${bad}`);
    console.log(
      bounded === undefined
        ? '  memory: not measured (no /proc)'
        : `  ${mark(bounded)} memory bounded: round 2 changed RSS by ${delta! >= 0 ? '+' : ''}${(delta! / 1024).toFixed(0)} MiB, ending at ${mib(after2)} (limit ${mib(limit)}: round 1's end + max(10%, 32 MiB), or its peak ${mib(peak1)} if higher)`,
    );
    if (code !== 0) notes.push(`API: the server exited with ${code} on SIGTERM`);
  } catch (err) {
    console.log(`  API: failed: ${errorMessage(err)}`);
    notes.push(`API failed: ${errorMessage(err)}`);
    out.error = errorMessage(err);
    out.ok = { noErrors: false, memoryBounded: null };
  } finally {
    if (server) await stopServe(server.child);
  }
}
