/**
 * Reading inputs within a size limit: files (size checked on the open handle), stdin and streams;
 * file-system errors become INPUT_NOT_FOUND in plain words.
 */
import type { Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { checkWhole, StorydiffError } from '../errors.js';
import { DEFAULT_MAX_BYTES, formatBytes, formatLimit } from './limits.js';

export { DEFAULT_MAX_BYTES } from './limits.js';

/** Options of {@link readSource}. */
export interface ReadOptions {
  /** Refuse inputs larger than this many bytes. Default {@link DEFAULT_MAX_BYTES} (10 MiB). */
  maxBytes?: number;
  /** The stream `-` reads from. Default `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
}

/** Raw bytes of an input and the name to use for it in messages. */
export interface SourceBytes {
  bytes: Uint8Array;
  /** The path as given, or `stdin`. */
  source: string;
}

const CHUNK = 64 * 1024;

/**
 * Reads a file, or stdin when `path` is `-`, without ever holding more than `maxBytes` (+ one
 * chunk) in memory: a file's size is checked with stat before reading, and stdin stops being read as
 * soon as it goes over the limit.
 *
 * Throws {@link StorydiffError}: `INPUT_NOT_FOUND` (no such file, a directory, permission denied, any
 * other read failure, with the reason) and `INPUT_TOO_LARGE` (naming the size, the limit and
 * `--max-bytes`).
 *
 * @example
 * ```ts
 * const { bytes, source } = await readSource('story.txt', { maxBytes: 1024 * 1024 });
 * const fromPipe = await readSource('-'); // source === 'stdin'
 * ```
 */
export async function readSource(path: string, opts: ReadOptions = {}): Promise<SourceBytes> {
  const maxBytes = checkMaxBytes(opts.maxBytes);
  if (path === '-') {
    const stdin = opts.stdin ?? process.stdin;
    return { bytes: await readStreamLimited(stdin, maxBytes, 'stdin'), source: 'stdin' };
  }
  if (typeof path !== 'string' || path === '') {
    throw new StorydiffError('USAGE', 'no input path given', { source: String(path) });
  }
  return { bytes: await readFileLimited(path, maxBytes), source: path };
}

/**
 * Validates a user-supplied byte limit (the CLI passes `--max-bytes` through unchanged): undefined
 * means {@link DEFAULT_MAX_BYTES}, anything but a positive integer is a `USAGE` error.
 *
 * @example
 * ```ts
 * checkMaxBytes(undefined); // 10485760
 * checkMaxBytes(0); // throws StorydiffError USAGE
 * ```
 */
export function checkMaxBytes(maxBytes: number | undefined): number {
  if (maxBytes === undefined) return DEFAULT_MAX_BYTES;
  return checkWhole('maxBytes', maxBytes, 1, undefined, { source: '--max-bytes' });
}

/**
 * Opens a file to read and stats the open handle (so the file checked is the file read), refusing
 * a directory; file-system errors become INPUT_NOT_FOUND naming it. The caller closes the handle.
 *
 * @example
 * ```ts
 * const { handle, stat } = await openInputFile('articles.jsonl');
 * const stream = handle.createReadStream(); // closes the handle when it ends
 * ```
 */
export async function openInputFile(path: string): Promise<{ handle: FileHandle; stat: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fsErrorToStorydiff(err, path);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      throw new StorydiffError('INPUT_NOT_FOUND', 'is a directory, not a file', { source: path });
    }
    return { handle, stat };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw fsErrorToStorydiff(err, path);
  }
}

async function readFileLimited(path: string, maxBytes: number): Promise<Uint8Array> {
  const { handle, stat: st } = await openInputFile(path);
  try {
    if (st.isFile() && st.size > maxBytes) throw tooLarge(`file is ${formatBytes(st.size)}`, maxBytes, path);
    // Regular files are read into one buffer of the stat size; pipes and devices (size 0, maybe
    // endless like /dev/zero) go through the same bounded loop with a fixed chunk.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want =
        st.isFile() && total < st.size ? Math.min(st.size - total + 1, maxBytes + 1 - total) : CHUNK;
      const buf = Buffer.allocUnsafe(Math.max(1, want));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
      // The file may have grown since stat; the limit still holds.
      if (total > maxBytes) throw tooLarge(`input is over ${formatBytes(maxBytes)}`, maxBytes, path);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (err) {
    throw err instanceof StorydiffError ? err : fsErrorToStorydiff(err, path);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Reads a stream into memory, stopping (and destroying the stream) as soon as it goes over
 * `maxBytes`, so an endless pipe cannot exhaust memory.
 */
async function readStreamLimited(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  source: string,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      // A stream with setEncoding() yields strings; re-encode rather than reject.
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      total += buf.length;
      if (total > maxBytes) {
        // Leaving the loop makes for-await call return(), which destroys the stream: reading stops.
        throw tooLarge(`${source} is over ${formatBytes(maxBytes)}`, maxBytes, source);
      }
      chunks.push(buf);
    }
  } catch (err) {
    throw err instanceof StorydiffError ? err : fsErrorToStorydiff(err, source);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(what: string, maxBytes: number, source: string): StorydiffError {
  return new StorydiffError(
    'INPUT_TOO_LARGE',
    `${what}, over the limit of ${formatLimit(maxBytes)}; raise the limit with --max-bytes (maxBytes option) if this is really one article`,
    { source },
  );
}

/**
 * Maps a Node file-system error to `INPUT_NOT_FOUND` with a plain-words reason and the errno code.
 *
 * @example
 * ```ts
 * try { await open('nope.txt'); } catch (err) { throw fsErrorToStorydiff(err, 'nope.txt'); }
 * ```
 */
export function fsErrorToStorydiff(err: unknown, source: string): StorydiffError {
  if (err instanceof StorydiffError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  const reason = errnoWords(err, READ_ERRORS) ?? `cannot read it: ${detail}`;
  return new StorydiffError('INPUT_NOT_FOUND', reason, { source, cause: err });
}

/** Plain words for the errno codes of a failed read. */
const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a part of the path is not a folder)',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied (operation not permitted)',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
};

/**
 * A file-system error in plain words with its errno code, `<words> (<CODE>)`, when `words` names
 * its code; undefined otherwise (the caller then says what it can).
 *
 * @example
 * ```ts
 * errnoWords(Object.assign(new Error('x'), { code: 'EACCES' }), { EACCES: 'permission denied' });
 * // 'permission denied (EACCES)'
 * ```
 */
export function errnoWords(err: unknown, words: Readonly<Record<string, string>>): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code && words[code] ? `${words[code]} (${code})` : undefined;
}
