/**
 * The corpus: the library's entry to a store of articles ({@link openCorpus}). Adding streams
 * inputs in batches, fingerprinted on a worker thread (parallel/) while the previous batch is
 * written; search retrieves candidates by LSH bands and key terms, scores them (score.ts) and
 * optionally rescores the best by comparing texts; clustering is in stories.ts.
 */
import { availableParallelism } from 'node:os';
import { type ComparisonEngine, compareWith } from '../compare/engine.js';
import type { Comparison, Derivation, Relation } from '../compare/types.js';
import type { Article } from '../doc/types.js';
import { checkFraction, checkWhole, mustBe, StorydiffError } from '../errors.js';
import { SEARCH_SCHEMA } from '../formats.js';
import { openStore } from '../store/open.js';
import type {
  ArticleRecord,
  PutOutcome,
  Store,
  StoredArticle,
  StoreSettings,
  StoreStats,
} from '../store/types.js';
import { makeSettings } from './fingerprint.js';
import { estimateJaccard } from './minhash.js';
import { FingerprintThread, slotError, type ThreadJob } from './parallel/fingerprint-thread.js';
import { formatPublished } from './published.js';
import { type FingerprintSlot, fingerprintBatch, MAX_ARTICLE_CHARS, toRecord } from './record.js';
import { idf, idfCosine, keyOverlap } from './score.js';
import { type ClusterRun, clusterCorpus, type StoriesResult } from './stories.js';
import type { ArticleRef, CorpusInput } from './types.js';

/** Where the embedded store lives when no `db` is given. */
export const DEFAULT_DB_PATH = '.storydiff/corpus.db';
/** Articles per store transaction in {@link Corpus.add}. */
export const DEFAULT_BATCH_SIZE = 4000;
export { MAX_ARTICLE_CHARS, toRecord };

/** Options of {@link openCorpus}. */
export interface CorpusOptions {
  /**
   * The store: a SQLite file path (default `.storydiff/corpus.db`, created with its folder), or a
   * `postgres://` URL. Ignored when `store` is given.
   */
  db?: string;
  /** An already open store (for tests, or a custom implementation). */
  store?: Store;
  /** Fingerprint settings for a new store (an existing store keeps its own). */
  settings?: Partial<StoreSettings>;
  /** Open an existing store read-only (search, cluster output without writing, stats, export). */
  readonly?: boolean;
}

/** What happened to one input of {@link Corpus.addBatch}. */
export interface AddOutcome {
  status: PutOutcome['status'] | 'failed';
  id: string;
  /** For duplicates: the id that already holds the same text. */
  existing?: string;
  origin?: string;
  /** For failures: the error, with its catalogue code. */
  error?: StorydiffError;
}

/** Progress of {@link Corpus.add}, reported after each batch. */
export interface AddProgress {
  processed: number;
  added: number;
  bytes: number;
  seconds: number;
}

/** Options of {@link Corpus.add}. */
export interface AddOptions {
  /** Articles per store transaction. Default {@link DEFAULT_BATCH_SIZE}. */
  batchSize?: number;
  /**
   * Fingerprint on a worker thread while the previous batch is written (default: when the machine
   * has more than one core). The worker is kept warm for the next `add` in the process for a
   * minute (it never keeps the process alive; `stopIdleFingerprintWorker()` stops it at once).
   */
  threads?: boolean;
  /** Merge the index runs at the end (default true; see `Store.compact`). */
  compact?: boolean;
  /** Called after each batch is written. */
  onProgress?: (p: AddProgress) => void;
  /** Called for every input, in order. */
  onOutcome?: (o: AddOutcome) => void;
}

/** Totals of {@link Corpus.add}. */
export interface AddSummary {
  added: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  failed: number;
  /** Failures with where they came from (file, file:line, file#offset). */
  failures: { origin: string; code: string; message: string }[];
  /** Text bytes (UTF-8) of the accepted inputs. */
  bytes: number;
  seconds: number;
}

