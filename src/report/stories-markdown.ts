/**
 * The stories of a clustering run as GitHub-flavoured Markdown: per story a heading, a table of
 * its versions in publication order and the derivation tree as an indented list. Everything from
 * the store is escaped; only http(s) URLs become links.
 */
import type { StoriesResult } from '../corpus/story-types.js';
import { md, mdTitleLink, timeText } from './format.js';
import { dateRange, plural, resultLine, storyTitle } from './stories-text.js';
import { rootNote, storyTree, walkTree } from './story-tree.js';

/**
 * Renders stories as GitHub-flavoured Markdown: a heading per story (headline, size, sources,
 * first → last dates), a table of its versions in publication order and the derivation tree as an
 * indented list, root first. All text from the store is escaped.
 *
 * @example
 * ```ts
 * fs.writeFileSync('stories.md', renderStoriesMarkdown(await corpus.cluster({ minSize: 3 })));
 * ```
 */
export function renderStoriesMarkdown(result: StoriesResult): string {
  const o: string[] = ['# storydiff stories', '', resultLine(result, md), ''];
  if (!result.stories.length) {
    o.push('**No stories found in this window.**', '');
    return o.join('\n');
  }
  result.stories.forEach((s, k) => {
    const dates = dateRange(s, md);
    o.push(`## ${k + 1}\\. ${md(storyTitle(s))}`, '');
    o.push(
      [
        `**${plural(s.size, 'version')}**`,
        `${plural(s.sources.length, 'source')}${s.sources.length ? `: ${s.sources.map(md).join(', ')}` : ''}`,
        dates || 'undated',
        `story ${s.story}`,
      ].join(' · '),
      '',
    );
    o.push('| # | published | id | source | title | parent | score |', '|---|---|---|---|---|---|---|');
    s.versions.forEach((v, i) => {
      const root = v.id === s.root ? ' **(likely original)**' : '';
      o.push(
        `| ${i + 1} | ${timeText(v.published, md) ?? 'undated'} | ${md(v.id)}${root} | ${md(v.source ?? '')} | ${mdTitleLink(v.title, v.url)} | ${md(v.parent ?? '')} | ${v.score.toFixed(2)} |`,
      );
    });
    o.push('', '**Derivation**', '');
    walkTree(storyTree(s), (n, depth) => {
      const v = n.version;
      const bits = [
        `**${md(v.id)}**`,
        timeText(v.published, md) ?? 'undated',
        v.source ? md(v.source) : '',
        n.parent !== undefined ? `score ${v.score.toFixed(2)}` : '',
      ].filter(Boolean);
      const note = rootNote(s, n, depth, {
        original: ' — likely original',
        orphan: (parent) => ` — derives from ${md(parent)}, not in this story`,
        first: ' — no earlier version found',
      });
      o.push(`${'  '.repeat(depth)}- ${bits.join(' · ')}${note}`);
    });
    o.push('');
  });
  return o.join('\n');
}
