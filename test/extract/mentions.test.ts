import { describe, expect, it } from 'vitest';
import { extractMentions, type MentionResult } from '../../src/extract/mentions.js';
import type { LocalEntity } from '../../src/extract/types.js';
import { normalizeText } from '../../src/text/normalize.js';
import { segment } from '../../src/text/segment.js';
import { tokenize } from '../../src/text/tokenize.js';

/** Runs the text layer and the mention extractor on an article (English unless told). */
function mentionsOf(raw: string, lang = 'en'): MentionResult & { text: string } {
  const text = normalizeText(raw);
  const { sentences } = segment(text, { lang });
  const tokens = sentences.map((s) => tokenize(s.text, s.start, lang));
  return { text, ...extractMentions(text, sentences, tokens, lang) };
}

const entity = (r: MentionResult, form: string): LocalEntity | undefined =>
  r.entities.find((e) => e.forms.includes(form));
const names = (r: MentionResult, kind?: string) =>
  r.entities.filter((e) => !kind || e.kind === kind).map((e) => e.name);

describe('extractMentions: persons and titles', () => {
  it('splits a capitalised title from the name', () => {
    const r = mentionsOf('German Foreign Minister Annalena Baerbock met her counterpart in Paris on Monday.');
    const p = entity(r, 'Annalena Baerbock');
    expect(p?.kind).toBe('person');
    expect(p?.titles).toEqual(['German Foreign Minister']);
    const m = r.mentions.find((x) => x.text === 'Annalena Baerbock');
    expect(m?.title).toBe('German Foreign Minister');
    // Offsets point at the name itself, not the title.
    expect(r.text.slice(m!.start, m!.end)).toBe('Annalena Baerbock');
    expect(names(r)).not.toContain('German Foreign Minister Annalena Baerbock');
  });

  it('keeps a modifier such as "former" in a capitalised title', () => {
    const r = mentionsOf('Former US President Barack Obama spoke at the ceremony in Chicago.');
    const p = entity(r, 'Barack Obama');
    expect(p?.kind).toBe('person');
    expect(p?.titles).toEqual(['Former US President']);
  });

  it('finds a lower-case title before the name', () => {
    const r = mentionsOf('The talks were led by foreign minister Helga Marstrand, who arrived late.');
    const p = entity(r, 'Helga Marstrand');
    expect(p?.kind).toBe('person');
    expect(p?.titles).toEqual(['foreign minister']);
  });

  it('takes a lower-case title with a country in front of it', () => {
    const r = mentionsOf('The plan was backed by former US president Barack Obama on Monday.');
    const p = entity(r, 'Barack Obama');
    expect(p?.kind).toBe('person');
    expect(p?.titles[0]).toMatch(/US president$/);
  });

  it('makes anyone with a title a person, even with an unknown name', () => {
    const r = mentionsOf('Harbour master Oskvald Trenning closed the port. Senator Ulmo Fairweg objected.');
    expect(entity(r, 'Oskvald Trenning')?.kind).toBe('person');
    expect(entity(r, 'Ulmo Fairweg')?.kind).toBe('person');
    expect(entity(r, 'Ulmo Fairweg')?.titles).toEqual(['Senator']);
  });

  it('reads Mr and Mrs as honorifics that give the gender', () => {
    const r = mentionsOf(
      'Mr Tobold Quarrington arrived first. Mrs Ilse Vrancken followed an hour later. Quarrington and Vrancken then signed.',
    );
    const tq = entity(r, 'Tobold Quarrington');
    const iv = entity(r, 'Ilse Vrancken');
    expect(tq?.kind).toBe('person');
    expect(iv?.kind).toBe('person');
    expect(tq?.gender).toBe('m');
    expect(iv?.gender).toBe('f');
    // The honorific is not part of the name, and the bare surnames join the full names.
    expect(names(r, 'person').sort()).toEqual(['Ilse Vrancken', 'Tobold Quarrington']);
    expect(tq?.forms).toContain('Quarrington');
    expect(iv?.forms).toContain('Vrancken');
  });
});

