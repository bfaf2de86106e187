/**
 * Fingerprint settings: MinHash permutations, shingle length, LSH bands and rows, threshold and
 * seed. {@link DEFAULT_SETTINGS} explains the defaults; {@link makeSettings} completes and
 * validates partial settings, deriving bands and rows from the threshold with `lshParams`
 * (lsh.ts). A store keeps the settings it was created with (see store/types.ts).
 */

import { checkWhole } from '../errors.js';
import type { StoreSettings } from '../store/types.js';
import { usage } from '../store/validate.js';
import { lshParams } from './lsh.js';

/**
 * Default fingerprint settings. 128 permutations: the standard error of a Jaccard estimate is
 * about sqrt(J(1-J)/128) ≤ 0.044, enough to rank candidates, at 512 bytes per signature.
 * Shingles of 3 words: long enough that common phrases ("said on Tuesday") rarely make unrelated
 * articles similar, short enough that one edited word only breaks 3 shingles, so lightly edited
 * rewrites keep a high similarity. Threshold 0.4: a rewrite that keeps about 60% of its source's
 * text has a 3-shingle Jaccard near 0.4, and the key-term channel covers heavier rewording. For
 * 0.4 and 128 permutations {@link lshParams} gives 32 bands of 4 rows (all 128 values used): a
 * pair at J = 0.4 becomes a candidate with probability 0.56, at 0.6 with 0.98, at 0.1 with 0.003.
 * The bands and rows are written out here so importing the module costs no integration; a test
 * checks they equal `lshParams(0.4, 128)`.
 */
export const DEFAULT_SETTINGS: StoreSettings = Object.freeze({
  numPerm: 128,
  shingle: 3,
  bands: 32,
  rows: 4,
  threshold: 0.4,
  seed: 1,
});

/**
 * Complete, validated fingerprint settings: defaults for what `partial` leaves out, bands and
 * rows derived from the threshold and `numPerm` by {@link lshParams} unless both are given (then
 * `bands * rows <= numPerm` is checked). Invalid values throw a `USAGE` StorydiffError.
 *
 * @example
 * ```ts
 * makeSettings();                                 // => DEFAULT_SETTINGS' values
 * makeSettings({ threshold: 0.7 });               // => { …, bands: 14, rows: 9 }
 * makeSettings({ numPerm: 64, threshold: 0.5 });  // => { …, bands: 14, rows: 4 }
 * ```
 */
export function makeSettings(partial: Partial<StoreSettings> = {}): StoreSettings {
  if (partial === null || typeof partial !== 'object') throw usage('settings must be an object');
  const numPerm = checkWhole('numPerm', partial.numPerm ?? DEFAULT_SETTINGS.numPerm, 2, 4096);
  const shingle = checkWhole('shingle', partial.shingle ?? DEFAULT_SETTINGS.shingle, 1, 16);
  const seed = checkWhole('seed', partial.seed ?? DEFAULT_SETTINGS.seed, 0, 0xffffffff);
  const threshold = partial.threshold ?? DEFAULT_SETTINGS.threshold;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0 || threshold >= 1)
    throw usage(`threshold must be a number strictly between 0 and 1, got ${String(threshold)}`);
  let { bands, rows } = partial;
  if (bands === undefined && rows === undefined) {
    ({ bands, rows } = lshParams(threshold, numPerm));
  } else {
    if (bands === undefined || rows === undefined) throw usage('give both bands and rows, or neither');
    checkWhole('bands', bands, 1, numPerm);
    checkWhole('rows', rows, 1, numPerm);
    if (bands * rows > numPerm) throw usage(`bands * rows (${bands} * ${rows}) exceeds numPerm (${numPerm})`);
  }
  return { numPerm, shingle, bands, rows, threshold, seed };
}
