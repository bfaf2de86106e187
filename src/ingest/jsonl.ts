/**
 * Streaming reader for JSONL corpora: one article per line. The file is never read whole, each
 * line is bounded, decoded strictly and parsed on its own, so a bad line costs one error item.
 */
import type { CorpusInput } from '../corpus/types.js';
import { StorydiffError } from '../errors.js';
import type { CorpusItem } from './corpus-input.js';
import { checkBinaryBytes } from './decode.js';
import { htmlToPage, normalizeLang } from './html.js';
import { DEFAULT_MAX_CHARS, formatLimit, type RecordStreamOptions, recordLimits } from './limits.js';

/** Consecutive unparseable lines at the start of a file after which it is judged not to be JSONL. */
const GIVE_UP_AFTER = 100;

/** Options of {@link readJsonl}: a record is a line. */
export type JsonlOptions = RecordStreamOptions;

/**
 * Reads JSONL records from a byte stream (a file's read stream, a gunzip stream, stdin), one
 * {@link CorpusItem} per non-blank line, in order. Each line is a JSON object with `text` or `html`
 * and optional `id`, `title`, `url`, `source`, `published` (or `date`) and `lang` — see
 * {@link jsonRecordToInput}. Articles have origin `NAME:LINE` (1-based; blank lines count).
 *
 * A line that is over `maxRecordBytes` (skipped as it streams past, never buffered), not valid
 * UTF-8, not JSON, not an object, or has no usable text becomes an `error` item whose `source` is
 * `NAME:LINE`, and reading goes on. The file as a whole is an error item (source `NAME`) when it looks
 * binary, holds no records, or its first 100 non-blank lines are all unparseable (then reading stops:
 * it is not JSONL). Errors the stream itself throws are passed on.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * for await (const item of readJsonl(createReadStream('articles.jsonl'), 'articles.jsonl')) {
 *   if (item.kind === 'article') console.log(item.input.origin, item.input.title);
 *   else console.error(item.error.message); // "articles.jsonl:7: not valid JSON (…)"
 * }
 * ```
 */
