import { describe, expect, it } from 'vitest';
import { findChanges } from '../../src/compare/changes.js';
import { compare } from '../../src/compare/compare.js';
import { reconcileEntities } from '../../src/compare/entities.js';
import { entityIndex } from '../../src/compare/quotes.js';
import type { AlignmentLink, Change } from '../../src/compare/types.js';
import { diagonal, doc, links } from './helpers.js';

/** Changes between two single-paragraph texts whose sentences correspond one to one. */
function changesOf(a: string, b: string, ls?: AlignmentLink[]): Change[] {
  const da = doc(a);
  const db = doc(b);
  const al = ls ?? diagonal(Math.min(da.sentences.length, db.sentences.length));
  const ents = reconcileEntities(da, db, al);
  return findChanges(da, db, al, entityIndex(da, db, ents));
}
const ofKind = (cs: Change[], kind: Change['kind']) => cs.filter((c) => c.kind === kind);

describe('findChanges: numbers, dates and durations', () => {
  it('a changed number', () => {
    const cs = changesOf(
      'The fire destroyed 40 homes in the valley.',
      'The fire destroyed 55 homes in the valley.',
    );
    const n = ofKind(cs, 'number');
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ detail: 'changed', a: '40 homes', b: '55 homes', link: 0 });
    expect(n[0].sentences).toEqual({ a: [0], b: [0] });
    expect(n[0].message).toContain('"40 homes" → "55 homes"');
  });

  it('a duration made vaguer', () => {
    const cs = changesOf(
      'Crews worked for three days to contain the fire.',
      'Crews worked for several days to contain the fire.',
    );
    const d = ofKind(cs, 'duration');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ detail: 'vaguer', a: 'three days', b: 'several days' });
  });

  it('a duration made more precise', () => {
    const cs = changesOf(
      'Crews worked for several days to contain the fire.',
      'Crews worked for three days to contain the fire.',
    );
    expect(ofKind(cs, 'duration').map((c) => c.detail)).toEqual(['more-precise']);
  });

  it('a changed money amount', () => {
    const cs = changesOf(
      'The strike cost the port about 40 million euros.',
      'The strike cost the port about 50 million euros.',
    );
    expect(ofKind(cs, 'number').map((c) => c.detail)).toEqual(['changed']);
  });

  it('no change for the same value', () => {
    const cs = changesOf('The fire destroyed 40 homes.', 'Forty homes were destroyed by the fire.');
    expect(ofKind(cs, 'number').filter((c) => c.detail === 'changed')).toEqual([]);
  });

  it('a number dropped or added in corresponding sentences', () => {
    const dropped = changesOf(
      'The fire destroyed 40 homes in the valley on Monday.',
      'The fire destroyed homes in the valley on Monday.',
    );
    expect(ofKind(dropped, 'number')).toMatchObject([{ detail: 'dropped', a: '40 homes' }]);
    const added = changesOf(
      'The fire destroyed homes in the valley on Monday.',
      'The fire destroyed 40 homes in the valley on Monday.',
    );
    expect(ofKind(added, 'number')).toMatchObject([{ detail: 'added', b: '40 homes' }]);
  });

  it('only looks inside linked sentences', () => {
    const cs = changesOf('The fire destroyed 40 homes.', 'The fire destroyed 55 homes.', []);
    expect(cs).toEqual([]);
  });
});

describe('findChanges: negation', () => {
  it('negation added', () => {
    const cs = changesOf('The road will reopen on Monday.', 'The road will not reopen on Monday.');
    expect(ofKind(cs, 'negation')).toMatchObject([
      { detail: 'added', message: 'negation added in b: "will reopen on" → "will not reopen on"' },
    ]);
  });

  it('negation removed', () => {
    const cs = changesOf('The road will never reopen.', 'The road will reopen.');
    expect(ofKind(cs, 'negation').map((c) => c.detail)).toEqual(['removed']);
  });

  it('no negation change when both deny', () => {
    const cs = changesOf('The road will not reopen on Monday.', 'The road will not reopen this Monday.');
    expect(ofKind(cs, 'negation')).toEqual([]);
  });
});

