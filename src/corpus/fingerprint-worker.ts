/**
 * Worker thread of {@link FingerprintThread}: fingerprints batches of inputs so the main thread
 * can write the previous batch to the store at the same time (two cores, two stages).
 */
import { parentPort } from 'node:worker_threads';
import type { StoreSettings } from '../store/types.js';
import { type FingerprintSlot, fingerprintBatch } from './record.js';
import type { CorpusInput } from './types.js';

/** A batch to fingerprint. */
export interface FingerprintJob {
  id: number;
  settings: StoreSettings;
  inputs: CorpusInput[];
}

/**
 * The reply to a {@link FingerprintJob}. A record whose text is the input's text unchanged (the
 * usual case: normalisation changed nothing) comes back with an empty text and its flag set in
 * `sameText`, so the text is not copied back across threads; the caller restores it.
 */
export interface FingerprintReply {
  id: number;
  slots: FingerprintSlot[];
  sameText: Uint8Array;
}

parentPort?.on('message', (job: FingerprintJob) => {
  const slots = fingerprintBatch(job.inputs, job.settings);
  const sameText = new Uint8Array(slots.length);
  slots.forEach((slot, i) => {
    if ('record' in slot && slot.record.text === job.inputs[i].text) {
      slot.record.text = '';
      sameText[i] = 1;
    }
  });
  parentPort!.postMessage({ id: job.id, slots, sameText } satisfies FingerprintReply);
});
