/**
 * Language identification: the `eld` n-gram detector plus script-based rules.
 *
 * Design: `eld` is loaded lazily. Importing `eld/small` builds its n-gram tables at module
 * evaluation, which costs ~250–300 ms and ~20 MB: too much to pay on every CLI start when the
 * language is often given or not needed. `eld/extrasmall` imports in about half the time but
 * mis-labels short Dutch and Danish sentences; `medium`/`large` are slower with no gain on our
 * languages. So: `loadLanguageDetector()` does `await import('eld/small')` once (no top-level
 * await), and the synchronous `detectLanguage()` uses it when loaded, else falls back to a
 * script- and stop-word-based guess. Callers that want the best answer await the loader first.
 */

import { StorydiffError } from '../errors.js';
import { foldForMatch } from './fold.js';
import { stopwords } from './stopwords.js';
import type { LanguageGuess } from './types.js';

/** Languages the text layer is tuned and tested for (stop words, stemming, segmentation). */
export const SUPPORTED_LANGS = [
  'en',
  'de',
  'es',
  'fr',
  'it',
  'pt',
  'nl',
  'pl',
  'tr',
  'ar',
  'ru',
  'zh',
  'ja',
  'ko',
] as const;

/** A language of {@link SUPPORTED_LANGS}. */
export type SupportedLang = (typeof SUPPORTED_LANGS)[number];

/** Only this much of the text is examined: enough for a reliable guess, and bounded cost. */
const SAMPLE_CHARS = 2000;

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}
interface EldLike {
  detect(text: string): EldResult;
}

let detector: EldLike | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the n-gram language detector (`eld/small`). Idempotent; concurrent calls share one
 * load. Rejects with a `RESOURCE_UNAVAILABLE` StorydiffError if `eld` cannot be loaded, in which
 * case {@link detectLanguage} keeps working on its script/stop-word fallback.
 *
 * @example
 * ```ts
 * await loadLanguageDetector();
 * detectLanguage('Die Regierung hat am Dienstag neue Steuern angekündigt.').lang; // => 'de'
 * ```
 */
export function loadLanguageDetector(): Promise<void> {
  if (detector) return Promise.resolve();
  loading ??= import('eld/small').then(
    (mod) => {
      detector = (mod.eld ?? mod.default) as EldLike;
    },
    (err: unknown) => {
      loading = undefined;
      throw new StorydiffError('RESOURCE_UNAVAILABLE', 'language detector (eld) could not be loaded', {
        cause: err,
      });
    },
  );
  return loading;
}

/**
 * True once {@link loadLanguageDetector} has finished.
 *
 * @example
 * ```ts
 * if (!isLanguageDetectorLoaded()) await loadLanguageDetector();
 * ```
 */
export function isLanguageDetectorLoaded(): boolean {
  return detector !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Scripts
// ---------------------------------------------------------------------------------------------

type Script =
  | 'Latin'
  | 'Cyrillic'
  | 'Greek'
  | 'Arabic'
  | 'Hebrew'
  | 'Han'
  | 'Kana'
  | 'Hangul'
  | 'Thai'
  | 'Other';

const SCRIPT_TESTS: [Script, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Thai', /\p{Script=Thai}/u],
];

// Scripts used by essentially one language; the detector is not needed for these.
const UNIQUE_SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Gujarati}/u, 'gu'],
  [/\p{Script=Gurmukhi}/u, 'pa'],
  [/\p{Script=Tamil}/u, 'ta'],
  [/\p{Script=Telugu}/u, 'te'],
  [/\p{Script=Kannada}/u, 'kn'],
  [/\p{Script=Malayalam}/u, 'ml'],
  [/\p{Script=Sinhala}/u, 'si'],
  [/\p{Script=Khmer}/u, 'km'],
  [/\p{Script=Lao}/u, 'lo'],
  [/\p{Script=Myanmar}/u, 'my'],
  [/\p{Script=Ethiopic}/u, 'am'],
  [/\p{Script=Tibetan}/u, 'bo'],
  [/\p{Script=Devanagari}/u, 'hi'],
];

