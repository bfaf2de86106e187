/**
 * The scores of a comparison: containment both ways, the dimensions (entities, places, time,
 * narrative) with what they share and what only one side has, surface reuse, the overall
 * similarity, the relation on the graded scale (verbatim copy … unrelated), and the
 * whole-document signals that need no alignment.
 *
 * Decision. Containment is counted per sentence through the alignment links, a sentence half of
 * whose content is found counting as contained (paraphrase and translation rarely keep more of
 * the wording). The relation ladder and the overall blend use hand-set thresholds and weights,
 * documented in docs/DESIGN.md; a dimension without evidence on either side stays out of the
 * blend instead of counting as agreement or disagreement.
 */
import type { Doc } from '../doc/types.js';
import { mapCosine } from '../embed/sparse.js';
import { demonymCountry } from '../extract/gazetteer.js';
import { SPEECH_VERBS } from '../extract/lexicon.js';
import { nameWordSimilarity } from '../extract/names.js';
import type { Fact } from '../extract/types.js';
import type { Token } from '../text/types.js';
import { relateFacts } from './fact-relations.js';
import { isContent, mergeVecs, overlap, type PairFeatures } from './features.js';
import type { AlignmentLink, DimensionScore, ReconciledEntity, Relation, Signals } from './types.js';

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Share of a linked sentence's weighted words that must be found for it to count as wholly contained. */
const CONTAINED = 0.5;

/** Content weight of each sentence (sum of its term weights). */
function weights(vs: PairFeatures['a']): number[] {
  return vs.map((v) => v.total);
}

/**
 * Containment both ways: the share of each side's content weight that its linked sentences on the
 * other side cover. A sentence in several links counts its best coverage.
 */
export function containment(f: PairFeatures, links: AlignmentLink[]): { aInB: number; bInA: number } {
  const covA = new Float64Array(f.a.length);
  const covB = new Float64Array(f.b.length);
  for (const l of links) {
    const va = mergeVecs(l.a.map((i) => f.a[i]));
    const vb = mergeVecs(l.b.map((j) => f.b[j]));
    // Per-sentence coverage: each a sentence against the whole b side of the link, and back.
    // A sentence half of whose content is found counts as contained: paraphrase and translation
    // rarely keep more of the wording, yet the sentence's content is there.
    for (const i of l.a) covA[i] = Math.max(covA[i], overlap(f.a[i], vb, f.penalty).covA / CONTAINED);
    for (const j of l.b) covB[j] = Math.max(covB[j], overlap(va, f.b[j], f.penalty).covB / CONTAINED);
  }
  const wa = weights(f.a);
  const wb = weights(f.b);
  const share = (cov: Float64Array, w: number[]) => {
    let num = 0;
    let den = 0;
    for (let k = 0; k < w.length; k++) {
      num += w[k] * Math.min(1, cov[k]);
      den += w[k];
    }
    return den ? num / den : 0;
  };
  return { aInB: round(share(covA, wa)), bInA: round(share(covB, wb)) };
}

/** Cosine of the whole documents' term vectors (term frequency × pair IDF). */
export function docCosine(f: PairFeatures): number {
  const sum = (vs: PairFeatures['a']) => {
    const m = new Map<number, number>();
    for (const v of vs)
      for (let k = 0; k < v.ids.length; k++) m.set(v.ids[k], (m.get(v.ids[k]) ?? 0) + v.w[k]);
    return m;
  };
  return mapCosine(sum(f.a), sum(f.b), (id) => f.penalty[id]);
}

/** Share of word 3-grams of the shorter text found in the longer one: surface reuse of wording. */
export function reuseScore(da: Doc, db: Doc): number {
  const grams = (d: Doc) => {
    const g = new Set<string>();
    for (const ts of d.tokens) {
      const w = ts.filter((t) => t.kind === 'word' || t.kind === 'number').map((t) => t.norm);
      for (let i = 0; i + 3 <= w.length; i++) g.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
    }
    return g;
  };
  const ga = grams(da);
  const gb = grams(db);
  if (!ga.size || !gb.size) return 0;
  const [s, l] = ga.size <= gb.size ? [ga, gb] : [gb, ga];
  let hit = 0;
  for (const x of s) if (l.has(x)) hit++;
  return round(hit / s.size);
}

