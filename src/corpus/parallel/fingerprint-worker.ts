/**
 * Worker thread of {@link FingerprintThread}: fingerprints batches of inputs so the main thread
 * can write the previous batch to the store at the same time (two cores, two stages).
 */
import { parentPort } from 'node:worker_threads';
import type { StoreSettings } from '../../store/types.js';
import { type FingerprintSlot, fingerprintBatch } from '../record.js';
import type { CorpusInput } from '../types.js';
import { claimFront, markWorkerDone } from './chunk-claims.js';
import { encodeSlots, type SlotColumns } from './slot-codec.js';

/**
 * The settings of every batch from now on: sent by each thread that takes the worker, before its
 * first chunk (a warm worker serves one thread after another, see fingerprint-thread.ts).
 */
export interface WorkerSettings {
  settings: StoreSettings;
}

/**
 * One chunk of a batch to fingerprint: chunk `c` of `chunks`, sent in order. The worker takes
 * chunks from the front of the batch and the thread that submitted it from the back (see
 * chunk-claims.ts), so whichever thread has time does the work.
 */
export interface FingerprintChunk {
  id: number;
  inputs: CorpusInput[];
  c: number;
  chunks: number;
  claim: Int32Array;
}

/**
 * The reply to a batch: the chunks the worker claimed, and their slots in that order, in columns
 * (fields equal to the inputs' are left for the caller to fill in).
 */
export interface FingerprintReply {
  id: number;
  chunks: number[];
  slots: SlotColumns;
}

// The batch being worked on: the chunks claimed so far, their slots and inputs. A batch ends when
// the worker finds no chunk left; the rest of its messages are then passed over.
let ended = -1;
let chunks: number[] = [];
let slots: FingerprintSlot[] = [];
let mine: CorpusInput[] = [];
/** Reply buffers the caller gave back once it had stored their batch (see FingerprintThread.recycle). */
const spares: ArrayBuffer[] = [];

let settings: StoreSettings | undefined;

function endBatch(msg: FingerprintChunk): void {
  // The caller may stop helping with the next batch and wait for this reply.
  markWorkerDone(msg.claim);
  const cols = encodeSlots(slots, mine, spares.pop());
  parentPort!.postMessage({ id: msg.id, chunks, slots: cols } satisfies FingerprintReply, [cols.buffer]);
  ended = msg.id;
  chunks = [];
  slots = [];
  mine = [];
}

/** A reply buffer given back for reuse. */
export interface RecycledBuffer {
  recycle: ArrayBuffer;
}

parentPort?.on('message', (msg: FingerprintChunk | RecycledBuffer | WorkerSettings) => {
  if ('settings' in msg) {
    settings = msg.settings;
    return;
  }
  if ('recycle' in msg) {
    if (spares.length < 2) spares.push(msg.recycle);
    return;
  }
  if (msg.id === ended) return;
  if (!claimFront(msg.claim, msg.c, msg.chunks)) {
    endBatch(msg);
    return;
  }
  chunks.push(msg.c);
  slots = slots.concat(fingerprintBatch(msg.inputs, settings as StoreSettings));
  mine = mine.concat(msg.inputs);
  if (msg.c === msg.chunks - 1) endBatch(msg);
});