/** Options of {@link Corpus.search}. */
export interface SearchOptions {
  /** Most hits returned. Default 10. */
  limit?: number;
  /**
   * How many of the top hits to explain with the full compare engine (relation, similarity,
   * containment, derivation). Default 5; 0 for retrieval only.
   */
  rescore?: number;
  /** Lowest retrieval score a hit needs (0..1). Default {@link DEFAULT_MIN_SCORE}. */
  minScore?: number;
  /**
   * Days either side of the query's publication time searched through the key-term channel.
   * Default 14; `Infinity` for no window. Near-duplicates (LSH) are found at any time.
   */
  windowDays?: number;
  /** Bounds on the publication time of hits from the key-term channel (ms since the epoch). */
  since?: number;
  until?: number;
  /**
   * Engine of the rescoring comparisons (see `comparisonEngine`); lexical when absent or null. The
   * CLI and the server pass the engine `compare` uses, by default the static encoder.
   */
  encoder?: ComparisonEngine;
}

/** One search hit. */
export interface SearchHit extends ArticleRef {
  /** Retrieval score, 0..1: the larger of the MinHash Jaccard estimate and the same-story score. */
  score: number;
  /** Estimated Jaccard similarity of word shingles (near-duplicate measure). */
  jaccard: number;
  /** IDF-weighted cosine of the term vectors. */
  cosine: number;
  /** IDF-weighted overlap of names, numbers, dates and rare words. */
  keyTerms: number;
  /** Which channels found it. */
  channels: ('lsh' | 'terms')[];
  /** `near-duplicate` when the Jaccard estimate is at or above the store's threshold. */
  kind: 'near-duplicate' | 'same-story';
  /** Filled for the top `rescore` hits by the compare engine. */
  relation?: Relation;
  similarity?: number;
  containment?: { queryInHit: number; hitInQuery: number };
  derivation?: Derivation;
  summary?: string;
}

/** The published search result format (see formats.ts). */
export { SEARCH_SCHEMA };

/** Result of {@link Corpus.search}. */
export interface SearchResult {
  schema: typeof SEARCH_SCHEMA;
  query: { id?: string; title?: string; published?: string; words: number };
  hits: SearchHit[];
  /** Candidates considered before the score cut. */
  candidates: number;
  timing: { retrieveMs: number; rescoreMs: number };
}

/** Default lowest retrieval score for a hit (see docs/DESIGN.md, measured on the synthetic eval). */
export const DEFAULT_MIN_SCORE = 0.3;

/** Most candidates read back from the store per query. */
const MAX_CANDIDATES = 100;
/** Postings read per key term: a term on more articles than this in the window is not distinctive. */
const PER_TERM_LIMIT = 200;
/** Key terms of a query looked up in the postings, rarest first. */
const QUERY_TERMS = 24;
const DAY = 86_400_000;

/**
 * A corpus of articles: add, remove, search, cluster. Obtain one with {@link openCorpus}.
 */
export interface Corpus {
  readonly store: Store;
  readonly settings: StoreSettings;
  /** Fingerprints and stores a batch in one transaction; bad inputs are `failed`, the rest go in. */
  addBatch(inputs: CorpusInput[]): Promise<AddOutcome[]>;
  /** Adds a stream of inputs in batches; a bad input never stops the rest. */
  add(inputs: Iterable<CorpusInput> | AsyncIterable<CorpusInput>, opts?: AddOptions): Promise<AddSummary>;
  /** Removes articles by id; returns the ids that were there. */
  remove(ids: string[]): Promise<string[]>;
  /** Near-duplicates and same-story versions of an article (given, or stored under `id`). */
  search(query: CorpusInput | { id: string }, opts?: SearchOptions): Promise<SearchResult>;
  /** Clusters the articles not yet in a story, then returns the stories in the window. */
  cluster(opts?: ClusterRun): Promise<StoriesResult>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

/**
 * Opens (or creates) a corpus.
 *
 * @example
 * ```ts
 * import { openCorpus } from 'storydiff';
 * const corpus = await openCorpus({ db: 'news.db' });
 * await corpus.add([{ id: 'a1', text: 'Dock workers in Rotterdam…', published: '2024-03-05' }]);
 * const { hits } = await corpus.search({ text: 'Rotterdam dockers ended…' });
 * const { stories } = await corpus.cluster({ since: Date.parse('2024-03-01') });
 * await corpus.close();
 * ```
 */
export async function openCorpus(opts: CorpusOptions = {}): Promise<Corpus> {
  const store =
    opts.store ??
    (await openStore(opts.db ?? DEFAULT_DB_PATH, {
      settings: makeSettings(opts.settings),
      readonly: opts.readonly,
    }));
  return new CorpusImpl(store);
}

/** The article form the compare engine takes. */
export function storedToArticle(a: StoredArticle | ArticleRecord): Article {
  return {
    text: a.text,
    title: a.title,
    date: formatPublished(a.published),
    lang: a.lang,
    source: a.id,
  };
}

/**
 * Batches in flight: the one being written and those handed to the fingerprint worker ahead of
 * it. Three rather than two: an index merge makes one batch's write take ~0.6 s longer, and with
 * one batch queued the worker finished it and waited (measured: +3.5% ingest at 100k articles,
 * in five alternated runs out of five; four measured no better, winning three of five).
 */
const PIPELINE = 3;

class CorpusImpl implements Corpus {
  constructor(readonly store: Store) {}

