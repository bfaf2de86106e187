import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compare, sentenceSimilarity } from '../../src/compare/compare.js';
import type { Comparison } from '../../src/compare/types.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/stories/${name}`, import.meta.url)), 'utf8');

const wire = fixture('port-wire.txt');
const retold = fixture('port-retold.txt');
const unrelated = fixture('unrelated.txt');

/** 1-based sentence numbers of a link, as a person reads them ("a3", "b2+b3"). */
const linked = (c: Comparison, a: number) =>
  c.alignment.filter((l) => l.a.includes(a - 1)).flatMap((l) => l.b.map((j) => j + 1));

describe('compare: a machine-translated retelling of a wire story', () => {
  const c = compare({ text: wire, source: 'wire' }, { text: retold, source: 'retold' });

  it('pairs every corresponding sentence, including a split one', () => {
    expect(linked(c, 1)).toEqual([1]);
    expect(linked(c, 2)).toEqual([2]);
    expect(linked(c, 3)).toEqual([3]);
    expect(linked(c, 4)).toEqual([4]);
    expect(linked(c, 5)).toEqual([5]);
    expect(linked(c, 6)).toEqual([6]);
    expect(linked(c, 7)).toEqual([7]);
    expect(linked(c, 8)).toEqual([10]);
    expect(linked(c, 9)).toEqual([11]);
    // "The strike began on March 3. Negotiations ... had broken down." splits a10 in two.
    expect(linked(c, 10)).toEqual([12, 13]);
    expect(linked(c, 11)).toEqual([14]);
  });

  it('lists the sentences only one version has', () => {
    expect(c.onlyA.map((i) => i + 1)).toEqual([12, 13]);
    expect(c.onlyB.map((j) => j + 1)).toEqual([8, 9]);
    expect(c.paragraphsOnlyA.length).toBe(2);
    expect(c.paragraphsOnlyB.length).toBe(2);
  });

  it('reconciles misspelt names into one person each, flagged as variants', () => {
    const person = (s: string) =>
      c.entities.find((e) => [...e.forms.a, ...e.forms.b].some((f) => f.includes(s)));
    const minister = person('Vandersloot');
    expect(minister?.forms.b.join(' ')).toMatch(/Vanderslot/);
    expect(minister?.forms.b.join(' ')).toMatch(/Vandersloth/);
    expect(minister?.variants).toBe(true);
    const union = person('Okonkwo');
    expect(union?.forms.b).toContain('Peter Okonko');
    expect(union?.variants).toBe(true);
    const director = person('Braatvik');
    expect(director?.forms.b).toContain('Helena Bratvik');
    expect(director?.evidence.join(' ')).toMatch(/title|aligned/);
    const pm = person('Dekkerman');
    expect(pm?.variants).toBe(false);
  });

  it('classifies the quote changes', () => {
    const rel = (s: string) =>
      c.quotes.find((q) => (q.a?.text ?? '').includes(s) || (q.b?.text ?? '').includes(s))?.relation;
    expect(rel('fair agreement')).toBe('reworded');
    const fair = c.quotes.find((q) => q.a?.text.includes('fair agreement'));
    expect(fair?.diff?.some((d) => d.op === 'delete' && d.text.includes('fair'))).toBe(true);
    expect(rel('Our members will not return')).toBe('direct-to-indirect');
    expect(rel('We cannot afford another month')).toBe('verbatim');
    expect(rel('show flexibility')).toBe('different-quote');
    expect(c.quotes.find((q) => q.a?.text.includes('show flexibility'))?.speaker).toMatch(/Dekkerman/);
  });

  it('finds typed changes: vaguer duration, changed amount, pronoun, attribution', () => {
    const msgs = c.changes.map((x) => `${x.kind}:${x.detail}:${x.a ?? ''}→${x.b ?? ''}`);
    expect(msgs.some((m) => /^duration:vaguer:.*three weeks→.*few weeks/.test(m))).toBe(true);
    expect(msgs.some((m) => /^number:changed:.*40 million euros→.*50 million euros/.test(m))).toBe(true);
    expect(
      c.changes.some(
        (x) =>
          x.kind === 'pronoun' && x.a === 'she' && /^he$/i.test(x.b ?? '') && /Braatvik/.test(x.entity ?? ''),
      ),
    ).toBe(true);
    expect(
      c.changes.some(
        (x) => x.kind === 'attribution' && /Okonkwo/.test(x.a ?? '') && /Officials/i.test(x.b ?? ''),
      ),
    ).toBe(true);
  });

  it('scores the pair as a rewrite and says b derives from a', () => {
    expect(c.relation).toBe('rewrite');
    expect(c.scores.containment.aInB).toBeGreaterThan(0.6);
    expect(c.scores.containment.bInA).toBeGreaterThan(0.6);
    expect(c.scores.semeval).toBeLessThan(2);
    expect(c.derivation.direction).toBe('a->b');
    expect(c.derivation.reasons.length).toBeGreaterThan(0);
  });

  it('carries the schema and both sides', () => {
    expect(c.schema).toBe('storydiff/comparison@1');
    expect(c.a.sentences[0].text).toMatch(/^ROTTERDAM/);
    expect(c.b.sentences.length).toBe(14);
  });
});

describe('compare: other relations', () => {
  it('a verbatim copy', () => {
    const c = compare(wire, wire);
    expect(c.relation).toBe('verbatim-copy');
    expect(c.scores.overall).toBeGreaterThan(0.95);
    expect(c.alignment.every((l) => l.type === 'identical' && !l.moved)).toBe(true);
  });

  it('moved paragraphs are linked and flagged as moved', () => {
    const paras = wire.trim().split('\n');
    const moved = [...paras.slice(6, 9), ...paras.slice(0, 6), ...paras.slice(9)].join('\n');
    const c = compare(wire, moved);
    expect(c.onlyA).toEqual([]);
    expect(c.onlyB).toEqual([]);
    expect(c.alignment.filter((l) => l.moved).length).toBeGreaterThanOrEqual(3);
    expect(c.relation).toBe('verbatim-copy');
  });

  it('an edited copy', () => {
    const edited = wire
      .replace('about 40 million euros', 'about 45 million euros')
      .replace('said on Tuesday', 'said on Wednesday')
      .split('\n')
      .slice(0, 11)
      .join('\n');
    const c = compare(wire, edited);
    expect(c.relation).toBe('edited-copy');
    expect(c.changes.some((x) => x.kind === 'number' && x.detail === 'changed')).toBe(true);
    expect(c.changes.some((x) => x.kind === 'date' && /Wednesday/.test(x.b ?? ''))).toBe(true);
  });

  it('an unrelated article', () => {
    const c = compare(wire, unrelated);
    expect(['unrelated', 'related']).toContain(c.relation);
    expect(c.scores.overall).toBeLessThan(0.25);
    expect(c.scores.semeval).toBeGreaterThan(3);
  });
});

describe('sentenceSimilarity', () => {
  it('ranks a paraphrase above an unrelated sentence', () => {
    const s = 'The minister said the talks could end within days.';
    const para = sentenceSimilarity(s, 'Talks could end within days, the minister said on Tuesday.');
    const other = sentenceSimilarity(s, 'Tickets for the guided tours sold out quickly.');
    expect(para).toBeGreaterThan(0.5);
    expect(other).toBeLessThan(0.1);
    expect(sentenceSimilarity(s, s)).toBeCloseTo(1, 5);
  });
});
