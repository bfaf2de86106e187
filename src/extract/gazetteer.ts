/**
 * A compiled gazetteer: countries, cities, states and regions; demonyms; organisations; titles and
 * honorifics; given names with gender. It is the only world knowledge the tool has without a
 * trained model.
 *
 * Representation. The words are data files, compiled into maps and a title trie on first use, so
 * importing is cheap: `data/gazetteer/*.txt` for the multilingual tables (places, organisations,
 * demonyms, given names) and `data/lang/<code>/gazetteer.json` for each language's titles,
 * honorifics and organisation suffixes (formats and sources in the READMEs there). What stays here
 * is grammar: demonym inflection, how titles are derived from portfolios, German feminines.
 *
 * Decision. Every lookup folds its input with the text layer's {@link foldName} (lower case, no
 * diacritics, ß→ss, ø→o, dots removed, hyphens as spaces), and drops a leading "the". Aliases that
 * are also common words are marked in the data: `!` = only when written in capitals ("US", "WHO",
 * "UN", "AP"), `^` = not when written all lower case ("Fed", "Chad"). On a shared key the earlier
 * table wins (countries, then cities, US states, regions), and a plain alias beats a marked one.
 */
import { dataLanguages, readJson, readList } from '../text/data.js';
import { foldName } from '../text/fold.js';

/** Kind of a place. */
export type PlaceType = 'country' | 'city' | 'region' | 'state';

// ---------------------------------------------------------------------------------------------
// Compilation (once, on first use).

type Strict = 0 | 1 | 2;

interface Entry<T> {
  val: T;
  strict: Strict;
}

/** Strips the strictness marker from a data alias. Dotted capitals ("U.S.", "U.N.") are strict too. */
function marker(alias: string): { text: string; strict: Strict } {
  if (alias.startsWith('!')) return { text: alias.slice(1), strict: 2 };
  if (alias.startsWith('^')) return { text: alias.slice(1), strict: 1 };
  if (/^(?:[A-Z]+\.)+[A-Z]*$/.test(alias)) return { text: alias, strict: 2 };
  return { text: alias, strict: 0 };
}

function addEntry<T>(map: Map<string, Entry<T>[]>, alias: string, val: T): void {
  const { text, strict } = marker(alias);
  const key = foldName(text);
  if (!key) return;
  let arr = map.get(key);
  if (!arr) {
    arr = [];
    map.set(key, arr);
  }
  // a plain alias always beats a marked one for the same key; otherwise the first entry wins
  if (arr.some((e) => e.strict === strict)) return;
  arr.push({ val, strict });
  arr.sort((a, b) => a.strict - b.strict);
}

/** Input written as the marker demands: all capitals for `!`, not all lower case for `^`. */
function passes(input: string, strict: Strict): boolean {
  if (strict === 0) return true;
  const letters = input.replace(/[^\p{L}]/gu, '');
  if (strict === 2) return letters !== '' && letters === letters.toUpperCase();
  return letters !== letters.toLowerCase();
}

function lookupIn<T>(map: Map<string, Entry<T>[]>, name: string): T | undefined {
  let key = foldName(name);
  for (let attempt = 0; attempt < 2; attempt++) {
    const arr = map.get(key);
    if (arr) for (const e of arr) if (passes(name, e.strict)) return e.val;
    if (!key.startsWith('the ')) break;
    key = key.slice(4);
  }
  return undefined;
}

interface Compiled {
  places: Map<string, Entry<{ canonical: string; type: PlaceType }>[]>;
  orgs: Map<string, Entry<{ canonical: string }>[]>;
  demonyms: Map<string, Entry<string>[]>;
  orgSuffixes: Set<string>;
  titleModifiers: Set<string>;
  titleTrie: TrieNode;
  titleWords: Set<string>;
  germanTitles: Set<string>;
  titleGender: Map<string, 'f' | 'm'>;
  honorifics: Map<string, 'f' | 'm' | undefined>;
  names: Map<string, 'f' | 'm'>;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  end: boolean;
}

