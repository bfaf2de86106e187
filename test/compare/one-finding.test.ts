import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/compare.js';
import type { Comparison } from '../../src/compare/types.js';

// Invented articles, one class of duplicated or contradictory finding each.
const kinds = (c: Comparison) => c.changes.map((x) => [x.kind, x.detail, x.a, x.b]);

describe('one finding per fact', () => {
  it('lists a name spelt one way in a and another in b once, however many sentences repeat it', () => {
    const c = compare(
      'Mayor Jana Kowalczyk opened the bridge on Friday. Kowalczyk said the work took three years. Later, Kowalczyk thanked the builders.',
      'Mayor Jana Kowalski opened the bridge on Friday. Kowalski said the work took three years. Later, Kowalski thanked the builders.',
    );
    expect(kinds(c)).toEqual([
      ['name', 'spelling', 'Jana Kowalczyk', 'Jana Kowalski'],
      ['name', 'spelling', 'Kowalczyk', 'Kowalski'],
    ]);
  });

  it('reads a garbled amount as one change, not one per piece', () => {
    const c = compare(
      'The charity raised 2.5 million dollars for the hospital.',
      'The charity raised 2 .5 million dollars for the hospital.',
    );
    expect(kinds(c)).toEqual([['number', 'changed', '2.5 million dollars', '2 .5 million dollars']]);
  });

  it('turns the one dropped and the one added fact of a kind in a whole link into one replacement', () => {
    const c = compare(
      'The storm destroyed 40 homes in the valley.',
      'The storm destroyed 15 km of road in the valley.',
    );
    expect(kinds(c)).toEqual([['number', 'replaced', '40 homes', '15 km']]);
    expect(c.changes[0].message).toBe('number replaced: "40 homes" → "15 km"');
  });

  it('counts a time told vaguer on one side as shared with a change, not as only in one version', () => {
    const c = compare(
      'The talks have stalled over the past few weeks, the envoy said.',
      'The talks have stalled over the past two weeks, the envoy said.',
    );
    const time = c.scores.dimensions.time;
    expect(time.onlyA).toEqual([]);
    expect(time.onlyB).toEqual([]);
    expect(time.changed).toEqual([{ a: 'the past few weeks', b: 'the past two weeks' }]);
    expect(time.score).toBe(1);
    expect(kinds(c)).toEqual([['duration', 'more-precise', 'the past few weeks', 'the past two weeks']]);
  });

  it('lists two quoted fragments retold in one reported sentence as one quote turned indirect', () => {
    const c = compare(
      'The envoy said the country had "a few weeks left" and warned of "other options" if talks failed.',
      'The envoy said the country had only a few weeks left and that there were other options if talks failed.',
    );
    const turned = c.quotes.filter((q) => q.relation === 'direct-to-indirect');
    expect(turned).toHaveLength(1);
    expect(turned[0].a?.text).toBe('a few weeks left … other options');
  });
});

describe('the words of every change', () => {
  const pairs: [string, string][] = [
    [
      'The minister did not rule out new sanctions on Monday, Blinken said.',
      'New sanctions had been ruled out on Monday, officials said.',
    ],
    ['The road will reopen on Monday.', 'The road will not reopen on Monday.'],
    [
      'Mayor Jana Kowalczyk opened the bridge on Friday. She thanked 200 workers.',
      'Mayor Jana Kowalski opened the bridge on Friday. He thanked 250 workers.',
    ],
  ];

  it('carries the phrases of each side, with offsets into that side', () => {
    for (const [a, b] of pairs) {
      const c = compare(a, b);
      expect(c.changes.length).toBeGreaterThan(0);
      for (const x of c.changes) {
        expect(x.spans.a.length + x.spans.b.length).toBeGreaterThan(0);
        for (const side of ['a', 'b'] as const) {
          const text = c[side].sentences.map((s) => s.text).join(' ');
          for (const s of x.spans[side]) {
            const sentence = c[side].sentences.find((t) => t.start <= s.start && s.end <= t.end);
            expect(sentence, `${x.message}: span ${s.text}`).toBeDefined();
            expect(sentence!.text.slice(s.start - sentence!.start, s.end - sentence!.start)).toBe(s.text);
            expect(text).toContain(s.text);
          }
        }
      }
    }
  });

  it('names the negated phrase on both sides', () => {
    const c = compare(...pairs[0]);
    const neg = c.changes.find((x) => x.kind === 'negation');
    expect(neg?.spans.a.map((s) => s.text)).toEqual(['did not rule out']);
    expect(neg?.spans.b.map((s) => s.text)).toEqual(['had been ruled out']);
    expect(neg?.message).toBe('negation removed in b: "did not rule out" → "had been ruled out"');
  });
});

