import type { Comparison } from '../compare/types.js';

/**
 * Serialises a comparison as JSON (the published `storydiff/comparison@1` format).
 *
 * @example
 * ```ts
 * renderJson(cmp, { pretty: false }); // one line, for JSONL batches
 * ```
 */
export function renderJson(cmp: Comparison, opts: { pretty?: boolean } = {}): string {
  return JSON.stringify(cmp, null, opts.pretty === false ? undefined : 2);
}
