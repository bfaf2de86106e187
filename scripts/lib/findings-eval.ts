/**
 * The eval's findings sections: the labelled findings set (`--only findings`) and the noise
 * figures added to the SemEval section (findings on different-story pairs, inflections among
 * names flagged as spelt differently).
 */

import { fileURLToPath } from 'node:url';
import type { Comparison } from '../../src/compare/types.js';
import type { Article } from '../../src/doc/types.js';
import {
  aggregate,
  extractFindings,
  type FindingLabel,
  type FindingsPair,
  loadFindingsSets,
  matchPair,
  type PairMatch,
  type Tally,
} from './findings.js';
import { errorMessage, num, pct, table } from './format.js';
import { isInflectionOnly } from './inflection.js';

/** The findings set shipped with the scripts. */
export const FINDINGS_DIR = fileURLToPath(new URL('../data/findings/', import.meta.url));

/** Gold Overall from which a SemEval pair counts as two different stories. */
export const DIFFERENT_STORY = 3.5;

const labelText = (l: FindingLabel): string =>
  `${l.kind}${l.detail ? `/${l.detail}` : ''}${l.a !== undefined || l.b !== undefined ? `: ${l.a ?? '·'} → ${l.b ?? '·'}` : ''}`;

const tallyRow = (label: string, t: Tally): string[] => [
  label,
  String(t.tp + t.fn),
  String(t.tp + t.fp),
  String(t.tp),
  String(t.fp),
  String(t.fn),
  pct(t.precision),
  pct(t.recall),
];

/**
 * Runs the engine on every labelled pair and scores its findings: precision and recall per kind
 * and per language, and the list of false positives and misses.
 *
 * @example
 * const r = await evalFindings(FINDINGS_DIR, (a, b) => compare(a, b));
 * for (const line of r.lines) console.log(line);
 */
export async function evalFindings(
  dir: string,
  comparePair: (a: Article, b: Article) => Promise<Comparison> | Comparison,
  limit?: number,
): Promise<{ lines: string[]; json: Record<string, unknown>; summary: string }> {
  const pairs: FindingsPair[] = loadFindingsSets(dir).slice(0, limit);
  const results: { pair: FindingsPair; lang: string; match: PairMatch; relation: string }[] = [];
  const failed: string[] = [];
  for (const p of pairs) {
    try {
      const cmp = await comparePair(
        { text: p.a.text, title: p.a.title, lang: p.a.lang, source: `${p.id}/a` },
        { text: p.b.text, title: p.b.title, lang: p.b.lang, source: `${p.id}/b` },
      );
      results.push({
        pair: p,
        lang: p.lang,
        match: matchPair(extractFindings(cmp), p),
        relation: cmp.relation,
      });
    } catch (err) {
      failed.push(`${p.id}: ${errorMessage(err)}`);
    }
  }
  const agg = aggregate(results);
  // The same tallies by pair type (rewrite, different-story …): where the noise comes from.
  const byType = aggregate(results.map((r) => ({ lang: r.pair.type, match: r.match }))).byLang;
  const lines: string[] = [];
  const head = ['', 'gold', 'found', 'TP', 'FP', 'FN', 'precision', 'recall'];
  const langs = [...new Set(pairs.map((p) => p.lang))].sort();
  lines.push(
    `  ${results.length} labelled pairs (${langs.map((l) => `${l} ${pairs.filter((p) => p.lang === l).length}`).join(', ')}) from ${dir}`,
    `  gold = labels that must appear; found = findings not tolerated by a "may" label; precision — when nothing was found\n`,
  );
  lines.push(
    table(
      head.map((h, i) => (i === 0 ? 'kind' : h)),
      [...Object.entries(agg.byKind).map(([k, t]) => tallyRow(k, t)), tallyRow('all', agg.all)],
      { align: ['l'] },
    ),
    '',
    table(
      head.map((h, i) => (i === 0 ? 'language' : h)),
      Object.entries(agg.byLang).map(([k, t]) => tallyRow(k, t)),
      { align: ['l'] },
    ),
    '',
    table(
      head.map((h, i) => (i === 0 ? 'pair type' : h)),
      Object.entries(byType).map(([k, t]) => tallyRow(k, t)),
      { align: ['l'] },
    ),
  );
  const fps = results.flatMap((r) =>
    r.match.falsePositives.map((fp) => ({
      id: r.pair.id,
      type: r.pair.type,
      reason: fp.reason,
      finding: fp.finding.text,
    })),
  );
  const misses = results.flatMap((r) =>
    r.match.misses.map((l) => ({
      id: r.pair.id,
      type: r.pair.type,
      label: labelText(l),
      relation: r.relation,
    })),
  );
  lines.push(`\n  false positives (${fps.length}):`);
  for (const f of fps) lines.push(`    ${f.id} [${f.type}] ${f.reason}: ${f.finding.slice(0, 140)}`);
  lines.push(`\n  misses (${misses.length}):`);
  for (const m of misses)
    lines.push(`    ${m.id} [${m.type}, engine: ${m.relation}] ${m.label.slice(0, 140)}`);
  if (failed.length) {
    lines.push(`\n  ${failed.length} pair(s) failed:`);
    for (const f of failed.slice(0, 5)) lines.push(`    - ${f.slice(0, 200)}`);
  }
  return {
    lines,
    json: {
      pairs: results.length,
      byKind: agg.byKind,
      byLang: agg.byLang,
      byType,
      all: agg.all,
      falsePositives: fps,
      misses,
      failed,
    },
    summary: `precision ${pct(agg.all.precision)}, recall ${pct(agg.all.recall)} (${agg.all.tp} hits, ${agg.all.fp} false positives, ${agg.all.fn} misses on ${results.length} pairs)`,
  };
}

