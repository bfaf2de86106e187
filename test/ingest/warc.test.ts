import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CorpusItem } from '../../src/ingest/corpus-input.js';
import { readWarc } from '../../src/ingest/warc.js';

/** One WARC record with a correct Content-Length. */
function record(
  type: string,
  headers: Record<string, string>,
  body: Buffer | string,
  version = '1.1',
): Buffer {
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const lines = [
    `WARC/${version}`,
    `WARC-Type: ${type}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${payload.length}`,
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload, Buffer.from('\r\n\r\n')]);
}

/** An HTTP response message as a crawler stores it. */
function http(status: string, headers: Record<string, string>, body: Buffer | string): Buffer {
  const head = [`HTTP/1.1 ${status}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return Buffer.concat([
    Buffer.from(`${head}\r\n\r\n`),
    Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  ]);
}

function response(uri: string, message: Buffer, date = '2024-05-06T07:08:09Z'): Buffer {
  return record(
    'response',
    { 'WARC-Target-URI': uri, 'WARC-Date': date, 'Content-Type': 'application/http; msgtype=response' },
    message,
  );
}

const PAGE = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="en"><head><title>${title}</title>${head}</head><body><article><p>${body}</p></article></body></html>`;

function chunked(body: string, size: number): string {
  let out = '';
  for (let i = 0; i < body.length; i += size) {
    const part = body.slice(i, i + size);
    out += `${Buffer.byteLength(part).toString(16)};ext=1\r\n${part}\r\n`;
  }
  return `${out}0\r\n\r\n`;
}

/** A small crawl: the usual record types around four HTML pages. */
function crawl(): { bytes: Buffer; offsets: number[] } {
  const records = [
    record('warcinfo', { 'Content-Type': 'application/warc-fields' }, 'software: test-writer\r\n'),
    record(
      'request',
      { 'WARC-Target-URI': 'https://news.example/quay', 'Content-Type': 'application/http; msgtype=request' },
      'GET /quay HTTP/1.1\r\nHost: news.example\r\n\r\n',
    ),
    response(
      'https://news.example/quay',
      http(
        '200 OK',
        { 'Content-Type': 'text/html; charset=windows-1252' },
        Buffer.from(
          PAGE(
            'Quay repairs finished',
            'The quay at Northport reopened after repairs costing \x80 2 million.',
          ),
          'latin1',
        ),
      ),
    ),
    record('metadata', { 'WARC-Target-URI': 'https://news.example/quay' }, 'outlinks: none\r\n'),
    response(
      'https://news.example/logo.png',
      http('200 OK', { 'Content-Type': 'image/png' }, Buffer.from([0x89, 0x50, 0, 0])),
    ),
    response(
      'https://news.example/gone',
      http('404 Not Found', { 'Content-Type': 'text/html' }, PAGE('Gone', 'Not here.')),
    ),
    response(
      'https://news.example/tides',
      http(
        '200 OK',
        { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked' },
        chunked(
          PAGE(
            'Spring tides expected',
            'Harbour staff expect the highest spring tides of the year this weekend.',
            '<meta property="article:published_time" content="2024-04-20T06:00:00Z"><meta property="og:site_name" content="Northport News">',
          ),
          40,
        ),
      ),
    ),
    response(
      'https://news.example/ferry',
      http(
        '200 OK',
        { 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip' },
        gzipSync(
          PAGE('Ferry timetable', 'A new ferry timetable starts in June with two extra sailings a day.'),
        ),
      ),
    ),
    record(
      'resource',
      {
        'WARC-Target-URI': 'file:///archive/notice.html',
        'Content-Type': 'text/html',
        'WARC-Date': '2024-01-01T00:00:00Z',
      },
      PAGE('Notice', 'The harbour office is closed on public holidays.'),
    ),
    record('revisit', { 'WARC-Target-URI': 'https://news.example/quay' }, ''),
  ];
  const offsets: number[] = [];
  let at = 0;
  for (const r of records) {
    offsets.push(at);
    at += r.length;
  }
  return { bytes: Buffer.concat(records), offsets };
}

async function read(
  bytes: Buffer,
  opts: Parameters<typeof readWarc>[2] = {},
  chunkSize = 64 * 1024,
): Promise<CorpusItem[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: CorpusItem[] = [];
  for await (const item of readWarc(Readable.from(chunks), 'crawl.warc', opts)) out.push(item);
  return out;
}

function summary(items: CorpusItem[]): string[] {
  return items.map((i) =>
    i.kind === 'article' ? `${i.input.origin} ${i.input.url}` : `${i.origin} ${i.error.code}`,
  );
}

describe('readWarc', () => {
  it('yields the 200 HTML pages and skips everything else silently', async () => {
    const { bytes, offsets } = crawl();
    const items = await read(bytes);
    expect(summary(items)).toEqual([
      `crawl.warc#${offsets[2]} https://news.example/quay`,
      `crawl.warc#${offsets[6]} https://news.example/tides`,
      `crawl.warc#${offsets[7]} https://news.example/ferry`,
      `crawl.warc#${offsets[8]} file:///archive/notice.html`,
    ]);
  });

  it('decodes with the HTTP charset and takes metadata from page and record', async () => {
    const items = await read(crawl().bytes);
    const quay = items[0];
    expect(quay.kind === 'article' && quay.input).toEqual({
      id: 'https://news.example/quay',
      url: 'https://news.example/quay',
      title: 'Quay repairs finished',
      text: 'The quay at Northport reopened after repairs costing € 2 million.',
      published: '2024-05-06T07:08:09Z',
      lang: 'en',
      origin: quay.kind === 'article' ? quay.input.origin : '',
    });
    const tides = items[1];
    // De-chunked; the page's own date wins over WARC-Date; og:site_name is the source.
    expect(tides.kind === 'article' && tides.input.text).toBe(
      'Harbour staff expect the highest spring tides of the year this weekend.',
    );
    expect(tides.kind === 'article' && tides.input.published).toBe('2024-04-20T06:00:00Z');
    expect(tides.kind === 'article' && tides.input.source).toBe('Northport News');
    const ferry = items[2];
    expect(ferry.kind === 'article' && ferry.input.title).toBe('Ferry timetable');
  });

  it('gives the same result however the stream is chunked', async () => {
    const { bytes } = crawl();
    const whole = await read(bytes);
    expect(await read(bytes, {}, 7)).toEqual(whole);
    expect(await read(bytes, {}, 1)).toEqual(whole);
  });

  it('reads WARC/1.0 and LF-only header lines', async () => {
    const rec = record(
      'response',
      { 'WARC-Target-URI': 'https://a.example/' },
      http('200 OK', { 'Content-Type': 'text/html' }, PAGE('A', 'Old format page text.')),
      '1.0',
    );
    const lf = Buffer.from(
      rec.toString('latin1').replace(/^([\s\S]*?)\r\n\r\n/, (m) => m.replace(/\r\n/g, '\n')),
      'latin1',
    );
    const items = await read(Buffer.concat([rec, lf]));
    expect(items.map((i) => i.kind)).toEqual(['article', 'article']);
  });

  it('reports a truncated last record', async () => {
    const { bytes, offsets } = crawl();
    const cut = bytes.subarray(0, offsets[7] + 300);
    const items = await read(cut);
    expect(summary(items).slice(-1)).toEqual([`crawl.warc#${offsets[7]} INPUT_INVALID`]);
    const last = items[items.length - 1];
    expect(last.kind === 'error' && last.error.message).toMatch(
      /truncated WARC record: Content-Length is \d+ bytes/,
    );
    // A cut inside the header too.
    const inHeader = await read(bytes.subarray(0, offsets[2] + 20));
    expect(summary(inHeader)).toEqual([`crawl.warc#${offsets[2]} INPUT_INVALID`]);
  });

  it('resumes at the next record after garbage or a bad header', async () => {
    const good = response(
      'https://b.example/',
      http('200 OK', { 'Content-Type': 'text/html' }, PAGE('B', 'Good page text here.')),
    );
    const badLength = Buffer.from(
      'WARC/1.1\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\njunk\r\n\r\n',
    );
    const garbage = Buffer.from('this is not a record\r\nnor this\r\n');
    const input = Buffer.concat([good, garbage, good, badLength, good]);
    const items = await read(input);
    expect(items.map((i) => (i.kind === 'article' ? 'article' : i.error.code))).toEqual([
      'article',
      'INPUT_INVALID',
      'article',
      'INPUT_INVALID',
      'article',
    ]);
    const err = items[1];
    expect(err.kind === 'error' && err.origin).toBe(`crawl.warc#${good.length}`);
  });

  it('refuses an HTML record over the limit and reads on', async () => {
    const big = response(
      'https://c.example/big',
      http('200 OK', { 'Content-Type': 'text/html' }, PAGE('Big', 'x '.repeat(5000))),
    );
    const small = response(
      'https://c.example/small',
      http('200 OK', { 'Content-Type': 'text/html' }, PAGE('Small', 'Small page text.')),
    );
    const items = await read(Buffer.concat([big, small]), { maxRecordBytes: 4000 });
    expect(items.map((i) => (i.kind === 'article' ? i.input.url : i.error.code))).toEqual([
      'INPUT_TOO_LARGE',
      'https://c.example/small',
    ]);
  });

  it('turns bad pages into error items: no text, bad encoding, bad gzip', async () => {
    const empty = response(
      'https://d.example/1',
      http('200 OK', { 'Content-Type': 'text/html' }, '<html><body><script>x()</script></body></html>'),
    );
    const latin = response(
      'https://d.example/2',
      http('200 OK', { 'Content-Type': 'text/html' }, Buffer.from('<p>caf\xe9 au lait</p>', 'latin1')),
    );
    const badGzip = response(
      'https://d.example/3',
      http(
        '200 OK',
        { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' },
        Buffer.from([0x1f, 0x8b, 1, 2, 3]),
      ),
    );
    const items = await read(Buffer.concat([empty, latin, badGzip]));
    expect(items.map((i) => (i.kind === 'error' ? i.error.code : 'article'))).toEqual([
      'INPUT_NO_TEXT',
      'INPUT_ENCODING',
      'INPUT_INVALID',
    ]);
    for (const i of items) expect(i.kind === 'error' && i.error.source).toMatch(/^crawl\.warc#\d+$/);
  });

  it('uses the meta charset when HTTP gives none, and takes pages stored de-chunked', async () => {
    const meta = response(
      'https://e.example/1',
      http(
        '200 OK',
        { 'Content-Type': 'text/html' },
        Buffer.from('<meta charset="iso-8859-1"><p>Caf\xe9 prices rise.</p>', 'latin1'),
      ),
    );
    const dechunked = response(
      'https://e.example/2',
      http(
        '200 OK',
        { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked' },
        PAGE('E', 'Already de-chunked.'),
      ),
    );
    const items = await read(Buffer.concat([meta, dechunked]));
    expect(items.map((i) => (i.kind === 'article' ? i.input.text : i.error.message))).toEqual([
      'Café prices rise.',
      'Already de-chunked.',
    ]);
  });

  it('stops a gzip bomb at the record limit', async () => {
    const bomb = response(
      'https://f.example/',
      http(
        '200 OK',
        { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' },
        gzipSync(Buffer.alloc(5_000_000, 0x61)),
      ),
    );
    const items = await read(bomb, { maxRecordBytes: 100_000 });
    expect(items.map((i) => (i.kind === 'error' ? i.error.code : 'article'))).toEqual(['INPUT_TOO_LARGE']);
  });

  it('reports input that is not a WARC file, and an empty one', async () => {
    expect(summary(await read(Buffer.from('<html>not a warc</html>')))).toEqual([
      'crawl.warc#0 INPUT_INVALID',
    ]);
    expect(summary(await read(Buffer.alloc(0)))).toEqual(['crawl.warc INPUT_EMPTY']);
  });
});
