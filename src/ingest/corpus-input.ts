/**
 * The corpus readers' entry point: paths (files, folders, globs, `-`) in, a stream of articles and
 * per-record errors out, for `storydiff index add`. Which reader a file gets is decided by its
 * extension, else by sniffing its first bytes (after gunzip when it is gzipped).
 */
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { CorpusInput } from '../corpus/types.js';
import { checkWhole, mustBeOneOf, StorydiffError, toStorydiffError } from '../errors.js';
import { ARTICLE_FORMATS, declaredCharset } from './article.js';
import { decodeText } from './decode.js';
import { looksLikeFeed, readFeed } from './feeds.js';
import { htmlToPage, looksLikeHtml } from './html.js';
import { readJsonl } from './jsonl.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, formatLimit } from './limits.js';
import { checkMaxBytes, fsErrorToStorydiff, openInputFile } from './read.js';
import { expandPaths } from './walk.js';
import { readWarc } from './warc.js';

/** Default limit on one JSONL line or one WARC record: 10 MiB. */
export const DEFAULT_MAX_RECORD_BYTES = DEFAULT_MAX_BYTES;

/** The ways `index add --input` can read inputs: those of one article, and the collections. */
export const CORPUS_FORMATS = [...ARTICLE_FORMATS, 'jsonl', 'warc', 'rss'] as const;

/** How to read inputs: sniff each, or force one reader for all. */
export type CorpusFormat = (typeof CORPUS_FORMATS)[number];

/**
 * One thing read from the inputs: an article, or an error tied to the file, line, record or item it
 * came from. Errors never stop the stream.
 */
export type CorpusItem =
  /** `input.origin` is `file`, `file:LINE` (JSONL), `file#OFFSET` (WARC) or `file#item N` (feeds). */
  | { kind: 'article'; input: CorpusInput }
  /** `error.source` and `origin` name the same place. */
  | { kind: 'error'; error: StorydiffError; origin: string };

/** Options of {@link readCorpus}. */
export interface ReadCorpusOptions {
  /**
   * Largest file read whole: a plain-text, HTML or feed file, or stdin holding one. Default 10 MiB.
   * JSONL and WARC files are streamed and have no overall limit.
   */
  maxBytes?: number;
  /** Largest JSONL line or WARC record (after gunzip). Default {@link DEFAULT_MAX_RECORD_BYTES}. */
  maxRecordBytes?: number;
  /** The stream `-` reads from. Default `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
  /** `auto` (default) picks the reader by extension, else by content; any other value forces it. */
  format?: CorpusFormat;
  /** Stops reading; the generator then throws the signal's reason and closes the open file. */
  signal?: AbortSignal;
}

/** Bytes sniffed to choose a reader. */
const SNIFF_BYTES = 4096;
/** Read-stream chunk size: large chunks keep per-chunk overhead low on multi-GB files. */
const READ_CHUNK = 256 * 1024;

/** Which reader a file goes to: one article, JSONL, WARC or a feed. */
export type CorpusReader = 'single' | 'jsonl' | 'warc' | 'rss';

const BY_EXTENSION: Record<string, CorpusReader> = {
  '.txt': 'single',
  '.text': 'single',
  '.md': 'single',
  '.markdown': 'single',
  '.html': 'single',
  '.htm': 'single',
  '.xhtml': 'single',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.warc': 'warc',
  '.rss': 'rss',
  '.atom': 'rss',
  '.xml': 'rss',
};

/**
 * Reads articles for the corpus from files, folders, glob patterns and stdin (`-`), in the order
 * given (folders and globs in sorted order), as a stream:
 *
 * - `.txt`/`.text`/`.md` and `.html`/`.htm`/`.xhtml` files are one article each (HTML by extension or
 *   content, as `loadArticle` decides; see {@link textToCorpusInput} for the plain-text title rule);
 * - `.jsonl`/`.ndjson`/`.json`: one article per line, streamed (see `readJsonl`);
 * - `.warc`: HTML pages from a crawl, streamed (see `readWarc`);
 * - `.rss`/`.atom`/`.xml`: feed items (see `readFeed`);
 * - any of these gzipped (`.jsonl.gz`, `.warc.gz`, …), detected by the gzip magic bytes;
 * - other names and stdin are sniffed: `{` first is JSONL, `WARC/` is WARC, an `<rss>`/`<feed>`/
 *   `<rdf:RDF>` root is a feed, anything else one text or HTML article.
 *
 * Folder walking and glob rules are those of `expandPaths` (hidden entries and `node_modules`
 * skipped; folders only yield known extensions; `.json` files only when named). A file reached
 * twice is read once.
 *
 * Bad input never throws: a missing path, an unreadable, empty, binary or mis-encoded file, a bad
 * line or record is an `error` item with a catalogue code, whose `source` names the file (and line,
 * offset or item), and reading goes on. Only invalid options throw (`USAGE`, on the first `next()`),
 * and an aborted `signal` (its reason).
 *
 * @example
 * ```ts
 * for await (const item of readCorpus(['wire/', 'crawl.warc.gz', 'feeds/*.rss'], { maxRecordBytes: 5e6 })) {
 *   if (item.kind === 'article') await index.add(item.input);
 *   else console.error(item.error.message); // e.g. "dump.jsonl:41: not valid JSON (…)"
 * }
 * ```
 */
