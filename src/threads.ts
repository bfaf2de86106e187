/**
 * Worker threads that run from built code and from sources alike: the fingerprint worker
 * (`corpus/parallel/`) and the server's compare pool start their module through
 * {@link startModuleWorker}, which finds the `.js` file next to the caller, or under vitest and
 * tsx registers tsx in the worker first so that it can load the `.ts` file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread running the module `name` (without extension) next to the module whose
 * `import.meta.url` is `here`. Built code runs the `.js` file. Under vitest or tsx the sources are
 * `.ts`, which a plain worker cannot load, so the worker first registers tsx (a development
 * dependency) and then imports the `.ts` file.
 *
 * @example
 * ```ts
 * const worker = startModuleWorker(import.meta.url, './worker', { resourceLimits: { maxOldGenerationSizeMb: 512 } });
 * ```
 */
export function startModuleWorker(here: string, name: string, opts: WorkerOptions = {}): Worker {
  if (!here.endsWith('.ts')) return new Worker(new URL(`${name}.js`, here), opts);
  const entry = new URL(`${name}.ts`, here).href;
  const tsx = tsxApiUrl(here);
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { ...opts, eval: true });
}

/**
 * URL of tsx's ESM API. `require.resolve` would give its CommonJS build, whose `register()` does
 * not work when imported, so the ESM file is read from tsx's own export map.
 */
function tsxApiUrl(from: string): string {
  const pkgPath = createRequire(from).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports: Record<string, string | { import?: { default?: string } }>;
  };
  const entry = pkg.exports['./esm/api'];
  const file = typeof entry === 'string' ? entry : entry?.import?.default;
  if (!file) throw new Error('tsx has no ESM API (tsx/esm/api)');
  return pathToFileURL(join(dirname(pkgPath), file)).href;
}
