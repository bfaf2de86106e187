/**
 * Benchmark peers for the corpus ingest: the same articles (a JSONL file written by
 * `synth-corpus.ts`), the same shingles, permutations, bands and rows as storydiff's
 * `DEFAULT_SETTINGS`, measured with
 *
 * - datasketch (Python; MinHash + MinHashLSH), driven by `scripts/peers/datasketch_bench.py` in a
 *   child process. datasketch is not a dependency: point `STORYDIFF_DATASKETCH` at a checkout of
 *   github.com/ekzhu/datasketch (default `/tmp/datasketch`); numpy must be importable by
 *   `python3` (or `STORYDIFF_PYTHON`). When either is missing the peer is skipped with a message.
 * - the npm package `minhash` (a devDependency; `Minhash` + `LshIndex`), in this process.
 *
 * Both peers are timed on shingling + signature + index insertion per article (reading and JSON
 * parsing excluded), and on query latency for stored articles. The ratio to storydiff's own
 * ingest is computed by the caller on the same subset (`corpus-bench.ts`).
 */

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS } from '../../src/corpus/fingerprint.js';
import type { StoreSettings } from '../../src/store/types.js';
import { errorMessage } from './format.js';
import { percentile } from './metrics.js';

/** The fingerprint settings the peers are given: storydiff's own defaults, so all run alike. */
export type PeerSettings = StoreSettings;

/** storydiff's default fingerprint settings. */
export async function peerSettings(): Promise<PeerSettings> {
  return { ...DEFAULT_SETTINGS };
}

/** Figures of one peer run. */
export interface PeerResult {
  peer: 'datasketch' | 'npm-minhash';
  version?: string;
  /** How the signatures and index were built. */
  method: string;
  articles: number;
  /** UTF-8 bytes of the article texts. */
  textBytes: number;
  /** Shingling + signature + index insertion, all articles. */
  seconds: number;
  articlesPerSecond: number;
  mbPerSecond: number;
  phases?: Record<string, number>;
  /** Query latency for stored articles, signature precomputed. */
  query?: { n: number; p50Ms: number; p99Ms: number; meanCandidates?: number };
  /** Signature from the text + query. */
  queryFromText?: { p50Ms: number; p99Ms: number };
  /** Peak RSS of the peer's process (datasketch only: npm minhash runs in this process). */
  peakRssKiB?: number;
  notes?: string[];
}

export type PeerOutcome = PeerResult | { peer: PeerResult['peer']; skipped: string };

export const DATASKETCH_ENV = 'STORYDIFF_DATASKETCH';
export const DEFAULT_DATASKETCH = '/tmp/datasketch';
const DRIVER = fileURLToPath(new URL('../peers/datasketch_bench.py', import.meta.url));

/** The datasketch checkout (a folder holding `datasketch/__init__.py`), or why there is none. */
export function locateDatasketch(
  env: NodeJS.ProcessEnv = process.env,
): { dir: string } | { skipped: string } {
  const dir = env[DATASKETCH_ENV] || DEFAULT_DATASKETCH;
  if (existsSync(join(dir, 'datasketch', '__init__.py'))) return { dir };
  return {
    skipped:
      `datasketch not found at ${dir} (set ${DATASKETCH_ENV} to a checkout of ` +
      'https://github.com/ekzhu/datasketch; numpy must be installed for python3)',
  };
}

export interface PeerRunOptions {
  /** Articles read from the start of the file. */
  limit: number;
  /** Stored articles queried. Default 200. */
  queries?: number;
  settings: StoreSettings;
}

/** Runs the datasketch driver on the first `limit` articles of `jsonl`. */
export async function runDatasketch(
  jsonl: string,
  opts: PeerRunOptions & { python?: string; timeoutMs?: number },
): Promise<PeerOutcome> {
  const where = locateDatasketch();
  if ('skipped' in where) return { peer: 'datasketch', skipped: where.skipped };
  const python = opts.python ?? process.env.STORYDIFF_PYTHON ?? 'python3';
  const s = opts.settings;
  const args = [
    DRIVER,
    '--jsonl',
    jsonl,
    '--limit',
    String(opts.limit),
    '--num-perm',
    String(s.numPerm),
    '--bands',
    String(s.bands),
    '--rows',
    String(s.rows),
    '--threshold',
    String(s.threshold),
    '--shingle',
    String(s.shingle),
    '--queries',
    String(opts.queries ?? 200),
    '--seed',
    String(s.seed),
  ];
  const env = { ...process.env, PYTHONPATH: [where.dir, process.env.PYTHONPATH].filter(Boolean).join(':') };
  const run = await runProcess(python, args, env, opts.timeoutMs ?? 30 * 60_000);
  if (run.error || run.code !== 0) {
    const why = run.error ?? `exit ${run.code}: ${lastLines(run.stderr, 3)}`;
    return { peer: 'datasketch', skipped: `${python} failed running datasketch (${why})` };
  }
  try {
    const line = run.stdout.trim().split('\n').pop() ?? '';
    const r = JSON.parse(line) as Record<string, unknown> & {
      query: { n: number; p50Ms: number; p99Ms: number; meanCandidates?: number };
      queryFromText: { p50Ms: number; p99Ms: number };
    };
    return {
      peer: 'datasketch',
      version: `${r.version} (Python ${r.python}, numpy ${r.numpy})`,
      method: String(r.method),
      articles: Number(r.articles),
      textBytes: Number(r.textBytes),
      seconds: Number(r.insertSeconds),
      articlesPerSecond: Number(r.articlesPerSecond),
      mbPerSecond: Number(r.mbPerSecond),
      phases: r.phases as Record<string, number>,
      query: r.query,
      queryFromText: r.queryFromText,
      peakRssKiB: Number(r.peakRssKiB),
    };
  } catch (err) {
    return { peer: 'datasketch', skipped: `unreadable driver output (${errorMessage(err)})` };
  }
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' | ') || '(no output)';
}

