/**
 * Online story clustering: articles arrive in publication order and each one joins the most
 * similar active story or starts a new one; nothing already decided is recomputed, except that
 * two stories may later be merged (see {@link ClusterOptions.merge}).
 *
 * Representation. An article is its TF-IDF term vector (`termVector` weights × IDF), scaled to
 * unit length when it arrives and then frozen. A story is the sum of its members' unit vectors
 * (its centroid, which points the same way as their mean), truncated to its heaviest
 * {@link ClusterOptions.centroidTerms} terms, plus its last {@link ClusterOptions.membersKept}
 * members (for the derivation tree). Freezing each article's weights keeps the state exact to
 * persist and resume: a story's centroid never needs the document frequencies again.
 *
 * Decision. The score of a story is the cosine between the article and the story centroid; the
 * article joins the best-scoring story when the score reaches {@link ClusterOptions.threshold}.
 * Candidates come from an inverted index over centroid terms holding only stories active in the
 * time window, read rarest term first within a budget, so each article touches a bounded number
 * of postings. When a story doubles in size it is checked against the others and merged with one
 * it has converged with, under the same threshold (see {@link ClusterOptions.merge}).
 *
 * Cost. Per article: at most `maxPostings` postings, `maxCandidates` × 64 centroid lookups, and an
 * update of one centroid (a sort of at most 160 terms every few joins). Memory: the stories active
 * in the window, each at most 160 centroid terms plus `membersKept` vectors of at most 64 terms.
 * On Google News snippets (11k items, one core) it clusters about 10–20k items a second.
 *
 * Everything is in memory, deterministic for a given input order, and store-agnostic: the corpus
 * layer loads the active stories ({@link OnlineClusterer.load}), feeds unclustered articles in
 * publication order ({@link OnlineClusterer.add}), and writes back the changed stories
 * ({@link OnlineClusterer.dirty}), the memberships and any merges.
 */

import { checkFraction, checkWhole, mustBe } from '../errors.js';
import type { StoryRecord } from '../store/types.js';
import { estimateJaccard } from './minhash.js';

const DAY = 86_400_000;

/** One article to cluster: its key, publication time and fingerprints. */
export interface ClusterItem {
  /** The article's key (the store's internal key, or any unique integer). */
  key: number;
  /** Publication time in ms since the epoch; undefined when unknown (then no window applies). */
  published?: number;
  /** Term hashes, ascending (as `termVector` and the store give them). */
  terms: readonly number[];
  /** Term weights (`1 + ln tf`, no IDF), same length as `terms`. */
  weights: ArrayLike<number>;
  /** MinHash signature; when every compared member has one, the parent is chosen by Jaccard. */
  minhash?: Uint32Array;
}

/**
 * Options of {@link OnlineClusterer}. Every option has a default chosen on general grounds (see
 * each one); `threshold` is the one to change for a stricter or looser notion of "same story".
 */
