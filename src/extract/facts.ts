/**
 * Number, quantity, duration, date and time expressions ("facts") and how two of them relate.
 *
 * Key scheme (`Fact.key`): `kind[:unit]:spec`. The spec is a canonical number ("12",
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
 * Prepositions ("on Thursday", "in June", "for a day") are not part of a fact's text; qualifiers
 * that change the meaning ("the past few weeks", "last Thursday", "about 12") are.
 *
 * A number followed by a count noun keeps kind 'number' and gets the singular noun as `unit`
 * ("5,000 troops" → unit "troop", key "number:troop:5000"); count nouns are inferred for English
 * only. Money `unit` is a lower-case ISO 4217 code ("usd", "eur"; "peso"/"dinar" when the country
 * is unknown); a time's `unit` is its time zone and its `value` the minutes after midnight.
 */
import type { Sentence } from '../text/types.js';
import {
  COUNT_ADJECTIVES,
  type Dir,
  foldWord,
  type Qual,
  type Tables,
  type TimeUnit,
  type Tok,
  TZ_OFFSETS,
  tablesFor,
  tokenize,
} from './numwords.js';
import type { Fact, FactKind } from './types.js';

/** How fact `b` relates to fact `a` (see {@link relateFacts}). */
export type FactRelation = 'equal' | 'rephrased' | 'changed' | 'vaguer' | 'more-precise' | 'unrelated';

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

interface Core {
  value?: number;
  tag?: string;
  qual: Qual;
  end: number;
  digits: boolean;
  scaled: boolean;
  needsUnit: boolean;
  article: boolean;
  /** A bare four-digit number: possibly a year. */
  year4: boolean;
}

interface Scan {
  toks: Tok[];
  T: Tables;
  /** Token index just after the last emitted fact. */
  lastFactEnd: number;
  amt: (Core | null | undefined)[];
}

// ---------------------------------------------------------------------------------------------
// Numbers.

/** Rounds away binary noise from scaling ("1.2" × 1e9). */
function scaleMul(v: number, m: number): number {
  return Number((v * m).toPrecision(15));
}

/** Canonical text of a number in keys. */
function fmt(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  return String(Number(v.toPrecision(12)));
}

/**
 * Reads a digit token with "." and "," separators. The last separator of two kinds is the decimal
 * mark; a single separator followed by exactly three digits is a thousands mark unless the language
 * writes decimals with that character ("1.234" is 1234 in German, 1.234 in English).
 */
export function parseDigits(raw: string, decimalComma: boolean): number | undefined {
  if (raw.length > 30) return undefined;
  const s = raw.replace(/[\u00a0\u202f\u2009]/g, ' ');
  let dots = 0;
  let commas = 0;
  let spaces = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '.') dots++;
    else if (c === ',') commas++;
    else if (c === ' ') spaces++;
  }
  let dec: string | undefined;
  let thou: string | undefined;
  if (dots && commas) {
    dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    thou = dec === '.' ? ',' : '.';
  } else if (dots || commas) {
    const sep = dots ? '.' : ',';
    if ((dots || commas) > 1) thou = sep;
    else {
      const after = s.length - s.indexOf(sep) - 1;
      if (after !== 3 || (sep === ',') === decimalComma) dec = sep;
      else thou = sep;
    }
  }
  if (spaces) {
    if (thou) return undefined;
    thou = ' ';
  }
  let intPart = s;
  let frac = '';
  if (dec) {
    const at = s.lastIndexOf(dec);
    intPart = s.slice(0, at);
    frac = s.slice(at + 1);
    if (frac.includes('.') || frac.includes(',') || frac.includes(' ')) return undefined;
  }
  if (thou) {
    const groups = intPart.split(thou);
    if (groups[0].length < 1 || groups[0].length > 3) return undefined;
    for (let g = 1; g < groups.length; g++) if (groups[g].length !== 3) return undefined;
    intPart = groups.join('');
  }
  if (intPart.includes('.') || intPart.includes(',') || intPart.includes(' ')) return undefined;
  return Number(frac ? `${intPart || '0'}.${frac}` : intPart);
}

const SOFT_PREFIXES = new Set([
  'mid',
  'pre',
  'post',
  'early',
  'late',
  'end',
  'mi',
  'ende',
  'anfang',
  'mitte',
]);

