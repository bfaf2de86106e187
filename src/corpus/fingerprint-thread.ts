import type { Worker } from 'node:worker_threads';
import { type ErrorCode, StorydiffError } from '../errors.js';
import type { StoreSettings } from '../store/types.js';
import { startModuleWorker } from '../threads.js';
import type { FingerprintJob, FingerprintReply } from './fingerprint-worker.js';
import type { FingerprintSlot } from './record.js';
import type { CorpusInput } from './types.js';

/**
 * Fingerprinting on a worker thread, batches in order. The corpus keeps batches queued on the
 * worker while it writes an earlier one, so fingerprinting and store writes overlap.
 *
 * @example
 * ```ts
 * const thread = new FingerprintThread(settings);
 * const slots = await thread.run(inputs);
 * await thread.close();
 * ```
 */
export class FingerprintThread {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<
    number,
    { inputs: CorpusInput[]; resolve: (s: FingerprintSlot[]) => void; reject: (e: Error) => void }
  >();
  private failed?: Error;

  constructor(private readonly settings: StoreSettings) {
    // A young generation large enough for a few batches in flight: they die young rather than
    // being promoted and swept.
    this.worker = startModuleWorker(import.meta.url, './fingerprint-worker', {
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    this.worker.on('message', (msg: FingerprintReply) => {
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (!this.waiting.size) this.worker.unref();
      if (!w) return;
      msg.slots.forEach((slot, i) => {
        if (msg.sameText[i] && 'record' in slot) slot.record.text = w.inputs[i].text as string;
      });
      w.resolve(msg.slots);
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
    // An idle worker must not keep the process alive; a busy one must (see run).
    this.worker.unref();
  }

  /** Fingerprints a batch; resolves with one slot per input, in order. */
  run(inputs: CorpusInput[]): Promise<FingerprintSlot[]> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { inputs, resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, settings: this.settings, inputs } satisfies FingerprintJob);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Rebuilds the error a worker reported. */
export function slotError(e: { code: string; message: string; source?: string }): StorydiffError {
  const prefix = e.source ? `${e.source}: ` : '';
  const detail = prefix && e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return new StorydiffError(e.code as ErrorCode, detail, { source: e.source });
}
