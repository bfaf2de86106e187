/** Test helpers for packed tuples (radix-sort.test.ts, runs.test.ts): random ones and a reference sort. */

/** A deterministic generator, so a failure can be replayed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Tuples as arrays, sorted and distinct: what sortTuples must produce. */
export function reference(tuples: number[][]): number[][] {
  const key = (t: number[]) => t.join(',');
  const seen = new Map(tuples.map((t) => [key(t), t]));
  return [...seen.values()].sort((a, b) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
    return 0;
  });
}

export function unpack(f: Float64Array, n: number, w: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(f.subarray(i * w, i * w + w)));
}

/** Random tuples: wide-ranging first keys (extremes included), a few heavy ones, repeats. */
export function randomTuples(n: number, w: number, rnd: () => number): number[][] {
  const heavy = [0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 40];
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const k1 =
      rnd() < 0.3
        ? heavy[Math.floor(rnd() * heavy.length)]
        : Math.floor((rnd() - 0.5) * 2 * Number.MAX_SAFE_INTEGER);
    const t = [k1];
    for (let k = 1; k < w; k++) t.push(Math.floor((rnd() - 0.5) * 1e6));
    out.push(t);
    if (rnd() < 0.1) out.push([...t]);
  }
  return out;
}
