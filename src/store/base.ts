/**
 * What the SQLite and PostgreSQL stores do alike around their own queries: the argument checks
 * (validate.ts), the answers for empty input, putting rows in the caller's order and decoding
 * them (rows.ts), and shaping search hits and scan pages. {@link BaseStore} holds those public
 * methods; each store implements only the primitives that touch its database, so the two cannot
 * drift apart in what they accept or return (the conformance suite checks both).
 */

import { UNDATED } from './codec.js';
import { type Row, toMembership, toStored, toStory, toSummary } from './rows.js';
import type {
  ArticleRecord,
  ArticleSummary,
  BandHit,
  IntList,
  Membership,
  PutOutcome,
  ScanCursor,
  ScanOptions,
  StoredArticle,
  StoryMergeRecord,
  StoryRecord,
  TermHit,
  TimeWindow,
} from './types.js';
import {
  checkClustering,
  checkCursor,
  checkExclude,
  checkInts,
  checkLimit,
  checkRecord,
  checkStrings,
  inOrder,
  usage,
  windowRange,
} from './validate.js';

/** A primitive's result: the SQLite store answers synchronously, the PostgreSQL store later. */
export type Maybe<T> = T | Promise<T>;

/** A key-term lookup, checked: a window `[lo, hi]` of publication times, and per-term limits. */
export interface TermQuery {
  lo: number;
  hi: number;
  undated: boolean;
  /** Article key to leave out (0: none, see checkExclude). */
  exclude: number;
  /** Postings read per term. */
  limit: number;
}

/** A page of a scan, checked: where it starts and how many rows to read (one more than shown). */
export interface ScanQuery {
  want: number;
  lo: number;
  hi: number;
  undated: boolean;
  unclustered: boolean;
  /** The cursor (the start of the undated run when none). */
  from: ScanCursor;
  /** Where the dated part starts: a cursor inside the undated run starts it at its beginning. */
  start: { p: number; k: number };
}

/**
 * The public methods both stores share, on top of the primitives each implements.
 *
 * @example
 * ```ts
 * class MemoryStore extends BaseStore implements Store {
 *   protected articleRows(column, values, text) { … }
 *   // … the other primitives, and the methods that are the store's own
 * }
 * ```
 */
export abstract class BaseStore {
  /** Article rows (the full columns, text empty unless `text`) whose `column` is in `values`, any order. */
  protected abstract articleRows(
    column: 'id' | 'key',
    values: string[] | number[],
    text: boolean,
  ): Maybe<Row[]>;
  /** The summary row of the article holding this content hash. */
  protected abstract summaryRowByHash(hash: string): Maybe<Row | undefined>;
  /** Summary rows after `afterKey` in key order. */
  protected abstract summaryRows(afterKey: number, limit: number): Maybe<Row[]>;
  /** A page of full rows in publication order (see {@link BaseStore.scan}). */
  protected abstract scanRows(q: ScanQuery): Maybe<Row[]>;
  /** Story rows of these ids, any order. */
  protected abstract storyRows(ids: number[]): Maybe<Row[]>;
  /** Membership rows whose `column` is in `values`; by `seq`, then key, for `story`. */
  protected abstract memberRows(column: 'key' | 'story', values: number[]): Maybe<Row[]>;
  /** Band hits, most first, ties by key, at most `limit` (each distinct key counted once). */
  protected abstract bandHits(bandKeys: IntList, limit: number, exclude: number): Maybe<BandHit[]>;
  /** For each article found, the terms (of `terms`, in that order) whose postings hold it. */
  protected abstract termPostings(terms: number[], q: TermQuery): Maybe<Map<number, number[]>>;
  /** Stores checked, non-empty records in one transaction (see {@link BaseStore.putArticles}). */
  protected abstract writeArticles(records: ArticleRecord[]): Promise<PutOutcome[]>;
  /** Removes the articles of these ids (some maybe unknown); the ids removed. */
  protected abstract deleteArticles(ids: string[]): Promise<string[]>;
  /** Writes checked clustering changes in one transaction (see {@link BaseStore.putClustering}). */
  protected abstract writeClustering(
    stories: StoryRecord[],
    members: Membership[],
    merges: StoryMergeRecord[],
  ): Promise<void>;

  // ── articles ──

