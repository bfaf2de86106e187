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
import { givenNameGender, lookupOrg, lookupPlace } from '../extract/gazetteer.js';
import { apostropheStem, nameWordSimilarity, sameSpelling, soundsAlike } from '../extract/names.js';
import type { LocalEntity } from '../extract/types.js';
import { foldForMatch } from '../text/normalize.js';
import type { EntityMentionRef, ReconciledEntity } from './types.js';

const nameWords = (s: string): string[] =>
  foldForMatch(s)
    .split(/[\s-]+/)
    // A Turkish case ending after an apostrophe is no part of the name ("wuhan'da").
    .map((w) => apostropheStem(w).replace(/[^\p{L}\p{N}]/gu, ''))
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
  const langs = [...new Set([da.lang, db.lang])];
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
    const kind = ea && eb ? (ea.kind === 'other' ? eb.kind : ea.kind) : (ea ?? eb)!.kind;
    const name = pickName(ea, eb);
    // Gazetteer aliases ("US", "United States") are not misspellings; capitalised words of unknown
    // kind are too often translated or common words ("Impossible"/"Imposible") to call misspelt,
    // and so are names not surely people's (see personLike).
    const named = kind === 'person';
    const r: ReconciledEntity = {
      id: out.length,
      kind,
      name,
      forms,
      mentions: { a: ea ? refs(da, ea) : [], b: eb ? refs(db, eb) : [] },
      // Across languages each spells a name its own way ("Merkur"/"Mercury", "Selenskyj"/"Zelensky"):
      // only surely personal names are compared there.
      variants:
        named && (langs.length === 1 || personLike([ea, eb])) ? spelledApart(forms.a, forms.b, langs) : false,
      evidence: c?.evidence ?? [],
      confidence: c ? Math.round(Math.min(1, c.score) * 100) / 100 : 1,
    };
    // Within one version too: the grouping inside one article is fuzzy, and without the other
    // version nothing corroborates it, hence the stricter similarity of hasVariants.
    if (named && personLike([ea, eb])) {
      const inc: { a?: string[]; b?: string[] } = {};
      if (hasVariants(forms.a, langs)) inc.a = [...forms.a];
      if (hasVariants(forms.b, langs)) inc.b = [...forms.b];
      if (inc.a || inc.b) r.inconsistentSpellings = inc;
    }
    return r;
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

/** Some form opens with a known given name ("Patricia Bullrich"), or a mention carries a title. */
function personLike(es: (LocalEntity | undefined)[]): boolean {
  return es.some(
    (e) =>
      !!e &&
      (e.titles.length > 0 || e.forms.some((f) => f.includes(' ') && !!givenNameGender(f.split(/\s+/)[0]))),
  );
}

function pickName(ea?: LocalEntity, eb?: LocalEntity): string {
  // Prefer a's fullest form: a is usually the source the user compares against.
  const names = [ea?.name, eb?.name].filter((x): x is string => !!x);
  return names.sort((x, y) => nameWords(y).length - nameWords(x).length)[0];
}

/**
 * Surnames (last words) and given names (first words of full forms) of the well-formed forms: each
 * word a capital and then lower case, as names are written in running text. Run-together or
 * shouted forms ("MPguatemala", "ABabuscu", "Iga LIS") are extraction artefacts, not spellings.
 */
