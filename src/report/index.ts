export { escapeHtml, type HtmlOptions, renderHtml } from './html.js';
export { renderJson } from './json.js';
export { mdEscape, renderMarkdown } from './markdown.js';
export {
  hitDerivation,
  renderSearchMarkdown,
  renderSearchTerminal,
  type SearchTerminalOptions,
} from './search.js';
export { renderStoriesHtml, STORIES_HTML_FULL, type StoriesHtmlOptions } from './stories-html.js';
export { renderStoriesMarkdown } from './stories-markdown.js';
export { renderStoriesTerminal, type StoriesTerminalOptions } from './stories-terminal.js';
export { type StoryTreeNode, storyTree } from './story-tree.js';
export { renderDiff, renderTerminal, type TerminalOptions } from './terminal.js';
