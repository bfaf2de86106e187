/**
 * The zod schemas of the comparison requests; they validate bodies and describe them in OpenAPI.
 */
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors.js';

/**
 * One side of a comparison in a request body: exactly one of `text` or `html`, plus optional
 * metadata that wins over anything found in the HTML. The same fields as the library's
 * `articleFromInput`, which still runs every content check (empty, NUL, size) on the worker.
 */
export const ArticleInputSchema = z
  .strictObject({
    text: z.string().optional().describe('Plain text of the article. Give this or `html`.'),
    html: z
      .string()
      .optional()
      .describe('HTML of the page; the main text is extracted with Readability. Give this or `text`.'),
    title: z.string().max(1000).optional().describe('Headline; replaces one found in the HTML.'),
    lang: z
      .string()
      .max(35)
      .optional()
      .describe('ISO 639-1 code (`en`, or a tag such as `en-GB`); detected when absent.'),
    date: z.string().max(100).optional().describe('Publication date, ISO 8601 preferred.'),
    source: z.string().max(200).optional().describe('Name of the version in reports, e.g. `wire`.'),
  })
  .superRefine((side, ctx) => {
    if ((side.text === undefined) === (side.html === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          side.text === undefined
            ? 'give text or html (neither was given)'
            : 'give either text or html, not both',
      });
    }
  })
  // A refinement does not reach JSON Schema; `oneOf` says the same thing to API clients.
  .meta({ oneOf: [{ required: ['text'] }, { required: ['html'] }] });

const unit = (what: string) => z.number().min(0).max(1).optional().describe(what);

/** The comparison options a request may set: the aligner thresholds, each in [0, 1]. */
export const CompareOptionsSchema = z
  .strictObject({
    align: z
      .strictObject({
        minSim: unit('Smallest similarity for a link found on its own. Default 0.3.'),
        minSimContext: unit('Smallest similarity for a link supported by aligned neighbours. Default 0.12.'),
        contextWeight: unit("Weight of the neighbours' similarity when ranking links. Default 0.15."),
        minPartial: unit('Smallest share of a sentence covered for a merge or partial link. Default 0.5.'),
      })
      .optional()
      .describe('Aligner thresholds; see the library `AlignOptions`.'),
  })
  .describe('Options of the comparison. All optional.');

/** Body of `POST /api/v1/compare` and `POST /api/v1/reports`. */
export const CompareRequestSchema = z
  .strictObject({
    a: ArticleInputSchema.describe('The first version (the one compared against).'),
    b: ArticleInputSchema.describe('The second version.'),
    options: CompareOptionsSchema.optional(),
  })
  .describe('Two versions of a story to compare.');

/** A validated request body. */
export type CompareRequest = z.infer<typeof CompareRequestSchema>;

/** One side of a validated request body. */
export type ArticleInputBody = z.infer<typeof ArticleInputSchema>;

/** Body of every error response. */
export const ErrorResponseSchema = z
  .strictObject({
    error: z.strictObject({
      code: z
        .enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]])
        .describe('Stable machine-readable code from the error catalogue.'),
      message: z.string().describe('Human-readable English message; do not parse it.'),
      source: z.string().optional().describe('Where the problem is, e.g. `a` or `request body`.'),
    }),
  })
  .describe('An error.');

/** Body of `GET /api/v1/health`. */
export const HealthResponseSchema = z.strictObject({
  status: z.literal('ok'),
  version: z.string().describe('Version of storydiff.'),
  schema: z.string().describe('Identifier of the comparison format the server writes.'),
});

/** Body of `POST /api/v1/reports`, except `comparison`, which the published JSON Schema describes. */
export const ReportCreatedSchema = z.strictObject({
  id: z.string().describe('Random identifier of the stored report.'),
  url: z.string().describe('Path of the HTML report, `/r/<id>`, valid while the server keeps it.'),
});

/**
 * Turns zod issues into one readable line, naming each field by its path, e.g.
 * `b: required; a: give either text or html, not both`. At most five issues are listed. An issue
 * with the whole value is named `root` (`body` by default; `''` for no name, when the message
 * already says where, as in `articles[3]: give text or html`).
 *
 * @example
 * ```ts
 * const r = CompareRequestSchema.safeParse({ a: { text: 'x' } });
 * if (!r.success) summariseIssues(r.error.issues, { a: { text: 'x' } }); // 'b: required'
 * ```
 */
export function summariseIssues(issues: readonly z.core.$ZodIssue[], input: unknown, root = 'body'): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : root;
    // An issue with the value as a whole: with an empty root label, the message alone.
    return where ? `${where}: ${describeIssue(issue, input)}` : describeIssue(issue, input);
  });
  if (issues.length > 5) parts.push(`and ${issues.length - 5} more`);
  return parts.join('; ');
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type') {
    // zod words a missing field as a type error; say "required", which is what the user needs.
    if (valueAt(input, issue.path) === undefined) return 'required';
    return `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${issue.maximum}`;
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `must be at most ${issue.maximum} characters`;
  return issue.message;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
