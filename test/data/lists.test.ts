/**
 * Validates every data file under data/: no duplicates, sorted where order does not matter,
 * normalised (NFC, trimmed, in the fold the loader expects), and every language's file of one
 * kind with the same shape. A failure names the file and the offending entries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PhraseTable, tablesFor } from '../../src/extract/numwords.js';
import { dataLanguages, readJson, readList } from '../../src/text/data.js';
import { foldForMatch, foldName } from '../../src/text/fold.js';
import { scanTokens } from '../../src/text/tokenize.js';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const dups = (xs: readonly string[]): string[] => xs.filter((x, i) => xs.indexOf(x) !== i);
const unsorted = (xs: readonly string[]): string[] => xs.filter((x, i) => i > 0 && cmp(xs[i - 1], x) > 0);
const unnormalised = (xs: readonly string[]): string[] =>
  xs.filter((x) => x !== x.normalize('NFC') || x !== x.trim() || x === '');
// Strictness markers of the gazetteer (see src/extract/gazetteer.ts): ! all capitals, ^ not all lower case.
const unmark = (alias: string): string => alias.replace(/^[!^]/, '');

/** A plain list: unique, sorted, normalised, and (when given) in the loader's fold. */
function checkList(path: string, fold?: (s: string) => string): void {
  const xs = readList(path);
  expect(xs.length, path).toBeGreaterThan(0);
  expect(dups(xs), `${path}: duplicates`).toEqual([]);
  expect(unsorted(xs), `${path}: out of order`).toEqual([]);
  expect(unnormalised(xs), `${path}: not NFC or not trimmed`).toEqual([]);
  if (fold)
    expect(
      xs.filter((x) => fold(x) !== x),
      `${path}: not folded`,
    ).toEqual([]);
}

describe('data/lang: stop words and negations', () => {
  const langs = dataLanguages('stopwords.txt');
  it('every language with stop words also lists its negations', () => {
    expect(langs.length).toBeGreaterThanOrEqual(12);
    expect(dataLanguages('negations.txt')).toEqual(langs);
  });
  for (const lang of langs) {
    it(`${lang}: unique, sorted, folded, and no negation among the stop words`, () => {
      checkList(`lang/${lang}/stopwords.txt`, foldForMatch);
      checkList(`lang/${lang}/negations.txt`, foldForMatch);
      const neg = new Set(readList(`lang/${lang}/negations.txt`));
      expect(readList(`lang/${lang}/stopwords.txt`).filter((w) => neg.has(w))).toEqual([]);
    });
  }
});

describe('data/gazetteer', () => {
  for (const file of ['countries.txt', 'cities.txt', 'us-states.txt', 'regions.txt', 'orgs.txt']) {
    it(`${file}: one line per name, sorted by canonical name, no alias twice`, () => {
      const rows = readList(`gazetteer/${file}`);
      expect(unnormalised(rows), file).toEqual([]);
      const canon = rows.map((r) => foldName(unmark(r.split('|')[0])));
      expect(dups(canon), `${file}: canonical names twice`).toEqual([]);
      expect(unsorted(canon), `${file}: out of order`).toEqual([]);
      // An alias that folds like another of its line, or like one of an earlier line with the
      // same marker, is never looked up: dead data.
      const seen = new Map<string, string>();
      const dead: string[] = [];
      for (const r of rows) {
        for (const a of r.split('|')) {
          expect(a.trim(), `${file}: ${r}`).toBe(a);
          const key = `${a[0] === '!' ? '!' : a[0] === '^' ? '^' : ''}${foldName(unmark(a))}`;
          if (seen.has(key)) dead.push(`${a} (${r.split('|')[0]}; also ${seen.get(key)})`);
          else seen.set(key, r.split('|')[0]);
        }
      }
      expect(dead, `${file}: aliases that can never match`).toEqual([]);
    });
  }

  it('demonyms.txt: "Country=forms;de:…;es:…;fr:…", sorted by country, no form twice in a group', () => {
    const rows = readList('gazetteer/demonyms.txt');
    expect(unnormalised(rows)).toEqual([]);
    const countries = rows.map((r) => foldName(r.split('=')[0]));
    expect(dups(countries)).toEqual([]);
    expect(unsorted(countries)).toEqual([]);
    for (const r of rows) {
      expect(r, r).toMatch(/^[^=;]+=[^=]+$/);
      for (const g of r.split('=')[1].split(';')) {
        expect(g, r).toMatch(/^((de|es|fr):)?[^:]+$/);
        const forms = g.replace(/^(de|es|fr):/, '').split(',');
        expect(
          dups(forms.map((f) => (f[0] === '!' || f[0] === '^' ? f[0] : '') + foldName(unmark(f)))),
          r,
        ).toEqual([]);
      }
    }
  });

  it('given names: unique, sorted, folded', () => {
    checkList('gazetteer/given-names-female.txt', foldName);
    checkList('gazetteer/given-names-male.txt', foldName);
  });
});