interface LangCounts {
  pairs: number;
  different: number;
  differentWithChange: number;
  differentWithVariant: number;
  differentWithQuote: number;
  differentWithAny: number;
  flagged: number;
  inflections: number;
  examples: string[];
}

const emptyCounts = (): LangCounts => ({
  pairs: 0,
  different: 0,
  differentWithChange: 0,
  differentWithVariant: 0,
  differentWithQuote: 0,
  differentWithAny: 0,
  flagged: 0,
  inflections: 0,
  examples: [],
});

/**
 * Noise figures on SemEval pairs, per language pair: the share of different-story pairs (gold
 * Overall ≥ {@link DIFFERENT_STORY}) with any typed change or name variant (and, apart, quote
 * findings), and the share of entities flagged as spelt differently that are inflections of one
 * word ({@link isInflectionOnly}, with the endings of the pair's languages).
 *
 * @example
 * const noise = new SemevalFindings();
 * noise.add('de-de', 4, cmp);
 * noise.report().lines.forEach((l) => console.log(l));
 */
export class SemevalFindings {
  private readonly byLang = new Map<string, LangCounts>();

  add(
    lang: string,
    gold: number,
    cmp: Pick<Comparison, 'changes' | 'entities' | 'quotes' | 'a' | 'b'>,
  ): void {
    if (!this.byLang.has(lang)) this.byLang.set(lang, emptyCounts());
    const c = this.byLang.get(lang)!;
    c.pairs++;
    const variants = cmp.entities.filter((e) => e.variants);
    for (const e of variants) {
      c.flagged++;
      if (isInflectionOnly(e.forms.a, e.forms.b, lang.split('-'))) {
        c.inflections++;
        if (c.examples.length < 4) c.examples.push([...new Set([...e.forms.a, ...e.forms.b])].join('/'));
      }
    }
    if (gold < DIFFERENT_STORY) return;
    c.different++;
    const change = cmp.changes.length > 0;
    const variant = variants.length > 0;
    if (change) c.differentWithChange++;
    if (variant) c.differentWithVariant++;
    if (change || variant) c.differentWithAny++;
    if (extractFindings({ ...cmp, changes: [], entities: [] }).length > 0) c.differentWithQuote++;
  }

  report(): { lines: string[]; json: Record<string, unknown>; summary: string } {
    const total = emptyCounts();
    const rows: string[][] = [];
    const share = (x: number, n: number) => (n > 0 ? x / n : Number.NaN);
    const row = (lang: string, c: LangCounts) => {
      rows.push([
        lang,
        String(c.different),
        pct(share(c.differentWithAny, c.different)),
        pct(share(c.differentWithChange, c.different)),
        pct(share(c.differentWithVariant, c.different)),
        pct(share(c.differentWithQuote, c.different)),
        String(c.flagged),
        pct(share(c.inflections, c.flagged)),
        c.examples.slice(0, 2).join(', ') || '—',
      ]);
    };
    const json: Record<string, unknown> = {};
    for (const [lang, c] of [...this.byLang].sort(([x], [y]) => x.localeCompare(y))) {
      row(lang, c);
      for (const k of Object.keys(total) as (keyof LangCounts)[])
        if (k !== 'examples') (total[k] as number) += c[k] as number;
      total.examples.push(...c.examples.slice(0, 1));
      json[lang] = {
        ...c,
        shareDifferentWithAny: share(c.differentWithAny, c.different),
        shareInflections: share(c.inflections, c.flagged),
      };
    }
    row('all', total);
    const anyShare = share(total.differentWithAny, total.different);
    const inflShare = share(total.inflections, total.flagged);
    return {
      lines: [
        `\n  Findings on different stories (gold Overall ≥ ${DIFFERENT_STORY}) and inflections among names flagged as spelt differently`,
        `  any = a typed change or a name variant; inflection: forms equal after an apostrophe ending, or one the other`,
        `  plus a listed ending of the pair's languages (conservative: a lower bound; see scripts/lib/inflection.ts)\n`,
        table(
          [
            'languages',
            'different',
            'any',
            'changes',
            'variants',
            'quotes',
            'flagged names',
            'inflections',
            'e.g.',
          ],
          rows,
          { align: ['l'] },
        ),
      ],
      json: {
        threshold: DIFFERENT_STORY,
        byLang: json,
        shareDifferentWithAny: anyShare,
        shareInflections: inflShare,
        ...total,
      },
      summary: `${pct(anyShare)} of ${total.different} different-story pairs with findings; ${pct(inflShare)} of ${total.flagged} flagged names inflections (${num(total.inflections, 0)})`,
    };
  }
}
