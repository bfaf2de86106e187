/**
 * The zod schemas of the corpus API (`/api/v1/corpus/*`): they validate the request bodies and,
 * through `z.toJSONSchema`, describe requests and answers in the OpenAPI document. The answers are
 * the library's published formats; their schemas here are loose objects (unknown fields allowed),
 * as the versioning rules of docs/JSON.md let a format gain fields within its version.
 */
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors.js';
import { CORPUS_ADD_SCHEMA, SEARCH_SCHEMA, STATS_SCHEMA, STORIES_SCHEMA } from '../formats.js';

/** The ids of the answers of `POST /api/v1/corpus/articles` and `GET /api/v1/corpus/stats` (see formats.ts). */
export { CORPUS_ADD_SCHEMA, STATS_SCHEMA };

/** Most hits one search may ask for: the search reads at most 100 candidates anyway. */
export const MAX_SEARCH_LIMIT = 100;
/**
 * Most hits one search may explain with the compare engine. Each is a full comparison on the
 * server's main thread, outside the worker pool's time budget, so the number is kept small.
 */
export const MAX_SEARCH_RESCORE = 20;
/** Stories one cluster answer lists unless `limit` says otherwise; the rest count in `omitted`. */
export const DEFAULT_CLUSTER_LIMIT = 1000;
/** Most stories one cluster answer may list. */
export const MAX_CLUSTER_LIMIT = 10_000;

const id = z
  .union([z.string().min(1).max(1000), z.int()])
  .describe('Stable id of the article (a number is taken as its decimal string).');
/** A time as ISO 8601 (or RFC 2822) text, or a number. */
const published = z
  .union([z.string().max(100), z.number()])
  .describe(
    'Publication time: ISO 8601 (a bare date is midnight UTC; no offset means UTC), RFC 2822, or a number ' +
      'of milliseconds since the epoch (below 10^11: seconds).',
  );
const bound = z
  .union([z.string().max(100), z.number()])
  .describe(
    'ISO 8601 date or time (no offset means UTC), a span before now such as `7d`, `12h`, `2w`, or milliseconds since the epoch.',
  );

/** The fields of an article, shared by the add and search bodies. */
const articleFields = {
  id: id.optional(),
  text: z.string().optional().describe('Plain text of the article. Give this or `html`.'),
  html: z
    .string()
    .optional()
    .describe(
      'HTML of the page; the main text, and any title, date, language, canonical URL and site name the fields do not give, are taken from it. Give this or `text`.',
    ),
  title: z.string().max(1000).optional().describe('Headline.'),
  url: z.string().max(4000).optional().describe('Address of the article; the id when `id` is absent.'),
  source: z.string().max(200).optional().describe('Outlet or feed name.'),
  published: published.optional(),
  lang: z
    .string()
    .max(35)
    .optional()
    .describe('ISO 639-1 code (`en`, or a tag such as `en-GB`); a value that is not one is ignored.'),
};

const textOrHtml = (v: { text?: string; html?: string }, ctx: z.RefinementCtx) => {
  if (v.text !== undefined && v.html !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'give either text or html, not both' });
  }
};

/**
 * One article of `POST /api/v1/corpus/articles`: the fields of a JSONL line of `storydiff index
 * add`, with exactly one of `text` and `html`, and nothing else (an unknown field is refused, so
 * a typo is reported rather than ignored).
 *
 * @example
 * ```ts
 * CorpusArticleSchema.parse({ id: 'wire-1', text: 'Talks resumed on Thursday.', published: '2025-04-08' });
 * ```
 */
export const CorpusArticleSchema = z
  .strictObject(articleFields)
  .superRefine((v, ctx) => {
    textOrHtml(v, ctx);
    if (v.text === undefined && v.html === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give text or html (neither was given)' });
    }
  })
  .meta({ oneOf: [{ required: ['text'] }, { required: ['html'] }] })
  .describe('One article to store.');

/**
 * Body of `POST /api/v1/corpus/articles`: at least one article (the server's `maxBatchArticles`
 * caps the number).
 *
 * @example
 * ```ts
 * CorpusAddRequestSchema.parse({ articles: [{ id: 'w1', text: 'The bridge reopened on Monday.' }] });
 * ```
 */
export const CorpusAddRequestSchema = z
  .strictObject({
    articles: z
      .array(CorpusArticleSchema)
      .min(1)
      .describe('The articles, each stored on its own: a bad one fails alone, with its outcome.'),
  })
  .describe('Articles to add to the corpus.');

/**
 * The add body as it is checked first: the articles themselves are checked one by one, so that a
 * bad article fails alone instead of failing the request.
 */
export const CorpusAddEnvelopeSchema = z.strictObject({
  articles: z.array(z.unknown()).min(1),
});

