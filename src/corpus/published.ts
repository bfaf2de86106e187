/**
 * Publication times arrive as ISO 8601 (JSONL, HTML metadata, Atom), RFC 2822 (RSS `pubDate`),
 * bare dates or epoch numbers. The corpus keeps milliseconds since the epoch (UTC).
 */

import { type FieldErrorOptions, fieldError } from '../errors.js';

/** Below this an epoch number is taken as seconds, not milliseconds (it would be 1970 otherwise). */
const SECONDS_LIMIT = 100_000_000_000;

/**
 * Parses a publication time to ms since the epoch; `undefined` when absent or unreadable.
 * A date without a time is midnight UTC; an ISO time without an offset is read as UTC too, so the
 * result never depends on the machine's time zone.
 *
 * @example
 * ```ts
 * parsePublished('2024-03-05T09:30:00Z'); // 1709631000000
 * parsePublished('Tue, 05 Mar 2024 09:30:00 GMT'); // 1709631000000
 * parsePublished('2024-03-05'); // 1709596800000
 * parsePublished('soon'); // undefined
 * ```
 */
export function parsePublished(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return Math.round(value < SECONDS_LIMIT ? value * 1000 : value);
  }
  const s = value.trim();
  if (!s) return undefined;
  if (/^\d{9,13}$/.test(s)) return parsePublished(Number(s));
  // An ISO date-time without a zone is local time to Date.parse; pin it to UTC.
  const isoNoZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s);
  const t = Date.parse(isoNoZone ? `${s.replace(' ', 'T')}Z` : s);
  if (!Number.isFinite(t)) return undefined;
  // Years before 1900 or far in the future are typos or placeholders, not publication times.
  const year = new Date(t).getUTCFullYear();
  if (year < 1900 || year > 2200) return undefined;
  return t;
}

/** ISO 8601 form of a stored time, or undefined. */
export function formatPublished(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/**
 * Parses a `--since`/`--until` bound: a date or date-time, or a relative span such as `7d`, `12h`
 * (that long before `now`). A value it cannot read is a catalogue error naming `field`: USAGE for
 * a flag, or the code the caller asks for (INPUT_INVALID for a field of a request body).
 *
 * @example
 * ```ts
 * parseBound('2024-03-01'); // 1709251200000
 * parseBound('7d', { now: Date.UTC(2024, 2, 8) }); // 2024-03-01T00:00:00Z in ms
 * parseBound('soon', { field: '--since' }); // throws USAGE: --since: not a date: "soon" (…)
 * ```
 */
export function parseBound(
  value: string,
  opts: { now?: number; field?: string } & FieldErrorOptions = {},
): number {
  const rel = /^(\d+(?:\.\d+)?)\s*([hdw])$/i.exec(value.trim());
  if (rel) {
    const unit = { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[2].toLowerCase() as 'h' | 'd' | 'w'];
    return (opts.now ?? Date.now()) - Number(rel[1]) * unit;
  }
  const t = parsePublished(value);
  if (t === undefined) {
    const problem = `not a date: ${JSON.stringify(value)} (use 2024-03-01, an ISO time, or 7d)`;
    throw fieldError(opts.field ?? 'date', problem, opts);
  }
  return t;
}
