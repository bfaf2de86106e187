import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PAIR_LINE_BYTES, type PairRecord, readPairs } from '../../src/ingest/pairs.js';
import { caught, FIXTURES, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function collect(path: string, opts?: Parameters<typeof readPairs>[1]): Promise<PairRecord[]> {
  const out: PairRecord[] = [];
  for await (const rec of readPairs(path, opts)) out.push(rec);
  return out;
}

const jsonl = (...lines: unknown[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

describe('readPairs', () => {
  const batch = join(dir, 'batch');
  mkdirSync(join(batch, 'stories'), { recursive: true });
  writeFileSync(join(batch, 'stories', 'wire.txt'), 'BERLIN: Talks resumed on Thursday.');
  writeFileSync(join(batch, 'stories', 'empty.txt'), '');
  const lines = [
    { id: 'p1', a: { text: 'Version one.', lang: 'en' }, b: { text: 'Version two.', title: 'Two' } },
    { a: { path: 'stories/wire.txt' }, b: { html: '<p>Rewritten <b>story</b>.</p>', date: '2022-01-20' } },
    '',
    '{"id": "broken", "a": ',
    { id: 5, a: { text: 'only a' } },
    { id: 'both', a: { text: 'x', path: 'stories/wire.txt' }, b: { text: 'y' } },
    { id: 'gone', a: { text: 'x' }, b: { path: 'stories/missing.txt' } },
    { id: 'blank', a: { path: 'stories/empty.txt' }, b: { text: 'y' } },
    '   ',
    { id: 'last', a: { text: 'Final a.' }, b: { path: join(batch, 'stories', 'wire.txt') } },
  ];
  const pairsPath = join(batch, 'pairs.jsonl');
  writeFileSync(pairsPath, `${jsonl(...lines)}\n`);

  it('yields every non-blank line in order, good and bad, with line numbers', async () => {
    const recs = await collect(pairsPath);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4, 5, 6, 7, 8, 10]);
    expect(recs.map((r) => (r.error ? 'error' : 'ok'))).toEqual([
      'ok',
      'ok',
      'error',
      'error',
      'error',
      'error',
      'error',
      'ok',
    ]);
  });

  it('builds the articles of good lines, ids defaulting to the line number', async () => {
    const [first, second, , , , , , last] = await collect(pairsPath);
    expect(first).toMatchObject({ line: 1, id: 'p1' });
    expect(first.a).toEqual({ text: 'Version one.', lang: 'en', source: `${pairsPath} line 1, a` });
    expect(first.b).toEqual({ text: 'Version two.', title: 'Two', source: `${pairsPath} line 1, b` });
    expect(second.id).toBe(2);
    // path is relative to the JSONL file's folder, not the working directory
    expect(second.a).toEqual({
      text: 'BERLIN: Talks resumed on Thursday.',
      source: join(batch, 'stories', 'wire.txt'),
    });
    expect(second.b).toMatchObject({ text: 'Rewritten story.', date: '2022-01-20' });
    expect(last.id).toBe('last');
    expect(last.b?.text).toBe('BERLIN: Talks resumed on Thursday.');
  });

  it('reports each bad line with its number, id and the problem', async () => {
    const bad = (await collect(pairsPath)).filter((r) => r.error);
    const summary = bad.map((r) => ({
      line: r.line,
      id: r.id,
      code: r.error!.code,
      source: r.error!.source,
    }));
    expect(summary).toEqual([
      { line: 4, id: undefined, code: 'INPUT_INVALID', source: `${pairsPath} line 4` },
      { line: 5, id: 5, code: 'INPUT_INVALID', source: `${pairsPath} line 5` },
      { line: 6, id: 'both', code: 'INPUT_INVALID', source: `${pairsPath} line 6` },
      {
        line: 7,
        id: 'gone',
        code: 'INPUT_NOT_FOUND',
        source: `${pairsPath} line 7, b: ${join(batch, 'stories', 'missing.txt')}`,
      },
      {
        line: 8,
        id: 'blank',
        code: 'INPUT_EMPTY',
        source: `${pairsPath} line 8, a: ${join(batch, 'stories', 'empty.txt')}`,
      },
    ]);
    expect(bad[0].error!.message).toMatch(/line 4: not valid JSON/);
    expect(bad[1].error!.message).toBe(`${pairsPath} line 5: missing "b"`);
    expect(bad[2].error!.message).toContain('"a" has both text and path');
    expect(bad[3].error!.message).toBe(
      `${pairsPath} line 7, b: ${join(batch, 'stories', 'missing.txt')}: no such file (ENOENT)`,
    );
    for (const r of bad) {
      expect(r.a).toBeUndefined();
      expect(r.b).toBeUndefined();
    }
  });

  it('validates the shape of each line', async () => {
    const path = join(dir, 'shapes.jsonl');
    writeFileSync(
      path,
      jsonl(
        '[1, 2]',
        { id: { x: 1 }, a: { text: 'a' }, b: { text: 'b' } },
        { a: 'just a string', b: { text: 'b' } },
        { a: {}, b: { text: 'b' } },
        { a: { text: 'a', lang: 'english' }, b: { text: 'b' } },
        { a: { text: 42 }, b: { text: 'b' } },
        { a: { text: 'a' }, b: { text: 'b\u0000' } },
        { a: { text: 'a', html: '<p>a</p>' }, b: { text: 'b' } },
        { a: { path: '' }, b: { text: 'b' } },
        { a: { text: 'fine' }, b: { text: 'also fine' } },
      ),
    );
    const recs = await collect(path);
    expect(recs.map((r) => r.error?.code ?? 'ok')).toEqual([
      'INPUT_INVALID',
      'INPUT_INVALID',
      'INPUT_INVALID',
      'INPUT_INVALID',
      'INPUT_INVALID',
      'INPUT_INVALID',
      'INPUT_BINARY',
      'INPUT_INVALID',
      'INPUT_INVALID',
      'ok',
    ]);
    expect(recs[0].error!.message).toContain('must be a JSON object');
    expect(recs[3].error!.message).toContain('"a" needs one of text, path or html');
    expect(recs[4].error!.message).toContain('"a.lang" must be a two-letter ISO 639-1 code');
    expect(recs[6].error!.source).toBe(`${path} line 7, b`);
  });

  it('handles CRLF line ends, a BOM and a last line without newline', async () => {
    const path = join(dir, 'crlf.jsonl');
    const body = jsonl(
      { a: { text: 'a1' }, b: { text: 'b1' } },
      { a: { text: 'a2' }, b: { text: 'b2' } },
    ).replace(/\n/g, '\r\n');
    writeFileSync(path, `\ufeff${body}`);
    const recs = await collect(path);
    expect(recs.map((r) => [r.line, r.a?.text, r.b?.text, r.error?.message])).toEqual([
      [1, 'a1', 'b1', undefined],
      [2, 'a2', 'b2', undefined],
    ]);
  });

  it('keeps right-to-left and CJK text intact', async () => {
    const path = join(dir, 'intl.jsonl');
    writeFileSync(
      path,
      jsonl({ a: { text: 'استؤنفت المحادثات يوم الخميس' }, b: { text: '会谈于周四恢复' } }),
    );
    const [rec] = await collect(path);
    expect(rec.a!.text).toBe('استؤنفت المحادثات يوم الخميس');
    expect(rec.b!.text).toBe('会谈于周四恢复');
  });

  it('reports a line of invalid UTF-8 and goes on', async () => {
    const path = join(dir, 'bad-utf8.jsonl');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from('{"a":{"text":"Caf'),
        Buffer.from([0xe9]),
        Buffer.from('"},"b":{"text":"x"}}\n'),
        Buffer.from(jsonl({ a: { text: 'ok' }, b: { text: 'ok' } })),
      ]),
    );
    const recs = await collect(path);
    expect(recs[0].error?.code).toBe('INPUT_ENCODING');
    expect(recs[0].error?.source).toBe(`${path} line 1`);
    expect(recs[1].a?.text).toBe('ok');
  });

  it('reports a line over the limit without holding it, and goes on', async () => {
    const path = join(dir, 'long.jsonl');
    writeFileSync(
      path,
      jsonl(
        { a: { text: 'first' }, b: { text: 'first' } },
        { a: { text: 'x'.repeat(5000) }, b: { text: 'y' } },
        { a: { text: 'third' }, b: { text: 'third' } },
      ),
    );
    const recs = await collect(path, { maxLineBytes: 1000 });
    expect(recs.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'INPUT_TOO_LARGE', 'ok']);
    expect(recs[1].error!.source).toBe(`${path} line 2`);
    expect(recs[1].error!.message).toContain('over the limit of 1000 bytes');
  });

  it('reports a real line over 50 MB', async () => {
    expect(MAX_PAIR_LINE_BYTES).toBe(50 * 1024 * 1024);
    const path = join(dir, 'huge.jsonl');
    const out = createWriteStream(path);
    const piece = 'x'.repeat(1024 * 1024);
    out.write('{"a":{"text":"');
    for (let i = 0; i < 51; i++) out.write(piece);
    out.write(`"},"b":{"text":"y"}}\n${jsonl({ a: { text: 'after' }, b: { text: 'after' } })}\n`);
    await new Promise<void>((resolve) => out.end(resolve));
    const recs = await collect(path);
    expect(recs.map((r) => r.error?.code ?? 'ok')).toEqual(['INPUT_TOO_LARGE', 'ok']);
    expect(recs[0].error!.message).toContain('50 MiB');
    expect(recs[1].a!.text).toBe('after');
  });

  it('passes maxBytes on to files named by path', async () => {
    const recs = await collect(pairsPath, { maxBytes: 10 });
    const line2 = recs.find((r) => r.line === 2)!;
    expect(line2.error?.code).toBe('INPUT_TOO_LARGE');
    expect(line2.error?.message).toContain('--max-bytes');
  });

  it('reads pairs from stdin, resolving paths from the working directory', async () => {
    const fixture = join(FIXTURES, 'rtl-cjk.html');
    const stdin = Readable.from([
      Buffer.from(`${jsonl({ id: 'x', a: { text: 'one' }, b: { path: fixture } })}\n\n{bad\n`),
    ]);
    const recs = await collect('-', { stdin });
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({ line: 1, id: 'x', a: { text: 'one' } });
    expect(recs[0].b!.lang).toBe('ar');
    expect(recs[1].error?.source).toBe('stdin line 3');
  });

  it('streams: lines split across chunks, even inside a multi-byte character', async () => {
    const text = Buffer.from(`${jsonl({ a: { text: 'né' }, b: { text: '日本' } })}\n`);
    const chunks = Array.from(text, (_, i) => text.subarray(i, i + 1));
    const recs = await collect('-', { stdin: Readable.from(chunks) });
    expect(recs[0].a!.text).toBe('né');
    expect(recs[0].b!.text).toBe('日本');
  });

  it('throws for a missing pairs file or a directory', async () => {
    const missing = await caught(() => collect(join(dir, 'nope.jsonl')));
    expect(missing.code).toBe('INPUT_NOT_FOUND');
    expect(missing.message).toContain('no such file');
    const folder = await caught(() => collect(dir));
    expect(folder.code).toBe('INPUT_NOT_FOUND');
    expect(folder.message).toContain('is a directory');
  });

  it('yields nothing for an empty file', async () => {
    const path = join(dir, 'empty.jsonl');
    writeFileSync(path, '\n\n');
    expect(await collect(path)).toEqual([]);
  });
});
