/**
 * The `compare --pairs` batch reader: one JSONL line per pair of articles (inline or by path),
 * each line an article pair or the error it ran into.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { Article } from '../doc/types.js';
import { StorydiffError, toStorydiffError } from '../errors.js';
import { articleFromInput, loadArticle } from './article.js';
import { normalizeLang } from './html.js';
import { DEFAULT_MAX_CHARS, formatLimit, MAX_PAIR_LINE_BYTES } from './limits.js';
import { checkMaxBytes, fsErrorToStorydiff } from './read.js';

export { MAX_PAIR_LINE_BYTES } from './limits.js';

/** One line of a pairs file: both articles, or the error that line ran into. */
export interface PairRecord {
  /** 1-based line number in the JSONL file (blank lines count). */
  line: number;
  /** The line's `id`, or its line number when it has none; absent only if the line could not be parsed. */
  id?: string | number;
  a?: Article;
  b?: Article;
  /** Set instead of `a` and `b` when the line is bad; `source` names the file and line. */
  error?: StorydiffError;
}

/** Options of {@link readPairs}. */
export interface PairsOptions {
  /** Size limit for each file a line points to with `path`. Default 10 MiB. */
  maxBytes?: number;
  /** The stream read when the pairs file is `-`. Default `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
  /** Longest line accepted. Default {@link MAX_PAIR_LINE_BYTES} (50 MiB). */
  maxLineBytes?: number;
}

/**
 * Streams a JSONL batch of article pairs, one `{"id", "a", "b"}` object a line, where each side is
 * `{"text" | "path" | "html", "title"?, "lang"?, "date"?}` and a `path` is relative to the JSONL
 * file's folder. Records come out in file order. A bad line (invalid JSON, a missing side, both text
 * and path, a file that fails to load, invalid UTF-8, a line over 50 MiB) yields a record with an
 * `error` whose `source` is like `pairs.jsonl line 7` and reading goes on; blank lines are skipped.
 *
 * Memory stays bounded by the longest line: the file is never read whole. Only problems with the
 * pairs file itself (missing, a directory, unreadable) are thrown.
 *
 * @example
 * ```ts
 * for await (const rec of readPairs('pairs.jsonl')) {
 *   if (rec.error) console.error(rec.error.message); // "pairs.jsonl line 7: not valid JSON (...)"
 *   else console.log(rec.id, rec.a!.text.length, rec.b!.text.length);
 * }
 * ```
 */
export async function* readPairs(path: string, opts: PairsOptions = {}): AsyncGenerator<PairRecord> {
  const maxBytes = checkMaxBytes(opts.maxBytes);
  const maxLineBytes = opts.maxLineBytes ?? MAX_PAIR_LINE_BYTES;
  const name = path === '-' ? 'stdin' : path;
  const folder = path === '-' ? '' : dirname(path);
  const stream = path === '-' ? (opts.stdin ?? process.stdin) : await openPairsFile(path);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  for await (const raw of splitLines(stream, maxLineBytes, name)) {
    const where = `${name} line ${raw.line}`;
    if (raw.bytes === null) {
      const error = new StorydiffError(
        'INPUT_TOO_LARGE',
        `the line is over the limit of ${formatLimit(maxLineBytes)}; put the article in a file and give its path`,
        { source: where },
      );
      yield { line: raw.line, error };
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(raw.bytes);
    } catch {
      yield {
        line: raw.line,
        error: new StorydiffError('INPUT_ENCODING', 'the line is not valid UTF-8', { source: where }),
      };
      continue;
    }
    if (raw.line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') continue;
    yield await parseLine(text, raw.line, where, folder, maxBytes);
  }
}

/** Checks the pairs file up front so a missing file or a folder gets a clear error, then streams it. */
async function openPairsFile(path: string): Promise<NodeJS.ReadableStream> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      throw new StorydiffError('INPUT_NOT_FOUND', 'is a directory, not a file', { source: path });
    }
  } catch (err) {
    throw fsErrorToStorydiff(err, path);
  }
  return createReadStream(path);
}

interface RawLine {
  line: number;
  /** The line's bytes without the newline; `null` when it went over the limit (and was skipped). */
  bytes: Buffer | null;
}

/**
 * Splits a byte stream on `\n`. Not node:readline: readline buffers a whole line however long it is
 * and decodes leniently (bad bytes silently become U+FFFD), while this drops an overlong line as it
 * streams past and hands over raw bytes for a strict decode.
 */
