/**
 * The text layer: normalisation, folding, scanning, segmentation, tokenisation, stemming, stop words,
 * language id, and the reader of the package's data files.
 */

export { APOSTROPHES, CharClass, charAt, classify } from './chars.js';
export { foldForMatch, foldName } from './fold.js';
export {
  detectLanguage,
  isLanguageDetectorLoaded,
  loadLanguageDetector,
  SUPPORTED_LANGS,
  type SupportedLang,
} from './lang.js';
export { normalizeText } from './normalize.js';
export {
  DEFAULT_MAX_SENTENCE_CHARS,
  type Segmentation,
  type SegmentOptions,
  type Span,
  segment,
  segmentList,
  splitParagraphs,
} from './segment.js';
export { porter2, stem } from './stem.js';
export { isStopword, isStopwordAnyLanguage, STOPWORD_LANGS, stopwords } from './stopwords.js';
export { scanTokens, tokenize } from './tokenize.js';
export type { LanguageGuess, Paragraph, ScanToken, Sentence, Token, TokenKind } from './types.js';
