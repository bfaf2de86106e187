/**
 * The text layer's tokeniser. {@link tokenize} turns one sentence into word, number, punctuation
 * and symbol tokens with folded forms, stems and stop-word flags: what matching, alignment and
 * names read. {@link scanTokens} is the finer scan of the same characters that the fact
 * extractor reads (symbols apart, no stems). Both stand on the one character classification
 * (chars.ts) and the one fold (fold.ts), so they agree on what a letter, a digit and a word are.
 *
 * Cost. One pass over code points with bounded look-ahead: linear in the input.
 */

import { APOSTROPHES, CharClass as C, charAt, classify, RE_DIGIT, RE_MARK, RE_UPPER } from './chars.js';
import { foldForMatch } from './fold.js';
import { stem } from './stem.js';
import { isStopword } from './stopwords.js';
import type { ScanToken, Token, TokenKind } from './types.js';

const RE_PICTO = /\p{Extended_Pictographic}/u;
// Decimal and thousands separators allowed between digits (incl. Arabic ٫ and ٬).
const NUM_SEPARATORS = new Set(['.', ',', '٫', '٬']);

// French/Catalan/Italian elided articles and pronouns written with an apostrophe: "l'homme" is
// two words, "l'" and "homme".
const ELISIONS: Record<string, Set<string>> = {
  fr: new Set('l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu'.split(' ')),
  it: new Set('l d un dell all dall nell sull coll c quest quell anch com dov tutt'.split(' ')),
  ca: new Set('l d s n m t'.split(' ')),
};

/** Value of a decimal digit of any script (digits come in contiguous runs of ten). */
function digitValue(cp: number): number {
  let zero = cp;
  for (let k = 0; k < 60 && RE_DIGIT.test(String.fromCodePoint(zero - 1)); k++) zero--;
  return (cp - zero) % 10;
}

function numberNorm(s: string): string {
  let out = '';
  for (const ch of foldForMatch(s)) {
    const cp = ch.codePointAt(0)!;
    if (cp > 127 && RE_DIGIT.test(ch)) out += String(digitValue(cp));
    else if (ch === '٫') out += '.';
    else if (ch === '٬') out += ',';
    else out += ch;
  }
  return out;
}

interface Piece {
  start: number;
  end: number;
  kind: TokenKind;
}

/** Splits an English possessive or a Romance elision off a word run. */
function splitWord(text: string, s: number, e: number, base: string, out: Piece[]): void {
  const elisions = ELISIONS[base];
  if (elisions) {
    // Peel off leading elisions: "qu'l'" never happens, but "d'un" with "un'" might in Italian.
    for (;;) {
      let a = s;
      while (a < e && !APOSTROPHES.has(text[a])) a++;
      if (a >= e - 1 || !elisions.has(foldForMatch(text.slice(s, a)))) break;
      out.push({ start: s, end: a + 1, kind: 'word' });
      s = a + 1;
    }
  }
  if (
    base === 'en' &&
    e - s >= 3 &&
    APOSTROPHES.has(text[e - 2]) &&
    (text[e - 1] === 's' || text[e - 1] === 'S')
  ) {
    out.push({ start: s, end: e - 2, kind: 'word' });
    out.push({ start: e - 2, end: e, kind: 'word' });
    return;
  }
  out.push({ start: s, end: e, kind: 'word' });
}

/**
 * Tokenises one sentence. `offset` is the sentence's start in the article, so token offsets are
 * absolute. Words are runs of letters and marks with internal apostrophes (don't, O'Brien); the
 * English possessive 's becomes its own stop-word token and French/Italian elisions (l', dell')
 * are split off; hyphens split compounds (ultra-conservative → ultra - conservative); numbers keep
 * internal separators (1,000 2.5 3.000,5); % and other symbols and emoji are 'symbol'; each
 * Han/kana character is its own word while Hangul, Thai, Lao and Khmer runs stay whole.
 *
 * @example
 * ```ts
 * tokenize("Germany's $2.5bn deal", 0, 'en').map((t) => `${t.kind}:${t.text}`);
 * // => ['word:Germany', "word:'s", 'symbol:$', 'number:2.5', 'word:bn', 'word:deal']
 * ```
 */
