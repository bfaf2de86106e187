/**
 * Amounts inside facts: digits with their separators, number words ("twenty-one", "two hundred
 * and five", "half a million"), scale words ("1.5 million"), vague amounts ("a few", "dozens"),
 * qualifiers ("about 12", "more than a dozen", "40+") and the English count noun after an amount
 * ("5,000 troops" → "troop"). The matchers of `facts.ts` build money, percentages, quantities,
 * durations and dates on these readers.
 *
 * Representation. Readers work on a {@link Scan}: the tokens of one sentence, the language's
 * tables and a per-token memo of the amount read there (`amt`), so that every matcher trying the
 * same token reuses one reading (money amounts, read with currency rules, are not kept). Each
 * returns a {@link Core}: the value or vague tag, its qualifier, the token just after it and the
 * flags the matchers test (digits or words, scaled, needs a unit, a bare four-digit number).
 *
 * Decision. Digits glued to letters ("G7", "F-16", "COVID-19") are names, not amounts; a "."
 * or "," is a decimal mark or a thousands separator by its position and the language's habit.
 */
import type { ScanToken } from '../text/types.js';
import { COUNT_ADJECTIVES, type Qual, type Tables } from './numwords.js';

export interface Core {
  value?: number;
  tag?: string;
  qual: Qual;
  end: number;
  digits: boolean;
  scaled: boolean;
  needsUnit: boolean;
  article: boolean;
  /** A bare four-digit number: possibly a year. */
  year4: boolean;
}

export interface Scan {
  toks: ScanToken[];
  T: Tables;
  /** Token index just after the last emitted fact. */
  lastFactEnd: number;
  amt: (Core | null | undefined)[];
}

// ---------------------------------------------------------------------------------------------
// Numbers.

/** Rounds away binary noise from scaling ("1.2" × 1e9). */
export function scaleMul(v: number, m: number): number {
  return Number((v * m).toPrecision(15));
}

/**
 * Reads a digit token with "." and "," separators. The last separator of two kinds is the decimal
 * mark; a single separator followed by exactly three digits is a thousands mark unless the language
 * writes decimals with that character ("1.234" is 1234 in German, 1.234 in English).
 */
export function parseDigits(raw: string, decimalComma: boolean): number | undefined {
  if (raw.length > 30) return undefined;
  const s = raw.replace(/[\u00a0\u202f\u2009]/g, ' ');
  let dots = 0;
  let commas = 0;
  let spaces = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '.') dots++;
    else if (c === ',') commas++;
    else if (c === ' ') spaces++;
  }
  let dec: string | undefined;
  let thou: string | undefined;
  if (dots && commas) {
    dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    thou = dec === '.' ? ',' : '.';
  } else if (dots || commas) {
    const sep = dots ? '.' : ',';
    if ((dots || commas) > 1) thou = sep;
    else {
      const after = s.length - s.indexOf(sep) - 1;
      if (after !== 3 || (sep === ',') === decimalComma) dec = sep;
      else thou = sep;
    }
  }
  if (spaces) {
    if (thou) return undefined;
    thou = ' ';
  }
  let intPart = s;
  let frac = '';
  if (dec) {
    const at = s.lastIndexOf(dec);
    intPart = s.slice(0, at);
    frac = s.slice(at + 1);
    if (frac.includes('.') || frac.includes(',') || frac.includes(' ')) return undefined;
  }
  if (thou) {
    const groups = intPart.split(thou);
    if (groups[0].length < 1 || groups[0].length > 3) return undefined;
    for (let g = 1; g < groups.length; g++) if (groups[g].length !== 3) return undefined;
    intPart = groups.join('');
  }
  if (intPart.includes('.') || intPart.includes(',') || intPart.includes(' ')) return undefined;
  return Number(frac ? `${intPart || '0'}.${frac}` : intPart);
}

const SOFT_PREFIXES = new Set([
  'mid',
  'pre',
  'post',
  'early',
  'late',
  'end',
  'mi',
  'ende',
  'anfang',
  'mitte',
]);

