/**
 * Lexical layer of the fact extractor: a small linear tokenizer, phrase tables, and the word lists
 * (number words, units, currencies, calendar words) for English, German, Spanish and French plus a
 * language-neutral core (symbols, codes, abbreviations) used for every language.
 */
import { APOSTROPHES, CharClass, charAt, classify } from '../text/chars.js';
import { foldForMatch } from '../text/fold.js';

/** How a number is qualified: exact, about, below, at most, above, at least. */
export type Qual = '=' | '~' | '<' | '<=' | '>' | '>=';

/** Time units a duration or relative date is expressed in. */
export type TimeUnit =
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'year'
  | 'decade'
  | 'century';

/** Direction of a relative date ("two days later" = after). */
export type Dir = 'ago' | 'after' | 'before' | 'hence';

/** A token of the fact scanner (finer than the text layer's tokens: "US$3m" is four tokens). */
export interface Tok {
  raw: string;
  /** Folded form: lower case, no diacritics, ß→ss, unified apostrophes and dashes. */
  n: string;
  /** Absolute start offset. */
  s: number;
  /** Absolute end offset (exclusive). */
  e: number;
  t: 'num' | 'word' | 'sym';
  /** Whitespace (or the sentence start) precedes the token. */
  gap: boolean;
  /** The surface form starts with an upper-case letter. */
  cap: boolean;
}

/**
 * The text layer's base fold, under the name the fact extractor has always imported.
 *
 * @deprecated Import {@link foldForMatch} from `text/fold.ts`; this alias stays only so that
 * modules importing it from here keep working while they move.
 */
export const foldWord: (s: string) => string = foldForMatch;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** What the fact scanner makes of the code point at `i`, from the text layer's classes. */
function scanClass(str: string, i: number): 'gap' | 'num' | 'word' | 'sym' {
  const ch = charAt(str, i);
  const cls = classify(ch, ch.codePointAt(0) ?? 0);
  if (cls === CharClass.Space || cls === CharClass.Skip) return 'gap';
  // Only ASCII digits: the fact parser reads numbers with parseFloat.
  if (cls === CharClass.Digit) return str.charCodeAt(i) < 128 ? 'num' : 'sym';
  if (cls === CharClass.Letter || cls === CharClass.Mark || cls === CharClass.Ideo) return 'word';
  return 'sym';
}

const isLetterAt = (str: string, i: number): boolean => i < str.length && scanClass(str, i) === 'word';

/** Thin or no-break spaces may group thousands ("10 000"); only a following run of exactly three digits counts. */
function isGroupSpace(str: string, j: number): boolean {
  const c = str.charCodeAt(j);
  if (c !== 0xa0 && c !== 0x202f && c !== 0x2009) return false;
  return (
    isDigit(str.charCodeAt(j + 1)) &&
    isDigit(str.charCodeAt(j + 2)) &&
    isDigit(str.charCodeAt(j + 3)) &&
    !isDigit(str.charCodeAt(j + 4))
  );
}

/** French/Italian elided articles stay separate tokens ("d'euros" → "d'", "euros"). */
const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu']);

const SYM_NORM: Record<string, string> = {
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '–': '-',
  '—': '-',
  '−': '-',
  '‐': '-',
  '‑': '-',
};

/**
 * Splits a string into number, word and symbol tokens in one left-to-right pass. Digits joined by
 * "." or "," stay one token ("3.000,5"); a possessive "'s" is split off the word.
 *
 * @example
 * ```ts
 * tokenize('US$3m', 0).map((t) => t.n); // ['us', '$', '3', 'm']
 * ```
 */
export function tokenize(str: string, base: number): Tok[] {
  const out: Tok[] = [];
  const n = str.length;
  let i = 0;
  let gap = true;
  while (i < n) {
    const c = str.charCodeAt(i);
    const t = scanClass(str, i);
    if (t === 'gap') {
      gap = true;
      i += charAt(str, i).length;
      continue;
    }
    let j = i + 1;
    if (t === 'num') {
      while (j < n && isDigit(str.charCodeAt(j))) j++;
      for (;;) {
        const d = str.charCodeAt(j);
        if ((d === 44 || d === 46) && isDigit(str.charCodeAt(j + 1))) {
          j += 2;
          while (j < n && isDigit(str.charCodeAt(j))) j++;
        } else if (isGroupSpace(str, j)) {
          j += 4;
        } else break;
      }
    } else if (t === 'word') {
      j = i + charAt(str, i).length;
      while (j < n) {
        if (isLetterAt(str, j)) {
          j += charAt(str, j).length;
          continue;
        }
        if (APOSTROPHES.has(str[j]) && isLetterAt(str, j + 1)) {
          // "Iran's": the possessive is not part of the word
          const next = str.charCodeAt(j + 1);
          if ((next === 115 || next === 83) && !isLetterAt(str, j + 2)) break;
          if (ELISIONS.has(foldForMatch(str.slice(i, j)))) {
            j++;
            break;
          }
          j++;
          continue;
        }
        break;
      }
    } else {
      if (c >= 0xd800 && c <= 0xdbff && j < n) j++;
    }
    const raw = str.slice(i, j);
    let norm: string;
    if (t === 'word') norm = foldForMatch(raw);
    else if (t === 'sym') norm = SYM_NORM[raw] ?? raw;
    else norm = raw;
    const f = raw[0];
    out.push({
      raw,
      n: norm,
      s: base + i,
      e: base + j,
      t,
      gap,
      cap: t === 'word' && f !== f.toLowerCase() && f === f.toUpperCase(),
    });
    gap = false;
    i = j;
  }
  return out;
}

/** A multi-token phrase table matched longest-first from a token position. */
export class PhraseTable<T> {
  private readonly byFirst = new Map<string, { toks: string[]; val: T }[]>();
  /** Adds a phrase (tokenized and folded like text) unless it is already present. */
  add(phrase: string, val: T): this {
    const toks = tokenize(phrase, 0).map((t) => t.n);
    if (toks.length === 0) return this;
    let arr = this.byFirst.get(toks[0]);
    if (!arr) {
      arr = [];
      this.byFirst.set(toks[0], arr);
    }
    const key = toks.join(' ');
    if (arr.some((p) => p.toks.join(' ') === key)) return this;
    arr.push({ toks, val });
    arr.sort((a, b) => b.toks.length - a.toks.length);
    return this;
  }
  /** Adds every `[phrase, value]` pair. */
  addAll(pairs: readonly (readonly [string, T])[]): this {
    for (const [p, v] of pairs) this.add(p, v);
    return this;
  }
  /** Adds each phrase of a space-free list separated by "|" with the same value. */
  addEach(phrases: string, val: T): this {
    for (const p of phrases.split('|')) if (p) this.add(p, val);
    return this;
  }
  /** Longest phrase starting at `toks[k]`; `adjacent` requires no whitespace inside the phrase. */
  match(toks: readonly Tok[], k: number, adjacent = false): { val: T; end: number } | undefined {
    const t = toks[k];
    if (!t) return undefined;
    const arr = this.byFirst.get(t.n);
    if (!arr) return undefined;
    for (const p of arr) {
      let ok = true;
      for (let m = 1; m < p.toks.length; m++) {
        const u = toks[k + m];
        if (!u || u.n !== p.toks[m] || (adjacent && u.gap)) {
          ok = false;
          break;
        }
      }
      if (ok) return { val: p.val, end: k + p.toks.length };
    }
    return undefined;
  }
  /** First tokens of all phrases (used to know which words may stick to a digit, as in "5km"). */
  firsts(): IterableIterator<string> {
    return this.byFirst.keys();
  }
}