function dimension(
  a: Map<string, number>,
  b: Map<string, number>,
  label: (k: string) => string = (k) => k,
): DimensionScore {
  const shared: string[] = [];
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  let num = 0;
  let den = 0;
  for (const [k, w] of a) {
    if (b.has(k)) {
      shared.push(k);
      num += w + b.get(k)!;
    } else onlyA.push(k);
    den += w;
  }
  for (const [k, w] of b) {
    if (!a.has(k)) onlyB.push(k);
    den += w;
  }
  // No evidence on either side says nothing: 0.5, not 0 or 1.
  const score = den ? num / den : 0.5;
  return { score: round(score), shared: shared.map(label), onlyA: onlyA.map(label), onlyB: onlyB.map(label) };
}

/** Entity and place dimensions from reconciled entities (weighted by mentions, damped). */
export function entityDimensions(
  ents: ReconciledEntity[],
  da: Doc,
  db: Doc,
): { entities: DimensionScore; places: DimensionScore } {
  const ea = new Map<string, number>();
  const eb = new Map<string, number>();
  const pa = new Map<string, number>();
  const pb = new Map<string, number>();
  for (const e of ents) {
    const target = e.kind === 'place' ? [pa, pb] : [ea, eb];
    if (e.mentions.a.length) target[0].set(e.name, Math.sqrt(e.mentions.a.length));
    if (e.mentions.b.length) target[1].set(e.name, Math.sqrt(e.mentions.b.length));
  }
  // Demonyms ("German", "Iranian") locate a story as much as place names do.
  const demonyms = (d: Doc, m: Map<string, number>) => {
    for (const ts of d.tokens) {
      for (const t of ts) {
        if (t.kind !== 'word' || !t.cap) continue;
        const c = demonymCountry(t.text);
        if (c && !m.has(c)) m.set(c, 0.5);
      }
    }
  };
  demonyms(da, pa);
  demonyms(db, pb);
  return { entities: dimension(ea, eb), places: dimension(pa, pb) };
}

/** Fact relations that make two time expressions one fact told differently ("a few weeks" / "two weeks"). */
const ONE_FACT = new Set(['rephrased', 'vaguer', 'more-precise']);

/**
 * Time dimension: dates, years, times and durations, compared by canonical key. An expression on
 * one side only that is the same fact told vaguer, more precisely or in other words than one on
 * the other side (same unit: "the past few weeks" / "the past two weeks") is listed in `changed`
 * and counts as shared, not as only in one version.
 */
export function timeDimension(da: Doc, db: Doc): DimensionScore {
  // Compared by canonical key ("two weeks" = "2 weeks"), shown as the words a reader saw first.
  const surface = new Map<string, string>();
  const keys = (d: Doc) => {
    const m = new Map<string, number>();
    const facts = new Map<string, Fact>();
    for (const f of d.facts) {
      if (f.kind === 'date' || f.kind === 'year' || f.kind === 'time' || f.kind === 'duration') {
        m.set(f.key, 1);
        if (!facts.has(f.key)) facts.set(f.key, f);
        if (!surface.has(f.key)) surface.set(f.key, f.text);
      }
    }
    return { m, facts };
  };
  const A = keys(da);
  const B = keys(db);
  const dim = dimension(A.m, B.m);
  const changed: { a: string; b: string }[] = [];
  const consumedA = new Set<string>();
  const consumedB = new Set<string>();
  const partner = (f: Fact, other: Map<string, Fact>, prefer: string[]) =>
    [...prefer, ...other.keys()].find((k) => other.has(k) && ONE_FACT.has(relateFacts(f, other.get(k)!)));
  for (const ka of dim.onlyA) {
    const fa = A.facts.get(ka)!;
    const kb = partner(
      fa,
      B.facts,
      dim.onlyB.filter((k) => !consumedB.has(k)),
    );
    if (kb === undefined) continue;
    consumedA.add(ka);
    if (dim.onlyB.includes(kb)) consumedB.add(kb);
    changed.push({ a: fa.text, b: B.facts.get(kb)!.text });
  }
  for (const kb of dim.onlyB) {
    if (consumedB.has(kb)) continue;
    const fb = B.facts.get(kb)!;
    const ka = partner(fb, A.facts, []);
    if (ka === undefined) continue;
    consumedB.add(kb);
    changed.push({ a: A.facts.get(ka)!.text, b: fb.text });
  }
  const den = A.m.size + B.m.size;
  const label = (k: string) => surface.get(k) ?? k;
  const out: DimensionScore = {
    score: den ? round((2 * dim.shared.length + consumedA.size + consumedB.size) / den) : dim.score,
    shared: dim.shared.map(label),
    onlyA: dim.onlyA.filter((k) => !consumedA.has(k)).map(label),
    onlyB: dim.onlyB.filter((k) => !consumedB.has(k)).map(label),
  };
  if (changed.length) out.changed = changed;
  return out;
}

