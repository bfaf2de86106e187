import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytesToCorpusInput,
  type CorpusItem,
  type ReadCorpusOptions,
  readCorpus,
  sniffReader,
  textToCorpusInput,
} from '../../src/ingest/corpus-input.js';
import { caught, tempDir } from './helpers.js';

const FIXTURES = new URL('../fixtures/corpus/', import.meta.url).pathname;
const { dir, cleanup } = tempDir();
const at = (name: string) => join(dir, name);

/** A minimal WARC response record for an HTML page. */
function warcPage(uri: string, title: string, body: string): Buffer {
  const html = `<html><head><title>${title}</title></head><body><p>${body}</p></body></html>`;
  const http = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`);
  const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2024-02-02T02:02:02Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')]);
}

const JSONL = '{"id":"j1","text":"First story text."}\n{"id":"j2","text":"Second story text."}\n';

beforeAll(() => {
  cpSync(join(FIXTURES, 'tree'), at('tree'), { recursive: true });
  mkdirSync(at('tree/.cache'));
  writeFileSync(at('tree/.cache/old.txt'), 'Hidden, not read.');
  mkdirSync(at('tree/node_modules'));
  writeFileSync(at('tree/node_modules/x.txt'), 'Vendored, not read.');
  writeFileSync(at('tree/web/logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));

  writeFileSync(at('day.jsonl.gz'), gzipSync(JSONL));
  // One gzip member per record, as crawlers write .warc.gz.
  writeFileSync(
    at('crawl.warc.gz'),
    Buffer.concat([
      gzipSync(warcPage('https://w.example/1', 'One', 'The first crawled page.')),
      gzipSync(warcPage('https://w.example/2', 'Two', 'The second crawled page.')),
    ]),
  );
  writeFileSync(at('story.txt.gz'), gzipSync('Headline here\n\nBody of the zipped story.'));
  writeFileSync(at('page.html.gz'), gzipSync('<title>Zipped page</title><p>Zipped page text.</p>'));
  writeFileSync(at('dump.gz'), gzipSync(JSONL));
  writeFileSync(at('crawl.data'), warcPage('https://w.example/3', 'Three', 'Sniffed from content.'));
  const many = Array.from(
    { length: 3000 },
    (_, i) => `{"id":"m${i}","text":"Story number ${i * 7919} of many."}\n`,
  );
  const cut = gzipSync(many.join(''));
  writeFileSync(at('cut.jsonl.gz'), cut.subarray(0, Math.floor(cut.length / 2)));
  writeFileSync(
    at('corrupt.txt.gz'),
    Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]),
  );
  writeFileSync(at('empty.txt'), '');
  writeFileSync(at('binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]));
  writeFileSync(at('latin1.txt'), Buffer.from('Caf\xe9 prices rose in March.', 'latin1'));
  writeFileSync(at('big.txt'), 'word '.repeat(1000));
  writeFileSync(at('bomb.txt.gz'), gzipSync(Buffer.alloc(200_000, 0x61)));
  writeFileSync(at('sitemap.xml'), '<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>');
  writeFileSync(at('page.html'), '<title>Forced</title><p>Only <b>markup</b> here.</p>');
  writeFileSync(at('lines.txt'), '{"text":"A JSONL record in a .txt file."}\n');
  writeFileSync(at('pretty.json'), '{\n  "text": "Pretty"\n}\n');
});
afterAll(cleanup);

async function read(paths: string[], opts: ReadCorpusOptions = {}): Promise<CorpusItem[]> {
  const out: CorpusItem[] = [];
  for await (const item of readCorpus(paths, opts)) out.push(item);
  return out;
}

/** `origin ok` or `origin CODE`, with the temp folder taken off. */
function summary(items: CorpusItem[]): string[] {
  const short = (s: string) => (s.startsWith(dir) ? relative(dir, s) : s);
  return items.map((i) =>
    i.kind === 'article' ? `${short(i.input.origin!)} ok` : `${short(i.origin)} ${i.error.code}`,
  );
}

function stdin(data: string | Buffer, chunk = 3): NodeJS.ReadableStream {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts);
}

describe('readCorpus: paths', () => {
  it('walks a folder tree: known extensions, sorted, hidden and vendored entries skipped', async () => {
    const items = await read([at('tree')]);
    expect(summary(items)).toEqual([
      'tree/web/2024/strike.html ok',
      'tree/web/feed.rss#item 1 ok',
      'tree/web/feed.rss#item 2 ok',
      'tree/web/feed.rss#item 3 INPUT_NO_TEXT',
      'tree/web/feed.rss#item 4 ok',
      'tree/web/readme.md ok',
      'tree/wire/0001-strike.txt ok',
      'tree/wire/0002-notes.txt ok',
    ]);
    const html = items[0];
    expect(html.kind === 'article' && html.input).toMatchObject({
      title: 'Northport dock strike is over',
      url: 'https://coast-daily.example/2024/strike',
      source: 'Coast Daily',
      published: '2024-03-18T07:30:00Z',
      lang: 'en',
    });
    expect(html.kind === 'article' && html.input.id).toBeUndefined();
    const strike = items[6];
    expect(strike.kind === 'article' && strike.input.title).toBe('Dock strike ends after two weeks');
    expect(strike.kind === 'article' && strike.input.text).toMatch(/^NORTHPORT - Dock workers/);
    const notes = items[7];
    expect(notes.kind === 'article' && notes.input.title).toBeUndefined();
  });

  it('reports a missing path and goes on; a glob with no match names the pattern', async () => {
    const items = await read([at('missing.txt'), at('*.nothing'), join(FIXTURES, 'rdf-feed.xml')]);
    expect(summary(items)).toEqual([
      'missing.txt INPUT_NOT_FOUND',
      '*.nothing INPUT_NOT_FOUND',
      `${join(FIXTURES, 'rdf-feed.xml')}#item 1 ok`,
    ]);
  });

  it('reads globs', async () => {
    const items = await read([`${dir}/tree/**/*.{txt,md}`]);
    expect(summary(items)).toEqual([
      'tree/web/readme.md ok',
      'tree/wire/0001-strike.txt ok',
      'tree/wire/0002-notes.txt ok',
    ]);
  });

  it('reads a named .json file as JSONL, with a hint when it is pretty-printed', async () => {
    const items = await read([at('pretty.json')]);
    expect(summary(items)[0]).toBe('pretty.json:1 INPUT_INVALID');
    expect(items[0].kind === 'error' && items[0].error.message).toContain('pretty-printed');
  });
});

