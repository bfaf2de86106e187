import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { StorydiffError } from '../../src/errors.js';

/** Runs `fn` and returns the StorydiffError it throws (failing the test if it throws anything else). */
export async function caught(fn: () => unknown): Promise<StorydiffError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StorydiffError);
    return err as StorydiffError;
  }
  throw new Error('expected a StorydiffError, but nothing was thrown');
}

/** A fresh temporary folder and a function that removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'storydiff-ingest-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const FIXTURES = new URL('../fixtures/ingest/', import.meta.url).pathname;