export interface ClusterOptions {
  /**
   * Smallest cosine between an article and a story centroid for the article to join the story
   * (0..1); also the bar for merging two stories (see `merge`). Default 0.18. Measured on Google
   * News snippets, an article's cosine with its own story (4+ members) has a median of 0.42–0.48
   * and a 10th percentile of 0.22–0.25, while 90% of articles score under 0.16 with their best
   * unrelated story; on full articles (SemEval 2022 pairs, pairwise cosine) same-story pairs have
   * a median of 0.37 and unrelated ones 0.05. 0.18 sits in that gap for both, because article
   * vectors are capped at 64 terms whatever the length. Higher gives smaller, purer stories;
   * B-cubed F1 on Google News stays within 2 points of its best from 0.14 to 0.22.
   *
   * @example
   * ```ts
   * new OnlineClusterer({ threshold: 0.25 }); // fewer, safer joins
   * ```
   */
  threshold?: number;
  /**
   * A story stops being a candidate when its latest article is more than this many days older
   * than the new article. Default 7: a story goes on as long as it gets a version at least weekly,
   * which covers weekend gaps and weekly outlets retelling wire copy, and bounds memory by a week
   * of articles. `Infinity` disables expiry. Undated articles and stories never expire.
   *
   * @example
   * ```ts
   * new OnlineClusterer({ windowDays: 2 }); // a fast news cycle
   * ```
   */
  windowDays?: number;
  /**
   * Terms kept in a story centroid, the heaviest first. Default 128, twice an article's 64: room
   * for the story's shared vocabulary plus its variants. The centroid is cut back to this size
   * whenever it exceeds it by a quarter (a sort every few joins rather than at each), so it holds
   * at most 160 terms. Google News B-cubed F1 moved by under half a point from 64 to 256 terms.
   *
   * @example
   * ```ts
   * new OnlineClusterer({ centroidTerms: 256 });
   * ```
   */
  centroidTerms?: number;
  /**
   * Members kept per story (the most recent) to choose each new member's parent. Default 16:
   * rewrites nearly always copy a recent version, and 16 × 64 terms bound the memory of a big
   * story. The corpus layer reloads this many members per story when it resumes.
   *
   * @example
   * ```ts
   * new OnlineClusterer({ membersKept: 32 }); // deeper search for the source of a rewrite
   * ```
   */
  membersKept?: number;
  /**
   * Most postings read per article when looking for candidate stories. The article's terms are
   * read rarest first (shortest posting list, which is the highest IDF in the window) until the
   * next list would exceed the budget; the terms left unread still count in the cosine of the
   * best `maxCandidates`. Default 1024: it bounds the work per article whatever the window holds,
   * and the rare terms read first are the ones that decide a story (Google News results are the
   * same with a budget of 128).
   *
   * @example
   * ```ts
   * new OnlineClusterer({ maxPostings: 4096 }); // a wider search in a very busy window
   * ```
   */
  maxPostings?: number;
  /**
   * Candidates kept from the index pass and completed with the terms left unread (see
   * `maxPostings`); the best of them is the article's story if it reaches `threshold`. Default 8.
   *
   * @example
   * ```ts
   * new OnlineClusterer({ maxCandidates: 16 });
   * ```
   */
  maxCandidates?: number;
  /**
   * Merge two stories whose centroids have converged. Default true. Checked only when a story's
   * size reaches a power of two (2, 4, 8, …), so a story is checked O(log size) times. The rule
   * reuses `threshold`: two stories merge when the mean cosine of the smaller story's members
   * with the larger story's centroid reaches it, that is when the smaller story's articles would,
   * on average, have joined the larger one. The mean comes from the two centroids alone:
   * cos(C_s, C_l) · |C_s| / n_s, since C_s is the sum of n_s unit vectors. So merging needs no
   * member vectors and no other parameter. The older story (smaller id) absorbs the newer; see
   * {@link StoryMerge} for what the caller must rewrite. On Google News merging turns a
   * B-cubed F1 of 0.85 into 0.90 at the default threshold.
   *
   * @example
   * ```ts
   * new OnlineClusterer({ merge: false }); // a story id, once given, never changes
   * ```
   */
  merge?: boolean;
}

/** The defaults of {@link ClusterOptions}. */
export const DEFAULT_CLUSTER_OPTIONS: Readonly<Required<ClusterOptions>> = Object.freeze({
  threshold: 0.18,
  windowDays: 7,
  centroidTerms: 128,
  membersKept: 16,
  maxPostings: 1024,
  maxCandidates: 8,
  merge: true,
});

/**
 * Checks the clustering options a caller gives (`Corpus.cluster`, `clusterCorpus`) and throws the
 * catalogue's USAGE error naming the first one out of range; absent options are fine (defaults).
 *
 * @example
 * ```ts
 * checkClusterOptions({ threshold: 0.3 }); // fine
 * checkClusterOptions({ threshold: 1.5 }); // throws USAGE: threshold must be between 0 and 1, got 1.5
 * ```
 */
export function checkClusterOptions(o: ClusterOptions): void {
  if (o.threshold !== undefined) checkFraction('threshold', o.threshold);
  if (o.windowDays !== undefined && !(o.windowDays > 0)) {
    throw mustBe('windowDays', 'a number of days above 0', o.windowDays);
  }
  for (const k of ['centroidTerms', 'membersKept', 'maxPostings', 'maxCandidates'] as const) {
    if (o[k] !== undefined) checkWhole(k, o[k], 1);
  }
}

