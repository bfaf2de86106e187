/**
 * The pool of comparison worker threads: a bounded queue, a time budget per job, and errors a
 * client may retry (`Retry-After`).
 */
import type { Worker } from 'node:worker_threads';
import { type ErrorCode, StorydiffError } from '../errors.js';
import { startModuleWorker } from '../threads.js';
import type { JobRequest, JobResult } from './job.js';
import type { JobMessage, WorkerReply } from './worker.js';

/** A failure the client may retry later; `retryAfter` (seconds) becomes the `Retry-After` header. */
export class RetryLaterError extends StorydiffError {
  readonly retryAfter: number;
  constructor(code: ErrorCode, detail: string, retryAfter: number) {
    super(code, detail);
    this.retryAfter = retryAfter;
  }
}

/** Options of {@link WorkerPool}. */
export interface PoolOptions {
  /** Worker threads, and so comparisons running at once. */
  size: number;
  /** Jobs waiting for a worker; beyond that, {@link WorkerPool.run} refuses with `SERVER_BUSY`. */
  maxQueue: number;
  /** Wall-clock budget of one job once a worker runs it; the worker is terminated after it. */
  timeBudgetMs: number;
  /** How long a new worker may take to load the library. Default 60 s. */
  startTimeoutMs?: number;
  /** Heap limit of each worker, in MiB, so one huge input cannot take the process down. Default 2048. */
  memoryMb?: number;
}

interface Pending {
  id: number;
  job: JobRequest;
  resolve: (r: JobResult) => void;
  reject: (e: StorydiffError) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  started?: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  job?: Pending;
  timer?: NodeJS.Timeout;
  startTimer?: NodeJS.Timeout;
}

/**
 * A fixed-size pool of worker threads running comparisons, so that the CPU-bound work never blocks
 * the event loop and a comparison over its time budget can be stopped: its worker is terminated
 * and replaced. At most `size` jobs run and `maxQueue` wait; more are refused at once with a
 * {@link RetryLaterError} (`SERVER_BUSY`) rather than queued without bound.
 *
 * Workers start on demand (each loads the library once) and stay for the next job.
 *
 * @example
 * ```ts
 * const pool = new WorkerPool({ size: 2, maxQueue: 8, timeBudgetMs: 10_000 });
 * const { json } = await pool.run({ kind: 'compare', a: { text: 'One.' }, b: { text: 'Two.' }, maxChars: 1e6 });
 * await pool.close();
 * ```
 */
export class WorkerPool {
  private readonly opts: Required<PoolOptions>;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private active = 0;
  private seq = 0;
  private closed = false;
  /** Moving average of job durations, for Retry-After. */
  private avgMs = 1000;

  constructor(opts: PoolOptions) {
    this.opts = { startTimeoutMs: 60_000, memoryMb: 2048, ...opts };
  }

  /** Jobs running, jobs waiting, and live worker threads. */
  stats(): { active: number; queued: number; workers: number } {
    return { active: this.active, queued: this.queue.length, workers: this.slots.length };
  }

  /**
   * Runs one job on a worker. Rejects with a {@link StorydiffError}: the job's own error
   * (bad input), `TIMEOUT` or `SERVER_BUSY` (both {@link RetryLaterError}), `RESOURCE_UNAVAILABLE`
   * when a worker cannot start or runs out of memory. An aborted `signal` drops a waiting job.
   */
  run(job: JobRequest, signal?: AbortSignal): Promise<JobResult> {
    return new Promise<JobResult>((resolve, reject) => {
      if (this.closed) return reject(this.busy('the server is shutting down'));
      if (signal?.aborted) return reject(new StorydiffError('INPUT_INVALID', 'the client went away'));
      const p: Pending = { id: ++this.seq, job, resolve, reject, signal };
      if (this.active < this.opts.size) {
        this.active++;
        this.assign(p);
      } else if (this.queue.length < this.opts.maxQueue) {
        this.queue.push(p);
        if (signal) {
          p.onAbort = () => {
            const i = this.queue.indexOf(p);
            if (i >= 0) this.queue.splice(i, 1);
            reject(new StorydiffError('INPUT_INVALID', 'the client went away'));
          };
          signal.addEventListener('abort', p.onAbort, { once: true });
        }
      } else {
        reject(
          this.busy(
            `all ${this.opts.size} comparison slot(s) are busy and ${this.opts.maxQueue} request(s) are waiting`,
          ),
        );
      }
    });
  }

  /** Starts up to `n` idle workers ahead of the first request, so it does not wait for one. */
  warm(n = 1): void {
    while (!this.closed && this.slots.length < Math.min(n, this.opts.size)) {
      if (!this.spawnQuietly()) break;
    }
  }

