import { describe, expect, it } from 'vitest';
import { basicTokens, WordPiece } from '../../src/embed/wordpiece.js';

describe('basicTokens', () => {
  it('lower-cases, strips accents and splits punctuation into its own tokens', () => {
    expect(basicTokens("Don't panic, Zoë!")).toEqual(['don', "'", 't', 'panic', ',', 'zoe', '!']);
  });

  it('splits ASCII symbols like BERT ($ and ^ are punctuation there) and Unicode punctuation', () => {
    expect(basicTokens('$5^2 «oui»')).toEqual(['$', '5', '^', '2', '«', 'oui', '»']);
  });

  it('puts every CJK ideograph on its own and drops control characters', () => {
    expect(basicTokens('東京\u0007abc')).toEqual(['東', '京', 'abc']);
  });

  it('keeps case when lowercase is off', () => {
    expect(basicTokens('Zoë Ran', false)).toEqual(['Zoë', 'Ran']);
  });
});

describe('WordPiece', () => {
  const vocab = ['[PAD]', '[UNK]', 'un', '##aff', '##able', 'the', 'aff', '##a', ',', 'able'];
  const wp = new WordPiece(vocab);

  it('takes the longest piece first and continues with ## pieces', () => {
    expect(wp.encode('the unaffable')).toEqual([5, 2, 3, 4]);
    expect(wp.tokenize('The UNAFFABLE,')).toEqual(['the', 'un', '##aff', '##able', ',']);
  });

  it('turns a word with any unknown piece into one [UNK]', () => {
    expect(wp.encode('unaffablez the')).toEqual([1, 5]);
  });

  it('turns words longer than maxCharsPerWord into [UNK]', () => {
    const short = new WordPiece(vocab, { maxCharsPerWord: 4 });
    expect(short.encode('able unaffable')).toEqual([9, 1]);
  });

  it('refuses a vocabulary without its unknown token', () => {
    expect(() => new WordPiece(['a', 'b'])).toThrow(/\[UNK\]/);
  });
});
