/** Builds sentence-alignment test cases from WMT16 document versions. Pure. */

import type { Segment } from './loaders.js';
import type { Link } from './metrics.js';
import { mulberry32, shuffle } from './prng.js';

/** Two sentence lists and the gold links between them. */
export interface AlignCase {
  a: string[];
  b: string[];
  /** Gold 1:1 links (index in a, index in b). */
  gold: Link[];
}

/** a = the human segments, b = the MT segments; gold links join segments with the same id. */
export function wmtCase(human: readonly Segment[], mt: readonly Segment[]): AlignCase {
  const byId = new Map<number, number>();
  mt.forEach(([id], j) => {
    if (!byId.has(id)) byId.set(id, j);
  });
  const gold: Link[] = [];
  human.forEach(([id], i) => {
    const j = byId.get(id);
    if (j !== undefined) gold.push([i, j]);
  });
  return { a: human.map((s) => s[1]), b: mt.map((s) => s[1]), gold };
}

export interface PerturbOptions {
  /** Consecutive b sentences forming one paragraph (moved together). Default 3. */
  paragraphSize?: number;
  /** Share of b's sentences dropped. Default 0.2. */
  dropRate?: number;
}

/**
 * Groups b's sentences into paragraphs of `paragraphSize` consecutive sentences, shuffles the
 * paragraphs and drops round(dropRate × n) sentences, all from `seed`. Gold links are restricted
 * to the surviving sentences and remapped. `order[k]` is the original b index of new sentence k.
 */
export function perturbCase(
  c: AlignCase,
  seed: number,
  opts: PerturbOptions = {},
): AlignCase & { order: number[] } {
  const size = Math.max(1, opts.paragraphSize ?? 3);
  const rate = Math.min(1, Math.max(0, opts.dropRate ?? 0.2));
  const rng = mulberry32(seed);
  const n = c.b.length;
  const paragraphs: number[][] = [];
  for (let i = 0; i < n; i += size)
    paragraphs.push(Array.from({ length: Math.min(size, n - i) }, (_, k) => i + k));
  const shuffled = shuffle(paragraphs, rng);
  const dropped = new Set(
    shuffle(
      Array.from({ length: n }, (_, i) => i),
      rng,
    ).slice(0, Math.round(rate * n)),
  );
  const order = shuffled.flat().filter((j) => !dropped.has(j));
  const newIndex = new Map<number, number>();
  order.forEach((j, k) => {
    newIndex.set(j, k);
  });
  const gold: Link[] = [];
  for (const [i, j] of c.gold) {
    const k = newIndex.get(j);
    if (k !== undefined) gold.push([i, k]);
  }
  return { a: c.a.slice(), b: order.map((j) => c.b[j]), gold, order };
}
