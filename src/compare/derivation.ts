/**
 * Which version was derived from which: a vote of independent clues (publication dates, a wire
 * dateline, citing another report, quotes turned into reported speech, containment, consistency
 * of name spellings), each stated as a reason a reader can check.
 *
 * Decision. The clues are weighed by hand (dates 2, spellings 0.5, the others 1), not learnt:
 * there are no labelled directions to learn from. A total under 1 either way gives "unknown";
 * the confidence grows with the total and stops at 0.95.
 */
import type { Doc } from '../doc/types.js';
import type { Derivation, QuotePair, ReconciledEntity } from './types.js';

/** A dateline ("BERLIN:", "PARIS (AFP) -") opens wire copy; rewrites usually drop it. */
const DATELINE = /^[\p{Lu}][\p{Lu}\s.,'-]{2,40}(\([^)]{1,30}\))?\s*[:—–-]\s/u;
/** Phrases that cite another report: the sign of a version written from someone else's. */
const CITES =
  /\b(according to (the |a )?(report|reports|agency|news agency|media)|(news agency|media|reports?) (said|reported)|was quoted as saying|told (the )?[A-Z][a-z]+ (news|newspaper|agency))/iu;

function parseDate(s?: string): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Guesses which version is derived from which, from independent clues, each with its reason:
 * publication dates, a wire dateline kept only in one, a version that cites "the report", direct
 * quotes turned into paraphrase (rewriters paraphrase quotes; they rarely invent exact wording),
 * one version containing the other while adding little, and names spelt consistently in one
 * but not the other. Says "unknown" when the clues are weak or disagree.
 *
 * @example
 * ```ts
 * inferDerivation(docA, docB, { aInB: 0.5, bInA: 0.8 }, quotes, entities).direction; // 'a->b'
 * ```
 */
export function inferDerivation(
  da: Doc,
  db: Doc,
  cont: { aInB: number; bInA: number },
  quotes: QuotePair[],
  ents: ReconciledEntity[],
): Derivation {
  // Positive votes say b came from a.
  let score = 0;
  const reasons: string[] = [];
  const ta = parseDate(da.date);
  const tb = parseDate(db.date);
  if (ta !== undefined && tb !== undefined && ta !== tb) {
    score += ta < tb ? 2 : -2;
    reasons.push(`${ta < tb ? 'a' : 'b'} was published first (${ta < tb ? da.date : db.date})`);
  }
  const dlA = DATELINE.test(da.text);
  const dlB = DATELINE.test(db.text);
  if (dlA !== dlB) {
    score += dlA ? 1 : -1;
    reasons.push(`only ${dlA ? 'a' : 'b'} opens with a wire dateline`);
  }
  const citeA = CITES.test(da.text);
  const citeB = CITES.test(db.text);
  if (citeA !== citeB) {
    score += citeB ? 1 : -1;
    reasons.push(`only ${citeB ? 'b' : 'a'} cites another report ("according to the report" or similar)`);
  }
  const toIndirect = quotes.filter((q) => q.relation === 'direct-to-indirect').length;
  const toDirect = quotes.filter((q) => q.relation === 'indirect-to-direct').length;
  const reworded = quotes.filter((q) => q.relation === 'reworded').length;
  if (toIndirect !== toDirect) {
    score += toIndirect > toDirect ? 1 : -1;
    reasons.push(
      toIndirect > toDirect
        ? `${toIndirect} quote(s) of a appear in b as reported speech`
        : `${toDirect} quote(s) of b appear in a as reported speech`,
    );
  }
  if (reworded > 0 && toIndirect + toDirect === 0 && reasons.length === 0) {
    reasons.push(`${reworded} quote(s) are worded differently: one version paraphrased the other's quotes`);
  }
  const diff = cont.bInA - cont.aInB;
  if (Math.abs(diff) >= 0.15) {
    score += diff > 0 ? 1 : -1;
    reasons.push(
      diff > 0
        ? `b is largely contained in a (${Math.round(cont.bInA * 100)}% vs ${Math.round(cont.aInB * 100)}%): b looks cut from a`
        : `a is largely contained in b (${Math.round(cont.aInB * 100)}% vs ${Math.round(cont.bInA * 100)}%): a looks cut from b`,
    );
  }
  // Misspellings creep in downstream (retyping, machine translation): count spellings per side.
  let spellA = 0;
  let spellB = 0;
  for (const e of ents) {
    if (!e.variants || e.kind !== 'person') continue;
    if (e.forms.a.length && e.forms.b.length) {
      const sa = new Set(e.forms.a.map((f) => f.split(/\s+/).pop())).size;
      const sb = new Set(e.forms.b.map((f) => f.split(/\s+/).pop())).size;
      spellA += sa;
      spellB += sb;
    }
  }
  if (spellA !== spellB && spellA + spellB >= 3) {
    score += spellB > spellA ? 0.5 : -0.5;
    reasons.push(`names are spelt less consistently in ${spellB > spellA ? 'b' : 'a'}`);
  }
  if (Math.abs(score) < 1) {
    return {
      direction: 'unknown',
      confidence: 0,
      reasons: reasons.length ? reasons : ['no clue points either way'],
    };
  }
  return {
    direction: score > 0 ? 'a->b' : 'b->a',
    confidence: Math.round(Math.min(0.95, 0.35 + 0.15 * Math.abs(score)) * 100) / 100,
    reasons,
  };
}
