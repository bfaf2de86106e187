/**
 * Stop words: function words only (articles, pronouns, auxiliaries, prepositions, conjunctions),
 * in {@link foldForMatch} form, one hand-written list a language in `data/lang/<code>/stopwords.txt`
 * (with `negations.txt` beside it), read on first use.
 *
 * Deliberately NOT stop words: negations (not, nicht, pas, no/não, nie, не, değil, ei, لا …) and
 * "without" words, because a dropped negation flips a sentence's meaning and comparing versions
 * must see it; and speech verbs like "said", which attribution detection relies on.
 */

import { dataLanguages, readList } from './data.js';

// Fingerprint bit masks (corpus/fingerprint.ts) number languages in this order, so the languages
// that had lists first keep their positions; a language added later comes after them.
const FIRST = ['en', 'de', 'es', 'fr', 'it', 'pt', 'nl', 'pl', 'tr', 'ar', 'ru', 'fi'];

function languages(): string[] {
  const have = dataLanguages('stopwords.txt');
  return [...FIRST.filter((l) => have.includes(l)), ...have.filter((l) => !FIRST.includes(l))];
}

/** Languages that have a stop-word list (`data/lang/<code>/stopwords.txt`). */
export const STOPWORD_LANGS: readonly string[] = languages();

const cache = new Map<string, ReadonlySet<string>>();
const EMPTY: ReadonlySet<string> = new Set();

/** 'en-GB' → 'en'; 'pt_BR' → 'pt'. */
function baseLang(lang: string): string {
  const i = lang.search(/[-_]/);
  return (i < 0 ? lang : lang.slice(0, i)).toLowerCase();
}

/**
 * The stop-word set of a language (ISO 639-1, region subtags ignored); empty for languages
 * without a list. Entries are in {@link foldForMatch} form.
 *
 * @example
 * ```ts
 * stopwords('de').has('und'); // => true
 * stopwords('xx').size;       // => 0
 * ```
 */
export function stopwords(lang: string): ReadonlySet<string> {
  const key = baseLang(lang);
  let set = cache.get(key);
  if (!set) {
    if (!STOPWORD_LANGS.includes(key)) return EMPTY;
    // Negations are filtered at load too, so an edit of a list cannot sneak one in.
    const neg = new Set(readList(`lang/${key}/negations.txt`));
    set = new Set(readList(`lang/${key}/stopwords.txt`).filter((w) => !neg.has(w)));
    cache.set(key, set);
  }
  return set;
}

/**
 * True if `norm` (a {@link foldForMatch}-folded word) is a stop word of `lang`.
 *
 * @example
 * ```ts
 * isStopword('the', 'en');  // => true
 * isStopword('said', 'en'); // => false (speech verbs matter for attribution)
 * isStopword('not', 'en');  // => false (negations matter)
 * ```
 */
export function isStopword(norm: string, lang: string): boolean {
  return stopwords(lang).has(norm);
}

let union: ReadonlySet<string> | undefined;

/**
 * True if `norm` is a stop word in any language with a list: used where the language is not
 * known yet (sentence segmentation runs before language identification).
 *
 * @example
 * ```ts
 * isStopwordAnyLanguage('die'); // => true
 * ```
 */
export function isStopwordAnyLanguage(norm: string): boolean {
  if (!union) {
    const all = new Set<string>();
    for (const lang of STOPWORD_LANGS) for (const w of stopwords(lang)) all.add(w);
    union = all;
  }
  return union.has(norm);
}
