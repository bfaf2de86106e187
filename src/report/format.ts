/**
 * Formatting shared by the renderers: publication times for people, text made safe for a terminal
 * line or for Markdown, links to http(s) addresses only, percentages and word wrapping.
 *
 * Decision. Everything read from a store or an input is untrusted: terminal text loses its
 * control characters (no escape codes from the data), Markdown text is escaped, and only
 * absolute http(s) URLs become links. Times are read as the corpus reads them
 * ({@link parsePublished}) and shown in UTC, so a report never depends on the machine's zone.
 */
import type { DimensionScore } from '../compare/types.js';
import { parsePublished } from '../corpus/published.js';
import { mdEscape } from './markdown.js';

/** Escapes text for one output format (identity for plain text). */
export type Esc = (s: string) => string;

/**
 * The shared items of a dimension, then its facts told differently on each side (`changed`,
 * time only) as `a → b`, so a report lists them with what the versions share.
 *
 * @example
 * ```ts
 * sharedItems({ score: 1, shared: ['June'], onlyA: [], onlyB: [], changed: [{ a: 'two weeks', b: 'a few weeks' }] });
 * // ['June', 'two weeks → a few weeks']
 * ```
 */
export function sharedItems(v: DimensionScore): string[] {
  return [...v.shared, ...(v.changed ?? []).map((c) => `${c.a} → ${c.b}`)];
}

/** The identity {@link Esc}, for plain text. */
export const same: Esc = (s) => s;

/** A share in [0, 1] as a whole percentage: `0.714` → `71%`. */
export const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Two digits, zero-padded: `5` → `05`. */
export const two = (n: number) => String(n).padStart(2, '0');

/**
 * A publication time for people, in UTC: `2024-03-05 09:30`, or `2024-03-05` at midnight. A value
 * that is not a time is returned as given (callers escape it); absent gives undefined.
 *
 * @example
 * ```ts
 * formatTime('2024-03-05T09:30:00+02:00'); // '2024-03-05 07:30'
 * formatTime('2024-03-05'); // '2024-03-05'
 * ```
 * @internal
 */
export function formatTime(s: string | undefined): string | undefined {
  if (s === undefined || !s.trim()) return undefined;
  const t = parsePublished(s);
  if (t === undefined) return s;
  const d = new Date(t);
  const day = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return h === 0 && m === 0 && d.getUTCSeconds() === 0 ? day : `${day} ${two(h)}:${two(m)}`;
}

/**
 * A time for people, or the raw value escaped by `e` when it is not a time; undefined when absent.
 *
 * @example
 * ```ts
 * timeText('2024-03-05T09:30:00Z', md); // '2024-03-05 09:30'
 * timeText('soon <b>', md); // 'soon \\<b\\>'
 * ```
 * @internal
 */
export function timeText(s: string | undefined, e: Esc): string | undefined {
  if (s === undefined || !s.trim()) return undefined;
  return parsePublished(s) === undefined ? e(s) : formatTime(s);
}

/**
 * The URL as an absolute `http:` or `https:` address (normalised by the URL parser), or undefined
 * for anything else (`javascript:`, `data:`, relative or malformed addresses). Only these become links.
 *
 * @example
 * ```ts
 * httpUrl('https://example.org/a b'); // 'https://example.org/a%20b'
 * httpUrl('javascript:alert(1)'); // undefined
 * ```
 * @internal
 */
export function httpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text for one terminal line: control characters (including ESC, so no colour or cursor codes
 * can come from the data), line breaks and bidirectional overrides become spaces.
 *
 * @example
 * ```ts
 * termText('red \x1b[31mtitle\nnext'); // 'red  [31mtitle next'
 * ```
 * @internal
 */
export function termText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ');
}

/**
 * {@link mdEscape} for any text: carriage returns and other control characters cannot start a
 * block either.
 *
 * @example
 * ```ts
 * md('a\r\n# b'); // 'a  \\# b'
 * ```
 * @internal
 */
export function md(s: string): string {
  return mdEscape(s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' '));
}

/**
 * A Markdown link destination for an http(s) URL: the characters that would end it, split a
 * table row or open a code span are percent-encoded.
 *
 * @example
 * ```ts
 * mdUrl('https://example.org/a(b)|c'); // 'https://example.org/a%28b%29%7Cc'
 * ```
 * @internal
 */
export function mdUrl(href: string): string {
  return href.replace(
    /[()|<>\s\\`]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * A title for a Markdown table cell, linked when the URL is http(s); any other URL is shown
 * escaped after it, as text.
 *
 * @example
 * ```ts
 * mdTitleLink('Port strike', 'https://example.org/a'); // '[Port strike](https://example.org/a)'
 * mdTitleLink(undefined, 'javascript:x'); // ' (url: javascript:x)'
 * ```
 * @internal
 */
export function mdTitleLink(title: string | undefined, url: string | undefined): string {
  const href = httpUrl(url);
  const text = title ? md(title) : '';
  const titled = href ? `[${text || 'link'}](${mdUrl(href)})` : text;
  return url && !href ? `${titled} (url: ${md(url)})` : titled;
}

/**
 * Wraps text at word boundaries to lines of at most `width` characters (a longer word gets a
 * line of its own), each line starting with `indent`.
 *
 * @example
 * ```ts
 * wrap('one two three', 12, '  '); // '  one two\n  three'
 * ```
 * @internal
 */
export function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent.length) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}
