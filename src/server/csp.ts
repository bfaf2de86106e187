/**
 * Content-Security-Policy hashes of a page's inline scripts and styles, so reports can run their
 * own code and nothing injected.
 */
import { createHash } from 'node:crypto';

/** CSP source expressions (`'sha256-…'`) of the inline scripts and styles of a page. */
export interface InlineHashes {
  scripts: string[];
  styles: string[];
}

const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/**
 * Hashes the inline `<script>` and `<style>` blocks of an HTML page, for a CSP that allows
 * exactly those. Scripts with `src` and data blocks (`type="application/json"`) are not run
 * inline, so they are skipped.
 *
 * @example
 * ```ts
 * inlineHashes('<style>p{}</style><script>go()</script>').scripts; // ["'sha256-…'"]
 * ```
 */
export function inlineHashes(html: string): InlineHashes {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1];
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && type !== 'module' && !/javascript|ecmascript/.test(type)) continue;
    scripts.add(hash(m[2]));
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) styles.add(hash(m[1]));
  return { scripts: [...scripts], styles: [...styles] };
}

/** CSP of responses that are not pages (JSON, errors): nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A page CSP that runs only the given inline scripts and styles and talks only to its own origin.
 *
 * @example
 * ```ts
 * pageCsp(inlineHashes(html)); // "default-src 'none'; script-src 'sha256-…'; …"
 * ```
 */
export function pageCsp(h: InlineHashes): string {
  const list = (xs: string[]) => (xs.length ? xs.join(' ') : "'none'");
  return [
    "default-src 'none'",
    `script-src ${list(h.scripts)}`,
    `style-src ${list(h.styles)}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