  /**
   * Stores a batch in one transaction. Per record, in order (earlier records of the batch count):
   * a known id with the same hash is `unchanged` (nothing is written, not even changed metadata);
   * a known id with another hash is `updated` in place (same key; old index rows and df counts
   * removed, its story membership dropped and the story's size decremented) unless another id
   * already holds the new hash, which makes it a `duplicate` and leaves the stored version alone;
   * a new id whose hash is stored is a `duplicate` (`key` and `existing` name the holder);
   * otherwise the record is `added` under a new key (keys are never reused). `addedAt` is the
   * time of the write that stored the current content. Invalid records fail the whole batch
   * with INPUT_INVALID before anything is written; a failure while writing rolls it all back.
   *
   * @example
   * ```ts
   * const [o] = await store.putArticles([record]); // o.status === 'added'
   * ```
   */
  async putArticles(records: ArticleRecord[]): Promise<PutOutcome[]> {
    if (!Array.isArray(records)) throw usage('putArticles takes an array of records');
    records.forEach(checkRecord);
    if (!records.length) return [];
    return this.writeArticles(records);
  }

  /**
   * Removes articles by id with their index entries, frequencies and memberships (their stories
   * shrink; repairing a story is the clustering layer's job); returns the ids that were stored.
   *
   * @example
   * ```ts
   * await store.removeArticles(['a1', 'nope']); // => ['a1']
   * ```
   */
  async removeArticles(ids: string[]): Promise<string[]> {
    checkStrings('ids', ids);
    if (!ids.length) return [];
    return this.deleteArticles(ids);
  }

  /**
   * Full articles by external id, in input order; missing ids are skipped.
   *
   * @example
   * ```ts
   * const [a] = await store.getArticles(['a1']);
   * ```
   */
  async getArticles(ids: string[]): Promise<StoredArticle[]> {
    checkStrings('ids', ids);
    if (!ids.length) return [];
    const rows = await this.articleRows('id', ids, true);
    return inOrder(ids, rows, (r) => r.id as string).map(toStored);
  }

  /**
   * Full articles by internal key, in input order; missing keys are skipped (`text: false`
   * leaves the text out).
   *
   * @example
   * ```ts
   * const arts = await store.getArticlesByKey(hits.map((h) => h.key), { text: false });
   * ```
   */
  async getArticlesByKey(keys: number[], opts: { text?: boolean } = {}): Promise<StoredArticle[]> {
    checkInts('keys', keys);
    if (!keys.length) return [];
    const rows = await this.articleRows('key', keys, opts.text !== false);
    return inOrder(keys, rows, (r) => r.key as number).map(toStored);
  }

  /**
   * The article holding this content hash, if any.
   *
   * @example
   * ```ts
   * const same = await store.findByHash(record.hash); // same?.id
   * ```
   */
  async findByHash(hash: string): Promise<ArticleSummary | undefined> {
    if (typeof hash !== 'string') throw usage('hash must be a string');
    const r = await this.summaryRowByHash(hash);
    return r && toSummary(r);
  }

  // ── candidates ──

  /**
   * Articles sharing at least one of the band keys (each distinct key counts once), most hits
   * first, ties by key.
   *
   * @example
   * ```ts
   * const hits = await store.findByBands(fp.bandKeys, { limit: 200, exclude: self.key });
   * ```
   */
  async findByBands(bandKeys: IntList, opts: { limit: number; exclude?: number }): Promise<BandHit[]> {
    checkInts('bandKeys', bandKeys);
    const limit = checkLimit('limit', opts?.limit);
    const exclude = checkExclude(opts.exclude);
    if (!bandKeys.length || !limit) return [];
    return this.bandHits(bandKeys, limit, exclude);
  }

  /**
   * Articles sharing key terms inside a window. For each distinct term, up to `perTermLimit`
   * postings are read: dated ones in the window newest first, then (when `includeUndated`, the
   * default, and the limit is not reached) undated ones, highest key first. Results: most
   * shared terms first, ties by key; `terms` in query order.
   *
   * @example
   * ```ts
   * const hits = await store.findByTerms(fp.keyTerms, { since, until, perTermLimit: 400 });
   * ```
   */
  async findByTerms(
    terms: IntList,
    opts: TimeWindow & { perTermLimit: number; exclude?: number },
  ): Promise<TermHit[]> {
    checkInts('terms', terms);
    const limit = checkLimit('perTermLimit', opts?.perTermLimit);
    const { lo, hi, undated } = windowRange(opts);
    const exclude = checkExclude(opts.exclude);
    const distinct = [...new Set(terms)];
    if (!distinct.length || !limit) return [];
    const found = await this.termPostings(distinct, { lo, hi, undated, exclude, limit });
    const hits: TermHit[] = [];
    for (const [key, ts] of found) hits.push({ key, terms: ts });
    hits.sort((a, b) => b.terms.length - a.terms.length || a.key - b.key);
    return hits;
  }