/**
 * Two stories became one: every membership of `from` now belongs to `into`, and the story record
 * `from` is gone. The caller rewrites the stored memberships (`story = from` → `into`), deletes the
 * record of `from`, and gives the root of `from` the parent `parent` (the root of `into`, the
 * earliest version of the merged story).
 */
export interface StoryMerge {
  from: number;
  into: number;
  /** Root of the absorbed story: it is no longer a root. */
  root: number;
  /** Its new parent: the root of the surviving story. */
  parent: number;
  /** The mean member cosine that triggered the merge. */
  score: number;
}

/** What {@link OnlineClusterer.add} decided for one article. */
export interface ClusterDecision {
  key: number;
  /** The story the article is in now. */
  story: number;
  /** The member it most likely derives from (absent for a story's first article). */
  parent?: number;
  /** Cosine with the story centroid when it joined; 1 for the article that starts a story. */
  score: number;
  /** Similarity to the parent: MinHash Jaccard when signatures were given, else cosine. */
  parentScore?: number;
  /** True when the article started a new story. */
  created: boolean;
  /** A merge this article triggered (its own story absorbed or absorbing another). */
  merged?: StoryMerge;
}

/** Options of the {@link OnlineClusterer} constructor: the clustering options and the state to resume. */
export interface ClustererInit extends ClusterOptions {
  /** The first story id to assign (the store's next free id). Default 1. */
  nextStory?: number;
  /** Document frequency of a term, when IDF comes from outside (e.g. a store). */
  df?: (term: number) => number;
  /** The number of documents `df` counts; required with `df`. */
  total?: () => number;
}

/** A member as kept in memory: its unit TF-IDF vector, frozen when it joined. */
interface Member {
  key: number;
  /** Clustering order, for "earliest" ties and for merging member lists. */
  seq: number;
  /** Term hashes, ascending. */
  terms: number[];
  /** Unit TF-IDF weights. */
  weights: number[];
  minhash?: Uint32Array;
}

/** The stories (by slot) whose centroid holds a term, with the term's centroid weight. */
interface Posting {
  slots: number[];
  weights: number[];
}

interface Story {
  id: number;
  /** Dense index into the scratch arrays of the candidate search. */
  slot: number;
  root: number;
  size: number;
  first?: number;
  last?: number;
  /** Term → summed unit weight (rounded to float32, so the persisted centroid is exact). */
  centroid: Map<number, number>;
  /** Term → this story's position in the term's posting list. */
  pos: Map<number, number>;
  norm: number;
  /** The last `membersKept` members, in clustering order. */
  members: Member[];
}

/**
 * The online clusterer. Feed articles in publication order; read decisions; persist `dirty()`.
 *
 * @example
 * ```ts
 * const c = new OnlineClusterer({ threshold: 0.18, windowDays: 7 });
 * for (const a of articles) {
 *   const v = termVector(a.text, a.lang);
 *   const d = c.add({ key: a.key, published: a.published, terms: v.terms, weights: v.weights });
 *   console.log(a.key, d.story, d.parent, d.created);
 * }
 * await store.putClustering(c.dirty(), memberships);
 * ```
 */
export class OnlineClusterer {
  readonly threshold: number;
  readonly windowDays: number;
  readonly centroidTerms: number;
  readonly membersKept: number;
  readonly maxPostings: number;
  readonly maxCandidates: number;
  readonly merge: boolean;

  private nextStory: number;
  private seq = 0;
  private readonly stories = new Map<number, Story>();
  /** Term → stories whose centroid holds it, with the centroid weight. Active stories only. */
  private readonly index = new Map<number, Posting>();
  private readonly changed = new Set<Story>();
  /** Lazy min-heap of (last published, story) for expiry; stale entries are skipped. */
  private readonly expiry: { last: number; story: Story }[] = [];

