/**
 * Sentence alignment of two versions: which sentences of a correspond to which of b, n:m and
 * without assuming the same order, and which links moved.
 *
 * Representation. A sparse similarity matrix ({@link SimMatrix}) over the sentence pairs that
 * share at least one term (found through an inverted index); each cell holds the pair's
 * similarity (weighted term overlap blended with character 4-grams) and the share of each
 * sentence the other covers. `compare.ts` blends encoder cosines into the same matrix.
 *
 * Decision. Greedy rather than optimal, in four passes (see {@link align}): one-to-one links best
 * first with a bonus when neighbours also correspond, gaps between aligned neighbours at a lower
 * threshold, splits and merges, then partial links. The neighbour bonus keeps runs of sentences
 * together and breaks ties sensibly. Moved links are those outside a longest increasing
 * subsequence of b positions.
 *
 * Cost. The matrix costs the sentence pairs that share a term; ranking the candidate links is
 * O(c log c) in their number; the moved test is O(n log n) in the links.
 */
import { gramCosine, mergeVecs, overlap, type PairFeatures, type SentenceVec } from './features.js';

/** Similarity of one sentence pair. */
export interface PairSim {
  sim: number;
  /** Share of the a sentence's weight found in the b sentence, and vice versa. */
  covA: number;
  covB: number;
}

/** Sparse similarity matrix: for each a sentence, its candidate b sentences. */
export interface SimMatrix {
  rows: Map<number, PairSim>[];
  cols: Map<number, PairSim>[];
}

/** Tunable parameters of the aligner. Defaults were set on invented fixtures and WMT16 dev. */
export interface AlignOptions {
  /** Smallest similarity for a link found on its own. Default 0.3. */
  minSim?: number;
  /** Smallest similarity for a link supported by aligned neighbours on both sides. Default 0.12. */
  minSimContext?: number;
  /** Weight of the neighbours' similarity when ranking candidate links. Default 0.15. */
  contextWeight?: number;
  /** Smallest share of a short sentence covered by its partner for a merge or partial link. Default 0.5. */
  minPartial?: number;
}

/** Combined score of lexical overlap and character n-grams. */
export function combine(covA: number, covB: number, gram: number): number {
  const f = covA + covB > 0 ? (2 * covA * covB) / (covA + covB) : 0;
  return 0.8 * f + 0.2 * gram;
}

/** Similarity of two sentence vectors. */
export function vecSim(x: SentenceVec, y: SentenceVec, penalty: Float32Array): PairSim {
  const o = overlap(x, y, penalty);
  const g = o.matched > 0 ? gramCosine(x, y) : 0;
  return { sim: combine(o.covA, o.covB, g), covA: o.covA, covB: o.covB };
}

/** Computes similarities for all sentence pairs that share at least one term (via an inverted index). */
export function simMatrix(f: PairFeatures): SimMatrix {
  const postings = new Map<number, number[]>();
  f.b.forEach((v, j) => {
    for (const id of v.ids) {
      const p = postings.get(id);
      if (p) p.push(j);
      else postings.set(id, [j]);
    }
  });
  const rows: Map<number, PairSim>[] = f.a.map(() => new Map());
  const cols: Map<number, PairSim>[] = f.b.map(() => new Map());
  const seen = new Int32Array(f.b.length).fill(-1);
  f.a.forEach((va, i) => {
    for (const id of va.ids) {
      for (const j of postings.get(id) ?? []) {
        if (seen[j] === i) continue;
        seen[j] = i;
        const ps = vecSim(va, f.b[j], f.penalty);
        if (ps.sim <= 0.02) continue;
        rows[i].set(j, ps);
        cols[j].set(i, ps);
      }
    }
  });
  return { rows, cols };
}

/** A raw link before typing and diffing. */
export interface RawLink {
  a: number[];
  b: number[];
  sim: number;
  covA: number;
  covB: number;
  partial: boolean;
}

const simOf = (m: SimMatrix, i: number, j: number): number => m.rows[i]?.get(j)?.sim ?? 0;

/**
 * Aligns sentences n:m without assuming the same order: greedy one-to-one links by similarity,
 * ranked with a bonus when neighbours also correspond (so runs of sentences move together and
 * ties break sensibly), then gaps between aligned neighbours filled at a lower threshold, then
 * splits and merges (a sentence whose content is inside its neighbour's partner joins that link),
 * then partial links for sentences mostly contained in an already-linked sentence.
 */
