/**
 * The static sentence encoder: WordPiece tokens looked up in a token table, rows summed and
 * L2-normalised (mean pooling followed by normalisation gives the same vector). No attention and
 * no context, so it is a weighted bag of token vectors — but the vectors come from a sentence
 * encoder (USE-lite), so "resumed" lands near "restarted". Plain TypeScript over typed arrays: tens
 * of thousands of sentences per second, no runtime library, no network.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StorydiffError } from '../errors.js';
import { type Encoder, normalize } from './encoder.js';
import { loadStaticTable, type StaticTable } from './table.js';
import { WordPiece } from './wordpiece.js';

/** File name of the table shipped in `data/`, built by `scripts/build-static-table.ts`. */
export const SHIPPED_TABLE = 'use-lite-static-en-256.sdt';

/**
 * Path of the shipped table. `src/embed/` and `dist/embed/` are both two levels below the
 * package root, so the same relative URL works from the sources and from the build.
 *
 * @example
 * ```ts
 * shippedTablePath(); // '/…/storydiff/data/use-lite-static-en-256.sdt'
 * ```
 */
export function shippedTablePath(): string {
  return fileURLToPath(new URL(`../../data/${SHIPPED_TABLE}`, import.meta.url));
}

/** A static encoder; `encodeSync` is there because nothing in it needs to wait. */
export interface StaticEncoder extends Encoder {
  /** Encodes sentences synchronously. */
  encodeSync(texts: readonly string[]): Float32Array[];
  /** The table, for inspection. */
  readonly table: StaticTable;
  /** The tokenizer, for inspection. */
  readonly tokenizer: WordPiece;
}

const tableCache = new Map<string, StaticTable>();

/**
 * A static encoder over a token table: the shipped one by default, or a `.sdt` file, or a
 * transformers.js static-model folder (`onnx/model.onnx` + `vocab.txt`). Tables are loaded once per
 * path and process.
 *
 * @example
 * ```ts
 * const enc = staticEncoder();
 * const [a, b] = enc.encodeSync(['Talks resumed on Monday.', 'Negotiations restarted Monday.']);
 * cosine(a, b); // ≈ 0.6
 * enc.name;     // 'static:use-lite-static-en-256@…'
 * ```
 */
export function staticEncoder(source: string | StaticTable = shippedTablePath()): StaticEncoder {
  let table: StaticTable;
  if (typeof source === 'string') {
    if (source === shippedTablePath() && !existsSync(source)) {
      throw new StorydiffError(
        'RESOURCE_UNAVAILABLE',
        `the shipped static table is missing (${source}); rebuild it with npx tsx scripts/build-static-table.ts`,
      );
    }
    const hit = tableCache.get(source);
    table = hit ?? loadStaticTable(source);
    if (!hit) tableCache.set(source, table);
  } else table = source;
  const tokenizer = new WordPiece(table.vocab, table.tokenizer);
  const { dim, scales, values } = table;
  const encodeOne = (text: string): Float32Array => {
    const v = new Float32Array(dim);
    for (const id of tokenizer.encode(text)) {
      const s = scales[id];
      if (s === 0) continue;
      const off = id * dim;
      for (let k = 0; k < dim; k++) v[k] += s * values[off + k];
    }
    return normalize(v);
  };
  const encodeSync = (texts: readonly string[]) => texts.map(encodeOne);
  return {
    name: `static:${table.name}@${table.version}`,
    dim,
    ...(table.languages ? { languages: table.languages } : {}),
    table,
    tokenizer,
    encodeSync,
    async encode(texts: string[]) {
      return encodeSync(texts);
    },
  };
}