describe('readCorpus: compressed and sniffed files', () => {
  it('reads .jsonl.gz, multi-member .warc.gz, .txt.gz and .html.gz', async () => {
    const items = await read([
      at('day.jsonl.gz'),
      at('crawl.warc.gz'),
      at('story.txt.gz'),
      at('page.html.gz'),
    ]);
    expect(summary(items)).toEqual([
      'day.jsonl.gz:1 ok',
      'day.jsonl.gz:2 ok',
      'crawl.warc.gz#0 ok',
      expect.stringMatching(/^crawl\.warc\.gz#\d+ ok$/),
      'story.txt.gz ok',
      'page.html.gz ok',
    ]);
    const [, , w1, w2, story, page] = items;
    expect(w1.kind === 'article' && w1.input).toMatchObject({
      id: 'https://w.example/1',
      title: 'One',
      text: 'The first crawled page.',
      published: '2024-02-02T02:02:02Z',
    });
    expect(w2.kind === 'article' && w2.input.url).toBe('https://w.example/2');
    expect(story.kind === 'article' && story.input).toMatchObject({
      title: 'Headline here',
      text: 'Body of the zipped story.',
    });
    expect(page.kind === 'article' && page.input).toMatchObject({
      title: 'Zipped page',
      text: 'Zipped page text.',
    });
  });

  it('sniffs files whose name says nothing', async () => {
    expect(summary(await read([at('dump.gz'), at('crawl.data')]))).toEqual([
      'dump.gz:1 ok',
      'dump.gz:2 ok',
      'crawl.data#0 ok',
    ]);
  });

  it('reads what it can of a truncated gzip file, then reports it', async () => {
    const items = await read([at('cut.jsonl.gz'), at('empty.txt')]);
    const s = summary(items);
    expect(s.length).toBeGreaterThan(100);
    expect(s.slice(0, 2)).toEqual(['cut.jsonl.gz:1 ok', 'cut.jsonl.gz:2 ok']);
    // Every line before the cut is an article; the cut itself is one error for the file.
    expect(s.slice(0, -2).every((x) => x.endsWith(' ok'))).toBe(true);
    expect(s.slice(-2)).toEqual(['cut.jsonl.gz INPUT_INVALID', 'empty.txt INPUT_EMPTY']);
    const err = items[items.length - 2];
    expect(err.kind === 'error' && err.error.message).toContain('cannot gunzip the input: it is truncated');
  });

  it('reports corrupt gzip', async () => {
    expect(summary(await read([at('corrupt.txt.gz')]))).toEqual(['corrupt.txt.gz INPUT_INVALID']);
  });
});

describe('readCorpus: bad files never stop the run', () => {
  it('reports empty, binary, mis-encoded, oversized and non-feed files', async () => {
    const items = await read(
      [
        at('empty.txt'),
        at('binary.txt'),
        at('latin1.txt'),
        at('big.txt'),
        at('bomb.txt.gz'),
        at('sitemap.xml'),
        join(FIXTURES, 'tree/wire/0002-notes.txt'),
      ],
      { maxBytes: 1000 },
    );
    expect(summary(items)).toEqual([
      'empty.txt INPUT_EMPTY',
      'binary.txt INPUT_BINARY',
      'latin1.txt INPUT_ENCODING',
      'big.txt INPUT_TOO_LARGE',
      'bomb.txt.gz INPUT_TOO_LARGE',
      'sitemap.xml INPUT_INVALID',
      `${join(FIXTURES, 'tree/wire/0002-notes.txt')} ok`,
    ]);
    for (const i of items.slice(0, -1)) {
      const origin = (i as { origin?: string }).origin;
      expect(i.kind === 'error' && i.error.source).toBe(origin);
      expect(i.kind === 'error' && i.error.message.startsWith(`${origin}: `)).toBe(true);
    }
    const big = items[3];
    expect(big.kind === 'error' && big.error.message).toContain('--max-bytes');
  });
});

describe('readCorpus: stdin', () => {
  it('sniffs JSONL, WARC, feeds, gzip, HTML and text', async () => {
    const cases: Array<[string | Buffer, string[]]> = [
      [`\n  ${JSONL}`, ['stdin:2 ok', 'stdin:3 ok']],
      [warcPage('https://s.example/', 'S', 'From a pipe.'), ['stdin#0 ok']],
      [gzipSync(JSONL), ['stdin:1 ok', 'stdin:2 ok']],
      [
        readFileSync(join(FIXTURES, 'world.rss')),
        ['stdin#item 1 ok', 'stdin#item 2 ok', 'stdin#item 3 INPUT_NO_TEXT', 'stdin#item 4 ok'],
      ],
      ['<!doctype html><title>T</title><p>Piped page.</p>', ['stdin ok']],
      ['Just a line of text from a pipe.', ['stdin ok']],
      ['', ['stdin INPUT_EMPTY']],
    ];
    for (const [data, expected] of cases) {
      expect(summary(await read(['-'], { stdin: stdin(data) }))).toEqual(expected);
    }
  });

  it('reads stdin once', async () => {
    const items = await read(['-', '-'], { stdin: stdin('Some text.') });
    expect(summary(items)).toEqual(['stdin ok', 'stdin USAGE']);
  });

  it('bounds a single article from stdin by maxBytes', async () => {
    const items = await read(['-'], { stdin: stdin('x'.repeat(5000), 512), maxBytes: 1000 });
    expect(summary(items)).toEqual(['stdin INPUT_TOO_LARGE']);
  });
});

describe('readCorpus: options', () => {
  it('forces a reader with format', async () => {
    const text = await read([at('page.html')], { format: 'text' });
    expect(text[0].kind === 'article' && text[0].input.text).toContain('<b>markup</b>');
    expect(summary(await read([at('lines.txt')], { format: 'jsonl' }))).toEqual(['lines.txt:1 ok']);
    expect(summary(await read([at('lines.txt')], { format: 'warc' }))).toEqual(['lines.txt#0 INPUT_INVALID']);
  });

  it('passes maxRecordBytes to the streaming readers', async () => {
    expect(summary(await read([at('day.jsonl.gz')], { maxRecordBytes: 10 }))).toEqual([
      'day.jsonl.gz:1 INPUT_TOO_LARGE',
      'day.jsonl.gz:2 INPUT_TOO_LARGE',
    ]);
  });

  it('throws USAGE for invalid options', async () => {
    for (const opts of [{ maxBytes: 0 }, { maxRecordBytes: -1 }, { format: 'pdf' as never }]) {
      const err = await caught(() => read(['x'], opts));
      expect(err.code).toBe('USAGE');
    }
  });

  it('stops on abort and closes what it opened', async () => {
    const ac = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const item of readCorpus([at('day.jsonl.gz'), at('tree')], { signal: ac.signal })) {
        seen.push(item.kind);
        ac.abort(new Error('enough'));
      }
    };
    await expect(run()).rejects.toThrow('enough');
    expect(seen).toEqual(['article']);
  });

  it('lets the consumer stop early', async () => {
    for await (const item of readCorpus([at('crawl.warc.gz'), at('tree')])) {
      expect(item.kind).toBe('article');
      break;
    }
  });
});

