/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas that validate requests.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { COMPARISON_SCHEMA, CORPUS_ADD_SCHEMA } from '../formats.js';
import { formatLimit } from '../ingest/limits.js';
import { VERSION } from '../version.js';
import {
  CorpusAddRequestSchema,
  CorpusAddResultSchema,
  CorpusClusterRequestSchema,
  CorpusRemovedSchema,
  CorpusSearchRequestSchema,
  SearchResultSchema,
  StatsResultSchema,
  StoriesResultSchema,
} from './corpus-schemas.js';
import type { ResolvedOptions } from './options.js';
import {
  CompareRequestSchema,
  ErrorResponseSchema,
  HealthResponseSchema,
  ReportCreatedSchema,
} from './schemas.js';

/**
 * JSON Schema of a zod schema as request bodies see it, without `$schema`, which has no place
 * inside an OpenAPI document (3.1 uses JSON Schema 2020-12, zod's default target).
 *
 * @example
 * ```ts
 * jsonSchema(CompareRequestSchema).required; // ['a', 'b']
 * ```
 */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}

let comparisonSchema: Record<string, unknown> | undefined;

/**
 * The published comparison schema. `schema/` sits at the package root, two levels above both
 * `src/server/` and `dist/server/`, and ships in the package (`files`).
 */
function loadComparisonSchema(): Record<string, unknown> {
  comparisonSchema ??= JSON.parse(
    readFileSync(new URL('../../schema/comparison.schema.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  return comparisonSchema;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const error = (description: string, headers?: Record<string, unknown>) => ({
  description,
  content: json(ref('Error')),
  ...(headers ? { headers } : {}),
});
const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } },
};

/**
 * The OpenAPI 3.1 description of the HTTP API, generated from the zod schemas that validate the
 * requests and from the published comparison JSON Schema, with this server's limits.
 *
 * @example
 * ```ts
 * openApiDocument(resolveOptions({})).paths['/compare'].post.requestBody;
 * ```
 */
export function openApiDocument(o: ResolvedOptions): Record<string, unknown> {
  const limits =
    `Limits of this server: request body ${formatLimit(o.maxBodyBytes)}; ${o.maxArticleChars} characters of text ` +
    `or HTML per version; ${o.timeBudgetMs / 1000} s per comparison; ${o.maxConcurrent} comparison(s) at once ` +
    `and ${o.maxQueue} waiting, beyond which requests get 503 SERVER_BUSY with Retry-After.`;
  const bodyErrors = {
    '400': error('Bad JSON or body (`INPUT_INVALID`), empty text (`INPUT_EMPTY`), bad option (`USAGE`).'),
    '401': error('Missing or wrong bearer token (`UNAUTHORIZED`).'),
    '413': error('Body or one version over the limit (`INPUT_TOO_LARGE`).'),
    '415': error(
      'Body not `application/json` (`UNSUPPORTED_MEDIA_TYPE`), not UTF-8 (`INPUT_ENCODING`), NUL characters (`INPUT_BINARY`).',
    ),
    '422': error('HTML with no readable text (`INPUT_NO_TEXT`).'),
    '503': error(
      'Busy (`SERVER_BUSY`), over the time budget (`TIMEOUT`), or out of memory (`RESOURCE_UNAVAILABLE`).',
      retryAfter,
    ),
  };
  const compareBody = {
    required: true,
    content: json(ref('CompareRequest')),
  };
  const security = o.token ? [{ bearer: [] }] : [];
  return {
    openapi: '3.1.0',
    info: {
      title: 'storydiff',
      version: VERSION,
      description:
        'Compare two versions of a news story: which sentences correspond, what was added, dropped and ' +
        `changed. Results use the published format \`${COMPARISON_SCHEMA}\`. ${limits}`,
    },
    servers: [{ url: '/api/v1' }],
    security,
    paths: {
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Whether the server is up. Never needs a token.',
          security: [],
          responses: { '200': { description: 'Up.', content: json(ref('Health')) } },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document.',
          responses: { '200': { description: 'OpenAPI 3.1 document.' }, '401': bodyErrors['401'] },
        },
      },
      '/compare': {
        post: {
          operationId: 'compare',
          summary: 'Compare two versions; returns the comparison JSON, as `storydiff compare --format json`.',
          requestBody: compareBody,
          responses: {
            '200': { description: 'The comparison.', content: json(ref('Comparison')) },
            ...bodyErrors,
          },
        },
      },
      '/reports': {
        post: {
          operationId: 'createReport',
          summary: 'Compare two versions and keep the HTML report at `/r/{id}` while the server runs.',
          description: `Reports are kept for ${o.resultTtlMs / 1000} s, at most ${o.maxResults} of them.`,
          requestBody: compareBody,
          responses: {
            '201': { description: 'Stored.', content: json(ref('ReportCreated')) },
            ...bodyErrors,
          },
        },
      },
      '/reports/{id}': {
        get: {
          operationId: 'getReport',
          summary: 'The comparison JSON of a stored report.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The comparison.', content: json(ref('Comparison')) },
            '401': bodyErrors['401'],
            '404': error('Unknown or expired (`NOT_FOUND`).'),
          },
        },
      },
      ...corpusPaths(o, bodyErrors),
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        CorpusAddRequest: jsonSchema(CorpusAddRequestSchema),
        CorpusAddResult: jsonSchema(CorpusAddResultSchema),
        CorpusSearchRequest: jsonSchema(CorpusSearchRequestSchema),
        SearchResult: jsonSchema(SearchResultSchema),
        CorpusClusterRequest: jsonSchema(CorpusClusterRequestSchema),
        StoriesResult: jsonSchema(StoriesResultSchema),
        StatsResult: jsonSchema(StatsResultSchema),
        CorpusRemoved: jsonSchema(CorpusRemovedSchema),
        CompareRequest: jsonSchema(CompareRequestSchema),
        Comparison: loadComparisonSchema(),
        ReportCreated: {
          ...jsonSchema(ReportCreatedSchema),
          properties: {
            ...(jsonSchema(ReportCreatedSchema).properties as Record<string, unknown>),
            comparison: ref('Comparison'),
          },
          required: ['id', 'url', 'comparison'],
        },
        Health: jsonSchema(HealthResponseSchema),
        Error: jsonSchema(ErrorResponseSchema),
      },
    },
  };
}

