import { describe, expect, it } from 'vitest';
import { openCorpus } from '../src/corpus/corpus.js';
import { parseBound } from '../src/corpus/published.js';
import {
  checkFraction,
  checkWhole,
  mustBe,
  mustBeOneOf,
  StorydiffError,
  shown,
  toStorydiffError,
  wholeNumber,
} from '../src/errors.js';

/** The error `f` throws (or the rejection of the promise it returns). */
async function caught(f: () => unknown): Promise<StorydiffError> {
  try {
    await f();
  } catch (err) {
    return err as StorydiffError;
  }
  throw new Error('expected a throw');
}

describe('the catalogue helpers', () => {
  it('word a bad field one way, naming it and the value given', () => {
    expect(mustBe('--limit', 'a whole number ≥ 1', '0').message).toBe(
      '--limit must be a whole number ≥ 1, got "0"',
    );
    expect(mustBe('threshold', 'between 0 and 1', 1.5).message).toBe(
      'threshold must be between 0 and 1, got 1.5',
    );
    expect(mustBe('x', 'set').message).toBe('x must be set');
    expect(mustBeOneOf('format', ['auto', 'text'], 'pdf').message).toBe(
      'format must be one of auto, text, got "pdf"',
    );
    expect([shown([1]), shown({}), shown(Number.NaN)]).toEqual(['an array', 'an object', 'NaN']);
    expect(wholeNumber(0, 9)).toBe('a whole number from 0 to 9');
  });

  it('are USAGE (exit 64, status 400) unless the caller says the field is input', () => {
    const e = mustBe('a', 'b', 1);
    expect(e).toBeInstanceOf(StorydiffError);
    expect([e.code, e.exitCode, e.httpStatus]).toEqual(['USAGE', 64, 400]);
    const body = mustBe('since', 'a date', 'x', { code: 'INPUT_INVALID', source: 'request body' });
    expect(body.code).toBe('INPUT_INVALID');
    expect(body.message).toBe('request body: since must be a date, got "x"');
  });

  it('check whole numbers and fractions, returning the value', () => {
    expect(checkWhole('limit', 0)).toBe(0);
    expect(checkFraction('minScore', 1)).toBe(1);
    for (const bad of [-1, 1.5, Number.NaN, '3', undefined]) {
      expect(() => checkWhole('limit', bad), String(bad)).toThrow(/^limit must be a whole number/);
    }
    expect(() => checkWhole('port', 70000, 0, 65535)).toThrow(
      'port must be a whole number from 0 to 65535, got 70000',
    );
    for (const bad of [-0.1, 1.1, Number.NaN, '0.5']) {
      expect(() => checkFraction('minScore', bad), String(bad)).toThrow(/^minScore must be between 0 and 1/);
    }
  });

  it('parseBound refuses what it cannot read as a catalogue error naming the field', () => {
    expect(parseBound('7d', { now: Date.UTC(2024, 2, 8) })).toBe(Date.UTC(2024, 2, 1));
    const e = toStorydiffError(
      (() => {
        try {
          return parseBound('soon', { field: '--since' });
        } catch (err) {
          return err;
        }
      })(),
    );
    expect(e.code).toBe('USAGE');
    expect(e.message).toMatch(/^--since: not a date: "soon"/);
  });
});

describe('library validation goes through the catalogue', () => {
  it('corpus.cluster({ threshold: 1.5 }) is USAGE (exit 64, status 400), not INTERNAL', async () => {
    const corpus = await openCorpus({ db: ':memory:' });
    try {
      for (const run of [{ threshold: 1.5 }, { windowDays: 0 }, { minSize: 0 }, { limit: -1 }]) {
        const e = toStorydiffError(await caught(() => corpus.cluster(run)));
        expect([e.code, e.exitCode, e.httpStatus], JSON.stringify(run)).toEqual(['USAGE', 64, 400]);
        expect(e.message).toMatch(new RegExp(`^${Object.keys(run)[0]} must be`));
      }
      const e = await caught(() => corpus.search({ text: 'x' }, { minScore: 2 }));
      expect(e.message).toBe('minScore must be between 0 and 1, got 2');
      expect((await caught(() => corpus.add([], { batchSize: 0 }))).code).toBe('USAGE');
    } finally {
      await corpus.close();
    }
  });
});
