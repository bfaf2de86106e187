import { describe, expect, it } from 'vitest';
import { CharClass, charAt, classify } from '../../src/text/chars.js';
import { foldForMatch, foldName } from '../../src/text/fold.js';
import { scanTokens as scanFacts, tokenize } from '../../src/text/tokenize.js';

const cls = (ch: string) => classify(ch, ch.codePointAt(0) ?? 0);

describe('foldForMatch: the scripts and letters it must handle', () => {
  it('Latin with diacritics', () => {
    expect(foldForMatch('Zürich Café Élysée São Paulo Dvořák Ñandú')).toBe(
      'zurich cafe elysee sao paulo dvorak nandu',
    );
  });

  it('letters NFKD leaves whole: ß ø ł œ æ đ', () => {
    expect(foldForMatch('Straße ẞ')).toBe('strasse ss');
    expect(foldForMatch('Søren Ørsted')).toBe('soren orsted');
    expect(foldForMatch('Łódź Wałęsa')).toBe('lodz walesa');
    expect(foldForMatch('Œuvre cœur')).toBe('oeuvre coeur');
    expect(foldForMatch('Æsir Cæsar')).toBe('aesir caesar');
    expect(foldForMatch('Đoković Đinđić')).toBe('dokovic dindic');
  });

  it('Turkish dotted and dotless i', () => {
    expect(foldForMatch('İstanbul')).toBe('istanbul');
    expect(foldForMatch('Diyarbakır ISPARTA ığdır')).toBe('diyarbakir isparta igdir');
  });

  it('Greek', () => {
    expect(foldForMatch('Αθήνα')).toBe('αθηνα');
    expect(foldForMatch('ΚΥΒΈΡΝΗΣΗ')).toBe('κυβερνηση');
  });

  it('Cyrillic: й kept, ё folded', () => {
    expect(foldForMatch('Москва Всё Мой')).toBe('москва все мой');
    expect(foldForMatch('Київ')).toBe('киів');
  });

  it('Arabic', () => {
    expect(foldForMatch('أعلنت الحكومة')).toBe('اعلنت الحكومة');
  });

  it('CJK is unchanged; full-width forms are unified', () => {
    expect(foldForMatch('北京')).toBe('北京');
    expect(foldForMatch('ガス')).toBe('ガス');
    expect(foldForMatch('정부')).toBe('정부');
    expect(foldForMatch('ＡＢＣ')).toBe('abc');
  });

  it('is idempotent', () => {
    for (const s of ['Søren Łódź', 'İstanbul', 'Всё', 'Straße', 'أعلنت', 'ｶﾞｽ'])
      expect(foldForMatch(foldForMatch(s))).toBe(foldForMatch(s));
  });
});

describe('foldName', () => {
  it('is the base fold plus the punctuation of names', () => {
    expect(foldName('Søren')).toBe(foldForMatch('Søren'));
    expect(foldName('U.S.')).toBe('us');
    expect(foldName('Guinea-Bissau')).toBe('guinea bissau');
    expect(foldName('Iran’s')).toBe('iran');
  });
});

describe('one fold across the layers', () => {
  it('gives the text tokeniser and the fact scanner the same norms', () => {
    const s = 'Søren Łódź Œuvre İstanbul Straße Αθήνα Москва';
    const words = tokenize(s, 0, 'und').map((t) => t.norm);
    const facts = scanFacts(s, 0).map((t) => t.n);
    expect(facts).toEqual(words);
  });
});

describe('classify', () => {
  it('classes code points of every script', () => {
    expect(cls('a')).toBe(CharClass.Letter);
    expect(cls('ł')).toBe(CharClass.Letter);
    expect(cls('Ω')).toBe(CharClass.Letter);
    expect(cls('ж')).toBe(CharClass.Letter);
    expect(cls('ع')).toBe(CharClass.Letter);
    expect(cls('漢')).toBe(CharClass.Ideo);
    expect(cls('カ')).toBe(CharClass.Ideo);
    expect(cls('7')).toBe(CharClass.Digit);
    expect(cls('٣')).toBe(CharClass.Digit);
    expect(cls('\u00A0')).toBe(CharClass.Space);
    expect(cls('’')).toBe(CharClass.Apostrophe);
    expect(cls('%')).toBe(CharClass.Symbol);
    expect(cls(',')).toBe(CharClass.Punct);
    expect(cls('\u0301')).toBe(CharClass.Mark);
    expect(cls('\u200D')).toBe(CharClass.Skip);
  });

  it('charAt steps over astral characters whole', () => {
    expect(charAt('a😀b', 1)).toBe('😀');
    expect(charAt('a😀b', 0)).toBe('a');
  });
});
