/**
 * Word-level diff of two token runs (jsdiff's Myers diff), and the share of words it keeps.
 *
 * Decision. Words compare by folded form or by stem, so inflection ("talks"/"talk") is not shown
 * as an edit; punctuation is left out. Past {@link MAX_EDITS} edits the diff is reported as one
 * replacement: such a diff tells a reader nothing and its cost grows with the edits.
 */
import { diffArrays } from 'diff';
import type { Token } from '../text/types.js';
import type { DiffOp } from './types.js';

/** Beyond this many edits a diff is not informative: report it as a whole replacement. */
const MAX_EDITS = 400;

/**
 * Word-level diff between two token runs. Words are equal when their folded forms are equal, or
 * their stems are (so "talks" and "talk" show as unchanged wording); punctuation is dropped.
 *
 * @example
 * ```ts
 * wordDiff(tokensA, tokensB); // [{ op: 'equal', text: 'return to mutual' }, { op: 'delete', text: 'compliance' }, ...]
 * ```
 */
export function wordDiff(a: Token[], b: Token[]): DiffOp[] {
  const wa = a.filter((t) => t.kind === 'word' || t.kind === 'number');
  const wb = b.filter((t) => t.kind === 'word' || t.kind === 'number');
  const changes = diffArrays(wa, wb, {
    comparator: (x: Token, y: Token) => x.norm === y.norm || (x.kind === 'word' && x.stem === y.stem),
    maxEditLength: MAX_EDITS,
  });
  const ops: DiffOp[] = [];
  const push = (op: DiffOp['op'], toks: Token[]) => {
    if (!toks.length) return;
    const text = toks.map((t) => t.text).join(' ');
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += ` ${text}`;
    else ops.push({ op, text });
  };
  if (!changes) {
    push('delete', wa);
    push('insert', wb);
    return ops;
  }
  let ia = 0;
  let ib = 0;
  for (const c of changes) {
    const n = c.count ?? c.value.length;
    if (c.added) {
      push('insert', wb.slice(ib, ib + n));
      ib += n;
    } else if (c.removed) {
      push('delete', wa.slice(ia, ia + n));
      ia += n;
    } else {
      // Keep b's surface for equal runs, as jsdiff does.
      push('equal', wb.slice(ib, ib + n));
      ia += n;
      ib += n;
    }
  }
  return ops;
}

/** Share of words kept unchanged: 2·equal / (words in a + words in b). */
export function diffRatio(ops: DiffOp[]): number {
  let eq = 0;
  let del = 0;
  let ins = 0;
  for (const o of ops) {
    const n = o.text ? o.text.split(' ').length : 0;
    if (o.op === 'equal') eq += n;
    else if (o.op === 'delete') del += n;
    else ins += n;
  }
  const total = 2 * eq + del + ins;
  return total ? (2 * eq) / total : 1;
}
