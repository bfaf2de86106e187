/**
 * Lexical fingerprints of an article, computed once at ingest:
 *
 * - a MinHash signature over word shingles (one-permutation hashing with optimal densification,
 *   see `minhash.ts`) and its LSH band keys (see `lsh.ts`): the near-duplicate channel;
 * - distinctive key terms (numbers, names, the most frequent content words): the same-story
 *   channel, which survives rewording and, for names and numbers, translation;
 * - a sparse term vector for cosine re-ranking and online clustering;
 * - a content hash for exact duplicates.
 *
 * Speed is the constraint (the corpus pipeline ingests thousands of articles a second; this costs
 * about 65–75 µs of one core for a 500-word article): the text is scanned once, code unit by
 * code unit, lower-casing and hashing words inline into typed buffers; shingles are rolled from
 * the word hashes; per-word work (folding, stop-word lookup, stemming, term hashing) is done once
 * per distinct word form and cached in a compact open-addressing table (16 bytes a word form), so
 * a warm fingerprint makes no per-token allocation. Module-level buffers make this
 * single-threaded per isolate, which is all JavaScript offers anyway (workers get their own).
 *
 * Terms are language-neutral on purpose: a term is `w:` + a light stem of the folded word
 * (plural -s, -ing and -ed stripped, then cut to 7 characters) or `n:` + a normalised number. The
 * language only decides which stop words are dropped. So an article whose language is known and a
 * query whose language could not be guessed (a headline, a lower-cased snippet) produce the same
 * term hashes, which a Porter2 stem chosen by language would not.
 *
 * Here: the scanner with its character classes, the word cache, the lexical analysis and the
 * signature, in one module because they share module-level buffers on the per-token path (an
 * imported binding costs a load and a hole check on every use). Apart, off that path: settings
 * (settings.ts), term forms and hashes (terms.ts), the content hash (content-hash.ts), top-k
 * selection (top-k.ts) and the slabs the output arrays are cut from (slab.ts).
 */

import type { StoreSettings } from '../store/types.js';
import { usage } from '../store/validate.js';
import { fmix32, hashString53, mix, TWO_POW_32 } from '../text/hash.js';
import { foldForMatch } from '../text/normalize.js';
import { STOPWORD_LANGS, stopwords } from '../text/stopwords.js';
import { hashNormalized, INVISIBLE, WS_CLEAN, WS_IRREGULAR, WS_LINE_FEEDS } from './content-hash.js';
import { bandKeys } from './lsh.js';
import { densify, EMPTY_BIN } from './minhash.js';
import { slabF32, slabU32 } from './slab.js';
import { isAscii, isCommon, lightStem, normalizeNumber } from './terms.js';
import { selectTop, sortDesc } from './top-k.js';
import type { Fingerprint } from './types.js';

export { lshParams } from './lsh.js';
export { estimateJaccard } from './minhash.js';
export { DEFAULT_SETTINGS, makeSettings } from './settings.js';
export { lightStem, termHash } from './terms.js';

// ---------------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------------

// Classes of UTF-16 code units. Odd classes continue a word, so the scanner's hot test is one
// bit; everything else is decided off the hot path.
/** Separator (space, punctuation, symbols). */
const K_SEP = 0;
/** Letter, combining mark or non-decimal number. */
const K_WORD = 1;
/** Punctuation after which the next word is sentence-initial (its capital says nothing). */
const K_BOUNDARY = 2;
/** Decimal digit of any script (its value is in DIGIT_VALUE). */
const K_DIGIT = 3;
/** A letter of a script written without spaces (Han, kana, Thai, …): tokens are bigrams. */
const K_CJK = 4;
/** '.' or ',' between two digits: part of a number (only ever returned by wordGoesOn). */
const K_NUMSEP = 5;
/** High surrogate: the code point decides. */
const K_HIGH = 6;
/** A surrogate pair that is a letter (only ever returned by wordGoesOn). */
const K_ASTRAL = 7;
/** Not classified yet. */
const K_UNKNOWN = 8;
/** Soft hyphen, zero-width (non-)joiner/space, word joiner, BOM: skipped inside a word. */
const K_IGNORE = 10;
/** An ignorable character inside a word (only ever returned by wordGoesOn). */
const K_SKIP = 11;
/** Whitespace other than ' ' and '\n' (tab, CR, NBSP, ideographic space, …). */
const K_SPACE = 12;
/** A lower-case ASCII letter (only ever set by the scanner's fast path). */
const K_ASCII = 13;

const WORD_RE = /[\p{L}\p{M}\p{N}]/u;
const DIGIT_RE = /\p{Nd}/u;
const CJK_RE =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}]/u;
const IGNORE_RE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const SPACE_RE = /\s/;
const BOUNDARY_CHARS =
  '.!?:;\n"()[]{}|\u2026\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u3002\uff01\uff1f\u300c\u300e\u00a1\u00bf';

// Classes are filled lazily, one code unit at a time: only characters actually met are tested
// against the Unicode regexes (building the whole BMP table up front costs ~17 ms).
const CLASS = new Uint8Array(65536).fill(K_UNKNOWN);
const DIGIT_VALUE = new Int8Array(65536);
// Lower case of each classified code unit (itself when it has none, or when its lower case takes
// two code units, like İ): the scanner lower-cases while hashing instead of copying the text.
const LOWER = new Uint16Array(65536);
const ASTRAL = new Map<number, number>();