/** Narrative dimension: whole-text similarity with the most weighted shared and one-sided words. */
export function narrativeDimension(f: PairFeatures, cos: number): DimensionScore {
  const top = (vs: PairFeatures['a'], other: PairFeatures['a']) => {
    const mine = new Map<number, number>();
    for (const v of vs)
      for (let k = 0; k < v.ids.length; k++) mine.set(v.ids[k], (mine.get(v.ids[k]) ?? 0) + v.w[k]);
    const theirs = new Set<number>();
    for (const v of other) for (const id of v.ids) theirs.add(id);
    return { mine, theirs };
  };
  const A = top(f.a, f.b);
  const B = top(f.b, f.a);
  const pick = (m: Map<number, number>, keep: (id: number) => boolean) =>
    [...m.entries()]
      .filter(
        ([id]) => keep(id) && !/^\d/.test(f.surface[id]) && !SPEECH_VERBS.has(f.surface[id].toLowerCase()),
      )
      .sort((x, y) => y[1] - x[1])
      .slice(0, 8)
      .map(([id]) => f.surface[id]);
  return {
    score: round(cos),
    shared: pick(A.mine, (id) => A.theirs.has(id)),
    onlyA: pick(A.mine, (id) => !A.theirs.has(id)),
    onlyB: pick(B.mine, (id) => !B.theirs.has(id)),
  };
}

/** Inputs to the relation ladder. */
export interface RelationInputs {
  aInB: number;
  bInA: number;
  /** Share of sentences (both sides) in identical links. */
  identical: number;
  /** Share of sentences in identical or edited links. */
  edited: number;
  entities: number;
  narrative: number;
  places: number;
}

/**
 * Places a pair on the graded scale, from the closest relation down. The thresholds are documented
 * in docs/DESIGN.md; they were set on invented fixtures and checked against the SemEval dev labels.
 */
export function relationOf(x: RelationInputs): Relation {
  const cMin = Math.min(x.aInB, x.bInA);
  const cMax = Math.max(x.aInB, x.bInA);
  if (x.identical >= 0.9 && cMin >= 0.9) return 'verbatim-copy';
  if (x.edited >= 0.6 && cMax >= 0.6) return 'edited-copy';
  if (cMax >= 0.4 && (x.aInB + x.bInA) / 2 >= 0.3) return 'rewrite';
  if ((x.entities >= 0.3 && (x.narrative >= 0.2 || cMax >= 0.15)) || x.narrative >= 0.45) return 'same-story';
  if (x.entities >= 0.12 || x.narrative >= 0.15 || (x.places >= 0.5 && x.narrative >= 0.08)) return 'related';
  return 'unrelated';
}