/** Digits glued to letters are model names, not amounts ("G7", "F-16", "COVID-19", "5G"). */
function digitOk(S: Scan, k: number): boolean {
  const { toks, T } = S;
  const t = toks[k];
  if (!t.gap && k > 0) {
    const p = toks[k - 1];
    if (p.t === 'word' && T.curPrefix.match(toks, k - 1)?.end !== k) return false;
    if ((p.n === '-' || p.n === '/') && !p.gap && k > 1) {
      const w = toks[k - 2];
      if (w.t === 'word' && !SOFT_PREFIXES.has(w.n)) return false;
    }
  }
  const nx = toks[k + 1];
  if (nx && !nx.gap && nx.t === 'word' && !T.digitSuffixes.has(nx.n)) return false;
  return true;
}

function below100(S: Scan, k: number): { v: number; end: number } | undefined {
  const { toks, T } = S;
  const t = toks[k];
  if (t?.t !== 'word') return undefined;
  const tn = T.tens.match(toks, k);
  if (tn) {
    let v = tn.val;
    let end = tn.end;
    let j = end;
    if (toks[j] && T.joiners.has(toks[j].n)) j++;
    const ut = toks[j];
    const u = ut && ut.t === 'word' ? T.small.get(ut.n) : undefined;
    if (u !== undefined && u >= 1 && u <= T.maxAfterTens && Number.isInteger(u)) {
      v += u;
      end = j + 1;
    }
    return { v, end };
  }
  const sv = T.small.get(t.n);
  return sv === undefined ? undefined : { v: sv, end: k + 1 };
}

function below1000(S: Scan, k: number): { v: number; end: number } | undefined {
  const { toks, T } = S;
  const t = toks[k];
  if (t?.t !== 'word') return undefined;
  const h = T.hundreds.get(t.n);
  if (h !== undefined) {
    const r = below100(S, k + 1);
    return r ? { v: h + r.v, end: r.end } : { v: h, end: k + 1 };
  }
  let b = below100(S, k);
  if (!b && T.articles.has(t.n) && T.hundred.has(toks[k + 1]?.n ?? '')) b = { v: 1, end: k + 1 };
  if (!b) return undefined;
  const ht = toks[b.end];
  if (ht && T.hundred.has(ht.n) && Number.isInteger(b.v) && b.v >= 1 && b.v <= 9) {
    let v = b.v * 100;
    let end = b.end + 1;
    let j = end;
    if (toks[j]?.n === 'and') j++;
    const r = below100(S, j);
    if (r) {
      v += r.v;
      end = r.end;
    }
    return { v, end };
  }
  return b;
}

/** Denominators of English fractions ("two-thirds" = 2/3). */
const FRACTIONS: Record<string, number> = {
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fifth: 5,
  fifths: 5,
  tenth: 10,
  tenths: 10,
};

function wordsCore(value: number, end: number, scaled: boolean): Core {
  return { value, qual: '=', end, digits: false, scaled, needsUnit: false, article: false, year4: false };
}

/** Number words: "twenty-one", "two hundred and five", "1.5 million" is digits, "a dozen", "half a million". */
function parseWords(S: Scan, k: number): Core | undefined {
  const { toks, T } = S;
  if (T.half.has(toks[k].n)) {
    const a = toks[k + 1];
    if (a && T.articles.has(a.n)) {
      const sc = T.scales.match(toks, k + 2);
      if (sc) return wordsCore(0.5 * sc.val, sc.end, true);
      if (T.timeUnits.match(toks, k + 2) || T.measure.match(toks, k + 2) || T.percent.match(toks, k + 2)) {
        return wordsCore(0.5, k + 2, false);
      }
    }
    return wordsCore(0.5, k + 1, false);
  }
  let total = 0;
  let end = k;
  let last = Number.POSITIVE_INFINITY;
  let first = true;
  let any = false;
  // bounded: each round consumes a strictly smaller scale word
  for (let round = 0; round < 6; round++) {
    let j = end;
    if (!first && toks[j]?.n === 'and') j++;
    let g = below1000(S, j);
    // "a" alone is one only before a scale ("a million") or a fraction ("a third of")
    let articleOnly = false;
    if (!g && first && T.articles.has(toks[j]?.n ?? '')) {
      if (T.scales.match(toks, j + 1) || (T.lang === 'en' && FRACTIONS[toks[j + 1]?.n ?? ''])) {
        g = { v: 1, end: j + 1 };
        articleOnly = true;
      }
    }
    if (!g) break;
    let v = g.v;
    let e = g.end;
    if (first && T.lang === 'en') {
      // "two-thirds", "three quarters", "a third of"
      const h = toks[e]?.n === '-' && !toks[e].gap ? e + 1 : e;
      const den = FRACTIONS[toks[h]?.n ?? ''];
      if (den && Number.isInteger(v) && v >= 1 && v < den && (!articleOnly || toks[h + 1]?.n === 'of')) {
        return { ...wordsCore(Number((v / den).toPrecision(12)), h + 1, false), scaled: true };
      }
    }
    const ah = T.andHalf.match(toks, e);
    if (ah) {
      v += 0.5;
      e = ah.end;
    }
    const sc = T.scales.match(toks, e);
    if (articleOnly && !sc) break;
    if (sc) {
      if (sc.val >= last) break;
      total += v * sc.val;
      last = sc.val;
      end = sc.end;
      first = false;
      any = true;
      continue;
    }
    if (!first && last <= 12) break;
    total += v;
    end = e;
    any = true;
    break;
  }
  if (!any) return undefined;
  return wordsCore(Number(total.toPrecision(15)), end, last !== Number.POSITIVE_INFINITY);
}

