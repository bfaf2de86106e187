/**
 * A pre-parse guard against pathological HTML. The parser under linkedom (htmlparser2) keeps its
 * open-element stack in an array it `unshift`s and `indexOf`s, so deep nesting or a flood of
 * stray close tags costs time quadratic in the depth (100,000 nested divs take seconds per run).
 * This scan models that stack in linear time and rewrites only what is pathological: open tags
 * nested deeper than the limit (and their close tags) are dropped, keeping their text, and close
 * tags that match nothing open, which the parser ignores anyway, are removed.
 */

/** Elements that never have content (htmlparser2's list). */
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Elements whose content is raw text up to their close tag (htmlparser2's tokenizer). */
/** The heading elements, h1 to h6 (html.ts counts them as blocks too). */
export const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

/** Elements whose content must go with them if they are dropped, or it would become article text. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'title',
  'textarea',
  'xmp',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
  'select',
  'head',
]);

/** Tags that start a paragraph; a dropped open tag becomes a `<br>` so lines stay apart. */
const BLOCKISH =
  /^(?:p|div|h[1-6]|li|dt|dd|tr|blockquote|pre|section|article|header|footer|aside|nav|main|figure|figcaption|table|ul|ol|dl|address|details|summary|form|fieldset)$/;

const P = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
/** Opening the key closes these if they are the current element (htmlparser2's rules). */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t): [string, Set<string>] => [
    t,
    FORM,
  ]),
  ...[
    'p',
    ...HEADINGS,
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t): [string, Set<string>] => [t, P]),
]);

const NAME = /[a-zA-Z][^\s/>]*/y;

/** Result of {@link limitNesting}. */
export interface NestingResult {
  /** The HTML to parse: the input itself when nothing needed changing. */
  html: string;
  /** Deepest nesting seen (before dropping). */
  depth: number;
  /** True when tags were dropped. */
  changed: boolean;
  /** Elements the parser will build from `html` (open tags that were kept). */
  elements: number;
}

/**
 * Rewrites `html` so no element nests deeper than `maxDepth` and no close tag is unmatched.
 * Text is never dropped, except inside scripts, styles and similar elements that were cut whole.
 *
 * @example
 * ```ts
 * limitNesting('<b><i>x</i></b></span>', 1).html; // '<b>x</b>'
 * ```
 */
export function limitNesting(html: string, maxDepth: number): NestingResult {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let foreign = 0;
  let maxSeen = 0;
  const out: string[] = [];
  let copied = 0; // html[0, copied) has been dealt with
  let changed = false;
  let elements = 0;
  /** Stack index of an element cut with its content, or -1. */
  let cutAt = -1;
  let cutFrom = 0;

  const cut = (from: number, to: number, replacement = '') => {
    changed = true;
    if (from > copied) out.push(html.slice(copied, from));
    if (replacement) out.push(replacement);
    copied = Math.max(copied, to);
  };
  const pop = (at: number) => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    if (name === 'svg' || name === 'math') foreign--;
    if (stack.length === cutAt) {
      cut(cutFrom, at);
      cutAt = -1;
    }
  };

  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const c = html.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) {
      const isComment = html.startsWith('<!--', lt);
      const end = isComment ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt + 2);
      i = end < 0 ? n : end + (isComment ? 3 : 1);
      continue;
    }
    const closing = c === 0x2f; /* / */
    NAME.lastIndex = lt + (closing ? 2 : 1);
    const m = NAME.exec(html);
    if (!m) {
      i = lt + 1;
      continue;
    }
    const name = m[0].toLowerCase();
    const tagEnd = findTagEnd(html, NAME.lastIndex);
    const selfClosing = html.charCodeAt(tagEnd - 2) === 0x2f;

    if (closing) {
      if ((open.get(name) ?? 0) > 0) {
        const keep = stack.lastIndexOf(name) < maxDepth;
        while (stack.length > 0 && stack[stack.length - 1] !== name) pop(lt);
        pop(tagEnd);
        // Decided after popping, as popping may just have ended a cut that covered this tag.
        if (!keep && cutAt < 0) cut(lt, tagEnd);
      } else if (cutAt < 0 && !VOID.has(name) && name !== 'p' && name !== 'br') {
        // Matches nothing open, so the parser would only search its stack for it and ignore it.
        // (A stray `</p>` or `</br>` makes an element, and void close tags cost nothing: kept.)
        cut(lt, tagEnd);
      }
      i = tagEnd;
      continue;
    }

    const implied = IMPLIES_CLOSE.get(name);
    if (implied) while (stack.length > 0 && implied.has(stack[stack.length - 1])) pop(lt);
    let end = tagEnd;
    if (RAW_TEXT.has(name)) {
      // Raw text runs to the matching close tag; a `<div>` inside a script is not a tag.
      const close = new RegExp(`</${name}[\\s/>]`, 'ig');
      close.lastIndex = tagEnd;
      const found = close.exec(html);
      end = found ? found.index : n;
    }
    const pushes = !VOID.has(name) && !(selfClosing && foreign > 0);
    if (pushes) {
      if (stack.length >= maxDepth && cutAt < 0) {
        if (DROP_WITH_CONTENT.has(name)) {
          cutAt = stack.length;
          cutFrom = lt;
        } else if (BLOCKISH.test(name)) {
          cut(lt, tagEnd, '<br>');
          elements++;
        } else {
          cut(lt, tagEnd);
        }
      } else if (cutAt < 0) {
        elements++;
      }
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      if (name === 'svg' || name === 'math') foreign++;
      if (stack.length > maxSeen) maxSeen = stack.length;
    } else if (stack.length >= maxDepth && cutAt < 0 && DROP_WITH_CONTENT.has(name)) {
      cut(lt, tagEnd);
    } else if (cutAt < 0) {
      elements++;
    }
    i = end;
  }
  if (cutAt >= 0) cut(cutFrom, n);
  if (!changed) return { html, depth: maxSeen, changed: false, elements };
  if (copied < n) out.push(html.slice(copied));
  return { html: out.join(''), depth: maxSeen, changed: true, elements };
}

/** Index just past the `>` closing a tag, skipping quoted attribute values. */
function findTagEnd(html: string, from: number): number {
  let i = from;
  const n = html.length;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 0x3e /* > */) return i + 1;
    if (c === 0x3d /* = */) {
      let j = i + 1;
      while (j < n && /\s/.test(html[j])) j++;
      const q = html[j];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, j + 1);
        if (close < 0) return n;
        i = close + 1;
        continue;
      }
    }
    i++;
  }
  return n;
}