export async function* readCorpus(paths: string[], opts: ReadCorpusOptions = {}): AsyncGenerator<CorpusItem> {
  const maxBytes = checkMaxBytes(opts.maxBytes);
  const maxRecordBytes = checkRecordBytes(opts.maxRecordBytes);
  const format = opts.format ?? 'auto';
  if (!CORPUS_FORMATS.includes(format))
    throw mustBeOneOf('format', CORPUS_FORMATS, format, { source: '--input' });
  if (!Array.isArray(paths)) {
    throw new StorydiffError('USAGE', 'paths must be an array of strings', { source: 'paths' });
  }
  const { signal } = opts;
  const settings: Settings = { maxBytes, maxRecordBytes, format, signal };
  let stdinRead = false;
  for await (const entry of expandPaths(paths, { signal })) {
    signal?.throwIfAborted();
    if (entry.kind === 'error') {
      yield entry;
      continue;
    }
    if (entry.kind === 'stdin') {
      if (stdinRead) {
        const error = new StorydiffError('USAGE', 'stdin (-) can be read only once', { source: 'stdin' });
        yield { kind: 'error', error, origin: 'stdin' };
        continue;
      }
      stdinRead = true;
    }
    const name = entry.kind === 'stdin' ? 'stdin' : entry.path;
    const items = readInput(entry.kind === 'stdin' ? undefined : entry.path, opts.stdin, settings);
    const it = items[Symbol.asyncIterator]();
    try {
      for (;;) {
        let r: IteratorResult<CorpusItem>;
        try {
          r = await it.next();
        } catch (err) {
          if (signal?.aborted) throw err;
          // A reader failing mid-file (a read error, corrupt gzip) ends that file, not the run.
          const error = toStorydiffError(err, name);
          yield { kind: 'error', error, origin: error.source ?? name };
          break;
        }
        if (r.done) break;
        signal?.throwIfAborted();
        yield r.value;
      }
    } finally {
      await it.return?.(undefined);
    }
  }
}

interface Settings {
  maxBytes: number;
  maxRecordBytes: number;
  format: CorpusFormat;
  signal?: AbortSignal;
}

function checkRecordBytes(n: number | undefined): number {
  if (n === undefined) return DEFAULT_MAX_RECORD_BYTES;
  return checkWhole('maxRecordBytes', n, 1, undefined, { source: '--max-record-bytes' });
}

/** Reads one file (or stdin when `path` is undefined) with the reader its name or content calls for. */
async function* readInput(
  path: string | undefined,
  stdin: NodeJS.ReadableStream | undefined,
  s: Settings,
): AsyncGenerator<CorpusItem> {
  const name = path ?? 'stdin';
  const raw = path === undefined ? (stdin ?? process.stdin) : await openFile(path);
  const source = new Peekable(byteChunks(raw, name));
  let input: Peekable = source;
  try {
    const magic = await source.peek(2);
    const gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
    if (gzipped) input = new Peekable(byteChunks(gunzip(source), name));
    // The name without `.gz` tells the format; `.gz` alone says nothing.
    const bare = path?.replace(/\.gz$/i, '');
    const reader: CorpusReader = chooseReader(s.format, bare, await input.peek(SNIFF_BYTES));
    if (reader === 'jsonl') {
      yield* readJsonl(input, name, { maxRecordBytes: s.maxRecordBytes, signal: s.signal });
    } else if (reader === 'warc') {
      yield* readWarc(input, name, { maxRecordBytes: s.maxRecordBytes, signal: s.signal });
    } else {
      const bytes = await collect(input, s.maxBytes, name, gzipped);
      const maxChars = Math.max(s.maxBytes, DEFAULT_MAX_CHARS);
      if (reader === 'rss') {
        yield* readFeed(bytes, name, { maxChars });
      } else {
        const mode = s.format === 'text' || s.format === 'html' ? s.format : 'auto';
        yield {
          kind: 'article',
          input: bytesToCorpusInput(bytes, name, { format: mode, path: bare, maxChars }),
        };
      }
    }
  } finally {
    await input.close();
    await source.close();
  }
}