function nameParts(forms: string[]): { surnames: string[]; given: string[] } {
  const words = forms
    .filter((f) => f.split(/[\s-]+/).every((w) => /^\p{Lu}[\p{Ll}\p{M}'’]+$/u.test(w)))
    .map(nameWords)
    .filter((w) => w.length);
  return {
    surnames: words.map((w) => w[w.length - 1]),
    given: words.filter((w) => w.length > 1).map((w) => w[0]),
  };
}

/** Words of `xs` with no equal spelling, up to inflection, among `ys`. */
const unmatched = (xs: string[], ys: string[], langs: readonly string[]): string[] =>
  xs.filter((x) => !ys.some((y) => sameSpelling(x, y, langs)));

/**
 * One word is the other cut short: by two letters or more ("Alex"/"Alexander"), or by one vowel or
 * "s", the commonest endings of any language ("Carlo"/"Carlos", "Isabel"/"Isabela", "John"/"Johns").
 * A consonant added is a misspelling ("Vanderslot"/"Vandersloth").
 */
const shortForm = (x: string, y: string): boolean => {
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  if (!long.startsWith(short) || long.length === short.length) return false;
  return long.length - short.length >= 2 || /[aeiouys]/.test(long[short.length]);
};

/**
 * Two words that read as two spellings of one name: alike (at least `min`), yet not one spelling up
 * to inflection and not a short form of the other ("Alex"/"Alexander", "Francis"/"Francisco").
 * Words merely grouped together ("Joe"/"Hunter" Biden, "Twice"/"Twitter") are no misspelling.
 */
const misspelt = (x: string, y: string, langs: readonly string[], min: number): boolean =>
  !sameSpelling(x, y, langs) &&
  !shortForm(x, y) &&
  // A misspelling keeps the first letter, or a consonant sounding alike ("Kovid"/"Covid")
  // ("Western"/"Eastern" sound alike to Metaphone, which drops the initial w, but are two words).
  (x[0] === y[0] || (soundsAlike(x, y) && !/[aeiouy]/.test(x[0] + y[0]))) &&
  nameWordSimilarity(x, y) >= min;

/**
 * Some word of `xs` unmatched in `ys` is a misspelling of one of `ys`. With `own` (the side `xs`
 * comes from), a word whose near match that side writes as well is no difference between the
 * versions: the side itself spells it both ways.
 */
const misspeltIn = (
  xs: string[],
  ys: string[],
  langs: readonly string[],
  min: number,
  own?: string[],
): boolean =>
  unmatched(xs, ys, langs).some((x) =>
    ys.some((y) => misspelt(x, y, langs, min) && !own?.some((o) => sameSpelling(o, y, langs))),
  );

/** Word similarity above which two spellings inside one version are one name misspelt. */
const WITHIN_MIN = 0.9;
/** Across versions the entities were already matched with corroboration, so less is needed. */
const ACROSS_MIN = 0.85;

/**
 * True when the forms spell the same name in more than one way: alike but different words at the
 * surname position, or different given names. Short forms ("Blinken" for "Antony Blinken") are not
 * variants, nor are inflections of the given languages ("Tusk"/"Tuska" in Polish,
 * "Wuhan'da"/"Wuhan'dan"), nor different words grouped under one surname ("Joe"/"Hunter Biden").
 *
 * @example
 * ```ts
 * hasVariants(['Annalena Berbock', 'Bairbock']); // true
 * hasVariants(['Donald Tusk', 'Donalda Tuska'], ['pl']); // false
 * ```
 */
export function hasVariants(forms: string[], langs: readonly string[] = [], min = WITHIN_MIN): boolean {
  const { surnames, given } = nameParts(forms);
  // Some word misspells an earlier one: a second spelling.
  const distinct = (ws: string[]) => ws.some((w, i) => misspeltIn([w], ws.slice(0, i), langs, min));
  return distinct(surnames) || distinct(given);
}

/**
 * True when the two versions spell a name differently: a surname (or, where both give a full name,
 * a given name) on one side has no equal spelling, up to inflection, on the other, but a near one.
 * Variation inside one version alone is not this; it is reported as `inconsistentSpellings`.
 *
 * @example
 * ```ts
 * spelledApart(['Antony Blinken'], ['Anthony Blinken'], ['en']); // true
 * spelledApart(['Chin'], ['Chiny'], ['pl']); // false
 * ```
 */
export function spelledApart(a: string[], b: string[], langs: readonly string[] = []): boolean {
  const pa = nameParts(a);
  const pb = nameParts(b);
  const differ = (x: string[], y: string[]) =>
    misspeltIn(x, y, langs, ACROSS_MIN, x) || misspeltIn(y, x, langs, ACROSS_MIN, y);
  return differ(pa.surnames, pb.surnames) || differ(pa.given, pb.given);
}
