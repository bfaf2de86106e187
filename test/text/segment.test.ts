import { describe, expect, it } from 'vitest';
import { StorydiffError } from '../../src/errors.js';
import { normalizeText } from '../../src/text/normalize.js';
import { type Segmentation, segment, segmentList, splitParagraphs } from '../../src/text/segment.js';

const texts = (s: string, lang?: string): string[] => segment(s, { lang }).sentences.map((x) => x.text);

/** The invariants every segmentation must satisfy (plain checks: this runs on 20,000-sentence texts). */
function checkInvariants(text: string, r: Segmentation, max = 1500): void {
  const errors: string[] = [];
  const fail = (msg: string): void => {
    if (errors.length < 5) errors.push(msg);
  };
  const covered = new Uint8Array(text.length);
  let prevEnd = 0;
  r.sentences.forEach((s, i) => {
    if (s.index !== i) fail(`sentence ${i} has index ${s.index}`);
    if (s.text !== text.slice(s.start, s.end)) fail(`sentence ${i} is not its slice`);
    if (s.text.length === 0 || s.text.length > max) fail(`sentence ${i} has length ${s.text.length}`);
    if (s.text !== s.text.trim()) fail(`sentence ${i} is not trimmed`);
    if (s.start < prevEnd) fail(`sentence ${i} overlaps the previous one`);
    prevEnd = s.end;
    const p = r.paragraphs[s.paragraph];
    if (!p || i < p.sentences[0] || i > p.sentences[p.sentences.length - 1])
      fail(`sentence ${i} not in its paragraph`);
    else if (s.start < p.start || s.end > p.end) fail(`sentence ${i} outside its paragraph range`);
    covered.fill(1, s.start, s.end);
  });
  let next = 0;
  r.paragraphs.forEach((p, i) => {
    if (p.index !== i) fail(`paragraph ${i} has index ${p.index}`);
    if (p.sentences.length === 0) fail(`paragraph ${i} is empty`);
    for (const k of p.sentences) {
      if (k !== next) fail(`paragraph ${i} sentences not contiguous`);
      next = k + 1;
    }
    if (i > 0 && p.start < r.paragraphs[i - 1].end) fail(`paragraph ${i} overlaps`);
  });
  if (next !== r.sentences.length) fail('paragraphs do not cover all sentences');
  for (let i = 0; i < text.length; i++) {
    if (!covered[i] && !/\s/.test(text[i])) {
      fail(`char ${i} (${JSON.stringify(text[i])}) is in no sentence`);
      break;
    }
  }
  expect(errors).toEqual([]);
}

describe('splitParagraphs', () => {
  it('uses blank lines when there are any; single newlines are wraps', () => {
    const t = 'Storm hits coast\nin the night.\n\nRoads closed.\nSchools shut.';
    expect(splitParagraphs(t).map((p) => t.slice(p.start, p.end))).toEqual([
      'Storm hits coast\nin the night.',
      'Roads closed.\nSchools shut.',
    ]);
  });

  it('makes every non-empty line a paragraph when there is no blank line', () => {
    const t = 'Headline here\nFirst paragraph.\nSecond paragraph.';
    expect(splitParagraphs(t).map((p) => t.slice(p.start, p.end))).toEqual([
      'Headline here',
      'First paragraph.',
      'Second paragraph.',
    ]);
  });

  it('returns ranges trimmed of spaces and nothing for empty text', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs('  \n \n')).toEqual([]);
    expect(splitParagraphs('  One  ')).toEqual([{ start: 2, end: 5 }]);
  });

  it('ignores blank lines before the first and after the last paragraph', () => {
    const t = '\n\nOnly line\nSecond line\n\n';
    expect(splitParagraphs(t).map((p) => t.slice(p.start, p.end))).toEqual(['Only line', 'Second line']);
  });
});