/** Opens a file for streaming, with the same error wording as single-file reads. */
async function openFile(path: string): Promise<Readable> {
  const { handle } = await openInputFile(path);
  // The stream closes the handle when it ends or is destroyed.
  return handle.createReadStream({ highWaterMark: READ_CHUNK });
}

/** A stream's chunks as Buffers, with its errors turned into StorydiffErrors naming the input. */
async function* byteChunks(stream: AsyncIterable<unknown>, name: string): AsyncGenerator<Buffer> {
  const it = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      let r: IteratorResult<unknown>;
      try {
        r = await it.next();
      } catch (err) {
        throw streamError(err, name);
      }
      if (r.done) return;
      const v = r.value;
      if (typeof v === 'string') yield Buffer.from(v, 'utf8');
      else if (Buffer.isBuffer(v)) yield v;
      else if (v instanceof Uint8Array) yield Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    }
  } finally {
    await it.return?.();
  }
}

function streamError(err: unknown, name: string): StorydiffError {
  if (err instanceof StorydiffError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code.startsWith('Z_')) {
    const why = code === 'Z_BUF_ERROR' ? 'it is truncated' : 'it is corrupt';
    return new StorydiffError(
      'INPUT_INVALID',
      `cannot gunzip the input: ${why} (${(err as Error).message})`,
      {
        source: name,
        cause: err,
      },
    );
  }
  return fsErrorToStorydiff(err, name);
}

/**
 * A gunzip stream over the chunks. Node's gunzip reads concatenated gzip members (as in `.warc.gz`,
 * one member per record) as one stream. `pipeline` destroys both sides when either fails or the
 * consumer stops, so the file is closed in every case.
 */
function gunzip(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const gz = createGunzip();
  pipeline(Readable.from(chunks, { objectMode: false }), gz, () => undefined);
  return gz;
}

/**
 * An async iterable whose first bytes can be looked at before it is handed to a reader. Iterate it
 * once; `close()` releases the underlying stream whether or not it was iterated.
 */
class Peekable implements AsyncIterable<Buffer> {
  private readonly it: AsyncIterator<Buffer>;
  private head: Buffer[] = [];
  private headLength = 0;
  private ended = false;

  constructor(chunks: AsyncIterable<Buffer>) {
    this.it = chunks[Symbol.asyncIterator]();
  }

  /** At least `n` bytes from the start (fewer only when the input is shorter). */
  async peek(n: number): Promise<Buffer> {
    while (this.headLength < n && !this.ended) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else {
        this.head.push(r.value);
        this.headLength += r.value.length;
      }
    }
    if (this.head.length > 1) this.head = [Buffer.concat(this.head, this.headLength)];
    return this.head[0] ?? Buffer.alloc(0);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    const head = this.head;
    this.head = [];
    this.headLength = 0;
    for (const h of head) yield h;
    while (!this.ended) {
      const r = await this.it.next();
      if (r.done) {
        this.ended = true;
        break;
      }
      yield r.value;
    }
  }

  async close(): Promise<void> {
    this.ended = true;
    await this.it.return?.();
  }
}

/** Picks the reader: forced by the format, else by extension, else by the first bytes. */
function chooseReader(format: CorpusFormat, path: string | undefined, head: Buffer): CorpusReader {
  if (format === 'jsonl' || format === 'warc' || format === 'rss') return format;
  if (format === 'text' || format === 'html') return 'single';
  const ext = path ? /(\.[^./\\]+)$/.exec(path.toLowerCase())?.[1] : undefined;
  if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  return sniffReader(head);
}

/**
 * Guesses the reader from the first bytes: `WARC/` → WARC, `{` → JSONL, a feed root → feed, else
 * one article.
 *
 * @example
 * ```ts
 * sniffReader(Buffer.from('{"text":"Talks resumed."}\n')); // 'jsonl'
 * sniffReader(Buffer.from('BERLIN: Talks resumed.')); // 'single'
 * ```
 */
export function sniffReader(head: Uint8Array): CorpusReader {
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '');
  const start = text.trimStart();
  if (start.startsWith('WARC/')) return 'warc';
  if (start.startsWith('{')) return 'jsonl';
  if (looksLikeFeed(start)) return 'rss';
  return 'single';
}

