/**
 * One entry point for every sentence encoder: a spec string, as given to `--encoder`, becomes
 * an {@link Encoder} (or `null` for lexical similarity only).
 *
 * | spec                   | encoder                                                                 |
 * | ---------------------- | ----------------------------------------------------------------------- |
 * | `lexical`              | none: lexical similarity only                                           |
 * | `static`               | the shipped static table (data/use-lite-static-en-256.sdt), plain TS    |
 * | `static:<path>`        | a `.sdt` table, or a static ONNX model folder (`onnx/model.onnx` + vocab) |
 * | `use-lite`             | Universal Sentence Encoder lite via @energetic-ai (local npm weights)   |
 * | `hf:<id-or-dir>[@rev]` | any sentence-transformers ONNX model via @huggingface/transformers      |
 *
 * `hf:` specs take overrides as a query: `hf:my/model?pooling=cls&prefix=query:%20&languages=en&dtype=q8`.
 */

import { mustBeOneOf, StorydiffError } from '../errors.js';
import { cachedEncoder, type Encoder } from './encoder.js';
import { staticEncoder } from './static.js';
import { type TransformersOptions, transformersEncoder } from './transformers.js';
import { useLiteEncoder } from './use-lite.js';

/** Options of {@link createEncoder}. */
export interface CreateEncoderOptions {
  /** Refuse downloads (hub models must already be in the cache or given as a folder). */
  offline?: boolean;
  /** Cache folder of downloaded hub models (see {@link defaultCacheDir}). */
  cacheDir?: string;
  /** Largest number of sentence vectors kept in memory; 0 turns the cache off. Default 50,000. */
  cacheEntries?: number;
}

/** The encoder specs {@link createEncoder} understands, for help texts. */
export const ENCODER_SPECS = [
  'lexical',
  'static',
  'static:<path>',
  'use-lite',
  'hf:<model-id-or-folder>',
] as const;

function parseHfSpec(rest: string): { target: string; options: TransformersOptions } {
  const q = rest.indexOf('?');
  let target = q >= 0 ? rest.slice(0, q) : rest;
  const params = new URLSearchParams(q >= 0 ? rest.slice(q + 1) : '');
  const options: TransformersOptions = {};
  const at = target.lastIndexOf('@');
  if (at > 0 && !target.slice(at).includes('/')) {
    options.revision = target.slice(at + 1);
    target = target.slice(0, at);
  }
  for (const [k, v] of params) {
    if (k === 'pooling') {
      if (v !== 'mean' && v !== 'cls') throw mustBeOneOf('pooling', ['mean', 'cls'], v);
      options.pooling = v;
    } else if (k === 'prefix') options.prefix = v;
    else if (k === 'languages') options.languages = v ? v.split(',').map((s) => s.trim()) : [];
    else if (k === 'dtype') options.dtype = v as TransformersOptions['dtype'];
    else if (k === 'batch') options.batchSize = Number(v);
    else
      throw new StorydiffError(
        'USAGE',
        `unknown encoder option ${k} (pooling, prefix, languages, dtype, batch)`,
      );
  }
  if (!target)
    throw new StorydiffError('USAGE', 'hf: needs a model id or folder, e.g. hf:Xenova/all-MiniLM-L6-v2');
  return { target, options };
}

/** An encoder spec, read but not loaded (see {@link parseEncoderSpec}). */
export type EncoderSpec =
  | { kind: 'lexical' }
  | { kind: 'static'; path?: string }
  | { kind: 'use-lite' }
  | { kind: 'hf'; target: string; options: TransformersOptions };

/**
 * Reads an encoder spec without loading anything, so that options can be checked where they are
 * given (a server's options, before it listens): an unknown kind or `hf:` option is USAGE.
 *
 * @example
 * ```ts
 * parseEncoderSpec('static'); // { kind: 'static' }
 * parseEncoderSpec('hf:Xenova/all-MiniLM-L6-v2?pooling=cls'); // { kind: 'hf', target: 'Xenova/all-MiniLM-L6-v2', options: { pooling: 'cls' } }
 * parseEncoderSpec('word2vec'); // throws USAGE
 * ```
 */
export function parseEncoderSpec(spec: string): EncoderSpec {
  const s = spec.trim();
  const colon = s.indexOf(':');
  const kind = (colon >= 0 ? s.slice(0, colon) : s).toLowerCase();
  const rest = colon >= 0 ? s.slice(colon + 1) : '';
  switch (kind) {
    case 'lexical':
    case 'none':
      return { kind: 'lexical' };
    case 'static':
      return rest ? { kind: 'static', path: rest } : { kind: 'static' };
    case 'use-lite':
    case 'uselite':
      return { kind: 'use-lite' };
    case 'hf':
      return { kind: 'hf', ...parseHfSpec(rest) };
    default:
      throw new StorydiffError(
        'USAGE',
        `unknown encoder '${spec}' (expected one of ${ENCODER_SPECS.join(', ')})`,
      );
  }
}

/**
 * Creates the encoder a spec names, wrapped in a cache keyed by text hash. `lexical` gives `null`:
 * no encoder. Nothing but `hf:` with a hub id not yet cached can touch the network, and not even
 * that with `offline`.
 *
 * @example
 * ```ts
 * const enc = await createEncoder('static');
 * const cmp = await compareWith(enc, a, b); // compare/engine.ts; null compares lexically
 * await createEncoder('hf:Xenova/paraphrase-multilingual-MiniLM-L12-v2', { offline: true });
 * ```
 */
export async function createEncoder(
  spec: string,
  options: CreateEncoderOptions = {},
): Promise<Encoder | null> {
  const parsed = parseEncoderSpec(spec);
  let enc: Encoder;
  switch (parsed.kind) {
    case 'lexical':
      return null;
    case 'static':
      enc = parsed.path ? staticEncoder(parsed.path) : staticEncoder();
      break;
    case 'use-lite':
      enc = await useLiteEncoder();
      break;
    case 'hf':
      enc = await transformersEncoder(parsed.target, {
        ...parsed.options,
        offline: options.offline,
        cacheDir: options.cacheDir,
      });
      break;
  }
  const entries = options.cacheEntries ?? 50_000;
  return entries > 0 ? cachedEncoder(enc, entries) : enc;
}

/**
 * The encoder the CLI and the server use unless told otherwise: the static token table, chosen by
 * measurement (docs/DESIGN.md, "Sentence encoders"): above lexical on MSRP, STS-B, SemEval en-en
 * and WMT16 alignment, about 1.4 ms per Berlin-sized comparison, no network. It is English-only, so
 * other languages stay lexical (and cross-language pairs use anchors).
 */
export const DEFAULT_ENCODER = 'static';