describe('findChanges: attribution', () => {
  it('a named speaker replaced by "officials"', () => {
    const cs = changesOf(
      'Fire chief Oskar Lindtner said the cause was a discarded cigarette.',
      'Officials said the cause was a discarded cigarette.',
    );
    const at = ofKind(cs, 'attribution');
    expect(at).toHaveLength(1);
    expect(at[0]).toMatchObject({ detail: 'named-to-unnamed', a: 'Oskar Lindtner', b: 'Officials' });
    expect(at[0].message).toBe('attributed to Oskar Lindtner in a, to Officials in b');
  });

  it('a quote attributed to a different person', () => {
    const cs = changesOf(
      'Helga Marstrand met Tobold Quarrington. "The dam will hold," Marstrand said.',
      'Helga Marstrand met Tobold Quarrington. "The dam will hold," Quarrington said.',
    );
    expect(ofKind(cs, 'attribution')).toMatchObject([
      { detail: 'changed', a: 'Helga Marstrand', b: 'Tobold Quarrington' },
    ]);
  });

  it('no attribution change for the same speaker, nor for a pronoun', () => {
    expect(
      ofKind(
        changesOf(
          'Fire chief Oskar Lindtner said the cause was a cigarette.',
          'Oskar Lindtner said a cigarette caused it.',
        ),
        'attribution',
      ),
    ).toEqual([]);
    expect(
      ofKind(
        changesOf(
          'Oskar Lindtner arrived. Lindtner said the cause was a cigarette.',
          'Oskar Lindtner arrived. He said the cause was a cigarette.',
        ),
        'attribution',
      ),
    ).toEqual([]);
  });
});

describe('findChanges: names and pronouns', () => {
  it('a name spelt differently in corresponding sentences', () => {
    const cs = changesOf(
      'Health Minister Oriana Kestelyn opened the clinic.',
      'Health Minister Oriana Kestelijn opened the clinic.',
    );
    expect(ofKind(cs, 'name')).toMatchObject([
      { detail: 'spelling', a: 'Oriana Kestelyn', b: 'Oriana Kestelijn', entity: 'Oriana Kestelyn' },
    ]);
  });

  it('a short form of the same name is not a change', () => {
    const cs = changesOf(
      'Oriana Kestelyn arrived. Health Minister Oriana Kestelyn opened the clinic.',
      'Oriana Kestelyn arrived. Kestelyn opened the clinic.',
    );
    expect(ofKind(cs, 'name')).toEqual([]);
  });

  it('the pronoun for a person changed from she to he', () => {
    const cs = changesOf(
      'Rescue director Noor Tavenier led the search. She praised the volunteers.',
      'Rescue director Noor Tavenier led the search. He praised the volunteers.',
    );
    const p = ofKind(cs, 'pronoun');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ detail: 'f-to-m', a: 'She', b: 'He', entity: 'Noor Tavenier', link: 1 });
  });

  it('no pronoun change when the pronoun is the same', () => {
    const text = 'Rescue director Noor Tavenier led the search. She praised the volunteers.';
    expect(ofKind(changesOf(text, text), 'pronoun')).toEqual([]);
  });
});

describe('findChanges: bookkeeping', () => {
  it('refers each change to its link and sentences', () => {
    const cs = changesOf(
      'The council met on Monday. The fire destroyed 40 homes.',
      'The council met on Monday. The fire destroyed 55 homes.',
      links([
        [[0], [0]],
        [[1], [1]],
      ]),
    );
    const n = ofKind(cs, 'number');
    expect(n).toHaveLength(1);
    expect(n[0].link).toBe(1);
    expect(n[0].sentences).toEqual({ a: [1], b: [1] });
  });

  it('finds nothing between identical texts', () => {
    const text =
      'Fire chief Oskar Lindtner said the fire destroyed 40 homes on Monday. She said it was not arson.';
    expect(changesOf(text, text)).toEqual([]);
  });
});

describe('negation across wordings', () => {
  const neg = (a: string, b: string) =>
    compare({ text: a, lang: 'de' }, { text: b, lang: 'de' }).changes.filter((c) => c.kind === 'negation');

  it('counts a negative pronoun as a negation, so "niemand" and "keine" say the same', () => {
    expect(
      neg(
        'Verletzt wurde bei dem Brand in der Lagerhalle nach Angaben der Feuerwehr niemand.',
        'Verletzte gab es bei dem Brand in der Lagerhalle nach Angaben der Feuerwehr keine.',
      ),
    ).toEqual([]);
  });

  it('still reports a negation that one version drops', () => {
    const found = neg(
      'Bei dem Brand in der Lagerhalle wurde nach Angaben der Feuerwehr niemand verletzt.',
      'Bei dem Brand in der Lagerhalle wurden nach Angaben der Feuerwehr drei Menschen verletzt.',
    );
    expect(found.map((c) => c.detail)).toEqual(['removed']);
  });
});
