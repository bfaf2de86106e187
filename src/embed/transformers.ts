/**
 * Sentence-transformers ONNX models through @huggingface/transformers (transformers.js): any
 * feature-extraction model, from a local folder or by Hugging Face hub id. Hub models are
 * downloaded once into a cache folder; with `offline` nothing is downloaded and a model missing
 * from the cache is a RESOURCE_UNAVAILABLE error that says how to provide its files.
 *
 * transformers.js is imported only when such an encoder is created: it loads onnxruntime, which
 * the default (lexical or static) path never needs.
 */

import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { StorydiffError } from '../errors.js';
import { type Encoder, normalize } from './encoder.js';

/** How a model turns token vectors into a sentence vector, and what it expects before the text. */
export interface ModelRecipe {
  /** `mean` over tokens (most sentence-transformers) or the first token (`cls`, e.g. BGE). */
  pooling: 'mean' | 'cls';
  /** Text put before every sentence, e.g. `query: ` for the E5 family. */
  prefix?: string;
  /** Languages the model was trained for; absent for multilingual models. */
  languages?: string[];
}

/**
 * Known model families, matched on the model id (last path segment for folders). Models not
 * listed get mean pooling, no prefix and no language restriction; any field can be overridden
 * in the spec (`hf:<id>?pooling=cls&prefix=query:%20&languages=en`).
 */
export const KNOWN_MODELS: readonly { pattern: RegExp; recipe: ModelRecipe }[] = [
  // E5 was trained with "query: " / "passage: " prefixes; for symmetric similarity both sides are queries.
  { pattern: /multilingual-e5/i, recipe: { pooling: 'mean', prefix: 'query: ' } },
  { pattern: /(^|\/)e5-/i, recipe: { pooling: 'mean', prefix: 'query: ', languages: ['en'] } },
  { pattern: /bge-m3/i, recipe: { pooling: 'cls' } },
  { pattern: /(^|\/)bge-/i, recipe: { pooling: 'cls', languages: ['en'] } },
  { pattern: /multilingual|LaBSE/i, recipe: { pooling: 'mean' } },
  {
    pattern: /all-MiniLM|all-mpnet|paraphrase-MiniLM|paraphrase-mpnet|gte-|use-lite-static-en/i,
    recipe: { pooling: 'mean', languages: ['en'] },
  },
];

/** Options of {@link transformersEncoder}. */
export interface TransformersOptions extends Partial<ModelRecipe> {
  /** Refuse downloads: load from the folder or the cache only. */
  offline?: boolean;
  /** Where hub models are cached. Default `$STORYDIFF_CACHE_DIR` or `~/.cache/storydiff/models`. */
  cacheDir?: string;
  /** Hub revision (branch, tag or commit). Default `main`. */
  revision?: string;
  /** Weights to load: `fp32` (`onnx/model.onnx`, default), `fp16`, `q8` (`model_quantized.onnx`)… */
  dtype?: 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';
  /** Sentences per forward pass. Default 32. */
  batchSize?: number;
}

/** The recipe of a model id: known family, then explicit options. */
export function modelRecipe(id: string, options: Partial<ModelRecipe> = {}): ModelRecipe {
  const known = KNOWN_MODELS.find((k) => k.pattern.test(id))?.recipe ?? { pooling: 'mean' };
  const recipe: ModelRecipe = { ...known };
  if (options.pooling) recipe.pooling = options.pooling;
  if (options.prefix !== undefined) recipe.prefix = options.prefix;
  if (options.languages !== undefined)
    recipe.languages = options.languages.length ? options.languages : undefined;
  if (!recipe.prefix) delete recipe.prefix;
  if (!recipe.languages) delete recipe.languages;
  return recipe;
}

/**
 * Default folder for downloaded models.
 *
 * @example
 * ```ts
 * defaultCacheDir(); // '/home/me/.cache/storydiff/models'
 * ```
 */
export function defaultCacheDir(): string {
  if (process.env.STORYDIFF_CACHE_DIR) return resolve(process.env.STORYDIFF_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'storydiff', 'models');
}

const DTYPE_SUFFIX: Record<string, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  bnb4: '_bnb4',
  q4f16: '_q4f16',
};

/** SHA-256 of a file, streamed (models are large). */
function fileSha256(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('error', rej)
      .on('end', () => res(h.digest('hex')));
  });
}

