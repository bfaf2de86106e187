/**
 * The error catalogue: every failure a user can cause or meet has a stable code here, which the
 * CLI turns into an exit code and the HTTP layer into a status. Codes are never reused.
 *
 * Decision. Library code throws {@link StorydiffError} with a catalogue code for anything a caller
 * can get wrong (an option out of range, unreadable input); anything else that escapes is a bug
 * and becomes INTERNAL (exit 70, status 500). Option checks word their messages through
 * {@link mustBe} and the checkers below it, so every field is named the same way ("batchSize must
 * be a whole number ≥ 1, got 0") whether it came from a flag, a library option or a request body.
 */
export const ERROR_CODES = {
  /** Input file or stdin could not be read (missing, a directory, permission). */
  INPUT_NOT_FOUND: { exit: 66, status: 404, message: 'input not found' },
  /** Input is empty or whitespace only. */
  INPUT_EMPTY: { exit: 65, status: 400, message: 'input is empty' },
  /** Input looks binary (NUL bytes or mostly control characters). */
  INPUT_BINARY: { exit: 65, status: 415, message: 'input is binary, not text' },
  /** Input is not valid UTF-8 (and not recognisably another text encoding). */
  INPUT_ENCODING: { exit: 65, status: 415, message: 'input is not valid UTF-8' },
  /** Input exceeds the configured size limit. */
  INPUT_TOO_LARGE: { exit: 65, status: 413, message: 'input is too large' },
  /** HTML was given but no readable text could be extracted from it. */
  INPUT_NO_TEXT: { exit: 65, status: 422, message: 'no readable text in input' },
  /** A batch line or request body is not valid (bad JSON, missing fields). */
  INPUT_INVALID: { exit: 65, status: 400, message: 'invalid input' },
  /** A command-line option or library option is invalid. */
  USAGE: { exit: 64, status: 400, message: 'invalid usage' },
  /** A model, data file or resource the run needs is unavailable. */
  RESOURCE_UNAVAILABLE: { exit: 69, status: 503, message: 'resource unavailable' },
  /** A persisted format written by a newer version of storydiff. */
  FORMAT_VERSION: { exit: 65, status: 400, message: 'unsupported format version' },
  /** A time budget was exceeded. */
  TIMEOUT: { exit: 75, status: 503, message: 'time budget exceeded' },
  /** An unexpected internal failure (a bug). */
  INTERNAL: { exit: 70, status: 500, message: 'internal error' },
  /** HTTP: the request lacks the server's bearer token, or gives a wrong one. */
  UNAUTHORIZED: { exit: 77, status: 401, message: 'missing or invalid token' },
  /** HTTP: no such route, or a shared result that has expired. */
  NOT_FOUND: { exit: 66, status: 404, message: 'not found' },
  /** HTTP: the route exists but not with this method. */
  METHOD_NOT_ALLOWED: { exit: 64, status: 405, message: 'method not allowed' },
  /** HTTP: the request body is not `application/json`. */
  UNSUPPORTED_MEDIA_TYPE: { exit: 65, status: 415, message: 'unsupported media type' },
  /** HTTP: every comparison slot is busy and the queue is full; retry later. */
  SERVER_BUSY: { exit: 75, status: 503, message: 'server busy' },
  /**
   * HTTP: a corpus endpoint on a server started without a corpus (`--db`). Not `NOT_FOUND`, so a
   * client deleting an article can tell "not stored" from "this server has no corpus at all".
   */
  NO_CORPUS: { exit: 69, status: 404, message: 'this server has no corpus' },
} as const;

/** A stable error code from {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The error every layer throws for expected failures. `source` names the file, line or field the
 * problem is in, so a message can always point the user at it.
 *
 * @example
 * ```ts
 * throw new StorydiffError('INPUT_EMPTY', 'the file holds only whitespace', { source: 'a.txt' });
 * ```
 */
export class StorydiffError extends Error {
  readonly code: ErrorCode;
  readonly source?: string;
  constructor(code: ErrorCode, detail?: string, opts: { source?: string; cause?: unknown } = {}) {
    const base = detail ?? ERROR_CODES[code].message;
    super(opts.source ? `${opts.source}: ${base}` : base, { cause: opts.cause });
    this.name = 'StorydiffError';
    this.code = code;
    this.source = opts.source;
  }
  /** Process exit code the CLI uses for this error. */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }
  /** HTTP status the server uses for this error. */
  get httpStatus(): number {
    return ERROR_CODES[this.code].status;
  }
  /** Plain JSON form used in batch error records and HTTP error bodies. */
  toJSON(): { code: ErrorCode; message: string; source?: string } {
    return { code: this.code, message: this.message, ...(this.source ? { source: this.source } : {}) };
  }
}

