/**
 * Typed changes between aligned sentences: numbers, dates and durations changed, made vaguer or
 * more precise, dropped or added; names spelt differently; negation added or removed; words
 * attributed to another source; another pronoun for the same person.
 *
 * Decision. Changes are looked for only inside alignment links, never across the whole texts: a
 * differing fact or name is a change only where the two versions say the same thing. Facts are
 * paired greedily, closest relation first (see `fact-relations.ts`), so "two weeks" pairs with
 * "a few weeks" before anything merely comparable; a fact left over is dropped or added, except
 * in partial links, whose other side may simply not cover it. Each change carries its message,
 * the line reports print.
 */
import type { Doc } from '../doc/types.js';
import { COLLECTIVE_SOURCES, NEGATORS, SPEECH_VERBS, SUBJECT_PRONOUNS } from '../extract/lexicon.js';
import type { Fact, FactKind } from '../extract/types.js';
import { foldForMatch } from '../text/normalize.js';
import { relateFacts } from './fact-relations.js';
import type { EntityIndex } from './quotes.js';
import type { AlignmentLink, Change, ChangeKind } from './types.js';

const FACT_CHANGE: Record<FactKind, ChangeKind> = {
  number: 'number',
  percent: 'number',
  money: 'number',
  quantity: 'number',
  ordinal: 'number',
  duration: 'duration',
  date: 'date',
  time: 'date',
  year: 'date',
};

const RELATION_RANK = {
  equal: 0,
  rephrased: 1,
  'more-precise': 2,
  vaguer: 2,
  changed: 3,
  unrelated: 9,
} as const;

/** Who a sentence attributes its words to: a reconciled entity, or a collective/pronoun source. */
interface Attribution {
  entity?: string;
  text: string;
}

function attributionOf(
  doc: Doc,
  sentences: number[],
  side: 'a' | 'b',
  idx: EntityIndex,
): Attribution | undefined {
  const map = side === 'a' ? idx.a : idx.b;
  for (const s of sentences) {
    const q = doc.quotes.find((x) => x.sentences.includes(s) && (x.speaker !== undefined || x.speakerText));
    if (q) {
      const e = q.speaker !== undefined ? map.get(q.speaker) : undefined;
      return e ? { entity: e.name, text: q.speakerText ?? e.name } : { text: q.speakerText ?? '' };
    }
    const toks = doc.tokens[s];
    const v = toks.findIndex((t) => t.kind === 'word' && SPEECH_VERBS.has(t.norm) && t.norm !== 'according');
    const acc = toks.findIndex((t) => t.norm === 'according');
    const at = v >= 0 ? v : acc;
    if (at < 0) continue;
    const verb = toks[at];
    // The nearest person mention, pronoun or collective noun within a few words of the verb.
    let best: { d: number; a: Attribution } | undefined;
    for (const m of doc.mentions) {
      if (m.sentence !== s || (m.kind !== 'person' && m.kind !== 'org')) continue;
      const d = m.end <= verb.start ? verb.start - m.end : m.start - verb.end;
      if (d < 0 || d > 40) continue;
      const e = map.get(m.entity);
      if (!best || d < best.d) best = { d, a: { entity: e?.name, text: m.text } };
    }
    for (const p of doc.pronouns) {
      if (p.sentence !== s || !SUBJECT_PRONOUNS.has(p.text.toLowerCase())) continue;
      const d = p.end <= verb.start ? verb.start - p.end : p.start - verb.end;
      if (d < 0 || d > 20) continue;
      const e = p.entity !== undefined ? map.get(p.entity) : undefined;
      if (!best || d < best.d) best = { d, a: { entity: e?.name, text: p.text } };
    }
    for (const t of toks) {
      if (t.kind !== 'word' || !COLLECTIVE_SOURCES.has(t.norm)) continue;
      const d = t.end <= verb.start ? verb.start - t.end : t.start - verb.end;
      if (d < 0 || d > 25) continue;
      if (!best || d < best.d) best = { d, a: { text: t.text } };
    }
    if (best) return best.a;
  }
  return undefined;
}

const countNeg = (doc: Doc, sentences: number[]) =>
  sentences.reduce(
    (n, s) => n + doc.tokens[s].filter((t) => t.kind === 'word' && NEGATORS.has(t.norm)).length,
    0,
  );

const factsIn = (doc: Doc, sentences: number[]) => {
  const set = new Set(sentences);
  return doc.facts.filter((f) => set.has(f.sentence));
};

/** A fact of one side without a partner in the other: dropped from a, or added in b. */
function unpairedFact(f: Fact, side: 'a' | 'b', base: Pick<Change, 'link' | 'sentences'>): Change {
  const kind = FACT_CHANGE[f.kind];
  const detail = side === 'a' ? 'dropped' : 'added';
  return {
    kind,
    detail,
    [side]: f.text,
    factKind: f.kind,
    ...base,
    message: `${kind} ${detail}: "${f.text}"`,
  };
}

/**
 * Finds typed changes inside aligned sentences: numbers, quantities, dates and durations (changed,
 * vaguer, more precise, rephrased), spellings of names, negation, attribution ("X said" vs
 * "officials said") and the pronoun used for a known person ("she" vs "he").
 *
 * @example
 * ```ts
 * findChanges(docA, docB, alignment, index).filter((c) => c.kind === 'duration');
 * // [{ kind: 'duration', detail: 'more-precise', a: 'the past few weeks', b: 'the past two weeks', ... }]
 * ```
 */
