/**
 * The fixed stylesheet and script of the stories HTML page. They are constants so that their CSP
 * hashes are computed once; nothing from a result ever goes into them (the page's elements carry
 * the little the script needs in `data-` attributes made of numbers).
 */
import { createHash } from 'node:crypto';

/** Stylesheet: system fonts only (no requests), WCAG AA colours, light and dark, print rules. */
export const STORIES_CSS = `
:root{color-scheme:light dark;
--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--accent:#0550ae;
--dot:#57606a;--root:#8a4600;--root-bg:#fff4e5;--root-line:#d18b2c;--edge:#8c959f;
--band:#f6f8fa;--lane:#eef1f4;--hl:#fff0a8;--hl-line:#9a6700;--focus:#0969da}
@media (prefers-color-scheme:dark){:root{
--bg:#0f1419;--fg:#e6e8eb;--muted:#a4adb6;--line:#3a424b;--card:#171d24;--accent:#79b8ff;
--dot:#a4adb6;--root:#f2b56b;--root-bg:#35230c;--root-line:#b57a2a;--edge:#6e7781;
--band:#141a20;--lane:#1b222a;--hl:#4a3f00;--hl-line:#e3b341;--focus:#79b8ff}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
h1,h2,h3{line-height:1.25;margin:0}
h2{font-size:1.3rem}
h3{font-size:.95rem;margin:0 0 .4rem;color:var(--muted)}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
kbd{font:.85em ui-monospace,monospace;border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 .3em;background:var(--card)}
.wrap{max-width:1240px;margin:0 auto;padding:0 1.5rem}
.skip{position:absolute;left:.5rem;top:-3rem;background:var(--fg);color:var(--bg);padding:.5rem .9rem;border-radius:4px;z-index:9}
.skip:focus{top:.5rem}
header.top{border-bottom:1px solid var(--line);padding:1.5rem 0 1.25rem}
.kicker{margin:0 0 .3rem;color:var(--muted);font-size:.85rem;letter-spacing:.04em;text-transform:uppercase}
h1{font-size:1.6rem;overflow-wrap:anywhere}
.meta{color:var(--muted);margin:.4rem 0 0;overflow-wrap:anywhere}
.meta strong{color:var(--fg)}
.note{margin:.6rem 0 0;padding:.5rem .8rem;border-left:4px solid var(--root-line);background:var(--root-bg)}
.ev{color:var(--muted)}
.sub{display:block;color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
details>summary{cursor:pointer}
.toc{padding-top:1rem;padding-bottom:1rem;border-bottom:1px solid var(--line)}
.toc summary h2{display:inline;font-size:1.05rem}
.toc ol{columns:2 24rem;column-gap:2rem;margin:.6rem 0 0;font-size:.93rem}
.toc li{break-inside:avoid;overflow-wrap:anywhere}
.howto{padding-top:.8rem;padding-bottom:.8rem;font-size:.93rem;color:var(--muted)}
.howto p{margin:.4rem 0 0}
.key{list-style:none;padding:0;margin:.5rem 0 0;display:grid;gap:.3rem}
.key li{display:flex;gap:.5rem;align-items:center}
.key .plain{fill:var(--dot)}.key .rootdot{fill:var(--root)}
.kl{fill:none;stroke:var(--edge);stroke-width:1.6}.ka{fill:var(--edge)}
main:focus{outline:none}
.story{padding-top:1.6rem;padding-bottom:1.6rem;border-bottom:1px solid var(--line);scroll-margin-top:1rem}
.story h2{display:flex;gap:.6rem;align-items:baseline;overflow-wrap:anywhere}
.story h2 .k{color:var(--muted);font-variant-numeric:tabular-nums;font-size:1rem;min-width:2ch}
.tlf{margin:.9rem 0 1rem;overflow-x:auto}
svg.tl{display:block;width:100%;min-width:640px;height:auto;font-size:11px}
.rb{fill:var(--band)}
.ul{fill:var(--lane)}
.src{fill:var(--fg);font-size:12px}.src.ns{fill:var(--muted);font-style:italic}
.lh{fill:var(--muted);font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.ax line{stroke:var(--line);stroke-width:1}.ax .base{stroke:var(--muted)}
.ax text{fill:var(--muted);font-variant-numeric:tabular-nums}
.e path{fill:none;stroke:var(--edge);stroke-width:1.6}
.e .ah{fill:var(--edge);stroke:none}
.e.hl path{stroke:var(--hl-line);stroke-width:2.6}.e.hl .ah{fill:var(--hl-line);stroke:none}
.dot circle{fill:var(--dot);stroke:var(--bg);stroke-width:1.5}
.dot text{fill:var(--fg);font-size:10px;font-weight:700;font-variant-numeric:tabular-nums}
.dot.root circle{fill:var(--root)}
.halo,.dot .halo{fill:var(--root-bg);stroke:var(--root-line);stroke-width:2}
.dot{cursor:pointer;outline:none}
.dot:focus-visible circle:not(.halo),.dot.cur circle:not(.halo){stroke:var(--focus);stroke-width:3}
.dot.hl circle:not(.halo){fill:var(--hl-line)}
.dot.flash circle:not(.halo){animation:pulse 1.2s ease-out}
@keyframes pulse{from{stroke-width:9;stroke:var(--hl-line)}to{stroke-width:1.5}}
.below{display:grid;grid-template-columns:minmax(0,20rem) minmax(0,1fr);gap:1.5rem;align-items:start}
.tree,.tree ul{list-style:none;margin:0;padding:0;font-size:.9rem}
.tree ul{padding-left:1.1rem;border-left:1px solid var(--line);margin-left:.35rem}
.tree li{padding:.1rem 0;overflow-wrap:anywhere}
.tree li.hl>a{background:var(--hl);border-radius:3px}
.tw{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:700;color:var(--muted);font-size:.78rem;text-transform:uppercase;letter-spacing:.03em}
td{overflow-wrap:anywhere}
td:nth-child(-n+2),td:nth-child(7){font-variant-numeric:tabular-nums;white-space:nowrap}
td:nth-child(3){min-width:8rem}
tr{scroll-margin:5rem}
tr.root td{background:var(--root-bg)}
tr.hl td{background:var(--hl)}
tr.cur td,tr:target td{box-shadow:inset 0 -2px 0 var(--hl-line)}
tr:focus{outline:2px solid var(--focus);outline-offset:-2px}
tr.flash td{animation:flash 1.2s ease-out}
@keyframes flash{from{background:var(--hl)}}
@media (prefers-reduced-motion:reduce){tr.flash td,.dot.flash circle{animation:none}}
.badge{display:inline-block;font-size:.7rem;font-weight:700;line-height:1.3;text-transform:uppercase;letter-spacing:.03em;border:1px solid;border-radius:3px;padding:0 .3em;white-space:nowrap}
.badge.root{color:var(--root);border-color:var(--root-line);background:var(--bg)}
.empty{font-size:1.1rem;padding:2rem 0}
#more{padding-top:1.6rem;padding-bottom:1rem}
.more{font-size:.93rem}.more li{padding:.15rem 0;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:.85rem;padding:1.5rem 0 2.5rem}
@media (max-width:900px){.below{grid-template-columns:1fr}}
@page{margin:14mm}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#444;--card:#fff;--band:#f3f3f3;--lane:#ececec}
body{font-size:10pt}
.skip,.toc,.howto{display:none}
.wrap{max-width:none;padding:0}
.story{break-inside:auto;padding:.8rem 0}
.story h2,.tlf{break-inside:avoid;break-after:avoid}
svg.tl{min-width:0}
.tlf{overflow:visible}
.tw{overflow:visible}
tr{break-inside:avoid}
a{color:inherit;text-decoration:none}
.rb,.ul,.dot,.halo,.badge,tr.root td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.dot.hl circle:not(.halo){fill:var(--dot)}.dot.root.hl circle:not(.halo){fill:var(--root)}
.e.hl path{stroke:var(--edge);stroke-width:1.6}.e.hl .ah{fill:var(--edge)}
tr.hl td{background:none}tr.root td{background:var(--root-bg)}
.tree li.hl>a{background:none}
:focus-visible{outline:none}
}
`;

