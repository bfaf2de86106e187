import { describe, expect, it } from 'vitest';
import {
  apostropheStem,
  capitalisesNouns,
  isCommonNoun,
  nameStems,
  nameWordSimilarity,
  sameSpelling,
} from '../../src/extract/names.js';

describe('apostropheStem', () => {
  it('cuts a lower-case suffix after an apostrophe, straight or curly', () => {
    expect(apostropheStem("Wuhan'da")).toBe('Wuhan');
    expect(apostropheStem('ABD’den')).toBe('ABD');
    expect(apostropheStem("Blinken's")).toBe('Blinken');
  });
  it('keeps a capital after the apostrophe and words without one', () => {
    expect(apostropheStem("O'Brien")).toBe("O'Brien");
    expect(apostropheStem("D'Alema")).toBe("D'Alema");
    expect(apostropheStem('Kowalski')).toBe('Kowalski');
    // An apostrophe at the start leaves nothing to cut from.
    expect(apostropheStem("'tis")).toBe("'tis");
  });
});

describe('sameSpelling: an inflection is the same spelling', () => {
  it('Polish case endings and alternations', () => {
    expect(sameSpelling('chin', 'chiny', ['pl'])).toBe(true);
    expect(sameSpelling('kowalczyk', 'kowalczyka', ['pl'])).toBe(true);
    expect(sameSpelling('wroblewskiego', 'wroblewski', ['pl'])).toBe(true);
    expect(sameSpelling('gdynia', 'gdyni', ['pl'])).toBe(true);
    expect(sameSpelling('bialka', 'bialce', ['pl'])).toBe(true);
  });
  it('German case and plural endings, and umlauts transcribed', () => {
    expect(sameSpelling('land', 'lande', ['de'])).toBe(true);
    expect(sameSpelling('jahr', 'jahren', ['de'])).toBe(true);
    expect(sameSpelling('grunwalds', 'grunwald', ['de'])).toBe(true);
    expect(sameSpelling('schafer', 'schaefer', ['de'])).toBe(true);
  });
  it('Turkish endings, with or without the apostrophe, and the softened final consonant', () => {
    expect(sameSpelling("wuhan'da", "wuhan'dan", ['tr'])).toBe(true);
    expect(sameSpelling("abd'den", 'abd', [])).toBe(true);
    expect(sameSpelling('belediyesine', 'belediye', ['tr'])).toBe(true);
    expect(sameSpelling('bakanligi', 'bakanlik', ['tr'])).toBe(true);
  });
  it('Finnish case endings', () => {
    expect(sameSpelling('virtanen', 'virtasen', ['fi'])).toBe(false); // stem change: not claimed
    expect(sameSpelling('lahtinen', 'lahtinen', ['fi'])).toBe(true);
    expect(sameSpelling('koivistolle', 'koivisto', ['fi'])).toBe(true);
    expect(sameSpelling('tampereella', 'tampereelta', ['fi'])).toBe(true);
  });
  it('misspellings stay different, and endings apply only in their language', () => {
    expect(sameSpelling('baerbock', 'berbock', ['de'])).toBe(false);
    expect(sameSpelling('bairbock', 'berbock', ['de', 'en'])).toBe(false);
    expect(sameSpelling('kowalczyk', 'kowalczyka', ['en'])).toBe(false);
    // Too short a stem is never cut: "Ute" is no inflection of "Uta".
    expect(sameSpelling('ute', 'uta', ['de', 'pl'])).toBe(false);
  });
  it('nameStems lists the word and its stems', () => {
    expect([...nameStems('chiny', ['pl'])]).toEqual(['chiny', 'chin']);
    expect([...nameStems('marsh', [])]).toEqual(['marsh']);
  });
});

describe('isCommonNoun: German capitalises every noun', () => {
  it('knows frequent nouns, inflected, and noun suffixes', () => {
    for (const w of ['jahr', 'jahren', 'lande', 'silvesternacht', 'rettungskrafte', 'untersuchung', 'fahrer'])
      expect(isCommonNoun(w, 'de'), w).toBe(true);
  });
  it('leaves names alone, and every language without the lists', () => {
    for (const w of ['baerbock', 'scholz', 'pell', 'kraft']) expect(isCommonNoun(w, 'de'), w).toBe(false);
    expect(isCommonNoun('silvesternacht', 'en')).toBe(false);
    expect(isCommonNoun('jahr', 'pl')).toBe(false);
  });
  it('capitalisesNouns is true for German only among the shipped languages', () => {
    expect(capitalisesNouns('de')).toBe(true);
    expect(capitalisesNouns('de-AT')).toBe(true);
    for (const l of ['en', 'pl', 'tr', 'fi', 'fr']) expect(capitalisesNouns(l), l).toBe(false);
  });
});

describe('nameWordSimilarity', () => {
  it('rates transliterations up by sound', () => {
    expect(nameWordSimilarity('baerbock', 'berbock')).toBeGreaterThan(0.9);
  });
});
