/**
 * The `storydiff` command line: `compare` (two files or a `--pairs` batch) here, the corpus
 * commands and `serve` from their modules. Every failure ends as one line on stderr and the
 * catalogue's exit code (errors.ts); commander's own usage errors exit 64.
 */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { compareWith, comparisonEngine } from '../compare/engine.js';
import type { Comparison } from '../compare/types.js';
import type { Article } from '../doc/types.js';
import { ERROR_CODES, StorydiffError, toStorydiffError } from '../errors.js';
import { ERROR_RECORD_SCHEMA } from '../formats.js';
import { ARTICLE_FORMATS, type InputFormat, loadArticle } from '../ingest/article.js';
import { DEFAULT_MAX_BYTES } from '../ingest/read.js';
import { renderHtml } from '../report/html.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderTerminal } from '../report/terminal.js';
import { detectLanguage, isLanguageDetectorLoaded, loadLanguageDetector } from '../text/lang.js';
import { VERSION } from '../version.js';
import { corpusCommands } from './corpus.js';
import { openOutput, outputError } from './output.js';
import { encoderOption, offlineOption, wholeFlag } from './parse.js';
import { serveCommand } from './serve.js';

/** Schema of the error records written in batch mode. */
export { ERROR_RECORD_SCHEMA };

interface CompareFlags {
  format: 'terminal' | 'json' | 'md' | 'html';
  output?: string;
  pairs?: string;
  titleA?: string;
  titleB?: string;
  dateA?: string;
  dateB?: string;
  lang?: string;
  langA?: string;
  langB?: string;
  input: InputFormat;
  maxBytes: number;
  alignment: boolean;
  color?: boolean;
  encoder: string;
  offline?: boolean;
}

/** The engine the flags name (loaded once per process), and a comparison with it. */
const engineOf = (flags: CompareFlags) =>
  comparisonEngine({ encoder: flags.encoder, offline: flags.offline });
const compareFlags = async (a: Article, b: Article, flags: CompareFlags, id?: string | number) =>
  compareWith(await engineOf(flags), a, b, { id });

function useColor(flags: CompareFlags, toFile: boolean): boolean {
  if (flags.color !== undefined) return flags.color && !toFile;
  if (toFile || 'NO_COLOR' in process.env) return false;
  return !!process.stdout.isTTY;
}

function render(cmp: Comparison, flags: CompareFlags, toFile: boolean): string {
  if (flags.format === 'json') return `${renderJson(cmp)}\n`;
  if (flags.format === 'md') return renderMarkdown(cmp);
  if (flags.format === 'html') return renderHtml(cmp);
  return renderTerminal(cmp, { color: useColor(flags, toFile), alignment: flags.alignment });
}

