/**
 * The server's options: every default in one place and every value checked once (USAGE through
 * the catalogue's helpers), including the comparison engine the workers and corpus search use.
 */
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import type { ComparisonOptions } from '../compare/engine.js';
import type { Corpus } from '../corpus/corpus.js';
import { DEFAULT_ENCODER, parseEncoderSpec } from '../embed/registry.js';
import { checkWhole, mustBe, StorydiffError } from '../errors.js';

/** Options of {@link createServer} and {@link startServer}. Every field has a default. */
export interface ServerOptions {
  /** Address to listen on. Default `127.0.0.1`. Anything but loopback needs a `token`. */
  host?: string;
  /** Port to listen on; 0 picks any free port. Default 8080. */
  port?: number;
  /** Bearer token required on `/api/v1/*` (except health). Default: none (loopback only). */
  token?: string;
  /** Largest request body, in bytes. Default 2 MiB. */
  maxBodyBytes?: number;
  /** Largest `text` or `html` of one side, in characters. Default 500,000. */
  maxArticleChars?: number;
  /** Wall-clock budget of one comparison once a worker runs it, in ms. Default 10,000. */
  timeBudgetMs?: number;
  /** Comparisons running at once (one worker thread each). Default: the number of CPU cores. */
  maxConcurrent?: number;
  /** Requests waiting for a worker before new ones are turned away (503). Default 16. */
  maxQueue?: number;
  /** How long a shared report (`/r/<id>`) is kept, in ms. Default 1 hour. */
  resultTtlMs?: number;
  /** Most shared reports kept; the least recently used goes first. Default 100. */
  maxResults?: number;
  /** Most memory the shared reports may take, in bytes (approximate). Default 128 MiB. */
  maxResultBytes?: number;
  /** Where the server writes one line per internal error. Default: stderr. */
  log?: (line: string) => void;
  /**
   * The corpus behind `/api/v1/corpus/*`: a `--db` value (a SQLite file, created when missing, or
   * a `postgres://` URL), which the server opens with `openCorpus` and closes on `close()`; or a
   * corpus already open, which stays the caller's to close. Default: none, and the corpus
   * endpoints answer 404 `NO_CORPUS`.
   *
   * @example
   * ```ts
   * await startServer({ corpus: 'news.db' }); // or 'postgres://storydiff@db.internal/news'
   * await startServer({ corpus: await openCorpus({ db: ':memory:' }) });
   * ```
   */
  corpus?: string | Corpus;
  /**
   * Most articles in one `POST /api/v1/corpus/articles`. Default 1000. The body limit
   * (`maxBodyBytes`) applies too, and usually binds first: raise both for large batches.
   *
   * @example
   * ```ts
   * createServer({ corpus: 'news.db', maxBatchArticles: 5000, maxBodyBytes: 64 << 20 });
   * ```
   */
  maxBatchArticles?: number;
  /**
   * Sentence encoder of the server's comparisons (`/api/v1/compare`, `/api/v1/report`, and the
   * rescoring of corpus searches), as `storydiff compare --encoder` takes it. Default `static`,
   * the CLI's default. Checked when the options are; loaded by each worker on its first job.
   *
   * @example
   * ```ts
   * startServer({ encoder: 'lexical' }); // no embeddings: the fastest comparisons
   * ```
   */
  encoder?: string;
  /** Never download a model (an `hf:` encoder must be in the cache or a folder). Default false. */
  offline?: boolean;
}

/** {@link ServerOptions} with every default filled in and checked. */
export type ResolvedOptions = Required<Omit<ServerOptions, 'token' | 'corpus' | 'encoder' | 'offline'>> & {
  token?: string;
  corpus?: string | Corpus;
  /** The comparison engine's options, as the workers and the corpus search resolve them. */
  engine: Required<ComparisonOptions>;
};

/** The defaults, except `maxConcurrent`, which depends on the machine. */
export const SERVER_DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  maxBodyBytes: 2 * 1024 * 1024,
  maxArticleChars: 500_000,
  timeBudgetMs: 10_000,
  maxQueue: 16,
  resultTtlMs: 60 * 60 * 1000,
  maxResults: 100,
  maxResultBytes: 128 * 1024 * 1024,
  maxBatchArticles: 1000,
} as const;

