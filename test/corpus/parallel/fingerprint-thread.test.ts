import { afterEach, describe, expect, it } from 'vitest';
import { makeSettings } from '../../../src/corpus/fingerprint.js';
import {
  FingerprintThread,
  stopIdleFingerprintWorker,
} from '../../../src/corpus/parallel/fingerprint-thread.js';
import { fingerprintBatch } from '../../../src/corpus/record.js';
import type { CorpusInput } from '../../../src/corpus/types.js';

/** Invented inputs: plain, needing normalisation (CR, combining mark), empty, and not text. */
function inputs(n: number): CorpusInput[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 11 === 5) return { id: `e${i}`, text: '   ' };
    if (i % 13 === 7) return { id: `x${i}`, text: 42 as unknown as string };
    const cr = i % 3 === 0 ? '\r\n' : '\n';
    const accent = i % 4 === 0 ? 'Jose\u0301' : 'Jos\u00e9';
    return {
      id: `a${i}`,
      title: `Tram line ${i}`,
      text: `The council voted ${i} to 2 for the tram line.${cr}${accent} Ortega said work starts in ${2000 + i}.`,
      published: 1_700_000_000_000 + i * 60_000,
      lang: 'en',
    };
  });
}

/** Slots as plain data (typed arrays as arrays), to compare across threads. */
function plain(slots: unknown[]): unknown {
  return JSON.parse(
    JSON.stringify(slots, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)),
  );
}

const settings = makeSettings();

/** Runs `f` with a fingerprint thread of `chunk` inputs a chunk, and closes the thread after. */
async function withThread(chunk: number, f: (thread: FingerprintThread) => Promise<void>): Promise<void> {
  const thread = new FingerprintThread(settings, chunk);
  try {
    await f(thread);
  } finally {
    await thread.close();
  }
}

