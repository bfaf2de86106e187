import { describe, expect, it } from 'vitest';
import { extractMentions } from '../../src/extract/mentions.js';
import { extractQuotes } from '../../src/extract/quotes.js';
import type { LocalEntity, Quote } from '../../src/extract/types.js';
import { normalizeText } from '../../src/text/normalize.js';
import { segment } from '../../src/text/segment.js';
import { tokenize } from '../../src/text/tokenize.js';

/** Runs the text layer, mentions and the quote extractor on an English article. */
function quotesOf(raw: string): { text: string; quotes: Quote[]; entities: LocalEntity[] } {
  const text = normalizeText(raw);
  const { sentences, paragraphs } = segment(text, { lang: 'en' });
  const tokens = sentences.map((s) => tokenize(s.text, s.start, 'en'));
  const { mentions, entities, pronouns } = extractMentions(text, sentences, tokens, 'en');
  return { text, entities, quotes: extractQuotes(text, sentences, paragraphs, tokens, mentions, pronouns) };
}

/** The name of the entity a quote is attributed to. */
const speakerName = (r: ReturnType<typeof quotesOf>, q: Quote | undefined) =>
  q?.speaker === undefined ? undefined : r.entities[q.speaker]?.name;

describe('extractQuotes: attribution patterns', () => {
  it('"...," X said', () => {
    const r = quotesOf('"The bridge will open in May," Tobold Quarrington said.');
    expect(r.quotes).toHaveLength(1);
    const q = r.quotes[0];
    expect(q.text).toBe('The bridge will open in May');
    expect(q.kind).toBe('direct');
    expect(speakerName(r, q)).toBe('Tobold Quarrington');
    expect(q.speakerText).toBe('Tobold Quarrington');
    expect(q.verb).toBe('said');
    // Offsets index the quoted words inside the marks.
    expect(r.text.slice(q.start, q.end)).toBe(q.text);
  });

  it('X said: "..."', () => {
    const r = quotesOf('Tobold Quarrington said: "The bridge will open in May."');
    expect(r.quotes).toHaveLength(1);
    expect(r.quotes[0].kind).toBe('direct');
    expect(r.quotes[0].text).toMatch(/^The bridge will open in May\.?$/);
    expect(speakerName(r, r.quotes[0])).toBe('Tobold Quarrington');
  });

  it('"...," said X', () => {
    const r = quotesOf('"The bridge will open in May," said harbour master Tobold Quarrington.');
    expect(speakerName(r, r.quotes[0])).toBe('Tobold Quarrington');
    expect(r.quotes[0].verb).toBe('said');
  });

  it('X told reporters "..."', () => {
    const r = quotesOf('Tobold Quarrington told reporters "the bridge will open in May".');
    expect(r.quotes).toHaveLength(1);
    expect(r.quotes[0].text).toBe('the bridge will open in May');
    expect(speakerName(r, r.quotes[0])).toBe('Tobold Quarrington');
    expect(r.quotes[0].verb).toBe('told');
  });

  it('"...," he said: the pronoun leads to the last named person', () => {
    const r = quotesOf(
      'Tobold Quarrington visited the site on Monday. "The bridge will open in May," he said.',
    );
    const q = r.quotes[0];
    expect(q.sentence).toBe(1);
    expect(q.speakerText).toBe('he');
    expect(speakerName(r, q)).toBe('Tobold Quarrington');
  });

  it('picks the right person when two are named', () => {
    const r = quotesOf(
      'Mrs Ilse Vrancken met Mr Tobold Quarrington at the site. "We are ready," she said. "So are we," said Quarrington.',
    );
    expect(r.quotes.map((q) => speakerName(r, q))).toEqual(['Ilse Vrancken', 'Tobold Quarrington']);
  });

  it('a collective source is kept as text without an entity', () => {
    const r = quotesOf('"We are closing the road for the night," police said.');
    expect(r.quotes[0].speaker).toBeUndefined();
    expect(r.quotes[0].speakerText).toBe('police');
  });

  it('leaves a quote with no speaker near it unattributed', () => {
    const r = quotesOf('The banner read "No more delays" and hung over the bridge for a week.');
    expect(r.quotes).toHaveLength(1);
    expect(r.quotes[0].speaker).toBeUndefined();
    expect(r.quotes[0].speakerText).toBeUndefined();
  });
});