async function comparePair(a: string, b: string, flags: CompareFlags): Promise<void> {
  if (a === '-' && b === '-')
    throw new StorydiffError('USAGE', 'only one of the two articles can be read from stdin (-)');
  const load = (path: string, side: 'a' | 'b') =>
    loadArticle(path, {
      maxBytes: flags.maxBytes,
      format: flags.input,
      title: side === 'a' ? flags.titleA : flags.titleB,
      date: side === 'a' ? flags.dateA : flags.dateB,
      lang: (side === 'a' ? flags.langA : flags.langB) ?? flags.lang,
    });
  // Both are read at once, but a failure is reported in argument order (a first), whichever
  // read finished first: the message must not depend on timing.
  const [ra, rb] = await Promise.allSettled([load(a, 'a'), load(b, 'b')]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  const [da, db] = [ra.value, rb.value];
  await languageDetector(da, db);
  const cmp = await compareFlags(da, db, flags);
  const text = render(cmp, flags, !!flags.output);
  if (flags.output) {
    try {
      writeFileSync(flags.output, text);
    } catch (err) {
      throw outputError(err, flags.output);
    }
  } else process.stdout.write(text);
}

/** Batch mode: one JSON comparison (or error record) per input line, in order. */
async function compareBatch(path: string, flags: CompareFlags): Promise<boolean> {
  const { readPairs } = await import('../ingest/pairs.js');
  // A missing model fails the run once, before any line, not on every line.
  await engineOf(flags);
  const out = await openOutput(flags.output);
  let failed = 0;
  let total = 0;
  for await (const rec of readPairs(path, { maxBytes: flags.maxBytes })) {
    total++;
    let line: string;
    try {
      if (rec.error) throw rec.error;
      const lang = flags.lang;
      const a: Article = lang && !rec.a!.lang ? { ...rec.a!, lang } : rec.a!;
      const b: Article = lang && !rec.b!.lang ? { ...rec.b!, lang } : rec.b!;
      await languageDetector(a, b);
      line = renderJson(await compareFlags(a, b, flags, rec.id), { pretty: false });
    } catch (err) {
      failed++;
      const e = toStorydiffError(err, `${path} line ${rec.line}`);
      line = JSON.stringify({
        schema: ERROR_RECORD_SCHEMA,
        id: rec.id ?? rec.line,
        line: rec.line,
        error: e.toJSON(),
      });
      process.stderr.write(`storydiff: ${e.message}\n`);
    }
    await out.write(`${line}\n`);
  }
  await out.close();
  process.stderr.write(`storydiff: ${total - failed} of ${total} pairs compared, ${failed} failed\n`);
  return failed === 0;
}

/** Builds the command-line program (exported for tests). */
export function program(): Command {
  const prog = new Command('storydiff')
    .description('Compare versions of a news story: what was added, dropped and changed.')
    .version(VERSION)
    .showHelpAfterError();
  prog
    .command('compare')
    .description('compare two articles (text or HTML files, - for stdin), or a batch with --pairs')
    .argument('[a]', 'the first version (the one you compare against)')
    .argument('[b]', 'the second version')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['terminal', 'json', 'md', 'html'])
        .default('terminal'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '--pairs <file>',
      'JSONL batch: one {"id","a","b"} pair per line; writes one JSON result per line',
    )
    .option('--title-a <title>', 'title of a, where the file has none')
    .option('--title-b <title>', 'title of b')
    .option('--date-a <date>', 'publication date of a (ISO 8601)')
    .option('--date-b <date>', 'publication date of b')
    .option('--lang <code>', 'language of both articles (ISO 639-1); detected when absent')
    .option('--lang-a <code>', 'language of a')
    .option('--lang-b <code>', 'language of b')
    .addOption(new Option('--input <kind>', 'how to read the files').choices(ARTICLE_FORMATS).default('auto'))
    .option(
      '--max-bytes <n>',
      'largest input file accepted, in bytes',
      wholeFlag('--max-bytes', 1),
      DEFAULT_MAX_BYTES,
    )
    .option('--no-alignment', 'terminal format: leave out the aligned text')
    .addOption(encoderOption())
    .addOption(offlineOption())
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action(async (a: string | undefined, b: string | undefined, flags: CompareFlags) => {
      if (flags.pairs) {
        if (a || b) throw new StorydiffError('USAGE', 'give either two files or --pairs, not both');
        if (flags.format !== 'json' && flags.format !== 'terminal') {
          throw new StorydiffError(
            'USAGE',
            `--pairs writes JSON lines; --format ${flags.format} is not available in batch mode`,
          );
        }
        const ok = await compareBatch(flags.pairs, flags);
        // Some records failed: the run exits as invalid input does (65), having written the rest.
        if (!ok) process.exitCode = ERROR_CODES.INPUT_INVALID.exit;
        return;
      }
      if (!a || !b)
        throw new StorydiffError(
          'USAGE',
          'compare needs two files (or --pairs FILE); see storydiff compare --help',
        );
      await comparePair(a, b, flags);
    });
  for (const cmd of corpusCommands()) prog.addCommand(cmd);
  prog.addCommand(serveCommand());
  return prog;
}

/**
 * Below this confidence the stop-word guess is not trusted and the full detector is loaded. On the
 * 2,222 SemEval dev texts the guess was wrong for 2 of the 1,578 texts it trusted at 0.25.
 */
const STOPWORD_GUESS_TRUSTED = 0.25;

/**
 * Loads the full language detector when an article's language must be guessed and the quick
 * stop-word guess is unsure (loading it costs about 0.3 s and 100 MB, too much for every run).
 * If it cannot load, the run goes on with the quick guess.
 */
async function languageDetector(...articles: Article[]): Promise<void> {
  if (isLanguageDetectorLoaded()) return;
  const unsure = articles.some(
    (x) => !x.lang && detectLanguage(x.text.slice(0, 2000)).confidence < STOPWORD_GUESS_TRUSTED,
  );
  if (!unsure) return;
  try {
    await loadLanguageDetector();
  } catch (err) {
    process.stderr.write(`storydiff: ${(err as Error).message}; guessing languages from stop words\n`);
  }
}

/** Runs the CLI; maps errors to the catalogue's exit codes. */
export async function main(argv: string[] = process.argv): Promise<void> {
  // A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const prog = program();
  // Subcommands copy the parent's settings only when they are created, so the override must be set
  // on each of them too: otherwise commander exits with code 1 on a usage error inside `compare`.
  const override = (c: Command) => {
    c.exitOverride();
    for (const sub of c.commands) override(sub);
  };
  override(prog);
  try {
    await prog.parseAsync(argv);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // Commander already printed help, version or the usage error.
      const ok = code === 'commander.helpDisplayed' || code === 'commander.version';
      process.exitCode = ok ? 0 : ERROR_CODES.USAGE.exit;
      return;
    }
    const e = toStorydiffError(err);
    process.stderr.write(`storydiff: ${e.message}\n`);
    if (e.code === 'INTERNAL' && process.env.STORYDIFF_DEBUG)
      process.stderr.write(`${(err as Error).stack}\n`);
    process.exitCode = e.exitCode;
  }
}
