import { describe, expect, it } from 'vitest';
import { type AlignOptions, align, combine, movedLinks, simMatrix } from '../../src/compare/align.js';
import { pairFeatures } from '../../src/compare/features.js';
import { doc, paras } from './helpers.js';

const S = {
  budget: 'The city council approved the new harbour budget on Tuesday after a long debate.',
  schools: 'The mayor said the plan would fund twelve new schools across the district.',
  taxes: 'Opposition members argued that property taxes would rise for most families.',
  vote: 'The vote passed by a narrow margin of two seats.',
  storm: 'A storm flooded the marina and sank three fishing boats overnight.',
};

function alignTexts(a: string, b: string, opts?: AlignOptions) {
  const f = pairFeatures(doc(a), doc(b));
  return align(f, simMatrix(f), opts);
}
const pairsOf = (ls: { a: number[]; b: number[] }[]) => ls.map((l) => `${l.a.join('+')}-${l.b.join('+')}`);

describe('align', () => {
  it('links identical articles sentence by sentence with similarity 1', () => {
    const text = paras(S.budget, S.schools, S.taxes, S.vote);
    const ls = alignTexts(text, text);
    expect(pairsOf(ls)).toEqual(['0-0', '1-1', '2-2', '3-3']);
    for (const l of ls) {
      expect(l.sim).toBeCloseTo(1, 5);
      expect(l.partial).toBe(false);
    }
  });

  it('finds swapped paragraphs, and movedLinks flags exactly one of them', () => {
    const a = paras(S.budget, S.schools, S.taxes, S.vote);
    const b = paras(S.budget, S.taxes, S.schools, S.vote);
    const ls = alignTexts(a, b);
    expect(pairsOf(ls).sort()).toEqual(['0-0', '1-2', '2-1', '3-3']);
    const moved = movedLinks(ls);
    expect(moved.filter(Boolean)).toHaveLength(1);
    const movedPair = pairsOf(ls.filter((_, k) => moved[k]))[0];
    expect(['1-2', '2-1']).toContain(movedPair);
    // The links that kept their order are not moved.
    ls.forEach((l, k) => {
      if (l.a[0] === 0 || l.a[0] === 3) expect(moved[k]).toBe(false);
    });
  });

  it('links a sentence split in two as one n:m link', () => {
    const a = paras(
      S.budget,
      'The mayor said the plan would fund twelve new schools across the district and hire two hundred extra teachers.',
      S.taxes,
    );
    const b = paras(
      S.budget,
      'The mayor said the plan would fund twelve new schools across the district. The district will also hire two hundred extra teachers.',
      S.taxes,
    );
    const ls = alignTexts(a, b);
    expect(pairsOf(ls)).toEqual(['0-0', '1-1+2', '2-3']);
  });

  it('links two sentences merged into one as one n:m link', () => {
    const a = paras(
      S.budget,
      'The mayor said the plan would fund twelve new schools across the district. The district will also hire two hundred extra teachers.',
    );
    const b = paras(
      S.budget,
      'The mayor said the plan would fund twelve new schools across the district and hire two hundred extra teachers.',
    );
    expect(pairsOf(alignTexts(a, b))).toEqual(['0-0', '1+2-1']);
  });

  it('leaves an unrelated sentence unlinked', () => {
    const a = paras(S.budget, S.schools, S.vote);
    const b = paras(S.budget, S.schools, S.storm, S.vote);
    const ls = alignTexts(a, b);
    expect(pairsOf(ls)).toEqual(['0-0', '1-1', '2-3']);
    expect(ls.some((l) => l.b.includes(2))).toBe(false);
  });

  it('links nothing between unrelated articles', () => {
    expect(alignTexts(paras(S.budget, S.vote), paras(S.storm))).toEqual([]);
  });

  it('respects a stricter minimum similarity', () => {
    const a = paras(S.budget, S.schools);
    const b = paras(S.budget, 'The mayor said twelve schools would be built in the district with the money.');
    expect(alignTexts(a, b)).toHaveLength(2);
    const strict = alignTexts(a, b, { minSim: 0.95, minSimContext: 0.95, minPartial: 0.99 });
    expect(pairsOf(strict)).toEqual(['0-0']);
  });

  it('returns links sorted by their first a sentence, with sorted indices', () => {
    const a = paras(S.vote, S.taxes, S.schools, S.budget);
    const b = paras(S.budget, S.schools, S.taxes, S.vote);
    const ls = alignTexts(a, b);
    expect(ls.map((l) => l.a[0])).toEqual([0, 1, 2, 3]);
    for (const l of ls) {
      expect(l.a).toEqual([...l.a].sort((x, y) => x - y));
      expect(l.b).toEqual([...l.b].sort((x, y) => x - y));
    }
  });
});

