/** Size limits shared by the ingest modules. Kept in one place so the CLI, library and tests agree. */

/** Largest input file (or stdin) read by default: 10 MiB. Raise it with `--max-bytes`. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Largest in-memory text or HTML accepted by default: 10 million UTF-16 code units. */
export const DEFAULT_MAX_CHARS = 10_000_000;

/** Largest single line of a `--pairs` JSONL file: 50 MiB. Longer lines are reported and skipped. */
export const MAX_PAIR_LINE_BYTES = 50 * 1024 * 1024;

/** Options of the streaming readers (JSONL, WARC): a limit per record, and a way to stop. */
export interface RecordStreamOptions {
  /** Largest record (a JSONL line, a WARC record body); larger ones are an `INPUT_TOO_LARGE` item. Default 10 MiB. */
  maxRecordBytes?: number;
  /** Longest `text`/`html` of one record, in characters. Default the larger of 10 million and `maxRecordBytes`. */
  maxChars?: number;
  /** Stops reading: the reader then throws the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The limits a streaming reader applies, defaults filled in.
 *
 * @example
 * ```ts
 * recordLimits({}); // { maxRecordBytes: 10485760, maxChars: 10000000 }
 * ```
 */
export function recordLimits(opts: RecordStreamOptions): { maxRecordBytes: number; maxChars: number } {
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_BYTES;
  return { maxRecordBytes, maxChars: opts.maxChars ?? Math.max(maxRecordBytes, DEFAULT_MAX_CHARS) };
}

/**
 * Formats a byte count for error messages, e.g. `50.0 MiB (52428800 bytes)`.
 *
 * @example
 * ```ts
 * formatBytes(1536); // '1.5 KiB (1536 bytes)'
 * ```
 */
export function formatBytes(n: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (n < 1024) return `${n} bytes`;
  let value = n;
  let unit = 'bytes';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  // Exact powers read better without a decimal ("10 MiB"), others keep one digit.
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${unit} (${n} bytes)`;
}

/**
 * Short form for limits, which are usually round.
 *
 * @example
 * ```ts
 * formatLimit(10 * 1024 * 1024); // '10 MiB'
 * ```
 */
export function formatLimit(n: number): string {
  return formatBytes(n).replace(/ \(\d+ bytes\)$/, '');
}