/** Everything the scanner needs for one language. */
export interface Tables {
  lang: 'en' | 'de' | 'es' | 'fr' | 'xx';
  decimalComma: boolean;
  small: Map<string, number>;
  tens: PhraseTable<number>;
  /** Words for "hundred" (multiply a 1–9 before them). */
  hundred: Set<string>;
  /** Spanish-style hundreds ("doscientos" = 200). */
  hundreds: Map<string, number>;
  /** Joiners between tens and units ("twenty-one", "treinta y dos", "vingt et un"). */
  joiners: Set<string>;
  /** Largest unit that may follow tens (9, or 19 in French: "soixante-dix"). */
  maxAfterTens: number;
  scales: PhraseTable<number>;
  articles: Set<string>;
  half: Set<string>;
  andHalf: PhraseTable<true>;
  qualifiers: PhraseTable<Qual>;
  postQual: PhraseTable<Qual>;
  vague: PhraseTable<{ tag?: string; value?: number; needsUnit: boolean }>;
  connectors: Set<string>;
  percent: PhraseTable<'percent' | 'point'>;
  curPrefix: PhraseTable<string>;
  curSuffix: PhraseTable<{ code: string; gated?: boolean }>;
  measure: PhraseTable<{ unit: string; mult?: number }>;
  timeUnits: PhraseTable<{ unit: TimeUnit; mult: number; plural: boolean }>;
  /** Qualifiers before a duration ("the past"); false = only with an explicit amount. */
  durPre: PhraseTable<boolean>;
  bareLookback: Set<string>;
  relFixed: PhraseTable<{ tag: string; value?: number; unit?: TimeUnit }>;
  agoPre: PhraseTable<Dir>;
  dirPost: PhraseTable<Dir>;
  weekdays: Map<string, { day: string; part?: string }>;
  weekdayPre: PhraseTable<string>;
  weekdayPost: PhraseTable<string>;
  dayParts: PhraseTable<string>;
  months: Map<string, { m: number; abbr: boolean }>;
  monthPre: PhraseTable<string>;
  monthCues: Set<string>;
  dayJoin: Set<string>;
  yearJoin: Set<string>;
  ordinals: Map<string, number>;
  ordSuffix: Set<string>;
  timeWords: Map<string, number>;
  ampm: PhraseTable<'am' | 'pm'>;
  clockWords: PhraseTable<true>;
  /** Words after which "heures"/"horas" mean a clock time rather than a duration. */
  clockCues: Set<string>;
  tz: PhraseTable<string>;
  /** Count nouns ("five goals" → unit goal) are only inferred for English. */
  countNouns: boolean;
  /** Month and weekday names must be capitalised (English). */
  capsCalendar: boolean;
  /** Words that may stick to a digit without a space ("5km", "3pm", "10th", "1990s"). */
  digitSuffixes: Set<string>;
}

// ---------------------------------------------------------------------------------------------
// Language-neutral data: symbols, ISO codes and unit abbreviations are read in every language.

const CODES =
  'usd eur gbp jpy cny rmb chf cad aud inr rub brl krw mxn sek nok dkk pln zar sar aed hkd sgd ils uah nzd';

const N_CUR_PREFIX: [string, string][] = [
  ['$', 'usd'],
  ['US$', 'usd'],
  ['U.S.$', 'usd'],
  ['C$', 'cad'],
  ['CA$', 'cad'],
  ['Can$', 'cad'],
  ['A$', 'aud'],
  ['AU$', 'aud'],
  ['NZ$', 'nzd'],
  ['HK$', 'hkd'],
  ['S$', 'sgd'],
  ['R$', 'brl'],
  ['MX$', 'mxn'],
  ['NT$', 'twd'],
  ['€', 'eur'],
  ['£', 'gbp'],
  ['¥', 'jpy'],
  ['₹', 'inr'],
  ['₽', 'rub'],
  ['₩', 'krw'],
  ['₪', 'ils'],
  ['₺', 'try'],
  ['₴', 'uah'],
  ['₦', 'ngn'],
  ['Rs', 'inr'],
  ['Rs.', 'inr'],
  ['SFr', 'chf'],
  ...CODES.split(' ').map((c): [string, string] => [c, c === 'rmb' ? 'cny' : c]),
];

const N_CUR_SUFFIX: [string, { code: string }][] = [
  ['€', { code: 'eur' }],
  ['$', { code: 'usd' }],
  ['£', { code: 'gbp' }],
  ['¥', { code: 'jpy' }],
  ['₽', { code: 'rub' }],
  ['₹', { code: 'inr' }],
  ...CODES.split(' ').map((c): [string, { code: string }] => [c, { code: c === 'rmb' ? 'cny' : c }]),
];

const N_MEASURE: [string, string, number?][] = [
  ['km', 'km'],
  ['kms', 'km'],
  ['km/h', 'km/h'],
  ['km/hr', 'km/h'],
  ['kmh', 'km/h'],
  ['kph', 'km/h'],
  ['mph', 'mph'],
  ['cm', 'cm'],
  ['mm', 'mm'],
  ['ft', 'ft'],
  ['kg', 'kg'],
  ['kgs', 'kg'],
  ['lb', 'lb'],
  ['lbs', 'lb'],
  ['oz', 'oz'],
  ['ml', 'ml'],
  ['ha', 'ha'],
  ['MW', 'mw'],
  ['GW', 'gw'],
  ['kW', 'kw'],
  ['kWh', 'kwh'],
  ['MWh', 'mwh'],
  ['GWh', 'gwh'],
  ['TWh', 'twh'],
  ['bpd', 'barrel-per-day'],
  ['bcm', 'm3', 1e9],
  ['km²', 'km2'],
  ['km2', 'km2'],
  ['sq km', 'km2'],
  ['sq. km', 'km2'],
  ['m²', 'm2'],
  ['m³', 'm3'],
  ['°', 'degree'],
  ['°C', 'degree-c'],
  ['°F', 'degree-f'],
  ['℃', 'degree-c'],
  ['℉', 'degree-f'],
  ['m', 'm'],
];

const N_TZ =
  'gmt utc bst cet cest eet eest wet west msk est edt cst cdt mst mdt pst pdt jst kst hkt sgt aest aedt ict pkt irst';

/** Offsets from GMT in hours, for comparing "15:00 GMT" with "16:00 CET". */
export const TZ_OFFSETS: Record<string, number> = {
  gmt: 0,
  utc: 0,
  bst: 1,
  cet: 1,
  cest: 2,
  eet: 2,
  eest: 3,
  wet: 0,
  west: 1,
  msk: 3,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
  jst: 9,
  kst: 9,
  hkt: 8,
  sgt: 8,
  aest: 10,
  aedt: 11,
  ict: 7,
  pkt: 5,
  irst: 3.5,
};

const N_SCALES: [string, number][] = [
  ['bn', 1e9],
  ['bln', 1e9],
  ['mn', 1e6],
  ['mln', 1e6],
  ['tn', 1e12],
  ['trn', 1e12],
];

// ---------------------------------------------------------------------------------------------
// English.

const EN_SMALL =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen';
const EN_TENS = 'twenty thirty forty fifty sixty seventy eighty ninety';
const EN_ORD =
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth';
const EN_ORD_TENS = 'twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth';
const EN_MONTHS = 'january february march april may june july august september october november december';
const EN_MONTH_ABBR: [string, number][] = [
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
];
const WEEKDAYS = 'monday tuesday wednesday thursday friday saturday sunday'.split(' ');

const EN_QUAL: [string, Qual][] = [
  ...'about|around|roughly|approximately|approx|an estimated|estimated|some|circa|c.|more or less|in the region of|on the order of|an approximate'
    .split('|')
    .map((p): [string, Qual] => [p, '~']),
  ...'nearly|almost|close to|just under|just below|less than|fewer than|under|below|short of|just shy of|not quite'
    .split('|')
    .map((p): [string, Qual] => [p, '<']),
  ...'up to|as many as|as much as|no more than|at most|a maximum of|not more than'
    .split('|')
    .map((p): [string, Qual] => [p, '<=']),
  ...'more than|over|above|in excess of|upwards of|just over|well over|well above|a little over|slightly more than|exceeding'
    .split('|')
    .map((p): [string, Qual] => [p, '>']),
  ...'at least|no fewer than|no less than|a minimum of|not less than'
    .split('|')
    .map((p): [string, Qual] => [p, '>=']),
];

type VagueVal = { tag?: string; value?: number; needsUnit: boolean };
const vg = (tag: string, needsUnit = false): VagueVal => ({ tag, needsUnit });

const EN_VAGUE: [string, VagueVal][] = [
  ['a few', vg('few', true)],
  ['several', vg('few', true)],
  ['a handful', vg('few', true)],
  ['a number', vg('few', true)],
  ['multiple', vg('few', true)],
  ['a couple', { value: 2, needsUnit: true }],
  ['many', vg('many', true)],
  ['numerous', vg('many', true)],
  ['countless', vg('many', true)],
  ['a lot', vg('many', true)],
  ['lots', vg('many', true)],
  ['a large number', vg('many', true)],
  ['a great many', vg('many', true)],
  ['dozens', vg('dozens')],
  ['scores', vg('dozens')],
  ['hundreds', vg('hundreds')],
  ['thousands', vg('thousands')],
  ['tens of thousands', vg('tens-of-thousands')],
  ['hundreds of thousands', vg('hundreds-of-thousands')],
  ['millions', vg('millions')],
  ['tens of millions', vg('tens-of-millions')],
  ['hundreds of millions', vg('hundreds-of-millions')],
  ['billions', vg('billions')],
];