  get settings(): StoreSettings {
    return this.store.settings;
  }

  addBatch(inputs: CorpusInput[]): Promise<AddOutcome[]> {
    return this.storeSlots(inputs, fingerprintBatch(inputs, this.settings));
  }

  /** Writes a fingerprinted batch in one transaction; failed slots become `failed` outcomes. */
  private async storeSlots(inputs: CorpusInput[], slots: FingerprintSlot[]): Promise<AddOutcome[]> {
    const out: AddOutcome[] = new Array(inputs.length);
    const records: ArticleRecord[] = [];
    const at: number[] = [];
    slots.forEach((slot, i) => {
      if ('record' in slot) {
        records.push(slot.record);
        at.push(i);
      } else {
        const input = inputs[i];
        out[i] = {
          status: 'failed',
          id: typeof input?.id === 'string' ? input.id : '',
          origin: slot.error.source ?? input?.origin ?? `input ${i + 1}`,
          error: slotError(slot.error),
        };
      }
    });
    if (records.length) {
      const put = await this.store.putArticles(records);
      put.forEach((p, j) => {
        out[at[j]] = { status: p.status, id: p.id, existing: p.existing, origin: records[j].origin };
      });
    }
    return out;
  }

  async add(
    inputs: Iterable<CorpusInput> | AsyncIterable<CorpusInput>,
    opts: AddOptions = {},
  ): Promise<AddSummary> {
    const size = checkWhole('batchSize', opts.batchSize ?? DEFAULT_BATCH_SIZE, 1);
    const t0 = performance.now();
    const sum: AddSummary = {
      added: 0,
      updated: 0,
      unchanged: 0,
      duplicates: 0,
      failed: 0,
      failures: [],
      bytes: 0,
      seconds: 0,
    };
    let processed = 0;
    const tally = (inputs: CorpusInput[], outcomes: AddOutcome[]) => {
      outcomes.forEach((o, i) => {
        processed++;
        if (o.status === 'failed') {
          sum.failed++;
          if (sum.failures.length < 10_000)
            sum.failures.push({
              origin: o.origin ?? o.id,
              code: o.error?.code ?? 'INTERNAL',
              message: o.error?.message ?? 'failed',
            });
        } else {
          sum.bytes += Buffer.byteLength(inputs[i].text ?? '');
          if (o.status === 'added') sum.added++;
          else if (o.status === 'updated') sum.updated++;
          else if (o.status === 'unchanged') sum.unchanged++;
          else sum.duplicates++;
        }
        opts.onOutcome?.(o);
      });
      opts.onProgress?.({
        processed,
        added: sum.added,
        bytes: sum.bytes,
        seconds: (performance.now() - t0) / 1000,
      });
    };
    // Two stages on two cores: the worker fingerprints the next batches while this thread writes
    // one. Up to PIPELINE batches are queued on the worker, so neither stage waits for the other
    // when one batch's write takes longer than usual (an index merge); and before this thread
    // waits for a batch, it fingerprints the chunks of it the worker has not reached.
    const threads = opts.threads ?? availableParallelism() > 1;
    const thread = threads ? new FingerprintThread(this.settings) : undefined;
    const pending: ThreadJob[] = [];
    const drain = async (keep: number) => {
      while (pending.length > keep) {
        const job = pending.shift() as ThreadJob;
        const slots = await (thread as FingerprintThread).finish(job, pending[0]);
        tally(job.inputs, await this.storeSlots(job.inputs, slots));
        // Stored: nothing holds the records any more, so their buffer can serve again.
        (thread as FingerprintThread).recycle(job);
      }
    };
    let batch: CorpusInput[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const inputs = batch;
      batch = [];
      if (!thread) {
        tally(inputs, await this.addBatch(inputs));
        return;
      }
      pending.push(thread.submit(inputs));
      await drain(PIPELINE - 1);
    };
    try {
      if (Symbol.asyncIterator in inputs) {
        for await (const input of inputs) {
          batch.push(input);
          if (batch.length >= size) await flush();
        }
      } else {
        // A plain loop for arrays and generators: for-await would wait a microtask per input.
        for (const input of inputs) {
          batch.push(input);
          if (batch.length >= size) await flush();
        }
      }
      await flush();
      await drain(0);
      // An ingest session ends with its index runs merged, so the searches that follow seek one
      // or two runs per key instead of one per run.
      if ((opts.compact ?? true) && sum.added + sum.updated > 0) await this.store.compact();
    } finally {
      await thread?.close();
    }
    sum.seconds = (performance.now() - t0) / 1000;
    return sum;
  }

