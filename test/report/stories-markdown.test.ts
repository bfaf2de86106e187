import { describe, expect, it } from 'vitest';
import { renderStoriesMarkdown } from '../../src/report/stories-markdown.js';
import { hostile, port, result, story, v } from './story-fixtures.js';

/** Pipes that are not escaped with a backslash: the column separators of a table row. */
const cells = (row: string) => row.replace(/\\\\/g, '').split(/(?<!\\)\|/).length - 2;

describe('renderStoriesMarkdown', () => {
  it('has a heading, a table in publication order and the tree per story', () => {
    const md = renderStoriesMarkdown(result([port(), story([v('solo', undefined, undefined)])]));
    expect(md.startsWith('# storydiff stories\n')).toBe(true);
    expect(md).toContain('## 1\\. Port strike ends');
    expect(md).toContain('## 2\\. Title of solo');
    expect(md).toContain(
      '**5 versions** · 4 sources: News A, Example Wire, News B, News C · 2024-03-05 09:30 → 2024-03-06 12:00 (27 h) · story 17',
    );
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.slice(0, 5).map((r) => r.split(' | ')[2])).toEqual([
      'rewrite\\-undated',
      'wire\\-1 **(likely original)**',
      'a\\-1',
      'b\\-1',
      'c\\-1',
    ]);
    for (const r of rows) expect(cells(r)).toBe(7);
    expect(rows[0]).toContain('| undated |');
    expect(rows[1]).toContain('| 2024-03-05 09:30 |');
    expect(rows[1]).toContain('[Title of wire\\-1](https://example.org/wire-1)');
    const tree = md.split('**Derivation**')[1].split('\n\n')[1].split('\n');
    expect(tree).toEqual([
      '- **wire\\-1** · 2024-03-05 09:30 · Example Wire — likely original',
      '  - **rewrite\\-undated** · undated · News A · score 0.80',
      '  - **a\\-1** · 2024-03-05 11:00 · News A · score 0.80',
      '    - **b\\-1** · 2024-03-05 15:00 · News B · score 0.80',
      '  - **c\\-1** · 2024-03-06 12:00 · News C · score 0.80',
    ]);
  });

  it('escapes everything from the store and links only http(s) URLs', () => {
    const md = renderStoriesMarkdown(result([hostile()]));
    expect(md).not.toMatch(/(?<!\\)<(script|img|svg|b)\b/i);
    expect(md).not.toMatch(/\]\((javascript|data):/i);
    expect(md).not.toMatch(/(?<!\\)\[x\\?\]/);
    // Line breaks in titles do not start blocks.
    expect(md).not.toMatch(/^# heading/m);
    expect(md).not.toContain('\r');
    for (const r of md.split('\n').filter((l) => /^\| \d+ \|/.test(l))) expect(cells(r)).toBe(7);
    // The one http URL is a link, with the characters that would end it or split the row encoded.
    expect(md).toContain('](https://example.org/a%28b%29%7Cc%20d%3Ce%3E)');
    // The others are shown as escaped text.
    expect(md).toContain('(url: javascript:alert\\(5\\))');
    expect(md).toContain('| not a date \\<b\\> |');
  });

  it('says when there are no stories', () => {
    expect(renderStoriesMarkdown(result([]))).toContain('**No stories found in this window.**');
  });
});
