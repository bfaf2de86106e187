import { type ChildProcess, spawn } from 'node:child_process';

// `storydiff serve` as a child process, for the load bench and the browser tests: both need the
// built server exactly as a user starts it.

/** Starts `node <cli> serve …` (with no token in its environment) and resolves with its URL once it prints it. */
export function startServe(cli: string, argv: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.STORYDIFF_TOKEN;
    const child = spawn(process.execPath, [cli, 'serve', ...argv], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`storydiff serve printed no URL within 30 s: ${err.trim()}`));
    }, 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`storydiff serve exited (${signal ?? code}) before listening: ${err.trim()}`));
    });
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves with the exit code (or signal). */
export function stopServe(child: ChildProcess): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve(child.exitCode ?? child.signalCode);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
    child.kill('SIGTERM');
  });
}
