import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The files bin/storydiff and the server's workers load from the build. */
const BUILT = ['dist/index.js', 'dist/cli/main.js', 'dist/server/worker.js'].map((p) => join(ROOT, p));

function newestSource(dir: string): number {
  let newest = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    if (f.endsWith('.ts')) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ with tsc when it is missing or older than src/: tests that run bin/storydiff test
 * the build, and it must be the build of these sources.
 */
export function ensureBuilt(): void {
  const stale =
    BUILT.some((p) => !existsSync(p)) ||
    newestSource(join(ROOT, 'src')) > Math.min(...BUILT.map((p) => statSync(p).mtimeMs));
  if (!stale) return;
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } catch (err) {
    // tsc still writes its output on type errors; only a missing build is fatal.
    const out = String((err as { stdout?: Buffer }).stdout ?? err);
    if (BUILT.some((p) => !existsSync(p))) throw new Error(`build failed: ${out}`);
    console.warn(`tsc reported errors; testing the build it wrote anyway:\n${out}`);
  }
}