/**
 * Options of `POST /api/v1/corpus/search`: the library's `SearchOptions` that travel as JSON
 * (`windowDays: null` stands for the library's `Infinity`), bounded so a search stays short.
 *
 * @example
 * ```ts
 * CorpusSearchOptionsSchema.parse({ limit: 5, rescore: 2, windowDays: null, since: '7d' });
 * ```
 */
export const CorpusSearchOptionsSchema = z
  .strictObject({
    limit: z
      .int()
      .min(0)
      .max(MAX_SEARCH_LIMIT)
      .optional()
      .describe(`Most hits returned. Default 10, at most ${MAX_SEARCH_LIMIT}.`),
    rescore: z
      .int()
      .min(0)
      .max(MAX_SEARCH_RESCORE)
      .optional()
      .describe(
        `How many of the top hits to explain with the compare engine. Default 5, at most ${MAX_SEARCH_RESCORE}; 0 for retrieval only.`,
      ),
    minScore: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Lowest retrieval score a hit needs. Default 0.3.'),
    windowDays: z
      .number()
      .min(0)
      .nullable()
      .optional()
      .describe(
        "Days either side of the query's publication time searched for same-story versions. Default 14; null for no window.",
      ),
    since: bound.optional().describe('Earliest publication time of same-story hits.'),
    until: bound.optional().describe('Latest publication time of same-story hits.'),
  })
  .describe('Search options. All optional.');

/**
 * Body of `POST /api/v1/corpus/search`: an article to look for (`text` or `html`, with the same
 * fields as an added article), or the `id` of a stored one alone, plus `options`.
 *
 * @example
 * ```ts
 * CorpusSearchRequestSchema.parse({ id: 'bridge-wire', options: { limit: 5, rescore: 2 } });
 * CorpusSearchRequestSchema.parse({ text: 'A bridge collapsed in Kalder…', published: '2025-04-08' });
 * ```
 */
export const CorpusSearchRequestSchema = z
  .strictObject({ ...articleFields, options: CorpusSearchOptionsSchema.optional() })
  .superRefine((v, ctx) => {
    textOrHtml(v, ctx);
    if (v.text !== undefined || v.html !== undefined) return;
    if (v.id === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'give text or html to look for, or the id of a stored article',
      });
      return;
    }
    const extra = (['title', 'url', 'source', 'published', 'lang'] as const).filter(
      (k) => v[k] !== undefined,
    );
    if (extra.length) {
      // An id alone names a stored article; metadata without text would be silently ignored.
      ctx.addIssue({
        code: 'custom',
        message: `${extra.join(', ')} only go with text or html; to search for a stored article give its id alone`,
      });
    }
  })
  .meta({ anyOf: [{ required: ['text'] }, { required: ['html'] }, { required: ['id'] }] })
  .describe('What to search for: an article (text or html), or the id of a stored article.');

/**
 * Body of `POST /api/v1/corpus/cluster`: which stories to list (`{}` for all, up to the default
 * limit). The clustering threshold is not a request option: the clustering is shared.
 *
 * @example
 * ```ts
 * CorpusClusterRequestSchema.parse({ since: '2025-04-01', until: Date.parse('2025-05-01'), minSize: 3 });
 * ```
 */
export const CorpusClusterRequestSchema = z
  .strictObject({
    since: bound.optional().describe('List stories with a version published at or after this time.'),
    until: bound.optional().describe('… and at or before this time.'),
    minSize: z.int().min(1).optional().describe('Smallest story listed, in versions. Default 2.'),
    limit: z
      .int()
      .min(1)
      .max(MAX_CLUSTER_LIMIT)
      .optional()
      .describe(
        `Most stories listed, largest first. Default ${DEFAULT_CLUSTER_LIMIT}, at most ${MAX_CLUSTER_LIMIT}; \`omitted\` counts the rest.`,
      ),
  })
  .describe('Which stories to list after clustering the new articles. All optional.');

/** A validated search body. */
export type CorpusSearchRequest = z.infer<typeof CorpusSearchRequestSchema>;
/** A validated cluster body. */
export type CorpusClusterRequest = z.infer<typeof CorpusClusterRequestSchema>;

// ── answers ────────────────────────────────────────────────────────────────────────────────

const ms = z.number().describe('Milliseconds since the epoch (UTC).');
const iso = z.string().describe('ISO 8601 time in UTC.');

/** One outcome of `storydiff/corpus-add@1`. */
const AddOutcomeSchema = z
  .looseObject({
    index: z.int().min(0).describe('Position of the article in the request.'),
    status: z
      .enum(['added', 'updated', 'unchanged', 'duplicate', 'failed'])
      .describe(
        '`added`: new. `updated`: a known id with a changed text, replaced. `unchanged`: a known id with the same text. `duplicate`: the same text is stored under another id (`existing`); not stored. `failed`: refused (`error`).',
      ),
    id: z
      .string()
      .optional()
      .describe(
        'The id it is stored under (given, else the URL, else `sha:` and a content hash); absent for a failure without a usable id.',
      ),
    existing: z.string().optional().describe('For duplicates: the id that already holds the text.'),
    error: z
      .looseObject({
        code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
        message: z.string(),
        source: z.string().optional().describe('The article, as `articles[i]`.'),
      })
      .optional()
      .describe('For failures: why, with a catalogue code.'),
  })
  .describe('What happened to one article.');

