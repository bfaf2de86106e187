/**
 * The wording the three stories formats share: a story's headline, its first → last dates with
 * the span between them, and the one line that sums up a clustering result. Each format passes
 * its own escaping; the only text from the input these lines carry is an unreadable time, shown
 * as it was given.
 */
import { parsePublished } from '../corpus/published.js';
import type { StoriesResult, Story } from '../corpus/story-types.js';
import { type Esc, same, timeText } from './format.js';

/**
 * A count with its noun: `1 story`, `3 stories`.
 *
 * @example
 * ```ts
 * plural(3, 'new story', 'new stories'); // '3 new stories'
 * ```
 */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A duration for people: `45 min`, `5 h`, `3 days`. */
function duration(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 90) return `${min} min`;
  const h = Math.round(ms / 3_600_000);
  if (h < 48) return `${h} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

/**
 * A story's headline: its own title, else the first version's title, else its root's id.
 *
 * @example
 * ```ts
 * storyTitle(story); // 'Port strike ends'
 * ```
 */
export const storyTitle = (s: Story) =>
  s.title ?? s.versions.find((v) => v.title)?.title ?? s.root ?? 'Untitled story';

/**
 * `first → last`, with the span between them; empty when neither is known.
 *
 * @example
 * ```ts
 * dateRange(story); // '2024-03-05 09:30 → 2024-03-06 12:00 (27 h)'
 * ```
 */
export function dateRange(s: Story, e: Esc = same): string {
  const first = timeText(s.first, e);
  const last = timeText(s.last, e);
  if (!first && !last) return '';
  if (!first || !last || first === last) return (first ?? last)!;
  const a = parsePublished(s.first);
  const b = parsePublished(s.last);
  const span = a !== undefined && b !== undefined && b > a ? ` (${duration(b - a)})` : '';
  return `${first} → ${last}${span}`;
}

function windowText(r: StoriesResult, e: Esc): string {
  const since = timeText(r.window?.since, e);
  const until = timeText(r.window?.until, e);
  if (!since && !until) return 'all dates';
  return `${since ?? 'the start'} → ${until ?? 'now'}`;
}

function runText(r: StoriesResult): string {
  return `this run clustered ${plural(r.run.clustered, 'article')} into ${plural(r.run.newStories, 'new story', 'new stories')} in ${r.run.seconds.toFixed(1)} s`;
}

/**
 * The result in one line; `e` escapes the only text that comes from the input (unreadable times).
 *
 * @example
 * ```ts
 * resultLine(result); // '2 stories · window: all dates · this run clustered 40 articles into 3 new stories in 1.3 s'
 * ```
 */
export function resultLine(r: StoriesResult, e: Esc = same): string {
  return [
    plural(r.stories.length, 'story', 'stories'),
    r.omitted ? `${r.omitted} more left out (below the minimum size or over the limit)` : '',
    `window: ${windowText(r, e)}`,
    runText(r),
  ]
    .filter(Boolean)
    .join(' · ');
}
