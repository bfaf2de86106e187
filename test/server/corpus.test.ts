/**
 * The corpus endpoints of `storydiff serve` (`/api/v1/corpus/*`) on a SQLite store and, when
 * `STORYDIFF_TEST_DATABASE_URL` is set (as in `.ci/run`), on a PostgreSQL store: the same requests,
 * the same answers, and the same JSON as the CLI.
 */

import { writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Corpus, openCorpus } from '../../src/corpus/corpus.js';
import {
  CorpusAddRequestSchema,
  CorpusClusterRequestSchema,
  CorpusSearchRequestSchema,
} from '../../src/server/corpus-schemas.js';
import { createServer, type RunningServer, startServer } from '../../src/server/index.js';
import { ensureBuilt } from '../helpers/build.js';
import { run } from '../helpers/cli.js';
import { newsroomArticles, STORE_KINDS, type TestCorpusDb, testCorpusDb } from './corpus-db.js';
import { expectError, expectSecurityHeaders, post } from './helpers.js';

const ARTICLES = newsroomArticles();
const byId = (id: string) => ARTICLES.find((a) => a.id === id) as Record<string, string>;

// biome-ignore lint/suspicious/noExplicitAny: answers are checked against their schemas, then read freely
type Json = Record<string, any>;
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

/** Validators for the answers, compiled from the server's own OpenAPI document. */
async function answerSchemas(api: string): Promise<(name: string, value: unknown) => string> {
  const doc = (await (await fetch(`${api}/openapi.json`)).json()) as {
    components: { schemas: Record<string, object> };
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  return (name, value) => {
    const check = ajv.compile(doc.components.schemas[name]);
    return check(value) ? '' : JSON.stringify(check.errors);
  };
}

describe.each(STORE_KINDS)('corpus API on %s', (kind) => {
  let store: TestCorpusDb;
  let server: RunningServer;
  let api = '';
  let corpus = '';
  const log: string[] = [];
  let problems: (name: string, value: unknown) => string;

  beforeAll(async () => {
    store = await testCorpusDb(kind);
    server = await startServer({
      port: 0,
      corpus: store.db,
      maxBatchArticles: 20,
      maxBodyBytes: 256 * 1024,
      maxArticleChars: 50_000,
      log: (line) => log.push(line),
    });
    api = `${server.url}api/v1`;
    corpus = `${api}/corpus`;
    problems = await answerSchemas(api);
  });
  afterAll(async () => {
    await server?.close();
    await store?.cleanup();
  });

  it('adds a batch; a bad article fails alone, with its place and a catalogue code', async () => {
    const res = await post(`${corpus}/articles`, {
      articles: [
        ...ARTICLES,
        { id: 'no-text', title: 'nothing here' },
        { id: 'typo', text: 'Talks resumed on Thursday in Kalder.', titel: 'Talks' },
        { id: 'bad-date', text: 'The harbour reopened on Friday.', published: 'last Tuesday-ish' },
        { id: 'blank', text: '   ' },
        { id: 'too-long', text: 'word '.repeat(12_000) },
        'not an object',
      ],
    });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    const body = (await res.json()) as Json;
    expect(problems('CorpusAddResult', body)).toBe('');
    expect(body).toMatchObject({
      schema: 'storydiff/corpus-add@1',
      added: 10,
      updated: 0,
      unchanged: 0,
      duplicates: 0,
      failed: 6,
    });
    expect(body.outcomes.map((o: Json) => o.index)).toEqual([...Array(16).keys()]);
    expect(body.outcomes[0]).toEqual({ index: 0, status: 'added', id: 'bridge-wire' });
    const failed = Object.fromEntries(
      body.outcomes
        .slice(10)
        .map((o: Json) => [o.id ?? o.index, [o.error.code, o.error.source, o.error.message]]),
    );
    expect(failed['no-text'].slice(0, 2)).toEqual(['INPUT_INVALID', 'articles[10]']);
    expect(failed.typo[2]).toMatch(/unknown field "titel"/);
    expect(failed['bad-date'][2]).toMatch(/published: not a usable date/);
    expect(failed.blank[0]).toBe('INPUT_EMPTY');
    expect(failed['too-long'][0]).toBe('INPUT_TOO_LARGE');
    expect(failed[15].slice(0, 2)).toEqual(['INPUT_INVALID', 'articles[15]']);
  });

  it('is idempotent: the same again is unchanged, a new text under a known id is updated, the same text under another id a duplicate', async () => {
    const again = (await (await post(`${corpus}/articles`, { articles: ARTICLES })).json()) as Json;
    expect(again).toMatchObject({ added: 0, unchanged: 10, failed: 0 });
    const changed = { ...byId('cheese'), text: `${byId('cheese').text} The fair returns next year.` };
    const copy = { ...byId('mangroves'), id: 'mangroves-syndicated' };
    const r = (await (await post(`${corpus}/articles`, { articles: [changed, copy] })).json()) as Json;
    expect(r).toMatchObject({ updated: 1, duplicates: 1 });
    expect(r.outcomes).toEqual([
      { index: 0, status: 'updated', id: 'cheese' },
      { index: 1, status: 'duplicate', id: 'mangroves-syndicated', existing: 'mangroves' },
    ]);
  });

  it('reads an HTML article as index add reads a JSONL html field', async () => {
    const html =
      '<!doctype html><html lang="en"><head><title>Ferry service resumes</title>' +
      '<link rel="canonical" href="https://example.org/ferry?id=7"></head><body><article>' +
      '<p>The ferry between Arden Bay and Lorne resumed on Monday after a week of storms.</p>' +
      '<p>The operator said all crossings would run on time.</p></article></body></html>';
    const r = (await (await post(`${corpus}/articles`, { articles: [{ html }] })).json()) as Json;
    // No id given: the canonical URL becomes the id, as in `storydiff index add`.
    expect(r.outcomes[0]).toEqual({ index: 0, status: 'added', id: 'https://example.org/ferry?id=7' });
    const search = (await (
      await post(`${corpus}/search`, { id: 'https://example.org/ferry?id=7', options: { rescore: 0 } })
    ).json()) as Json;
    expect(search.query).toMatchObject({
      id: 'https://example.org/ferry?id=7',
      title: 'Ferry service resumes',
    });
    // Ids are often URLs: percent-encoded in the path, they come back whole.
    const del = await fetch(`${corpus}/articles/${encodeURIComponent('https://example.org/ferry?id=7')}`, {
      method: 'DELETE',
    });
    expect(await del.json()).toEqual({ id: 'https://example.org/ferry?id=7', removed: true });
  });

  it('searches by id: the copy and the rewrite of the wire story, explained', async () => {
    const res = await post(`${corpus}/search`, { id: 'bridge-wire', options: { rescore: 2 } });
    expect(res.status).toBe(200);
    const r = (await res.json()) as Json;
    expect(problems('SearchResult', r)).toBe('');
    expect(r.schema).toBe('storydiff/search@1');
    expect(r.query).toMatchObject({ id: 'bridge-wire', title: byId('bridge-wire').title });
    expect(ids(r.hits)).toEqual(expect.arrayContaining(['bridge-copy', 'bridge-rewrite']));
    expect(ids(r.hits)).not.toContain('bridge-wire');
    expect(ids(r.hits)).not.toContain('cheese');
    expect(r.hits[0]).toMatchObject({ id: 'bridge-copy', kind: 'near-duplicate' });
    expect(r.hits[0].relation).toBeDefined();
    expect(r.hits.filter((h: Json) => h.relation !== undefined)).toHaveLength(Math.min(2, r.hits.length));
  });

  it('searches by text: the stored article itself is not its own hit; options narrow the search', async () => {
    const wire = byId('bridge-wire');
    const body = { text: wire.text, title: wire.title, published: wire.published };
    const r = (await (await post(`${corpus}/search`, { ...body, options: { rescore: 0 } })).json()) as Json;
    expect(ids(r.hits)).toContain('bridge-copy');
    expect(ids(r.hits)).not.toContain('bridge-wire');
    expect(r.hits.every((h: Json) => h.relation === undefined)).toBe(true);
    const one = (await (
      await post(`${corpus}/search`, { ...body, options: { limit: 1, rescore: 0, windowDays: null } })
    ).json()) as Json;
    expect(ids(one.hits)).toEqual(['bridge-copy']);
    const strict = (await (
      await post(`${corpus}/search`, { ...body, options: { minScore: 0.9, rescore: 0 } })
    ).json()) as Json;
    expect(strict.hits.every((h: Json) => h.score >= 0.9)).toBe(true);
    // since/until bound the same-story channel only; near-duplicates (LSH) are found at any time.
    const all = (await (await post(`${corpus}/search`, { ...body, options: { rescore: 0 } })).json()) as Json;
    expect(all.hits.find((h: Json) => h.id === 'bridge-rewrite')?.channels).toEqual(['terms']);
    const early = (await (
      await post(`${corpus}/search`, { ...body, options: { until: '2025-04-08T08:00:00Z', rescore: 0 } })
    ).json()) as Json;
    expect(ids(early.hits)).toContain('bridge-copy');
    expect(ids(early.hits)).not.toContain('bridge-rewrite');
  });

  it('refuses bad searches with catalogue errors', async () => {
    expect(await expectError(await post(`${corpus}/search`, { id: 'nope' }), 404, 'NOT_FOUND')).toMatch(
      /"nope"/,
    );
    const bad = async (body: unknown, pattern: RegExp) =>
      expect(await expectError(await post(`${corpus}/search`, body), 400, 'INPUT_INVALID')).toMatch(pattern);
    await bad({}, /give text or html to look for, or the id/);
    await bad({ id: 'bridge-wire', title: 'x' }, /title only go with text or html/);
    await bad({ text: 'a', html: '<p>a</p>' }, /either text or html, not both/);
    await bad({ id: 'bridge-wire', options: { limit: 1000 } }, /options\.limit: must be at most 100/);
    await bad({ id: 'bridge-wire', options: { rescore: -1 } }, /options\.rescore/);
    await bad({ id: 'bridge-wire', options: { since: 'the other day' } }, /options\.since: not a date/);
    await bad({ id: 'bridge-wire', options: { windowDays: '14' } }, /options\.windowDays/);
    await bad({ id: 'bridge-wire', option: {} }, /unknown field "option"/);
    await expectError(await post(`${corpus}/search`, { text: '  ' }), 400, 'INPUT_EMPTY');
    await expectError(await post(`${corpus}/search`, { text: 'x'.repeat(60_000) }), 413, 'INPUT_TOO_LARGE');
  });

  it('clusters the new articles into stories, incrementally', async () => {
    const res = await post(`${corpus}/cluster`, {});
    expect(res.status).toBe(200);
    const s = (await res.json()) as Json;
    expect(problems('StoriesResult', s)).toBe('');
    expect(s.schema).toBe('storydiff/stories@1');
    expect(s.run.clustered).toBeGreaterThanOrEqual(10);
    const bridge = s.stories.find((x: Json) => x.root === 'bridge-wire');
    expect(ids(bridge.versions)).toEqual(
      expect.arrayContaining(['bridge-wire', 'bridge-copy', 'bridge-rewrite']),
    );
    expect(s.stories.every((x: Json) => x.size >= 2)).toBe(true);
    // A second run has nothing new to place; since/until (ISO or ms) select the stories shown.
    const window = (await (
      await post(`${corpus}/cluster`, {
        since: '2025-11-01',
        until: Date.parse('2025-11-30T00:00:00Z'),
        minSize: 2,
      })
    ).json()) as Json;
    expect(window.run.clustered).toBe(0);
    expect(window.window).toEqual({ since: '2025-11-01T00:00:00.000Z', until: '2025-11-30T00:00:00.000Z' });
    expect(window.stories.map((x: Json) => x.root)).toEqual(['rates-wire']);
    const one = (await (await post(`${corpus}/cluster`, { limit: 1 })).json()) as Json;
    expect(one.stories).toHaveLength(1);
    expect(one.omitted).toBe(s.omitted + s.stories.length - 1);
    await expectError(await post(`${corpus}/cluster`, { since: 'soonish' }), 400, 'INPUT_INVALID');
    await expectError(await post(`${corpus}/cluster`, { threshold: 0.5 }), 400, 'INPUT_INVALID');
    await expectError(await post(`${corpus}/cluster`, { limit: 0 }), 400, 'INPUT_INVALID');
  });

  it('gives the same JSON as the CLI for search, cluster and stats', async () => {
    ensureBuilt();
    const cli = async (args: string[]) => {
      const r = await run([...args, '--db', store.db]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Json;
    };
    const apiSearch = (await (await post(`${corpus}/search`, { id: 'bridge-wire' })).json()) as Json;
    const cliSearch = await cli(['search', 'bridge-wire', '--format', 'json']);
    // Timings are the only fields that vary from run to run.
    const { timing: _a, ...a } = apiSearch;
    const { timing: _b, ...b } = cliSearch;
    expect(a).toEqual(b);
    const apiStories = (await (await post(`${corpus}/cluster`, {})).json()) as Json;
    const cliStories = await cli(['cluster', '--format', 'json']);
    expect(apiStories.stories).toEqual(cliStories.stories);
    expect(apiStories.schema).toBe(cliStories.schema);
    const apiStats = (await (await fetch(`${corpus}/stats`)).json()) as Json;
    const cliStats = await cli(['stats', '--json']);
    const { bytes: _c, ...sa } = apiStats;
    const { bytes: _d, ...sb } = cliStats;
    expect(sa).toEqual(sb);
  }, 120_000);

  it('reports stats, removes articles, and answers 404 for one not stored', async () => {
    const res = await fetch(`${corpus}/stats`);
    expect(res.status).toBe(200);
    const stats = (await res.json()) as Json;
    expect(problems('StatsResult', stats)).toBe('');
    expect(stats).toMatchObject({ schema: 'storydiff/stats@1', kind, articles: 10 });
    expect((await fetch(`${corpus}/stats`, { method: 'HEAD' })).status).toBe(200);
    const del = await fetch(`${corpus}/articles/cheese`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ id: 'cheese', removed: true });
    await expectError(await fetch(`${corpus}/articles/cheese`, { method: 'DELETE' }), 404, 'NOT_FOUND');
    expect(((await (await fetch(`${corpus}/stats`)).json()) as Json).articles).toBe(9);
    await expectError(
      await fetch(`${corpus}/articles/${'x'.repeat(1001)}`, { method: 'DELETE' }),
      400,
      'INPUT_INVALID',
    );
  });

  it('refuses requests over the limits and malformed bodies', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: `m${i}`, text: `Short article number ${i}.` }));
    expect(
      await expectError(await post(`${corpus}/articles`, { articles: many }), 413, 'INPUT_TOO_LARGE'),
    ).toMatch(/21 articles, over the server's limit of 20/);
    // Over maxBodyBytes: refused on Content-Length, before the body is read.
    const big = await post(`${corpus}/articles`, { articles: [{ id: 'x', text: 'y'.repeat(300 * 1024) }] });
    expect(await expectError(big, 413, 'INPUT_TOO_LARGE')).toMatch(/256 KiB/);
    await expectError(await post(`${corpus}/articles`, '{"articles": ['), 400, 'INPUT_INVALID');
    await expectError(await post(`${corpus}/articles`, ''), 400, 'INPUT_INVALID');
    await expectError(await post(`${corpus}/articles`, { nope: 1 }), 400, 'INPUT_INVALID');
    await expectError(await post(`${corpus}/articles`, { articles: [] }), 400, 'INPUT_INVALID');
    await expectError(await post(`${corpus}/articles`, { articles: { id: 'a' } }), 400, 'INPUT_INVALID');
    await expectError(await post(`${corpus}/articles`, [ARTICLES[0]]), 400, 'INPUT_INVALID');
    for (const path of ['articles', 'search', 'cluster']) {
      const wrongType = await fetch(`${corpus}/${path}`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'text/plain' },
      });
      await expectError(wrongType, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    const latin1 = await fetch(`${corpus}/search`, {
      method: 'POST',
      body: Buffer.from('{"text": "caf\xe9"}', 'latin1'),
      headers: { 'content-type': 'application/json' },
    });
    await expectError(latin1, 415, 'INPUT_ENCODING');
    await expectError(await fetch(`${corpus}/search`), 405, 'METHOD_NOT_ALLOWED');
    const get = await fetch(`${corpus}/articles/bridge-wire`);
    expect(get.headers.get('allow')).toBe('DELETE');
    await expectError(get, 405, 'METHOD_NOT_ALLOWED');
    await expectError(await post(`${corpus}/stats`, {}), 405, 'METHOD_NOT_ALLOWED');
    await expectError(await fetch(`${corpus}/nothing-here`), 404, 'NOT_FOUND');
    expect(log.filter((l) => /internal error/.test(l))).toEqual([]);
  });
});

