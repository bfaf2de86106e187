/**
 * Entry point of a comparison worker thread (see pool.ts). It loads the language detector once,
 * says `ready`, then answers one job at a time until the pool terminates it.
 */
import { parentPort } from 'node:worker_threads';
import { toStorydiffError } from '../errors.js';
import { loadLanguageDetector } from '../text/lang.js';
import { type JobRequest, runJob } from './job.js';

/** A message from the pool. */
export interface JobMessage {
  id: number;
  job: JobRequest;
}

/** A message to the pool. */
export type WorkerReply =
  | { type: 'ready' }
  | {
      type: 'done';
      id: number;
      json: string;
      html?: string;
      hashes?: { scripts: string[]; styles: string[] };
    }
  | { type: 'failed'; id: number; error: { code: string; message: string; source?: string } };

const port = parentPort;
if (!port) throw new Error('storydiff: the server worker runs only as a worker thread');

try {
  await loadLanguageDetector();
} catch {
  // Without the detector the library guesses languages from stop words, as the CLI does.
}

port.on('message', async ({ id, job }: JobMessage) => {
  let reply: WorkerReply;
  try {
    reply = { type: 'done', id, ...(await runJob(job)) };
  } catch (err) {
    reply = { type: 'failed', id, error: toStorydiffError(err).toJSON() };
  }
  port.postMessage(reply);
});

port.postMessage({ type: 'ready' } satisfies WorkerReply);
