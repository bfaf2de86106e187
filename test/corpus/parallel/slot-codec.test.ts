import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { makeSettings } from '../../../src/corpus/fingerprint.js';
import { decodeSlots, encodeSlots } from '../../../src/corpus/parallel/slot-codec.js';
import { fingerprintBatch } from '../../../src/corpus/record.js';
import type { CorpusInput } from '../../../src/corpus/types.js';

/** Invented inputs covering every field shape: absent, padded, numeric dates, bad types, empty. */
const INPUTS: CorpusInput[] = [
  {
    id: 'w-1',
    title: 'Tram vote',
    text: 'The council voted 7 to 2 for the tram line.',
    url: 'https://example.org/tram',
    source: 'Example Wire',
    published: '2024-03-05T09:30:00Z',
    lang: 'en',
    origin: 'wire.jsonl:1',
  },
  {
    text: '  Padded text,\r\nwith a CR and an accent: Jose\u0301 Ortega.  ',
    title: '  Padded  ',
    lang: ' EN-gb ',
  },
  { id: '  spaced-id ', text: 'Numbers: 1,234.5 and 2024.', published: 1_709_630_000_000 },
  { id: 'empty', text: '   ' },
  { id: 'bad-title', text: 'Fine text.', title: 42 as unknown as string },
  { id: 'no-text', text: undefined as unknown as string },
  { id: 'bad-date', text: 'Dated badly.', published: 'not a date' },
  { id: 'ünïcode', text: '東京で会議が開かれた。Der Präsident sprach.', source: 'Zeitung', lang: 'de' },
];

/** As plain data (typed arrays as arrays, undefined fields dropped), to compare. */
function plain(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
}

/** What a postMessage does to a value: a structured clone. */
function cloned<T>(v: T): T {
  return deserialize(serialize(v)) as T;
}

describe('slot columns', () => {
  it('round-trip records and failures, with fields the inputs already hold left out', () => {
    const settings = makeSettings();
    const slots = fingerprintBatch(INPUTS, settings);
    expect(slots.filter((s) => 'error' in s).length).toBeGreaterThanOrEqual(3);
    const cols = encodeSlots(slots, INPUTS);
    // Only the fields that differ from the inputs travel: the trimmed, cleaned and derived ones.
    expect(cols.strings.length).toBeLessThan(600);
    const back = decodeSlots(cloned(cols), INPUTS);
    expect(plain(back)).toEqual(plain(slots));
    back.forEach((slot, i) => {
      if (!('record' in slot)) return;
      const r = slot.record;
      const want = (slots[i] as { record: typeof r }).record;
      expect(r.minhash).toBeInstanceOf(Uint32Array);
      expect(r.bandKeys).toBeInstanceOf(Float64Array);
      expect(r.vectorWeights).toBeInstanceOf(Float32Array);
      expect(r.published).toBe(want.published);
      expect(
        Object.keys(r)
          .filter((k) => r[k as keyof typeof r] !== undefined)
          .sort(),
      ).toEqual(
        Object.keys(want)
          .filter((k) => want[k as keyof typeof want] !== undefined)
          .sort(),
      );
    });
  });

  it('encode a batch where every slot failed, and an empty one', () => {
    const bad: CorpusInput[] = [{ text: '' }, { text: 7 as unknown as string }];
    const slots = fingerprintBatch(bad, makeSettings());
    expect(decodeSlots(cloned(encodeSlots(slots, bad)), bad)).toEqual(slots);
    expect(decodeSlots(cloned(encodeSlots([], [])), [])).toEqual([]);
  });
});
