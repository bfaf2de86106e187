import { describe, expect, it } from 'vitest';
import { reconcileEntities } from '../../src/compare/entities.js';
import { entityIndex, pairQuotes, tokensIn } from '../../src/compare/quotes.js';
import type { AlignmentLink } from '../../src/compare/types.js';
import type { Doc } from '../../src/doc/types.js';
import { doc, links, paras } from './helpers.js';

function quotePairs(a: Doc, b: Doc, ls: AlignmentLink[]) {
  const ents = reconcileEntities(a, b, ls);
  return pairQuotes(a, b, ls, entityIndex(a, b, ents));
}
const byText = (ps: ReturnType<typeof quotePairs>, s: string) =>
  ps.find((p) => p.a?.text.includes(s) || p.b?.text.includes(s));

const OPEN = 'Mayor Lotte Brinkhorst opened the bridge on Saturday.';

describe('pairQuotes', () => {
  it('pairs the same words as verbatim, with the speaker', () => {
    const text = paras(OPEN, '"We built this for our children," Brinkhorst said.');
    const ps = quotePairs(
      doc(text),
      doc(text),
      links([
        [[0], [0]],
        [[1], [1]],
      ]),
    );
    expect(ps).toHaveLength(1);
    expect(ps[0].relation).toBe('verbatim');
    expect(ps[0].score).toBe(1);
    expect(ps[0].speaker).toBe('Lotte Brinkhorst');
    expect(ps[0].a?.text).toBe('We built this for our children');
    expect(ps[0].b?.sentence).toBe(1);
  });

  it('finds a verbatim quote that moved to another part of the article', () => {
    const a = doc(
      paras(OPEN, 'The ceremony lasted an hour.', '"Traffic will be free for a month," she added.'),
    );
    const b = doc(
      paras('"Traffic will be free for a month," Brinkhorst said.', OPEN, 'The ceremony lasted an hour.'),
    );
    const ps = quotePairs(
      a,
      b,
      links([
        [[0], [1]],
        [[1], [2]],
      ]),
    );
    const q = byText(ps, 'Traffic');
    expect(q?.relation).toBe('verbatim');
    expect(q?.a?.sentence).toBe(2);
    expect(q?.b?.sentence).toBe(0);
  });

  it('marks a quote with changed words as reworded, with the word diff', () => {
    const a = doc(paras(OPEN, '"This bridge connects our two halves," Brinkhorst said.'));
    const b = doc(paras(OPEN, '"This bridge finally connects the two halves of our city," Brinkhorst said.'));
    const ps = quotePairs(
      a,
      b,
      links([
        [[0], [0]],
        [[1], [1]],
      ]),
    );
    expect(ps).toHaveLength(1);
    expect(ps[0].relation).toBe('reworded');
    expect(ps[0].score).toBeGreaterThan(0.3);
    expect(ps[0].score).toBeLessThan(1);
    expect(ps[0].diff).toContainEqual({ op: 'insert', text: 'finally' });
    expect(ps[0].diff?.filter((d) => d.op === 'equal').map((d) => d.text)).toContain('two halves');
  });

  it('finds a quote turned into reported speech (direct → indirect)', () => {
    const a = doc(paras(OPEN, '"Traffic will be free for a month," Brinkhorst said.'));
    const b = doc(paras(OPEN, 'Brinkhorst said traffic would be free for a month.'));
    const ps = quotePairs(
      a,
      b,
      links([
        [[0], [0]],
        [[1], [1]],
      ]),
    );
    expect(ps).toHaveLength(1);
    expect(ps[0].relation).toBe('direct-to-indirect');
    expect(ps[0].b).toBeUndefined();
    expect(ps[0].indirect).toEqual({
      side: 'b',
      sentences: [1],
      text: 'Brinkhorst said traffic would be free for a month.',
    });
    expect(ps[0].speaker).toBe('Lotte Brinkhorst');
  });

  it('finds reported speech turned into a quote (indirect → direct)', () => {
    const a = doc(paras(OPEN, 'Brinkhorst said traffic would be free for a month.'));
    const b = doc(paras(OPEN, '"Traffic will be free for a month," Brinkhorst said.'));
    const ps = quotePairs(
      a,
      b,
      links([
        [[0], [0]],
        [[1], [1]],
      ]),
    );
    expect(ps.map((p) => p.relation)).toEqual(['indirect-to-direct']);
    expect(ps[0].indirect?.side).toBe('a');
    expect(ps[0].a).toBeUndefined();
  });

  it('calls a different quote by the same speaker in the same place a different quote', () => {
    const a = doc(paras(OPEN, '"We built this for our children," Brinkhorst said.'));
    const b = doc(paras(OPEN, '"It is a great day for the city," Brinkhorst said.'));
    const ps = quotePairs(
      a,
      b,
      links([
        [[0], [0]],
        [[1], [1]],
      ]),
    );
    expect(ps.map((p) => p.relation)).toEqual(['different-quote']);
    expect(ps[0].speaker).toBe('Lotte Brinkhorst');
  });

  it('leaves quotes with no counterpart as only-a / only-b', () => {
    const a = doc(paras(OPEN, '"We built this for our children," Brinkhorst said.'));
    const b = doc(
      paras(OPEN, 'Fishermen complained. "Nobody asked us about the height of the span," one skipper said.'),
    );
    const ps = quotePairs(a, b, links([[[0], [0]]]));
    expect(ps.map((p) => p.relation).sort()).toEqual(['only-a', 'only-b']);
    expect(byText(ps, 'children')?.a?.text).toBe('We built this for our children');
    expect(byText(ps, 'Nobody asked')?.b).toBeDefined();
  });

  it('orders pairs by their position in a, one-sided b quotes last', () => {
    const a = doc(
      paras(OPEN, '"First words here," Brinkhorst said.', '"Second words here," Brinkhorst said.'),
    );
    const b = doc(
      paras('"Something new entirely," a skipper said.', OPEN, '"Second words here," Brinkhorst said.'),
    );
    const ps = quotePairs(
      a,
      b,
      links([
        [[0], [1]],
        [[2], [2]],
      ]),
    );
    expect(ps.map((p) => p.relation)).toEqual(['only-a', 'verbatim', 'only-b']);
  });

  it('gives nothing when neither side quotes anyone', () => {
    const text = paras(OPEN, 'The ceremony lasted an hour.');
    expect(quotePairs(doc(text), doc(text), links([[[0], [0]]]))).toEqual([]);
  });
});