describe('segment: basics', () => {
  it('returns nothing for empty or blank text', () => {
    expect(segment('')).toEqual({ sentences: [], paragraphs: [] });
    expect(segment('   \n\n  ')).toEqual({ sentences: [], paragraphs: [] });
  });

  it('splits simple sentences and keeps exact offsets', () => {
    const t = 'The dam held. Villagers returned home! Will the rain stop?';
    const r = segment(t);
    expect(r.sentences.map((s) => s.text)).toEqual([
      'The dam held.',
      'Villagers returned home!',
      'Will the rain stop?',
    ]);
    expect(r.sentences[1]).toMatchObject({ start: 14, end: 38, paragraph: 0, index: 1 });
    checkInvariants(t, r);
  });

  it('never crosses a paragraph boundary, even without a full stop', () => {
    const t = 'Quake strikes island\n\nNo tsunami warning was issued. Residents stayed calm';
    const r = segment(t);
    expect(r.sentences.map((s) => [s.text, s.paragraph])).toEqual([
      ['Quake strikes island', 0],
      ['No tsunami warning was issued.', 1],
      ['Residents stayed calm', 1],
    ]);
    expect(r.paragraphs.map((p) => p.sentences)).toEqual([[0], [1, 2]]);
  });

  it('lets sentences run across line wraps inside a paragraph', () => {
    const t = 'The council voted\nto close the bridge. Repairs\nstart soon.\n\nTraffic will divert.';
    expect(texts(t)).toEqual([
      'The council voted\nto close the bridge.',
      'Repairs\nstart soon.',
      'Traffic will divert.',
    ]);
  });

  it('rejects a bad maxSentenceChars with a USAGE error', () => {
    expect(() => segment('Text.', { maxSentenceChars: 0 })).toThrow(StorydiffError);
    expect(() => segment('Text.', { maxSentenceChars: Number.NaN })).toThrowError(/maxSentenceChars/);
    try {
      segment('Text.', { maxSentenceChars: -5 });
    } catch (e) {
      expect((e as StorydiffError).code).toBe('USAGE');
    }
    expect(segment('Text.', { maxSentenceChars: undefined }).sentences).toHaveLength(1);
  });
});

