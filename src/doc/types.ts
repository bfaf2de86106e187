import type { Fact, LocalEntity, Mention, PronounMention, Quote } from '../extract/types.js';
import { DOC_SCHEMA } from '../formats.js';
import type { Paragraph, Sentence, Token } from '../text/types.js';

/**
 * An article as the user gives it: plain text (HTML is turned into text by `ingest/` first).
 *
 * @example
 * ```ts
 * const article: Article = { text: 'BERLIN: Talks resumed on Thursday.', title: 'Talks resume', date: '2022-01-20' };
 * ```
 */
export interface Article {
  /** The article body. Paragraphs are separated by blank lines, or one per line when there are none. */
  text: string;
  /** Headline, if known. */
  title?: string;
  /** Byline, if known. */
  byline?: string;
  /** Publication date (ISO 8601 preferred). */
  date?: string;
  /** ISO 639-1 language code; detected when absent. */
  lang?: string;
  /** Where it came from: a file name, URL or id. Used in error messages and reports. */
  source?: string;
  /**
   * Pre-segmented sentences. When given, they are used as the sentences (each on its own line of
   * `text`, which is then ignored), so evaluation can use gold segmentation.
   */
  sentences?: string[];
}

/** The current version of the serialised Doc format (see formats.ts). */
export { DOC_SCHEMA };

/** An analysed article: plain data, serialisable with JSON.stringify, and cacheable. */
export interface Doc {
  schema: typeof DOC_SCHEMA;
  /** The normalised text all offsets refer to. */
  text: string;
  title?: string;
  byline?: string;
  date?: string;
  source?: string;
  /** Language used for the analysis. */
  lang: string;
  /** Confidence of the language guess (1 when given by the user). */
  langConfidence: number;
  sentences: Sentence[];
  paragraphs: Paragraph[];
  /** Tokens of each sentence, `tokens[i]` for `sentences[i]`. */
  tokens: Token[][];
  mentions: Mention[];
  entities: LocalEntity[];
  pronouns: PronounMention[];
  quotes: Quote[];
  facts: Fact[];
}
