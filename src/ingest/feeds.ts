/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry becomes an article. Feeds are small, so
 * a feed is read whole (within the byte limit) and parsed with linkedom's tolerant XML parser, which
 * neither runs nor fetches anything and does not expand DTD entities.
 */
import { DOMParser } from 'linkedom';
import type { CorpusInput } from '../corpus/types.js';
import { StorydiffError, toStorydiffError } from '../errors.js';
import type { CorpusItem } from './corpus-input.js';
import { decodeText } from './decode.js';
import { htmlToText, normalizeLang } from './html.js';
import { DEFAULT_MAX_CHARS } from './limits.js';

/** Deepest element nesting accepted; feeds nest 4 or 5 levels (plus inline XHTML content). */
const MAX_XML_DEPTH = 256;
/** Most elements in one feed; a feed of 1,000 rich items has well under 100,000. */
const MAX_XML_ELEMENTS = 1_000_000;

/**
 * Whether text starts like a feed: after an optional XML declaration, comments, processing
 * instructions and doctype, the root element is `<rss>`, `<feed>` or `<rdf:RDF>`.
 *
 * @example
 * ```ts
 * looksLikeFeed('<?xml version="1.0"?>\n<rss version="2.0"><channel>…'); // true
 * looksLikeFeed('<!doctype html><html>…'); // false
 * ```
 */
export function looksLikeFeed(head: string): boolean {
  const s = head
    .replace(/^\uFEFF/, '')
    .replace(/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i, '');
  return /^<(?:rss|feed|(?:[\w.-]+:)?RDF)[\s>/]/i.test(s);
}

/**
 * The encoding an XML document declares (`<?xml … encoding="ISO-8859-1"?>`), or undefined.
 *
 * @example
 * ```ts
 * xmlDeclaredEncoding(Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss/>')); // 'windows-1252'
 * ```
 */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)).toString('latin1');
  return /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']\s*([\w.:-]+)/.exec(head)?.[1];
}

/** Options of {@link readFeed} and {@link parseFeed}. */
export interface FeedOptions {
  /** Longest text of one item, in characters. Default 10 million. */
  maxChars?: number;
}

/**
 * Decodes a whole feed file (honouring its XML encoding declaration; binary, empty or mis-encoded
 * bytes are one error item for the file) and turns it into items, as {@link parseFeed} does.
 *
 * @example
 * ```ts
 * for (const item of readFeed(await readFile('world.rss'), 'world.rss')) console.log(item.kind);
 * ```
 */
export function readFeed(bytes: Uint8Array, name: string, opts: FeedOptions = {}): CorpusItem[] {
  let xml: string;
  try {
    xml = decodeText(bytes, name, { encoding: xmlDeclaredEncoding(bytes) });
  } catch (err) {
    return [{ kind: 'error', error: toStorydiffError(err, name), origin: name }];
  }
  return parseFeed(xml, name, opts);
}

/**
 * Turns a feed's XML into one item per `<item>`/`<entry>`, in document order, with origin
 * `NAME#item N` (1-based):
 *
 * - text: RSS `content:encoded`, else `description`; Atom `content`, else `summary`. HTML in them
 *   (escaped or CDATA, or Atom `type="html"`/`"xhtml"`) becomes plain text with entities decoded and
 *   scripts dropped; Atom `type="text"` stays as written;
 * - title; url: RSS `link` (else a permalink `guid`), Atom `link` with `rel="alternate"` (or no
 *   rel), resolved against the feed's address when relative; id: RSS `guid`, Atom `id`, else the url;
 * - published: `pubDate`, `dc:date`, Atom `published`, else `updated` (as given, trimmed);
 * - source: the channel's or feed's title; lang: the item's, else the feed's language.
 *
 * An item with no text is an `INPUT_NO_TEXT` error item and the others go on. A document whose
 * root is not `rss`, `feed` or `rdf:RDF`, or that nests or sprawls past sane limits, is one
 * `INPUT_INVALID`/`INPUT_TOO_LARGE` error for the file; a feed without items is `INPUT_EMPTY`. The
 * parser is tolerant: a truncated feed gives the items before the cut.
 *
 * @example
 * ```ts
 * const items = parseFeed('<rss><channel><title>Wire</title><item><title>Talks</title>' +
 *   '<description>&lt;p&gt;Talks resumed.&lt;/p&gt;</description></item></channel></rss>', 'wire.rss');
 * // [{ kind: 'article', input: { title: 'Talks', text: 'Talks resumed.', source: 'Wire', origin: 'wire.rss#item 1' } }]
 * ```
 */