/** Digits glued to letters are model names, not amounts ("G7", "F-16", "COVID-19", "5G"). */
export function digitOk(S: Scan, k: number): boolean {
  const { toks, T } = S;
  const t = toks[k];
  if (!t.gap && k > 0) {
    const p = toks[k - 1];
    if (p.t === 'word' && T.curPrefix.match(toks, k - 1)?.end !== k) return false;
    if ((p.n === '-' || p.n === '/') && !p.gap && k > 1) {
      const w = toks[k - 2];
      if (w.t === 'word' && !SOFT_PREFIXES.has(w.n)) return false;
    }
  }
  const nx = toks[k + 1];
  if (nx && !nx.gap && nx.t === 'word' && !T.digitSuffixes.has(nx.n)) return false;
  return true;
}

function below100(S: Scan, k: number): { v: number; end: number } | undefined {
  const { toks, T } = S;
  const t = toks[k];
  if (t?.t !== 'word') return undefined;
  const tn = T.tens.match(toks, k);
  if (tn) {
    let v = tn.val;
    let end = tn.end;
    let j = end;
    if (toks[j] && T.joiners.has(toks[j].n)) j++;
    const ut = toks[j];
    const u = ut && ut.t === 'word' ? T.small.get(ut.n) : undefined;
    if (u !== undefined && u >= 1 && u <= T.maxAfterTens && Number.isInteger(u)) {
      v += u;
      end = j + 1;
    }
    return { v, end };
  }
  const sv = T.small.get(t.n);
  return sv === undefined ? undefined : { v: sv, end: k + 1 };
}

function below1000(S: Scan, k: number): { v: number; end: number } | undefined {
  const { toks, T } = S;
  const t = toks[k];
  if (t?.t !== 'word') return undefined;
  const h = T.hundreds.get(t.n);
  if (h !== undefined) {
    const r = below100(S, k + 1);
    return r ? { v: h + r.v, end: r.end } : { v: h, end: k + 1 };
  }
  let b = below100(S, k);
  if (!b && T.articles.has(t.n) && T.hundred.has(toks[k + 1]?.n ?? '')) b = { v: 1, end: k + 1 };
  if (!b) return undefined;
  const ht = toks[b.end];
  if (ht && T.hundred.has(ht.n) && Number.isInteger(b.v) && b.v >= 1 && b.v <= 9) {
    let v = b.v * 100;
    let end = b.end + 1;
    let j = end;
    if (toks[j]?.n === 'and') j++;
    const r = below100(S, j);
    if (r) {
      v += r.v;
      end = r.end;
    }
    return { v, end };
  }
  return b;
}

/** Denominators of English fractions ("two-thirds" = 2/3). */
const FRACTIONS: Record<string, number> = {
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fifth: 5,
  fifths: 5,
  tenth: 10,
  tenths: 10,
};

function wordsCore(value: number, end: number, scaled: boolean): Core {
  return { value, qual: '=', end, digits: false, scaled, needsUnit: false, article: false, year4: false };
}

/** Number words: "twenty-one", "two hundred and five", "1.5 million" is digits, "a dozen", "half a million". */
function parseWords(S: Scan, k: number): Core | undefined {
  const { toks, T } = S;
  if (T.half.has(toks[k].n)) {
    const a = toks[k + 1];
    if (a && T.articles.has(a.n)) {
      const sc = T.scales.match(toks, k + 2);
      if (sc) return wordsCore(0.5 * sc.val, sc.end, true);
      if (T.timeUnits.match(toks, k + 2) || T.measure.match(toks, k + 2) || T.percent.match(toks, k + 2)) {
        return wordsCore(0.5, k + 2, false);
      }
    }
    return wordsCore(0.5, k + 1, false);
  }
  let total = 0;
  let end = k;
  let last = Number.POSITIVE_INFINITY;
  let first = true;
  let any = false;
  // bounded: each round consumes a strictly smaller scale word
  for (let round = 0; round < 6; round++) {
    let j = end;
    if (!first && toks[j]?.n === 'and') j++;
    let g = below1000(S, j);
    // "a" alone is one only before a scale ("a million") or a fraction ("a third of")
    let articleOnly = false;
    if (!g && first && T.articles.has(toks[j]?.n ?? '')) {
      if (T.scales.match(toks, j + 1) || (T.lang === 'en' && FRACTIONS[toks[j + 1]?.n ?? ''])) {
        g = { v: 1, end: j + 1 };
        articleOnly = true;
      }
    }
    if (!g) break;
    let v = g.v;
    let e = g.end;
    if (first && T.lang === 'en') {
      // "two-thirds", "three quarters", "a third of"
      const h = toks[e]?.n === '-' && !toks[e].gap ? e + 1 : e;
      const den = FRACTIONS[toks[h]?.n ?? ''];
      if (den && Number.isInteger(v) && v >= 1 && v < den && (!articleOnly || toks[h + 1]?.n === 'of')) {
        return { ...wordsCore(Number((v / den).toPrecision(12)), h + 1, false), scaled: true };
      }
    }
    const ah = T.andHalf.match(toks, e);
    if (ah) {
      v += 0.5;
      e = ah.end;
    }
    const sc = T.scales.match(toks, e);
    if (articleOnly && !sc) break;
    if (sc) {
      if (sc.val >= last) break;
      total += v * sc.val;
      last = sc.val;
      end = sc.end;
      first = false;
      any = true;
      continue;
    }
    if (!first && last <= 12) break;
    total += v;
    end = e;
    any = true;
    break;
  }
  if (!any) return undefined;
  return wordsCore(Number(total.toPrecision(15)), end, last !== Number.POSITIVE_INFINITY);
}

