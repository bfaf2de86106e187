import { doubleMetaphone } from 'double-metaphone';
import { dataLanguages, readList } from '../text/data.js';

/**
 * Jaro-Winkler similarity of two strings (0..1), on the strings as given.
 *
 * @example
 * ```ts
 * jaroWinkler('blinken', 'blanken'); // ≈ 0.91
 * ```
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Uint8Array(la);
  const mb = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (!mb[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        ma[i] = 1;
        mb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const metaphoneCache = new Map<string, [string, string]>();

/** Double Metaphone codes of a (folded) word, cached. */
export function metaphone(word: string): [string, string] {
  let m = metaphoneCache.get(word);
  if (!m) {
    if (metaphoneCache.size > 50_000) metaphoneCache.clear();
    m = doubleMetaphone(word) as [string, string];
    metaphoneCache.set(word, m);
  }
  return m;
}

/** True when two words share a Double Metaphone code (they sound alike in English). */
export function soundsAlike(a: string, b: string): boolean {
  if (a.length < 3 || b.length < 3) return false;
  const [a1, a2] = metaphone(a);
  const [b1, b2] = metaphone(b);
  if (!a1 || !b1) return false;
  return a1 === b1 || a1 === b2 || a2 === b1 || (a2 !== '' && a2 === b2);
}

/**
 * Similarity of two single name words (folded), combining spelling and sound: Jaro-Winkler alone
 * under-rates transliteration variants ("berbach" vs "baerbock" ≈ 0.78), so a shared phonetic code
 * lifts the score.
 *
 * @example
 * ```ts
 * nameWordSimilarity('baerbock', 'berbock'); // > 0.9
 * ```
 */
export function nameWordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const jw = jaroWinkler(a, b);
  if (soundsAlike(a, b)) return Math.max(jw, 0.6 + 0.4 * jw);
  return jw;
}

/** A suffix after an apostrophe: Turkish case endings ("ABD'den", "Wuhan’da"), the possessive 's. */
const APOSTROPHE_SUFFIX = /['’ʼ][\p{Ll}]{1,6}$/u;

/**
 * A name without the suffix its language glues on after an apostrophe: Turkish writes case endings
 * that way ("Wuhan'da", "ABD’den"), English the possessive. A capital after the apostrophe is part
 * of the name ("O'Brien", "D'Alema").
 *
 * @example
 * ```ts
 * apostropheStem("Wuhan'dan"); // 'Wuhan'
 * apostropheStem("O'Brien"); // "O'Brien"
 * ```
 */
export function apostropheStem(word: string): string {
  const m = APOSTROPHE_SUFFIX.exec(word);
  return m && m.index > 0 ? word.slice(0, m.index) : word;
}

const langCode = (lang: string): string => lang.toLowerCase().split(/[-_]/)[0];
const hasList = (lang: string, file: string): boolean => dataLanguages(file).includes(langCode(lang));
const nounSets = new Map<string, Set<string>>();

/** Shortest stem an ending may leave: "Chin" from "Chiny", never "Ja" from "Jahr". */
const MIN_STEM = 3;

/** The language's inflection endings of names (none for a language without a list). */
function nameEndings(lang: string): readonly string[] {
  const code = langCode(lang);
  if (!hasList(code, 'name-endings.txt')) return [];
  return readList(`lang/${code}/name-endings.txt`);
}

/**
 * The stems a folded name word may come from: the word itself (less an apostrophe suffix, with
 * "ae", "oe", "ue" read as the umlaut they transcribe), the word less each inflection ending of
 * the given languages that leaves at least three letters, and those stems with a final consonant
 * alternated as the language does.
 *
 * @example
 * ```ts
 * [...nameStems('chiny', ['pl'])]; // ['chiny', 'chin']
 * ```
 */
export function nameStems(word: string, langs: readonly string[]): Set<string> {
  // German umlauts transcribed ("Schaefer" for "Schäfer") fold to the same word as the umlaut.
  const w = apostropheStem(word).replace(/([aou])e/g, '$1');
  const out = new Set([w]);
  for (const lang of langs) {
    for (const e of nameEndings(lang))
      if (w.length - e.length >= MIN_STEM && w.endsWith(e)) out.add(w.slice(0, -e.length));
    // Stem-final alternations: Polish "Trójce" ~ "Trójka", Turkish "Bakanlığı" ~ "Bakanlık".
    for (const [from, to] of alternations(lang))
      for (const st of [...out])
        if (st.length > MIN_STEM && st.endsWith(from)) out.add(st.slice(0, -from.length) + to);
  }
  return out;
}

const alternationPairs = new Map<string, readonly [string, string][]>();

/** The language's stem-final alternations as [from, to] pairs (none without a list), parsed once. */
function alternations(lang: string): readonly [string, string][] {
  const code = langCode(lang);
  let pairs = alternationPairs.get(code);
  if (!pairs) {
    pairs = hasList(code, 'stem-alternations.txt')
      ? readList(`lang/${code}/stem-alternations.txt`).map((l) => l.split(' ') as [string, string])
      : [];
    alternationPairs.set(code, pairs);
  }
  return pairs;
}

/**
 * True when two folded name words are one spelling up to inflection in the given languages: the
 * same word, or both reduce to one stem ("chin"/"chiny" in Polish, "jahr"/"jahren" in German,
 * "wuhan'da"/"wuhan'dan" anywhere). Deliberately generous: a wrong "spelt differently" costs more
 * than a missed one, so any shared stem counts.
 *
 * @example
 * ```ts
 * sameSpelling('tuska', 'tusk', ['pl']); // true
 * sameSpelling('baerbock', 'berbock', ['de']); // false
 * ```
 */
export function sameSpelling(a: string, b: string, langs: readonly string[]): boolean {
  if (a === b) return true;
  const sa = nameStems(a, langs);
  for (const s of nameStems(b, langs)) if (sa.has(s)) return true;
  return false;
}

/**
 * True when the language capitalises its common nouns (German), so a capital letter alone is no
 * evidence of a name: the languages with a `common-nouns.txt`.
 *
 * @example
 * ```ts
 * capitalisesNouns('de'); // true
 * capitalisesNouns('en'); // false
 * ```
 */
export function capitalisesNouns(lang: string): boolean {
  return hasList(lang, 'common-nouns.txt');
}

/**
 * True when a folded word is a common noun of a language that capitalises its nouns (German): one
 * of its frequent nouns, inflected or not ("jahren", "lande"), or a word ending in a noun suffix
 * ("silvesternacht", "rettungskrafte") with at least two letters before it. False for any
 * language without such lists: there a capital letter still means a name.
 *
 * @example
 * ```ts
 * isCommonNoun('silvesternacht', 'de'); // true
 * isCommonNoun('baerbock', 'de'); // false
 * ```
 */
export function isCommonNoun(word: string, lang: string): boolean {
  const code = langCode(lang);
  if (hasList(code, 'common-nouns.txt')) {
    let nouns = nounSets.get(code);
    if (!nouns) {
      nouns = new Set(readList(`lang/${code}/common-nouns.txt`));
      nounSets.set(code, nouns);
    }
    for (const s of nameStems(word, [code])) if (nouns.has(s)) return true;
  }
  if (hasList(code, 'noun-suffixes.txt'))
    for (const suf of readList(`lang/${code}/noun-suffixes.txt`))
      if (word.length >= suf.length + 2 && word.endsWith(suf)) return true;
  return false;
}
