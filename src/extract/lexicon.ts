/** Small closed word lists the extractors rely on (folded, lower-case forms). */

/** Verbs that introduce reported speech (English, plus common German/Spanish/French forms). */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(
  (
    'said says say saying told tells telling added adds adding insisted insists stressed stresses ' +
    'warned warns warning noted notes explained explains asked asks replied replies declared declares ' +
    'stated states announced announces claimed claims argued argues wrote writes tweeted tweets posted ' +
    'agreed agrees complained complains confirmed confirms urged urges acknowledged admitted admits ' +
    'conceded continued emphasised emphasized emphasizes emphasises remarked reiterated reiterates ' +
    'responded suggested suggests predicted predicts promised promises vowed vows denied denies ' +
    'insisting stressing noting explaining arguing according ' +
    'sagte sagt erklarte erklart betonte betont warnte dijo afirmo senalo explico declaro aseguro ' +
    'a-t-il dit declare affirme explique souligne'
  ).split(' '),
);

/** Personal pronouns by gender: f, m, n (neuter/it), p (plural/they). English only for now. */
export const PRONOUNS: ReadonlyMap<string, 'f' | 'm' | 'n' | 'p'> = new Map([
  ['she', 'f'],
  ['her', 'f'],
  ['hers', 'f'],
  ['herself', 'f'],
  ['he', 'm'],
  ['him', 'm'],
  ['his', 'm'],
  ['himself', 'm'],
  ['they', 'p'],
  ['them', 'p'],
  ['their', 'p'],
]);

/** Nominative pronouns: the ones that can be the speaker of "he said". */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'i', 'we']);

/** Words that negate a clause. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  "n't",
  'no',
  'never',
  'nor',
  'neither',
  'without',
  'nobody',
  'nothing',
  'none',
  'cannot',
  'nicht',
  'kein',
  'keine',
  'nie',
  'niemals',
  'jamais',
  'pas',
  'nunca',
  'ningun',
  'ninguna',
]);

/** Capitalised words that are never names on their own (calendar words). */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
);

/** Lower-case particles that may sit inside a name ("Jean de la Fontaine", "Bank of England"). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'du',
  'da',
  'dos',
  'la',
  'le',
  'al',
  'el',
  'bin',
  'ibn',
  'of',
  'y',
]);

/** Unnamed, collective sources of speech ("officials said"). */
export const COLLECTIVE_SOURCES: ReadonlySet<string> = new Set([
  'officials',
  'official',
  'sources',
  'source',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'diplomats',
  'diplomat',
  'analysts',
  'experts',
  'authorities',
  'police',
  'witnesses',
  'government',
  'ministry',
  'statement',
  'reports',
  'report',
  'media',
  'observers',
  'critics',
  'residents',
  'aides',
  'negotiators',
]);
