/**
 * Argument checks shared by the store implementations, so SQLite and PostgreSQL refuse the same
 * bad input with the same code and message (the conformance suite checks both).
 */

import { StorydiffError } from '../errors.js';
import { UNDATED } from './codec.js';
import type { ArticleRecord, Membership, StoreSettings, StoryRecord, TimeWindow } from './types.js';

/** The highest `published` value (an open upper end of a window). */
export const LATEST = Number.MAX_SAFE_INTEGER;

/** The message of anything thrown. */
export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A USAGE error (a caller's mistake, not the data's). */
export function usage(why: string): StorydiffError {
  return new StorydiffError('USAGE', why);
}

/** True for an array of safe integers. */
export function isSafeInts(a: unknown): a is number[] | Float64Array {
  // One loop per type: a loop over both would read elements polymorphically, boxing each double.
  if (a instanceof Float64Array) return safeF64(a);
  return Array.isArray(a) && safeArray(a);
}

function safeF64(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isSafeInteger(a[i])) return false;
  return true;
}

function safeArray(a: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isSafeInteger(a[i])) return false;
  return true;
}

function optString(v: unknown): v is string | undefined | null {
  return v === undefined || v === null || typeof v === 'string';
}

/**
 * Validates settings and returns a copy with exactly the known fields.
 *
 * @example
 * ```ts
 * checkSettings({ numPerm: 128, shingle: 3, bands: 32, rows: 4, threshold: 0.4, seed: 1 }, 'db');
 * ```
 */
export function checkSettings(s: StoreSettings, source: string): StoreSettings {
  const bad = (why: string) => new StorydiffError('USAGE', `invalid store settings: ${why}`, { source });
  if (s === null || typeof s !== 'object') throw bad('not an object');
  for (const k of ['numPerm', 'shingle', 'bands', 'rows'] as const) {
    if (!Number.isInteger(s[k]) || s[k] < 1) throw bad(`${k} must be a positive integer`);
  }
  if (!Number.isInteger(s.seed)) throw bad('seed must be an integer');
  if (typeof s.threshold !== 'number' || !(s.threshold > 0 && s.threshold <= 1)) {
    throw bad('threshold must be a number in (0, 1]');
  }
  const { numPerm, shingle, bands, rows, threshold, seed } = s;
  return { numPerm, shingle, bands, rows, threshold, seed };
}

/** Checks one record before anything is written, so a bad record fails its batch up front. */
export function checkRecord(r: ArticleRecord, i: number): void {
  const source =
    typeof r?.origin === 'string' ? r.origin : typeof r?.id === 'string' ? r.id : `record ${i + 1}`;
  const bad = (why: string) => new StorydiffError('INPUT_INVALID', why, { source });
  if (r === null || typeof r !== 'object') throw bad('the record is not an object');
  if (typeof r.id !== 'string' || !r.id) throw bad('id must be a non-empty string');
  if (typeof r.hash !== 'string' || !r.hash) throw bad('hash must be a non-empty string');
  if (typeof r.text !== 'string') throw bad('text must be a string');
  for (const k of ['title', 'url', 'source', 'lang', 'origin'] as const) {
    if (!optString(r[k])) throw bad(`${k} must be a string when given`);
  }
  if (r.published !== undefined && r.published !== null) {
    if (!Number.isSafeInteger(r.published) || r.published === UNDATED) {
      throw bad('published must be an integer number of milliseconds since the epoch');
    }
  }
  if (!Number.isSafeInteger(r.words) || r.words < 0) throw bad('words must be a non-negative integer');
  if (!(r.minhash instanceof Uint32Array)) throw bad('minhash must be a Uint32Array');
  if (!isSafeInts(r.bandKeys)) throw bad('bandKeys must be an array of safe integers');
  if (!isSafeInts(r.keyTerms)) throw bad('keyTerms must be an array of safe integers');
  if (!isSafeInts(r.vectorTerms)) throw bad('vectorTerms must be an array of safe integers');
  if (!(r.vectorWeights instanceof Float32Array) || r.vectorWeights.length !== r.vectorTerms.length) {
    throw bad('vectorWeights must be a Float32Array as long as vectorTerms');
  }
}

/** Checks a story before a clustering write. */
export function checkStory(s: StoryRecord): void {
  const bad = (why: string) => usage(`story ${String(s?.story)}: ${why}`);
  if (s === null || typeof s !== 'object') throw usage('a story is not an object');
  if (!Number.isSafeInteger(s.story)) throw bad('story must be an integer');
  if (!Number.isSafeInteger(s.root)) throw bad('root must be an article key');
  if (!Number.isSafeInteger(s.size) || s.size < 0) throw bad('size must be a non-negative integer');
  for (const k of ['firstPublished', 'lastPublished'] as const) {
    if (s[k] !== undefined && !Number.isSafeInteger(s[k])) throw bad(`${k} must be an integer when given`);
  }
  if (!isSafeInts(s.centroidTerms)) throw bad('centroidTerms must be an array of safe integers');
  if (!(s.centroidWeights instanceof Float32Array) || s.centroidWeights.length !== s.centroidTerms.length) {
    throw bad('centroidWeights must be a Float32Array as long as centroidTerms');
  }
}