// Languages written in a script, for accepting or overriding the detector's answer.
const SCRIPT_LANGS: Partial<Record<Script, Set<string>>> = {
  Cyrillic: new Set(['ru', 'uk', 'be', 'bg', 'mk', 'sr', 'kk', 'ky', 'mn', 'tg']),
  Arabic: new Set(['ar', 'fa', 'ur', 'ps', 'ku', 'sd', 'ug']),
  Hebrew: new Set(['he', 'yi']),
};
const SCRIPT_DEFAULT: Partial<Record<Script, string>> = {
  Cyrillic: 'ru',
  Arabic: 'ar',
  Hebrew: 'he',
  Greek: 'el',
  Thai: 'th',
};
const NON_LATIN_SCRIPTS_OF_ELD = new Set([
  'ru',
  'uk',
  'be',
  'bg',
  'mk',
  'ar',
  'fa',
  'ur',
  'he',
  'el',
  'th',
  'zh',
  'ja',
  'ko',
]);
const LETTER_RE = /\p{L}/u;

interface ScriptStats {
  letters: number;
  counts: Map<Script, number>;
  other: Map<string, number>;
}

function scriptStats(sample: string): ScriptStats {
  const counts = new Map<Script, number>();
  const other = new Map<string, number>();
  let letters = 0;
  for (const ch of sample) {
    const cp = ch.codePointAt(0)!;
    if (cp < 128) {
      if ((cp | 32) >= 97 && (cp | 32) <= 122) {
        letters++;
        counts.set('Latin', (counts.get('Latin') ?? 0) + 1);
      }
      continue;
    }
    if (!LETTER_RE.test(ch)) continue;
    letters++;
    const hit = SCRIPT_TESTS.find(([, re]) => re.test(ch));
    if (hit) {
      counts.set(hit[0], (counts.get(hit[0]) ?? 0) + 1);
      continue;
    }
    const uniq = UNIQUE_SCRIPTS.find(([re]) => re.test(ch));
    const key = uniq ? uniq[1] : '?';
    other.set(key, (other.get(key) ?? 0) + 1);
    counts.set('Other', (counts.get('Other') ?? 0) + 1);
  }
  return { letters, counts, other };
}

function top<K>(m: Map<K, number>): [K, number] | undefined {
  let best: [K, number] | undefined;
  for (const e of m) if (!best || e[1] > best[1]) best = e;
  return best;
}

// Stop-word fallback for Latin and Cyrillic text when the detector is not loaded.
const FALLBACK_LATIN = ['en', 'de', 'es', 'fr', 'it', 'pt', 'nl', 'pl', 'tr', 'fi'];

const stopwordIndexes = new Map<string, Map<string, string[]>>();

/** One map from stop word to the languages that have it: one lookup per word, not one per language. */
function stopwordIndex(langs: readonly string[]): Map<string, string[]> {
  const key = langs.join(',');
  let index = stopwordIndexes.get(key);
  if (!index) {
    index = new Map();
    for (const l of langs) {
      for (const w of stopwords(l)) {
        const ls = index.get(w);
        if (ls) ls.push(l);
        else index.set(w, [l]);
      }
    }
    stopwordIndexes.set(key, index);
  }
  return index;
}

