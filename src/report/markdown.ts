import type { Comparison, DiffOp } from '../compare/types.js';
import { pct, sharedItems } from './format.js';
import { inconsistentSpellings } from './labels.js';
import { linkRef, sortedLinks } from './terminal.js';

/** Escapes text for Markdown (so article text cannot inject links, HTML or formatting). */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

const diffMd = (ops: DiffOp[]) =>
  ops
    .map((o) =>
      o.op === 'equal'
        ? mdEscape(o.text)
        : o.op === 'delete'
          ? `~~${mdEscape(o.text)}~~`
          : `**${mdEscape(o.text)}**`,
    )
    .join(' ');

/**
 * Renders a comparison as GitHub-flavoured Markdown: verdict, names, quotes, changes, one-sided
 * sentences, dimensions and the alignment table.
 *
 * @example
 * ```ts
 * fs.writeFileSync('report.md', renderMarkdown(cmp));
 * ```
 */
export function renderMarkdown(cmp: Comparison): string {
  const o: string[] = [];
  const label = (s: Comparison['a']) => mdEscape(s.title ?? s.source ?? '');
  o.push(`# storydiff: ${label(cmp.a) || 'a'} vs ${label(cmp.b) || 'b'}`, '');
  o.push(`**Verdict:** ${mdEscape(cmp.summary)}`, '');
  o.push('| | |', '|---|---|');
  o.push(`| relation | ${cmp.relation} |`);
  o.push(`| overall similarity | ${cmp.scores.overall.toFixed(2)} |`);
  o.push(`| a in b / b in a | ${pct(cmp.scores.containment.aInB)} / ${pct(cmp.scores.containment.bInA)} |`);
  o.push(`| SemEval estimate (1 similar … 4 dissimilar) | ${cmp.scores.semeval.toFixed(2)} |`);
  o.push(
    `| derivation | ${cmp.derivation.direction} (${cmp.derivation.confidence.toFixed(2)}): ${mdEscape(cmp.derivation.reasons.join('; '))} |`,
    '',
  );
  const variants = cmp.entities.filter((e) => e.variants);
  if (variants.length) {
    o.push('## Names spelt differently', '');
    for (const e of variants) {
      o.push(
        `- **${mdEscape(e.name)}** — a: ${mdEscape(e.forms.a.join(', ') || '—')}; b: ${mdEscape(e.forms.b.join(', ') || '—')}`,
      );
      if (e.evidence.length) o.push(`  - evidence: ${mdEscape(e.evidence.join('; '))}`);
    }
    o.push('');
  }
  const inconsistent = inconsistentSpellings(cmp);
  if (inconsistent.length) {
    o.push('## Names spelt inconsistently within one version', '');
    for (const x of inconsistent)
      o.push(`- **${mdEscape(x.entity.name)}** — ${x.side}: ${mdEscape(x.forms.join(', '))}`);
    o.push('');
  }
  if (cmp.quotes.length) {
    o.push('## Quotes', '', '| relation | speaker | a | b |', '|---|---|---|---|');
    for (const q of cmp.quotes) {
      const b = q.b ? mdEscape(q.b.text) : q.indirect ? `_(reported)_ ${mdEscape(q.indirect.text)}` : '';
      const a = q.a
        ? mdEscape(q.a.text)
        : q.indirect?.side === 'a'
          ? `_(reported)_ ${mdEscape(q.indirect.text)}`
          : '';
      o.push(`| ${q.relation} | ${mdEscape(q.speaker ?? '')} | ${a} | ${b} |`);
    }
    o.push('');
  }
  if (cmp.changes.length) {
    o.push('## Changes in corresponding sentences', '');
    for (const c of cmp.changes) o.push(`- **${c.kind}** ${mdEscape(c.message)} (${linkRef(c.sentences)})`);
    o.push('');
  }
  for (const side of ['a', 'b'] as const) {
    const idx = side === 'a' ? cmp.onlyA : cmp.onlyB;
    if (!idx.length) continue;
    o.push(`## Only in ${side}`, '');
    for (const i of idx) o.push(`- ${side}${i + 1}: ${mdEscape(cmp[side].sentences[i].text)}`);
    o.push('');
  }
  o.push('## Dimensions', '', '| dimension | score | shared | only a | only b |', '|---|---|---|---|---|');
  for (const [k, v] of Object.entries(cmp.scores.dimensions)) {
    o.push(
      `| ${k} | ${v.score.toFixed(2)} | ${mdEscape(sharedItems(v).join(', '))} | ${mdEscape(v.onlyA.join(', '))} | ${mdEscape(v.onlyB.join(', '))} |`,
    );
  }
  o.push('', '## Alignment', '', '| link | type | score | diff (a → b) |', '|---|---|---|---|');
  for (const l of sortedLinks(cmp.alignment)) {
    o.push(
      `| ${linkRef(l)} | ${l.type}${l.moved ? ', moved' : ''} | ${l.score.toFixed(2)} | ${diffMd(l.diff)} |`,
    );
  }
  return `${o.join('\n')}\n`;
}
