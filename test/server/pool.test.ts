import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/server/pool.js';
import { SMALL_A, SMALL_B, slowArticle } from './helpers.js';

const job = (a: string, b: string) => ({
  kind: 'compare' as const,
  a: { text: a },
  b: { text: b },
  maxChars: 1e6,
});

describe('WorkerPool', () => {
  it('turns a worker that runs out of memory into RESOURCE_UNAVAILABLE and goes on', async () => {
    const pool = new WorkerPool({ size: 1, maxQueue: 1, timeBudgetMs: 60_000, memoryMb: 96 });
    try {
      await expect(pool.run(job(slowArticle(1, 1500), slowArticle(2, 1500)))).rejects.toMatchObject({
        code: 'RESOURCE_UNAVAILABLE',
        message: expect.stringMatching(/memory/),
      });
      expect(pool.stats()).toMatchObject({ active: 0, queued: 0 });
      const { json } = await pool.run(job(SMALL_A, SMALL_B));
      expect(JSON.parse(json).schema).toBe('storydiff/comparison@1');
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('runs queued jobs in turn and refuses them all on close', async () => {
    const pool = new WorkerPool({ size: 1, maxQueue: 2, timeBudgetMs: 60_000 });
    const first = pool.run(job(SMALL_A, SMALL_B));
    const second = pool.run(job(SMALL_B, SMALL_A));
    const third = pool.run(job(SMALL_A, SMALL_A));
    await expect(pool.run(job(SMALL_A, SMALL_B))).rejects.toMatchObject({ code: 'SERVER_BUSY' });
    expect(pool.stats()).toMatchObject({ active: 1, queued: 2 });
    await Promise.all([first, second]);
    const late = pool.run(job(SMALL_A, SMALL_B));
    // Attach the handlers first: close() rejects these while it waits for the workers to stop.
    const settled = Promise.allSettled([third, late]);
    await pool.close();
    const [, lateResult] = await settled;
    expect(lateResult).toMatchObject({ status: 'rejected', reason: { code: 'SERVER_BUSY' } });
    await expect(pool.run(job(SMALL_A, SMALL_B))).rejects.toMatchObject({ code: 'SERVER_BUSY' });
    expect(pool.stats()).toMatchObject({ active: 0, queued: 0, workers: 0 });
  }, 60_000);

  it('drops a waiting job when its client goes away', async () => {
    const pool = new WorkerPool({ size: 1, maxQueue: 1, timeBudgetMs: 60_000 });
    try {
      const running = pool.run(job(SMALL_A, SMALL_B));
      const ctrl = new AbortController();
      const waiting = pool.run(job(SMALL_A, SMALL_B), ctrl.signal);
      expect(pool.stats().queued).toBe(1);
      ctrl.abort();
      await expect(waiting).rejects.toBeDefined();
      expect(pool.stats().queued).toBe(0);
      await running;
    } finally {
      await pool.close();
    }
  }, 60_000);
});
