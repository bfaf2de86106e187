/**
 * Paragraph and sentence segmentation with exact offsets into the (normalised) text.
 *
 * The sentence splitter is a single left-to-right scan over terminator characters with bounded
 * look-behind (the word before a full stop, ≤ 40 chars) and bounded look-ahead (the next word),
 * so it runs in linear time on any input. Over-long sentences are then cut at clause boundaries
 * in chunks of at least half the limit, which keeps that step linear too.
 */

import { StorydiffError } from '../errors.js';
import { foldForMatch } from './fold.js';
import { normalizeText } from './normalize.js';
import { isStopwordAnyLanguage, STOPWORD_LANGS, stopwords } from './stopwords.js';
import type { Paragraph, Sentence } from './types.js';

/** Options of {@link segment}. */
export interface SegmentOptions {
  /** ISO 639-1 language of the text, if known; tunes abbreviation and ordinal handling. */
  lang?: string;
  /** Longest sentence kept whole, in UTF-16 units; longer ones are split. Default 1,500. */
  maxSentenceChars?: number;
}

/** Sentences and paragraphs of a text. */
export interface Segmentation {
  sentences: Sentence[];
  paragraphs: Paragraph[];
}

/** A half-open range of the text. */
export interface Span {
  start: number;
  end: number;
}

/** Default for {@link SegmentOptions.maxSentenceChars}. */
export const DEFAULT_MAX_SENTENCE_CHARS = 1500;

// ---------------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------------

const SPACE_RE = /\s/;
function isSpace(c: number): boolean {
  if (c === 32 || c === 10) return true;
  if (c < 128) return c === 9 || c === 13 || c === 11 || c === 12;
  return SPACE_RE.test(String.fromCharCode(c));
}

const codes = (s: string): Set<number> => new Set([...s].map((ch) => ch.charCodeAt(0)));

// Latin-style terminators: need whitespace after them to end a sentence.
const QUESTION_EXCLAIM = codes('!?‼⁇⁈⁉؟');
// Terminators of scripts written without spaces or with their own full stop: a sentence ends
// right after them (CJK full-width stops, Urdu, Devanagari, Armenian, Ethiopic, Myanmar, Khmer,
// Mongolian).
const STRONG = codes('。！？｡．۔।॥։።፧፨။។៕᠃');
const ELLIPSIS = 0x2026;
const DOT = 46;
// Closing quotes and brackets that belong to the sentence they follow. « and » appear in both
// sets because German writes »…« and French «…».
const CLOSERS = codes('"\'”’»«›‹)]}」』》〉）】〕〗〙＂＇');
const FRENCH_CLOSERS = codes('»›');
const OPENERS = codes('"\'“‘„‚«»‹›([{¿¡「『《〈（【〔〖〘＂＇');
// Punctuation that cannot start a sentence on the same line: a following dash, comma or colon
// means the full stop was an abbreviation's ("U.S. — the", "etc., and").
const NO_START = codes(',;:-–—');
// Clause boundaries used to cut over-long sentences.
const CLAUSE = codes(';:,—–');

const LOWER_RE = /\p{Ll}/u;
const UPPER_RE = /[\p{Lu}\p{Lt}]/u;
const LETTER_RE = /[\p{L}\p{N}]/u;
const DIGIT_RE = /\p{Nd}/u;
const MARK_RE = /\p{M}/u;
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const NEXT_WORD_RE = /[\p{L}\p{M}]{1,40}/uy;

function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

// ---------------------------------------------------------------------------------------------
// Abbreviations
// ---------------------------------------------------------------------------------------------

/** How a full stop after an abbreviation behaves. */
enum Abbr {
  /** Titles and the like: always followed by more of the sentence (Mr., Dr., z.B., e.g.). */
  Never = 1,
  /** May end a sentence: only does if the next word is a capitalised function word (U.S., Inc.). */
  Maybe = 2,
  /** Before a number (No. 5, Art. 3) never ends a sentence; otherwise an ordinary full stop. */
  Numeric = 3,
  /** a.m. / p.m.: ends a sentence before a capitalised word that is not a time zone or date. */
  Clock = 4,
}

