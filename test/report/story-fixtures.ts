/** Stories and clustering results for the tests of the stories formats: a port strike and a hostile one. */
import {
  STORIES_SCHEMA,
  type StoriesResult,
  type Story,
  type StoryVersion,
} from '../../src/corpus/story-types.js';

let keys = 0;
export function v(
  id: string,
  published: string | undefined,
  source: string | undefined,
  parent?: string,
  extra: Partial<StoryVersion> = {},
): StoryVersion {
  return {
    id,
    key: ++keys,
    title: `Title of ${id}`,
    url: `https://example.org/${encodeURIComponent(id)}`,
    source,
    published,
    words: 300,
    parent,
    score: parent ? 0.8 : 1,
    depth: 0,
    ...extra,
  };
}

export function story(versions: StoryVersion[], extra: Partial<Story> = {}): Story {
  const dated = versions.map((x) => x.published).filter((x): x is string => !!x);
  const root = versions.find((x) => !x.parent)?.id ?? versions[0].id;
  return {
    story: 1,
    size: versions.length,
    title: versions.find((x) => x.id === root)?.title,
    root,
    first: dated[0],
    last: dated[dated.length - 1],
    sources: [...new Set(versions.map((x) => x.source).filter((x): x is string => !!x))],
    versions,
    ...extra,
  };
}

export function result(stories: Story[], extra: Partial<StoriesResult> = {}): StoriesResult {
  return {
    schema: STORIES_SCHEMA,
    generator: 'storydiff 0.1.0',
    window: { since: '2024-03-01T00:00:00.000Z', until: '2024-03-08T00:00:00.000Z' },
    run: { clustered: 40, newStories: 3, seconds: 1.25 },
    stories,
    omitted: 2,
    ...extra,
  };
}

/** The port strike: a wire original, two rewrites of it (one undated), a rewrite of a rewrite. */
export function port(): Story {
  return story(
    [
      v('rewrite-undated', undefined, 'News A', 'wire-1'),
      v('wire-1', '2024-03-05T09:30:00.000Z', 'Example Wire'),
      v('a-1', '2024-03-05T11:00:00.000Z', 'News A', 'wire-1'),
      v('b-1', '2024-03-05T15:00:00.000Z', 'News B', 'a-1'),
      v('c-1', '2024-03-06T12:00:00.000Z', 'News C', 'wire-1'),
    ],
    { story: 17, title: 'Port strike ends' },
  );
}

/** Every field a version has, filled with markup, quotes and script URLs. */
export function hostile(): Story {
  const evil = '<script>alert(1)</script>"\'&[x](javascript:alert(2))|**b**';
  return story(
    [
      v(`${evil} root`, '2024-03-05T09:30:00Z', `"><svg onload=alert(3)> ${evil}`, undefined, {
        title: `<img src=x onerror=alert(4)> ${evil}`,
        url: 'javascript:alert(5)',
      }),
      v(`child ${evil}`, '2024-03-05T10:00:00Z', '\x1b[31mRed\x1b[0m source\nline two', `${evil} root`, {
        title: `child\r\n# heading ${evil}`,
        url: 'https://example.org/a(b)|c d<e>',
      }),
      v('orphan', 'not a date <b>', 'data:text/html,<b>', 'elsewhere <script>', { url: 'data:text/html,x' }),
    ],
    { title: `</title><script>alert(6)</script> ${evil}`, sources: [`"><svg onload=alert(3)> ${evil}`] },
  );
}
