/**
 * HTML to an article: the main text through Readability (or a plain body walk for huge or deeply
 * nested pages), and title, date, language, canonical URL and site name from the page's metadata.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Article } from '../doc/types.js';
import { StorydiffError } from '../errors.js';
import { DEFAULT_MAX_CHARS } from './limits.js';
import { HEADINGS, limitNesting } from './nesting.js';

/**
 * Readability's helpers recurse through the tree and its scoring slows down sharply with depth
 * (seconds at 500 levels, a stack overflow at 5,000), so deeper pages use the plain body text.
 */
const MAX_READABILITY_DEPTH = 200;
/** Readability takes about 2.5 s per 100k elements; beyond that the linear body walk is used. */
const MAX_READABILITY_ELEMENTS = 100_000;
/**
 * Deepest nesting handed to the parser; deeper tags are dropped (text kept) by `limitNesting`.
 * Real pages stay under 100; this bounds the parser's per-tag stack work on hostile ones.
 */
const MAX_PARSE_DEPTH = 1000;
/**
 * Most elements parsed from one page. linkedom needs about 0.5 KiB per element and slows down past
 * a few hundred thousand; a news page has a few thousand, so more means a dump, not an article.
 */
const MAX_HTML_ELEMENTS = 250_000;
/** JSON-LD blocks larger than this are not parsed for a date: real ones are a few KiB. */
const MAX_JSON_LD_CHARS = 1_000_000;

/** Elements whose content is never article text (and some of which could be code). */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'select',
  'datalist',
  'textarea',
  'input',
  'button',
  'audio',
  'video',
  'map',
]);

/** Elements removed from the document before anything else looks at it. */
const REMOVE_SELECTOR = 'style, noscript, template, iframe, frame, frameset, object, embed, applet';

/** Elements that start and end a paragraph. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  ...HEADINGS,
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

const HTML_EXTENSION = /\.(?:html?|xhtml)$/i;
const BLOCK_TAG =
  /<(?:p|div|h[1-6]|article|section|main|header|footer|nav|aside|ul|ol|li|table|tr|td|blockquote|pre|body|head|title|meta|link|br|hr|figure|script|style)(?=[\s/>])/gi;

/**
 * Decides whether an input is HTML: by file extension (`.html`, `.htm`, `.xhtml`), or by content
 * (a leading `<!doctype html>` or `<html>`, or at least three block-level tags in the first 2 KiB).
 *
 * @example
 * ```ts
 * looksLikeHtml('', 'page.htm'); // true
 * looksLikeHtml('<!DOCTYPE html><html><body>…'); // true
 * looksLikeHtml('BERLIN: Talks resumed on Thursday.'); // false
 * ```
 */
export function looksLikeHtml(text: string, path?: string): boolean {
  if (path && HTML_EXTENSION.test(path)) return true;
  let head = text.slice(0, 2048).replace(/^\uFEFF/, '');
  // Skip an XML declaration and comments that may precede the root element.
  head = head.replace(/^(?:\s*(?:<\?xml[^>]*>|<!--[\s\S]*?-->))*/, '').trimStart();
  if (/^<!doctype\s+html/i.test(head) || /^<html[\s>]/i.test(head)) return true;
  const tags = head.match(BLOCK_TAG);
  return tags !== null && tags.length >= 3;
}

/** Options of {@link htmlToArticle}. */
export interface HtmlOptions {
  /** Name used in errors and copied to `Article.source`. */
  source?: string;
  /**
   * Address the page was fetched from; used as `source` when none is given, and to resolve a
   * relative canonical link.
   */
  url?: string;
  /** Refuse HTML longer than this many characters. Default {@link DEFAULT_MAX_CHARS}. */
  maxChars?: number;
}

