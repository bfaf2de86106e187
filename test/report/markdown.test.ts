import { describe, expect, it } from 'vitest';
import { mdEscape, renderMarkdown } from '../../src/report/markdown.js';
import { hostileComparison, portComparison } from './helpers.js';

/** Pipes that are not escaped with a backslash: the column separators of a table row. */
const cells = (row: string) => row.replace(/\\\\/g, '').split(/(?<!\\)\|/).length - 2;

describe('mdEscape', () => {
  it('escapes every character Markdown gives meaning to', () => {
    expect(mdEscape('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\)');
    expect(mdEscape('<script>')).toBe('\\<script\\>');
    expect(mdEscape('**bold** _it_ `code` # h | t ~~s~~ !img')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\# h \\| t \\~\\~s\\~\\~ \\!img',
    );
    expect(mdEscape('back\\slash')).toBe('back\\\\slash');
  });

  it('turns newlines into spaces so text cannot start a new block', () => {
    expect(mdEscape('one\n# two')).toBe('one \\# two');
  });

  it('leaves plain words alone', () => {
    expect(mdEscape('Talks resumed on Monday')).toBe('Talks resumed on Monday');
  });
});

describe('renderMarkdown', () => {
  it('has a title, a verdict and the section headings', () => {
    const md = renderMarkdown(portComparison());
    const lines = md.split('\n');
    expect(lines[0]).toBe('# storydiff: Port strike could end within days vs retold\\.txt');
    expect(md).toContain('**Verdict:** ');
    for (const h of ['## Names spelt differently', '## Quotes', '## Dimensions', '## Alignment'])
      expect(lines).toContain(h);
  });

  it('lists names spelt inconsistently within one version in their own section', () => {
    const lines = renderMarkdown(portComparison()).split('\n');
    const h = lines.indexOf('## Names spelt inconsistently within one version');
    expect(h).toBeGreaterThan(lines.indexOf('## Names spelt differently'));
    expect(lines[h + 2]).toBe('- **Marieke Vandersloot** — b: Marieke Vanderslot, Vandersloth');
  });

  it('keeps every table row to its columns', () => {
    const md = renderMarkdown(hostileComparison());
    const lines = md.split('\n');
    const check = (header: string, n: number) => {
      const start = lines.indexOf(header);
      expect(start).toBeGreaterThanOrEqual(0);
      for (let i = start; i < lines.length && lines[i].startsWith('|'); i++) expect(cells(lines[i])).toBe(n);
    };
    check('| relation | speaker | a | b |', 4);
    check('| link | type | score | diff (a → b) |', 4);
    check('| dimension | score | shared | only a | only b |', 5);
  });

  it('cannot be made to run a script or a link by the article text', () => {
    const md = renderMarkdown(hostileComparison());
    expect(md).not.toMatch(/(?<!\\)<(script|img|b)\b/i);
    expect(md).not.toMatch(/(?<!\\)\]\((?!\s)/);
    expect(md).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(javascript:/i);
    // The one-sided sentence is still there, escaped.
    expect(md).toContain(
      'Readers can visit \\<script\\>steal\\(document\\.cookie\\)\\</script\\> or \\[this page\\]\\(javascript:steal\\(\\)\\)',
    );
    // No article line can turn into a heading: headings are only the report's own.
    const headings = md.split('\n').filter((l) => /^#/.test(l));
    expect(headings.every((h) => /^# storydiff: |^## /.test(h))).toBe(true);
  });

  it('escapes titles and file names too', () => {
    const md = renderMarkdown(hostileComparison());
    expect(md.split('\n')[0]).toBe('# storydiff: \\[evil\\]\\(javascript:alert\\(0\\)\\) title vs b\\.txt');
  });
});
