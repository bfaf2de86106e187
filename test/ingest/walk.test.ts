import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expandBraces,
  expandPaths,
  globFiles,
  globSegmentToRegExp,
  hasCorpusExtension,
  hasGlobChars,
  type PathEntry,
  walkFolder,
} from '../../src/ingest/walk.js';
import { tempDir } from './helpers.js';

const TREE = new URL('../fixtures/corpus/tree/', import.meta.url).pathname;
const { dir, cleanup } = tempDir();
const root = join(dir, 'tree');

beforeAll(() => {
  cpSync(TREE, root, { recursive: true });
  // Hidden and vendored entries are made here: git would not keep node_modules in the fixtures.
  mkdirSync(join(root, '.drafts'));
  writeFileSync(join(root, '.drafts', 'draft.txt'), 'A draft that must not be read.');
  writeFileSync(join(root, '.hidden.txt'), 'Hidden.');
  mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'pkg', 'readme.txt'), 'Vendored.');
  writeFileSync(join(root, 'web', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
  writeFileSync(join(root, 'wire', 'day.JSONL.GZ'), 'not really gzip');
  writeFileSync(join(root, 'wire', 'odd[1].txt'), 'A file whose name looks like a glob.');
  // A link back up the tree must not loop.
  symlinkSync('..', join(root, 'web', '2024', 'up'));
});
afterAll(cleanup);

async function collect(gen: AsyncGenerator<PathEntry>): Promise<string[]> {
  const out: string[] = [];
  for await (const e of gen) {
    if (e.kind === 'file') out.push(relative(dir, e.path));
    else if (e.kind === 'stdin') out.push('-');
    else out.push(`error ${e.error.code} ${e.origin}`);
  }
  return out;
}

describe('hasCorpusExtension', () => {
  it('knows text, HTML, JSONL, WARC and feed files, also gzipped and in any case', () => {
    for (const name of [
      'a.txt',
      'a.md',
      'a.HTML',
      'a.xhtml',
      'a.ndjson',
      'x.warc.gz',
      'f.atom',
      'f.xml.gz',
    ]) {
      expect(hasCorpusExtension(name)).toBe(true);
    }
  });
  it('leaves out .json, images, archives and extension-less names', () => {
    for (const name of ['package.json', 'logo.png', 'a.gz', 'README', '.txt', 'dir.txt/file']) {
      expect(hasCorpusExtension(name)).toBe(false);
    }
  });
});

describe('glob syntax', () => {
  it('tells globs from plain paths, honouring backslash escapes', () => {
    expect(hasGlobChars('feeds/*.rss')).toBe(true);
    expect(hasGlobChars('day-??.jsonl')).toBe(true);
    expect(hasGlobChars('{a,b}.txt')).toBe(true);
    expect(hasGlobChars('[ab].txt')).toBe(true);
    expect(hasGlobChars('notes.txt')).toBe(false);
    expect(hasGlobChars('odd\\[1\\].txt')).toBe(false);
  });

  it('expands braces left to right, nested, and leaves lone braces alone', () => {
    expect(expandBraces('{wire,web}/*.{txt,html}')).toEqual([
      'wire/*.txt',
      'wire/*.html',
      'web/*.txt',
      'web/*.html',
    ]);
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('x{y}z')).toEqual(['x{y}z']);
    expect(expandBraces('x{y')).toEqual(['x{y']);
    expect(expandBraces('a\\{b,c}')).toEqual(['a\\{b,c}']);
  });

  it('refuses a brace bomb', () => {
    expect(() => expandBraces('{a,b}'.repeat(12))).toThrow(/more than 1024/);
  });

  it('compiles segments: * ? classes, no leading dot unless spelled out', () => {
    expect(globSegmentToRegExp('day-??.jsonl').test('day-01.jsonl')).toBe(true);
    expect(globSegmentToRegExp('day-??.jsonl').test('day-1.jsonl')).toBe(false);
    expect(globSegmentToRegExp('*.txt').test('a.b.txt')).toBe(true);
    expect(globSegmentToRegExp('[abc]*').test('beta')).toBe(true);
    expect(globSegmentToRegExp('[!abc]*').test('beta')).toBe(false);
    expect(globSegmentToRegExp('[a-c].md').test('b.md')).toBe(true);
    expect(globSegmentToRegExp('*').test('.hidden')).toBe(false);
    expect(globSegmentToRegExp('?hidden').test('.hidden')).toBe(false);
    expect(globSegmentToRegExp('.*').test('.hidden')).toBe(true);
    expect(globSegmentToRegExp('a+b(c).txt').test('a+b(c).txt')).toBe(true);
    expect(globSegmentToRegExp('[x').test('[x')).toBe(true);
  });
});