/** The amount itself: digits with an optional scale word, a vague amount, or number words. */
function parseCore(S: Scan, k: number, money: boolean): Core | undefined {
  const { toks, T } = S;
  const t = toks[k];
  if (!t) return undefined;
  let p = k;
  let neg = false;
  if (t.t === 'sym' && t.n === '-' && t.gap && toks[k + 1]?.t === 'num' && !toks[k + 1].gap) {
    neg = true;
    p = k + 1;
  }
  const u = toks[p];
  if (u.t === 'num') {
    if (!digitOk(S, p)) return undefined;
    let v = parseDigits(u.raw, T.decimalComma);
    if (v === undefined) return undefined;
    let end = p + 1;
    let scaled = false;
    const sc = T.scales.match(toks, end);
    if (sc) {
      v = scaleMul(v, sc.val);
      end = sc.end;
      scaled = true;
    } else if (money) {
      // "$3m", "£40k": glued abbreviations are scales only next to a currency
      const w = toks[end];
      if (w && !w.gap && (w.n === 'm' || w.n === 'k' || w.n === 'b')) {
        v = scaleMul(v, w.n === 'm' ? 1e6 : w.n === 'k' ? 1e3 : 1e9);
        end++;
        scaled = true;
      }
    }
    return {
      value: neg ? -v : v,
      qual: '=',
      end,
      digits: true,
      scaled,
      needsUnit: false,
      article: false,
      year4: !neg && !scaled && /^\d{4}$/.test(u.raw),
    };
  }
  if (neg || t.t !== 'word') return undefined;
  const vg = T.vague.match(toks, k);
  if (vg) {
    return {
      value: vg.val.value,
      tag: vg.val.tag,
      qual: '~',
      end: vg.end,
      digits: false,
      scaled: false,
      needsUnit: vg.val.needsUnit,
      article: false,
      year4: false,
    };
  }
  return parseWords(S, k);
}

/** An amount with optional qualifiers: "about 12", "more than a dozen", "20 or so", "40+". */
function parseAmount(S: Scan, k: number, money = false): Core | undefined {
  if (!money) {
    const c = S.amt[k];
    if (c !== undefined) return c ?? undefined;
  }
  const { toks, T } = S;
  let core: Core | undefined;
  let qual: Qual = '=';
  const q = T.qualifiers.match(toks, k);
  if (q) {
    core = parseCore(S, q.end, money);
    if (core) qual = q.val;
  }
  core ??= parseCore(S, k, money);
  let out: Core | undefined;
  if (core) {
    let end = core.end;
    if (core.qual === '=') {
      // "20 or so", "40+"; a redundant one after "some" is swallowed too
      const pq = T.postQual.match(toks, end);
      if (pq && !(toks[end].n === '+' && toks[end].gap)) {
        if (qual === '=') qual = pq.val;
        end = pq.end;
      }
    }
    if (qual === '=') qual = core.qual;
    out = { ...core, qual, end };
  }
  if (!money) S.amt[k] = out ?? null;
  return out;
}

