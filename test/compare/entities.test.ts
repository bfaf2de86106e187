import { describe, expect, it } from 'vitest';
import { hasVariants, reconcileEntities, spelledApart } from '../../src/compare/entities.js';
import type { ReconciledEntity } from '../../src/compare/types.js';
import { analyze } from '../../src/doc/analyze.js';
import { diagonal, doc, links } from './helpers.js';

const find = (ents: ReconciledEntity[], form: string) =>
  ents.find((e) => [...e.forms.a, ...e.forms.b].includes(form));

describe('reconcileEntities', () => {
  it('merges a misspelt name when both versions give the same title', () => {
    const a = doc('Interior Minister Rafael Castellano visited the flooded town on Monday.');
    const b = doc('The flooded town was visited on Monday by interior minister Rafael Costello.');
    // No alignment: the title alone must carry the match.
    const ents = reconcileEntities(a, b, []);
    const e = find(ents, 'Rafael Castellano');
    expect(e?.forms).toEqual({ a: ['Rafael Castellano'], b: ['Rafael Costello'] });
    expect(e?.kind).toBe('person');
    expect(e?.variants).toBe(true);
    expect(e?.name).toBe('Rafael Castellano');
    expect(e?.evidence.join(' ')).toMatch(/same title or role: interior minister/);
    expect(e?.confidence).toBeGreaterThan(0.5);
    expect(e?.confidence).toBeLessThan(1);
  });

  it('does not merge the same misspelling without a title or aligned sentences', () => {
    const a = doc('Rafael Castellano visited the flooded town on Monday.');
    const b = doc('The flooded town was visited on Monday by Rafael Costello.');
    const ents = reconcileEntities(a, b, []);
    expect(find(ents, 'Rafael Castellano')?.forms.b).toEqual([]);
    expect(find(ents, 'Rafael Costello')?.forms.a).toEqual([]);
  });

  it('merges the same misspelling when the sentences mentioning it are aligned', () => {
    const a = doc('Rafael Castellano visited the flooded town on Monday.');
    const b = doc('The flooded town was visited on Monday by Rafael Costello.');
    const ents = reconcileEntities(a, b, diagonal(1));
    const e = find(ents, 'Rafael Castellano');
    expect(e?.forms.b).toEqual(['Rafael Costello']);
    expect(e?.evidence.join(' ')).toMatch(/aligned sentence pair/);
  });

  it('keeps two different people with similar names apart when nothing corroborates', () => {
    const a = doc('Tomas Becker won the cycling race in Ghent on Sunday.');
    const b = doc('Farmers protested near Lyon on Sunday. Tomas Baker, a grower, joined the march.');
    const ents = reconcileEntities(a, b, []);
    const becker = find(ents, 'Tomas Becker');
    const baker = find(ents, 'Tomas Baker');
    expect(becker).toBeDefined();
    expect(baker).toBeDefined();
    expect(becker).not.toBe(baker);
    expect(becker?.forms.b).toEqual([]);
    expect(baker?.forms.a).toEqual([]);
    expect(becker?.variants).toBe(false);
  });

  it('matches exact names with confidence 1 and no variants', () => {
    const a = doc('Helga Marstrand opened the dam. Marstrand said it was safe.');
    const b = doc('The dam was opened by Helga Marstrand.');
    const ents = reconcileEntities(a, b, []);
    const e = find(ents, 'Helga Marstrand');
    expect(e?.forms).toEqual({ a: ['Helga Marstrand', 'Marstrand'], b: ['Helga Marstrand'] });
    expect(e?.variants).toBe(false);
    expect(e?.confidence).toBe(1);
    expect(e?.mentions.a).toHaveLength(2);
    expect(e?.mentions.b).toHaveLength(1);
  });

  it('joins places through the gazetteer, without calling aliases variants', () => {
    const a = doc('Envoys from the United States arrived in Geneva.');
    const b = doc('US envoys arrived in Geneva.');
    const ents = reconcileEntities(a, b, []);
    const us = find(ents, 'United States');
    expect(us?.forms.b).toEqual(['US']);
    expect(us?.variants).toBe(false);
    expect(us?.evidence.join(' ')).toMatch(/both name/);
    expect(find(ents, 'Geneva')?.forms).toEqual({ a: ['Geneva'], b: ['Geneva'] });
  });

  it('lists entities of a first, then those only in b, with ids in order', () => {
    const a = doc('Helga Marstrand met Tobold Quarrington in Oslo.');
    const b = doc('Tobold Quarrington met Ulmo Fairweg in Oslo.');
    const ents = reconcileEntities(a, b, links([[[0], [0]]]));
    expect(ents.map((e) => e.id)).toEqual(ents.map((_, i) => i));
    expect(ents.map((e) => e.name)).toEqual([
      'Helga Marstrand',
      'Tobold Quarrington',
      'Oslo',
      'Ulmo Fairweg',
    ]);
    expect(ents[3].mentions.a).toEqual([]);
    expect(ents[3].evidence).toEqual([]);
  });

  it('pairs each entity of b at most once, with the right person', () => {
    const a = doc('Tomas Kreuzberg and Lena Kreuzberg run the farm.');
    const b = doc('Tomas Kreuzberg runs the farm.');
    const ents = reconcileEntities(a, b, diagonal(1));
    expect(ents.filter((e) => e.forms.b.length > 0).map((e) => e.name)).toEqual(['Tomas Kreuzberg']);
    expect(find(ents, 'Lena Kreuzberg')?.forms.b).toEqual([]);
  });
});

