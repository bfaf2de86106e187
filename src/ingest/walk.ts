/**
 * Turning command-line paths into files: plain files, folders (walked recursively) and glob
 * patterns (Node 20 has no `fs.glob`, so a small matcher lives here). Every problem is an error
 * entry, never a throw, so one bad path does not stop the others.
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StorydiffError } from '../errors.js';
import { fsErrorToStorydiff } from './read.js';

/**
 * Extensions picked up inside folders, each also as `NAME.gz`. `.json` is left out on purpose:
 * folders are full of `package.json`-style config; name a `.json` file to read it as JSONL.
 */
export const CORPUS_EXTENSIONS: readonly string[] = [
  '.txt',
  '.text',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.xhtml',
  '.jsonl',
  '.ndjson',
  '.warc',
  '.rss',
  '.atom',
  '.xml',
];

const KNOWN = new Set(CORPUS_EXTENSIONS);

/** Most patterns a `{a,b}` pattern may expand to; more is a typo or an attack, not a corpus. */
const MAX_BRACE_EXPANSIONS = 1024;
/** Deepest folder nesting walked; deeper means a link loop the inode check missed, or a trap. */
const MAX_DEPTH = 64;

/** One thing a path expands to. */
export type PathEntry =
  | { kind: 'file'; path: string }
  | { kind: 'stdin' }
  | { kind: 'error'; error: StorydiffError; origin: string };

/**
 * Whether a file name has an extension the folder walk picks up (case-insensitive; a trailing
 * `.gz` is looked through, so `day.warc.gz` counts).
 *
 * @example
 * ```ts
 * hasCorpusExtension('feeds/world.rss'); // true
 * hasCorpusExtension('crawl.warc.gz'); // true
 * hasCorpusExtension('package.json'); // false
 * ```
 */
export function hasCorpusExtension(name: string): boolean {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  const dot = lower.lastIndexOf('.');
  return dot > 0 && dot > lower.lastIndexOf('/') && KNOWN.has(lower.slice(dot));
}

/** Options of {@link expandPaths}. */
export interface ExpandOptions {
  signal?: AbortSignal;
}

/**
 * Expands paths as `storydiff index add` takes them, in order and lazily (a million-file folder is
 * never listed into memory at once):
 *
 * - `-` is stdin;
 * - a file is itself, whatever its extension;
 * - a folder is every file inside it with a {@link CORPUS_EXTENSIONS known extension}, recursively,
 *   in sorted (code-unit) order, skipping hidden entries (`.name`) and `node_modules`;
 * - a path that does not exist but holds `*`, `?`, `[…]` or `{a,b}` is a glob: `*` and `?` stay within
 *   one path segment, `**` spans any number of folders (not hidden ones, `node_modules` or linked
 *   ones), and none matches a leading dot (write `.*` for that). Matches are read as if named one
 *   by one, as after shell expansion: a matched file is taken whatever its extension, a matched
 *   folder is walked.
 *
 * A file reached twice (named twice, or through two patterns) comes out once. A missing path, a
 * glob with no match or an unreadable folder is an `error` entry (`INPUT_NOT_FOUND`) and the rest go on.
 *
 * @example
 * ```ts
 * for await (const e of expandPaths(['corpus/', 'feeds/*.rss', '-'])) {
 *   if (e.kind === 'file') console.log(e.path);
 * }
 * ```
 */
export async function* expandPaths(paths: string[], opts: ExpandOptions = {}): AsyncGenerator<PathEntry> {
  const seen = new Set<string>();
  for (const path of paths) {
    opts.signal?.throwIfAborted();
    if (path === '-') {
      yield { kind: 'stdin' };
      continue;
    }
    if (typeof path !== 'string' || path === '') {
      yield errorEntry(new StorydiffError('USAGE', 'an empty path was given', { source: String(path) }));
      continue;
    }
    let st: Stats | undefined;
    let statError: unknown;
    try {
      st = await stat(path);
    } catch (err) {
      statError = err;
    }
    if (st) {
      yield* expandExisting(path, st, seen, opts.signal);
      continue;
    }
    if (!hasGlobChars(path) || (statError as NodeJS.ErrnoException)?.code !== 'ENOENT') {
      yield errorEntry(fsErrorToStorydiff(statError, path));
      continue;
    }
    let matches: string[];
    try {
      matches = await globFiles(path, opts.signal);
    } catch (err) {
      yield errorEntry(err instanceof StorydiffError ? err : fsErrorToStorydiff(err, path));
      continue;
    }
    if (matches.length === 0) {
      yield errorEntry(new StorydiffError('INPUT_NOT_FOUND', 'no files match the pattern', { source: path }));
      continue;
    }
    for (const match of matches) {
      let mst: Stats;
      try {
        mst = await stat(match);
      } catch (err) {
        yield errorEntry(fsErrorToStorydiff(err, match));
        continue;
      }
      yield* expandExisting(match, mst, seen, opts.signal);
    }
  }
}