function table(kind: Abbr, words: string): [string, Abbr][] {
  return words
    .trim()
    .split(/\s+/)
    .map((w) => [w, kind]);
}

// Only recognised when written with a capital (so "on." or "ill." in running text still end
// sentences); looked up in lower case.
const CASED = new Map<string, Abbr>([
  ...table(
    Abbr.Never,
    `mr mrs ms messrs mme mmes mlle mlles mm dr drs prof profs gen lt col maj capt cmdr adm sgt cpl
     pvt brig sen sens rep reps gov pres supt insp det rev hon msgr fr hr sra srta sres dña dra dn
     dott sig sigg avv ing on gral lic`,
  ),
  ...table(
    Abbr.Maybe,
    `inc corp ltd co plc llc bros jr sr esq st ste mt ft ave blvd rd dept univ assn jan feb mar apr
     jun jul aug sep sept oct nov dec ala ariz ark calif colo conn del fla ga ill ind kan kans ky la
     md mass mich minn miss mo mont neb nev okla ore pa tenn tex vt va wash wis wyo`,
  ),
]);
// Recognised in any case.
const ANYCASE = new Map<string, Abbr>([
  ...table(
    Abbr.Never,
    `vs v e.g i.e cf viz approx ca incl z.b d.h u.a bzw vgl sog ggf evtl inkl bspw p.ex c.-à-d
     c.-a-d s.v.p resp`,
  ),
  ...table(Abbr.Maybe, `etc usw ecc al ibid mio mrd mln mld op cit`),
  ...table(Abbr.Numeric, `no nr nos nº art vol fig figs pp p ch sec para tel pag pág núm num`),
  ...table(Abbr.Clock, `a.m p.m`),
]);