const EN_CUR_SUFFIX: [string, { code: string; gated?: boolean }][] = [
  ...'dollars|dollar|us dollars|u.s. dollars|american dollars|greenbacks'
    .split('|')
    .map((p): [string, { code: string }] => [p, { code: 'usd' }]),
  ['canadian dollars', { code: 'cad' }],
  ['australian dollars', { code: 'aud' }],
  ['new zealand dollars', { code: 'nzd' }],
  ['hong kong dollars', { code: 'hkd' }],
  ['singapore dollars', { code: 'sgd' }],
  ['taiwan dollars', { code: 'twd' }],
  ['euros', { code: 'eur' }],
  ['euro', { code: 'eur' }],
  ['pounds sterling', { code: 'gbp' }],
  ['sterling', { code: 'gbp' }],
  ['british pounds', { code: 'gbp' }],
  ['pounds', { code: 'gbp', gated: true }],
  ['pound', { code: 'gbp', gated: true }],
  ['yen', { code: 'jpy' }],
  ['yuan', { code: 'cny' }],
  ['renminbi', { code: 'cny' }],
  ['rupees', { code: 'inr' }],
  ['rupee', { code: 'inr' }],
  ['indian rupees', { code: 'inr' }],
  ['pakistani rupees', { code: 'pkr' }],
  ['roubles', { code: 'rub' }],
  ['rubles', { code: 'rub' }],
  ['rouble', { code: 'rub' }],
  ['ruble', { code: 'rub' }],
  ['hryvnias', { code: 'uah' }],
  ['hryvnia', { code: 'uah' }],
  ['hryvnia', { code: 'uah' }],
  ['swiss francs', { code: 'chf' }],
  ['francs', { code: 'chf' }],
  ['cfa francs', { code: 'xof' }],
  ['pesos', { code: 'peso' }],
  ['mexican pesos', { code: 'mxn' }],
  ['argentine pesos', { code: 'ars' }],
  ['philippine pesos', { code: 'php' }],
  ['colombian pesos', { code: 'cop' }],
  ['chilean pesos', { code: 'clp' }],
  ['reais', { code: 'brl' }],
  ['brazilian reais', { code: 'brl' }],
  ['rand', { code: 'zar' }],
  ['naira', { code: 'ngn' }],
  ['shekels', { code: 'ils' }],
  ['new shekels', { code: 'ils' }],
  ['shekel', { code: 'ils' }],
  ['riyals', { code: 'sar' }],
  ['riyal', { code: 'sar' }],
  ['qatari riyals', { code: 'qar' }],
  ['dirhams', { code: 'aed' }],
  ['dinars', { code: 'dinar' }],
  ['iraqi dinars', { code: 'iqd' }],
  ['lira', { code: 'try' }],
  ['liras', { code: 'try' }],
  ['turkish lira', { code: 'try' }],
  ['south korean won', { code: 'krw' }],
  ['won', { code: 'krw', gated: true }],
  ['kronor', { code: 'sek' }],
  ['swedish crowns', { code: 'sek' }],
  ['norwegian crowns', { code: 'nok' }],
  ['danish crowns', { code: 'dkk' }],
  ['zlotys', { code: 'pln' }],
  ['zloty', { code: 'pln' }],
  ['forints', { code: 'huf' }],
  ['rupiah', { code: 'idr' }],
  ['baht', { code: 'thb' }],
  ['ringgit', { code: 'myr' }],
  ['bitcoin', { code: 'btc' }],
  ['bitcoins', { code: 'btc' }],
];

const EN_MEASURE: [string, string, number?][] = [
  ['kilometres', 'km'],
  ['kilometre', 'km'],
  ['kilometers', 'km'],
  ['kilometer', 'km'],
  ['metres', 'm'],
  ['metre', 'm'],
  ['meters', 'm'],
  ['meter', 'm'],
  ['centimetres', 'cm'],
  ['centimeters', 'cm'],
  ['millimetres', 'mm'],
  ['millimeters', 'mm'],
  ['miles', 'mile'],
  ['mile', 'mile'],
  ['nautical miles', 'nmi'],
  ['nautical mile', 'nmi'],
  ['feet', 'ft'],
  ['foot', 'ft'],
  ['inches', 'in'],
  ['inch', 'in'],
  ['yards', 'yd'],
  ['yard', 'yd'],
  ['kilograms', 'kg'],
  ['kilogram', 'kg'],
  ['kilogrammes', 'kg'],
  ['kilos', 'kg'],
  ['kilo', 'kg'],
  ['grams', 'g'],
  ['gram', 'g'],
  ['grammes', 'g'],
  ['tonnes', 'tonne'],
  ['tonne', 'tonne'],
  ['tons', 'tonne'],
  ['ton', 'tonne'],
  ['metric tons', 'tonne'],
  ['metric tonnes', 'tonne'],
  ['pounds', 'lb'],
  ['pound', 'lb'],
  ['ounces', 'oz'],
  ['ounce', 'oz'],
  ['litres', 'l'],
  ['litre', 'l'],
  ['liters', 'l'],
  ['liter', 'l'],
  ['gallons', 'gallon'],
  ['gallon', 'gallon'],
  ['barrels', 'barrel'],
  ['barrel', 'barrel'],
  ['barrels per day', 'barrel-per-day'],
  ['barrels a day', 'barrel-per-day'],
  ['cubic metres', 'm3'],
  ['cubic meters', 'm3'],
  ['degrees', 'degree'],
  ['degree', 'degree'],
  ['degrees celsius', 'degree-c'],
  ['degrees centigrade', 'degree-c'],
  ['degrees fahrenheit', 'degree-f'],
  ['degrees c', 'degree-c'],
  ['degrees f', 'degree-f'],
  ['hectares', 'ha'],
  ['hectare', 'ha'],
  ['acres', 'acre'],
  ['acre', 'acre'],
  ['square kilometres', 'km2'],
  ['square kilometers', 'km2'],
  ['square kilometre', 'km2'],
  ['square kilometer', 'km2'],
  ['square miles', 'sq-mile'],
  ['square mile', 'sq-mile'],
  ['square metres', 'm2'],
  ['square meters', 'm2'],
  ['square feet', 'sq-ft'],
  ['megawatts', 'mw'],
  ['megawatt', 'mw'],
  ['gigawatts', 'gw'],
  ['gigawatt', 'gw'],
  ['kilowatts', 'kw'],
  ['kilowatt', 'kw'],
  ['kilowatt hours', 'kwh'],
  ['kilowatt-hours', 'kwh'],
  ['megawatt hours', 'mwh'],
  ['megawatt-hours', 'mwh'],
  ['terawatt hours', 'twh'],
  ['terawatt-hours', 'twh'],
  ['knots', 'knot'],
  ['miles per hour', 'mph'],
  ['miles an hour', 'mph'],
  ['kilometres per hour', 'km/h'],
  ['kilometers per hour', 'km/h'],
  ['kilometres an hour', 'km/h'],
  ['kilometers an hour', 'km/h'],
  ['magnitude', 'magnitude'],
];

const EN_TIME_UNITS: [string, TimeUnit, boolean, number?][] = [
  ['second', 'second', false],
  ['seconds', 'second', true],
  ['sec', 'second', false],
  ['secs', 'second', true],
  ['minute', 'minute', false],
  ['minutes', 'minute', true],
  ['min', 'minute', false],
  ['mins', 'minute', true],
  ['hour', 'hour', false],
  ['hours', 'hour', true],
  ['hr', 'hour', false],
  ['hrs', 'hour', true],
  ['h', 'hour', false],
  ['day', 'day', false],
  ['days', 'day', true],
  ['week', 'week', false],
  ['weeks', 'week', true],
  ['fortnight', 'week', false, 2],
  ['fortnights', 'week', true, 2],
  ['month', 'month', false],
  ['months', 'month', true],
  ['year', 'year', false],
  ['years', 'year', true],
  ['yr', 'year', false],
  ['yrs', 'year', true],
  ['decade', 'decade', false],
  ['decades', 'decade', true],
  ['century', 'century', false],
  ['centuries', 'century', true],
];

