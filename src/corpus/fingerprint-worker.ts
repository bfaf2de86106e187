/**
 * Worker thread of {@link FingerprintThread}: fingerprints batches of inputs so the main thread
 * can write the previous batch to the store at the same time (two cores, two stages).
 */
import { parentPort } from 'node:worker_threads';
import type { StoreSettings } from '../store/types.js';
import { type FingerprintSlot, fingerprintBatch } from './record.js';
import { encodeSlots, type SlotColumns } from './slot-codec.js';
import type { CorpusInput } from './types.js';

/**
 * A batch to fingerprint, in chunks of `chunk` inputs. Chunks are claimed
 * by incrementing `claim[0]` (a shared counter): the worker and the thread that submitted the
 * batch both take chunks until none are left, so whichever thread has time does the work.
 */
export interface FingerprintJob {
  id: number;
  settings: StoreSettings;
  inputs: CorpusInput[];
  chunk: number;
  claim: Int32Array;
}

/**
 * The reply to a {@link FingerprintJob}: the chunks the worker claimed, and their slots in that
 * order, in columns (fields equal to the inputs' are left for the caller to fill in).
 */
export interface FingerprintReply {
  id: number;
  chunks: number[];
  slots: SlotColumns;
}

parentPort?.on('message', (job: FingerprintJob) => {
  const { inputs, chunk } = job;
  const chunks: number[] = [];
  let slots: FingerprintSlot[] = [];
  let mine: CorpusInput[] = [];
  for (;;) {
    const c = Atomics.add(job.claim, 0, 1);
    if (c * chunk >= inputs.length) break;
    chunks.push(c);
    const part = inputs.slice(c * chunk, (c + 1) * chunk);
    slots = slots.concat(fingerprintBatch(part, job.settings));
    mine = mine.concat(part);
  }
  // The caller may stop helping with the next batch and wait for this reply.
  Atomics.store(job.claim, 1, 1);
  const cols = encodeSlots(slots, mine);
  parentPort!.postMessage({ id: job.id, chunks, slots: cols } satisfies FingerprintReply, [cols.buffer]);
});
