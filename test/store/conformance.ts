/**
 * The store conformance suite: every behaviour of the {@link Store} contract, written against
 * the interface only, so both implementations (SQLite and PostgreSQL) run the same tests.
 *
 * @example
 * ```ts
 * describeStoreConformance('sqlite (file)', {
 *   open: (settings) => openSqliteStore({ path: join(dir, 'a.db'), settings }),
 *   cleanup: async () => rmSync(dir, { recursive: true, force: true }),
 * });
 * ```
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorydiffError } from '../../src/errors.js';
import {
  type ArticleRecord,
  type Membership,
  STORE_SCHEMA_VERSION,
  type Store,
  type StoredArticle,
  type StoreSettings,
  type StoryRecord,
} from '../../src/store/types.js';

/** How the suite gets stores. */
export interface StoreFactory {
  /** A new, empty store created with these settings (every call a fresh one). */
  open(settings: StoreSettings): Promise<Store>;
  /** Opens the store last created by `open` again, after the suite closed it (absent: in-memory). */
  reopen?(): Promise<Store>;
  /** Records this schema version in the store last created by `open` (the suite closed it). */
  setSchemaVersion?(version: number): Promise<void>;
  /** Removes whatever `open` created; called after every test. */
  cleanup(): Promise<void>;
}

/** Settings of the suite's stores (small, so records are short). */
export const TEST_SETTINGS: StoreSettings = Object.freeze({
  numPerm: 16,
  shingle: 3,
  bands: 4,
  rows: 4,
  threshold: 0.5,
  seed: 7,
});

/** 2024-03-01T00:00:00Z. */
export const T0 = Date.UTC(2024, 2, 1);
export const HOUR = 3_600_000;
const BIG = 2 ** 52;

/**
 * A valid record; `n` makes it distinct (id, hash, band keys, terms) from the records of other
 * `n`, and `o` overrides fields. Band keys and terms include large and negative safe integers.
 */
export function testRecord(n: number, o: Partial<ArticleRecord> = {}): ArticleRecord {
  const vectorTerms = [-(BIG + n), 1000 + n, 5_000_000 + n, BIG + n];
  return {
    id: `id-${n}`,
    hash: `hash-${n}`,
    text: `Article ${n}: Ünïcödé ✓ 日本語 — “quotes”.\nSecond line.`,
    title: `Title ${n}`,
    url: `https://example.org/${n}`,
    source: 'Example Wire',
    published: T0 + n * HOUR,
    lang: 'en',
    origin: `test.jsonl:${n}`,
    words: 100 + n,
    minhash: Uint32Array.from(
      { length: TEST_SETTINGS.numPerm },
      (_, i) => (n * 2_654_435_761 + i * 40_503) >>> 0,
    ),
    bandKeys: [n * 10 + 1, -(n * 10 + 2), BIG + n * 10 + 3, Number.MAX_SAFE_INTEGER - n],
    keyTerms: [700_000 + n, -(700_000 + n), Number.MIN_SAFE_INTEGER + n + 1],
    vectorTerms,
    vectorWeights: Float32Array.from(vectorTerms, (_, i) => 0.25 * (i + 1)),
    ...o,
  };
}

/** Strips what the store adds, for comparing a stored article with its record. */
function asRecord(a: StoredArticle): ArticleRecord {
  const { key: _key, addedAt: _addedAt, ...rest } = a;
  return rest;
}