function enRelFixed(): [string, { tag: string; value?: number; unit?: TimeUnit }][] {
  const out: [string, { tag: string; value?: number; unit?: TimeUnit }][] = [
    ['today', { tag: 'today', unit: 'day', value: 0 }],
    ['tonight', { tag: 'tonight' }],
    ['yesterday', { tag: 'yesterday', unit: 'day', value: -1 }],
    ['tomorrow', { tag: 'tomorrow', unit: 'day', value: 1 }],
    ['this morning', { tag: 'this-morning' }],
    ['this afternoon', { tag: 'this-afternoon' }],
    ['this evening', { tag: 'this-evening' }],
    ['last night', { tag: 'last-night' }],
    ['last evening', { tag: 'last-night' }],
    ['earlier today', { tag: 'earlier-today' }],
    ['later today', { tag: 'later-today' }],
    ['the day before', { tag: 'day-before' }],
    ['the previous day', { tag: 'day-before' }],
    ['the day prior', { tag: 'day-before' }],
    ['the day after', { tag: 'day-after' }],
    ['the next day', { tag: 'day-after' }],
    ['the following day', { tag: 'day-after' }],
    ['the night before', { tag: 'night-before' }],
    ['the day before yesterday', { tag: 'day-ago', unit: 'day', value: 2 }],
    ['the day after tomorrow', { tag: 'day-hence', unit: 'day', value: 2 }],
    ['the weekend', { tag: 'weekend' }],
  ];
  const units = [
    'week',
    'month',
    'year',
    'weekend',
    'summer',
    'winter',
    'spring',
    'autumn',
    'fall',
    'quarter',
  ];
  for (const u of units) {
    const c = u === 'fall' ? 'autumn' : u;
    out.push([`last ${u}`, { tag: `last-${c}` }]);
    out.push([`this past ${u}`, { tag: `last-${c}` }]);
    out.push([`this ${u}`, { tag: `this-${c}` }]);
    out.push([`next ${u}`, { tag: `next-${c}` }]);
    out.push([`this coming ${u}`, { tag: `next-${c}` }]);
    out.push([`earlier this ${u}`, { tag: `earlier-this-${c}` }]);
    out.push([`later this ${u}`, { tag: `later-this-${c}` }]);
    if (u === 'week' || u === 'month' || u === 'year') {
      out.push([`the previous ${u}`, { tag: `${c}-before` }]);
      out.push([`the ${u} before`, { tag: `${c}-before` }]);
      out.push([`the following ${u}`, { tag: `${c}-after` }]);
      out.push([`the ${u} after`, { tag: `${c}-after` }]);
    }
  }
  return out;
}

const EN_COUNT_ADJ = new Set(
  (
    'more other new additional extra further young old senior former top armed civilian foreign military local small ' +
    'large big major key separate different main unarmed unidentified suspected alleged innocent elderly injured ' +
    'wounded missing dead confirmed registered eligible remaining israeli palestinian american russian ukrainian'
  ).split(' '),
);

/** Adjectives that may sit between a number and its count noun ("two more goals"). */
export const COUNT_ADJECTIVES: ReadonlySet<string> = EN_COUNT_ADJ;

// ---------------------------------------------------------------------------------------------
// German, Spanish, French (smaller lists: digits carry most of the weight in translations).

const DE = {
  small: [
    ['null', 0],
    ['eins', 1],
    ['zwei', 2],
    ['zwo', 2],
    ['drei', 3],
    ['vier', 4],
    ['fünf', 5],
    ['sechs', 6],
    ['sieben', 7],
    ['acht', 8],
    ['neun', 9],
    ['zehn', 10],
    ['elf', 11],
    ['zwölf', 12],
    ['dreizehn', 13],
    ['vierzehn', 14],
    ['fünfzehn', 15],
    ['sechzehn', 16],
    ['siebzehn', 17],
    ['achtzehn', 18],
    ['neunzehn', 19],
    ['eineinhalb', 1.5],
    ['anderthalb', 1.5],
    ['zweieinhalb', 2.5],
  ] as [string, number][],
  tens: 'zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig',
  scales: [
    ['tausend', 1e3],
    ['million', 1e6],
    ['millionen', 1e6],
    ['mio', 1e6],
    ['milliarde', 1e9],
    ['milliarden', 1e9],
    ['mrd', 1e9],
    ['billion', 1e12],
    ['billionen', 1e12],
    ['dutzend', 12],
  ] as [string, number][],
};

const ES_SMALL: [string, number][] = [
  ['cero', 0],
  ['uno', 1],
  ['dos', 2],
  ['tres', 3],
  ['cuatro', 4],
  ['cinco', 5],
  ['seis', 6],
  ['siete', 7],
  ['ocho', 8],
  ['nueve', 9],
  ['diez', 10],
  ['once', 11],
  ['doce', 12],
  ['trece', 13],
  ['catorce', 14],
  ['quince', 15],
  ['dieciséis', 16],
  ['diecisiete', 17],
  ['dieciocho', 18],
  ['diecinueve', 19],
  ['veintiuno', 21],
  ['veintidós', 22],
  ['veintitrés', 23],
  ['veinticuatro', 24],
  ['veinticinco', 25],
  ['media', 0.5],
  ['medio', 0.5],
];

const FR_SMALL: [string, number][] = [
  ['zéro', 0],
  ['deux', 2],
  ['trois', 3],
  ['quatre', 4],
  ['cinq', 5],
  ['six', 6],
  ['sept', 7],
  ['huit', 8],
  ['neuf', 9],
  ['dix', 10],
  ['onze', 11],
  ['douze', 12],
  ['treize', 13],
  ['quatorze', 14],
  ['quinze', 15],
  ['seize', 16],
  ['demi', 0.5],
  ['demie', 0.5],
];

const MONTHS_DE = 'januar februar märz april mai juni juli august september oktober november dezember';
const MONTHS_ES = 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre';
const MONTHS_FR = 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre';
const WEEKDAYS_DE = 'montag dienstag mittwoch donnerstag freitag samstag sonntag';
const WEEKDAYS_ES = 'lunes martes miércoles jueves viernes sábado domingo';
const WEEKDAYS_FR = 'lundi mardi mercredi jeudi vendredi samedi dimanche';

function timeUnitTable(
  rows: [string, TimeUnit, boolean, number?][],
): [string, { unit: TimeUnit; mult: number; plural: boolean }][] {
  return rows.map(([p, unit, plural, mult]) => [p, { unit, mult: mult ?? 1, plural }]);
}

/** Expands "stem[a|b|c]" into stem+a, stem+b, stem+c (no brackets: the word itself). */
export function expandForms(spec: string): string[] {
  const open = spec.indexOf('[');
  if (open < 0) return [spec];
  const stem = spec.slice(0, open);
  return spec
    .slice(open + 1, spec.length - 1)
    .split('|')
    .map((s) => stem + s);
}

function tu(spec: string, unit: TimeUnit, mult = 1): [string, TimeUnit, boolean, number?][] {
  // first form is singular, the rest are plural or inflected forms
  return expandForms(spec).map((f, i): [string, TimeUnit, boolean, number?] => [f, unit, i > 0, mult]);
}

// ---------------------------------------------------------------------------------------------
// Table assembly.

const cache = new Map<string, Tables>();

const DECIMAL_COMMA = new Set(
  'de es fr it pt nl ru pl tr sv da nb no nn fi cs sk ro hu uk bg hr sr sl el id vi lt lv et ca gl eu'.split(
    ' ',
  ),
);

function base(lang: Tables['lang'], code: string): Tables {
  const T: Tables = {
    lang,
    decimalComma: DECIMAL_COMMA.has(code),
    small: new Map(),
    tens: new PhraseTable(),
    hundred: new Set(),
    hundreds: new Map(),
    joiners: new Set(),
    maxAfterTens: 9,
    scales: new PhraseTable<number>().addAll(N_SCALES),
    articles: new Set(),
    half: new Set(),
    andHalf: new PhraseTable(),
    qualifiers: new PhraseTable(),
    postQual: new PhraseTable<Qual>().add('+', '>='),
    vague: new PhraseTable(),
    connectors: new Set(),
    percent: new PhraseTable<'percent' | 'point'>().add('%', 'percent'),
    curPrefix: new PhraseTable<string>().addAll(N_CUR_PREFIX),
    curSuffix: new PhraseTable<{ code: string; gated?: boolean }>().addAll(N_CUR_SUFFIX),
    measure: new PhraseTable(),
    timeUnits: new PhraseTable(),
    durPre: new PhraseTable(),
    bareLookback: new Set(),
    relFixed: new PhraseTable(),
    agoPre: new PhraseTable(),
    dirPost: new PhraseTable(),
    weekdays: new Map(),
    weekdayPre: new PhraseTable(),
    weekdayPost: new PhraseTable(),
    dayParts: new PhraseTable(),
    months: new Map(),
    monthPre: new PhraseTable(),
    monthCues: new Set(),
    dayJoin: new Set(),
    yearJoin: new Set(),
    ordinals: new Map(),
    ordSuffix: new Set(),
    timeWords: new Map(),
    ampm: new PhraseTable(),
    clockWords: new PhraseTable(),
    clockCues: new Set(),
    tz: new PhraseTable(),
    countNouns: false,
    capsCalendar: false,
    digitSuffixes: new Set(['s']),
  };
  for (const [p, unit, mult] of N_MEASURE) T.measure.add(p, mult ? { unit, mult } : { unit });
  for (const z of N_TZ.split(' ')) T.tz.add(z, z);
  return T;
}