describe('movedLinks', () => {
  const L = (pairs: [number, number][]) => pairs.map(([a, b]) => ({ a: [a], b: [b] }));

  it('marks nothing for links in order', () => {
    expect(
      movedLinks(
        L([
          [0, 0],
          [1, 1],
          [2, 3],
          [3, 4],
        ]),
      ),
    ).toEqual([false, false, false, false]);
    expect(movedLinks([])).toEqual([]);
  });

  it('marks the one link that jumped ahead', () => {
    // b order 0, 3, 1, 2: the longest run in order is 0, 1, 2, so a1→b3 moved.
    expect(
      movedLinks(
        L([
          [0, 0],
          [1, 3],
          [2, 1],
          [3, 2],
        ]),
      ),
    ).toEqual([false, true, false, false]);
  });

  it('marks a link that moved from the end to the start', () => {
    expect(
      movedLinks(
        L([
          [0, 4],
          [1, 0],
          [2, 1],
          [3, 2],
          [4, 3],
        ]),
      ),
    ).toEqual([true, false, false, false, false]);
  });

  it('reports in the order the links were given, whatever their a order', () => {
    expect(
      movedLinks(
        L([
          [2, 2],
          [0, 0],
          [1, 1],
        ]),
      ),
    ).toEqual([false, false, false]);
    expect(
      movedLinks(
        L([
          [1, 3],
          [3, 2],
          [0, 0],
          [2, 1],
        ]),
      ),
    ).toEqual([true, false, false, false]);
  });

  it('keeps the longest in-order run when the order is reversed', () => {
    const moved = movedLinks(
      L([
        [0, 2],
        [1, 1],
        [2, 0],
      ]),
    );
    expect(moved.filter(Boolean)).toHaveLength(2);
  });

  it('uses the first index of n:m links', () => {
    const moved = movedLinks([
      { a: [0], b: [0, 1] },
      { a: [1, 2], b: [4] },
      { a: [3], b: [2, 3] },
    ]);
    expect(moved).toEqual([false, true, false]);
  });
});

describe('combine', () => {
  it('is 1 for full coverage and identical grams, 0 for nothing', () => {
    expect(combine(1, 1, 1)).toBeCloseTo(1);
    expect(combine(0, 0, 0)).toBe(0);
  });

  it('needs coverage on both sides', () => {
    expect(combine(1, 0, 0.5)).toBeCloseTo(0.1);
    expect(combine(0.5, 0.5, 0)).toBeCloseTo(0.4);
  });
});

describe('align: regressions', () => {
  it('gives the same links whichever side comes first', () => {
    const a =
      'Nemble Mivosh dunnick loppin a tumber 251 on 80 pestle eskel saffick. Of mindle vorrow saffick 273 Quenzel.\n\nTo vorrow kettle lumbrel hummock Tallardy mizzen cobbet drocket Dravik wombrel Tallardy Dravik.';
    const b =
      'Nemble Mivosh dunnick loppin a tumber 251 on. Mindle a nemble pellin tarrow Orvanda by gantry pestle loppin. 80 pestle eskel saffick.\n\nTo vorrow kettle lumbrel hummock Tallardy mizzen cobbet drocket Dravik wombrel Tallardy Dravik.';
    const ab = pairsOf(alignTexts(a, b)).sort();
    const ba = pairsOf(alignTexts(b, a))
      .map((p) => p.split('-').reverse().join('-'))
      .sort();
    expect(ab).toEqual(ba);
  });
});
