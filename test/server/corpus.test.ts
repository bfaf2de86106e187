/**
 * The corpus endpoints of `storydiff serve`, against a SQLite store and (when
 * `STORYDIFF_TEST_DATABASE_URL` is set, as in `.ci/run`) a PostgreSQL store: the same requests,
 * the same answers.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { dropSchemas, freshSchema, PG_URL, pgUrl } from '../helpers/postgres.js';
import { expectError, post, ROOT } from './helpers.js';

const ARTICLES = readFileSync(join(ROOT, 'test/fixtures/newsroom/articles.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Where a test corpus lives: a temporary SQLite file, or a fresh PostgreSQL schema. */
interface Backend {
  name: string;
  db(): string;
  cleanup(): Promise<void>;
}

const dir = mkdtempSync(join(tmpdir(), 'storydiff-server-corpus-'));
const schemas: string[] = [];
const backends: Backend[] = [
  {
    name: 'sqlite',
    db: () => join(dir, `c-${Math.random().toString(36).slice(2)}.db`),
    cleanup: async () => {},
  },
];
if (PG_URL) {
  backends.push({
    name: 'postgres',
    db: () => {
      const s = freshSchema('srv');
      schemas.push(s);
      return pgUrl(s);
    },
    cleanup: () => dropSchemas(...schemas.splice(0)),
  });
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(backends)('corpus API on $name', (backend) => {
  let server: RunningServer;
  let api = '';
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      corpus: backend.db(),
      maxBatchArticles: 20,
      maxBodyBytes: 256 * 1024,
    });
    api = `${server.url}api/v1/corpus`;
  });
  afterAll(async () => {
    await server?.close();
    await backend.cleanup();
  });

  it('adds a batch; a bad article fails alone; adding again is idempotent', async () => {
    const bad = { id: 'no-text', title: 'nothing here' };
    const res = await post(`${api}/articles`, { articles: [...ARTICLES, bad] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ schema: 'storydiff/corpus-add@1', added: 10, failed: 1 });
    expect(body.outcomes[10]).toMatchObject({ index: 10, status: 'failed', id: 'no-text' });
    expect(body.outcomes[10].error.code).toMatch(/^INPUT_/);
    const again = await (await post(`${api}/articles`, { articles: ARTICLES })).json();
    expect(again).toMatchObject({ added: 0, unchanged: 10 });
    const dup = await (
      await post(`${api}/articles`, { articles: [{ ...ARTICLES[0], id: 'same-text-other-id' }] })
    ).json();
    expect(dup.outcomes[0]).toMatchObject({ status: 'duplicate', existing: ARTICLES[0].id });
  });

  it('searches by id and by text, as the CLI does', async () => {
    const byId = await post(`${api}/search`, { id: 'bridge-wire', options: { rescore: 1 } });
    expect(byId.status).toBe(200);
    const r = await byId.json();
    expect(r.schema).toBe('storydiff/search@1');
    const ids = r.hits.map((h: { id: string }) => h.id);
    expect(ids).toContain('bridge-copy');
    expect(ids).not.toContain('cheese');
    const wire = ARTICLES.find((a) => a.id === 'bridge-wire') as { text: string; published: string };
    const byText = await (
      await post(`${api}/search`, { text: wire.text, published: wire.published, options: { rescore: 0 } })
    ).json();
    expect(byText.hits.map((h: { id: string }) => h.id)).toContain('bridge-copy');
    await expectError(await post(`${api}/search`, { id: 'nope' }), 404, 'NOT_FOUND');
  });

  it('clusters into stories, stats and deletes', async () => {
    const res = await post(`${api}/cluster`, {});
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.schema).toBe('storydiff/stories@1');
    const bridge = s.stories.find((x: { versions: { id: string }[] }) =>
      x.versions.some((v) => v.id === 'bridge-wire'),
    );
    expect(bridge.versions.map((v: { id: string }) => v.id)).toEqual(
      expect.arrayContaining(['bridge-wire', 'bridge-copy']),
    );
    const stats = await (await fetch(`${api}/stats`)).json();
    expect(stats).toMatchObject({ schema: 'storydiff/stats@1', kind: backend.name, articles: 10 });
    const del = await fetch(`${api}/articles/cheese`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    await expectError(await fetch(`${api}/articles/cheese`, { method: 'DELETE' }), 404, 'NOT_FOUND');
    expect((await (await fetch(`${api}/stats`)).json()).articles).toBe(9);
  });

  it('refuses what breaks the limits and malformed bodies', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: `m${i}`, text: `Short article number ${i}.` }));
    await expectError(await post(`${api}/articles`, { articles: many }), 413, 'INPUT_TOO_LARGE');
    await expectError(await post(`${api}/articles`, '{"articles": ['), 400, 'INPUT_INVALID');
    await expectError(await post(`${api}/articles`, { nope: 1 }), 400, 'INPUT_INVALID');
    await expectError(
      await post(`${api}/articles`, { articles: [{ id: 'x', text: 'y'.repeat(300 * 1024) }] }),
      413,
      'INPUT_TOO_LARGE',
    );
    const wrongType = await fetch(`${api}/search`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    await expectError(wrongType, 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectError(await fetch(`${api}/search`), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('corpus API without a corpus, and with a token', () => {
  it('answers 404 NO_CORPUS when the server has no --db', async () => {
    const server = await startServer({ port: 0 });
    try {
      const msg = await expectError(await fetch(`${server.url}api/v1/corpus/stats`), 404, 'NO_CORPUS');
      expect(msg).toContain('--db');
    } finally {
      await server.close();
    }
  });

  it('needs the token like every other API route', async () => {
    const server = await startServer({ port: 0, token: 'sesame', corpus: join(dir, 'token.db') });
    try {
      await expectError(await fetch(`${server.url}api/v1/corpus/stats`), 401, 'UNAUTHORIZED');
      const ok = await fetch(`${server.url}api/v1/corpus/stats`, {
        headers: { Authorization: 'Bearer sesame' },
      });
      expect(ok.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