function addMonths(T: Tables, names: string): void {
  names.split(' ').forEach((m, i) => {
    T.months.set(foldForMatch(m), { m: i + 1, abbr: false });
  });
}

function addWeekdays(T: Tables, names: string, parts: [string, string][] = []): void {
  names.split(' ').forEach((d, i) => {
    const day = WEEKDAYS[i];
    T.weekdays.set(foldForMatch(d), { day });
    // German writes "Donnerstagabend" as one word
    for (const [suffix, part] of parts) T.weekdays.set(foldForMatch(d + suffix), { day, part });
  });
}

function addEn(T: Tables): void {
  EN_SMALL.split(' ').forEach((w, i) => {
    T.small.set(w, i);
  });
  EN_TENS.split(' ').forEach((w, i) => {
    T.tens.add(w, (i + 2) * 10);
  });
  T.hundred.add('hundred');
  T.joiners.add('-');
  T.scales.addAll([
    ['thousand', 1e3],
    ['million', 1e6],
    ['billion', 1e9],
    ['trillion', 1e12],
    ['dozen', 12],
  ]);
  for (const a of ['a', 'an']) T.articles.add(a);
  T.half.add('half');
  T.andHalf.add('and a half', true);
  T.qualifiers.addAll(EN_QUAL);
  T.postQual.addAll([
    ['or so', '~'],
    ['or more', '>='],
    ['or less', '<='],
    ['or fewer', '<='],
    ['-plus', '>='],
  ]);
  T.vague.addAll(EN_VAGUE);
  T.connectors.add('of');
  T.percent.addAll([
    ['percent', 'percent'],
    ['per cent', 'percent'],
    ['pct', 'percent'],
    ['percentage points', 'point'],
    ['percentage point', 'point'],
    ['percent points', 'point'],
  ]);
  T.curSuffix.addAll(EN_CUR_SUFFIX);
  for (const [p, unit, mult] of EN_MEASURE) T.measure.add(p, mult ? { unit, mult } : { unit });
  T.timeUnits.addAll(timeUnitTable(EN_TIME_UNITS));
  T.durPre.addEach('the past|the last|the next|the coming|the previous|recent|the recent', true);
  // "the first day" is an ordinal; only "the first two weeks" is a duration
  T.durPre.addEach('the first|the final|the remaining', false);
  for (const w of ['for', 'within', 'in', 'after', 'over']) T.bareLookback.add(w);
  T.relFixed.addAll(enRelFixed());
  T.dirPost.addAll([
    ['ago', 'ago'],
    ['back', 'ago'],
    ['later', 'after'],
    ['after', 'after'],
    ['afterwards', 'after'],
    ['afterward', 'after'],
    ['earlier', 'before'],
    ['before', 'before'],
    ['previously', 'before'],
    ['prior', 'before'],
    ['beforehand', 'before'],
    ['from now', 'hence'],
    ['hence', 'hence'],
  ]);
  addWeekdays(T, WEEKDAYS.join(' '));
  T.weekdayPre.addAll([
    ['last', 'last'],
    ['next', 'next'],
    ['this', 'this'],
    ['this past', 'last'],
    ['this coming', 'next'],
    ['early', 'early'],
    ['late', 'late'],
  ]);
  T.dayParts.addAll([
    ['morning', 'morning'],
    ['afternoon', 'afternoon'],
    ['evening', 'evening'],
    ['night', 'night'],
  ]);
  addMonths(T, EN_MONTHS);
  for (const [a, m] of EN_MONTH_ABBR) T.months.set(a, { m, abbr: true });
  T.monthPre.addAll([
    ['early', 'early'],
    ['mid', 'mid'],
    ['late', 'late'],
    ['end', 'late'],
    ['the end of', 'late'],
    ['the beginning of', 'early'],
    ['the start of', 'early'],
    ['the middle of', 'mid'],
  ]);
  for (const w of 'in since until till by from during through before after of last next this early mid late between and or to'.split(
    ' ',
  ))
    T.monthCues.add(w);
  T.dayJoin.add('of');
  EN_ORD.split(' ').forEach((w, i) => {
    T.ordinals.set(w, i + 1);
  });
  EN_ORD_TENS.split(' ').forEach((w, i) => {
    T.ordinals.set(w, (i + 2) * 10);
  });
  T.ordinals.set('hundredth', 100);
  T.ordinals.set('thousandth', 1000);
  T.ordinals.set('millionth', 1e6);
  for (const s of ['st', 'nd', 'rd', 'th']) T.ordSuffix.add(s);
  T.timeWords.set('noon', 720);
  T.timeWords.set('midday', 720);
  T.timeWords.set('midnight', 0);
  T.ampm.addAll([
    ['a.m.', 'am'],
    ['a.m', 'am'],
    ['am', 'am'],
    ['p.m.', 'pm'],
    ['p.m', 'pm'],
    ['pm', 'pm'],
  ]);
  T.clockWords.add("o'clock", true);
  T.tz.add('et', 'et');
  T.countNouns = true;
  T.capsCalendar = true;
}

