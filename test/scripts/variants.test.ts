import { describe, expect, it } from 'vitest';
import type { SemevalPair } from '../../scripts/lib/loaders.js';
import { mulberry32 } from '../../scripts/lib/prng.js';
import {
  dropSentences,
  jaccard,
  lightEdit,
  makeVariants,
  paraphrase,
  reorder,
  semevalSources,
  shingles,
  splitSentences,
  splitText,
  substitute,
  swapClauses,
  truncate,
  typo,
  VARIANT_KINDS,
} from '../../scripts/lib/variants.js';

// Invented texts, written for these tests.
const EN = [
  'The city council said on Monday that the new bridge over the river will open in May. Officials told reporters the project cost about 40 million euros.',
  'Many residents had asked for a safer crossing after a car crash last year. The mayor said the old bridge was very small and closed to trucks since 2019.',
  'Work started in 2021, and the builders finished the deck in March. A spokeswoman for the company said the final tests are also planned for April.',
  'Critics argued that the money should help local schools instead, but the council rejected a motion to delay the opening. The vote was 14 to 9.',
].join('\n');
const TR = [
  'Belediye başkanı yeni parkın haziran ayında açılacağını söyledi. Proje için ayrıca iki milyon lira ayrıldı.',
  'Mahalle sakinleri parkın çok önemli olduğunu belirtti. İnşaat geçen yıl başladı ve hızlı ilerledi.',
].join('\n');
const AR =
  'قال رئيس البلدية إن الحديقة الجديدة ستفتح في الصيف. وأضاف أن المشروع مهم للسكان؟ وبدأ العمل في العام الماضي.';
const ONE_SENTENCE =
  'a long single line without any sentence punctuation that goes on and on about the harbour and the ships';

const rng = (seed = 1) => mulberry32(seed);
const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
const sentences = (s: string): string[] => splitText(s).flat();

describe('text structure', () => {
  it('splits paragraphs and sentences of several scripts', () => {
    expect(splitText(EN)).toHaveLength(4);
    expect(splitText(EN)[0]).toHaveLength(2);
    expect(splitSentences(AR)).toHaveLength(3);
    expect(splitSentences('第一句。第二句。')).toEqual(['第一句。', '第二句。']);
    expect(splitSentences('Is it? Yes! Fine… ok.')).toEqual(['Is it?', 'Yes!', 'Fine…', 'ok.']);
  });
});

describe('variant operations', () => {
  it('light: 3–6 small edits (a listed synonym or a typo), words stay in place', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const out = lightEdit(EN, rng(seed), 'en');
      expect(out).not.toBe(EN);
      const a = words(out);
      const b = words(EN);
      expect(a).toHaveLength(b.length);
      const changed = a.filter((w, i) => w !== b[i]).length;
      expect(changed).toBeGreaterThanOrEqual(3);
      expect(changed).toBeLessThanOrEqual(6);
    }
    // any script: Turkish and Arabic get edits too
    expect(lightEdit(TR, rng(), 'tr')).not.toBe(TR);
    expect(lightEdit(AR, rng(), 'ar')).not.toBe(AR);
  });

  it('typo: swaps or doubles letters of the same word', () => {
    const t = typo('harbour', rng(3));
    expect(t).not.toBe('harbour');
    expect([...t].sort().join('').replace(/(.)\1/g, '$1')).toBe(
      [...'harbour'].sort().join('').replace(/(.)\1/g, '$1'),
    );
    expect(typo('ab', rng())).toBe('ab');
  });

  it('drop: removes 20–30% of the sentences and keeps the rest in order', () => {
    const src = sentences(EN);
    for (let seed = 1; seed <= 10; seed++) {
      const out = sentences(dropSentences(EN, rng(seed)));
      const gone = src.length - out.length;
      expect(gone).toBeGreaterThanOrEqual(Math.round(0.2 * src.length));
      expect(gone).toBeLessThanOrEqual(Math.round(0.3 * src.length));
      // a subsequence of the source
      let k = 0;
      for (const s of out) k = src.indexOf(s, k) + 1;
      expect(out.every((s) => src.includes(s))).toBe(true);
      expect(k).toBeGreaterThan(0);
    }
    // one sentence: a run of words goes instead
    const one = dropSentences(ONE_SENTENCE, rng());
    expect(words(one).length).toBeLessThan(words(ONE_SENTENCE).length);
  });

  it('reorder: the same sentences in another order', () => {
    for (const text of [EN, TR, AR]) {
      const out = reorder(text, rng(2));
      expect(out).not.toBe(text);
      expect(sentences(out).slice().sort()).toEqual(sentences(text).slice().sort());
    }
    expect(words(reorder(ONE_SENTENCE, rng())).sort()).toEqual(words(ONE_SENTENCE).sort());
    expect(reorder(ONE_SENTENCE, rng())).not.toBe(ONE_SENTENCE);
  });

  it('truncate: the first 50–70% of the words', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const out = truncate(EN, rng(seed));
      expect(EN.startsWith(out)).toBe(true);
      const share = words(out).length / words(EN).length;
      expect(share).toBeGreaterThanOrEqual(0.49);
      expect(share).toBeLessThanOrEqual(0.71);
    }
  });

  it('substitute: listed synonyms swapped in, droppable words dropped, never unchanged', () => {
    const out = substitute(EN, rng(), 'en');
    expect(out).not.toBe(EN);
    // synonyms from the list appear
    expect(out).toMatch(/\b(stated|informed|large|little|began|firm|vehicle|significant|proposal)\b/);
    expect(words(out).length).toBeLessThanOrEqual(words(EN).length);
    // no list for the language: neighbouring words swapped, same words
    const xx = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt';
    const outXx = substitute(xx, rng(), 'xx');
    expect(outXx).not.toBe(xx);
    expect(words(outXx).sort()).toEqual(words(xx).sort());
    expect(substitute(TR, rng(), 'tr')).not.toBe(TR);
  });

  it('swapClauses: the two sides of the first comma swapped', () => {
    expect(swapClauses('Work started in 2021, and the builders finished the deck.')).toBe(
      'And the builders finished the deck, work started in 2021.',
    );
    expect(swapClauses('Yes, no.')).toBe('Yes, no.');
  });

  it('paraphrase: reordered, shorter, reworded — still clearly the same text', () => {
    const out = paraphrase(EN, rng(4), 'en');
    expect(out).not.toBe(EN);
    expect(sentences(out).length).toBeLessThan(sentences(EN).length);
    const j = jaccard(shingles(out), shingles(EN));
    expect(j).toBeGreaterThan(0.2);
    expect(j).toBeLessThan(0.9);
  });
});

