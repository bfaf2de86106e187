import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/compare.js';
import { compareWith, comparisonEngine } from '../../src/compare/engine.js';
import type { Comparison } from '../../src/compare/types.js';
import type { StorydiffError } from '../../src/errors.js';

const A = { text: 'The council approved the harbour budget on Monday, the mayor said.', lang: 'en' };
const B = { text: 'On Monday the harbour budget was approved by the council, said the mayor.', lang: 'en' };

describe('comparisonEngine', () => {
  it('defaults to the static encoder, as storydiff compare does, and loads it once', async () => {
    const engine = await comparisonEngine();
    expect(engine?.name).toMatch(/static/);
    expect(comparisonEngine({ encoder: 'static' })).toBe(comparisonEngine());
    expect(await comparisonEngine({ encoder: 'lexical' })).toBeNull();
  });

  it('refuses an unknown spec with USAGE, and does not keep the failure', async () => {
    const err = await comparisonEngine({ encoder: 'word2vec' }).catch((e: StorydiffError) => e);
    expect((err as StorydiffError).code).toBe('USAGE');
    const again = await comparisonEngine({ encoder: 'word2vec' }).catch((e: StorydiffError) => e);
    expect(again).not.toBe(err);
  });
});

describe('compareWith', () => {
  it('compares lexically without an engine, exactly as compare()', async () => {
    // Timings aside, which differ from run to run.
    const same = (x: Comparison) => ({ ...x, timing: undefined });
    expect(same(await compareWith(null, A, B, { id: 1 }))).toEqual(same(compare(A, B, { id: 1 })));
    expect(same(await compareWith(undefined, A, B))).toEqual(same(compare(A, B)));
  });

  it('blends the engine in when there is one', async () => {
    const cmp = await compareWith(await comparisonEngine(), A, B);
    expect(cmp.encoder).not.toBe('lexical');
    expect(cmp.encoder).toBe((await comparisonEngine())?.name);
  });
});
