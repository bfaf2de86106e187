import { describe, expect, it } from 'vitest';
import { endingsOf, isInflectedWord, isInflectionOnly } from '../../scripts/lib/inflection.js';

describe('inflections', () => {
  const pl = endingsOf(['pl']);
  const de = endingsOf(['de']);
  it('counts listed endings added to a stem and apostrophe endings, conservatively', () => {
    expect(isInflectedWord('Chin', 'Chiny', pl)).toBe(true);
    expect(isInflectedWord('Land', 'Lande', de)).toBe(true);
    expect(isInflectedWord("Wuhan'da", "Wuhan'dan", endingsOf(['tr']))).toBe(true);
    expect(isInflectedWord("ABD'den", 'ABD’de', endingsOf([]))).toBe(true);
    expect(isInflectedWord('Chin', 'Chiny', de)).toBe(false); // not a German ending
    expect(isInflectedWord('Polska', 'Polski', pl)).toBe(false); // a replaced ending: not counted
    expect(isInflectedWord('Baerbock', 'Berbock', de)).toBe(false);
    expect(isInflectedWord('Christ', 'Christians', endingsOf(['en']))).toBe(false); // derivation
    expect(isInflectedWord('Diplomaten', 'Diplomatenmit', de)).toBe(false); // glued words
    expect(isInflectedWord('Zu', 'Zus', de)).toBe(false); // stem too short
    expect(isInflectedWord('Bren', 'Brenn', de)).toBe(false); // a doubled letter is a misspelling
  });

  it('judges an entity by all its forms, ignoring a surname alone', () => {
    // Chiny and Chinami are not one another's inflection, but both are Chin's: one word
    expect(isInflectionOnly(['Chiny'], ['Chin', 'Chinami'], ['pl'])).toBe(true);
    expect(isInflectionOnly(['Chiny'], ['Chin', 'Chinesen Verband'], ['pl'])).toBe(false);
    expect(isInflectionOnly(['Viktor Orban', 'Orban'], ['Viktor Orbans'], ['de', 'en'])).toBe(true);
    expect(isInflectionOnly(['Donald Trump’a', "Trump'tan"], ["Donald Trump'ın"], ['tr'])).toBe(true);
    expect(isInflectionOnly(['Annalena Baerbock'], ['Analena Berbock'], ['de'])).toBe(false);
    expect(isInflectionOnly(['Pell'], ['Pell'], ['en'])).toBe(false); // one form: nothing to judge
  });
});
