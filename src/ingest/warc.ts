/**
 * Streaming reader for WARC 1.0/1.1 archives (web crawls): each HTML page fetched with status 200
 * becomes an article. Records are read one at a time, bodies up to a size limit, so a crawl of any
 * size passes through bounded memory.
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { CorpusInput } from '../corpus/types.js';
import { StorydiffError, toStorydiffError } from '../errors.js';
import { declaredCharset } from './article.js';
import type { CorpusItem } from './corpus-input.js';
import { decodeText } from './decode.js';
import { htmlToPage, looksLikeHtml } from './html.js';
import { formatLimit, type RecordStreamOptions, recordLimits } from './limits.js';

/** Longest WARC header block accepted; real ones are well under 2 KiB. */
const MAX_HEADER_BYTES = 64 * 1024;

const WARC_MAGIC = Buffer.from('WARC/');
const RESYNC_MARK = Buffer.from('\nWARC/');

/** Options of {@link readWarc}: a record is a WARC record's body. */
export type WarcOptions = RecordStreamOptions;

/**
 * Reads a WARC stream (already gunzipped: Node's gunzip handles the usual one-member-per-record
 * `.warc.gz`) and yields an article for every `response` record holding an HTTP 200 HTML page, and
 * every `resource` record of type HTML. Chunked transfer encoding and gzip/deflate/br content
 * encoding are undone; the text is decoded with the HTTP charset, else the page's `<meta charset>`,
 * else UTF-8, and extracted as {@link htmlToPage} does. The article's `url` and `id` are the
 * `WARC-Target-URI`, `published` is the page's own date or else the `WARC-Date`, and `origin` is
 * `NAME#OFFSET`, the record's byte offset in the (uncompressed) stream.
 *
 * Requests, metadata, warcinfo, revisits, non-200 responses and non-HTML payloads are skipped
 * without a word. A malformed record is an error item (source `NAME#OFFSET`) and reading resumes at
 * the next line starting with `WARC/`; a truncated last record is an error item; an HTML response
 * over `maxRecordBytes` is an error item and its body is skipped as it streams past.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { createGunzip } from 'node:zlib';
 * const stream = createReadStream('crawl.warc.gz').pipe(createGunzip());
 * for await (const item of readWarc(stream, 'crawl.warc.gz')) {
 *   if (item.kind === 'article') console.log(item.input.url, item.input.title);
 * }
 * ```
 */