/**
 * True for addresses only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped) and
 * `localhost`. Everything else, including `0.0.0.0` and `::`, is reachable from outside.
 *
 * @example
 * ```ts
 * isLoopback('127.0.0.1'); // true
 * isLoopback('0.0.0.0'); // false
 * ```
 */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  if (isIP(h) !== 6) return false;
  // The URL parser writes IPv6 in its shortest form, so 0:0:0:0:0:0:0:1 and ::ffff:7f00:1 compare.
  const short = new URL(`http://[${h}]/`).hostname;
  return short === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(short);
}

/** An option that is a whole number ≥ 1 (≥ 0 with `zero`), or its default when absent. */
function positiveInt(name: string, v: number | undefined, dflt: number, opts: { zero?: boolean } = {}) {
  return v === undefined ? dflt : checkWhole(name, v, opts.zero ? 0 : 1);
}

/**
 * Fills in defaults and checks every option; a bad option or a public address without a token
 * is a `USAGE` error, so the CLI exits with 64 and a clear message.
 *
 * @example
 * ```ts
 * resolveOptions({ port: 0 }).maxQueue; // 16
 * resolveOptions({ host: '0.0.0.0' }); // throws USAGE: a token is required
 * ```
 */
export function resolveOptions(opts: ServerOptions = {}): ResolvedOptions {
  const host = (opts.host ?? SERVER_DEFAULTS.host).trim();
  if (!host) throw mustBe('host', 'a host name or address', opts.host);
  const port = checkWhole('port', opts.port ?? SERVER_DEFAULTS.port, 0, 65535);
  const token = opts.token === undefined || opts.token === '' ? undefined : opts.token;
  // The token travels in a header: refuse what a header cannot carry rather than never matching.
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
    // The token itself stays out of the message: it is a secret.
    throw mustBe('token', 'printable ASCII without spaces');
  }
  if (!token && !isLoopback(host)) {
    throw new StorydiffError(
      'USAGE',
      `refusing to listen on ${host} without a token: anyone who can reach it could use the server; ` +
        'give --token (or set STORYDIFF_TOKEN), or listen on 127.0.0.1',
    );
  }
  const corpus = opts.corpus;
  if (typeof corpus === 'string' ? !corpus.trim() : corpus !== undefined && !isCorpus(corpus)) {
    throw mustBe('corpus', 'a --db value (a SQLite file or a postgres:// URL) or an open corpus');
  }
  const encoder = (opts.encoder ?? DEFAULT_ENCODER).trim();
  // Read now, so a bad spec stops the start (USAGE) rather than failing every comparison.
  parseEncoderSpec(encoder);
  return {
    host,
    port,
    token,
    corpus,
    engine: { encoder, offline: !!opts.offline },
    maxBodyBytes: positiveInt('maxBodyBytes', opts.maxBodyBytes, SERVER_DEFAULTS.maxBodyBytes),
    maxArticleChars: positiveInt('maxArticleChars', opts.maxArticleChars, SERVER_DEFAULTS.maxArticleChars),
    timeBudgetMs: positiveInt('timeBudgetMs', opts.timeBudgetMs, SERVER_DEFAULTS.timeBudgetMs),
    // The work is CPU-bound: more threads than cores only makes each comparison slower.
    maxConcurrent: positiveInt('maxConcurrent', opts.maxConcurrent, availableParallelism()),
    maxQueue: positiveInt('maxQueue', opts.maxQueue, SERVER_DEFAULTS.maxQueue, { zero: true }),
    resultTtlMs: positiveInt('resultTtlMs', opts.resultTtlMs, SERVER_DEFAULTS.resultTtlMs),
    maxResults: positiveInt('maxResults', opts.maxResults, SERVER_DEFAULTS.maxResults),
    maxResultBytes: positiveInt('maxResultBytes', opts.maxResultBytes, SERVER_DEFAULTS.maxResultBytes),
    maxBatchArticles: positiveInt(
      'maxBatchArticles',
      opts.maxBatchArticles,
      SERVER_DEFAULTS.maxBatchArticles,
    ),
    log: opts.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
  };
}

/** Duck-typed: a corpus from another copy of the library is as good as one from this copy. */
function isCorpus(v: unknown): v is Corpus {
  const c = v as Partial<Record<keyof Corpus, unknown>> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    (['addBatch', 'remove', 'search', 'cluster', 'stats', 'close'] as const).every(
      (k) => typeof c[k] === 'function',
    ) &&
    typeof c.store === 'object'
  );
}
