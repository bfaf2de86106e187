export { escapeHtml, type HtmlOptions, renderHtml } from './html.js';
export { renderJson } from './json.js';
export { mdEscape, renderMarkdown } from './markdown.js';
export { renderDiff, renderTerminal, type TerminalOptions } from './terminal.js';