/**
 * Extracts the article from an HTML page: the main text (via Readability, falling back to the whole
 * body), with paragraphs separated by blank lines, plus title, byline, date and language.
 *
 * Nothing in the page is ever executed: linkedom does not run scripts or load resources, scripts and
 * other embedded content are removed, and only text nodes reach the output (so `onerror=` and
 * `javascript:` URLs are dropped with their attributes). Throws `INPUT_EMPTY`, `INPUT_TOO_LARGE` or
 * `INPUT_NO_TEXT` ({@link StorydiffError}).
 *
 * @example
 * ```ts
 * const article = htmlToArticle('<html lang="en"><title>Talks resume</title><p>BERLIN: Talks resumed.</p></html>', {
 *   source: 'page.html',
 * });
 * // { text: 'BERLIN: Talks resumed.', title: 'Talks resume', lang: 'en', source: 'page.html' }
 * ```
 */
export function htmlToArticle(html: string, opts: HtmlOptions = {}): Article {
  return htmlToPage(html, opts).article;
}

/** What {@link htmlToPage} returns: the article plus page metadata that `Article` has no field for. */
export interface HtmlPage {
  article: Article;
  /** The page's own address: `<link rel="canonical">`, else `og:url` (absolute http(s) only). */
  url?: string;
  /** The outlet's name from `og:site_name`. */
  siteName?: string;
}

/**
 * {@link htmlToArticle}, plus the canonical URL and site name the corpus index wants. Same checks
 * and errors; the page is parsed once.
 *
 * @example
 * ```ts
 * const { article, url, siteName } = htmlToPage(
 *   '<link rel="canonical" href="https://example.org/a"><meta property="og:site_name" content="Example"><p>Talks resumed.</p>',
 * );
 * // url === 'https://example.org/a', siteName === 'Example', article.text === 'Talks resumed.'
 * ```
 */
export function htmlToPage(html: string, opts: HtmlOptions = {}): HtmlPage {
  const source = opts.source ?? opts.url;
  const safe = guardHtml(html, source, opts.maxChars ?? DEFAULT_MAX_CHARS);
  const { document } = parseHTML(safe);
  // Metadata first: Readability rewrites the document as it works.
  const meta = readMetadata(document, opts.url);
  for (const el of Array.from(document.querySelectorAll(REMOVE_SELECTOR))) el.remove();
  // JSON-LD blocks are inert data Readability reads for the title and byline; all others go.
  for (const el of Array.from(document.querySelectorAll('script'))) {
    if (!/ld\+json/i.test(el.getAttribute('type') ?? '')) el.remove();
  }

  // The whole tree, not just <body>: odd markup can leave text outside it (head parts are skipped).
  const root = document.documentElement;
  const shape = root ? measure(root) : { depth: 0, elements: 0 };
  let text = '';
  let readable: ReturnType<Readability<Node>['parse']> = null;
  let mutated = false;
  if (document.body && shape.depth <= MAX_READABILITY_DEPTH && shape.elements <= MAX_READABILITY_ELEMENTS) {
    mutated = true;
    try {
      readable = new Readability<Node>(document, { serializer: (node) => node }).parse();
    } catch {
      // Readability failing on an odd page is not the user's problem: the body text still works.
      readable = null;
    }
    if (readable?.content) text = nodeToText(readable.content);
  }
  if (text === '') {
    // Readability mutates the document, so the fallback reparses the page from scratch.
    const fresh = mutated ? parseHTML(safe).document : document;
    for (const el of Array.from(fresh.querySelectorAll(`${REMOVE_SELECTOR}, script`))) el.remove();
    const all = fresh.documentElement;
    text = all ? nodeToText(all) : '';
  }
  if (text === '') {
    throw new StorydiffError(
      'INPUT_NO_TEXT',
      'the HTML holds no readable text (only markup, scripts or styles)',
      {
        source,
      },
    );
  }

  const article: Article = { text };
  const title = clean(readable?.title) ?? meta.ogTitle ?? meta.title;
  const byline = clean(readable?.byline) ?? meta.author ?? meta.relAuthor;
  const date = meta.date ?? (readable?.publishedTime ? normalizeDate(readable.publishedTime) : undefined);
  const lang = meta.lang ?? normalizeLang(readable?.lang);
  if (title) article.title = title;
  if (byline) article.byline = byline;
  if (date) article.date = date;
  if (lang) article.lang = lang;
  if (source) article.source = source;
  const page: HtmlPage = { article };
  if (meta.url) page.url = meta.url;
  if (meta.siteName) page.siteName = meta.siteName;
  return page;
}

