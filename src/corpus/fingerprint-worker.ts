/**
 * Worker thread of {@link FingerprintThread}: fingerprints batches of inputs so the main thread
 * can write the previous batch to the store at the same time (two cores, two stages).
 */
import { parentPort } from 'node:worker_threads';
import type { StoreSettings } from '../store/types.js';
import { type FingerprintSlot, fingerprintBatch, packRecords } from './record.js';
import type { CorpusInput } from './types.js';

/**
 * A batch to fingerprint, in chunks of `chunk` inputs. Chunks are claimed by incrementing
 * `claim[0]` (a shared counter): the worker and the thread that submitted the batch both take
 * chunks until none are left, so whichever thread has time does the work.
 */
export interface FingerprintJob {
  id: number;
  settings: StoreSettings;
  inputs: CorpusInput[];
  chunk: number;
  claim: Int32Array;
}

/**
 * The reply to a {@link FingerprintJob}: the chunks the worker claimed, in the order of `slots`.
 * A record whose text is the input's text unchanged (the usual case: normalisation changed
 * nothing) comes back with an empty text and its flag set in `sameText`, so the text is not
 * copied back across threads; the caller restores it.
 */
export interface FingerprintReply {
  id: number;
  chunks: number[];
  slots: FingerprintSlot[];
  sameText: Uint8Array;
}

parentPort?.on('message', (job: FingerprintJob) => {
  const chunks: number[] = [];
  let slots: FingerprintSlot[] = [];
  const { inputs, chunk } = job;
  for (;;) {
    const c = Atomics.add(job.claim, 0, 1);
    if (c * chunk >= inputs.length) break;
    chunks.push(c);
    const part = fingerprintBatch(inputs.slice(c * chunk, (c + 1) * chunk), job.settings);
    slots = slots.length ? slots.concat(part) : part;
  }
  const sameText = new Uint8Array(slots.length);
  let k = 0;
  for (const c of chunks) {
    for (let i = c * chunk; i < Math.min(inputs.length, (c + 1) * chunk); i++, k++) {
      const slot = slots[k];
      if ('record' in slot && slot.record.text === inputs[i].text) {
        slot.record.text = '';
        sameText[k] = 1;
      }
    }
  }
  const buffer = packRecords(slots);
  parentPort!.postMessage({ id: job.id, chunks, slots, sameText } satisfies FingerprintReply, [buffer]);
});
