import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { articleFromInput, DEFAULT_MAX_CHARS, loadArticle } from '../../src/ingest/index.js';
import { caught, FIXTURES, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('loadArticle', () => {
  it('loads plain text exactly as written, with the path as source', async () => {
    const text = 'BERLIN: Talks resumed on Thursday.\n\nBoth sides met for six hours.\n';
    const path = file('wire.txt', text);
    expect(await loadArticle(path)).toEqual({ text, source: path });
  });

  it('loads an HTML file by extension, with its metadata', async () => {
    const article = await loadArticle(join(FIXTURES, 'news.html'));
    expect(article.title).toBe('Harbour bridge reopens after three months of repairs');
    expect(article.date).toBe('2023-04-12T07:30:00+02:00');
    expect(article.lang).toBe('en');
    expect(article.text).not.toMatch(/SCRIPT-LEAK|STYLE-LEAK/);
  });

  it('sniffs HTML content in a file without an .html extension', async () => {
    const path = file('saved-page', '<!DOCTYPE html><html><body><p>First.</p><p>Second.</p></body></html>');
    expect((await loadArticle(path)).text).toBe('First.\n\nSecond.');
  });

  it('respects format: text and format: html', async () => {
    const markup = '<p>Looks like</p><p>markup</p><p>here</p>';
    const path = file('markup.txt', markup);
    expect((await loadArticle(path, { format: 'text' })).text).toBe(markup);
    expect((await loadArticle(path, { format: 'html' })).text).toBe('Looks like\n\nmarkup\n\nhere');
    expect((await loadArticle(path)).text).toBe('Looks like\n\nmarkup\n\nhere');
    const plain = file('plain.html', 'Just words, no tags.');
    expect((await loadArticle(plain, { format: 'text' })).text).toBe('Just words, no tags.');
  });

  it('lets given options win over extracted metadata, and only when given', async () => {
    const path = join(FIXTURES, 'news.html');
    const given = await loadArticle(path, { title: 'My title', date: '2020-01-01', lang: 'de-AT' });
    expect(given.title).toBe('My title');
    expect(given.date).toBe('2020-01-01');
    expect(given.lang).toBe('de');
    const blank = await loadArticle(path, { title: '', date: '  ', lang: undefined });
    expect(blank.title).toBe('Harbour bridge reopens after three months of repairs');
    expect(blank.date).toBe('2023-04-12T07:30:00+02:00');
    expect(blank.lang).toBe('en');
  });

  it('applies options to plain text too', async () => {
    const path = file('t.txt', 'Some text.');
    expect(await loadArticle(path, { title: 'T', lang: 'en', date: '2024-05-06' })).toEqual({
      text: 'Some text.',
      source: path,
      title: 'T',
      lang: 'en',
      date: '2024-05-06',
    });
  });

  it('rejects a bad lang or format as USAGE', async () => {
    const path = file('u.txt', 'x');
    expect((await caught(() => loadArticle(path, { lang: 'english' }))).code).toBe('USAGE');
    // @ts-expect-error: testing a value from outside the type system
    expect((await caught(() => loadArticle(path, { format: 'pdf' }))).code).toBe('USAGE');
  });

  it('reads stdin for -, named stdin', async () => {
    const stdin = Readable.from([Buffer.from('From a pipe.\n')]);
    expect(await loadArticle('-', { stdin })).toEqual({ text: 'From a pipe.\n', source: 'stdin' });
    const html = Readable.from([
      Buffer.from('<!doctype html><html lang="fr"><body><p>Bonjour.</p></body></html>'),
    ]);
    expect(await loadArticle('-', { stdin: html })).toEqual({
      text: 'Bonjour.',
      lang: 'fr',
      source: 'stdin',
    });
  });

  it('keeps right-to-left and CJK text files intact', async () => {
    const text =
      'قال المتحدث إن المحادثات ستستأنف.\n\nהשיחות יימשכו מחר.\n\n会谈将于明天继续。\n\n会談は明日再開される。';
    const path = file('rtl-cjk.txt', text);
    expect((await loadArticle(path)).text).toBe(text);
    const u16 = file('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect((await loadArticle(u16)).text).toBe(text);
  });

  it('accepts an article with no punctuation at all', async () => {
    const text = 'the mayor opened the new bridge today crowds gathered on both banks';
    expect((await loadArticle(file('nopunct.txt', text))).text).toBe(text);
  });

  it('decodes an HTML page in its declared legacy charset', async () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>Caf'),
      Buffer.from([0xe9, 0x20, 0x80, 0x35]),
      Buffer.from('</p></body></html>'),
    ]);
    expect((await loadArticle(file('latin.html', bytes))).text).toBe('Café €5');
  });

  describe('every input error names the file and the problem', () => {
    const cases: Array<[string, () => string, string, RegExp]> = [
      ['empty', () => file('empty.txt', ''), 'INPUT_EMPTY', /empty/],
      ['whitespace only', () => file('ws.txt', ' \n\t \r\n'), 'INPUT_EMPTY', /only whitespace/],
      [
        'binary',
        () => file('bin.dat', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08])),
        'INPUT_BINARY',
        /NUL byte/,
      ],
      [
        'invalid UTF-8',
        () => file('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])),
        'INPUT_ENCODING',
        /byte offset 3.*iconv -f windows-1252 -t utf-8/,
      ],
      ['missing', () => join(dir, 'missing.txt'), 'INPUT_NOT_FOUND', /no such file/],
      [
        'a directory',
        () => {
          const sub = join(dir, 'a-folder');
          mkdirSync(sub, { recursive: true });
          return sub;
        },
        'INPUT_NOT_FOUND',
        /is a directory/,
      ],
      [
        '50 MB',
        () => {
          const path = join(dir, 'fifty.txt');
          const fd = openSync(path, 'w');
          ftruncateSync(fd, 50 * 1024 * 1024);
          closeSync(fd);
          return path;
        },
        'INPUT_TOO_LARGE',
        /50 MiB.*limit of 10 MiB.*--max-bytes/,
      ],
      [
        'HTML with no text',
        () => file('scripts.html', '<html><script>alert(1)</script><style>p{}</style></html>'),
        'INPUT_NO_TEXT',
        /no readable text/,
      ],
    ];
    for (const [name, make, code, message] of cases) {
      it(name, async () => {
        const path = make();
        const err = await caught(() => loadArticle(path));
        expect(err.code).toBe(code);
        expect(err.source).toBe(path);
        expect(err.message.startsWith(`${path}: `)).toBe(true);
        expect(err.message).toMatch(message);
      });
    }
  });

  it('names stdin in errors', async () => {
    const err = await caught(() => loadArticle('-', { stdin: Readable.from([Buffer.from('   ')]) }));
    expect(err.code).toBe('INPUT_EMPTY');
    expect(err.message).toMatch(/^stdin: /);
  });

  it('raises the limit with maxBytes', async () => {
    const path = file('small.txt', 'x'.repeat(2000));
    expect((await caught(() => loadArticle(path, { maxBytes: 1000 }))).code).toBe('INPUT_TOO_LARGE');
    expect((await loadArticle(path, { maxBytes: 2000 })).text.length).toBe(2000);
  });
});