describe('extractQuotes: spans', () => {
  it('a quote running over two sentences spans both', () => {
    const r = quotesOf(
      'Helga Marstrand spoke at noon. "The port is open again. Ships are already moving," she said.',
    );
    expect(r.quotes).toHaveLength(1);
    const q = r.quotes[0];
    expect(q.text).toBe('The port is open again. Ships are already moving');
    expect(q.sentence).toBe(1);
    expect(q.sentences).toEqual([1, 2]);
    expect(speakerName(r, q)).toBe('Helga Marstrand');
  });

  it('an unattributed quote right after another continues the same speaker', () => {
    const r = quotesOf(
      'Tobold Quarrington visited the site. "The bridge will open in May," he said. "We are ready for the crowds."',
    );
    expect(r.quotes).toHaveLength(2);
    expect(r.quotes[1].text).toMatch(/^We are ready for the crowds/);
    expect(r.quotes[1].kind).toBe('direct');
    expect(r.quotes[1].speaker).toBe(r.quotes[0].speaker);
    expect(speakerName(r, r.quotes[1])).toBe('Tobold Quarrington');
  });

  it('does not carry a speaker over to a quote far away', () => {
    const r = quotesOf(
      [
        '"The bridge will open in May," Tobold Quarrington said.',
        'The council met on Tuesday. The budget was approved. Work on the ramps continues.',
        '"Nobody was consulted."',
      ].join('\n\n'),
    );
    expect(r.quotes).toHaveLength(2);
    expect(r.quotes[1].speaker).toBeUndefined();
  });

  it('a quoted fragment inside reported speech is partial', () => {
    const r = quotesOf('Helga Marstrand said the plan was "a reckless gamble" that would fail.');
    expect(r.quotes).toHaveLength(1);
    expect(r.quotes[0].kind).toBe('partial');
    expect(r.quotes[0].text).toBe('a reckless gamble');
    expect(speakerName(r, r.quotes[0])).toBe('Helga Marstrand');
  });

  it('a whole sentence in quotes is direct', () => {
    const r = quotesOf('"The dam held through the night and nobody was hurt," Helga Marstrand said.');
    expect(r.quotes[0].kind).toBe('direct');
  });
});

describe('extractQuotes: quotation marks', () => {
  it('curly and straight double quotes give the same quote', () => {
    const curly = quotesOf('“The port is open again,” Helga Marstrand said.');
    const straight = quotesOf('"The port is open again," Helga Marstrand said.');
    expect(curly.quotes.map((q) => q.text)).toEqual(['The port is open again']);
    expect(straight.quotes.map((q) => q.text)).toEqual(['The port is open again']);
    expect(speakerName(curly, curly.quotes[0])).toBe('Helga Marstrand');
  });

  it('guillemets', () => {
    const r = quotesOf('Helga Marstrand said: «The port is open again.»');
    expect(r.quotes).toHaveLength(1);
    expect(r.quotes[0].text).toMatch(/^The port is open again\.?$/);
    expect(speakerName(r, r.quotes[0])).toBe('Helga Marstrand');
  });

  it('German low-high quotes', () => {
    const r = quotesOf('Helga Marstrand said: „The port is open again.“');
    expect(r.quotes.map((q) => q.text.replace(/\.$/, ''))).toEqual(['The port is open again']);
  });

  it('curly single quotes around a phrase are a quote', () => {
    const r = quotesOf('The mayor’s team ‘will not give up’, Helga Marstrand said.');
    expect(r.quotes.map((q) => q.text)).toEqual(['will not give up']);
  });

  it('apostrophes are never taken for quotation marks', () => {
    const r = quotesOf(
      "The mayor's office said it wasn't ready. It’s the city’s biggest project, and the workers’ union isn’t happy. Rock ’n’ roll fans didn't care.",
    );
    expect(r.quotes).toEqual([]);
  });

  it('an unclosed quote mark does not swallow the rest of the article', () => {
    const r = quotesOf(
      [
        'The talks began on Monday. "We will not move, Helga Marstrand said at the start of the meeting.',
        'The next round is set for June. Officials expect a long session.',
        '"It will be hard," Tobold Quarrington said.',
      ].join('\n\n'),
    );
    // Only the properly closed quote is found, and it holds only its own words.
    expect(r.quotes.map((q) => q.text)).toEqual(['It will be hard']);
    expect(speakerName(r, r.quotes[0])).toBe('Tobold Quarrington');
  });

  it('a quote opening a paragraph without a closing mark stays inside its paragraph', () => {
    const r = quotesOf(
      [
        'Helga Marstrand spoke first.',
        '"We will not move on this point, not this week and not next week.',
        'The council adjourned at noon. Nobody else spoke.',
      ].join('\n\n'),
    );
    for (const q of r.quotes) {
      expect(q.text).not.toContain('adjourned');
      expect(q.sentences).toEqual([1]);
    }
  });

  it('quotation marks around nothing but a space are not a quote', () => {
    const r = quotesOf('The sign on the gate said “ ” and nothing else.');
    expect(r.quotes).toEqual([]);
  });
});

describe('extractQuotes: regressions', () => {
  it('an empty pair of quotation marks opens no quote', () => {
    const r = quotesOf('The sign said "" and nothing else. The word “ ” was blank.');
    expect(r.quotes).toEqual([]);
  });
});