/**
 * Behaviour: hovering or focusing a version (dot, table row or tree item) lights it up with its
 * line of descent back to the root; following a dot ↔ row link scrolls to, focuses and flashes the
 * target; Escape clears. No inline handlers: everything is delegated from here, so the CSP can
 * forbid them.
 */
export const STORIES_SCRIPT = `
(() => {
  'use strict';
  const els = new Map();
  const parent = new Map();
  for (const el of document.querySelectorAll('[data-v]')) {
    const k = el.getAttribute('data-v');
    if (!els.has(k)) els.set(k, []);
    els.get(k).push(el);
    const p = el.getAttribute('data-p');
    if (p) parent.set(k, p);
  }
  const edges = new Map();
  for (const el of document.querySelectorAll('[data-e]')) edges.set(el.getAttribute('data-e'), el);
  let lit = [];
  let current = null;
  const light = (k) => {
    for (const el of lit) el.classList.remove('hl', 'cur');
    lit = [];
    const seen = new Set();
    let first = true;
    while (k && !seen.has(k)) {
      seen.add(k);
      for (const el of els.get(k) || []) {
        el.classList.add('hl');
        if (first) el.classList.add('cur');
        lit.push(el);
      }
      const e = edges.get(k);
      if (e) {
        e.classList.add('hl');
        lit.push(e);
      }
      first = false;
      k = parent.get(k);
    }
  };
  const keyAt = (t) => {
    const el = t instanceof Element ? t.closest('[data-v]') : null;
    return el ? el.getAttribute('data-v') : null;
  };
  document.addEventListener('mouseover', (e) => light(keyAt(e.target) || current));
  document.addEventListener('focusin', (e) => {
    current = keyAt(e.target);
    light(current);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      current = null;
      light(null);
    }
  });
  window.addEventListener('beforeprint', () => light(null));
  const flash = (el) => {
    el.classList.remove('flash');
    void el.getBoundingClientRect();
    el.classList.add('flash');
  };
  document.addEventListener('click', (e) => {
    const t = e.target;
    if (!(t instanceof Element) || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const a = t.closest('a');
    if (!a) return;
    const href = a.getAttribute('href') || '';
    if (!/^#s[0-9]+-[vd][0-9]+$/.test(href)) return;
    const el = document.getElementById(href.slice(1));
    if (!el) return;
    e.preventDefault();
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
    flash(el);
    try {
      history.replaceState(null, '', href);
    } catch (_) {}
  });
})();
`;

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** CSP source expressions allowing exactly the stylesheet and the script above. */
export const STORIES_CSS_HASH = sha256(STORIES_CSS);
export const STORIES_SCRIPT_HASH = sha256(STORIES_SCRIPT);
