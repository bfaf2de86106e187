/**
 * The stories of a clustering run for a terminal, compactly: one block per story with its
 * headline, size, sources and dates, and the derivation tree drawn with box characters.
 */
import type { StoriesResult } from '../corpus/story-types.js';
import { formatTime, termText } from './format.js';
import { dateRange, plural, resultLine, storyTitle } from './stories-text.js';
import { rootNote, storyTree, walkTree } from './story-tree.js';
import { palette } from './terminal.js';

/** Options of {@link renderStoriesTerminal}. */
export interface StoriesTerminalOptions {
  /** Use ANSI colours. Default false. */
  color?: boolean;
}

/**
 * Renders stories for a terminal, compactly: one block per story with its headline, size, sources
 * and dates, and the derivation tree drawn with box characters (the likely original at the top).
 * Text from the store cannot emit escape codes: control characters are replaced.
 *
 * @example
 * ```ts
 * const result = await corpus.cluster();
 * process.stdout.write(renderStoriesTerminal(result, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 * ```
 */
export function renderStoriesTerminal(result: StoriesResult, opts: StoriesTerminalOptions = {}): string {
  const p = palette(opts.color ?? false);
  const t = termText;
  const out: string[] = [p.dim(termText(resultLine(result)))];
  if (!result.stories.length) {
    out.push('', 'No stories found in this window.');
    return `${out.join('\n')}\n`;
  }
  result.stories.forEach((s, k) => {
    const sources = s.sources.length
      ? ` (${s.sources
          .slice(0, 6)
          .map(t)
          .join(', ')}${s.sources.length > 6 ? `, +${s.sources.length - 6}` : ''})`
      : '';
    const dates = dateRange(s);
    out.push('', `${p.bold(`STORY ${k + 1}`)}  ${p.bold(t(storyTitle(s)))}`);
    out.push(
      p.dim(
        `  ${[plural(s.size, 'version'), `${plural(s.sources.length, 'source')}${sources}`, dates ? t(dates) : 'undated'].join(' · ')}`,
      ),
    );
    walkTree(storyTree(s), (n, depth, last) => {
      const v = n.version;
      const branch =
        depth === 0
          ? ''
          : last
              .slice(1, -1)
              .map((l) => (l ? '   ' : '│  '))
              .join('') + (last[last.length - 1] ? '└─ ' : '├─ ');
      const when = formatTime(v.published);
      const bits = [
        p.bold(t(v.id)),
        when ? t(when) : p.dim('undated'),
        v.source ? t(v.source) : '',
        n.parent !== undefined ? p.dim(v.score.toFixed(2)) : '',
      ].filter(Boolean);
      const note = rootNote(s, n, depth, {
        original: `  ${p.green('← likely original')}`,
        orphan: (parent) => `  ${p.yellow(`(derives from ${t(parent)}, not in this story)`)}`,
        first: `  ${p.dim('(no earlier version found)')}`,
      });
      out.push(`  ${branch}${bits.join('  ')}${note}`);
    });
  });
  return `${out.join('\n')}\n`;
}
