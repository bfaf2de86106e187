/**
 * Row decoders shared by the SQLite and PostgreSQL stores: both keep the same columns (listed in
 * schema.ts), with the fingerprints as BLOB / bytea in the encodings of codec.ts, so one decoder
 * serves both. Also what both keep of an article to index it, or to unindex its old version.
 */

import { blobToF32, blobToInts, blobToU32, UNDATED } from './codec.js';
import type {
  ArticleRecord,
  ArticleSummary,
  IntList,
  Membership,
  StoredArticle,
  StoryRecord,
} from './types.js';

/** A row as the drivers return it: column name to value. */
export type Row = Record<string, unknown>;

/** Sets `o[k]` unless `v` is null or undefined (optional fields stay absent, not null). */
export function setOpt<T extends object>(o: T, k: keyof T, v: unknown): void {
  if (v !== null && v !== undefined) (o as Record<keyof T, unknown>)[k] = v;
}

/**
 * An article summary from a row of the summary columns.
 *
 * @example
 * ```ts
 * toSummary({ key: 1, id: 'a', hash: 'h', words: 3, published: UNDATED }); // no `published`
 * ```
 */
export function toSummary(r: Row): ArticleSummary {
  const s: ArticleSummary = {
    key: r.key as number,
    id: r.id as string,
    hash: r.hash as string,
    words: r.words as number,
  };
  setOpt(s, 'title', r.title);
  setOpt(s, 'url', r.url);
  setOpt(s, 'source', r.source);
  if (r.published !== UNDATED) s.published = r.published as number;
  setOpt(s, 'lang', r.lang);
  return s;
}

/** A full row: the summary columns plus text, fingerprints and origin. */
export function toStored(r: Row): StoredArticle {
  const a: StoredArticle = {
    ...toSummary(r),
    text: r.text as string,
    addedAt: r.added_at as number,
    minhash: blobToU32(r.minhash as Uint8Array, 'minhash'),
    bandKeys: blobToInts(r.band_keys as Uint8Array, 'band keys'),
    keyTerms: blobToInts(r.key_terms as Uint8Array, 'key terms'),
    vectorTerms: blobToInts(r.vector_terms as Uint8Array, 'vector terms'),
    vectorWeights: blobToF32(r.vector_weights as Uint8Array, 'vector weights'),
  };
  setOpt(a, 'origin', r.origin);
  return a;
}

/** A story row. */
export function toStory(r: Row): StoryRecord {
  const s: StoryRecord = {
    story: r.story as number,
    root: r.root as number,
    size: r.size as number,
    centroidTerms: blobToInts(r.centroid_terms as Uint8Array, 'centroid terms'),
    centroidWeights: blobToF32(r.centroid_weights as Uint8Array, 'centroid weights'),
  };
  setOpt(s, 'firstPublished', r.first_published);
  setOpt(s, 'lastPublished', r.last_published);
  return s;
}

/** A membership row. */
export function toMembership(r: Row): Membership {
  const m: Membership = {
    key: r.key as number,
    story: r.story as number,
    score: r.score as number,
    seq: r.seq as number,
  };
  setOpt(m, 'parent', r.parent);
  return m;
}

/** What a write needs of an article to index it, or to unindex its old version. */
export interface IndexEntry {
  key: number;
  published: number;
  bandKeys: IntList;
  keyTerms: IntList;
  vectorTerms: IntList;
}

/**
 * The index contents of a record about to be stored under `key`.
 *
 * @example
 * ```ts
 * adds.set(key, indexEntryOf(key, record));
 * ```
 */
export function indexEntryOf(key: number, r: ArticleRecord): IndexEntry {
  return {
    key,
    published: r.published ?? UNDATED,
    bandKeys: r.bandKeys,
    keyTerms: r.keyTerms,
    vectorTerms: r.vectorTerms,
  };
}

/**
 * The index contents of a stored article, from a row of its `published`, `band_keys`,
 * `key_terms` and `vector_terms` (and `key`, unless given).
 *
 * @example
 * ```ts
 * const old = toIndexEntry(row, key);
 * ```
 */
export function toIndexEntry(r: Row, key = r.key as number): IndexEntry {
  return {
    key,
    published: r.published as number,
    bandKeys: blobToInts(r.band_keys as Uint8Array, 'band keys'),
    keyTerms: blobToInts(r.key_terms as Uint8Array, 'key terms'),
    vectorTerms: blobToInts(r.vector_terms as Uint8Array, 'vector terms'),
  };
}
