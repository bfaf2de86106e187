import { describe, expect, it } from 'vitest';
import type { DiffOp } from '../../src/compare/types.js';
import { diffRatio, wordDiff } from '../../src/compare/wdiff.js';
import { doc } from './helpers.js';

const toks = (s: string) => doc(s).tokens.flat();
const diff = (a: string, b: string) => wordDiff(toks(a), toks(b));
/** Reads a diff back into the a and b word sequences. */
const sides = (ops: DiffOp[]) => ({
  a: ops.filter((o) => o.op !== 'insert').flatMap((o) => o.text.split(' ')),
  b: ops.filter((o) => o.op !== 'delete').flatMap((o) => o.text.split(' ')),
});

describe('wordDiff', () => {
  it('is one equal run for the same words, punctuation dropped', () => {
    expect(
      diff('Talks resumed in Geneva, officials said.', 'Talks resumed in Geneva, officials said.'),
    ).toEqual([{ op: 'equal', text: 'Talks resumed in Geneva officials said' }]);
  });

  it('marks a replaced word as delete then insert between equal runs', () => {
    expect(
      diff(
        'Minister Marieke Vandersloot spoke in Rotterdam.',
        'Minister Marieke Vanderslot spoke in Rotterdam.',
      ),
    ).toEqual([
      { op: 'equal', text: 'Minister Marieke' },
      { op: 'delete', text: 'Vandersloot' },
      { op: 'insert', text: 'Vanderslot' },
      { op: 'equal', text: 'spoke in Rotterdam' },
    ]);
  });

  it('ignores case and diacritics, keeping the b surface', () => {
    expect(diff('The CAFE reopened.', 'The café reopened!')).toEqual([
      { op: 'equal', text: 'The café reopened' },
    ]);
  });

  it('loses no words: the diff reads back into both sides', () => {
    const a = 'The council approved the budget on Tuesday after a long and bitter debate.';
    const b = 'After a bitter debate the city council finally approved its budget on Tuesday.';
    const words = (s: string) =>
      toks(s)
        .filter((t) => t.kind === 'word' || t.kind === 'number')
        .map((t) => t.text);
    const s = sides(diff(a, b));
    expect(s.a.map((w) => w.toLowerCase())).toEqual(words(a).map((w) => w.toLowerCase()));
    expect(s.b).toEqual(words(b));
  });

  it('merges neighbouring ops of the same kind', () => {
    const ops = diff('One two three.', 'Four five six.');
    expect(ops).toEqual([
      { op: 'delete', text: 'One two three' },
      { op: 'insert', text: 'Four five six' },
    ]);
  });

  it('handles an empty side', () => {
    expect(wordDiff([], toks('New words here.'))).toEqual([{ op: 'insert', text: 'New words here' }]);
    expect(wordDiff(toks('Old words here.'), [])).toEqual([{ op: 'delete', text: 'Old words here' }]);
    expect(wordDiff([], [])).toEqual([]);
  });

  it('keeps a long diff with few edits exact', () => {
    const word = (i: number) =>
      `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
    const a = Array.from({ length: 600 }, (_, i) => word(i)).join(' ');
    const b = a.replace(word(300), 'changed');
    expect(diff(`${a}.`, `${b}.`).map((o) => o.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
  });

  it('gives up on hopeless diffs with one delete and one insert', () => {
    // 600 words replaced, each between two kept words: 1,200 edits, far more than worth showing.
    const word = (p: string, i: number) =>
      p + String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + Math.floor(i / 26));
    const a = Array.from({ length: 600 }, (_, i) => `${word('al', i)} ${word('kept', i)}`).join(' ');
    const b = Array.from({ length: 600 }, (_, i) => `${word('be', i)} ${word('kept', i)}`).join(' ');
    const ops = diff(`${a}.`, `${b}.`);
    expect(ops.map((o) => o.op)).toEqual(['delete', 'insert']);
    expect(ops[0].text.split(' ')).toHaveLength(1200);
    expect(ops[1].text.split(' ')).toHaveLength(1200);
  });
});

describe('diffRatio', () => {
  it('is 1 for no change and for an empty diff', () => {
    expect(diffRatio([{ op: 'equal', text: 'a b c' }])).toBe(1);
    expect(diffRatio([])).toBe(1);
  });

  it('is 0 when nothing is shared', () => {
    expect(
      diffRatio([
        { op: 'delete', text: 'a' },
        { op: 'insert', text: 'b' },
      ]),
    ).toBe(0);
  });

  it('is 2·equal / (words in a + words in b)', () => {
    const ops: DiffOp[] = [
      { op: 'equal', text: 'a b' },
      { op: 'delete', text: 'c' },
      { op: 'insert', text: 'd e' },
    ];
    // a = a b c (3 words), b = a b d e (4 words): 2·2 / 7.
    expect(diffRatio(ops)).toBeCloseTo(4 / 7, 10);
  });
});

describe('wordDiff: regressions', () => {
  it('treats words with the same stem as unchanged wording', () => {
    const ops = diff('The talks resumed on Monday.', 'Talk resumed Monday, officials said.');
    expect(ops.some((o) => o.op === 'equal' && /Talk/.test(o.text))).toBe(true);
  });
});
