import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cosine } from '../../src/embed/encoder.js';
import { SHIPPED_TABLE, shippedTablePath, staticEncoder } from '../../src/embed/static.js';
import { PARAPHRASE, sharedModel } from './helpers.js';

// The shipped table is part of the checkout (data/): these tests never need ../shared.
describe('static encoder with the shipped table', () => {
  const enc = staticEncoder();

  it('records the table name and the first 12 hex digits of its SHA-256 as its version', () => {
    const sha = createHash('sha256').update(readFileSync(shippedTablePath())).digest('hex');
    expect(shippedTablePath().endsWith(SHIPPED_TABLE)).toBe(true);
    expect(enc.name).toBe(`static:use-lite-static-en-256@${sha.slice(0, 12)}`);
    expect(enc.dim).toBe(256);
    expect(enc.languages).toEqual(['en']);
    expect(enc.table.rows).toBe(30522);
  });

  it('tokenizes with the bert-base-uncased WordPiece vocabulary', () => {
    expect(enc.tokenizer.tokenize('The unbelievably overcautious councillors re-approved it.')).toEqual([
      'the',
      'un',
      '##bel',
      '##ie',
      '##va',
      '##bly',
      'over',
      '##ca',
      '##uti',
      '##ous',
      'councillors',
      're',
      '-',
      'approved',
      'it',
      '.',
    ]);
  });

  it('puts a paraphrase closer than an unrelated sentence, with unit vectors', () => {
    const [a, b, c] = enc.encodeSync([PARAPHRASE.a, PARAPHRASE.b, PARAPHRASE.unrelated]);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c) + 0.2);
    let n = 0;
    for (const x of a) n += x * x;
    expect(n).toBeCloseTo(1, 5);
  });

  it('pools by summing rows: word order does not matter, repetition does not change the direction', () => {
    const [a, b, c] = enc.encodeSync([
      'council budget schools',
      'schools budget council',
      'council budget schools council budget schools',
    ]);
    expect(cosine(a, b)).toBeCloseTo(1, 6);
    expect(cosine(a, c)).toBeCloseTo(1, 6);
  });

  it('gives an empty or punctuation-only text a zero vector (cosine 0 with anything)', async () => {
    const [e, p, x] = await enc.encode(['', '?!', PARAPHRASE.a]);
    expect(cosine(e, x)).toBe(0);
    expect(cosine(p, x)).toBe(0);
  });

  it('loads each table once per path', () => {
    expect(staticEncoder().table).toBe(enc.table);
  });
});

const refDir = sharedModel('use-lite-static-en-256');
describe.skipIf(!refDir)('static encoder over the ONNX reference table (../shared/models)', () => {
  it('reads the table out of the ONNX file and agrees with the shipped table built from npm USE-lite', () => {
    const ref = staticEncoder(refDir!);
    const ours = staticEncoder();
    expect(ref.name).toMatch(/^static:use-lite-static-en-256@[0-9a-f]{12}$/);
    const texts = [PARAPHRASE.a, PARAPHRASE.b, PARAPHRASE.unrelated];
    const r = ref.encodeSync(texts);
    const o = ours.encodeSync(texts);
    // Same recipe, independent builds: pair cosines agree to a few thousandths.
    expect(cosine(o[0], o[1])).toBeCloseTo(cosine(r[0], r[1]), 2);
    expect(cosine(o[0], o[2])).toBeCloseTo(cosine(r[0], r[2]), 2);
  });
});
if (!refDir) console.log('skipped: ../shared/models/use-lite-static-en-256 is not here');
