import { describe, expect, it } from 'vitest';
import { gramCosine, isContent, mergeVecs, overlap, pairFeatures } from '../../src/compare/features.js';
import { doc } from './helpers.js';

const idOf = (f: ReturnType<typeof pairFeatures>, surface: string) => f.surface.indexOf(surface);

describe('pairFeatures', () => {
  it('maps a misspelt name onto the other side’s term, with a penalty', () => {
    const a = doc('Minister Marieke Vandersloot spoke in Rotterdam on Tuesday.');
    const b = doc('Minister Marieke Vanderslot spoke in Rotterdam on Tuesday.');
    const f = pairFeatures(a, b);
    const id = idOf(f, 'Vandersloot');
    expect(id).toBeGreaterThanOrEqual(0);
    // b's "Vanderslot" uses a's term id, so the two sentences share it.
    expect([...f.a[0].ids]).toContain(id);
    expect([...f.b[0].ids]).toContain(id);
    expect(f.penalty[id]).toBeLessThan(1);
    expect(f.penalty[id]).toBeGreaterThanOrEqual(0.9);
    // With the fuzzy match the sentences overlap almost fully.
    const o = overlap(f.a[0], f.b[0], f.penalty);
    expect(o.covA).toBeGreaterThan(0.95);
    expect(o.covB).toBeGreaterThan(0.95);
  });

  it('does not map words that are merely alike', () => {
    const f = pairFeatures(doc('The harbour reopened on Tuesday.'), doc('The harvest began on Tuesday.'));
    const harbour = idOf(f, 'harbour');
    expect([...f.b[0].ids]).not.toContain(harbour);
    expect(f.penalty[harbour]).toBe(1);
  });

  it('can require a closer match', () => {
    const a = doc('Minister Marieke Vandersloot spoke.');
    const b = doc('Minister Marieke Vanderslot spoke.');
    const f = pairFeatures(a, b, { fuzzyMin: 0.999 });
    expect([...f.b[0].ids]).not.toContain(idOf(f, 'Vandersloot'));
  });

  it('keeps only content words and weighs names and numbers above other words', () => {
    const d = doc('The mayor of Lisbon opened 12 new schools.');
    const f = pairFeatures(d, d, { idf: false });
    const words = [...f.a[0].ids].map((id) => f.surface[id]);
    expect(words).not.toContain('The');
    expect(words).not.toContain('of');
    const w = (s: string) => f.a[0].w[[...f.a[0].ids].indexOf(idOf(f, s))];
    expect(w('Lisbon')).toBeGreaterThan(w('mayor'));
    expect(w('12')).toBeGreaterThan(w('mayor'));
    expect(f.a[0].total).toBeCloseTo(
      [...f.a[0].w].reduce((s, x) => s + x, 0),
      5,
    );
  });

  it('weighs words in every sentence less than rarer words (IDF)', () => {
    const d = doc('The harbour closed. The harbour flooded. The harbour reopened quickly.');
    const f = pairFeatures(d, d);
    const harbour = idOf(f, 'harbour');
    const quickly = idOf(f, 'quickly');
    expect(f.idf[harbour]).toBeLessThan(f.idf[quickly]);
    expect(f.idf[harbour]).toBeGreaterThanOrEqual(0.25);
  });
});

describe('overlap, gramCosine and mergeVecs', () => {
  const f = pairFeatures(
    doc('The harbour closed after the storm. Fishing boats stayed in port.'),
    doc('The harbour closed after the storm and fishing boats stayed in port.'),
  );

  it('overlap is 1 both ways for the same sentence and 0 for disjoint ones', () => {
    const same = overlap(f.a[0], f.a[0], f.penalty);
    expect(same.covA).toBeCloseTo(1, 6);
    expect(same.covB).toBeCloseTo(1, 6);
    const none = overlap(f.a[0], f.a[1], f.penalty);
    expect(none.matched).toBe(0);
  });

  it('gramCosine is 1 for the same sentence', () => {
    expect(gramCosine(f.a[0], f.a[0])).toBeCloseTo(1, 6);
    expect(gramCosine(f.a[0], f.a[1])).toBeLessThan(0.3);
  });

  it('mergeVecs joins two sentences so that together they cover their merged partner', () => {
    const merged = mergeVecs([f.a[0], f.a[1]]);
    expect(mergeVecs([f.a[0]])).toBe(f.a[0]);
    const alone = overlap(f.a[0], f.b[0], f.penalty);
    const both = overlap(merged, f.b[0], f.penalty);
    expect(both.covB).toBeGreaterThan(alone.covB);
    expect(both.covB).toBeGreaterThan(0.95);
  });
});

describe('isContent', () => {
  it('keeps words and numbers, drops stop words, punctuation and single Latin letters', () => {
    const d = doc('The 3 boats of J. Smith sank, but 港口 stayed open.');
    const kept = d.tokens
      .flat()
      .filter(isContent)
      .map((t) => t.text);
    expect(kept).toContain('3');
    expect(kept).toContain('boats');
    expect(kept).not.toContain('The');
    expect(kept).not.toContain('J');
    expect(kept).not.toContain(',');
  });
});
