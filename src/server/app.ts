/**
 * The hono app of the server: routes, token check, security headers, body limits and the error
 * handler; comparisons go to the worker pool, corpus requests to corpus-api.ts.
 */
import { type Context, Hono } from 'hono';
import type { Corpus } from '../corpus/corpus.js';
import { StorydiffError, toStorydiffError } from '../errors.js';
import { COMPARISON_SCHEMA } from '../formats.js';
import { VERSION } from '../version.js';
import { mountCorpusApi } from './corpus-api.js';
import { API_CSP, pageCsp } from './csp.js';
import { bearerMatches, errorResponse, mustCloseConnection, readJsonBody } from './http.js';
import type { JobResult } from './job.js';
import { openApiDocument } from './openapi.js';
import { isLoopback, type ResolvedOptions, resolveOptions, type ServerOptions } from './options.js';
import { homePage } from './page.js';
import { WorkerPool } from './pool.js';
import { CompareRequestSchema, summariseIssues } from './schemas.js';
import { ResultStore } from './store.js';

/** The hono app of {@link createServer}, with what it owns: worker threads to stop. */
export type StorydiffApp = Hono & {
  /** The options in force, defaults filled in. */
  readonly options: ResolvedOptions;
  /** Starts a worker ahead of the first request. */
  warm(): void;
  /** Comparisons running and waiting, live worker threads, stored reports. */
  stats(): { active: number; queued: number; workers: number; reports: number };
  /**
   * The corpus behind `/api/v1/corpus`, opened now if the server was given a `--db` value and has
   * not opened it yet; undefined when the server has none. Rejects with the store's catalogue
   * error (a bad URL, an unreadable file, a database that refuses the connection).
   */
  corpus(): Promise<Corpus | undefined>;
  /**
   * Stops the worker threads (requests still waiting fail with `SERVER_BUSY`), waits for corpus
   * requests in flight, and closes the corpus if the server opened it.
   */
  close(): Promise<void>;
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const JSON_TYPE = 'application/json; charset=utf-8';

/** Shown to browsers for an unknown or expired report: a page, not a JSON error. */
const GONE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>storydiff: report not found</title></head>
<body><main><h1>Report not found</h1>
<p>This report has expired or never existed. Reports are kept in the server's memory for a limited
time only. <a href="/">Compare two versions again</a>.</p></main></body></html>
`;

/** Report ids are 16 random bytes in base64url. */
const REPORT_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * Builds the storydiff HTTP app (hono): the JSON API under `/api/v1`, the start page at `/` and
 * shared reports at `/r/<id>`. Comparisons run on a pool of worker threads with a time budget;
 * every response carries security headers and every error is `{ error: { code, message } }`
 * with a code and status from the error catalogue. Use {@link startServer} to listen on a port.
 *
 * Throws `USAGE` for bad options, including a non-loopback `host` without a `token`.
 *
 * @example
 * ```ts
 * const app = createServer({ maxConcurrent: 2 });
 * const res = await app.request('/api/v1/health');
 * await res.json(); // { status: 'ok', version: '0.1.0', schema: 'storydiff/comparison@1' }
 * await app.close();
 * ```
 */
export function createServer(options: ServerOptions = {}): StorydiffApp {
  const o = resolveOptions(options);
  const pool = new WorkerPool({ size: o.maxConcurrent, maxQueue: o.maxQueue, timeBudgetMs: o.timeBudgetMs });
  const store = new ResultStore({
    ttlMs: o.resultTtlMs,
    maxEntries: o.maxResults,
    maxBytes: o.maxResultBytes,
  });
  const home = homePage({
    maxBodyBytes: o.maxBodyBytes,
    maxArticleChars: o.maxArticleChars,
    tokenRequired: !!o.token,
  });
  let openapi: string | undefined;

  const app = new Hono();

  // Set after the handler so that errors, 404s and 405s get them too; pages set their own CSP.
  app.use('*', async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', API_CSP);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) h.set(k, v);
    if (mustCloseConnection(c.req.raw, c.res.status)) h.set('Connection', 'close');
  });

  // On loopback without a token, serve only requests addressed to a loopback name: a web page
  // elsewhere cannot then reach this server through DNS rebinding.
  if (!o.token && isLoopback(o.host)) {
    app.use('*', async (c, next) => {
      const host = (c.req.header('host') ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      if (host && !isLoopback(host)) {
        throw new StorydiffError(
          'UNAUTHORIZED',
          `this server answers only requests to localhost, not to "${host}"`,
        );
      }
      await next();
    });
  }

  app.use('/api/v1/*', async (c, next) => {
    if (o.token && c.req.path !== '/api/v1/health') {
      const header = c.req.header('authorization');
      if (!bearerMatches(header, o.token)) {
        throw new StorydiffError(
          'UNAUTHORIZED',
          header
            ? 'the bearer token is wrong'
            : 'this server needs a token: send the header "Authorization: Bearer <token>"',
        );
      }
    }
    await next();
  });

  const page = (c: Context, html: string, csp: string, status: 200 | 404 = 200) =>
    c.body(html, status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'Cache-Control': 'no-store',
    });

  /** Validates a compare body and runs it on the pool; the order of checks is cheapest first. */
  async function run(c: Context, kind: 'compare' | 'report'): Promise<JobResult> {
    const data = await readJsonBody(c.req.raw, o.maxBodyBytes);
    const parsed = CompareRequestSchema.safeParse(data);
    if (!parsed.success) {
      throw new StorydiffError('INPUT_INVALID', summariseIssues(parsed.error.issues, data), {
        source: 'request body',
      });
    }
    const { a, b, options } = parsed.data;
    for (const [name, side] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const n = (side.text ?? side.html ?? '').length;
      // Refused here so an oversized side does not take a worker; the worker checks again.
      if (n > o.maxArticleChars) {
        throw new StorydiffError(
          'INPUT_TOO_LARGE',
          `the ${side.text !== undefined ? 'text' : 'html'} is ${n} characters, over the server's limit of ${o.maxArticleChars}`,
          { source: name },
        );
      }
    }
    return pool.run({ kind, a, b, options, maxChars: o.maxArticleChars, engine: o.engine }, c.req.raw.signal);
  }

  /** Registers the 405 answer for a path after its real routes. */
  const only = (path: string, methods: string[]) =>
    app.all(path, (c) =>
      errorResponse(
        new StorydiffError(
          'METHOD_NOT_ALLOWED',
          `${c.req.method} is not allowed here; use ${methods.join(' or ')}`,
        ),
        { Allow: methods.join(', ') },
      ),
    );

  app.get('/', (c) => page(c, home.html, home.csp));
  only('/', ['GET', 'HEAD']);

  app.get('/api/v1/health', (c) =>
    c.json({ status: 'ok' as const, version: VERSION, schema: COMPARISON_SCHEMA }),
  );
  only('/api/v1/health', ['GET', 'HEAD']);

  app.get('/api/v1/openapi.json', (c) => {
    openapi ??= JSON.stringify(openApiDocument(o), null, 2);
    return c.body(openapi, 200, { 'Content-Type': JSON_TYPE });
  });
  only('/api/v1/openapi.json', ['GET', 'HEAD']);

  app.post('/api/v1/compare', async (c) => {
    const r = await run(c, 'compare');
    return c.body(r.json, 200, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' });
  });
  only('/api/v1/compare', ['POST']);

  app.post('/api/v1/reports', async (c) => {
    const r = await run(c, 'report');
    if (r.html === undefined || !r.hashes)
      throw new StorydiffError('INTERNAL', 'the worker returned no report');
    const id = store.put({ json: r.json, html: r.html, csp: pageCsp(r.hashes) });
    const url = `/r/${id}`;
    // The comparison is already JSON: splice it in rather than parse and serialise it again.
    const body = `{"id":${JSON.stringify(id)},"url":${JSON.stringify(url)},"comparison":${r.json.trimEnd()}}\n`;
    return c.body(body, 201, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store', Location: url });
  });
  only('/api/v1/reports', ['POST']);

  app.get('/api/v1/reports/:id', (c) => {
    const id = c.req.param('id');
    const r = REPORT_ID.test(id) ? store.get(id) : undefined;
    if (!r) throw new StorydiffError('NOT_FOUND', 'no such report; it may have expired');
    return c.body(r.json, 200, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' });
  });
  only('/api/v1/reports/:id', ['GET', 'HEAD']);

  app.get('/r/:id', (c) => {
    const id = c.req.param('id');
    const r = REPORT_ID.test(id) ? store.get(id) : undefined;
    if (r) return page(c, r.html, r.csp);
    if (/text\/html/i.test(c.req.header('accept') ?? '')) return page(c, GONE_PAGE, API_CSP, 404);
    throw new StorydiffError('NOT_FOUND', 'no such report; it may have expired');
  });
  only('/r/:id', ['GET', 'HEAD']);

  const corpusApi = mountCorpusApi(app, o, only);

  app.notFound((c) =>
    errorResponse(new StorydiffError('NOT_FOUND', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`)),
  );

  app.onError((err) => {
    const e = toStorydiffError(err);
    if (e.code === 'INTERNAL') o.log(`storydiff: internal error: ${(err as Error)?.stack ?? e.message}`);
    return errorResponse(e);
  });

  return Object.assign(app, {
    options: o,
    warm: () => pool.warm(1),
    stats: () => ({ ...pool.stats(), reports: store.size }),
    corpus: () => corpusApi.corpus(),
    close: async () => {
      await Promise.all([pool.close(), corpusApi.close()]);
    },
  });
}