function addDe(T: Tables): void {
  for (const [w, v] of DE.small) T.small.set(foldForMatch(w), v);
  DE.tens.split(' ').forEach((w, i) => {
    T.tens.add(w, (i + 2) * 10);
  });
  T.hundred.add('hundert');
  T.scales.addAll(DE.scales);
  for (const a of 'ein eine einen einem einer eines'.split(' ')) T.articles.add(a);
  T.qualifiers.addAll([
    ...'etwa|rund|ungefähr|circa|ca.|zirka|annähernd|schätzungsweise'
      .split('|')
      .map((p): [string, Qual] => [p, '~']),
    ...'knapp|fast|beinahe|nahezu|weniger als|unter'.split('|').map((p): [string, Qual] => [p, '<']),
    ...'gut|mehr als|über|weit über'.split('|').map((p): [string, Qual] => [p, '>']),
    ['mindestens', '>='],
    ['bis zu', '<='],
    ['höchstens', '<='],
  ]);
  T.vague.addAll([
    ['einige', vg('few', true)],
    ['mehrere', vg('few', true)],
    ['ein paar', vg('few', true)],
    ['viele', vg('many', true)],
    ['zahlreiche', vg('many', true)],
    ['dutzende', vg('dozens')],
    ['hunderte', vg('hundreds')],
    ['tausende', vg('thousands')],
    ['zehntausende', vg('tens-of-thousands')],
    ['hunderttausende', vg('hundreds-of-thousands')],
    ['millionen', vg('millions')],
  ]);
  T.connectors.add('von');
  T.percent.addAll([
    ['prozent', 'percent'],
    ['prozentpunkte', 'point'],
    ['prozentpunkten', 'point'],
    ['prozentpunkt', 'point'],
  ]);
  T.curSuffix.addAll([
    ['dollar', { code: 'usd' }],
    ['us-dollar', { code: 'usd' }],
    ['euro', { code: 'eur' }],
    ['pfund', { code: 'gbp' }],
    ['britische pfund', { code: 'gbp' }],
    ['yen', { code: 'jpy' }],
    ['yuan', { code: 'cny' }],
    ['rubel', { code: 'rub' }],
    ['franken', { code: 'chf' }],
    ['schweizer franken', { code: 'chf' }],
    ['rupien', { code: 'inr' }],
    ['griwna', { code: 'uah' }],
    ['hrywnja', { code: 'uah' }],
    ['zloty', { code: 'pln' }],
    ['lira', { code: 'try' }],
    ['schekel', { code: 'ils' }],
  ]);
  for (const [p, unit] of [
    ['kilometer', 'km'],
    ['kilometern', 'km'],
    ['meter', 'm'],
    ['metern', 'm'],
    ['zentimeter', 'cm'],
    ['millimeter', 'mm'],
    ['meilen', 'mile'],
    ['tonne', 'tonne'],
    ['tonnen', 'tonne'],
    ['kilogramm', 'kg'],
    ['kilo', 'kg'],
    ['gramm', 'g'],
    ['liter', 'l'],
    ['litern', 'l'],
    ['grad', 'degree'],
    ['grad celsius', 'degree-c'],
    ['hektar', 'ha'],
    ['quadratkilometer', 'km2'],
    ['quadratkilometern', 'km2'],
    ['quadratmeter', 'm2'],
    ['kubikmeter', 'm3'],
    ['megawatt', 'mw'],
    ['gigawatt', 'gw'],
    ['barrel', 'barrel'],
    ['fass', 'barrel'],
    ['stundenkilometer', 'km/h'],
    ['stundenkilometern', 'km/h'],
    ['knoten', 'knot'],
  ] as [string, string][])
    T.measure.add(p, { unit });
  T.timeUnits.addAll(
    timeUnitTable([
      ...tu('sekunde[|n]', 'second'),
      ...tu('minute[|n]', 'minute'),
      ...tu('stunde[|n]', 'hour'),
      ...tu('tag[|e|en|es]', 'day'),
      ...tu('woche[|n]', 'week'),
      ...tu('monat[|e|en|s]', 'month'),
      ...tu('jahr[|e|en|es]', 'year'),
      ...tu('jahrzehnt[|e|en]', 'decade'),
      ...tu('jahrhundert[|e|en]', 'century'),
    ]),
  );
  T.durPre.addEach(
    'die vergangenen|die letzten|den vergangenen|den letzten|der vergangenen|der letzten|die nächsten|den nächsten|der nächsten|die kommenden|den kommenden|der kommenden',
    true,
  );
  T.bareLookback.add('seit');
  T.relFixed.addAll([
    ['heute', { tag: 'today', unit: 'day', value: 0 }],
    ['gestern', { tag: 'yesterday', unit: 'day', value: -1 }],
    ['morgen', { tag: 'tomorrow', unit: 'day', value: 1 }],
    ['heute morgen', { tag: 'this-morning' }],
    ['heute früh', { tag: 'this-morning' }],
    ['heute abend', { tag: 'tonight' }],
    ['gestern abend', { tag: 'last-night' }],
    ['übermorgen', { tag: 'day-hence', unit: 'day', value: 2 }],
    ['vorgestern', { tag: 'day-ago', unit: 'day', value: 2 }],
    ['vortag', { tag: 'day-before' }],
    ['tags darauf', { tag: 'day-after' }],
    ['tag danach', { tag: 'day-after' }],
    ['folgenden tag', { tag: 'day-after' }],
    ['wochenende', { tag: 'weekend' }],
  ]);
  for (const [w, forms] of [
    ['week', 'woche'],
    ['month', 'monat'],
    ['year', 'jahr'],
  ] as const) {
    const g = w === 'week' ? ['e', 'en'] : w === 'month' ? ['en'] : ['es', 'en'];
    for (const ending of g) {
      for (const [mod, tag] of [
        ['letzt', 'last'],
        ['vergangen', 'last'],
        ['nächst', 'next'],
        ['kommend', 'next'],
      ])
        T.relFixed.add(`${mod}${ending} ${forms}`, { tag: `${tag}-${w}` });
    }
    const dies =
      w === 'week' ? ['diese', 'dieser'] : w === 'month' ? ['diesen', 'diesem'] : ['dieses', 'diesem'];
    for (const d of dies) T.relFixed.add(`${d} ${forms}`, { tag: `this-${w}` });
  }
  T.agoPre.addAll([
    ['vor', 'ago'],
    ['nach', 'after'],
  ]);
  T.dirPost.addAll([
    ['später', 'after'],
    ['danach', 'after'],
    ['darauf', 'after'],
    ['zuvor', 'before'],
    ['vorher', 'before'],
    ['früher', 'before'],
  ]);
  addWeekdays(T, WEEKDAYS_DE, [
    ['morgen', 'morning'],
    ['vormittag', 'morning'],
    ['nachmittag', 'afternoon'],
    ['abend', 'evening'],
    ['nacht', 'night'],
  ]);
  T.weekdays.set('sonnabend', { day: 'saturday' });
  T.weekdayPre.addAll([
    ['letzten', 'last'],
    ['vergangenen', 'last'],
    ['nächsten', 'next'],
    ['kommenden', 'next'],
    ['diesen', 'this'],
  ]);
  T.dayParts.addAll([
    ['abend', 'evening'],
    ['morgen', 'morning'],
    ['nachmittag', 'afternoon'],
    ['vormittag', 'morning'],
    ['nacht', 'night'],
  ]);
  addMonths(T, MONTHS_DE);
  T.months.set('janner', { m: 1, abbr: false });
  for (const [a, m] of [
    ['jan', 1],
    ['feb', 2],
    ['mär', 3],
    ['apr', 4],
    ['aug', 8],
    ['sep', 9],
    ['sept', 9],
    ['okt', 10],
    ['nov', 11],
    ['dez', 12],
  ] as [string, number][])
    T.months.set(foldForMatch(a), { m, abbr: true });
  T.monthPre.addAll([
    ['anfang', 'early'],
    ['mitte', 'mid'],
    ['ende', 'late'],
  ]);
  T.dayJoin.add('.');
  for (const [w, v] of [
    ['erst', 1],
    ['zweit', 2],
    ['dritt', 3],
    ['viert', 4],
    ['fünft', 5],
    ['sechst', 6],
    ['siebt', 7],
    ['acht', 8],
    ['neunt', 9],
    ['zehnt', 10],
  ] as [string, number][])
    for (const e of ['e', 'er', 'en', 'es', 'em']) T.ordinals.set(foldForMatch(w + e), v);
  T.timeWords.set('mitternacht', 0);
  T.clockWords.add('uhr', true);
}