describe('entityIndex', () => {
  it('maps the local entities of both sides to the reconciled ones', () => {
    const a = doc('Mayor Lotte Brinkhorst met Tobold Quarrington.');
    const b = doc('Tobold Quarrington met mayor Lotte Brinkhorst.');
    const ents = reconcileEntities(a, b, links([[[0], [0]]]));
    const idx = entityIndex(a, b, ents);
    for (const e of a.entities) expect(idx.a.get(e.id)?.forms.a).toContain(e.name);
    for (const e of b.entities) expect(idx.b.get(e.id)?.forms.b).toContain(e.name);
    const lotteA = a.entities.find((e) => e.name === 'Lotte Brinkhorst')!;
    const lotteB = b.entities.find((e) => e.name === 'Lotte Brinkhorst')!;
    expect(idx.a.get(lotteA.id)).toBe(idx.b.get(lotteB.id));
  });
});

describe('tokensIn', () => {
  it('returns the tokens inside an offset range', () => {
    const d = doc('The bridge opened on Saturday after years of delay.');
    const start = d.text.indexOf('opened');
    const end = d.text.indexOf(' after');
    expect(tokensIn(d, [0], start, end).map((t) => t.text)).toEqual(['opened', 'on', 'Saturday']);
    expect(tokensIn(d, [], 0, d.text.length)).toEqual([]);
  });
});