/** Awaits a promise that must reject with a StorydiffError of this code; returns the error. */
export async function rejectsWith(p: Promise<unknown>, code: string): Promise<StorydiffError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected a ${code} error`).toBeInstanceOf(StorydiffError);
  expect((err as StorydiffError).code).toBe(code);
  return err as StorydiffError;
}

function story(id: number, o: Partial<StoryRecord> = {}): StoryRecord {
  return {
    story: id,
    root: 1,
    size: 1,
    firstPublished: T0,
    lastPublished: T0,
    centroidTerms: [1, 2, BIG],
    centroidWeights: Float32Array.of(0.5, 0.25, 1),
    ...o,
  };
}

/**
 * Registers the conformance suite for one implementation.
 *
 * @example
 * ```ts
 * describeStoreConformance('sqlite (:memory:)', {
 *   open: (settings) => openSqliteStore({ path: ':memory:', settings }),
 *   cleanup: async () => {},
 * });
 * ```
 */
export function describeStoreConformance(name: string, factory: StoreFactory): void {
  describe(`store conformance: ${name}`, () => {
    let store: Store;
    let open = false;

    beforeEach(async () => {
      store = await factory.open(TEST_SETTINGS);
      open = true;
    });
    afterEach(async () => {
      if (open) await store.close();
      open = false;
      await factory.cleanup();
    });

    /** Closes the current store (for reopen tests). */
    async function close(): Promise<void> {
      await store.close();
      open = false;
    }

    async function put(...records: ArticleRecord[]) {
      return store.putArticles(records);
    }

    describe('identity', () => {
      it('reports its kind, location and settings', () => {
        expect(['sqlite', 'postgres']).toContain(store.kind);
        expect(typeof store.location).toBe('string');
        expect(store.settings).toEqual(TEST_SETTINGS);
      });
    });

    describe('putArticles', () => {
      it('adds new records with distinct positive integer keys, in input order', async () => {
        const out = await put(testRecord(1), testRecord(2), testRecord(3));
        expect(out.map((o) => [o.status, o.id])).toEqual([
          ['added', 'id-1'],
          ['added', 'id-2'],
          ['added', 'id-3'],
        ]);
        for (const o of out) expect(Number.isSafeInteger(o.key) && o.key > 0).toBe(true);
        expect(new Set(out.map((o) => o.key)).size).toBe(3);
        expect(await put()).toEqual([]);
      });

      it('is idempotent: the same id and hash again is unchanged, with the same key', async () => {
        const [a] = await put(testRecord(1));
        const [b] = await put(testRecord(1, { title: 'other title' }));
        expect(b).toEqual({ status: 'unchanged', id: 'id-1', key: a.key });
        expect((await store.stats()).articles).toBe(1);
      });

      it('updates an id whose content changed, in place (same key)', async () => {
        const [a] = await put(testRecord(1));
        const next = testRecord(2, { id: 'id-1' });
        const [b] = await put(next);
        expect(b).toEqual({ status: 'updated', id: 'id-1', key: a.key });
        const [got] = await store.getArticles(['id-1']);
        expect(asRecord(got)).toEqual(next);
        expect(got.key).toBe(a.key);
        expect(await store.findByHash('hash-1')).toBeUndefined();
        expect((await store.findByHash('hash-2'))?.id).toBe('id-1');
        // Old index rows are gone, new ones are there.
        expect(await store.findByBands(testRecord(1).bandKeys, { limit: 10 })).toEqual([]);
        expect(await store.findByBands(next.bandKeys, { limit: 10 })).toEqual([{ key: a.key, hits: 4 }]);
        expect(await store.findByTerms(testRecord(1).keyTerms, { perTermLimit: 10 })).toEqual([]);
        expect((await store.findByTerms(next.keyTerms, { perTermLimit: 10 })).map((h) => h.key)).toEqual([
          a.key,
        ]);
        const st = await store.stats();
        expect(st.articles).toBe(1);
        expect(st.bandRows).toBe(4);
        expect(st.postingRows).toBe(3);
      });

      it('reports a new id with stored content as a duplicate and does not store it', async () => {
        const [a] = await put(testRecord(1));
        const [b] = await put(testRecord(1, { id: 'copy' }));
        expect(b).toEqual({ status: 'duplicate', id: 'copy', key: a.key, existing: 'id-1' });
        expect(await store.getArticles(['copy'])).toEqual([]);
        expect((await store.stats()).articles).toBe(1);
      });

      it('treats an update to content held by another id as a duplicate and keeps the old version', async () => {
        await put(testRecord(1), testRecord(2));
        const [o] = await put(testRecord(2, { id: 'id-1' }));
        expect(o).toMatchObject({ status: 'duplicate', id: 'id-1', existing: 'id-2' });
        const [a] = await store.getArticles(['id-1']);
        expect(a.hash).toBe('hash-1');
      });

      it('handles duplicates, repeats and updates within one batch', async () => {
        const out = await put(
          testRecord(1),
          testRecord(1, { id: 'copy' }),
          testRecord(2),
          testRecord(2),
          testRecord(3),
          testRecord(4, { id: 'id-3' }),
          testRecord(5, { id: 'id-3' }),
        );
        expect(out.map((o) => o.status)).toEqual([
          'added',
          'duplicate',
          'added',
          'unchanged',
          'added',
          'updated',
          'updated',
        ]);
        expect(out[1]).toMatchObject({ existing: 'id-1', key: out[0].key });
        expect(out[3].key).toBe(out[2].key);
        expect(out[5].key).toBe(out[4].key);
        expect(out[6].key).toBe(out[4].key);
        const [a3] = await store.getArticles(['id-3']);
        expect(asRecord(a3)).toEqual(testRecord(5, { id: 'id-3' }));
        const st = await store.stats();
        expect(st.articles).toBe(3);
        expect(st.bandRows).toBe(12);
        expect(st.postingRows).toBe(9);
        // Only the final version of id-3 is indexed.
        expect(await store.findByBands(testRecord(4).bandKeys, { limit: 10 })).toEqual([]);
        expect(await store.findByBands(testRecord(5).bandKeys, { limit: 10 })).toEqual([
          { key: out[4].key, hits: 4 },
        ]);
        const { df } = await store.termFrequencies([
          ...testRecord(4).vectorTerms,
          ...testRecord(5).vectorTerms,
        ]);
        for (const t of testRecord(4).vectorTerms) expect(df.get(t)).toBe(0);
        for (const t of testRecord(5).vectorTerms) expect(df.get(t)).toBe(1);
      });

      it('rejects a batch with an invalid record as a whole, storing nothing', async () => {
        await put(testRecord(9));
        const before = await store.stats();
        const bad: Partial<ArticleRecord>[] = [
          { bandKeys: [1, 2 ** 53] },
          { keyTerms: [1.5] },
          { vectorWeights: new Float32Array(1) },
          { published: 1.5 },
          { id: '' },
          { words: -1 },
          { minhash: [1, 2] as unknown as Uint32Array },
        ];
        for (const o of bad) {
          await rejectsWith(put(testRecord(1), testRecord(2, o)), 'INPUT_INVALID');
        }
        expect(await store.getArticles(['id-1', 'id-2'])).toEqual([]);
        const after = await store.stats();
        expect({ ...after, bytes: 0 }).toEqual({ ...before, bytes: 0 });
      });
    });

    describe('reading articles', () => {
      it('round-trips every field, typed arrays included', async () => {
        const full = testRecord(1);
        const bare: ArticleRecord = {
          id: 'bare',
          hash: 'bare-hash',
          text: '',
          words: 0,
          minhash: new Uint32Array([0, 0xffffffff]),
          bandKeys: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 0],
          keyTerms: [],
          vectorTerms: [],
          vectorWeights: new Float32Array(0),
        };
        const before = Date.now();
        const [k1, k2] = (await put(full, bare)).map((o) => o.key);
        const [a, b] = await store.getArticles(['id-1', 'bare']);
        expect(asRecord(a)).toEqual(full);
        expect(a.minhash).toBeInstanceOf(Uint32Array);
        expect(a.vectorWeights).toBeInstanceOf(Float32Array);
        expect(a.key).toBe(k1);
        expect(a.addedAt).toBeGreaterThanOrEqual(before - 1000);
        expect(a.addedAt).toBeLessThanOrEqual(Date.now() + 1000);
        expect(asRecord(b)).toEqual(bare);
        expect(b.key).toBe(k2);
        for (const k of ['title', 'url', 'source', 'published', 'lang', 'origin'] as const) {
          expect(b[k]).toBeUndefined();
        }
        expect(await store.getArticlesByKey([k2, 999_999, k1])).toEqual([b, a]);
      });

      it('returns articles in input order and skips missing ones', async () => {
        await put(testRecord(1), testRecord(2), testRecord(3));
        const got = await store.getArticles(['id-3', 'nope', 'id-1']);
        expect(got.map((a) => a.id)).toEqual(['id-3', 'id-1']);
        expect(await store.getArticles([])).toEqual([]);
        expect(await store.getArticlesByKey([])).toEqual([]);
      });

      it('finds an article by content hash', async () => {
        const [o] = await put(testRecord(1), testRecord(2, { published: undefined, title: undefined }));
        const s = await store.findByHash('hash-1');
        expect(s).toEqual({
          key: o.key,
          id: 'id-1',
          hash: 'hash-1',
          title: 'Title 1',
          url: 'https://example.org/1',
          source: 'Example Wire',
          published: T0 + HOUR,
          lang: 'en',
          words: 101,
        });
        const u = await store.findByHash('hash-2');
        expect(u?.published).toBeUndefined();
        expect(u?.title).toBeUndefined();
        expect(await store.findByHash('nope')).toBeUndefined();
      });
    });

    describe('findByBands', () => {
      it('ranks by shared band keys, honours limit and exclude', async () => {
        const keys = [11, 22, -33, BIG + 44];
        const out = await put(
          testRecord(1, { bandKeys: [11, 22, -33, BIG + 44] }),
          testRecord(2, { bandKeys: [11, 22, 5, 6] }),
          testRecord(3, { bandKeys: [7, 8, 9, BIG + 44] }),
          testRecord(4, { bandKeys: [1, 2, 3, 4] }),
        );
        const [k1, k2, k3] = out.map((o) => o.key);
        expect(await store.findByBands(keys, { limit: 10 })).toEqual([
          { key: k1, hits: 4 },
          { key: k2, hits: 2 },
          { key: k3, hits: 1 },
        ]);
        expect(await store.findByBands(keys, { limit: 2 })).toEqual([
          { key: k1, hits: 4 },
          { key: k2, hits: 2 },
        ]);
        expect(await store.findByBands(keys, { limit: 10, exclude: k1 })).toEqual([
          { key: k2, hits: 2 },
          { key: k3, hits: 1 },
        ]);
        // A repeated query key counts once.
        expect(await store.findByBands([11, 11], { limit: 10 })).toEqual(
          expect.arrayContaining([
            { key: k1, hits: 1 },
            { key: k2, hits: 1 },
          ]),
        );
        expect(await store.findByBands([], { limit: 10 })).toEqual([]);
        expect(await store.findByBands([123456], { limit: 10 })).toEqual([]);
      });
    });

    describe('findByTerms', () => {
      const T = 424_242;
      async function setup() {
        const out = await put(
          testRecord(1, { keyTerms: [T, 1], published: T0 }),
          testRecord(2, { keyTerms: [T, 2], published: T0 + 24 * HOUR }),
          testRecord(3, { keyTerms: [T, 1], published: T0 + 48 * HOUR }),
          testRecord(4, { keyTerms: [T], published: undefined }),
          testRecord(5, { keyTerms: [99] }),
        );
        return out.map((o) => o.key);
      }

      it('groups shared terms by article, most shared first', async () => {
        const [k1, k2, k3, k4] = await setup();
        const hits = await store.findByTerms([T, 1, 1], { perTermLimit: 100 });
        expect(hits.slice(0, 2).map((h) => h.key)).toEqual(expect.arrayContaining([k1, k3]));
        for (const h of hits.slice(0, 2)) expect([...h.terms].sort()).toEqual([1, T].sort());
        expect(
          hits
            .slice(2)
            .map((h) => h.key)
            .sort((a, b) => a - b),
        ).toEqual([k2, k4].sort((a, b) => a - b));
        for (const h of hits.slice(2)) expect(h.terms).toEqual([T]);
        expect(await store.findByTerms([], { perTermLimit: 10 })).toEqual([]);
        expect(await store.findByTerms([777], { perTermLimit: 10 })).toEqual([]);
      });

      it('honours the window (inclusive) and includeUndated', async () => {
        const [k1, k2, k3, k4] = await setup();
        const keys = async (o: Parameters<Store['findByTerms']>[1]) =>
          (await store.findByTerms([T], o)).map((h) => h.key).sort((a, b) => a - b);
        expect(await keys({ perTermLimit: 10 })).toEqual([k1, k2, k3, k4]);
        expect(await keys({ perTermLimit: 10, since: T0 + 24 * HOUR })).toEqual([k2, k3, k4]);
        expect(await keys({ perTermLimit: 10, until: T0 + 24 * HOUR })).toEqual([k1, k2, k4]);
        expect(
          await keys({ perTermLimit: 10, since: T0 + HOUR, until: T0 + 47 * HOUR, includeUndated: false }),
        ).toEqual([k2]);
        expect(await keys({ perTermLimit: 10, includeUndated: false })).toEqual([k1, k2, k3]);
        expect(await keys({ perTermLimit: 10, since: T0 + 100 * HOUR, includeUndated: false })).toEqual([]);
      });

      it('reads at most perTermLimit postings per term, newest first, and honours exclude', async () => {
        const [k1, k2, k3] = await setup();
        const keys = async (o: Parameters<Store['findByTerms']>[1]) =>
          (await store.findByTerms([T], o)).map((h) => h.key).sort((a, b) => a - b);
        expect(await keys({ perTermLimit: 2, includeUndated: false })).toEqual([k2, k3]);
        expect(await keys({ perTermLimit: 1, includeUndated: false })).toEqual([k3]);
        expect(await keys({ perTermLimit: 2, includeUndated: false, exclude: k3 })).toEqual([k1, k2]);
        // Each term has its own budget.
        const hits = await store.findByTerms([T, 2], { perTermLimit: 1, includeUndated: false });
        expect(hits.map((h) => h.key).sort((a, b) => a - b)).toEqual([k2, k3]);
        expect(await keys({ perTermLimit: 0 })).toEqual([]);
      });
    });

    describe('termFrequencies', () => {
      it('counts each term once per article over key terms and vector terms', async () => {
        await put(
          testRecord(1, { keyTerms: [1, 2], vectorTerms: [2, 3], vectorWeights: Float32Array.of(1, 1) }),
          testRecord(2, { keyTerms: [2], vectorTerms: [3, 4], vectorWeights: Float32Array.of(1, 1) }),
        );
        const { df, total } = await store.termFrequencies([1, 2, 3, 4, 5, 2]);
        expect(total).toBe(2);
        expect([...df.entries()].sort((a, b) => a[0] - b[0])).toEqual([
          [1, 1],
          [2, 2],
          [3, 2],
          [4, 1],
          [5, 0],
        ]);
        expect((await store.stats()).terms).toBe(4);
        expect(await store.termFrequencies([])).toEqual({ df: new Map(), total: 2 });
      });

      it('follows updates and removals', async () => {
        const w = Float32Array.of(1, 1);
        await put(
          testRecord(1, { keyTerms: [1], vectorTerms: [2, 3], vectorWeights: w }),
          testRecord(2, { keyTerms: [1], vectorTerms: [3, 4], vectorWeights: w }),
        );
        await put(testRecord(9, { id: 'id-1', keyTerms: [5], vectorTerms: [3, 6], vectorWeights: w }));
        let { df, total } = await store.termFrequencies([1, 2, 3, 4, 5, 6]);
        expect(total).toBe(2);
        expect([...df.values()]).toEqual([1, 0, 2, 1, 1, 1]);
        await store.removeArticles(['id-2']);
        ({ df, total } = await store.termFrequencies([1, 2, 3, 4, 5, 6]));
        expect(total).toBe(1);
        expect([...df.values()]).toEqual([0, 0, 1, 0, 1, 1]);
        expect((await store.stats()).terms).toBe(3);
      });
    });

    describe('removeArticles', () => {
      it('removes articles with their index rows and memberships, and returns the ids removed', async () => {
        const [o1, o2] = await put(testRecord(1), testRecord(2));
        await store.putClustering(
          [story(1, { root: o1.key, size: 2 })],
          [
            { key: o1.key, story: 1, score: 1, seq: 1 },
            { key: o2.key, story: 1, parent: o1.key, score: 0.8, seq: 2 },
          ],
        );
        expect(await store.removeArticles(['id-2', 'nope', 'id-2'])).toEqual(['id-2']);
        expect(await store.getArticles(['id-2'])).toEqual([]);
        expect(await store.getArticlesByKey([o2.key])).toEqual([]);
        expect(await store.findByHash('hash-2')).toBeUndefined();
        expect(await store.findByBands(testRecord(2).bandKeys, { limit: 10 })).toEqual([]);
        expect(await store.findByTerms(testRecord(2).keyTerms, { perTermLimit: 10 })).toEqual([]);
        expect(await store.membershipsOf([o2.key])).toEqual([]);
        expect((await store.storyMembers([1])).map((m) => m.key)).toEqual([o1.key]);
        const [s] = await store.getStories([1]);
        expect(s.size).toBe(1);
        const st = await store.stats();
        expect(st).toMatchObject({ articles: 1, bandRows: 4, postingRows: 3, clustered: 1, stories: 1 });
        expect(await store.removeArticles([])).toEqual([]);
        // The same content can come back under the same id, as a new article.
        const [again] = await put(testRecord(2));
        expect(again.status).toBe('added');
        expect(again.key).not.toBe(o1.key);
      });

      it('re-attaches the versions derived from a removed or updated one to its nearest remaining ancestor', async () => {
        const o = await put(...[1, 2, 3, 4, 5, 6].map((n) => testRecord(n)));
        const k = o.map((x) => x.key);
        // 1 ← 2 ← 3 ← 4 and 2 ← 5 in story 1; 6 alone in story 2, untouched.
        await store.putClustering(
          [story(1, { root: k[0], size: 5 }), story(2, { root: k[5], size: 1 })],
          [
            { key: k[0], story: 1, score: 1, seq: 1 },
            { key: k[1], story: 1, parent: k[0], score: 0.9, seq: 2 },
            { key: k[2], story: 1, parent: k[1], score: 0.8, seq: 3 },
            { key: k[3], story: 1, parent: k[2], score: 0.7, seq: 4 },
            { key: k[4], story: 1, parent: k[1], score: 0.6, seq: 5 },
            { key: k[5], story: 2, score: 1, seq: 6 },
          ],
        );
        // Two links of the chain in one call: 4 and 5 end up under 1.
        expect(await store.removeArticles(['id-3', 'id-2'])).toEqual(['id-3', 'id-2']);
        const parents = async () =>
          new Map((await store.storyMembers([1, 2])).map((m) => [m.key, m.parent ?? null]));
        expect(await parents()).toEqual(
          new Map([
            [k[0], null],
            [k[3], k[0]],
            [k[4], k[0]],
            [k[5], null],
          ]),
        );
        expect((await store.getStories([1]))[0].size).toBe(3);
        // An update drops the version from its story the same way: 4 and 5 lose their parent 1.
        const [u] = await put(testRecord(7, { id: 'id-1' }));
        expect(u.status).toBe('updated');
        expect(await parents()).toEqual(
          new Map([
            [k[3], null],
            [k[4], null],
            [k[5], null],
          ]),
        );
      });
    });

    describe('scan and list', () => {
      async function setup() {
        // Published out of insertion order, two undated, two at the same time.
        const out = await put(
          testRecord(1, { published: T0 + 5 * HOUR }),
          testRecord(2, { published: undefined }),
          testRecord(3, { published: T0 + HOUR }),
          testRecord(4, { published: T0 + 5 * HOUR }),
          testRecord(5, { published: undefined }),
          testRecord(6, { published: T0 - 1000 * 24 * HOUR }),
        );
        const k = out.map((o) => o.key);
        return { k, order: [k[1], k[4], k[5], k[2], k[0], k[3]] };
      }

      it('walks publication order (undated first, then time, then key) in pages', async () => {
        const { order } = await setup();
        const all = await store.scan({ limit: 100 });
        expect(all.items.map((a) => a.key)).toEqual(order);
        expect(all.next).toBeUndefined();
        expect(all.items[0].text).toBe(testRecord(2).text);
        for (const size of [1, 2, 4, 5]) {
          const seen: number[] = [];
          let after: Awaited<ReturnType<Store['scan']>>['next'];
          for (let i = 0; i < 20; i++) {
            const page = await store.scan({ limit: size, after });
            expect(page.items.length).toBeLessThanOrEqual(size);
            seen.push(...page.items.map((a) => a.key));
            if (!page.next) break;
            expect(page.items.length).toBe(size);
            after = page.next;
          }
          expect(seen).toEqual(order);
        }
        expect((await store.scan({ limit: 0 })).items).toEqual([]);
      });

      it('honours the window and includeUndated', async () => {
        const { order } = await setup();
        const keys = async (o: Omit<Parameters<Store['scan']>[0], 'limit'>) =>
          (await store.scan({ limit: 100, ...o })).items.map((a) => a.key);
        expect(await keys({ since: T0 })).toEqual([order[0], order[1], order[3], order[4], order[5]]);
        expect(await keys({ since: T0, includeUndated: false })).toEqual([order[3], order[4], order[5]]);
        expect(await keys({ until: T0 + HOUR, includeUndated: false })).toEqual([order[2], order[3]]);
        expect(await keys({ since: T0 + 5 * HOUR, until: T0 + 5 * HOUR, includeUndated: false })).toEqual([
          order[4],
          order[5],
        ]);
        // Paging inside a window.
        const seen: number[] = [];
        let after: Awaited<ReturnType<Store['scan']>>['next'];
        do {
          const page = await store.scan({ limit: 1, since: T0, after });
          seen.push(...page.items.map((a) => a.key));
          after = page.next;
        } while (after);
        expect(seen).toEqual([order[0], order[1], order[3], order[4], order[5]]);
      });

      it('can skip articles that are already in a story', async () => {
        const { k, order } = await setup();
        await store.putClustering([story(1, { root: k[1] })], [{ key: k[1], story: 1, score: 1, seq: 1 }]);
        await store.putClustering([], [{ key: k[3], story: 1, score: 0.5, seq: 2 }]);
        const keys = (await store.scan({ limit: 100, unclustered: true })).items.map((a) => a.key);
        expect(keys).toEqual(order.filter((x) => x !== k[1] && x !== k[3]));
        const first = await store.scan({ limit: 2, unclustered: true });
        const rest = await store.scan({ limit: 100, unclustered: true, after: first.next });
        expect([...first.items, ...rest.items].map((a) => a.key)).toEqual(keys);
      });

      it('lists summaries in key order', async () => {
        const { k } = await setup();
        const sorted = [...k].sort((a, b) => a - b);
        const all = await store.list({ limit: 100 });
        expect(all.map((s) => s.key)).toEqual(sorted);
        expect(all[0]).not.toHaveProperty('text');
        expect(all[0]).toMatchObject({ id: 'id-1', hash: 'hash-1', words: 101 });
        expect((await store.list({ limit: 2, afterKey: sorted[1] })).map((s) => s.key)).toEqual(
          sorted.slice(2, 4),
        );
        expect(await store.list({ limit: 0 })).toEqual([]);
        const undated = all.find((s) => s.id === 'id-2');
        expect(undated?.published).toBeUndefined();
      });
    });

    describe('clustering state', () => {
      it('starts empty', async () => {
        const c = await store.clusteringCursor();
        expect(Number.isSafeInteger(c.nextStory) && c.nextStory >= 0).toBe(true);
        expect(Number.isSafeInteger(c.nextSeq) && c.nextSeq >= 0).toBe(true);
        expect(await store.storiesInWindow({})).toEqual([]);
        expect(await store.getStories([1])).toEqual([]);
      });

      it('writes and reads stories and memberships', async () => {
        const k = (
          await put(testRecord(1), testRecord(2), testRecord(3, { published: undefined }), testRecord(4))
        ).map((o) => o.key);
        const s10 = story(10, {
          root: k[0],
          size: 2,
          firstPublished: T0 + HOUR,
          lastPublished: T0 + 2 * HOUR,
        });
        const s11 = story(11, {
          root: k[2],
          size: 1,
          firstPublished: undefined,
          lastPublished: undefined,
          centroidTerms: [],
          centroidWeights: new Float32Array(0),
        });
        const members: Membership[] = [
          { key: k[0], story: 10, score: 1, seq: 5 },
          { key: k[2], story: 11, score: 1, seq: 6 },
          { key: k[1], story: 10, parent: k[0], score: 0.75, seq: 7 },
        ];
        await store.putClustering([s10, s11], members);
        expect(await store.getStories([11, 99, 10])).toEqual([s11, s10]);
        expect(await store.membershipsOf([k[1], k[3], k[0]])).toEqual([members[2], members[0]]);
        expect(await store.storyMembers([10])).toEqual([members[0], members[2]]);
        expect(await store.storyMembers([10, 11])).toEqual([members[0], members[1], members[2]]);
        const c = await store.clusteringCursor();
        expect(c.nextStory).toBeGreaterThan(11);
        expect(c.nextSeq).toBeGreaterThan(7);
        const st = await store.stats();
        expect(st.stories).toBe(2);
        expect(st.clustered).toBe(3);

        // Stories are replaced by id; a membership moves with a new write.
        const s10b = { ...s10, size: 3, centroidTerms: [5], centroidWeights: Float32Array.of(2) };
        await store.putClustering([s10b], [{ key: k[3], story: 10, parent: k[1], score: 0.5, seq: 8 }]);
        await store.putClustering([], [{ key: k[2], story: 10, score: 0.25, seq: 9 }]);
        expect(await store.getStories([10])).toEqual([s10b]);
        expect((await store.storyMembers([10])).map((m) => m.key)).toEqual([k[0], k[1], k[3], k[2]]);
        expect((await store.stats()).clustered).toBe(4);
        expect((await store.clusteringCursor()).nextSeq).toBeGreaterThan(9);
      });

      it('merges stories: members move to the survivor and the absorbed story goes', async () => {
        const k = (await put(testRecord(1), testRecord(2), testRecord(3))).map((o) => o.key);
        await store.putClustering(
          [story(1, { root: k[0] }), story(2, { root: k[1] }), story(3, { root: k[2] })],
          [
            { key: k[0], story: 1, score: 1, seq: 1 },
            { key: k[1], story: 2, score: 1, seq: 2 },
            { key: k[2], story: 3, score: 1, seq: 3 },
          ],
        );
        const s1 = story(1, { root: k[0], size: 3 });
        // A chain in one call: 2 into 3, then 3 into 1; the old root of 2 gets a parent.
        await store.putClustering(
          [s1],
          [{ key: k[1], story: 1, parent: k[0], score: 0.4, seq: 4 }],
          [
            { from: 2, into: 3 },
            { from: 3, into: 1 },
          ],
        );
        expect(await store.getStories([1, 2, 3])).toEqual([s1]);
        const ms = await store.storyMembers([1]);
        expect(ms.map((m) => m.key).sort((a, b) => a - b)).toEqual([...k].sort((a, b) => a - b));
        expect((await store.membershipsOf([k[1]]))[0].parent).toBe(k[0]);
        const st = await store.stats();
        expect(st.stories).toBe(1);
        expect(st.clustered).toBe(3);
        await expect(store.putClustering([], [], [{ from: 1, into: 1 }])).rejects.toThrow();
      });

      it('finds stories with a member inside a window, by first publication', async () => {
        const k = (
          await put(
            testRecord(1, { published: T0 }),
            testRecord(2, { published: T0 + 10 * HOUR }),
            testRecord(3, { published: T0 + 20 * HOUR }),
            testRecord(4, { published: undefined }),
            testRecord(5, { published: T0 + 30 * HOUR }),
          )
        ).map((o) => o.key);
        const a = story(1, { root: k[0], firstPublished: T0, lastPublished: T0 + 20 * HOUR });
        const b = story(2, { root: k[1], firstPublished: T0 + 10 * HOUR, lastPublished: T0 + 10 * HOUR });
        const u = story(3, { root: k[3], firstPublished: undefined, lastPublished: undefined });
        await store.putClustering(
          [b, a, u],
          [
            { key: k[0], story: 1, score: 1, seq: 1 },
            { key: k[2], story: 1, parent: k[0], score: 0.9, seq: 2 },
            { key: k[1], story: 2, score: 1, seq: 3 },
            { key: k[3], story: 3, score: 1, seq: 4 },
          ],
        );
        const ids = async (w: Parameters<Store['storiesInWindow']>[0]) =>
          (await store.storiesInWindow(w)).map((s) => s.story);
        expect(await ids({})).toEqual([3, 1, 2]);
        expect(await ids({ includeUndated: false })).toEqual([1, 2]);
        expect(await ids({ since: T0 + 5 * HOUR, includeUndated: false })).toEqual([1, 2]);
        expect(await ids({ since: T0 + 15 * HOUR, includeUndated: false })).toEqual([1]);
        expect(await ids({ since: T0 + 15 * HOUR })).toEqual([3, 1]);
        expect(await ids({ since: T0 + 5 * HOUR, until: T0 + 15 * HOUR, includeUndated: false })).toEqual([
          2,
        ]);
        expect(await ids({ since: T0 + 25 * HOUR, includeUndated: false })).toEqual([]);
        expect(await ids({ limit: 2 })).toEqual([3, 1]);
      });

      it('rejects a membership of an unknown article and writes nothing', async () => {
        const [o] = await put(testRecord(1));
        await rejectsWith(
          store.putClustering(
            [story(1, { root: o.key })],
            [
              { key: o.key, story: 1, score: 1, seq: 1 },
              { key: o.key + 1000, story: 1, score: 1, seq: 2 },
            ],
          ),
          'USAGE',
        );
        expect(await store.getStories([1])).toEqual([]);
        expect(await store.membershipsOf([o.key])).toEqual([]);
        expect((await store.stats()).stories).toBe(0);
      });

      it('drops the membership of an article whose content is updated', async () => {
        const [o] = await put(testRecord(1));
        await store.putClustering([story(1, { root: o.key })], [{ key: o.key, story: 1, score: 1, seq: 1 }]);
        await put(testRecord(2, { id: 'id-1' }));
        expect(await store.membershipsOf([o.key])).toEqual([]);
        expect((await store.getStories([1]))[0].size).toBe(0);
        expect((await store.scan({ limit: 10, unclustered: true })).items.map((a) => a.key)).toEqual([o.key]);
        expect((await store.stats()).clustered).toBe(0);
      });
    });

    describe('stats', () => {
      it('counts what is stored', async () => {
        const empty = await store.stats();
        expect(empty).toMatchObject({
          schemaVersion: STORE_SCHEMA_VERSION,
          kind: store.kind,
          location: store.location,
          articles: 0,
          bandRows: 0,
          postingRows: 0,
          terms: 0,
          stories: 0,
          clustered: 0,
          settings: TEST_SETTINGS,
        });
        expect(empty.earliest).toBeUndefined();
        expect(empty.latest).toBeUndefined();
        await put(
          testRecord(1, { published: T0 - HOUR }),
          testRecord(2, { published: undefined, bandKeys: [5, 5, 6] }),
          testRecord(3, { published: T0 + HOUR }),
        );
        const st = await store.stats();
        expect(st).toMatchObject({
          articles: 3,
          bandRows: 4 + 2 + 4,
          postingRows: 9,
          earliest: T0 - HOUR,
          latest: T0 + HOUR,
        });
        expect(st.terms).toBe(3 * 7);
        if (st.bytes !== undefined) expect(st.bytes).toBeGreaterThan(0);
      });
    });

    describe('lifecycle', () => {
      it('rejects calls after close, and closing twice is harmless', async () => {
        await close();
        await store.close();
        await rejectsWith(store.getArticles(['id-1']), 'USAGE');
        await rejectsWith(store.putArticles([testRecord(1)]), 'USAGE');
      });

      it.runIf(!!factory.reopen)('keeps everything across close and reopen', async () => {
        const [o] = await put(testRecord(1), testRecord(2, { published: undefined }));
        await store.putClustering([story(4, { root: o.key })], [{ key: o.key, story: 4, score: 1, seq: 3 }]);
        const before = await store.stats();
        const articles = await store.getArticles(['id-1', 'id-2']);
        await close();
        store = await factory.reopen!();
        open = true;
        expect(store.settings).toEqual(TEST_SETTINGS);
        expect(await store.getArticles(['id-1', 'id-2'])).toEqual(articles);
        expect({ ...(await store.stats()), bytes: 0 }).toEqual({ ...before, bytes: 0 });
        expect(await store.membershipsOf([o.key])).toEqual([{ key: o.key, story: 4, score: 1, seq: 3 }]);
        expect(await store.clusteringCursor()).toMatchObject({ nextStory: 5, nextSeq: 4 });
        expect((await put(testRecord(3)))[0].status).toBe('added');
        expect((await put(testRecord(1)))[0].status).toBe('unchanged');
      });

      it.runIf(!!factory.reopen && !!factory.setSchemaVersion)(
        'refuses a store written by a newer version, naming both versions',
        async () => {
          await put(testRecord(1));
          await close();
          await factory.setSchemaVersion!(STORE_SCHEMA_VERSION + 1);
          const err = await rejectsWith(factory.reopen!(), 'FORMAT_VERSION');
          expect(err.message).toContain(String(STORE_SCHEMA_VERSION + 1));
          expect(err.message).toContain(String(STORE_SCHEMA_VERSION));
          await factory.setSchemaVersion!(STORE_SCHEMA_VERSION);
          store = await factory.reopen!();
          open = true;
          expect((await store.getArticles(['id-1'])).length).toBe(1);
        },
      );
    });
  });
}
