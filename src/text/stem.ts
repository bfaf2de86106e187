/**
 * Stemmers. English gets the full Porter2 (Snowball English, 2025 revision); the major Western
 * European languages get light inflectional suffix strippers; other Latin/Cyrillic languages are
 * truncated; Arabic gets a light prefix/suffix stripper. Input is always a {@link foldForMatch}
 * form (lower-case, no diacritics).
 */

// ---------------------------------------------------------------------------------------------
// Porter2 (Snowball English)
// ---------------------------------------------------------------------------------------------

function isV(c: string | undefined): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';
}

const EXCEPTION1: Record<string, string> = {
  skis: 'ski',
  skies: 'sky',
  idly: 'idl',
  gently: 'gentl',
  ugly: 'ugli',
  early: 'earli',
  only: 'onli',
  singly: 'singl',
  sky: 'sky',
  news: 'news',
  howe: 'howe',
  atlas: 'atlas',
  cosmos: 'cosmos',
  bias: 'bias',
  andes: 'andes',
};

// Prefixes whose R1 starts right after them (generous/general, university/universe, …).
const R1_PREFIXES = ['gener', 'commun', 'arsen', 'past', 'univers', 'later', 'emerg', 'organ', 'inter'];

const STEP1B_EXCEPT_ING = new Set(['inn', 'out', 'cann', 'herr', 'earr', 'even']);
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const VALID_LI = 'cdeghkmnrt';

// Suffix tables, longest first so the first match is Snowball's "longest among".
const STEP2: [string, string][] = [
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['tional', 'tion'],
  ['biliti', 'ble'],
  ['lessli', 'less'],
  ['entli', 'ent'],
  ['ation', 'ate'],
  ['alism', 'al'],
  ['aliti', 'al'],
  ['ousli', 'ous'],
  ['iviti', 'ive'],
  ['fulli', 'ful'],
  ['ogist', 'og'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['abli', 'able'],
  ['izer', 'ize'],
  ['ator', 'ate'],
  ['alli', 'al'],
  ['bli', 'ble'],
  ['ogi', 'og'],
  ['li', ''],
];
const STEP3: [string, string][] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['alize', 'al'],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ative', ''],
  ['ical', 'ic'],
  ['ness', ''],
  ['ful', ''],
];
const STEP4 = [
  'ement',
  'ance',
  'ence',
  'able',
  'ible',
  'ment',
  'ant',
  'ent',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
  'ion',
  'al',
  'er',
  'ic',
];

/** Snowball `shortv` at the end of `w` (i.e. before the cursor at w.length). */
function endsShortSyllable(w: string): boolean {
  const n = w.length;
  if (n >= 3 && !isV(w[n - 1]) && w[n - 1] !== 'w' && w[n - 1] !== 'x' && w[n - 1] !== 'Y') {
    if (isV(w[n - 2]) && !isV(w[n - 3])) return true;
  }
  if (n === 2 && !isV(w[1]) && isV(w[0])) return true;
  return w.endsWith('past');
}

function longest(w: string, table: readonly string[]): string | undefined {
  for (const s of table) if (w.endsWith(s)) return s;
  return undefined;
}

/**
 * Porter2 / Snowball English stemmer, following the current `english.sbl` exactly.
 *
 * @example
 * ```ts
 * porter2('negotiations'); // => 'negoti'
 * ```
 */
