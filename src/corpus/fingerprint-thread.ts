import type { Worker } from 'node:worker_threads';
import { type ErrorCode, StorydiffError } from '../errors.js';
import type { StoreSettings } from '../store/types.js';
import { startModuleWorker } from '../threads.js';
import type { FingerprintJob, FingerprintReply } from './fingerprint-worker.js';
import { type FingerprintSlot, fingerprintBatch } from './record.js';
import { decodeSlots } from './slot-codec.js';
import type { CorpusInput } from './types.js';

/** Inputs per chunk of a batch: small enough that neither thread waits long for the other's last chunk. */
export const CHUNK = 200;

/**
 * Fingerprinting on a worker thread, batches in order. The corpus keeps batches queued on the
 * worker while it writes an earlier one, so fingerprinting and store writes overlap; when the
 * calling thread then finds a batch not yet done, it fingerprints the batch's remaining chunks
 * itself ({@link FingerprintThread.finish}), so both cores stay busy whichever stage is slower.
 *
 * @example
 * ```ts
 * const thread = new FingerprintThread(settings);
 * const job = thread.submit(inputs);
 * const slots = await thread.finish(job);
 * await thread.close();
 * ```
 */
export class FingerprintThread {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (r: FingerprintReply) => void; reject: (e: Error) => void }
  >();
  private failed?: Error;

  constructor(
    private readonly settings: StoreSettings,
    private readonly chunk = CHUNK,
  ) {
    // A young generation large enough for a few batches in flight: they die young rather than
    // being promoted and swept.
    this.worker = startModuleWorker(import.meta.url, './fingerprint-worker', {
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    this.worker.on('message', (msg: FingerprintReply) => {
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (!this.waiting.size) this.worker.unref();
      w?.resolve(msg);
    });
    const fail = (err: Error) => {
      this.failed = new StorydiffError('INTERNAL', `fingerprint worker failed: ${err.message}`, {
        cause: err,
      });
      for (const w of this.waiting.values()) w.reject(this.failed);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (this.waiting.size) fail(new Error(`exited with code ${code}`));
    });
    // An idle worker must not keep the process alive; a busy one must (see submit).
    this.worker.unref();
  }

  /** Queues a batch on the worker; {@link finish} gives its slots. */
  submit(inputs: CorpusInput[]): ThreadJob {
    const claim = new Int32Array(new SharedArrayBuffer(4));
    if (this.failed) return { inputs, claim, reply: Promise.reject(this.failed) };
    const id = this.next++;
    const reply = new Promise<FingerprintReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({
        id,
        settings: this.settings,
        inputs,
        chunk: this.chunk,
        claim,
      } satisfies FingerprintJob);
    });
    // Not awaited until finish(): this only silences the unhandled-rejection warning meanwhile.
    reply.catch(() => undefined);
    return { inputs, claim, reply };
  }

  /**
   * Fingerprints on this thread whatever chunks of the job the worker has not claimed yet, then
   * waits for the worker's chunks; resolves with one slot per input, in order.
   */
  async finish(job: ThreadJob): Promise<FingerprintSlot[]> {
    const { inputs, claim } = job;
    const n = inputs.length;
    const slots: FingerprintSlot[] = new Array(n);
    for (;;) {
      const c = Atomics.add(claim, 0, 1);
      if (c * this.chunk >= n) break;
      const start = c * this.chunk;
      const part = fingerprintBatch(inputs.slice(start, start + this.chunk), this.settings);
      for (let i = 0; i < part.length; i++) slots[start + i] = part[i];
    }
    const msg = await job.reply;
    const theirs: number[] = [];
    for (const c of msg.chunks) {
      for (let i = c * this.chunk; i < Math.min(n, (c + 1) * this.chunk); i++) theirs.push(i);
    }
    const decoded = decodeSlots(
      msg.slots,
      theirs.map((i) => inputs[i]),
    );
    theirs.forEach((i, k) => {
      slots[i] = decoded[k];
    });
    return slots;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** A batch submitted to a {@link FingerprintThread}. */
export interface ThreadJob {
  inputs: CorpusInput[];
  /** Shared counter of claimed chunks. */
  claim: Int32Array;
  reply: Promise<FingerprintReply>;
}

/** Rebuilds the error a worker reported. */
export function slotError(e: { code: string; message: string; source?: string }): StorydiffError {
  const prefix = e.source ? `${e.source}: ` : '';
  const detail = prefix && e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return new StorydiffError(e.code as ErrorCode, detail, { source: e.source });
}
