/**
 * Facts worded for people: the surface text, with the normalised reading in brackets when it
 * says something the text does not ("a fortnight (2 weeks)", "$2.5bn (USD 2.5 billion)").
 *
 * Decision. The reading is rebuilt from the canonical key (see `extract/fact-keys.ts`), in
 * English whatever the article's language, so a German "Donnerstag" reads "Donnerstag
 * (Thursday)". It belongs to reports, not to the comparison, which carries only the surface
 * texts of facts (no renderer shows the reading yet; the tests pin its wording).
 */
import {
  DURATION_SECONDS,
  factSpec,
  keyNumber,
  normSurface,
  parseDateKey,
  parseSpec,
  type Spec,
} from '../extract/fact-keys.js';
import type { Qual } from '../extract/numwords.js';
import type { Fact } from '../extract/types.js';

const QUAL_WORDS: Record<Qual, string> = {
  '=': '',
  '~': 'about ',
  '<': 'under ',
  '<=': 'up to ',
  '>': 'over ',
  '>=': 'at least ',
};

const TAG_WORDS: Record<string, string> = { few: 'a few', many: 'many' };

function plainNumber(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e12) return `${keyNumber(v / 1e12)} trillion`;
  if (abs >= 1e9) return `${keyNumber(v / 1e9)} billion`;
  if (abs >= 1e6) return `${keyNumber(v / 1e6)} million`;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(v);
}

function plural(unit: string, v: number | undefined): string {
  if (unit.endsWith('-old')) return `${plural(unit.slice(0, -4), v)} old`;
  if (v === 1) return unit;
  const irr: Record<string, string> = {
    person: 'people',
    man: 'men',
    woman: 'women',
    child: 'children',
    century: 'centuries',
    police: 'police',
    staff: 'staff',
  };
  if (irr[unit]) return irr[unit];
  if (/[^aeiou]y$/.test(unit)) return `${unit.slice(0, -1)}ies`;
  if (/(?:s|x|ch|sh)$/.test(unit)) return `${unit}es`;
  return `${unit}s`;
}

function specWords(s: Spec, unit?: string): string {
  const u = unit ? ` ${plural(unit, s.tag ? undefined : s.value)}` : '';
  if (s.tag) {
    const w = TAG_WORDS[s.tag];
    if (w) return `${w}${u}`;
    return `${s.tag.replace(/-/g, ' ')}${u ? ` of${u}` : ''}`;
  }
  return `${QUAL_WORDS[s.qual]}${plainNumber(s.value ?? 0)}${u}`;
}

function amountWords(f: Fact, unit?: string): string {
  return specWords(factSpec(f), unit);
}

const DIR_WORDS: Record<string, string> = { ago: 'ago', after: 'after', before: 'before', hence: 'from now' };

function relativeWords(tag: string, specText: string | undefined, value: number | undefined): string {
  const m = /^([a-z]+)-(ago|after|before|hence)$/.exec(tag);
  if (!m || (specText === undefined && value !== undefined && value !== 1 && !DURATION_SECONDS[m[1]])) {
    return [tag.replace(/-/g, ' '), specText].filter(Boolean).join(' ');
  }
  const s = specText === undefined ? { value: 1, qual: '=' as Qual } : parseSpec(specText, value);
  return `${specWords(s, m[1])} ${DIR_WORDS[m[2]]}`;
}

const QUANTITY_WORDS: Record<string, string> = {
  mile: 'miles',
  nmi: 'nautical miles',
  'degree-c': '°C',
  'degree-f': '°F',
  degree: 'degrees',
  tonne: 'tonnes',
  barrel: 'barrels',
  'barrel-per-day': 'barrels per day',
  acre: 'acres',
  gallon: 'gallons',
  knot: 'knots',
  'sq-mile': 'square miles',
  'sq-ft': 'square feet',
};

const MONTH_NAMES =
  'January February March April May June July August September October November December'.split(' ');

function describe(f: Fact): string {
  const seg = f.key.split(':');
  switch (f.kind) {
    case 'money':
      return `${(f.unit ?? '').toUpperCase()} ${amountWords(f)}`;
    case 'percent':
      return f.unit === 'point'
        ? `${amountWords(f)} percentage points`
        : `${amountWords(f)}%`.replace(' %', '%');
    case 'quantity': {
      if (f.unit === 'magnitude') return `magnitude ${amountWords(f)}`;
      const u = QUANTITY_WORDS[f.unit ?? ''];
      return `${amountWords(f)}${u ? (u.startsWith('°') ? u : ` ${u}`) : ` ${f.unit ?? ''}`}`.trim();
    }
    case 'duration':
    case 'number':
      return amountWords(f, f.unit);
    case 'ordinal': {
      const v = f.value ?? 0;
      const sfx = v % 100 >= 11 && v % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][v % 10] ?? 'th');
      return `${v}${sfx}`;
    }
    case 'year':
      return seg.slice(1).join(':');
    case 'time':
      return seg.length === 4 ? `${seg[2]}:${seg[3]} ${seg[1].toUpperCase()}` : `${seg[1]}:${seg[2]}`;
    case 'date': {
      const d = parseDateKey(f.key);
      if (!d) return f.text;
      if (d.fam === 'weekday')
        return `${d.day[0].toUpperCase()}${d.day.slice(1)}${d.part ? ` ${d.part}` : ''}`;
      if (d.fam === 'relative')
        return [relativeWords(d.tag, d.spec, f.value), d.part].filter(Boolean).join(' ');
      const parts = [d.part, d.d, d.m ? MONTH_NAMES[d.m - 1] : undefined, d.y].filter((x) => x !== undefined);
      return parts.join(' ');
    }
  }
}

/**
 * A short readable form of a fact for reports: the surface text, with the normalised reading in
 * brackets when it says something the text does not.
 *
 * @example
 * ```ts
 * factLabel(fact); // 'a fortnight (2 weeks)', '$2.5bn (USD 2.5 billion)', 'Thursday'
 * ```
 */
export function factLabel(f: Fact): string {
  const d = describe(f);
  return normSurface(d) === normSurface(f.text) ? f.text : `${f.text} (${d})`;
}
