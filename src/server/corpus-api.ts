/**
 * The corpus endpoints (`/api/v1/corpus/*`): add, remove, search, cluster and stats over the
 * library's `Corpus`, with store failures mapped to catalogue errors that reveal no internals.
 */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { comparisonEngine } from '../compare/engine.js';
import { type AddOutcome, type Corpus, openCorpus, type SearchOptions } from '../corpus/corpus.js';
import { parseBound, parsePublished } from '../corpus/published.js';
import type { CorpusInput } from '../corpus/types.js';
import { type ErrorCode, StorydiffError, toStorydiffError } from '../errors.js';
import { jsonRecordToInput } from '../ingest/jsonl.js';
import {
  CORPUS_ADD_SCHEMA,
  CorpusAddEnvelopeSchema,
  CorpusArticleSchema,
  CorpusClusterRequestSchema,
  CorpusSearchRequestSchema,
  DEFAULT_CLUSTER_LIMIT,
  STATS_SCHEMA,
} from './corpus-schemas.js';
import { readJsonBody } from './http.js';
import type { ResolvedOptions } from './options.js';
import { RetryLaterError } from './pool.js';
import { summariseIssues } from './schemas.js';

/** What {@link mountCorpusApi} gives the app: the corpus, and a way to let go of it. */
export interface CorpusApi {
  /**
   * The corpus, opened on first use when the server was given a `--db` value; undefined when the
   * server has none. Rejects with the store's own catalogue error when it cannot be opened.
   */
  corpus(): Promise<Corpus | undefined>;
  /** Refuses new corpus requests, waits for those running, closes the corpus if the server opened it. */
  close(): Promise<void>;
}

/** One entry of `outcomes` in `storydiff/corpus-add@1`. */
interface OutcomeJson {
  index: number;
  status: AddOutcome['status'];
  id?: string;
  existing?: string;
  error?: { code: ErrorCode; message: string; source?: string };
}

/** Codes only the store (or opening it) produces: the server's trouble, never the client's. */
const STORE_CODES = new Set<ErrorCode>(['RESOURCE_UNAVAILABLE', 'TIMEOUT', 'FORMAT_VERSION', 'INTERNAL']);
/** Seconds a client is told to wait after a store that is locked or unreachable. */
const STORE_RETRY_AFTER = 5;
/** Longest article id the corpus accepts (as `toRecord` does). */
const MAX_ID_CHARS = 1000;

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/**
 * Registers the corpus endpoints under `/api/v1/corpus` on the app: add articles, remove one,
 * search, cluster, stats. They sit behind the app's token, security headers and error handler;
 * bodies go through the same content-type and size checks as `/compare`. Store failures are mapped
 * to catalogue errors that name no path or internals (the details go to `o.log`).
 *
 * The work runs on the server's main thread with the library's own functions (`corpus.addBatch`,
 * `search`, `cluster`), so the answers are exactly what the CLI prints.
 *
 * @example
 * ```ts
 * const app = new Hono();
 * const corpusApi = mountCorpusApi(app, resolveOptions({ corpus: 'news.db' }), only);
 * await corpusApi.corpus(); // opens news.db now rather than on the first request
 * await corpusApi.close();
 * ```
 */