describe('segment: abbreviations and initials', () => {
  it('does not split after titles', () => {
    expect(texts('Mr. Okafor met Mrs. Lind and Dr. Raines at noon. Gen. Tarrow and Sen. Bly left.')).toEqual([
      'Mr. Okafor met Mrs. Lind and Dr. Raines at noon.',
      'Gen. Tarrow and Sen. Bly left.',
    ]);
    expect(
      texts('Prof. Hale, Capt. Ruiz, Lt. Moss, Col. Dane and Sgt. Pike spoke. Gov. Abe agreed.'),
    ).toHaveLength(2);
    expect(texts('Rep. Nunez and Pres. Vale met Ms. Kato. They talked.')).toHaveLength(2);
  });

  it('keeps country abbreviations inside a sentence and splits after them before a function word', () => {
    expect(texts('The U.S. envoy and the U.N. team flew to the E.U. summit. It ended late.')).toEqual([
      'The U.S. envoy and the U.N. team flew to the E.U. summit.',
      'It ended late.',
    ]);
    expect(texts('Exports to the U.K. fell. The pound rose.')).toEqual([
      'Exports to the U.K. fell.',
      'The pound rose.',
    ]);
    expect(texts('Prices rose in the U.S. The Fed acted quickly.')).toEqual([
      'Prices rose in the U.S.',
      'The Fed acted quickly.',
    ]);
    expect(texts('She moved to the U.S. President Ames welcomed her.')).toHaveLength(1);
  });

  it('handles company suffixes, Jr./Sr., St., Mt. and No.', () => {
    expect(
      texts('Borealis Corp. and Vantor Inc. signed with Glint Ltd. and Tamsin Co. on Friday. Shares rose.'),
    ).toEqual([
      'Borealis Corp. and Vantor Inc. signed with Glint Ltd. and Tamsin Co. on Friday.',
      'Shares rose.',
    ]);
    expect(texts('The deal went to Harlow Inc. The rival lost.')).toEqual([
      'The deal went to Harlow Inc.',
      'The rival lost.',
    ]);
    expect(texts('Owen Marsh Jr. spoke in St. Louis near Mt. Hood. It rained.')).toHaveLength(2);
    expect(texts('It ranked No. 3 in the poll. He said no. Then he left.')).toEqual([
      'It ranked No. 3 in the poll.',
      'He said no.',
      'Then he left.',
    ]);
  });

  it('handles Latin abbreviations, a.m./p.m. and months', () => {
    expect(texts('Some crops, e.g. wheat, failed, i.e. most of them. Aid came.')).toHaveLength(2);
    expect(texts('Apples, pears etc. were sold. Prices fell.')).toHaveLength(2);
    expect(texts('Apples, pears, etc. The stall closed.')).toEqual([
      'Apples, pears, etc.',
      'The stall closed.',
    ]);
    expect(texts('Clubs vs. councils is the fight. It goes on.')).toHaveLength(2);
    expect(texts('The vote is at 9 a.m. Tuesday and ends at 6 p.m. local time. Polls open early.')).toEqual([
      'The vote is at 9 a.m. Tuesday and ends at 6 p.m. local time.',
      'Polls open early.',
    ]);
    expect(texts('Doors open at 7 p.m. Police will patrol.')).toEqual([
      'Doors open at 7 p.m.',
      'Police will patrol.',
    ]);
    expect(
      texts('The law takes effect on Jan. 1 and expires Sept. 30. Critics object. On Aug. 2 it was signed.'),
    ).toEqual([
      'The law takes effect on Jan. 1 and expires Sept. 30.',
      'Critics object.',
      'On Aug. 2 it was signed.',
    ]);
  });

  it('keeps initials with the name', () => {
    expect(texts('George W. Bush spoke. J. R. R. Tolkien fans cheered. Anna K. Berg agreed.')).toEqual([
      'George W. Bush spoke.',
      'J. R. R. Tolkien fans cheered.',
      'Anna K. Berg agreed.',
    ]);
    expect(texts('Aide John P. Smith and Vladimir V. Orlov resigned. Nobody knew why.')).toHaveLength(2);
    expect(texts('The plan has a code name, Plan B. The rest is secret.')).toEqual([
      'The plan has a code name, Plan B.',
      'The rest is secret.',
    ]);
  });

  it('handles German, Spanish and French abbreviations', () => {
    expect(
      texts('Die Stadt plant z.B. neue Radwege bzw. breitere Gehwege. Der Rat stimmt zu.', 'de'),
    ).toHaveLength(2);
    expect(texts('Dr. Weber und Prof. Lang kamen. Sie sprachen lange.', 'de')).toHaveLength(2);
    expect(texts('La Sra. Ortega y el Sr. Ruiz llegaron. Hablaron con la prensa.', 'es')).toHaveLength(2);
    expect(texts('M. Garnier et Mme Roux sont venus. Ils ont parlé.', 'fr')).toEqual([
      'M. Garnier et Mme Roux sont venus.',
      'Ils ont parlé.',
    ]);
    expect(texts('Los EE.UU. y la U.E. firmaron. El acuerdo es amplio.', 'es')).toHaveLength(2);
  });

  it('treats German ordinals as part of the sentence', () => {
    expect(texts('Am 3. Oktober feiert das Land. Der Umsatz stieg auf 7. Die Firma jubelt.', 'de')).toEqual([
      'Am 3. Oktober feiert das Land.',
      'Der Umsatz stieg auf 7.',
      'Die Firma jubelt.',
    ]);
    // Without a language, a month name after "3." is enough.
    expect(texts('Die Wahl ist am 12. März geplant. Alle warten.')).toHaveLength(2);
    // English numbers end sentences.
    expect(texts('Inflation hit 7. Officials were alarmed.', 'en')).toHaveLength(2);
  });
});

