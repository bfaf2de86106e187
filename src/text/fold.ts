/**
 * The one family of folding functions: every comparison of words in storydiff (token norms, stop
 * words, entity names, gazetteer keys, number words, fact surfaces) goes through these, so two
 * layers can never disagree on what "the same word" is.
 *
 * Representation. {@link foldForMatch} is the base fold: lower case, compatibility forms unified,
 * diacritics removed, typographic quotes unified, and the Latin letters that carry no combining
 * mark (and so survive NFKD) mapped by hand: ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→d, dotless ı→i.
 * {@link foldName} is the one named variant: the base fold plus the punctuation rules of name
 * look-ups (dots dropped, hyphens and slashes as spaces, a trailing possessive dropped).
 *
 * Decision. Marks of scripts where they are letters in all but name (Indic vowel signs, kana
 * voicing) and Cyrillic й are kept: stripping them merges distinct words. Everything a reader
 * of Latin, Greek, Cyrillic, Arabic or Hebrew news treats as "the same letter, accented" is one
 * letter here.
 *
 * Cost. Plain ASCII and plain CJK (the common cases) take a regex test and a `toLowerCase`;
 * other strings one NFKD, a few replacements and one NFC.
 */

// Single quotes, apostrophes and primes that writers use interchangeably for the apostrophe.
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u02BB\u02B9\u0060\u00B4\uFF07]/g;
// Double quotes and guillemets.
const DOUBLE_QUOTES =
  /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u2039\u203A\u301D\u301E\u301F\uFF02]/g;
// Diacritic marks to drop after NFKD: Latin/Greek/Cyrillic combining marks, Hebrew points and
// Arabic harakat/hamza marks. Marks of other scripts (Indic vowel signs, kana voicing) are
// letters in all but name, so they are kept and recomposed by the final NFC.
const DIACRITICS =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: matching lone combining marks is the point.
  /[\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;
// Latin letters with a stroke, ligatures and the like: NFKD leaves them whole, so they are mapped
// explicitly (after lower-casing, so only the lower-case forms are needed).
const UNDECOMPOSED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};
const UNDECOMPOSED_RE = /[ßæœøłđı]/g;
// Plain ASCII words need no Unicode work at all: the common case, so it gets a fast path.
const ASCII_PLAIN = /^[\x20-\x5F\x61-\x7E]*$/;
// Kana, CJK unified ideographs and Hangul syllables fold to themselves (NFKD then NFC is the
// identity on them), and tokens of CJK text are single characters: a second fast path.
const CJK_PLAIN = /^[\u3041-\u309A\u309D\u309E\u30A0-\u30FE\u4E00-\u9FFF\uAC00-\uD7A3]+$/;

/**
 * Folds a string for matching: lower-case, NFKD with diacritics removed (é→e, ü→u, أ→ا),
 * compatibility forms unified (ﬁ→fi, full-width → ASCII), typographic apostrophes and quotes
 * unified (’ → ', “ ” « » → "), ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→d, Turkish ı and İ → i. Cyrillic
 * й is kept apart from и (a separate letter); ё→е, as Russian writers do themselves.
 *
 * @example
 * ```ts
 * foldForMatch('Ministerpräsident’s “Straße”'); // => `ministerprasident's "strasse"`
 * foldForMatch('Søren Łódź Œuvre'); // => 'soren lodz oeuvre'
 * ```
 */
export function foldForMatch(s: string): string {
  const lower = s.toLowerCase();
  if (ASCII_PLAIN.test(lower) || CJK_PLAIN.test(lower)) return lower;
  // й decomposes to и + breve; protect it (in a private-use character) from mark removal.
  const hasShortI = lower.includes('й') && !lower.includes('\uE000');
  let out = (hasShortI ? lower.replace(/й/g, '\uE000') : lower)
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c])
    .normalize('NFC');
  if (hasShortI) out = out.replace(/\uE000/g, 'й');
  // NFKD can turn some characters into upper-case ones (e.g. ℌ → H), so lower-case once more.
  return out.toLowerCase();
}

/**
 * Folds a name for a gazetteer or entity look-up: {@link foldForMatch}, then dots removed
 * ("U.S." = "US"), a trailing possessive dropped, and runs of spaces, hyphens, dashes,
 * underscores, slashes and commas made one space. It exists because names are written with
 * punctuation that ordinary words do not carry, and look-up keys must not depend on it.
 *
 * @example
 * ```ts
 * foldName('Guinea-Bissau'); // => 'guinea bissau'
 * foldName('U.S.'); // => 'us'
 * ```
 */
export function foldName(s: string): string {
  return foldForMatch(s)
    .replace(/[.]/g, '')
    .replace(/['’]s$/, '')
    .replace(/[\s\-‐‑–—_/,]+/g, ' ')
    .trim();
}