function addEs(T: Tables): void {
  for (const [w, v] of ES_SMALL) T.small.set(foldForMatch(w), v);
  'veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa'.split(' ').forEach((w, i) => {
    T.tens.add(w, (i + 2) * 10);
  });
  T.hundred.add('cien');
  T.hundreds.set('cien', 100);
  T.hundreds.set('ciento', 100);
  'dos tres cuatro quinien seis sete ocho nove'.split(' ').forEach((w, i) => {
    const stem = w === 'quinien' ? 'quinient' : `${w}cient`;
    const v = (i + 2) * 100;
    T.hundreds.set(`${stem}os`, v);
    T.hundreds.set(`${stem}as`, v);
  });
  T.joiners.add('y');
  T.scales.addAll([
    ['mil', 1e3],
    ['millón', 1e6],
    ['millones', 1e6],
    ['mil millones', 1e9],
    ['billón', 1e12],
    ['billones', 1e12],
    ['docena', 12],
  ]);
  for (const a of ['un', 'una']) T.articles.add(a);
  T.andHalf.add('y medio', true).add('y media', true);
  T.qualifiers.addAll([
    ...'unos|unas|alrededor de|aproximadamente|en torno a'.split('|').map((p): [string, Qual] => [p, '~']),
    ...'cerca de|casi|menos de'.split('|').map((p): [string, Qual] => [p, '<']),
    ['más de', '>'],
    ['al menos', '>='],
    ['por lo menos', '>='],
    ['como mínimo', '>='],
    ['hasta', '<='],
    ['un máximo de', '<='],
  ]);
  T.vague.addAll([
    ['varios', vg('few', true)],
    ['varias', vg('few', true)],
    ['unos pocos', vg('few', true)],
    ['unas pocas', vg('few', true)],
    ['unos cuantos', vg('few', true)],
    ['unas cuantas', vg('few', true)],
    ['algunos', vg('few', true)],
    ['algunas', vg('few', true)],
    ['muchos', vg('many', true)],
    ['muchas', vg('many', true)],
    ['numerosos', vg('many', true)],
    ['numerosas', vg('many', true)],
    ['decenas', vg('dozens')],
    ['cientos', vg('hundreds')],
    ['centenares', vg('hundreds')],
    ['miles', vg('thousands')],
    ['decenas de miles', vg('tens-of-thousands')],
    ['cientos de miles', vg('hundreds-of-thousands')],
    ['millones', vg('millions')],
  ]);
  T.connectors.add('de');
  T.percent.addAll([
    ['por ciento', 'percent'],
    ['puntos porcentuales', 'point'],
    ['punto porcentual', 'point'],
  ]);
  T.curSuffix.addAll([
    ['dólares', { code: 'usd' }],
    ['dólar', { code: 'usd' }],
    ['dólares estadounidenses', { code: 'usd' }],
    ['euros', { code: 'eur' }],
    ['euro', { code: 'eur' }],
    ['libras', { code: 'gbp' }],
    ['libras esterlinas', { code: 'gbp' }],
    ['yenes', { code: 'jpy' }],
    ['yuanes', { code: 'cny' }],
    ['yuan', { code: 'cny' }],
    ['rublos', { code: 'rub' }],
    ['francos suizos', { code: 'chf' }],
    ['pesos', { code: 'peso' }],
    ['pesos mexicanos', { code: 'mxn' }],
    ['pesos argentinos', { code: 'ars' }],
    ['pesos colombianos', { code: 'cop' }],
    ['pesos chilenos', { code: 'clp' }],
    ['reales', { code: 'brl' }],
    ['bolívares', { code: 'ves' }],
    ['soles', { code: 'pen' }],
  ]);
  for (const [p, unit] of [
    ['kilómetros', 'km'],
    ['kilómetro', 'km'],
    ['metros', 'm'],
    ['centímetros', 'cm'],
    ['millas', 'mile'],
    ['toneladas', 'tonne'],
    ['tonelada', 'tonne'],
    ['kilos', 'kg'],
    ['kilogramos', 'kg'],
    ['gramos', 'g'],
    ['litros', 'l'],
    ['grados', 'degree'],
    ['grados centígrados', 'degree-c'],
    ['grados celsius', 'degree-c'],
    ['hectáreas', 'ha'],
    ['kilómetros cuadrados', 'km2'],
    ['metros cuadrados', 'm2'],
    ['metros cúbicos', 'm3'],
    ['barriles', 'barrel'],
    ['megavatios', 'mw'],
    ['kilómetros por hora', 'km/h'],
  ] as [string, string][])
    T.measure.add(p, { unit });
  T.timeUnits.addAll(
    timeUnitTable([
      ...tu('segundo[|s]', 'second'),
      ...tu('minuto[|s]', 'minute'),
      ...tu('hora[|s]', 'hour'),
      ...tu('día[|s]', 'day'),
      ...tu('semana[|s]', 'week'),
      ['quincena', 'week', false, 2],
      ...tu('mes[|es]', 'month'),
      ...tu('año[|s]', 'year'),
      ...tu('década[|s]', 'decade'),
      ...tu('siglo[|s]', 'century'),
    ]),
  );
  T.durPre.addEach('los últimos|las últimas|los próximos|las próximas', true);
  T.bareLookback.add('durante');
  T.relFixed.addAll([
    ['hoy', { tag: 'today', unit: 'day', value: 0 }],
    ['ayer', { tag: 'yesterday', unit: 'day', value: -1 }],
    ['mañana', { tag: 'tomorrow', unit: 'day', value: 1 }],
    ['esta mañana', { tag: 'this-morning' }],
    ['esta tarde', { tag: 'this-afternoon' }],
    ['esta noche', { tag: 'tonight' }],
    ['anoche', { tag: 'last-night' }],
    ['anteayer', { tag: 'day-ago', unit: 'day', value: 2 }],
    ['pasado mañana', { tag: 'day-hence', unit: 'day', value: 2 }],
    ['la semana pasada', { tag: 'last-week' }],
    ['el mes pasado', { tag: 'last-month' }],
    ['el año pasado', { tag: 'last-year' }],
    ['la próxima semana', { tag: 'next-week' }],
    ['la semana próxima', { tag: 'next-week' }],
    ['la semana que viene', { tag: 'next-week' }],
    ['el próximo mes', { tag: 'next-month' }],
    ['el mes próximo', { tag: 'next-month' }],
    ['el mes que viene', { tag: 'next-month' }],
    ['el próximo año', { tag: 'next-year' }],
    ['el año próximo', { tag: 'next-year' }],
    ['el año que viene', { tag: 'next-year' }],
    ['esta semana', { tag: 'this-week' }],
    ['este mes', { tag: 'this-month' }],
    ['este año', { tag: 'this-year' }],
    ['el día anterior', { tag: 'day-before' }],
    ['la víspera', { tag: 'day-before' }],
    ['el día siguiente', { tag: 'day-after' }],
    ['al día siguiente', { tag: 'day-after' }],
    ['el fin de semana', { tag: 'weekend' }],
    ['este fin de semana', { tag: 'this-weekend' }],
    ['el pasado fin de semana', { tag: 'last-weekend' }],
  ]);
  T.agoPre.add('hace', 'ago');
  T.dirPost.addAll([
    ['después', 'after'],
    ['más tarde', 'after'],
    ['antes', 'before'],
    ['atrás', 'ago'],
  ]);
  addWeekdays(T, WEEKDAYS_ES);
  T.weekdayPre.addAll([
    ['el pasado', 'last'],
    ['el próximo', 'next'],
    ['este', 'this'],
  ]);
  T.weekdayPost.addAll([
    ['pasado', 'last'],
    ['próximo', 'next'],
  ]);
  T.dayParts.addAll([
    ['por la mañana', 'morning'],
    ['por la tarde', 'afternoon'],
    ['por la noche', 'night'],
  ]);
  addMonths(T, MONTHS_ES);
  T.months.set('setiembre', { m: 9, abbr: false });
  T.monthPre.addAll([
    ['principios de', 'early'],
    ['comienzos de', 'early'],
    ['mediados de', 'mid'],
    ['finales de', 'late'],
    ['fines de', 'late'],
  ]);
  T.dayJoin.add('de');
  T.yearJoin.add('de');
  for (const [w, v] of [
    ['primero', 1],
    ['primera', 1],
    ['primer', 1],
    ['segundo', 2],
    ['segunda', 2],
    ['tercero', 3],
    ['tercera', 3],
    ['tercer', 3],
    ['cuarta', 4],
    ['quinto', 5],
    ['quinta', 5],
    ['sexto', 6],
    ['sexta', 6],
    ['séptimo', 7],
    ['séptima', 7],
    ['octavo', 8],
    ['octava', 8],
    ['noveno', 9],
    ['novena', 9],
    ['décimo', 10],
    ['décima', 10],
  ] as [string, number][])
    T.ordinals.set(foldForMatch(w), v);
  T.ordSuffix.add('o').add('a');
  T.timeWords.set('mediodia', 720);
  T.timeWords.set('medianoche', 0);
  T.clockWords.add('horas', true).add('h', true);
  for (const w of ['las', 'la']) T.clockCues.add(w);
}

