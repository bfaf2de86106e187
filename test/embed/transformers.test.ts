import { describe, expect, it } from 'vitest';
import { cosine } from '../../src/embed/encoder.js';
import { createEncoder } from '../../src/embed/registry.js';
import { staticEncoder } from '../../src/embed/static.js';
import { transformersEncoder } from '../../src/embed/transformers.js';
import { PARAPHRASE, sharedModel } from './helpers.js';

const fixture = sharedModel('fixture-tiny-bow-bert');
const real = sharedModel('use-lite-static-en-256');
if (!fixture)
  console.log('skipped: ../shared/models/fixture-tiny-bow-bert is not here (transformers.js loading path)');
if (!real)
  console.log('skipped: ../shared/models/use-lite-static-en-256 is not here (transformers.js real run)');

// fixture-tiny-bow-bert has random weights: only the plumbing is tested with it.
describe.skipIf(!fixture)('transformers.js loading path (fixture-tiny-bow-bert)', () => {
  it('loads a local folder offline, names the model by its weights, and returns unit vectors', async () => {
    const enc = (await createEncoder(`hf:${fixture}`, { offline: true }))!;
    expect(enc.name).toBe('hf:fixture-tiny-bow-bert@99dc19aa27e2');
    expect(enc.dim).toBe(16);
    expect(enc.languages).toBeUndefined();
    const vs = await enc.encode(['one', 'two words', '']);
    expect(vs).toHaveLength(3);
    let n = 0;
    for (const x of vs[0]) n += x * x;
    expect(n).toBeCloseTo(1, 5);
  });

  it('gives the same vectors whatever the batch size', async () => {
    const texts = [
      'a first sentence',
      'second',
      'a much longer third sentence with more words',
      'four',
      'five',
    ];
    const one = await transformersEncoder(fixture!, { batchSize: 1 });
    const all = await transformersEncoder(fixture!, { batchSize: 64 });
    const [x, y] = [await one.encode(texts), await all.encode(texts)];
    for (let i = 0; i < texts.length; i++) expect(cosine(x[i], y[i])).toBeCloseTo(1, 5);
  });

  it('puts the configured prefix before every sentence and records it in the name', async () => {
    const plain = await transformersEncoder(fixture!);
    const prefixed = await transformersEncoder(fixture!, { prefix: 'query: ' });
    expect(prefixed.name).toMatch(/\+prefix\(query:\)$/);
    const [a] = await plain.encode(['budget vote']);
    const [b] = await prefixed.encode(['budget vote']);
    const [c] = await plain.encode(['query: budget vote']);
    expect(cosine(b, c)).toBeCloseTo(1, 5);
    expect(cosine(a, b)).toBeLessThan(0.9999);
  });
});

describe.skipIf(!real)('transformers.js real run (use-lite-static-en-256)', () => {
  it('matches the plain TypeScript static encoder over the same table', async () => {
    const hf = (await createEncoder(`hf:${real}`, { offline: true }))!;
    expect(hf.languages).toEqual(['en']);
    const st = staticEncoder(real!);
    const texts = [PARAPHRASE.a, PARAPHRASE.b, PARAPHRASE.unrelated];
    const [x, y] = [await hf.encode(texts), st.encodeSync(texts)];
    for (let i = 0; i < texts.length; i++) expect(cosine(x[i], y[i])).toBeCloseTo(1, 5);
    expect(cosine(x[0], x[1])).toBeGreaterThan(cosine(x[0], x[2]) + 0.2);
  });
});