export function parseFeed(xml: string, name: string, opts: FeedOptions = {}): CorpusItem[] {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const fileError = (code: 'INPUT_INVALID' | 'INPUT_TOO_LARGE' | 'INPUT_EMPTY', detail: string) => [
    { kind: 'error' as const, error: new StorydiffError(code, detail, { source: name }), origin: name },
  ];
  const shape = xmlShape(xml);
  if (shape.depth > MAX_XML_DEPTH) {
    return fileError(
      'INPUT_INVALID',
      `the feed nests elements ${shape.depth} deep, over the limit of ${MAX_XML_DEPTH}`,
    );
  }
  if (shape.elements > MAX_XML_ELEMENTS) {
    return fileError(
      'INPUT_TOO_LARGE',
      `the feed has ${shape.elements} elements, over the limit of ${MAX_XML_ELEMENTS}`,
    );
  }
  let root: Element | null;
  try {
    root = new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element | null;
  } catch (err) {
    return fileError('INPUT_INVALID', `the feed is not well-formed XML (${(err as Error).message})`);
  }
  const rootName = root ? nameOf(root) : '';
  const kind =
    rootName === 'rss' ? 'rss' : rootName === 'feed' ? 'atom' : /(?:^|:)rdf$/.test(rootName) ? 'rdf' : '';
  if (!root || kind === '') {
    return fileError(
      'INPUT_INVALID',
      root
        ? `not an RSS or Atom feed: the root element is <${root.tagName}>`
        : 'not an RSS or Atom feed: no XML root element',
    );
  }

  let entries: Element[];
  let feed: FeedInfo;
  if (kind === 'atom') {
    entries = childrenNamed(root, 'entry', true);
    feed = {
      title: atomText(first(root, 'title', true), maxChars),
      lang: normalizeLang(xmlLang(root)),
      base: alternateLink(root, undefined),
    };
  } else {
    const channel = first(root, 'channel', false);
    // RSS 2.0 keeps items in the channel, RSS 1.0 next to it.
    entries =
      kind === 'rss' && channel ? childrenNamed(channel, 'item', false) : childrenNamed(root, 'item', false);
    if (kind === 'rss' && entries.length === 0) entries = childrenNamed(root, 'item', false);
    feed = {
      title: plainTitle(textOf(channel && first(channel, 'title', false)), maxChars),
      lang: normalizeLang(
        textOf(channel && (first(channel, 'language', false) ?? first(channel, 'dc:language', false))) ??
          xmlLang(root),
      ),
      base: absolute(textOf(channel && first(channel, 'link', false))),
    };
  }
  if (entries.length === 0) return fileError('INPUT_EMPTY', 'the feed has no items');

  const out: CorpusItem[] = [];
  entries.forEach((entry, i) => {
    const where = `${name}#item ${i + 1}`;
    try {
      const input =
        kind === 'atom' ? atomEntry(entry, feed, where, maxChars) : rssItem(entry, feed, where, maxChars);
      out.push({ kind: 'article', input });
    } catch (err) {
      out.push({ kind: 'error', error: toStorydiffError(err, where), origin: where });
    }
  });
  return out;
}

interface FeedInfo {
  title?: string;
  lang?: string;
  /** The feed's own web address, to resolve relative item links against. */
  base?: string;
}

function rssItem(item: Element, feed: FeedInfo, where: string, maxChars: number): CorpusInput {
  const html = textOf(first(item, 'content:encoded', false)) ?? textOf(first(item, 'description', false));
  const text = html ? htmlToText(html, { source: where, maxChars }) : '';
  if (text === '') {
    throw new StorydiffError('INPUT_NO_TEXT', 'the item has no text (no content:encoded or description)', {
      source: where,
    });
  }
  const guidEl = first(item, 'guid', false);
  const guid = textOf(guidEl);
  // A guid is a permalink unless it says otherwise, so it can stand in for a missing link.
  const permalink =
    guid && guidEl?.getAttribute('isPermaLink')?.trim().toLowerCase() !== 'false'
      ? absolute(guid)
      : undefined;
  const link = textOf(first(item, 'link', false)) ?? item.getAttribute('rdf:about') ?? undefined;
  const url = resolve(link, feed.base) ?? permalink;
  return build({
    text,
    id: guid ?? url,
    title: plainTitle(textOf(first(item, 'title', false)), maxChars),
    url,
    source: feed.title,
    published: textOf(first(item, 'pubDate', false)) ?? textOf(first(item, 'dc:date', false)),
    lang: normalizeLang(textOf(first(item, 'dc:language', false)) ?? xmlLang(item)) ?? feed.lang,
    origin: where,
  });
}

function atomEntry(entry: Element, feed: FeedInfo, where: string, maxChars: number): CorpusInput {
  const text =
    atomText(first(entry, 'content', true), maxChars) ?? atomText(first(entry, 'summary', true), maxChars);
  if (!text) {
    throw new StorydiffError('INPUT_NO_TEXT', 'the entry has no text (no content or summary)', {
      source: where,
    });
  }
  const url = alternateLink(entry, xmlBase(entry) ?? feed.base);
  return build({
    text,
    id: textOf(first(entry, 'id', true)) ?? url,
    title: atomText(first(entry, 'title', true), maxChars),
    url,
    source: feed.title,
    published:
      textOf(first(entry, 'published', true)) ??
      textOf(first(entry, 'issued', true)) ??
      textOf(first(entry, 'updated', true)) ??
      textOf(first(entry, 'modified', true)),
    lang: normalizeLang(xmlLang(entry)) ?? feed.lang,
    origin: where,
  });
}

