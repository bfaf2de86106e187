/**
 * Unicode-aware word tokenizer for one sentence. One pass over code points with bounded
 * look-ahead, so it is linear in the sentence length.
 */

import { foldForMatch } from './normalize.js';
import { stem } from './stem.js';
import { isStopword } from './stopwords.js';
import type { Token, TokenKind } from './types.js';

enum C {
  Space,
  Skip,
  Letter,
  /** Han, Hiragana, Katakana: one token per character. */
  Ideo,
  Digit,
  Apostrophe,
  Symbol,
  Punct,
  Mark,
}

const RE_SPACE = /\s/u;
const RE_IDEO = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\uFF70]/u;
const RE_LETTER = /\p{L}/u;
const RE_MARK = /\p{M}/u;
const RE_DIGIT = /\p{Nd}/u;
const RE_SKIP = /[\p{Cc}\p{Cf}]/u;
const RE_PUNCT = /\p{P}/u;
const RE_PICTO = /\p{Extended_Pictographic}/u;
const RE_UPPER = /[\p{Lu}\p{Lt}]/u;
const PERCENT = new Set(['%', '‰', '‱', '٪']);
const APOSTROPHES = new Set(["'", '’', 'ʼ']);
// Decimal and thousands separators allowed between digits (incl. Arabic ٫ and ٬).
const NUM_SEPARATORS = new Set(['.', ',', '٫', '٬']);

function classify(ch: string, cp: number): C {
  if (cp < 128) {
    if ((cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90)) return C.Letter;
    if (cp >= 48 && cp <= 57) return C.Digit;
    if (cp === 32 || (cp >= 9 && cp <= 13)) return C.Space;
    if (cp < 32 || cp === 127) return C.Skip;
    if (cp === 39) return C.Apostrophe;
    // $ + < = > ^ ` | ~ are Unicode symbols; % is treated as one too.
    if (
      cp === 36 ||
      cp === 43 ||
      cp === 60 ||
      cp === 61 ||
      cp === 62 ||
      cp === 94 ||
      cp === 96 ||
      cp === 124 ||
      cp === 126 ||
      cp === 37
    )
      return C.Symbol;
    return C.Punct;
  }
  if (RE_SPACE.test(ch)) return C.Space;
  if (RE_IDEO.test(ch)) return C.Ideo;
  if (RE_LETTER.test(ch)) return C.Letter;
  if (RE_MARK.test(ch)) return C.Mark;
  if (RE_DIGIT.test(ch)) return C.Digit;
  if (APOSTROPHES.has(ch)) return C.Apostrophe;
  if (RE_SKIP.test(ch)) return C.Skip;
  if (PERCENT.has(ch)) return C.Symbol;
  if (RE_PUNCT.test(ch)) return C.Punct;
  // Symbols, emoji, other numerics (½, ²), private-use and unassigned characters.
  return C.Symbol;
}

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
    const ch = cp > 0xffff ? text.slice(i, i + 2) : text[i];
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
          const ch2 = c2 > 0xffff ? text.slice(j, j + 2) : text[j];
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
          const c2 = text.codePointAt(j)!;
          const ch2 = c2 > 0xffff ? text.slice(j, j + 2) : text[j];
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
