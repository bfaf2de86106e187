import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';
import { inlineHashes, pageCsp } from '../../src/server/csp.js';
import { bearerMatches, isJsonContentType } from '../../src/server/http.js';
import { isLoopback, resolveOptions, SERVER_DEFAULTS } from '../../src/server/index.js';
import { CompareRequestSchema, summariseIssues } from '../../src/server/schemas.js';
import { ResultStore } from '../../src/server/store.js';

describe('isLoopback', () => {
  it('accepts 127.0.0.0/8, ::1 in any spelling and localhost', () => {
    for (const h of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
      'localhost',
      'LOCALHOST',
    ]) {
      expect(isLoopback(h), h).toBe(true);
    }
  });
  it('refuses everything reachable from elsewhere', () => {
    for (const h of [
      '0.0.0.0',
      '::',
      '192.168.1.2',
      '10.0.0.1',
      '128.0.0.1',
      '::2',
      'fe80::1',
      'example.org',
      '127.0.0.1.nip.io',
    ]) {
      expect(isLoopback(h), h).toBe(false);
    }
  });
});

describe('resolveOptions', () => {
  it('fills in the documented defaults', () => {
    const o = resolveOptions();
    expect(o).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      maxBodyBytes: 2 * 1024 * 1024,
      maxArticleChars: 500_000,
      timeBudgetMs: 10_000,
      maxQueue: 16,
    });
    expect(o.token).toBeUndefined();
    expect(o.maxConcurrent).toBeGreaterThanOrEqual(1);
    expect(SERVER_DEFAULTS.maxResults).toBe(100);
  });
  it('refuses bad values with USAGE', () => {
    for (const bad of [
      { port: -1 },
      { port: 70000 },
      { port: 1.5 },
      { maxConcurrent: 0 },
      { maxBodyBytes: Number.NaN },
      { timeBudgetMs: 0 },
      { host: ' ' },
      { token: 'has space' },
    ]) {
      expect(() => resolveOptions(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'USAGE' }),
      );
    }
    expect(resolveOptions({ maxQueue: 0, port: 0 })).toMatchObject({ maxQueue: 0, port: 0 });
  });
  it('takes a corpus as a --db value or an open corpus, and a batch limit', () => {
    expect(resolveOptions().maxBatchArticles).toBe(1000);
    expect(resolveOptions().corpus).toBeUndefined();
    expect(resolveOptions({ corpus: 'news.db', maxBatchArticles: 5 })).toMatchObject({
      corpus: 'news.db',
      maxBatchArticles: 5,
    });
    for (const bad of [{ corpus: ' ' }, { corpus: {} as never }, { maxBatchArticles: 0 }]) {
      expect(() => resolveOptions(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'USAGE' }),
      );
    }
  });
  it('takes the comparison engine as the CLI does: static by default, a bad spec is USAGE', () => {
    expect(resolveOptions().engine).toEqual({ encoder: 'static', offline: false });
    expect(resolveOptions({ encoder: 'lexical', offline: true }).engine).toEqual({
      encoder: 'lexical',
      offline: true,
    });
    for (const encoder of ['word2vec', 'hf:', 'hf:x?pooling=max']) {
      expect(() => resolveOptions({ encoder }), encoder).toThrow(expect.objectContaining({ code: 'USAGE' }));
    }
  });
  it('needs a token off loopback', () => {
    expect(() => resolveOptions({ host: '0.0.0.0' })).toThrow(/without a token/);
    expect(() => resolveOptions({ host: '0.0.0.0', token: '' })).toThrow(/without a token/);
    expect(resolveOptions({ host: '0.0.0.0', token: 't0ken' }).token).toBe('t0ken');
  });
});

describe('the error catalogue', () => {
  it('has the HTTP codes the server uses, with their statuses', () => {
    expect(ERROR_CODES.UNAUTHORIZED.status).toBe(401);
    expect(ERROR_CODES.NOT_FOUND.status).toBe(404);
    expect(ERROR_CODES.METHOD_NOT_ALLOWED.status).toBe(405);
    expect(ERROR_CODES.UNSUPPORTED_MEDIA_TYPE.status).toBe(415);
    expect(ERROR_CODES.SERVER_BUSY.status).toBe(503);
    expect(ERROR_CODES.INPUT_TOO_LARGE.status).toBe(413);
    expect(ERROR_CODES.TIMEOUT.status).toBe(503);
    expect(ERROR_CODES.NO_CORPUS.status).toBe(404);
  });
});

