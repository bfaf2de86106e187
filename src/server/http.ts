/**
 * HTTP plumbing shared by the routes: error responses from the catalogue, JSON content-type checks
 * and bounded body reading.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { StorydiffError } from '../errors.js';
import { formatLimit } from '../ingest/limits.js';
import { RetryLaterError } from './pool.js';

/**
 * The JSON error response for any failure: `{ error: { code, message, source? } }` with the
 * catalogue's status. Unexpected errors become a bare `INTERNAL` without their details, which
 * could reveal internals; the server logs those instead.
 *
 * @example
 * ```ts
 * errorResponse(new StorydiffError('NOT_FOUND', 'no route GET /x')).status; // 404
 * ```
 */
export function errorResponse(err: StorydiffError, headers: Record<string, string> = {}): Response {
  const body = err.code === 'INTERNAL' ? { code: err.code, message: 'internal error' } : err.toJSON();
  const h: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  };
  if (err instanceof RetryLaterError) h['Retry-After'] = String(err.retryAfter);
  if (err.code === 'UNAUTHORIZED') h['WWW-Authenticate'] = 'Bearer realm="storydiff"';
  return new Response(JSON.stringify({ error: body }), { status: err.httpStatus, headers: h });
}

/**
 * True when `Content-Type` is JSON in UTF-8 (the only charset JSON may use on the web).
 *
 * @example
 * ```ts
 * isJsonContentType('application/json; charset=utf-8'); // true
 * isJsonContentType('text/plain'); // false
 * ```
 */
export function isJsonContentType(value: string | null | undefined): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** Requests whose body was read to the end (see {@link mustCloseConnection}). */
const fullyRead = new WeakSet<Request>();

/**
 * True when an answer leaves part of the request body unread (an early 413, 415 or 401): the
 * connection must then close, or a client could send its next request down a socket the server
 * is about to drop.
 *
 * @example
 * ```ts
 * if (mustCloseConnection(c.req.raw, c.res.status)) c.res.headers.set('Connection', 'close');
 * ```
 */
export function mustCloseConnection(req: Request, status: number): boolean {
  if (status < 400 || req.method === 'GET' || req.method === 'HEAD' || fullyRead.has(req)) return false;
  const length = req.headers.get('content-length');
  return (length !== null && length !== '0') || req.headers.has('transfer-encoding');
}

/**
 * Reads a request body of at most `maxBytes`, failing with `INPUT_TOO_LARGE` as soon as the
 * declared `Content-Length` or the bytes actually streamed exceed it, so an oversized body is
 * never held in memory. Returns the body decoded as strict UTF-8 (a BOM is dropped).
 *
 * @example
 * ```ts
 * const text = await readBody(request, 2 * 1024 * 1024);
 * ```
 */
export async function readBody(req: Request, maxBytes: number): Promise<string> {
  const tooLarge = (size: string) =>
    new StorydiffError(
      'INPUT_TOO_LARGE',
      `the request body is ${size}, over the server's limit of ${formatLimit(maxBytes)}`,
      { source: 'request body' },
    );
  const declared = req.headers.get('content-length');
  if (declared !== null) {
    const n = Number(declared);
    if (!/^\d+$/.test(declared.trim()) || !Number.isSafeInteger(n)) {
      throw new StorydiffError('INPUT_INVALID', 'Content-Length is not a number', { source: 'request body' });
    }
    if (n > maxBytes) throw tooLarge(`${n} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(`over ${total} bytes`);
      }
      chunks.push(value);
    }
  }
  fullyRead.add(req);
  const bytes = Buffer.concat(chunks, total);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StorydiffError('INPUT_ENCODING', 'the request body is not valid UTF-8', {
      source: 'request body',
    });
  }
}

/**
 * Parses JSON, turning a syntax error into `INPUT_INVALID` with the parser's reason.
 *
 * @example
 * ```ts
 * parseJson('{"a": 1}'); // { a: 1 }
 * parseJson('{"a": '); // throws INPUT_INVALID: not valid JSON (…)
 * ```
 */
export function parseJson(text: string): unknown {
  if (text.trim() === '') {
    throw new StorydiffError('INPUT_INVALID', 'the request body is empty; send a JSON object', {
      source: 'request body',
    });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new StorydiffError('INPUT_INVALID', `not valid JSON (${(err as Error).message})`, {
      source: 'request body',
    });
  }
}

/**
 * Checks an `Authorization: Bearer <token>` header in constant time: both sides are hashed first,
 * so neither the content nor the length of the token leaks through timing.
 *
 * @example
 * ```ts
 * bearerMatches('Bearer s3cret', 's3cret'); // true
 * ```
 */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const given = createHash('sha256')
    .update(m ? m[1] : '')
    .digest();
  const wanted = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, wanted) && m !== null;
}

/**
 * Reads a JSON request body with every check the API makes, cheapest first: `Content-Type` JSON in
 * UTF-8 (`UNSUPPORTED_MEDIA_TYPE`), at most `maxBytes` (`INPUT_TOO_LARGE`), valid UTF-8
 * (`INPUT_ENCODING`), valid JSON (`INPUT_INVALID`). Shape checks are the caller's.
 *
 * @example
 * ```ts
 * const data = await readJsonBody(c.req.raw, 2 * 1024 * 1024); // unknown: validate it with zod
 * ```
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get('content-type');
  if (!isJsonContentType(type)) {
    throw new StorydiffError(
      'UNSUPPORTED_MEDIA_TYPE',
      type
        ? `send the body as application/json, not ${JSON.stringify(type.slice(0, 100))}`
        : 'send the body as application/json (the Content-Type header is missing)',
    );
  }
  return parseJson(await readBody(req, maxBytes));
}