function classify(cp: number): number {
  const s = String.fromCodePoint(cp);
  if (BOUNDARY_CHARS.includes(s)) return K_BOUNDARY;
  if (IGNORE_RE.test(s)) return K_IGNORE;
  if (s !== ' ' && SPACE_RE.test(s)) return K_SPACE;
  if (DIGIT_RE.test(s)) return K_DIGIT;
  if (CJK_RE.test(s)) return K_CJK;
  if (WORD_RE.test(s)) return K_WORD;
  return K_SEP;
}

function classOf(c: number): number {
  let k = CLASS[c];
  if (k !== K_UNKNOWN) return k;
  if (c >= 0xd800 && c <= 0xdbff) k = K_HIGH;
  else if (c >= 0xdc00 && c <= 0xdfff) k = K_SEP;
  else {
    k = classify(c);
    if (k === K_DIGIT) {
      // Decimal digits come in runs of ten from 0 to 9 (a Unicode guarantee for Nd).
      let z = c;
      while (z > 0 && DIGIT_RE.test(String.fromCharCode(z - 1)) && c - z < 9) z--;
      DIGIT_VALUE[c] = c - z;
    }
  }
  const lc = String.fromCharCode(c).toLowerCase();
  LOWER[c] = lc.length === 1 ? lc.charCodeAt(0) : c;
  CLASS[c] = k;
  return k;
}

/** Class of a supplementary-plane code point (astral digits count as letters: they are rare). */
function astralClass(cp: number): number {
  let k = ASTRAL.get(cp);
  if (k === undefined) {
    k = classify(cp);
    if (k === K_DIGIT) k = K_WORD;
    if (ASTRAL.size < 10_000) ASTRAL.set(cp, k);
  }
  return k;
}