  remove(ids: string[]): Promise<string[]> {
    return this.store.removeArticles(ids);
  }

  async search(query: CorpusInput | { id: string }, opts: SearchOptions = {}): Promise<SearchResult> {
    const limit = checkWhole('limit', opts.limit ?? 10);
    const rescore = checkWhole('rescore', opts.rescore ?? 5);
    const minScore = checkFraction('minScore', opts.minScore ?? DEFAULT_MIN_SCORE);
    const windowDays = opts.windowDays ?? 14;
    if (!(windowDays >= 0)) throw mustBe('windowDays', 'a number of days ≥ 0', windowDays);

    const t0 = performance.now();
    let q: ArticleRecord;
    let exclude: number | undefined;
    if ('text' in query && typeof query.text === 'string') {
      q = toRecord(query, this.settings);
      // A query that is itself stored is not its own hit.
      const same = await this.store.findByHash(q.hash);
      exclude = same?.key;
    } else {
      const id = (query as { id: string }).id;
      const [found] = await this.store.getArticles([id]);
      if (!found)
        throw new StorydiffError('NOT_FOUND', `no article with id ${JSON.stringify(id)} in the corpus`);
      q = found;
      exclude = found.key;
    }

    const window =
      q.published !== undefined && Number.isFinite(windowDays)
        ? { since: q.published - windowDays * DAY, until: q.published + windowDays * DAY }
        : {};
    const since = Math.max(window.since ?? -Infinity, opts.since ?? -Infinity);
    const until = Math.min(window.until ?? Infinity, opts.until ?? Infinity);
    const { df, total } = await this.store.termFrequencies([...new Set([...q.keyTerms, ...q.vectorTerms])]);
    // Only the rarest key terms are looked up: they carry the evidence, and a common term's posting
    // list (cut at PER_TERM_LIMIT) adds reads, not candidates. Terms no stored article has are skipped.
    const lookup = Array.from(q.keyTerms)
      .filter((t) => (df.get(t) ?? 0) > 0)
      .sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || a - b)
      .slice(0, QUERY_TERMS);
    const [bandHits, termHits] = await Promise.all([
      this.store.findByBands(q.bandKeys, { limit: MAX_CANDIDATES, exclude }),
      this.store.findByTerms(lookup, {
        since: Number.isFinite(since) ? since : undefined,
        until: Number.isFinite(until) ? until : undefined,
        includeUndated: true,
        perTermLimit: PER_TERM_LIMIT,
        exclude,
      }),
    ]);

