/**
 * The canonical keys of facts: how {@link extractFacts} writes a fact's meaning as a string, and
 * how the readers of a key (relating facts across versions, wording them for people) take it
 * apart again. Writer and readers live here together so the scheme has one home.
 *
 * Representation. `Fact.key` is `kind[:unit]:spec`. The spec is a canonical number ("12",
 * "2500000000"), a qualified number ("~12" about/around, "<40" nearly/less than, "<=3" up to,
 * ">100" more than, ">=5" at least) or a vague tag. Vague tags carry no `value` and set `approx`:
 * "~few" (a few, several, a handful, a number of, multiple, and bare plurals such as "for weeks"),
 * "~many" (many, numerous, countless, lots), "~dozens" (dozens, scores), "~hundreds",
 * "~thousands", "~tens-of-thousands", "~hundreds-of-thousands", "~millions", ... "A couple" is
 * the number 2 with `approx` ("~2").
 *
 * Examples: "number:12", "number:goal:5", "number:year-old:24", "percent:10", "percent:point:2",
 * "money:usd:2500000000", "quantity:km:40", "duration:week:2", "duration:week:~few",
 * "year:2015", "year:1990s", "year:2015-2016", "ordinal:3", "time:15:00", "time:gmt:15:00".
 * Dates: "date:weekday:thursday[:morning|afternoon|evening|night|early|late]",
 * "date:2021-06-03", "date:2021-06", "date:--06-03" (no year), "date:month:6[:early|mid|late]",
 * "date:relative:last-week", "date:relative:yesterday[:morning]", and offsets
 * "date:relative:<unit>-<ago|after|before|hence>[:spec]" where one unit is left implicit
 * ("a day after" → "date:relative:day-after", "two days later" → "date:relative:day-after:2").
 *
 * Decision. Keys are strings rather than structured values so that two facts with the same
 * meaning compare (and index, and serialise) as equal strings; the few readers that need the parts
 * parse them here instead of each splitting keys their own way.
 */
import { foldForMatch } from '../text/fold.js';
import type { Qual } from './numwords.js';
import type { Fact } from './types.js';

/**
 * Canonical text of a number in keys: integers as they are, others to 12 significant digits.
 *
 * @example
 * ```ts
 * keyNumber(2.5e9); // '2500000000'
 * keyNumber(0.1 + 0.2); // '0.3'
 * ```
 */
export function keyNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  return String(Number(v.toPrecision(12)));
}

/**
 * The spec part of a key: a vague tag, or a number with its qualifier.
 *
 * @example
 * ```ts
 * keySpec(12, '~', undefined); // '~12'
 * keySpec(undefined, '~', 'few'); // '~few'
 * ```
 */
export function keySpec(value: number | undefined, qual: Qual, tag: string | undefined): string {
  if (tag) return `~${tag}`;
  const v = keyNumber(value ?? 0);
  return qual === '=' ? v : qual + v;
}

/** A spec read back: a number with its qualifier, or a vague tag (qualifier `~`, no value). */
export interface Spec {
  value?: number;
  qual: Qual;
  tag?: string;
}

/**
 * Reads a spec segment; `value` (the fact's exact value, when it has one) wins over the digits
 * of the key, which are rounded.
 *
 * @example
 * ```ts
 * parseSpec('<=3', undefined); // { value: 3, qual: '<=' }
 * parseSpec('~few', undefined); // { qual: '~', tag: 'few' }
 * ```
 */
export function parseSpec(seg: string, value: number | undefined): Spec {
  const m = /^(<=|>=|<|>|~)?(.*)$/.exec(seg);
  const q = (m?.[1] ?? '') as Qual | '';
  const rest = m?.[2] ?? '';
  const num = Number(rest);
  if (rest !== '' && Number.isFinite(num)) return { value: value ?? num, qual: q || '=' };
  return { qual: '~', tag: rest };
}

/**
 * The spec of an amount fact (number, percent, money, quantity, duration): its key's last segment.
 *
 * @example
 * ```ts
 * factSpec(fact); // { value: 2500000000, qual: '=' } for "$2.5 billion"
 * ```
 */
export function factSpec(f: Fact): Spec {
  return parseSpec(f.key.slice(f.key.lastIndexOf(':') + 1), f.value);
}

/** A date key read back: a weekday, a relative date, or an absolute date with some parts known. */
export type DateKey =
  | { fam: 'weekday'; day: string; part?: string }
  | { fam: 'relative'; tag: string; spec?: string; part?: string }
  | { fam: 'abs'; y?: number; m?: number; d?: number; part?: string };

/**
 * Reads a `date:` key; undefined for a key this scheme does not write.
 *
 * @example
 * ```ts
 * parseDateKey('date:2021-06-03:evening'); // { fam: 'abs', y: 2021, m: 6, d: 3, part: 'evening' }
 * parseDateKey('date:relative:day-after:2'); // { fam: 'relative', tag: 'day-after', spec: '2' }
 * ```
 */
export function parseDateKey(key: string): DateKey | undefined {
  const seg = key.split(':');
  if (seg[1] === 'weekday') return { fam: 'weekday', day: seg[2], part: seg[3] };
  if (seg[1] === 'relative') {
    const x = seg[3];
    if (x === undefined) return { fam: 'relative', tag: seg[2] };
    return /^(?:<=|>=|<|>|~)?[\d.-]|^~/.test(x)
      ? { fam: 'relative', tag: seg[2], spec: x, part: seg[4] }
      : { fam: 'relative', tag: seg[2], part: x };
  }
  if (seg[1] === 'month') return { fam: 'abs', m: Number(seg[2]), part: seg[3] };
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(seg[1]);
  if (m) return { fam: 'abs', y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), part: seg[2] };
  m = /^(\d{4})-(\d{2})$/.exec(seg[1]);
  if (m) return { fam: 'abs', y: Number(m[1]), m: Number(m[2]), part: seg[2] };
  m = /^--(\d{2})-(\d{2})$/.exec(seg[1]);
  if (m) return { fam: 'abs', m: Number(m[1]), d: Number(m[2]), part: seg[2] };
  return undefined;
}

/** Seconds in each duration unit of the keys (months and years of average length). */
export const DURATION_SECONDS: Readonly<Record<string, number>> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  week: 604800,
  month: 2629746,
  year: 31556952,
  decade: 315569520,
  century: 3155695200,
};

/**
 * A fact's surface text reduced to what tells two wordings apart: folded, punctuation gone.
 *
 * @example
 * ```ts
 * normSurface('$2.5 Billion'); // '$2 5 billion'
 * ```
 */
export function normSurface(s: string): string {
  return foldForMatch(s)
    .replace(/[^\p{L}\p{N}%$€£¥]+/gu, ' ')
    .trim();
}