// Dotted acronyms (U.S., E.U., N.Y., EE.UU., Ph.D.) behave like Maybe abbreviations.
const DOTTED_RE = /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u;
const INITIAL_RE = /^\p{Lu}$/u;
const ORDINAL_RE = /^\p{Nd}{1,3}$/u;
const LEADING_PUNCT_RE = /^[\p{Ps}\p{Pi}\p{Pd}"'¿¡]+/u;

function abbreviationKind(tok: string): Abbr | undefined {
  if (tok.length === 0) return undefined;
  const lower = tok.toLowerCase();
  const capital = UPPER_RE.test(charAt(tok, 0));
  const kind = (capital ? CASED.get(lower) : undefined) ?? ANYCASE.get(lower);
  if (kind !== undefined) return kind;
  if (DOTTED_RE.test(tok)) return Abbr.Maybe;
  return undefined;
}

// Languages that write ordinals as "3." ("am 3. Oktober"): a number's full stop there does not
// end a sentence unless a function word follows.
const ORDINAL_LANGS = new Set('de da no nb nn fi pl cs sk sl hr sr bs tr hu et lv is fo'.split(' '));
// Month names (folded) of those languages, for when the language is not known.
const ORDINAL_MONTHS = new Set(
  `januar februar marz april mai juni juli august september oktober november dezember jaenner
   jänner marts maj juni augusti januari februari mars juli oktober desember december tammikuuta
   helmikuuta maaliskuuta huhtikuuta toukokuuta kesakuuta heinakuuta elokuuta syyskuuta lokakuuta
   marraskuuta joulukuuta stycznia lutego marca kwietnia maja czerwca lipca sierpnia wrzesnia
   pazdziernika listopada grudnia ledna unora brezna dubna kvetna cervna cervence srpna zari rijna
   listopadu prosince`.split(/\s+/),
);
const CLOCK_FOLLOWERS = new Set(
  `monday tuesday wednesday thursday friday saturday sunday january february march april may june
   july august september october november december`.split(/\s+/),
);

// ---------------------------------------------------------------------------------------------
// Datelines
// ---------------------------------------------------------------------------------------------

// "BERLIN:", "WASHINGTON (Reuters) -", "PARIS, Jan 5 (AFP) —", "ST. LOUIS, Mo. (AP) —",
// "Berlin (dpa) -". All quantifiers are bounded and the regex only ever sees the first 160
// characters of a paragraph, so it cannot blow up.
const UC_WORD = "\\p{Lu}[\\p{Lu}\\p{M}'’.\\-]+";
const TC_WORD = "\\p{Lu}[\\p{L}\\p{M}'’.\\-]*";
const DETAIL = '(?:, [^\\n():;—–]{1,40}?)?';
const AGENCY = ' ?\\([^()\\n]{1,40}\\)';
const DATELINE_RE = new RegExp(
  `^(?:${UC_WORD}(?: ${UC_WORD}){0,4}${DETAIL}(?:${AGENCY})?|${TC_WORD}(?: ${TC_WORD}){0,3}${DETAIL}${AGENCY}) ?(?::|--?|[–—])(?= |$)`,
  'u',
);
const DATELINE_WINDOW = 160;

/** Length of the dateline at `start`, or 0. */
function datelineLength(text: string, start: number, end: number): number {
  const m = DATELINE_RE.exec(text.slice(start, Math.min(end, start + DATELINE_WINDOW)));
  return m ? m[0].length : 0;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs
// ---------------------------------------------------------------------------------------------

/**
 * Splits text into paragraphs (trimmed ranges). If the text contains a blank line, paragraphs are
 * separated by blank lines and single newlines inside are line wraps; otherwise every non-empty
 * line is a paragraph.
 *
 * @example
 * ```ts
 * splitParagraphs('One line\nwrapped.\n\nSecond.'); // => [{ start: 0, end: 17 }, { start: 19, end: 26 }]
 * splitParagraphs('Headline\nBody text.');          // => [{ start: 0, end: 8 }, { start: 9, end: 19 }]
 * ```
 */
export function splitParagraphs(text: string): Span[] {
  const lines: Span[] = [];
  // blankBefore[k]: a blank line separates line k from the non-empty line before it.
  const blankBefore: boolean[] = [];
  let sawBlank = false;
  const n = text.length;
  let i = 0;
  while (i <= n) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = n;
    const line = trimSpan(text, i, nl);
    if (line) {
      blankBefore.push(sawBlank && lines.length > 0);
      lines.push(line);
      sawBlank = false;
    } else sawBlank = true;
    i = nl + 1;
  }
  if (!blankBefore.includes(true)) return lines;
  const paras: Span[] = [];
  lines.forEach((line, k) => {
    if (k === 0 || blankBefore[k]) paras.push(line);
    else paras[paras.length - 1].end = line.end;
  });
  return paras;
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

interface Ctx {
  isStop: (norm: string) => boolean;
  greek: boolean;
  ordinal: boolean | undefined;
}

function makeCtx(lang: string | undefined): Ctx {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0];
  const known = STOPWORD_LANGS.includes(base);
  const set = known ? stopwords(base) : undefined;
  return {
    isStop: set ? (w) => set.has(w) : isStopwordAnyLanguage,
    greek: base === 'el',
    // undefined = language unknown: only month names after "3." signal an ordinal.
    ordinal: base ? ORDINAL_LANGS.has(base) : undefined,
  };
}

/** Trims [s, e) to non-space characters; returns null if nothing is left. */
function trimSpan(text: string, s: number, e: number): Span | null {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return s < e ? { start: s, end: e } : null;
}

/** The word before the full stop at `dot` (without leading quotes/brackets), or '' if too long. */
function wordBefore(text: string, dot: number, floor: number): string {
  let s = dot;
  const min = Math.max(floor, dot - 40);
  while (s > min && !isSpace(text.charCodeAt(s - 1))) s--;
  if (s > floor && !isSpace(text.charCodeAt(s - 1))) return '';
  return text.slice(s, dot).replace(LEADING_PUNCT_RE, '');
}

/** Decides whether the sentence ends after the terminator run [i, j). */
function isBoundary(text: string, i: number, j: number, end: number, paraStart: number, ctx: Ctx): boolean {
  let dots = 0;
  let qe = false;
  let strong = false;
  let ellipsis = false;
  let closer = false;
  for (let p = i; p < j; p++) {
    const c = text.charCodeAt(p);
    if (c === DOT) dots++;
    else if (c === ELLIPSIS) ellipsis = true;
    else if (QUESTION_EXCLAIM.has(c) || (ctx.greek && c === 59)) qe = true;
    else if (STRONG.has(c)) strong = true;
    else closer = true;
  }
  if (dots >= 2) ellipsis = true;

  // Skip whitespace to the next character.
  let k = j;
  let newline = false;
  while (k < end && isSpace(text.charCodeAt(k))) {
    if (text.charCodeAt(k) === 10) newline = true;
    k++;
  }
  const spaced = k > j;

  if (strong) {
    // 「……。」と述べた / “……。”他说: a quote closed right after the stop and continued by a
    // letter is one sentence.
    if (closer && !spaced && LETTER_RE.test(charAt(text, k))) return false;
    return true;
  }
  if (!spaced) {
    // Half-width ?/! between CJK characters ends a sentence without a space.
    return (
      qe && i > 0 && CJK_RE.test(charAt(text, prevCodePointIndex(text, i))) && CJK_RE.test(charAt(text, k))
    );
  }

  // Look at the next word, past any opening quotes or brackets.
  let w = k;
  while (w < end && OPENERS.has(text.charCodeAt(w))) w++;
  const first = charAt(text, w);
  if (first === '') return true;
  if (LOWER_RE.test(first)) {
    // "iPhone", "eBay": a lower-case letter followed by a capital starts a name, not a continuation.
    const second = charAt(text, w + first.length);
    if (!(second && UPPER_RE.test(second))) return false;
  }
  if (!newline && NO_START.has(text.charCodeAt(k))) return false;
  if (ellipsis || qe) return true;
  if (dots !== 1 || text.charCodeAt(i) !== DOT) return true;

  // A single full stop: is it an abbreviation's?
  const tok = wordBefore(text, i, paraStart);
  const nextIsDigit = DIGIT_RE.test(first);
  NEXT_WORD_RE.lastIndex = w;
  const nextWord = NEXT_WORD_RE.exec(text)?.[0] ?? '';
  const nextNorm = nextWord ? foldForMatch(nextWord) : '';
  const nextIsStop = nextNorm !== '' && ctx.isStop(nextNorm);

  if (INITIAL_RE.test(tok)) {
    // George W. Bush, J. R. R. Tolkien, M. Macron: an initial ends a sentence only before a
    // function word that is not itself another initial. Checked before the abbreviation lists
    // so that "John P. Smith" is not read as "p. 5".
    const nextIsInitial = nextWord.length === 1 && text.charCodeAt(w + 1) === DOT;
    return nextIsStop && !nextIsInitial;
  }
  const kind = abbreviationKind(tok);
  if (kind === Abbr.Never) return false;
  if (kind === Abbr.Numeric) return !nextIsDigit;
  if (kind === Abbr.Maybe) return !nextIsDigit && nextIsStop;
  if (kind === Abbr.Clock) {
    if (nextIsDigit) return false;
    if (nextIsStop) return true;
    const allCaps = nextWord.length > 1 && nextWord === nextWord.toUpperCase();
    return UPPER_RE.test(first) && !allCaps && !CLOCK_FOLLOWERS.has(nextNorm);
  }
  if (ORDINAL_RE.test(tok)) {
    if (ctx.ordinal === true) return nextIsStop || nextIsDigit;
    if (ctx.ordinal === undefined && ORDINAL_MONTHS.has(nextNorm)) return false;
  }
  return true;
}

function prevCodePointIndex(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

function isTerminator(c: number, greek: boolean): boolean {
  return c === DOT || c === ELLIPSIS || QUESTION_EXCLAIM.has(c) || STRONG.has(c) || (greek && c === 59);
}

/** Sentence spans of one paragraph [start, end). */
function splitSentences(text: string, start: number, end: number, ctx: Ctx): Span[] {
  const out: Span[] = [];
  const protect = start + datelineLength(text, start, end);
  let sentStart = start;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!isTerminator(c, ctx.greek)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end) {
      const d = text.charCodeAt(j);
      if (isTerminator(d, ctx.greek) || CLOSERS.has(d)) j++;
      else break;
    }
    // French spacing puts a space before the closing guillemet: « Nous sommes prêts. »
    if (
      j + 1 < end &&
      text.charCodeAt(j) === 32 &&
      FRENCH_CLOSERS.has(text.charCodeAt(j + 1)) &&
      (j + 2 >= end || isSpace(text.charCodeAt(j + 2)))
    ) {
      j += 2;
    }
    // '．' between digits is a decimal point in full-width numbers.
    if (c === 0xff0e && j === i + 1 && DIGIT_RE.test(text[i - 1] ?? '') && DIGIT_RE.test(text[j] ?? '')) {
      i = j;
      continue;
    }
    if (j < end && j > protect && isBoundary(text, i, j, end, start, ctx)) {
      const span = trimSpan(text, sentStart, j);
      if (span) out.push(span);
      sentStart = j;
    }
    i = j;
  }
  const last = trimSpan(text, sentStart, end);
  if (last) out.push(last);
  return out;
}