function errorEntry(error: StorydiffError): PathEntry {
  return { kind: 'error', error, origin: error.source ?? '' };
}

async function* expandExisting(
  path: string,
  st: Stats,
  seen: Set<string>,
  signal?: AbortSignal,
): AsyncGenerator<PathEntry> {
  if (st.isDirectory()) {
    yield* walkFolder(path, seen, signal);
    return;
  }
  // Named files are taken whatever they are (a FIFO from `<(zcat x.gz)` included).
  const key = fileKey(path, st);
  if (seen.has(key)) return;
  seen.add(key);
  yield { kind: 'file', path };
}

/** Identity of a file on disk, so two names for it (a link, `./a` and `a`) count once. */
function fileKey(path: string, st: Stats): string {
  return st.ino ? `${st.dev}:${st.ino}` : path;
}

/**
 * Every file under a folder with a known extension, depth first in sorted order. Hidden entries and
 * `node_modules` are skipped; symbolic links are followed, with each folder entered once (so a link
 * loop ends). Special files (FIFOs, sockets) inside folders are skipped, as reading one could block.
 *
 * @example
 * ```ts
 * for await (const e of walkFolder('corpus')) if (e.kind === 'file') console.log(e.path);
 * ```
 */
export async function* walkFolder(
  root: string,
  seen: Set<string> = new Set(),
  signal?: AbortSignal,
): AsyncGenerator<PathEntry> {
  const visited = new Set<string>();
  async function* walk(dir: string, dirStat: Stats | undefined, depth: number): AsyncGenerator<PathEntry> {
    signal?.throwIfAborted();
    if (dirStat?.ino) {
      const key = `${dirStat.dev}:${dirStat.ino}`;
      if (visited.has(key)) return;
      visited.add(key);
    }
    if (depth > MAX_DEPTH) {
      yield errorEntry(
        new StorydiffError(
          'INPUT_NOT_FOUND',
          `folders nested deeper than ${MAX_DEPTH} levels are not walked`,
          {
            source: dir,
          },
        ),
      );
      return;
    }
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      yield errorEntry(fsErrorToStorydiff(err, dir));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        yield* walk(path, await stat(path).catch(() => undefined), depth + 1);
        continue;
      }
      let st: Stats;
      if (entry.isSymbolicLink()) {
        try {
          st = await stat(path);
        } catch (err) {
          // A dangling link is only worth a word if it looks like one of ours.
          if (hasCorpusExtension(entry.name)) yield errorEntry(fsErrorToStorydiff(err, path));
          continue;
        }
        if (st.isDirectory()) {
          yield* walk(path, st, depth + 1);
          continue;
        }
      } else if (entry.isFile()) {
        if (!hasCorpusExtension(entry.name)) continue;
        try {
          st = await stat(path);
        } catch (err) {
          yield errorEntry(fsErrorToStorydiff(err, path));
          continue;
        }
      } else {
        continue;
      }
      if (!st.isFile() || !hasCorpusExtension(entry.name)) continue;
      const key = fileKey(path, st);
      if (seen.has(key)) continue;
      seen.add(key);
      yield { kind: 'file', path };
    }
  }
  let rootStat: Stats | undefined;
  try {
    rootStat = await stat(root);
  } catch (err) {
    yield errorEntry(fsErrorToStorydiff(err, root));
    return;
  }
  yield* walk(root, rootStat, 0);
}

/**
 * Whether a path holds glob syntax (`*`, `?`, `[`, `{`) that is not backslash-escaped.
 *
 * @example
 * ```ts
 * hasGlobChars('feeds/*.rss'); // true
 * hasGlobChars('notes.txt'); // false
 * ```
 */