  private readonly df = new Map<number, number>();
  private total = 0;
  private dfMode: 'own' | 'provider' | 'given';
  private readonly dfFn?: (term: number) => number;
  private readonly totalFn?: () => number;

  // Scratch space of the candidate search, indexed by story slot.
  private readonly lists: { post: Posting; term: number; w: number }[] = [];
  private readonly touched: number[] = [];
  private acc = new Float64Array(256);
  /** Centroid norm by slot. */
  private norms = new Float64Array(256);
  private stamp = new Int32Array(256);
  private generation = 0;
  private readonly slots: (Story | undefined)[] = [];
  private readonly freeSlots: number[] = [];

  constructor(opts: ClustererInit = {}) {
    const d = DEFAULT_CLUSTER_OPTIONS;
    this.threshold = opts.threshold ?? d.threshold;
    this.windowDays = opts.windowDays ?? d.windowDays;
    this.centroidTerms = opts.centroidTerms ?? d.centroidTerms;
    this.membersKept = opts.membersKept ?? d.membersKept;
    this.maxPostings = opts.maxPostings ?? d.maxPostings;
    this.maxCandidates = opts.maxCandidates ?? d.maxCandidates;
    this.merge = opts.merge ?? d.merge;
    this.nextStory = opts.nextStory ?? 1;
    // The clusterer is internal: the library's entry points check the options first (USAGE), so a
    // bad option here is the calling code's bug, a RangeError.
    try {
      checkClusterOptions(this);
    } catch (err) {
      throw new RangeError((err as Error).message);
    }
    if (opts.df) {
      if (!opts.total) throw new RangeError('total is required with df');
      this.dfMode = 'provider';
      this.dfFn = opts.df;
      this.totalFn = opts.total;
    } else {
      this.dfMode = 'own';
    }
  }

  /**
   * Takes document frequencies from outside from now on: the store's counts for the terms of the
   * next page of articles, replacing those given before (a term not given counts as unseen).
   * Only articles still to come need them, since stored centroids carry their weights, so memory
   * stays bounded by a page. Until this is called (and without a `df` provider) the clusterer
   * counts document frequencies itself over the articles it is given, each article counting
   * itself before it is scored, as in a store; that table grows with the vocabulary.
   *
   * @example
   * ```ts
   * const { df, total } = await store.termFrequencies(pageTerms);
   * clusterer.setDocumentFrequencies(df, total);
   * ```
   */
  setDocumentFrequencies(df: ReadonlyMap<number, number>, total: number): void {
    this.df.clear();
    this.dfMode = 'given';
    for (const [t, n] of df) this.df.set(t, n);
    this.total = total;
  }

  /**
   * Resumes from persisted state: the active stories and, for each, its most recent members
   * (at most {@link OnlineClusterer.membersKept}; the parent of a later article is chosen among them). Members are
   * taken in publication order (undated first, then by key). Story ids continue after the largest
   * loaded one. Members' vectors are weighted with the current document frequencies, so set them
   * first when they come from a store.
   *
   * @example
   * ```ts
   * const c = new OnlineClusterer({ nextStory });
   * c.load(activeStories, recentMembers.map((a) => ({ ...item(a), story: storyOf(a.key) })));
   * ```
   */
  load(stories: readonly StoryRecord[], members: readonly (ClusterItem & { story: number })[] = []): void {
    for (const r of stories) {
      if (r.centroidTerms.length !== r.centroidWeights.length) {
        throw new RangeError(`story ${r.story}: centroid terms and weights differ in length`);
      }
      const old = this.stories.get(r.story);
      if (old) this.release(old, true);
      const s = this.newStory(r.story, r.root);
      s.size = r.size;
      s.first = r.firstPublished;
      s.last = r.lastPublished;
      for (let i = 0; i < r.centroidTerms.length; i++)
        this.setWeight(s, r.centroidTerms[i], r.centroidWeights[i]);
      this.truncate(s);
      this.pushExpiry(s);
      if (r.story >= this.nextStory) this.nextStory = r.story + 1;
    }
    const sorted = [...members].sort(
      (a, b) =>
        (a.published ?? Number.NEGATIVE_INFINITY) - (b.published ?? Number.NEGATIVE_INFINITY) ||
        a.key - b.key,
    );
    for (const m of sorted) {
      const s = this.stories.get(m.story);
      if (!s) continue;
      s.members.push(this.member(m));
      if (s.members.length > this.membersKept) s.members.shift();
    }
  }

