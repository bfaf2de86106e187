import type { AlignmentLink, Change, Comparison, DiffOp } from '../compare/types.js';
import { pct, sharedItems, wrap } from './format.js';
import { derivationLabel, inconsistentSpellings, QUOTE_LABEL, RELATION_LABEL } from './labels.js';

/** Options of {@link renderTerminal}. */
export interface TerminalOptions {
  /** Use ANSI colours. The CLI sets this from `process.stdout.isTTY` and `NO_COLOR`. Default false. */
  color?: boolean;
  /** Print the aligned text section. Default true. */
  alignment?: boolean;
  /** Line width for wrapping. Default 100. */
  width?: number;
}

type Paint = (s: string) => string;

/** ANSI styles, or identity functions when colour is off. */
export function palette(on: boolean) {
  const c =
    (open: number, close: number): Paint =>
    (s) =>
      on ? `\x1b[${open}m${s}\x1b[${close}m` : s;
  return {
    bold: c(1, 22),
    dim: c(2, 22),
    red: c(31, 39),
    green: c(32, 39),
    yellow: c(33, 39),
    cyan: c(36, 39),
    magenta: c(35, 39),
  };
}

const RELATION = Object.fromEntries(
  Object.entries(RELATION_LABEL).map(([k, v]) => [k, v.toUpperCase()]),
) as typeof RELATION_LABEL;

const sentRef = (side: 'a' | 'b', idx: number[]) => idx.map((i) => `${side}${i + 1}`).join('+');
export const linkRef = (l: { a: number[]; b: number[] }) => `${sentRef('a', l.a)} ↔ ${sentRef('b', l.b)}`;

/** Renders a diff with [-deleted-] and {+inserted+} markers (or colours). */
export function renderDiff(ops: DiffOp[], p: ReturnType<typeof palette>, color: boolean): string {
  return ops
    .map((o) => {
      if (o.op === 'equal') return o.text;
      if (o.op === 'delete') return color ? p.red(`-${o.text}`) : `[-${o.text}-]`;
      return color ? p.green(`+${o.text}`) : `{+${o.text}+}`;
    })
    .join(' ');
}

function changeLine(c: Change): string {
  return `${c.kind.padEnd(12)}${c.message}`;
}

/**
 * Renders a comparison for a terminal: the verdict first, then the changes that matter (names,
 * quotes, typed changes, one-sided passages), then the dimensions and the aligned text.
 *
 * @example
 * ```ts
 * process.stdout.write(renderTerminal(cmp, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 * ```
 */
