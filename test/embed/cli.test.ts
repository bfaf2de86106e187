import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin/storydiff');
const WIRE = join(ROOT, 'test/fixtures/stories/port-wire.txt');
const RETOLD = join(ROOT, 'test/fixtures/stories/port-retold.txt');

beforeAll(() => {
  // bin/storydiff loads dist/.
  ensureBuilt();
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, STORYDIFF_CACHE_DIR: mkdtempSync(join(tmpdir(), 'storydiff-cache-')) },
  });

describe('storydiff compare --encoder', () => {
  it('records the static encoder in the JSON output', () => {
    const r = run('compare', WIRE, RETOLD, '--lang', 'en', '--encoder', 'static', '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).encoder).toMatch(/^static:use-lite-static-en-256@[0-9a-f]{12}$/);
  });

  it('uses the static table by default for English, and lexical when asked', () => {
    const r = run('compare', WIRE, RETOLD, '--lang', 'en', '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).encoder).toMatch(/^static:use-lite-static-en-256@/);
    const lex = run('compare', WIRE, RETOLD, '--lang', 'en', '--format', 'json', '--encoder', 'lexical');
    expect(JSON.parse(lex.stdout).encoder).toBe('lexical');
  });

  it('--offline refuses a hub model that is not cached, with exit code 69 and how to provide it', () => {
    const r = run('compare', WIRE, RETOLD, '--encoder', 'hf:Xenova/multilingual-e5-small', '--offline');
    expect(r.status).toBe(69);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /Xenova\/multilingual-e5-small is not in the model cache .* offline mode forbids downloading it/,
    );
    expect(r.stderr).toContain('--encoder hf:/path/to/model');
  });

  it('refuses an unknown encoder as a usage error', () => {
    const r = run('compare', WIRE, RETOLD, '--encoder', 'word2vec');
    expect(r.status).toBe(64);
    expect(r.stderr).toContain("unknown encoder 'word2vec'");
  });
});
