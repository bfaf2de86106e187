/** Where the scripts find their inputs. */

import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_DATA = '../shared/eval';

/** The data directory, resolved from the current directory. */
export function dataDir(arg: string | undefined): string {
  return resolve(process.cwd(), arg ?? DEFAULT_DATA);
}

/** A path inside the data dir, or undefined (with the skip message) when absent. */
export function dataFile(dir: string, name: string): { path: string } | { skipped: string } {
  const path = join(dir, name);
  return existsSync(path) ? { path } : { skipped: `${name} not found` };
}

export interface ExamplePair {
  dir: string;
  wire: string;
  retold: string;
}

/**
 * The Berlin example pair: `--examples DIR` may point at the examples folder (holding `berlin/`)
 * or at the pair's own folder; by default `<data>/../examples/berlin`.
 */
export function examplePair(data: string, examples: string | undefined): ExamplePair | { skipped: string } {
  const candidates = examples
    ? [resolve(process.cwd(), examples), resolve(process.cwd(), examples, 'berlin')]
    : [resolve(data, '..', 'examples', 'berlin')];
  for (const dir of candidates) {
    const wire = join(dir, 'wire.txt');
    const retold = join(dir, 'retold.txt');
    if (existsSync(wire) && existsSync(retold) && statSync(wire).isFile()) return { dir, wire, retold };
  }
  return { skipped: `${join(candidates[candidates.length - 1], 'wire.txt')} not found` };
}
