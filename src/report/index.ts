export { escapeHtml, type HtmlOptions, renderHtml } from './html.js';
export { renderJson } from './json.js';
export { mdEscape, renderMarkdown } from './markdown.js';
export {
  hitDerivation,
  renderSearchMarkdown,
  renderSearchTerminal,
  type SearchTerminalOptions,
} from './search.js';
export {
  renderStoriesHtml,
  renderStoriesMarkdown,
  renderStoriesTerminal,
  STORIES_HTML_FULL,
  type StoriesHtmlOptions,
  type StoriesTerminalOptions,
  type StoryTreeNode,
  storyTree,
} from './stories.js';
export { renderDiff, renderTerminal, type TerminalOptions } from './terminal.js';
