import { errorMessage } from './format.js';

/**
 * Loads the storydiff library from source, so that a broken or missing build gives one clear
 * message and exit code 70 instead of a stack trace.
 */
export async function loadLibrary(): Promise<typeof import('../../src/index.js')> {
  try {
    return await import('../../src/index.js');
  } catch (err) {
    console.error(`cannot load the storydiff library (src/index.ts): ${errorMessage(err)}`);
    process.exit(70);
  }
}
