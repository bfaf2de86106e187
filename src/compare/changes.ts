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
 * the line reports print, and the phrases on each side (`spans`). One finding per fact: a
 * spelling pair is listed once, pieces of one garbled amount are one change.
 *
 * Out of reach. Attribution scope is detected only as a known name joined by others right before
 * a speech verb ("Blinken and European allies said"). Reversals of direction ("relief in return
 * for curbing" → "sanctions imposed to halt"), of state ("stalled" → "ended") and of condition
 * ("if talks fail" → "if the talks ended") need verb and frame semantics the engine does not
 * have; they stay visible only as word changes in the link's diff, not as typed changes.
 */
import type { Doc } from '../doc/types.js';
import { COLLECTIVE_SOURCES, NEGATORS, SPEECH_VERBS, SUBJECT_PRONOUNS } from '../extract/lexicon.js';
import type { Fact, FactKind } from '../extract/types.js';
import { foldForMatch } from '../text/normalize.js';
import type { Token } from '../text/types.js';
import { spelledApart } from './entities.js';
import { relateFacts } from './fact-relations.js';
import type { EntityIndex } from './quotes.js';
import type { AlignmentLink, Change, ChangeKind, TextSpan } from './types.js';

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
  /** Where the source is named, when located. */
  span?: TextSpan;
  /** The source is a group the entity is part of ("Blinken and European allies said"). */
  group?: boolean;
}

