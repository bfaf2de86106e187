/**
 * The calling thread's side of parallel fingerprinting: {@link FingerprintThread} submits a
 * batch's chunks to a worker (fingerprint-worker.ts), helps with the chunks the worker has not
 * claimed yet (chunk-claims.ts), and decodes the worker's reply (slot-codec.ts) into slots in
 * input order. One warm worker outlives the thread that used it, for the next ingest.
 *
 * Cost: a worker costs ~60 ms to start; the two threads share a batch chunk by chunk, so neither
 * waits long for the other whichever stage (fingerprinting or store writes) is slower.
 */
import type { Worker } from 'node:worker_threads';
import { type ErrorCode, StorydiffError } from '../../errors.js';
import type { StoreSettings } from '../../store/types.js';
import { startModuleWorker } from '../../threads.js';
import { type FingerprintSlot, fingerprintBatch, withFloat64Lists } from '../record.js';
import type { CorpusInput } from '../types.js';
import { claimBack, MAX_CHUNKS, newClaims, workerDone } from './chunk-claims.js';
import type {
  FingerprintChunk,
  FingerprintReply,
  RecycledBuffer,
  WorkerSettings,
} from './fingerprint-worker.js';
import { decodeSlots, encodeSlots } from './slot-codec.js';

/** Inputs per chunk of a batch: small enough that neither thread waits long for the other's last chunk. */
export const CHUNK = 200;

/**
 * How long a fingerprint worker with no thread using it is kept before it is stopped. A new
 * worker costs ~60 ms to start (~150 ms under tsx), and its first batches run at a fraction of
 * the speed while V8 compiles the fingerprint code again: a process that ingests more than once
 * (a server, a script adding file after file) keeps one warm worker instead. It never keeps the
 * process alive.
 */
export const IDLE_WORKER_MS = 60_000;

// Batch ids are unique in the process, not per thread: a warm worker serves one thread after
// another, and skips the leftover chunk messages of a batch by its id.
let nextBatchId = 0;
let idle: { worker: Worker; timer: NodeJS.Timeout; gone: () => void } | undefined;

function startWorker(): Worker {
  // A young generation large enough for a few batches in flight: they die young rather than
  // being promoted and swept.
  return startModuleWorker(import.meta.url, './fingerprint-worker', {
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
  });
}

/** The warm idle worker, if there is one (it is no longer idle). */
function takeIdleWorker(): Worker | undefined {
  if (!idle) return undefined;
  const { worker, timer, gone } = idle;
  idle = undefined;
  clearTimeout(timer);
  worker.off('exit', gone);
  worker.off('error', gone);
  return worker;
}

/** Keeps `worker` as the idle one; false when there is one already. */
function parkWorker(worker: Worker): boolean {
  if (idle) return false;
  worker.unref();
  const gone = () => {
    if (idle?.worker !== worker) return;
    clearTimeout(idle.timer);
    idle = undefined;
  };
  const timer = setTimeout(() => {
    gone();
    void worker.terminate();
  }, IDLE_WORKER_MS);
  timer.unref();
  worker.on('exit', gone);
  worker.on('error', gone);
  idle = { worker, timer, gone };
  return true;
}

/**
 * Stops the warm idle fingerprint worker now, if there is one (a process about to exit need not
 * call this: the worker never keeps it alive).
 *
 * @example
 * ```ts
 * await stopIdleFingerprintWorker();
 * ```
 */
