/**
 * Small closed word lists the extractors rely on (folded, lower-case forms): speech verbs,
 * negators, pronouns, calendar words, name particles, collective sources.
 *
 * Representation. The words are data: `data/lang/<code>/lexicon.json` per language (every file
 * has the same keys, see data/lang/README.md) and `data/name-connectors.txt` for the particles,
 * which cross languages inside one name. Each exported set is the union over the languages, read
 * once when this module loads, because extraction does not always know a sentence's language.
 */

import { dataLanguages, readJson, readList } from '../text/data.js';

interface LexiconFile {
  source: string;
  speechVerbs: string[];
  negators: string[];
  femalePronouns: string[];
  malePronouns: string[];
  neuterPronouns: string[];
  pluralPronouns: string[];
  subjectPronouns: string[];
  calendarWords: string[];
  collectiveSources: string[];
}

const files = dataLanguages('lexicon.json').map((l) => readJson<LexiconFile>(`lang/${l}/lexicon.json`));
const union = (key: Exclude<keyof LexiconFile, 'source'>): ReadonlySet<string> =>
  new Set(files.flatMap((f) => f[key]));

/** Verbs that introduce reported speech (English, plus common German/Spanish/French forms). */
export const SPEECH_VERBS: ReadonlySet<string> = union('speechVerbs');

/** Personal pronouns by gender: f, m, n (neuter/it), p (plural/they). English only for now. */
export const PRONOUNS: ReadonlyMap<string, 'f' | 'm' | 'n' | 'p'> = new Map(
  files.flatMap((f) => [
    ...f.femalePronouns.map((w) => [w, 'f'] as const),
    ...f.malePronouns.map((w) => [w, 'm'] as const),
    ...f.neuterPronouns.map((w) => [w, 'n'] as const),
    ...f.pluralPronouns.map((w) => [w, 'p'] as const),
  ]),
);

/** Nominative pronouns: the ones that can be the speaker of "he said". */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = union('subjectPronouns');

/** Words that negate a clause. */
export const NEGATORS: ReadonlySet<string> = union('negators');

/** Capitalised words that are never names on their own (calendar words). */
export const CALENDAR_WORDS: ReadonlySet<string> = union('calendarWords');

/** Lower-case particles that may sit inside a name ("Jean de la Fontaine", "Bank of England"). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(readList('name-connectors.txt'));

/** Unnamed, collective sources of speech ("officials said"). */
export const COLLECTIVE_SOURCES: ReadonlySet<string> = union('collectiveSources');