export async function* readWarc(
  chunks: AsyncIterable<Uint8Array | string>,
  name: string,
  opts: WarcOptions = {},
): AsyncGenerator<CorpusItem> {
  const { maxRecordBytes, maxChars } = recordLimits(opts);
  const reader = new ByteReader(chunks);
  let records = 0;
  let complaints = 0;
  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      // Records end with CRLF CRLF; be lenient about how many blank lines separate them.
      if (!(await reader.skipBlank())) break;
      const start = reader.offset;
      const where = `${name}#${start}`;
      const fail = (code: 'INPUT_INVALID' | 'INPUT_TOO_LARGE', detail: string): CorpusItem => {
        complaints++;
        return { kind: 'error', error: new StorydiffError(code, detail, { source: where }), origin: where };
      };
      if (!(await reader.startsWith(WARC_MAGIC))) {
        yield fail(
          'INPUT_INVALID',
          records === 0 && start === 0
            ? 'not a WARC file: it does not start with a WARC/1.x record header'
            : 'malformed WARC record: expected a record header starting with WARC/; skipping to the next record',
        );
        if (!(await reader.resync())) break;
        continue;
      }
      records++;
      const end = await reader.findBlankLine(MAX_HEADER_BYTES);
      if (end === -1) {
        yield fail('INPUT_INVALID', 'truncated WARC record: the file ends inside the record header');
        break;
      }
      if (end === -2) {
        yield fail(
          'INPUT_INVALID',
          `malformed WARC record: no end of the header within ${formatLimit(MAX_HEADER_BYTES)}`,
        );
        reader.advance(1);
        if (!(await reader.resync())) break;
        continue;
      }
      const headers = parseHeaders(reader.take(end).toString('utf8'));
      const lengthText = headers.get('content-length') ?? '';
      const length = /^\d{1,15}$/.test(lengthText) ? Number(lengthText) : Number.NaN;
      if (!Number.isSafeInteger(length)) {
        yield fail('INPUT_INVALID', `malformed WARC record: Content-Length is "${lengthText}"`);
        if (!(await reader.resync())) break;
        continue;
      }
      const type = (headers.get('warc-type') ?? '').toLowerCase();
      const contentType = (headers.get('content-type') ?? '').toLowerCase();
      const wanted =
        (type === 'response' && (contentType === '' || contentType.startsWith('application/http'))) ||
        (type === 'resource' && isHtmlType(contentType));
      if (!wanted || length > maxRecordBytes) {
        const skipped = await reader.skip(length);
        if (skipped < length) {
          yield fail('INPUT_INVALID', truncated(length, skipped));
          break;
        }
        if (wanted) {
          yield fail(
            'INPUT_TOO_LARGE',
            `the record is ${length} bytes, over the record limit of ${formatLimit(maxRecordBytes)}; raise it with --max-record-bytes (maxRecordBytes option)`,
          );
        }
        continue;
      }
      const body = await reader.read(length);
      if (body.length < length) {
        yield fail('INPUT_INVALID', truncated(length, body.length));
        break;
      }
      let input: CorpusInput | undefined;
      try {
        input = recordToInput(type, headers, body, where, { maxRecordBytes, maxChars });
      } catch (err) {
        yield { kind: 'error', error: toStorydiffError(err, where), origin: where };
        continue;
      }
      if (input) yield { kind: 'article', input };
    }
  } finally {
    await reader.close();
  }
  if (records === 0 && complaints === 0) {
    yield {
      kind: 'error',
      error: new StorydiffError('INPUT_EMPTY', 'the WARC input holds no records', { source: name }),
      origin: name,
    };
  }
}

function truncated(length: number, got: number): string {
  return `truncated WARC record: Content-Length is ${length} bytes but the file ends after ${got}`;
}

function isHtmlType(contentType: string): boolean {
  return /^\s*(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType);
}