/** Class of the surrogate pair starting at i (K_SEP when it is not a well-formed pair). */
function pairClass(s: string, i: number, c: number): number {
  const d = s.charCodeAt(i + 1);
  if (!(d >= 0xdc00 && d <= 0xdfff)) return K_SEP;
  return astralClass(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
}

for (let c = 0; c < 128; c++) classOf(c);

/**
 * Off the hot path: does the word go on at s[i] (class k, even)? Returns the odd class to use
 * (K_WORD, K_DIGIT, K_NUMSEP, K_ASTRAL, K_SKIP) or K_SEP to end the word.
 */
function wordGoesOn(s: string, i: number, c: number, k: number): number {
  if (k === K_UNKNOWN) k = classOf(c);
  if (k & 1) return k;
  if (k === K_IGNORE) return K_SKIP;
  if (k === K_HIGH) return pairClass(s, i, c) === K_WORD ? K_ASTRAL : K_SEP;
  if ((c === 46 || c === 44) && i + 1 < s.length && classOf(s.charCodeAt(i - 1)) === K_DIGIT)
    return classOf(s.charCodeAt(i + 1)) === K_DIGIT ? K_NUMSEP : K_SEP;
  return K_SEP;
}

// ---------------------------------------------------------------------------------------------
// Scanning: tokens into reusable typed buffers
// ---------------------------------------------------------------------------------------------

const F_NUMBER = 1;
const F_CAPITAL = 2;
const F_CJK = 4;

let cap = 1024;
let tokStart = new Int32Array(cap);
let tokEnd = new Int32Array(cap);
let tokH1 = new Int32Array(cap);
let tokH2 = new Int32Array(cap);
let tokFlags = new Uint8Array(cap);
let nTok = 0;
/** Words of the last scan (a run of n characters of a script without spaces counts n). */
let nWords = 0;

function grown<T extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(a: T, b: T): T {
  b.set(a);
  return b;
}

function growTokens(): void {
  cap *= 2;
  tokStart = grown(tokStart, new Int32Array(cap));
  tokEnd = grown(tokEnd, new Int32Array(cap));
  tokH1 = grown(tokH1, new Int32Array(cap));
  tokH2 = grown(tokH2, new Int32Array(cap));
  tokFlags = grown(tokFlags, new Uint8Array(cap));
}

// Word hashes: FNV-1a and a multiply-xor hash with MurmurHash2's constant, side by side. Written
// as literals, not imported: imported bindings are re-loaded (and TDZ-checked) on every use.
const H1_SEED = 0x811c9dc5;
const H1_PRIME = 0x01000193;
const H2_SEED = 0x9747b28c;
const H2_PRIME = 0x5bd1e995;

/**
 * Splits `text` into tokens: maximal runs of letters, marks and digits (a '.' or ',' between
 * digits stays inside a number; soft hyphens and zero-width characters are skipped), and
 * character bigrams for runs of scripts written without spaces. Two independent 32-bit word
 * hashes over the lower-cased code units (decimal digits of every script hashed as ASCII digits)
 * are computed while scanning (lower-casing code unit by code unit), so neither a lower-cased
 * copy nor any per-token string is made. Returns `text`. This loop is the largest single cost of
 * a fingerprint: keep it lean.
 */
function scan(text: string, capitals: boolean): string {
  const n = text.length;
  // Local aliases: module variables cost a load (and a hole check) on every use.
  let starts = tokStart;
  let ends = tokEnd;
  let h1s = tokH1;
  let h2s = tokH2;
  let flagsOf = tokFlags;
  let nt = 0;
  let nw = 0;
  let sentenceStart = true;
  // Whitespace layout for the content hash: last separator seen (0 none, 1 space, 2 line feed),
  // whether a line feed was seen, whether anything needs the general normalisation.
  let lastWs = 0;
  let lineFeeds = false;
  let irregular = false;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k = CLASS[c];
    if ((k & 1) === 0) {
      // Not a word character: classify if new, then handle the rare classes.
      if (k === K_UNKNOWN) k = classOf(c);
      if (c === 32) {
        if (lastWs !== 0) irregular = true;
        lastWs = 1;
        i++;
        continue;
      }
      if (c === 10) {
        if (lastWs === 1) irregular = true;
        lastWs = 2;
        lineFeeds = true;
        sentenceStart = true;
        i++;
        continue;
      }
      if (k === K_HIGH) {
        k = pairClass(text, i, c);
        if (k === K_WORD) k = K_ASTRAL;
        else if (k !== K_CJK) {
          lastWs = 0;
          i += k === K_SEP ? 1 : 2;
          continue;
        }
      }
      if (k === K_CJK) {
        nt = scanCjk(text, i, nt);
        starts = tokStart;
        ends = tokEnd;
        h1s = tokH1;
        h2s = tokH2;
        flagsOf = tokFlags;
        nw += cjkRun;
        i = cjkEnd;
        sentenceStart = false;
        lastWs = 0;
        continue;
      }
      if ((k & 1) === 0) {
        if (k === K_BOUNDARY) sentenceStart = true;
        else if (k === K_SPACE || k === K_IGNORE) irregular = true;
        lastWs = 0;
        i++;
        continue;
      }
    }
    // A word (or number) starts at i.
    const start = i;
    const upper = LOWER[c] !== c;
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    let letters = 0;
    for (;;) {
      if (k === K_ASCII) {
        letters++;
        h1 = Math.imul(h1 ^ c, H1_PRIME);
        h2 = Math.imul(h2 ^ c, H2_PRIME);
      } else if (k === K_WORD) {
        letters++;
        c = LOWER[c];
        h1 = Math.imul(h1 ^ c, H1_PRIME);
        h2 = Math.imul(h2 ^ c, H2_PRIME);
      } else if (k === K_DIGIT) {
        c = 48 + DIGIT_VALUE[c];
        h1 = Math.imul(h1 ^ c, H1_PRIME);
        h2 = Math.imul(h2 ^ c, H2_PRIME);
      } else if (k === K_NUMSEP) {
        h1 = Math.imul(h1 ^ c, H1_PRIME);
        h2 = Math.imul(h2 ^ c, H2_PRIME);
      } else if (k === K_ASTRAL) {
        letters++;
        h1 = Math.imul(h1 ^ c, H1_PRIME);
        h2 = Math.imul(h2 ^ c, H2_PRIME);
        c = text.charCodeAt(++i);
        h1 = Math.imul(h1 ^ c, H1_PRIME);
        h2 = Math.imul(h2 ^ c, H2_PRIME);
      } else irregular = true; // K_SKIP: an invisible character, which the content hash drops
      if (++i >= n) break;
      c = text.charCodeAt(i);
      // Fast path: a lower-case ASCII letter needs no table.
      if ((c - 97) >>> 0 < 26) {
        k = K_ASCII;
        continue;
      }
      k = CLASS[c];
      if ((k & 1) === 0) {
        k = wordGoesOn(text, i, c, k);
        if (k === K_SEP) break;
      }
    }
    let flags = letters === 0 ? F_NUMBER : 0;
    if (capitals && upper && !sentenceStart && letters !== 0) flags |= F_CAPITAL;
    if (nt === cap) {
      growTokens();
      starts = tokStart;
      ends = tokEnd;
      h1s = tokH1;
      h2s = tokH2;
      flagsOf = tokFlags;
    }
    starts[nt] = start;
    ends[nt] = i;
    h1s[nt] = h1;
    // The length goes into the second hash: two forms must agree on it too.
    h2s[nt] = h2 ^ (i - start);
    flagsOf[nt] = flags;
    nt++;
    nw++;
    sentenceStart = false;
    lastWs = 0;
  }
  nTok = nt;
  nWords = nw;
  wsLayout = irregular ? WS_IRREGULAR : lineFeeds ? WS_LINE_FEEDS : WS_CLEAN;
  return text;
}

// Whitespace layout of the last scanned text, for the content hash (see content-hash.ts).
let wsLayout = WS_IRREGULAR;

// Results of scanCjk besides the token count: the characters in the run and where it ends.
let cjkRun = 0;
let cjkEnd = 0;

/**
 * Tokens of a run of characters of scripts written without spaces, starting at i: overlapping
 * character bigrams (a lone character is a unigram). Returns the new token count.
 */
function scanCjk(text: string, i: number, nt: number): number {
  const n = text.length;
  let prevStart = i;
  let prevEnd = i + (classOf(text.charCodeAt(i)) === K_HIGH ? 2 : 1);
  i = prevEnd;
  let run = 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    let k = classOf(c);
    let w = 1;
    if (k === K_HIGH) {
      k = pairClass(text, i, c);
      w = 2;
    }
    if (k !== K_CJK) break;
    nt = pushRange(text, prevStart, i + w, nt);
    prevStart = prevEnd;
    prevEnd = i + w;
    i += w;
    run++;
  }
  if (run === 1) nt = pushRange(text, prevStart, prevEnd, nt);
  cjkRun = run;
  cjkEnd = i;
  return nt;
}