/** Overall similarity in [0, 1]: a blend of content overlap and the dimensions with evidence. */
export function overallScore(parts: {
  aInB: number;
  bInA: number;
  narrative: number;
  entities: DimensionScore;
  places: DimensionScore;
  time: DimensionScore;
}): number {
  const terms: [number, number][] = [
    [0.45, (parts.aInB + parts.bInA) / 2],
    [0.25, parts.narrative],
  ];
  const has = (d: DimensionScore) => d.shared.length + d.onlyA.length + d.onlyB.length > 0;
  if (has(parts.entities)) terms.push([0.15, parts.entities.score]);
  if (has(parts.places)) terms.push([0.08, parts.places.score]);
  if (has(parts.time)) terms.push([0.07, parts.time.score]);
  let num = 0;
  let den = 0;
  for (const [w, v] of terms) {
    num += w * v;
    den += w;
  }
  return round(num / den);
}

/** Term-frequency vector with log damping, as a map. */
function tfVector(keys: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  for (const [k, c] of m) m.set(k, 1 + Math.log(c));
  return m;
}

function dice<T>(x: Set<T>, y: Set<T>): number {
  if (!x.size || !y.size) return 0;
  let hit = 0;
  for (const k of x) if (y.has(k)) hit++;
  return (2 * hit) / (x.size + y.size);
}

function* contentWords(d: Doc): Generator<Token> {
  for (const ts of d.tokens) for (const t of ts) if (isContent(t) && t.kind === 'word') yield t;
}

/** Names: capitalised words not at a sentence start, folded (language-independent anchors). */
function nameSet(d: Doc): Set<string> {
  const out = new Set<string>();
  for (const ts of d.tokens) {
    let first = true;
    for (const t of ts) {
      if (t.kind !== 'word') continue;
      if (!first && t.cap && !t.stop && t.norm.length > 2) out.add(t.norm);
      first = false;
    }
  }
  return out;
}

/**
 * Share of each side's names found on the other side (exactly or as a close spelling): the
 * average of both directions, and the larger one (German capitalises every noun, so across
 * languages only the other direction is informative).
 */
function nameOverlap(x: Set<string>, y: Set<string>): { mean: number; max: number } {
  if (!x.size || !y.size) return { mean: 0, max: 0 };
  const found = (from: Set<string>, to: Set<string>) => {
    let hit = 0;
    for (const n of from) {
      if (to.has(n)) {
        hit++;
        continue;
      }
      for (const m of to) {
        if (m[0] === n[0] && Math.abs(m.length - n.length) <= 2 && nameWordSimilarity(n, m) >= 0.9) {
          hit++;
          break;
        }
      }
    }
    return hit / from.size;
  };
  const fx = found(x, y);
  const fy = found(y, x);
  return { mean: (fx + fy) / 2, max: Math.max(fx, fy) };
}

const numberSet = (d: Doc) => {
  const s = new Set<string>();
  for (const ts of d.tokens)
    for (const t of ts) if (t.kind === 'number' && t.norm.replace(/\D/g, '').length >= 2) s.add(t.norm);
  return s;
};

/**
 * Whole-document signals that need no alignment: they carry the comparison when two articles
 * tell the same story in different sentences or languages.
 */
export function documentSignals(da: Doc, db: Doc, f: PairFeatures): Omit<Signals, 'anchors'> {
  // Character 4-grams were counted per sentence for alignment; sum them per document.
  const grams = (vs: PairFeatures['a']) => {
    const m = new Map<string, number>();
    for (const v of vs) for (const [g, c] of v.grams) m.set(g, (m.get(g) ?? 0) + c);
    for (const [g, c] of m) m.set(g, 1 + Math.log(c));
    return m;
  };
  const stems = (d: Doc) => [...contentWords(d)].map((t) => t.stem);
  const titleWords = (d: Doc) =>
    new Set(
      (d.title ?? '')
        .toLowerCase()
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 2),
    );
  const hasTitles = !!(da.title && db.title);
  const names = nameOverlap(nameSet(da), nameSet(db));
  return {
    terms: round(mapCosine(tfVector(stems(da)), tfVector(stems(db)))),
    grams: round(mapCosine(grams(f.a), grams(f.b))),
    names: round(names.mean),
    namesMax: round(names.max),
    numbers: round(dice(numberSet(da), numberSet(db))),
    title: hasTitles ? round(dice(titleWords(da), titleWords(db))) : 0,
    hasTitles: hasTitles ? 1 : 0,
  };
}
