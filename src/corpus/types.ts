/**
 * Types shared by the corpus layer: what goes in (a {@link CorpusInput}), what fingerprinting
 * produces, and what search and clustering return.
 */

/**
 * One article to index, as the readers in `ingest/` produce it (or as a library user gives it).
 *
 * @example
 * ```ts
 * const input: CorpusInput = {
 *   id: 'wire-0412', title: 'Port strike ends', text: 'ROTTERDAM - Dock workers…',
 *   url: 'https://example.org/port', source: 'Example Wire', published: '2024-03-05T09:30:00Z',
 * };
 * ```
 */
export interface CorpusInput {
  /** Stable id; when absent the URL is used, else a content-hash id. */
  id?: string;
  /** Plain text of the article body. */
  text: string;
  title?: string;
  url?: string;
  /** Outlet or feed name. */
  source?: string;
  /** Publication time as given (ISO 8601, RFC 2822 as in RSS, or ms since the epoch). */
  published?: string | number;
  /** ISO 639-1 language code, when known. */
  lang?: string;
  /** Where it was read from (`file`, `file:line`, `file#offset`), used in error messages. */
  origin?: string;
}

/** The lexical fingerprints of one article, computed once at ingest. */
export interface Fingerprint {
  /** Content hash of the normalised text (hex). */
  hash: string;
  /** Word count. */
  words: number;
  /** MinHash signature over word shingles (one value per permutation). */
  minhash: Uint32Array;
  /** LSH band keys (safe integers), one per band. */
  bandKeys: number[];
  /** Distinctive-term hashes (safe integers) for the inverted index. */
  keyTerms: number[];
  /** Sparse term vector (safe-integer term hashes with weights) for re-ranking and clustering. */
  vectorTerms: number[];
  vectorWeights: Float32Array;
}

/** An article as the published formats name it: a search hit, a version of a story. */
export interface ArticleRef {
  id: string;
  /** The store's internal key (stable for the life of the store). */
  key: number;
  title?: string;
  url?: string;
  source?: string;
  /** Publication time, ISO 8601, when known. */
  published?: string;
}