/** Adds the token text[start, end) (of a script without spaces) with its two hashes. */
function pushRange(text: string, start: number, end: number, nt: number): number {
  let h1 = H1_SEED;
  let h2 = H2_SEED;
  for (let j = start; j < end; j++) {
    const c = text.charCodeAt(j);
    h1 = Math.imul(h1 ^ c, H1_PRIME);
    h2 = Math.imul(h2 ^ c, H2_PRIME);
  }
  if (nt === cap) growTokens();
  tokStart[nt] = start;
  tokEnd[nt] = end;
  tokH1[nt] = h1;
  tokH2[nt] = h2 ^ (end - start);
  tokFlags[nt] = F_CJK;
  return nt + 1;
}

// ---------------------------------------------------------------------------------------------
// Per-word cache: word form → (stop-word languages, term hash)
// ---------------------------------------------------------------------------------------------

/** Languages whose stop words a slot can record (12 bits of its key word). */
const MASK_LANGS = 12;

/** Stop-word membership as a bit mask over the first MASK_LANGS of STOPWORD_LANGS. */
let stopMasks: Map<string, number> | undefined;
function stopMaskOf(folded: string): number {
  if (!stopMasks) {
    const m = new Map<string, number>();
    STOPWORD_LANGS.forEach((lang, bit) => {
      if (bit >= MASK_LANGS) return;
      for (const w of stopwords(lang)) m.set(w, (m.get(w) ?? 0) | (1 << bit));
    });
    stopMasks = m;
  }
  return stopMasks.get(folded) ?? 0;
}

/**
 * Word forms cached before the cache is cleared (checked between documents). The table then
 * holds at most 2^19 slots of 16 bytes (8 MB); real vocabularies rarely get there, an endless
 * stream of new names may.
 */
const MAX_ENTRIES = 1 << 18;
// Open-addressing table with linear probing, load factor ≤ 3/4. A slot is four int32s (16 bytes,
// four to a cache line) holding everything a token needs, so a token costs at most one cache
// miss and the per-document work never touches a global table again. Compactness matters more
// than anything else here: the misses on this table were the largest single cost.
//   [0] h1: first word hash
//   [1] OCCUPIED | stop-word mask << 16 | low 16 bits of the second word hash
//   [2] I_COMMON | I_TERM | I_NUMBER | stem length << 21 | high 21 bits of the term hash
//   [3] low 32 bits of the term hash
// The key is h1 plus 16 bits of h2: 48 bits, so two of 250,000 word forms share a key with odds
// of about 1 in 10,000 (and then one word is counted as the other).
const OCCUPIED = 1 << 28;
const I_TERM = 1 << 30;
const I_NUMBER = 1 << 29;
/** A word too common in news to identify a story (see COMMON_WORDS); the sign bit. */
const I_COMMON = 1 << 31;
const HI_MASK = 0x1fffff;
/** The bits of a slot's key word that are key (not stop mask). */
const KEY_MASK = OCCUPIED | 0xffff;
const S_KEY = 1;
const S_INFO = 2;
const S_LO = 3;
let slotBits = 14;
let slotTab = new Int32Array(4 << slotBits);
let nEntries = 0;
/** Bumped when the table is rebuilt, so slot offsets held for the current document are stale. */
let slotEpoch = 0;

/** Second key word of a slot for a token's second hash (without the stop mask). */
function keyOf(h2: number): number {
  return OCCUPIED | (h2 & 0xffff);
}

/** Stop-word mask of the slot at offset b. */
function stopOf(b: number): number {
  return (slotTab[b + S_KEY] >>> 16) & 0xfff;
}

function resetCaches(): void {
  slotTab.fill(0);
  nEntries = 0;
  slotEpoch++;
}

/**
 * Home slot of a word (h1 and its key word; only the key's low 16 bits count): the TOP bits of a
 * multiplicative hash, since its low bits only see the low bits of the characters.
 */
function slotOf(h1: number, key: number): number {
  return Math.imul(h1 ^ Math.imul(key & 0xffff, 0x27d4eb2d), 0x9e3779b1) >>> (32 - slotBits);
}

function growSlots(): void {
  const old = slotTab;
  slotBits++;
  slotTab = new Int32Array(4 << slotBits);
  slotEpoch++;
  const mask = (1 << slotBits) - 1;
  for (let b = 0; b < old.length; b += 4) {
    if (old[b + S_KEY] === 0) continue;
    let p = slotOf(old[b], old[b + S_KEY]);
    while (slotTab[(p << 2) + S_KEY] !== 0) p = (p + 1) & mask;
    slotTab.set(old.subarray(b, b + 4), p << 2);
  }
}

/**
 * The word-cache slot (offset into slotTab) of token t, adding its word form if it is new.
 * Offsets are only good until the next addition (the table may grow), so they are used at once.
 */
function slotFor(text: string, t: number): number {
  const h1 = tokH1[t];
  const key = keyOf(tokH2[t]);
  const tab = slotTab;
  const mask = (1 << slotBits) - 1;
  let p = slotOf(h1, key);
  let b = p << 2;
  for (;;) {
    const k = tab[b + S_KEY];
    if (k === 0) break;
    if (tab[b] === h1 && (k & KEY_MASK) === key) return b;
    p = (p + 1) & mask;
    b = p << 2;
  }
  const epoch = slotEpoch;
  addEntry(text, t, b);
  return slotEpoch === epoch ? b : slotFor(text, t);
}

