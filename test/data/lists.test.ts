/**
 * Validates every data file under data/: no duplicates, sorted where order does not matter,
 * normalised (NFC, trimmed, in the fold the loader expects), and every language's file of one
 * kind with the same shape. A failure names the file and the offending entries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataLanguages, readJson, readList } from '../../src/text/data.js';
import { foldForMatch, foldName } from '../../src/text/fold.js';

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

describe('data/', () => {
  it('every language folder is documented in data/lang/README.md', () => {
    const readme = readFileSync(new URL('../../data/lang/README.md', import.meta.url), 'utf8');
    for (const d of readdirSync(new URL('../../data/lang/', import.meta.url), { withFileTypes: true }))
      if (d.isDirectory()) expect(readme, d.name).toContain(`\`${d.name}\``);
  });
});
