import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode.js';
import { caught } from './helpers.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let o = 0;
  if (bom) {
    out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff], 0);
    o = 2;
  }
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    const [first, second] = endian === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff];
    out[o + 2 * i] = first;
    out[o + 2 * i + 1] = second;
  }
  return out;
}

describe('decodeText', () => {
  it('decodes plain UTF-8 unchanged', () => {
    const text = 'BERLIN: Talks resumed on Thursday.\n\nBoth sides met at 10 a.m.';
    expect(decodeText(utf8(text), 'a.txt')).toBe(text);
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Hello')]), 'a.txt')).toBe('Hello');
  });

  it('keeps right-to-left and CJK text intact, including direction marks and joiners', () => {
    const text = 'مرحبا بالعالم\u200f\nשלום עולם\n你好，世界。\nこんにちは\n👩\u200d💻 café';
    expect(decodeText(utf8(text), 'a.txt')).toBe(text);
  });

  it('accepts an article with no punctuation', () => {
    const text = 'the council met today and agreed the budget there was no vote';
    expect(decodeText(utf8(text), 'a.txt')).toBe(text);
  });

  it('decodes UTF-16 LE and BE when a BOM says so', () => {
    const text = 'Talks resumed 会谈恢复 المحادثات 😀';
    expect(decodeText(utf16(text, 'le'), 'a.txt')).toBe(text);
    expect(decodeText(utf16(text, 'be'), 'a.txt')).toBe(text);
  });

  it('rejects UTF-16 with an unpaired surrogate as INPUT_ENCODING', async () => {
    const bytes = utf16('ab\ud800c', 'le');
    const err = await caught(() => decodeText(bytes, 'u16.txt'));
    expect(err.code).toBe('INPUT_ENCODING');
    expect(err.source).toBe('u16.txt');
    expect(err.message).toContain('UTF-16 LE');
    expect(err.message).toContain('byte offset 6');
  });

  it('rejects empty input and whitespace-only input as INPUT_EMPTY', async () => {
    for (const bytes of [
      new Uint8Array(0),
      utf8('   \n\t\r\n  '),
      utf8('\u00a0\u3000'),
      new Uint8Array([0xef, 0xbb, 0xbf]),
    ]) {
      const err = await caught(() => decodeText(bytes, 'blank.txt'));
      expect(err.code).toBe('INPUT_EMPTY');
      expect(err.message).toMatch(/^blank\.txt: /);
    }
  });

  it('rejects NUL bytes as INPUT_BINARY with the offset', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    const err = await caught(() => decodeText(bytes, 'image.png'));
    expect(err.code).toBe('INPUT_BINARY');
    expect(err.message).toBe('image.png: the input contains a NUL byte at offset 8');
  });

  it('rejects a NUL past the first 8 KiB too', async () => {
    const bytes = utf8(`${'a'.repeat(10_000)}\u0000b`);
    const err = await caught(() => decodeText(bytes, 'late.txt'));
    expect(err.code).toBe('INPUT_BINARY');
    expect(err.message).toContain('character 10000');
  });

  it('rejects text that is mostly control characters as INPUT_BINARY', async () => {
    const bytes = new Uint8Array(1000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 4 === 0 ? 0x01 : 0x41;
    const err = await caught(() => decodeText(bytes, 'blob.bin'));
    expect(err.code).toBe('INPUT_BINARY');
    expect(err.message).toContain('25% of the first 1000 bytes');
  });

  it('allows tabs, form feeds and CRLF line ends', () => {
    const text = 'col1\tcol2\r\n\fnext page\r\n';
    expect(decodeText(utf8(text), 'a.txt')).toBe(text);
  });

  it('hints at iconv for UTF-16 without a BOM', async () => {
    const err = await caught(() => decodeText(utf16('Plain text here', 'le', false), 'nobom.txt'));
    expect(err.code).toBe('INPUT_BINARY');
    expect(err.message).toContain('UTF-16 without a byte-order mark');
  });

  it('reports the byte offset and line of invalid UTF-8, with a Windows-1252 hint', async () => {
    // "Caf\xe9" in Windows-1252 on the second line.
    const bytes = new Uint8Array([
      ...utf8('Menu\nCaf'),
      0xe9,
      ...utf8(' au lait and cr'),
      0xe8,
      ...utf8('me'),
    ]);
    const err = await caught(() => decodeText(bytes, 'menu.txt'));
    expect(err.code).toBe('INPUT_ENCODING');
    expect(err.source).toBe('menu.txt');
    expect(err.message).toContain('byte offset 8 (line 2: 0xe9');
    expect(err.message).toContain('iconv -f windows-1252 -t utf-8');
  });

  it('counts the offset from the start of the file when a BOM was stripped', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff, 0x42]);
    const err = await caught(() => decodeText(bytes, 'bom.txt'));
    expect(err.message).toContain('byte offset 4');
  });

  it('detects truncated and overlong sequences at the right offset', async () => {
    const valid = utf8('ok é ');
    const truncated = new Uint8Array([...valid, 0xe2, 0x82]); // a cut-off euro sign
    expect((await caught(() => decodeText(truncated, 't'))).message).toContain(`byte offset ${valid.length}`);
    const overlong = new Uint8Array([...valid, 0xc0, 0xaf]);
    expect((await caught(() => decodeText(overlong, 't'))).message).toContain(`byte offset ${valid.length}`);
    const surrogate = new Uint8Array([...valid, 0xed, 0xa0, 0x80]);
    expect((await caught(() => decodeText(surrogate, 't'))).message).toContain(`byte offset ${valid.length}`);
  });

  it('suggests a CJK legacy encoding for double-byte text', async () => {
    // "日本語" in Shift_JIS.
    const bytes = new Uint8Array([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]);
    const err = await caught(() => decodeText(bytes, 'sjis.txt'));
    expect(err.code).toBe('INPUT_ENCODING');
    expect(err.message).toContain('Shift_JIS');
  });

  it('decodes a declared legacy encoding when asked to', () => {
    const bytes = new Uint8Array([...utf8('Caf'), 0xe9]);
    expect(decodeText(bytes, 'page.html', { encoding: 'windows-1252' })).toBe('Café');
    expect(decodeText(bytes, 'page.html', { encoding: 'ISO-8859-1' })).toBe('Café');
    // 0x80-0x9f are where Windows-1252 differs from Latin-1: curly quotes, the euro sign.
    const quotes = new Uint8Array([0x93, 0x41, 0x94, 0x20, 0x80, 0x35, 0x97]);
    expect(decodeText(quotes, 'page.html', { encoding: 'windows-1252' })).toBe('“A” €5—');
    // A BOM beats the declaration, as in browsers.
    expect(
      decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('é')]), 'p', { encoding: 'windows-1252' }),
    ).toBe('é');
  });
});