function addFr(T: Tables): void {
  for (const [w, v] of FR_SMALL) T.small.set(foldForMatch(w), v);
  'vingt trente quarante cinquante soixante'.split(' ').forEach((w, i) => {
    T.tens.add(w, (i + 2) * 10);
  });
  T.tens.add('quatre-vingt', 80).add('quatre-vingts', 80);
  T.hundred.add('cent').add('cents');
  T.hundreds.set('cent', 100);
  T.joiners.add('-').add('et');
  T.maxAfterTens = 19;
  T.scales.addAll([
    ['mille', 1e3],
    ['million', 1e6],
    ['millions', 1e6],
    ['milliard', 1e9],
    ['milliards', 1e9],
    ['billion', 1e12],
    ['billions', 1e12],
    ['douzaine', 12],
  ]);
  for (const a of ['un', 'une']) T.articles.add(a);
  T.andHalf.add('et demie', true).add('et demi', true);
  T.qualifiers.addAll([
    ..."environ|quelque|autour de|approximativement|d’environ|d'environ"
      .split('|')
      .map((p): [string, Qual] => [p, '~']),
    ...'près de|presque|quasiment|moins de'.split('|').map((p): [string, Qual] => [p, '<']),
    ['plus de', '>'],
    ['au moins', '>='],
    ["jusqu'à", '<='],
  ]);
  T.vague.addAll([
    ['quelques', vg('few', true)],
    ['plusieurs', vg('few', true)],
    ['de nombreux', vg('many', true)],
    ['de nombreuses', vg('many', true)],
    ['beaucoup', vg('many', true)],
    ['des dizaines', vg('dozens')],
    ['dizaines', vg('dozens')],
    ['des centaines', vg('hundreds')],
    ['centaines', vg('hundreds')],
    ['des milliers', vg('thousands')],
    ['milliers', vg('thousands')],
    ['des dizaines de milliers', vg('tens-of-thousands')],
    ['des centaines de milliers', vg('hundreds-of-thousands')],
    ['des millions', vg('millions')],
  ]);
  T.connectors.add('de').add("d'");
  T.percent.addAll([
    ['pour cent', 'percent'],
    ['points de pourcentage', 'point'],
    ['point de pourcentage', 'point'],
  ]);
  T.curSuffix.addAll([
    ['dollars', { code: 'usd' }],
    ['dollar', { code: 'usd' }],
    ['dollars américains', { code: 'usd' }],
    ['euros', { code: 'eur' }],
    ['euro', { code: 'eur' }],
    ['livres', { code: 'gbp' }],
    ['livres sterling', { code: 'gbp' }],
    ['yens', { code: 'jpy' }],
    ['yen', { code: 'jpy' }],
    ['yuans', { code: 'cny' }],
    ['yuan', { code: 'cny' }],
    ['roubles', { code: 'rub' }],
    ['rouble', { code: 'rub' }],
    ['francs suisses', { code: 'chf' }],
    ['francs', { code: 'chf' }],
    ['francs cfa', { code: 'xof' }],
  ]);
  for (const [p, unit] of [
    ['kilomètres', 'km'],
    ['kilomètre', 'km'],
    ['mètres', 'm'],
    ['centimètres', 'cm'],
    ['tonnes', 'tonne'],
    ['tonne', 'tonne'],
    ['kilos', 'kg'],
    ['kilogrammes', 'kg'],
    ['grammes', 'g'],
    ['litres', 'l'],
    ['degrés', 'degree'],
    ['degrés celsius', 'degree-c'],
    ['hectares', 'ha'],
    ['kilomètres carrés', 'km2'],
    ['mètres cubes', 'm3'],
    ['barils', 'barrel'],
    ['mégawatts', 'mw'],
    ['kilomètres par heure', 'km/h'],
  ] as [string, string][])
    T.measure.add(p, { unit });
  T.timeUnits.addAll(
    timeUnitTable([
      ...tu('seconde[|s]', 'second'),
      ...tu('minute[|s]', 'minute'),
      ...tu('heure[|s]', 'hour'),
      ['h', 'hour', false],
      ...tu('jour[|s]', 'day'),
      ...tu('journée[|s]', 'day'),
      ...tu('semaine[|s]', 'week'),
      ['quinzaine', 'week', false, 2],
      ['mois', 'month', true],
      ...tu('an[|s]', 'year'),
      ...tu('année[|s]', 'year'),
      ...tu('décennie[|s]', 'decade'),
      ...tu('siècle[|s]', 'century'),
    ]),
  );
  T.durPre.addEach(
    'ces derniers|ces dernières|les derniers|les dernières|les prochains|les prochaines',
    true,
  );
  T.bareLookback.add('des');
  T.relFixed.addAll([
    ["aujourd'hui", { tag: 'today', unit: 'day', value: 0 }],
    ['hier', { tag: 'yesterday', unit: 'day', value: -1 }],
    ['demain', { tag: 'tomorrow', unit: 'day', value: 1 }],
    ['ce matin', { tag: 'this-morning' }],
    ['cet après-midi', { tag: 'this-afternoon' }],
    ['ce soir', { tag: 'tonight' }],
    ['hier soir', { tag: 'last-night' }],
    ['avant-hier', { tag: 'day-ago', unit: 'day', value: 2 }],
    ['après-demain', { tag: 'day-hence', unit: 'day', value: 2 }],
    ['la semaine dernière', { tag: 'last-week' }],
    ['le mois dernier', { tag: 'last-month' }],
    ["l'an dernier", { tag: 'last-year' }],
    ["l'année dernière", { tag: 'last-year' }],
    ["l'an passé", { tag: 'last-year' }],
    ["l'année passée", { tag: 'last-year' }],
    ['la semaine prochaine', { tag: 'next-week' }],
    ['le mois prochain', { tag: 'next-month' }],
    ["l'an prochain", { tag: 'next-year' }],
    ["l'année prochaine", { tag: 'next-year' }],
    ['cette semaine', { tag: 'this-week' }],
    ['ce mois-ci', { tag: 'this-month' }],
    ['cette année', { tag: 'this-year' }],
    ['la veille', { tag: 'day-before' }],
    ['le lendemain', { tag: 'day-after' }],
    ['le week-end', { tag: 'weekend' }],
    ['ce week-end', { tag: 'this-weekend' }],
    ['le week-end dernier', { tag: 'last-weekend' }],
  ]);
  T.agoPre.add('il y a', 'ago');
  T.dirPost.addAll([
    ['plus tard', 'after'],
    ['après', 'after'],
    ['plus tôt', 'before'],
    ['avant', 'before'],
    ['auparavant', 'before'],
  ]);
  addWeekdays(T, WEEKDAYS_FR);
  T.weekdayPre.add('ce', 'this');
  T.weekdayPost.addAll([
    ['dernier', 'last'],
    ['prochain', 'next'],
  ]);
  T.dayParts.addAll([
    ['matin', 'morning'],
    ['après-midi', 'afternoon'],
    ['soir', 'evening'],
  ]);
  addMonths(T, MONTHS_FR);
  for (const [a, m] of [
    ['janv', 1],
    ['févr', 2],
    ['avr', 4],
    ['juil', 7],
    ['sept', 9],
    ['oct', 10],
    ['nov', 11],
    ['déc', 12],
  ] as [string, number][])
    T.months.set(foldForMatch(a), { m, abbr: true });
  T.monthPre.addAll([
    ['début', 'early'],
    ['mi', 'mid'],
    ['fin', 'late'],
  ]);
  for (const [w, v] of [
    ['premier', 1],
    ['première', 1],
    ['deuxième', 2],
    ['second', 2],
    ['seconde', 2],
    ['troisième', 3],
    ['quatrième', 4],
    ['cinquième', 5],
    ['sixième', 6],
    ['septième', 7],
    ['huitième', 8],
    ['neuvième', 9],
    ['dixième', 10],
  ] as [string, number][])
    T.ordinals.set(foldForMatch(w), v);
  for (const s of ['er', 're', 'e', 'eme', 'nd', 'nde']) T.ordSuffix.add(s);
  T.timeWords.set('midi', 720);
  T.timeWords.set('minuit', 0);
  T.clockWords.add('h', true).add('heures', true).add('heure', true);
  for (const w of ['a', 'vers', 'des']) T.clockCues.add(w);
}

/**
 * The scanner tables for a language: English, German, Spanish and French get their word lists on
 * top of the language-neutral core; any other language gets the core only. Built once per language.
 *
 * @example
 * ```ts
 * tablesFor('de').scales.match(tokenize('Milliarden', 0), 0)?.val; // 1e9
 * ```
 */
export function tablesFor(lang: string): Tables {
  const code = (lang || 'und').toLowerCase().slice(0, 2);
  const key = code === 'en' || code === 'un' || code === '' ? 'en' : code;
  const hit = cache.get(key);
  if (hit) return hit;
  const kind: Tables['lang'] =
    key === 'en' ? 'en' : key === 'de' || key === 'es' || key === 'fr' ? key : 'xx';
  const T = base(kind, key);
  if (kind === 'xx') {
    // scale words of other languages common in wire copy (Italian, Dutch, Portuguese)
    T.scales.addAll([
      ['milione', 1e6],
      ['milioni', 1e6],
      ['miliardo', 1e9],
      ['miliardi', 1e9],
      ['miljoen', 1e6],
      ['miljard', 1e9],
      ['miljarden', 1e9],
      ['milhão', 1e6],
      ['milhões', 1e6],
    ]);
  }
  if (kind === 'en') addEn(T);
  else if (kind === 'de') addDe(T);
  else if (kind === 'es') addEs(T);
  else if (kind === 'fr') addFr(T);
  // words that may stick to digits: "5km", "2bn", "3pm", "10th", "48h", "1990s"
  for (const tbl of [T.scales, T.measure, T.timeUnits, T.curSuffix, T.ampm, T.clockWords, T.percent])
    for (const f of tbl.firsts()) if (/^[a-z]+$/.test(f)) T.digitSuffixes.add(f);
  for (const s of T.ordSuffix) T.digitSuffixes.add(s);
  T.digitSuffixes.add('k');
  cache.set(key, T);
  return T;
}