/** Checks a membership before a clustering write. */
export function checkMember(m: Membership): void {
  const bad = (why: string) => usage(`membership of ${String(m?.key)}: ${why}`);
  if (m === null || typeof m !== 'object') throw usage('a membership is not an object');
  if (!Number.isSafeInteger(m.key)) throw bad('key must be an article key');
  if (!Number.isSafeInteger(m.story)) throw bad('story must be an integer');
  if (m.parent !== undefined && !Number.isSafeInteger(m.parent)) throw bad('parent must be an article key');
  if (typeof m.score !== 'number' || !Number.isFinite(m.score)) throw bad('score must be a finite number');
  if (!Number.isSafeInteger(m.seq)) throw bad('seq must be an integer');
}

/** A limit: a non-negative safe integer. */
export function checkLimit(name: string, v: unknown): number {
  if (!Number.isSafeInteger(v) || (v as number) < 0) throw usage(`${name} must be a non-negative integer`);
  return v as number;
}

/** The key to leave out of a candidate list; 0 (no article has it) when none is given. */
export function checkExclude(v: unknown): number {
  if (v === undefined) return 0;
  if (!Number.isSafeInteger(v)) throw usage('exclude must be an article key');
  return v as number;
}

/** An array of safe integers, else USAGE naming the argument. */
export function checkInts(name: string, a: unknown): number[] | Float64Array {
  if (!isSafeInts(a)) throw usage(`${name} must be an array of safe integers`);
  return a;
}

/** An array of strings, else USAGE naming the argument. */
export function checkStrings(name: string, a: unknown): string[] {
  if (!Array.isArray(a) || a.some((s) => typeof s !== 'string'))
    throw usage(`${name} must be an array of strings`);
  return a;
}

/**
 * Checks the arguments of `putClustering`; returns false when there is nothing to write.
 *
 * @example
 * ```ts
 * if (!checkClustering(stories, members, merges)) return;
 * ```
 */
export function checkClustering(
  stories: StoryRecord[],
  members: Membership[],
  merges: { from: number; into: number }[],
): boolean {
  if (!Array.isArray(stories) || !Array.isArray(members) || !Array.isArray(merges))
    throw usage('putClustering takes arrays');
  stories.forEach(checkStory);
  members.forEach(checkMember);
  checkMerges(merges);
  return stories.length > 0 || members.length > 0 || merges.length > 0;
}

/** Checks a merge list of `putClustering`. */
export function checkMerges(merges: { from: number; into: number }[]): void {
  for (const m of merges) {
    if (!Number.isSafeInteger(m?.from) || !Number.isSafeInteger(m?.into) || m.from === m.into)
      throw usage('a merge needs two different integer story ids');
  }
}

/**
 * Inclusive published range of a window; `lo > hi` when it is empty.
 *
 * @example
 * ```ts
 * windowRange({ since: 0 }); // => { lo: 0, hi: Number.MAX_SAFE_INTEGER, undated: true }
 * ```
 */
export function windowRange(w: TimeWindow): { lo: number; hi: number; undated: boolean } {
  for (const k of ['since', 'until'] as const) {
    if (w[k] !== undefined && !Number.isSafeInteger(w[k]))
      throw usage(`${k} must be an integer (ms since the epoch)`);
  }
  return {
    lo: Math.max(w.since ?? UNDATED + 1, UNDATED + 1),
    hi: w.until ?? LATEST,
    undated: w.includeUndated !== false,
  };
}

/** Checks a scan cursor. */
export function checkCursor(after: unknown): void {
  const a = after as { published?: unknown; key?: unknown } | undefined;
  if (a !== undefined && (!Number.isSafeInteger(a?.published) || !Number.isSafeInteger(a?.key))) {
    throw usage('after must be a cursor returned by scan');
  }
}

/** Rows in the order of `wanted`, skipping what is missing (once per occurrence in `wanted`). */
export function inOrder<K, T>(wanted: readonly K[], rows: T[], keyOf: (t: T) => K): T[] {
  const by = new Map<K, T>();
  for (const r of rows) by.set(keyOf(r), r);
  const out: T[] = [];
  for (const k of wanted) {
    const r = by.get(k);
    if (r) out.push(r);
  }
  return out;
}