describe('attribution scope', () => {
  const ofAttribution = (a: string, b: string) =>
    compare(a, b)
      .changes.filter((x) => x.kind === 'attribution')
      .map((x) => [x.detail, x.a, x.b]);

  it('reports a source joined by others as widened, and the reverse as narrowed', () => {
    const alone = 'Iran must return to the talks soon, Antony Blinken said on Thursday.';
    const joined = 'Iran must return to the talks soon, Antony Blinken and European allies said on Thursday.';
    expect(ofAttribution(alone, joined)).toEqual([
      ['widened', 'Antony Blinken', 'Antony Blinken and European allies'],
    ]);
    expect(ofAttribution(joined, alone)).toEqual([
      ['narrowed', 'Antony Blinken and European allies', 'Antony Blinken'],
    ]);
  });

  it('sees no change in scope when both versions name the same group, or a name follows the conjunction', () => {
    const joined = 'Antony Blinken and European allies said Iran must return to the talks.';
    expect(ofAttribution(joined, joined.replace('must', 'should'))).toEqual([]);
    expect(
      ofAttribution(
        'Prices rose and Ruth Okafor said the council would act.',
        'Prices rose and Ruth Okafor said the council would step in.',
      ),
    ).toEqual([]);
  });

  describe('claims no number change where the value did not change', () => {
    it('keeps the same count with another noun out of the changes', () => {
      const c = compare(
        'Three officers were injured in the clashes near the station on Friday night, police said.',
        'Three police were injured in the clashes near the station on Friday night, police said.',
      );
      expect(c.changes.filter((x) => x.kind === 'number')).toEqual([]);
    });

    it('keeps a numeral whose scale or unit one language left unread out of the changes', () => {
      const c = compare(
        {
          text: 'Polis, otomobilin saatte 70 km hızla gittiğini söyledi, dedi Vali Kerem Aydemir.',
          lang: 'tr',
        },
        {
          text: 'Police said the car was going at 70 kilometres per hour, Governor Kerem Aydemir said.',
          lang: 'en',
        },
      );
      expect(c.changes.filter((x) => x.kind === 'number')).toEqual([]);
    });

    it('reads an amount grouped with spaces as the one amount it is', () => {
      const c = compare(
        {
          text: 'La ville a planté 2 000 arbres et dépensé 600 000 euros, a déclaré le maire lundi.',
          lang: 'fr',
        },
        {
          text: 'The city planted 2,000 trees and spent 600,000 euros, the mayor said on Monday.',
          lang: 'en',
        },
      );
      expect(c.changes.filter((x) => x.kind === 'number')).toEqual([]);
    });

    it('still reports a change of scale or of value', () => {
      const scale = compare(
        'The company reported a loss of $2.5 billion for the year, the chief executive said on Monday.',
        'The company reported a loss of $2.5 million for the year, the chief executive said on Monday.',
      );
      expect(kinds(scale)).toEqual([['number', 'changed', '$2.5 billion', '$2.5 million']]);
      const value = compare(
        'Forty people were injured in the crash on the motorway near Lyon on Sunday, police said.',
        'Fifteen people were injured in the crash on the motorway near Lyon on Sunday, police said.',
      );
      expect(kinds(value)).toEqual([['number', 'changed', 'Forty people', 'Fifteen people']]);
    });
  });
});
