import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../../src/text/fold.js';
import { normalizeText } from '../../src/text/normalize.js';

describe('normalizeText', () => {
  it('returns an empty string for empty or blank input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' \n\t\r\n \u00A0 ')).toBe('');
  });

  it('unifies line endings and collapses blank lines to one', () => {
    expect(normalizeText('Harbour reopens.\r\nShips wait.\rCrews rest.')).toBe(
      'Harbour reopens.\nShips wait.\nCrews rest.',
    );
    expect(normalizeText('First.\n\n\n\n\nSecond.')).toBe('First.\n\nSecond.');
    expect(normalizeText('First.\n  \n \t \nSecond.')).toBe('First.\n\nSecond.');
  });

  it('treats NEL and U+2028 as line breaks and U+2029 as a paragraph break', () => {
    expect(normalizeText('a\u0085b\u2028c\u2029d')).toBe('a\nb\nc\n\nd');
  });

  it('removes BOM, zero-width, bidi and control characters', () => {
    expect(normalizeText('\uFEFFMayor\u200B re\u00ADelected\u200E in\u0007 vote\u009F.')).toBe(
      'Mayor reelected in vote.',
    );
    expect(normalizeText('\u202Bعاجل\u202C')).toBe('عاجل');
  });

  it('turns tabs and every Unicode space into one ASCII space', () => {
    expect(normalizeText('10\u00A0000\u2009km\u3000away\t\there')).toBe('10 000 km away here');
  });

  it('trims each line and the whole text', () => {
    expect(normalizeText('   Ferry   delayed .  \n   Storm   warning  ')).toBe(
      'Ferry delayed .\nStorm warning',
    );
  });

  it('applies NFC', () => {
    expect(normalizeText('Cafe\u0301 owner')).toBe('Café owner');
  });

  it('replaces lone surrogates instead of keeping broken text', () => {
    expect(normalizeText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(normalizeText('ok 😀')).toBe('ok 😀');
  });

  it('is idempotent', () => {
    const raw = ' \uFEFFLine one\u00A0 text \r\n\r\n\r\n  Line\ttwo\u200B. \u2029 end ';
    const once = normalizeText(raw);
    expect(normalizeText(once)).toBe(once);
  });

  it('copes with a long hostile string', () => {
    const raw = `${'\u0001 \u200B\u00A0'.repeat(20_000)}x${'\n'.repeat(50_000)}y`;
    expect(normalizeText(raw)).toBe('x\n\ny');
  });
});

describe('foldForMatch', () => {
  it('lower-cases and strips diacritics', () => {
    expect(foldForMatch('Zürich Café ÉLYSÉE São Paulo')).toBe('zurich cafe elysee sao paulo');
  });

  it('unifies apostrophes and quotes', () => {
    expect(foldForMatch('Minister’s')).toBe("minister's");
    expect(foldForMatch('‘yes’ “no” «oui» „ja“')).toBe(`'yes' "no" "oui" "ja"`);
  });

  it('maps ß to ss and compatibility forms to plain ones', () => {
    expect(foldForMatch('Straße STRAẞE')).toBe('strasse strasse');
    expect(foldForMatch('ﬁnal ＡＢＣ１２３')).toBe('final abc123');
  });

  it('drops Arabic hamza carriers and harakat, Hebrew points', () => {
    expect(foldForMatch('أعلنت')).toBe('اعلنت');
    expect(foldForMatch('إلى')).toBe('الى');
    expect(foldForMatch('كَتَبَ')).toBe('كتب');
    expect(foldForMatch('שָׁלוֹם')).toBe('שלום');
  });

  it('keeps й distinct from и but folds ё to е', () => {
    expect(foldForMatch('Мой')).toBe('мой');
    expect(foldForMatch('Всё')).toBe('все');
  });

  it('keeps Indic vowel signs, kana voicing and Hangul intact', () => {
    expect(foldForMatch('सरकार')).toBe('सरकार');
    expect(foldForMatch('ガス')).toBe('ガス');
    expect(foldForMatch('ｶﾞｽ')).toBe('ガス');
    expect(foldForMatch('정부')).toBe('정부');
  });

  it('handles Turkish dotted capital I', () => {
    expect(foldForMatch('İstanbul')).toBe('istanbul');
  });
});