let compiled: Compiled | undefined;

function inflectDe(w: string): string[] {
  const f = foldName(w);
  return f.endsWith('isch') || f === 'deutsch' ? ['', 'e', 'en', 'er', 'es', 'em'].map((e) => f + e) : [f];
}

function inflectEs(w: string): string[] {
  const f = foldName(w);
  if (f.endsWith('o')) return ['o', 'a', 'os', 'as'].map((e) => f.slice(0, -1) + e);
  if (/[nslrz]$/.test(f)) return ['', 'a', 'es', 'as'].map((e) => f + e);
  if (f.endsWith('i')) return ['', 'es', 's'].map((e) => f + e);
  return [f, `${f}s`];
}

function inflectFr(w: string): string[] {
  const f = foldName(w);
  if (f.endsWith('en')) return ['', 'ne', 's', 'nes'].map((e) => f + e);
  if (f.endsWith('e')) return [f, `${f}s`];
  if (f.endsWith('s')) return ['', 'e', 'es'].map((e) => f + e);
  if (f.endsWith('c')) return [f];
  return ['', 'e', 's', 'es'].map((e) => f + e);
}

function addTitle(c: Compiled, title: string, gender?: 'f' | 'm'): void {
  const key = foldName(title);
  if (!key) return;
  let node = c.titleTrie;
  for (const w of key.split(' ')) {
    let nx = node.next.get(w);
    if (!nx) {
      nx = { next: new Map(), end: false };
      node.next.set(w, nx);
    }
    node = nx;
  }
  node.end = true;
  c.titleWords.add(key);
  if (gender && !c.titleGender.has(key)) c.titleGender.set(key, gender);
}

/** One language's part of the gazetteer: `data/lang/<code>/gazetteer.json` (see data/lang/README.md). */
interface LangTables {
  source: string;
  orgSuffixes: string[];
  /** Titles that imply no gender. */
  titles: string[];
  femaleTitles: string[];
  maleTitles: string[];
  /** [masculine, feminine] (a lone form is common to both); a masculine form implies no gender. */
  titlePairs: [string, string?][];
  /** Titles whose feminine the language's rule derives (German "-in"). */
  feminineByRule: string[];
  /** Adjectival nouns among them, whose feminine drops the "-r" ("Vorsitzender" → "Vorsitzende"). */
  adjectivalNouns: string[];
  /** Portfolios, combined into titles by the language's rule ("foreign minister", "ministro de defensa"). */
  domains: string[];
  /** English heads of those combinations ("minister", "spokesman"). */
  domainHeads: string[];
  /** Words that may precede a title and belong to it ("deputy", "former"). */
  titleModifiers: string[];
  femaleHonorifics: string[];
  maleHonorifics: string[];
  /** Honorifics that imply no gender ("Dr", "Prof"). */
  honorifics: string[];
}

// The languages whose tables were compiled first keep that order (a title's first gender wins,
// and a Spanish masculine form unsets the gender of the same French feminine); others follow.
const FIRST_LANGS = ['en', 'de', 'es', 'fr'];

function gazetteerLanguages(): string[] {
  const have = dataLanguages('gazetteer.json');
  return [...FIRST_LANGS.filter((l) => have.includes(l)), ...have.filter((l) => !FIRST_LANGS.includes(l))];
}

/**
 * The grammar of a language's derived titles: how portfolios combine with a head word ("foreign
 * minister", "ministro de defensa") and, in German, how feminines are formed. A language without
 * a rule still gets its plain, gendered and paired titles.
 */
