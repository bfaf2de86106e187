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

/** The reply to a {@link FingerprintJob}. */
export interface FingerprintReply {
  id: number;
  slots: FingerprintSlot[];
}

parentPort?.on('message', (job: FingerprintJob) => {
  parentPort!.postMessage({
    id: job.id,
    slots: fingerprintBatch(job.inputs, job.settings),
  } satisfies FingerprintReply);
});
