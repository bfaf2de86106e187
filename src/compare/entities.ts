/**
 * Entity reconciliation across two versions: one entity with all its spellings ("Annalena
 * Baerbock" in a, "Analina Berbach" in b), with the evidence for each match.
 *
 * Decision. Gazetteer matches (places, organisations) and near-identical names are accepted at
 * once; a fuzzy name match needs corroboration, a shared title or role or mentions in sentences
 * the alignment paired, and the weaker the spelling match the more support it needs (string
 * similarity alone cannot tell "Baker" from "Becker"). Candidates are taken best first, one
 * partner each.
 *
 * Cost. Every entity of a against every entity of b, comparing all their forms word by word:
 * cheap for the tens of entities an article has.
 */
import type { Doc } from '../doc/types.js';
import { lookupOrg, lookupPlace } from '../extract/gazetteer.js';
import { nameWordSimilarity, soundsAlike } from '../extract/names.js';
import type { LocalEntity } from '../extract/types.js';
import { foldForMatch } from '../text/normalize.js';
import type { EntityMentionRef, ReconciledEntity } from './types.js';

const nameWords = (s: string): string[] =>
  foldForMatch(s)
    .split(/[\s-]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w.length > 0);

function canonical(e: LocalEntity): string | undefined {
  if (e.kind === 'place') return lookupPlace(e.name)?.canonical;
  if (e.kind === 'org') return lookupOrg(e.name)?.canonical;
  return undefined;
}

/** Best similarity between any two forms of two entities, compared word by word from the surname. */
function nameSimilarity(ea: LocalEntity, eb: LocalEntity): { sim: number; from: string; to: string } {
  let best = { sim: 0, from: ea.name, to: eb.name };
  for (const fa of ea.forms) {
    const wa = nameWords(fa);
    for (const fb of eb.forms) {
      const wb = nameWords(fb);
      if (!wa.length || !wb.length) continue;
      let sim = nameWordSimilarity(wa[wa.length - 1], wb[wb.length - 1]);
      if (wa.length > 1 && wb.length > 1) sim = sim * 0.75 + 0.25 * nameWordSimilarity(wa[0], wb[0]);
      if (sim > best.sim) best = { sim, from: fa, to: fb };
    }
  }
  return best;
}

const titleWords = (titles: string[]): Set<string> =>
  new Set(titles.flatMap((t) => nameWords(t)).filter((w) => w.length > 2 && w !== 'the' && w !== 'of'));

function titleOverlap(ea: LocalEntity, eb: LocalEntity): string[] {
  const ta = titleWords(ea.titles);
  const tb = titleWords(eb.titles);
  return [...ta].filter((w) => tb.has(w));
}

/** Pairs of aligned sentences, for co-occurrence evidence. */
export type SentencePairs = { a: number[]; b: number[] }[];

function alignedCooccurrence(
  ea: LocalEntity,
  eb: LocalEntity,
  da: Doc,
  db: Doc,
  links: SentencePairs,
): number[] {
  const sa = new Set(ea.mentions.map((m) => da.mentions[m].sentence));
  const sb = new Set(eb.mentions.map((m) => db.mentions[m].sentence));
  const hits: number[] = [];
  links.forEach((l, k) => {
    if (l.a.some((i) => sa.has(i)) && l.b.some((j) => sb.has(j))) hits.push(k);
  });
  return hits;
}

const compatible = (x: LocalEntity['kind'], y: LocalEntity['kind']) =>
  x === y || (x === 'other' && y !== 'place') || (y === 'other' && x !== 'place');

/**
 * Reconciles the entities of two versions: one entity with all its spellings. Exact and gazetteer
 * matches are taken at once; fuzzy name matches need corroboration, because string similarity alone
 * is not enough ("Berbach" vs "Baerbock" is about 0.78 Jaro-Winkler, and "Baker" and "Becker" are
 * different people): a shared title or role, or mentions in sentences the alignment paired.
 *
 * @example
 * ```ts
 * const ents = reconcileEntities(docA, docB, links);
 * ents.find((e) => e.variants)?.forms; // { a: ['Annalena Baerbock'], b: ['Analina Berbach'] }
 * ```
 */
