/**
 * Text normalisation. Every offset produced by the text layer refers to the output of
 * {@link normalizeText}, so this is the one place where raw input is cleaned.
 */

// Lone surrogates would survive everything below and break later code-point iteration.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// NEL and the Unicode line separator are line breaks; the paragraph separator is a blank line.
const LINE_BREAKS = /\r\n?|\u0085|\u2028/g;
const PARA_SEPARATOR = /\u2029/g;

// Invisible characters that only get in the way of matching: C0 controls except \t \n \v \f,
// DEL and the remaining C1 controls, soft hyphen, zero-width space/joiners, bidi marks and
// embeddings/isolates, word joiner and invisible operators, and the BOM.
const INVISIBLE =
  /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

// \t, \v, \f and every Unicode space separator (NBSP, thin space, ideographic space, …).
const SPACES = /[\t\v\f\p{Zs}]+/gu;

/**
 * Cleans raw article text into the canonical form all offsets refer to: NFC; CRLF/CR (and NEL,
 * U+2028) become LF, U+2029 a blank line; BOM, zero-width and bidi-control characters and C0/C1
 * controls are removed; tabs and all Unicode spaces become ' '; runs of spaces collapse; each
 * line is trimmed; three or more newlines collapse to two (one blank line); the whole is trimmed.
 *
 * @example
 * ```ts
 * normalizeText('\uFEFF  Talks\u00A0resumed.\r\n\r\n\r\n\tOfficials  said so. ');
 * // => 'Talks resumed.\n\nOfficials said so.'
 * ```
 */
export function normalizeText(raw: string): string {
  if (raw.length === 0) return '';
  return raw
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(LINE_BREAKS, '\n')
    .replace(PARA_SEPARATOR, '\n\n')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(SPACES, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^[ \n]+|[ \n]+$/g, '');
}

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
// Plain ASCII words need no Unicode work at all: the common case, so it gets a fast path.
const ASCII_PLAIN = /^[\x20-\x5F\x61-\x7E]*$/;
// Kana, CJK unified ideographs and Hangul syllables fold to themselves (NFKD then NFC is the
// identity on them), and tokens of CJK text are single characters: a second fast path.
const CJK_PLAIN = /^[\u3041-\u309A\u309D\u309E\u30A0-\u30FE\u4E00-\u9FFF\uAC00-\uD7A3]+$/;

/**
 * Folds a string for matching: lower-case, NFKD with diacritics removed (é→e, ü→u, أ→ا),
 * compatibility forms unified (ﬁ→fi, full-width → ASCII), typographic apostrophes and quotes
 * unified (’ → ', “ ” « » → "), ß→ss. Cyrillic й/ё are kept apart from и/е only for й, which
 * is a separate letter (ё→е, as Russian writers do themselves).
 *
 * @example
 * ```ts
 * foldForMatch('Ministerpräsident’s “Straße”'); // => `ministerprasident's "strasse"`
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
    .replace(/ß/g, 'ss')
    .normalize('NFC');
  if (hasShortI) out = out.replace(/\uE000/g, 'й');
  // NFKD can turn some characters into upper-case ones (e.g. ℌ → H), so lower-case once more.
  return out.toLowerCase();
}
