import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newsroomArticles, testCorpusDb } from './corpus-db.js';
import { comparisonProblems, expectError, post, ROOT, SMALL_A, SMALL_B } from './helpers.js';

// `bin/storydiff` runs the build in dist/ (CI builds before testing), so these tests also check that
// the worker thread loads from dist/server/worker.js, not only from the sources under vitest.
const BIN = join(ROOT, 'bin/storydiff');
const built = existsSync(join(ROOT, 'dist/server/worker.js'));

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // The runner's own settings must not leak in: a token, or a corpus that turns the corpus API on.
  for (const k of ['STORYDIFF_TOKEN', 'STORYDIFF_DB', 'STORYDIFF_DATABASE_URL'])
    if (!(k in extra)) delete e[k];
  return e;
}

/** Runs `storydiff serve …` until it prints its URL (or exits first). */
function serve(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; url?: string; code?: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, env: env(extraEnv) });
    let out = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`storydiff serve did not start: ${stderr}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stderr });
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ child, code, stderr });
    });
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill(signal);
  });
}

describe.skipIf(!built)('storydiff serve (built CLI)', () => {
  it('serves the API with worker threads from dist/ and stops cleanly on SIGTERM', async () => {
    const s = await serve(['--port', '0', '--max-concurrent', '1']);
    expect(s.url, s.stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    try {
      const res = await post(`${s.url}api/v1/compare`, { a: { text: SMALL_A }, b: { text: SMALL_B } });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      expect(comparisonProblems(JSON.parse(text))).toBe('');
    } finally {
      expect(await stop(s.child)).toBe(0);
    }
  }, 60_000);

  it('takes --encoder as compare does: lexical here, a bad spec is exit 64 before listening', async () => {
    const s = await serve(['--port', '0', '--max-concurrent', '1', '--encoder', 'lexical']);
    try {
      const res = await post(`${s.url}api/v1/compare`, { a: { text: SMALL_A }, b: { text: SMALL_B } });
      expect(((await res.json()) as { encoder: string }).encoder).toBe('lexical');
    } finally {
      expect(await stop(s.child)).toBe(0);
    }
    const bad = await serve(['--port', '0', '--encoder', 'word2vec']);
    expect(bad.url).toBeUndefined();
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/unknown encoder 'word2vec'/);
  }, 60_000);

  it('stops on SIGINT too', async () => {
    const s = await serve(['--port', '0', '--max-concurrent', '1']);
    expect(s.url, s.stderr).toBeDefined();
    const code = await stop(s.child, 'SIGINT');
    expect(code, s.stderr + String(s.child.signalCode)).toBe(0);
  }, 30_000);

  it('takes the token from STORYDIFF_TOKEN', async () => {
    const s = await serve(['--port', '0', '--max-concurrent', '1'], {
      STORYDIFF_TOKEN: 'from-the-environment',
    });
    try {
      await expectError(await post(`${s.url}api/v1/compare`, {}), 401, 'UNAUTHORIZED');
      const ok = await post(
        `${s.url}api/v1/compare`,
        { a: { text: SMALL_A }, b: { text: SMALL_B } },
        { Authorization: 'Bearer from-the-environment' },
      );
      expect(ok.status).toBe(200);
    } finally {
      await stop(s.child);
    }
  }, 60_000);

  it('refuses to listen on 0.0.0.0 without a token, with exit code 64', async () => {
    const s = await serve(['--host', '0.0.0.0', '--port', '0']);
    expect(s.url).toBeUndefined();
    expect(s.code).toBe(64);
    expect(s.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without a token/);
    expect(s.stderr).toMatch(/--token/);
  });

  it('rejects bad numbers with exit code 64', async () => {
    for (const args of [
      ['--port', 'eighty'],
      ['--port', '70000'],
      ['--max-concurrent', '0'],
    ]) {
      const s = await serve(args);
      expect(s.code, args.join(' ')).toBe(64);
      expect(s.stderr).toMatch(/storydiff: /);
    }
  });

  it('serves a corpus with --db: add, then stats; stops cleanly on SIGTERM', async () => {
    const store = await testCorpusDb();
    try {
      const s = await serve(['--db', store.db, '--port', '0', '--max-concurrent', '1']);
      expect(s.url, s.stderr).toBeDefined();
      try {
        expect(s.stderr).toMatch(/corpus API on (sqlite|postgres) store/);
        const add = await post(`${s.url}api/v1/corpus/articles`, { articles: newsroomArticles() });
        expect(((await add.json()) as { added: number }).added).toBe(10);
        const res = await fetch(`${s.url}api/v1/corpus/stats`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ schema: 'storydiff/stats@1', articles: 10 });
      } finally {
        expect(await stop(s.child)).toBe(0);
      }
    } finally {
      await store.cleanup();
    }
  }, 60_000);

  it('takes the corpus from STORYDIFF_DB, and --no-db turns it off', async () => {
    const store = await testCorpusDb('sqlite');
    try {
      const on = await serve(['--port', '0', '--max-concurrent', '1'], { STORYDIFF_DB: store.db });
      try {
        expect((await fetch(`${on.url}api/v1/corpus/stats`)).status).toBe(200);
      } finally {
        await stop(on.child);
      }
      const off = await serve(['--no-db', '--port', '0', '--max-concurrent', '1'], {
        STORYDIFF_DB: store.db,
      });
      try {
        await expectError(await fetch(`${off.url}api/v1/corpus/stats`), 404, 'NO_CORPUS');
      } finally {
        await stop(off.child);
      }
    } finally {
      await store.cleanup();
    }
  }, 60_000);

  it("stops before listening when --db cannot be opened, with the store's exit code", async () => {
    const s = await serve(['--db', ROOT, '--port', '0']);
    expect(s.url).toBeUndefined();
    expect(s.code).toBe(64);
    expect(s.stderr).toMatch(/is a directory/);
    const url = await serve(['--db', 'mysql://db/news', '--port', '0']);
    expect(url.code).toBe(64);
    expect(url.stderr).toMatch(/unsupported store URL scheme/);
  });

  it('reports a port in use with the catalogue exit code', async () => {
    const first = await serve(['--port', '0', '--max-concurrent', '1']);
    try {
      const port = new URL(first.url!).port;
      const second = await serve(['--port', port]);
      expect(second.code).toBe(69);
      expect(second.stderr).toMatch(/already in use/);
    } finally {
      await stop(first.child);
    }
  }, 30_000);
});