/**
 * The corpus paths (`storydiff serve --db`): add, remove, search, cluster, stats. Every one
 * answers 404 `NO_CORPUS` on a server started without a corpus.
 */
function corpusPaths(o: ResolvedOptions, bodyErrors: Record<string, unknown>): Record<string, unknown> {
  const noCorpus = error(
    'The server was started without a corpus (`NO_CORPUS`), or the article is not stored (`NOT_FOUND`).',
  );
  const store = error(
    'The corpus store is unavailable or locked (`RESOURCE_UNAVAILABLE`, `TIMEOUT`), or a cluster run is in progress (`SERVER_BUSY`).',
    retryAfter,
  );
  // The answers every corpus route can give besides its own.
  const common = { '401': bodyErrors['401'], '404': noCorpus, '503': store };
  const post = (
    operationId: string,
    summary: string,
    request: string,
    result: string,
    extra: Record<string, unknown> = {},
  ) => ({
    post: {
      operationId,
      summary,
      requestBody: { required: true, content: json(ref(request)) },
      responses: {
        '200': { description: 'Done.', content: json(ref(result)) },
        ...bodyErrors,
        '404': noCorpus,
        '503': store,
        ...extra,
      },
    },
  });
  return {
    '/corpus/articles': post(
      'corpusAdd',
      `Add up to ${o.maxBatchArticles} articles in one transaction; a bad article (invalid, empty, over ${o.maxArticleChars} characters) fails alone (\`${CORPUS_ADD_SCHEMA}\`).`,
      'CorpusAddRequest',
      'CorpusAddResult',
      {
        '413': error(
          `Body over ${formatLimit(o.maxBodyBytes)}, or more than ${o.maxBatchArticles} articles (\`INPUT_TOO_LARGE\`).`,
        ),
      },
    ),
    '/corpus/articles/{id}': {
      delete: {
        operationId: 'corpusRemove',
        summary: 'Remove one article (its id percent-encoded).',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Removed.', content: json(ref('CorpusRemoved')) }, ...common },
      },
    },
    '/corpus/search': post(
      'corpusSearch',
      'Versions of a story and near-duplicates of an article (given, or stored by id); as `storydiff search --format json`.',
      'CorpusSearchRequest',
      'SearchResult',
    ),
    '/corpus/cluster': post(
      'corpusCluster',
      'Place new articles into stories and return them; as `storydiff cluster --format json`. One run at a time per server.',
      'CorpusClusterRequest',
      'StoriesResult',
    ),
    '/corpus/stats': {
      get: {
        operationId: 'corpusStats',
        summary: 'Counts, settings and size of the corpus store; as `storydiff stats --json`.',
        responses: { '200': { description: 'Stats.', content: json(ref('StatsResult')) }, ...common },
      },
    },
  };
}