function runProcess(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; error?: string }> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(null, `timed out after ${Math.round(timeoutMs / 1000)} s`);
    }, timeoutMs);
    const finish = (code: number | null, error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, stdout, stderr, error });
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 100_000) stderr += d;
    });
    child.on('error', (err) => finish(null, errorMessage(err)));
    child.on('close', (code) => finish(code));
  });
}

/** The first `limit` articles of a JSONL file (id and text only). */
export function readJsonlTexts(path: string, limit: number): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  const text = readFileSync(path, 'utf8');
  let at = 0;
  while (out.length < limit && at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    at = end + 1;
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id?: string; text?: string };
    out.push({ id: r.id ?? String(out.length), text: r.text ?? '' });
  }
  return out;
}

/** Word shingles the way the Python driver builds them (lower-cased letter/digit runs). */
export function peerShingles(text: string, k: number): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,](?=\p{Nd})[\p{L}\p{N}]+)*/gu) ?? [];
  if (words.length < k) return words;
  const out = new Array<string>(words.length - k + 1);
  for (let i = 0; i + k <= words.length; i++) {
    let s = words[i];
    for (let j = 1; j < k; j++) s += ` ${words[i + j]}`;
    out[i] = s;
  }
  return out;
}

interface NpmMinhash {
  hashvalues: number[];
  update(s: string): void;
}
interface NpmMinhashModule {
  Minhash: new (config?: { numPerm?: number; seed?: number }) => NpmMinhash;
  LshIndex: new (args?: {
    bandSize?: number;
  }) => {
    insert(key: string, m: NpmMinhash): void;
    query(m: NpmMinhash): string[];
  };
}

/**
 * The npm `minhash` package in this process: per article a `new Minhash({ numPerm })` updated
 * with every shingle, truncated to bands × rows values, inserted in an `LshIndex` with
 * `bandSize: rows` (so the banding equals storydiff's). Stops early after `budgetMs` (it is slow:
 * every shingle string is re-hashed once per permutation), reporting the articles done.
 */
export async function runNpmMinhash(
  jsonl: string,
  opts: PeerRunOptions & { budgetMs?: number },
): Promise<PeerOutcome> {
  let mod: NpmMinhashModule;
  let version = '?';
  try {
    const require = createRequire(import.meta.url);
    mod = require('minhash') as NpmMinhashModule;
    version = (require('minhash/package.json') as { version: string }).version;
  } catch (err) {
    return {
      peer: 'npm-minhash',
      skipped: `the npm package minhash is not installed (${errorMessage(err)})`,
    };
  }
  const s = opts.settings;
  const docs = readJsonlTexts(jsonl, opts.limit);
  const budget = opts.budgetMs ?? 120_000;
  const index = new mod.LshIndex({ bandSize: s.rows });
  const keep = s.bands * s.rows;
  const build = (text: string): NpmMinhash => {
    const m = new mod.Minhash({ numPerm: s.numPerm, seed: s.seed });
    for (const sh of peerShingles(text, s.shingle)) m.update(sh);
    if (m.hashvalues.length > keep) m.hashvalues = m.hashvalues.slice(0, keep);
    return m;
  };
  let textBytes = 0;
  let done = 0;
  const t0 = performance.now();
  for (const d of docs) {
    index.insert(d.id, build(d.text));
    textBytes += Buffer.byteLength(d.text);
    done++;
    if (done % 50 === 0 && performance.now() - t0 > budget) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const q = Math.min(opts.queries ?? 200, done);
  const step = Math.max(1, Math.floor(done / Math.max(1, q)));
  const queryMs: number[] = [];
  const fullMs: number[] = [];
  let candidates = 0;
  for (let i = 0; i < done && queryMs.length < q; i += step) {
    const a = performance.now();
    const m = build(docs[i].text);
    const b = performance.now();
    candidates += index.query(m).length;
    const c = performance.now();
    queryMs.push(c - b);
    fullMs.push(c - a);
  }
  const notes: string[] = [];
  if (done < docs.length)
    notes.push(`stopped after ${done} of ${docs.length} articles (time budget ${budget / 1000} s)`);
  return {
    peer: 'npm-minhash',
    version,
    method: 'new Minhash({ numPerm }) + update(shingle) per article, LshIndex({ bandSize: rows }).insert',
    articles: done,
    textBytes,
    seconds,
    articlesPerSecond: done / seconds,
    mbPerSecond: textBytes / 1e6 / seconds,
    query: {
      n: queryMs.length,
      p50Ms: percentile(queryMs, 0.5),
      p99Ms: percentile(queryMs, 0.99),
      meanCandidates: queryMs.length ? candidates / queryMs.length : undefined,
    },
    queryFromText: { p50Ms: percentile(fullMs, 0.5), p99Ms: percentile(fullMs, 0.99) },
    notes,
  };
}