describe('data/lang/<code>/gazetteer.json', () => {
  const langs = dataLanguages('gazetteer.json');
  const shape = (o: Record<string, unknown>): string[] =>
    Object.entries(o).map(([k, v]) => `${k}:${Array.isArray(v) ? 'list' : typeof v}`);

  it('every language file has the same shape', () => {
    expect(langs).toEqual(expect.arrayContaining(['de', 'en', 'es', 'fr']));
    const first = shape(readJson(`lang/${langs[0]}/gazetteer.json`));
    for (const lang of langs) expect(shape(readJson(`lang/${lang}/gazetteer.json`)), lang).toEqual(first);
  });

  for (const lang of langs) {
    it(`${lang}: notes its source; every list unique, sorted, normalised`, () => {
      const t = readJson<Record<string, unknown>>(`lang/${lang}/gazetteer.json`);
      expect(typeof t.source).toBe('string');
      for (const [key, v] of Object.entries(t)) {
        if (!Array.isArray(v)) continue;
        // Pairs are sorted and deduplicated by their first (masculine) form.
        const xs = v.map((x: string | string[]) => (Array.isArray(x) ? x[0] : x));
        const where = `${lang}/gazetteer.json ${key}`;
        expect(dups(xs.map(foldName)), `${where}: duplicates`).toEqual([]);
        expect(unsorted(xs), `${where}: out of order`).toEqual([]);
        expect(unnormalised(v.flat()), `${where}: not NFC or not trimmed`).toEqual([]);
      }
    });
  }
});

describe('data/numbers.json and data/lang/<code>/numbers.json', () => {
  const langs = dataLanguages('numbers.json');
  const fields = tablesFor('en') as unknown as Record<string, unknown>;
  const phraseKey = (p: string): string =>
    scanTokens(p, 0)
      .map((t) => t.n)
      .join(' ');

  /** Checks one table against the kind of the field it fills. */
  function checkTable(where: string, key: string, v: unknown): void {
    const field = fields[key];
    if (!(field instanceof PhraseTable || field instanceof Map || field instanceof Set)) return;
    const list = v as (string | [string, unknown])[];
    const words = list.map((x) => (Array.isArray(x) ? x[0] : x));
    expect(unsorted(words), `${where} ${key}: out of order`).toEqual([]);
    expect(unnormalised(words), `${where} ${key}: not NFC or not trimmed`).toEqual([]);
    // Phrases are matched on folded tokens, map keys and set members as folded words.
    const keys = field instanceof PhraseTable ? words.map(phraseKey) : words;
    expect(dups(keys), `${where} ${key}: duplicates`).toEqual([]);
    if (!(field instanceof PhraseTable))
      expect(
        words.filter((w) => foldForMatch(w) !== w),
        `${where} ${key}: not folded`,
      ).toEqual([]);
  }

  it('every language file has the same shape, with a source and a table for every field', () => {
    expect(langs).toEqual(['de', 'en', 'es', 'fr']);
    const shape = (o: Record<string, unknown>) =>
      Object.entries(o).map(([k, v]) => `${k}:${Array.isArray(v) ? 'list' : typeof v}`);
    const first = shape(readJson(`lang/${langs[0]}/numbers.json`));
    for (const lang of langs) {
      const t = readJson<Record<string, unknown>>(`lang/${lang}/numbers.json`);
      expect(shape(t), lang).toEqual(first);
      expect(typeof t.source).toBe('string');
    }
    const keys = readJson<Record<string, unknown>>('lang/en/numbers.json');
    for (const k of Object.keys(fields)) if (k !== 'lang') expect(keys, k).toHaveProperty(k);
  });

  for (const lang of langs) {
    it(`${lang}: every table unique, sorted, normalised, folded`, () => {
      const t = readJson<Record<string, unknown>>(`lang/${lang}/numbers.json`);
      for (const [k, v] of Object.entries(t)) checkTable(`lang/${lang}/numbers.json`, k, v);
    });
  }

  it('the core: every table unique, sorted, normalised; every time zone has an offset', () => {
    const c = readJson<{
      core: Record<string, unknown>;
      otherLanguages: Record<string, unknown>;
      tzOffsets: [string, number][];
      decimalCommaLanguages: string[];
    }>('numbers.json');
    for (const part of [c.core, c.otherLanguages])
      for (const [k, v] of Object.entries(part)) checkTable('numbers.json', k, v);
    const zones = c.tzOffsets.map(([z]) => z);
    expect(dups(zones)).toEqual([]);
    expect(unsorted(zones)).toEqual([]);
    expect(zones.sort()).toEqual((c.core.tz as [string, string][]).map(([z]) => z).sort());
    expect(dups(c.decimalCommaLanguages)).toEqual([]);
    expect(unsorted(c.decimalCommaLanguages)).toEqual([]);
  });
});

