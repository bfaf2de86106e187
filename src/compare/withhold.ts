/**
 * Findings between different stories. A typed change, a reworded quote or a name spelt
 * differently is a claim that two versions say the same thing differently; between two stories
 * that only share a topic, most such "changes" are two different statements (one story's 40
 * dead against another's 15 injured). Below the same-story relation, findings are therefore kept
 * only where the two linked sentences are demonstrably the same statement, and the comparison
 * says why the rest was withheld.
 *
 * Decision. A link is the same statement when its wording is a near-copy (`identical` or
 * `edited`), or when it is a whole (not `partial`) link of high similarity ({@link SAME_STATEMENT_SIM})
 * whose two sides also share at least one anchor the engine recognises on its own: a fact with
 * the same canonical key or a reconciled name. A shared topic gives a paraphrase score; a shared
 * anchor beside it ties the two sentences to one event.
 */
import type { Doc } from '../doc/types.js';
import type { EntityIndex } from './quotes.js';
import type { AlignmentLink, Comparison, QuotePair, Relation } from './types.js';

/** Similarity a paraphrased link needs, between different stories, to count as one statement. */
export const SAME_STATEMENT_SIM = 0.6;

/** Relations at which findings are reported without the per-link test. */
const SAME_STORY_OR_CLOSER: ReadonlySet<Relation> = new Set<Relation>([
  'verbatim-copy',
  'edited-copy',
  'rewrite',
  'same-story',
]);

/** Anchors (fact keys, reconciled names) found on both sides of a link. */
function sharedAnchors(da: Doc, db: Doc, l: AlignmentLink, idx: EntityIndex): number {
  const sa = new Set(l.a);
  const sb = new Set(l.b);
  const keysA = new Set(da.facts.filter((f) => sa.has(f.sentence)).map((f) => f.key));
  let n = 0;
  for (const k of new Set(db.facts.filter((f) => sb.has(f.sentence)).map((f) => f.key)))
    if (keysA.has(k)) n++;
  const entsA = new Set(da.mentions.filter((m) => sa.has(m.sentence)).map((m) => idx.a.get(m.entity)));
  for (const e of new Set(db.mentions.filter((m) => sb.has(m.sentence)).map((m) => idx.b.get(m.entity))))
    if (e && entsA.has(e)) n++;
  return n;
}

/**
 * True when the two sides of a link are the same statement (see the module's decision).
 *
 * @example
 * ```ts
 * sameStatement(docA, docB, cmp.alignment[0], entityIndex(docA, docB, cmp.entities));
 * ```
 */
export function sameStatement(da: Doc, db: Doc, l: AlignmentLink, idx: EntityIndex): boolean {
  if (l.type === 'identical' || l.type === 'edited') return true;
  return l.type !== 'partial' && l.score >= SAME_STATEMENT_SIM && sharedAnchors(da, db, l, idx) > 0;
}

/**
 * Below the same-story relation, removes the typed changes, quote pairs and name variants that do not stand in a same-statement link, and records what was withheld in
 * `cmp.withheld`. Verbatim quotes stay (the same words are a fact either way). A name spelt in
 * several ways inside one version is withheld too unless a kept name change backs it: between
 * different stories the flag is mostly an inflection or a common noun, and a wrong flag costs more
 * than a missed one. Closer relations are left as they are.
 *
 * @example
 * ```ts
 * withholdBetweenStories(cmp, docA, docB, idx);
 * cmp.withheld; // { reason: 'different-stories', changes: 3, quotes: 1, names: 2 }
 * ```
 */
export function withholdBetweenStories(cmp: Comparison, da: Doc, db: Doc, idx: EntityIndex): void {
  if (SAME_STORY_OR_CLOSER.has(cmp.relation)) return;
  const ok = cmp.alignment.map((l) => sameStatement(da, db, l, idx));
  const changes = cmp.changes.filter((c) => ok[c.link]);
  const linkOf = (side: 'a' | 'b', s: number) =>
    cmp.alignment.findIndex((l) => (side === 'a' ? l.a : l.b).includes(s));
  const keepQuote = (q: QuotePair) => {
    if (q.relation === 'verbatim') return true;
    const ka = q.a ? linkOf('a', q.a.sentence) : -1;
    const kb = q.b ? linkOf('b', q.b.sentence) : -1;
    const k = q.a && q.b ? (ka === kb ? ka : -1) : Math.max(ka, kb);
    return k >= 0 && ok[k];
  };
  const quotes = cmp.quotes.filter(keepQuote);
  const named = new Set(changes.filter((c) => c.kind === 'name' && c.entity).map((c) => c.entity));
  let names = 0;
  for (const e of cmp.entities) {
    if (!e.variants || named.has(e.name)) continue;
    e.variants = false;
    names++;
  }
  const withheld = {
    changes: cmp.changes.length - changes.length,
    quotes: cmp.quotes.length - quotes.length,
    names,
  };
  cmp.changes = changes;
  cmp.quotes = quotes;
  // Change links are indices into `alignment`, which is untouched: they stay valid.
  if (withheld.changes + withheld.quotes + withheld.names)
    cmp.withheld = { reason: 'different-stories', ...withheld };
}
