/**
 * How a fact in one version relates to a fact in the other: the same, reworded, vaguer, more
 * precise, changed, or not comparable at all. `changes.ts` pairs the facts of aligned sentences
 * by this relation and reports every pair that is not `equal`.
 *
 * Representation. Facts are compared through their canonical keys (see `extract/fact-keys.ts`):
 * amounts as a qualified number or a vague tag, years as ranges ("1990s" = 1990–1999), dates as
 * weekday, relative or absolute parts, times as minutes after midnight with an optional zone.
 *
 * Decision. Amounts in different units of one dimension (km and miles, hours and days, GMT and
 * CET) are converted to a base unit and compared with a little slack, since rewrites round
 * ("40 km" ≈ "25 miles"). A bare number and a counted one ("12" vs "a dozen people") pair only
 * when they agree; different units or kinds are `unrelated`, so the caller never pairs them.
 *
 * Cost. Constant per pair of facts (a few key splits); callers relate every fact of a link with
 * every other, which stays small because links hold a handful of sentences.
 */
import {
  DURATION_SECONDS,
  factSpec,
  normSurface,
  parseDateKey,
  parseSpec,
  type Spec,
} from '../extract/fact-keys.js';
import { type Qual, TZ_OFFSETS } from '../extract/numwords.js';
import type { Fact, FactKind } from '../extract/types.js';

/** How fact `b` relates to fact `a` (see {@link relateFacts}). */
export type FactRelation = 'equal' | 'rephrased' | 'changed' | 'vaguer' | 'more-precise' | 'unrelated';

const QUANTITY_DIMS: Record<string, [string, number]> = {
  km: ['length', 1000],
  m: ['length', 1],
  cm: ['length', 0.01],
  mm: ['length', 0.001],
  mile: ['length', 1609.344],
  nmi: ['length', 1852],
  ft: ['length', 0.3048],
  in: ['length', 0.0254],
  yd: ['length', 0.9144],
  kg: ['mass', 1],
  g: ['mass', 0.001],
  tonne: ['mass', 1000],
  lb: ['mass', 0.45359237],
  oz: ['mass', 0.028349523],
  l: ['volume', 1],
  ml: ['volume', 0.001],
  gallon: ['volume', 3.78541],
  barrel: ['volume', 158.987],
  m3: ['volume', 1000],
  km2: ['area', 1e6],
  m2: ['area', 1],
  ha: ['area', 1e4],
  acre: ['area', 4046.86],
  'sq-mile': ['area', 2589988],
  'sq-ft': ['area', 0.092903],
  'km/h': ['speed', 1],
  mph: ['speed', 1.609344],
  knot: ['speed', 1.852],
  kw: ['power', 1e3],
  mw: ['power', 1e6],
  gw: ['power', 1e9],
  kwh: ['energy', 1e3],
  mwh: ['energy', 1e6],
  gwh: ['energy', 1e9],
  twh: ['energy', 1e12],
};

/** Converter of a unit to its dimension's base unit, for units that can be compared across. */
function converter(
  kind: FactKind,
  unit: string | undefined,
): { dim: string; to: (v: number) => number } | undefined {
  if (!unit) return undefined;
  if (kind === 'duration') {
    const f = DURATION_SECONDS[unit];
    return f ? { dim: 'time', to: (v) => v * f } : undefined;
  }
  if (kind !== 'quantity') return undefined;
  if (unit === 'degree-c' || unit === 'degree') return { dim: 'temp', to: (v) => v };
  if (unit === 'degree-f') return { dim: 'temp', to: (v) => ((v - 32) * 5) / 9 };
  const q = QUANTITY_DIMS[unit];
  return q ? { dim: q[0], to: (v) => v * q[1] } : undefined;
}

const LOWER: ReadonlySet<Qual> = new Set<Qual>(['<', '<=']);
const UPPER: ReadonlySet<Qual> = new Set<Qual>(['>', '>=']);

function compareSpecs(sa: Spec, sb: Spec, tol: number): FactRelation {
  if (sa.value !== undefined && sb.value !== undefined && !sa.tag && !sb.tag) {
    const close =
      Math.abs(sa.value - sb.value) <= tol * Math.max(Math.abs(sa.value), Math.abs(sb.value), 1e-12);
    if (!close) return 'changed';
    if (sa.qual === sb.qual) return 'rephrased';
    if (sa.qual === '=') return 'vaguer';
    if (sb.qual === '=') return 'more-precise';
    const clash = (LOWER.has(sa.qual) && UPPER.has(sb.qual)) || (UPPER.has(sa.qual) && LOWER.has(sb.qual));
    return clash ? 'changed' : 'rephrased';
  }
  if (sa.tag && sb.tag) return sa.tag === sb.tag ? 'rephrased' : 'changed';
  if (sb.tag) return 'vaguer';
  if (sa.tag) return 'more-precise';
  return 'unrelated';
}