/** Cuts an over-long span into pieces of at most `max` units (see module comment). */
function capLength(text: string, span: Span, max: number, out: Span[]): void {
  let s = span.start;
  const e = span.end;
  while (e - s > max) {
    const limit = s + max;
    const half = s + Math.max(1, Math.floor(max / 2));
    let cut = -1;
    for (let p = limit - 1; p >= half; p--) {
      const c = text.charCodeAt(p);
      if (CLAUSE.has(c) && (c === 0x2014 || c === 0x2013 || isSpace(text.charCodeAt(p + 1)))) {
        cut = p + 1;
        break;
      }
    }
    if (cut < 0) {
      for (let p = limit - 1; p >= half; p--) {
        if (isSpace(text.charCodeAt(p))) {
          cut = p;
          break;
        }
      }
    }
    if (cut < 0) {
      cut = limit;
      // Never split a surrogate pair or a letter from its combining marks.
      const lo = text.charCodeAt(cut);
      if (lo >= 0xdc00 && lo <= 0xdfff && cut - 1 > s) cut--;
      for (let guard = 0; guard < 8 && cut - 1 > s && MARK_RE.test(charAt(text, cut)); guard++) cut--;
    }
    const piece = trimSpan(text, s, cut);
    if (piece) out.push(piece);
    s = cut;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
  }
  const rest = trimSpan(text, s, e);
  if (rest) out.push(rest);
}