describe('FingerprintThread', () => {
  it('gives the same slots as fingerprinting on one thread, whichever thread takes each chunk', async () => {
    await withThread(3, async (thread) => {
      const batches = [inputs(40), inputs(1), inputs(7), inputs(0)];
      const jobs = batches.map((b) => thread.submit(b));
      for (let j = 0; j < batches.length; j++) {
        // Helping with the next batch while the worker finishes this one.
        const slots = await thread.finish(jobs[j], jobs[j + 1]);
        expect(slots).toHaveLength(batches[j].length);
        expect(plain(slots)).toEqual(plain(fingerprintBatch(batches[j], settings)));
      }
    });
  });

  it("gives chunks of a huge batch more inputs, so both threads' chunk counts fit in one word", async () => {
    // 33,000 one-input chunks would overflow the 15-bit counts: chunks of two are used instead.
    await withThread(1, async (thread) => {
      const batch = Array.from({ length: 33_000 }, (_, i) => ({
        id: `t${i}`,
        text: `Ferry ${i % 97} docked.`,
      }));
      const job = thread.submit(batch);
      expect(job.chunk).toBe(2);
      expect(job.chunks).toBe(16_500);
      const slots = await thread.finish(job);
      expect(slots).toHaveLength(33_000);
      expect(plain(slots.slice(-3))).toEqual(plain(fingerprintBatch(batch.slice(-3), settings)));
      expect(plain(slots.slice(0, 3))).toEqual(plain(fingerprintBatch(batch.slice(0, 3), settings)));
    });
  }, 120_000);

  it('reuses a reply buffer given back once its batch is stored', async () => {
    await withThread(50, async (thread) => {
      const first = inputs(400);
      const a = thread.submit(first);
      // Waiting for the reply before finishing leaves every chunk to the worker.
      expect((await a.reply).chunks).toHaveLength(8);
      const slotsA = await thread.finish(a);
      const size = a.buffer?.byteLength ?? 0;
      expect(size).toBeGreaterThan(0);
      const rec = slotsA.find((s) => 'record' in s) as { record: { minhash: Uint32Array } };
      expect(rec.record.minhash.length).toBe(128);
      thread.recycle(a);
      expect(a.buffer).toBeUndefined();
      // The records were views of the buffer given back: they are empty now.
      expect(rec.record.minhash.length).toBe(0);
      // A smaller reply comes back in the same buffer, and decodes the same.
      const second = inputs(300);
      const b = thread.submit(second);
      expect((await b.reply).chunks).toHaveLength(6);
      const slotsB = await thread.finish(b);
      expect(b.buffer?.byteLength).toBe(size);
      expect(plain(slotsB)).toEqual(plain(fingerprintBatch(second, settings)));
    });
  });

  it('takes every chunk on the calling thread when the worker is still on an earlier batch', async () => {
    await withThread(2, async (thread) => {
      const busy = thread.submit(inputs(3000));
      const batch = inputs(9);
      const job = thread.submit(batch);
      const slots = await thread.finish(job);
      expect(plain(slots)).toEqual(plain(fingerprintBatch(batch, settings)));
      // The worker reached this batch only after the calling thread had claimed all of it.
      expect((await job.reply).chunks).toEqual([]);
      expect(await thread.finish(busy)).toHaveLength(3000);
    });
  });

  it('fingerprints the next batch while the worker finishes this one, and hands those slots on', async () => {
    await withThread(2, async (thread) => {
      // The worker is busy with a large batch; finishing it, this thread claims what is left of
      // it, then takes chunks of the next batch until the worker has no chunk left to finish.
      const first = inputs(2000);
      const second = inputs(4000);
      const a = thread.submit(first);
      const b = thread.submit(second);
      const slotsA = await thread.finish(a, b);
      expect(plain(slotsA)).toEqual(plain(fingerprintBatch(first, settings)));
      const helped = b.early.size;
      const slotsB = await thread.finish(b);
      expect(plain(slotsB)).toEqual(plain(fingerprintBatch(second, settings)));
      // Chunks taken early were not claimed again by the worker.
      const theirs = (await b.reply).chunks;
      expect(theirs.length + helped).toBeLessThanOrEqual(2000);
      expect(b.early.size).toBe(0);
    });
  });

  describe('a warm worker between threads', () => {
    afterEach(() => stopIdleFingerprintWorker());

    it("serves the next thread, with that thread's settings", async () => {
      let first = -1;
      await withThread(5, async (thread) => {
        first = thread.threadId;
        expect(plain(await thread.finish(thread.submit(inputs(30))))).toEqual(
          plain(fingerprintBatch(inputs(30), settings)),
        );
      });
      const other = makeSettings({ numPerm: 64, threshold: 0.5 });
      const thread = new FingerprintThread(other, 5);
      try {
        expect(thread.threadId).toBe(first);
        const job = thread.submit(inputs(30));
        // Waiting for the reply first leaves every chunk to the worker.
        expect((await job.reply).chunks).toHaveLength(6);
        const slots = await thread.finish(job);
        expect(plain(slots)).toEqual(plain(fingerprintBatch(inputs(30), other)));
        const rec = slots.find((x) => 'record' in x) as { record: { minhash: Uint32Array } };
        expect(rec.record.minhash.length).toBe(64);
      } finally {
        await thread.close();
      }
    });

    it('keeps one idle worker, and stops a worker closed with work queued', async () => {
      const a = new FingerprintThread(settings, 5);
      const b = new FingerprintThread(settings, 5);
      expect(a.threadId).not.toBe(b.threadId);
      await a.close();
      await b.close();
      // a's worker was kept, b's stopped.
      const c = new FingerprintThread(settings, 5);
      expect(c.threadId).toBe(a.threadId);
      // Closed with a batch still queued: stopped, not handed on.
      const pending = c.submit(inputs(2000));
      await c.close();
      await expect(pending.reply).rejects.toThrow(/closed/);
      const d = new FingerprintThread(settings, 5);
      expect(d.threadId).not.toBe(c.threadId);
      await d.close();
      await stopIdleFingerprintWorker();
      const e = new FingerprintThread(settings, 5);
      expect(e.threadId).not.toBe(d.threadId);
      await e.close();
    });
  });
});
