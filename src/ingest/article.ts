/**
 * One article from a file, stdin or a request body: read within limits, decoded, sniffed as text
 * or HTML, with metadata the caller gives winning over what the page says.
 */
import type { Article } from '../doc/types.js';
import { mustBe, mustBeOneOf, StorydiffError } from '../errors.js';
import { decodeText } from './decode.js';
import { htmlToArticle, looksLikeHtml, normalizeLang } from './html.js';
import { DEFAULT_MAX_CHARS } from './limits.js';
import { checkMaxBytes, readSource } from './read.js';

export { DEFAULT_MAX_CHARS } from './limits.js';

/** The ways `compare --input` can read an article: sniff it, or force plain text or HTML. */
export const ARTICLE_FORMATS = ['auto', 'text', 'html'] as const;

/** How to interpret an input: sniff it, or force plain text or HTML. */
export type InputFormat = (typeof ARTICLE_FORMATS)[number];

/** Options of {@link loadArticle}. */
export interface LoadOptions {
  /** Refuse files (or stdin) larger than this. Default 10 MiB. */
  maxBytes?: number;
  /** Headline; replaces one found in the HTML. */
  title?: string;
  /** Publication date; replaces one found in the HTML. */
  date?: string;
  /** ISO 639-1 language code (`en`, or a tag such as `en-GB`); replaces one found in the HTML. */
  lang?: string;
  /** `auto` (default) treats `.html`/`.htm`/`.xhtml` files and HTML-looking content as HTML. */
  format?: InputFormat;
  /** The stream `-` reads from. Default `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Loads one article from a file, or from stdin when `path` is `-`: reads it within the size limit,
 * decodes it, extracts the text from HTML, and applies the given title/date/lang (which win over
 * anything found in the page). Plain text is kept exactly as decoded.
 *
 * Every failure is a {@link StorydiffError} whose `source` is the path (or `stdin`).
 *
 * @example
 * ```ts
 * const a = await loadArticle('wire.txt', { title: 'Talks resume', lang: 'en' });
 * const b = await loadArticle('rewrite.html'); // title, byline, date, lang from the page
 * const c = await loadArticle('-', { format: 'text' }); // from stdin
 * ```
 */
export async function loadArticle(path: string, opts: LoadOptions = {}): Promise<Article> {
  const format = opts.format ?? 'auto';
  if (!ARTICLE_FORMATS.includes(format))
    throw mustBeOneOf('format', ARTICLE_FORMATS, format, { source: '--input' });
  const maxBytes = checkMaxBytes(opts.maxBytes);
  const overrides = checkOverrides(opts, path === '-' ? 'stdin' : path);
  const { bytes, source } = await readSource(path, { maxBytes, stdin: opts.stdin });

  const filePath = path === '-' ? undefined : path;
  const sniffHtml = format === 'html' || (format === 'auto' && looksLikeHtml(latin1Head(bytes), filePath));
  // A page that declares a legacy charset is decoded with it; plain text must be UTF-8.
  const encoding = sniffHtml ? declaredCharset(bytes) : undefined;
  const text = decodeText(bytes, source, { encoding });

  const isHtml = format === 'html' || (format === 'auto' && looksLikeHtml(text, filePath));
  // Decoded text is never longer than its bytes, so the byte limit also bounds the parser input.
  const article: Article = isHtml
    ? htmlToArticle(text, { source, maxChars: Math.max(maxBytes, DEFAULT_MAX_CHARS) })
    : { text, source };
  return applyOverrides(article, overrides);
}

/** In-memory input, as given to the library or in a request body. */
export interface ArticleInput {
  /** Plain text of the article. Give this or `html`. */
  text?: string;
  /** HTML of the page. Give this or `text`. */
  html?: string;
  title?: string;
  date?: string;
  /** ISO 639-1 code; a longer tag such as `en-GB` is cut to `en`. */
  lang?: string;
  /** Name for the article in reports; defaults to the `source` argument. */
  source?: string;
}

/**
 * Builds an {@link Article} from in-memory text or HTML, with the same checks as files get:
 * exactly one of `text`/`html` (`INPUT_INVALID` for both, `INPUT_EMPTY` for neither or blank),
 * no NUL characters (`INPUT_BINARY`), at most `maxChars` characters (`INPUT_TOO_LARGE`, default
 * {@link DEFAULT_MAX_CHARS}). `source` names the input in errors, e.g. `request body` or
 * `pairs.jsonl line 3 (a)`.
 *
 * @example
 * ```ts
 * const a = articleFromInput({ text: 'BERLIN: Talks resumed on Thursday.', lang: 'en' }, 'request a');
 * const b = articleFromInput({ html: '<p>BERLIN: Talks resumed.</p>', title: 'Talks' }, 'request b');
 * ```
 */
export function articleFromInput(
  input: ArticleInput,
  source: string,
  opts: { maxChars?: number } = {},
): Article {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new StorydiffError('INPUT_INVALID', 'the input must be an object with text or html', { source });
  }
  for (const key of ['text', 'html', 'title', 'date', 'lang', 'source'] as const) {
    const v = input[key];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      throw new StorydiffError('INPUT_INVALID', `${key} must be a string, got ${typeof v}`, { source });
    }
  }
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const hasText = typeof input.text === 'string';
  const hasHtml = typeof input.html === 'string';
  const blank = (s: string | undefined) => s === undefined || s.trim() === '';
  if (hasText && hasHtml && !(blank(input.text) && blank(input.html))) {
    throw new StorydiffError('INPUT_INVALID', 'give either text or html, not both', { source });
  }
  const raw = hasHtml ? input.html! : input.text;
  if (raw === undefined || blank(raw)) {
    throw new StorydiffError(
      'INPUT_EMPTY',
      hasText || hasHtml ? `the ${hasHtml ? 'html' : 'text'} is empty` : 'no text or html given',
      { source },
    );
  }
  if (raw.length > maxChars) {
    throw new StorydiffError(
      'INPUT_TOO_LARGE',
      `the ${hasHtml ? 'html' : 'text'} is ${raw.length} characters, over the limit of ${maxChars}`,
      { source },
    );
  }
  const nul = raw.indexOf('\u0000');
  if (nul >= 0) {
    throw new StorydiffError(
      'INPUT_BINARY',
      `the ${hasHtml ? 'html' : 'text'} contains a NUL character (at ${nul})`,
      {
        source,
      },
    );
  }
  const overrides = checkOverrides(input, source);
  const name = input.source ?? source;
  // A BOM that survived into a string (e.g. from a JSON body) is an encoding artefact, not text.
  const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const article: Article = hasHtml
    ? htmlToArticle(body, { source: name, maxChars })
    : { text: body, source: name };
  return applyOverrides(article, overrides);
}