/** Header lines to a map (names lowercased, first occurrence kept, folded lines joined). */
function parseHeaders(block: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  const lines = block.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && last !== undefined) {
      out.set(last, `${out.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (out.has(key)) {
      last = undefined;
      continue;
    }
    out.set(key, line.slice(colon + 1).trim());
    last = key;
  }
  return out;
}

interface RecordLimits {
  maxRecordBytes: number;
  maxChars: number;
}

/** A wanted record's body to an article; undefined when it turns out not to be a 200 HTML page. */
function recordToInput(
  type: string,
  headers: Map<string, string>,
  body: Buffer,
  where: string,
  limits: RecordLimits,
): CorpusInput | undefined {
  const url =
    headers
      .get('warc-target-uri')
      ?.replace(/^<(.*)>$/, '$1')
      .trim() || undefined;
  let payload: Buffer;
  let contentType: string;
  if (type === 'resource') {
    payload = body;
    contentType = headers.get('content-type') ?? '';
  } else {
    const end = indexOfBlankLine(body, 0, body.length);
    if (!/^HTTP\/\d/.test(body.toString('latin1', 0, Math.min(body.length, 16)))) {
      throw new StorydiffError('INPUT_INVALID', 'malformed WARC response: the body is not an HTTP response', {
        source: where,
      });
    }
    const headBlock = body.toString('latin1', 0, end < 0 ? body.length : end);
    const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(headBlock);
    if (!status) {
      throw new StorydiffError('INPUT_INVALID', 'malformed WARC response: no HTTP status line', {
        source: where,
      });
    }
    if (status[1] !== '200') return undefined;
    const http = parseHeaders(headBlock);
    payload = end < 0 ? Buffer.alloc(0) : body.subarray(end);
    contentType = http.get('content-type') ?? '';
    if (/chunked/i.test(http.get('transfer-encoding') ?? '')) payload = dechunk(payload, where);
    payload = decodeContent(payload, http.get('content-encoding'), where, limits.maxRecordBytes);
    if (contentType === '') {
      // No type given: only a payload that is clearly a page is one.
      if (!looksLikeHtml(payload.toString('latin1', 0, Math.min(payload.length, 2048)))) return undefined;
    } else if (!isHtmlType(contentType)) {
      return undefined;
    }
  }
  const charset = /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? declaredCharset(payload);
  const text = decodeText(payload, where, { encoding: charset });
  const page = htmlToPage(text, { source: where, url, maxChars: limits.maxChars });
  const input: CorpusInput = { text: page.article.text };
  if (url) {
    input.id = url;
    input.url = url;
  }
  if (page.article.title) input.title = page.article.title;
  const published = page.article.date ?? headers.get('warc-date')?.trim();
  if (published) input.published = published;
  if (page.article.lang) input.lang = page.article.lang;
  if (page.siteName) input.source = page.siteName;
  input.origin = where;
  return input;
}

/**
 * Undoes `Transfer-Encoding: chunked`. Some crawlers store the payload already de-chunked but keep
 * the header, so a first line that is not a chunk size means "not chunked after all" (as warcio
 * does). A body cut short keeps what arrived.
 */
function dechunk(data: Buffer, where: string): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  for (let first = true; pos < data.length; first = false) {
    const nl = data.indexOf(0x0a, pos);
    const sizeLine = data
      .toString('latin1', pos, nl < 0 ? Math.min(data.length, pos + 64) : nl)
      .split(';')[0]
      .trim();
    if (!/^[0-9a-f]{1,12}$/i.test(sizeLine)) {
      if (first) return data;
      throw new StorydiffError('INPUT_INVALID', 'malformed chunked transfer encoding in the HTTP response', {
        source: where,
      });
    }
    const size = Number.parseInt(sizeLine, 16);
    if (size === 0 || nl < 0) break;
    const start = nl + 1;
    parts.push(data.subarray(start, Math.min(start + size, data.length)));
    pos = start + size;
    if (data[pos] === 0x0d) pos++;
    if (data[pos] === 0x0a) pos++;
  }
  return Buffer.concat(parts);
}

/** Undoes `Content-Encoding`, bounded so a compression bomb stops at the record limit. */
function decodeContent(data: Buffer, encoding: string | undefined, where: string, limit: number): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === '' || enc === 'identity' || data.length === 0) return data;
  const opts = { maxOutputLength: limit };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') {
      // Stored already decoded by some crawlers: no gzip magic means nothing to undo.
      return data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data, opts) : data;
    }
    if (enc === 'deflate') {
      try {
        return inflateSync(data, opts);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw err;
        return inflateRawSync(data, opts); // Servers often send raw deflate under this name.
      }
    }
    if (enc === 'br') return brotliDecompressSync(data, opts);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new StorydiffError(
        'INPUT_TOO_LARGE',
        `the page decompresses to over the record limit of ${formatLimit(limit)}`,
        { source: where },
      );
    }
    if (looksLikeHtml(data.toString('latin1', 0, Math.min(data.length, 2048)))) return data;
    throw new StorydiffError('INPUT_INVALID', `the page's ${enc} content encoding is corrupt`, {
      source: where,
      cause: err,
    });
  }
  throw new StorydiffError('INPUT_INVALID', `unsupported content encoding "${enc}"`, { source: where });
}

