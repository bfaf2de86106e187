/**
 * Finds number, quantity, duration, date and time expressions ("facts") in sentences and gives
 * each a canonical key, so that "12" and "a dozen", or "48 hours" and "two days", read the same.
 *
 * Representation. Each sentence is tokenised (`numwords.ts`); at each token the matchers below
 * propose readings (candidates with a token span, a kind and a key in the scheme of
 * `fact-keys.ts`), and the longest wins, ties going to the kind listed first in `PRIO`.
 * Prepositions ("on Thursday", "in June", "for a day") are not part of a fact's text; qualifiers
 * that change the meaning ("the past few weeks", "last Thursday", "about 12") are.
 *
 * A number followed by a count noun keeps kind 'number' and gets the singular noun as `unit`
 * ("5,000 troops" → unit "troop", key "number:troop:5000"); count nouns are inferred for English
 * only. Money `unit` is a lower-case ISO 4217 code ("usd", "eur"; "peso"/"dinar" when the country
 * is unknown); a time's `unit` is its time zone and its `value` the minutes after midnight.
 *
 * Relating facts across versions is in `compare/fact-relations.ts`, wording them for reports in
 * `report/fact-label.ts`.
 */

import { scanTokens } from '../text/tokenize.js';
import type { Sentence } from '../text/types.js';
import {
  articleAmount,
  type Core,
  countNoun,
  digitOk,
  parseAmount,
  parseCore,
  type Scan,
  scaleMul,
  unitPositions,
} from './fact-amounts.js';
import { keySpec } from './fact-keys.js';
import { type Dir, type Qual, type TimeUnit, tablesFor } from './numwords.js';
import type { Fact, FactKind } from './types.js';

interface Cand {
  kind: FactKind;
  /** Token range [i, j). */
  i: number;
  j: number;
  key: string;
  value?: number;
  approx?: boolean;
  unit?: string;
  prio: number;
}

/** Tie-break when two readings cover the same span: lower wins. */
const PRIO: Record<FactKind, number> = {
  money: 0,
  percent: 1,
  quantity: 2,
  date: 3,
  duration: 4,
  time: 5,
  year: 6,
  ordinal: 7,
  number: 8,
};

