import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobToF32, blobToInts, blobToU32, intsToBlob, UNDATED, unionInto } from '../../src/store/codec.js';
import * as storeIndex from '../../src/store/index.js';
import { blockCapacity } from '../../src/store/runs.js';
import {
  openSqliteStore,
  SQLITE_SCHEMA_V1,
  type SqliteStore,
  type SqliteStoreOptions,
} from '../../src/store/sqlite.js';
import { type ArticleRecord, STORE_SCHEMA_VERSION, type Store } from '../../src/store/types.js';
import {
  describeStoreConformance,
  HOUR,
  rejectsWith,
  type StoreFactory,
  T0,
  TEST_SETTINGS,
  testRecord,
} from './conformance.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SQLITE_MODULE = fileURLToPath(new URL('../../src/store/sqlite.ts', import.meta.url));

/** A factory of file stores in a fresh temporary directory (in a subdirectory that does not exist yet). */
function fileFactory(extra: Partial<SqliteStoreOptions> = {}): StoreFactory {
  let dir: string | undefined;
  let path = '';
  return {
    async open(settings) {
      dir = mkdtempSync(join(tmpdir(), 'storydiff-store-'));
      path = join(dir, 'nested', 'corpus.db');
      return openSqliteStore({ path, settings, ...extra });
    },
    reopen: () => openSqliteStore({ path, ...extra }),
    async setSchemaVersion(version) {
      const db = new Database(path);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(version);
      db.close();
    },
    async cleanup() {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

describeStoreConformance('sqlite (:memory:)', {
  open: (settings) => openSqliteStore({ path: ':memory:', settings }),
  cleanup: async () => {},
});
describeStoreConformance('sqlite (file)', fileFactory());
// Tiny blocks and a merge at every second run, so the suite covers multi-block runs and merges.
describeStoreConformance(
  'sqlite (file, 3-entry blocks, fanout 2)',
  fileFactory({ fanout: 2, blockEntries: 3 }),
);

/** Runs a TypeScript script in a child process; resolves when it prints `ready`. */
function child(
  dir: string,
  name: string,
  source: string,
): { proc: ChildProcess; ready: Promise<void>; done: Promise<number>; output: () => string } {
  const file = join(dir, name);
  writeFileSync(file, source);
  const proc = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${err}`)));
  });
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<number>((resolve, reject) =>
    proc.on('exit', (code) =>
      code === 0 ? resolve(code) : reject(new Error(`child failed (${code}): ${err}`)),
    ),
  );
  // Awaited by the caller; handled here too so a failure before that is not reported twice.
  ready.catch(() => {});
  done.catch(() => {});
  return { proc, ready, done, output: () => out };
}

describe('sqlite store', () => {
  let dir: string;
  const opened: Store[] = [];
  const open = async (opts: SqliteStoreOptions): Promise<SqliteStore> => {
    const s = await openSqliteStore(opts);
    opened.push(s);
    return s;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storydiff-sqlite-'));
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('opening', () => {
    it('creates the file and its directories, and reports the path', async () => {
      const path = join(dir, 'a', 'b', 'corpus.db');
      const s = await open({ path, settings: TEST_SETTINGS });
      expect(existsSync(path)).toBe(true);
      expect(s.kind).toBe('sqlite');
      expect(s.location).toBe(path);
      expect(s.readonly).toBe(false);
      const st = await s.stats();
      expect(st.schemaVersion).toBe(STORE_SCHEMA_VERSION);
      expect(st.bytes).toBeGreaterThan(0);
    });

    it('needs settings to create a store, and creates nothing without them', async () => {
      const path = join(dir, 'x', 'corpus.db');
      const err = await rejectsWith(openSqliteStore({ path }), 'USAGE');
      expect(err.message).toContain(path);
      expect(existsSync(join(dir, 'x'))).toBe(false);
    });

    it('refuses bad settings and options', async () => {
      const path = join(dir, 'corpus.db');
      await rejectsWith(openSqliteStore({ path, settings: { ...TEST_SETTINGS, bands: 0 } }), 'USAGE');
      await rejectsWith(openSqliteStore({ path, settings: { ...TEST_SETTINGS, threshold: 2 } }), 'USAGE');
      await rejectsWith(openSqliteStore({ path, settings: TEST_SETTINGS, fanout: 1 }), 'USAGE');
      await rejectsWith(openSqliteStore({ path, settings: TEST_SETTINGS, blockEntries: 0 }), 'USAGE');
      await rejectsWith(openSqliteStore({ path: '' }), 'USAGE');
      expect(existsSync(path)).toBe(false);
    });

    it('keeps the settings a store was created with', async () => {
      const path = join(dir, 'corpus.db');
      await (await openSqliteStore({ path, settings: TEST_SETTINGS })).close();
      const s = await open({ path, settings: { ...TEST_SETTINGS, numPerm: 256, bands: 64 } });
      expect(s.settings).toEqual(TEST_SETTINGS);
      expect((await s.stats()).settings).toEqual(TEST_SETTINGS);
    });

    it('refuses a directory, and a missing file when read-only', async () => {
      await rejectsWith(openSqliteStore({ path: dir, settings: TEST_SETTINGS }), 'USAGE');
      const missing = join(dir, 'missing.db');
      const err = await rejectsWith(openSqliteStore({ path: missing, readonly: true }), 'INPUT_NOT_FOUND');
      expect(err.message).toContain(missing);
      expect(existsSync(missing)).toBe(false);
      await rejectsWith(openSqliteStore({ path: ':memory:', readonly: true }), 'USAGE');
    });

    it('refuses a file that is not a SQLite database, naming it, and leaves it alone', async () => {
      const path = join(dir, 'notes.db');
      const bytes = Buffer.from('These are my notes, not a database.\n'.repeat(200));
      writeFileSync(path, bytes);
      const err = await rejectsWith(openSqliteStore({ path, settings: TEST_SETTINGS }), 'INPUT_INVALID');
      expect(err.message).toContain(path);
      expect(err.message).toMatch(/not a SQLite database/);
      expect(readFileSync(path).equals(bytes)).toBe(true);
      await rejectsWith(openSqliteStore({ path, readonly: true }), 'INPUT_INVALID');
    });

    it("refuses another application's SQLite database and leaves it alone", async () => {
      const path = join(dir, 'other.db');
      const db = new Database(path);
      db.exec('CREATE TABLE things (x); INSERT INTO things VALUES (1)');
      db.close();
      const bytes = readFileSync(path);
      const err = await rejectsWith(openSqliteStore({ path, settings: TEST_SETTINGS }), 'INPUT_INVALID');
      expect(err.message).toContain(path);
      expect(err.message).toContain('things');
      expect(readFileSync(path).equals(bytes)).toBe(true);
    });

    it('refuses a newer store without modifying it', async () => {
      const path = join(dir, 'corpus.db');
      const s = await openSqliteStore({ path, settings: TEST_SETTINGS });
      await s.putArticles([testRecord(1)]);
      await s.close();
      const db = new Database(path);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(STORE_SCHEMA_VERSION + 7);
      db.close();
      const bytes = readFileSync(path);
      for (const readonly of [false, true]) {
        const err = await rejectsWith(openSqliteStore({ path, readonly }), 'FORMAT_VERSION');
        expect(err.message).toContain(path);
        expect(err.message).toContain(`version ${STORE_SCHEMA_VERSION + 7}`);
        expect(err.message).toContain(`version ${STORE_SCHEMA_VERSION}`);
      }
      expect(readFileSync(path).equals(bytes)).toBe(true);
    });

    it('creates a store with 64 KiB pages and index blocks sized as for 16 KiB; an older store keeps its pages', async () => {
      const records = Array.from({ length: 400 }, (_, i) =>
        testRecord(i + 1, { bandKeys: [i % 7, 100 + (i % 11)], keyTerms: [i % 5, 50] }),
      );
      const largest = (path: string) => {
        const db = new Database(path, { readonly: true });
        try {
          return {
            page: db.pragma('page_size', { simple: true }),
            n: db.prepare('SELECT max(n) FROM blocks').pluck().get(),
          };
        } finally {
          db.close();
        }
      };
      const fresh = join(dir, 'fresh.db');
      const s = await open({ path: fresh, settings: TEST_SETTINGS });
      await s.putArticles(records);
      await s.compact();
      await s.close();
      // 800 band entries in one run: blocks fill to the 16 KiB capacity, not the 64 KiB one.
      expect(largest(fresh)).toEqual({ page: 65536, n: blockCapacity(16384, 2) });

      // A store from before the change: created, then rewritten with 16 KiB pages.
      const old = join(dir, 'old.db');
      await (await openSqliteStore({ path: old, settings: TEST_SETTINGS })).close();
      const db = new Database(old);
      db.pragma('journal_mode = DELETE');
      db.pragma('page_size = 16384');
      db.exec('VACUUM');
      db.close();
      const t = await open({ path: old });
      await t.putArticles(records);
      expect((await t.findByBands([3], { limit: 1000 })).length).toBe(
        records.filter((r) => r.bandKeys.includes(3)).length,
      );
      await t.compact();
      await t.close();
      expect(largest(old)).toEqual({ page: 16384, n: blockCapacity(16384, 2) });
    });

    it('initialises an empty file', async () => {
      const path = join(dir, 'empty.db');
      writeFileSync(path, '');
      await rejectsWith(openSqliteStore({ path, readonly: true }), 'INPUT_INVALID');
      await rejectsWith(openSqliteStore({ path }), 'USAGE');
      const s = await open({ path, settings: TEST_SETTINGS });
      expect((await s.putArticles([testRecord(1)]))[0].status).toBe('added');
    });

    it('is reachable through the store index, which loads SQLite lazily', async () => {
      const s = await storeIndex.openSqliteStore({ path: ':memory:', settings: TEST_SETTINGS });
      opened.push(s);
      expect(s.kind).toBe('sqlite');
      expect(storeIndex.UNDATED).toBe(UNDATED);
      expect(storeIndex.STORE_SCHEMA_VERSION).toBe(STORE_SCHEMA_VERSION);
      const viaOpen = await storeIndex.openStore(':memory:', { settings: TEST_SETTINGS });
      opened.push(viaOpen);
      expect(viaOpen.kind).toBe('sqlite');
    });
  });

  describe('read-only', () => {
    it('reads while another connection writes, and refuses writes', async () => {
      const path = join(dir, 'corpus.db');
      const w = await open({ path, settings: TEST_SETTINGS });
      await w.putArticles([testRecord(1)]);
      const r = await open({ path, readonly: true });
      expect(r.readonly).toBe(true);
      expect(r.settings).toEqual(TEST_SETTINGS);
      expect((await r.getArticles(['id-1'])).length).toBe(1);
      await w.putArticles([testRecord(2)]);
      expect((await r.stats()).articles).toBe(2);
      await rejectsWith(r.putArticles([testRecord(3)]), 'USAGE');
      await rejectsWith(r.removeArticles(['id-1']), 'USAGE');
      await rejectsWith(r.putClustering([], [{ key: 1, story: 1, score: 1, seq: 1 }]), 'USAGE');
      await rejectsWith(r.compact(), 'USAGE');
      await r.close();
      expect((await w.stats()).articles).toBe(2);
    });
  });

  describe('scan cursor', () => {
    it('uses UNDATED as the position of an undated article', async () => {
      const s = await open({ path: ':memory:', settings: TEST_SETTINGS });
      await s.putArticles([testRecord(1, { published: undefined }), testRecord(2)]);
      const page = await s.scan({ limit: 1 });
      expect(page.next).toEqual({ published: UNDATED, key: page.items[0].key });
      await rejectsWith(s.putArticles([testRecord(3, { published: UNDATED })]), 'INPUT_INVALID');
    });
  });

  describe('index tiers', () => {
    /** Records sharing band keys and terms at random, so queries have many candidates. */
    function mixed(n: number, rnd: () => number): ArticleRecord {
      const pick = (k: number, m: number) => [
        ...new Set(Array.from({ length: k }, () => Math.floor(rnd() * m))),
      ];
      const vectorTerms = pick(6, 40).sort((a, b) => a - b);
      return testRecord(n, {
        bandKeys: pick(4, 60),
        keyTerms: pick(5, 30).sort((a, b) => a - b),
        vectorTerms,
        vectorWeights: Float32Array.from(vectorTerms, () => 1),
        published: rnd() < 0.2 ? undefined : T0 + Math.floor(rnd() * 100) * HOUR,
      });
    }

    async function snapshot(s: Store) {
      const out: unknown[] = [];
      for (let q = 0; q < 60; q += 7) {
        out.push(await s.findByBands([q, q + 1, q + 2], { limit: 1000 }));
        const hits = await s.findByTerms([q % 30, (q + 3) % 30], {
          perTermLimit: 5,
          since: T0 + 10 * HOUR,
          until: T0 + 80 * HOUR,
        });
        out.push(hits.map((h) => ({ key: h.key, terms: [...h.terms].sort((a, b) => a - b) })));
        out.push(await s.findByTerms([q % 30], { perTermLimit: 1000 }));
      }
      out.push(await s.termFrequencies(Array.from({ length: 40 }, (_, i) => i)));
      const { bytes: _bytes, location: _location, ...stats } = await s.stats();
      out.push(stats);
      return out;
    }

    it('answer the same whatever the block size and merge policy', async () => {
      let seed = 12345;
      const rnd = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const stores = [
        await open({ path: join(dir, 'default.db'), settings: TEST_SETTINGS }),
        await open({
          path: join(dir, 'unmerged.db'),
          settings: TEST_SETTINGS,
          fanout: 1000,
          blockEntries: 2,
        }),
        await open({ path: join(dir, 'mixed.db'), settings: TEST_SETTINGS, fanout: 3, blockEntries: 3 }),
        await open({ path: ':memory:', settings: TEST_SETTINGS, fanout: 2, blockEntries: 5 }),
      ];
      let n = 0;
      for (let step = 0; step < 12; step++) {
        const batch = Array.from({ length: 15 }, () => mixed(n++, rnd));
        // Some updates of earlier articles, and some removals.
        if (step > 2) batch.push(mixed(n++, rnd), { ...mixed(n++, rnd), id: `id-${step * 3}` });
        const outs = [];
        for (const s of stores) outs.push(await s.putArticles(batch));
        for (const o of outs.slice(1)) expect(o).toEqual(outs[0]);
        if (step % 4 === 3) {
          const gone = [`id-${step}`, `id-${step * 2 + 1}`];
          const removed = [];
          for (const s of stores) removed.push(await s.removeArticles(gone));
          for (const x of removed.slice(1)) expect(x).toEqual(removed[0]);
        }
        const snaps = [];
        for (const s of stores) snaps.push(await snapshot(s));
        for (const x of snaps.slice(1)) expect(x).toEqual(snaps[0]);
      }
      await stores[1].compact();
      await stores[2].compact();
      expect(await snapshot(stores[1])).toEqual(await snapshot(stores[0]));
      expect(await snapshot(stores[2])).toEqual(await snapshot(stores[0]));
    });

    it('migrates a version-1 store (index rows in a main and a delta tier) to runs', async () => {
      let seed = 777;
      const rnd = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const records = Array.from({ length: 40 }, (_, i) => mixed(i, rnd));
      const path = join(dir, 'v1.db');
      const db = new Database(path);
      db.pragma('page_size = 16384');
      db.pragma('journal_mode = WAL');
      db.exec(SQLITE_SCHEMA_V1);
      const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      const df = new Map<number, number>();
      let bandRows = 0;
      let postingRows = 0;
      const blob = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      records.forEach((r, i) => {
        const key = i + 1;
        const published = r.published ?? UNDATED;
        db.prepare(
          `INSERT INTO articles (key, id, hash, published, words, added_at, title, url, source, lang, origin, minhash,
            band_keys, key_terms, vector_terms, vector_weights, text) VALUES (${Array(17).fill('?').join(', ')})`,
        ).run(
          key,
          r.id,
          r.hash,
          published,
          r.words,
          T0,
          r.title,
          r.url,
          r.source,
          r.lang,
          r.origin,
          blob(r.minhash),
          blob(intsToBlob(r.bandKeys)),
          blob(intsToBlob(r.keyTerms)),
          blob(intsToBlob(r.vectorTerms)),
          blob(r.vectorWeights),
          r.text,
        );
        // Half the articles in the main tier, half in two delta segments.
        const seg = i % 2 === 0 ? 0 : 1 + (i % 4 === 1 ? 1 : 0);
        for (const k of new Set(r.bandKeys)) {
          if (seg) db.prepare('INSERT INTO bands_delta VALUES (?, ?, ?)').run(seg, k, key);
          else db.prepare('INSERT INTO bands VALUES (?, ?)').run(k, key);
          bandRows++;
        }
        for (const t of new Set(r.keyTerms)) {
          if (seg) db.prepare('INSERT INTO postings_delta VALUES (?, ?, ?, ?)').run(seg, t, published, key);
          else db.prepare('INSERT INTO postings VALUES (?, ?, ?)').run(t, published, key);
          postingRows++;
        }
        for (const t of new Set([...r.keyTerms, ...r.vectorTerms])) df.set(t, (df.get(t) ?? 0) + 1);
      });
      db.exec('INSERT INTO segments VALUES (1, 0), (2, 0)');
      for (const [t, n] of df) db.prepare('INSERT INTO df VALUES (?, ?)').run(t, n);
      meta.run('settings', JSON.stringify(TEST_SETTINGS));
      meta.run('created_at', T0);
      const counters = {
        articles: 40,
        band_rows: bandRows,
        posting_rows: postingRows,
        stories: 0,
        clustered: 0,
      };
      for (const [k, v] of Object.entries({ ...counters, next_key: 41, next_story: 1, next_seq: 1 }))
        meta.run(k, v);
      meta.run('schema_version', 1);
      db.close();

      const migrated = await open({ path });
      const fresh = await open({ path: ':memory:', settings: TEST_SETTINGS });
      await fresh.putArticles(records);
      expect((await migrated.stats()).schemaVersion).toBe(STORE_SCHEMA_VERSION);
      expect(await snapshot(migrated)).toEqual(await snapshot(fresh));
      // The old tables are gone, and the migrated store takes writes and removals like any other.
      const check = new Database(path, { readonly: true });
      const tables = check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
      check.close();
      expect(tables).toEqual(expect.arrayContaining(['runs', 'blocks']));
      expect(tables).not.toContain('bands_delta');
      const more = [mixed(40, rnd), { ...mixed(41, rnd), id: 'id-3' }];
      for (const s of [migrated, fresh]) {
        await s.putArticles(more);
        await s.removeArticles(['id-5', 'id-6']);
      }
      expect(await snapshot(migrated)).toEqual(await snapshot(fresh));
    });
  });

  describe('transactions', () => {
    it('rolls a batch back when a write fails half way', async () => {
      const path = join(dir, 'corpus.db');
      const s = await open({ path, settings: TEST_SETTINGS });
      await s.putArticles([testRecord(1)]);
      const before = await s.stats();
      // A trigger (from another connection) makes the index write of one record fail.
      const db = new Database(path);
      // (The articles are written first, so the index write is the failing half.)
      db.exec(`CREATE TRIGGER boom BEFORE INSERT ON blocks WHEN (SELECT count(*) FROM articles) >= 3
               BEGIN SELECT RAISE(ABORT, 'boom'); END`);
      const batch = [testRecord(2), testRecord(3, { keyTerms: [31337] })];
      await expect(s.putArticles(batch)).rejects.toThrow(/boom/);
      expect(await s.getArticles(['id-2', 'id-3'])).toEqual([]);
      const after = await s.stats();
      expect({ ...after, bytes: 0 }).toEqual({ ...before, bytes: 0 });
      db.exec('DROP TRIGGER boom');
      db.close();
      expect((await s.putArticles(batch)).map((o) => o.status)).toEqual(['added', 'added']);
    });

    it('waits for another process that holds the write lock', async () => {
      const path = join(dir, 'corpus.db');
      const s = await open({ path, settings: TEST_SETTINGS });
      const driver = fileURLToPath(import.meta.resolve('better-sqlite3'));
      const locker = child(
        dir,
        'locker.mts',
        `import { createRequire } from 'node:module';
         const Database = createRequire(${JSON.stringify(driver)})(${JSON.stringify(driver)});
         const db = new Database(${JSON.stringify(path)});
         db.exec('BEGIN IMMEDIATE');
         console.log('ready');
         setTimeout(() => { db.exec('COMMIT'); console.log('released ' + Date.now()); db.close(); }, 800);`,
      );
      await locker.ready;
      const start = Date.now();
      expect((await s.putArticles([testRecord(1)]))[0].status).toBe('added');
      const end = Date.now();
      await locker.done;
      const released = Number(/released (\d+)/.exec(locker.output())?.[1]);
      expect(Number.isFinite(released)).toBe(true);
      // Started while the lock was held (the usual case): the write must have waited for it.
      if (start < released) expect(end).toBeGreaterThanOrEqual(released);
    });

    it('gives readers a consistent snapshot while another process writes', async () => {
      const path = join(dir, 'corpus.db');
      const w = await openSqliteStore({ path, settings: TEST_SETTINGS });
      await w.putArticles([testRecord(0, { keyTerms: [777] })]);
      await w.close();
      const writer = child(
        dir,
        'writer.mts',
        `import { openSqliteStore } from ${JSON.stringify(SQLITE_MODULE)};
         const store = await openSqliteStore({ path: ${JSON.stringify(path)}, fanout: 3, blockEntries: 4 });
         console.log('ready');
         let n = 1;
         for (let b = 0; b < 60; b++) {
           const batch = [];
           for (let i = 0; i < 25; i++, n++) {
             batch.push({
               id: 'w' + n, hash: 'wh' + n, text: 'text ' + n, words: 2, published: ${T0} + n,
               minhash: new Uint32Array(${TEST_SETTINGS.numPerm}), bandKeys: [n * 4, n * 4 + 1, n * 4 + 2, n * 4 + 3],
               keyTerms: [777, 100000 + n], vectorTerms: [777, -n], vectorWeights: Float32Array.of(1, 1),
             });
           }
           await store.putArticles(batch);
           if (b % 10 === 9) await store.removeArticles(['w' + (n - 3)]);
         }
         await store.close();`,
      );
      const r = await open({ path, readonly: true });
      await writer.ready;
      let finished = false;
      writer.done.then(
        () => {
          finished = true;
        },
        () => {
          finished = true;
        },
      );
      let checks = 0;
      let seen = 0;
      while (!finished || checks < 5) {
        // Every article holds term 777: its df and the article count come from one snapshot.
        const { df, total } = await r.termFrequencies([777]);
        expect(df.get(777)).toBe(total);
        const st = await r.stats();
        expect(st.bandRows).toBe(4 * st.articles);
        expect(st.postingRows).toBe(2 * st.articles - 1);
        seen = Math.max(seen, total);
        checks++;
        await new Promise((res) => setTimeout(res, 2));
      }
      await writer.done;
      expect(seen).toBeGreaterThan(1);
      expect((await r.stats()).articles).toBe(1 + 60 * 25 - 6);
    });
  });

  describe('lifecycle', () => {
    it('checkpoints the WAL on close', async () => {
      const path = join(dir, 'corpus.db');
      const s = await openSqliteStore({ path, settings: TEST_SETTINGS });
      await s.putArticles(Array.from({ length: 50 }, (_, i) => testRecord(i)));
      await s.close();
      const wal = `${path}-wal`;
      expect(!existsSync(wal) || readFileSync(wal).length === 0).toBe(true);
      const again = await open({ path });
      expect((await again.stats()).articles).toBe(50);
    });

    it('hands checkpoints to a thread during a bulk ingest, and closes with everything in the file', async () => {
      const path = join(dir, 'corpus.db');
      const s = await openSqliteStore({ path, settings: TEST_SETTINGS });
      for (let b = 0; b < 5; b++) {
        await s.putArticles(Array.from({ length: 500 }, (_, i) => testRecord(b * 500 + i)));
      }
      // Past 2,000 articles the writer's own automatic checkpoint is only a backstop: 512 MiB of WAL.
      const raw = (s as unknown as { db: Database.Database }).db;
      expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(8192);
      await s.close();
      const wal = `${path}-wal`;
      expect(!existsSync(wal) || readFileSync(wal).length === 0).toBe(true);
      const again = await open({ path });
      expect((await again.stats()).articles).toBe(2500);
      expect(await again.findByBands(testRecord(2499).bandKeys, { limit: 5 })).toContainEqual({
        key: 2500,
        hits: 4,
      });
    });

    it('validates method arguments', async () => {
      const s = await open({ path: ':memory:', settings: TEST_SETTINGS });
      await rejectsWith(s.findByBands([1.5], { limit: 1 }), 'USAGE');
      await rejectsWith(s.findByBands([1], { limit: -1 }), 'USAGE');
      await rejectsWith(s.findByTerms([1], { perTermLimit: 1, since: Number.NaN }), 'USAGE');
      await rejectsWith(s.scan({ limit: 1, after: { published: 1.5, key: 1 } }), 'USAGE');
      await rejectsWith(s.getArticles([1 as unknown as string]), 'USAGE');
      await rejectsWith(
        s.putClustering(
          [{ story: 1, root: 1, size: 1, centroidTerms: [1], centroidWeights: new Float32Array(2) }],
          [],
        ),
        'USAGE',
      );
      await rejectsWith(s.putArticles('nope' as unknown as ArticleRecord[]), 'USAGE');
    });
  });
});

describe('store codec', () => {
  it('decodes BLOBs at any byte offset', () => {
    const ints = [0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 123_456_789_012];
    const bytes = new Uint8Array((intsToBlob(ints) as Float64Array).buffer);
    for (const shift of [0, 1, 3, 4, 8]) {
      const slab = Buffer.alloc(bytes.length + shift);
      slab.set(bytes, shift);
      expect(blobToInts(slab.subarray(shift))).toEqual(ints);
    }
    const u = Buffer.alloc(9);
    u.writeUInt32LE(0xffffffff, 1);
    u.writeUInt32LE(7, 5);
    expect(blobToU32(u.subarray(1))).toEqual(Uint32Array.of(0xffffffff, 7));
    const f = Buffer.alloc(5);
    f.writeFloatLE(0.5, 1);
    expect(blobToF32(f.subarray(1))).toEqual(Float32Array.of(0.5));
    expect(() => blobToInts(Buffer.alloc(7))).toThrow(/corrupt/);
  });

  it('writes the distinct union of two term lists', () => {
    const out = new Float64Array(10);
    expect(unionInto([1, 3, 5], [2, 3, 6], out, 0)).toBe(5);
    expect([...out.subarray(0, 5)]).toEqual([1, 2, 3, 5, 6]);
    // Unsorted or repeated input goes through a Set.
    const n = unionInto([5, 1, 5], [1, 9], out, 2);
    expect(n).toBe(5);
    expect([...out.subarray(2, 5)].sort((a, b) => a - b)).toEqual([1, 5, 9]);
  });
});