/** Answer of `POST /api/v1/corpus/articles` (`storydiff/corpus-add@1`). */
export const CorpusAddResultSchema = z
  .looseObject({
    schema: z.literal(CORPUS_ADD_SCHEMA),
    added: z.int().min(0),
    updated: z.int().min(0),
    unchanged: z.int().min(0),
    duplicates: z.int().min(0),
    failed: z.int().min(0),
    outcomes: z.array(AddOutcomeSchema).describe('One per article, in request order.'),
  })
  .describe('What the corpus did with each article.');

/** The fields that name a stored article in a hit or a story version. */
const articleRef = {
  id: z.string(),
  key: z.int(),
  title: z.string().optional(),
  url: z.string().optional(),
  source: z.string().optional(),
  published: iso.optional(),
};

const DerivationSchema = z.looseObject({
  direction: z.enum(['a->b', 'b->a', 'unknown']),
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string()),
});

/** Answer of `POST /api/v1/corpus/search` (`storydiff/search@1`, see docs/JSON.md). */
export const SearchResultSchema = z
  .looseObject({
    schema: z.literal(SEARCH_SCHEMA),
    query: z.looseObject({
      id: z.string().optional(),
      title: z.string().optional(),
      published: iso.optional(),
      words: z.int().min(0),
    }),
    hits: z.array(
      z.looseObject({
        ...articleRef,
        score: z.number().min(0).max(1),
        jaccard: z.number().min(0).max(1),
        cosine: z.number().min(0).max(1),
        keyTerms: z.number().min(0).max(1),
        channels: z.array(z.enum(['lsh', 'terms'])),
        kind: z.enum(['near-duplicate', 'same-story']),
        relation: z
          .enum(['verbatim-copy', 'edited-copy', 'rewrite', 'same-story', 'related', 'unrelated'])
          .optional(),
        similarity: z.number().optional(),
        containment: z.looseObject({ queryInHit: z.number(), hitInQuery: z.number() }).optional(),
        derivation: DerivationSchema.optional(),
        summary: z.string().optional(),
      }),
    ),
    candidates: z.int().min(0),
    timing: z.looseObject({ retrieveMs: z.number(), rescoreMs: z.number() }),
  })
  .describe(
    'Near-duplicates and same-story versions, best first: what `storydiff search --format json` prints.',
  );

/** Answer of `POST /api/v1/corpus/cluster` (`storydiff/stories@1`, see docs/JSON.md). */
export const StoriesResultSchema = z
  .looseObject({
    schema: z.literal(STORIES_SCHEMA),
    generator: z.string(),
    window: z.looseObject({ since: iso.optional(), until: iso.optional() }),
    run: z.looseObject({ clustered: z.int().min(0), newStories: z.int().min(0), seconds: z.number() }),
    stories: z.array(
      z.looseObject({
        story: z.int(),
        size: z.int().min(1),
        title: z.string().optional(),
        root: z.string(),
        first: iso.optional(),
        last: iso.optional(),
        sources: z.array(z.string()),
        versions: z.array(
          z.looseObject({
            ...articleRef,
            words: z.int().min(0),
            parent: z.string().optional(),
            score: z.number(),
            depth: z.int().min(0),
          }),
        ),
      }),
    ),
    omitted: z.int().min(0),
  })
  .describe(
    'Stories with their versions and derivation trees: what `storydiff cluster --format json` prints.',
  );

/** Answer of `GET /api/v1/corpus/stats` (`storydiff/stats@1`, see docs/JSON.md). */
export const StatsResultSchema = z
  .looseObject({
    schema: z.literal(STATS_SCHEMA),
    schemaVersion: z.int(),
    kind: z.string().describe('`sqlite` or `postgres`.'),
    location: z.string().describe('The store: its path, or its URL without the password.'),
    articles: z.int().min(0),
    bandRows: z.int().min(0),
    postingRows: z.int().min(0),
    terms: z.int().min(0),
    stories: z.int().min(0),
    clustered: z.int().min(0),
    earliest: ms.optional(),
    latest: ms.optional(),
    bytes: z.int().min(0).optional(),
    settings: z.looseObject({
      numPerm: z.int(),
      shingle: z.int(),
      bands: z.int(),
      rows: z.int(),
      threshold: z.number(),
      seed: z.int(),
    }),
  })
  .describe('What the corpus holds: what `storydiff stats --json` prints.');

/** Answer of `DELETE /api/v1/corpus/articles/{id}`. */
export const CorpusRemovedSchema = z
  .strictObject({
    id: z.string().describe('The id removed.'),
    removed: z.literal(true),
  })
  .describe('The article, its index entries and its place in a story are gone.');
