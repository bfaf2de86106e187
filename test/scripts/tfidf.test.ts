import { describe, expect, it } from 'vitest';
import { fitTfIdf, tfidfCosine, tokenize } from '../../scripts/lib/tfidf.js';

describe('tokenize', () => {
  it('lower-cases Unicode word tokens and drops punctuation', () => {
    expect(tokenize('Öl-Preise stiegen um 5%, sagte Müller.')).toEqual([
      'öl',
      'preise',
      'stiegen',
      'um',
      '5',
      'sagte',
      'müller',
    ]);
    expect(tokenize('  ')).toEqual([]);
  });
});

describe('TF-IDF cosine', () => {
  // invented mini collection: df(red) = 2, df(fox) = 1, df(hen) = 1, df(barn) = 1; n = 3 distinct texts
  const docs = ['red fox', 'red hen', 'barn', 'barn'];

  it('uses smoothed IDF over the set of texts', () => {
    const m = fitTfIdf(docs);
    expect(m.n).toBe(3);
    expect(m.idf('red')).toBeCloseTo(Math.log(4 / 3) + 1);
    expect(m.idf('fox')).toBeCloseTo(Math.log(4 / 2) + 1);
    expect(m.idf('unseen')).toBeCloseTo(Math.log(4) + 1);
  });

  it('computes the cosine by hand', () => {
    const cos = tfidfCosine(docs);
    const r = Math.log(4 / 3) + 1;
    const f = Math.log(2) + 1;
    // vectors: red fox = (r, f, 0), red hen = (r, 0, f)
    expect(cos('red fox', 'red hen')).toBeCloseTo((r * r) / (r * r + f * f), 12);
    expect(cos('Red FOX!', 'red fox')).toBeCloseTo(1);
    expect(cos('red fox', 'barn')).toBe(0);
    expect(cos('', 'red fox')).toBe(0);
  });

  it('weights repeated terms by count', () => {
    const m = fitTfIdf(docs);
    const v = m.vector('red red fox');
    expect(v.get('red')).toBeCloseTo(2 * m.idf('red'));
    expect(v.get('fox')).toBeCloseTo(m.idf('fox'));
  });
});
