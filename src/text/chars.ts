/**
 * The scanning primitive of the text layer: the class of one code point (space, letter, CJK
 * ideograph, digit, apostrophe, symbol, punctuation, mark, or invisible). Both scanners built on
 * it agree on what a letter, a digit and a space are: the word tokeniser ({@link tokenize} in
 * tokenize.ts) and the finer scan the fact extractor reads ({@link scanTokens}, also in tokenize.ts).
 *
 * Decision. ASCII is classified by code ranges (the common case); everything else by Unicode
 * general category, with Han and kana apart because each of their characters is a word.
 */

/** Classes of code points, as the scanners see them. */
export enum CharClass {
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
export const RE_MARK = /\p{M}/u;
export const RE_DIGIT = /\p{Nd}/u;
const RE_SKIP = /[\p{Cc}\p{Cf}]/u;
const RE_PUNCT = /\p{P}/u;
export const RE_UPPER = /[\p{Lu}\p{Lt}]/u;
const PERCENT = new Set(['%', '‰', '‱', '٪']);
export const APOSTROPHES = new Set(["'", '’', 'ʼ']);

/**
 * The class of the code point `cp` (whose string is `ch`).
 *
 * @example
 * ```ts
 * classify('é', 0xe9) === CharClass.Letter; // true
 * classify('漢', 0x6f22) === CharClass.Ideo; // true
 * ```
 */
export function classify(ch: string, cp: number): CharClass {
  if (cp < 128) {
    if ((cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90)) return CharClass.Letter;
    if (cp >= 48 && cp <= 57) return CharClass.Digit;
    if (cp === 32 || (cp >= 9 && cp <= 13)) return CharClass.Space;
    if (cp < 32 || cp === 127) return CharClass.Skip;
    if (cp === 39) return CharClass.Apostrophe;
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
      return CharClass.Symbol;
    return CharClass.Punct;
  }
  if (RE_SPACE.test(ch)) return CharClass.Space;
  if (RE_IDEO.test(ch)) return CharClass.Ideo;
  if (RE_LETTER.test(ch)) return CharClass.Letter;
  if (RE_MARK.test(ch)) return CharClass.Mark;
  if (RE_DIGIT.test(ch)) return CharClass.Digit;
  if (APOSTROPHES.has(ch)) return CharClass.Apostrophe;
  if (RE_SKIP.test(ch)) return CharClass.Skip;
  if (PERCENT.has(ch)) return CharClass.Symbol;
  if (RE_PUNCT.test(ch)) return CharClass.Punct;
  // Symbols, emoji, other numerics (½, ²), private-use and unassigned characters.
  return CharClass.Symbol;
}

/**
 * The code point at UTF-16 index `i` of `text` as a string (one or two code units), so scanners
 * step over astral characters whole.
 *
 * @example
 * ```ts
 * charAt('a😀', 1); // '😀'
 * ```
 */
export function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i) ?? 0;
  return cp > 0xffff ? text.slice(i, i + 2) : text[i];
}
