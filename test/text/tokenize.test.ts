import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/text/tokenize.js';
import type { Token } from '../../src/text/types.js';

const kinds = (toks: Token[]): string[] => toks.map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it('returns nothing for empty or blank text', () => {
    expect(tokenize('', 0, 'en')).toEqual([]);
    expect(tokenize(' \n\t\u0001\u200B', 0, 'en')).toEqual([]);
  });

  it('gives absolute offsets, norm, stem, stop and cap', () => {
    const sentence = 'The Minister’s talks stalled.';
    const toks = tokenize(sentence, 100, 'en');
    expect(toks.map((t) => [t.text, t.norm, t.stem, t.kind, t.start, t.end, t.cap, t.stop])).toEqual([
      ['The', 'the', 'the', 'word', 100, 103, true, true],
      ['Minister', 'minister', 'minist', 'word', 104, 112, true, false],
      ['’s', "'s", "'s", 'word', 112, 114, false, true],
      ['talks', 'talks', 'talk', 'word', 115, 120, false, false],
      ['stalled', 'stalled', 'stall', 'word', 121, 128, false, false],
      ['.', '.', '.', 'punct', 128, 129, false, false],
    ]);
    const article = `Intro. ${sentence}`;
    for (const t of tokenize(sentence, 7, 'en')) expect(article.slice(t.start, t.end)).toBe(t.text);
  });

  it('keeps internal apostrophes and splits the English possessive', () => {
    expect(kinds(tokenize("Don't blame O'Brien's aides or the players' union", 0, 'en'))).toEqual([
      "word:Don't",
      'word:blame',
      "word:O'Brien",
      "word:'s",
      'word:aides',
      'word:or',
      'word:the',
      'word:players',
      "punct:'",
      'word:union',
    ]);
    // Only English has the possessive split.
    expect(kinds(tokenize("Peter's", 0, 'de'))).toEqual(["word:Peter's"]);
  });

  it('splits French and Italian elisions', () => {
    expect(kinds(tokenize("L'accord d'aujourd'hui qu'il signe", 0, 'fr'))).toEqual([
      "word:L'",
      'word:accord',
      "word:d'",
      "word:aujourd'hui",
      "word:qu'",
      'word:il',
      'word:signe',
    ]);
    const it_ = tokenize("dell'Unione e l'Italia", 0, 'it');
    expect(kinds(it_)).toEqual(["word:dell'", 'word:Unione', 'word:e', "word:l'", 'word:Italia']);
    expect(it_[0].stop).toBe(true);
  });

  it('splits hyphenated compounds into words and a hyphen', () => {
    expect(kinds(tokenize('an ultra-conservative, well‑known MP', 0, 'en'))).toEqual([
      'word:an',
      'word:ultra',
      'punct:-',
      'word:conservative',
      'punct:,',
      'word:well',
      'punct:‑',
      'word:known',
      'word:MP',
    ]);
  });

  it('keeps number separators and decimals; symbols are separate', () => {
    expect(kinds(tokenize('1,000 troops, 2.5 km, 3.000,5 Euro, v3.1.4, 10% and $2.5bn.', 0, 'en'))).toEqual([
      'number:1,000',
      'word:troops',
      'punct:,',
      'number:2.5',
      'word:km',
      'punct:,',
      'number:3.000,5',
      'word:Euro',
      'punct:,',
      'word:v',
      'number:3.1.4',
      'punct:,',
      'number:10',
      'symbol:%',
      'word:and',
      'symbol:$',
      'number:2.5',
      'word:bn',
      'punct:.',
    ]);
  });

  it('folds non-ASCII digits to ASCII in norm', () => {
    const toks = tokenize('٣٠ ٢٫٥ ۱۲ १२ １２', 0, 'ar');
    expect(toks.map((t) => [t.kind, t.norm])).toEqual([
      ['number', '30'],
      ['number', '2.5'],
      ['number', '12'],
      ['number', '12'],
      ['number', '12'],
    ]);
  });

  it('makes each Han and kana character a word, keeps Hangul runs whole', () => {
    expect(kinds(tokenize('政府は税を上げた。', 0, 'ja'))).toEqual([
      'word:政',
      'word:府',
      'word:は',
      'word:税',
      'word:を',
      'word:上',
      'word:げ',
      'word:た',
      'punct:。',
    ]);
    expect(kinds(tokenize('新华社报道', 0, 'zh'))).toHaveLength(5);
    expect(kinds(tokenize('정부는 화요일 발표했다', 0, 'ko'))).toEqual([
      'word:정부는',
      'word:화요일',
      'word:발표했다',
    ]);
    expect(kinds(tokenize('iPhone销量', 0, 'zh'))).toEqual(['word:iPhone', 'word:销', 'word:量']);
  });

  it('keeps Thai, Lao and Khmer runs as one token', () => {
    expect(kinds(tokenize('รัฐบาลประกาศ วันนี้', 0, 'th'))).toEqual(['word:รัฐบาลประกาศ', 'word:วันนี้']);
    expect(tokenize('ລັດຖະບານ', 0, 'lo')).toHaveLength(1);
    expect(tokenize('រដ្ឋាភិបាល', 0, 'km')).toHaveLength(1);
  });

  it('handles Arabic and Hebrew words with stems and stop words', () => {
    const toks = tokenize('أعلنت الحكومة في بيان', 0, 'ar');
    expect(toks.map((t) => [t.norm, t.stem, t.stop])).toEqual([
      ['اعلنت', 'اعلنت', false],
      ['الحكومة', 'حكوم', false],
      ['في', 'في', true],
      ['بيان', 'بيان', false],
    ]);
    expect(kinds(tokenize('הממשלה הודיעה.', 0, 'he'))).toEqual(['word:הממשלה', 'word:הודיעה', 'punct:.']);
  });

  it('turns emoji (with modifiers, joiners and flags) and other symbols into symbol tokens', () => {
    expect(kinds(tokenize('Win 👍🏽 🇺🇦 👨‍👩‍👧 ❤️ © + €5', 0, 'en'))).toEqual([
      'word:Win',
      'symbol:👍🏽',
      'symbol:🇺🇦',
      'symbol:👨‍👩‍👧',
      'symbol:❤️',
      'symbol:©',
      'symbol:+',
      'symbol:€',
      'number:5',
    ]);
  });

  it('marks quotes and punctuation as punct', () => {
    expect(
      kinds(tokenize('“Yes,” she said — «oui» (ok)!', 0, 'en')).filter((k) => k.startsWith('punct')),
    ).toEqual([
      'punct:“',
      'punct:,',
      'punct:”',
      'punct:—',
      'punct:«',
      'punct:»',
      'punct:(',
      'punct:)',
      'punct:!',
    ]);
  });

  it('sets cap from the first character and folds diacritics in norm', () => {
    const toks = tokenize('Élysée ärger Ärger', 0, 'de');
    expect(toks.map((t) => [t.norm, t.cap])).toEqual([
      ['elysee', true],
      ['arger', false],
      ['arger', true],
    ]);
  });

  it('is linear and safe on hostile input', () => {
    const long = `${'a'.repeat(50_000)} ${"x'".repeat(20_000)} ${'1.'.repeat(20_000)} ${'😀\u200D'.repeat(5_000)}`;
    const toks = tokenize(long, 0, 'fr');
    let prev = 0;
    for (const t of toks) {
      expect(t.start).toBeGreaterThanOrEqual(prev);
      expect(t.end).toBeGreaterThan(t.start);
      prev = t.end;
    }
    expect(toks[0].text).toHaveLength(50_000);
  });

  it('covers every letter and digit of generated text exactly once', () => {
    const parts = [
      'Bürger',
      "l'eau",
      '3.5',
      '%',
      '中',
      'ガ',
      '한국',
      '😀',
      '-',
      '’s',
      'x\u0301',
      '\u0007',
      '١٢',
      'ß',
    ];
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let n = 0; n < 200; n++) {
      let s = '';
      for (let k = 0; k < 30; k++) s += parts[Math.floor(rnd() * parts.length)] + (rnd() < 0.5 ? ' ' : '');
      const toks = tokenize(s, 5, rnd() < 0.5 ? 'en' : 'fr');
      const covered = new Uint8Array(s.length);
      let prev = 5;
      for (const t of toks) {
        expect(t.start).toBeGreaterThanOrEqual(prev);
        prev = t.end;
        expect(s.slice(t.start - 5, t.end - 5)).toBe(t.text);
        covered.fill(1, t.start - 5, t.end - 5);
      }
      for (let i = 0; i < s.length; i++) {
        if (/[\p{L}\p{N}]/u.test(s[i])) expect(covered[i]).toBe(1);
      }
    }
  });
});