export function reconcileEntities(da: Doc, db: Doc, links: SentencePairs): ReconciledEntity[] {
  type Cand = { i: number; j: number; score: number; evidence: string[] };
  const cands: Cand[] = [];
  for (const ea of da.entities) {
    for (const eb of db.entities) {
      if (!compatible(ea.kind, eb.kind)) continue;
      const evidence: string[] = [];
      const ca = canonical(ea);
      const cb = canonical(eb);
      if (ca && cb) {
        if (ca === cb) cands.push({ i: ea.id, j: eb.id, score: 1, evidence: [`both name ${ca}`] });
        continue;
      }
      const ns = nameSimilarity(ea, eb);
      if (ns.sim < 0.7) continue;
      const exact = foldForMatch(ns.from) === foldForMatch(ns.to);
      const titles = titleOverlap(ea, eb);
      const co = alignedCooccurrence(ea, eb, da, db, links);
      if (exact) evidence.push(`same name "${ns.from}"`);
      else {
        const lastA = nameWords(ns.from).pop() ?? '';
        const lastB = nameWords(ns.to).pop() ?? '';
        const sound = soundsAlike(lastA, lastB) ? ', which sound alike' : '';
        evidence.push(`"${ns.from}" in a and "${ns.to}" in b are spelt alike (${ns.sim.toFixed(2)}${sound})`);
      }
      if (titles.length) evidence.push(`same title or role: ${titles.join(' ')}`);
      if (co.length)
        evidence.push(`mentioned in ${co.length} aligned sentence pair${co.length > 1 ? 's' : ''}`);
      let score: number;
      if (ns.sim >= 0.97) score = ns.sim;
      else {
        const support = Math.min(1, (titles.length ? 0.6 : 0) + Math.min(co.length, 2) * 0.35);
        // Strong fuzzy matches pass with little support; weaker ones need more.
        const needed = ns.sim >= 0.9 ? 0.3 : ns.sim >= 0.8 ? 0.6 : 0.9;
        if (support < needed) continue;
        score = 0.6 * ns.sim + 0.4 * support;
      }
      cands.push({ i: ea.id, j: eb.id, score, evidence });
    }
  }
  cands.sort((x, y) => y.score - x.score);
  const takenA = new Map<number, Cand>();
  const takenB = new Set<number>();
  for (const c of cands) {
    if (takenA.has(c.i) || takenB.has(c.j)) continue;
    takenA.set(c.i, c);
    takenB.add(c.j);
  }

  const refs = (doc: Doc, e: LocalEntity): EntityMentionRef[] =>
    e.mentions.map((mi) => {
      const m = doc.mentions[mi];
      const r: EntityMentionRef = { text: m.text, sentence: m.sentence, start: m.start, end: m.end };
      if (m.title) r.title = m.title;
      return r;
    });
  const out: ReconciledEntity[] = [];
  const make = (ea?: LocalEntity, eb?: LocalEntity, c?: Cand): ReconciledEntity => {
    const forms = { a: ea ? [...ea.forms] : [], b: eb ? [...eb.forms] : [] };
    const all = [...forms.a, ...forms.b];
    const kind = ea && eb ? (ea.kind === 'other' ? eb.kind : ea.kind) : (ea ?? eb)!.kind;
    const name = pickName(ea, eb);
    return {
      id: out.length,
      kind,
      name,
      forms,
      mentions: { a: ea ? refs(da, ea) : [], b: eb ? refs(db, eb) : [] },
      // Gazetteer aliases ("US", "United States") are not misspellings.
      variants: kind === 'person' || kind === 'other' ? hasVariants(all) : false,
      evidence: c?.evidence ?? [],
      confidence: c ? Math.round(Math.min(1, c.score) * 100) / 100 : 1,
    };
  };
  const bUsed = new Set<number>();
  for (const ea of da.entities) {
    const c = takenA.get(ea.id);
    const eb = c ? db.entities[c.j] : undefined;
    if (eb) bUsed.add(eb.id);
    out.push(make(ea, eb, c));
  }
  for (const eb of db.entities) if (!bUsed.has(eb.id)) out.push(make(undefined, eb));
  return out;
}

function pickName(ea?: LocalEntity, eb?: LocalEntity): string {
  // Prefer a's fullest form: a is usually the source the user compares against.
  const names = [ea?.name, eb?.name].filter((x): x is string => !!x);
  return names.sort((x, y) => nameWords(y).length - nameWords(x).length)[0];
}

/**
 * True when the forms spell the same name in more than one way: different words at the surname
 * position, or different given names. Short forms ("Blinken" for "Antony Blinken") are not variants.
 */
export function hasVariants(forms: string[]): boolean {
  const words = forms.map(nameWords).filter((w) => w.length);
  const surnames = new Set(words.map((w) => w[w.length - 1]));
  if (surnames.size > 1) return true;
  const given = new Set(words.filter((w) => w.length > 1).map((w) => w[0]));
  return given.size > 1;
}