export function align(f: PairFeatures, m: SimMatrix, opts: AlignOptions = {}): RawLink[] {
  const minSim = opts.minSim ?? 0.3;
  const minCtx = opts.minSimContext ?? 0.12;
  const ctxW = opts.contextWeight ?? 0.15;
  const minPartial = opts.minPartial ?? 0.5;
  const na = f.a.length;
  const nb = f.b.length;
  const linkA = new Int32Array(na).fill(-1);
  const linkB = new Int32Array(nb).fill(-1);

  // 1. Greedy one-to-one, ranked by similarity plus neighbour support.
  const cands: { i: number; j: number; sim: number; rank: number }[] = [];
  m.rows.forEach((row, i) => {
    for (const [j, ps] of row) {
      if (ps.sim < minSim * 0.8) continue;
      const ctx = Math.max(simOf(m, i - 1, j - 1), simOf(m, i + 1, j + 1));
      cands.push({ i, j, sim: ps.sim, rank: ps.sim + ctxW * Math.min(ctx, ps.sim) });
    }
  });
  cands.sort((x, y) => y.rank - x.rank || x.i - y.i || x.j - y.j);
  for (const c of cands) {
    if (linkA[c.i] >= 0 || linkB[c.j] >= 0) continue;
    const ctx = Math.max(simOf(m, c.i - 1, c.j - 1), simOf(m, c.i + 1, c.j + 1));
    if (c.sim < minSim && !(ctx >= minSim && c.sim >= minSim * 0.8)) continue;
    linkA[c.i] = c.j;
    linkB[c.j] = c.i;
  }

  // 2. Fill gaps: an unlinked pair whose neighbours are linked to each other. Candidates are taken
  //    best first across the whole pair, so comparing a with b and b with a gives the same links.
  for (let changed = true, rounds = 0; changed && rounds < 4; rounds++) {
    changed = false;
    const gap: { i: number; j: number; sim: number }[] = [];
    for (let i = 0; i < na; i++) {
      if (linkA[i] >= 0) continue;
      for (const [j, ps] of m.rows[i]) {
        if (linkB[j] >= 0 || ps.sim < minCtx) continue;
        const before = i > 0 && j > 0 && linkA[i - 1] === j - 1;
        const after = i + 1 < na && j + 1 < nb && linkA[i + 1] === j + 1;
        const boundary = (i === 0 && j === 0) || (i === na - 1 && j === nb - 1);
        if (before || after || boundary) gap.push({ i, j, sim: ps.sim });
      }
    }
    gap.sort((x, y) => y.sim - x.sim || x.i - y.i || x.j - y.j);
    for (const g of gap) {
      if (linkA[g.i] >= 0 || linkB[g.j] >= 0) continue;
      linkA[g.i] = g.j;
      linkB[g.j] = g.i;
      changed = true;
    }
  }

  // 3. Splits and merges: attach an unlinked sentence to its neighbour's link when the union covers
  //    the partner better and the sentence itself is mostly found in the partner.
  const groups = new Map<number, { a: number[]; b: number[] }>();
  for (let i = 0; i < na; i++) if (linkA[i] >= 0) groups.set(i, { a: [i], b: [linkA[i]] });
  const groupOfA = new Int32Array(na).fill(-1);
  const groupOfB = new Int32Array(nb).fill(-1);
  for (const [k, g] of groups) {
    groupOfA[g.a[0]] = k;
    groupOfB[g.b[0]] = k;
  }
  const coverOf = (aIdx: number[], bIdx: number[]) =>
    overlap(mergeVecs(aIdx.map((i) => f.a[i])), mergeVecs(bIdx.map((j) => f.b[j])), f.penalty);
  const tryMerge = (side: 'a' | 'b', x: number) => {
    const rowMap = side === 'a' ? m.rows[x] : m.cols[x];
    const groupOfSame = side === 'a' ? groupOfA : groupOfB;
    let best: { k: number; gain: number } | undefined;
    for (const nbIdx of [x - 1, x + 1]) {
      const k = groupOfSame[nbIdx];
      if (k === undefined || k < 0) continue;
      const g = groups.get(k)!;
      const other = side === 'a' ? g.b : g.a;
      // The sentence must be mostly found in the neighbour link's other side.
      let cov = 0;
      for (const o of other) {
        const ps = rowMap.get(o);
        if (ps) cov = Math.max(cov, side === 'a' ? ps.covA : ps.covB);
      }
      if (other.length > 1) {
        const ov = side === 'a' ? coverOf([x], other) : coverOf(other, [x]);
        cov = Math.max(cov, side === 'a' ? ov.covA : ov.covB);
      }
      if (cov < minPartial) continue;
      const beforeO = coverOf(g.a, g.b);
      const afterO = side === 'a' ? coverOf([...g.a, x], g.b) : coverOf(g.a, [...g.b, x]);
      const gain = side === 'a' ? afterO.covB - beforeO.covB : afterO.covA - beforeO.covA;
      if (gain >= 0.03 && (!best || gain > best.gain)) best = { k, gain };
    }
    if (best) {
      const g = groups.get(best.k)!;
      if (side === 'a') {
        g.a.push(x);
        g.a.sort((p, q) => p - q);
        groupOfA[x] = best.k;
      } else {
        g.b.push(x);
        g.b.sort((p, q) => p - q);
        groupOfB[x] = best.k;
      }
    }
  };
  for (let j = 0; j < nb; j++) if (groupOfB[j] < 0) tryMerge('b', j);
  for (let i = 0; i < na; i++) if (groupOfA[i] < 0) tryMerge('a', i);

  const links: RawLink[] = [];
  for (const g of groups.values()) {
    const o = coverOf(g.a, g.b);
    const ga = mergeVecs(g.a.map((i) => f.a[i]));
    const gb = mergeVecs(g.b.map((j) => f.b[j]));
    const sim =
      g.a.length === 1 && g.b.length === 1 ? simOf(m, g.a[0], g.b[0]) : vecSim(ga, gb, f.penalty).sim;
    links.push({ a: g.a, b: g.b, sim, covA: o.covA, covB: o.covB, partial: false });
  }

  // 4. Partial links: a leftover sentence largely contained in some sentence of the other side.
  const partialFor = (side: 'a' | 'b', x: number) => {
    const rowMap = side === 'a' ? m.rows[x] : m.cols[x];
    let best: [number, PairSim] | undefined;
    for (const [o, ps] of rowMap) {
      const cov = side === 'a' ? ps.covA : ps.covB;
      if (cov >= minPartial && ps.sim >= minCtx && (!best || ps.sim > best[1].sim)) best = [o, ps];
    }
    if (best) {
      const [o, ps] = best;
      links.push({
        a: side === 'a' ? [x] : [o],
        b: side === 'a' ? [o] : [x],
        sim: ps.sim,
        covA: ps.covA,
        covB: ps.covB,
        partial: true,
      });
    }
  };
  for (let i = 0; i < na; i++) if (groupOfA[i] < 0) partialFor('a', i);
  for (let j = 0; j < nb; j++) if (groupOfB[j] < 0) partialFor('b', j);

  links.sort((x, y) => x.a[0] - y.a[0] || x.b[0] - y.b[0]);
  return links;
}

/**
 * Marks links that break the order of their neighbours: the links outside a longest increasing
 * subsequence of b positions (taken in a order) are the ones that moved.
 */
export function movedLinks(links: { a: number[]; b: number[] }[]): boolean[] {
  const n = links.length;
  const order = links
    .map((_, k) => k)
    .sort((x, y) => links[x].a[0] - links[y].a[0] || links[x].b[0] - links[y].b[0]);
  const bPos = order.map((k) => links[k].b[0]);
  // Patience-sorting LIS with predecessor links: O(n log n).
  const tails: number[] = [];
  const tailIdx: number[] = [];
  const prev = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < bPos[p]) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = bPos[p];
    tailIdx[lo] = p;
    prev[p] = lo > 0 ? tailIdx[lo - 1] : -1;
  }
  const inLis = new Uint8Array(n);
  for (let p = tails.length ? tailIdx[tails.length - 1] : -1; p >= 0; p = prev[p]) inLis[p] = 1;
  const moved = new Array<boolean>(n).fill(false);
  order.forEach((k, p) => {
    moved[k] = !inLis[p];
  });
  return moved;
}
