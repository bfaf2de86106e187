/**
 * Findings evaluation: what a comparison claims (typed changes, names spelt differently, quote
 * classifications) against hand-written labels, and the noise figures on SemEval pairs.
 *
 * A comparison's findings are read through the published `storydiff/comparison@1` JSON only, so
 * the measurement works on whatever the engine outputs:
 *
 * - every entry of `changes` is one finding, of kind `change.kind` (any kind, also kinds added
 *   later), with its `detail` and its `a`/`b` texts, except `rephrased` ones (the same value in
 *   other words claims no change);
 * - every entity with `variants: true` that no `name` change names is one `name` finding (detail
 *   `variants`), its surfaces being the entity's forms on each side;
 * - every quote pair whose relation claims a change (`reworded`, `direct-to-indirect`,
 *   `indirect-to-direct`, `different-quote`, and any relation added later other than `verbatim`,
 *   `only-a`, `only-b`) is one `quote` finding, detail = the relation.
 *
 * The label format and matching rules are documented in scripts/data/findings/README.md.
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Comparison } from '../../src/compare/types.js';
import { readText } from './loaders.js';

/** Format id of a findings-set file. */
export const FINDINGS_SET_SCHEMA = 'storydiff/findings-set@1';

/** Quote relations that claim no change, so are no findings. */
const QUOTE_NON_FINDINGS = new Set(['verbatim', 'only-a', 'only-b']);
/** Change details that claim no change (the same value in other words). */
const CHANGE_NON_FINDINGS = new Set(['rephrased']);

/** One side of a labelled pair. */
export interface FindingsSide {
  text: string;
  lang: string;
  title?: string;
}

/**
 * A label: a finding described by kind, optional detail and the words expected on each side.
 * `kind` is a finding kind (`name`, `number`, `date`, `duration`, `negation`, `attribution`,
 * `pronoun`, `quote`, …), or `change` (any typed change) or `any` (any finding).
 */
export interface FindingLabel {
  kind: string;
  detail?: string;
  a?: string;
  b?: string;
  note?: string;
}

/** A labelled pair. */
export interface FindingsPair {
  id: string;
  /** Language the pair is counted under (the non-English side of a retold translation). */
  lang: string;
  /** What kind of pair: `rewrite`, `translation`, `different-story`, `near-copy`. */
  type: string;
  a: FindingsSide;
  b: FindingsSide;
  must: FindingLabel[];
  may: FindingLabel[];
  mustNot: FindingLabel[];
  note?: string;
}

/** A finding read from a comparison. */
export interface Finding {
  kind: string;
  detail: string;
  /** Surface strings on each side (several for a name's forms; empty when absent). */
  a: string[];
  b: string[];
  /** One line for the report. */
  text: string;
}

// ── reading the set ─────────────────────────────────────────────────────────────────────────

function side(v: unknown, where: string): FindingsSide {
  const o = v as Record<string, unknown> | undefined;
  if (!o || typeof o.text !== 'string' || typeof o.lang !== 'string')
    throw new Error(`${where}: needs { text, lang }`);
  return { text: o.text, lang: o.lang, title: typeof o.title === 'string' ? o.title : undefined };
}

function labels(v: unknown, where: string): FindingLabel[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`${where}: must be an array`);
  return v.map((l, i) => {
    const o = l as Record<string, unknown>;
    if (!o || typeof o.kind !== 'string') throw new Error(`${where}[${i}]: needs a kind`);
    for (const k of ['detail', 'a', 'b', 'note'])
      if (o[k] !== undefined && typeof o[k] !== 'string')
        throw new Error(`${where}[${i}].${k}: not a string`);
    return o as unknown as FindingLabel;
  });
}

/**
 * Parses one findings-set file (`storydiff/findings-set@1`).
 *
 * @example
 * const pairs = parseFindingsSet(readFileSync('scripts/data/findings/de.json', 'utf8'), 'de.json');
 */
export function parseFindingsSet(text: string, file: string): FindingsPair[] {
  const doc = JSON.parse(text) as Record<string, unknown>;
  if (doc.schema !== FINDINGS_SET_SCHEMA)
    throw new Error(`${file}: schema is ${String(doc.schema)}, expected ${FINDINGS_SET_SCHEMA}`);
  if (!Array.isArray(doc.pairs)) throw new Error(`${file}: no pairs`);
  return doc.pairs.map((p: Record<string, unknown>, i: number) => {
    const where = `${file} pair ${i + 1}`;
    if (typeof p.id !== 'string' || typeof p.lang !== 'string' || typeof p.type !== 'string')
      throw new Error(`${where}: needs id, lang, type`);
    return {
      id: p.id,
      lang: p.lang,
      type: p.type,
      a: side(p.a, `${where}.a`),
      b: side(p.b, `${where}.b`),
      must: labels(p.must, `${where}.must`),
      may: labels(p.may, `${where}.may`),
      mustNot: labels(p.mustNot, `${where}.mustNot`),
      note: typeof p.note === 'string' ? p.note : undefined,
    };
  });
}

