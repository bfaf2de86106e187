/**
 * Column encoding of the fingerprint slots the worker sends back. Structured cloning an array of
 * records costs per property and per object (key names are written out every time, and each of
 * a record's five arrays is an object of its own): ~9 µs an article to send and 5–13 to receive
 * for a batch of 4,000. In columns, the string fields the receiver already holds (the input's
 * id, text, title… when fingerprinting left them unchanged) are not sent at all, the others and
 * the hashes go into one joined string with a table of lengths, and the numbers into typed arrays
 * and one buffer that is transferred, not copied: ~3 µs to send and ~2.5 to receive. (The inputs
 * go to the worker as objects: their text is most of their size, and joining it into one string
 * cost more than the per-object overhead it saved.)
 */
import type { ArticleRecord } from '../../store/types.js';
import type { FingerprintSlot } from '../record.js';
import type { CorpusInput } from '../types.js';

/** The string fields of a record, in column order (`hash` has a column of its own). */
const RECORD_FIELDS = ['id', 'text', 'title', 'url', 'source', 'lang', 'origin'] as const;
const NR = RECORD_FIELDS.length;
/** Field marks: absent, equal to the input's field of the same name, or in `strings`. */
const F_ABSENT = 0;
const F_INPUT = 1;
const F_OWN = 2;
/** Per record, the lengths of its arrays: minhash, bandKeys, keyTerms, vectorTerms, vectorWeights. */
const NA = 5;

/** A batch of fingerprint slots in columns (see {@link encodeSlots}). */
export interface SlotColumns {
  n: number;
  /** Per slot: its fields' marks (`RECORD_FIELDS` order); all absent for a failed slot. */
  marks: Uint8Array;
  /** The fields marked own, then every record's hash, joined. */
  strings: string;
  /** Lengths of the own fields, in order, then of the hashes. */
  lengths: Int32Array;
  words: Float64Array;
  /** `published`, NaN when absent. */
  published: Float64Array;
  /** Per slot, the lengths of its arrays ({@link NA} each). */
  counts: Int32Array;
  /** The arrays' values: all doubles first (8-byte aligned), then the 4-byte arrays. */
  buffer: ArrayBuffer;
  /** Failed slots, by index. */
  errors: [number, FingerprintSlot & { error: unknown }][];
}

/**
 * Encodes slots as columns; a string field equal to the input's field of the same name is not
 * sent (the receiver has the input). Post it with `[cols.buffer]` in the transfer list. The
 * arrays go into `spare` when it is large enough (`buffer` may then be longer than they need).
 *
 * @example
 * ```ts
 * const cols = encodeSlots(fingerprintBatch(inputs, settings), inputs);
 * port.postMessage(cols, [cols.buffer]);
 * // on the other side, with the same inputs:
 * const slots = decodeSlots(cols, inputs);
 * ```
 */