/** End (exclusive) of the first blank line (`\n\n` or `\n\r\n`) in `buf[from, to)`, or -1. */
function indexOfBlankLine(buf: Buffer, from: number, to: number): number {
  let i = buf.indexOf(0x0a, from);
  while (i >= 0 && i < to) {
    if (buf[i + 1] === 0x0a && i + 1 < to) return i + 2;
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a && i + 2 < to) return i + 3;
    i = buf.indexOf(0x0a, i + 1);
  }
  return -1;
}

/**
 * A pull-based reader over a chunk stream that keeps only what it has not consumed yet, and tracks
 * the absolute offset for error messages.
 */
class ByteReader {
  private readonly it: AsyncIterator<Uint8Array | string>;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Absolute offset of `buf[0]`. */
  private base = 0;
  private ended = false;

  constructor(chunks: AsyncIterable<Uint8Array | string>) {
    this.it = chunks[Symbol.asyncIterator]();
  }

  get offset(): number {
    return this.base + this.pos;
  }

  private get available(): number {
    return this.buf.length - this.pos;
  }

  /** Appends the next chunk; false at the end of the stream. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value, 'utf8') : toBuffer(r.value);
    this.base += this.pos;
    this.buf = this.pos === this.buf.length ? chunk : Buffer.concat([this.buf.subarray(this.pos), chunk]);
    this.pos = 0;
    return true;
  }

  private async ensure(n: number): Promise<boolean> {
    while (this.available < n) if (!(await this.more())) return false;
    return true;
  }

  /** Skips CR, LF, spaces and tabs; false when the stream ends first. */
  async skipBlank(): Promise<boolean> {
    for (;;) {
      while (this.pos < this.buf.length) {
        const b = this.buf[this.pos];
        if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) return true;
        this.pos++;
      }
      if (!(await this.more())) return false;
    }
  }

  async startsWith(prefix: Buffer): Promise<boolean> {
    await this.ensure(prefix.length);
    return this.buf.subarray(this.pos, this.pos + prefix.length).equals(prefix);
  }

  /**
   * Length from here to the end of the first blank line: -1 if the stream ends first, -2 if none
   * within `max` bytes.
   */
  async findBlankLine(max: number): Promise<number> {
    let from = this.pos;
    for (;;) {
      const end = indexOfBlankLine(this.buf, from, this.buf.length);
      if (end >= 0 && end - this.pos <= max) return end - this.pos;
      if (this.available > max) return -2;
      from = Math.max(this.pos, this.buf.length - 2);
      const before = this.pos;
      if (!(await this.more())) return -1;
      from -= before; // `more` rebased the buffer to the old `pos`
    }
  }

  advance(n: number): void {
    this.pos += Math.min(n, this.available);
  }

  /** Takes `n` bytes that are already buffered. */
  take(n: number): Buffer {
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Reads up to `n` bytes (fewer only at the end of the stream) into one buffer. */
  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      if (this.available === 0 && !(await this.more())) break;
      const k = Math.min(n - got, this.available);
      parts.push(this.buf.subarray(this.pos, this.pos + k));
      this.pos += k;
      got += k;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, got);
  }

  /** Skips up to `n` bytes without keeping them; returns how many were skipped. */
  async skip(n: number): Promise<number> {
    let done = 0;
    while (done < n) {
      if (this.available === 0 && !(await this.more())) break;
      const k = Math.min(n - done, this.available);
      this.pos += k;
      done += k;
    }
    return done;
  }

  /**
   * Moves to the next line that starts with `WARC/` (not the current position); false if there is
   * none. Only a few bytes are kept between chunks, so scanning garbage costs no memory.
   */
  async resync(): Promise<boolean> {
    for (;;) {
      const at = this.buf.indexOf(RESYNC_MARK, this.pos);
      if (at >= 0) {
        this.pos = at + 1;
        return true;
      }
      this.pos = Math.max(this.pos, this.buf.length - (RESYNC_MARK.length - 1));
      if (!(await this.more())) {
        this.pos = this.buf.length;
        return false;
      }
    }
  }

  async close(): Promise<void> {
    await this.it.return?.();
  }
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