describe('walkFolder', () => {
  it('yields known extensions in sorted order, skipping hidden entries, node_modules and link loops', async () => {
    expect(await collect(walkFolder(root))).toEqual([
      'tree/web/2024/strike.html',
      'tree/web/feed.rss',
      'tree/web/readme.md',
      'tree/wire/0001-strike.txt',
      'tree/wire/0002-notes.txt',
      'tree/wire/day.JSONL.GZ',
      'tree/wire/odd[1].txt',
    ]);
  });

  it('reports a missing folder', async () => {
    expect(await collect(walkFolder(join(dir, 'nope')))).toEqual([
      'error INPUT_NOT_FOUND ' + join(dir, 'nope'),
    ]);
  });
});

describe('expandPaths', () => {
  it('takes files, folders and stdin in the order given; a missing path is an error and the rest go on', async () => {
    const out = await collect(
      expandPaths([join(root, 'web', 'readme.md'), join(dir, 'missing.txt'), '-', join(root, 'wire')]),
    );
    expect(out).toEqual([
      'tree/web/readme.md',
      `error INPUT_NOT_FOUND ${join(dir, 'missing.txt')}`,
      '-',
      'tree/wire/0001-strike.txt',
      'tree/wire/0002-notes.txt',
      'tree/wire/day.JSONL.GZ',
      'tree/wire/odd[1].txt',
    ]);
  });

  it('takes a named file whatever its extension', async () => {
    expect(await collect(expandPaths([join(root, 'package.json'), join(root, 'web', 'logo.png')]))).toEqual([
      'tree/package.json',
      'tree/web/logo.png',
    ]);
  });

  it('reads a file once even when reached twice', async () => {
    const out = await collect(
      expandPaths([join(root, 'web', 'feed.rss'), join(root, 'web'), `${root}/web/*.rss`]),
    );
    expect(out).toEqual(['tree/web/feed.rss', 'tree/web/2024/strike.html', 'tree/web/readme.md']);
  });

  it('expands * and ** globs, skipping hidden entries', async () => {
    expect(await collect(expandPaths([`${root}/**/*.txt`]))).toEqual([
      'tree/wire/0001-strike.txt',
      'tree/wire/0002-notes.txt',
      'tree/wire/odd[1].txt',
    ]);
    expect(await collect(expandPaths([`${root}/*/*.{md,rss}`]))).toEqual([
      'tree/web/feed.rss',
      'tree/web/readme.md',
    ]);
  });

  it('supports ? and [abc], and .* for hidden names', async () => {
    expect(await collect(expandPaths([`${root}/wire/000?-*.txt`]))).toEqual([
      'tree/wire/0001-strike.txt',
      'tree/wire/0002-notes.txt',
    ]);
    expect(await collect(expandPaths([`${root}/wire/000[2-9]*`]))).toEqual(['tree/wire/0002-notes.txt']);
    expect(await collect(expandPaths([`${root}/.*.txt`]))).toEqual(['tree/.hidden.txt']);
  });

  it('walks folders a glob matches (all matches in sorted order)', async () => {
    expect(await collect(expandPaths([`${root}/w{ire,eb}`]))).toEqual([
      'tree/web/2024/strike.html',
      'tree/web/feed.rss',
      'tree/web/readme.md',
      'tree/wire/0001-strike.txt',
      'tree/wire/0002-notes.txt',
      'tree/wire/day.JSONL.GZ',
      'tree/wire/odd[1].txt',
    ]);
  });

  it('reads a name that exists literally even if it looks like a glob', async () => {
    expect(await collect(expandPaths([join(root, 'wire', 'odd[1].txt')]))).toEqual(['tree/wire/odd[1].txt']);
  });

  it('reports a glob that matches nothing, naming the pattern', async () => {
    const pattern = `${root}/**/*.warc`;
    expect(await collect(expandPaths([pattern, join(root, 'web', 'readme.md')]))).toEqual([
      `error INPUT_NOT_FOUND ${pattern}`,
      'tree/web/readme.md',
    ]);
  });

  it('matches relative patterns against the working folder', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      expect(await globFiles('wire/*.txt')).toEqual([
        'wire/0001-strike.txt',
        'wire/0002-notes.txt',
        'wire/odd[1].txt',
      ]);
      // As in a shell, `*` names node_modules (only `**` and folder walks skip it), but not dot names.
      expect(await globFiles('*')).toEqual(['node_modules', 'package.json', 'web', 'wire']);
      expect(await globFiles('**/readme.*')).toEqual(['web/readme.md']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('reports an empty path as a usage error', async () => {
    expect(await collect(expandPaths(['']))).toEqual(['error USAGE ']);
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(collect(expandPaths([root], { signal: ac.signal }))).rejects.toThrow('stop');
  });
});