describe('segment: numbers, ellipses, quotes and brackets', () => {
  it('does not split decimals, versions or dotted names', () => {
    expect(
      texts('Growth slowed to 2.5 percent after version 3.1.4 shipped via example.com today. Fine.'),
    ).toHaveLength(2);
    expect(texts('The fund lost $1.2bn. Investors fled.')).toEqual([
      'The fund lost $1.2bn.',
      'Investors fled.',
    ]);
  });

  it('continues after an ellipsis followed by a lower-case word', () => {
    expect(texts('He hesitated... and then signed. Later… nobody spoke. Wait… The bell rang.')).toEqual([
      'He hesitated... and then signed.',
      'Later… nobody spoke.',
      'Wait…',
      'The bell rang.',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they close', () => {
    expect(texts('She said: "We are ready." The crowd cheered.')).toEqual([
      'She said: "We are ready."',
      'The crowd cheered.',
    ]);
    expect(texts('He wrote: “It is done.” Then he left.')).toEqual([
      'He wrote: “It is done.”',
      'Then he left.',
    ]);
    expect(texts('They asked ‘Why now?’ Nobody knew.')).toEqual(['They asked ‘Why now?’', 'Nobody knew.']);
    expect(texts('The fees rose (again!) Nobody was surprised.')).toEqual([
      'The fees rose (again!)',
      'Nobody was surprised.',
    ]);
    expect(texts('(The vote was close.) Both sides claimed victory.')).toEqual([
      '(The vote was close.)',
      'Both sides claimed victory.',
    ]);
  });

  it('does not end a sentence at a comma or a question inside quotes followed by attribution', () => {
    expect(texts('"It is possible," she said. He nodded.')).toEqual([
      '"It is possible," she said.',
      'He nodded.',
    ]);
    expect(texts('“It is possible”, she said. He nodded.')).toEqual([
      '“It is possible”, she said.',
      'He nodded.',
    ]);
    expect(texts('"We will win", he said.')).toHaveLength(1);
    expect(texts('"Is it over?" she asked. "Not yet!" he replied.')).toEqual([
      '"Is it over?" she asked.',
      '"Not yet!" he replied.',
    ]);
    expect(texts('"Stop!", the officer shouted.')).toHaveLength(1);
  });

  it('handles Spanish inverted marks and German/French guillemets', () => {
    expect(texts('¿Habrá acuerdo? ¡Nadie lo sabe!', 'es')).toEqual(['¿Habrá acuerdo?', '¡Nadie lo sabe!']);
    expect(texts('Er sagte: »Wir sind bereit.« Dann ging er.', 'de')).toEqual([
      'Er sagte: »Wir sind bereit.«',
      'Dann ging er.',
    ]);
    expect(texts('Il a dit : « Nous sommes prêts. » Puis il est parti.', 'fr')).toEqual([
      'Il a dit : « Nous sommes prêts. »',
      'Puis il est parti.',
    ]);
  });

  it('treats a lower-case start as a continuation but a camel-case name as a new sentence', () => {
    expect(texts('Sales rose. iPhone demand grew.')).toEqual(['Sales rose.', 'iPhone demand grew.']);
    expect(texts('The talks ended. but not for long.')).toHaveLength(1);
  });
});

describe('segment: datelines', () => {
  it('keeps datelines attached to the first sentence', () => {
    expect(texts('BERLIN: Coalition talks collapsed on Monday. A new round is planned.')[0]).toBe(
      'BERLIN: Coalition talks collapsed on Monday.',
    );
    expect(texts('WASHINGTON (Reuters) - Lawmakers passed the bill. It now goes to the Senate.')[0]).toBe(
      'WASHINGTON (Reuters) - Lawmakers passed the bill.',
    );
    expect(texts('PARIS, Jan 5 (AFP) — Strikes halted trains. Unions vowed more.')[0]).toBe(
      'PARIS, Jan 5 (AFP) — Strikes halted trains.',
    );
    expect(texts('ST. LOUIS, Mo. (AP) — A levee broke overnight. Crews responded.')[0]).toBe(
      'ST. LOUIS, Mo. (AP) — A levee broke overnight.',
    );
    expect(texts('WASHINGTON, D.C. (Reuters) - Talks resumed. Both sides spoke.')[0]).toBe(
      'WASHINGTON, D.C. (Reuters) - Talks resumed.',
    );
    expect(texts('Berlin (dpa) - Die Gespräche sind gescheitert. Ein neuer Termin fehlt.', 'de')[0]).toBe(
      'Berlin (dpa) - Die Gespräche sind gescheitert.',
    );
  });

  it('joins a dateline alone on its line or paragraph to the next one', () => {
    const t = 'NAIROBI —\n\nFloods displaced thousands. Aid is arriving.\n\nMore rain is due.';
    const r = segment(t);
    expect(r.sentences.map((s) => s.text)).toEqual([
      'NAIROBI —\n\nFloods displaced thousands.',
      'Aid is arriving.',
      'More rain is due.',
    ]);
    expect(r.paragraphs).toHaveLength(2);
    checkInvariants(t, r);
    expect(texts('OSLO:\nThe fjord froze.\nSkaters came.')).toEqual([
      'OSLO:\nThe fjord froze.',
      'Skaters came.',
    ]);
  });

  it('does not mistake an ordinary sentence for a dateline', () => {
    expect(texts('NATO allies met. They agreed.')).toEqual(['NATO allies met.', 'They agreed.']);
  });
});

describe('segment: other scripts', () => {
  it('splits Chinese and Japanese at full-width terminators without spaces', () => {
    expect(texts('市政府周二宣布新计划。居民表示欢迎！谈判会继续吗？')).toEqual([
      '市政府周二宣布新计划。',
      '居民表示欢迎！',
      '谈判会继续吗？',
    ]);
    expect(texts('港口周一重新开放。“我们准备好了。”他说。')).toEqual([
      '港口周一重新开放。',
      '“我们准备好了。”他说。',
    ]);
    expect(texts('「本当ですか？」と記者は聞いた。市長は答えた。')).toEqual([
      '「本当ですか？」と記者は聞いた。',
      '市長は答えた。',
    ]);
    expect(texts('你好吗?我很好。')).toEqual(['你好吗?', '我很好。']);
  });

  it('does not split full-width decimal numbers', () => {
    expect(texts('成长率为３．５％。')).toEqual(['成长率为３．５％。']);
  });

  it('splits Arabic, Urdu, Hindi, Armenian, Ethiopic and Greek sentences', () => {
    expect(texts('هل ستنجح المفاوضات؟ قال الوزير إنها ستستمر. وأضاف أن الوفد سيعود.')).toEqual([
      'هل ستنجح المفاوضات؟',
      'قال الوزير إنها ستستمر.',
      'وأضاف أن الوفد سيعود.',
    ]);
    expect(texts('حکومت نے اعلان کیا۔ مذاکرات جاری رہیں گے۔')).toHaveLength(2);
    expect(texts('सरकार ने नई योजना की घोषणा की। बातचीत जारी रहेगी।')).toHaveLength(2);
    expect(texts('Կառավարությունը հայտարարեց։ Բանակցությունները կշարունակվեն։')).toHaveLength(2);
    expect(texts('መንግስት አስታወቀ። ድርድሩ ይቀጥላል።')).toHaveLength(2);
    expect(texts('Θα υπάρξει συμφωνία; Κανείς δεν ξέρει.', 'el')).toEqual([
      'Θα υπάρξει συμφωνία;',
      'Κανείς δεν ξέρει.',
    ]);
  });

  it('keeps Hebrew right-to-left text with exact offsets', () => {
    const t = 'הממשלה הודיעה על תוכנית. הדיונים יימשכו.';
    const r = segment(t);
    expect(r.sentences).toHaveLength(2);
    checkInvariants(t, r);
  });
});

describe('segment: long sentences and hostile input', () => {
  it('cuts a 100,000-character unpunctuated text into bounded sentences', () => {
    const t = 'x'.repeat(100_000);
    const r = segment(t);
    checkInvariants(t, r);
    expect(r.sentences.length).toBeGreaterThanOrEqual(67);
    expect(r.sentences.length).toBeLessThanOrEqual(200);
  });

  it('cuts long word sequences at whitespace and prefers clause boundaries', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `word${i % 13}`).join(' ');
    const r = segment(words);
    checkInvariants(words, r);
    expect(r.sentences.every((s) => !/^\S*$/.test(s.text))).toBe(true);
    const clauses = Array.from({ length: 400 }, () => 'the levee held for another day, said crews').join(' ');
    const r2 = segment(clauses, { maxSentenceChars: 300 });
    checkInvariants(clauses, r2, 300);
    expect(r2.sentences.slice(0, -1).every((s) => s.text.endsWith(','))).toBe(true);
  });

  it('respects a custom maxSentenceChars and never splits a surrogate pair', () => {
    const t = '😀'.repeat(5000);
    const r = segment(t, { maxSentenceChars: 101 });
    checkInvariants(t, r, 101);
    for (const s of r.sentences) expect(s.text.length % 2).toBe(0);
  });

  it('survives pathological punctuation, emoji and control characters', () => {
    const samples = [
      'U.S. '.repeat(10_000),
      '. '.repeat(20_000),
      '?!'.repeat(20_000),
      '…'.repeat(30_000),
      '"'.repeat(30_000),
      'a.'.repeat(30_000),
      `${'(('.repeat(10_000)}x.`,
      '😀\u200D'.repeat(10_000),
      '\u0001\u0002 \u0085x\u200B.'.repeat(5_000),
      'BERLIN '.repeat(10_000),
      '中文。'.repeat(10_000),
      'مرحبا؟ '.repeat(10_000),
    ];
    for (const raw of samples) {
      for (const t of [raw, normalizeText(raw)]) checkInvariants(t, segment(t));
    }
  });
});