export function renderTerminal(cmp: Comparison, opts: TerminalOptions = {}): string {
  const color = opts.color ?? false;
  const width = opts.width ?? 100;
  const p = palette(color);
  const out: string[] = [];
  const name = (s: Comparison['a']) => (s.title ?? s.source ?? '') || 'untitled';
  out.push(
    p.dim(
      `a: ${name(cmp.a)} (${cmp.a.sentences.length} sentences, ${cmp.a.words} words, ${cmp.a.lang})   b: ${name(cmp.b)} (${cmp.b.sentences.length} sentences, ${cmp.b.words} words, ${cmp.b.lang})`,
    ),
  );
  out.push('');
  out.push(
    `${p.bold(RELATION[cmp.relation])}  ${p.dim('similarity')} ${p.bold(cmp.scores.overall.toFixed(2))}`,
  );
  out.push(
    `  ${pct(cmp.scores.containment.aInB)} of a is in b, ${pct(cmp.scores.containment.bInA)} of b is in a`,
  );
  const d = cmp.derivation;
  const dir = derivationLabel(d, 'derivation unknown');
  out.push(
    wrap(
      `${dir}${d.direction !== 'unknown' ? ` (confidence ${d.confidence.toFixed(2)})` : ''}: ${d.reasons.join('; ')}`,
      width,
      '  ',
    ),
  );
  out.push(`  SemEval estimate ${cmp.scores.semeval.toFixed(2)} (1 = very similar … 4 = very dissimilar)`);

  const variants = cmp.entities.filter((e) => e.variants && (e.kind === 'person' || e.kind === 'other'));
  if (variants.length) {
    out.push('', p.bold('NAMES SPELT DIFFERENTLY'));
    for (const e of variants) {
      out.push(
        `  ${p.yellow(e.name)}  a: ${e.forms.a.join(', ') || '—'}   b: ${e.forms.b.join(', ') || '—'}`,
      );
      if (e.evidence.length) out.push(p.dim(wrap(`why the same: ${e.evidence.join('; ')}`, width, '      ')));
    }
  }
  const inconsistent = inconsistentSpellings(cmp);
  if (inconsistent.length) {
    out.push('', p.bold('NAMES SPELT INCONSISTENTLY WITHIN ONE VERSION'));
    for (const x of inconsistent) out.push(`  ${p.yellow(x.entity.name)}  ${x.side}: ${x.forms.join(', ')}`);
  }
  const quotes = cmp.quotes.filter((q) => q.relation !== 'verbatim');
  if (cmp.quotes.length) {
    out.push(
      '',
      p.bold(
        `QUOTES (${cmp.quotes.length - quotes.length} verbatim, ${quotes.length} changed, dropped or added)`,
      ),
    );
    for (const q of quotes) {
      const who = q.speaker ? `${q.speaker}: ` : '';
      const where = [q.a ? `a${q.a.sentence + 1}` : '', q.b ? `b${q.b.sentence + 1}` : '']
        .filter(Boolean)
        .join(' ↔ ');
      out.push(`  ${p.cyan(QUOTE_LABEL[q.relation].padEnd(18))}${who}${p.dim(`[${where}]`)}`);
      if (q.a) out.push(wrap(`a: “${q.a.text}”`, width, '      '));
      if (q.b) out.push(wrap(`b: “${q.b.text}”`, width, '      '));
      if (q.indirect)
        out.push(p.dim(wrap(`${q.indirect.side} (reported): ${q.indirect.text}`, width, '      ')));
      if (q.diff)
        out.push(
          wrap(
            `words: ${renderDiff(
              q.diff.filter((o) => o.op !== 'equal'),
              p,
              color,
            )}`,
            width,
            '      ',
          ),
        );
    }
  }
  const changes = cmp.changes.filter((c) => c.kind !== 'name');
  if (changes.length) {
    out.push('', p.bold('CHANGES IN CORRESPONDING SENTENCES'));
    for (const c of changes) out.push(wrap(`${changeLine(c)} [${linkRef(c.sentences)}]`, width, '  '));
  }
  const one = (side: 'a' | 'b') => {
    const idx = side === 'a' ? cmp.onlyA : cmp.onlyB;
    if (!idx.length) return;
    const paras = side === 'a' ? cmp.paragraphsOnlyA : cmp.paragraphsOnlyB;
    const s = cmp[side].sentences;
    out.push(
      '',
      p.bold(
        `ONLY IN ${side.toUpperCase()} (${idx.length} sentence${idx.length > 1 ? 's' : ''}${paras.length ? `, ${paras.length} whole paragraph${paras.length > 1 ? 's' : ''}` : ''})`,
      ),
    );
    for (const i of idx)
      out.push((side === 'a' ? p.red : p.green)(wrap(`${side}${i + 1}  ${s[i].text}`, width, '  ')));
  };
  one('a');
  one('b');

  out.push('', p.bold('DIMENSIONS'));
  for (const [k, v] of Object.entries(cmp.scores.dimensions)) {
    const ev = [
      v.shared.length || v.changed?.length ? `shared: ${sharedItems(v).slice(0, 6).join(', ')}` : '',
      v.onlyA.length ? `only a: ${v.onlyA.slice(0, 4).join(', ')}` : '',
      v.onlyB.length ? `only b: ${v.onlyB.slice(0, 4).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    out.push(wrap(`${k.padEnd(10)} ${v.score.toFixed(2)}  ${ev}`, width, '  ').replace(/^ {2}/, '  '));
  }

  if (opts.alignment ?? true) {
    out.push('', p.bold(`ALIGNMENT (${cmp.alignment.length} links)`));
    for (const l of sortedLinks(cmp.alignment)) {
      const tag = `${l.type}${l.moved ? ', moved' : ''}`;
      out.push(`  ${p.bold(linkRef(l))}  ${p.dim(`${tag} ${l.score.toFixed(2)}`)}`);
      if (l.type === 'identical') {
        out.push(wrap(l.a.map((i) => cmp.a.sentences[i].text).join(' '), width, '      '));
        continue;
      }
      out.push(wrap(`a: ${l.a.map((i) => cmp.a.sentences[i].text).join(' ')}`, width, '      '));
      out.push(wrap(`b: ${l.b.map((j) => cmp.b.sentences[j].text).join(' ')}`, width, '      '));
    }
  }
  return `${out.join('\n')}\n`;
}

/** Links in reading order of a. */
export function sortedLinks(links: AlignmentLink[]): AlignmentLink[] {
  return [...links].sort((x, y) => x.a[0] - y.a[0] || x.b[0] - y.b[0]);
}