export function mountCorpusApi(
  app: Hono,
  o: ResolvedOptions,
  only: (path: string, methods: string[]) => void,
): CorpusApi {
  const given = o.corpus;
  let opening: Promise<Corpus> | undefined;
  let closed = false;
  const running = new Set<Promise<unknown>>();
  let clustering = false;
  let lastClusterMs = 1000;

  function corpus(): Promise<Corpus | undefined> {
    if (given === undefined) return Promise.resolve(undefined);
    if (typeof given !== 'string') return Promise.resolve(given);
    if (closed) return Promise.reject(shuttingDown());
    if (!opening) {
      const p = openCorpus({ db: given });
      opening = p;
      // A store that could not be opened (a database restarting, say) is tried again next time.
      p.catch(() => {
        if (opening === p) opening = undefined;
      });
    }
    return opening;
  }

  /**
   * A store failure as the client should see it: same code class, a message without paths, URLs
   * or driver text. `INTERNAL` passes unchanged: the error handler logs it and answers a bare
   * "internal error". Client errors (an unknown id, an empty query) pass unchanged too.
   */
  function storeFailure(err: unknown, location: string | undefined, opening = false): StorydiffError {
    const e = toStorydiffError(err);
    const fromStore =
      opening ||
      STORE_CODES.has(e.code) ||
      (e.source !== undefined && (e.source === location || e.source === '--db'));
    if (!fromStore || e.code === 'INTERNAL' || e instanceof RetryLaterError) return e;
    o.log(`storydiff: corpus store error (${e.code}): ${e.message}`);
    if (e.code === 'TIMEOUT') {
      return new RetryLaterError(
        'TIMEOUT',
        'the corpus store stayed locked by another writer for too long; retry later',
        STORE_RETRY_AFTER,
      );
    }
    if (e.code === 'RESOURCE_UNAVAILABLE') {
      return new RetryLaterError(
        'RESOURCE_UNAVAILABLE',
        'the corpus store is unavailable; the details are in the server log',
        STORE_RETRY_AFTER,
      );
    }
    // A corrupt or newer store, a read-only database, refused credentials: the operator's to fix.
    return new StorydiffError(
      'RESOURCE_UNAVAILABLE',
      `the corpus store cannot be used (${e.code}); the details are in the server log`,
    );
  }

  /** The open corpus, or the error a corpus request gets instead. */
  async function need(): Promise<Corpus> {
    if (given === undefined) {
      throw new StorydiffError(
        'NO_CORPUS',
        'this server was started without a corpus; start it with storydiff serve --db FILE|URL to use /api/v1/corpus',
      );
    }
    if (closed) throw shuttingDown();
    try {
      return (await corpus()) as Corpus;
    } catch (err) {
      throw storeFailure(err, undefined, true);
    }
  }

  /** Runs one corpus operation, tracked so that close() waits for it, with store errors mapped. */
  async function use<T>(f: (c: Corpus) => Promise<T>): Promise<T> {
    const c = await need();
    const p = (async () => f(c))();
    running.add(p);
    try {
      return await p;
    } catch (err) {
      throw storeFailure(err, c.store.location);
    } finally {
      running.delete(p);
    }
  }

  const invalid = (detail: string) => new StorydiffError('INPUT_INVALID', detail, { source: 'request body' });

  /**
   * The body of a corpus request, checked against `schema`: the corpus first (so a server without
   * one says so before judging the body), then the JSON checks every API body gets.
   */
  async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
    await need();
    const data = await readJsonBody(c.req.raw, o.maxBodyBytes);
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw invalid(summariseIssues(parsed.error.issues, data, ''));
    return parsed.data;
  }
  const reply = (c: Context, value: unknown, status: 200 | 201 = 200) =>
    c.body(`${JSON.stringify(value, null, 2)}\n`, status, JSON_HEADERS);

  /** A time bound of a request: a number is ms since the epoch, text as `--since` takes it. */
  function time(v: string | number | undefined, field: string): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'number') return v;
    return parseBound(v, { field, code: 'INPUT_INVALID', source: 'request body' });
  }

  /** A bad `published` would make the article undated without a word: refuse it instead. */
  function checkPublished(v: string | number | undefined, source: string): void {
    if (v !== undefined && parsePublished(v) === undefined) {
      throw new StorydiffError(
        'INPUT_INVALID',
        `published: not a usable date or time: ${JSON.stringify(v)} (use ISO 8601, such as 2025-04-08T07:10:00Z, or ms since the epoch)`,
        { source },
      );
    }
  }

  /** One article of an add request to a corpus input; throws a catalogue error naming it. */
  function toInput(raw: unknown, where: string): CorpusInput {
    const art = CorpusArticleSchema.safeParse(raw);
    if (!art.success) {
      throw new StorydiffError('INPUT_INVALID', summariseIssues(art.error.issues, raw, ''), {
        source: where,
      });
    }
    checkPublished(art.data.published, where);
    // The same conversion as a JSONL line of `storydiff index add`, HTML extraction included.
    return jsonRecordToInput(art.data, where, { maxChars: o.maxArticleChars });
  }

  /** An error for a client: an unexpected one is logged and told only as "internal error". */
  function errorJson(e: StorydiffError): NonNullable<OutcomeJson['error']> {
    if (e.code !== 'INTERNAL') return e.toJSON();
    o.log(`storydiff: internal error: ${(e.cause as Error)?.stack ?? e.message}`);
    return { code: e.code, message: 'internal error', ...(e.source ? { source: e.source } : {}) };
  }

  app.post('/api/v1/corpus/articles', async (c) => {
    const { articles } = await body(c, CorpusAddEnvelopeSchema);
    if (articles.length > o.maxBatchArticles) {
      throw new StorydiffError(
        'INPUT_TOO_LARGE',
        `${articles.length} articles, over the server's limit of ${o.maxBatchArticles} per request; send them in smaller batches`,
        { source: 'request body' },
      );
    }
    const outcomes: OutcomeJson[] = new Array(articles.length);
    const inputs: CorpusInput[] = [];
    const at: number[] = [];
    articles.forEach((raw, index) => {
      const where = `articles[${index}]`;
      try {
        inputs.push(toInput(raw, where));
        at.push(index);
      } catch (err) {
        const given = (raw as { id?: unknown } | null)?.id;
        const id = typeof given === 'string' && given.trim() ? given.trim() : undefined;
        outcomes[index] = { index, status: 'failed', id, error: errorJson(toStorydiffError(err, where)) };
      }
    });
    const stored = inputs.length ? await use((corpus) => corpus.addBatch(inputs)) : [];
    stored.forEach((r, j) => {
      const index = at[j];
      outcomes[index] =
        r.status === 'failed'
          ? {
              index,
              status: 'failed',
              id: r.id || undefined,
              error: errorJson(r.error ?? new StorydiffError('INTERNAL', 'no reason given')),
            }
          : { index, status: r.status, id: r.id, existing: r.existing };
    });
    const count = (s: OutcomeJson['status']) => outcomes.filter((x) => x.status === s).length;
    return reply(c, {
      schema: CORPUS_ADD_SCHEMA,
      added: count('added'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      duplicates: count('duplicate'),
      failed: count('failed'),
      outcomes,
    });
  });
  only('/api/v1/corpus/articles', ['POST']);

  // Ids are often URLs: clients percent-encode them (encodeURIComponent) and hono decodes them.
  app.delete('/api/v1/corpus/articles/:id', async (c) => {
    await need();
    const id = c.req.param('id');
    if (!id.trim() || id.length > MAX_ID_CHARS) {
      throw new StorydiffError('INPUT_INVALID', `an article id is 1 to ${MAX_ID_CHARS} characters`, {
        source: 'path',
      });
    }
    const removed = await use((corpus) => corpus.remove([id]));
    if (!removed.includes(id)) {
      throw new StorydiffError('NOT_FOUND', `no article with id ${JSON.stringify(id)} in the corpus`);
    }
    return reply(c, { id, removed: true });
  });
  only('/api/v1/corpus/articles/:id', ['DELETE']);

  app.post('/api/v1/corpus/search', async (c) => {
    const { options = {}, ...fields } = await body(c, CorpusSearchRequestSchema);
    let query: CorpusInput | { id: string };
    if (fields.text !== undefined || fields.html !== undefined) {
      checkPublished(fields.published, 'request body');
      query = jsonRecordToInput(fields, 'request body', { maxChars: o.maxArticleChars });
    } else {
      query = { id: String(fields.id) };
    }
    const opts: SearchOptions = {
      // Only explained hits need the engine (the same as the server's comparisons).
      encoder: options.rescore === 0 ? null : await comparisonEngine(o.engine),
      limit: options.limit,
      rescore: options.rescore,
      minScore: options.minScore,
      // JSON has no Infinity: null asks for no window, as `windowDays: Infinity` does in the library.
      windowDays: options.windowDays === null ? Number.POSITIVE_INFINITY : options.windowDays,
      since: time(options.since, 'options.since'),
      until: time(options.until, 'options.until'),
    };
    return reply(c, await use((corpus) => corpus.search(query, opts)));
  });
  only('/api/v1/corpus/search', ['POST']);

  app.post('/api/v1/corpus/cluster', async (c) => {
    const { since, until, minSize, limit } = await body(c, CorpusClusterRequestSchema);
    const run = {
      since: time(since, 'since'),
      until: time(until, 'until'),
      minSize,
      limit: limit ?? DEFAULT_CLUSTER_LIMIT,
    };
    // Clustering continues the stored state article by article: two runs at once would place the
    // same new articles twice. A second request is turned away rather than queued, since the
    // run in progress is about to cluster whatever it would have clustered.
    if (clustering) {
      throw new RetryLaterError(
        'SERVER_BUSY',
        'a cluster run is already in progress on this server; retry when it has finished',
        Math.max(1, Math.ceil(lastClusterMs / 1000)),
      );
    }
    clustering = true;
    const t0 = Date.now();
    try {
      return reply(c, await use((corpus) => corpus.cluster(run)));
    } finally {
      clustering = false;
      lastClusterMs = Date.now() - t0;
    }
  });
  only('/api/v1/corpus/cluster', ['POST']);

  app.get('/api/v1/corpus/stats', async (c) => {
    const stats = await use((corpus) => corpus.stats());
    return reply(c, { schema: STATS_SCHEMA, ...stats });
  });
  only('/api/v1/corpus/stats', ['GET', 'HEAD']);

  return {
    corpus,
    async close() {
      closed = true;
      await Promise.allSettled([...running]);
      if (typeof given === 'string' && opening) {
        const c = await opening.catch(() => undefined);
        opening = undefined;
        await c?.close();
      }
    },
  };
}

function shuttingDown(): RetryLaterError {
  return new RetryLaterError('SERVER_BUSY', 'the server is shutting down', 1);
}
