import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEncoder } from '../../src/embed/registry.js';
import { modelRecipe } from '../../src/embed/transformers.js';
import { StorydiffError } from '../../src/errors.js';

async function failure(p: Promise<unknown>): Promise<StorydiffError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StorydiffError);
    return err as StorydiffError;
  }
  throw new Error('expected a failure');
}

describe('createEncoder', () => {
  it('gives no encoder for lexical', async () => {
    expect(await createEncoder('lexical')).toBeNull();
    expect(await createEncoder(' none ')).toBeNull();
  });

  it('creates the shipped static encoder, cached by text hash', async () => {
    const enc = (await createEncoder('static'))!;
    expect(enc.name).toMatch(/^static:use-lite-static-en-256@[0-9a-f]{12}$/);
    const [a, b] = await enc.encode(['Budget approved.', 'Budget approved.']);
    expect(a).toBe(b);
  });

  it('refuses unknown specs and options with a USAGE error', async () => {
    expect((await failure(createEncoder('word2vec'))).code).toBe('USAGE');
    expect((await failure(createEncoder('hf:'))).code).toBe('USAGE');
    expect((await failure(createEncoder('hf:some/model?colour=red'))).code).toBe('USAGE');
    expect((await failure(createEncoder('hf:some/model?pooling=max'))).code).toBe('USAGE');
  });

  it('with offline, refuses a hub id that is not cached and says how to provide it', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'storydiff-models-'));
    const err = await failure(
      createEncoder('hf:Xenova/paraphrase-multilingual-MiniLM-L12-v2', { offline: true, cacheDir }),
    );
    expect(err.code).toBe('RESOURCE_UNAVAILABLE');
    expect(err.exitCode).toBe(69);
    expect(err.message).toContain('Xenova/paraphrase-multilingual-MiniLM-L12-v2');
    expect(err.message).toContain('offline');
    expect(err.message).toContain(join(cacheDir, 'Xenova/paraphrase-multilingual-MiniLM-L12-v2'));
    expect(err.message).toContain('hf:/path/to/model');
  });

  it('refuses a local folder without the model files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storydiff-empty-model-'));
    const err = await failure(createEncoder(`hf:${dir}`));
    expect(err.code).toBe('RESOURCE_UNAVAILABLE');
    expect(err.message).toContain('config.json');
  });

  it('refuses a missing static table', async () => {
    expect((await failure(createEncoder('static:/nonexistent/table.sdt'))).code).toBe('RESOURCE_UNAVAILABLE');
  });
});

describe('model recipes', () => {
  it('knows the E5 prefix, BGE pooling and which families are multilingual', () => {
    expect(modelRecipe('Xenova/multilingual-e5-small')).toEqual({ pooling: 'mean', prefix: 'query: ' });
    expect(modelRecipe('Xenova/paraphrase-multilingual-MiniLM-L12-v2')).toEqual({ pooling: 'mean' });
    expect(modelRecipe('Xenova/bge-small-en-v1.5')).toEqual({ pooling: 'cls', languages: ['en'] });
    expect(modelRecipe('Xenova/all-MiniLM-L6-v2')).toEqual({ pooling: 'mean', languages: ['en'] });
    expect(modelRecipe('someone/unknown-model')).toEqual({ pooling: 'mean' });
  });

  it('lets the spec override the recipe', () => {
    expect(modelRecipe('Xenova/multilingual-e5-small', { prefix: '' })).toEqual({ pooling: 'mean' });
    expect(modelRecipe('x/y', { pooling: 'cls', languages: ['de', 'en'] })).toEqual({
      pooling: 'cls',
      languages: ['de', 'en'],
    });
  });
});
