/**
 * Quote pairing across two versions: each quote verbatim, reworded (with its word diff), turned
 * from direct into reported speech or back, replaced by a different quote of the same speaker,
 * or found on one side only.
 *
 * Decision. Quotes are scored by the overlap of their content stems; inside aligned sentences a
 * lower overlap suffices than elsewhere (a quote that moved must be closer), and pairs are taken
 * best first. A leftover quote whose words (half of its stems or more) stand unquoted in the
 * partner sentences was turned into reported speech.
 *
 * Cost. Every quote of a against every quote of b: an article has few.
 */
import type { Doc } from '../doc/types.js';
import type { Quote } from '../extract/types.js';
import type { Token } from '../text/types.js';
import { isContent } from './features.js';
import type { AlignmentLink, QuotePair, QuoteRef, ReconciledEntity } from './types.js';
import { wordDiff } from './wdiff.js';

/** Tokens of a document inside [start, end). */
export function tokensIn(doc: Doc, sentences: number[], start: number, end: number): Token[] {
  const out: Token[] = [];
  for (const s of sentences) for (const t of doc.tokens[s]) if (t.start >= start && t.end <= end) out.push(t);
  return out;
}

const stemsOf = (toks: Token[]) => new Set(toks.filter(isContent).map((t) => t.stem));

/** F1 overlap of content stems; 1 for identical wording. */
function stemF(x: Set<string>, y: Set<string>): number {
  if (!x.size || !y.size) return 0;
  let inter = 0;
  for (const s of x) if (y.has(s)) inter++;
  return (2 * inter) / (x.size + y.size);
}

const wordsKey = (toks: Token[]) =>
  toks
    .filter((t) => t.kind === 'word' || t.kind === 'number')
    .map((t) => t.norm)
    .join(' ');

/** Maps from local entity ids of each side to reconciled entities. */
export interface EntityIndex {
  a: Map<number, ReconciledEntity>;
  b: Map<number, ReconciledEntity>;
}

/** Builds the local → reconciled entity maps. */
export function entityIndex(da: Doc, db: Doc, ents: ReconciledEntity[]): EntityIndex {
  // Mentions are found by their start offset: one lookup table per side, not a scan per mention.
  const byStart = (doc: Doc) => new Map(doc.mentions.map((m) => [m.start, m.entity]));
  const startsA = byStart(da);
  const startsB = byStart(db);
  const a = new Map<number, ReconciledEntity>();
  const b = new Map<number, ReconciledEntity>();
  for (const e of ents) {
    for (const m of e.mentions.a) {
      const local = startsA.get(m.start);
      if (local !== undefined) a.set(local, e);
    }
    for (const m of e.mentions.b) {
      const local = startsB.get(m.start);
      if (local !== undefined) b.set(local, e);
    }
  }
  return { a, b };
}

/**
 * Pairs the quotes of two versions and classifies each pair: verbatim, reworded (with the changed
 * words), direct turned indirect (or back), a different quote from the same speaker in the same
 * place, or a quote only one version has. Quotes are paired inside aligned sentences first; an exact
 * quote that moved elsewhere in the article is still found.
 *
 * @example
 * ```ts
 * pairQuotes(docA, docB, alignment, index).filter((q) => q.relation === 'reworded');
 * ```
 */