export async function stopIdleFingerprintWorker(): Promise<void> {
  const worker = takeIdleWorker();
  if (worker) await worker.terminate();
}

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
  private readonly waiting = new Map<
    number,
    { resolve: (r: FingerprintReply) => void; reject: (e: Error) => void }
  >();
  private failed?: Error;
  private exited = false;

  constructor(
    private readonly settings: StoreSettings,
    private readonly chunk = CHUNK,
  ) {
    this.worker = takeIdleWorker() ?? startWorker();
    // A worker may have served other settings before: these hold for every batch from now on.
    this.worker.postMessage({ settings } satisfies WorkerSettings);
    this.worker.on('message', this.onMessage);
    this.worker.on('error', this.onError);
    this.worker.on('exit', this.onExit);
    // An idle worker must not keep the process alive; a busy one must (see submit).
    this.worker.unref();
  }

  private readonly onMessage = (msg: FingerprintReply): void => {
    const w = this.waiting.get(msg.id);
    this.waiting.delete(msg.id);
    if (!this.waiting.size) this.worker.unref();
    w?.resolve(msg);
  };

  private readonly onError = (err: Error): void => {
    this.failed = new StorydiffError('INTERNAL', `fingerprint worker failed: ${err.message}`, {
      cause: err,
    });
    for (const w of this.waiting.values()) w.reject(this.failed);
    this.waiting.clear();
  };

  private readonly onExit = (code: number): void => {
    this.exited = true;
    if (this.waiting.size) this.onError(new Error(`exited with code ${code}`));
  };

  /** Queues a batch on the worker, one message per chunk; {@link finish} gives its slots. */
  submit(inputs: CorpusInput[]): ThreadJob {
    const n = inputs.length;
    // Chunk counts are packed in 15 bits (see chunk-claims.ts): a huge batch gets larger chunks.
    const chunk = Math.max(this.chunk, Math.ceil(n / MAX_CHUNKS));
    const chunks = Math.ceil(n / chunk);
    const claim = newClaims();
    const job = (reply: Promise<FingerprintReply>): ThreadJob => ({
      inputs,
      chunk,
      chunks,
      claim,
      early: new Map(),
      reply,
    });
    if (this.failed) return job(Promise.reject(this.failed));
    if (!chunks) return job(Promise.resolve({ id: -1, chunks: [], slots: encodeSlots([], []) }));
    const id = nextBatchId++;
    const reply = new Promise<FingerprintReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      // A message per chunk, so the worker holds one chunk's texts at a time: a whole batch held
      // for the length of the batch outlived two scavenges and was copied into the old generation.
      for (let c = 0; c < chunks; c++) {
        this.worker.postMessage({
          id,
          inputs: inputs.slice(c * chunk, (c + 1) * chunk),
          c,
          chunks,
          claim,
        } satisfies FingerprintChunk);
      }
    });
    // Not awaited until finish(): this only silences the unhandled-rejection warning meanwhile.
    reply.catch(() => undefined);
    return job(reply);
  }

  /**
   * Fingerprints on this thread whatever chunks of the job the worker has not claimed yet, then
   * waits for the worker's chunks; resolves with one slot per input, in order. Given the `next`
   * job, it fingerprints chunks of that one while the worker finishes its last chunk of this one,
   * rather than wait idle (those slots are kept for `finish(next)`).
   */
  async finish(job: ThreadJob, next?: ThreadJob): Promise<FingerprintSlot[]> {
    const { inputs, chunk } = job;
    const n = inputs.length;
    const slots: FingerprintSlot[] = new Array(n);
    for (const [c, part] of job.early) {
      for (let i = 0; i < part.length; i++) slots[c * chunk + i] = part[i];
    }
    job.early.clear();
    while (this.claimChunk(job, slots)) {}
    if (next) while (!workerDone(job.claim) && this.claimChunk(next)) {}
    const msg = await job.reply;
    const theirs: number[] = [];
    for (const c of msg.chunks) {
      for (let i = c * chunk; i < Math.min(n, (c + 1) * chunk); i++) theirs.push(i);
    }
    job.buffer = msg.slots.buffer;
    const decoded = decodeSlots(
      msg.slots,
      theirs.map((i) => inputs[i]),
    );
    theirs.forEach((i, k) => {
      slots[i] = decoded[k];
    });
    return slots;
  }

  /**
   * Gives the worker back the buffer that `job`'s records (those the worker fingerprinted) are
   * views of, once they are stored, for its next reply. Why: a new buffer every batch counted as
   * external memory as long as the batch was held, and that set off a full garbage collection of
   * the heap every ~30,000 articles. The records' arrays are empty afterwards.
   */
  recycle(job: ThreadJob): void {
    const buffer = job.buffer;
    job.buffer = undefined;
    if (buffer === undefined || this.failed || buffer.byteLength === 0) return;
    this.worker.postMessage({ recycle: buffer } satisfies RecycledBuffer, [buffer]);
  }

  /**
   * Claims and fingerprints one chunk of `job` on this thread, into `slots` or else the job's
   * early slots; false when none was left. This thread takes chunks from the back of the batch,
   * the worker from the front (see chunk-claims.ts).
   */
  private claimChunk(job: ThreadJob, slots?: FingerprintSlot[]): boolean {
    const c = claimBack(job.claim, job.chunks);
    if (c < 0) return false;
    const start = c * job.chunk;
    const part = withFloat64Lists(
      fingerprintBatch(job.inputs.slice(start, start + job.chunk), this.settings),
    );
    if (slots) for (let i = 0; i < part.length; i++) slots[start + i] = part[i];
    else job.early.set(c, part);
    return true;
  }

  /**
   * Lets go of the worker: a worker with nothing left to do is kept warm for the next thread of
   * this process (see {@link IDLE_WORKER_MS}); one that failed, or still has batches queued (an
   * ingest that stopped on an error), is stopped.
   */
  async close(): Promise<void> {
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onError);
    this.worker.off('exit', this.onExit);
    if (this.failed || this.exited || this.waiting.size || !parkWorker(this.worker)) {
      for (const w of this.waiting.values())
        w.reject(new StorydiffError('INTERNAL', 'fingerprint thread closed'));
      this.waiting.clear();
      await this.worker.terminate();
    }
  }

  /** The worker's thread id (tests check that a warm worker is reused). */
  get threadId(): number {
    return this.worker.threadId;
  }
}

/** A batch submitted to a {@link FingerprintThread}. */
export interface ThreadJob {
  inputs: CorpusInput[];
  /** Inputs per chunk, and how many chunks. */
  chunk: number;
  chunks: number;
  /** Shared with the worker: who has claimed which chunks (see chunk-claims.ts). */
  claim: Int32Array;
  /** The buffer of the worker's reply, once finished, until {@link FingerprintThread.recycle}. */
  buffer?: ArrayBuffer;
  /** Chunks fingerprinted on the calling thread before the job's own turn (see finish). */
  early: Map<number, FingerprintSlot[]>;
  reply: Promise<FingerprintReply>;
}

/** Rebuilds the error a worker reported. */
export function slotError(e: { code: string; message: string; source?: string }): StorydiffError {
  const prefix = e.source ? `${e.source}: ` : '';
  const detail = prefix && e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return new StorydiffError(e.code as ErrorCode, detail, { source: e.source });
}
