/**
 * The one catalogue of error codes. The CLI maps each code to an exit code and the HTTP layer
 * to a status; codes are stable and never reused.
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
