/**
 * The corpus store: one asynchronous, batch-oriented interface with two implementations, an
 * embedded SQLite file (the default, sqlite.ts) and a PostgreSQL database shared by several
 * processes (postgres.ts). Everything the corpus layer persists goes through it, so the two
 * implementations stay interchangeable and one conformance suite checks both.
 *
 * Integer keys: every hash the store keeps (LSH band keys, term hashes) is a JavaScript safe
 * integer (at most 2^53 - 1 in magnitude), so it round-trips through SQLite INTEGER and
 * PostgreSQL BIGINT without BigInt.
 */

/**
 * The schema version this build of storydiff reads and writes; an older store is migrated when
 * opened writable, a newer one is refused. 2: the SQLite index as runs of blocks (PostgreSQL
 * unchanged).
 */
export const STORE_SCHEMA_VERSION = 2;

/**
 * Safe integers (term hashes, band keys) as a record carries them: a plain array, or a
 * `Float64Array` (the fingerprint worker hands records over as views into one transferred buffer,
 * which the store then binds without copying).
 *
 * @example
 * ```ts
 * const keys: IntList = new Float64Array([3, 5, 8]);
 * ```
 */
export type IntList = readonly number[] | Float64Array;

/** An article ready to be stored: its text and metadata plus the fingerprints computed at ingest. */
export interface ArticleRecord {
  /** External id: given by the user (JSONL `id`), else the URL, else `sha:<hash prefix>`. */
  id: string;
  /** Content hash of the normalised text (hex). Two records with the same hash are exact duplicates. */
  hash: string;
  text: string;
  title?: string;
  url?: string;
  /** Outlet or feed name. */
  source?: string;
  /** Publication time in milliseconds since the epoch (UTC); absent when unknown. */
  published?: number;
  /** ISO 639-1 code. */
  lang?: string;
  /** Where the record was read from (file, file:line, WARC offset), for messages. */
  origin?: string;
  /** Word count of the text. */
  words: number;
  /** MinHash signature (one value per permutation). */
  minhash: Uint32Array;
  /** LSH band keys derived from the signature (one per band). */
  bandKeys: IntList;
  /** Distinctive-term hashes for the same-story channel (names, numbers, dates, rare words). */
  keyTerms: IntList;
  /** Sparse term vector for re-ranking and clustering: term hashes and their weights, same length. */
  vectorTerms: IntList;
  vectorWeights: Float32Array;
}

/** An article as read back from the store. `key` is the store's internal integer key. */
export interface StoredArticle extends ArticleRecord {
  bandKeys: number[];
  keyTerms: number[];
  vectorTerms: number[];
  key: number;
  /** When it was added (ms since the epoch). */
  addedAt: number;
}

/** A stored article without its text, signature and vectors: cheap to list. */
export interface ArticleSummary {
  key: number;
  id: string;
  hash: string;
  title?: string;
  url?: string;
  source?: string;
  published?: number;
  lang?: string;
  words: number;
}

/** What {@link Store.putArticles} did with one record, in input order. */
export interface PutOutcome {
  /**
   * `added`: a new article. `updated`: the id existed with different content, which was replaced.
   * `unchanged`: the id existed with the same content. `duplicate`: another id already holds the
   * same content (the record is not stored; `existing` names that id).
   */
  status: 'added' | 'updated' | 'unchanged' | 'duplicate';
  id: string;
  key: number;
  existing?: string;
}

/** A time window in ms since the epoch; either end may be open. */
export interface TimeWindow {
  since?: number;
  until?: number;
  /** Whether articles with no publication time count as inside the window. Default true. */
  includeUndated?: boolean;
}

/** A candidate found through LSH bands: how many of the query's band keys it shares. */
export interface BandHit {
  key: number;
  hits: number;
}

/** A candidate found through key terms: the term hashes it shares with the query. */
export interface TermHit {
  key: number;
  terms: number[];
}

/** Sizes and counts for `storydiff stats`. */
export interface StoreStats {
  schemaVersion: number;
  kind: string;
  location: string;
  articles: number;
  /** Rows in the LSH band table and the key-term postings. */
  bandRows: number;
  postingRows: number;
  /** Distinct terms with a document frequency. */
  terms: number;
  stories: number;
  clustered: number;
  earliest?: number;
  latest?: number;
  /** Bytes on disk (SQLite: database plus WAL), when known. */
  bytes?: number;
  /** Fingerprint settings the store was created with. */
  settings: StoreSettings;
}

/** Fingerprint settings fixed when the store is created; a store is only read with its own. */
export interface StoreSettings {
  /** MinHash permutations. */
  numPerm: number;
  /** Words per shingle. */
  shingle: number;
  /** LSH bands and rows per band (bands * rows <= numPerm). */
  bands: number;
  rows: number;
  /** The Jaccard threshold the bands and rows were derived from. */
  threshold: number;
  /** Seed of the hash family. */
  seed: number;
}

