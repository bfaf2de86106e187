import { describe, expect, it } from 'vitest';
import { createServer, startServer } from '../../src/server/index.js';
import { expectError, post, SMALL_A, SMALL_B, slowArticle } from './helpers.js';

describe('saturation', () => {
  it('turns requests away with 503 SERVER_BUSY and Retry-After when every slot is busy and the queue full', async () => {
    const server = await startServer({ port: 0, maxConcurrent: 1, maxQueue: 0 });
    try {
      const body = { a: { text: slowArticle(1) }, b: { text: slowArticle(2) } };
      const all = await Promise.all(
        Array.from({ length: 5 }, () => post(`${server.url}api/v1/compare`, body)),
      );
      const statuses = all.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
      const busy = all.filter((r) => r.status === 503 || r.status === 429);
      expect(busy).toHaveLength(4);
      for (const r of busy) {
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        await expectError(r, 503, 'SERVER_BUSY');
      }
      await Promise.all(all.filter((r) => r.status === 200).map((r) => r.text()));
      // Once the slot is free again, the next request is served.
      expect(
        (await post(`${server.url}api/v1/compare`, { a: { text: SMALL_A }, b: { text: SMALL_B } })).status,
      ).toBe(200);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('queues up to maxQueue requests and serves them in turn', async () => {
    const server = await startServer({ port: 0, maxConcurrent: 1, maxQueue: 3 });
    try {
      const body = { a: { text: SMALL_A }, b: { text: SMALL_B } };
      const all = await Promise.all(
        Array.from({ length: 4 }, () => post(`${server.url}api/v1/compare`, body)),
      );
      expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('time budget', () => {
  it('answers 503 TIMEOUT with Retry-After, replaces the worker and keeps serving', async () => {
    const server = await startServer({ port: 0, maxConcurrent: 1, timeBudgetMs: 1 });
    try {
      const started = Date.now();
      const res = await post(`${server.url}api/v1/compare`, {
        a: { text: slowArticle(3, 200) },
        b: { text: slowArticle(4, 200) },
      });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const msg = await expectError(res, 503, 'TIMEOUT');
      expect(msg).toMatch(/time budget/);
      expect(Date.now() - started).toBeLessThan(20_000);
      const health = await fetch(`${server.url}api/v1/health`);
      expect(health.status).toBe(200);
      // The overrunning worker is gone, a fresh one replaces it, and no job is left behind.
      expect(server.app.stats()).toMatchObject({ active: 0, queued: 0, workers: 1 });
      const again = await post(`${server.url}api/v1/compare`, {
        a: { text: slowArticle(5, 200) },
        b: { text: slowArticle(6, 200) },
      });
      await expectError(again, 503, 'TIMEOUT');
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('bearer token', () => {
  const TOKEN = 'correct-horse-battery-staple';

  it('guards /api/v1 except health when a token is set', async () => {
    const server = await startServer({ port: 0, maxConcurrent: 1, token: TOKEN });
    const api = `${server.url}api/v1`;
    const body = { a: { text: SMALL_A }, b: { text: SMALL_B } };
    try {
      const none = await post(`${api}/compare`, body);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await expectError(none, 401, 'UNAUTHORIZED')).toMatch(/Authorization: Bearer/);
      await expectError(
        await post(`${api}/compare`, body, { Authorization: 'Bearer wrong' }),
        401,
        'UNAUTHORIZED',
      );
      await expectError(
        await post(`${api}/compare`, body, { Authorization: `Bearer ${TOKEN}x` }),
        401,
        'UNAUTHORIZED',
      );
      await expectError(await post(`${api}/compare`, body, { Authorization: TOKEN }), 401, 'UNAUTHORIZED');
      await expectError(await fetch(`${api}/openapi.json`), 401, 'UNAUTHORIZED');
      await expectError(await post(`${api}/reports`, body), 401, 'UNAUTHORIZED');

      const health = await fetch(`${api}/health`);
      expect(health.status).toBe(200);

      const ok = await post(`${api}/compare`, body, { Authorization: `Bearer ${TOKEN}` });
      expect(ok.status).toBe(200);
      const doc = (await (
        await fetch(`${api}/openapi.json`, { headers: { Authorization: `bearer ${TOKEN}` } })
      ).json()) as {
        security: unknown[];
      };
      expect(doc.security).toEqual([{ bearer: [] }]);

      // The page says a token is needed; pages and reports themselves are not behind it.
      const page = await fetch(server.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/id="token"[^>]*required/);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('refuses a non-loopback address without a token (USAGE), and accepts one with a token', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'example.org']) {
      expect(() => createServer({ host })).toThrow(expect.objectContaining({ code: 'USAGE' }));
    }
    await expect(startServer({ host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'USAGE',
      exitCode: 64,
      message: expect.stringMatching(/without a token.*--token.*STORYDIFF_TOKEN/),
    });
    const open = await startServer({ host: '0.0.0.0', port: 0, token: TOKEN, maxConcurrent: 1 });
    try {
      const port = new URL(open.url).port;
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
      const res = await post(`http://127.0.0.1:${port}/api/v1/compare`, {});
      await expectError(res, 401, 'UNAUTHORIZED');
    } finally {
      await open.close();
    }
  });
});