/** A CorpusInput without the keys whose value is undefined. */
function build(fields: CorpusInput): CorpusInput {
  const out = { text: fields.text } as CorpusInput;
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** An Atom text construct per its `type`: text as written, `html` escaped markup, `xhtml` inline markup. */
function atomText(el: Element | undefined, maxChars: number): string | undefined {
  if (!el) return undefined;
  const type = (el.getAttribute('type') ?? 'text').trim().toLowerCase();
  let out: string;
  if (type === 'html' || type === 'text/html') {
    out = htmlToText(el.textContent ?? '', { maxChars });
  } else if (type === 'xhtml' || type === 'application/xhtml+xml') {
    out = htmlToText(el.innerHTML, { maxChars });
  } else if (type === 'text' || type.startsWith('text/')) {
    out = (el.textContent ?? '').replace(/\r\n?/g, '\n').trim();
  } else {
    return undefined; // Base64 or out-of-line media: not article text.
  }
  return out === '' ? undefined : out;
}

/** RSS titles are meant as plain text, but markup and entities turn up; only those go through HTML. */
function plainTitle(raw: string | undefined, maxChars: number): string | undefined {
  if (!raw) return undefined;
  const text = /<[a-z!/]|&[#\w]/i.test(raw) ? htmlToText(raw, { maxChars }) : raw;
  const out = text.replace(/\s+/g, ' ').trim();
  return out === '' ? undefined : out;
}

/** Href of the first `link` with rel `alternate` (or none), resolved against `base`. */
function alternateLink(el: Element, base: string | undefined): string | undefined {
  for (const link of childrenNamed(el, 'link', true)) {
    const rel = (link.getAttribute('rel') ?? 'alternate').trim().toLowerCase();
    const href = link.getAttribute('href')?.trim();
    if (rel === 'alternate' && href) return resolve(href, base);
  }
  return undefined;
}

function resolve(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return href; // Not resolvable: still better than nothing as an address.
  }
}

function absolute(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href).href;
  } catch {
    return undefined;
  }
}

function xmlLang(el: Element): string | undefined {
  return el.getAttribute('xml:lang') ?? el.getAttribute('lang') ?? undefined;
}

function xmlBase(el: Element): string | undefined {
  return absolute(el.getAttribute('xml:base') ?? undefined);
}

/** The tag name, lowercased, as written (linkedom's XML mode is not namespace-aware). */
function nameOf(el: Element): string {
  return el.tagName.toLowerCase();
}

/**
 * Element children called `name`. Atom names also match with an `atom:` prefix (a feed may bind
 * the Atom namespace to one); other prefixes (`media:content`) are different elements.
 */
function childrenNamed(el: Element, name: string, atom: boolean): Element[] {
  const want = name.toLowerCase();
  const out: Element[] = [];
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    const n = nameOf(c);
    if (n === want || (atom && n === `atom:${want}`)) out.push(c);
  }
  return out;
}

function first(el: Element, name: string, atom: boolean): Element | undefined {
  return childrenNamed(el, name, atom)[0];
}

/** An element's text (CDATA included), trimmed; undefined when absent or blank. */
function textOf(el: Element | null | undefined): string | undefined {
  const t = el?.textContent?.trim();
  return t ? t : undefined;
}

/**
 * Nesting depth and element count from a linear scan of the tags, checked before parsing: the
 * parser's open-element stack work grows with depth, so a hostile feed is refused up front. Each
 * search starts after the previous tag, so even markup without any `>` is one pass.
 */
function xmlShape(xml: string): { depth: number; elements: number } {
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  let i = xml.indexOf('<');
  while (i >= 0) {
    let end: number;
    if (xml.startsWith('<![CDATA[', i)) {
      end = xml.indexOf(']]>', i + 9);
    } else if (xml.startsWith('<!--', i)) {
      end = xml.indexOf('-->', i + 4);
    } else {
      end = xml.indexOf('>', i + 1);
      if (end < 0) break;
      const next = xml.charCodeAt(i + 1);
      if (next === 0x2f /* / */) {
        if (depth > 0) depth--;
      } else if (next !== 0x21 /* ! */ && next !== 0x3f /* ? */) {
        elements++;
        if (xml.charCodeAt(end - 1) !== 0x2f) {
          depth++;
          if (depth > deepest) deepest = depth;
        }
      }
    }
    if (end < 0) break;
    i = xml.indexOf('<', end + 1);
  }
  return { depth: deepest, elements };
}