describe('articleFromInput', () => {
  it('builds an article from text, keeping it exactly', () => {
    const text = '  Indented first line.\n\nSecond paragraph.  ';
    expect(articleFromInput({ text, title: 'T', lang: 'EN', date: '2022-01-20' }, 'request a')).toEqual({
      text,
      title: 'T',
      lang: 'en',
      date: '2022-01-20',
      source: 'request a',
    });
  });

  it('builds an article from HTML; given metadata wins', () => {
    const html =
      '<html lang="de"><head><title>Page title</title></head><body><p>Erster Absatz.</p></body></html>';
    expect(articleFromInput({ html }, 'request b')).toEqual({
      text: 'Erster Absatz.',
      title: 'Page title',
      lang: 'de',
      source: 'request b',
    });
    expect(articleFromInput({ html, title: 'Given', source: 'b.html' }, 'request b')).toMatchObject({
      title: 'Given',
      source: 'b.html',
    });
  });

  it('strips a leading BOM that survived into a string', () => {
    expect(articleFromInput({ text: '\ufeffHello.' }, 'x').text).toBe('Hello.');
  });

  it('requires exactly one of text and html', async () => {
    const both = await caught(() => articleFromInput({ text: 'a', html: '<p>b</p>' }, 'req'));
    expect(both.code).toBe('INPUT_INVALID');
    expect(both.message).toBe('req: give either text or html, not both');
    const neither = await caught(() => articleFromInput({ title: 'T' }, 'req'));
    expect(neither.code).toBe('INPUT_EMPTY');
    expect(neither.message).toBe('req: no text or html given');
    expect((await caught(() => articleFromInput({ text: '', html: ' ' }, 'req'))).code).toBe('INPUT_EMPTY');
    expect((await caught(() => articleFromInput({ text: ' \n ' }, 'req'))).code).toBe('INPUT_EMPTY');
    expect((await caught(() => articleFromInput({ html: '' }, 'req'))).code).toBe('INPUT_EMPTY');
  });

  it('rejects NUL characters as INPUT_BINARY', async () => {
    const err = await caught(() => articleFromInput({ text: 'abc\u0000def' }, 'req'));
    expect(err.code).toBe('INPUT_BINARY');
    expect(err.message).toContain('at 3');
  });

  it('enforces the character limit', async () => {
    expect(DEFAULT_MAX_CHARS).toBe(10_000_000);
    const err = await caught(() => articleFromInput({ text: 'x'.repeat(DEFAULT_MAX_CHARS + 1) }, 'req'));
    expect(err.code).toBe('INPUT_TOO_LARGE');
    expect(err.message).toContain('10000001 characters');
    expect((await caught(() => articleFromInput({ text: 'abcdef' }, 'req', { maxChars: 5 }))).code).toBe(
      'INPUT_TOO_LARGE',
    );
  });

  it('rejects fields of the wrong type (as from a JSON body)', async () => {
    const bad = { text: 42 } as unknown as { text: string };
    expect((await caught(() => articleFromInput(bad, 'req'))).code).toBe('INPUT_INVALID');
    expect((await caught(() => articleFromInput(null as unknown as { text: string }, 'req'))).code).toBe(
      'INPUT_INVALID',
    );
  });

  it('reports HTML with no text as INPUT_NO_TEXT', async () => {
    expect((await caught(() => articleFromInput({ html: '<script>x()</script>' }, 'req'))).code).toBe(
      'INPUT_NO_TEXT',
    );
  });
});