describe('bearerMatches', () => {
  it('matches only the exact token in a Bearer header', () => {
    expect(bearerMatches('Bearer abc123', 'abc123')).toBe(true);
    expect(bearerMatches('bearer abc123', 'abc123')).toBe(true);
    expect(bearerMatches('Bearer abc1234', 'abc123')).toBe(false);
    expect(bearerMatches('Bearer abc12', 'abc123')).toBe(false);
    expect(bearerMatches('abc123', 'abc123')).toBe(false);
    expect(bearerMatches('Basic abc123', 'abc123')).toBe(false);
    expect(bearerMatches('Bearer ', 'abc123')).toBe(false);
    expect(bearerMatches(undefined, 'abc123')).toBe(false);
  });
});

describe('isJsonContentType', () => {
  it('accepts JSON in UTF-8 only', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/json; charset="UTF-8"')).toBe(true);
    expect(isJsonContentType('application/json; charset=latin1')).toBe(false);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType('application/jsonx')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});

describe('inlineHashes and pageCsp', () => {
  it('hashes inline scripts and styles but not data blocks or external scripts', () => {
    const h = inlineHashes(
      '<style>p{}</style><script>go()</script><script type="application/json">{"a":1}</script><script src="x.js"></script>',
    );
    expect(h.scripts).toHaveLength(1);
    expect(h.styles).toHaveLength(1);
    const csp = pageCsp(h);
    expect(csp).toContain(`script-src ${h.scripts[0]};`);
    expect(pageCsp({ scripts: [], styles: [] })).toContain("script-src 'none'");
  });
});

describe('summariseIssues', () => {
  it('names fields by path and caps the list', () => {
    const body = {
      a: { text: 'x', html: 'y' },
      b: { text: 1 },
      extra: 1,
      options: { align: { minSim: -1 } },
    };
    const r = CompareRequestSchema.safeParse(body);
    expect(r.success).toBe(false);
    if (!r.success) {
      const msg = summariseIssues(r.error.issues, body);
      expect(msg).toMatch(/a: give either text or html, not both/);
      expect(msg).toMatch(/b\.text: must be a string/);
      expect(msg).toMatch(/body: unknown field "extra"/);
      expect(msg).toMatch(/options\.align\.minSim: must be at least 0/);
    }
  });
});

describe('ResultStore', () => {
  const report = (n: number) => ({ json: `{"n":${n}}`, html: `<p>${n}</p>`, csp: "default-src 'none'" });

  it('keeps at most maxEntries, evicting the least recently used', () => {
    const store = new ResultStore({ ttlMs: 60_000, maxEntries: 2, maxBytes: 1e9 });
    const a = store.put(report(1));
    const b = store.put(report(2));
    expect(store.get(a)).toBeDefined(); // a is now more recent than b
    const c = store.put(report(3));
    expect(store.get(b)).toBeUndefined();
    expect(store.get(a)?.json).toBe('{"n":1}');
    expect(store.get(c)).toBeDefined();
    expect(store.size).toBe(2);
  });

  it('forgets entries after their time to live', () => {
    let now = 1000;
    const store = new ResultStore({ ttlMs: 500, maxEntries: 10, maxBytes: 1e9, now: () => now });
    const id = store.put(report(1));
    now += 499;
    expect(store.get(id)).toBeDefined();
    now += 1;
    expect(store.get(id)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('stays within maxBytes but always keeps the newest report', () => {
    const store = new ResultStore({ ttlMs: 60_000, maxEntries: 10, maxBytes: 100 });
    const a = store.put(report(1));
    const big = store.put({ json: 'x'.repeat(500), html: '', csp: '' });
    expect(store.get(a)).toBeUndefined();
    expect(store.get(big)).toBeDefined();
  });

  it('makes unguessable URL-safe ids', () => {
    const store = new ResultStore({ ttlMs: 60_000, maxEntries: 10, maxBytes: 1e9 });
    const ids = new Set(Array.from({ length: 5 }, (_, i) => store.put(report(i))));
    expect(ids.size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('loopback without a token', () => {
  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { createServer } = await import('../../src/server/app.js');
    const app = createServer({ host: '127.0.0.1' });
    const bad = await app.request('/api/v1/health', { headers: { host: 'attacker.example:8080' } });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.code).toBe('UNAUTHORIZED');
    const ok = await app.request('/api/v1/health', { headers: { host: '127.0.0.1:8080' } });
    expect(ok.status).toBe(200);
    const local = await app.request('/api/v1/health', { headers: { host: 'localhost:8080' } });
    expect(local.status).toBe(200);
  });
});
