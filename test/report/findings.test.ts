import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/compare.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';

// Invented: a negation turned around and a period made more precise, in one retold sentence.
const A = 'Over the past few weeks the minister did not rule out new sanctions, Blinken said.';
const B = 'Over the past two weeks new sanctions had been ruled out, Blinken said.';

describe('reports show the words of every change', () => {
  const cmp = compare(A, B);
  const renders = {
    terminal: renderTerminal(cmp),
    markdown: renderMarkdown(cmp),
    html: renderHtml(cmp).replace(/&quot;|&#34;/g, '"'),
  };

  for (const [name, text] of Object.entries(renders)) {
    it(`${name}: the negated phrase on each side, and the period told differently`, () => {
      expect(text).toContain('did not rule out');
      expect(text).toContain('had been ruled out');
      expect(text).toContain('the past few weeks → the past two weeks');
    });
  }
});