  /**
   * Clusters one article (articles must come in publication order, undated ones first): it joins
   * the active story whose centroid is most similar if the cosine reaches the threshold, else it
   * starts a story. Its parent is the most similar kept member of that story.
   *
   * @example
   * ```ts
   * const d = clusterer.add({ key: 42, published: Date.parse('2024-03-05'), terms, weights });
   * if (!d.created) console.log(`joins story ${d.story}, derived from ${d.parent}`);
   * ```
   */
  add(item: ClusterItem): ClusterDecision {
    if (item.terms.length !== item.weights.length) {
      throw new RangeError(`article ${item.key}: terms and weights differ in length`);
    }
    if (item.published !== undefined && Number.isFinite(this.windowDays)) {
      this.expire(item.published - this.windowDays * DAY);
    }
    const x = this.member(item, this.dfMode === 'own');
    const ranked = this.candidates(x.terms, x.weights);
    let best: Story | undefined;
    let bestScore = 0;
    for (const c of ranked) {
      if (c.score > bestScore) {
        best = c.story;
        bestScore = c.score;
      }
    }
    if (best && bestScore >= this.threshold) {
      const parent = this.parentOf(best, x);
      this.join(best, x, item.published);
      const decision: ClusterDecision = {
        key: item.key,
        story: best.id,
        parent: parent?.key,
        score: Math.min(1, bestScore),
        parentScore: parent?.score,
        created: false,
      };
      const merged = this.maybeMerge(best);
      if (merged) {
        decision.merged = merged;
        decision.story = merged.into;
      }
      return decision;
    }
    const s = this.newStory(this.nextStory++, item.key);
    this.join(s, x, item.published);
    return { key: item.key, story: s.id, score: 1, created: true };
  }

  /**
   * The stories created or changed since the last call, as records to persist (centroid terms
   * ascending). Stories absorbed by a merge are not listed (see {@link StoryMerge}).
   *
   * @example
   * ```ts
   * await store.putClustering(clusterer.dirty(), memberships);
   * ```
   */
  dirty(): StoryRecord[] {
    const out: StoryRecord[] = [];
    for (const s of this.changed) {
      const terms = [...s.centroid.keys()].sort((a, b) => a - b);
      out.push({
        story: s.id,
        root: s.root,
        size: s.size,
        firstPublished: s.first,
        lastPublished: s.last,
        centroidTerms: terms,
        centroidWeights: Float32Array.from(terms, (t) => s.centroid.get(t)!),
      });
    }
    this.changed.clear();
    return out.sort((a, b) => a.story - b.story);
  }

  /**
   * Number of stories currently held (active in the window).
   *
   * @example
   * ```ts
   * clusterer.activeStories; // => 1234
   * ```
   */
  get activeStories(): number {
    return this.stories.size;
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private idf(term: number): number {
    let df: number;
    let total: number;
    if (this.dfMode === 'provider') {
      df = this.dfFn!(term);
      total = this.totalFn!();
    } else {
      df = this.df.get(term) ?? 0;
      total = this.total;
    }
    // Same smoothing as score.ts; total >= df guards inconsistent outside counts.
    return Math.log((Math.max(total, df) + 1) / (df + 1)) + 1;
  }

  /**
   * The article's unit TF-IDF vector, frozen from now on. With own document frequencies
   * (`count`), the article's terms are counted first: it counts itself, as in a store.
   */
  private member(item: ClusterItem, count = false): Member {
    const n = item.terms.length;
    // Plain arrays: many small typed arrays cost more to allocate and collect than they save.
    let terms: number[] = new Array(n);
    let tf: number[] = new Array(n);
    if (isAscending(item.terms)) {
      for (let i = 0; i < n; i++) {
        terms[i] = item.terms[i];
        tf[i] = Math.max(0, item.weights[i]);
      }
    } else {
      // Callers should pass ascending distinct terms; sort a copy (summing duplicates) rather than fail.
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => item.terms[a] - item.terms[b]);
      terms = [];
      tf = [];
      for (const i of order) {
        const w = Math.max(0, item.weights[i]);
        if (terms.length > 0 && terms[terms.length - 1] === item.terms[i]) tf[tf.length - 1] += w;
        else {
          terms.push(item.terms[i]);
          tf.push(w);
        }
      }
    }
    if (count) {
      for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.total++;
    }
    let sq = 0;
    for (let i = 0; i < terms.length; i++) {
      tf[i] *= this.idf(terms[i]);
      sq += tf[i] * tf[i];
    }
    const norm = Math.sqrt(sq);
    // Rounded to float32 like the centroid, so a member's weights survive a store round trip.
    for (let i = 0; i < tf.length; i++) tf[i] = norm > 0 ? Math.fround(tf[i] / norm) : 0;
    return { key: item.key, seq: this.seq++, terms, weights: tf, minhash: item.minhash };
  }

