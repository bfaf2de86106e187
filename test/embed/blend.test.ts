import { describe, expect, it } from 'vitest';
import {
  compare,
  compareWithEncoder,
  sentenceSimilarity,
  sentenceSimilarityWith,
} from '../../src/compare/compare.js';
import { analyze } from '../../src/doc/analyze.js';
import type { Encoder } from '../../src/embed/encoder.js';
import { staticEncoder } from '../../src/embed/static.js';
import { PARAPHRASE } from './helpers.js';

/** An encoder that counts its calls and claims English only. */
function englishOnly(calls: string[][]): Encoder {
  return {
    name: 'toy-en@1',
    dim: 2,
    languages: ['en'],
    async encode(texts) {
      calls.push(texts);
      return texts.map(() => Float32Array.of(1, 0));
    },
  };
}

describe('encoders in sentence similarity and comparison', () => {
  it('sentenceSimilarityWith blends the cosine into the lexical similarity', async () => {
    const enc = staticEncoder();
    const lex = sentenceSimilarity(PARAPHRASE.a, PARAPHRASE.b);
    const both = await sentenceSimilarityWith(PARAPHRASE.a, PARAPHRASE.b, enc);
    const other = await sentenceSimilarityWith(PARAPHRASE.a, PARAPHRASE.unrelated, enc);
    expect(both).toBeGreaterThan(lex);
    expect(both).toBeGreaterThan(other);
    expect(await sentenceSimilarityWith(PARAPHRASE.a, PARAPHRASE.b, enc, { weight: 0 })).toBeCloseTo(lex, 10);
  });

  it('does not use an encoder outside its languages, and says what was used', async () => {
    const calls: string[][] = [];
    const enc = englishOnly(calls);
    const de = analyze({
      text: 'Der Rat hat den Haushalt gebilligt. Die Schulen bekommen mehr Geld.',
      lang: 'de',
    });
    const en = analyze({ text: 'The council approved the budget. Schools get more money.', lang: 'en' });
    const cmp = await compareWithEncoder(de, en, enc);
    // Not the English-only encoder: across languages the comparison falls back to anchors.
    expect(cmp.encoder).toBe('anchors@1');
    expect(calls).toEqual([]);
    expect(await sentenceSimilarityWith('Der Rat tagte.', 'Der Rat tagte heute.', enc, { lang: 'de' })).toBe(
      sentenceSimilarity('Der Rat tagte.', 'Der Rat tagte heute.', { lang: 'de' }),
    );
    const forced = await compareWithEncoder(de, en, enc, { anyLanguage: true });
    expect(forced.encoder).toBe('toy-en@1');
    expect(calls.length).toBe(2);
  });

  it('an encoder that says everything is alike adds no links (cosines are calibrated)', async () => {
    const calls: string[][] = [];
    const a = analyze({ text: 'Alpha beta gamma. Delta epsilon zeta. Eta theta iota.', lang: 'en' });
    const b = analyze({ text: 'Kappa lambda mu. Nu xi omicron. Pi rho sigma.', lang: 'en' });
    const cmp = await compareWithEncoder(a, b, englishOnly(calls));
    expect(cmp.alignment).toEqual(compare(a, b).alignment);
  });
});
