/**
 * Where the CLI writes its results: a file given with `-o` or stdout, whole or line by line with
 * back-pressure. A file that cannot be written is the user's option gone wrong (USAGE), not a bug.
 */
import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import { StorydiffError } from '../errors.js';
import { errnoWords } from '../ingest/read.js';

/** Plain words for the errno codes of a failed write. */
const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/**
 * An error writing the output (`-o` into a missing folder, onto a directory, without permission). It is
 * the user's option that is wrong, not a bug, so it is a USAGE error naming the file, not INTERNAL.
 */
export function outputError(err: unknown, path: string): StorydiffError {
  if (err instanceof StorydiffError) return err;
  const why = errnoWords(err, WRITE_ERRORS) ?? (err instanceof Error ? err.message : String(err));
  return new StorydiffError('USAGE', `cannot write the report (--output): ${why}`, {
    source: path,
    cause: err,
  });
}

/** Writes all of `text` to the file, or to stdout when no file is given. */
export async function writeText(path: string | undefined, text: string): Promise<void> {
  if (!path) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw outputError(err, path);
  }
}

/** A stream to write line by line with back-pressure: a file, or stdout. */
export interface Output {
  write(s: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the output of a streaming command: the file (errors reported as {@link outputError}), or
 * stdout when no path is given.
 *
 * @example
 * ```ts
 * const out = await openOutput(flags.output);
 * await out.write('{"id":1}\n');
 * await out.close();
 * ```
 */
export async function openOutput(path: string | undefined): Promise<Output> {
  let out: NodeJS.WritableStream = process.stdout;
  // A write stream reports a bad path with an 'error' event; with no listener that kills the process.
  let outErr: unknown;
  if (path) {
    const file = createWriteStream(path);
    file.on('error', (err) => {
      outErr ??= err;
    });
    try {
      await once(file, 'open');
    } catch (err) {
      throw outputError(err, path);
    }
    out = file;
  }
  const name = path ?? 'stdout';
  return {
    write: (s: string) =>
      new Promise<void>((resolve, reject) => {
        if (outErr) return reject(outputError(outErr, name));
        if (out.write(s)) resolve();
        else out.once('drain', resolve).once('error', (e) => reject(outputError(e, name)));
      }),
    close: async () => {
      if (out !== process.stdout) await new Promise<void>((r) => (out as NodeJS.WritableStream).end(r));
      if (outErr) throw outputError(outErr, name);
    },
  };
}