  /**
   * Cosine of a unit query vector with the centroids of the active stories found through its
   * rarest terms (see {@link ClusterOptions.maxPostings}); the best `maxCandidates`, completed
   * with the terms left unread. Best first, ties to the older story.
   */
  private candidates(
    terms: ArrayLike<number>,
    weights: ArrayLike<number>,
    exclude?: Story,
  ): { story: Story; score: number }[] {
    const gen = ++this.generation;
    // Rarest terms first (shortest posting lists: the most distinctive, highest-IDF terms),
    // within a budget of postings, so an article's work is bounded however big the window.
    const lists = this.lists;
    lists.length = 0;
    for (let i = 0; i < terms.length; i++) {
      const post = this.index.get(terms[i]);
      if (post) lists.push({ post, term: terms[i], w: weights[i] });
    }
    lists.sort((a, b) => a.post.slots.length - b.post.slots.length);
    let budget = this.maxPostings;
    let read = lists.length;
    const { stamp, acc, norms } = this;
    const skip = exclude ? exclude.slot : -1;
    // Slots, not stories: the scan then touches typed arrays only.
    const touched = this.touched;
    touched.length = 0;
    for (let l = 0; l < lists.length; l++) {
      const { post, w } = lists[l];
      const slots = post.slots;
      const pw = post.weights;
      const n = slots.length;
      if (n > budget) {
        read = l;
        break;
      }
      budget -= n;
      for (let j = 0; j < n; j++) {
        const slot = slots[j];
        if (stamp[slot] !== gen) {
          if (slot === skip) continue;
          stamp[slot] = gen;
          acc[slot] = 0;
          touched.push(slot);
        }
        acc[slot] += w * pw[j];
      }
    }
    // Top-k by insertion into a short sorted list: cheaper than sorting every touched story.
    const k = this.maxCandidates;
    const top: number[] = [];
    const topScore: number[] = [];
    for (const slot of touched) {
      const score = acc[slot] / norms[slot];
      if (top.length === k && score < topScore[k - 1]) continue;
      const id = this.slots[slot]!.id;
      if (top.length === k && !this.ahead(score, id, topScore[k - 1], top[k - 1])) continue;
      let i = top.length < k ? top.length : k - 1;
      if (top.length < k) {
        top.push(slot);
        topScore.push(score);
      }
      while (i > 0 && this.ahead(score, id, topScore[i - 1], top[i - 1])) {
        top[i] = top[i - 1];
        topScore[i] = topScore[i - 1];
        i--;
      }
      top[i] = slot;
      topScore[i] = score;
    }
    const out = top.map((slot, i) => ({ story: this.slots[slot]!, score: topScore[i] }));
    if (read < lists.length) {
      // Add the terms left unread, for these few candidates only.
      for (const c of out) {
        let dot = 0;
        for (let l = read; l < lists.length; l++)
          dot += lists[l].w * (c.story.centroid.get(lists[l].term) ?? 0);
        c.score += dot / c.story.norm;
      }
      out.sort((a, b) => b.score - a.score || a.story.id - b.story.id);
    }
    return out;
  }

