import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../../src/text/normalize.js';
import { isStopword, isStopwordAnyLanguage, STOPWORD_LANGS, stopwords } from '../../src/text/stopwords.js';

describe('stopwords', () => {
  it('has a list for each required language, of a sensible size', () => {
    expect([...STOPWORD_LANGS].sort()).toEqual([
      'ar',
      'de',
      'en',
      'es',
      'fi',
      'fr',
      'it',
      'nl',
      'pl',
      'pt',
      'ru',
      'tr',
    ]);
    for (const lang of STOPWORD_LANGS) {
      const n = stopwords(lang).size;
      expect(n, lang).toBeGreaterThanOrEqual(90);
      expect(n, lang).toBeLessThanOrEqual(260);
    }
  });

  it('stores folded forms only', () => {
    for (const lang of STOPWORD_LANGS) {
      const unfolded = [...stopwords(lang)].filter((w) => foldForMatch(w) !== w);
      expect(unfolded, lang).toEqual([]);
    }
  });

  it('contains function words but neither negations nor speech verbs', () => {
    expect(isStopword('the', 'en')).toBe(true);
    expect(isStopword("'s", 'en')).toBe(true);
    expect(isStopword('would', 'en')).toBe(true);
    expect(isStopword('said', 'en')).toBe(false);
    for (const [lang, neg] of [
      ['en', 'not'],
      ['en', 'never'],
      ['de', 'nicht'],
      ['de', 'kein'],
      ['es', 'no'],
      ['fr', 'pas'],
      ['fr', 'ne'],
      ['it', 'non'],
      ['pt', 'nao'],
      ['nl', 'niet'],
      ['pl', 'nie'],
      ['tr', 'degil'],
      ['ar', 'لا'],
      ['ru', 'не'],
      ['fi', 'ei'],
    ]) {
      expect(isStopword(neg, lang), `${lang} ${neg}`).toBe(false);
    }
    expect(isStopword('und', 'de')).toBe(true);
    expect(isStopword('fur', 'de')).toBe(true);
    expect(isStopword('tambien', 'es')).toBe(true);
    expect(isStopword('no', 'pt')).toBe(true);
    expect(isStopword('się'.normalize('NFD').replace(/\p{M}/gu, ''), 'pl')).toBe(true);
    expect(isStopword('في', 'ar')).toBe(true);
    expect(isStopword('الى', 'ar')).toBe(true);
    expect(isStopword('который', 'ru')).toBe(true);
  });

  it('ignores region subtags and returns an empty set for unknown languages', () => {
    expect(isStopword('the', 'en-US')).toBe(true);
    expect(isStopword('the', 'xx')).toBe(false);
    expect(stopwords('zh').size).toBe(0);
    expect(stopwords('und').size).toBe(0);
  });

  it('knows stop words of any language', () => {
    expect(isStopwordAnyLanguage('die')).toBe(true);
    expect(isStopwordAnyLanguage('les')).toBe(true);
    expect(isStopwordAnyLanguage('minister')).toBe(false);
  });
});