/** One story of the persisted clustering. */
export interface StoryRecord {
  story: number;
  /** Key of the earliest member (the story's first version). */
  root: number;
  size: number;
  firstPublished?: number;
  lastPublished?: number;
  /** Sparse centroid: term hashes and weights, same length. */
  centroidTerms: number[];
  centroidWeights: Float32Array;
}

/** Two stories found to be one: `from` is absorbed into `into`. */
export interface StoryMergeRecord {
  from: number;
  into: number;
}

/** An article's place in a story: which story, and which earlier member it most likely came from. */
export interface Membership {
  key: number;
  story: number;
  /** Key of the member it is derived from, absent for the root. */
  parent?: number;
  /** Similarity to the story (or the parent) when it joined, 0..1. */
  score: number;
  /** Clustering order (a counter), so the clustering can resume where it stopped. */
  seq: number;
}

/** Options of {@link Store.scan}: articles in publication order, paged by a cursor. */
export interface ScanOptions extends TimeWindow {
  /** Resume after this cursor (returned as `next` by the previous page). */
  after?: ScanCursor;
  limit: number;
  /** Only articles not yet in any story. */
  unclustered?: boolean;
}

/** Position in publication order: undated articles sort first, then by time, then by key. */
export interface ScanCursor {
  published: number;
  key: number;
}

/**
 * The store interface. Every method is asynchronous and batch-oriented so a network database can
 * implement it with one round trip per call. Writes are transactional: a batch is wholly in or
 * wholly out.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path: '.storydiff/corpus.db', settings });
 * const outcomes = await store.putArticles(records);
 * const hits = await store.findByBands(query.bandKeys, { limit: 200 });
 * await store.close();
 * ```
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Path or URL (without password). */
  readonly location: string;
  /** The settings the store was created with. */
  readonly settings: StoreSettings;

  /** Stores a batch in one transaction; idempotent by id and by content hash. */
  putArticles(records: ArticleRecord[]): Promise<PutOutcome[]>;
  /** Removes articles (and their bands, postings and memberships) by external id; returns those removed. */
  removeArticles(ids: string[]): Promise<string[]>;
  /** Full articles by external id, in input order; missing ids are skipped. */
  getArticles(ids: string[]): Promise<StoredArticle[]>;
  /**
   * Full articles by internal key, in input order; missing keys are skipped. With `text: false`
   * the text comes back empty (cheaper when only the fingerprints are needed).
   */
  getArticlesByKey(keys: number[], opts?: { text?: boolean }): Promise<StoredArticle[]>;
  /** The id holding this content hash, if any. */
  findByHash(hash: string): Promise<ArticleSummary | undefined>;

  /** Articles sharing at least one band key, most hits first, at most `limit`. */
  findByBands(bandKeys: IntList, opts: { limit: number; exclude?: number }): Promise<BandHit[]>;
  /**
   * Articles sharing key terms inside a time window. Each term's posting list is read up to
   * `perTermLimit` entries (the newest first), so a common term cannot flood the result.
   */
  findByTerms(
    terms: IntList,
    opts: TimeWindow & { perTermLimit: number; exclude?: number },
  ): Promise<TermHit[]>;
  /** Document frequency of each term (0 when unknown), and the number of articles. */
  termFrequencies(terms: number[]): Promise<{ df: Map<number, number>; total: number }>;

  /** Articles (summaries with vectors) in publication order, one page at a time. */
  scan(opts: ScanOptions): Promise<{ items: StoredArticle[]; next?: ScanCursor }>;
  /** Lists articles without text, in key order. */
  list(opts: { afterKey?: number; limit: number }): Promise<ArticleSummary[]>;

  /** Stories by id. */
  getStories(ids: number[]): Promise<StoryRecord[]>;
  /** Stories of these articles (by article key). */
  membershipsOf(keys: number[]): Promise<Membership[]>;
  /** Members of these stories, in clustering order. */
  storyMembers(stories: number[]): Promise<Membership[]>;
  /** Stories with a member published inside the window, by first publication. */
  storiesInWindow(window: TimeWindow & { limit?: number }): Promise<StoryRecord[]>;
  /**
   * Writes new or changed stories and new memberships in one transaction. `merges` are applied
   * first, in order: the members of story `from` move to `into` and story `from` is deleted.
   */
  putClustering(stories: StoryRecord[], members: Membership[], merges?: StoryMergeRecord[]): Promise<void>;
  /** The next free story id and membership sequence number. */
  clusteringCursor(): Promise<{ nextStory: number; nextSeq: number }>;

  /**
   * Brings the indexes into their best shape for queries after a bulk load (SQLite: merges the
   * index runs, leaving at most two per index). Safe to call at any time.
   */
  compact(): Promise<void>;

  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
