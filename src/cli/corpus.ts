/**
 * The corpus commands of the CLI (`index add|remove|compact`, `search`, `cluster`, `stats`,
 * `export`): flags in, library calls (`openCorpus`, `readCorpus`, the report renderers) out. The store
 * and the comparison engine are resolved once per command from the flags (see parse.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { Command, Option } from 'commander';
import { comparisonEngine } from '../compare/engine.js';
import { type Corpus, DEFAULT_BATCH_SIZE, openCorpus } from '../corpus/corpus.js';
import type { CorpusInput } from '../corpus/types.js';
import { ERROR_CODES, StorydiffError } from '../errors.js';
import { EXPORT_SCHEMA, INDEX_SUMMARY_SCHEMA, STATS_SCHEMA } from '../formats.js';
import { CORPUS_FORMATS, type CorpusFormat, readCorpus } from '../ingest/corpus-input.js';
import { renderStoriesHtml, renderStoriesMarkdown, renderStoriesTerminal } from '../report/index.js';
import { renderSearchMarkdown, renderSearchTerminal } from '../report/search.js';
import { openOutput, writeText } from './output.js';
import {
  boundFlag,
  dbOption,
  encoderOption,
  fractionFlag,
  offlineOption,
  resolveDb,
  wholeFlag,
} from './parse.js';

export { DATABASE_URL_ENV, DB_ENV, resolveDb } from './parse.js';

const dbOf = (flags: { db?: string }) => resolveDb(flags.db);

/** Opens the corpus an existing-store command needs; a missing SQLite file is an error, not a new store. */
async function openExisting(flags: { db?: string }, readonly = false): Promise<Corpus> {
  const db = dbOf(flags);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(db) && db !== ':memory:' && !existsSync(db)) {
    throw new StorydiffError(
      'INPUT_NOT_FOUND',
      `no corpus here; create one with: storydiff index add FILES --db ${db}`,
      {
        source: db,
      },
    );
  }
  return openCorpus({ db, readonly });
}

async function withCorpus<T>(corpus: Corpus, f: (c: Corpus) => Promise<T>): Promise<T> {
  try {
    return await f(corpus);
  } finally {
    await corpus.close();
  }
}

interface AddFlags {
  db?: string;
  batchSize: number;
  input: CorpusFormat;
  maxRecordBytes?: number;
  progress?: boolean;
  json?: boolean;
}

/** Total bytes of the named files and folders (for the progress bar's ETA); globs and stdin count 0. */
async function inputBytes(paths: string[]): Promise<number> {
  let total = 0;
  const { readdir } = await import('node:fs/promises');
  const walk = async (p: string, depth: number): Promise<void> => {
    try {
      const s = await stat(p);
      if (s.isFile()) total += s.size;
      else if (s.isDirectory() && depth < 32) {
        for (const e of await readdir(p)) if (!e.startsWith('.')) await walk(`${p}/${e}`, depth + 1);
      }
    } catch {
      // Unreadable or a glob: the reader reports it; the ETA just counts it as 0.
    }
  };
  for (const p of paths) if (p !== '-') await walk(p, 0);
  return total;
}

