/**
 * The comparison engine a run uses, resolved once at the edge (the CLI's flags, the server's
 * options) and passed down: which sentence encoder, if any, is blended into sentence similarity.
 * `storydiff compare`, `storydiff search --rescore`, `storydiff serve` (its workers and its corpus
 * search) all resolve it here, so they share one default ({@link DEFAULT_ENCODER}) and one cache
 * of loaded models per process.
 *
 * Representation. Options are plain data ({@link ComparisonOptions}: an encoder spec string), so
 * they cross worker threads and JSON; the engine is the loaded encoder, or `null` for lexical only.
 *
 * Decision. One entry, {@link compareWith}, takes the engine and picks `compareWithEncoder` or
 * `compare`; callers never write that choice themselves.
 */
import type { Article, Doc } from '../doc/types.js';
import type { Encoder } from '../embed/encoder.js';
import { createEncoder, DEFAULT_ENCODER } from '../embed/registry.js';
import { type CompareOptions, compare, compareWithEncoder } from './compare.js';
import type { Comparison } from './types.js';

/** How comparisons run; every field has a default. */
export interface ComparisonOptions {
  /**
   * Sentence encoder, as `--encoder` takes it: `lexical`, `static`, `static:<file>`, `use-lite`,
   * `hf:<model id or folder>`. Default {@link DEFAULT_ENCODER}.
   */
  encoder?: string;
  /** Never download a model (`hf:` models must be in the cache or a folder). Default false. */
  offline?: boolean;
}

/** The loaded encoder of a run, or `null`: lexical similarity only. */
export type ComparisonEngine = Encoder | null;

/** Engines already loaded in this process, by spec and offline flag. */
const engines = new Map<string, Promise<ComparisonEngine>>();

/**
 * Loads the engine the options name, once per process: later calls with the same options share it.
 * A bad spec is a USAGE error, a model that cannot be had RESOURCE_UNAVAILABLE.
 *
 * @example
 * ```ts
 * const engine = await comparisonEngine({ encoder: flags.encoder, offline: flags.offline });
 * const cmp = await compareWith(engine, a, b);
 * ```
 */
export function comparisonEngine(opts: ComparisonOptions = {}): Promise<ComparisonEngine> {
  const spec = opts.encoder ?? DEFAULT_ENCODER;
  const key = `${spec}\u0000${!!opts.offline}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = createEncoder(spec, { offline: opts.offline });
    engines.set(key, engine);
    // A failure is not kept: the next run may have the model (or the network) again.
    engine.catch(() => engines.delete(key));
  }
  return engine;
}

/**
 * Compares two versions with the engine: with its encoder blended in, or lexically when it is
 * `null` (or absent). `anyLanguage` uses an English-only encoder on other languages too.
 *
 * @example
 * ```ts
 * const cmp = await compareWith(await comparisonEngine(), wire, rewrite, { id: 7 });
 * cmp.encoder; // 'static' for English text
 * ```
 */
export function compareWith(
  engine: ComparisonEngine | undefined,
  a: Article | Doc | string,
  b: Article | Doc | string,
  opts: CompareOptions & { anyLanguage?: boolean } = {},
): Promise<Comparison> {
  return engine ? compareWithEncoder(a, b, engine, opts) : Promise.resolve(compare(a, b, opts));
}