/** text[start, end) lower-cased code unit by code unit, exactly as the scanner hashed it. */
function lowerAsScanned(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (isAscii(raw)) return raw.toLowerCase();
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    classOf(c);
    out += String.fromCharCode(LOWER[c]);
  }
  return out;
}

/** Fills free slot `b` with token t's word form: stop-word mask, term hash and length. */
function addEntry(text: string, t: number, b: number): void {
  let raw = lowerAsScanned(text, tokStart[t], tokEnd[t]);
  const flags = tokFlags[t];
  let stop = 0;
  let term: string | undefined;
  if (flags & F_NUMBER) {
    const num = normalizeNumber(raw, DIGIT_VALUE);
    if (num.length >= 2) term = 'n:' + num;
  } else if (flags & F_CJK) {
    term = 'w:' + raw;
  } else {
    if (!isAscii(raw)) raw = foldForMatch(raw.replace(INVISIBLE, ''));
    stop = stopMaskOf(raw);
    if (raw.length >= 2) term = 'w:' + lightStem(raw);
  }
  slotTab[b] = tokH1[t];
  slotTab[b + S_KEY] = keyOf(tokH2[t]) | (stop << 16);
  if (term !== undefined) {
    const h = hashString53(term);
    const len = Math.min(term.length - 2, 255);
    const kind = flags & F_NUMBER ? I_NUMBER : isCommon(term) ? I_COMMON : 0;
    slotTab[b + S_INFO] = I_TERM | kind | (len << 21) | Math.floor(h / TWO_POW_32);
    slotTab[b + S_LO] = h | 0;
  }
  nEntries++;
  if (nEntries * 4 >= 3 << slotBits) growSlots();
}

/**
 * The normalised, prefixed form of one word or number as it is hashed into key terms and vector
 * terms (`w:` + light stem of the folded word, `n:` + normalised number), or `undefined` for a
 * single character. Use it with {@link termHash} to look a word up in a store.
 *
 * @example
 * ```ts
 * normalizeTerm('Mourinho');  // => 'w:mourinh'
 * normalizeTerm('1,200');     // => 'n:1200'
 * termHash(normalizeTerm('Rotterdam')!);
 * ```
 */
export function normalizeTerm(word: string): string | undefined {
  const w = word.trim();
  if (/^\p{Nd}+(?:[.,]\p{Nd}+)*$/u.test(w)) {
    for (let i = 0; i < w.length; i++) classOf(w.charCodeAt(i)); // fills DIGIT_VALUE
    const num = normalizeNumber(w, DIGIT_VALUE);
    return num.length >= 2 ? 'n:' + num : undefined;
  }
  const folded = foldForMatch(w.normalize('NFC'));
  if (folded.length < 2) return undefined;
  return 'w:' + lightStem(folded);
}

// ---------------------------------------------------------------------------------------------
// Lexical analysis: stop words, term frequencies, key terms, term vector
// ---------------------------------------------------------------------------------------------

const LANG_BITS = new Map(STOPWORD_LANGS.slice(0, MASK_LANGS).map((l, i) => [l, i]));
/** Tokens examined when guessing the stop-word language. */
const GUESS_TOKENS = 200;
const guessCounts = new Int32Array(32);

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Which stop-word list applies: the given language's bit, or one guessed from the scanned tokens'
 * stop-word hits (the language with the most, if they are at least 2 and 8% of the first 200
 * tokens). -1 means no list: then only words that are stop words in two or more languages are
 * dropped ("a", "in", "de", "die"), which keeps single-language ones like German "war".
 */
function stopLanguage(lang: string | undefined, text: string): number {
  if (lang && lang !== 'und') {
    const i = lang.search(/[-_]/);
    const base = (i < 0 ? lang : lang.slice(0, i)).toLowerCase();
    return LANG_BITS.get(base) ?? -1;
  }
  guessCounts.fill(0);
  const m = Math.min(nTok, GUESS_TOKENS);
  for (let t = 0; t < m; t++) {
    let mask = stopOf(slotFor(text, t));
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask);
      guessCounts[bit]++;
      mask &= ~(1 << bit);
    }
  }
  let best = 0;
  for (let b = 1; b < MASK_LANGS; b++) if (guessCounts[b] > guessCounts[best]) best = b;
  return guessCounts[best] >= 2 && guessCounts[best] >= 0.08 * m ? best : -1;
}

// The current document's terms, in order of first occurrence ("local" ids), found through a
// small open-addressing table keyed by term hash. Everything here stays in cache.
let nLocal = 0;
let localHi = new Int32Array(1024);
let localLo = new Int32Array(1024);
let localInfo = new Int32Array(1024);
let localTf = new Int32Array(1024);
let localTitle = new Int32Array(1024);
let localCaps = new Int32Array(1024);
let localPicked = new Uint8Array(1024);
let mapBits = 11;
let mapStamp = new Int32Array(1 << mapBits);
let mapLocal = new Int32Array(1 << mapBits);
let docStamp = 0;

function mapSlot(hi: number, lo: number): number {
  return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> (32 - mapBits);
}

