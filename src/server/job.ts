/**
 * One comparison as a worker thread runs it: the request's articles built with the library's
 * checks, compared with the server's engine (compare/engine.ts), rendered as JSON (and HTML).
 */
import { compare } from '../compare/compare.js';
import { type ComparisonOptions, compareWith, comparisonEngine } from '../compare/engine.js';
import { articleFromInput } from '../ingest/article.js';
import { renderJson } from '../report/json.js';
import { type InlineHashes, inlineHashes } from './csp.js';
import type { ArticleInputBody, CompareRequest } from './schemas.js';

/** What a worker is asked to do: one validated request body and the server's limits. */
export interface JobRequest {
  /** `compare` returns the JSON; `report` also renders the HTML report. */
  kind: 'compare' | 'report';
  a: ArticleInputBody;
  b: ArticleInputBody;
  options?: CompareRequest['options'];
  /** Largest text or html of one side, in characters. */
  maxChars: number;
  /** The server's comparison engine; the CLI's default when absent. */
  engine?: ComparisonOptions;
}

/** What a worker gives back. Strings, so the main thread only copies them out. */
export interface JobResult {
  /** The comparison exactly as `storydiff compare --format json` writes it. */
  json: string;
  /** For reports: the page from `renderHtml`, and the hashes its CSP must allow. */
  html?: string;
  hashes?: InlineHashes;
}

let reportHashes: InlineHashes | undefined;

/**
 * Runs one comparison: builds both articles with the library's checks, compares them and
 * renders the results. CPU-bound and synchronous apart from loading the HTML renderer, so the
 * server runs it on a worker thread.
 *
 * @example
 * ```ts
 * const { json } = await runJob({ kind: 'compare', a: { text: 'One.' }, b: { text: 'One.' }, maxChars: 1e6 });
 * ```
 */
export async function runJob(req: JobRequest): Promise<JobResult> {
  const a = articleFromInput(req.a, 'a', { maxChars: req.maxChars });
  const b = articleFromInput(req.b, 'b', { maxChars: req.maxChars });
  // Loaded on the worker's first job, then shared by its later ones.
  const engine = await comparisonEngine(req.engine);
  const cmp = await compareWith(engine, a, b, { align: req.options?.align });
  const json = `${renderJson(cmp)}\n`;
  if (req.kind !== 'report') return { json };
  // Loaded on first use so that a broken or slow renderer never stops plain comparisons.
  const { renderHtml } = await import('../report/index.js');
  reportHashes ??= referenceHashes(renderHtml);
  return { json, html: renderHtml(cmp), hashes: reportHashes };
}

/**
 * The CSP allows the inline code of a report rendered from invented text, never hashes taken from
 * a report of user text: if escaping ever failed, injected script would still not run.
 */
function referenceHashes(render: (cmp: ReturnType<typeof compare>) => string): InlineHashes {
  const cmp = compare(
    { text: 'The bridge over the Elm river reopened on Monday, the mayor said.', lang: 'en' },
    { text: 'On Monday the Elm river bridge was reopened, said the mayor.', lang: 'en' },
  );
  return inlineHashes(render(cmp));
}
