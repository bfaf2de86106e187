/**
 * Reads the package's data files (word lists, gazetteers, number words) from `data/`, once each.
 *
 * Representation. Two formats, both UTF-8: plain lists (`.txt`: one entry per line; blank lines
 * and lines starting with `#` are ignored, so a file can open with its source) and JSON (`.json`:
 * for tables whose entries carry values). `data/lang/<code>/` holds one language's files, so a new
 * language is a new folder; `data/lang/README.md` documents every file and its source.
 *
 * Decision. Files are read synchronously on first use, relative to this module: compiled code runs
 * from `dist/text/`, tests from `src/text/`, both two levels below the package root, so one URL
 * serves both. A missing file is a packaging bug and throws.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';

const ROOT = new URL('../../data/', import.meta.url);
const cache = new Map<string, unknown>();

function cached<T>(key: string, load: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const v = load();
  cache.set(key, v);
  return v;
}

/**
 * The entries of a plain list under `data/` (trimmed; blank and `#` lines skipped), read once.
 *
 * @example
 * ```ts
 * readList('lang/en/stopwords.txt').includes('the'); // => true
 * ```
 */
export function readList(path: string): readonly string[] {
  return cached(`list:${path}`, () =>
    readFileSync(new URL(path, ROOT), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
}

/**
 * A JSON file under `data/`, parsed once. The caller states its shape; the data test checks it.
 *
 * @example
 * ```ts
 * const t = readJson<{ small: [string, number][] }>('lang/en/numbers.json');
 * ```
 */
export function readJson<T>(path: string): T {
  return cached(`json:${path}`, () => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')) as T);
}

/**
 * The language codes under `data/lang/` that have a file named `file`, sorted.
 *
 * @example
 * ```ts
 * dataLanguages('stopwords.txt'); // => ['ar', 'de', 'en', …]
 * ```
 */
export function dataLanguages(file: string): string[] {
  return cached(`langs:${file}`, () =>
    readdirSync(new URL('lang/', ROOT), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(new URL(`lang/${d.name}/${file}`, ROOT)))
      .map((d) => d.name)
      .sort(),
  );
}