describe('makeVariants', () => {
  const sources = [
    { id: 's1', text: EN, title: 'Bridge opens in May', lang: 'en' },
    { id: 's2', text: TR, lang: 'tr' },
    { id: 's3', text: AR, lang: 'ar' },
  ];

  it('makes every kind for every source, grouped, deterministically', () => {
    const { docs } = makeVariants(sources);
    expect(docs).toHaveLength(3 * (1 + VARIANT_KINDS.length));
    expect(docs.filter((d) => d.kind === 'source').map((d) => d.id)).toEqual(['s1', 's2', 's3']);
    expect(docs.find((d) => d.id === 's2~truncate')).toMatchObject({
      group: 's2',
      kind: 'truncate',
      lang: 'tr',
    });
    expect(docs.find((d) => d.id === 's1~copy')?.text).toBe(EN);
    expect(docs.find((d) => d.id === 's1~light')?.title).toBe('Bridge opens in May');
    expect(docs.find((d) => d.id === 's1~paraphrase')?.title).toBeUndefined();
    expect(makeVariants(sources)).toEqual({ docs });
    expect(makeVariants(sources, { seed: 2 }).docs.find((d) => d.id === 's1~light')?.text).not.toBe(
      docs.find((d) => d.id === 's1~light')?.text,
    );
    // every version but the copy differs from its source
    for (const d of docs) {
      if (d.kind === 'source' || d.kind === 'copy') continue;
      expect(d.text).not.toBe(sources.find((s) => s.id === d.group)?.text);
    }
  });

  it('makes only the kinds asked for', () => {
    const { docs } = makeVariants(sources, { kinds: ['truncate'] });
    expect(docs.map((d) => d.kind)).toEqual([
      'source',
      'truncate',
      'source',
      'truncate',
      'source',
      'truncate',
    ]);
  });
});

describe('semevalSources', () => {
  const pair = (id: string, text1: string, overall = 3): SemevalPair => ({
    id,
    lang1: 'en',
    lang2: 'en',
    text1,
    text2: 'unused',
    overall,
    truncated: false,
  });
  const long = (seed: number): string =>
    Array.from({ length: 60 }, (_, i) => `w${(i * 7919 + seed * 104729) % 1000}x${seed}`).join(' ');

  it('keeps one text per pair, skips short texts and repeats, finds related sources', () => {
    const base = long(1);
    const nearCopy = `${base} extra`;
    const shared = `${base.split(' ').slice(0, 30).join(' ')} ${long(4).split(' ').slice(0, 30).join(' ')}`;
    const r = semevalSources([
      pair('1_91', base),
      pair('2_92', 'too short to be an article'),
      pair('3_93', base), // the same text again
      pair('4_94', nearCopy), // near-identical
      pair('5_95', shared), // half the wire copy of source 1
      pair('6_96', long(6)),
      pair('1_6', base, 1.2), // SemEval: 1 and 6 are the same story (1 is text1 again: a repeat)
    ]);
    expect(r.sources.map((s) => s.id)).toEqual(['1', '5', '6']);
    expect(r.skipped).toEqual({ short: 1, duplicate: 3 });
    expect(r.related).toContainEqual(expect.objectContaining({ a: '1', b: '5' }));
    expect(r.related).toContainEqual({ a: '1', b: '6', overall: 1.2 });
    expect(r.related.find((x) => x.b === '5')?.jaccard).toBeGreaterThan(0.2);
  });

  it('stops at the limit', () => {
    const r = semevalSources([pair('1_2', long(1)), pair('3_4', long(3)), pair('5_6', long(5))], {
      limit: 2,
    });
    expect(r.sources).toHaveLength(2);
  });
});
