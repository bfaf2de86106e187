/** The published format of `storydiff cluster`: stories, their versions over time, derivation. */

import { STORIES_SCHEMA } from '../formats.js';
import type { ArticleRef } from './types.js';

/** Identifier of the stories format (see formats.ts). */
export { STORIES_SCHEMA };

/** One version of a story. */
export interface StoryVersion extends ArticleRef {
  words: number;
  /** Id of the earlier version this one most likely derives from; absent for the story's root. */
  parent?: string;
  /**
   * How well the version fitted its story when it joined: IDF cosine with the story's centroid at
   * that moment, 0..1 (1 for the version that started the story).
   */
  score: number;
  /** Depth in the derivation tree: 0 for the root. */
  depth: number;
}

/** One story: its versions in publication order and the derivation tree over them. */
export interface Story {
  story: number;
  size: number;
  /** Headline of the earliest version that has one. */
  title?: string;
  /** Id of the earliest version: the likely original. */
  root: string;
  first?: string;
  last?: string;
  /** Distinct sources (outlets) among the versions. */
  sources: string[];
  /** Versions in publication order (undated first). */
  versions: StoryVersion[];
}

/** Result of `storydiff cluster` / `Corpus.cluster()`. */
export interface StoriesResult {
  schema: typeof STORIES_SCHEMA;
  generator: string;
  /** The window the stories were selected by (ISO 8601). */
  window: { since?: string; until?: string };
  /** What this run clustered: articles newly assigned, new stories, seconds. */
  run: { clustered: number; newStories: number; seconds: number };
  /** Stories with at least `minSize` versions, largest first. */
  stories: Story[];
  /** Stories in the window left out by `minSize` or `limit`. */
  omitted: number;
}