export async function* readJsonl(
  chunks: AsyncIterable<Uint8Array | string>,
  name: string,
  opts: JsonlOptions = {},
): AsyncGenerator<CorpusItem> {
  const { maxRecordBytes, maxChars } = recordLimits(opts);
  // One fatal decoder for all lines: a decode() call without `stream` starts afresh each time.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Buffer[] = [];
  let carryLength = 0;
  let tooLong = false;
  let line = 1;
  let first = true;
  let records = 0;
  let parsed = 0;
  let unparsed = 0;

  /** One line to an item (undefined for a blank line). Synchronous, so `bytes` may be a view. */
  const handle = (bytes: Buffer | null): CorpusItem | undefined => {
    const where = `${name}:${line}`;
    const fail = (error: StorydiffError): CorpusItem => ({ kind: 'error', error, origin: where });
    if (bytes === null) {
      records++;
      return fail(
        new StorydiffError(
          'INPUT_TOO_LARGE',
          `the line is over the record limit of ${formatLimit(maxRecordBytes)}; raise it with --max-record-bytes (maxRecordBytes option)`,
          { source: where },
        ),
      );
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      if (isBlankBytes(bytes)) return undefined;
      records++;
      unparsed++;
      return fail(new StorydiffError('INPUT_ENCODING', 'the line is not valid UTF-8', { source: where }));
    }
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // Cheap blank test: records start with `{`, so the trim only runs on odd lines.
    if (text.charCodeAt(0) !== 0x7b && text.trim() === '') return undefined;
    records++;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      unparsed++;
      const why = err instanceof Error ? err.message : String(err);
      const lone = text.trim();
      const hint =
        lone === '{' || lone === '['
          ? '; this looks like pretty-printed JSON: write one object per line (JSONL)'
          : '';
      return fail(new StorydiffError('INPUT_INVALID', `not valid JSON (${why})${hint}`, { source: where }));
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      unparsed++;
      const hint = Array.isArray(data) ? '; write one object per line, not an array' : '';
      return fail(
        new StorydiffError(
          'INPUT_INVALID',
          `each line must be a JSON object with "text" or "html", got ${typeOf(data)}${hint}`,
          { source: where },
        ),
      );
    }
    parsed++;
    try {
      return {
        kind: 'article',
        input: jsonRecordToInput(data as Record<string, unknown>, where, { maxChars }),
      };
    } catch (err) {
      if (err instanceof StorydiffError) return fail(err);
      throw err;
    }
  };

  for await (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : toBuffer(chunk);
    if (buf.length === 0) continue;
    if (first) {
      first = false;
      try {
        checkBinaryBytes(buf, name);
      } catch (err) {
        yield { kind: 'error', error: err as StorydiffError, origin: name };
        return;
      }
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) {
        if (!tooLong && start < buf.length) {
          if (carryLength + buf.length - start > maxRecordBytes) {
            tooLong = true;
            carry = [];
            carryLength = 0;
          } else {
            carry.push(buf.subarray(start));
            carryLength += buf.length - start;
          }
        }
        break;
      }
      let bytes: Buffer | null = null;
      if (!tooLong) {
        const size = carryLength + nl - start;
        if (size <= maxRecordBytes) {
          // The usual case, a line inside one chunk, is a view: no copy.
          bytes =
            carryLength === 0
              ? buf.subarray(start, nl)
              : Buffer.concat([...carry, buf.subarray(start, nl)], size);
        }
      }
      carry = [];
      carryLength = 0;
      tooLong = false;
      const item = handle(bytes);
      line++;
      start = nl + 1;
      if (item) {
        opts.signal?.throwIfAborted();
        yield item;
        if (parsed === 0 && unparsed >= GIVE_UP_AFTER) {
          yield giveUp(name);
          return;
        }
      }
    }
  }
  if (tooLong || carryLength > 0) {
    const item = handle(tooLong ? null : Buffer.concat(carry, carryLength));
    if (item) yield item;
  }
  if (records === 0 && !first) {
    yield {
      kind: 'error',
      error: new StorydiffError('INPUT_EMPTY', 'the file holds only blank lines, no records', {
        source: name,
      }),
      origin: name,
    };
  } else if (first) {
    yield {
      kind: 'error',
      error: new StorydiffError('INPUT_EMPTY', 'the input is empty (0 bytes)', { source: name }),
      origin: name,
    };
  }
}