export function porter2(word: string): string {
  const ex = EXCEPTION1[word];
  if (ex !== undefined) return ex;
  if (word.length < 3) return word;

  // Prelude: drop an initial apostrophe; mark consonant-y as Y.
  let w = word[0] === "'" ? word.slice(1) : word;
  let yFound = false;
  if (w.includes('y')) {
    const chars = w.split('');
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === 'y' && (i === 0 || isV(chars[i - 1]))) {
        chars[i] = 'Y';
        yFound = true;
      }
    }
    w = chars.join('');
  }

  // Regions R1 and R2.
  let p1 = w.length;
  let p2 = w.length;
  const pre = R1_PREFIXES.find((p) => w.startsWith(p));
  const afterVC = (from: number): number => {
    let i = from;
    while (i < w.length && !isV(w[i])) i++;
    while (i < w.length && isV(w[i])) i++;
    return i < w.length ? i + 1 : w.length;
  };
  if (pre) p1 = pre.length;
  else p1 = afterVC(0);
  p2 = afterVC(p1);

  // Step 1a.
  if (w.endsWith("'s'")) w = w.slice(0, -3);
  else if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ied') || w.endsWith('ies')) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith('us') || w.endsWith('ss')) {
    // unchanged
  } else if (w.endsWith('s')) {
    // Delete if a vowel occurs before the letter preceding the s.
    let hasV = false;
    for (let i = 0; i < w.length - 2; i++) if (isV(w[i])) hasV = true;
    if (hasV) w = w.slice(0, -1);
  }

  // Step 1b.
  const s1b = longest(w, ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed']);
  let doNormal = false;
  if (s1b === 'eed' || s1b === 'eedly') {
    const stemEnd = w.length - s1b.length;
    if (stemEnd >= p1) {
      const head = w.slice(0, stemEnd);
      if (!(head === 'proc' || head === 'exc' || head === 'succ')) w = head + 'ee';
    }
  } else if (s1b === 'ing') {
    const head = w.slice(0, -3);
    if (head.length === 2 && head[1] === 'y' && !isV(head[0])) w = head[0] + 'ie';
    else if (!STEP1B_EXCEPT_ING.has(head)) doNormal = true;
  } else if (s1b !== undefined) {
    doNormal = true;
  }
  if (doNormal && s1b) {
    const head = w.slice(0, w.length - s1b.length);
    let hasV = false;
    for (let i = 0; i < head.length; i++) if (isV(head[i])) hasV = true;
    if (hasV) {
      w = head;
      const end2 = w.slice(-2);
      if (end2 === 'at' || end2 === 'bl' || end2 === 'iz') w += 'e';
      else if (DOUBLES.has(end2)) {
        if (!(w.length === 3 && (w[0] === 'a' || w[0] === 'e' || w[0] === 'o'))) w = w.slice(0, -1);
      } else if (w.length === p1 && endsShortSyllable(w)) w += 'e';
    }
  }

  // Step 1c.
  const last = w[w.length - 1];
  if ((last === 'y' || last === 'Y') && w.length > 2 && !isV(w[w.length - 2])) w = w.slice(0, -1) + 'i';

  // Step 2.
  for (const [suf, rep] of STEP2) {
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= p1) {
      if (suf === 'ogi') {
        if (w[at - 1] === 'l') w = w.slice(0, at) + rep;
      } else if (suf === 'li') {
        if (at > 0 && VALID_LI.includes(w[at - 1])) w = w.slice(0, at);
      } else w = w.slice(0, at) + rep;
    }
    break;
  }

  // Step 3.
  for (const [suf, rep] of STEP3) {
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= p1 && (suf !== 'ative' || at >= p2)) w = w.slice(0, at) + rep;
    break;
  }

  // Step 4.
  const s4 = longest(w, STEP4);
  if (s4) {
    const at = w.length - s4.length;
    if (at >= p2) {
      if (s4 !== 'ion') w = w.slice(0, at);
      else if (w[at - 1] === 's' || w[at - 1] === 't') w = w.slice(0, at);
    }
  }

  // Step 5.
  const e = w.length - 1;
  if (w[e] === 'e') {
    if (e >= p2 || (e >= p1 && !endsShortSyllable(w.slice(0, e)))) w = w.slice(0, e);
  } else if (w[e] === 'l') {
    if (e >= p2 && w[e - 1] === 'l') w = w.slice(0, e);
  }

  return yFound ? w.replace(/Y/g, 'y') : w;
}

// ---------------------------------------------------------------------------------------------
// Light stemmers: inflectional suffixes only, longest first, the stem keeps >= 3 characters.
// ---------------------------------------------------------------------------------------------

function stripFirst(w: string, suffixes: readonly string[], minStem = 3): string {
  for (const s of suffixes) {
    if (w.length - s.length >= minStem && w.endsWith(s)) return w.slice(0, w.length - s.length);
  }
  return w;
}

const DE_SUFFIXES = ['ernen', 'ern', 'em', 'en', 'er', 'es', 'e', 'n'];
// German plural/genitive -s only after consonants where it is an inflection.
const DE_S_ENDING = 'bdfghklmnrt';

