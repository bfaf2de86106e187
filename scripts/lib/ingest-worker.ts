/**
 * One ingest worker process of the shared-store benchmark (`pg-bench.ts`): generates its slices
 * of the synthetic corpus and adds them to the store named by `--db`, then prints one JSON line
 * with its summary. Several of these run at once against one PostgreSQL store, as a newsroom's
 * ingest workers would.
 *
 *   tsx scripts/lib/ingest-worker.ts --db URL --seed 1 --count 1000000 --ranges 0-250000,0-100000
 */

import { parseArgs } from 'node:util';
import { openCorpus } from '../../src/corpus/corpus.js';
import type { CorpusInput } from '../../src/corpus/types.js';
import { SynthCorpus, toCorpusInput } from './synth-corpus.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    seed: { type: 'string', default: '1' },
    count: { type: 'string' },
    ranges: { type: 'string' },
    batch: { type: 'string' },
  },
});
if (!args.db || !args.count || args.ranges === undefined) {
  console.error('usage: ingest-worker --db DB --count N --ranges A-B[,C-D...] [--seed S] [--batch N]');
  process.exit(64);
}
// No ranges: only open (create) the store.
const ranges = args.ranges
  .split(',')
  .filter(Boolean)
  .map((r) => r.split('-').map(Number) as [number, number]);
const synth = new SynthCorpus({ seed: Number(args.seed), count: Number(args.count) });

function* inputs(): Generator<CorpusInput> {
  for (const [from, to] of ranges) for (let i = from; i < to; i++) yield toCorpusInput(synth.article(i));
}

const corpus = await openCorpus({ db: args.db });
try {
  const t0 = performance.now();
  const s = await corpus.add(inputs(), { batchSize: args.batch ? Number(args.batch) : undefined });
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    `${JSON.stringify({
      added: s.added,
      unchanged: s.unchanged,
      updated: s.updated,
      duplicates: s.duplicates,
      failed: s.failed,
      bytes: s.bytes,
      seconds,
      maxRssKiB: process.resourceUsage().maxRSS,
    })}\n`,
  );
} finally {
  await corpus.close();
}
