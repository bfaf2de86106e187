/**
 * An operational, deliberately conservative test of "two spellings are one word inflected", for
 * counting names flagged as spelt differently that are only inflections (Polish "Chin"/"Chiny",
 * German "Land"/"Lande", Turkish "Wuhan'da"/"Wuhan'dan").
 *
 * Two words are inflections of one another when, after folding case:
 * 1. they are equal once an apostrophe ending is removed ("ABD'den"/"ABD'de", "Orban's"/"Orban"); or
 * 2. one is the other plus an ending, the stem has at least {@link MIN_INFLECTION_STEM} letters,
 *    and the ending is a listed inflectional ending of one of the pair's languages
 *    ({@link INFLECTION_ENDINGS}: noun, adjective and case endings written for this file). A
 *    language without a list gets no ending rule, only rule 1.
 *
 * Not counted, so the share is a lower bound: endings that replace letters ("Polska"/"Polski",
 * "Warszawa"/"Warszawy"), stem changes ("Rom"/"Römer"), derivations ("Acadie"/"Acadiens",
 * "Winnipeg"/"Winnipegger"), and a doubled last letter ("Bren"/"Brenn", a misspelling more often
 * than an ending). Still counted, wrongly: a misspelling that adds or drops what happens to be a
 * listed ending (German "Olderdissen"/"Olderdisse").
 */

/** Shortest stem an ending may be added to. */
export const MIN_INFLECTION_STEM = 3;

/** Inflectional endings per language, as added to a stem (no letter replaced). */
export const INFLECTION_ENDINGS: Record<string, readonly string[]> = {
  // plural, genitive and adjective declension ("er" left out: Politik/Politiker is a derivation)
  de: ['e', 'en', 'n', 's', 'es', 'em', 'ens'],
  en: ['s', 'es'],
  es: ['s', 'es'],
  fr: ['s', 'x', 'e', 'es'],
  it: ['i', 'e'],
  pt: ['s', 'es'],
  nl: ['s', 'en', 'e'],
  // case endings added to a consonant stem (Chin/Chiny, Rok/Roku, Nowy/Nowym)
  pl: [
    'a',
    'u',
    'e',
    'y',
    'i',
    'ie',
    'em',
    'om',
    'ach',
    'ami',
    'ów',
    'owi',
    'owie',
    'ego',
    'emu',
    'ej',
    'ą',
    'ę',
    'm',
    'mi',
    'iem',
    'ia',
    'iu',
    'ii',
  ],
  // case and possessive suffixes written without an apostrophe (Havalimanı/Havalimanına)
  tr: [
    'a',
    'e',
    'ı',
    'i',
    'u',
    'ü',
    'ya',
    'ye',
    'yı',
    'yi',
    'yu',
    'yü',
    'na',
    'ne',
    'nı',
    'ni',
    'nu',
    'nü',
    'da',
    'de',
    'ta',
    'te',
    'dan',
    'den',
    'tan',
    'ten',
    'nda',
    'nde',
    'ndan',
    'nden',
    'ın',
    'in',
    'un',
    'ün',
    'nın',
    'nin',
    'nun',
    'nün',
    'la',
    'le',
    'yla',
    'yle',
    'lar',
    'ler',
    'daki',
    'deki',
    'ları',
    'leri',
  ],
  // case endings (Helsinki/Helsingissä is a stem change: not counted)
  fi: [
    'n',
    'a',
    'ä',
    'ssa',
    'ssä',
    'sta',
    'stä',
    'lla',
    'llä',
    'lta',
    'ltä',
    'lle',
    'ksi',
    'na',
    'nä',
    'an',
    'en',
    'in',
  ],
};

const fold = (w: string): string => w.normalize('NFKC').toLowerCase().replace(/[’ʼ`]/g, "'");
const stripApostropheEnding = (w: string): string => w.replace(/'[\p{L}\p{M}]*$/u, '');

/** The endings of a set of languages (ISO 639-1 codes), merged. */
export function endingsOf(langs: readonly string[]): Set<string> {
  return new Set(langs.flatMap((l) => INFLECTION_ENDINGS[l.toLowerCase()] ?? []));
}

/**
 * True when two words are one word inflected (see the module comment for the rule).
 *
 * @example
 * isInflectedWord('Chin', 'Chiny', endingsOf(['pl'])); // true
 * isInflectedWord('Christ', 'Christians', endingsOf(['en'])); // false
 */
export function isInflectedWord(x: string, y: string, endings: ReadonlySet<string>): boolean {
  const a = stripApostropheEnding(fold(x));
  const b = stripApostropheEnding(fold(y));
  if (a === b) return a.length > 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const ending = long.slice(short.length);
  return (
    [...short].length >= MIN_INFLECTION_STEM &&
    long.startsWith(short) &&
    endings.has(ending) &&
    ending !== short.slice(-1)
  );
}

/** Two names, word by word, are the same words inflected (same number of words). */
export function isInflectedName(x: string, y: string, endings: ReadonlySet<string>): boolean {
  const a = x.split(/\s+/).filter(Boolean);
  const b = y.split(/\s+/).filter(Boolean);
  return a.length === b.length && a.length > 0 && a.every((w, i) => isInflectedWord(w, b[i], endings));
}

/**
 * True when an entity flagged as spelt differently only differs by inflection: its distinct
 * forms, leaving out any form that is the last words of a longer form, inflected or not (a
 * surname alone, which is no variant), are all connected by {@link isInflectedName}.
 *
 * @example
 * isInflectionOnly(['Chiny'], ['Chin', 'Chinami'], ['pl']); // true
 * isInflectionOnly(['Annalena Baerbock'], ['Analena Berbock'], ['de']); // false
 */
export function isInflectionOnly(
  formsA: readonly string[],
  formsB: readonly string[],
  langs: readonly string[],
): boolean {
  const endings = endingsOf(langs);
  const distinct = [...new Map([...formsA, ...formsB].map((f) => [fold(f).trim(), f.trim()])).values()];
  const words = (f: string) => fold(f).split(/\s+/).filter(Boolean);
  const forms = distinct.filter((f) => {
    const w = words(f);
    return !distinct.some((g) => {
      const v = words(g);
      return (
        v.length > w.length && w.every((t, i) => isInflectedWord(t, v[v.length - w.length + i], endings))
      );
    });
  });
  if (forms.length < 2) return false;
  // One connected component under the inflection relation means one word, inflected.
  const reached = new Set([0]);
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = 0; i < forms.length; i++) {
      if (reached.has(i)) continue;
      if ([...reached].some((j) => isInflectedName(forms[i], forms[j], endings))) {
        reached.add(i);
        grew = true;
      }
    }
  }
  return reached.size === forms.length;
}