/** Doubles the local arrays and the map (rehashing this document's terms). */
function growLocal(): void {
  const n = localHi.length * 2;
  localHi = grown(localHi, new Int32Array(n));
  localLo = grown(localLo, new Int32Array(n));
  localInfo = grown(localInfo, new Int32Array(n));
  localTf = grown(localTf, new Int32Array(n));
  localTitle = grown(localTitle, new Int32Array(n));
  localCaps = grown(localCaps, new Int32Array(n));
  localPicked = new Uint8Array(n);
  mapBits++;
  mapStamp = new Int32Array(1 << mapBits);
  mapLocal = new Int32Array(1 << mapBits);
  const mask = (1 << mapBits) - 1;
  for (let l = 0; l < nLocal; l++) {
    let p = mapSlot(localHi[l], localLo[l]);
    while (mapStamp[p] === docStamp) p = (p + 1) & mask;
    mapStamp[p] = docStamp;
    mapLocal[p] = l;
  }
}

/** The local id of a term (by hash), added to the document's terms if new. */
function localTerm(info: number, lo: number): number {
  const hi = info & HI_MASK;
  const mask = (1 << mapBits) - 1;
  let p = mapSlot(hi, lo);
  while (mapStamp[p] === docStamp) {
    const m = mapLocal[p];
    if (localLo[m] === lo && localHi[m] === hi) return m;
    p = (p + 1) & mask;
  }
  const l = nLocal++;
  mapStamp[p] = docStamp;
  mapLocal[p] = l;
  localHi[l] = hi;
  localLo[l] = lo;
  localInfo[l] = info;
  localTf[l] = 0;
  localTitle[l] = 0;
  localCaps[l] = 0;
  localPicked[l] = 0;
  if (nLocal * 2 >= 1 << mapBits) growLocal();
  return l;
}

/** Adds the scanned tokens' terms (stop words excluded) to the document's terms. */
function accumulate(text: string, langBit: number, title: boolean): void {
  for (let t = 0; t < nTok; t++) {
    const b = slotFor(text, t);
    const info = slotTab[b + S_INFO];
    if ((info & I_TERM) === 0) continue;
    const stop = stopOf(b);
    if (stop !== 0 && (langBit >= 0 ? ((stop >>> langBit) & 1) === 1 : popcount(stop) >= 2)) continue;
    const l = localTerm(info, slotTab[b + S_LO]);
    if (title) localTitle[l]++;
    else {
      localTf[l]++;
      if (tokFlags[t] & F_CAPITAL) localCaps[l]++;
    }
  }
}

/** Body occurrences plus three per title occurrence: the title names what the story is about. */
function effTf(l: number): number {
  return localTf[l] + 3 * localTitle[l];
}

/** The 53-bit hash of local term `l`. */
function hashOf(l: number): number {
  return localHi[l] * TWO_POW_32 + (localLo[l] >>> 0);
}

/** Terms of the term vector. */
export const VECTOR_TERMS = 64;
/** At most this many key terms per article. */
export const MAX_KEY_TERMS = 48;
const MAX_NUMBER_TERMS = 12;
const MAX_NAME_TERMS = 16;

interface Analysis {
  keyTerms: number[];
  vectorTerms: number[];
  vectorWeights: Float32Array;
}

/** Starts a document: new stamp, empty accumulators; clears the caches when they are full. */
function beginDocument(): void {
  if (nEntries >= MAX_ENTRIES) resetCaches();
  if (docStamp >= 0x7ffffff0) {
    // Stamps are about to wrap: forget every stamp (slots hold them too).
    resetCaches();
    mapStamp.fill(0);
    docStamp = 0;
  }
  docStamp++;
  nLocal = 0;
}