export function tokenize(text: string, offset: number, lang: string): Token[] {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0];
  const pieces: Piece[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const ch = charAt(text, i);
    const cls = classify(ch, cp);
    let j = i + ch.length;
    switch (cls) {
      case C.Space:
      case C.Skip:
        i = j;
        continue;
      case C.Letter:
      case C.Mark: {
        while (j < n) {
          const c2 = text.codePointAt(j)!;
          const ch2 = charAt(text, j);
          const k2 = classify(ch2, c2);
          if (k2 === C.Letter || k2 === C.Mark) {
            j += ch2.length;
          } else if (k2 === C.Apostrophe && j + 1 < n) {
            const c3 = text.codePointAt(j + 1)!;
            const k3 = classify(String.fromCodePoint(c3), c3);
            if (k3 !== C.Letter) break;
            j += 1;
          } else break;
        }
        splitWord(text, i, j, base, pieces);
        break;
      }
      case C.Ideo:
        // Kana voicing marks and other combining marks stay on their character.
        while (j < n && RE_MARK.test(text[j])) j++;
        pieces.push({ start: i, end: j, kind: 'word' });
        break;
      case C.Digit: {
        while (j < n) {
          const ch2 = charAt(text, j);
          if (RE_DIGIT.test(ch2)) j += ch2.length;
          else if (
            NUM_SEPARATORS.has(ch2) &&
            j + 1 < n &&
            RE_DIGIT.test(String.fromCodePoint(text.codePointAt(j + 1)!))
          )
            j += 1;
          else break;
        }
        while (j < n && RE_MARK.test(text[j])) j++;
        pieces.push({ start: i, end: j, kind: 'number' });
        break;
      }
      case C.Symbol: {
        j = emojiEnd(text, i, j);
        pieces.push({ start: i, end: j, kind: 'symbol' });
        break;
      }
      default:
        // Punctuation and stray apostrophes: one character each, keeping any combining marks.
        while (j < n && RE_MARK.test(text[j])) j++;
        pieces.push({ start: i, end: j, kind: 'punct' });
    }
    i = j;
  }
  return pieces.map((p) => makeToken(text, p, offset, base));
}

const isRegional = (cp: number): boolean => cp >= 0x1f1e6 && cp <= 0x1f1ff;
const isSkinTone = (cp: number): boolean => cp >= 0x1f3fb && cp <= 0x1f3ff;
const isTag = (cp: number): boolean => cp >= 0xe0020 && cp <= 0xe007f;

/** End of the emoji or symbol cluster starting at i (first code point ends at j). */
function emojiEnd(text: string, i: number, j: number): number {
  const n = text.length;
  const first = text.codePointAt(i)!;
  if (isRegional(first)) {
    // Flags are pairs of regional indicators.
    const next = text.codePointAt(j);
    return next !== undefined && isRegional(next) ? j + 2 : j;
  }
  // Bounded, so a hostile run of joiners cannot make one enormous token.
  for (let guard = 0; guard < 32 && j < n; guard++) {
    const cp = text.codePointAt(j)!;
    const len = cp > 0xffff ? 2 : 1;
    if (RE_MARK.test(String.fromCodePoint(cp)) || isSkinTone(cp) || isTag(cp)) j += len;
    else if (cp === 0x200d && j + 1 < n) {
      const after = text.codePointAt(j + 1)!;
      if (!RE_PICTO.test(String.fromCodePoint(after))) break;
      j += 1 + (after > 0xffff ? 2 : 1);
    } else break;
  }
  return j;
}

function makeToken(text: string, p: Piece, offset: number, lang: string): Token {
  const surface = text.slice(p.start, p.end);
  const norm = p.kind === 'number' ? numberNorm(surface) : foldForMatch(surface);
  const isWord = p.kind === 'word';
  const firstCp = surface.codePointAt(0)!;
  return {
    text: surface,
    norm,
    stem: isWord ? stem(norm, lang) : norm,
    kind: p.kind,
    start: offset + p.start,
    end: offset + p.end,
    cap: RE_UPPER.test(String.fromCodePoint(firstCp)),
    stop: isWord && isStopword(norm, lang),
  };
}

// The fine scan: the fact extractor's view of a sentence, on the same character classes and fold.

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** What the fine scan makes of the code point at `i`, from the text layer's classes. */
function scanClass(str: string, i: number): 'gap' | 'num' | 'word' | 'sym' {
  const ch = charAt(str, i);
  const cls = classify(ch, ch.codePointAt(0) ?? 0);
  if (cls === C.Space || cls === C.Skip) return 'gap';
  // Only ASCII digits: the fact parser reads numbers with parseFloat.
  if (cls === C.Digit) return str.charCodeAt(i) < 128 ? 'num' : 'sym';
  if (cls === C.Letter || cls === C.Mark || cls === C.Ideo) return 'word';
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
const SCAN_ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu']);

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
 * The fine scan of the fact extractor: splits a string into number, word and symbol tokens in one
 * left-to-right pass, on the same character classes ({@link classify}) and fold as
 * {@link tokenize}, but finer: symbols are tokens of their own ("US$3m" is four tokens), only ASCII
 * digits make numbers (the fact parser reads them with parseFloat), digits joined by "." or ","
 * or a thin space before three digits stay one token ("3.000,5", "10 000"), a possessive "'s" is
 * split off the word, and nothing is stemmed. `base` is added to every offset.
 *
 * @example
 * ```ts
 * scanTokens('US$3m', 0).map((t) => t.n); // ['us', '$', '3', 'm']
 * ```
 */
export function scanTokens(str: string, base: number): ScanToken[] {
  const out: ScanToken[] = [];
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
          if (SCAN_ELISIONS.has(foldForMatch(str.slice(i, j)))) {
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