describe('data/lang/<code>/lexicon.json and data/name-connectors.txt', () => {
  const langs = dataLanguages('lexicon.json');
  it('every language file has the same shape; every list unique, sorted, folded', () => {
    expect(langs).toEqual(expect.arrayContaining(['de', 'en', 'es', 'fr']));
    const keys = Object.keys(readJson(`lang/en/lexicon.json`));
    for (const lang of langs) {
      const t = readJson<Record<string, unknown>>(`lang/${lang}/lexicon.json`);
      expect(Object.keys(t), lang).toEqual(keys);
      expect(typeof t.source).toBe('string');
      for (const [k, v] of Object.entries(t)) {
        if (k === 'source') continue;
        const xs = v as string[];
        const where = `lang/${lang}/lexicon.json ${k}`;
        expect(dups(xs), `${where}: duplicates`).toEqual([]);
        expect(unsorted(xs), `${where}: out of order`).toEqual([]);
        expect(unnormalised(xs), `${where}: not NFC or not trimmed`).toEqual([]);
        expect(
          xs.filter((x) => foldForMatch(x) !== x),
          `${where}: not folded`,
        ).toEqual([]);
      }
    }
  });

  it('name-connectors.txt: unique, sorted, folded', () => {
    checkList('name-connectors.txt', foldForMatch);
  });
});

describe('data/lang/<code>/name-endings.txt, noun-suffixes.txt, common-nouns.txt', () => {
  const files = ['name-endings.txt', 'noun-suffixes.txt', 'common-nouns.txt'];
  for (const file of files) {
    for (const lang of dataLanguages(file)) {
      it(`${lang}/${file}: unique, sorted, folded, letters only`, () => {
        checkList(`lang/${lang}/${file}`, foldForMatch);
        expect(readList(`lang/${lang}/${file}`).filter((x) => !/^\p{L}+$/u.test(x))).toEqual([]);
      });
    }
  }
  for (const lang of dataLanguages('stem-alternations.txt')) {
    it(`${lang}/stem-alternations.txt: unique, sorted, folded "from to" pairs`, () => {
      checkList(`lang/${lang}/stem-alternations.txt`, foldForMatch);
      expect(
        readList(`lang/${lang}/stem-alternations.txt`).filter((x) => !/^\p{L}+ \p{L}+$/u.test(x)),
      ).toEqual([]);
    });
  }
  it('the languages that inflect names have their endings; German its noun lists', () => {
    expect(dataLanguages('name-endings.txt')).toEqual(expect.arrayContaining(['de', 'fi', 'pl', 'tr']));
    expect(dataLanguages('noun-suffixes.txt')).toContain('de');
    expect(dataLanguages('common-nouns.txt')).toContain('de');
  });
});

describe('data/', () => {
  it('every language folder is documented in data/lang/README.md', () => {
    const readme = readFileSync(new URL('../../data/lang/README.md', import.meta.url), 'utf8');
    for (const d of readdirSync(new URL('../../data/lang/', import.meta.url), { withFileTypes: true }))
      if (d.isDirectory()) expect(readme, d.name).toContain(`\`${d.name}\``);
  });
});
