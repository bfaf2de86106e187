import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/corpus/record.js';

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
