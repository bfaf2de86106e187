/**
 * Starting the server: open the corpus, listen, and stop cleanly; listen failures become
 * catalogue errors (USAGE, RESOURCE_UNAVAILABLE).
 */
import type { Server } from 'node:http';
import { isIP } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { StorydiffError } from '../errors.js';
import { createServer, type StorydiffApp } from './app.js';
import { resolveOptions, type ServerOptions } from './options.js';

/** A listening server from {@link startServer}. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080/` (with the real port when `port` was 0). */
  url: string;
  /** The hono app it serves. */
  app: StorydiffApp;
  /**
   * Stops listening, lets requests in flight finish for up to `graceMs` (default 2 s), stops the
   * workers and closes the corpus if the server opened it.
   */
  close(graceMs?: number): Promise<void>;
}

/** What a failed `listen` means for the user, as a catalogue error. */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): StorydiffError {
  const where = `${host}:${port}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return new StorydiffError('RESOURCE_UNAVAILABLE', `${where} is already in use; choose another --port`);
    case 'EACCES':
    case 'EPERM':
      return new StorydiffError(
        'USAGE',
        `no permission to listen on ${where} (ports below 1024 need privileges)`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StorydiffError('USAGE', `cannot listen on ${host}: not an address of this machine`);
    default:
      return new StorydiffError('RESOURCE_UNAVAILABLE', `cannot listen on ${where}: ${err.message}`, {
        cause: err,
      });
  }
}

/**
 * Starts the storydiff HTTP server (see {@link createServer}) and resolves once it listens.
 * Refuses (`USAGE`) to listen on a non-loopback address without a token. A `corpus` given as a
 * `--db` value is opened first, so a store that cannot be opened fails here with its own code.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0, corpus: 'news.db' });
 * console.log(server.url); // http://127.0.0.1:41235/ — with /api/v1/corpus/* on news.db
 * await server.close(); // also closes news.db
 * ```
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const o = resolveOptions(options);
  const app = createServer(options);
  try {
    // Open the corpus before listening: a bad --db fails the start, not the first request.
    await app.corpus();
  } catch (err) {
    await app.close();
    throw err;
  }
  const server = createAdaptorServer({ fetch: app.fetch, hostname: o.host }) as Server;
  // A client that trickles its request must not hold a connection for ever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await app.close();
    throw listenError(err as NodeJS.ErrnoException, o.host, o.port);
  }
  server.on('error', (err) => o.log(`storydiff: server error: ${err.message}`));
  app.warm();
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : o.port;
  const host = isIP(o.host) === 6 ? `[${o.host}]` : o.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/`,
    app,
    close(graceMs = 2000) {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        await stopped;
        clearTimeout(force);
        await app.close();
      })();
      return closing;
    },
  };
}