export function encodeSlots(
  slots: FingerprintSlot[],
  inputs: CorpusInput[],
  spare?: ArrayBuffer,
): SlotColumns {
  const n = slots.length;
  const marks = new Uint8Array(n * NR);
  const words = new Float64Array(n);
  const published = new Float64Array(n).fill(Number.NaN);
  const counts = new Int32Array(n * NA);
  const own: string[] = [];
  const ownLengths: number[] = [];
  const hashes: string[] = [];
  const errors: SlotColumns['errors'] = [];
  let f64 = 0;
  let b32 = 0;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    if (!('record' in slot)) {
      errors.push([i, slot]);
      continue;
    }
    const r = slot.record;
    const input = inputs[i] as unknown as Record<string, unknown>;
    for (let k = 0; k < NR; k++) {
      const f = RECORD_FIELDS[k];
      const v = r[f];
      if (v === undefined) marks[i * NR + k] = F_ABSENT;
      else if (v === input?.[f]) marks[i * NR + k] = F_INPUT;
      else {
        marks[i * NR + k] = F_OWN;
        own.push(v);
        ownLengths.push(v.length);
      }
    }
    hashes.push(r.hash);
    words[i] = r.words;
    if (r.published !== undefined) published[i] = r.published;
    const c = i * NA;
    counts[c] = r.minhash.length;
    counts[c + 1] = r.bandKeys.length;
    counts[c + 2] = r.keyTerms.length;
    counts[c + 3] = r.vectorTerms.length;
    counts[c + 4] = r.vectorWeights.length;
    f64 += counts[c + 1] + counts[c + 2] + counts[c + 3];
    b32 += counts[c] + counts[c + 4];
  }
  const bytes = f64 * 8 + b32 * 4;
  // A spare buffer (one the receiver gave back) when it is large enough, else a new one with room
  // to spare, so that it can serve a slightly larger batch next time.
  const buffer =
    spare !== undefined && spare.byteLength >= bytes ? spare : new ArrayBuffer(Math.ceil(bytes * 1.25));
  const d = new Float64Array(buffer, 0, f64);
  const u = new Uint32Array(buffer, f64 * 8, b32);
  const w = new Float32Array(buffer, f64 * 8, b32);
  let di = 0;
  let ui = 0;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    if (!('record' in slot)) continue;
    const r = slot.record;
    d.set(r.bandKeys, di);
    di += r.bandKeys.length;
    d.set(r.keyTerms, di);
    di += r.keyTerms.length;
    d.set(r.vectorTerms, di);
    di += r.vectorTerms.length;
    u.set(r.minhash, ui);
    ui += r.minhash.length;
    w.set(r.vectorWeights, ui);
    ui += r.vectorWeights.length;
  }
  const lengths = Int32Array.from([...ownLengths, ...hashes.map((h) => h.length)]);
  return {
    n,
    marks,
    strings: own.join('') + hashes.join(''),
    lengths,
    words,
    published,
    counts,
    buffer,
    errors,
  };
}

/**
 * The slots {@link encodeSlots} encoded, given the same inputs; the records' arrays are views of
 * the transferred buffer.
 */
export function decodeSlots(cols: SlotColumns, inputs: CorpusInput[]): FingerprintSlot[] {
  const { n, marks, strings, lengths, words, published, counts, buffer } = cols;
  const out: FingerprintSlot[] = new Array(n);
  for (const [i, slot] of cols.errors) out[i] = slot;
  let nOwn = 0;
  for (let i = 0; i < marks.length; i++) if (marks[i] === F_OWN) nOwn++;
  let f64 = 0;
  for (let i = 0; i < n; i++) f64 += counts[i * NA + 1] + counts[i * NA + 2] + counts[i * NA + 3];
  let ownPos = 0;
  let ownIdx = 0;
  let hashPos = 0;
  for (let j = 0; j < nOwn; j++) hashPos += lengths[j];
  let hashIdx = nOwn;
  let di = 0;
  let ui = f64 * 8;
  for (let i = 0; i < n; i++) {
    if (out[i]) continue;
    const input = inputs[i] as unknown as Record<string, string | undefined>;
    const field = (k: number): string | undefined => {
      const m = marks[i * NR + k];
      if (m === F_ABSENT) return undefined;
      if (m === F_INPUT) return input[RECORD_FIELDS[k]];
      const len = lengths[ownIdx++];
      const s = strings.slice(ownPos, ownPos + len);
      ownPos += len;
      return s;
    };
    const id = field(0) as string;
    const text = field(1) as string;
    const title = field(2);
    const url = field(3);
    const source = field(4);
    const lang = field(5);
    const origin = field(6);
    const hl = lengths[hashIdx++];
    const hash = strings.slice(hashPos, hashPos + hl);
    hashPos += hl;
    const c = i * NA;
    const doubles = (len: number): Float64Array => {
      const v = new Float64Array(buffer, di, len);
      di += len * 8;
      return v;
    };
    const bandKeys = doubles(counts[c + 1]);
    const keyTerms = doubles(counts[c + 2]);
    const vectorTerms = doubles(counts[c + 3]);
    const minhash = new Uint32Array(buffer, ui, counts[c]);
    ui += counts[c] * 4;
    const vectorWeights = new Float32Array(buffer, ui, counts[c + 4]);
    ui += counts[c + 4] * 4;
    const record: ArticleRecord = {
      id,
      hash,
      text,
      title,
      url,
      source,
      published: Number.isNaN(published[i]) ? undefined : published[i],
      lang,
      origin,
      words: words[i],
      minhash,
      bandKeys,
      keyTerms,
      vectorTerms,
      vectorWeights,
    };
    out[i] = { record };
  }
  return out;
}