/** Wraps anything thrown into a StorydiffError (unknown errors become INTERNAL). */
export function toStorydiffError(err: unknown, source?: string): StorydiffError {
  if (err instanceof StorydiffError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  return new StorydiffError('INTERNAL', msg, { source, cause: err });
}

/** How a value the caller gave appears in a message: text quoted, anything else as written. */
export function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}

/** Where a bad value came from: a USAGE error by default (an option), or invalid input. */
export interface FieldErrorOptions {
  /** `USAGE` (a flag or library option, the default) or `INPUT_INVALID` (a field of a request body). */
  code?: 'USAGE' | 'INPUT_INVALID';
  /** The file, line or body the field is in. */
  source?: string;
}

/**
 * The error for a field with a bad value, worded "<field> must be <what>, got <value>".
 *
 * @example
 * ```ts
 * throw mustBe('--limit', 'a whole number ≥ 1', '0'); // --limit must be a whole number ≥ 1, got "0"
 * throw mustBe('threshold', 'between 0 and 1', 1.5); // threshold must be between 0 and 1, got 1.5
 * ```
 */
export function mustBe(
  field: string,
  what: string,
  got?: unknown,
  opts: FieldErrorOptions = {},
): StorydiffError {
  const tail = got === undefined ? '' : `, got ${shown(got)}`;
  return new StorydiffError(opts.code ?? 'USAGE', `${field} must be ${what}${tail}`, { source: opts.source });
}

/**
 * The error for a field that takes one of a few names.
 *
 * @example
 * ```ts
 * throw mustBeOneOf('format', ['auto', 'text', 'html'], 'pdf'); // format must be one of auto, text, html, got "pdf"
 * ```
 */
export function mustBeOneOf(
  field: string,
  names: readonly string[],
  got: unknown,
  opts: FieldErrorOptions = {},
): StorydiffError {
  return mustBe(field, `one of ${names.join(', ')}`, got, opts);
}

/**
 * The error for a field whose value is wrong in a way "must be" does not say, worded
 * "<field>: <problem>".
 *
 * @example
 * ```ts
 * throw fieldError('--since', 'not a date: "soon" (use 2024-03-01, an ISO time, or 7d)');
 * ```
 */
export function fieldError(field: string, problem: string, opts: FieldErrorOptions = {}): StorydiffError {
  return new StorydiffError(opts.code ?? 'USAGE', `${field}: ${problem}`, { source: opts.source });
}

/**
 * The words for "a whole number from `min` (up to `max`)", as {@link checkWhole} and the CLI's
 * flag parsers say it.
 *
 * @example
 * ```ts
 * wholeNumber(1); // 'a whole number ≥ 1'
 * wholeNumber(0, 65535); // 'a whole number from 0 to 65535'
 * ```
 */
export function wholeNumber(min = 0, max = Number.MAX_SAFE_INTEGER): string {
  if (max < Number.MAX_SAFE_INTEGER) return `a whole number from ${min} to ${max}`;
  return min === 0 ? 'a whole number' : `a whole number ≥ ${min}`;
}

/**
 * Checks that an option is a whole number in `min..max` and returns it; a USAGE error naming the
 * field otherwise.
 *
 * @example
 * ```ts
 * checkWhole('limit', 10); // 10
 * checkWhole('limit', -1); // throws: limit must be a whole number, got -1
 * checkWhole('batchSize', 0, 1); // throws: batchSize must be a whole number ≥ 1, got 0
 * checkWhole('port', 70000, 0, 65535); // throws: port must be a whole number from 0 to 65535, got 70000
 * ```
 */
export function checkWhole(
  field: string,
  v: unknown,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
  opts: FieldErrorOptions = {},
): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw mustBe(field, wholeNumber(min, max), v, opts);
  }
  return v;
}

/**
 * Checks that an option is a number from 0 to 1 and returns it; a USAGE error naming the field
 * otherwise.
 *
 * @example
 * ```ts
 * checkFraction('minScore', 0.3); // 0.3
 * checkFraction('threshold', 1.5); // throws: threshold must be between 0 and 1, got 1.5
 * ```
 */
export function checkFraction(field: string, v: unknown, opts: FieldErrorOptions = {}): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw mustBe(field, 'between 0 and 1', v, opts);
  return v;
}
