/**
 * Story clustering over a store (`Corpus.cluster()`, `storydiff cluster`): clusters the articles
 * not yet in a story with the online algorithm of cluster.ts, page by page, persisting the state,
 * then reads the stories in a window with their versions as the published stories format
 * (story-types.ts).
 */
import { checkWhole, mustBe } from '../errors.js';
import type {
  Membership,
  ScanCursor,
  Store,
  StoredArticle,
  StoryMergeRecord,
  StoryRecord,
} from '../store/types.js';
import { VERSION } from '../version.js';
import { type ClusterOptions, checkClusterOptions, OnlineClusterer } from './cluster.js';
import { formatPublished } from './published.js';
import { STORIES_SCHEMA, type StoriesResult, type Story, type StoryVersion } from './story-types.js';

export { STORIES_SCHEMA, type StoriesResult, type Story, type StoryVersion } from './story-types.js';

/** Options of `Corpus.cluster()`. */
export interface ClusterRun extends Pick<ClusterOptions, 'threshold' | 'windowDays'> {
  /** Show stories with a version published at or after this time (ms since the epoch). */
  since?: number;
  /** … and at or before this time. */
  until?: number;
  /** Smallest story shown. Default 2 (a story with one version has no versions to compare). */
  minSize?: number;
  /** Most stories shown, largest first. Default all. */
  limit?: number;
  /** Only show the stories; do not cluster new articles (for a read-only store). */
  readOnly?: boolean;
  /** Articles read and written per transaction. Default 2000. */
  pageSize?: number;
}

const DAY = 86_400_000;

/** Throws the catalogue's USAGE error for the first option of a cluster run out of range. */
function checkClusterRun(run: ClusterRun): void {
  checkClusterOptions(run);
  if (run.minSize !== undefined) checkWhole('minSize', run.minSize, 1);
  if (run.limit !== undefined) checkWhole('limit', run.limit, 0);
  if (run.pageSize !== undefined) checkWhole('pageSize', run.pageSize, 1);
  for (const k of ['since', 'until'] as const) {
    const v = run[k];
    if (v !== undefined && !Number.isFinite(v)) throw mustBe(k, 'a time in ms since the epoch', v);
  }
}

/**
 * Clusters the articles not yet in a story, in publication order, continuing the stored state:
 * each new article joins a story or starts one and nothing else is recomputed. Then reads the
 * stories in the window with their versions and derivation trees.
 *
 * @example
 * ```ts
 * const result = await clusterCorpus(store, { since: Date.parse('2024-03-01'), minSize: 2 });
 * for (const s of result.stories) console.log(s.title, s.size);
 * ```
 */
export async function clusterCorpus(store: Store, run: ClusterRun = {}): Promise<StoriesResult> {
  checkClusterRun(run);
  const t0 = performance.now();
  let clustered = 0;
  let newStories = 0;
  if (!run.readOnly) ({ clustered, newStories } = await clusterNew(store, run));
  const seconds = (performance.now() - t0) / 1000;
  const minSize = run.minSize ?? 2;
  const all = await store.storiesInWindow({ since: run.since, until: run.until, includeUndated: true });
  const shown = all
    .filter((s) => s.size >= minSize)
    .sort(
      (a, b) => b.size - a.size || (a.firstPublished ?? 0) - (b.firstPublished ?? 0) || a.story - b.story,
    );
  const kept = run.limit !== undefined ? shown.slice(0, run.limit) : shown;
  const stories = await describeStories(store, kept);
  return {
    schema: STORIES_SCHEMA,
    generator: `storydiff ${VERSION}`,
    window: { since: formatPublished(run.since), until: formatPublished(run.until) },
    run: { clustered, newStories, seconds: Math.round(seconds * 1000) / 1000 },
    stories,
    omitted: all.length - kept.length,
  };
}

/** Feeds the unclustered articles to an online clusterer resumed from the store, page by page. */
async function clusterNew(store: Store, run: ClusterRun): Promise<{ clustered: number; newStories: number }> {
  const pageSize = run.pageSize ?? 2000;
  const first = await store.scan({ unclustered: true, limit: 1 });
  if (!first.items.length) return { clustered: 0, newStories: 0 };
  const { nextStory, nextSeq } = await store.clusteringCursor();
  const clusterer = new OnlineClusterer({ threshold: run.threshold, windowDays: run.windowDays, nextStory });
  // Resume: stories still open at the first new article's time are candidates; older ones are closed.
  const start = first.items[0].published;
  const windowDays = clusterer.windowDays;
  const active = await store.storiesInWindow({
    since: start !== undefined && Number.isFinite(windowDays) ? start - windowDays * DAY : undefined,
    includeUndated: true,
  });
  if (active.length) {
    const members = await store.storyMembers(active.map((s) => s.story));
    const recent = lastMembers(members, clusterer.membersKept);
    const arts = await store.getArticlesByKey(recent.map((m) => m.key));
    // IDF first, so the reloaded members are weighted as they were when they joined.
    await loadFrequencies(store, clusterer, arts);
    const storyByKey = new Map(recent.map((m) => [m.key, m.story]));
    clusterer.load(
      active,
      arts.map((a) => ({ ...clusterItem(a), story: storyByKey.get(a.key)! })),
    );
  }
  let seq = nextSeq;
  let clustered = 0;
  let created = 0;
  let after: ScanCursor | undefined;
  for (;;) {
    const page = await store.scan({ unclustered: true, after, limit: pageSize });
    if (!page.items.length) break;
    await loadFrequencies(store, clusterer, page.items);
    const members: Membership[] = [];
    const merges: StoryMergeRecord[] = [];
    for (const a of page.items) {
      const d = clusterer.add(clusterItem(a));
      if (d.created) created++;
      if (d.merged) {
        const { from, into, root, parent, score } = d.merged;
        merges.push({ from, into });
        for (const m of members) if (m.story === from) m.story = into;
        // The absorbed story's first version now hangs under the surviving story.
        const pending = members.find((m) => m.key === root);
        if (pending) Object.assign(pending, { parent, score });
        else members.push({ key: root, story: into, parent, score, seq: seq++ });
      }
      members.push({ key: a.key, story: d.story, parent: d.parent, score: d.score, seq: seq++ });
    }
    await store.putClustering(clusterer.dirty(), members, merges);
    clustered += page.items.length;
    if (!page.next) break;
    after = page.next;
  }
  return { clustered, newStories: created };
}