function checkMax(max: number | undefined): number {
  if (max === undefined) return DEFAULT_MAX_SENTENCE_CHARS;
  if (typeof max !== 'number' || !Number.isFinite(max) || max < 1) {
    throw new StorydiffError('USAGE', `maxSentenceChars must be a positive number, got ${String(max)}`);
  }
  return Math.floor(max);
}

/**
 * Splits normalised text into sentences and paragraphs with exact offsets: every
 * `sentence.text === text.slice(sentence.start, sentence.end)`, trimmed, in order, never crossing
 * a paragraph boundary. News-aware: abbreviations (U.S., Mr., Inc., z.B., Sra.), initials
 * (George W. Bush), decimals, ellipses, closing quotes/brackets after the stop, datelines
 * (`WASHINGTON (Reuters) -`, a dateline alone on its line is joined to the next paragraph), CJK and
 * other scripts' terminators, lower-case continuations. Sentences longer than `maxSentenceChars`
 * are cut at the last clause boundary (; : , —) before the limit, else at whitespace, else hard.
 *
 * @example
 * ```ts
 * const { sentences } = segment('WASHINGTON (Reuters) - Mr. Smith left the U.S. on Monday. "It is over," he said.');
 * sentences.map((s) => s.text);
 * // => ['WASHINGTON (Reuters) - Mr. Smith left the U.S. on Monday.', '"It is over," he said.']
 * ```
 */