export function hasGlobChars(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[' || c === '{') return true;
  }
  return false;
}

/**
 * Expands `{a,b}` alternatives (nested too) into plain patterns, left to right as a shell does;
 * `{` without a matching `}` or a comma is literal. Throws `USAGE` beyond 1024 patterns.
 *
 * @example
 * ```ts
 * expandBraces('{wire,web}/*.{txt,html}'); // ['wire/*.txt', 'wire/*.html', 'web/*.txt', 'web/*.html']
 * ```
 */
export function expandBraces(pattern: string): string[] {
  const out: string[] = [];
  const pending = [pattern];
  while (pending.length > 0) {
    const p = pending.shift()!;
    const group = firstBraceGroup(p);
    if (!group) {
      out.push(p);
    } else {
      const { start, end, options } = group;
      for (const option of options) pending.push(p.slice(0, start) + option + p.slice(end + 1));
    }
    if (out.length + pending.length > MAX_BRACE_EXPANSIONS) {
      throw new StorydiffError('USAGE', `the pattern expands to more than ${MAX_BRACE_EXPANSIONS} patterns`, {
        source: pattern,
      });
    }
  }
  return out;
}

/** The first `{…}` with a top-level comma, and its comma-separated options. */
function firstBraceGroup(p: string): { start: number; end: number; options: string[] } | undefined {
  for (let start = 0; start < p.length; start++) {
    if (p[start] === '\\') {
      start++;
      continue;
    }
    if (p[start] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = start; i < p.length; i++) {
      const c = p[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          if (commas.length === 0) break; // `{x}` is literal; look for a later group
          const bounds = [start, ...commas, i];
          const options = bounds.slice(1).map((b, k) => p.slice(bounds[k] + 1, b));
          return { start, end: i, options };
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

/**
 * Compiles one path segment of a glob (no `/`, braces already expanded) to an anchored RegExp:
 * `*` any run of characters, `?` one, `[abc]`/`[a-z]`/`[!x]`/`[^x]` a class, `\x` a literal x.
 * Neither `*` nor `?` nor a class matches a leading dot.
 *
 * @example
 * ```ts
 * globSegmentToRegExp('day-??.jsonl').test('day-01.jsonl'); // true
 * globSegmentToRegExp('*').test('.hidden'); // false
 * ```
 */
export function globSegmentToRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\' && i + 1 < segment.length) {
      re += escapeRegExp(segment[++i]);
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      const cls = body.replace(/[\\\]^]/g, '\\$&');
      re += negate ? `[^/${cls}]` : `[${cls}]`;
      i = close;
    } else {
      re += escapeRegExp(c);
    }
  }
  // Hidden names only match a pattern that spells out their dot.
  const guard = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${guard}${re}$`, 'u');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function unescapeGlob(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

type Segment = { kind: 'literal'; name: string } | { kind: 'any' } | { kind: 'match'; re: RegExp };

/**
 * The paths a glob matches (files and folders), sorted, without duplicates. Only the folders the
 * pattern can reach are read; `**` does not descend into hidden folders or `node_modules`.
 *
 * @example
 * ```ts
 * await globFiles('corpus/**\/*.{jsonl,warc.gz}'); // ['corpus/2024/a.jsonl', 'corpus/b.warc.gz']
 * ```
 */
export async function globFiles(pattern: string, signal?: AbortSignal): Promise<string[]> {
  const results = new Set<string>();
  for (const expanded of expandBraces(pattern)) {
    const absolute = expanded.startsWith('/');
    const parts = expanded.split('/').filter((s, i) => s !== '' || i === 0);
    if (absolute) parts.shift();
    const segments: Segment[] = parts.map((s) =>
      s === '**'
        ? { kind: 'any' }
        : hasGlobChars(s)
          ? { kind: 'match', re: globSegmentToRegExp(s) }
          : { kind: 'literal', name: unescapeGlob(s) },
    );
    // Leading literal segments are one path: no need to read those folders.
    let base = absolute ? '/' : '';
    let i = 0;
    for (let seg = segments[i]; i < segments.length - 1 && seg.kind === 'literal'; seg = segments[++i]) {
      base = base === '' ? seg.name : join(base, seg.name);
    }
    await matchFrom(base, segments, i, results, signal, 0);
  }
  return [...results].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function matchFrom(
  dir: string,
  segments: Segment[],
  i: number,
  out: Set<string>,
  signal: AbortSignal | undefined,
  depth: number,
): Promise<void> {
  signal?.throwIfAborted();
  if (depth > MAX_DEPTH) return;
  const at = (name: string) => (dir === '' ? name : join(dir, name));
  if (i === segments.length) {
    if (dir !== '') out.add(dir);
    return;
  }
  const seg = segments[i];
  const last = i === segments.length - 1;
  if (seg.kind === 'literal') {
    const path = at(seg.name);
    const st = await stat(path).catch(() => undefined);
    if (!st) return;
    if (last) out.add(path);
    else if (st.isDirectory()) await matchFrom(path, segments, i + 1, out, signal, depth + 1);
    return;
  }
  let entries: Dirent[];
  try {
    entries = await readdir(dir === '' ? '.' : dir, { withFileTypes: true });
  } catch {
    return; // Not a folder, or unreadable: nothing matches here.
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (seg.kind === 'any') {
    // `**` as zero folders, then as one more folder and still `**`.
    if (last) {
      if (dir !== '') out.add(dir);
      for (const e of entries) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        out.add(at(e.name));
      }
    } else {
      await matchFrom(dir, segments, i + 1, out, signal, depth);
    }
    // Linked folders are not descended by `**` (as in bash), so a link loop cannot multiply.
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      if (e.isDirectory()) await matchFrom(at(e.name), segments, i, out, signal, depth + 1);
    }
    return;
  }
  for (const e of entries) {
    if (!seg.re.test(e.name)) continue;
    const path = at(e.name);
    if (last) out.add(path);
    else if (await isDir(e, path)) await matchFrom(path, segments, i + 1, out, signal, depth + 1);
  }
}

async function isDir(e: Dirent, path: string): Promise<boolean> {
  if (e.isDirectory()) return true;
  if (!e.isSymbolicLink()) return false;
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
