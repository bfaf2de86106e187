/**
 * storydiff benchmark.
 *
 *   npm run bench [-- --examples DIR] [--data DIR] [--quick] [--json FILE]
 *
 * Measures warm latency of `compare` on the Berlin example (read at run time) and on a synthetic
 * 5,000-word pair generated here from a seed, next to jsdiff's diffWords; cold CLI time; peak
 * memory; and batch throughput of `storydiff compare --pairs`.
 */

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { diffWords } from 'diff';
import { errorMessage, jsonSafe, mark, mib, ms, stopwatch, table } from './lib/format.js';
import { readText } from './lib/loaders.js';
import { percentile, type Summary, summarize } from './lib/metrics.js';
import { dataDir, examplePair } from './lib/paths.js';
import { synthPair, synthPairOfWords, wordCount } from './lib/synth.js';

/** The library, loaded so that a broken or missing build gives one clear message. */
let lib: typeof import('../src/index.js');
try {
  lib = await import('../src/index.js');
} catch (err) {
  console.error(`cannot load the storydiff library (src/index.ts): ${errorMessage(err)}`);
  process.exit(70);
}
const { analyze, compare } = lib;

const SCHEMA = 'storydiff/bench@1';
const SEED = 5000;
const TARGETS = { berlinMs: 10, bigMs: 300, cliMs: 1000 };
const USAGE = 'usage: npm run bench -- [--examples DIR] [--data DIR] [--quick] [--json FILE]';

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: {
    examples: { type: 'string' },
    data: { type: 'string' },
    quick: { type: 'boolean' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
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

results.maxRSSKiB = process.resourceUsage().maxRSS;
results.notes = notes;
if (notes.length) console.log(`\n${notes.map((n) => `  note: ${n}`).join('\n')}`);
if (args.json) {
  writeFileSync(args.json, `${JSON.stringify(jsonSafe(results), null, 2)}\n`);
  console.log(`\n  figures written to ${args.json}`);
}
