/**
 * The storydiff HTTP server: a thin layer over the library (compare, ingest, report). It never
 * imports the CLI.
 */
export { createServer, type StorydiffApp } from './app.js';
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
