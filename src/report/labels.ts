import type { Comparison, Derivation, QuotePair, ReconciledEntity, Side } from '../compare/types.js';

/** Names of the relations for people, shared by every renderer. */
export const RELATION_LABEL: Record<Comparison['relation'], string> = {
  'verbatim-copy': 'Verbatim copy',
  'edited-copy': 'Edited copy',
  rewrite: 'Rewrite or translation',
  'same-story': 'Same story, reported separately',
  related: 'Related story',
  unrelated: 'Unrelated',
};

/** Names of the quote classifications for people. */
export const QUOTE_LABEL: Record<QuotePair['relation'], string> = {
  verbatim: 'verbatim',
  reworded: 'reworded',
  'direct-to-indirect': 'direct → indirect',
  'indirect-to-direct': 'indirect → direct',
  'different-quote': 'different quote',
  'only-a': 'only in a',
  'only-b': 'only in b',
};

/** The derivation verdict for people; `unknown` is the phrase used when no direction is known. */
export function derivationLabel(d: Derivation, unknown: string): string {
  if (d.direction === 'a->b') return 'b is likely derived from a';
  if (d.direction === 'b->a') return 'a is likely derived from b';
  return unknown;
}

/**
 * The people one version itself names in more than one way, with that side's forms, in entity
 * order: a finding of its own, apart from the names the two versions spell differently.
 *
 * @example
 * ```ts
 * inconsistentSpellings(cmp); // [{ entity, side: 'a', forms: ['Annalena Berbock', 'Bairbock'] }]
 * ```
 */
export function inconsistentSpellings(
  cmp: Comparison,
): { entity: ReconciledEntity; side: Side; forms: string[] }[] {
  const out: { entity: ReconciledEntity; side: Side; forms: string[] }[] = [];
  for (const e of cmp.entities)
    for (const side of ['a', 'b'] as const) {
      const forms = e.inconsistentSpellings?.[side];
      if (forms?.length) out.push({ entity: e, side, forms });
    }
  return out;
}