/**
 * The size and shape checks every parse goes through: blank (`INPUT_EMPTY`), over `maxChars` or
 * over the element cap (`INPUT_TOO_LARGE`). Returns the HTML made safe to parse.
 */
function guardHtml(html: string, source: string | undefined, maxChars: number): string {
  if (html.trim() === '') throw new StorydiffError('INPUT_EMPTY', 'the HTML is empty', { source });
  if (html.length > maxChars) {
    throw new StorydiffError(
      'INPUT_TOO_LARGE',
      `the HTML is ${html.length} characters, over the limit of ${maxChars} for one page`,
      { source },
    );
  }
  const guarded = limitNesting(wellFormed(html), MAX_PARSE_DEPTH);
  if (guarded.elements > MAX_HTML_ELEMENTS) {
    throw new StorydiffError(
      'INPUT_TOO_LARGE',
      `the HTML has ${guarded.elements} elements, over the limit of ${MAX_HTML_ELEMENTS} for one page (a news page has a few thousand); save the article text as a plain-text file instead`,
      { source },
    );
  }
  return guarded.html;
}

/**
 * Turns an HTML fragment (a feed item's `description`, say) into paragraph text: all of it, without
 * Readability's choice of a main block, with entities decoded and scripts, styles and hidden
 * elements dropped. Nothing is executed. Returns `''` when the fragment holds no text; throws
 * `INPUT_TOO_LARGE` as {@link htmlToArticle} does.
 *
 * @example
 * ```ts
 * htmlToText('<p>Fish &amp; chips</p><script>alert(1)</script><p>Second</p>'); // 'Fish & chips\n\nSecond'
 * ```
 */
export function htmlToText(html: string, opts: { source?: string; maxChars?: number } = {}): string {
  if (html.trim() === '') return '';
  const safe = guardHtml(html, opts.source, opts.maxChars ?? DEFAULT_MAX_CHARS);
  const { document } = parseHTML(safe);
  for (const el of Array.from(document.querySelectorAll(`${REMOVE_SELECTOR}, script`))) el.remove();
  const root = document.documentElement;
  return root ? nodeToText(root) : '';
}

/**
 * linkedom builds the tree as written and does not invent missing `<html>`/`<body>` elements (a
 * fragment like `<p>a</p><p>b</p>` comes out as one odd `<p>` root), so add them when absent. Close
 * tags of body and html go: browsers keep content found after them in the body, and so do we.
 */
function wellFormed(html: string): string {
  let out = html.replace(/<\/(?:body|html)\s*>/gi, '');
  const prolog = /^(?:\s+|<!--[\s\S]*?-->|<!doctype[^>]*>|<\?xml[^>]*>)*/i.exec(out)![0];
  if (!/^<html[\s>]/i.test(out.slice(prolog.length))) out = `<html>${out.slice(prolog.length)}`;
  if (/<body[\s>]/i.test(out)) return out;
  const headEnd = /<\/head\s*>/i.exec(out);
  const htmlOpen = /<html(?:\s[^>]*)?>/i.exec(out);
  const start = headEnd
    ? headEnd.index + headEnd[0].length
    : htmlOpen
      ? htmlOpen.index + htmlOpen[0].length
      : 0;
  return `${out.slice(0, start)}<body>${out.slice(start)}`;
}

/** Deepest element nesting and element count, walked without recursion. */
function measure(root: Node): { depth: number; elements: number } {
  let depth = 0;
  let elements = 0;
  const stack: Array<[Node, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, d] = stack.pop()!;
    elements++;
    if (d > depth) depth = d;
    for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) stack.push([c, d + 1]);
  }
  return { depth, elements };
}

/** Collects paragraphs: inline text is joined with whitespace collapsed, `<br>` is a line break. */
class Paragraphs {
  private readonly done: string[] = [];
  private pieces: string[] = [];

