import { chmodSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, fsErrorToStorydiff, readSource } from '../../src/ingest/read.js';
import { caught, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('readSource: files', () => {
  it('reads a file and names it by the path given', async () => {
    const path = join(dir, 'story.txt');
    writeFileSync(path, 'Talks resumed.');
    const { bytes, source } = await readSource(path);
    expect(Buffer.from(bytes).toString('utf8')).toBe('Talks resumed.');
    expect(source).toBe(path);
  });

  it('reads an empty file as zero bytes (decoding reports it)', async () => {
    const path = join(dir, 'empty.txt');
    writeFileSync(path, '');
    expect((await readSource(path)).bytes.length).toBe(0);
  });

  it('reports a missing file as INPUT_NOT_FOUND', async () => {
    const path = join(dir, 'nope.txt');
    const err = await caught(() => readSource(path));
    expect(err.code).toBe('INPUT_NOT_FOUND');
    expect(err.source).toBe(path);
    expect(err.message).toBe(`${path}: no such file (ENOENT)`);
  });

  it('reports a missing folder in the path as no such file', async () => {
    const err = await caught(() => readSource(join(dir, 'story.txt', 'x.txt')));
    expect(err.code).toBe('INPUT_NOT_FOUND');
    expect(err.message).toContain('no such file');
  });

  it('reports a directory as INPUT_NOT_FOUND', async () => {
    const sub = join(dir, 'folder');
    mkdirSync(sub);
    const err = await caught(() => readSource(sub));
    expect(err.code).toBe('INPUT_NOT_FOUND');
    expect(err.message).toBe(`${sub}: is a directory, not a file`);
  });

  it.skipIf(process.getuid?.() === 0)(
    'reports an unreadable file as INPUT_NOT_FOUND with the reason',
    async () => {
      const path = join(dir, 'secret.txt');
      writeFileSync(path, 'x');
      chmodSync(path, 0o000);
      const err = await caught(() => readSource(path));
      expect(err.code).toBe('INPUT_NOT_FOUND');
      expect(err.message).toContain('permission denied');
    },
  );

  it('maps permission and other errors to INPUT_NOT_FOUND with the reason', () => {
    const eacces = Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: 'EACCES' });
    expect(fsErrorToStorydiff(eacces, 'x.txt').message).toBe('x.txt: permission denied (EACCES)');
    expect(fsErrorToStorydiff(eacces, 'x.txt').code).toBe('INPUT_NOT_FOUND');
    const eio = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    expect(fsErrorToStorydiff(eio, 'x.txt').message).toBe('x.txt: cannot read it: EIO: i/o error, read');
  });

  it('refuses a 50 MB file without reading it, naming size, limit and --max-bytes', async () => {
    const path = join(dir, 'huge.txt');
    // A sparse file: 50 MiB on paper, nothing on disk, so the test stays fast.
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const before = process.memoryUsage().arrayBuffers;
    const err = await caught(() => readSource(path));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10 * 1024 * 1024);
    expect(err.code).toBe('INPUT_TOO_LARGE');
    expect(err.source).toBe(path);
    expect(err.message).toContain('50 MiB (52428800 bytes)');
    expect(err.message).toContain('limit of 10 MiB');
    expect(err.message).toContain('--max-bytes');
  });

  it('honours maxBytes: exactly at the limit passes, one byte over fails', async () => {
    const path = join(dir, 'hundred.txt');
    writeFileSync(path, 'x'.repeat(100));
    expect((await readSource(path, { maxBytes: 100 })).bytes.length).toBe(100);
    const err = await caught(() => readSource(path, { maxBytes: 99 }));
    expect(err.code).toBe('INPUT_TOO_LARGE');
    expect(err.message).toContain('100 bytes');
    expect(err.message).toContain('limit of 99 bytes');
  });

  it('bounds endless devices too', async () => {
    if (!existsSync('/dev/zero')) return;
    const err = await caught(() => readSource('/dev/zero', { maxBytes: 100_000 }));
    expect(err.code).toBe('INPUT_TOO_LARGE');
  });

  it('rejects a bad maxBytes as USAGE', async () => {
    for (const maxBytes of [0, -1, 1.5, Number.NaN]) {
      expect((await caught(() => readSource('x', { maxBytes }))).code).toBe('USAGE');
    }
  });

  it('exports the default limit of 10 MiB', () => {
    expect(DEFAULT_MAX_BYTES).toBe(10 * 1024 * 1024);
  });
});

describe('readSource: stdin', () => {
  it('reads - from the given stream and names it stdin', async () => {
    const stdin = Readable.from([Buffer.from('first '), Buffer.from('second')]);
    const { bytes, source } = await readSource('-', { stdin });
    expect(Buffer.from(bytes).toString('utf8')).toBe('first second');
    expect(source).toBe('stdin');
  });

  it('keeps multi-byte characters split across chunks intact', async () => {
    const all = Buffer.from('日本語', 'utf8');
    const stdin = Readable.from([all.subarray(0, 4), all.subarray(4)]);
    expect(Buffer.from((await readSource('-', { stdin })).bytes).toString('utf8')).toBe('日本語');
  });

  it('accepts string chunks (a stream with an encoding set)', async () => {
    const stdin = Readable.from(['héllo ', 'wörld'], { objectMode: true });
    expect(Buffer.from((await readSource('-', { stdin })).bytes).toString('utf8')).toBe('héllo wörld');
  });

  it('stops reading an endless stream once it is over the limit', async () => {
    let pulled = 0;
    const stdin = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024, 0x61));
      },
    });
    const err = await caught(() => readSource('-', { stdin, maxBytes: 10 * 1024 }));
    expect(err.code).toBe('INPUT_TOO_LARGE');
    expect(err.source).toBe('stdin');
    expect(err.message).toContain('--max-bytes');
    expect(pulled).toBeLessThan(40);
    expect(stdin.destroyed).toBe(true);
  });

  it('reports a failing stream as INPUT_NOT_FOUND', async () => {
    const stdin = new Readable({
      read() {
        this.destroy(
          Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' }),
        );
      },
    });
    const err = await caught(() => readSource('-', { stdin }));
    expect(err.code).toBe('INPUT_NOT_FOUND');
    expect(err.message).toBe('stdin: is a directory, not a file (EISDIR)');
  });
});