/** "a"/"an" standing for one before a time unit ("for a day", "a week later"). */
function articleAmount(S: Scan, k: number): Core | undefined {
  const t = S.toks[k];
  if (!t || !S.T.articles.has(t.n)) return undefined;
  return {
    value: 1,
    qual: '=',
    end: k + 1,
    digits: false,
    scaled: false,
    needsUnit: false,
    article: true,
    year4: false,
  };
}

/** Where a unit may start after an amount: directly, after a glued hyphen, an abbreviation dot or "of". */
function unitPositions(S: Scan, a: Core): number[] {
  const { toks, T } = S;
  const e = a.end;
  const out = [e];
  const t = toks[e];
  if (!t) return out;
  if (t.n === '-' && !t.gap && toks[e + 1] && !toks[e + 1].gap) out.push(e + 1);
  if (t.n === '.' && !t.gap && toks[e - 1]?.t === 'word' && toks[e - 1].n.length <= 4) out.push(e + 1);
  if ((a.tag || a.scaled || a.needsUnit) && T.connectors.has(t.n)) out.push(e + 1);
  return out;
}

function spec(value: number | undefined, qual: Qual, tag: string | undefined): string {
  if (tag) return `~${tag}`;
  const v = fmt(value ?? 0);
  return qual === '=' ? v : qual + v;
}

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
  const key = f.key ?? [kind, ...(f.unit ? [f.unit] : []), spec(f.value, qual, f.tag)].join(':');
  const c: Cand = { kind, i, j, key, prio: f.prio ?? PRIO[kind] };
  if (f.value !== undefined && !f.tag) c.value = f.value;
  if (f.unit !== undefined) c.unit = f.unit;
  if (f.approx || qual !== '=' || f.tag) c.approx = true;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Count nouns (English).

const IRREGULAR: Record<string, string> = {
  people: 'person',
  men: 'man',
  women: 'woman',
  children: 'child',
  police: 'police',
  personnel: 'personnel',
  staff: 'staff',
  cattle: 'cattle',
  sheep: 'sheep',
  fish: 'fish',
  aircraft: 'aircraft',
  teeth: 'tooth',
  geese: 'goose',
  mice: 'mouse',
  lives: 'life',
  wives: 'wife',
  knives: 'knife',
  thieves: 'thief',
  halves: 'half',
  leaves: 'leaf',
  wolves: 'wolf',
  series: 'series',
  buses: 'bus',
  gases: 'gas',
  lenses: 'lens',
  species: 'species',
  crises: 'crisis',
  analyses: 'analysis',
  theses: 'thesis',
  feet: 'foot',
};

const NOT_NOUN = new Set(
  (
    'was has is does its his this us as yes thus plus less unless always perhaps besides whereas across towards ' +
    'afterwards sometimes news others times were are had have will would could should may might must can said ' +
    'says told more other another of the and or in on at to for with by from who which that those these such too ' +
    'also only just even still than then but if so not no per way ago later earlier before after apiece each alone ' +
    'goes makes takes comes gets shows seems means remains rises falls includes involves hopes expects plans wants ' +
    'needs uses there here what when where why how all both either neither some any out up down off into onto over ' +
    'under about around percent cent hundreds thousands millions dozens'
  ).split(' '),
);