export function segment(text: string, opts: SegmentOptions = {}): Segmentation {
  if (typeof text !== 'string') throw new StorydiffError('INPUT_INVALID', 'text must be a string');
  const max = checkMax(opts.maxSentenceChars);
  const ctx = makeCtx(opts.lang);
  const paras = mergeDatelines(text, splitParagraphs(text));
  const sentences: Sentence[] = [];
  const paragraphs: Paragraph[] = [];
  for (const para of paras) {
    const pIndex = paragraphs.length;
    const ids: number[] = [];
    for (const span of splitSentences(text, para.start, para.end, ctx)) {
      const pieces: Span[] = [];
      if (span.end - span.start > max) capLength(text, span, max, pieces);
      else pieces.push(span);
      for (const p of pieces) {
        ids.push(sentences.length);
        sentences.push({
          index: sentences.length,
          text: text.slice(p.start, p.end),
          start: p.start,
          end: p.end,
          paragraph: pIndex,
        });
      }
    }
    if (ids.length) paragraphs.push({ index: pIndex, start: para.start, end: para.end, sentences: ids });
  }
  return { sentences, paragraphs };
}

/** Joins a paragraph that is only a dateline ("BERLIN —") to the paragraph after it. */
function mergeDatelines(text: string, paras: Span[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    const len = p.end - p.start;
    if (i + 1 < paras.length && len <= 80 && datelineLength(text, p.start, p.end) === len) {
      out.push({ start: p.start, end: paras[i + 1].end });
      i++;
    } else out.push({ start: p.start, end: p.end });
  }
  return out;
}

/**
 * Builds a segmentation from pre-split sentences: each part is normalised (internal newlines
 * become spaces) and becomes exactly one sentence and its own paragraph; the text is the parts
 * joined by '\n'. Parts that are empty after normalisation are skipped, so sentence and paragraph
 * indices stay contiguous (sentence i is then not necessarily part i).
 *
 * @example
 * ```ts
 * const r = segmentList(['First line.', '  ', 'Second\nline.']);
 * r.text; // => 'First line.\nSecond line.'
 * r.sentences.length; // => 2
 * ```
 */
export function segmentList(parts: readonly string[]): Segmentation & { text: string } {
  if (!Array.isArray(parts))
    throw new StorydiffError('INPUT_INVALID', 'sentences must be an array of strings');
  const sentences: Sentence[] = [];
  const paragraphs: Paragraph[] = [];
  const texts: string[] = [];
  let offset = 0;
  parts.forEach((part, i) => {
    if (typeof part !== 'string') {
      throw new StorydiffError('INPUT_INVALID', `sentences[${i}] is not a string`);
    }
    const t = normalizeText(part).replace(/\n+/g, ' ');
    if (!t) return;
    if (texts.length) offset += 1;
    const index = sentences.length;
    sentences.push({ index, text: t, start: offset, end: offset + t.length, paragraph: index });
    paragraphs.push({ index, start: offset, end: offset + t.length, sentences: [index] });
    texts.push(t);
    offset += t.length;
  });
  return { text: texts.join('\n'), sentences, paragraphs };
}