const TITLE_RULES: Record<string, (c: Compiled, t: LangTables) => void> = {
  en(c, t) {
    for (const d of t.domains) {
      for (const h of t.domainHeads) addTitle(c, `${d} ${h}`);
      for (const h of ['spokesman', 'spokeswoman', 'spokesperson', 'official', 'officials'])
        addTitle(c, `${d} ministry ${h}`);
      addTitle(c, `minister of ${d}`);
      addTitle(c, `minister for ${d}`);
      addTitle(c, `secretary of ${d}`);
    }
  },
  es(c, t) {
    for (const d of t.domains) {
      const prep = d === 'interior' ? 'del' : 'de';
      addTitle(c, `ministro ${prep} ${d}`);
      addTitle(c, `ministra ${prep} ${d}`, 'f');
    }
  },
  fr(c, t) {
    for (const d of t.domains) addTitle(c, `ministre ${d}`);
  },
  // German: each title and each "<domain>minister" also gets its feminine.
  de(c, t) {
    const adjectival = new Set(t.adjectivalNouns);
    for (const b of [...t.feminineByRule, ...t.domains.map((d) => `${d}minister`)]) {
      // adjectival nouns drop the "-r" ("Vorsitzender" → "Vorsitzende"); the rest add "-in"
      const fem = adjectival.has(b) ? b.slice(0, -1) : `${b}in`;
      addTitle(c, b);
      addTitle(c, fem, 'f');
      c.germanTitles.add(foldName(b));
    }
  },
};

/** Adds the "Canonical|alias|…" lines of a place or organisation file. */
function addLines<T>(map: Map<string, Entry<T>[]>, file: string, val: (canonical: string) => T): void {
  for (const line of readList(`gazetteer/${file}`)) {
    const parts = line.split('|');
    const v = val(marker(parts[0]).text);
    for (const p of parts) addEntry(map, p, v);
  }
}

function compile(): Compiled {
  const langs = gazetteerLanguages().map(
    (l) => [l, readJson<LangTables>(`lang/${l}/gazetteer.json`)] as const,
  );
  const c: Compiled = {
    places: new Map(),
    orgs: new Map(),
    demonyms: new Map(),
    orgSuffixes: new Set(langs.flatMap(([, t]) => t.orgSuffixes)),
    titleModifiers: new Set(langs.flatMap(([, t]) => t.titleModifiers)),
    titleTrie: { next: new Map(), end: false },
    titleWords: new Set(),
    germanTitles: new Set(),
    titleGender: new Map(),
    honorifics: new Map(),
    names: new Map(),
  };
  // countries first: "Georgia" and "Luxembourg" are countries before a state or city
  const placeFiles: [string, PlaceType][] = [
    ['countries.txt', 'country'],
    ['cities.txt', 'city'],
    ['us-states.txt', 'state'],
    ['regions.txt', 'region'],
  ];
  for (const [file, type] of placeFiles) addLines(c.places, file, (canonical) => ({ canonical, type }));
  addLines(c.orgs, 'orgs.txt', (canonical) => ({ canonical }));
  for (const line of readList('gazetteer/demonyms.txt')) {
    const [country, rest] = line.split('=');
    const groups = rest.split(';');
    for (const g of groups) {
      const m = /^(de|es|fr):(.*)$/.exec(g);
      const lang = m?.[1] ?? 'en';
      for (const w of (m?.[2] ?? g).split(',')) {
        const { text, strict } = marker(w);
        const forms =
          lang === 'de'
            ? inflectDe(text)
            : lang === 'es'
              ? inflectEs(text)
              : lang === 'fr'
                ? inflectFr(text)
                : [text];
        for (const f of forms)
          addEntry(c.demonyms, (strict === 2 ? '!' : strict === 1 ? '^' : '') + f, country);
      }
    }
  }
  // titles; Spanish "presidente" (m) is folded French "présidente" (f): such a form implies no gender
  const masculine = new Set<string>();
  const pair = (m: string, f?: string): void => {
    addTitle(c, m);
    masculine.add(foldName(m));
    c.titleGender.delete(foldName(m));
    if (f) addTitle(c, f, masculine.has(foldName(f)) ? undefined : 'f');
  };
  for (const [lang, t] of langs) {
    for (const x of t.titles) addTitle(c, x);
    TITLE_RULES[lang]?.(c, t);
    for (const [m, f] of t.titlePairs) pair(m, f);
    for (const x of t.femaleTitles) addTitle(c, x, 'f');
    for (const x of t.maleTitles) addTitle(c, x, 'm');
    for (const h of t.femaleHonorifics) c.honorifics.set(foldName(h), 'f');
    for (const h of t.maleHonorifics) c.honorifics.set(foldName(h), 'm');
    for (const h of t.honorifics) c.honorifics.set(foldName(h), undefined);
  }
  for (const n of readList('gazetteer/given-names-female.txt')) c.names.set(foldName(n), 'f');
  for (const n of readList('gazetteer/given-names-male.txt'))
    if (!c.names.has(foldName(n))) c.names.set(foldName(n), 'm');
  return c;
}