  /** Refuses waiting jobs, stops every worker (running jobs fail with `SERVER_BUSY`). */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) this.settle(p, this.busy('the server is shutting down'));
    const workers = this.slots.map((s) => s.worker);
    for (const s of [...this.slots]) this.kill(s, this.busy('the server is shutting down'));
    await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
  }

  /** Seconds a client should wait: about one average job per queued job and slot, within the budget. */
  private retryAfter(): number {
    const estimate = this.avgMs * (1 + this.queue.length / this.opts.size);
    return Math.max(1, Math.min(Math.ceil(estimate / 1000), Math.ceil(this.opts.timeBudgetMs / 1000)));
  }

  private busy(detail: string): RetryLaterError {
    return new RetryLaterError('SERVER_BUSY', detail, this.retryAfter());
  }

  private assign(p: Pending): void {
    // active ≤ size and a slot holds one job, so there is an idle slot or room for a new one.
    let slot = this.slots.find((s) => !s.job && s.ready) ?? this.slots.find((s) => !s.job);
    if (!slot) {
      try {
        slot = this.spawn();
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        this.settle(
          p,
          new StorydiffError('RESOURCE_UNAVAILABLE', `a comparison worker could not start: ${why}`),
        );
        this.done();
        return;
      }
    }
    slot.job = p;
    if (slot.ready) this.dispatch(slot);
  }

  /** Starts a spare worker; a failure here is reported when a job needs one. */
  private spawnQuietly(): boolean {
    try {
      this.spawn();
      return true;
    } catch {
      return false;
    }
  }

  private dispatch(slot: Slot): void {
    const p = slot.job!;
    p.started = Date.now();
    slot.worker.postMessage({ id: p.id, job: p.job } satisfies JobMessage);
    slot.timer = setTimeout(() => {
      const secs = this.opts.timeBudgetMs / 1000;
      this.kill(
        slot,
        new RetryLaterError(
          'TIMEOUT',
          `the comparison took longer than the server's time budget of ${secs} s; try shorter articles`,
          this.retryAfter(),
        ),
      );
      // Replace the worker now, so the next request does not wait for one to load.
      if (!this.closed && this.slots.length < this.opts.size && this.slots.every((s) => s.job)) {
        this.spawnQuietly();
      }
    }, this.opts.timeBudgetMs);
  }

  private spawn(): Slot {
    const worker = startWorker(this.opts.memoryMb);
    // Idle workers must not keep a process alive that is otherwise done (e.g. after tests).
    worker.unref();
    const slot: Slot = { worker, ready: false, dead: false };
    this.slots.push(slot);
    slot.startTimer = setTimeout(() => {
      const secs = this.opts.startTimeoutMs / 1000;
      this.kill(
        slot,
        new StorydiffError('RESOURCE_UNAVAILABLE', `a comparison worker did not start in ${secs} s`),
      );
    }, this.opts.startTimeoutMs);
    slot.startTimer.unref();
    worker.on('message', (msg: WorkerReply) => this.onMessage(slot, msg));
    worker.on('error', (err: Error & { code?: string }) => {
      const detail =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'the comparison ran out of memory; try shorter articles'
          : `${slot.ready ? 'a comparison worker failed' : 'a comparison worker could not start'}: ${err.message}`;
      const code =
        slot.ready && err.code !== 'ERR_WORKER_OUT_OF_MEMORY' ? 'INTERNAL' : 'RESOURCE_UNAVAILABLE';
      this.kill(slot, new StorydiffError(code, detail));
    });
    worker.on('exit', (code) => {
      this.kill(slot, new StorydiffError('INTERNAL', `a comparison worker stopped (exit code ${code})`));
    });
    return slot;
  }

  private onMessage(slot: Slot, msg: WorkerReply): void {
    if (slot.dead) return;
    if (msg.type === 'ready') {
      slot.ready = true;
      clearTimeout(slot.startTimer);
      if (slot.job) this.dispatch(slot);
      return;
    }
    const p = slot.job;
    if (!p || p.id !== msg.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    this.avgMs = 0.8 * this.avgMs + 0.2 * (Date.now() - (p.started ?? Date.now()));
    if (msg.type === 'done') {
      this.settle(p, { json: msg.json, html: msg.html, hashes: msg.hashes });
    } else {
      const e = msg.error;
      // The message crossed the thread as text with its source prefixed; rebuild the same error.
      const detail =
        e.source && e.message.startsWith(`${e.source}: `) ? e.message.slice(e.source.length + 2) : e.message;
      this.settle(p, new StorydiffError(e.code as ErrorCode, detail, { source: e.source }));
    }
    this.done();
  }

  /** Removes a worker for good and fails the job it held. Safe to call twice. */
  private kill(slot: Slot, err: StorydiffError): void {
    if (slot.dead) return;
    slot.dead = true;
    clearTimeout(slot.timer);
    clearTimeout(slot.startTimer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.worker.terminate().catch(() => undefined);
    const p = slot.job;
    slot.job = undefined;
    if (p) {
      this.settle(p, err);
      this.done();
    }
  }

  private settle(p: Pending, r: JobResult | StorydiffError): void {
    if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort);
    if (r instanceof StorydiffError) p.reject(r);
    else p.resolve(r);
  }

  /** A job finished: start the next waiting one. */
  private done(): void {
    this.active--;
    while (!this.closed && this.active < this.opts.size && this.queue.length) {
      const next = this.queue.shift()!;
      if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
      this.active++;
      this.assign(next);
    }
  }
}

/** Starts one worker (see {@link startModuleWorker}). */
function startWorker(memoryMb: number): Worker {
  return startModuleWorker(import.meta.url, './worker', {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
}
