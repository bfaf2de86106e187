/**
 * The CLI's shared flags and the parsers of their values: each parser turns the text after a flag
 * into the value the library takes, or throws the catalogue's USAGE error naming the flag (exit
 * 64), worded as the library words the same option (see `mustBe` in errors.ts). Flags that several
 * commands take (`--encoder`, `--offline`) are defined once here, so they read and default alike.
 */
import { Option } from 'commander';
import { parseBound } from '../corpus/published.js';
import { DEFAULT_ENCODER } from '../embed/registry.js';
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

/**
 * `--encoder <spec>`: the sentence encoder of the comparisons a command runs (`compare`, the
 * rescoring of `search`, the comparisons of `serve`), default {@link DEFAULT_ENCODER}.
 *
 * @example
 * ```ts
 * new Command('compare').addOption(encoderOption()).addOption(offlineOption());
 * ```
 */
export const encoderOption = (what = 'sentence encoder') =>
  new Option(
    '--encoder <spec>',
    `${what}: lexical, static, static:<file>, use-lite, hf:<model id or folder>`,
  ).default(DEFAULT_ENCODER);

/** `--offline`: never download a model; goes with {@link encoderOption}. */
export const offlineOption = () =>
  new Option('--offline', 'never download a model (hf: models must be in the cache or a folder)');