async function* splitLines(
  stream: NodeJS.ReadableStream,
  maxLineBytes: number,
  source: string,
): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let line = 1;
  const iterator = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<string | Buffer>;
      try {
        next = await iterator.next();
      } catch (err) {
        throw fsErrorToStorydiff(err, source);
      }
      if (next.done) break;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
      let start = 0;
      while (start <= chunk.length) {
        const nl = chunk.indexOf(0x0a, start);
        const end = nl < 0 ? chunk.length : nl;
        if (!tooLong && end > start) {
          if (length + (end - start) > maxLineBytes) {
            tooLong = true;
            parts = [];
          } else {
            parts.push(chunk.subarray(start, end));
            length += end - start;
          }
        }
        if (nl < 0) break;
        yield { line, bytes: tooLong ? null : Buffer.concat(parts, length) };
        parts = [];
        length = 0;
        tooLong = false;
        line++;
        start = nl + 1;
      }
    }
  } finally {
    // Closes the file when the consumer stops early (break out of for-await).
    await iterator.return?.();
  }
  if (tooLong || length > 0) yield { line, bytes: tooLong ? null : Buffer.concat(parts, length) };
}

type Side = 'a' | 'b';

async function parseLine(
  text: string,
  line: number,
  where: string,
  folder: string,
  maxBytes: number,
): Promise<PairRecord> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { line, error: new StorydiffError('INPUT_INVALID', `not valid JSON (${why})`, { source: where }) };
  }
  if (!isObject(data)) {
    return {
      line,
      error: new StorydiffError('INPUT_INVALID', 'each line must be a JSON object with "a" and "b"', {
        source: where,
      }),
    };
  }
  const rawId = data.id;
  if (rawId !== undefined && rawId !== null && typeof rawId !== 'string' && typeof rawId !== 'number') {
    return {
      line,
      error: new StorydiffError('INPUT_INVALID', `"id" must be a string or a number, got ${typeOf(rawId)}`, {
        source: where,
      }),
    };
  }
  const id = rawId ?? line;
  const out: PairRecord = { line, id };
  for (const side of ['a', 'b'] as const) {
    try {
      out[side] = await loadSide(data[side], side, where, folder, maxBytes);
    } catch (err) {
      return { line, id, error: toStorydiffError(err, where) };
    }
  }
  return out;
}

async function loadSide(
  spec: unknown,
  side: Side,
  where: string,
  folder: string,
  maxBytes: number,
): Promise<Article> {
  const invalid = (detail: string) => new StorydiffError('INPUT_INVALID', detail, { source: where });
  if (spec === undefined) throw invalid(`missing "${side}"`);
  if (!isObject(spec))
    throw invalid(`"${side}" must be an object with text, path or html, got ${typeOf(spec)}`);
  const given = (['text', 'path', 'html'] as const).filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (given.length !== 1) {
    throw invalid(
      given.length === 0
        ? `"${side}" needs one of text, path or html`
        : `"${side}" has both ${given.join(' and ')}; give exactly one of text, path or html`,
    );
  }
  for (const key of ['text', 'path', 'html', 'title', 'lang', 'date'] as const) {
    const v = spec[key];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      throw invalid(`"${side}.${key}" must be a string, got ${typeOf(v)}`);
    }
  }
  const meta = {
    title: (spec.title as string | undefined) ?? undefined,
    date: (spec.date as string | undefined) ?? undefined,
    lang: (spec.lang as string | undefined) ?? undefined,
  };
  if (meta.lang?.trim() && !normalizeLang(meta.lang)) {
    throw invalid(`"${side}.lang" must be a two-letter ISO 639-1 code, got "${meta.lang}"`);
  }

  if (given[0] === 'path') {
    const p = spec.path as string;
    if (p.trim() === '') throw invalid(`"${side}.path" is empty`);
    const file = isAbsolute(p) || folder === '' ? p : join(folder, p);
    try {
      return await loadArticle(file, { ...meta, maxBytes });
    } catch (err) {
      throw rewrap(err, `${where}, ${side}: ${file}`);
    }
  }
  const source = `${where}, ${side}`;
  const input = given[0] === 'text' ? { text: spec.text as string } : { html: spec.html as string };
  return articleFromInput({ ...input, ...meta, source }, source, {
    maxChars: Math.max(maxBytes, DEFAULT_MAX_CHARS),
  });
}

/** Re-labels an inner error with the line it came from, keeping its code and its own wording. */
function rewrap(err: unknown, source: string): StorydiffError {
  const inner = toStorydiffError(err);
  const prefix = inner.source ? `${inner.source}: ` : '';
  const detail =
    prefix && inner.message.startsWith(prefix) ? inner.message.slice(prefix.length) : inner.message;
  return new StorydiffError(inner.code, detail, { source, cause: inner });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