export function findChanges(da: Doc, db: Doc, links: AlignmentLink[], idx: EntityIndex): Change[] {
  const out: Change[] = [];
  links.forEach((l, k) => {
    const sentences = { a: l.a, b: l.b };
    const base = { link: k, sentences };
    // Numbers, dates, durations: pair facts greedily by how closely they relate.
    const fa = factsIn(da, l.a);
    const fb = factsIn(db, l.b);
    const pairs: { x: Fact; y: Fact; rel: keyof typeof RELATION_RANK }[] = [];
    for (const x of fa) for (const y of fb) pairs.push({ x, y, rel: relateFacts(x, y) });
    pairs.sort((p, q) => RELATION_RANK[p.rel] - RELATION_RANK[q.rel]);
    const usedA = new Set<Fact>();
    const usedB = new Set<Fact>();
    for (const p of pairs) {
      if (p.rel === 'unrelated' || usedA.has(p.x) || usedB.has(p.y)) continue;
      usedA.add(p.x);
      usedB.add(p.y);
      if (p.rel === 'equal') continue;
      const kind = FACT_CHANGE[p.x.kind];
      const verb =
        p.rel === 'changed'
          ? 'changed'
          : p.rel === 'rephrased'
            ? 'reworded, same value'
            : p.rel === 'vaguer'
              ? 'made vaguer'
              : 'made more precise';
      out.push({
        kind,
        detail: p.rel,
        a: p.x.text,
        b: p.y.text,
        factKind: p.x.kind,
        ...base,
        message: `${kind} ${verb}: "${p.x.text}" → "${p.y.text}"`,
      });
    }
    // A fact dropped or added inside otherwise corresponding sentences is worth a line too.
    if (l.type !== 'partial') {
      for (const x of fa) if (!usedA.has(x) && x.kind !== 'ordinal') out.push(unpairedFact(x, 'a', base));
      for (const y of fb) if (!usedB.has(y) && y.kind !== 'ordinal') out.push(unpairedFact(y, 'b', base));
    }

    // Names spelt differently in corresponding sentences.
    const seen = new Set<string>();
    for (const ma of da.mentions) {
      if (!l.a.includes(ma.sentence)) continue;
      const e = idx.a.get(ma.entity);
      if (!e || (e.kind !== 'person' && e.kind !== 'other')) continue;
      for (const mb of db.mentions) {
        if (!l.b.includes(mb.sentence) || idx.b.get(mb.entity) !== e) continue;
        const wa = foldForMatch(ma.text).split(/\s+/);
        const wb = foldForMatch(mb.text).split(/\s+/);
        // Compare surname to surname and given name to given name; short forms are not changes.
        const differs =
          wa[wa.length - 1] !== wb[wb.length - 1] || (wa.length > 1 && wb.length > 1 && wa[0] !== wb[0]);
        const key = `${ma.text}|${mb.text}`;
        if (!differs || seen.has(key)) continue;
        seen.add(key);
        out.push({
          kind: 'name',
          detail: 'spelling',
          a: ma.text,
          b: mb.text,
          entity: e.name,
          ...base,
          message: `name spelt differently: "${ma.text}" → "${mb.text}"`,
        });
      }
    }

    // Negation added or removed.
    const na = countNeg(da, l.a);
    const nb = countNeg(db, l.b);
    if (na !== nb && l.type !== 'partial') {
      out.push({
        kind: 'negation',
        detail: nb > na ? 'added' : 'removed',
        ...base,
        message: nb > na ? 'negation added in b' : 'negation removed in b',
      });
    }

    // Attribution: a named speaker replaced by another, or by an unnamed source.
    const aa = attributionOf(da, l.a, 'a', idx);
    const ab = attributionOf(db, l.b, 'b', idx);
    if (aa && ab) {
      const differ =
        aa.entity || ab.entity ? aa.entity !== ab.entity : foldForMatch(aa.text) !== foldForMatch(ab.text);
      const pronounOnly =
        (!aa.entity && SUBJECT_PRONOUNS.has(aa.text.toLowerCase())) ||
        (!ab.entity && SUBJECT_PRONOUNS.has(ab.text.toLowerCase()));
      if (differ && !pronounOnly) {
        const la = aa.entity ?? aa.text;
        const lb = ab.entity ?? ab.text;
        out.push({
          kind: 'attribution',
          detail:
            !ab.entity && COLLECTIVE_SOURCES.has(foldForMatch(ab.text)) ? 'named-to-unnamed' : 'changed',
          a: la,
          b: lb,
          ...base,
          message: `attributed to ${la} in a, to ${lb} in b`,
        });
      }
    }

    // Pronoun for the same person changed ("she" → "he").
    const pa = da.pronouns.filter((p) => l.a.includes(p.sentence) && p.entity !== undefined);
    const pb = db.pronouns.filter((p) => l.b.includes(p.sentence) && p.entity !== undefined);
    for (const x of pa) {
      const e = idx.a.get(x.entity!);
      if (!e || (x.gender !== 'f' && x.gender !== 'm')) continue;
      const y = pb.find(
        (p) => idx.b.get(p.entity!) === e && (p.gender === 'f' || p.gender === 'm') && p.gender !== x.gender,
      );
      if (!y) continue;
      out.push({
        kind: 'pronoun',
        detail: `${x.gender}-to-${y.gender}`,
        a: x.text,
        b: y.text,
        entity: e.name,
        ...base,
        message: `${e.name} is "${x.text}" in a but "${y.text}" in b`,
      });
      break;
    }
  });
  return out;
}
