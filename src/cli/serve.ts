/**
 * `storydiff serve`: the flags of the HTTP server, resolved to `ServerOptions` (the store from
 * `--db` or the environment, the comparison engine from `--encoder`); the server itself is loaded
 * only when the command runs.
 */
import { Command } from 'commander';
import {
  DATABASE_URL_ENV,
  DB_ENV,
  dbOption,
  encoderOption,
  offlineOption,
  resolveDb,
  wholeFlag,
} from './parse.js';

interface ServeFlags {
  host: string;
  port: number;
  token?: string;
  maxBodyBytes?: number;
  maxConcurrent?: number;
  maxQueue?: number;
  timeBudget?: number;
  /** A path or URL; false with --no-db. */
  db?: string | false;
  maxBatchArticles?: number;
  encoder: string;
  offline?: boolean;
}

/**
 * The `storydiff serve` command: parses its flags, starts the HTTP server, prints its URL and
 * runs until SIGINT or SIGTERM, then stops cleanly. The server itself lives in `src/server/`,
 * loaded only when the command runs so other commands do not pay for it.
 *
 * @example
 * ```ts
 * program.addCommand(serveCommand()); // storydiff serve --port 0
 * ```
 */
export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the web page and HTTP API (see docs/API.md)')
    .option('--host <address>', 'address to listen on; other than loopback needs a token', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', wholeFlag('--port'), 8080)
    .option('--token <token>', 'bearer token required on the API (default: $STORYDIFF_TOKEN)')
    .option(
      '--max-body-bytes <n>',
      'largest request body in bytes (default 2 MiB)',
      wholeFlag('--max-body-bytes'),
    )
    .option(
      '--max-concurrent <n>',
      'comparisons running at once (default: CPU cores)',
      wholeFlag('--max-concurrent'),
    )
    .option('--max-queue <n>', 'requests waiting before 503 (default 16)', wholeFlag('--max-queue'))
    .option('--time-budget <ms>', 'time budget of one comparison (default 10000)', wholeFlag('--time-budget'))
    .addOption(
      dbOption(
        `also serve a corpus under /api/v1/corpus (add, remove, search, cluster, stats): a SQLite file (created when missing) or a postgres:// URL; default $${DATABASE_URL_ENV}, else $${DB_ENV}; with neither, the corpus endpoints are off (404 NO_CORPUS)`,
      ),
    )
    .option('--no-db', 'no corpus endpoints, even when one of those variables is set')
    .option(
      '--max-batch-articles <n>',
      'most articles in one POST /api/v1/corpus/articles (default 1000)',
      wholeFlag('--max-batch-articles'),
    )
    .addOption(encoderOption('sentence encoder of the comparisons and of search rescoring'))
    .addOption(offlineOption())
    .action(async (flags: ServeFlags) => {
      const { startServer } = await import('../server/index.js');
      // Listen for signals before printing the URL: whoever reads it may signal at once.
      let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
      const signalled = new Promise<NodeJS.Signals>((resolve) => {
        onSignal = resolve;
      });
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let server: Awaited<ReturnType<typeof startServer>>;
      // The same store the corpus commands use; startServer opens it before listening, so a wrong
      // --db stops the command with the store's own message and exit code.
      const db = flags.db === false ? undefined : resolveDb(flags.db, false);
      try {
        server = await startServer({
          host: flags.host,
          port: flags.port,
          token: flags.token ?? process.env.STORYDIFF_TOKEN,
          maxBodyBytes: flags.maxBodyBytes,
          maxConcurrent: flags.maxConcurrent,
          maxQueue: flags.maxQueue,
          timeBudgetMs: flags.timeBudget,
          corpus: db,
          maxBatchArticles: flags.maxBatchArticles,
          encoder: flags.encoder,
          offline: flags.offline,
        });
      } catch (err) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        throw err;
      }
      const corpus = await server.app.corpus();
      if (corpus) {
        const { kind, location } = corpus.store;
        process.stderr.write(`storydiff: corpus API on ${kind} store ${location}\n`);
      }
      process.stdout.write(`storydiff: serving on ${server.url} (Ctrl+C to stop)\n`);
      const signal = await signalled;
      process.stderr.write(`storydiff: ${signal}, stopping\n`);
      // A second signal means "now": do not wait for requests in flight.
      const now = () => process.exit(130);
      process.once('SIGINT', now);
      process.once('SIGTERM', now);
      await server.close();
      process.off('SIGINT', now);
      process.off('SIGTERM', now);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    });
}
