import { StorydiffError } from '../errors.js';
import { extractFacts } from '../extract/facts.js';
import { extractMentions } from '../extract/mentions.js';
import { extractQuotes } from '../extract/quotes.js';
import { detectLanguage } from '../text/lang.js';
import { normalizeText } from '../text/normalize.js';
import { segment, segmentList } from '../text/segment.js';
import { tokenize } from '../text/tokenize.js';
import type { Paragraph, Sentence } from '../text/types.js';
import { type Article, DOC_SCHEMA, type Doc } from './types.js';

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /** Language to use (ISO 639-1); overrides the article's and skips detection. Example: `'de'`. */
  lang?: string;
  /** Longest sentence kept whole, in characters; longer ones are split at clause boundaries. Default 1,500. */
  maxSentenceChars?: number;
}

/**
 * Analyses an article: normalises the text, splits sentences and paragraphs with offsets, tokenises
 * and stems, identifies the language, and extracts names, pronouns, quotes, numbers and dates.
 * The result is plain data that can be cached and compared many times.
 *
 * @example
 * ```ts
 * const doc = analyze({ text: 'BERLIN: Talks resumed on Thursday, officials said.' });
 * doc.sentences.length; // 1
 * doc.facts[0].key; // 'date:weekday:thursday'
 * ```
 */
export function analyze(article: Article | string, options: AnalyzeOptions = {}): Doc {
  const art: Article = typeof article === 'string' ? { text: article } : article;
  if (typeof art.text !== 'string' && !Array.isArray(art.sentences)) {
    throw new StorydiffError('INPUT_INVALID', 'article has no text', { source: art.source });
  }
  let text: string;
  let sentences: Sentence[];
  let paragraphs: Paragraph[];
  if (Array.isArray(art.sentences)) {
    ({ text, sentences, paragraphs } = segmentList(art.sentences));
  } else {
    text = normalizeText(art.text);
    ({ sentences, paragraphs } = segment(text, {
      lang: options.lang ?? art.lang,
      maxSentenceChars: options.maxSentenceChars,
    }));
  }
  if (!sentences.length) {
    throw new StorydiffError('INPUT_EMPTY', 'article has no text after normalisation', {
      source: art.source,
    });
  }
  let lang = options.lang ?? art.lang;
  let langConfidence = 1;
  if (!lang) {
    const g = detectLanguage(text);
    lang = g.lang;
    langConfidence = g.confidence;
  }
  const tokens = sentences.map((s) => tokenize(s.text, s.start, lang));
  const { mentions, entities, pronouns } = extractMentions(text, sentences, tokens, lang);
  const quotes = extractQuotes(text, sentences, paragraphs, tokens, mentions, pronouns);
  const facts = extractFacts(text, sentences, lang);
  const doc: Doc = {
    schema: DOC_SCHEMA,
    text,
    lang,
    langConfidence,
    sentences,
    paragraphs,
    tokens,
    mentions,
    entities,
    pronouns,
    quotes,
    facts,
  };
  if (art.title) doc.title = normalizeText(art.title);
  if (art.byline) doc.byline = art.byline;
  if (art.date) doc.date = art.date;
  if (art.source) doc.source = art.source;
  return doc;
}