/** Where a model's files are, or would be: its folder, or its folder in the cache. */
function modelFolder(idOrDir: string, cacheDir: string, revision: string): { dir: string; local: boolean } {
  const asPath = resolve(idOrDir);
  if (existsSync(asPath) && statSync(asPath).isDirectory()) return { dir: asPath, local: true };
  // transformers.js caches `<id>/<file>` for the main revision, `<id>/<revision>/<file>` otherwise.
  return {
    dir: revision === 'main' ? join(cacheDir, idOrDir) : join(cacheDir, idOrDir, revision),
    local: false,
  };
}

/**
 * A sentence encoder over a sentence-transformers ONNX model. `idOrDir` is a folder (holding
 * `config.json`, `tokenizer.json` and `onnx/model.onnx`) or a hub id such as
 * `Xenova/paraphrase-multilingual-MiniLM-L12-v2`. The encoder's name records the model and the
 * first 12 hex digits of its weights' SHA-256.
 *
 * @example
 * ```ts
 * const enc = await transformersEncoder('Xenova/multilingual-e5-small'); // adds "query: " itself
 * const offline = await transformersEncoder('./models/my-model', { offline: true });
 * ```
 */
export async function transformersEncoder(
  idOrDir: string,
  options: TransformersOptions = {},
): Promise<Encoder> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const revision = options.revision ?? 'main';
  const dtype = options.dtype ?? 'fp32';
  const { dir, local } = modelFolder(idOrDir, cacheDir, revision);
  const modelFile = join(dir, 'onnx', `model${DTYPE_SUFFIX[dtype] ?? ''}.onnx`);
  const needed = [join(dir, 'config.json'), join(dir, 'tokenizer.json'), modelFile];
  const missing = needed.filter((f) => !existsSync(f));
  if (missing.length && (local || options.offline)) {
    const files = `config.json, tokenizer.json, tokenizer_config.json and onnx/${basename(modelFile)}`;
    const why = local
      ? `the folder ${dir} lacks ${missing.map((f) => f.slice(dir.length + 1)).join(', ')}; it must hold ${files} (a transformers.js export)`
      : `model ${idOrDir} is not in the model cache (${dir}) and offline mode forbids downloading it; ` +
        `run once without --offline on a machine with a network, or copy its ${files} into that folder, ` +
        `or give the model's folder instead of its id (--encoder hf:/path/to/model)`;
    throw new StorydiffError('RESOURCE_UNAVAILABLE', why);
  }
  const recipe = modelRecipe(local ? dir.split(/[\\/]/).pop()! : idOrDir, options);
  let tf: typeof import('@huggingface/transformers');
  try {
    tf = await import('@huggingface/transformers');
  } catch (err) {
    throw new StorydiffError(
      'RESOURCE_UNAVAILABLE',
      `@huggingface/transformers could not be loaded (${String((err as Error).message ?? err)}); install it with npm install @huggingface/transformers`,
      { cause: err },
    );
  }
  let extractor: Awaited<ReturnType<typeof tf.pipeline<'feature-extraction'>>>;
  try {
    extractor = await tf.pipeline('feature-extraction', local ? dir : idOrDir, {
      dtype,
      revision,
      cache_dir: cacheDir,
      local_files_only: local || !!options.offline,
    });
  } catch (err) {
    throw new StorydiffError(
      'RESOURCE_UNAVAILABLE',
      `cannot load model ${idOrDir}: ${(err as Error).message ?? String(err)}` +
        (local ? '' : ` (downloads go to ${cacheDir}; with --offline, provide the files there)`),
      { source: idOrDir, cause: err },
    );
  }
  const version = existsSync(modelFile) ? (await fileSha256(modelFile)).slice(0, 12) : revision;
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const prefix = recipe.prefix ?? '';
  // The dimension is known after the first forward pass; one short sentence tells it.
  const probe = await extractor(['dimension probe'], { pooling: recipe.pooling, normalize: true });
  const dim = probe.dims[probe.dims.length - 1];
  const label = local ? dir.split(/[\\/]/).pop()! : idOrDir;
  return {
    name: `hf:${label}@${version}${prefix ? `+prefix(${prefix.trim()})` : ''}`,
    dim,
    ...(recipe.languages ? { languages: recipe.languages } : {}),
    async encode(texts: string[]): Promise<Float32Array[]> {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize).map((t) => prefix + t);
        const t = await extractor(batch, { pooling: recipe.pooling, normalize: true });
        const data = t.data as Float32Array;
        for (let k = 0; k < batch.length; k++)
          out.push(normalize(Float32Array.from(data.subarray(k * dim, (k + 1) * dim))));
      }
      return out;
    },
  };
}