describe('extractMentions: linking mentions inside one article', () => {
  it('links a later surname to the full name', () => {
    const r = mentionsOf(
      'Prime minister Jonas Dekkerman opened the session. Dekkerman later said he was pleased with the vote.',
    );
    const persons = r.entities.filter((e) => e.kind === 'person');
    expect(persons).toHaveLength(1);
    expect(persons[0].name).toBe('Jonas Dekkerman');
    expect(persons[0].forms).toEqual(['Jonas Dekkerman', 'Dekkerman']);
    expect(persons[0].mentions).toHaveLength(2);
  });

  it('links a misspelt surname to the same entity', () => {
    const r = mentionsOf(
      'Dutch Infrastructure Minister Marieke Vandersloot visited the port. Later, Vanderslot told reporters the talks were going well.',
    );
    const persons = r.entities.filter((e) => e.kind === 'person');
    expect(persons).toHaveLength(1);
    expect(persons[0].forms).toEqual(['Marieke Vandersloot', 'Vanderslot']);
    expect(persons[0].name).toBe('Marieke Vandersloot');
    const ids = r.mentions.filter((m) => m.kind === 'person').map((m) => m.entity);
    expect(new Set(ids).size).toBe(1);
  });

  it('keeps two people with the same surname but different given names apart', () => {
    const r = mentionsOf(
      'Tomas Kreuzberg and Lena Kreuzberg run the farm. Tomas Kreuzberg said the harvest was poor.',
    );
    const tomas = entity(r, 'Tomas Kreuzberg');
    const lena = entity(r, 'Lena Kreuzberg');
    expect(tomas).toBeDefined();
    expect(lena).toBeDefined();
    expect(tomas?.id).not.toBe(lena?.id);
    expect(tomas?.mentions).toHaveLength(2);
  });

  it('keeps unrelated surnames apart', () => {
    const r = mentionsOf('Helga Marstrand met Tobold Quarrington in Oslo. Marstrand spoke first.');
    expect(entity(r, 'Marstrand')?.name).toBe('Helga Marstrand');
    expect(entity(r, 'Tobold Quarrington')?.forms).toEqual(['Tobold Quarrington']);
  });

  it('numbers entities in order of first mention and mentions in text order', () => {
    const r = mentionsOf(
      'Helga Marstrand met Tobold Quarrington in Oslo. Quarrington and Marstrand then left.',
    );
    expect(r.entities.map((e) => e.id)).toEqual(r.entities.map((_, i) => i));
    const starts = r.mentions.map((m) => m.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    for (const e of r.entities) for (const mi of e.mentions) expect(r.mentions[mi].entity).toBe(e.id);
  });
});

describe('extractMentions: organisations and places', () => {
  it('classifies places and organisations with the gazetteer', () => {
    const r = mentionsOf(
      'The talks in Geneva were hosted by the World Health Organization. Russia and China sent envoys to the United States. NATO said it would attend.',
    );
    expect(entity(r, 'Geneva')?.kind).toBe('place');
    expect(entity(r, 'Russia')?.kind).toBe('place');
    expect(entity(r, 'United States')?.kind).toBe('place');
    expect(entity(r, 'World Health Organization')?.kind).toBe('org');
    expect(entity(r, 'NATO')?.kind).toBe('org');
    expect(r.entities.filter((e) => e.kind === 'person')).toEqual([]);
  });

  it('merges repeated mentions of one place', () => {
    const r = mentionsOf('Storms hit Lisbon on Monday. Lisbon schools were closed.');
    const lisbon = entity(r, 'Lisbon');
    expect(lisbon?.kind).toBe('place');
    expect(lisbon?.mentions).toHaveLength(2);
  });

  it('recognises an organisation by its suffix', () => {
    const r = mentionsOf('Analysts said shares of Brandvold Holdings Inc fell sharply on Monday.');
    expect(entity(r, 'Brandvold Holdings Inc')?.kind).toBe('org');
  });
});

describe('extractMentions: words capitalised only by position', () => {
  it('does not take sentence-initial words for names', () => {
    const r = mentionsOf(
      'Yesterday the council met in Berlin. However, officials disagreed. Despite the rain, crowds gathered. Meanwhile the mayor was away.',
    );
    expect(names(r)).toEqual(['Berlin']);
  });

  it('drops leading function words from a chunk', () => {
    const r = mentionsOf('The Quarrington family owns the mill, and Tobold Quarrington runs it.');
    expect(names(r)).not.toContain('The Quarrington');
  });

  it('does not take calendar words for names', () => {
    const r = mentionsOf('The market reopens on Tuesday in March, the council said on Friday.');
    expect(r.entities).toEqual([]);
  });
});

describe('extractMentions: pronouns', () => {
  it('resolves a pronoun to the last person whose gender fits', () => {
    const r = mentionsOf(
      'Mrs Ilse Vrancken met Mr Tobold Quarrington in Oslo. She said the talks went well.',
    );
    const she = r.pronouns.find((p) => p.text === 'She');
    expect(she?.gender).toBe('f');
    expect(she?.entity).toBe(entity(r, 'Ilse Vrancken')?.id);
  });

  it('resolves to the most recent person when genders are unknown', () => {
    const r = mentionsOf(
      'Tobold Quarrington spoke first. Ulmo Fairweg spoke next. He said the plan would cost too much.',
    );
    const he = r.pronouns.find((p) => p.text === 'He');
    expect(he?.entity).toBe(entity(r, 'Ulmo Fairweg')?.id);
  });

  it('leaves a pronoun unresolved when no person fits', () => {
    const r = mentionsOf('The river rose overnight in Lisbon. He said the levees would hold.');
    const he = r.pronouns.find((p) => p.text === 'He');
    expect(he).toBeDefined();
    expect(he?.entity).toBeUndefined();
  });

  it('does not resolve plural pronouns to a person', () => {
    const r = mentionsOf('Tobold Quarrington met the farmers. They said the prices were too low.');
    const they = r.pronouns.find((p) => p.text === 'They');
    expect(they?.gender).toBe('p');
    expect(they?.entity).toBeUndefined();
  });

  it('infers an entity gender from the pronouns that refer to it', () => {
    const he = mentionsOf('Tobold Quarrington visited the mill. He said the wheel still turned.');
    expect(entity(he, 'Tobold Quarrington')?.gender).toBe('m');
    const she = mentionsOf('Helga Marstrand visited the mill. She said the wheel still turned.');
    expect(entity(she, 'Helga Marstrand')?.gender).toBe('f');
    const none = mentionsOf('Helga Marstrand visited the mill on Monday.');
    expect(entity(none, 'Helga Marstrand')?.gender).toBeUndefined();
  });

  it('records every pronoun with its offsets and sentence', () => {
    const r = mentionsOf('Helga Marstrand arrived. She brought her notes and read them aloud.');
    expect(r.pronouns.map((p) => [p.text, p.sentence, p.gender])).toEqual([
      ['She', 1, 'f'],
      ['her', 1, 'f'],
      ['them', 1, 'p'],
    ]);
    for (const p of r.pronouns) expect(r.text.slice(p.start, p.end)).toBe(p.text);
  });
});

describe('extractMentions: regressions', () => {
  it('does not glue a sentence-opening adverb onto a name', () => {
    const r = mentionsOf('Helga Marstrand arrived on Monday. Yesterday Marstrand said the vote was fair.');
    expect(names(r, 'person')).toEqual(['Helga Marstrand']);
    expect(entity(r, 'Marstrand')?.name).toBe('Helga Marstrand');
  });

  it('remembers the gender a pronoun gave a person while resolving later pronouns', () => {
    const r = mentionsOf(
      'Tobold Quarrington spoke first. He said the deal was fair. Helga Marstrand disagreed. She said he was wrong.',
    );
    const last = r.pronouns[r.pronouns.length - 1];
    expect(last.text).toBe('he');
    expect(r.entities[last.entity!].name).toBe('Tobold Quarrington');
  });
});

describe('extractMentions: German capitalises every noun', () => {
  const r = mentionsOf(
    [
      'Verurteilter Kardinal Pell kommt nach 400 Tagen frei.',
      'Die Rettungskräfte waren in der Silvesternacht stundenlang im Einsatz.',
      'Vor zwei Jahren hatte Bürgermeisterin Helga Marstrand das Land besucht.',
      'Marstrand sagte, im Lande sei es nun ruhig.',
      'Die Feuerwehr meldete am Morgen 40 Brände, Verletzte gab es keine.',
    ].join(' '),
    'de',
  );
  it('keeps the title, not the adjective before it: "Verurteilter Kardinal Pell" is Pell, a cardinal', () => {
    const pell = entity(r, 'Pell');
    expect(pell?.kind).toBe('person');
    expect(pell?.titles).toEqual(['Kardinal']);
    expect(names(r).join(' ')).not.toMatch(/Verurteilter/);
  });
  it('does not take common nouns for names', () => {
    const all = r.entities.flatMap((e) => e.forms).join(' | ');
    for (const noun of [
      'Rettungskräfte',
      'Silvesternacht',
      'Jahren',
      'Land',
      'Lande',
      'Feuerwehr',
      'Tagen',
      'Einsatz',
    ])
      expect(all, noun).not.toContain(noun);
  });
  it('still finds the people, and a surname alone once the full name was given', () => {
    expect(entity(r, 'Helga Marstrand')?.forms).toEqual(['Helga Marstrand', 'Marstrand']);
  });
  it('keeps a lone unknown capitalised word only with evidence', () => {
    const q = mentionsOf('Die Zeitung Morgenpost berichtete über Grabowski. Grabowski sagte nichts.', 'de');
    // "Grabowski sagte": a speech verb makes it a person; "Morgenpost" is not claimed.
    expect(names(q, 'person')).toContain('Grabowski');
    expect(names(q).join(' ')).not.toMatch(/Morgenpost/);
  });
});

describe('extractMentions: Turkish case endings after an apostrophe', () => {
  const r = mentionsOf(
    [
      "Dışişleri Bakanı Mevlüt Çavuşoğlu'nun açıklaması bekleniyor.",
      "Heyet dün Wuhan'da incelemelerde bulundu ve bugün Wuhan'dan ayrıldı.",
      "Çavuşoğlu, ABD'ye çağrı yaptı.",
    ].join(' '),
    'tr',
  );
  it('the ending is not part of the name, and every case is one entity', () => {
    expect(entity(r, 'Wuhan')?.forms).toEqual(['Wuhan']);
    const m = r.mentions.filter((x) => x.text === 'Wuhan');
    expect(m).toHaveLength(2);
    expect(r.text.slice(m[0].start, m[0].end)).toBe('Wuhan');
  });
  it('a sentence-initial surname is vouched for by its inflected form mid-sentence', () => {
    const p = r.entities.find((e) => e.forms.some((f) => f.endsWith('Çavuşoğlu')));
    expect(p?.forms).toContain('Çavuşoğlu');
    expect(r.entities.flatMap((e) => e.forms).join(' ')).not.toMatch(/'/);
  });
});

describe('extractMentions: titles after adjectives in English', () => {
  it('"Convicted Cardinal George Pell": the adjective is neither title nor name', () => {
    const r = mentionsOf('Convicted Cardinal George Pell was freed on Tuesday.');
    const p = entity(r, 'George Pell');
    expect(p?.kind).toBe('person');
    expect(p?.titles).toEqual(['Cardinal']);
  });
  it('a given name before a title-like word is kept as the name', () => {
    const r = mentionsOf('Helga Marstrand said the dam was safe.');
    expect(names(r, 'person')).toEqual(['Helga Marstrand']);
  });
});
