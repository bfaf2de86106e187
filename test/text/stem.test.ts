import { describe, expect, it } from 'vitest';
import { porter2, stem } from '../../src/text/stem.js';

// Word → stem pairs from the Snowball project's English reference vocabulary (current Porter2,
// with the gener/commun/arsen/past/univers/later/emerg/organ/inter R1 exceptions).
const PORTER2_PAIRS: [string, string][] = [
  ['running', 'run'],
  ['generously', 'generous'],
  ['negotiations', 'negoti'],
  ['agreement', 'agreement'],
  ['stalled', 'stall'],
  ['countries', 'countri'],
  ['caresses', 'caress'],
  ['ponies', 'poni'],
  ['ties', 'tie'],
  ['cries', 'cri'],
  ['gas', 'gas'],
  ['gaps', 'gap'],
  ['hopping', 'hop'],
  ['hoped', 'hope'],
  ['hoping', 'hope'],
  ['filing', 'file'],
  ['luxuriating', 'luxuri'],
  ['agreed', 'agre'],
  ['feed', 'feed'],
  ['proceed', 'proceed'],
  ['exceeding', 'exceed'],
  ['succeeded', 'succeed'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['inning', 'inning'],
  ['outing', 'outing'],
  ['canning', 'canning'],
  ['herring', 'herring'],
  ['earring', 'earring'],
  ['evening', 'evening'],
  ['cry', 'cri'],
  ['say', 'say'],
  ['by', 'by'],
  ['skis', 'ski'],
  ['skies', 'sky'],
  ['idly', 'idl'],
  ['gently', 'gentl'],
  ['ugly', 'ugli'],
  ['early', 'earli'],
  ['only', 'onli'],
  ['singly', 'singl'],
  ['sky', 'sky'],
  ['news', 'news'],
  ['howe', 'howe'],
  ['atlas', 'atlas'],
  ['cosmos', 'cosmos'],
  ['bias', 'bias'],
  ['andes', 'andes'],
  ['generate', 'generat'],
  ['general', 'general'],
  ['generic', 'generic'],
  ['communism', 'communism'],
  ['communication', 'communic'],
  ['arsenal', 'arsenal'],
  ['past', 'past'],
  ['pasted', 'paste'],
  ['universal', 'universal'],
  ['university', 'universiti'],
  ['lateral', 'lateral'],
  ['emergency', 'emergenc'],
  ['organization', 'organiz'],
  ['international', 'internat'],
  ['internment', 'internment'],
  ['conditional', 'condit'],
  ['rational', 'ration'],
  ['operator', 'oper'],
  ['hopefulness', 'hope'],
  ['callousness', 'callous'],
  ['electrical', 'electr'],
  ['hopeful', 'hope'],
  ['goodness', 'good'],
  ['revival', 'reviv'],
  ['allowance', 'allow'],
  ['inference', 'infer'],
  ['defensible', 'defens'],
  ['adjustment', 'adjust'],
  ['dependent', 'depend'],
  ['adoption', 'adopt'],
  ['communism', 'communism'],
  ['effective', 'effect'],
  ['rate', 'rate'],
  ['cease', 'ceas'],
  ['controll', 'control'],
  ['roll', 'roll'],
  ['minister', 'minist'],
  ['ministers', 'minist'],
  ['ministry', 'ministri'],
  ['president', 'presid'],
  ['presidents', 'presid'],
  ['government', 'govern'],
  ['governments', 'govern'],
  ['election', 'elect'],
  ['elections', 'elect'],
  ['elected', 'elect'],
  ['announced', 'announc'],
  ['announcement', 'announc'],
  ['announcing', 'announc'],
  ['officials', 'offici'],
  ['official', 'offici'],
  ['officially', 'offici'],
  ['economic', 'econom'],
  ['economy', 'economi'],
  ['crisis', 'crisi'],
  ['united', 'unit'],
  ['states', 'state'],
  ['percent', 'percent'],
  ['million', 'million'],
  ['reported', 'report'],
  ['reporting', 'report'],
  ['spokesman', 'spokesman'],
  ['happily', 'happili'],
  ['happiness', 'happi'],
  ['hopelessness', 'hopeless'],
  ['conspiracy', 'conspiraci'],
  ['consolidated', 'consolid'],
  ['knives', 'knive'],
  ['knitting', 'knit'],
  ['knocked', 'knock'],
  ['sensational', 'sensat'],
  ['traditional', 'tradit'],
  ['reference', 'refer'],
  ['plotted', 'plot'],
  ['meeting', 'meet'],
  ['stating', 'state'],
  ['owned', 'own'],
  ['humbled', 'humbl'],
  ['sized', 'size'],
  ['yesterday', 'yesterday'],
  ['saying', 'say'],
  ['played', 'play'],
  ['playing', 'play'],
  ['employed', 'employ'],
  ['destroyed', 'destroy'],
];

describe('porter2', () => {
  it('matches the Snowball reference stems', () => {
    const wrong = PORTER2_PAIRS.filter(([w, s]) => porter2(w) !== s).map(
      ([w, s]) => `${w}: ${porter2(w)} ≠ ${s}`,
    );
    expect(wrong).toEqual([]);
  });

  it('leaves words shorter than 3 letters alone', () => {
    expect(porter2('is')).toBe('is');
    expect(porter2('a')).toBe('a');
    expect(porter2('')).toBe('');
  });

  it('handles apostrophes', () => {
    expect(porter2("'tis")).toBe('tis');
    expect(porter2("nation's")).toBe('nation');
    expect(porter2("nations'")).toBe('nation');
  });
});

describe('stem', () => {
  it('uses Porter2 for English, with region subtags ignored', () => {
    expect(stem('negotiations', 'en')).toBe('negoti');
    expect(stem('negotiations', 'en-GB')).toBe('negoti');
    expect(stem('running', 'EN')).toBe('run');
  });

  it('light-stems German, Spanish, French, Italian, Portuguese and Dutch inflections together', () => {
    const same = (lang: string, words: string[]): void => {
      const stems = new Set(words.map((w) => stem(w, lang)));
      expect([...stems], `${lang}: ${words.join(', ')}`).toHaveLength(1);
    };
    same('de', ['verhandlung', 'verhandlungen']);
    same('de', ['hauses', 'haus']);
    same('de', ['regierung', 'regierungen']);
    same('es', ['negociacion', 'negociaciones']);
    same('es', ['ministro', 'ministros', 'ministra']);
    same('es', ['luz', 'luces']);
    same('fr', ['negociation', 'negociations']);
    same('fr', ['journal', 'journaux']);
    same('fr', ['ministre', 'ministres']);
    same('it', ['negoziato', 'negoziati']);
    same('it', ['banca', 'banche']);
    same('pt', ['negociacao', 'negociacoes']);
    same('pt', ['jornal', 'jornais']);
    same('pt', ['ministro', 'ministros']);
    same('nl', ['onderhandeling', 'onderhandelingen']);
    same('nl', ['man', 'mannen']);
  });

  it('light-stems Swedish, Danish and Norwegian', () => {
    expect(stem('regeringen', 'sv')).toBe(stem('regering', 'sv'));
    expect(stem('bilerne', 'da')).toBe('bil');
    expect(stem('biler', 'da')).toBe('bil');
    expect(stem('regjeringen', 'no')).toBe('regjering');
    expect(stem('regjeringen', 'nb')).toBe('regjering');
  });

  it('keeps stems of at least 3 characters', () => {
    expect(stem('ese', 'es')).toBe('ese');
    expect(stem('ente', 'it')).toBe('ent');
    expect(stem('cases', 'fr').length).toBeGreaterThanOrEqual(3);
  });

  it('truncates agglutinative and Slavic languages to 6 letters', () => {
    expect(stem('negocjacjach', 'pl')).toBe('negocj');
    expect(stem('müzakerelerde', 'tr')).toBe('müzake');
    expect(stem('neuvotteluissa', 'fi')).toBe('neuvot');
    expect(stem('переговоров', 'ru')).toBe('перего');
    expect(stem('переговори', 'uk')).toBe('перего');
    expect(stem('vlada', 'cs')).toBe('vlada');
  });

  it('strips the Arabic article and common suffixes, keeping 3 letters', () => {
    expect(stem('الحكومة', 'ar')).toBe('حكوم');
    expect(stem('والمفاوضات', 'ar')).toBe('مفاوض');
    expect(stem('بالاتفاق', 'ar')).toBe('اتفاق');
    expect(stem('المعلمون', 'ar')).toBe('معلم');
    expect(stem('الام', 'ar')).toBe('الام');
  });

  it('returns the word for CJK and unknown languages', () => {
    expect(stem('政府', 'zh')).toBe('政府');
    expect(stem('running', 'und')).toBe('running');
    expect(stem('running', 'xx')).toBe('running');
    expect(stem('running', '')).toBe('running');
  });

  it('stays correct when the memo fills up', () => {
    for (let i = 0; i < 60_000; i++) stem(`word${i}s`, 'en');
    expect(stem('countries', 'en')).toBe('countri');
  });
});

describe('light stemmers on news vocabulary', () => {
  it('conflate singular, plural and case forms', () => {
    const groups: [string, string[]][] = [
      ['de', ['minister', 'ministers', 'ministern']],
      ['de', ['gesprach', 'gesprache', 'gesprachen', 'gesprachs']],
      ['es', ['gobierno', 'gobiernos']],
      ['es', ['pais', 'paises']],
      ['fr', ['gouvernement', 'gouvernements']],
      ['it', ['ministro', 'ministri']],
      ['sv', ['forhandling', 'forhandlingar', 'forhandlingarna']],
    ];
    for (const [lang, words] of groups) {
      expect(new Set(words.map((w) => stem(w, lang))).size, `${lang}: ${words.join(', ')}`).toBe(1);
    }
  });
});
