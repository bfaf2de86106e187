import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/store/checkpointer.js';

describe('startCheckpointer', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storydiff-ckpt-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the WAL into the database file from its own thread while the writer keeps it open', async () => {
    const path = join(dir, 'x.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // The writer never checkpoints by itself: only the thread can move the pages.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x BLOB)');
    const before = statSync(path).size;
    const put = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 500; i++) put.run(Buffer.alloc(4000, i));
    })();
    expect(statSync(path).size).toBe(before);
    const cp = startCheckpointer(path, 20);
    const deadline = Date.now() + 10_000;
    while (statSync(path).size < 1_000_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(statSync(path).size).toBeGreaterThan(1_000_000);
    expect(cp.alive).toBe(true);
    await cp.stop();
    expect(cp.alive).toBe(false);
    // The writer is unaffected and its data whole.
    put.run(Buffer.alloc(10));
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(501);
    db.close();
  });

  it('reports a database it cannot open as not alive, without throwing', async () => {
    const cp = startCheckpointer(join(dir, 'missing.db'), 20);
    const deadline = Date.now() + 10_000;
    while (cp.alive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(cp.alive).toBe(false);
    await cp.stop();
  });
});
