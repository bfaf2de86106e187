import { describe, expect, it } from 'vitest';
import * as text from '../../src/text/index.js';

describe('text index', () => {
  it('re-exports the public API', () => {
    for (const name of [
      'normalizeText',
      'foldForMatch',
      'splitParagraphs',
      'segment',
      'segmentList',
      'tokenize',
      'stem',
      'porter2',
      'isStopword',
      'stopwords',
      'detectLanguage',
      'loadLanguageDetector',
      'isLanguageDetectorLoaded',
    ]) {
      expect(typeof (text as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(text.SUPPORTED_LANGS).toContain('en');
    expect(text.DEFAULT_MAX_SENTENCE_CHARS).toBe(1500);
  });

  it('runs the whole pipeline on a small article', () => {
    const raw =
      '\uFEFFLONDON (Reuters) - Mr. Hale’s firm, Hale Ltd., said on Monday it would cut 1,200 jobs.\r\n\r\n"We had no choice," he said.';
    const t = text.normalizeText(raw);
    const { sentences, paragraphs } = text.segment(t, { lang: 'en' });
    expect(sentences.map((s) => s.text)).toEqual([
      'LONDON (Reuters) - Mr. Hale’s firm, Hale Ltd., said on Monday it would cut 1,200 jobs.',
      '"We had no choice," he said.',
    ]);
    expect(paragraphs).toHaveLength(2);
    const toks = sentences.flatMap((s) => text.tokenize(s.text, s.start, 'en'));
    for (const tok of toks) expect(t.slice(tok.start, tok.end)).toBe(tok.text);
    expect(toks.find((x) => x.text === '1,200')?.kind).toBe('number');
    expect(toks.find((x) => x.text === 'no')?.stop).toBe(false);
  });
});