function stopwordGuess(sample: string, langs: readonly string[]): LanguageGuess {
  const words = sample.match(/[\p{L}\p{M}'’]+/gu) ?? [];
  if (words.length === 0) return { lang: 'und', confidence: 0 };
  const hits = new Map<string, number>();
  const index = stopwordIndex(langs);
  for (const w of words) {
    const ls = index.get(foldForMatch(w));
    if (ls) for (const l of ls) hits.set(l, (hits.get(l) ?? 0) + 1);
  }
  const best = top(hits);
  if (!best) return { lang: 'und', confidence: 0 };
  const total = [...hits.values()].reduce((a, b) => a + b, 0);
  // Share of the hits, damped for short texts and capped: this is only a fallback.
  const conf = (best[1] / total) * Math.min(1, words.length / 20) * 0.6;
  return { lang: best[0], confidence: round(conf) };
}

const round = (x: number): number => Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;

function eldGuess(sample: string): LanguageGuess | undefined {
  if (!detector) return undefined;
  const r = detector.detect(sample);
  if (!r.language) return undefined;
  const score = r.getScores()[r.language] ?? 0;
  return { lang: r.language, confidence: round(r.isReliable() ? score : Math.min(score, 0.5)) };
}

/**
 * Identifies the language of a text (first ~2,000 characters). Script rules decide where the
 * script does: Han without kana → zh, any kana → ja, Hangul → ko, Greek → el, Thai → th, and
 * other single-language scripts. For Arabic, Hebrew and Cyrillic script the detector may refine
 * (fa, ur, uk, bg…), else ar/he/ru. Latin-script text needs the detector
 * ({@link loadLanguageDetector}); before it is loaded a stop-word count gives a low-confidence
 * guess. Fewer than 3 letters → `{ lang: 'und', confidence: 0 }`.
 *
 * @example
 * ```ts
 * detectLanguage('政府周二宣布，将提高进口汽车的税收。'); // => { lang: 'zh', confidence: ~0.95 }
 * detectLanguage('?!'); // => { lang: 'und', confidence: 0 }
 * ```
 */
export function detectLanguage(text: string): LanguageGuess {
  if (typeof text !== 'string') return { lang: 'und', confidence: 0 };
  let sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  // Do not leave half a surrogate pair at the cut.
  const lastCode = sample.charCodeAt(sample.length - 1);
  if (lastCode >= 0xd800 && lastCode <= 0xdbff) sample = sample.slice(0, -1);
  const stats = scriptStats(sample);
  if (stats.letters < 3) return { lang: 'und', confidence: 0 };

  const han = stats.counts.get('Han') ?? 0;
  const kana = stats.counts.get('Kana') ?? 0;
  const hangul = stats.counts.get('Hangul') ?? 0;
  const cjk = han + kana + hangul;
  const share = (k: number): number => k / stats.letters;

  if (cjk > 0 && cjk >= stats.letters * 0.3) {
    // A few kana (particles) are enough to tell Japanese from Chinese.
    if (hangul >= han + kana) return { lang: 'ko', confidence: round(0.6 + 0.4 * share(cjk)) };
    if (kana > 0 && kana >= (han + kana) * 0.02)
      return { lang: 'ja', confidence: round(0.6 + 0.4 * share(cjk)) };
    // Han alone could still be a kanji-only Japanese headline, so zh is never fully certain.
    return { lang: 'zh', confidence: round(0.6 + 0.35 * share(cjk)) };
  }

  const [script, count] = top(stats.counts) ?? ['Other', 0];
  const dominance = count / stats.letters;
  if (script === 'Other') {
    const [code] = top(stats.other) ?? ['?', 0];
    if (code === 'hi' || code === '?') {
      // Devanagari is shared by Hindi, Marathi and Nepali; let the detector choose if it can.
      const g = eldGuess(sample);
      if (g) return g;
    }
    return code === '?' ? { lang: 'und', confidence: 0 } : { lang: code, confidence: round(0.9 * dominance) };
  }
  if (script === 'Greek' || script === 'Thai')
    return { lang: SCRIPT_DEFAULT[script]!, confidence: round(0.95 * dominance) };

  const g = eldGuess(sample);
  const allowed = SCRIPT_LANGS[script];
  if (allowed) {
    if (g && allowed.has(g.lang)) return g;
    if (script === 'Cyrillic' && !g) {
      const sw = stopwordGuess(sample, ['ru']);
      return { lang: 'ru', confidence: round(Math.max(sw.confidence, 0.5 * dominance)) };
    }
    return { lang: SCRIPT_DEFAULT[script]!, confidence: round(0.9 * dominance) };
  }
  // Latin script.
  if (g && !NON_LATIN_SCRIPTS_OF_ELD.has(g.lang)) return g;
  return stopwordGuess(sample, FALLBACK_LATIN);
}