/** Singular of a plural-looking English noun, or undefined when the word does not look plural. */
function singular(w: string): string | undefined {
  const irr = IRREGULAR[w];
  if (irr) return irr;
  if (w.length > 5 && w.endsWith('men')) return `${w.slice(0, -3)}man`;
  if (!w.endsWith('s') || w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return undefined;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:sses|shes|ches|xes|zes|oes)$/.test(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}

function countNoun(S: Scan, k: number, plural: boolean): { unit: string; end: number } | undefined {
  const { toks, T } = S;
  let j = k;
  for (let adj = 0; adj < 2 && toks[j] && COUNT_ADJECTIVES.has(toks[j].n) && toks[j + 1]?.t === 'word'; adj++)
    j++;
  // "31 Abrams tanks", "5,000 US troops": a capitalised modifier before a plural noun
  const nx = toks[j + 1];
  if (
    plural &&
    toks[j]?.t === 'word' &&
    toks[j].cap &&
    nx?.t === 'word' &&
    !nx.cap &&
    /^[a-z]+$/.test(nx.n)
  ) {
    if (singular(nx.n) && !NOT_NOUN.has(nx.n)) j++;
  }
  const t = toks[j];
  if (t?.t !== 'word' || t.n.length < 3) return undefined;
  const w = t.n;
  if (!/^[a-z][a-z'-]*$/.test(w) || NOT_NOUN.has(w)) return undefined;
  if (T.months.has(w) || T.weekdays.has(w) || T.timeUnits.match(toks, j) || T.measure.match(toks, j))
    return undefined;
  if (T.curSuffix.match(toks, j) || T.percent.match(toks, j) || T.ordinals.has(w)) return undefined;
  if (T.small.has(w) || T.tens.match(toks, j)) return undefined;
  if (plural) {
    const s = singular(w);
    return s ? { unit: s, end: j + 1 } : undefined;
  }
  if (w.endsWith('ly') || w.endsWith('ed') || singular(w) || t.cap) return undefined;
  return { unit: w, end: j + 1 };
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
          key: `percent:point:${spec(a.value, a.qual, a.tag)}`,
          unit: 'point',
          ...vq(a),
        })
      : cand('percent', i, m.end, {
          key: `percent:${spec(a.value, a.qual, a.tag)}`,
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
  return !tag && qual === '=' && value === 1 ? base : `${base}:${spec(value, qual, tag)}`;
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
    const toks = tokenize(text.slice(start, end), start);
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

// ---------------------------------------------------------------------------------------------
// Relating two facts.

const DURATION_S: Record<string, number> = {
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

const QUANTITY_DIMS: Record<string, [string, number]> = {
  km: ['length', 1000],
  m: ['length', 1],
  cm: ['length', 0.01],
  mm: ['length', 0.001],
  mile: ['length', 1609.344],
  nmi: ['length', 1852],
  ft: ['length', 0.3048],
  in: ['length', 0.0254],
  yd: ['length', 0.9144],
  kg: ['mass', 1],
  g: ['mass', 0.001],
  tonne: ['mass', 1000],
  lb: ['mass', 0.45359237],
  oz: ['mass', 0.028349523],
  l: ['volume', 1],
  ml: ['volume', 0.001],
  gallon: ['volume', 3.78541],
  barrel: ['volume', 158.987],
  m3: ['volume', 1000],
  km2: ['area', 1e6],
  m2: ['area', 1],
  ha: ['area', 1e4],
  acre: ['area', 4046.86],
  'sq-mile': ['area', 2589988],
  'sq-ft': ['area', 0.092903],
  'km/h': ['speed', 1],
  mph: ['speed', 1.609344],
  knot: ['speed', 1.852],
  kw: ['power', 1e3],
  mw: ['power', 1e6],
  gw: ['power', 1e9],
  kwh: ['energy', 1e3],
  mwh: ['energy', 1e6],
  gwh: ['energy', 1e9],
  twh: ['energy', 1e12],
};

/** Converter of a unit to its dimension's base unit, for units that can be compared across. */
function converter(
  kind: FactKind,
  unit: string | undefined,
): { dim: string; to: (v: number) => number } | undefined {
  if (!unit) return undefined;
  if (kind === 'duration') {
    const f = DURATION_S[unit];
    return f ? { dim: 'time', to: (v) => v * f } : undefined;
  }
  if (kind !== 'quantity') return undefined;
  if (unit === 'degree-c' || unit === 'degree') return { dim: 'temp', to: (v) => v };
  if (unit === 'degree-f') return { dim: 'temp', to: (v) => ((v - 32) * 5) / 9 };
  const q = QUANTITY_DIMS[unit];
  return q ? { dim: q[0], to: (v) => v * q[1] } : undefined;
}

interface Spec {
  value?: number;
  qual: Qual;
  tag?: string;
}

function parseSpec(seg: string, value: number | undefined): Spec {
  const m = /^(<=|>=|<|>|~)?(.*)$/.exec(seg);
  const q = (m?.[1] ?? '') as Qual | '';
  const rest = m?.[2] ?? '';
  const num = Number(rest);
  if (rest !== '' && Number.isFinite(num)) return { value: value ?? num, qual: q || '=' };
  return { qual: '~', tag: rest };
}

const LOWER: ReadonlySet<Qual> = new Set<Qual>(['<', '<=']);
const UPPER: ReadonlySet<Qual> = new Set<Qual>(['>', '>=']);

function compareSpecs(sa: Spec, sb: Spec, tol: number): FactRelation {
  if (sa.value !== undefined && sb.value !== undefined && !sa.tag && !sb.tag) {
    const close =
      Math.abs(sa.value - sb.value) <= tol * Math.max(Math.abs(sa.value), Math.abs(sb.value), 1e-12);
    if (!close) return 'changed';
    if (sa.qual === sb.qual) return 'rephrased';
    if (sa.qual === '=') return 'vaguer';
    if (sb.qual === '=') return 'more-precise';
    const clash = (LOWER.has(sa.qual) && UPPER.has(sb.qual)) || (UPPER.has(sa.qual) && LOWER.has(sb.qual));
    return clash ? 'changed' : 'rephrased';
  }
  if (sa.tag && sb.tag) return sa.tag === sb.tag ? 'rephrased' : 'changed';
  if (sb.tag) return 'vaguer';
  if (sa.tag) return 'more-precise';
  return 'unrelated';
}

function yearRange(f: Fact): [number, number] | undefined {
  const seg = f.key.slice(5);
  let m = /^(\d{4})$/.exec(seg);
  if (m) return [Number(m[1]), Number(m[1])];
  m = /^(\d{4})s$/.exec(seg);
  if (m) return [Number(m[1]), Number(m[1]) + 9];
  m = /^(\d{4})-(\d{4})$/.exec(seg);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function relateYears(a: Fact, b: Fact): FactRelation {
  const ra = yearRange(a);
  const rb = yearRange(b);
  if (!ra || !rb) return 'unrelated';
  if (ra[0] === rb[0] && ra[1] === rb[1]) return 'rephrased';
  if (rb[0] <= ra[0] && ra[1] <= rb[1]) return 'vaguer';
  if (ra[0] <= rb[0] && rb[1] <= ra[1]) return 'more-precise';
  return 'changed';
}

function relateAmounts(a: Fact, b: Fact): FactRelation {
  if (a.kind === 'year') return relateYears(a, b);
  const sa = parseSpec(a.key.slice(a.key.lastIndexOf(':') + 1), a.value);
  const sb = parseSpec(b.key.slice(b.key.lastIndexOf(':') + 1), b.value);
  if (a.unit === b.unit) return compareSpecs(sa, sb, 1e-9);
  // "12 were hurt" vs "a dozen people were hurt": same count, but different numbers are not paired
  if (a.kind === 'number' && (!a.unit || !b.unit)) {
    const r = compareSpecs(sa, sb, 1e-9);
    return r === 'changed' || r === 'vaguer' || r === 'more-precise' ? 'unrelated' : r;
  }
  const ca = converter(a.kind, a.unit);
  const cb = converter(b.kind, b.unit);
  if (
    !ca ||
    !cb ||
    ca.dim !== cb.dim ||
    sa.value === undefined ||
    sb.value === undefined ||
    sa.tag ||
    sb.tag
  ) {
    return 'unrelated';
  }
  // cross-unit figures are rounded ("40 km" ≈ "25 miles"), so allow a little slack
  const tol = a.kind === 'duration' ? 0.01 : 0.03;
  return compareSpecs({ ...sa, value: ca.to(sa.value) }, { ...sb, value: cb.to(sb.value) }, tol);
}

type DateKey =
  | { fam: 'weekday'; day: string; part?: string }
  | { fam: 'relative'; tag: string; spec?: string; part?: string }
  | { fam: 'abs'; y?: number; m?: number; d?: number; part?: string };

function parseDateKey(key: string): DateKey | undefined {
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

function partRel(pa: string | undefined, pb: string | undefined): FactRelation {
  if (pa === pb) return 'rephrased';
  if (!pa) return 'more-precise';
  if (!pb) return 'vaguer';
  return 'changed';
}

function relateDates(a: Fact, b: Fact): FactRelation {
  const pa = parseDateKey(a.key);
  const pb = parseDateKey(b.key);
  if (!pa || !pb || pa.fam !== pb.fam) return 'unrelated';
  if (pa.fam === 'weekday' && pb.fam === 'weekday')
    return pa.day !== pb.day ? 'changed' : partRel(pa.part, pb.part);
  if (pa.fam === 'relative' && pb.fam === 'relative') {
    if (pa.tag !== pb.tag) return 'changed';
    if (pa.spec === pb.spec) return partRel(pa.part, pb.part);
    return compareSpecs(parseSpec(pa.spec ?? '1', a.value), parseSpec(pb.spec ?? '1', b.value), 1e-9);
  }
  if (pa.fam === 'abs' && pb.fam === 'abs') {
    for (const f of ['y', 'm', 'd'] as const) {
      const x = pa[f];
      const y = pb[f];
      if (x !== undefined && y !== undefined && x !== y) return 'changed';
    }
    if (pa.part && pb.part && pa.part !== pb.part) return 'changed';
    // finer detail first: a day beats a part of the month, which beats a month, which beats a year
    const score = (p: { y?: number; m?: number; d?: number; part?: string }): number =>
      (p.d !== undefined ? 8 : 0) +
      (p.part ? 4 : 0) +
      (p.m !== undefined ? 2 : 0) +
      (p.y !== undefined ? 1 : 0);
    const sa = score(pa);
    const sb = score(pb);
    return sa === sb ? 'rephrased' : sa > sb ? 'vaguer' : 'more-precise';
  }
  return 'unrelated';
}

function relateTimes(a: Fact, b: Fact): FactRelation {
  const ta = a.key.split(':');
  const tb = b.key.split(':');
  const zone = (s: string[]): string | undefined => (s.length === 4 ? s[1] : undefined);
  const za = zone(ta);
  const zb = zone(tb);
  const ma = a.value ?? 0;
  const mb = b.value ?? 0;
  if (za && zb && za !== zb) {
    const oa = TZ_OFFSETS[za];
    const ob = TZ_OFFSETS[zb];
    if (oa === undefined || ob === undefined) return 'unrelated';
    const ua = (((ma - oa * 60) % 1440) + 1440) % 1440;
    const ub = (((mb - ob * 60) % 1440) + 1440) % 1440;
    return ua === ub ? 'rephrased' : 'changed';
  }
  if (ma !== mb) return 'changed';
  if (za && !zb) return 'vaguer';
  if (!za && zb) return 'more-precise';
  return 'rephrased';
}

function normSurface(s: string): string {
  return foldWord(s)
    .replace(/[^\p{L}\p{N}%$€£¥]+/gu, ' ')
    .trim();
}

/**
 * How fact `b` (in the new version) relates to fact `a` (in the old one):
 * - `equal`: same key and the same wording;
 * - `rephrased`: same meaning, other wording ("12" → "a dozen", "48 hours" → "two days");
 * - `vaguer`: `b` is less precise ("two weeks" → "a few weeks", "12" → "about 12");
 * - `more-precise`: the reverse;
 * - `changed`: comparable (same kind and unit, or both weekdays, both years...) but different;
 * - `unrelated`: not comparable (different kinds or units), so the caller should not pair them.
 *
 * @example
 * ```ts
 * relateFacts(two, aFew); // 'vaguer' for "the past two weeks" → "the past few weeks"
 * ```
 */
export function relateFacts(a: Fact, b: Fact): FactRelation {
  if (a.kind !== b.kind) return 'unrelated';
  if (a.key === b.key) return normSurface(a.text) === normSurface(b.text) ? 'equal' : 'rephrased';
  if (a.kind === 'date') return relateDates(a, b);
  if (a.kind === 'time') return relateTimes(a, b);
  return relateAmounts(a, b);
}

// ---------------------------------------------------------------------------------------------
// Labels.

const QUAL_WORDS: Record<Qual, string> = {
  '=': '',
  '~': 'about ',
  '<': 'under ',
  '<=': 'up to ',
  '>': 'over ',
  '>=': 'at least ',
};

const TAG_WORDS: Record<string, string> = { few: 'a few', many: 'many' };

function plainNumber(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e12) return `${fmt(v / 1e12)} trillion`;
  if (abs >= 1e9) return `${fmt(v / 1e9)} billion`;
  if (abs >= 1e6) return `${fmt(v / 1e6)} million`;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(v);
}

function plural(unit: string, v: number | undefined): string {
  if (unit.endsWith('-old')) return `${plural(unit.slice(0, -4), v)} old`;
  if (v === 1) return unit;
  const irr: Record<string, string> = {
    person: 'people',
    man: 'men',
    woman: 'women',
    child: 'children',
    century: 'centuries',
    police: 'police',
    staff: 'staff',
  };
  if (irr[unit]) return irr[unit];
  if (/[^aeiou]y$/.test(unit)) return `${unit.slice(0, -1)}ies`;
  if (/(?:s|x|ch|sh)$/.test(unit)) return `${unit}es`;
  return `${unit}s`;
}

function specWords(s: Spec, unit?: string): string {
  const u = unit ? ` ${plural(unit, s.tag ? undefined : s.value)}` : '';
  if (s.tag) {
    const w = TAG_WORDS[s.tag];
    if (w) return `${w}${u}`;
    return `${s.tag.replace(/-/g, ' ')}${u ? ` of${u}` : ''}`;
  }
  return `${QUAL_WORDS[s.qual]}${plainNumber(s.value ?? 0)}${u}`;
}

function amountWords(f: Fact, unit?: string): string {
  return specWords(parseSpec(f.key.slice(f.key.lastIndexOf(':') + 1), f.value), unit);
}

const DIR_WORDS: Record<string, string> = { ago: 'ago', after: 'after', before: 'before', hence: 'from now' };

function relativeWords(tag: string, specText: string | undefined, value: number | undefined): string {
  const m = /^([a-z]+)-(ago|after|before|hence)$/.exec(tag);
  if (!m || (specText === undefined && value !== undefined && value !== 1 && !DURATION_S[m[1]])) {
    return [tag.replace(/-/g, ' '), specText].filter(Boolean).join(' ');
  }
  const s = specText === undefined ? { value: 1, qual: '=' as Qual } : parseSpec(specText, value);
  return `${specWords(s, m[1])} ${DIR_WORDS[m[2]]}`;
}

const QUANTITY_WORDS: Record<string, string> = {
  mile: 'miles',
  nmi: 'nautical miles',
  'degree-c': '°C',
  'degree-f': '°F',
  degree: 'degrees',
  tonne: 'tonnes',
  barrel: 'barrels',
  'barrel-per-day': 'barrels per day',
  acre: 'acres',
  gallon: 'gallons',
  knot: 'knots',
  'sq-mile': 'square miles',
  'sq-ft': 'square feet',
};

const MONTH_NAMES =
  'January February March April May June July August September October November December'.split(' ');

function describe(f: Fact): string {
  const seg = f.key.split(':');
  switch (f.kind) {
    case 'money':
      return `${(f.unit ?? '').toUpperCase()} ${amountWords(f)}`;
    case 'percent':
      return f.unit === 'point'
        ? `${amountWords(f)} percentage points`
        : `${amountWords(f)}%`.replace(' %', '%');
    case 'quantity': {
      if (f.unit === 'magnitude') return `magnitude ${amountWords(f)}`;
      const u = QUANTITY_WORDS[f.unit ?? ''];
      return `${amountWords(f)}${u ? (u.startsWith('°') ? u : ` ${u}`) : ` ${f.unit ?? ''}`}`.trim();
    }
    case 'duration':
    case 'number':
      return amountWords(f, f.unit);
    case 'ordinal': {
      const v = f.value ?? 0;
      const sfx = v % 100 >= 11 && v % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][v % 10] ?? 'th');
      return `${v}${sfx}`;
    }
    case 'year':
      return seg.slice(1).join(':');
    case 'time':
      return seg.length === 4 ? `${seg[2]}:${seg[3]} ${seg[1].toUpperCase()}` : `${seg[1]}:${seg[2]}`;
    case 'date': {
      const d = parseDateKey(f.key);
      if (!d) return f.text;
      if (d.fam === 'weekday')
        return `${d.day[0].toUpperCase()}${d.day.slice(1)}${d.part ? ` ${d.part}` : ''}`;
      if (d.fam === 'relative')
        return [relativeWords(d.tag, d.spec, f.value), d.part].filter(Boolean).join(' ');
      const parts = [d.part, d.d, d.m ? MONTH_NAMES[d.m - 1] : undefined, d.y].filter((x) => x !== undefined);
      return parts.join(' ');
    }
  }
}

/**
 * A short readable form of a fact for reports: the surface text, with the normalised reading in
 * brackets when it says something the text does not.
 *
 * @example
 * ```ts
 * factLabel(fact); // 'a fortnight (2 weeks)', '$2.5bn (USD 2.5 billion)', 'Thursday'
 * ```
 */
export function factLabel(f: Fact): string {
  const d = describe(f);
  return normSurface(d) === normSurface(f.text) ? f.text : `${f.text} (${d})`;
}