    const weight = (t: number) => idf(df.get(t) ?? 0, total);
    // Pre-rank the term-channel candidates by the IDF mass they share, keep the best.
    const pre = new Map<number, { lsh: boolean; terms: boolean; pre: number }>();
    for (const h of bandHits) pre.set(h.key, { lsh: true, terms: false, pre: 10 + h.hits });
    for (const h of termHits) {
      let s = 0;
      for (const t of h.terms) s += weight(t);
      const e = pre.get(h.key);
      if (e) e.terms = true;
      else pre.set(h.key, { lsh: false, terms: true, pre: s / Math.max(1, q.keyTerms.length) });
    }
    const keys = [...pre.entries()]
      .sort((a, b) => b[1].pre - a[1].pre || a[0] - b[0])
      .slice(0, MAX_CANDIDATES)
      .map(([k]) => k);
    const cands = await this.store.getArticlesByKey(keys, { text: false });
    // Terms only a candidate has count in its norm; rather than a second round trip for their
    // document frequencies, they get the query terms' mean IDF.
    let sumIdf = 0;
    for (const t of q.vectorTerms) sumIdf += idf(df.get(t) ?? 0, total);
    const meanIdf = q.vectorTerms.length ? sumIdf / q.vectorTerms.length : 1;
    const cosWeight = (t: number) => {
      const n = df.get(t);
      return n === undefined ? meanIdf : idf(n, total);
    };

    const hits: SearchHit[] = [];
    for (const c of cands) {
      const jaccard = estimateJaccard(q.minhash, c.minhash);
      const cosine = idfCosine(q.vectorTerms, q.vectorWeights, c.vectorTerms, c.vectorWeights, cosWeight);
      const keys = keyOverlap(q.keyTerms, c.keyTerms, weight);
      const story = sameStoryScore(cosine, keys);
      const score = Math.max(jaccard, story);
      if (score < minScore) continue;
      const ch = pre.get(c.key)!;
      hits.push({
        id: c.id,
        key: c.key,
        title: c.title,
        url: c.url,
        source: c.source,
        published: formatPublished(c.published),
        score: round(score),
        jaccard: round(jaccard),
        cosine: round(cosine),
        keyTerms: round(keys),
        channels: [...(ch.lsh ? (['lsh'] as const) : []), ...(ch.terms ? (['terms'] as const) : [])],
        kind: jaccard >= this.settings.threshold ? 'near-duplicate' : 'same-story',
      });
    }
    hits.sort((a, b) => b.score - a.score || a.key - b.key);
    hits.length = Math.min(hits.length, limit);
    const t1 = performance.now();

    if (rescore > 0 && hits.length) {
      const top = hits.slice(0, rescore);
      const full = new Map((await this.store.getArticlesByKey(top.map((h) => h.key))).map((c) => [c.key, c]));
      const qa = storedToArticle(q);
      for (const h of top) {
        const c = full.get(h.key);
        // Removed between retrieval and rescoring: keep the retrieval figures only.
        if (c) explain(h, await compareWith(opts.encoder, qa, storedToArticle(c)));
      }
    }
    const t2 = performance.now();
    return {
      schema: SEARCH_SCHEMA,
      query: {
        id: 'id' in query && !('text' in query) ? q.id : query.id,
        title: q.title,
        published: formatPublished(q.published),
        words: q.words,
      },
      hits,
      candidates: cands.length,
      timing: { retrieveMs: round(t1 - t0, 2), rescoreMs: round(t2 - t1, 2) },
    };
  }

  cluster(opts: ClusterRun = {}): Promise<StoriesResult> {
    return clusterCorpus(this.store, opts);
  }

  stats(): Promise<StoreStats> {
    return this.store.stats();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/**
 * Same-story score from the two lexical channels: the term vectors carry the topic, the key terms
 * (names, numbers, dates) the event. A rewrite keeps both; a different story on the same topic keeps
 * the first only. The geometric mean needs both to be high.
 */
export function sameStoryScore(cosine: number, keyTerms: number): number {
  return Math.sqrt(Math.max(0, cosine) * Math.max(0, keyTerms));
}

function explain(h: SearchHit, cmp: Comparison): void {
  h.relation = cmp.relation;
  h.similarity = round(cmp.scores.overall);
  h.containment = {
    queryInHit: round(cmp.scores.containment.aInB),
    hitInQuery: round(cmp.scores.containment.bInA),
  };
  // The compare engine speaks of a (the query) and b (the hit).
  h.derivation = cmp.derivation;
  h.summary = cmp.summary;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