describe('hasVariants', () => {
  it('is false for one spelling and its short forms', () => {
    expect(hasVariants(['Antony Blinken', 'Blinken'])).toBe(false);
    expect(hasVariants(['Helga Marstrand', 'Helga Marstrand'])).toBe(false);
    expect(hasVariants(['Marstrand'])).toBe(false);
    expect(hasVariants([])).toBe(false);
  });

  it('is true for different surnames', () => {
    expect(hasVariants(['Marieke Vandersloot', 'Vanderslot'])).toBe(true);
    expect(hasVariants(['Okonkwo', 'Okonko'])).toBe(true);
  });

  it('is true for different given names with the same surname', () => {
    expect(hasVariants(['Pieter Okonkwo', 'Peter Okonkwo'])).toBe(true);
  });

  it('ignores case and diacritics', () => {
    expect(hasVariants(['José Müller', 'Jose Muller', 'MÜLLER'])).toBe(false);
  });
});

/** An article in a given language. */
const docIn = (lang: string, text: string) => analyze({ text, lang });
const person = (ents: ReconciledEntity[], word: string) =>
  ents.find((e) => e.kind === 'person' && [...e.forms.a, ...e.forms.b].some((f) => f.includes(word)));

describe('reconcileEntities: an inflection is the same spelling', () => {
  it('Polish: "Donald Kowalczyk" and "Donalda Kowalczyka" are one spelling', () => {
    const a = docIn('pl', 'Premier Donald Kowalczyk odwiedził wczoraj Gdańsk. Kowalczyk mówił o portach.');
    const b = docIn(
      'pl',
      'Wizyta premiera Donalda Kowalczyka w Gdańsku trwała dwa dni. Kowalczyk mówił o portach.',
    );
    const e = person(reconcileEntities(a, b, diagonal(2)), 'Kowalczyk');
    expect(e?.forms.a.length && e?.forms.b.length).toBeTruthy();
    expect(e?.variants).toBe(false);
    expect(e?.inconsistentSpellings).toBeUndefined();
  });
  it('Turkish: "Wuhan\'da" and "Wuhan\'dan" are the place itself, not two spellings', () => {
    const a = docIn('tr', "Bilim insanı Ayşe Korkmazer Wuhan'da çalıştı. Korkmazer açıklama yaptı.");
    const b = docIn(
      'tr',
      "Bilim insanı Ayşe Korkmazer'in Wuhan'dan döndüğü bildirildi. Korkmazer'e göre durum iyi.",
    );
    const ents = reconcileEntities(a, b, diagonal(2));
    expect(ents.filter((e) => e.variants)).toEqual([]);
    expect(ents.flatMap((e) => [...e.forms.a, ...e.forms.b]).join(' ')).not.toMatch(/'/);
  });
  it('Finnish: "Koivisto" and "Koivistolle" are one spelling', () => {
    const a = docIn('fi', 'Pääministeri Sanna Koivisto vieraili Tampereella. Koivisto puhui yrittäjille.');
    const b = docIn(
      'fi',
      'Pääministeri Sanna Koivistolle esitettiin kysymyksiä Tampereella. Koivisto puhui yrittäjille.',
    );
    const e = person(reconcileEntities(a, b, diagonal(2)), 'Koivisto');
    expect(e?.forms.b.some((f) => f.endsWith('Sanna Koivistolle'))).toBe(true);
    expect(e?.forms.a.some((f) => f.endsWith('Sanna Koivisto'))).toBe(true);
    expect(e?.variants).toBe(false);
  });
});

describe('reconcileEntities: spellings inside one version', () => {
  const a = doc(
    'Foreign Minister Annalena Berbock arrived in Rome on Monday. Bairbock said the talks were urgent.',
  );
  const b = doc(
    'Foreign Minister Annalena Berbock arrived in Rome on Monday. Berbock said the talks were urgent.',
  );
  it('are reported per side, apart from differences between the versions', () => {
    const e = person(reconcileEntities(a, b, diagonal(2)), 'Berbock');
    expect(e?.inconsistentSpellings).toEqual({ a: ['Annalena Berbock', 'Bairbock'] });
    // b spells it one way, and a also writes b's spelling: between the versions nothing differs.
    expect(e?.variants).toBe(false);
  });
  it('a misspelling only b makes is a difference between the versions', () => {
    const c = doc(
      'Foreign Minister Annalena Berbach arrived in Rome on Monday. Berbach said the talks were urgent.',
    );
    const e = person(reconcileEntities(b, c, diagonal(2)), 'Berb');
    expect(e?.variants).toBe(true);
    expect(e?.inconsistentSpellings).toBeUndefined();
  });
  it('different people grouped under one surname are not a misspelling', () => {
    const x = doc('President Walter Quenby spoke on Monday. His son Rupert Quenby was not present.');
    const y = doc('President Walter Quenby spoke on Monday. His son Rupert Quenby was not present.');
    const ents = reconcileEntities(x, y, diagonal(2));
    expect(ents.filter((e) => e.variants || e.inconsistentSpellings)).toEqual([]);
  });
});

describe('spelledApart', () => {
  it('compares a side with the other, not with itself', () => {
    expect(spelledApart(['Antony Blinken'], ['Anthony Blinken'])).toBe(true);
    expect(spelledApart(['Blinken'], ['Blinken', 'Blanken'])).toBe(false);
    expect(spelledApart(['Rafael Castellano'], ['Rafael Costello'])).toBe(true);
    expect(spelledApart(['Chin'], ['Chiny'], ['pl'])).toBe(false);
    expect(spelledApart(['Tomas Becker'], [])).toBe(false);
  });
  it('words that merely look alike are not misspellings of each other', () => {
    // Another first letter without the same sound, a short form, a different given name.
    expect(spelledApart(['Western Region'], ['Eastern Region'])).toBe(false);
    expect(spelledApart(['Alex Albon'], ['Alexander Albon'])).toBe(false);
    // One vowel or "s" more is an ending or a cut, one consonant more a misspelling.
    expect(spelledApart(['Carlos Girado'], ['Carlo Girado'])).toBe(false);
    expect(spelledApart(['Scoop Media'], ['Scoop Medi'])).toBe(false);
    expect(hasVariants(['Marieke Vanderslot', 'Vandersloth'])).toBe(true);
    expect(spelledApart(['Joe Quenby'], ['Hunter Quenby'])).toBe(false);
    // Run-together artefacts are no spelling.
    expect(spelledApart(['Babusco'], ['ABabusco'])).toBe(false);
  });
});

describe('hasVariants with languages', () => {
  it('inflections are one spelling; misspellings are not', () => {
    expect(hasVariants(['Donald Tusk', 'Donalda Tuska'], ['pl'])).toBe(false);
    expect(hasVariants(['Jahr', 'Jahren'], ['de'])).toBe(false);
    expect(hasVariants(['Annalena Berbock', 'Bairbock'], ['de'])).toBe(true);
  });
});