function yearRange(f: Fact): [number, number] | undefined {
  const seg = f.key.slice(5);
  let m = /^(\d{4})$/.exec(seg);
  if (m) return [Number(m[1]), Number(m[1])];
  m = /^(\d{4})s$/.exec(seg);
  if (m) return [Number(m[1]), Number(m[1]) + 9];
  m = /^(\d{4})-(\d{4})$/.exec(seg);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function relateYears(a: Fact, b: Fact): FactRelation {
  const ra = yearRange(a);
  const rb = yearRange(b);
  if (!ra || !rb) return 'unrelated';
  if (ra[0] === rb[0] && ra[1] === rb[1]) return 'rephrased';
  if (rb[0] <= ra[0] && ra[1] <= rb[1]) return 'vaguer';
  if (ra[0] <= rb[0] && rb[1] <= ra[1]) return 'more-precise';
  return 'changed';
}

function relateAmounts(a: Fact, b: Fact): FactRelation {
  if (a.kind === 'year') return relateYears(a, b);
  const sa = factSpec(a);
  const sb = factSpec(b);
  if (a.unit === b.unit) return compareSpecs(sa, sb, 1e-9);
  // "12 were hurt" vs "a dozen people were hurt": same count, but different numbers are not paired
  if (a.kind === 'number' && (!a.unit || !b.unit)) {
    const r = compareSpecs(sa, sb, 1e-9);
    return r === 'changed' || r === 'vaguer' || r === 'more-precise' ? 'unrelated' : r;
  }
  const ca = converter(a.kind, a.unit);
  const cb = converter(b.kind, b.unit);
  if (
    !ca ||
    !cb ||
    ca.dim !== cb.dim ||
    sa.value === undefined ||
    sb.value === undefined ||
    sa.tag ||
    sb.tag
  ) {
    return 'unrelated';
  }
  // cross-unit figures are rounded ("40 km" ≈ "25 miles"), so allow a little slack
  const tol = a.kind === 'duration' ? 0.01 : 0.03;
  return compareSpecs({ ...sa, value: ca.to(sa.value) }, { ...sb, value: cb.to(sb.value) }, tol);
}

function partRel(pa: string | undefined, pb: string | undefined): FactRelation {
  if (pa === pb) return 'rephrased';
  if (!pa) return 'more-precise';
  if (!pb) return 'vaguer';
  return 'changed';
}

function relateDates(a: Fact, b: Fact): FactRelation {
  const pa = parseDateKey(a.key);
  const pb = parseDateKey(b.key);
  if (!pa || !pb || pa.fam !== pb.fam) return 'unrelated';
  if (pa.fam === 'weekday' && pb.fam === 'weekday')
    return pa.day !== pb.day ? 'changed' : partRel(pa.part, pb.part);
  if (pa.fam === 'relative' && pb.fam === 'relative') {
    if (pa.tag !== pb.tag) return 'changed';
    if (pa.spec === pb.spec) return partRel(pa.part, pb.part);
    return compareSpecs(parseSpec(pa.spec ?? '1', a.value), parseSpec(pb.spec ?? '1', b.value), 1e-9);
  }
  if (pa.fam === 'abs' && pb.fam === 'abs') {
    for (const f of ['y', 'm', 'd'] as const) {
      const x = pa[f];
      const y = pb[f];
      if (x !== undefined && y !== undefined && x !== y) return 'changed';
    }
    if (pa.part && pb.part && pa.part !== pb.part) return 'changed';
    // finer detail first: a day beats a part of the month, which beats a month, which beats a year
    const score = (p: { y?: number; m?: number; d?: number; part?: string }): number =>
      (p.d !== undefined ? 8 : 0) +
      (p.part ? 4 : 0) +
      (p.m !== undefined ? 2 : 0) +
      (p.y !== undefined ? 1 : 0);
    const sa = score(pa);
    const sb = score(pb);
    return sa === sb ? 'rephrased' : sa > sb ? 'vaguer' : 'more-precise';
  }
  return 'unrelated';
}

function relateTimes(a: Fact, b: Fact): FactRelation {
  const ta = a.key.split(':');
  const tb = b.key.split(':');
  const zone = (s: string[]): string | undefined => (s.length === 4 ? s[1] : undefined);
  const za = zone(ta);
  const zb = zone(tb);
  const ma = a.value ?? 0;
  const mb = b.value ?? 0;
  if (za && zb && za !== zb) {
    const oa = TZ_OFFSETS[za];
    const ob = TZ_OFFSETS[zb];
    if (oa === undefined || ob === undefined) return 'unrelated';
    const ua = (((ma - oa * 60) % 1440) + 1440) % 1440;
    const ub = (((mb - ob * 60) % 1440) + 1440) % 1440;
    return ua === ub ? 'rephrased' : 'changed';
  }
  if (ma !== mb) return 'changed';
  if (za && !zb) return 'vaguer';
  if (!za && zb) return 'more-precise';
  return 'rephrased';
}

/**
 * How fact `b` (in the new version) relates to fact `a` (in the old one):
 * - `equal`: same key and the same wording;
 * - `rephrased`: same meaning, other wording ("12" → "a dozen", "48 hours" → "two days");
 * - `vaguer`: `b` is less precise ("two weeks" → "a few weeks", "12" → "about 12");
 * - `more-precise`: the reverse;
 * - `changed`: comparable (same kind and unit, or both weekdays, both years...) but different;
 * - `unrelated`: not comparable (different kinds or units), so the caller should not pair them.
 *
 * @example
 * ```ts
 * relateFacts(two, aFew); // 'vaguer' for "the past two weeks" → "the past few weeks"
 * ```
 */
export function relateFacts(a: Fact, b: Fact): FactRelation {
  if (a.kind !== b.kind) return 'unrelated';
  if (a.key === b.key) return normSurface(a.text) === normSurface(b.text) ? 'equal' : 'rephrased';
  if (a.kind === 'date') return relateDates(a, b);
  if (a.kind === 'time') return relateTimes(a, b);
  return relateAmounts(a, b);
}