function giveUp(name: string): CorpusItem {
  const error = new StorydiffError(
    'INPUT_INVALID',
    `stopped reading: the first ${GIVE_UP_AFTER} records are not JSON objects, so this does not look like JSONL`,
    { source: name },
  );
  return { kind: 'error', error, origin: name };
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function isBlankBytes(b: Uint8Array): boolean {
  for (const x of b) if (x !== 0x20 && x !== 0x09 && x !== 0x0d) return false;
  return true;
}

/** Options of {@link jsonRecordToInput}. */
export interface RecordOptions {
  /** Longest `text`/`html` value accepted, in characters. Default 10 million. */
  maxChars?: number;
}

/**
 * Turns one parsed JSON record into a {@link CorpusInput} with `origin` set to `where`.
 *
 * - `text` (plain text) or `html` (a page, run through the HTML extractor); when both are given a
 *   non-blank `text` wins, as dumps often carry the raw page next to the clean text.
 * - `id`: a string or a number (kept as a string); `published`, or else `date`: a string or a number.
 * - `title`, `url`, `source`: strings; from `html`, the page's title, canonical URL, site name and date
 *   fill in those not given.
 * - `lang`: cut to its ISO 639-1 code (`en-GB` → `en`); an unrecognisable value is dropped, not an
 *   error, as the corpus can detect the language itself.
 *
 * Strings are trimmed and blank ones count as absent; `null` counts as absent. Unknown fields are
 * ignored. Throws {@link StorydiffError} with `source` = `where`: `INPUT_INVALID` (a field of the
 * wrong type, no `text`/`html`), `INPUT_EMPTY`, `INPUT_BINARY` (a NUL character),
 * `INPUT_TOO_LARGE`, `INPUT_NO_TEXT` (HTML without readable text).
 *
 * @example
 * ```ts
 * jsonRecordToInput({ id: 7, title: ' Port strike ends ', text: 'ROTTERDAM - …', date: '2024-03-05' }, 'a.jsonl:3');
 * // { id: '7', title: 'Port strike ends', text: 'ROTTERDAM - …', published: '2024-03-05', origin: 'a.jsonl:3' }
 * ```
 */
export function jsonRecordToInput(
  data: Record<string, unknown>,
  where: string,
  opts: RecordOptions = {},
): CorpusInput {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const invalid = (detail: string) => new StorydiffError('INPUT_INVALID', detail, { source: where });
  const str = (key: string): string | undefined => {
    const v = data[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw invalid(`"${key}" must be a string, got ${typeOf(v)}`);
    const t = v.trim();
    return t === '' ? undefined : t;
  };
  const strOrNumber = (key: string): string | number | undefined => {
    const v = data[key];
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw invalid(`"${key}" must be a finite number`);
      return v;
    }
    return str(key);
  };

  const rawId = strOrNumber('id');
  const published = strOrNumber('published') ?? strOrNumber('date');
  const title = str('title');
  const url = str('url');
  const source = str('source');
  const lang = normalizeLang(str('lang'));

  const text = data.text;
  const html = data.html;
  if (text !== undefined && text !== null && typeof text !== 'string') {
    throw invalid(`"text" must be a string, got ${typeOf(text)}`);
  }
  if (html !== undefined && html !== null && typeof html !== 'string') {
    throw invalid(`"html" must be a string, got ${typeOf(html)}`);
  }
  const hasText = typeof text === 'string' && !isBlank(text);
  const hasHtml = typeof html === 'string' && !isBlank(html);
  if (!hasText && !hasHtml) {
    if (typeof text === 'string' || typeof html === 'string') {
      throw new StorydiffError('INPUT_EMPTY', `the ${typeof text === 'string' ? 'text' : 'html'} is empty`, {
        source: where,
      });
    }
    throw invalid('the record has no "text" or "html"');
  }
  const raw = (hasText ? text : html) as string;
  const field = hasText ? 'text' : 'html';
  if (raw.length > maxChars) {
    throw new StorydiffError(
      'INPUT_TOO_LARGE',
      `the ${field} is ${raw.length} characters, over the limit of ${maxChars}`,
      { source: where },
    );
  }
  const nul = raw.indexOf('\u0000');
  if (nul >= 0) {
    throw new StorydiffError('INPUT_BINARY', `the ${field} contains a NUL character (at ${nul})`, {
      source: where,
    });
  }
  // A BOM that survived into a JSON string is an encoding artefact, not text.
  const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;

  const out: CorpusInput = { text: body };
  let page: ReturnType<typeof htmlToPage> | undefined;
  if (!hasText) {
    page = htmlToPage(body, { source: where, url, maxChars });
    out.text = page.article.text;
  }
  const id = rawId === undefined ? undefined : String(rawId);
  const fill = {
    id,
    title: title ?? page?.article.title,
    url: url ?? page?.url,
    source: source ?? page?.siteName,
    published: published ?? page?.article.date,
    lang: lang ?? page?.article.lang,
  };
  for (const [k, v] of Object.entries(fill)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  out.origin = where;
  return out;
}

/** Blank without allocating a trimmed copy of a long text (only the first non-space is looked for). */
function isBlank(s: string): boolean {
  return !/\S/.test(s);
}

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
