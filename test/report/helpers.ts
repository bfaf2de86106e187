import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compare } from '../../src/compare/compare.js';
import type { Comparison } from '../../src/compare/types.js';

export const story = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/stories/${name}`, import.meta.url)), 'utf8');

let cached: Comparison | undefined;
/** The wire story against its retelling: names, quotes, changes and one-sided sentences. */
export function portComparison(): Comparison {
  cached ??= compare(
    { text: story('port-wire.txt'), source: 'wire.txt', title: 'Port strike could end within days' },
    { text: story('port-retold.txt'), source: 'retold.txt' },
  );
  return cached;
}

/** An article full of text that would be markup if pasted raw into Markdown or HTML. */
export const HOSTILE_A = [
  'The council met on <script>alert("pwned")</script> Monday to discuss the harbour budget.',
  'Residents were told to [click here](javascript:alert(1)) for the full plan, the mayor said.',
  '"We will | not | pay," said Helga Marstrand, calling it a **scandal** and a `disgrace`.',
  '# Breaking: taxes rise by 40 percent in the district, officials said.',
].join('\n\n');

export const HOSTILE_B = [
  'The council met on <script>alert("pwned")</script> Tuesday to discuss the harbour budget.',
  'Residents were told to [click here](javascript:alert(2)) for the whole plan, the mayor said.',
  '"We will | never | pay," said Helga Marstrand, calling it a **scandal** and a `disgrace`.',
  '<img src=x onerror=alert(3)> Taxes rise by 45 percent in the district, officials said.',
  'Readers can visit <script>steal(document.cookie)</script> or [this page](javascript:steal()) for <b>details</b>.',
].join('\n\n');

export const hostileComparison = (): Comparison =>
  compare(
    { text: HOSTILE_A, source: 'a <b>bold</b>.txt', title: '[evil](javascript:alert(0)) title' },
    { text: HOSTILE_B, source: 'b.txt' },
  );