// Ranking works on packed numeric keys: (score, position) in one double, so comparisons are plain
// number comparisons. Only the sets of the few best are needed, so quickselect finds them;
// sorting all of a document's terms (even natively) dominated an earlier profile.
const POS = 16_777_216; // 2^24: room for the first-occurrence position in a key
let keyBuf = new Float64Array(1024);
let numKeys = new Float64Array(1024);
let nameKeys = new Float64Array(1024);
const topIds = new Int32Array(VECTOR_TERMS);
const topHashes = new Float64Array(VECTOR_TERMS);
const keyOut = new Float64Array(MAX_KEY_TERMS);
// 1 + ln(tf) for small tf, so the common case needs no Math.log.
const LOG_WEIGHT = Float32Array.from({ length: 256 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

/**
 * Rank key of local term `l`: effective frequency, then stem length (longer words are rarer: a
 * cheap IDF stand-in), then earlier first occurrence (the lead of a news story says what it is
 * about). Every part depends on the text alone, so rankings are deterministic. `extra` (0..255)
 * ranks above all of these (capitalised counts, for names).
 */
function rankKey(l: number, extra: number): number {
  const tf = Math.min(effTf(l), 4095);
  return ((extra * 4096 + tf) * 256 + ((localInfo[l] >>> 21) & 255)) * POS + (POS - 1 - l);
}

/** Local term id packed in a rank key. */
function localOf(key: number): number {
  return POS - 1 - (key - Math.floor(key / POS) * POS);
}

/** Runs the lexical analysis of the current document's terms. */
function finishDocument(): Analysis {
  // A text with more than 2^24 distinct terms (hundreds of MB) only ranks its first 2^24.
  const n = Math.min(nLocal, POS - 1);
  if (keyBuf.length < n) {
    keyBuf = new Float64Array(n * 2);
    numKeys = new Float64Array(n * 2);
    nameKeys = new Float64Array(n * 2);
  }
  let nNum = 0;
  let nName = 0;
  for (let l = 0; l < n; l++) {
    const key = rankKey(l, 0);
    keyBuf[l] = key;
    const info = localInfo[l];
    if (info & I_NUMBER) numKeys[nNum++] = key;
    else if (localCaps[l] > 0 && (info & I_COMMON) === 0)
      nameKeys[nName++] = rankKey(l, Math.min(localCaps[l], 255));
  }

  // Key terms: the best numbers, then names, then content words; each term once. Only the sets
  // matter (the output is sorted by hash), so selection is enough: no sorting by rank.
  let nKey = 0;
  const take = (l: number): void => {
    if (localPicked[l] === 1) return;
    localPicked[l] = 1;
    keyOut[nKey++] = hashOf(l);
  };
  const numbers = selectTop(numKeys, nNum, MAX_NUMBER_TERMS);
  for (let i = 0; i < numbers; i++) take(localOf(numKeys[i]));
  const names = selectTop(nameKeys, nName, MAX_NAME_TERMS);
  for (let i = 0; i < names; i++) take(localOf(nameKeys[i]));
  // Content words: numKeys is free again, so it collects the candidates.
  let nWordsLeft = 0;
  for (let l = 0; l < n; l++)
    if ((localInfo[l] & (I_NUMBER | I_COMMON)) === 0 && localPicked[l] === 0)
      numKeys[nWordsLeft++] = keyBuf[l];
  const content = selectTop(numKeys, nWordsLeft, MAX_KEY_TERMS - nKey);
  for (let i = 0; i < content; i++) take(localOf(numKeys[i]));
  sortDesc(keyOut, nKey);
  const keyTerms = new Array<number>(nKey);
  for (let i = 0; i < nKey; i++) keyTerms[i] = keyOut[nKey - 1 - i];

  // Term vector: the best 64 (numbers included), ordered by hash.
  const m = selectTop(keyBuf, n, VECTOR_TERMS);
  for (let i = 0; i < m; i++) {
    const l = localOf(keyBuf[i]);
    const h = hashOf(l);
    let j = i;
    while (j > 0 && topHashes[j - 1] > h) {
      topIds[j] = topIds[j - 1];
      topHashes[j] = topHashes[j - 1];
      j--;
    }
    topIds[j] = l;
    topHashes[j] = h;
  }
  const vectorTerms = new Array<number>(m);
  const vectorWeights = slabF32(m);
  for (let i = 0; i < m; i++) {
    vectorTerms[i] = topHashes[i];
    const tf = effTf(topIds[i]);
    vectorWeights[i] = tf < 256 ? LOG_WEIGHT[tf] : 1 + Math.log(tf);
  }
  return { keyTerms, vectorTerms, vectorWeights };
}

/** Lexical analysis of a body (already scanned and looked up) and an optional title. */
function analyse(text: string, title: string | undefined, lang: string | undefined): Analysis {
  const bodyWords = nWords;
  let langBit = stopLanguage(lang, text);
  accumulate(text, langBit, false);
  if (title) {
    const tl = scan(title, false);
    // A title alone (no body) still deserves a guess.
    if (langBit < 0 && !lang && bodyWords === 0) langBit = stopLanguage(undefined, tl);
    accumulate(tl, langBit, true);
  }
  return finishDocument();
}

// NFC can only change text holding a code point from U+0300 up (the first combining marks).
const MAY_NEED_NFC = /[\u0300-\uffff]/;

/** A language code as given (null and '' count as absent); anything but a string is refused. */
function langOf(lang: unknown): string | undefined {
  if (lang === undefined || lang === null || lang === '') return undefined;
  if (typeof lang !== 'string') throw usage(`lang must be an ISO 639-1 code string, got ${typeof lang}`);
  return lang;
}

function prepare(text: unknown, what: string): string {
  if (typeof text !== 'string') throw usage(`${what} must be a string`);
  return MAY_NEED_NFC.test(text) ? text.normalize('NFC') : text;
}

/**
 * The sparse term vector of a text: terms are content words (stop words of the given or guessed
 * language removed) and numbers of two or more characters, as {@link normalizeTerm} forms them;
 * weights are `1 + ln(tf)`, where a title occurrence counts three. The 64 heaviest terms are
 * kept (ties: longer stem, then earlier first occurrence), sorted by term hash. Weights are not
 * normalised and carry no IDF: the clusterer applies IDF from the store's document frequencies.
 * With the same title and language it is exactly what {@link fingerprint} stores as
 * `vectorTerms`/`vectorWeights`.
 *
 * @example
 * ```ts
 * termVector('mourinho seek killer instinct basel jose mourinho called chelsea star');
 * // => { terms: [9 hashes, ascending], weights: Float32Array [1, …, 1.693 (mourinho), …] }
 * ```
 */
export function termVector(
  text: string,
  lang?: string,
  title?: string,
): { terms: number[]; weights: Float32Array } {
  const body = prepare(text, 'text');
  const t = title === undefined ? undefined : prepare(title, 'title');
  const code = langOf(lang);
  beginDocument();
  const a = analyse(scan(body, true), t, code);
  return { terms: a.vectorTerms, weights: a.vectorWeights };
}

// ---------------------------------------------------------------------------------------------
// Fingerprint
// ---------------------------------------------------------------------------------------------

/** Multiplier of the rolling shingle hash (odd, so powers of it never vanish mod 2^32). */
const ROLL = 0x9e3779b1;
let mins = new Float64Array(128);

/**
 * MinHash signature of the scanned tokens: one hash per shingle of `k` consecutive tokens
 * (single tokens when there are fewer than `k`), one-permutation hashing into `numPerm` bins,
 * then densification. Shingle hashes roll: H(t+1) = (H(t) - w(t)·R^(k-1))·R + w(t+k) over the
 * word hashes, mod 2^32, so a shingle costs two multiplications whatever `k`; the seed enters
 * through the final mixer. Bin minima are kept in a Float64Array (plain doubles: no uint32
 * conversions in the hot loop), then copied into the signature.
 */
function signature(numPerm: number, k: number, seed: number): Uint32Array {
  if (mins.length < numPerm) mins = new Float64Array(numPerm);
  mins.fill(EMPTY_BIN, 0, numPerm);
  const s0 = fmix32(seed >>> 0);
  if (nTok >= k) addShingles(numPerm, k, s0);
  else {
    // Fewer words than a shingle: single words (in their own hash space), so the signature is
    // never empty while there is a word.
    const scale = numPerm / TWO_POW_32;
    for (let t = 0; t < nTok; t++) {
      let u = fmix32(mix(0x3c6ef372, tokH1[t]) ^ s0);
      if (u === EMPTY_BIN) u = EMPTY_BIN - 1;
      const bin = Math.floor(u * scale);
      if (u < mins[bin]) mins[bin] = u;
    }
  }
  const sig = slabU32(numPerm);
  for (let i = 0; i < numPerm; i++) sig[i] = mins[i];
  densify(sig, seed);
  return sig;
}

/** One-permutation hashing of every k-token shingle into mins[0, numPerm). */
function addShingles(numPerm: number, k: number, s0: number): void {
  const m = mins;
  const words = tokH1;
  const scale = numPerm / TWO_POW_32;
  let top = 1; // R^(k-1)
  for (let j = 1; j < k; j++) top = Math.imul(top, ROLL);
  let h = 0;
  for (let j = 0; j < k - 1; j++) h = (Math.imul(h, ROLL) + words[j]) | 0;
  for (let t = k - 1; t < nTok; t++) {
    // Roll in word t; roll out word t - k once the window is full.
    if (t >= k) h = (h - Math.imul(words[t - k], top)) | 0;
    h = (Math.imul(h, ROLL) + words[t]) | 0;
    // fmix32 (MurmurHash3's finaliser) of the seeded shingle hash, written out: imported
    // functions are not free in a hot loop.
    let v = h ^ s0;
    v ^= v >>> 16;
    v = Math.imul(v, 0x85ebca6b);
    v ^= v >>> 13;
    v = Math.imul(v, 0xc2b2ae35);
    v ^= v >>> 16;
    let u = v >>> 0;
    if (u === EMPTY_BIN) u = EMPTY_BIN - 1;
    const bin = Math.floor(u * scale);
    if (u < m[bin]) m[bin] = u;
  }
}

/**
 * Computes all fingerprints of one article. The MinHash signature is built over word shingles
 * of `settings.shingle` words of the body (stop words included: they are part of the wording),
 * each shingle hashed once (one-permutation hashing) then densified; a body with fewer words
 * than a shingle uses single words, so only an empty body gives the empty signature (all
 * `EMPTY_BIN`, no band keys). Key terms (at most 48, deduplicated, ascending): up to 12 numbers,
 * up to 16 capitalised words that are not sentence-initial (names, places, organisations), then
 * the most frequent content words, title words counting extra. Settings are trusted: build them
 * with {@link makeSettings}. Set `nfc` only when the text is known to be in NFC already (as
 * `cleanText` leaves it): the text is then not checked again.
 *
 * @example
 * ```ts
 * const fp = fingerprint({ title: 'Port strike ends', text: 'Dock workers in Rotterdam…' }, DEFAULT_SETTINGS);
 * fp.minhash.length; // => 128
 * fp.bandKeys.length; // => 32
 * ```
 */
export function fingerprint(
  input: { text: string; title?: string; lang?: string; nfc?: boolean },
  settings: StoreSettings,
): Fingerprint {
  if (input === null || typeof input !== 'object') throw usage('fingerprint input must be an object');
  // `nfc`: the caller has normalised the text already (the ingest path), so it is not scanned again.
  const text =
    input.nfc === true && typeof input.text === 'string' ? input.text : prepare(input.text ?? '', 'text');
  const title = input.title === undefined ? undefined : prepare(input.title, 'title');
  const lang = langOf(input.lang);
  const { numPerm, shingle, bands, rows, seed } = settings;

  beginDocument();
  scan(text, true);
  const words = nWords;
  const layout = wsLayout;
  const minhash = signature(numPerm, shingle, seed);
  const a = analyse(text, title, lang);
  return {
    hash: hashNormalized(text, layout),
    words,
    minhash,
    bandKeys: bandKeys(minhash, bands, rows, seed),
    keyTerms: a.keyTerms,
    vectorTerms: a.vectorTerms,
    vectorWeights: a.vectorWeights,
  };
}

/**
 * Hex content hash (SHA-256, first 32 hex digits = 128 bits) of the normalised text: NFC,
 * soft hyphens and zero-width characters removed, every run of whitespace (line breaks included)
 * one space, trimmed. Two texts with the same hash are exact duplicates up to layout.
 *
 * @example
 * ```ts
 * contentHash('Port  strike\nends.') === contentHash(' Port strike ends. '); // => true
 * ```
 */
export function contentHash(text: string): string {
  return hashNormalized(prepare(text, 'text'), WS_IRREGULAR);
}