describe('segment: property-style invariants', () => {
  const pieces = [
    'The',
    'minister',
    'said',
    'U.S.',
    'Mr.',
    'J.',
    'Inc.',
    'e.g.',
    '2.5',
    '1,000',
    '3.1.4',
    'talks',
    'stalled.',
    'ended?',
    'now!',
    '"Yes,"',
    'she',
    'said.',
    '“Done.”',
    '(again)',
    'etc.',
    '...',
    '…',
    'and',
    'BERLIN:',
    'WASHINGTON (Reuters) -',
    '—',
    ',',
    'Sept.',
    '10%',
    '$2bn',
    '政府宣布。',
    '他说：“好。”',
    'قال؟',
    '।',
    'Δ;',
    '😀',
    '👍🏽',
    '\u200B',
    '\u0007',
    '\t',
    '\u00A0',
    '\n',
    '\n\n',
    '\r\n',
    ' ',
    'x'.repeat(50),
    'a.b.c',
    "O'Brien",
  ];
  let seed = 20240611;
  const rnd = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };

  it('holds for many generated texts, raw and normalised', () => {
    for (let n = 0; n < 400; n++) {
      const len = Math.floor(rnd() * 80);
      let raw = '';
      for (let k = 0; k < len; k++)
        raw += pieces[Math.floor(rnd() * pieces.length)] + (rnd() < 0.8 ? ' ' : '');
      const max = rnd() < 0.3 ? 40 + Math.floor(rnd() * 100) : 1500;
      for (const t of [raw, normalizeText(raw)]) {
        const r = segment(t, { maxSentenceChars: max, lang: rnd() < 0.5 ? undefined : 'en' });
        checkInvariants(t, r, max);
      }
    }
  });
});

