import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/corpus/corpus.js';
import { ensureBuilt, ROOT } from '../helpers/build.js';
import { bulkArticle, writeBulkJsonl } from '../helpers/bulk.js';
import { BIN, run } from '../helpers/cli.js';

const NEWSROOM = join(ROOT, 'test/fixtures/newsroom/articles.jsonl');
const STORIES = join(ROOT, 'test/fixtures/stories');

let dir = '';
const db = (name = 'c.db') => join(dir, name);

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'storydiff-corpus-cli-'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('storydiff index add / stats / search / cluster / export / remove', () => {
  it('indexes JSONL and text files, is idempotent, and reports a summary', async () => {
    const r = await run(['index', 'add', NEWSROOM, STORIES, '--db', db(), '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.schema).toBe('storydiff/index-summary@1');
    expect(s.added).toBe(13);
    expect(s.failed).toBe(0);
    const again = JSON.parse((await run(['index', 'add', NEWSROOM, '--db', db(), '--json'])).stdout);
    expect(again).toMatchObject({ added: 0, unchanged: 10, duplicates: 0 });
    const stats = JSON.parse((await run(['stats', '--db', db(), '--json'])).stdout);
    expect(stats.articles).toBe(13);
    expect(stats.schemaVersion).toBe(2);
  });

  it('counts an exact copy under another id as a duplicate, and a changed text as an update', async () => {
    const rows = readFileSync(NEWSROOM, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const copy = { ...rows[0], id: 'bridge-wire-syndicated' };
    const changed = { ...rows[9], text: `${rows[9].text} Organisers plan a bigger fair next year.` };
    const f = join(dir, 'more.jsonl');
    writeFileSync(f, `${JSON.stringify(copy)}\n${JSON.stringify(changed)}\n`);
    const s = JSON.parse((await run(['index', 'add', f, '--db', db(), '--json'])).stdout);
    expect(s).toMatchObject({ added: 0, duplicates: 1, updated: 1 });
  });

  it('keeps going past bad records and names each with its line, exiting non-zero', async () => {
    const f = join(dir, 'bad.jsonl');
    writeFileSync(
      f,
      Buffer.concat([
        Buffer.from(`${JSON.stringify({ id: 'ok-1', text: bulkArticle(1) })}\n{not json\n`),
        Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
        Buffer.from(
          `${JSON.stringify({ id: 'no-text' })}\n${JSON.stringify({ id: 'ok-2', text: bulkArticle(2) })}\n`,
        ),
      ]),
    );
    const r = await run(['index', 'add', f, join(dir, 'missing.jsonl'), '--db', db('bad.db'), '--json']);
    expect(r.code).toBe(65);
    const s = JSON.parse(r.stdout);
    expect(s.added).toBe(2);
    expect(s.failed).toBe(4);
    const origins = s.failures.map((x: { origin: string }) => x.origin).join(' ');
    expect(origins).toContain('bad.jsonl:2');
    expect(origins).toContain('bad.jsonl:3');
    expect(origins).toContain('bad.jsonl:4');
    expect(origins).toContain('missing.jsonl');
  });

  it('finds the copy and the rewrite of a story and explains them', async () => {
    const r = await run(['search', 'bridge-wire', '--db', db(), '--format', 'json', '--rescore', '2']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.schema).toBe('storydiff/search@1');
    const ids = res.hits.map((h: { id: string }) => h.id);
    expect(ids).toContain('bridge-copy');
    expect(ids).toContain('bridge-rewrite');
    expect(ids).not.toContain('cheese');
    expect(ids).not.toContain('rates-wire');
    const copy = res.hits.find((h: { id: string }) => h.id === 'bridge-copy');
    expect(copy.kind).toBe('near-duplicate');
    expect(['verbatim-copy', 'edited-copy']).toContain(copy.relation);
    expect(copy.containment.queryInHit).toBeGreaterThan(0.8);
    expect(copy.derivation.direction).toBe('a->b');
  });

  it('searches with a file as the query', async () => {
    const q = join(dir, 'query.txt');
    writeFileSync(
      q,
      'Valmore City sign Dario Fenzel\n\nThe striker Dario Fenzel moved to Valmore City from Porto Lindo for a record 48 million euros. The 24-year-old scored 31 goals last season.\n',
    );
    const r = await run(['search', q, '--db', db(), '--format', 'json', '--rescore', '0']);
    const ids = JSON.parse(r.stdout).hits.map((h: { id: string }) => h.id);
    expect(ids.slice(0, 2).sort()).toEqual(['transfer-rewrite', 'transfer-wire']);
  });

  it('an unknown id or a missing store is a clear error', async () => {
    const r = await run(['search', 'no-such-id', '--db', db()]);
    expect(r.code).toBe(66);
    expect(r.stderr).toContain('no-such-id');
    const m = await run(['stats', '--db', join(dir, 'nowhere.db')]);
    expect(m.code).toBe(66);
    expect(m.stderr).toContain('nowhere.db');
    expect(existsSync(join(dir, 'nowhere.db'))).toBe(false);
  });

  it('clusters into stories with a derivation tree, in json, md and html', async () => {
    const r = await run(['cluster', '--db', db(), '--format', 'json']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.schema).toBe('storydiff/stories@1');
    const bridge = res.stories.find((s: { root: string }) => s.root === 'bridge-wire');
    expect(bridge).toBeDefined();
    const ids = bridge.versions.map((v: { id: string }) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['bridge-wire', 'bridge-copy', 'bridge-rewrite']));
    expect(ids).not.toContain('cheese');
    for (const v of bridge.versions) if (v.id !== 'bridge-wire') expect(v.parent).toBeDefined();
    // No story mixes the rates and the transfer stories.
    for (const s of res.stories) {
      const v = s.versions.map((x: { id: string }) => x.id.split('-')[0]);
      expect(
        new Set(v.filter((x: string) => ['rates', 'transfer', 'bridge'].includes(x))).size,
      ).toBeLessThanOrEqual(1);
    }
    // A second run clusters nothing new and shows the same stories.
    const again = JSON.parse((await run(['cluster', '--db', db(), '--format', 'json'])).stdout);
    expect(again.run.clustered).toBe(0);
    expect(again.stories.length).toBe(res.stories.length);
    const md = await run(['cluster', '--db', db(), '--format', 'md']);
    expect(md.stdout).toContain('bridge');
    const html = await run([
      'cluster',
      '--db',
      db(),
      '--format',
      'html',
      '--since',
      '2025-04-01',
      '--until',
      '2025-04-30',
    ]);
    expect(html.stdout).toContain('<svg');
    expect(html.stdout).toContain('bridge-wire');
    expect(html.stdout).not.toContain('rates-wire');
  });

  it('exports JSONL that index add reads back into an equal corpus', async () => {
    const out = join(dir, 'export.jsonl');
    const r = await run(['export', '--db', db(), '-o', out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(13);
    expect(lines[0].schema).toBe('storydiff/article@1');
    const s = JSON.parse((await run(['index', 'add', out, '--db', db('copy.db'), '--json'])).stdout);
    expect(s.added).toBe(13);
    const again = JSON.parse((await run(['index', 'add', out, '--db', db(), '--json'])).stdout);
    expect(again.unchanged).toBe(13);
  });

  it('an updated original rejoins its story without a cycle: no version derives from a later one', async () => {
    const rows = readFileSync(NEWSROOM, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const f = join(dir, 'update.jsonl');
    writeFileSync(
      f,
      `${JSON.stringify({ ...rows[0], text: `${rows[0].text} Divers resumed the search at noon.` })}\n`,
    );
    expect(JSON.parse((await run(['index', 'add', f, '--db', db(), '--json'])).stdout).updated).toBe(1);
    const res = JSON.parse((await run(['cluster', '--db', db(), '--format', 'json'])).stdout);
    const bridge = res.stories.find((s: { versions: { id: string }[] }) =>
      s.versions.some((v) => v.id === 'bridge-copy'),
    );
    expect(bridge.root).toBe('bridge-wire');
    const at = new Map(bridge.versions.map((v: { id: string; published: string }) => [v.id, v.published]));
    for (const v of bridge.versions) {
      if (v.parent) expect(String(at.get(v.parent)) <= String(v.published)).toBe(true);
    }
    expect(bridge.versions.find((v: { id: string }) => v.id === 'bridge-wire').depth).toBe(0);
  });

  it('a stored text file searched as a query is not its own hit', async () => {
    const p = db('files.db');
    await run(['index', 'add', STORIES, '--db', p, '--json']);
    const r = await run([
      'search',
      join(STORIES, 'port-wire.txt'),
      '--db',
      p,
      '--format',
      'json',
      '--rescore',
      '0',
    ]);
    const hits = JSON.parse(r.stdout).hits;
    expect(hits.every((h: { jaccard: number }) => h.jaccard < 0.99)).toBe(true);
  });

  it('removes articles by id', async () => {
    const r = await run(['index', 'remove', 'cheese', 'not-there', '--db', db()]);
    expect(r.code).toBe(66);
    expect(r.stderr).toContain('not-there');
    const stats = JSON.parse((await run(['stats', '--db', db(), '--json'])).stdout);
    expect(stats.articles).toBe(12);
  });

  it('compacts the index runs of a store written in small batches, and searches the same', async () => {
    const p = db('small-batches.db');
    const corpus = await openCorpus({ db: p });
    const inputs = Array.from({ length: 120 }, (_, i) => ({ id: `bulk-${i}`, text: bulkArticle(i) }));
    await corpus.add(inputs, { batchSize: 4, compact: false, threads: false });
    await corpus.close();
    const runs = () => {
      const d = new Database(p, { readonly: true });
      try {
        return d.prepare('SELECT count(*) FROM runs').pluck().get() as number;
      } finally {
        d.close();
      }
    };
    expect(runs()).toBeGreaterThan(4);
    const before = JSON.parse(
      (await run(['search', 'bulk-7', '--db', p, '-f', 'json', '--rescore', '0'])).stdout,
    );
    expect(before.hits.length).toBeGreaterThan(0);
    const r = await run(['index', 'compact', '--db', p]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/indexes compacted in/);
    expect(runs()).toBeLessThanOrEqual(4);
    const after = JSON.parse(
      (await run(['search', 'bulk-7', '--db', p, '-f', 'json', '--rescore', '0'])).stdout,
    );
    expect(after.hits).toEqual(before.hits);
    expect((await run(['index', 'compact', '--db', db('missing.db')])).code).not.toBe(0);
  });

  it('refuses a store written by a newer schema version, and leaves it alone', async () => {
    const p = db('newer.db');
    await run(['index', 'add', NEWSROOM, '--db', p, '--json']);
    const d = new Database(p);
    const row = d.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
      | { value: string }
      | undefined;
    expect(row).toBeDefined();
    d.prepare("UPDATE meta SET value = 99 WHERE key = 'schema_version'").run();
    d.close();
    const before = statSync(p).mtimeMs;
    for (const args of [['stats'], ['search', 'bridge-wire'], ['index', 'add', NEWSROOM]]) {
      const r = await run([...args, '--db', p]);
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/99/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const d2 = new Database(p, { readonly: true });
    expect(
      (d2.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: number }).value,
    ).toBe(99);
    d2.close();
    expect(statSync(p).mtimeMs).toBe(before);
  });
});

describe('usage errors', () => {
  it('a bad option value is USAGE, exit 64, with one line naming the flag', async () => {
    for (const [args, flag] of [
      [['cluster', '--threshold', '1.5'], /--threshold must be between 0 and 1, got "1.5"/],
      [['cluster', '--since', 'soon'], /--since: not a date: "soon"/],
      [['search', 'x', '--limit', '-3'], /--limit must be a whole number, got "-3"/],
      [['search', 'x', '--encoder', 'word2vec'], /unknown encoder 'word2vec'/],
      [['index', 'add', 'x', '--batch-size', '0'], /--batch-size must be a whole number ≥ 1, got "0"/],
    ] as const) {
      const r = await run([...args, '--db', db('never.db')]);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.stderr).toMatch(flag);
    }
    expect(existsSync(db('never.db'))).toBe(false);
  });
});

describe('faults', () => {
  const N = 30_000;
  const BATCH = 500;
  let big = '';
  beforeAll(() => {
    big = join(dir, 'big.jsonl');
    writeBulkJsonl(big, 0, N);
  });

  const countArticles = (p: string) => {
    const d = new Database(p, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      d.close();
    }
  };

  it('kill -9 during a large ingest, then the same ingest again: no corruption, no duplicate, no loss', async () => {
    const p = db('crash.db');
    const child = spawn(
      process.execPath,
      [BIN, 'index', 'add', big, '--db', p, '--batch-size', String(BATCH), '--no-progress'],
      {
        stdio: 'ignore',
      },
    );
    // Wait until some batches are in, then kill without warning.
    const t0 = Date.now();
    let seen = 0;
    while (Date.now() - t0 < 30_000) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        seen = existsSync(p) ? countArticles(p) : 0;
      } catch {
        seen = 0;
      }
      if (seen >= 2 * BATCH) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(seen).toBeGreaterThan(0);
    const partial = countArticles(p);
    expect(partial).toBeLessThan(N);
    // Whole batches only: a killed transaction leaves nothing behind.
    expect(partial % BATCH).toBe(0);

    const r = await run(['index', 'add', big, '--db', p, '--json', '--batch-size', String(BATCH)], {
      timeout: 120_000,
    });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.added + s.unchanged).toBe(N);
    expect(s.unchanged).toBe(partial);
    const d = new Database(p, { readonly: true });
    expect((d.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe(
      'ok',
    );
    expect((d.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n).toBe(N);
    expect((d.prepare('SELECT COUNT(DISTINCT id) AS n FROM articles').get() as { n: number }).n).toBe(N);
    d.close();
    const stats = JSON.parse((await run(['stats', '--db', p, '--json'])).stdout);
    expect(stats.articles).toBe(N);
    expect(stats.bandRows).toBe(N * stats.settings.bands);
  }, 180_000);

  it('searches while an ingest runs see whole batches only', async () => {
    const p = db('live.db');
    await run(['index', 'add', NEWSROOM, '--db', p, '--json']);
    const child = spawn(
      process.execPath,
      [BIN, 'index', 'add', big, '--db', p, '--batch-size', String(BATCH), '--no-progress'],
      {
        stdio: 'ignore',
      },
    );
    const done = new Promise((r) => child.once('exit', r));
    let exited = false;
    void done.then(() => {
      exited = true;
    });
    let checks = 0;
    while (!exited && checks < 40) {
      const r = await run(['stats', '--db', p, '--json']);
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout);
      // 10 fixture articles, then whole batches; each article has all its band rows.
      expect((s.articles - 10) % BATCH).toBe(0);
      expect(s.bandRows).toBe(s.articles * s.settings.bands);
      const q = await run(['search', 'bridge-wire', '--db', p, '--format', 'json', '--rescore', '0']);
      expect(q.code).toBe(0);
      expect(JSON.parse(q.stdout).hits.map((h: { id: string }) => h.id)).toContain('bridge-copy');
      checks++;
    }
    await done;
    expect(checks).toBeGreaterThan(0);
    expect(countArticles(p)).toBe(N + 10);
  }, 180_000);
});
