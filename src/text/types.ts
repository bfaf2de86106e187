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

/** Result of language identification. */
export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when undetermined. */
  lang: string;
  /** 0..1 */
  confidence: number;
}