interface Overrides {
  title?: string;
  date?: string;
  lang?: string;
}

/** Validates user-given metadata; blank values count as not given. */
function checkOverrides(opts: Overrides, source: string): Overrides {
  const out: Overrides = {};
  const title = opts.title?.trim();
  const date = opts.date?.trim();
  const lang = opts.lang?.trim();
  if (title) out.title = title;
  if (date) out.date = date;
  if (lang) {
    const code = normalizeLang(lang);
    if (!code) {
      throw mustBe('lang', 'a two-letter ISO 639-1 code such as en or de', lang, { source });
    }
    out.lang = code;
  }
  return out;
}

function applyOverrides(article: Article, o: Overrides): Article {
  if (o.title) article.title = o.title;
  if (o.date) article.date = o.date;
  if (o.lang) article.lang = o.lang;
  return article;
}

/** The first 2 KiB as Latin-1: enough to sniff HTML before knowing the encoding. */
function latin1Head(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
}

/**
 * The charset an HTML page declares in its first 1 KiB (`<meta charset>` or `http-equiv`), as the
 * HTML standard's prescan does; undefined when none.
 *
 * @example
 * ```ts
 * declaredCharset(Buffer.from('<meta charset="windows-1252"><p>caf\xe9', 'latin1')); // 'windows-1252'
 * ```
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1] : undefined;
}
