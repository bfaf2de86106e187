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

// The base fold lives with its variants in fold.ts; re-exported here because callers across the
// layers import it from this module.
export { foldForMatch } from './fold.js';
