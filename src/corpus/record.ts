/**
 * From a corpus input to an article record: validation (size, id, dates), text clean-up (NFC,
 * line ends), and the fingerprint, for one input or a batch of them (the unit the parallel
 * fingerprinting in `parallel/` hands between threads).
 */
import { StorydiffError, toStorydiffError } from '../errors.js';
import type { ArticleRecord, IntList, StoreSettings } from '../store/types.js';
import { fingerprint } from './fingerprint.js';
import { parsePublished } from './published.js';
import type { CorpusInput } from './types.js';

/** Largest article text accepted into the corpus, in characters. */
export const MAX_ARTICLE_CHARS = 2_000_000;

/**
 * A code unit from U+0300 up (the combining marks start there: every character below is already
 * in NFC) or a carriage return. A regular expression scans several times faster than a loop.
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: a range of code units, matched one unit at a time on purpose
const NOT_PLAIN = /[\r\u0300-\uffff]/;

/** Text normalisation shared by hashing and storage: one form per article, whatever the source. */
export function cleanText(text: string): string {
  // Fast path: nothing but trimming can change the text.
  if (!NOT_PLAIN.test(text)) return text.trim();
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/**
 * Turns an input into a record: validates it, fingerprints it, and fills the id.
 * Throws a StorydiffError naming the input's origin.
 */
export function toRecord(input: CorpusInput, settings: StoreSettings): ArticleRecord {
  const origin = input.origin ?? input.id ?? 'input';
  if (typeof input.text !== 'string')
    throw new StorydiffError('INPUT_INVALID', 'the article has no text', { source: origin });
  const text = cleanText(input.text);
  if (!text) throw new StorydiffError('INPUT_EMPTY', 'the article text is empty', { source: origin });
  if (text.length > MAX_ARTICLE_CHARS) {
    throw new StorydiffError(
      'INPUT_TOO_LARGE',
      `${text.length} characters, more than the limit of ${MAX_ARTICLE_CHARS}`,
      { source: origin },
    );
  }
  if (
    input.id !== undefined &&
    (typeof input.id !== 'string' || !input.id.trim() || input.id.length > 1000)
  ) {
    throw new StorydiffError('INPUT_INVALID', 'id must be a non-empty string of at most 1000 characters', {
      source: origin,
    });
  }
  const title = input.title?.trim() || undefined;
  const fp = fingerprint({ text, title, lang: input.lang, nfc: true }, settings);
  const id = input.id?.trim() || input.url?.trim() || `sha:${fp.hash.slice(0, 16)}`;
  return {
    id,
    hash: fp.hash,
    text,
    title,
    url: input.url?.trim() || undefined,
    source: input.source?.trim() || undefined,
    published: parsePublished(input.published),
    lang: input.lang?.trim().toLowerCase().slice(0, 2) || undefined,
    origin: input.origin,
    words: fp.words,
    minhash: fp.minhash,
    bandKeys: fp.bandKeys,
    keyTerms: fp.keyTerms,
    vectorTerms: fp.vectorTerms,
    vectorWeights: fp.vectorWeights,
  };
}

/**
 * The slots with their records' index lists as Float64Arrays, as records decoded from the
 * fingerprint worker carry them: a batch mixing both kinds would make the store's write path
 * read the lists polymorphically, boxing every element. The lists of all the slots are views of
 * one buffer (one allocation instead of three per record).
 *
 * @example
 * ```ts
 * const slots = withFloat64Lists(fingerprintBatch(inputs, settings));
 * ```
 */
export function withFloat64Lists(slots: FingerprintSlot[]): FingerprintSlot[] {
  let total = 0;
  for (const slot of slots) {
    if (!('record' in slot)) continue;
    const r = slot.record;
    total += r.bandKeys.length + r.keyTerms.length + r.vectorTerms.length;
  }
  const buf = new Float64Array(total);
  let at = 0;
  const view = (list: IntList): Float64Array => {
    const v = buf.subarray(at, at + list.length);
    v.set(list);
    at += list.length;
    return v;
  };
  return slots.map((slot) => {
    if (!('record' in slot)) return slot;
    const r = slot.record;
    return {
      record: {
        ...r,
        bandKeys: view(r.bandKeys),
        keyTerms: view(r.keyTerms),
        vectorTerms: view(r.vectorTerms),
      },
    };
  });
}

/** One input's result: its record, or the error as plain data (errors do not cross threads intact). */
export type FingerprintSlot =
  | { record: ArticleRecord }
  | { error: { code: string; message: string; source?: string } };

/**
 * Turns a batch of inputs into records, keeping each failure in its slot so one bad input never
 * stops the batch. Runs on the calling thread or in the fingerprint worker.
 *
 * @example
 * ```ts
 * const slots = fingerprintBatch([{ text: 'Dock workers…' }, { text: '' }], settings);
 * // [{ record: {…} }, { error: { code: 'INPUT_EMPTY', … } }]
 * ```
 */
export function fingerprintBatch(inputs: CorpusInput[], settings: StoreSettings): FingerprintSlot[] {
  return inputs.map((input, i) => {
    try {
      return { record: toRecord(input, settings) };
    } catch (err) {
      const origin = input?.origin ?? input?.id ?? `input ${i + 1}`;
      const e = toStorydiffError(err, origin);
      return { error: { code: e.code, message: e.message, source: e.source } };
    }
  });
}
