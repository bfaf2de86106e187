import type { AlignmentLink } from '../../src/compare/types.js';
import { analyze } from '../../src/doc/analyze.js';
import type { Doc } from '../../src/doc/types.js';

/** Analyses an English article (paragraphs separated by blank lines). */
export const doc = (text: string, extra: { date?: string; title?: string } = {}): Doc =>
  analyze({ text, lang: 'en', ...extra });

/** Hand-made alignment links from [a, b] index pairs (type, score and diff are placeholders). */
export const links = (pairs: [number[], number[]][]): AlignmentLink[] =>
  pairs.map(([a, b]) => ({ a, b, type: 'edited', score: 0.5, moved: false, diff: [] }));

/** One link per sentence index 0..n-1, straight across. */
export const diagonal = (n: number): AlignmentLink[] =>
  links(Array.from({ length: n }, (_, i) => [[i], [i]] as [number[], number[]]));

/** Joins paragraphs with blank lines. */
export const paras = (...ps: string[]) => ps.join('\n\n');
