/**
 * storydiff: compare versions of the same news story.
 *
 * @example
 * ```ts
 * import { compare, renderTerminal } from 'storydiff';
 * const cmp = compare({ text: wire, source: 'wire' }, { text: rewrite, source: 'rewrite' });
 * console.log(renderTerminal(cmp));
 * ```
 *
 * The HTTP server is not here: it is the subpath `storydiff/server` (`startServer`, `createServer`),
 * so that a library user does not load hono, its node adapter and zod.
 * @packageDocumentation
 */
export type { AlignOptions } from './compare/align.js';
export {
  fitSemeval,
  predictSemeval,
  SEMEVAL_FEATURES,
  type SemevalModel,
  semevalEstimate,
  semevalFeatures,
} from './compare/calibrate.js';
export {
  type CompareOptions,
  compare,
  compareWithEncoder,
  sentenceSimilarity,
  sentenceSimilarityWith,
} from './compare/compare.js';
export {
  type ComparisonEngine,
  type ComparisonOptions,
  compareWith,
  comparisonEngine,
} from './compare/engine.js';
export * from './compare/types.js';
export {
  type AddOptions,
  type AddOutcome,
  type AddProgress,
  type AddSummary,
  type Corpus,
  type CorpusOptions,
  DEFAULT_DB_PATH,
  DEFAULT_MIN_SCORE,
  openCorpus,
  SEARCH_SCHEMA,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
} from './corpus/corpus.js';
export {
  contentHash,
  DEFAULT_SETTINGS,
  estimateJaccard,
  fingerprint,
  lshParams,
  makeSettings,
  termHash,
  termVector,
} from './corpus/fingerprint.js';
export { stopIdleFingerprintWorker } from './corpus/parallel/fingerprint-thread.js';
export { parsePublished } from './corpus/published.js';
export { type ClusterRun, clusterCorpus } from './corpus/stories.js';
export * from './corpus/story-types.js';
export type { ArticleRef, CorpusInput, Fingerprint } from './corpus/types.js';
export { type AnalyzeOptions, analyze } from './doc/analyze.js';
export * from './doc/types.js';
export {
  ANCHOR_ENCODER,
  type AnchorSignals,
  anchorEmbeddings,
  anchorSignals,
  sentenceAnchors,
} from './embed/anchors.js';
export {
  cachedEncoder,
  cosine,
  DEFAULT_ENCODER_WEIGHT,
  type Encoder,
  type PairEmbeddings,
} from './embed/encoder.js';
export { type CreateEncoderOptions, createEncoder, ENCODER_SPECS } from './embed/registry.js';
export { type StaticEncoder, staticEncoder } from './embed/static.js';
export { KNOWN_MODELS, type TransformersOptions, transformersEncoder } from './embed/transformers.js';
export { useLiteEncoder } from './embed/use-lite.js';
export { ERROR_CODES, type ErrorCode, StorydiffError } from './errors.js';
export type * from './extract/types.js';
export {
  CORPUS_ADD_SCHEMA,
  ERROR_RECORD_SCHEMA,
  EXPORT_SCHEMA,
  INDEX_SUMMARY_SCHEMA,
  SEMEVAL_MODEL_SCHEMA,
  STATIC_TABLE_SCHEMA,
  STATS_SCHEMA,
} from './formats.js';
export { articleFromInput, loadArticle } from './ingest/article.js';
export { type CorpusItem, type ReadCorpusOptions, readCorpus } from './ingest/corpus-input.js';
export { htmlToArticle } from './ingest/html.js';
export {
  type HtmlOptions,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderSearchMarkdown,
  renderSearchTerminal,
  renderStoriesHtml,
  renderStoriesMarkdown,
  renderStoriesTerminal,
  renderTerminal,
  type TerminalOptions,
} from './report/index.js';
export * from './store/index.js';
export { detectLanguage, loadLanguageDetector } from './text/lang.js';
export type * from './text/types.js';
export { VERSION } from './version.js';