async function indexAdd(paths: string[], flags: AddFlags): Promise<boolean> {
  const corpus = await openCorpus({ db: dbOf(flags) });
  return withCorpus(corpus, async (c) => {
    const failures: { origin: string; code: string; message: string }[] = [];
    const showBar = flags.progress ?? (!!process.stderr.isTTY && !flags.json);
    const total = showBar ? await inputBytes(paths) : 0;
    let bar: import('cli-progress').SingleBar | undefined;
    if (showBar) {
      const { SingleBar, Presets } = await import('cli-progress');
      bar = new SingleBar(
        {
          format: total
            ? 'indexing |{bar}| {percentage}% | {articles} articles | {rate}/s | ETA {eta_formatted}'
            : 'indexing | {articles} articles | {rate}/s',
          stream: process.stderr,
          hideCursor: true,
          etaBuffer: 20,
          fps: 5,
        },
        Presets.shades_classic,
      );
      bar.start(Math.max(1, total), 0, { articles: 0, rate: 0 });
    }
    // Items from the readers: articles go to the corpus, reader errors straight to the summary.
    async function* articles(): AsyncGenerator<CorpusInput> {
      for await (const item of readCorpus(paths, {
        format: flags.input,
        maxRecordBytes: flags.maxRecordBytes,
      })) {
        if (item.kind === 'article') yield item.input;
        else {
          failures.push({ origin: item.origin, code: item.error.code, message: item.error.message });
          if (!bar) process.stderr.write(`storydiff: ${item.error.message}\n`);
        }
      }
    }
    const sum = await c.add(articles(), {
      batchSize: flags.batchSize,
      onProgress: (p) => {
        bar?.update(Math.min(total, p.bytes), {
          articles: p.processed,
          rate: Math.round(p.processed / Math.max(p.seconds, 1e-3)),
        });
      },
      onOutcome: (o) => {
        if (o.status === 'failed' && !bar)
          process.stderr.write(`storydiff: ${o.error?.message ?? o.origin}\n`);
      },
    });
    bar?.update(Math.max(1, total));
    bar?.stop();
    const allFailures = [...failures, ...sum.failures];
    const failed = sum.failed + failures.length;
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({
          schema: INDEX_SUMMARY_SCHEMA,
          db: c.store.location,
          added: sum.added,
          updated: sum.updated,
          unchanged: sum.unchanged,
          duplicates: sum.duplicates,
          failed,
          failures: allFailures,
          seconds: round2(sum.seconds),
        })}\n`,
      );
    } else {
      const n = sum.added + sum.updated + sum.unchanged + sum.duplicates;
      const rate = n / Math.max(sum.seconds, 1e-3);
      process.stderr.write(
        `storydiff: ${sum.added} added, ${sum.updated} updated, ${sum.unchanged} unchanged, ${sum.duplicates} duplicates, ${failed} failed in ${round2(sum.seconds)} s (${Math.round(rate)} articles/s) → ${c.store.location}\n`,
      );
      if (bar && allFailures.length) {
        for (const f of allFailures.slice(0, 50)) process.stderr.write(`  failed: ${f.message}\n`);
        if (allFailures.length > 50) process.stderr.write(`  … and ${allFailures.length - 50} more\n`);
      }
    }
    return failed === 0;
  });
}

interface SearchFlags {
  db?: string;
  id?: boolean;
  limit: number;
  rescore: number;
  minScore?: number;
  windowDays?: number;
  format: 'terminal' | 'json' | 'md';
  output?: string;
  color?: boolean;
  encoder: string;
  offline?: boolean;
}

async function search(target: string, flags: SearchFlags): Promise<void> {
  // The same engine as `storydiff compare`, loaded (and a bad --encoder refused) before the store
  // is opened, and only when hits are to be explained.
  const encoder = flags.rescore > 0 ? await comparisonEngine(flags) : null;
  const corpus = await openExisting(flags, true);
  await withCorpus(corpus, async (c) => {
    // A path that exists is an article to look for; anything else is an id in the corpus.
    const isFile = !flags.id && (target === '-' || (existsSync(target) && statSync(target).isFile()));
    const query = isFile ? await fileQuery(target) : { id: target };
    const result = await c.search(query, {
      encoder,
      limit: flags.limit,
      rescore: flags.rescore,
      minScore: flags.minScore,
      windowDays: flags.windowDays,
    });
    await writeText(
      flags.output,
      rendered(result, flags, { md: renderSearchMarkdown, terminal: renderSearchTerminal }),
    );
  });
}

/** The renderers of one result format, by `--format` (JSON needs none). */
interface Renderers<T> {
  md: (result: T) => string;
  html?: (result: T) => string;
  terminal: (result: T, opts: { color: boolean }) => string;
}

/** A result in the `--format` asked for; colour on a terminal unless `--color`/`--no-color` says. */
function rendered<T>(
  result: T,
  flags: { format: string; output?: string; color?: boolean },
  render: Renderers<T>,
): string {
  if (flags.format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (flags.format === 'md') return render.md(result);
  if (flags.format === 'html' && render.html) return render.html(result);
  return render.terminal(result, { color: flags.color ?? (!flags.output && !!process.stdout.isTTY) });
}

/**
 * Reads the query file exactly as `index add` would (same title rule, same text), so a file that is
 * stored has the same content hash and is not returned as its own hit.
 */
async function fileQuery(path: string): Promise<CorpusInput> {
  for await (const item of readCorpus([path])) {
    if (item.kind === 'error') throw item.error;
    return item.input;
  }
  throw new StorydiffError('INPUT_EMPTY', 'no article in the file', { source: path });
}

interface ClusterFlags {
  db?: string;
  since?: number;
  until?: number;
  format: 'terminal' | 'json' | 'md' | 'html';
  output?: string;
  minSize: number;
  limit?: number;
  threshold?: number;
  color?: boolean;
}

async function cluster(flags: ClusterFlags): Promise<void> {
  const corpus = await openExisting(flags);
  await withCorpus(corpus, async (c) => {
    const result = await c.cluster({
      since: flags.since,
      until: flags.until,
      minSize: flags.minSize,
      limit: flags.limit,
      threshold: flags.threshold,
    });
    const renderers = { md: renderStoriesMarkdown, html: renderStoriesHtml, terminal: renderStoriesTerminal };
    await writeText(flags.output, rendered(result, flags, renderers));
  });
}

async function exportCorpus(flags: {
  db?: string;
  output?: string;
  since?: number;
  until?: number;
}): Promise<void> {
  const corpus = await openExisting(flags, true);
  await withCorpus(corpus, async (c) => {
    const out = await openOutput(flags.output);
    let after: import('../store/types.js').ScanCursor | undefined;
    for (;;) {
      const page = await c.store.scan({ since: flags.since, until: flags.until, after, limit: 1000 });
      for (const a of page.items) {
        await out.write(
          `${JSON.stringify({
            schema: EXPORT_SCHEMA,
            id: a.id,
            title: a.title,
            text: a.text,
            url: a.url,
            source: a.source,
            published: a.published === undefined ? undefined : new Date(a.published).toISOString(),
            lang: a.lang,
          })}\n`,
        );
      }
      if (!page.next) break;
      after = page.next;
    }
    await out.close();
  });
}

/** Each line of `storydiff export` carries this, and `index add` reads the lines back. */
export { EXPORT_SCHEMA };

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The corpus commands: `index add|remove|compact`, `search`, `cluster`, `stats`, `export`.
 *
 * @example
 * ```ts
 * for (const cmd of corpusCommands()) program.addCommand(cmd);
 * ```
 */
export function corpusCommands(): Command[] {
  const index = new Command('index').description(
    'add articles to the corpus, remove them, or compact its indexes',
  );
  index
    .command('add')
    .description('index files, folders, globs or - (text, HTML, JSONL, WARC(.gz), RSS, Atom)')
    .argument('<paths...>', 'files, folders, globs, or - for stdin')
    .addOption(dbOption())
    .addOption(new Option('--input <kind>', 'how to read the inputs').choices(CORPUS_FORMATS).default('auto'))
    .option('--batch-size <n>', 'articles per transaction', wholeFlag('--batch-size', 1), DEFAULT_BATCH_SIZE)
    .option(
      '--max-record-bytes <n>',
      'largest single record (JSONL line, WARC record)',
      wholeFlag('--max-record-bytes', 1),
    )
    .option('--progress', 'show a progress bar even when stderr is not a terminal')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (paths: string[], flags: AddFlags) => {
      // A larger young generation for a bulk ingest: batches in flight then die young instead of
      // being promoted and swept (measured ~5% more articles/s). Only this process's flag.
      setFlagsFromString('--max-semi-space-size=32');
      if (!(await indexAdd(paths, flags))) process.exitCode = ERROR_CODES.INPUT_INVALID.exit;
    });
  index
    .command('remove')
    .description('remove articles by id')
    .argument('<ids...>', 'article ids')
    .addOption(dbOption())
    .action(async (ids: string[], flags: { db?: string }) => {
      const corpus = await openExisting(flags);
      await withCorpus(corpus, async (c) => {
        const removed = new Set(await c.remove(ids));
        for (const id of ids)
          if (!removed.has(id)) process.stderr.write(`storydiff: ${id}: not in the corpus\n`);
        process.stderr.write(`storydiff: ${removed.size} of ${ids.length} removed\n`);
        if (removed.size < ids.length) process.exitCode = ERROR_CODES.NOT_FOUND.exit;
      });
    });

  index
    .command('compact')
    .description(
      'merge the index runs, so searches seek one or two per key (index add does this at its end; a server never does)',
    )
    .addOption(dbOption())
    .action(async (flags: { db?: string }) => {
      const corpus = await openExisting(flags);
      await withCorpus(corpus, async (c) => {
        const t0 = performance.now();
        await c.store.compact();
        process.stderr.write(
          `storydiff: indexes compacted in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`,
        );
      });
    });

  const searchCmd = new Command('search')
    .description('near-duplicates and same-story versions of an article (a file, - or an id in the corpus)')
    .argument('<file-or-id>', 'an article file (text or HTML), - for stdin, or the id of a stored article')
    .addOption(dbOption())
    .option('--id', 'treat the argument as an id even if a file of that name exists')
    .option('-n, --limit <n>', 'most hits', wholeFlag('--limit'), 10)
    .option(
      '--rescore <n>',
      'explain the top n hits with the compare engine (0: none)',
      wholeFlag('--rescore'),
      5,
    )
    .addOption(encoderOption('sentence encoder of the rescoring comparisons'))
    .addOption(offlineOption())
    .option('--min-score <x>', 'lowest retrieval score (0..1)', fractionFlag('--min-score'))
    .option(
      '--window-days <n>',
      'days around the query date searched for same-story versions',
      wholeFlag('--window-days'),
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['terminal', 'json', 'md'])
        .default('terminal'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action((target: string, flags: SearchFlags) => search(target, flags));

  const clusterCmd = new Command('cluster')
    .description('cluster new articles into stories (online, in publication order) and show the stories')
    .addOption(dbOption())
    .option('--since <date>', 'stories with versions from this date (ISO date or 7d)', boundFlag('--since'))
    .option('--until <date>', 'and up to this date', boundFlag('--until'))
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['terminal', 'json', 'md', 'html'])
        .default('terminal'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--min-size <n>', 'show stories with at least n versions', wholeFlag('--min-size', 1), 2)
    .option('-n, --limit <n>', 'most stories shown', wholeFlag('--limit', 1))
    .option(
      '--threshold <x>',
      'similarity to join a story (0..1); default from the clusterer',
      fractionFlag('--threshold'),
    )
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action((flags: ClusterFlags) => cluster(flags));

  const statsCmd = new Command('stats')
    .description('what the corpus holds')
    .addOption(dbOption())
    .option('--json', 'as JSON')
    .action(async (flags: { db?: string; json?: boolean }) => {
      const corpus = await openExisting(flags, true);
      await withCorpus(corpus, async (c) => {
        const s = await c.stats();
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ schema: STATS_SCHEMA, ...s }, null, 2)}\n`);
          return;
        }
        const date = (t?: number) => (t === undefined ? '—' : new Date(t).toISOString().slice(0, 10));
        const lines = [
          `store        ${s.kind} ${s.location} (schema ${s.schemaVersion})`,
          `articles     ${s.articles}`,
          `published    ${date(s.earliest)} … ${date(s.latest)}`,
          `stories      ${s.stories} (${s.clustered} articles clustered)`,
          `index        ${s.bandRows} band rows, ${s.postingRows} postings, ${s.terms} terms`,
          `fingerprint  MinHash ${s.settings.numPerm} permutations over ${s.settings.shingle}-word shingles; LSH ${s.settings.bands} bands × ${s.settings.rows} rows (Jaccard ≥ ${s.settings.threshold})`,
        ];
        if (s.bytes !== undefined)
          lines.push(
            `size         ${(s.bytes / 1048576).toFixed(1)} MiB${s.articles ? ` (${Math.round(s.bytes / s.articles)} bytes per article)` : ''}`,
          );
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  const exportCmd = new Command('export')
    .description('write the corpus as JSONL (one article per line; index add reads it back)')
    .addOption(dbOption())
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--since <date>', 'articles from this date', boundFlag('--since'))
    .option('--until <date>', 'up to this date', boundFlag('--until'))
    .action((flags: { db?: string; output?: string; since?: number; until?: number }) => exportCorpus(flags));

  return [index, searchCmd, clusterCmd, statsCmd, exportCmd];
}
