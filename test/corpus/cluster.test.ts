import { describe, expect, it } from 'vitest';
import {
  type ClusterDecision,
  type ClusterItem,
  DEFAULT_CLUSTER_OPTIONS,
  OnlineClusterer,
} from '../../src/corpus/cluster.js';
import { termVector } from '../../src/corpus/fingerprint.js';
import type { StoryRecord } from '../../src/store/types.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 2, 5, 9, 0);

/** An article over small invented term ids, every term with tf weight 1. */
function item(key: number, terms: number[], published?: number, minhash?: number[]): ClusterItem {
  const sorted = [...terms].sort((a, b) => a - b);
  return {
    key,
    published,
    terms: sorted,
    weights: new Float32Array(sorted.length).fill(1),
    minhash: minhash ? Uint32Array.from(minhash) : undefined,
  };
}

/** IDF 1 for every term (a constant document frequency): cosines are plain set overlaps. */
const flat = { df: () => 1, total: () => 1 };

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** The partition of keys as a sorted list of sorted key lists (story ids ignored). */
function partition(decisions: ClusterDecision[]): number[][] {
  const into = new Map<number, number>();
  for (const d of decisions) if (d.merged) into.set(d.merged.from, d.merged.into);
  const find = (s: number): number => (into.has(s) ? find(into.get(s)!) : s);
  const by = new Map<number, number[]>();
  for (const d of decisions) {
    const s = find(d.story);
    if (!by.has(s)) by.set(s, []);
    by.get(s)!.push(d.key);
  }
  return [...by.values()].map((k) => k.sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
}

const text = (s: string) => termVector(s, 'en');
const article = (key: number, s: string, published?: number): ClusterItem => ({ key, published, ...text(s) });

describe('OnlineClusterer: joining and separating', () => {
  const port = [
    'Dock workers in Rotterdam ended their strike on Tuesday after the port authority agreed to a wage rise of 4 percent.',
    'Rotterdam port strike over: dockers accept a 4 percent wage rise offered by the port authority on Tuesday.',
    'The strike by Rotterdam dock workers is over after the port authority offered a 4 percent pay rise, unions said.',
  ];
  const quake = [
    'A magnitude 6.1 earthquake struck off the coast of Hokkaido on Wednesday, the Japan Meteorological Agency said.',
    'Japan Meteorological Agency: earthquake of magnitude 6.1 hits Hokkaido coast on Wednesday, no tsunami warning.',
  ];

  it('keeps two clearly different stories apart and joins paraphrases', () => {
    const c = new OnlineClusterer();
    const d = [
      c.add(article(1, port[0])),
      c.add(article(2, quake[0])),
      c.add(article(3, port[1])),
      c.add(article(4, quake[1])),
      c.add(article(5, port[2])),
    ];
    expect(partition(d)).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
    expect(d[0]).toMatchObject({ created: true, story: 1, score: 1 });
    expect(d[0].parent).toBeUndefined();
    expect(d[2]).toMatchObject({ created: false, story: 1, parent: 1 });
    expect(d[2].score).toBeGreaterThanOrEqual(DEFAULT_CLUSTER_OPTIONS.threshold);
    expect(d[2].score).toBeLessThanOrEqual(1);
  });

  it('scores by cosine to the centroid: joins at the threshold, not below', () => {
    // Unit vectors over 4 terms sharing 2: cosine 0.5.
    const at = new OnlineClusterer({ ...flat, threshold: 0.5 });
    at.add(item(1, [1, 2, 3, 4]));
    expect(at.add(item(2, [1, 2, 5, 6]))).toMatchObject({ story: 1, created: false, score: 0.5 });
    const above = new OnlineClusterer({ ...flat, threshold: 0.51 });
    above.add(item(1, [1, 2, 3, 4]));
    expect(above.add(item(2, [1, 2, 5, 6]))).toMatchObject({ story: 2, created: true });
  });

  it('weights terms by IDF: a term in every document does not make a story', () => {
    const common = 99;
    const everywhere = new OnlineClusterer({ df: (t) => (t === common ? 1000 : 1), total: () => 1000 });
    everywhere.add(item(1, [common, 1]));
    expect(everywhere.add(item(2, [common, 2])).created).toBe(true);
    // With equal IDF the two share half their weight: cosine 0.5, they join.
    const equal = new OnlineClusterer({ ...flat });
    equal.add(item(1, [common, 1]));
    const d = equal.add(item(2, [common, 2]));
    expect(d.created).toBe(false);
    expect(d.score).toBeCloseTo(0.5, 6);
  });

  it('takes document frequencies from outside once given', () => {
    const common = 99;
    const c = new OnlineClusterer();
    c.setDocumentFrequencies(new Map([[common, 1000]]), 1000);
    c.add(item(1, [common, 1]));
    c.setDocumentFrequencies(new Map([[common, 1000]]), 1001);
    expect(c.add(item(2, [common, 2])).created).toBe(true);
  });

  it('accepts unsorted terms and gives the same result as sorted ones', () => {
    const sorted = new OnlineClusterer({ ...flat, threshold: 0.4 });
    const unsorted = new OnlineClusterer({ ...flat, threshold: 0.4 });
    const a = item(1, [5, 1, 3, 7]);
    const b = item(2, [1, 3, 8, 9]);
    const shuffled = (x: ClusterItem): ClusterItem => ({
      ...x,
      terms: [...x.terms].reverse(),
      weights: Float32Array.from(Array.from(x.weights).reverse()),
    });
    expect([sorted.add(a), sorted.add(b)]).toEqual([unsorted.add(shuffled(a)), unsorted.add(shuffled(b))]);
  });

  it('starts a story for an article without terms', () => {
    const c = new OnlineClusterer();
    c.add(item(1, [1, 2]));
    expect(c.add(item(2, []))).toMatchObject({ created: true, story: 2 });
  });

  it('refuses invalid options and malformed items', () => {
    expect(() => new OnlineClusterer({ threshold: 1.5 })).toThrow(RangeError);
    expect(() => new OnlineClusterer({ windowDays: 0 })).toThrow(RangeError);
    expect(() => new OnlineClusterer({ centroidTerms: 0 })).toThrow(RangeError);
    expect(() => new OnlineClusterer({ df: () => 1 })).toThrow(/total/);
    const c = new OnlineClusterer();
    expect(() => c.add({ key: 1, terms: [1, 2], weights: [1] })).toThrow(RangeError);
  });
});

describe('OnlineClusterer: order and time', () => {
  // Three invented stories with disjoint vocabularies and heavy overlap inside each.
  const items = [
    ...range(0, 4).map((i) => item(i, [...range(1, 8), 100 + i])),
    ...range(5, 9).map((i) => item(i, [...range(11, 18), 100 + i])),
    ...range(10, 14).map((i) => item(i, [...range(21, 28), 100 + i])),
  ];

  it('gives the same partition for any interleaving of undated articles', () => {
    const run = (order: ClusterItem[]) => {
      const c = new OnlineClusterer();
      return partition(order.map((x) => c.add(x)));
    };
    const expected = [range(0, 4), range(5, 9), range(10, 14)];
    expect(run(items)).toEqual(expected);
    expect(run([...items].reverse())).toEqual(expected);
    const interleaved = range(0, 4).flatMap((i) => [items[i], items[i + 5], items[i + 10]]);
    expect(run(interleaved)).toEqual(expected);
  });

  it('does not depend on the key values', () => {
    const c1 = new OnlineClusterer();
    const c2 = new OnlineClusterer();
    const a = items.map((x) => c1.add(x));
    const b = items.map((x) => c2.add({ ...x, key: 1000 - x.key }));
    expect(b.map((d) => d.story)).toEqual(a.map((d) => d.story));
    expect(b.map((d) => d.created)).toEqual(a.map((d) => d.created));
  });

  it('expires stories whose last article is older than the window', () => {
    const c = new OnlineClusterer({ ...flat, windowDays: 1 });
    c.add(item(1, range(1, 8), T0));
    // Within the window, measured from the story's latest article: joins and extends it.
    expect(c.add(item(2, range(1, 8), T0 + 0.9 * DAY))).toMatchObject({ story: 1 });
    expect(c.add(item(3, range(1, 8), T0 + 1.8 * DAY))).toMatchObject({ story: 1 });
    expect(c.activeStories).toBe(1);
    // More than a day after the latest version: the story is closed, a new one starts.
    expect(c.add(item(4, range(1, 8), T0 + 2.9 * DAY))).toMatchObject({ story: 2, created: true });
    expect(c.activeStories).toBe(1);
  });

  it('keeps an expired story pending until dirty() persists it', () => {
    const c = new OnlineClusterer({ ...flat, windowDays: 1 });
    c.add(item(1, range(1, 8), T0));
    c.add(item(2, range(11, 18), T0 + 3 * DAY));
    expect(c.activeStories).toBe(1);
    expect(c.dirty().map((s) => s.story)).toEqual([1, 2]);
    expect(c.dirty()).toEqual([]);
  });

  it('never expires undated stories, and an undated article expires nothing', () => {
    const c = new OnlineClusterer({ ...flat, windowDays: 1 });
    c.add(item(1, range(1, 8)));
    c.add(item(2, range(11, 18), T0));
    expect(c.add(item(3, range(11, 18)))).toMatchObject({ story: 2 });
    expect(c.add(item(4, range(1, 8), T0 + 30 * DAY))).toMatchObject({ story: 1 });
    expect(c.add(item(5, range(11, 18), T0 + 30 * DAY))).toMatchObject({ story: 3, created: true });
  });
});

describe('OnlineClusterer: derivation tree', () => {
  it('takes as parent the most similar earlier member', () => {
    const c = new OnlineClusterer({ ...flat, threshold: 0.3 });
    const root = c.add(item(1, range(1, 8)));
    const a = c.add(item(2, [...range(1, 6), 9, 10])); // shares 6 of 8 with the root
    const b = c.add(item(3, [...range(1, 4), 9, 10, 11, 12])); // 6 with a, 4 with the root
    expect(root.parent).toBeUndefined();
    expect(a).toMatchObject({ story: 1, parent: 1 });
    expect(b).toMatchObject({ story: 1, parent: 2 });
    expect(a.parentScore).toBeCloseTo(0.75, 6);
    expect(b.parentScore).toBeCloseTo(0.75, 6);
  });

  it('breaks ties towards the earliest member', () => {
    const c = new OnlineClusterer({ ...flat });
    c.add(item(1, range(1, 8)));
    c.add(item(2, range(1, 8)));
    const d = c.add(item(3, range(1, 8)));
    expect(d.parent).toBe(1);
    expect(d.parentScore).toBeCloseTo(1, 6);
  });

  it('uses MinHash Jaccard when every member has a signature', () => {
    const c = new OnlineClusterer({ ...flat, threshold: 0.3 });
    c.add(item(1, range(1, 8), undefined, [1, 2, 3, 4]));
    c.add(item(2, [...range(1, 6), 9, 10], undefined, [9, 9, 9, 9]));
    // By cosine the parent would be 2 (see above); the wording (signature) is the root's.
    const b = c.add(item(3, [...range(1, 4), 9, 10, 11, 12], undefined, [1, 2, 3, 5]));
    expect(b).toMatchObject({ parent: 1, parentScore: 0.75 });
  });

  it('chooses among the last membersKept members', () => {
    const c = new OnlineClusterer({ ...flat, threshold: 0.3, membersKept: 2 });
    c.add(item(1, range(1, 8)));
    c.add(item(2, [...range(1, 6), 20, 21]));
    c.add(item(3, [...range(1, 6), 30, 31]));
    // Identical to the root, but the root is no longer kept: the earliest of the kept two wins.
    expect(c.add(item(4, range(1, 8)))).toMatchObject({ parent: 2 });
  });
});

describe('OnlineClusterer: merging', () => {
  it('merges two stories once the mean member cosine reaches the threshold', () => {
    const c = new OnlineClusterer({ ...flat, threshold: 0.6 });
    expect(c.add(item(1, [1, 2, 3, 4]))).toMatchObject({ story: 1, created: true });
    // Cosine 0.5 with story 1: a story of its own.
    expect(c.add(item(2, [1, 2, 5, 6]))).toMatchObject({ story: 2, created: true });
    // Cosine 0.816 with both (tie: the older story). Story 1 now has 2 members (a power of two),
    // so it is checked: cos(C1, C2) = 0.691, times |C2| / n2 = 1 → 0.691 >= 0.6.
    const d = c.add(item(3, [1, 2, 3, 4, 5, 6]));
    expect(d).toMatchObject({ story: 1, created: false, parent: 1 });
    expect(d.merged).toMatchObject({ from: 2, into: 1, root: 2, parent: 1 });
    expect(d.merged!.score).toBeCloseTo(0.691, 3);
    const dirty = c.dirty();
    expect(dirty.map((s) => [s.story, s.size, s.root])).toEqual([[1, 3, 1]]);
    expect(c.activeStories).toBe(1);
    // The merged story keeps growing under its old id.
    expect(c.add(item(4, [1, 2, 5, 6]))).toMatchObject({ story: 1 });
  });

  it('does not merge when merging is off', () => {
    const c = new OnlineClusterer({ ...flat, threshold: 0.6, merge: false });
    c.add(item(1, [1, 2, 3, 4]));
    c.add(item(2, [1, 2, 5, 6]));
    const d = c.add(item(3, [1, 2, 3, 4, 5, 6]));
    expect(d.merged).toBeUndefined();
    expect(c.dirty().map((s) => s.size)).toEqual([2, 1]);
  });
});

describe('OnlineClusterer: persistence', () => {
  /** Invented stream: 8 stories with their own words plus shared filler, hourly. */
  function corpus(n: number, seed = 7): ClusterItem[] {
    let x = seed;
    const rnd = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 2 ** 32;
    };
    const out: ClusterItem[] = [];
    for (let i = 0; i < n; i++) {
      const story = Math.floor(rnd() * 8);
      const terms = new Set<number>();
      for (let k = 0; k < 7; k++) terms.add(1000 + story * 20 + Math.floor(rnd() * 12));
      for (let k = 0; k < 6; k++) terms.add(1 + Math.floor(rnd() * 60));
      const t = [...terms].sort((a, b) => a - b);
      const weights = Float32Array.from(t, () => 1 + Math.floor(rnd() * 3) * 0.5);
      // Stories run over ~2 days each, so the 1-day window closes some of them.
      out.push({ key: i + 1, published: T0 + story * 0.5 * DAY + i * 3_600_000, terms: t, weights });
    }
    return out.sort((a, b) => a.published! - b.published! || a.key - b.key);
  }

  const items = corpus(160);
  // A fixed df provider, as a store gives: counts over the whole corpus.
  const dfMap = new Map<number, number>();
  for (const it of items) for (const t of it.terms) dfMap.set(t, (dfMap.get(t) ?? 0) + 1);
  const opts = {
    windowDays: 1,
    membersKept: 4,
    df: (t: number) => dfMap.get(t) ?? 0,
    total: () => items.length,
  };

  it('resumes from persisted stories and members with the same decisions as one run', () => {
    const one = new OnlineClusterer(opts);
    const all = items.map((x) => one.add(x));
    // The stream exercises every path: several stories, merges, expiry.
    expect(new Set(all.map((d) => d.story)).size).toBeGreaterThan(3);
    expect(all.some((d) => d.merged)).toBe(true);
    expect(one.activeStories).toBeLessThan(new Set(all.map((d) => d.story)).size);

    for (const cut of [40, 80, 120]) {
      const first = new OnlineClusterer(opts);
      const head = items.slice(0, cut).map((x) => first.add(x));
      // Persist as the corpus layer does: latest story records, memberships relabelled by merges.
      const records = new Map<number, StoryRecord>();
      const members = new Map<number, number>(); // key → story
      for (const [i, d] of head.entries()) {
        members.set(items[i].key, d.story);
        if (d.merged) {
          for (const [k, s] of members) if (s === d.merged.from) members.set(k, d.merged.into);
          records.delete(d.merged.from);
        }
      }
      for (const r of first.dirty()) records.set(r.story, r);
      const start = items[cut].published!;
      const active = [...records.values()].filter((r) => r.lastPublished! >= start - opts.windowDays * DAY);
      const recent = active.flatMap((r) =>
        items
          .slice(0, cut)
          .filter((x) => members.get(x.key) === r.story)
          .slice(-opts.membersKept)
          .map((x) => ({ ...x, story: r.story })),
      );
      // The next free id counts ids merged away too (a store keeps a counter, not a max).
      const used = head.flatMap((d) => (d.merged ? [d.story, d.merged.from] : [d.story]));
      const resumed = new OnlineClusterer({ ...opts, nextStory: Math.max(...used) + 1 });
      resumed.load(active, recent);
      const tail = items.slice(cut).map((x) => resumed.add(x));
      const strip = (d: ClusterDecision) => ({
        ...d,
        score: Number(d.score.toFixed(9)),
        parentScore: d.parentScore === undefined ? undefined : Number(d.parentScore.toFixed(9)),
      });
      expect(tail.map(strip)).toEqual(all.slice(cut).map(strip));
    }
  });

  it('persists exact centroids: a loaded story scores like the live one', () => {
    const live = new OnlineClusterer(opts);
    for (const x of items.slice(0, 30)) live.add(x);
    const records = live.dirty();
    for (const r of records) {
      expect(r.centroidTerms).toEqual([...r.centroidTerms].sort((a, b) => a - b));
      expect(r.centroidWeights).toBeInstanceOf(Float32Array);
      expect(r.centroidWeights.length).toBe(r.centroidTerms.length);
      expect(r.centroidTerms.length).toBeLessThanOrEqual(160);
      expect(items.slice(0, 30).map((x) => x.key)).toContain(r.root);
    }
    const loaded = new OnlineClusterer({ ...opts, nextStory: 1000 });
    loaded.load(records);
    expect(loaded.activeStories).toBe(records.length);
    for (const probe of items.slice(30, 40)) {
      const a = live.add(probe);
      const b = loaded.add(probe);
      expect(b.created).toBe(a.created);
      if (!a.created) expect(b.story).toBe(a.story);
      expect(b.score).toBeCloseTo(a.score, 9);
    }
  });

  it('is deterministic', () => {
    const run = () => {
      const c = new OnlineClusterer({ windowDays: 1 });
      const d = items.map((x) => c.add(x));
      return { d, dirty: c.dirty() };
    };
    expect(run()).toEqual(run());
  });

  it('continues story ids after the loaded ones', () => {
    const c = new OnlineClusterer({ nextStory: 5 });
    c.load([
      {
        story: 41,
        root: 7,
        size: 1,
        centroidTerms: [1, 2],
        centroidWeights: Float32Array.from([0.5, 0.5]),
      },
    ]);
    expect(c.add(item(9, [50, 51]))).toMatchObject({ story: 42, created: true });
    expect(c.add(item(10, [1, 2]))).toMatchObject({ story: 41, parent: undefined });
  });
});
