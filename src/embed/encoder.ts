/**
 * Sentence encoders turn sentences into vectors whose cosine tracks meaning. storydiff works
 * without one (lexical similarity); an encoder, when given, is blended into sentence similarity.
 */
export interface Encoder {
  /** Model name and version recorded in every output that used it, e.g. "use-lite-static-en-256@1". */
  readonly name: string;
  /** Vector dimension. */
  readonly dim: number;
  /** Encodes a batch of sentences; vectors should be L2-normalised. */
  encode(texts: string[]): Promise<Float32Array[]>;
}

/** Embeddings of both sides' sentences, computed ahead so that comparison stays synchronous. */
export interface PairEmbeddings {
  /** Name of the encoder that produced them. */
  encoder: string;
  a: Float32Array[];
  b: Float32Array[];
  /** Weight of the encoder's cosine in the blended similarity, 0..1. Default 0.5. */
  weight?: number;
}

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

/**
 * Wraps an encoder with a cache keyed by sentence text, so re-comparing a document against many
 * others encodes each sentence once.
 *
 * @example
 * ```ts
 * const enc = cachedEncoder(myEncoder, 10_000);
 * ```
 */
export function cachedEncoder(inner: Encoder, maxEntries = 50_000): Encoder {
  const cache = new Map<string, Float32Array>();
  return {
    name: inner.name,
    dim: inner.dim,
    async encode(texts: string[]): Promise<Float32Array[]> {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      if (missing.length) {
        const vecs = await inner.encode(missing);
        if (cache.size + missing.length > maxEntries) cache.clear();
        for (let i = 0; i < missing.length; i++) cache.set(missing[i], vecs[i]);
      }
      return texts.map((t) => cache.get(t)!);
    },
  };
}