/** The amount itself: digits with an optional scale word, a vague amount, or number words. */
export function parseCore(S: Scan, k: number, money: boolean): Core | undefined {
  const { toks, T } = S;
  const t = toks[k];
  if (!t) return undefined;
  let p = k;
  let neg = false;
  if (t.t === 'sym' && t.n === '-' && t.gap && toks[k + 1]?.t === 'num' && !toks[k + 1].gap) {
    neg = true;
    p = k + 1;
  }
  const u = toks[p];
  if (u.t === 'num') {
    if (!digitOk(S, p)) return undefined;
    let v = parseDigits(u.raw, T.decimalComma);
    if (v === undefined) return undefined;
    let end = p + 1;
    let scaled = false;
    const sc = T.scales.match(toks, end);
    if (sc) {
      v = scaleMul(v, sc.val);
      end = sc.end;
      scaled = true;
    } else if (money) {
      // "$3m", "£40k": glued abbreviations are scales only next to a currency
      const w = toks[end];
      if (w && !w.gap && (w.n === 'm' || w.n === 'k' || w.n === 'b')) {
        v = scaleMul(v, w.n === 'm' ? 1e6 : w.n === 'k' ? 1e3 : 1e9);
        end++;
        scaled = true;
      }
    }
    return {
      value: neg ? -v : v,
      qual: '=',
      end,
      digits: true,
      scaled,
      needsUnit: false,
      article: false,
      year4: !neg && !scaled && /^\d{4}$/.test(u.raw),
    };
  }
  if (neg || t.t !== 'word') return undefined;
  const vg = T.vague.match(toks, k);
  if (vg) {
    return {
      value: vg.val.value,
      tag: vg.val.tag,
      qual: '~',
      end: vg.end,
      digits: false,
      scaled: false,
      needsUnit: vg.val.needsUnit,
      article: false,
      year4: false,
    };
  }
  return parseWords(S, k);
}

/** An amount with optional qualifiers: "about 12", "more than a dozen", "20 or so", "40+". */
export function parseAmount(S: Scan, k: number, money = false): Core | undefined {
  if (!money) {
    const c = S.amt[k];
    if (c !== undefined) return c ?? undefined;
  }
  const { toks, T } = S;
  let core: Core | undefined;
  let qual: Qual = '=';
  const q = T.qualifiers.match(toks, k);
  if (q) {
    core = parseCore(S, q.end, money);
    if (core) qual = q.val;
  }
  core ??= parseCore(S, k, money);
  let out: Core | undefined;
  if (core) {
    let end = core.end;
    if (core.qual === '=') {
      // "20 or so", "40+"; a redundant one after "some" is swallowed too
      const pq = T.postQual.match(toks, end);
      if (pq && !(toks[end].n === '+' && toks[end].gap)) {
        if (qual === '=') qual = pq.val;
        end = pq.end;
      }
    }
    if (qual === '=') qual = core.qual;
    out = { ...core, qual, end };
  }
  if (!money) S.amt[k] = out ?? null;
  return out;
}

/** "a"/"an" standing for one before a time unit ("for a day", "a week later"). */
export function articleAmount(S: Scan, k: number): Core | undefined {
  const t = S.toks[k];
  if (!t || !S.T.articles.has(t.n)) return undefined;
  return {
    value: 1,
    qual: '=',
    end: k + 1,
    digits: false,
    scaled: false,
    needsUnit: false,
    article: true,
    year4: false,
  };
}

