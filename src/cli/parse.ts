/**
 * The CLI's shared flags and the parsers of their values: each parser turns the text after a flag
 * into the value the library takes, or throws the catalogue's USAGE error naming the flag (exit
 * 64), worded as the library words the same option (see `mustBe` in errors.ts). Flags that several
 * commands take (`--encoder`, `--offline`, `--db`) are defined once here, and the store a `--db`
 * names is resolved here, so they read and default alike.
 */
import { Option } from 'commander';
import { DEFAULT_DB_PATH } from '../corpus/corpus.js';
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

/** Environment variable naming the corpus store when `--db` is absent. */
export const DB_ENV = 'STORYDIFF_DB';
/** Environment variable with a PostgreSQL URL; it wins over {@link DB_ENV} when both are set. */
export const DATABASE_URL_ENV = 'STORYDIFF_DATABASE_URL';

/**
 * `--db <path|url>`: the corpus store of a command (`serve` says what it does with it).
 *
 * @example
 * ```ts
 * new Command('stats').addOption(dbOption());
 * ```
 */
export const dbOption = (
  description = `corpus store: a SQLite file or a postgres:// URL (default: $${DATABASE_URL_ENV}, $${DB_ENV} or ${DEFAULT_DB_PATH})`,
) => new Option('--db <path|url>', description);

/**
 * The store a command uses, resolved here once for every command: `--db`, else
 * `$STORYDIFF_DATABASE_URL`, else `$STORYDIFF_DB`, else the embedded default, or undefined with
 * `fallback: false` (a server without a corpus).
 *
 * @example
 * ```ts
 * resolveDb(undefined); // => '.storydiff/corpus.db' when neither variable is set
 * ```
 */
export function resolveDb(flag: string | undefined, fallback?: true): string;
export function resolveDb(flag: string | undefined, fallback: false): string | undefined;
export function resolveDb(flag: string | undefined, fallback = true): string | undefined {
  return (
    flag || process.env[DATABASE_URL_ENV] || process.env[DB_ENV] || (fallback ? DEFAULT_DB_PATH : undefined)
  );
}
