/**
 * The identifiers of every format storydiff writes or reads, in one place: each JSON output and
 * persisted file carries one as its `schema` field, `storydiff/<name>@<major>`.
 *
 * Decision. An id changes only on an incompatible change (docs/JSON.md: a format may gain fields
 * within its version), and then its major number goes up; readers refuse a major they do not know
 * (FORMAT_VERSION). Modules that own a format re-export its id from here under the name they
 * always had (`COMPARISON_SCHEMA` from compare/types.ts, …), so existing imports keep working.
 * This module imports nothing, so any layer may use it.
 */

/** `storydiff compare --format json`, `compare()` and `POST /api/v1/compare`. */
export const COMPARISON_SCHEMA = 'storydiff/comparison@1';
/** A serialised analysed article (`analyze()`), which `compare()` also accepts. */
export const DOC_SCHEMA = 'storydiff/doc@1';
/** One error record of `storydiff compare --pairs` (in place of a comparison line). */
export const ERROR_RECORD_SCHEMA = 'storydiff/error@1';
/** `storydiff search --format json`, `Corpus.search()` and `POST /api/v1/corpus/search`. */
export const SEARCH_SCHEMA = 'storydiff/search@1';
/** `storydiff cluster --format json`, `Corpus.cluster()` and `POST /api/v1/corpus/cluster`. */
export const STORIES_SCHEMA = 'storydiff/stories@1';
/** `storydiff stats --json` and `GET /api/v1/corpus/stats`. */
export const STATS_SCHEMA = 'storydiff/stats@1';
/** `storydiff index add --json`: the summary of one ingest. */
export const INDEX_SUMMARY_SCHEMA = 'storydiff/index-summary@1';
/** Each line of `storydiff export`; `index add` reads the lines back. */
export const EXPORT_SCHEMA = 'storydiff/article@1';
/** The answer of `POST /api/v1/corpus/articles`. */
export const CORPUS_ADD_SCHEMA = 'storydiff/corpus-add@1';
/** A fitted SemEval calibration model (`npm run fit`). */
export const SEMEVAL_MODEL_SCHEMA = 'storydiff/semeval-model@1';
/** The header of a static token-embedding table (`.sdt`). */
export const STATIC_TABLE_SCHEMA = 'storydiff/static-table@1';