export function pairQuotes(da: Doc, db: Doc, links: AlignmentLink[], idx: EntityIndex): QuotePair[] {
  const partnersOfA = new Map<number, Set<number>>();
  const partnersOfB = new Map<number, Set<number>>();
  for (const l of links) {
    for (const i of l.a) {
      const s = partnersOfA.get(i) ?? new Set<number>();
      for (const j of l.b) s.add(j);
      partnersOfA.set(i, s);
    }
    for (const j of l.b) {
      const s = partnersOfB.get(j) ?? new Set<number>();
      for (const i of l.a) s.add(i);
      partnersOfB.set(j, s);
    }
  }
  const qtoks = (doc: Doc, q: Quote) => tokensIn(doc, q.sentences, q.start, q.end);
  const ta = da.quotes.map((q) => qtoks(da, q));
  const tb = db.quotes.map((q) => qtoks(db, q));
  const sa = ta.map(stemsOf);
  const sb = tb.map(stemsOf);
  const speakerA = (q: Quote) => (q.speaker !== undefined ? idx.a.get(q.speaker) : undefined);
  const speakerB = (q: Quote) => (q.speaker !== undefined ? idx.b.get(q.speaker) : undefined);
  const linked = (qa: Quote, qb: Quote) =>
    qa.sentences.some((i) => qb.sentences.some((j) => partnersOfA.get(i)?.has(j)));

  type Cand = { i: number; j: number; score: number; rel: QuotePair['relation'] };
  const cands: Cand[] = [];
  da.quotes.forEach((qa, i) => {
    db.quotes.forEach((qb, j) => {
      const score = stemF(sa[i], sb[j]);
      const same = wordsKey(ta[i]) === wordsKey(tb[j]);
      const inContext = linked(qa, qb);
      const spA = speakerA(qa);
      const sameSpeaker = spA !== undefined && spA === speakerB(qb);
      if (same) cands.push({ i, j, score: 1 + (inContext ? 0.1 : 0), rel: 'verbatim' });
      else if (score >= 0.3 && (inContext || score >= 0.6)) cands.push({ i, j, score, rel: 'reworded' });
      else if (inContext && sameSpeaker) {
        cands.push({ i, j, score: score * 0.5, rel: 'different-quote' });
      }
    });
  });
  cands.sort((x, y) => y.score - x.score);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: QuotePair[] = [];
  const ref = (_doc: Doc, q: Quote, sp?: ReconciledEntity): QuoteRef => {
    const r: QuoteRef = { text: q.text, sentence: q.sentence, start: q.start, end: q.end };
    const who = sp?.name ?? q.speakerText;
    if (who) r.speaker = who;
    return r;
  };
  for (const c of cands) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    const qa = da.quotes[c.i];
    const qb = db.quotes[c.j];
    const sp = speakerA(qa) ?? speakerB(qb);
    const p: QuotePair = {
      relation: c.rel,
      a: ref(da, qa, speakerA(qa)),
      b: ref(db, qb, speakerB(qb)),
      score: Math.round(Math.min(1, c.score) * 1000) / 1000,
    };
    if (sp) p.speaker = sp.name;
    if (c.rel === 'reworded') p.diff = wordDiff(ta[c.i], tb[c.j]);
    pairs.push(p);
  }
  // Unpaired quotes: the same words without quotation marks on the other side mean the quote was
  // turned into reported speech.
  const indirect = (
    doc: Doc,
    partners: Set<number> | undefined,
    stems: Set<string>,
  ): { sentences: number[]; text: string; cov: number } | undefined => {
    if (!partners?.size || !stems.size) return undefined;
    const sents = [...partners].sort((x, y) => x - y);
    const other = new Set<string>();
    for (const s of sents) for (const t of doc.tokens[s]) if (isContent(t)) other.add(t.stem);
    let hit = 0;
    for (const s of stems) if (other.has(s)) hit++;
    const cov = hit / stems.size;
    return cov >= 0.5
      ? { sentences: sents, text: sents.map((s) => doc.sentences[s].text).join(' '), cov }
      : undefined;
  };
  // Quoted fragments of one sentence retold in the same reported sentences are one quote turned
  // indirect: one finding, its text the fragments joined by " … " and its span covering them.
  const retold = new Map<string, QuotePair>();
  // The same treatment for each side's leftovers; only the names of the relations differ.
  const leftovers = (side: 'a' | 'b') => {
    const [mine, other] = side === 'a' ? [da, db] : [db, da];
    const used = side === 'a' ? usedA : usedB;
    const partnersOf = side === 'a' ? partnersOfA : partnersOfB;
    const stems = side === 'a' ? sa : sb;
    const speaker = side === 'a' ? speakerA : speakerB;
    mine.quotes.forEach((q, k) => {
      if (used.has(k)) return;
      const partners = new Set<number>();
      for (const s of q.sentences) for (const o of partnersOf.get(s) ?? []) partners.add(o);
      const ind = indirect(other, partners, stems[k]);
      const key = ind && `${side}:${q.sentence}:${ind.sentences.join(',')}`;
      const earlier = key ? retold.get(key) : undefined;
      const ref0 = earlier?.[side];
      if (ref0) {
        ref0.text = `${ref0.text} … ${q.text}`;
        ref0.end = Math.max(ref0.end, q.end);
        return;
      }
      const sp = speaker(q);
      const p: QuotePair = ind
        ? {
            relation: side === 'a' ? 'direct-to-indirect' : 'indirect-to-direct',
            indirect: { side: side === 'a' ? 'b' : 'a', sentences: ind.sentences, text: ind.text },
            score: Math.round(ind.cov * 1000) / 1000,
          }
        : { relation: side === 'a' ? 'only-a' : 'only-b', score: 0 };
      p[side] = ref(mine, q, sp);
      if (sp) p.speaker = sp.name;
      if (key) retold.set(key, p);
      pairs.push(p);
    });
  };
  leftovers('a');
  leftovers('b');
  const pos = (p: QuotePair) =>
    p.a?.start ?? (p.indirect?.side === 'a' ? da.sentences[p.indirect.sentences[0]].start : 1e12);
  pairs.sort((x, y) => pos(x) - pos(y) || (x.b?.start ?? 0) - (y.b?.start ?? 0));
  return pairs;
}
