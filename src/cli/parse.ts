/**
 * Parsers of the CLI's flag values, shared by every command: each turns the text after a flag
 * into the value the library takes, or throws the catalogue's USAGE error naming the flag (exit
 * 64), worded as the library words the same option (see `mustBe` in errors.ts).
 */
import { parseBound } from '../corpus/published.js';
import { mustBe, wholeNumber } from '../errors.js';

/**
 * A whole-number flag (digits only) of at least `min`.
 *
 * @example
 * ```ts
 * new Command('x').option('--limit <n>', 'most hits', wholeFlag('--limit'), 10);
 * wholeFlag('--batch-size', 1)('0'); // throws USAGE: --batch-size must be a whole number ≥ 1, got "0"
 * ```
 */
export const wholeFlag =
  (flag: string, min = 0) =>
  (v: string): number => {
    const n = /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min) throw mustBe(flag, wholeNumber(min), v);
    return n;
  };

/**
 * A flag holding a number from 0 to 1.
 *
 * @example
 * ```ts
 * fractionFlag('--min-score')('0.3'); // 0.3
 * fractionFlag('--threshold')('1.5'); // throws USAGE: --threshold must be between 0 and 1, got "1.5"
 * ```
 */
export const fractionFlag =
  (flag: string) =>
  (v: string): number => {
    const n = Number(v);
    if (!v.trim() || !(n >= 0 && n <= 1)) throw mustBe(flag, 'between 0 and 1', v);
    return n;
  };

/**
 * A `--since`/`--until` flag: a date, a date-time or a span before now such as `7d`.
 *
 * @example
 * ```ts
 * boundFlag('--since')('2024-03-01'); // 1709251200000
 * ```
 */
export const boundFlag =
  (flag: string) =>
  (v: string): number =>
    parseBound(v, { field: flag });