/** Every `*.json` findings set in a folder, in file-name order; ids must be unique. */
export function loadFindingsSets(dir: string): FindingsPair[] {
  const out: FindingsPair[] = [];
  const seen = new Set<string>();
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    for (const p of parseFindingsSet(readText(join(dir, f)), f)) {
      if (seen.has(p.id)) throw new Error(`${f}: duplicate pair id ${p.id}`);
      seen.add(p.id);
      out.push(p);
    }
  }
  return out;
}

// ── findings of a comparison ────────────────────────────────────────────────────────────────

type ComparisonFindingsView = Pick<Comparison, 'changes' | 'entities' | 'quotes' | 'a' | 'b'>;

const quoteOf = (s: string | undefined): string => (s === undefined ? '—' : `"${s}"`);

/**
 * The findings a comparison claims, one per entry as shown to a reader (see the module comment).
 *
 * @example
 * const n = extractFindings(compare(a, b)).filter((f) => f.kind === 'number').length;
 */
export function extractFindings(cmp: ComparisonFindingsView): Finding[] {
  const out: Finding[] = [];
  const sentenceText = (s: 'a' | 'b', idx: readonly number[]) =>
    idx.map((i) => cmp[s].sentences[i]?.text ?? '').join(' ');
  const named = new Set<string>();
  for (const c of cmp.changes) {
    if (c.kind === 'name' && c.entity) named.add(c.entity);
    if (CHANGE_NON_FINDINGS.has(c.detail)) continue;
    // Without words on either side (negation today), the linked sentences stand for them.
    const bare = c.a === undefined && c.b === undefined;
    const a = c.a ?? (bare ? sentenceText('a', c.sentences.a) : undefined);
    const b = c.b ?? (bare ? sentenceText('b', c.sentences.b) : undefined);
    out.push({
      kind: c.kind,
      detail: c.detail,
      a: a === undefined ? [] : [a],
      b: b === undefined ? [] : [b],
      text: `${c.kind}/${c.detail}: ${quoteOf(c.a)} → ${quoteOf(c.b)}`,
    });
  }
  for (const e of cmp.entities) {
    if (!e.variants || named.has(e.name)) continue;
    out.push({
      kind: 'name',
      detail: 'variants',
      a: [...e.forms.a],
      b: [...e.forms.b],
      text: `name/variants: [${e.forms.a.join(', ')}] ~ [${e.forms.b.join(', ')}]`,
    });
  }
  for (const q of cmp.quotes) {
    if (QUOTE_NON_FINDINGS.has(q.relation)) continue;
    const a = q.a?.text ?? (q.indirect?.side === 'a' ? q.indirect.text : undefined);
    const b = q.b?.text ?? (q.indirect?.side === 'b' ? q.indirect.text : undefined);
    out.push({
      kind: 'quote',
      detail: q.relation,
      a: a === undefined ? [] : [a],
      b: b === undefined ? [] : [b],
      text: `quote/${q.relation}: ${quoteOf(a)} → ${quoteOf(b)}`,
    });
  }
  return out;
}

// ── matching ────────────────────────────────────────────────────────────────────────────────