function data(): Compiled {
  compiled ??= compile();
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Public API.

/**
 * A country, city, US state or region by any of its names (English, German, Spanish, French,
 * common exonyms and abbreviations), mapped to one canonical English name.
 *
 * @example
 * ```ts
 * lookupPlace('Deutschland'); // { canonical: 'Germany', type: 'country' }
 * lookupPlace('U.S.');        // { canonical: 'United States', type: 'country' }
 * lookupPlace('us');          // undefined: the pronoun, not the country
 * ```
 */
export function lookupPlace(name: string): { canonical: string; type: PlaceType } | undefined {
  const hit = lookupIn(data().places, name);
  return hit ? { ...hit } : undefined;
}

/**
 * An organisation or institution by name, acronym or alias.
 *
 * @example
 * ```ts
 * lookupOrg('U.N.');  // { canonical: 'United Nations' }
 * lookupOrg('OTAN');  // { canonical: 'NATO' }
 * ```
 */
export function lookupOrg(name: string): { canonical: string } | undefined {
  const hit = lookupIn(data().orgs, name);
  return hit ? { ...hit } : undefined;
}

/**
 * The country (or region, for "European", "African", "Asian") a demonym or nationality adjective
 * refers to. Plurals and German, Spanish and French inflections are recognised.
 *
 * @example
 * ```ts
 * demonymCountry('Iranian');    // 'Iran'
 * demonymCountry('Germans');    // 'Germany'
 * demonymCountry('französische'); // 'France'
 * ```
 */
export function demonymCountry(word: string): string | undefined {
  const d = data().demonyms;
  const hit = lookupIn(d, word);
  if (hit) return hit;
  // English plurals: "Germans", "Israelis"
  const w = word.trim();
  if (/s$/i.test(w) && !/ss$/i.test(w)) return lookupIn(d, w.slice(0, -1));
  return undefined;
}

/**
 * Whether a word typically ends an organisation name ("Ministry", "Party", "Inc", "Bank", ...).
 *
 * @example
 * ```ts
 * isOrgSuffix('Commission'); // true
 * ```
 */
export function isOrgSuffix(word: string): boolean {
  return data().orgSuffixes.has(foldName(word));
}

/**
 * The longest title or role starting at `words[i]`, folded ("foreign minister", "aussenminister"),
 * with the number of words it covers. Modifiers such as "deputy", "former" or "acting" are part of
 * the title when a title follows them.
 *
 * @example
 * ```ts
 * matchTitle(['German', 'Foreign', 'Minister', 'Annalena'], 1); // { title: 'foreign minister', length: 2 }
 * matchTitle(['Deputy', 'Prime', 'Minister'], 0); // { title: 'deputy prime minister', length: 3 }
 * ```
 */
export function matchTitle(words: string[], i: number): { title: string; length: number } | undefined {
  const c = data();
  // split words into folded sub-words ("Secretary-General" → secretary, general), keeping word ends
  const subs: { w: string; word: number; last: boolean }[] = [];
  for (let p = i; p < words.length && p < i + 8; p++) {
    const parts = foldName(words[p] ?? '')
      .split(' ')
      .filter(Boolean);
    parts.forEach((w, k) => {
      subs.push({ w, word: p, last: k === parts.length - 1 });
    });
    if (!parts.length) break;
  }
  const walk = (from: number): number => {
    let node = c.titleTrie;
    let best = -1;
    for (let s = from; s < subs.length; s++) {
      const nx = node.next.get(subs[s].w);
      if (!nx) break;
      node = nx;
      if (node.end && subs[s].last) best = s;
    }
    return best;
  };
  let bestEnd = walk(0);
  for (let m = 0; m < subs.length && m < 3 && c.titleModifiers.has(subs[m].w); m++) {
    const e = walk(m + 1);
    if (e > bestEnd) bestEnd = e;
  }
  if (bestEnd < 0) return undefined;
  return {
    title: subs
      .slice(0, bestEnd + 1)
      .map((s) => s.w)
      .join(' '),
    length: subs[bestEnd].word - i + 1,
  };
}

/**
 * Whether a single word (or hyphenated word) is a title or role on its own ("president",
 * "Außenminister", "ministra", "Secretary-General").
 *
 * @example
 * ```ts
 * isTitleWord('Chancellor'); // true
 * ```
 */
export function isTitleWord(word: string): boolean {
  return data().titleWords.has(foldName(word));
}

/**
 * Whether a word is an honorific ("Mr", "Mrs.", "Dr", "Frau", "Señora", "Mme").
 *
 * @example
 * ```ts
 * isHonorific('Mrs.'); // true
 * ```
 */
export function isHonorific(word: string): boolean {
  return data().honorifics.has(foldName(word));
}

/**
 * The grammatical gender a title or honorific implies, if any ("spokeswoman", "Mrs", "Kanzlerin",
 * "ministra" → 'f'; "spokesman", "Mr", "King" → 'm'; "president", "ministro" → undefined).
 *
 * @example
 * ```ts
 * titleGender('Bundeskanzlerin'); // 'f'
 * ```
 */
export function titleGender(titleOrHonorific: string): 'f' | 'm' | undefined {
  const c = data();
  const key = foldName(titleOrHonorific);
  if (c.honorifics.has(key)) return c.honorifics.get(key);
  const direct = c.titleGender.get(key);
  if (direct) return direct;
  const words = key.split(' ');
  // "deputy spokeswoman", "primera ministra de defensa": the first gendered word decides
  for (const w of words) {
    const g = c.titleGender.get(w) ?? c.honorifics.get(w);
    if (g) return g;
  }
  // German feminine "-in" of any known title ("Verteidigungsministerin")
  const last = words[words.length - 1];
  if (last.endsWith('in') && c.germanTitles.has(last.slice(0, -2))) return 'f';
  return undefined;
}

/**
 * The usual gender of a given name, when the name is not used for both ("Annalena" → 'f',
 * "Olaf" → 'm', "Jean-Luc" → 'm', "Alex" → undefined).
 *
 * @example
 * ```ts
 * givenNameGender('Kamala'); // 'f'
 * ```
 */
export function givenNameGender(name: string): 'f' | 'm' | undefined {
  const c = data();
  const key = foldName(name);
  const hit = c.names.get(key);
  if (hit) return hit;
  // "Marie-Christine", "Frank-Walter": the first part decides
  const first = key.split(' ')[0];
  return first !== key ? c.names.get(first) : undefined;
}

/** Sizes of the compiled tables (for tests and diagnostics). */
export function gazetteerStats(): Record<string, number> {
  const c = data();
  const canon = <T>(m: Map<string, Entry<T>[]>, f: (v: T) => string): number => {
    const s = new Set<string>();
    for (const arr of m.values()) for (const e of arr) s.add(f(e.val));
    return s.size;
  };
  const byType = (t: PlaceType): number => {
    const s = new Set<string>();
    for (const arr of c.places.values()) for (const e of arr) if (e.val.type === t) s.add(e.val.canonical);
    return s.size;
  };
  return {
    countries: byType('country'),
    cities: byType('city'),
    states: byType('state'),
    regions: byType('region'),
    orgs: canon(c.orgs, (v) => v.canonical),
    demonyms: c.demonyms.size,
    titles: c.titleWords.size,
    names: c.names.size,
  };
}
