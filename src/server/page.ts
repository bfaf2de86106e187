/**
 * The start page: a form to paste or drop two versions, with constant inline CSS and script (so
 * their CSP hashes are constant too).
 */
import { escapeHtml } from '../report/html.js';
import { VERSION } from '../version.js';
import { inlineHashes, pageCsp } from './csp.js';

/** Stylesheet of the start page. Constant, so its CSP hash is too. System fonts: no requests. */
const CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#8c959f;--card:#f6f8fa;
--accent:#0550ae;--err:#a40e26;--err-bg:#ffebe9;--focus:#0969da;--drop:#eaf2ff}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--fg:#e6e8eb;--muted:#a4adb6;--line:#6e7781;
--card:#171d24;--accent:#79b8ff;--err:#ffb4ab;--err-bg:#4d1a1a;--focus:#79b8ff;--drop:#0f2645}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .25rem;font-size:1.6rem}
.lead{margin:0 0 1.25rem;color:var(--muted);max-width:70ch}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1.25rem}
@media (max-width:800px){.sides{grid-template-columns:1fr}}
fieldset{border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0;min-width:0;background:var(--card)}
fieldset.over{background:var(--drop);border-style:dashed;border-color:var(--accent)}
legend{font-weight:700;padding:0 .4rem}
legend span{font-weight:400;color:var(--muted)}
label{display:block;font-weight:600;margin:.6rem 0 .25rem}
textarea,input,select,button{font:inherit;color:inherit}
textarea{width:100%;min-height:16rem;resize:vertical;padding:.5rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem}
input[type=text],input[type=password],select{width:100%;padding:.4rem .5rem;border:1px solid var(--line);border-radius:6px;background:var(--bg)}
input[type=file]{max-width:100%}
.hint{margin:.3rem 0 0;color:var(--muted);font-size:.88rem}
.meta{display:grid;grid-template-columns:1fr 1fr;gap:0 1rem}
.actions{display:flex;flex-wrap:wrap;align-items:end;gap:1rem;margin-top:1.25rem}
.actions .token{flex:0 1 22rem}
button{padding:.6rem 1.6rem;border:0;border-radius:6px;background:var(--accent);color:var(--bg);font-weight:700;cursor:pointer}
button[disabled]{opacity:.6;cursor:progress}
#status{min-height:1.5em;margin:.75rem 0 0}
.error{margin:.75rem 0 0;padding:.6rem .8rem;border-left:4px solid var(--err);background:var(--err-bg);color:var(--err);white-space:pre-wrap}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
a{color:var(--accent)}
`;

/**
 * Script of the start page. Constant (settings come from data attributes), so its CSP hash is
 * too. Article text only ever goes into `value` and `textContent`, never into markup.
 */
const SCRIPT = `
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $('form');
  const maxBytes = Number(form.dataset.maxBytes);
  const maxChars = Number(form.dataset.maxChars);
  const status = $('status');
  const error = $('error');
  const go = $('go');
  const token = $('token');
  const names = { a: 'A', b: 'B' };

  const showError = (msg, focus) => {
    error.textContent = msg;
    error.hidden = false;
    status.textContent = '';
    if (focus) focus.focus();
  };
  const clearError = () => {
    error.hidden = true;
    error.textContent = '';
  };
  const size = (n) => (n < 1024 ? n + ' bytes' : n < 1048576 ? (n / 1024).toFixed(1) + ' KiB' : (n / 1048576).toFixed(1) + ' MiB');
  const looksHtml = (s) => {
    const t = s.trimStart();
    return /^<(!doctype html|html|head|body)[\\s>]/i.test(t) || (t.startsWith('<') && /<\\/[a-z][a-z0-9]*\\s*>/i.test(t));
  };

  const readFile = (file) =>
    new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result));
      r.onerror = () => reject(r.error || new Error('the file could not be read'));
      r.readAsText(file);
    });

  const load = async (side, file) => {
    clearError();
    if (file.size > maxBytes) {
      showError('Version ' + names[side] + ': ' + file.name + ' is ' + size(file.size) + ', over this server\\'s limit of ' + size(maxBytes) + '.');
      return;
    }
    try {
      const text = await readFile(file);
      $(side + '-text').value = text;
      const html = /\\.x?html?$/i.test(file.name) || file.type === 'text/html';
      $(side + '-kind').value = html ? 'html' : /\\.(txt|text|md)$/i.test(file.name) || file.type === 'text/plain' ? 'text' : 'auto';
      status.textContent = 'Version ' + names[side] + ': loaded ' + file.name + ' (' + size(file.size) + ').';
    } catch (err) {
      showError('Version ' + names[side] + ': ' + file.name + ' could not be read (' + err.message + ').');
    }
  };

  for (const side of ['a', 'b']) {
    const input = $(side + '-file');
    input.addEventListener('change', () => {
      if (input.files && input.files[0]) load(side, input.files[0]);
    });
  }

  // Dropping two files anywhere fills A and B in order; one file fills the version it lands on.
  const sideOf = (target) => {
    const set = target instanceof Element ? target.closest('fieldset') : null;
    return set && set.dataset.side;
  };
  let over = null;
  const mark = (set) => {
    if (over && over !== set) over.classList.remove('over');
    over = set;
    if (set) set.classList.add('over');
  };
  document.addEventListener('dragover', (ev) => {
    if (!ev.dataTransfer || !Array.from(ev.dataTransfer.types).includes('Files')) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = 'copy';
    mark(ev.target instanceof Element ? ev.target.closest('fieldset') : null);
  });
  document.addEventListener('dragleave', (ev) => {
    if (ev.target === document.documentElement || ev.relatedTarget === null) mark(null);
  });
  document.addEventListener('drop', (ev) => {
    const files = ev.dataTransfer ? Array.from(ev.dataTransfer.files) : [];
    if (!files.length) return;
    ev.preventDefault();
    mark(null);
    if (files.length >= 2) {
      load('a', files[0]);
      load('b', files[1]);
      return;
    }
    const side = sideOf(ev.target) || ($('a-text').value.trim() ? 'b' : 'a');
    load(side, files[0]);
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearError();
    const body = {};
    for (const side of ['a', 'b']) {
      const area = $(side + '-text');
      const value = area.value;
      if (!value.trim()) return showError('Version ' + names[side] + ' is empty: paste an article or choose a file.', area);
      if (value.length > maxChars) {
        return showError('Version ' + names[side] + ' has ' + value.length + ' characters, over this server\\'s limit of ' + maxChars + '.', area);
      }
      const chosen = $(side + '-kind').value;
      const kind = chosen === 'auto' ? (looksHtml(value) ? 'html' : 'text') : chosen;
      const entry = {};
      entry[kind] = value;
      const title = $(side + '-title').value.trim();
      if (title) entry.title = title;
      body[side] = entry;
    }
    const json = JSON.stringify(body);
    const bytes = new Blob([json]).size;
    if (bytes > maxBytes) return showError('Together the two versions are ' + size(bytes) + ', over this server\\'s limit of ' + size(maxBytes) + '.');
    const headers = { 'Content-Type': 'application/json' };
    const t = token.value.trim();
    if (t) headers.Authorization = 'Bearer ' + t;
    go.disabled = true;
    form.setAttribute('aria-busy', 'true');
    status.textContent = 'Comparing…';
    try {
      const res = await fetch('/api/v1/reports', { method: 'POST', headers, body: json, cache: 'no-store' });
      let data = null;
      try {
        data = await res.json();
      } catch {
        data = null;
      }
      if (!res.ok) {
        const e = data && data.error;
        const retry = res.headers.get('Retry-After');
        const msg = (e ? e.message + ' (' + e.code + ')' : 'The server answered ' + res.status + '.') + (retry ? ' Try again in ' + retry + ' s.' : '');
        return showError(msg, res.status === 401 ? token : null);
      }
      if (!data || typeof data.url !== 'string' || !data.url.startsWith('/r/')) return showError('The server gave an unexpected answer.');
      status.textContent = 'Opening the report…';
      location.assign(data.url);
    } catch (err) {
      showError('The server could not be reached (' + err.message + ').');
    } finally {
      go.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
})();
`;

function side(id: 'a' | 'b', name: string, note: string): string {
  return `<fieldset data-side="${id}"><legend>Version ${name} <span>${note}</span></legend>
<label for="${id}-text">Article text or HTML</label>
<textarea id="${id}-text" rows="14" spellcheck="false" aria-describedby="${id}-hint"></textarea>
<p class="hint" id="${id}-hint">Paste the article, or drop a file on this box.</p>
<label for="${id}-file">Or choose a file</label>
<input type="file" id="${id}-file" accept=".txt,.text,.md,.html,.htm,.xhtml,text/plain,text/html">
<div class="meta"><div><label for="${id}-kind">Read as</label>
<select id="${id}-kind"><option value="auto">detect</option><option value="text">plain text</option><option value="html">HTML page</option></select></div>
<div><label for="${id}-title">Title <span class="hint">(optional)</span></label>
<input type="text" id="${id}-title" maxlength="1000" autocomplete="off"></div></div>
</fieldset>`;
}

/**
 * The start page: two versions pasted or dropped, sent to `POST /api/v1/reports`, then the browser
 * goes to the report. Returns the page and the CSP that allows exactly its inline style and script.
 *
 * @example
 * ```ts
 * const { html, csp } = homePage({ maxBodyBytes: 2 << 20, maxArticleChars: 500_000, tokenRequired: false });
 * ```
 */
export function homePage(opts: { maxBodyBytes: number; maxArticleChars: number; tokenRequired: boolean }): {
  html: string;
  csp: string;
} {
  const attr = (v: string | number) => escapeHtml(String(v));
  const tokenHint = opts.tokenRequired
    ? 'Required: this server was started with a token.'
    : 'Not needed: this server has no token.';
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>storydiff: compare two versions of a story</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>storydiff</h1>
<p class="lead">Compare two versions of a news story: what was added, dropped and changed. Paste both
versions, or drop two files (plain text or HTML) on the page. The comparison runs on this server and
the report stays in its memory only.</p>
<noscript><p class="error">This page needs JavaScript to send the articles. Without it, use the
HTTP API described at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></noscript>
<form id="form" novalidate data-max-bytes="${attr(opts.maxBodyBytes)}" data-max-chars="${attr(opts.maxArticleChars)}">
<div class="sides">
${side('a', 'A', '(the one compared against)')}
${side('b', 'B', '(the other version)')}
</div>
<div class="actions">
<div class="token"><label for="token">Access token</label>
<input type="password" id="token" autocomplete="off" spellcheck="false" aria-describedby="token-hint"${opts.tokenRequired ? ' required' : ''}>
<p class="hint" id="token-hint">${attr(tokenHint)}</p></div>
<button type="submit" id="go">Compare</button>
</div>
<p id="status" role="status"></p>
<p id="error" class="error" role="alert" hidden></p>
</form>
<footer>storydiff ${attr(VERSION)} · <a href="/api/v1/openapi.json">API (OpenAPI)</a></footer>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
  return { html, csp: pageCsp(inlineHashes(html)) };
}