describe('segmentList', () => {
  it('makes each part one sentence and one paragraph, joined by newlines', () => {
    const r = segmentList([
      'The bridge reopened.',
      'Traffic\nflowed again. Drivers cheered.',
      '  Tolls  stay. ',
    ]);
    expect(r.text).toBe('The bridge reopened.\nTraffic flowed again. Drivers cheered.\nTolls stay.');
    expect(r.sentences.map((s) => s.text)).toEqual([
      'The bridge reopened.',
      'Traffic flowed again. Drivers cheered.',
      'Tolls stay.',
    ]);
    expect(r.paragraphs.map((p) => p.sentences)).toEqual([[0], [1], [2]]);
    checkInvariants(r.text, r);
  });

  it('skips empty parts and keeps indices contiguous', () => {
    const r = segmentList(['', 'One.', ' \n ', '\u200B', 'Two.']);
    expect(r.text).toBe('One.\nTwo.');
    expect(r.sentences.map((s) => [s.index, s.paragraph, s.start, s.end])).toEqual([
      [0, 0, 0, 4],
      [1, 1, 5, 9],
    ]);
    expect(segmentList([])).toEqual({ text: '', sentences: [], paragraphs: [] });
  });

  it('keeps a very long part as one sentence', () => {
    const r = segmentList(['y'.repeat(5000)]);
    expect(r.sentences).toHaveLength(1);
  });

  it('rejects non-string parts with INPUT_INVALID', () => {
    expect(() => segmentList(['ok', 5 as unknown as string])).toThrowError(/sentences\[1\]/);
    expect(() => segmentList('text' as unknown as string[])).toThrow(StorydiffError);
  });
});
