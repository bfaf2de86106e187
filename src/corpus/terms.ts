/**
 * Terms as fingerprints hash them, language-neutral on purpose (see fingerprint.ts): `w:` + a
 * light stem of the folded word, or `n:` + a normalised number, hashed to a safe integer. Also
 * the words too common in news to be key terms. Run once per distinct word form (the
 * fingerprint's word cache keeps the result), so nothing here is on the per-token path.
 */

import { hashString53 } from '../text/hash.js';

/**
 * Words that are not stop words but are in most news articles whatever the story: speech verbs,
 * negations, number and time words, units. They stay in the term vector (the clusterer's IDF
 * weighs them down) but are never key terms, whose 48 places are for what identifies a story.
 * Written for this module; English first, with the commonest equivalents in the other languages
 * that have stop-word lists.
 */
const COMMON_WORDS = `said say says saying told tell tells added adding according asked called
  not no never also new old one two three four five six seven eight nine ten first second third
  last next year years month months week weeks day days today yesterday tomorrow time times
  people percent cent per million millions billion billions thousand thousands hundred hundreds
  monday tuesday wednesday thursday friday saturday sunday including however
  sagte sagt sagten erklarte jahr jahre jahren prozent millionen milliarden heute gestern nicht
  dit declare annee annees ans pourcent millions milliards aujourd hier pas
  dijo dijeron ano anos ciento millones hoy ayer
  disse anni anno milioni miliardi oggi ieri
  zei jaar procent miljoen miljard vandaag gisteren`;
let commonTerms: Set<string> | undefined;
/**
 * Whether a term (`w:` + stem) is one of {@link COMMON_WORDS}: kept in the term vector, never a
 * key term.
 *
 * @example
 * ```ts
 * isCommon('w:said'); // => true
 * ```
 */
export function isCommon(term: string): boolean {
  if (!commonTerms) {
    commonTerms = new Set();
    for (const w of COMMON_WORDS.split(/\s+/)) if (w) commonTerms.add('w:' + lightStem(w));
  }
  return commonTerms.has(term);
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
/**
 * Whether a string is all ASCII (its lower case and folding are then trivial).
 *
 * @example
 * ```ts
 * isAscii('Rotterdam'); // => true
 * ```
 */
export function isAscii(s: string): boolean {
  return ASCII_ONLY.test(s);
}

/**
 * A language-neutral light stemmer on a folded word: drops a plural `-s` (not `-ss`, `-us`,
 * `-is`), an `-ing` (7+ letters) or `-ed` (6+ letters, not `-eed`), then keeps at most 7 code
 * units. Crude, but the same for every language and every caller, which is what term matching
 * across articles and queries needs (see the module comment).
 *
 * @example
 * ```ts
 * lightStem('negotiations'); // => 'negotia'
 * lightStem('strikes');      // => 'strike'
 * lightStem('killed');       // => 'kill'
 * ```
 */
export function lightStem(w: string): string {
  let n = w.length;
  if (n >= 4 && w.charCodeAt(n - 1) === 115) {
    const p = w.charCodeAt(n - 2);
    if (p !== 115 && p !== 117 && p !== 105) n--; // s, u, i
  } else if (n >= 7 && w.endsWith('ing')) n -= 3;
  else if (n >= 6 && w.endsWith('ed') && w.charCodeAt(n - 3) !== 101) n -= 2;
  if (n > 7) n = 7;
  // Do not cut a surrogate pair in half.
  if (n < w.length) {
    const last = w.charCodeAt(n - 1);
    if (last >= 0xd800 && last <= 0xdbff) n--;
    return w.slice(0, n);
  }
  return w;
}

/**
 * Normalises a number token: digits of any script become ASCII; a '.' or ',' followed by exactly
 * three digits is a thousands separator and dropped, any other is a decimal point ('.');
 * leading zeros of the integer part are dropped ("1,200" → "1200", "3,5" → "3.5", "007" → "7").
 * `digitValue` gives the value of a non-ASCII decimal digit by code unit (the scanner's table).
 *
 * @example
 * ```ts
 * normalizeNumber('1,200', DIGIT_VALUE); // => '1200'
 * ```
 */
export function normalizeNumber(raw: string, digitValue: Int8Array): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46 || c === 44) {
      let j = i + 1;
      while (j < raw.length && raw.charCodeAt(j) !== 46 && raw.charCodeAt(j) !== 44) j++;
      if (j - i - 1 !== 3) out += '.';
      continue;
    }
    out += String.fromCharCode(48 + (c < 128 ? c - 48 : digitValue[c]));
  }
  let z = 0;
  while (z < out.length - 1 && out.charCodeAt(z) === 48 && out.charCodeAt(z + 1) !== 46) z++;
  return z > 0 ? out.slice(z) : out;
}

/**
 * The safe-integer hash of a normalised term (as {@link normalizeTerm} gives it): 53 bits from
 * two independent 32-bit string hashes, deterministic across runs and machines, so key terms and
 * vector terms in a store and in a query agree.
 *
 * @example
 * ```ts
 * termHash('w:mourinh') === termHash('w:mourinh'); // => true
 * Number.isSafeInteger(termHash('n:1200'));         // => true
 * ```
 */
export function termHash(term: string): number {
  return hashString53(term);
}