/** Lower-cased word tokens (letters, digits, marks; apostrophes unified), for matching. */
export function matchTokens(s: string): string[] {
  return (
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[’ʼ`]/g, "'")
      .match(/[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*/gu) ?? []
  );
}

/** True when the label's words occur, contiguously and whole, in the surface string. */
export function surfaceMatches(label: string, surface: string): boolean {
  const l = matchTokens(label);
  const s = matchTokens(surface);
  if (l.length === 0) return true;
  for (let i = 0; i + l.length <= s.length; i++) if (l.every((t, j) => s[i + j] === t)) return true;
  return false;
}

/** True when a finding satisfies a label (kind, detail, then the words on each side). */
export function labelMatches(label: FindingLabel, f: Finding): boolean {
  if (label.kind === 'change') {
    if (f.kind === 'quote' || (f.kind === 'name' && f.detail === 'variants')) return false;
  } else if (label.kind !== 'any' && label.kind !== f.kind) return false;
  if (label.detail !== undefined && label.detail.toLowerCase() !== f.detail.toLowerCase()) return false;
  if (label.a !== undefined && !f.a.some((s) => surfaceMatches(label.a!, s))) return false;
  if (label.b !== undefined && !f.b.some((s) => surfaceMatches(label.b!, s))) return false;
  return true;
}

/** Why a finding counted as a false positive. */
export type FpReason = 'forbidden' | 'duplicate' | 'unlabelled';

/** The outcome of matching one pair's findings against its labels. */
export interface PairMatch {
  hits: { label: FindingLabel; finding: Finding }[];
  misses: FindingLabel[];
  falsePositives: { finding: Finding; reason: FpReason }[];
  /** Findings matched by a `may` label: neither right nor wrong. */
  tolerated: Finding[];
}

/**
 * Matches findings to labels one to one: each `must` label takes the first unused finding it
 * matches (a hit) or is a miss. A finding left over is tolerated when a `may` label matches it,
 * and otherwise a false positive: `duplicate` when a `must` label matches it (a second entry for
 * one fact), `forbidden` when a `mustNot` label does, `unlabelled` else (the labels of a pair
 * list every finding that is right, so anything else is wrong).
 *
 * @example
 * const m = matchPair(extractFindings(cmp), pair);
 * console.log(m.hits.length, m.misses.length, m.falsePositives.length);
 */
export function matchPair(
  findings: readonly Finding[],
  pair: Pick<FindingsPair, 'must' | 'may' | 'mustNot'>,
): PairMatch {
  const used = new Set<number>();
  const hits: PairMatch['hits'] = [];
  const misses: FindingLabel[] = [];
  for (const label of pair.must) {
    const i = findings.findIndex((f, k) => !used.has(k) && labelMatches(label, f));
    if (i < 0) misses.push(label);
    else {
      used.add(i);
      hits.push({ label, finding: findings[i] });
    }
  }
  const falsePositives: PairMatch['falsePositives'] = [];
  const tolerated: Finding[] = [];
  findings.forEach((f, k) => {
    if (used.has(k)) return;
    if (pair.mustNot.some((l) => labelMatches(l, f)))
      falsePositives.push({ finding: f, reason: 'forbidden' });
    else if (pair.may.some((l) => labelMatches(l, f))) tolerated.push(f);
    else if (pair.must.some((l) => labelMatches(l, f)))
      falsePositives.push({ finding: f, reason: 'duplicate' });
    else falsePositives.push({ finding: f, reason: 'unlabelled' });
  });
  return { hits, misses, falsePositives, tolerated };
}

/** Counts behind precision and recall; precision is NaN when nothing was found. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

/** Precision and recall from counts: NaN where the denominator is empty (nothing to judge). */
export function tally(tp: number, fp: number, fn: number): Tally {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : Number.NaN,
    recall: tp + fn > 0 ? tp / (tp + fn) : Number.NaN,
  };
}

/** The kind a label is counted under (a `must` label always names a concrete kind). */
const labelKind = (l: FindingLabel): string => l.kind;

/**
 * Precision and recall per kind of finding, per language and overall, from matched pairs.
 *
 * @example
 * const { byKind, byLang, all } = aggregate([{ lang: 'de', match: matchPair(findings, pair) }]);
 */
export function aggregate(results: readonly { lang: string; match: PairMatch }[]): {
  byKind: Record<string, Tally>;
  byLang: Record<string, Tally>;
  all: Tally;
} {
  const kinds = new Map<string, [number, number, number]>();
  const langs = new Map<string, [number, number, number]>();
  const bump = (m: Map<string, [number, number, number]>, k: string, i: 0 | 1 | 2) => {
    if (!m.has(k)) m.set(k, [0, 0, 0]);
    m.get(k)![i]++;
  };
  const all: [number, number, number] = [0, 0, 0];
  for (const { lang, match } of results) {
    if (!langs.has(lang)) langs.set(lang, [0, 0, 0]);
    for (const h of match.hits) {
      bump(kinds, labelKind(h.label), 0);
      bump(langs, lang, 0);
      all[0]++;
    }
    for (const fp of match.falsePositives) {
      bump(kinds, fp.finding.kind, 1);
      bump(langs, lang, 1);
      all[1]++;
    }
    for (const l of match.misses) {
      bump(kinds, labelKind(l), 2);
      bump(langs, lang, 2);
      all[2]++;
    }
  }
  const out = (m: Map<string, [number, number, number]>) =>
    Object.fromEntries([...m].sort(([x], [y]) => x.localeCompare(y)).map(([k, c]) => [k, tally(...c)]));
  return { byKind: out(kinds), byLang: out(langs), all: tally(...all) };
}
