/**
 * Lexical layer of the fact extractor: phrase tables, and the tables of number words, units,
 * currencies and calendar words that the fact parser reads over the text layer's fine scan
 * (`scanTokens` in text/tokenize.ts, where "US$3m" is four tokens).
 *
 * Representation. The words are data: `data/numbers.json` holds the language-neutral core
 * (currency symbols, ISO codes, unit abbreviations, time zones and their offsets),
 * `data/lang/<code>/numbers.json` one language's words, each key filling the {@link Tables} field
 * of the same name (see data/lang/README.md). A new language is a new file; a language without
 * one gets the core.
 *
 * Decision. Phrases are matched on folded tokens, longest first, so the order of a data list does
 * not matter and the files are sorted; inflected forms are listed in full, so every word the
 * scanner knows can be found with grep.
 */
import { dataLanguages, readJson } from '../text/data.js';
import { scanTokens } from '../text/tokenize.js';
import type { ScanToken } from '../text/types.js';

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

/** A multi-token phrase table matched longest-first from a token position. */
export class PhraseTable<T> {
  private readonly byFirst = new Map<string, { toks: string[]; val: T }[]>();
  /** Adds a phrase (tokenized and folded like text) unless it is already present. */
  add(phrase: string, val: T): this {
    const toks = scanTokens(phrase, 0).map((t) => t.n);
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
  match(toks: readonly ScanToken[], k: number, adjacent = false): { val: T; end: number } | undefined {
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
  /** The language code of its data file, or 'xx' for a language without one. */
  lang: string;
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
// The words: data/numbers.json (the language-neutral core and the fall-back for languages without
// a file) and data/lang/<code>/numbers.json (one language; every file has the keys of Tables).

/** A language file: the fields of {@link Tables} in JSON (lists for sets, pairs for maps and phrases). */
type NumberFile = { source: string; countAdjectives: string[] } & Record<string, unknown>;

interface CoreFile {
  source: string;
  /** Languages without a file of their own that write 3,5 for 3.5. */
  decimalCommaLanguages: string[];
  /** Offsets from GMT in hours, for comparing "15:00 GMT" with "16:00 CET". */
  tzOffsets: [string, number][];
  /** Symbols, ISO codes, unit abbreviations and time zones, read in every language. */
  core: Record<string, unknown>;
  /** Added for languages without a file: scale words common in wire copy (Italian, Dutch, Portuguese). */
  otherLanguages: Record<string, unknown>;
}

const core = (): CoreFile => readJson<CoreFile>('numbers.json');
const langFile = (code: string): NumberFile => readJson<NumberFile>(`lang/${code}/numbers.json`);

/** Offsets from GMT in hours, for comparing "15:00 GMT" with "16:00 CET". */
export const TZ_OFFSETS: Record<string, number> = Object.fromEntries(core().tzOffsets);

/** Adjectives that may sit between a number and its count noun ("two more goals"). */
export const COUNT_ADJECTIVES: ReadonlySet<string> = new Set(langFile('en').countAdjectives);

function emptyTables(lang: string): Tables {
  return {
    lang,
    decimalComma: false,
    small: new Map(),
    tens: new PhraseTable(),
    hundred: new Set(),
    hundreds: new Map(),
    joiners: new Set(),
    maxAfterTens: 9,
    scales: new PhraseTable(),
    articles: new Set(),
    half: new Set(),
    andHalf: new PhraseTable(),
    qualifiers: new PhraseTable(),
    postQual: new PhraseTable(),
    vague: new PhraseTable(),
    connectors: new Set(),
    percent: new PhraseTable(),
    curPrefix: new PhraseTable(),
    curSuffix: new PhraseTable(),
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
    digitSuffixes: new Set(),
  };
}

/** Adds one data file's words to the tables: each key fills the field of the same name. */
function fill(T: Tables, data: Record<string, unknown>): void {
  const fields = T as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) {
    const field = fields[key];
    if (field instanceof PhraseTable) field.addAll(value as [string, unknown][]);
    else if (field instanceof Map) for (const [k, v] of value as [string, unknown][]) field.set(k, v);
    else if (field instanceof Set) for (const w of value as string[]) field.add(w);
    else if (typeof field === typeof value) fields[key] = value;
  }
}

const cache = new Map<string, Tables>();

/**
 * The scanner tables for a language: a language with a file (`data/lang/<code>/numbers.json`:
 * English, German, Spanish, French) gets its words on top of the language-neutral core; any other
 * language gets the core and a few scale words. Built once per language.
 *
 * @example
 * ```ts
 * tablesFor('de').scales.match(scanTokens('Milliarden', 0), 0)?.val; // 1e9
 * ```
 */
export function tablesFor(lang: string): Tables {
  const code = (lang || 'und').toLowerCase().slice(0, 2);
  const key = code === 'en' || code === 'un' || code === '' ? 'en' : code;
  const hit = cache.get(key);
  if (hit) return hit;
  const own = dataLanguages('numbers.json').includes(key);
  const T = emptyTables(own ? key : 'xx');
  const c = core();
  fill(T, c.core);
  T.decimalComma = c.decimalCommaLanguages.includes(key);
  fill(T, own ? langFile(key) : c.otherLanguages);
  // words that may stick to digits: "5km", "2bn", "3pm", "10th", "48h", "1990s"
  for (const tbl of [T.scales, T.measure, T.timeUnits, T.curSuffix, T.ampm, T.clockWords, T.percent])
    for (const f of tbl.firsts()) if (/^[a-z]+$/.test(f)) T.digitSuffixes.add(f);
  for (const s of T.ordSuffix) T.digitSuffixes.add(s);
  T.digitSuffixes.add('k');
  cache.set(key, T);
  return T;
}