function stemDe(w: string): string {
  let r = stripFirst(w, DE_SUFFIXES);
  if (r === w && w.length > 4 && w.endsWith('s') && DE_S_ENDING.includes(w[w.length - 2])) r = w.slice(0, -1);
  // Second step, as in Savoy's light stemmer: a genitive/plural -s can hide an -er/-en
  // (Ministers → Minister → Minist, matching Minister → Minist).
  return stripFirst(r, ['er', 'en'], 4);
}

function stemEs(w: string): string {
  if (w.length >= 5 && w.endsWith('ces')) return w.slice(0, -3) + 'z';
  const r = stripFirst(w, ['iones', 'eses', 'es', 'os', 'as']);
  if (r !== w) {
    if (w.endsWith('iones')) return r + 'ion';
    if (w.endsWith('eses')) return r + 'es';
    return stripFirst(r, ['o', 'a', 'e']);
  }
  return stripFirst(w, ['o', 'a', 'e']);
}

function stemFr(w: string): string {
  if (w.length > 5 && w.endsWith('eaux')) return w.slice(0, -1);
  if (w.length > 5 && w.endsWith('aux')) return w.slice(0, -3) + 'al';
  let r = stripFirst(w, ['es', 's', 'x']);
  r = stripFirst(r, ['e']);
  return r;
}

function stemIt(w: string): string {
  // -che/-chi/-ghe/-ghi keep the hard c/g of the singular.
  if (w.length > 5 && /[cg]h[ei]$/.test(w)) return w.slice(0, -2);
  return stripFirst(w, ['ie', 'i', 'e', 'a', 'o']);
}

function stemPt(w: string): string {
  // Plural to singular first; nasal -ão (folded -ao) is then kept as it is.
  let r = w;
  if (w.length > 5 && (w.endsWith('oes') || w.endsWith('aes'))) r = w.slice(0, -3) + 'ao';
  else if (w.length > 5 && w.endsWith('ais')) r = w.slice(0, -2) + 'l';
  else if (w.length > 5 && w.endsWith('eis')) r = w.slice(0, -3) + 'el';
  else if (w.length > 4 && w.endsWith('ns')) r = w.slice(0, -2) + 'm';
  else if (w.length > 5 && w.endsWith('res')) r = w.slice(0, -2);
  else r = stripFirst(w, ['s']);
  if (r.endsWith('ao')) return r;
  return stripFirst(r, ['a', 'o', 'e']);
}

function stemNl(w: string): string {
  let r = stripFirst(w, ['heden', 'eren', 'en', 'es', "'s", 's', 'e']);
  // Undouble after stripping: mannen → mann → man.
  if (r !== w && /([bdfgklmnprst])\1$/.test(r) && r.length > 3) r = r.slice(0, -1);
  return r;
}

const SV_SUFFIXES = [
  'heterna',
  'hetens',
  'anden',
  'heten',
  'heter',
  'arnas',
  'ernas',
  'ornas',
  'andes',
  'arens',
  'andet',
  'arna',
  'erna',
  'orna',
  'ande',
  'arne',
  'aste',
  'aren',
  'ades',
  'erns',
  'ade',
  'are',
  'ern',
  'ens',
  'het',
  'ast',
  'ad',
  'en',
  'ar',
  'er',
  'or',
  'as',
  'es',
  'at',
  'a',
  'e',
];
const DA_SUFFIXES = [
  'erendes',
  'erende',
  'hedens',
  'ethed',
  'erede',
  'heden',
  'heder',
  'endes',
  'ernes',
  'erens',
  'erets',
  'ered',
  'ende',
  'erne',
  'eren',
  'erer',
  'heds',
  'enes',
  'eres',
  'eret',
  'hed',
  'ene',
  'ere',
  'ens',
  'ers',
  'ets',
  'en',
  'er',
  'es',
  'et',
  'e',
];
const NO_SUFFIXES = [
  'hetenes',
  'hetene',
  'hetens',
  'heter',
  'heten',
  'endes',
  'ande',
  'ende',
  'edes',
  'enes',
  'ede',
  'ane',
  'ene',
  'ens',
  'ers',
  'ets',
  'het',
  'ast',
  'en',
  'ar',
  'er',
  'as',
  'es',
  'et',
  'a',
  'e',
];
const NORDIC_S_ENDING = 'bcdfghjklmnoprtvyz';

function stemNordic(w: string, suffixes: readonly string[]): string {
  const r = stripFirst(w, suffixes);
  if (r !== w) return r;
  if (w.length > 4 && w.endsWith('s') && NORDIC_S_ENDING.includes(w[w.length - 2])) return w.slice(0, -1);
  return w;
}

