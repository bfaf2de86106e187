import { createHash } from 'node:crypto';

/**
 * Sentence encoders turn sentences into vectors whose cosine tracks meaning. storydiff works
 * without one (lexical similarity); an encoder, when given, is blended into sentence similarity.
 */
export interface Encoder {
  /** Model name and version recorded in every output that used it, e.g. "use-lite-static-en-256@1". */
  readonly name: string;
  /** Vector dimension. */
  readonly dim: number;
  /**
   * Languages (ISO 639-1) the model was trained for; absent means any. An English-only encoder
   * maps other languages onto noise, so callers may skip it for them.
   */
  readonly languages?: readonly string[];
  /** Encodes a batch of sentences; vectors should be L2-normalised. */
  encode(texts: string[]): Promise<Float32Array[]>;
}

/** Embeddings of both sides' sentences, computed ahead so that comparison stays synchronous. */
export interface PairEmbeddings {
  /** Name of the encoder that produced them. */
  encoder: string;
  a: Float32Array[];
  b: Float32Array[];
  /** Weight of the encoder's cosine in the blended similarity, 0..1. Default {@link DEFAULT_ENCODER_WEIGHT}. */
  weight?: number;
}

/**
 * Weight of an encoder's cosine in blended similarities. Measured flat between 0.4 and 0.6 for the
 * static and USE-lite encoders on MSRP, STS-B and WMT16 (docs/DESIGN.md, "Sentence encoders").
 */
export const DEFAULT_ENCODER_WEIGHT = 0.5;

/**
 * Cosine similarity of two vectors.
 *
 * @example
 * ```ts
 * cosine(Float32Array.of(1, 0), Float32Array.of(1, 0)); // 1
 * ```
 */
export function cosine(x: Float32Array, y: Float32Array): number {
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (let i = 0; i < x.length; i++) {
    dot += x[i] * y[i];
    nx += x[i] * x[i];
    ny += y[i] * y[i];
  }
  return nx && ny ? dot / Math.sqrt(nx * ny) : 0;
}

/** Cache key of a text: a hash, so that long sentences do not stay in memory twice. */
const textKey = (t: string) => createHash('sha256').update(t).digest('base64');

/**
 * Wraps an encoder with a cache keyed by a hash of the sentence text, so re-comparing a document
 * against many others encodes each sentence once. Texts missing from the cache are sent to the
 * inner encoder in one batch; when the cache is full the oldest entries go first.
 *
 * @example
 * ```ts
 * const enc = cachedEncoder(myEncoder, 10_000);
 * await enc.encode(['Talks resumed.', 'Talks resumed.']); // the inner encoder sees one sentence
 * ```
 */
export function cachedEncoder(inner: Encoder, maxEntries = 50_000): Encoder {
  const cache = new Map<string, Float32Array>();
  return {
    name: inner.name,
    dim: inner.dim,
    ...(inner.languages ? { languages: inner.languages } : {}),
    async encode(texts: string[]): Promise<Float32Array[]> {
      const keys = texts.map(textKey);
      const missing: string[] = [];
      const missingKeys: string[] = [];
      const seen = new Set<string>();
      keys.forEach((k, i) => {
        if (cache.has(k) || seen.has(k)) return;
        seen.add(k);
        missing.push(texts[i]);
        missingKeys.push(k);
      });
      const fresh = new Map<string, Float32Array>();
      if (missing.length) {
        const vecs = await inner.encode(missing);
        for (let i = 0; i < missing.length; i++) {
          fresh.set(missingKeys[i], vecs[i]);
          cache.set(missingKeys[i], vecs[i]);
        }
        // Map iteration order is insertion order: the first keys are the oldest.
        for (const k of cache.keys()) {
          if (cache.size <= maxEntries) break;
          cache.delete(k);
        }
      }
      return keys.map((k) => fresh.get(k) ?? cache.get(k)!);
    },
  };
}

/**
 * Scales a vector to unit length in place (a zero vector stays zero) and returns it.
 *
 * @example
 * ```ts
 * normalize(Float32Array.of(3, 4)); // Float32Array [0.6, 0.8]
 * ```
 */
export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  if (n > 0) {
    const k = 1 / Math.sqrt(n);
    for (let i = 0; i < v.length; i++) v[i] *= k;
  }
  return v;
}