function cand(
  kind: FactKind,
  i: number,
  j: number,
  f: {
    key?: string;
    unit?: string;
    value?: number;
    qual?: Qual;
    tag?: string;
    approx?: boolean;
    prio?: number;
  },
): Cand {
  const qual = f.qual ?? '=';
  const key = f.key ?? [kind, ...(f.unit ? [f.unit] : []), keySpec(f.value, qual, f.tag)].join(':');
  const c: Cand = { kind, i, j, key, prio: f.prio ?? PRIO[kind] };
  if (f.value !== undefined && !f.tag) c.value = f.value;
  if (f.unit !== undefined) c.unit = f.unit;
  if (f.approx || qual !== '=' || f.tag) c.approx = true;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Matchers: each returns the reading starting at token i, if any.

function matchMoney(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  const q = T.qualifiers.match(toks, i);
  for (const start of q ? [q.end, i] : [i]) {
    const cp = T.curPrefix.match(toks, start, true);
    if (!cp) continue;
    const p0 = toks[start];
    // letter codes before a number must be written as codes ("USD 5", not "usd")
    if (p0.t === 'word' && p0.raw === p0.raw.toLowerCase()) continue;
    const core = parseCore(S, cp.end, true);
    if (!core || core.value === undefined) continue;
    let qual: Qual = start === i ? '=' : (q?.val ?? '=');
    let end = core.end;
    if (qual === '=') {
      const pq = T.postQual.match(toks, end);
      if (pq && !(toks[end].n === '+' && toks[end].gap)) {
        qual = pq.val;
        end = pq.end;
      }
    }
    return cand('money', i, end, { unit: cp.val, value: core.value, qual });
  }
  const a = parseAmount(S, i, true);
  if (!a) return undefined;
  for (const p of unitPositions(S, a)) {
    const c = T.curSuffix.match(toks, p);
    if (!c) continue;
    // "5 pounds" is a weight; "5 million pounds" is money
    if (c.val.gated && !a.scaled && !a.tag) continue;
    const w = toks[p];
    if (w.t === 'word' && w.n.length === 3 && w.raw === w.raw.toLowerCase() && CODE_LIKE.has(w.n)) continue;
    return cand('money', i, c.end, { unit: c.val.code, value: a.value, qual: a.qual, tag: a.tag });
  }
  return undefined;
}

/** Lower-case three-letter codes that are also words ("try", "won" are handled by gating). */
const CODE_LIKE = new Set(['cad', 'rub', 'sek', 'aud']);

function matchPercent(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  const a = parseAmount(S, i);
  if (!a || (a.value === undefined && !a.tag)) return undefined;
  for (const p of unitPositions(S, a)) {
    const m = T.percent.match(toks, p);
    if (!m) continue;
    return m.val === 'point'
      ? cand('percent', i, m.end, {
          key: `percent:point:${keySpec(a.value, a.qual, a.tag)}`,
          unit: 'point',
          ...vq(a),
        })
      : cand('percent', i, m.end, {
          key: `percent:${keySpec(a.value, a.qual, a.tag)}`,
          unit: 'percent',
          ...vq(a),
        });
  }
  return undefined;
}

function vq(a: Core): { value?: number; qual: Qual; tag?: string } {
  return { value: a.value, qual: a.qual, tag: a.tag };
}

function matchQuantity(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  if (toks[i].n === 'magnitude') {
    let k = i + 1;
    if (toks[k]?.n === '-') k++;
    const a = parseAmount(S, k);
    if (a?.digits) return cand('quantity', i, a.end, { unit: 'magnitude', ...vq(a) });
    return undefined;
  }
  const a = parseAmount(S, i);
  if (!a) return undefined;
  for (const p of unitPositions(S, a)) {
    const m = T.measure.match(toks, p);
    if (!m) continue;
    if (toks[p].n === 'm' && m.end === p + 1) {
      // a bare "m" is a metre only when glued to digits, and "5m people" is five million
      if (toks[p].gap || !a.digits || a.scaled) continue;
      if (T.countNouns && countNoun(S, m.end, true)) continue;
    }
    const value = a.value !== undefined ? scaleMul(a.value, m.val.mult ?? 1) : undefined;
    return cand('quantity', i, m.end, { unit: m.val.unit, value, qual: a.qual, tag: a.tag });
  }
  return undefined;
}

const PER_WORDS = new Set(['once', 'twice', 'thrice', 'times', 'per', 'each', 'every', 'a', 'an']);

function matchDuration(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  let k = i;
  const pre = T.durPre.match(toks, i);
  if (pre) k = pre.end;
  let a = parseAmount(S, k);
  if (!a && pre && toks[k]?.n === 'few') {
    // "the past few weeks": "few" after a qualifier means "a few"
    a = {
      tag: 'few',
      qual: '~',
      end: k + 1,
      digits: false,
      scaled: false,
      needsUnit: true,
      article: false,
      year4: false,
    };
  }
  a ??= articleAmount(S, k);
  if (a) {
    for (const p of unitPositions(S, a)) {
      const u = T.timeUnits.match(toks, p);
      if (!u) continue;
      if (a.article) {
        // "twice a week", "$5 million a year" are rates, not durations
        const prev = toks[k - 1];
        if (!pre && ((prev && PER_WORDS.has(prev.n)) || S.lastFactEnd === k)) return undefined;
        // "a second term" is an ordinal; "for a second" a duration
        if (toks[p].n === 'second' && !(prev && DURATION_PREPS.has(prev.n))) return undefined;
      }
      let value = a.value !== undefined ? scaleMul(a.value, u.val.mult) : undefined;
      let end = u.end;
      const ah = T.andHalf.match(toks, end);
      if (ah && value !== undefined && a.qual === '=' && !a.tag) {
        value += 0.5 * u.val.mult;
        end = ah.end;
      }
      if (toks[end]?.n === '-' && !toks[end].gap && toks[end + 1]?.n === 'long') end += 2;
      // "a 24-year-old woman", "aged 31 years old": an age, not a span of time
      const old = toks[end]?.n === '-' && !toks[end].gap ? end + 1 : end;
      if (T.lang === 'en' && toks[old]?.n === 'old' && !pre) {
        return cand('number', i, old + 1, { unit: `${u.val.unit}-old`, value, qual: a.qual, tag: a.tag });
      }
      return cand('duration', i, end, { unit: u.val.unit, value, qual: a.qual, tag: a.tag });
    }
    if (!pre || !a.article) return undefined;
  }
  if (pre) {
    if (!pre.val) return undefined;
    const u = T.timeUnits.match(toks, k);
    if (!u) return undefined;
    // "the past week" is one week, "the coming days" a few
    return u.val.plural && u.val.mult === 1 && toks[k].n !== 'mois'
      ? cand('duration', i, u.end, { unit: u.val.unit, tag: 'few', qual: '~' })
      : cand('duration', i, u.end, { unit: u.val.unit, value: u.val.mult });
  }
  // bare plurals: "for weeks", "after months of talks", "years-long"
  const u = T.timeUnits.match(toks, i);
  if (!u?.val.plural || u.end !== i + 1 || toks[i].n === 'h') return undefined;
  let end = u.end;
  let ok = i > 0 && T.bareLookback.has(toks[i - 1].n);
  if (toks[end]?.n === '-' && !toks[end].gap && toks[end + 1]?.n === 'long') {
    end += 2;
    ok = true;
  }
  return ok ? cand('duration', i, end, { unit: u.val.unit, tag: 'few', qual: '~' }) : undefined;
}

/** Prepositions that make "N units after/before" a span rather than a point in time. */
const DURATION_PREPS = new Set(['for', 'within', 'over', 'during', 'seit', 'durante', 'pendant']);

function relKey(
  unit: TimeUnit,
  dir: Dir,
  value: number | undefined,
  qual: Qual,
  tag: string | undefined,
): string {
  const base = `date:relative:${unit}-${dir}`;
  return !tag && qual === '=' && value === 1 ? base : `${base}:${keySpec(value, qual, tag)}`;
}

function matchRelative(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  let best: Cand | undefined;
  const take = (c: Cand | undefined): void => {
    if (c && (!best || c.j > best.j)) best = c;
  };
  const f = T.relFixed.match(toks, i);
  if (f) {
    const t0 = toks[i];
    const single = f.end === i + 1;
    const prev = toks[i - 1]?.n ?? '';
    // German "Morgen" is the morning; Spanish "la mañana" too
    const skip =
      single &&
      ((T.lang === 'de' && t0.n === 'morgen' && t0.cap && i > 0) ||
        (T.lang === 'es' && t0.n === 'manana' && ['la', 'esta', 'por', 'de', 'una'].includes(prev)));
    if (!skip) {
      let end = f.end;
      let part: string | undefined;
      const { tag, value } = f.val;
      if (tag === 'yesterday' || tag === 'tomorrow' || tag === 'today') {
        const dp = T.dayParts.match(toks, end);
        if (dp) {
          part = dp.val;
          end = dp.end;
        }
      }
      let key = `date:relative:${tag}`;
      if (/-(?:ago|hence)$/.test(tag) && value !== undefined && value !== 1) key += `:${value}`;
      if (part) key += `:${part}`;
      take(cand('date', i, end, { key, unit: f.val.unit, value }));
    }
  }
  const withUnit = (
    a: Core | undefined,
    dirOf: (end: number) => { val: Dir; end: number } | undefined,
  ): void => {
    if (!a) return;
    const u = T.timeUnits.match(toks, a.end);
    if (!u) return;
    const d = dirOf(u.end);
    if (!d) return;
    const value = a.value !== undefined ? scaleMul(a.value, u.val.mult) : undefined;
    const key = relKey(u.val.unit, d.val, value, a.qual, a.tag);
    take(cand('date', i, d.end, { key, unit: u.val.unit, value, qual: a.qual, tag: a.tag }));
  };
  // "vor zwei Tagen", "hace dos días", "il y a deux jours"
  const ap = T.agoPre.match(toks, i);
  if (ap) {
    // the direction sits before the amount here, so the span ends at the unit
    const a = parseAmount(S, ap.end) ?? articleAmount(S, ap.end);
    const u = a ? T.timeUnits.match(toks, a.end) : undefined;
    if (a && u) {
      const value = a.value !== undefined ? scaleMul(a.value, u.val.mult) : undefined;
      const key = relKey(u.val.unit, ap.val, value, a.qual, a.tag);
      take(cand('date', i, u.end, { key, unit: u.val.unit, value, qual: a.qual, tag: a.tag }));
    }
  }
  // "two days later", "a day after", "three years ago"; but "for 20 months after the crash" is a duration
  if (!(i > 0 && DURATION_PREPS.has(toks[i - 1].n))) {
    withUnit(parseAmount(S, i) ?? articleAmount(S, i), (e) => T.dirPost.match(toks, e));
  }
  // "years later", "weeks ago"
  const u = T.timeUnits.match(toks, i);
  if (u?.val.plural && toks[i].n !== 'h') {
    const d = T.dirPost.match(toks, u.end);
    if (d) {
      take(
        cand('date', i, d.end, {
          key: relKey(u.val.unit, d.val, undefined, '~', 'few'),
          unit: u.val.unit,
          tag: 'few',
          qual: '~',
        }),
      );
    }
  }
  return best;
}

function matchWeekday(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  let k = i;
  const pre = T.weekdayPre.match(toks, i);
  if (pre) k = pre.end;
  const t = toks[k];
  if (t?.t !== 'word') return undefined;
  const wd = T.weekdays.get(t.n);
  if (!wd || (T.capsCalendar && !t.cap)) return undefined;
  let end = k + 1;
  let part = wd.part;
  const post = T.weekdayPost.match(toks, end);
  if (post) end = post.end;
  if (!part) {
    const dp = T.dayParts.match(toks, end);
    if (dp) {
      part = dp.val;
      end = dp.end;
    }
  }
  if (!part && (pre?.val === 'early' || pre?.val === 'late')) part = pre.val;
  return cand('date', i, end, { key: `date:weekday:${wd.day}${part ? `:${part}` : ''}` });
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function absKey(y: number | undefined, m: number, d: number | undefined, part?: string): string {
  let k: string;
  if (d !== undefined)
    k = y !== undefined ? `date:${y}-${pad2(m)}-${pad2(d)}` : `date:--${pad2(m)}-${pad2(d)}`;
  else k = y !== undefined ? `date:${y}-${pad2(m)}` : `date:month:${m}`;
  return part ? `${k}:${part}` : k;
}

function monthAt(S: Scan, k: number): { m: number; end: number; abbr: boolean } | undefined {
  const { toks, T } = S;
  const t = toks[k];
  if (t?.t !== 'word') return undefined;
  const mo = T.months.get(t.n);
  if (!mo || (T.capsCalendar && !t.cap)) return undefined;
  let end = k + 1;
  if (mo.abbr && toks[end]?.n === '.' && !toks[end].gap) end++;
  return { m: mo.m, end, abbr: mo.abbr };
}

function dayAt(S: Scan, k: number): { d: number; end: number } | undefined {
  const { toks, T } = S;
  const t = toks[k];
  if (t?.t !== 'num' || !/^\d{1,2}$/.test(t.raw)) return undefined;
  const d = Number(t.raw);
  if (d < 1 || d > 31 || !digitOk(S, k)) return undefined;
  const s = toks[k + 1];
  if (s && !s.gap && s.t === 'word' && T.ordSuffix.has(s.n)) return { d, end: k + 2 };
  return { d, end: k + 1 };
}

function yearAt(S: Scan, k: number, comma: boolean): { y: number; end: number } | undefined {
  const { toks, T } = S;
  let j = k;
  if (comma && toks[j]?.n === ',') j++;
  if (toks[j] && T.yearJoin.has(toks[j].n)) j++;
  const t = toks[j];
  if (t?.t !== 'num' || !/^\d{4}$/.test(t.raw)) return undefined;
  const y = Number(t.raw);
  if (y < 1000 || y > 2999 || !digitOk(S, j)) return undefined;
  return { y, end: j + 1 };
}

function validYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1000 && y <= 2999;
}

/** "2021-06-03", "03/06/2021", "03.06.2021". */
function numericDate(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  const raw = toks[i].raw;
  if (raw.length <= 10 && /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(raw)) {
    const [d, m, y] = raw.split('.').map(Number);
    return validYmd(y, m, d) ? cand('date', i, i + 1, { key: absKey(y, m, d) }) : undefined;
  }
  const glued = (k: number): boolean => !!toks[k] && !toks[k].gap;
  const num = (k: number, re: RegExp): number | undefined =>
    toks[k]?.t === 'num' && glued(k) && re.test(toks[k].raw) ? Number(toks[k].raw) : undefined;
  const sep = toks[i + 1]?.n;
  if ((sep !== '-' && sep !== '/') || !glued(i + 1) || toks[i + 3]?.n !== sep || !glued(i + 3))
    return undefined;
  if (/^\d{4}$/.test(raw)) {
    const m = num(i + 2, /^\d{1,2}$/);
    const d = num(i + 4, /^\d{1,2}$/);
    const y = Number(raw);
    if (m === undefined || d === undefined || !validYmd(y, m, d)) return undefined;
    return cand('date', i, i + 5, { key: absKey(y, m, d) });
  }
  if (sep === '/' && /^\d{1,2}$/.test(raw)) {
    const a = Number(raw);
    const b = num(i + 2, /^\d{1,2}$/);
    const y = num(i + 4, /^\d{4}$/);
    if (b === undefined || y === undefined) return undefined;
    // US order in English unless impossible; day first elsewhere
    const monthFirst = T.lang === 'en' ? a <= 12 : b > 12;
    const [m, d] = monthFirst ? [a, b] : [b, a];
    return validYmd(y, m, d) ? cand('date', i, i + 5, { key: absKey(y, m, d) }) : undefined;
  }
  return undefined;
}

function matchAbsDate(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  const t = toks[i];
  if (t.t === 'num') {
    const nd = numericDate(S, i);
    if (nd) return nd;
    const d = dayAt(S, i);
    if (!d) return undefined;
    let j = d.end;
    if (toks[j] && T.dayJoin.has(toks[j].n)) j++;
    const m = monthAt(S, j);
    if (!m) return undefined;
    const y = yearAt(S, m.end, false);
    return cand('date', i, y ? y.end : m.end, { key: absKey(y?.y, m.m, d.d) });
  }
  let k = i;
  let part: string | undefined;
  const pre = T.monthPre.match(toks, i);
  if (pre) {
    k = pre.end;
    if (toks[k]?.n === '-' && !toks[k].gap) k++;
    part = pre.val;
  }
  const m = monthAt(S, k);
  if (!m) return undefined;
  if (!part) {
    const d = dayAt(S, m.end);
    if (d) {
      const y = yearAt(S, d.end, true);
      return cand('date', i, y ? y.end : d.end, { key: absKey(y?.y, m.m, d.d) });
    }
  }
  const y = yearAt(S, m.end, false);
  if (y) return cand('date', i, y.end, { key: absKey(y.y, m.m, undefined, part) });
  if (m.abbr) return undefined;
  // "May" and "March" are also a verb: alone they need a cue such as "in May"
  if (T.capsCalendar && (m.m === 3 || m.m === 5) && !pre && !T.monthCues.has(toks[i - 1]?.n ?? ''))
    return undefined;
  return cand('date', i, m.end, { key: absKey(undefined, m.m, undefined, part) });
}

function matchTime(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  const t = toks[i];
  let h: number;
  let m = 0;
  let end: number;
  let strong = false;
  let prio = PRIO.time;
  const tw = t.t === 'word' ? T.timeWords.get(t.n) : undefined;
  if (tw !== undefined) {
    h = Math.floor(tw / 60);
    m = tw % 60;
    end = i + 1;
    strong = true;
  } else if (t.t === 'num') {
    const raw = t.raw;
    const c1 = toks[i + 1];
    const c2 = toks[i + 2];
    if (
      /^\d{1,2}$/.test(raw) &&
      c1?.n === ':' &&
      !c1.gap &&
      c2?.t === 'num' &&
      !c2.gap &&
      /^\d{2}$/.test(c2.raw)
    ) {
      h = Number(raw);
      m = Number(c2.raw);
      end = i + 3;
      strong = true;
      const c3 = toks[end];
      const c4 = toks[end + 1];
      if (c3?.n === ':' && !c3.gap && c4?.t === 'num' && !c4.gap && /^\d{2}$/.test(c4.raw)) end += 2;
    } else if (/^\d{1,2}[.,]\d{2}$/.test(raw)) {
      h = Number(raw.slice(0, raw.length - 3));
      m = Number(raw.slice(-2));
      end = i + 1;
    } else if (/^\d{1,2}$/.test(raw)) {
      h = Number(raw);
      end = i + 1;
    } else if (
      /^\d{4}$/.test(raw) &&
      T.tz.match(toks, i + 1) &&
      toks[i + 1].raw === toks[i + 1].raw.toUpperCase()
    ) {
      // wire style "1430 GMT"
      h = Number(raw.slice(0, 2));
      m = Number(raw.slice(2));
      end = i + 1;
      strong = true;
    } else return undefined;
    if (!digitOk(S, i)) return undefined;
    const ap = T.ampm.match(toks, end);
    if (ap) {
      if (h < 1 || h > 12) return undefined;
      h = ap.val === 'pm' ? (h % 12) + 12 : h % 12;
      end = ap.end;
      strong = true;
    } else {
      const cw = T.clockWords.match(toks, end);
      if (cw) {
        const w = toks[end].n;
        const hourWord = w === 'heures' || w === 'heure' || w === 'horas';
        const cue = i > 0 && T.clockCues.has(toks[i - 1].n);
        if (!hourWord || cue || end > i + 1 || /[.,:]/.test(raw)) {
          end = cw.end;
          strong = true;
          // "fifteen heures" after "à" is a clock time, and so outranks the duration reading
          if (hourWord || w === 'h') prio = PRIO.date + 0.5;
          const mm = toks[end];
          if (mm?.t === 'num' && /^\d{2}$/.test(mm.raw) && (!mm.gap || w === 'h')) {
            m = Number(mm.raw);
            end++;
          }
        }
      }
    }
  } else return undefined;
  if (!strong || h > 24 || m > 59) return undefined;
  let unit: string | undefined;
  const tz = T.tz.match(toks, end);
  if (tz && toks[end].raw === toks[end].raw.toUpperCase()) {
    unit = tz.val === 'utc' ? 'gmt' : tz.val;
    end = tz.end;
  } else if (toks[end]?.n === 'local' && toks[end + 1]?.n === 'time') end += 2;
  const hm = `${pad2(h)}:${pad2(m)}`;
  return cand('time', i, end, {
    key: unit ? `time:${unit}:${hm}` : `time:${hm}`,
    unit,
    value: h * 60 + m,
    prio,
  });
}

function matchYear(S: Scan, i: number): Cand | undefined {
  const { toks } = S;
  const t = toks[i];
  if (t.t !== 'num' || !/^\d{4}$/.test(t.raw)) return undefined;
  const y = Number(t.raw);
  if (y < 1900 || y > 2099 || !digitOk(S, i)) return undefined;
  const nx = toks[i + 1];
  if (nx && !nx.gap && nx.n === 's' && y % 10 === 0) {
    return cand('year', i, i + 2, { key: `year:${y}s`, value: y, approx: true });
  }
  if (nx && !nx.gap && (nx.n === '-' || nx.n === '/')) {
    const r = toks[i + 2];
    if (r?.t === 'num' && !r.gap && /^(?:\d{2}|\d{4})$/.test(r.raw)) {
      const y2 = r.raw.length === 2 ? Math.floor(y / 100) * 100 + Number(r.raw) : Number(r.raw);
      if (y2 > y && y2 - y <= 10)
        return cand('year', i, i + 3, { key: `year:${y}-${y2}`, value: y, approx: true });
    }
  }
  return cand('year', i, i + 1, { key: `year:${y}`, value: y });
}

function matchOrdinal(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  const t = toks[i];
  if (t.t === 'word') {
    const tn = T.tens.match(toks, i);
    if (tn && toks[tn.end]?.n === '-' && toks[tn.end + 1]) {
      const o = T.ordinals.get(toks[tn.end + 1].n);
      if (o !== undefined && o < 10) return cand('ordinal', i, tn.end + 2, { value: tn.val + o });
    }
    const o = T.ordinals.get(t.n);
    return o === undefined ? undefined : cand('ordinal', i, i + 1, { value: o });
  }
  if (t.t !== 'num' || !/^\d{1,6}$/.test(t.raw)) return undefined;
  let j = i + 1;
  if (T.lang === 'es' && toks[j]?.n === '.' && !toks[j].gap && toks[j + 1] && !toks[j + 1].gap) j++;
  const s = toks[j];
  if (s && !s.gap && s.t === 'word' && T.ordSuffix.has(s.n))
    return cand('ordinal', i, j + 1, { value: Number(t.raw) });
  return undefined;
}

const AMBIGUOUS_WORDS = new Set(['neuf', 'media', 'medio', 'demi', 'demie']);

const ONE_PRONOUN_PREV = new Set([
  'no',
  'any',
  'every',
  'each',
  'the',
  'this',
  'that',
  'which',
  'last',
  'new',
  'other',
  'such',
  'a',
]);

function matchNumber(S: Scan, i: number): Cand | undefined {
  const { toks, T } = S;
  const a = parseAmount(S, i);
  if (!a) return undefined;
  // "no one", "the one who", "one another"
  if (toks[i].n === 'one' && T.lang === 'en') {
    if ((i > 0 && ONE_PRONOUN_PREV.has(toks[i - 1].n)) || toks[a.end]?.n === 'another') return undefined;
  }
  // a bare four-digit number from 1900 to 2099 is read as a year
  if (a.year4 && a.qual === '=' && a.value !== undefined && a.value >= 1900 && a.value <= 2099)
    return undefined;
  let end = a.end;
  let unit: string | undefined;
  let value = a.value;
  if (T.countNouns) {
    const g = toks[end];
    if (a.digits && !a.scaled && value !== undefined && g && !g.gap && (g.n === 'm' || g.n === 'k')) {
      const cn = countNoun(S, end + 1, true);
      if (cn) {
        value = scaleMul(value, g.n === 'm' ? 1e6 : 1e3);
        unit = cn.unit;
        end = cn.end;
      }
    }
    if (!unit) {
      const plural = a.tag !== undefined || a.value !== 1 || a.qual !== '=';
      let p = end;
      if ((a.tag || a.needsUnit || a.scaled) && T.connectors.has(toks[p]?.n ?? '')) p++;
      const cn = countNoun(S, p, plural);
      if (cn) {
        unit = cn.unit;
        end = cn.end;
      }
    }
  }
  if (a.needsUnit && !unit) return undefined;
  if (value === undefined && !a.tag) return undefined;
  // French "neuf" is also "new", Spanish "media" also "average": alone they are not numbers
  if (end === i + 1 && AMBIGUOUS_WORDS.has(toks[i].n)) return undefined;
  return cand('number', i, end, { unit, value, qual: a.qual, tag: a.tag });
}

const MATCHERS = [
  matchMoney,
  matchPercent,
  matchQuantity,
  matchRelative,
  matchWeekday,
  matchAbsDate,
  matchDuration,
  matchTime,
  matchYear,
  matchOrdinal,
  matchNumber,
];

function bestAt(S: Scan, i: number): Cand | undefined {
  let best: Cand | undefined;
  for (const m of MATCHERS) {
    const c = m(S, i);
    if (!c || c.j <= i) continue;
    if (!best || c.j > best.j || (c.j === best.j && c.prio < best.prio)) best = c;
  }
  return best;
}

/**
 * Finds the number, money, percent, quantity, duration, date, time, year and ordinal expressions
 * of each sentence. Offsets are absolute; the result is sorted by start and never overlaps (at
 * each position the longest reading wins). English is covered fully; German, Spanish and French
 * get number words, units, currencies, months, weekdays and common relative dates; every other
 * language gets digits, symbols, codes, numeric dates and clock times.
 *
 * @example
 * ```ts
 * const text = 'Talks stalled over the past few weeks, costing $2.5 billion.';
 * const facts = extractFacts(text, [{ index: 0, text, start: 0, end: text.length, paragraph: 0 }], 'en');
 * facts.map((f) => f.key); // ['duration:week:~few', 'money:usd:2500000000']
 * ```
 */
export function extractFacts(text: string, sentences: Sentence[], lang: string): Fact[] {
  const T = tablesFor(lang);
  const out: Fact[] = [];
  for (const s of sentences) {
    const start = Math.max(0, Math.min(text.length, s.start));
    const end = Math.max(start, Math.min(text.length, s.end));
    const toks = scanTokens(text.slice(start, end), start);
    const S: Scan = { toks, T, lastFactEnd: -1, amt: [] };
    let i = 0;
    while (i < toks.length) {
      const c = bestAt(S, i);
      if (!c) {
        i++;
        continue;
      }
      const fs = toks[c.i].s;
      const fe = toks[c.j - 1].e;
      const f: Fact = {
        kind: c.kind,
        text: text.slice(fs, fe),
        start: fs,
        end: fe,
        sentence: s.index,
        key: c.key,
      };
      if (c.value !== undefined) f.value = c.value;
      if (c.approx) f.approx = true;
      if (c.unit !== undefined) f.unit = c.unit;
      out.push(f);
      S.lastFactEnd = c.j;
      i = c.j;
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // sentences should not overlap, but never hand out overlapping facts if they do
  const clean: Fact[] = [];
  for (const f of out) if (!clean.length || f.start >= clean[clean.length - 1].end) clean.push(f);
  return clean;
}
