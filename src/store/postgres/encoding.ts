/**
 * How the PostgreSQL store sends a batch: column arrays for `unnest` (one statement for many rows),
 * fingerprints as base64 decoded by the server, text cleaned of U+0000 (which PostgreSQL text
 * cannot hold).
 */

import { UNDATED } from '../codec.js';
import type { IndexEntry } from '../rows.js';
import type { ArticleRecord, IntList } from '../types.js';

/** Typed-array bytes as base64, decoded by the server (`decode(x, 'base64')`): a third smaller than hex. */
export function b64(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Safe integers as base64 of their doubles (see `intsToBlob` in codec.ts). */
export function ints64(a: IntList): string {
  return b64(a instanceof Float64Array ? a : new Float64Array(a));
}

/** PostgreSQL text cannot hold U+0000; normalised article text never does, metadata might. */
export function pgText(s: string | undefined | null): string | null {
  if (s === undefined || s === null) return null;
  return s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s;
}

/** The unnest arguments and column names of a batch of article rows (after `$1` keys, `$2` now). */
export const ARTICLE_UNNEST =
  '$1::int8[], $3::text[], $4::text[], $5::int8[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[]';
export const ARTICLE_COLS =
  'key, id, hash, published, words, title, url, source, lang, origin, minhash, band_keys, key_terms, vector_terms, vector_weights, text';

/** Column arrays ($3…$17) of a batch of records. */
export function articleArrays(rs: ArticleRecord[]): unknown[] {
  return [
    rs.map((r) => pgText(r.id)),
    rs.map((r) => pgText(r.hash)),
    rs.map((r) => r.published ?? UNDATED),
    rs.map((r) => r.words),
    rs.map((r) => pgText(r.title)),
    rs.map((r) => pgText(r.url)),
    rs.map((r) => pgText(r.source)),
    rs.map((r) => pgText(r.lang)),
    rs.map((r) => pgText(r.origin)),
    rs.map((r) => b64(r.minhash)),
    rs.map((r) => ints64(r.bandKeys)),
    rs.map((r) => ints64(r.keyTerms)),
    rs.map((r) => ints64(r.vectorTerms)),
    rs.map((r) => b64(r.vectorWeights)),
    rs.map((r) => pgText(r.text)),
  ];
}

/**
 * The band and posting rows of index entries as column arrays (each key once per article), with
 * each article's terms counted into `dfDelta` by `sign` (+1 to add, -1 to remove).
 */
export function indexRows(entries: IndexEntry[], sign: 1 | -1, dfDelta: Map<number, number>) {
  const bk: number[] = [];
  const ba: number[] = [];
  const pt: number[] = [];
  const pp: number[] = [];
  const pa: number[] = [];
  for (const e of entries) {
    for (const k of new Set(e.bandKeys)) {
      bk.push(k);
      ba.push(e.key);
    }
    for (const t of new Set(e.keyTerms)) {
      pt.push(t);
      pp.push(e.published);
      pa.push(e.key);
    }
    for (const t of new Set([...e.keyTerms, ...e.vectorTerms])) dfDelta.set(t, (dfDelta.get(t) ?? 0) + sign);
  }
  return { bk, ba, pt, pp, pa };
}