// Arabic: definite article (with a fused conjunction or preposition) and common suffixes.
const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const AR_SUFFIXES = ['ات', 'ون', 'ين', 'ها', 'هم', 'ان', 'ية', 'ة'];

function stemAr(w: string): string {
  let r = w;
  for (const p of AR_PREFIXES) {
    if (r.startsWith(p) && r.length - p.length >= 3) {
      r = r.slice(p.length);
      break;
    }
  }
  for (const s of AR_SUFFIXES) {
    if (r.endsWith(s) && r.length - s.length >= 3) {
      r = r.slice(0, r.length - s.length);
      break;
    }
  }
  return r;
}

// Latin/Cyrillic/Greek-script languages without a stemmer here. Most are agglutinative or richly
// inflected (Finnish, Turkish, Hungarian, Slavic cases), and inflections of one word share a
// prefix, so cutting to 6 characters conflates them well enough for matching at almost no cost.
const TRUNCATE_LANGS = new Set([
  'pl',
  'cs',
  'sk',
  'sl',
  'hr',
  'bs',
  'sr',
  'ru',
  'uk',
  'be',
  'bg',
  'mk',
  'tr',
  'az',
  'fi',
  'et',
  'hu',
  'lt',
  'lv',
  'ro',
  'ca',
  'gl',
  'eu',
  'sq',
  'is',
  'ga',
  'cy',
  'el',
  'kk',
  'ky',
  'uz',
  'id',
  'ms',
  'tl',
  'sw',
  'af',
]);
const TRUNCATE_AT = 6;

function truncate(w: string): string {
  if (w.length <= TRUNCATE_AT) return w;
  // Count code points, not UTF-16 units, and never cut a letter from its combining marks.
  const m = /^(?:\P{M}\p{M}*){6}/u.exec(w);
  return m ? m[0] : w;
}

type Stemmer = (w: string) => string;

const STEMMERS: Record<string, Stemmer> = {
  en: porter2,
  de: stemDe,
  es: stemEs,
  fr: stemFr,
  it: stemIt,
  pt: stemPt,
  nl: stemNl,
  sv: (w) => stemNordic(w, SV_SUFFIXES),
  da: (w) => stemNordic(w, DA_SUFFIXES),
  no: (w) => stemNordic(w, NO_SUFFIXES),
  nb: (w) => stemNordic(w, NO_SUFFIXES),
  nn: (w) => stemNordic(w, NO_SUFFIXES),
  ar: stemAr,
};

const MEMO_LIMIT = 50_000;
const memo = new Map<string, Map<string, string>>();

function baseLang(lang: string): string {
  const i = lang.search(/[-_]/);
  return (i < 0 ? lang : lang.slice(0, i)).toLowerCase();
}

function stemmerFor(key: string): Stemmer | undefined {
  const s = STEMMERS[key];
  if (s) return s;
  return TRUNCATE_LANGS.has(key) ? truncate : undefined;
}

/**
 * Stems a folded, lower-case word (a token's `norm`) for `lang` (ISO 639-1; region subtags
 * ignored). English uses Porter2; de/es/fr/it/pt/nl/sv/da/no light inflectional stemmers; other
 * Latin/Cyrillic languages (pl, tr, fi, hu, cs, ru, uk, …) truncate to 6 characters; Arabic strips
 * the article and common suffixes; CJK and unknown languages return the word unchanged. Results
 * are memoised per language (bounded; the cache is cleared when full).
 *
 * @example
 * ```ts
 * stem('negotiations', 'en'); // => 'negoti'
 * stem('verhandlungen', 'de'); // => 'verhandlung'
 * stem('переговоров', 'ru'); // => 'перего'
 * ```
 */
export function stem(word: string, lang: string): string {
  const key = baseLang(lang ?? '');
  const fn = stemmerFor(key);
  if (!fn || word.length < 3) return word;
  // One memo per language that has a stemmer, so the number of memos is bounded too.
  let m = memo.get(key);
  if (!m) {
    m = new Map();
    memo.set(key, m);
  }
  let r = m.get(word);
  if (r === undefined) {
    r = fn(word);
    if (m.size >= MEMO_LIMIT) m.clear();
    m.set(word, r);
  }
  return r;
}
