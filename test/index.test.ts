import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers/build.js';

let dir = '';
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'storydiff-entry-'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SERVER_PACKAGES = /\/node_modules\/(hono|@hono\/node-server|zod)\//;

/**
 * The packages a fresh Node process resolves while importing one built entry: a resolve hook
 * (on the loader thread) writes each resolved URL under node_modules to a file.
 */
function packagesLoadedBy(entry: string): string[] {
  const log = join(dir, `${entry.replace(/\W/g, '_')}.log`);
  writeFileSync(log, '');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.includes('/node_modules/')) appendFileSync(process.env.ENTRY_LOG, r.url + '\\n');
  return r;
}
`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  execFileSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(register).href,
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(pathToFileURL(join(ROOT, entry)).href)});`,
    ],
    { env: { ...process.env, ENTRY_LOG: log }, stdio: 'pipe', timeout: 60_000 },
  );
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('package entries', () => {
  it('the root entry loads no server code (hono, @hono/node-server, zod)', () => {
    const urls = packagesLoadedBy('dist/index.js');
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => SERVER_PACKAGES.test(u))).toEqual([]);
  });

  it('the server is the subpath storydiff/server, and loads them', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['./server']).toEqual({
      types: './dist/server/index.d.ts',
      import: './dist/server/index.js',
    });
    const urls = packagesLoadedBy('dist/server/index.js');
    expect(urls.some((u) => /\/node_modules\/hono\//.test(u))).toBe(true);
  });
});