function clusterItem(a: StoredArticle) {
  return {
    key: a.key,
    published: a.published,
    terms: a.vectorTerms,
    weights: a.vectorWeights,
    minhash: a.minhash,
  };
}

/** The last `n` members of each story (by clustering order): the ones a new version is compared with. */
function lastMembers(members: Membership[], n: number): Membership[] {
  const by = new Map<number, Membership[]>();
  for (const m of members) {
    const l = by.get(m.story);
    if (l) l.push(m);
    else by.set(m.story, [m]);
  }
  const out: Membership[] = [];
  for (const l of by.values()) {
    l.sort((a, b) => a.seq - b.seq);
    out.push(...l.slice(-n));
  }
  return out;
}

/** Gives the clusterer the store's document frequencies for the terms of these articles. */
async function loadFrequencies(
  store: Store,
  clusterer: OnlineClusterer,
  arts: StoredArticle[],
): Promise<void> {
  const terms = new Set<number>();
  for (const a of arts) for (const t of a.vectorTerms) terms.add(t);
  const { df, total } = await store.termFrequencies([...terms]);
  clusterer.setDocumentFrequencies(df, total);
}

/** Versions in publication order with parent ids and tree depths. */
async function describeStories(store: Store, stories: StoryRecord[]): Promise<Story[]> {
  if (!stories.length) return [];
  const members = await store.storyMembers(stories.map((s) => s.story));
  const arts = new Map<number, StoredArticle>();
  const keys = members.map((m) => m.key);
  for (let i = 0; i < keys.length; i += 1000) {
    for (const a of await store.getArticlesByKey(keys.slice(i, i + 1000))) arts.set(a.key, a);
  }
  const byStory = new Map<number, Membership[]>();
  for (const m of members) {
    const l = byStory.get(m.story);
    if (l) l.push(m);
    else byStory.set(m.story, [m]);
  }
  const out: Story[] = [];
  for (const s of stories) {
    const ms = (byStory.get(s.story) ?? []).filter((m) => arts.has(m.key));
    if (!ms.length) continue;
    // A version cannot come from a later one: an article updated or added late may have joined
    // under a version published after it, which would make a cycle. Such an edge is cut and the
    // version counts as a root.
    const when = (k: number) => arts.get(k)?.published;
    for (const m of ms) {
      const p = m.parent;
      const tp = p === undefined ? undefined : when(p);
      const tm = when(m.key);
      if (p !== undefined && tp !== undefined && tm !== undefined && tp > tm) m.parent = undefined;
    }
    const parentOf = new Map(ms.map((m) => [m.key, m.parent]));
    const depth = (key: number): number => {
      let d = 0;
      let k: number | undefined = parentOf.get(key);
      // Bounded walk: a corrupt cycle cannot hang the output.
      while (k !== undefined && parentOf.has(k) && d < ms.length) {
        d++;
        k = parentOf.get(k);
      }
      return d;
    };
    const versions: StoryVersion[] = ms
      .map((m) => {
        const a = arts.get(m.key)!;
        const parent = m.parent !== undefined ? arts.get(m.parent)?.id : undefined;
        return {
          id: a.id,
          key: a.key,
          title: a.title,
          url: a.url,
          source: a.source,
          published: formatPublished(a.published),
          words: a.words,
          parent,
          score: Math.round(m.score * 1000) / 1000,
          depth: parent === undefined ? 0 : depth(m.key),
        };
      })
      .sort((a, b) => {
        const pa = arts.get(a.key)!.published ?? -Infinity;
        const pb = arts.get(b.key)!.published ?? -Infinity;
        return pa - pb || a.key - b.key;
      });
    const dated = versions.filter((v) => v.published);
    out.push({
      story: s.story,
      size: versions.length,
      title: versions.find((v) => v.title)?.title,
      root: versions.find((v) => v.parent === undefined)?.id ?? versions[0].id, // the earliest parentless version
      first: dated[0]?.published,
      last: dated[dated.length - 1]?.published,
      sources: [...new Set(versions.map((v) => v.source).filter((x): x is string => !!x))],
      versions,
    });
  }
  return out;
}