/** Where a unit may start after an amount: directly, after a glued hyphen, an abbreviation dot or "of". */
export function unitPositions(S: Scan, a: Core): number[] {
  const { toks, T } = S;
  const e = a.end;
  const out = [e];
  const t = toks[e];
  if (!t) return out;
  if (t.n === '-' && !t.gap && toks[e + 1] && !toks[e + 1].gap) out.push(e + 1);
  if (t.n === '.' && !t.gap && toks[e - 1]?.t === 'word' && toks[e - 1].n.length <= 4) out.push(e + 1);
  if ((a.tag || a.scaled || a.needsUnit) && T.connectors.has(t.n)) out.push(e + 1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Count nouns (English).

const IRREGULAR: Record<string, string> = {
  people: 'person',
  men: 'man',
  women: 'woman',
  children: 'child',
  police: 'police',
  personnel: 'personnel',
  staff: 'staff',
  cattle: 'cattle',
  sheep: 'sheep',
  fish: 'fish',
  aircraft: 'aircraft',
  teeth: 'tooth',
  geese: 'goose',
  mice: 'mouse',
  lives: 'life',
  wives: 'wife',
  knives: 'knife',
  thieves: 'thief',
  halves: 'half',
  leaves: 'leaf',
  wolves: 'wolf',
  series: 'series',
  buses: 'bus',
  gases: 'gas',
  lenses: 'lens',
  species: 'species',
  crises: 'crisis',
  analyses: 'analysis',
  theses: 'thesis',
  feet: 'foot',
};

const NOT_NOUN = new Set(
  (
    'was has is does its his this us as yes thus plus less unless always perhaps besides whereas across towards ' +
    'afterwards sometimes news others times were are had have will would could should may might must can said ' +
    'says told more other another of the and or in on at to for with by from who which that those these such too ' +
    'also only just even still than then but if so not no per way ago later earlier before after apiece each alone ' +
    'goes makes takes comes gets shows seems means remains rises falls includes involves hopes expects plans wants ' +
    'needs uses there here what when where why how all both either neither some any out up down off into onto over ' +
    'under about around percent cent hundreds thousands millions dozens'
  ).split(' '),
);

/** Singular of a plural-looking English noun, or undefined when the word does not look plural. */
function singular(w: string): string | undefined {
  const irr = IRREGULAR[w];
  if (irr) return irr;
  if (w.length > 5 && w.endsWith('men')) return `${w.slice(0, -3)}man`;
  if (!w.endsWith('s') || w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return undefined;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:sses|shes|ches|xes|zes|oes)$/.test(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}

export function countNoun(S: Scan, k: number, plural: boolean): { unit: string; end: number } | undefined {
  const { toks, T } = S;
  let j = k;
  for (let adj = 0; adj < 2 && toks[j] && COUNT_ADJECTIVES.has(toks[j].n) && toks[j + 1]?.t === 'word'; adj++)
    j++;
  // "31 Abrams tanks", "5,000 US troops": a capitalised modifier before a plural noun
  const nx = toks[j + 1];
  if (
    plural &&
    toks[j]?.t === 'word' &&
    toks[j].cap &&
    nx?.t === 'word' &&
    !nx.cap &&
    /^[a-z]+$/.test(nx.n)
  ) {
    if (singular(nx.n) && !NOT_NOUN.has(nx.n)) j++;
  }
  const t = toks[j];
  if (t?.t !== 'word' || t.n.length < 3) return undefined;
  const w = t.n;
  if (!/^[a-z][a-z'-]*$/.test(w) || NOT_NOUN.has(w)) return undefined;
  if (T.months.has(w) || T.weekdays.has(w) || T.timeUnits.match(toks, j) || T.measure.match(toks, j))
    return undefined;
  if (T.curSuffix.match(toks, j) || T.percent.match(toks, j) || T.ordinals.has(w)) return undefined;
  if (T.small.has(w) || T.tens.match(toks, j)) return undefined;
  if (plural) {
    const s = singular(w);
    return s ? { unit: s, end: j + 1 } : undefined;
  }
  if (w.endsWith('ly') || w.endsWith('ed') || singular(w) || t.cap) return undefined;
  return { unit: w, end: j + 1 };
}