describe('textToCorpusInput', () => {
  it('takes a clear headline as the title and off the text', () => {
    expect(
      textToCorpusInput('\n  Port strike ends  \r\n\r\nROTTERDAM - Dock workers returned.\n', 'a.txt'),
    ).toEqual({
      title: 'Port strike ends',
      text: 'ROTTERDAM - Dock workers returned.\n',
      origin: 'a.txt',
    });
    expect(textToCorpusInput('Is the strike over?\n\nMaybe.', 'q.txt').title).toBe('Is the strike over?');
  });

  it('takes a Markdown heading', () => {
    expect(textToCorpusInput('## Port strike ends ##\nDock workers returned.', 'a.md')).toEqual({
      title: 'Port strike ends',
      text: 'Dock workers returned.',
      origin: 'a.md',
    });
  });

  it('leaves sentences, datelines, bylines, lone lines and long lines alone', () => {
    const keep = [
      'Dock workers returned on Monday.\n\nTalks went on.',
      'ROTTERDAM, March 4 -\n\nDock workers returned.',
      'By Jane Reporter\n\nDock workers returned.',
      'Port strike ends',
      'Port strike ends\nDock workers returned on Monday.',
      `${'word '.repeat(40)}\n\nBody.`,
      '2024-03-04\n\nBody.',
    ];
    for (const text of keep) expect(textToCorpusInput(text, 'x.txt')).toEqual({ text, origin: 'x.txt' });
  });
});

describe('bytesToCorpusInput and sniffReader', () => {
  it('decodes HTML with its meta charset', () => {
    const bytes = Buffer.from(
      '<meta charset="windows-1252"><title>Prices</title><p>Tickets cost \x80 5.</p>',
      'latin1',
    );
    expect(bytesToCorpusInput(bytes, 'p.html')).toEqual({
      title: 'Prices',
      text: 'Tickets cost € 5.',
      origin: 'p.html',
    });
  });

  it('sniffs by the first bytes', () => {
    expect(sniffReader(Buffer.from('\uFEFF  {"text":"x"}'))).toBe('jsonl');
    expect(sniffReader(Buffer.from('WARC/1.1\r\n'))).toBe('warc');
    expect(sniffReader(Buffer.from('<?xml version="1.0"?><feed>'))).toBe('rss');
    expect(sniffReader(Buffer.from('<html><p>x</p>'))).toBe('single');
    expect(sniffReader(Buffer.from('Plain words.'))).toBe('single');
  });
});
