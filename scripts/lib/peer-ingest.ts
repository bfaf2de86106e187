/**
 * storydiff's side of the peer comparison in the corpus benchmark, in a process of its own, as
 * datasketch runs in its own: reads the JSONL file the peers read (parsing not
 * timed, as theirs is not), warms up on 1,000 articles of another synthetic corpus in `:memory:`
 * (so V8 has compiled the ingest path, but no cache has seen these articles), then times one
 * `add` of the first `--limit` records into `--db` and prints one JSON line with its summary.
 * Before this ran in the benchmark's own process, which had ingested the very same articles
 * earlier (as its 100k corpus size), so the word caches already held their vocabulary.
 *
 *   tsx scripts/lib/peer-ingest.ts --jsonl peers.jsonl --db peers.db --limit 100000
 */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openCorpus } from '../../src/corpus/corpus.js';
import type { CorpusInput } from '../../src/corpus/types.js';
import { SynthCorpus, toCorpusInput } from './synth-corpus.js';

const { values: args } = parseArgs({
  options: {
    jsonl: { type: 'string' },
    db: { type: 'string' },
    limit: { type: 'string' },
    batch: { type: 'string' },
  },
});
if (!args.jsonl || !args.db) {
  console.error('usage: peer-ingest --jsonl FILE --db DB [--limit N] [--batch N]');
  process.exit(64);
}
const limit = args.limit ? Number(args.limit) : Number.POSITIVE_INFINITY;
const batchSize = args.batch ? Number(args.batch) : undefined;

const inputs: CorpusInput[] = [];
// Line by line from a Buffer: the file can be larger than V8's longest string.
const buf = readFileSync(args.jsonl);
let at = 0;
while (at < buf.length && inputs.length < limit) {
  let end = buf.indexOf(10, at);
  if (end < 0) end = buf.length;
  if (end > at) inputs.push(JSON.parse(buf.toString('utf8', at, end)) as CorpusInput);
  at = end + 1;
}

const warm = await openCorpus({ db: ':memory:' });
try {
  const other = new SynthCorpus({ seed: 0x5eed, count: 10_000 });
  await warm.add([...other.articles(0, 1000)].map(toCorpusInput), { batchSize });
} finally {
  await warm.close();
}

const corpus = await openCorpus({ db: args.db });
try {
  const s = await corpus.add(inputs, { batchSize });
  process.stdout.write(
    `${JSON.stringify({ articles: inputs.length, added: s.added, failed: s.failed, bytes: s.bytes, seconds: s.seconds })}\n`,
  );
} finally {
  await corpus.close();
}
