import { describe, expect, it } from 'vitest';
import { renderStoriesTerminal } from '../../src/report/stories-terminal.js';
import { hostile, port, result } from './story-fixtures.js';

describe('renderStoriesTerminal', () => {
  it('draws one block per story with the tree in box characters', () => {
    const out = renderStoriesTerminal(result([port()]));
    const lines = out.split('\n');
    expect(lines[0]).toContain('1 story');
    expect(lines[0]).toContain('2 more left out');
    expect(lines[0]).toContain('2024-03-01 → 2024-03-08');
    expect(out).toContain('STORY 1  Port strike ends');
    expect(out).toContain('5 versions · 4 sources (News A, Example Wire, News B, News C)');
    expect(out).toContain('2024-03-05 09:30 → 2024-03-06 12:00 (27 h)');
    const tree = lines.slice(lines.findIndex((l) => l.includes('wire-1')));
    expect(tree.slice(0, 5).map((l) => l.trimEnd())).toEqual([
      '  wire-1  2024-03-05 09:30  Example Wire  ← likely original',
      '  ├─ rewrite-undated  undated  News A  0.80',
      '  ├─ a-1  2024-03-05 11:00  News A  0.80',
      '  │  └─ b-1  2024-03-05 15:00  News B  0.80',
      '  └─ c-1  2024-03-06 12:00  News C  0.80',
    ]);
  });

  it('colours only when asked, and text from the store cannot emit escape codes', () => {
    const plain = renderStoriesTerminal(result([hostile()]));
    expect(plain).not.toContain('\x1b');
    expect(plain).toContain('(derives from elsewhere <script>, not in this story)');
    const coloured = renderStoriesTerminal(result([hostile()]), { color: true });
    const opens = (coloured.match(/\x1b\[(1|2|3[1-6])m/g) ?? []).length;
    const closes = (coloured.match(/\x1b\[(22|39)m/g) ?? []).length;
    expect(opens).toBeGreaterThan(0);
    expect(opens).toBe(closes);
    expect(coloured).not.toContain('\x1b[0m');
    // A newline in a source does not start a new line of output.
    expect(plain.split('\n').some((l) => l.startsWith('line two'))).toBe(false);
  });

  it('says when there are no stories', () => {
    expect(renderStoriesTerminal(result([]))).toContain('No stories found in this window.');
  });
});