/** All remaining bytes, refusing (and stopping the read) past `maxBytes`. */
async function collect(
  chunks: AsyncIterable<Buffer>,
  maxBytes: number,
  name: string,
  gzipped: boolean,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new StorydiffError(
        'INPUT_TOO_LARGE',
        `the ${gzipped ? 'unzipped ' : ''}input is over ${formatLimit(maxBytes)}; raise the limit with --max-bytes (maxBytes option) if this is really one article or feed`,
        { source: name },
      );
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

/** Options of {@link bytesToCorpusInput}. */
export interface BytesOptions {
  /** `auto` (default) decides HTML by `path`'s extension or the content, as `loadArticle` does. */
  format?: 'auto' | 'text' | 'html';
  /** File name used for the extension test (without `.gz`). */
  path?: string;
  /** Longest HTML accepted, in characters. Default 10 million. */
  maxChars?: number;
}

/**
 * One file's bytes to one article with `origin` = `name`: decoded strictly (HTML with its declared
 * charset), HTML extracted with its title, date (as `published`), language, canonical URL (as `url`)
 * and site name (as `source`); plain text as {@link textToCorpusInput} says. No `id`: the corpus
 * derives one. Throws {@link StorydiffError} (`INPUT_EMPTY`, `INPUT_BINARY`, `INPUT_ENCODING`,
 * `INPUT_NO_TEXT`, `INPUT_TOO_LARGE`) with `source` = `name`.
 *
 * @example
 * ```ts
 * bytesToCorpusInput(Buffer.from('<title>Talks</title><p>Talks resumed.</p>'), 'a.html');
 * // { text: 'Talks resumed.', title: 'Talks', origin: 'a.html' }
 * ```
 */
export function bytesToCorpusInput(bytes: Uint8Array, name: string, opts: BytesOptions = {}): CorpusInput {
  const format = opts.format ?? 'auto';
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
  const sniffHtml = format === 'html' || (format === 'auto' && looksLikeHtml(head, opts.path));
  // A page that declares a legacy charset is decoded with it; plain text must be UTF-8.
  const text = decodeText(bytes, name, { encoding: sniffHtml ? declaredCharset(bytes) : undefined });
  const isHtml = format === 'html' || (format === 'auto' && looksLikeHtml(text, opts.path));
  if (!isHtml) return textToCorpusInput(text, name);
  const page = htmlToPage(text, { source: name, maxChars: opts.maxChars ?? DEFAULT_MAX_CHARS });
  const input: CorpusInput = { text: page.article.text };
  if (page.article.title) input.title = page.article.title;
  if (page.url) input.url = page.url;
  if (page.siteName) input.source = page.siteName;
  if (page.article.date) input.published = page.article.date;
  if (page.article.lang) input.lang = page.article.lang;
  input.origin = name;
  return input;
}

/** Longest line taken as a headline. */
const MAX_HEADLINE_CHARS = 200;
const MAX_HEADLINE_WORDS = 30;

/**
 * Plain text to an article. The text is kept as written, except that a clear headline becomes the
 * title and is taken off the text (so a headline is not counted twice, matching JSONL records with
 * a separate `title`). A headline is the first non-blank line when it is
 *
 * - a Markdown heading (`# Port strike ends`), or
 * - followed by a blank line and more text, at most 200 characters and 30 words, with a letter in it,
 *   not ending in `.` `,` `;` `:` or a dash (a sentence or a dateline), and not a byline (`By …`).
 *
 * Anything else has no title.
 *
 * @example
 * ```ts
 * textToCorpusInput('Port strike ends\n\nROTTERDAM - Dock workers returned on Monday.', 'a.txt');
 * // { title: 'Port strike ends', text: 'ROTTERDAM - Dock workers returned on Monday.', origin: 'a.txt' }
 * textToCorpusInput('Dock workers returned on Monday.\n\nTalks went on.', 'b.txt'); // no title
 * ```
 */
export function textToCorpusInput(text: string, name: string): CorpusInput {
  const m = /^[ \t\r\n]*([^\r\n]*)(\r?\n|$)/.exec(text)!;
  const line = m[1].trim();
  const after = text.slice(m[0].length);
  const markdown = /^#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?$/.exec(line);
  let title: string | undefined;
  let rest = after;
  if (markdown) {
    title = markdown[1].trim();
  } else {
    const blank = /^[ \t]*(?:\r?\n|$)/.exec(after);
    if (blank && isHeadline(line)) {
      title = line.replace(/\s+/g, ' ');
      rest = after.slice(blank[0].length);
    }
  }
  if (title && !/\S/.test(rest)) title = undefined; // A lone line is the text, not a title.
  if (!title) return { text, origin: name };
  return { text: rest.replace(/^(?:[ \t]*\r?\n)+/, ''), title, origin: name };
}

function isHeadline(line: string): boolean {
  if (line === '' || line.length > MAX_HEADLINE_CHARS) return false;
  if (line.split(/\s+/).length > MAX_HEADLINE_WORDS) return false;
  if (!/\p{L}/u.test(line)) return false;
  if (/[.,;:\-–—]$/.test(line)) return false;
  return !/^by\s/i.test(line);
}