  add(text: string): void {
    this.pieces.push(text);
  }

  lineBreak(): void {
    this.pieces.push('\n');
  }

  /** Ends the current paragraph. A blank line from `<br><br>` also ends one. */
  end(): void {
    if (this.pieces.length === 0) return;
    const lines = this.pieces.join('').split('\n');
    this.pieces = [];
    let current: string[] = [];
    for (const raw of lines) {
      const line = raw.replace(/[ \t\n\r\f]+/g, ' ').trim();
      if (line !== '') {
        current.push(line);
      } else if (current.length > 0) {
        this.done.push(current.join('\n'));
        current = [];
      }
    }
    if (current.length > 0) this.done.push(current.join('\n'));
  }

  toString(): string {
    this.end();
    return this.done.join('\n\n');
  }
}

/**
 * Turns a DOM subtree into paragraph text. Iterative (an explicit stack), so hostile nesting cannot
 * overflow the call stack; comments, skipped elements and hidden elements contribute nothing.
 */
function nodeToText(root: Node): string {
  const out = new Paragraphs();
  // `exit` entries mark the end of a block (or of a <pre>) on the way back up.
  const stack: Array<Node | { exit: 'block' | 'pre' }> = [root];
  let inPre = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('exit' in item) {
      out.end();
      if (item.exit === 'pre') inPre--;
      continue;
    }
    const node = item;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (inPre > 0) out.add(data.replace(/\r\n?/g, '\n'));
      else out.add(data.replace(/[ \t\n\r\f]+/g, ' '));
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    if (node.nodeType === 1) {
      const el = node as Element;
      const tag = el.tagName.toLowerCase();
      if (SKIP.has(tag) || isHidden(el)) continue;
      if (tag === 'br') {
        out.lineBreak();
        continue;
      }
      if (tag === 'pre') {
        out.end();
        inPre++;
        stack.push({ exit: 'pre' });
      } else if (BLOCK.has(tag)) {
        out.end();
        stack.push({ exit: 'block' });
      } else if (tag === 'td' || tag === 'th') {
        out.add(' ');
      }
    }
    const children: Node[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) children.push(c);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out.toString();
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

interface PageMetadata {
  title?: string;
  ogTitle?: string;
  author?: string;
  relAuthor?: string;
  date?: string;
  lang?: string;
  url?: string;
  siteName?: string;
}

/** Reads the page's own metadata, before Readability or the clean-up touch the document. */
function readMetadata(document: Document, baseUrl?: string): PageMetadata {
  const metas = new Map<string, string>();
  for (const el of Array.from(document.querySelectorAll('meta'))) {
    const content = clean(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      // The first occurrence wins, as pages repeat tags in less reliable places further down.
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  const out: PageMetadata = {};
  out.title = clean(document.querySelector('title')?.textContent);
  out.ogTitle = metas.get('og:title');
  out.author = metas.get('author') ?? metas.get('dc.creator');
  for (const el of Array.from(document.querySelectorAll('[rel]'))) {
    if (!/(?:^|\s)author(?:\s|$)/i.test(el.getAttribute('rel') ?? '')) continue;
    const name = clean(el.textContent);
    if (name) {
      out.relAuthor = name;
      break;
    }
  }

  const dateCandidates = [
    metas.get('article:published_time'),
    metas.get('og:published_time'),
    metas.get('date'),
    metas.get('pubdate'),
    metas.get('dc.date'),
    metas.get('dc.date.issued'),
    metas.get('dcterms.date'),
    jsonLdDatePublished(document),
    metas.get('datepublished'),
    document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined,
  ];
  for (const raw of dateCandidates) {
    const date = raw ? normalizeDate(raw) : undefined;
    if (date) {
      out.date = date;
      break;
    }
  }

  const root = document.documentElement;
  out.lang =
    normalizeLang(root?.getAttribute('lang')) ??
    normalizeLang(root?.getAttribute('xml:lang')) ??
    normalizeLang(metas.get('content-language')) ??
    normalizeLang(metas.get('og:locale'));
  // Matched by hand: linkedom keeps attribute names as written (`REL=`), so `[rel]` misses some.
  const canonical = Array.from(document.querySelectorAll('link')).find((el) =>
    /(?:^|\s)canonical(?:\s|$)/i.test(attribute(el, 'rel') ?? ''),
  );
  out.url =
    absoluteUrl(canonical && attribute(canonical, 'href'), baseUrl) ??
    absoluteUrl(metas.get('og:url'), baseUrl);
  out.siteName = metas.get('og:site_name');
  return out;
}

/** An attribute's value whatever the case its name was written in. */
function attribute(el: Element, name: string): string | undefined {
  for (const a of Array.from(el.attributes)) if (a.name.toLowerCase() === name) return a.value;
  return undefined;
}

/**
 * An absolute http(s) URL, resolving a relative one against the page's address when known; else
 * undefined, as a relative or `javascript:` address is no use as an id.
 */
function absoluteUrl(raw: string | null | undefined, base?: string): string | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  try {
    const url = base ? new URL(s, base) : new URL(s);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The first `datePublished` in the page's JSON-LD blocks, searched breadth-first. */
function jsonLdDatePublished(document: Document): string | undefined {
  for (const el of Array.from(document.querySelectorAll('script'))) {
    if (!/ld\+json/i.test(el.getAttribute('type') ?? '')) continue;
    const raw = el.textContent ?? '';
    if (raw.length > MAX_JSON_LD_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      continue; // Broken JSON-LD is common; it is only a hint.
    }
    const queue: unknown[] = [data];
    // Bounded so a huge JSON-LD graph cannot stall extraction.
    for (let i = 0; i < queue.length && i < 10_000; i++) {
      const v = queue[i];
      if (Array.isArray(v)) {
        queue.push(...v);
      } else if (v && typeof v === 'object') {
        const found = (v as Record<string, unknown>).datePublished;
        const first = Array.isArray(found) ? found[0] : found;
        if (typeof first === 'string' && first.trim()) return first.trim();
        queue.push(...Object.values(v));
      }
    }
  }
  return undefined;
}

/** Trims and collapses whitespace; empty becomes undefined. */
function clean(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const out = s.replace(/\s+/g, ' ').trim();
  return out === '' ? undefined : out;
}

/**
 * A language tag's primary subtag when it is a two-letter ISO 639-1 code: `en-US` → `en`.
 *
 * @example
 * ```ts
 * normalizeLang('pt_BR'); // 'pt'
 * normalizeLang('und'); // undefined
 * ```
 */
export function normalizeLang(tag: string | null | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2}$/.test(primary) ? primary : undefined;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Normalises a date to ISO 8601 when it can be parsed, keeping the precision it was given: a bare
 * day stays a day, an explicit time zone stays as written. Unparseable dates come back trimmed, as
 * they are still better than nothing for a report.
 *
 * @example
 * ```ts
 * normalizeDate('2022-01-20 10:00'); // '2022-01-20T10:00'
 * normalizeDate('Thu, 20 Jan 2022 10:00:00 GMT'); // '2022-01-20T10:00:00.000Z'
 * normalizeDate('January 20, 2022'); // '2022-01-20'
 * ```
 */
export function normalizeDate(raw: string): string | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const iso = ISO_DATE.exec(s);
  if (iso) {
    if (!iso[2]) return iso[1];
    return `${iso[1]}T${iso[2]}${iso[3] ? iso[3].toUpperCase() : ''}`;
  }
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return s;
  const d = new Date(ms);
  if (d.getUTCFullYear() < 1000 || d.getUTCFullYear() > 9999) return s;
  if (/(?:\bZ|GMT|UTC|[+-]\d{2}:?\d{2})\s*$/i.test(s) || /\b(?:GMT|UTC)\b/i.test(s)) return d.toISOString();
  // No zone given: Date parsed it as local time, so read it back in local time too.
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  if (d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0) return day;
  return `${day}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