  // ── listing ──

  /**
   * Full articles in publication order (undated first, then by time, then by key), one page at
   * a time; `next` is set when more may follow.
   *
   * @example
   * ```ts
   * let after: ScanCursor | undefined;
   * do {
   *   const page = await store.scan({ limit: 1000, after, unclustered: true });
   *   after = page.next;
   * } while (after);
   * ```
   */
  async scan(opts: ScanOptions): Promise<{ items: StoredArticle[]; next?: ScanCursor }> {
    const limit = checkLimit('limit', opts?.limit);
    const { lo, hi, undated } = windowRange(opts);
    checkCursor(opts.after);
    if (!limit) return { items: [] };
    const from = opts.after ?? { published: UNDATED, key: 0 };
    const start = from.published < lo ? { p: lo, k: 0 } : { p: from.published, k: from.key };
    const unclustered = Boolean(opts.unclustered);
    const rows = await this.scanRows({ want: limit + 1, lo, hi, undated, unclustered, from, start });
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(toStored);
    if (!more) return { items };
    const last = rows[limit - 1];
    return { items, next: { published: last.published as number, key: last.key as number } };
  }

  /**
   * Article summaries (no text or fingerprints) in key order.
   *
   * @example
   * ```ts
   * const page = await store.list({ limit: 1000, afterKey: prev.at(-1)?.key });
   * ```
   */
  async list(opts: { afterKey?: number; limit: number }): Promise<ArticleSummary[]> {
    const limit = checkLimit('limit', opts?.limit);
    if (opts.afterKey !== undefined && !Number.isSafeInteger(opts.afterKey))
      throw usage('afterKey must be an integer');
    if (!limit) return [];
    const rows = await this.summaryRows(opts.afterKey ?? 0, limit);
    return rows.map(toSummary);
  }

  // ── clustering ──

  /**
   * Stories by id, in input order; unknown ids are skipped.
   *
   * @example
   * ```ts
   * const [s] = await store.getStories([7]);
   * ```
   */
  async getStories(ids: number[]): Promise<StoryRecord[]> {
    checkInts('ids', ids);
    if (!ids.length) return [];
    const rows = await this.storyRows(ids);
    return inOrder(ids, rows, (r) => r.story as number).map(toStory);
  }

  /**
   * Memberships of these articles (at most one each), in input order.
   *
   * @example
   * ```ts
   * const [m] = await store.membershipsOf([hit.key]); // m?.story
   * ```
   */
  async membershipsOf(keys: number[]): Promise<Membership[]> {
    checkInts('keys', keys);
    if (!keys.length) return [];
    const rows = await this.memberRows('key', keys);
    return inOrder(keys, rows, (r) => r.key as number).map(toMembership);
  }

  /**
   * Members of these stories, in clustering order (`seq`).
   *
   * @example
   * ```ts
   * const members = await store.storyMembers([s.story]);
   * ```
   */
  async storyMembers(stories: number[]): Promise<Membership[]> {
    checkInts('stories', stories);
    if (!stories.length) return [];
    const rows = await this.memberRows('story', stories);
    return rows.map(toMembership);
  }

  /**
   * Writes new or changed stories (replacing a stored story with the same id) and memberships
   * (replacing an article's previous membership) in one transaction, merges first. A membership
   * must name a stored article and a story that is stored or in `stories`, else USAGE and
   * nothing is written.
   *
   * @example
   * ```ts
   * await store.putClustering([story], [{ key: 12, story: story.story, score: 1, seq: 40 }]);
   * ```
   */
  async putClustering(
    stories: StoryRecord[],
    members: Membership[],
    merges: StoryMergeRecord[] = [],
  ): Promise<void> {
    if (!checkClustering(stories, members, merges)) return;
    await this.writeClustering(stories, members, merges);
  }
}
