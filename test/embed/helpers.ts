import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The shared models folder next to the checkout (../shared/models), when it exists. A user's
 * checkout has none: tests that need it are skipped with a message saying so.
 */
export const SHARED_MODELS = join(ROOT, '..', 'shared', 'models');

/** A model folder under ../shared/models, or undefined when absent. */
export function sharedModel(name: string): string | undefined {
  const dir = join(SHARED_MODELS, name);
  return existsSync(join(dir, 'onnx', 'model.onnx')) ? dir : undefined;
}

/** Invented sentences: two paraphrases and an unrelated one. */
export const PARAPHRASE = {
  a: 'The city council approved the new budget for public schools on Tuesday.',
  b: 'On Tuesday, city councillors passed the new funding plan for state schools.',
  unrelated: 'A rare orchid flowered in the botanical garden after twelve years.',
};