describe('corpus API: the OpenAPI document', () => {
  it('describes the corpus requests with the zod schemas that validate them', async () => {
    const app = createServer({ maxConcurrent: 1 });
    try {
      const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Json;
      const expected = (s: z.ZodType) => {
        const { $schema: _, ...rest } = z.toJSONSchema(s, { io: 'input' });
        return rest;
      };
      expect(doc.components.schemas.CorpusAddRequest).toEqual(expected(CorpusAddRequestSchema));
      expect(doc.components.schemas.CorpusSearchRequest).toEqual(expected(CorpusSearchRequestSchema));
      expect(doc.components.schemas.CorpusClusterRequest).toEqual(expected(CorpusClusterRequestSchema));
      expect(doc.paths['/corpus/articles'].post.responses['404'].description).toMatch(/NO_CORPUS/);
      const ajv = new Ajv2020({ strict: false });
      const add = ajv.compile(doc.components.schemas.CorpusAddRequest);
      expect(add({ articles: [{ text: 'x', id: 'a', published: '2025-04-08' }] })).toBe(true);
      expect(add({ articles: [{ text: 'x', html: '<p>x</p>' }] })).toBe(false);
      expect(add({ articles: [] })).toBe(false);
      const search = ajv.compile(doc.components.schemas.CorpusSearchRequest);
      expect(search({ id: 'a', options: { limit: 5 } })).toBe(true);
      expect(search({ options: { limit: 5 } })).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe('corpus API: an open corpus given by the caller', () => {
  let store: TestCorpusDb;
  let opened: Corpus;
  beforeAll(async () => {
    store = await testCorpusDb();
    opened = await openCorpus({ db: store.db });
    await opened.addBatch(ARTICLES.map((a) => ({ ...a }) as { text: string }));
  });
  afterAll(async () => {
    await opened?.close();
    await store?.cleanup();
  });

  it('serves it, runs one cluster at a time (503 SERVER_BUSY with Retry-After), and leaves it open on close', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The caller's corpus, with a cluster run held open until the test lets it go.
    const held: Corpus = {
      store: opened.store,
      settings: opened.settings,
      addBatch: (inputs) => opened.addBatch(inputs),
      add: (inputs, opts) => opened.add(inputs, opts),
      remove: (list) => opened.remove(list),
      search: (q, opts) => opened.search(q, opts),
      cluster: async (run) => {
        await gate;
        return opened.cluster(run);
      },
      stats: () => opened.stats(),
      close: () => opened.close(),
    };
    const app = createServer({ corpus: held, maxConcurrent: 1 });
    const cluster = () =>
      app.request('/api/v1/corpus/cluster', {
        method: 'POST',
        body: '{}',
        headers: { 'Content-Type': 'application/json' },
      });
    const first = cluster();
    await new Promise((r) => setTimeout(r, 50));
    const second = await cluster();
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await expectError(second, 503, 'SERVER_BUSY')).toMatch(/cluster run is already in progress/);
    release();
    expect((await first).status).toBe(200);
    expect((await cluster()).status).toBe(200);
    await app.close();
    // Not the server's to close: the caller's corpus still works.
    expect((await opened.stats()).articles).toBe(10);
  });
});

describe('corpus API: no corpus, a token, a broken store', () => {
  it('answers 404 NO_CORPUS on every corpus endpoint when the server has none', async () => {
    const app = createServer({ maxConcurrent: 1 });
    try {
      const json = { 'Content-Type': 'application/json' };
      for (const [method, path, body] of [
        ['GET', 'stats', undefined],
        ['POST', 'articles', '{"articles":[{"text":"x"}]}'],
        ['DELETE', 'articles/bridge-wire', undefined],
        ['POST', 'search', '{"id":"bridge-wire"}'],
        ['POST', 'cluster', '{}'],
      ] as const) {
        const res = await app.request(`/api/v1/corpus/${path}`, { method, body, headers: json });
        expect(await expectError(res, 404, 'NO_CORPUS'), path).toMatch(/started without a corpus.*--db/);
      }
      expect(await app.corpus()).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('needs the bearer token like every other API route', async () => {
    const store = await testCorpusDb();
    const server = await startServer({ port: 0, token: 'sesame', corpus: store.db, maxConcurrent: 1 });
    try {
      const c = `${server.url}api/v1/corpus`;
      await expectError(await fetch(`${c}/stats`), 401, 'UNAUTHORIZED');
      await expectError(await post(`${c}/articles`, { articles: ARTICLES }), 401, 'UNAUTHORIZED');
      await expectError(
        await post(`${c}/search`, { id: 'x' }, { Authorization: 'Bearer wrong' }),
        401,
        'UNAUTHORIZED',
      );
      await expectError(await fetch(`${c}/articles/x`, { method: 'DELETE' }), 401, 'UNAUTHORIZED');
      const auth = { Authorization: 'Bearer sesame' };
      expect((await post(`${c}/articles`, { articles: ARTICLES.slice(0, 2) }, auth)).status).toBe(200);
      const ok = await fetch(`${c}/stats`, { headers: auth });
      expect(((await ok.json()) as Json).articles).toBe(2);
    } finally {
      await server.close();
      await store.cleanup();
    }
  });

  it('maps a store it cannot use to a catalogue error that names no path', async () => {
    const store = await testCorpusDb('sqlite');
    writeFileSync(
      store.db,
      'this is not a database, just text that happens to be long enough to look like a file',
    );
    try {
      // startServer opens the store first: a bad --db fails the start with the store's own code.
      await expect(startServer({ port: 0, corpus: store.db })).rejects.toMatchObject({
        code: 'INPUT_INVALID',
      });
      // createServer opens it on first use: the client gets a 503, the operator the details.
      const log: string[] = [];
      const app = createServer({ corpus: store.db, maxConcurrent: 1, log: (l) => log.push(l) });
      try {
        const res = await app.request('/api/v1/corpus/stats');
        const msg = await expectError(res, 503, 'RESOURCE_UNAVAILABLE');
        expect(msg).not.toContain(store.db);
        expect(log.join('\n')).toContain(store.db);
      } finally {
        await app.close();
      }
    } finally {
      await store.cleanup();
    }
  });
});
