/** Types of the text layer. All offsets are UTF-16 code-unit offsets into the normalised text. */

/** One sentence of an article, with its place in the text. */
export interface Sentence {
  /** 0-based position in the article. */
  index: number;
  /** The sentence text, exactly `text.slice(start, end)` of the normalised article text. */
  text: string;
  /** Start offset (inclusive). */
  start: number;
  /** End offset (exclusive). */
  end: number;
  /** 0-based paragraph this sentence belongs to. */
  paragraph: number;
}

/** A paragraph: a run of sentences. */
export interface Paragraph {
  index: number;
  start: number;
  end: number;
  /** Indices of its sentences (contiguous). */
  sentences: number[];
}

/** Kind of a token. */
export type TokenKind = 'word' | 'number' | 'punct' | 'symbol';

/** One token of a sentence. */
export interface Token {
  /** Surface form. */
  text: string;
  /** Lower-cased, NFKD-folded (diacritics removed), apostrophes unified. */
  norm: string;
  /** Stem of `norm` in the article's language (equals `norm` for non-words). */
  stem: string;
  kind: TokenKind;
  /** Start offset in the article text. */
  start: number;
  /** End offset (exclusive). */
  end: number;
  /** True if the surface form starts with an upper-case letter. */
  cap: boolean;
  /** True if `norm` is a stop word of the language. */
  stop: boolean;
}

/**
 * A token of the fine scan ({@link scanTokens} in tokenize.ts) that the fact extractor reads:
 * finer than a {@link Token} ("US$3m" is four tokens), with no stem.
 */
export interface ScanToken {
  raw: string;
  /** Folded form: lower case, no diacritics, ß→ss, unified apostrophes and dashes. */
  n: string;
  /** Absolute start offset. */
  s: number;
  /** Absolute end offset (exclusive). */
  e: number;
  t: 'num' | 'word' | 'sym';
  /** Whitespace (or the sentence start) precedes the token. */
  gap: boolean;
  /** The surface form starts with an upper-case letter. */
  cap: boolean;
}

/** Result of language identification. */
export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when undetermined. */
  lang: string;
  /** 0..1 */
  confidence: number;
}