/** A named source joined to others right before its speech verb: " and European allies ". */
const JOINED = /^\s+(?:and|along with|together with|alongside)\s+[\p{L}'’ -]{1,40}\s+$/u;

/**
 * The subject right before a speech verb when it joins a known person or organisation to others
 * ("Blinken and European allies said"): from the name to the verb. Undefined otherwise.
 */
function groupSubject(doc: Doc, s: number, verb: Token, map: EntityIndex['a']): Attribution | undefined {
  for (const m of doc.mentions) {
    if (m.sentence !== s || (m.kind !== 'person' && m.kind !== 'org') || m.end > verb.start) continue;
    const e = map.get(m.entity);
    if (!e || !JOINED.test(doc.text.slice(m.end, verb.start))) continue;
    const end = m.end + doc.text.slice(m.end, verb.start).trimEnd().length;
    const text = doc.text.slice(m.start, end);
    return { entity: e.name, text, span: { text, start: m.start, end }, group: true };
  }
  return undefined;
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
      const a: Attribution = e
        ? { entity: e.name, text: q.speakerText ?? e.name }
        : { text: q.speakerText ?? '' };
      // The speaker's words in the quote's sentences: a mention of the entity, or the surface form.
      const m =
        doc.mentions.find(
          (x) => q.sentences.includes(x.sentence) && q.speaker !== undefined && x.entity === q.speaker,
        ) ??
        [...doc.mentions, ...doc.pronouns].find(
          (x) => q.sentences.includes(x.sentence) && x.text === q.speakerText,
        );
      if (m) a.span = span(m);
      return a;
    }
    const toks = doc.tokens[s];
    const v = toks.findIndex((t) => t.kind === 'word' && SPEECH_VERBS.has(t.norm) && t.norm !== 'according');
    const acc = toks.findIndex((t) => t.norm === 'according');
    const at = v >= 0 ? v : acc;
    if (at < 0) continue;
    const verb = toks[at];
    if (at === v) {
      const group = groupSubject(doc, s, verb, map);
      if (group) return group;
    }
    // The nearest person mention, pronoun or collective noun within a few words of the verb.
    let best: { d: number; a: Attribution } | undefined;
    for (const m of doc.mentions) {
      if (m.sentence !== s || (m.kind !== 'person' && m.kind !== 'org')) continue;
      const d = m.end <= verb.start ? verb.start - m.end : m.start - verb.end;
      if (d < 0 || d > 40) continue;
      const e = map.get(m.entity);
      if (!best || d < best.d) best = { d, a: { entity: e?.name, text: m.text, span: span(m) } };
    }
    for (const p of doc.pronouns) {
      if (p.sentence !== s || !SUBJECT_PRONOUNS.has(p.text.toLowerCase())) continue;
      const d = p.end <= verb.start ? verb.start - p.end : p.start - verb.end;
      if (d < 0 || d > 20) continue;
      const e = p.entity !== undefined ? map.get(p.entity) : undefined;
      if (!best || d < best.d) best = { d, a: { entity: e?.name, text: p.text, span: span(p) } };
    }
    for (const t of toks) {
      if (t.kind !== 'word' || !COLLECTIVE_SOURCES.has(t.norm)) continue;
      const d = t.end <= verb.start ? verb.start - t.end : t.start - verb.end;
      if (d < 0 || d > 25) continue;
      if (!best || d < best.d) best = { d, a: { text: t.text, span: span(t) } };
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

/** Span of the word tokens from index `from` to `to` (inclusive, clipped) of a sentence. */
function tokenRun(doc: Doc, s: number, from: number, to: number): TextSpan {
  const toks = doc.tokens[s];
  const x = toks[Math.max(0, from)];
  const y = toks[Math.min(toks.length - 1, to)];
  return { text: doc.text.slice(x.start, y.end), start: x.start, end: y.end };
}

/**
 * The negated phrases of the side with more negators (the negator, a word before it and two
 * after: "did not rule out") and, on the other side, the phrase around the word the negator
 * governed, found by its stem ("had been ruled out"). The other side stays empty when that word
 * is not there.
 */
function negationSpans(
  neg: Doc,
  negSents: number[],
  other: Doc,
  otherSents: number[],
  negSide: 'a' | 'b',
): { a: TextSpan[]; b: TextSpan[] } {
  const mine: TextSpan[] = [];
  const theirs: TextSpan[] = [];
  for (const s of negSents) {
    const toks = neg.tokens[s];
    toks.forEach((t, i) => {
      if (t.kind !== 'word' || !NEGATORS.has(t.norm)) return;
      mine.push(tokenRun(neg, s, i - 1, i + 2));
      const governed = toks.slice(i + 1).find((x) => x.kind === 'word' && !x.stop);
      if (!governed) return;
      for (const o of otherSents) {
        const j = other.tokens[o].findIndex((x) => x.kind === 'word' && x.stem === governed.stem);
        if (j < 0) continue;
        // Auxiliaries before the word belong to the phrase ("had been ruled out"), a subject not.
        const ot = other.tokens[o];
        let from = j;
        while (from > 0 && j - from < 2 && ot[from - 1].kind === 'word' && ot[from - 1].stop) from--;
        theirs.push(tokenRun(other, o, from, j + 1));
        break;
      }
    });
  }
  return negSide === 'a' ? { a: mine, b: theirs } : { a: theirs, b: mine };
}

const factsIn = (doc: Doc, sentences: number[]) => {
  const set = new Set(sentences);
  return doc.facts.filter((f) => set.has(f.sentence));
};

const span = (x: { text: string; start: number; end: number }): TextSpan => ({
  text: x.text,
  start: x.start,
  end: x.end,
});

/** A fact change with the facts behind it, so that changes of one fact can be merged. */
interface FactChange {
  kind: ChangeKind;
  detail: string;
  fa: Fact[];
  fb: Fact[];
}

/** Text between two facts is only spaces and light punctuation: they are pieces of one amount. */
function adjacent(doc: Doc, x: Fact, y: Fact): boolean {
  if (x.sentence !== y.sentence) return false;
  const [p, q] = x.start <= y.start ? [x, y] : [y, x];
  return q.start >= p.end && q.start - p.end <= 3 && /^[\s.,·'’-]*$/.test(doc.text.slice(p.end, q.start));
}

/**
 * One finding per fact: changes whose facts touch on one side (a garbled "1 .5 million" read as
 * several numbers) become one, and in a whole link the one dropped and the one added fact of a
 * kind become one replacement.
 */
function mergeFactChanges(da: Doc, db: Doc, list: FactChange[], whole: boolean): FactChange[] {
  const groups = list.map((c) => ({ ...c, fa: [...c.fa], fb: [...c.fb] }));
  const touches = (x: FactChange, y: FactChange) =>
    x.fa.some((f) => y.fa.some((g) => adjacent(da, f, g))) ||
    x.fb.some((f) => y.fb.some((g) => adjacent(db, f, g)));
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < groups.length && !merged; i++)
      for (let j = i + 1; j < groups.length && !merged; j++) {
        if (groups[i].kind !== groups[j].kind || !touches(groups[i], groups[j])) continue;
        groups[i].fa.push(...groups[j].fa);
        groups[i].fb.push(...groups[j].fb);
        // Pieces of one amount on one side only stay dropped or added: a change needs both sides.
        if (groups[i].fa.length && groups[i].fb.length) groups[i].detail = 'changed';
        groups.splice(j, 1);
        merged = true;
      }
  }
  if (whole) {
    for (const kind of new Set(groups.map((g) => g.kind))) {
      const dropped = groups.filter((g) => g.kind === kind && g.detail === 'dropped');
      const added = groups.filter((g) => g.kind === kind && g.detail === 'added');
      if (dropped.length !== 1 || added.length !== 1) continue;
      dropped[0].fb = added[0].fb;
      dropped[0].detail = 'replaced';
      groups.splice(groups.indexOf(added[0]), 1);
    }
  }
  return groups;
}

/** The digits of the first number written in `text` ("600 000 euros" → "600000"), or "". */
function leadingDigits(text: string): string {
  const m = /\d(?:[\d\s.,\u00a0\u202f\u2009']*\d)?/.exec(text);
  return m ? m[0].replace(/\D/g, '') : '';
}

/**
 * True when a number change on both sides of a link claims nothing about the value: the same
 * value with other words around it ("Three officers" → "Three police"), or the same numeral where
 * one side is a bare number and the other adds a scale or unit ("9" → "9 million zlotys", "70" →
 * "70 kilometres per hour"). The second is nearly always a scale or unit word the extractor did not
 * read in one language, so no change is claimed: a wrong "number changed" costs more than a
 * missed one. A change between two scaled amounts ("2.5 billion" → "2.5 million") is kept.
 *
 * @example
 * ```ts
 * // "9" in a Polish sentence, "9 million zlotys" in its English retelling: not a change.
 * ```
 */
function sameNumber(da: Doc, db: Doc, c: FactChange): boolean {
  if (c.kind !== 'number' || !c.fa.length || !c.fb.length) return false;
  if (c.detail !== 'changed' && c.detail !== 'replaced') return false;
  const [ta] = factSpan(da, c.fa).map((x) => x.text);
  const [tb] = factSpan(db, c.fb).map((x) => x.text);
  const va = c.fa.length === 1 ? c.fa[0].value : undefined;
  const vb = c.fb.length === 1 ? c.fb[0].value : undefined;
  if (va !== undefined && va === vb) return true;
  const bare = (t: string) => /^[\d\s.,\u00a0\u202f\u2009']+$/.test(t);
  const digits = leadingDigits(ta);
  if (digits === '' || digits !== leadingDigits(tb)) return false;
  // Pieces of one amount ("600 000 euros" read as 600 and 000) have no single value: their numeral.
  const numeral = Number(digits);
  return bare(ta) || bare(tb) || (va ?? numeral) === (vb ?? numeral);
}

/** The words of one side covering the given facts, as one span. */
function factSpan(doc: Doc, facts: Fact[]): TextSpan[] {
  if (!facts.length) return [];
  if (facts.length === 1) return [span(facts[0])];
  const start = Math.min(...facts.map((f) => f.start));
  const end = Math.max(...facts.map((f) => f.end));
  return [{ text: doc.text.slice(start, end), start, end }];
}

const FACT_VERB: Record<string, string> = {
  changed: 'changed',
  rephrased: 'reworded, same value',
  vaguer: 'made vaguer',
  'more-precise': 'made more precise',
  replaced: 'replaced',
  dropped: 'dropped',
  added: 'added',
};

function factChange(da: Doc, db: Doc, c: FactChange, base: Pick<Change, 'link' | 'sentences'>): Change {
  const spans = { a: factSpan(da, c.fa), b: factSpan(db, c.fb) };
  const out: Change = { kind: c.kind, detail: c.detail, ...base, message: '', spans };
  if (spans.a.length) out.a = spans.a[0].text;
  if (spans.b.length) out.b = spans.b[0].text;
  out.factKind = (c.fa[0] ?? c.fb[0]).kind;
  const verb = FACT_VERB[c.detail] ?? c.detail;
  out.message =
    out.a !== undefined && out.b !== undefined
      ? `${c.kind} ${verb}: "${out.a}" → "${out.b}"`
      : `${c.kind} ${verb}: "${out.a ?? out.b}"`;
  return out;
}

/**
 * Finds typed changes inside aligned sentences: numbers, quantities, dates and durations (changed,
 * vaguer, more precise, rephrased), spellings of names, negation, attribution ("X said" vs
 * "officials said") and the pronoun used for a known person ("she" vs "he"). One finding per
 * fact: a name spelt one way in a and another in b is listed once, however many sentences repeat
 * it. Every change carries the phrases it is about on each side (`spans`).
 *
 * @example
 * ```ts
 * findChanges(docA, docB, alignment, index).filter((c) => c.kind === 'duration');
 * // [{ kind: 'duration', detail: 'more-precise', a: 'the past few weeks', b: 'the past two weeks', ... }]
 * ```
 */
export function findChanges(da: Doc, db: Doc, links: AlignmentLink[], idx: EntityIndex): Change[] {
  const out: Change[] = [];
  const seen = new Set<string>();
  const langs = [...new Set([da.lang, db.lang])];
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
    const local: FactChange[] = [];
    for (const p of pairs) {
      if (p.rel === 'unrelated' || usedA.has(p.x) || usedB.has(p.y)) continue;
      usedA.add(p.x);
      usedB.add(p.y);
      if (p.rel !== 'equal') local.push({ kind: FACT_CHANGE[p.x.kind], detail: p.rel, fa: [p.x], fb: [p.y] });
    }
    // A fact dropped or added inside otherwise corresponding sentences is worth a line too, except
    // in partial links, whose other side may simply not cover it.
    const whole = l.type !== 'partial';
    if (whole) {
      for (const x of fa)
        if (!usedA.has(x) && x.kind !== 'ordinal')
          local.push({ kind: FACT_CHANGE[x.kind], detail: 'dropped', fa: [x], fb: [] });
      for (const y of fb)
        if (!usedB.has(y) && y.kind !== 'ordinal')
          local.push({ kind: FACT_CHANGE[y.kind], detail: 'added', fa: [], fb: [y] });
    }
    for (const c of mergeFactChanges(da, db, local, whole))
      if (!sameNumber(da, db, c)) out.push(factChange(da, db, c, base));

    // Names spelt differently in corresponding sentences, once per pair of spellings.
    for (const ma of da.mentions) {
      if (!l.a.includes(ma.sentence)) continue;
      const e = idx.a.get(ma.entity);
      // Only a person the reconciliation found spelt apart between the versions: its rule (alike,
      // not one spelling up to the languages' inflections, not a short form) is the one claim made.
      if (!e?.variants) continue;
      for (const mb of db.mentions) {
        if (!l.b.includes(mb.sentence) || idx.b.get(mb.entity) !== e) continue;
        const key = `${ma.text}|${mb.text}`;
        if (seen.has(key) || !spelledApart([ma.text], [mb.text], langs)) continue;
        seen.add(key);
        out.push({
          kind: 'name',
          detail: 'spelling',
          a: ma.text,
          b: mb.text,
          entity: e.name,
          ...base,
          message: `name spelt differently: "${ma.text}" → "${mb.text}"`,
          spans: { a: [span(ma)], b: [span(mb)] },
        });
      }
    }

    // Negation added or removed.
    const na = countNeg(da, l.a);
    const nb = countNeg(db, l.b);
    if (na !== nb && l.type !== 'partial') {
      const spans = nb > na ? negationSpans(db, l.b, da, l.a, 'b') : negationSpans(da, l.a, db, l.b, 'a');
      const quoted = (xs: TextSpan[]) => xs.map((x) => `"${x.text}"`).join(', ');
      const words =
        spans.a.length || spans.b.length ? `: ${quoted(spans.a) || '—'} → ${quoted(spans.b) || '—'}` : '';
      out.push({
        kind: 'negation',
        detail: nb > na ? 'added' : 'removed',
        ...base,
        message: `${nb > na ? 'negation added in b' : 'negation removed in b'}${words}`,
        spans,
      });
    }

    // Attribution: a named speaker replaced by another, or by an unnamed source.
    const aa = attributionOf(da, l.a, 'a', idx);
    const ab = attributionOf(db, l.b, 'b', idx);
    if (aa && ab && aa.entity && aa.entity === ab.entity && !!aa.group !== !!ab.group) {
      // The same source, alone on one side and with others on the other: the scope changed.
      const detail = ab.group ? 'widened' : 'narrowed';
      const la = aa.span?.text ?? aa.text;
      const lb = ab.span?.text ?? ab.text;
      out.push({
        kind: 'attribution',
        detail,
        a: la,
        b: lb,
        entity: aa.entity,
        ...base,
        message: `attribution ${detail}: "${la}" → "${lb}"`,
        spans: { a: aa.span ? [aa.span] : [], b: ab.span ? [ab.span] : [] },
      });
    } else if (aa && ab) {
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
          spans: { a: aa.span ? [aa.span] : [], b: ab.span ? [ab.span] : [] },
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
        spans: { a: [span(x)], b: [span(y)] },
      });
      break;
    }
  });
  return out;
}
