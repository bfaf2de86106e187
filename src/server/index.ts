/**
 * The storydiff HTTP server, published as the subpath `storydiff/server`: a thin layer over the
 * library (compare, corpus, ingest, report). It never imports the CLI, and the root entry never
 * imports it, so a library user does not load hono, @hono/node-server and zod.
 *
 * @example
 * ```ts
 * import { startServer } from 'storydiff/server';
 * const server = await startServer({ port: 0 });
 * ```
 */
export { createServer, type StorydiffApp } from './app.js';
export {
  CORPUS_ADD_SCHEMA,
  CorpusAddRequestSchema,
  CorpusArticleSchema,
  type CorpusClusterRequest,
  CorpusClusterRequestSchema,
  CorpusSearchOptionsSchema,
  type CorpusSearchRequest,
  CorpusSearchRequestSchema,
} from './corpus-schemas.js';
export { openApiDocument } from './openapi.js';
export {
  isLoopback,
  type ResolvedOptions,
  resolveOptions,
  SERVER_DEFAULTS,
  type ServerOptions,
} from './options.js';
export {
  ArticleInputSchema,
  CompareOptionsSchema,
  type CompareRequest,
  CompareRequestSchema,
} from './schemas.js';
export { type RunningServer, startServer } from './start.js';
