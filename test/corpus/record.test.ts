import { describe, expect, it } from 'vitest';
import { makeSettings } from '../../src/corpus/fingerprint.js';
import { cleanText, fingerprintBatch, packRecords } from '../../src/corpus/record.js';

describe('cleanText', () => {
  it('agrees with full NFC normalisation on every character below U+0300 and every pair of them', () => {
    // The fast path skips normalize() when no code unit is U+0300 or above: check that nothing
    // below composes or decomposes, alone or next to another such character.
    const chars = Array.from({ length: 0x300 }, (_, c) => String.fromCharCode(c)).filter((c) => c !== '\r');
    for (const a of chars) {
      expect(a.normalize('NFC')).toBe(a);
      for (const b of chars) if ((a + b).normalize('NFC') !== a + b) throw new Error(`${a}${b} changes`);
    }
  });

  it('normalises line endings, composes accents and trims', () => {
    expect(cleanText('  a\r\nb\rc  ')).toBe('a\nb\nc');
    expect(cleanText('cafe\u0301 ')).toBe('caf\u00e9');
    expect(cleanText('plain text')).toBe('plain text');
    expect(cleanText('\u212b ngstr\u00f6m')).toBe('\u00c5 ngstr\u00f6m');
  });
});

describe('packRecords', () => {
  it('moves every fingerprint array into one buffer without changing a value', () => {
    const settings = makeSettings();
    const inputs = [
      { id: 'a', text: 'Dock workers in Rotterdam ended a nine-day strike on Tuesday, the union said.' },
      { id: 'bad', text: '' },
      {
        id: 'b',
        title: 'Vote',
        text: 'The council voted 7 to 2 for the new tram line, which opens in 2027.',
      },
      { id: 'c', text: 'x' },
    ];
    const plain = fingerprintBatch(inputs, settings);
    const slots = fingerprintBatch(inputs, settings);
    const buffer = packRecords(slots);
    expect('error' in slots[1]).toBe(true);
    let bytes = 0;
    slots.forEach((slot, i) => {
      const before = plain[i];
      if (!('record' in slot) || !('record' in before)) return;
      const r = slot.record;
      for (const k of ['bandKeys', 'keyTerms', 'vectorTerms'] as const) {
        expect(r[k]).toBeInstanceOf(Float64Array);
        expect((r[k] as Float64Array).buffer).toBe(buffer);
        expect(Array.from(r[k])).toEqual(Array.from(before.record[k]));
        bytes += r[k].length * 8;
      }
      expect(r.minhash.buffer).toBe(buffer);
      expect(r.vectorWeights.buffer).toBe(buffer);
      expect(r.minhash).toEqual(before.record.minhash);
      expect(r.vectorWeights).toEqual(before.record.vectorWeights);
      bytes += r.minhash.byteLength + r.vectorWeights.byteLength;
    });
    // Exactly the arrays' bytes, nothing more.
    expect(buffer.byteLength).toBe(bytes);
  });
});