  /** Whether (score, story id) ranks before the candidate in `slot`: higher score, then older story. */
  private ahead(score: number, id: number, otherScore: number, slot: number): boolean {
    return score > otherScore || (score === otherScore && id < this.slots[slot]!.id);
  }

  /**
   * The kept member most similar to x: by MinHash Jaccard when x and every kept member have a
   * signature of the same length (then cosine breaks ties), else by cosine; remaining ties go to
   * the earliest member.
   */
  private parentOf(s: Story, x: Member): { key: number; score: number } | undefined {
    const sig = x.minhash;
    let useJaccard = !!sig && sig.length > 0;
    for (const m of s.members) if (m.minhash?.length !== sig?.length) useJaccard = false;
    let best: Member | undefined;
    let bj = -1;
    let bc = -1;
    for (const m of s.members) {
      const j = useJaccard ? estimateJaccard(sig!, m.minhash!) : 0;
      const c = dot(x, m);
      if (j > bj || (j === bj && c > bc)) {
        best = m;
        bj = j;
        bc = c;
      }
    }
    return best && { key: best.key, score: Math.min(1, useJaccard ? bj : bc) };
  }

  private newStory(id: number, root: number): Story {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slots.length;
      this.slots.push(undefined);
      if (slot >= this.acc.length) {
        const stamp = new Int32Array(this.stamp.length * 2);
        stamp.set(this.stamp);
        const norms = new Float64Array(this.norms.length * 2);
        norms.set(this.norms);
        this.acc = new Float64Array(this.acc.length * 2);
        this.stamp = stamp;
        this.norms = norms;
      }
    }
    const s: Story = { id, slot, root, size: 0, centroid: new Map(), pos: new Map(), norm: 0, members: [] };
    this.slots[slot] = s;
    this.stories.set(id, s);
    return s;
  }

  /**
   * Forgets a story: out of the index and the slot table. An expired story's pending record stays
   * in `changed` (it is still persisted by the next `dirty()`); an absorbed one is dropped.
   */
  private release(s: Story, absorbed = false): void {
    for (const t of s.centroid.keys()) this.unindex(t, s);
    this.stories.delete(s.id);
    this.slots[s.slot] = undefined;
    this.stamp[s.slot] = 0;
    this.freeSlots.push(s.slot);
    if (absorbed) this.changed.delete(s);
  }

  private setWeight(s: Story, term: number, w: number): void {
    s.centroid.set(term, w);
    let post = this.index.get(term);
    if (!post) {
      post = { slots: [], weights: [] };
      this.index.set(term, post);
    }
    const at = s.pos.get(term);
    if (at !== undefined) post.weights[at] = w;
    else {
      s.pos.set(term, post.slots.length);
      post.slots.push(s.slot);
      post.weights.push(w);
    }
  }

  /** Removes s from a term's posting list: the last entry moves into its place. */
  private unindex(term: number, s: Story): void {
    const post = this.index.get(term);
    const at = s.pos.get(term);
    if (!post || at === undefined) return;
    s.pos.delete(term);
    const last = post.slots.length - 1;
    if (at !== last) {
      post.slots[at] = post.slots[last];
      post.weights[at] = post.weights[last];
      this.slots[post.slots[at]]!.pos.set(term, at);
    }
    post.slots.pop();
    post.weights.pop();
    if (last === 0) this.index.delete(term);
  }

  /**
   * Keeps the `centroidTerms` heaviest terms (ties: smaller hash) once the centroid exceeds that
   * by a quarter, so the sort runs every few joins rather than at each; recomputes the norm.
   */
  private truncate(s: Story): void {
    if (s.centroid.size > this.centroidTerms + (this.centroidTerms >> 2)) {
      const e = [...s.centroid].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      for (let i = this.centroidTerms; i < e.length; i++) {
        s.centroid.delete(e[i][0]);
        this.unindex(e[i][0], s);
      }
    }
    let sq = 0;
    for (const w of s.centroid.values()) sq += w * w;
    s.norm = Math.sqrt(sq);
    this.norms[s.slot] = s.norm;
  }

  private join(s: Story, x: Member, published: number | undefined): void {
    s.size++;
    if (published !== undefined) {
      s.first = s.first === undefined ? published : Math.min(s.first, published);
      const before = s.last;
      s.last = s.last === undefined ? published : Math.max(s.last, published);
      if (s.last !== before) this.pushExpiry(s);
    }
    for (let i = 0; i < x.terms.length; i++) {
      if (x.weights[i] === 0) continue;
      const t = x.terms[i];
      this.setWeight(s, t, Math.fround((s.centroid.get(t) ?? 0) + x.weights[i]));
    }
    this.truncate(s);
    s.members.push(x);
    if (s.members.length > this.membersKept) s.members.shift();
    this.changed.add(s);
  }

  /** At power-of-two sizes: merges s with a converged story (see {@link ClusterOptions.merge}). */
  private maybeMerge(s: Story): StoryMerge | undefined {
    if (!this.merge || s.size < 2 || (s.size & (s.size - 1)) !== 0 || s.norm === 0) return undefined;
    const terms = [...s.centroid.keys()].sort((a, b) => a - b);
    const weights = terms.map((t) => s.centroid.get(t)! / s.norm);
    // The three best by centroid cosine are enough: the mean-member score is that cosine times a
    // cohesion factor of at most 1.
    for (const c of this.candidates(terms, weights, s).slice(0, 3)) {
      const u = c.story;
      const small = u.size < s.size || (u.size === s.size && u.id > s.id) ? u : s;
      const mean = (c.score * small.norm) / small.size;
      if (mean >= this.threshold) {
        const [into, from] = u.id < s.id ? [u, s] : [s, u];
        return this.absorb(into, from, Math.min(1, mean));
      }
    }
    return undefined;
  }

  private absorb(into: Story, from: Story, score: number): StoryMerge {
    into.size += from.size;
    if (from.first !== undefined)
      into.first = into.first === undefined ? from.first : Math.min(into.first, from.first);
    if (from.last !== undefined) {
      const before = into.last;
      into.last = into.last === undefined ? from.last : Math.max(into.last, from.last);
      if (into.last !== before) this.pushExpiry(into);
    }
    const fromCentroid = [...from.centroid];
    const fromMembers = from.members;
    this.release(from, true);
    for (const [t, w] of fromCentroid) this.setWeight(into, t, Math.fround((into.centroid.get(t) ?? 0) + w));
    this.truncate(into);
    into.members = [...into.members, ...fromMembers].sort((a, b) => a.seq - b.seq).slice(-this.membersKept);
    this.changed.add(into);
    return { from: from.id, into: into.id, root: from.root, parent: into.root, score };
  }

  private pushExpiry(s: Story): void {
    if (s.last === undefined || !Number.isFinite(this.windowDays)) return;
    const h = this.expiry;
    h.push({ last: s.last, story: s });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].last <= h[i].last) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  /** Drops the stories whose latest article is older than `minLast`. */
  private expire(minLast: number): void {
    const h = this.expiry;
    while (h.length && h[0].last < minLast) {
      const { last, story } = h[0];
      const end = h.pop()!;
      if (h.length) {
        h[0] = end;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && h[l].last < h[m].last) m = l;
          if (r < h.length && h[r].last < h[m].last) m = r;
          if (m === i) break;
          [h[m], h[i]] = [h[i], h[m]];
          i = m;
        }
      }
      // Stale entry: the story got a later article (a newer entry exists) or is already gone.
      if (story.last === last && this.stories.get(story.id) === story) this.release(story);
    }
  }
}

function isAscending(a: ArrayLike<number>): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] <= a[i - 1]) return false;
  return true;
}

/** Dot product of two sparse vectors with ascending terms (cosine, for unit vectors). */
function dot(a: Member, b: Member): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.terms.length && j < b.terms.length) {
    if (a.terms[i] < b.terms[j]) i++;
    else if (a.terms[i] > b.terms[j]) j++;
    else d += a.weights[i++] * b.weights[j++];
  }
  return d;
}
