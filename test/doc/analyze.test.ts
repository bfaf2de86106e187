import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/doc/analyze.js';
import { StorydiffError } from '../../src/errors.js';

const ARTICLE = [
  'LISBON: Portuguese Transport Minister Rita Carvalhosa said on Monday that 14 new ferries would enter service "before the summer".',
  '"The river crossing is the backbone of the city," Carvalhosa told reporters.',
  'She said the order, worth 120 million euros, was signed two weeks ago.',
].join('\n');

describe('analyze', () => {
  const doc = analyze({ text: ARTICLE, title: 'New ferries for Lisbon', source: 'ferries.txt', lang: 'en' });

  it('keeps offsets that point into the normalised text', () => {
    expect(doc.sentences).toHaveLength(3);
    for (const s of doc.sentences) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
    for (const ts of doc.tokens) for (const t of ts) expect(doc.text.slice(t.start, t.end)).toBe(t.text);
    expect(doc.paragraphs).toHaveLength(3);
  });

  it('extracts a titled person, her quote, her pronoun and the facts', () => {
    const person = doc.entities.find((e) => e.kind === 'person');
    expect(person?.name).toBe('Rita Carvalhosa');
    expect(person?.titles.join(' ')).toMatch(/Transport Minister/);
    expect(person?.gender).toBe('f');
    const q = doc.quotes.find((x) => x.text.startsWith('The river crossing'));
    expect(q?.speaker).toBe(person?.id);
    expect(doc.pronouns.find((p) => p.text === 'She')?.entity).toBe(person?.id);
    const keys = doc.facts.map((f) => f.key);
    expect(keys).toContain('date:weekday:monday');
    expect(keys.some((k) => k.startsWith('money:eur:120000000'))).toBe(true);
    expect(doc.facts.some((f) => f.kind === 'number' && f.value === 14)).toBe(true);
  });

  it('carries metadata and a format version, and survives a JSON round trip', () => {
    expect(doc.schema).toBe('storydiff/doc@1');
    expect(doc.title).toBe('New ferries for Lisbon');
    expect(doc.lang).toBe('en');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('uses pre-segmented sentences when given', () => {
    const d = analyze({ text: '', sentences: ['First part. Still first.', 'Second part'], lang: 'en' });
    expect(d.sentences.map((s) => s.text)).toEqual(['First part. Still first.', 'Second part']);
  });

  it('detects the language when none is given', () => {
    const d = analyze(
      'Die Regierung in Berlin hat am Donnerstag neue Regeln für den Verkehr beschlossen, sagte ein Sprecher.',
    );
    expect(d.lang).toBe('de');
  });

  it('refuses an empty article with a clear error', () => {
    expect(() => analyze({ text: '   \n  ', source: 'empty.txt' })).toThrow(StorydiffError);
    try {
      analyze({ text: '\n\n', source: 'empty.txt' });
    } catch (err) {
      expect((err as StorydiffError).code).toBe('INPUT_EMPTY');
      expect((err as Error).message).toMatch(/empty\.txt/);
    }
  });

  it('handles an article with no punctuation at all', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i % 50}`).join(' ');
    const d = analyze({ text: words, lang: 'en' });
    expect(d.sentences.length).toBeGreaterThan(1);
    expect(d.sentences.every((s) => s.text.length <= 1500)).toBe(true);
  });
});
