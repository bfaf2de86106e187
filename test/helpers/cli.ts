import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './build.js';

/** The CLI entry point the tests run (the build, see ensureBuilt). */
export const BIN = join(ROOT, 'bin/storydiff');

/** What a CLI run returned. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/storydiff ...args`, optionally feeding stdin, and never waits forever. */
export function run(
  args: string[],
  opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeout?: number; cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = opts.env ?? withoutColorVars();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env,
      timeout: opts.timeout ?? 20_000,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal) reject(new Error(`storydiff ${args.join(' ')} was killed by ${signal} (hung?)`));
      else
        resolve({
          code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
    });
    child.stdin.on('error', () => undefined);
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** The test runner's environment minus anything that switches colours on or off. */
export function withoutColorVars(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}
