/** Facts of short texts, for the tests of extraction, relations between facts and their labels. */
import { extractFacts } from '../../src/extract/facts.js';
import type { Fact } from '../../src/extract/types.js';

/** Facts of a text treated as one sentence. */
export const facts = (text: string, lang = 'en'): Fact[] =>
  extractFacts(text, [{ index: 0, text, start: 0, end: text.length, paragraph: 0 }], lang);

/** "surface → key" pairs, easy to read in a failing diff. */
export const pairs = (text: string, lang = 'en'): string[] =>
  facts(text, lang).map((f) => `${f.text} → ${f.key}`);

/** The one fact whose surface is `surface`. */
export const fact = (text: string, surface: string, lang = 'en'): Fact => {
  const f = facts(text, lang).find((x) => x.text === surface);
  if (!f) throw new Error(`no fact "${surface}" in: ${pairs(text, lang).join(' | ')}`);
  return f;
};
