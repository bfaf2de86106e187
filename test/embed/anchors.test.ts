import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/compare.js';
import { analyze } from '../../src/doc/analyze.js';
import {
  ANCHOR_ENCODER,
  anchorEmbeddings,
  anchorSignals,
  latinName,
  nameKey,
  sentenceAnchors,
} from '../../src/embed/anchors.js';

// Invented articles: one story in German and English, and an unrelated English one.
const german = [
  'Selenskyj traf am Donnerstag in Berlin Bundeskanzler Olaf Scholz.',
  'Die Ukraine bittet um 2,5 Milliarden Euro für den Wiederaufbau.',
  'Scholz sagte, Deutschland werde 2023 weitere Hilfe leisten.',
].join('\n\n');
const english = [
  'On Thursday, Zelensky met Chancellor Olaf Scholz in Berlin.',
  'Ukraine is asking for 2.5 billion euros for reconstruction.',
  'Scholz said Germany would provide more aid in 2023.',
].join('\n\n');
const unrelated = [
  'A rare orchid flowered in the botanical garden of Lisbon.',
  'The gardeners had waited twelve years for it.',
  'Visitors queued for hours on Sunday.',
].join('\n\n');

describe('name keys', () => {
  it('fold, transliterate and key names by sound across spellings', () => {
    expect(latinName('Müller')).toBe('muller');
    expect(latinName('Зеленский')).toBe('zelenskiy');
    expect(nameKey('Selenskyj')).toBe(nameKey('Zelensky'));
    expect(nameKey('Зеленский')).toBe(nameKey('Zelensky'));
    expect(nameKey('Tschaikowski')).toBe(nameKey('Tchaikovsky'));
    expect(nameKey('Nawalny')).toBe(nameKey('Navalny'));
    expect(nameKey('Scholz')).not.toBe(nameKey('Zelensky'));
    expect(nameKey('Li')).toBeUndefined();
  });
});

describe('anchors across languages', () => {
  const de = analyze({ text: german, lang: 'de' });
  const en = analyze({ text: english, lang: 'en' });
  const other = analyze({ text: unrelated, lang: 'en' });

  it('finds names and canonical facts per sentence', () => {
    const keys = sentenceAnchors(en).map((s) => s.map((a) => a.key));
    expect(keys[0]).toContain(`n:${nameKey('Zelensky')}`);
    expect(keys[0]).toContain('f:date:weekday:thursday');
    expect(keys[2]).toContain('f:year:2023');
  });

  it('scores the same story in two languages above an unrelated story', () => {
    const same = anchorSignals(de, en);
    const diff = anchorSignals(other, en);
    expect(same.cosine).toBeGreaterThan(diff.cosine + 0.3);
    expect(same.overlap).toBeGreaterThan(diff.overlap);
    expect(same.lead).toBeGreaterThan(0.3);
    for (const v of Object.values(same)) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('aligns translated sentences through anchors when passed as embeddings', () => {
    const emb = anchorEmbeddings(de, en);
    expect(emb.encoder).toBe(ANCHOR_ENCODER);
    expect(emb.a).toHaveLength(de.sentences.length);
    const cmp = compare(de, en, { embeddings: emb });
    expect(cmp.encoder).toBe(ANCHOR_ENCODER);
    const links = cmp.alignment.map((l) => `${l.a.join('+')}-${l.b.join('+')}`);
    expect(links).toEqual(expect.arrayContaining(['0-0', '2-2']));
  });
});
