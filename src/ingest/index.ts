/** Reading and decoding inputs: files, stdin, HTML pages and JSONL batches of pairs. */
export {
  type ArticleInput,
  articleFromInput,
  DEFAULT_MAX_CHARS,
  type InputFormat,
  type LoadOptions,
  loadArticle,
} from './article.js';
export { type DecodeOptions, decodeText } from './decode.js';
export { type HtmlOptions, htmlToArticle, looksLikeHtml, normalizeDate, normalizeLang } from './html.js';
export { MAX_PAIR_LINE_BYTES, type PairRecord, type PairsOptions, readPairs } from './pairs.js';
export { DEFAULT_MAX_BYTES, type ReadOptions, readSource, type SourceBytes } from './read.js';
