/**
 * The fixed stylesheet and script of the HTML report. They are constants so that their CSP hashes
 * are computed once; nothing from a comparison ever goes into them (data travels in a JSON block).
 */
import { createHash } from 'node:crypto';

/** Stylesheet: system fonts only (no requests), WCAG AA colours, light and dark, print rules. */
export const CSS = `
:root{color-scheme:light dark;
--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--accent:#0550ae;
--a:#8a4600;--a-bg:#fff4e5;--a-line:#d18b2c;--b:#0a4ea3;--b-bg:#eaf2ff;--b-line:#5b8fd6;
--del:#8b1a1a;--del-bg:#ffe4e1;--ins:#0f5323;--ins-bg:#d8f5df;
--mv:#5a2ca0;--mv-bg:#f1eaff;--hl:#fff0a8;--hl-line:#9a6700;--focus:#0969da;
--band:#8c959f;--band-mv:#8250df}
@media (prefers-color-scheme:dark){:root{
--bg:#0f1419;--fg:#e6e8eb;--muted:#a4adb6;--line:#3a424b;--card:#171d24;--accent:#79b8ff;
--a:#f2b56b;--a-bg:#35230c;--a-line:#b57a2a;--b:#9cc7ff;--b-bg:#0f2645;--b-line:#4f7fbf;
--del:#ffb4ab;--del-bg:#4d1a1a;--ins:#9be9a8;--ins-bg:#123a20;
--mv:#d3bcff;--mv-bg:#2c1f4a;--hl:#4a3f00;--hl-line:#e3b341;--focus:#79b8ff;
--band:#6e7781;--band-mv:#a371f7}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
h1,h2,h3{line-height:1.25;margin:0}
h2{font-size:1.35rem;margin:0 0 .75rem}
h3{font-size:1.05rem;margin:0 0 .5rem}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.wrap{max-width:1240px;margin:0 auto;padding:0 1.5rem}
.skip{position:absolute;left:.5rem;top:-3rem;background:var(--fg);color:var(--bg);padding:.5rem .9rem;border-radius:4px;z-index:9}
.skip:focus{top:.5rem}
.vh,.pr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top{border-bottom:1px solid var(--line);padding:1.5rem 0 1.25rem}
.kicker{margin:0 0 .3rem;color:var(--muted);font-size:.85rem;letter-spacing:.04em;text-transform:uppercase}
h1{font-size:1.6rem;overflow-wrap:anywhere}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:.5rem 2rem;margin-top:.9rem}
.side{display:flex;gap:.6rem;align-items:baseline;min-width:0}
.side .meta{color:var(--muted);font-size:.9rem;overflow-wrap:anywhere}
.side strong{overflow-wrap:anywhere}
.tag{display:inline-block;min-width:1.5em;padding:0 .35em;border-radius:4px;font-weight:700;text-align:center;font-size:.85rem;border:1px solid}
.tag.a{color:var(--a);background:var(--a-bg);border-color:var(--a-line)}
.tag.b{color:var(--b);background:var(--b-bg);border-color:var(--b-line)}
main>section{padding:1.75rem 0;border-bottom:1px solid var(--line)}
.verdict{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:2rem;align-items:start}
.rel{font-size:1.9rem;font-weight:750;margin:0;line-height:1.2}
.summary{margin:.4rem 0 1.1rem;color:var(--muted);max-width:62ch}
.glance{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;margin:0 0 1.1rem;padding:0}
.glance li{border:1px solid var(--line);border-radius:999px;padding:.15rem .7rem;font-size:.9rem}
.glance a{text-decoration:none;font-weight:600}.glance a:hover{text-decoration:underline}
.metrics{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:.75rem;margin:0 0 1.25rem}
.metrics>div{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.7rem .85rem}
.metrics dt{color:var(--muted);font-size:.82rem}
.metrics dd{margin:.1rem 0 0;font-size:1.55rem;font-weight:700}
.metrics dd small{display:block;font-size:.75rem;font-weight:400;color:var(--muted)}
.bar{display:block;margin-top:.35rem}
.bar .track{fill:var(--line)}.bar .fill{fill:var(--accent)}
.deriv p{margin:0 0 .35rem}
.deriv ul,.plain{margin:.25rem 0 0;padding-left:1.2rem}
.deriv li{margin:.15rem 0}
.map{margin:0}
.map svg{width:100%;height:auto;display:block}
.map figcaption{font-size:.82rem;color:var(--muted);margin-top:.5rem}
.key{display:flex;flex-wrap:wrap;gap:.3rem .9rem;list-style:none;padding:0;margin:.4rem 0 0}
.key li{display:flex;align-items:center;gap:.35rem}
.sw{display:inline-block;width:1.6em;height:.9em;border:1px solid var(--muted);border-radius:2px}
.sw.link{background:var(--band)}.sw.mv{background:var(--band-mv);border-style:dashed}
.sw.oa{background:repeating-linear-gradient(45deg,var(--a-bg) 0 3px,var(--a-line) 3px 5px)}
.sw.ob{background:repeating-linear-gradient(-45deg,var(--b-bg) 0 3px,var(--b-line) 3px 5px)}
.blk{fill:var(--card);stroke:var(--muted);stroke-width:.6}
.blk.oa{fill:url(#ha);stroke:var(--a)}.blk.ob{fill:url(#hb);stroke:var(--b)}
.hatch-a{stroke:var(--a-line)}.hatch-b{stroke:var(--b-line)}.hatch-bg-a{fill:var(--a-bg)}.hatch-bg-b{fill:var(--b-bg)}
.band{fill:var(--band);fill-opacity:.35;stroke:none}
.band.identical{fill-opacity:.55}.band.partial{fill-opacity:.2}
.band.mv{fill:var(--band-mv);fill-opacity:.4;stroke:var(--band-mv);stroke-width:1.2;stroke-dasharray:4 3}
.maplabel{fill:var(--muted);font-size:12px;font-weight:700}
.blk.hl,.band.hl{stroke:var(--hl-line);stroke-width:2.5;fill-opacity:.9}
.hint{color:var(--muted);font-size:.9rem;margin:-.25rem 0 1rem}
kbd{font:.85em ui-monospace,monospace;border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 .3em;background:var(--card)}
.group{margin:0 0 1.6rem}
.group>h3{display:flex;gap:.6rem;align-items:baseline;border-bottom:1px solid var(--line);padding-bottom:.35rem;margin-bottom:.6rem}
.group>h3 .count{color:var(--muted);font-weight:400;font-size:.9rem}
.items{list-style:none;margin:0;padding:0}
.items>li{display:grid;grid-template-columns:10.5rem minmax(0,1fr) auto;gap:.25rem 1rem;padding:.55rem 0;border-bottom:1px dashed var(--line)}
.items>li:last-child{border-bottom:0}
.kind{font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);padding-top:.15rem}
.kind.bad{color:var(--del)}
.refs{white-space:nowrap;font-size:.9rem;text-align:right}
.refs a,.ref{font-variant-numeric:tabular-nums;font-weight:600}
.sub{display:block;color:var(--muted);font-size:.9rem;margin-top:.15rem}
.forms{display:grid;grid-template-columns:auto minmax(0,1fr);gap:.1rem .6rem;margin:.2rem 0 0}
.forms dt{font-weight:700}
.forms dd{margin:0}
.q{display:block;margin:.15rem 0}
.compact{columns:2 22rem;column-gap:2rem;margin:.2rem 0 0;padding:0;list-style:none;font-size:.93rem}
.compact li{break-inside:avoid;padding:.15rem 0}
.only{list-style:none;margin:0;padding:0}
.only li{padding:.45rem .7rem;margin:.35rem 0;border-radius:6px;border-left:4px solid}
.only .oa{background:var(--a-bg);border-color:var(--a-line)}
.only .ob{background:var(--b-bg);border-color:var(--b-line)}
table{border-collapse:collapse;width:100%;font-size:.93rem}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:700;color:var(--muted);font-size:.82rem;text-transform:uppercase;letter-spacing:.03em}
td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.ev{color:var(--muted)}
.ev b{color:var(--fg);font-weight:600}
del,ins{text-decoration-thickness:1px;border-radius:2px;padding:0 .08em;-webkit-print-color-adjust:exact;print-color-adjust:exact}
del{color:var(--del);background:var(--del-bg);text-decoration-line:line-through}
ins{color:var(--ins);background:var(--ins-bg);text-decoration-line:underline;text-underline-offset:.18em}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;font-size:.9rem;color:var(--muted);margin:0 0 1rem;padding:0;list-style:none}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:0 2rem}
.col{min-width:0}
.col>h3{display:flex;gap:.5rem;align-items:baseline;padding:.4rem 0 .6rem;border-bottom:2px solid var(--line);overflow-wrap:anywhere}
.col-a>h3{border-color:var(--a-line)}.col-b>h3{border-color:var(--b-line)}
.col-body{padding:.25rem .5rem .5rem 0}
@media (min-width:901px){.col-body{max-height:82vh;overflow-y:auto;overscroll-behavior:contain}}
.col-body p{margin:0 0 .9rem;line-height:1.7}
.col-body p.whole{border-left:3px dotted var(--muted);padding-left:.5rem;margin-left:-.8rem}
.s{border-radius:4px;cursor:pointer;scroll-margin:5rem;padding:.05rem .1rem;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.s:hover{box-shadow:0 0 0 1px var(--line)}
.s .n{font-size:.72em;font-weight:700;color:var(--muted);margin-right:.25em;font-variant-numeric:tabular-nums;vertical-align:.15em}
.s.oa{background:var(--a-bg);box-shadow:inset 0 -2px 0 var(--a-line)}
.s.ob{background:var(--b-bg);box-shadow:inset 0 -2px 0 var(--b-line)}
.badge{display:inline-block;font-size:.7rem;font-weight:700;line-height:1.3;text-transform:uppercase;letter-spacing:.03em;border:1px solid;border-radius:3px;padding:0 .3em;margin-right:.3em;vertical-align:.15em;white-space:nowrap}
.badge.oa{color:var(--a);border-color:var(--a-line);background:var(--bg)}
.badge.ob{color:var(--b);border-color:var(--b-line);background:var(--bg)}
.badge.mv{color:var(--mv);border-color:var(--mv);background:var(--mv-bg)}
.s.hl{background:var(--hl);box-shadow:0 0 0 2px var(--hl-line)}
.s:target{box-shadow:0 0 0 2px var(--focus)}
.s.flash{animation:flash 1.2s ease-out}
@keyframes flash{from{box-shadow:0 0 0 6px var(--hl-line)}to{box-shadow:0 0 0 2px var(--hl-line)}}
@media (prefers-reduced-motion:reduce){.s.flash{animation:none}}
#status{min-height:1.5em;font-size:.9rem;color:var(--muted);margin:.5rem 0 0}
footer{color:var(--muted);font-size:.85rem;padding:1.5rem 0 2.5rem}
@media (max-width:900px){
.verdict,.cols,.sides{grid-template-columns:1fr}
.metrics{grid-template-columns:repeat(2,minmax(0,1fr))}
.items>li{grid-template-columns:1fr}
.refs{text-align:left}
}
@page{margin:14mm}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#444;--card:#fff}
body{font-size:10.5pt}
.skip,.hint,#status,.noprint{display:none}
.wrap{max-width:none;padding:0}
main>section{padding:1rem 0}
.verdict{grid-template-columns:1fr 260px;break-inside:avoid}
.cols{display:block}
.col-body{max-height:none;overflow:visible}
.col+.col{margin-top:1.5rem}
.col>h3{break-after:avoid}
.items>li,.only li,tr{break-inside:avoid}
a{color:inherit;text-decoration:none}
a[data-ref]::after{content:" [" attr(data-ref) "]"}
.s.oa,.s.ob,.badge,.tag,.only li,.blk,.band,.sw{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.s:hover,.s.hl,.s:target{box-shadow:none}
.s.hl:not(.oa):not(.ob){background:none}
.blk.hl{stroke:var(--muted);stroke-width:.6;fill-opacity:1}.band.hl{stroke:none;fill-opacity:.35}.band.mv.hl{stroke:var(--band-mv);stroke-width:1.2}
:focus-visible{outline:none}
.pr{position:static;width:auto;height:auto;overflow:visible;clip:auto;white-space:normal;font-size:.8em;color:var(--muted)}
}
`;

/**
 * Behaviour: highlight a sentence with its partners (hover, focus), jump to the partner (click,
 * Enter, Space), follow references so the partner column lines up, and j/k through the changes.
 * No inline handlers: everything is delegated from here, so the CSP can forbid them.
 */
export const SCRIPT = `
(() => {
  'use strict';
  const $ = (id) => (id ? document.getElementById(id) : null);
  const dataEl = $('data');
  if (!dataEl) return;
  const data = JSON.parse(dataEl.textContent || '{}');
  const links = data.links || [];
  const tour = data.tour || [];
  const linkOf = new Map();
  links.forEach((l, k) => {
    for (const i of l.a) linkOf.set('a-' + i, k);
    for (const j of l.b) linkOf.set('b-' + j, k);
  });
  const blocks = new Map();
  for (const el of document.querySelectorAll('[data-for]')) blocks.set(el.getAttribute('data-for'), el);
  const bands = new Map();
  for (const el of document.querySelectorAll('.band')) bands.set(Number(el.getAttribute('data-k')), el);
  const members = (id) => {
    const k = linkOf.get(id);
    if (k === undefined) return [id];
    const l = links[k];
    return l.a.map((i) => 'a-' + i).concat(l.b.map((j) => 'b-' + j));
  };
  let lit = [];
  const light = (id) => {
    for (const el of lit) el.classList.remove('hl');
    lit = [];
    if (!id) return;
    const add = (el) => {
      if (el) {
        el.classList.add('hl');
        lit.push(el);
      }
    };
    for (const m of members(id)) {
      add($(m));
      add(blocks.get(m));
    }
    add(bands.get(linkOf.get(id)));
  };
  const idAt = (t) => {
    const el = t instanceof Element ? t.closest('.s,[data-for],.band') : null;
    if (!el) return null;
    if (el.classList.contains('s')) return el.id;
    if (el.hasAttribute('data-for')) return el.getAttribute('data-for');
    const l = links[Number(el.getAttribute('data-k'))];
    return l ? 'a-' + l.a[0] : null;
  };
  let current = null;
  document.addEventListener('mouseover', (e) => light(idAt(e.target) || current));
  window.addEventListener('beforeprint', () => light(null));
  document.addEventListener('focusin', (e) => {
    const id = idAt(e.target);
    if (id) current = id;
    light(id || current);
    const at = tour.indexOf(id);
    if (at >= 0) pos = at;
  });
  const partnerOf = (id) => {
    const k = linkOf.get(id);
    if (k === undefined) return null;
    const l = links[k];
    return id.charAt(0) === 'a' ? 'b-' + l.b[0] : 'a-' + l.a[0];
  };
  const body = (el) => el.closest('.col-body');
  const scrolls = (c) => !!c && c.scrollHeight > c.clientHeight + 1 && getComputedStyle(c).overflowY !== 'visible';
  const level = (el, anchor) => {
    // Columns scroll on their own on wide screens: put el at the height of anchor, else just show it.
    const c = body(el);
    if (scrolls(c) && body(anchor) !== c) c.scrollTop += el.getBoundingClientRect().top - anchor.getBoundingClientRect().top;
    else if (!scrolls(body(anchor))) el.scrollIntoView({ block: 'nearest' });
  };
  const flash = (el) => {
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
  };
  const status = $('status');
  const say = (id) => {
    if (!status) return;
    const k = linkOf.get(id);
    const label = (x) => x.replace('-', '').replace(/\\d+$/, (n) => String(Number(n) + 1));
    if (k === undefined) status.textContent = label(id) + ': only in ' + id.charAt(0);
    else {
      const l = links[k];
      status.textContent = members(id).map(label).join(' + ') + ': ' + l.type + (l.moved ? ', moved' : '') + ', similarity ' + l.score.toFixed(2);
    }
  };
  const show = (id, center) => {
    const el = $(id);
    if (!el) return;
    if (center) el.scrollIntoView({ block: 'center' });
    const p = $(partnerOf(id));
    if (p) level(p, el);
    el.focus({ preventScroll: true });
    flash(el);
    say(id);
  };
  const jump = (el) => {
    const p = partnerOf(el.id);
    if (!p) {
      flash(el);
      say(el.id);
      return;
    }
    const pe = $(p);
    level(pe, el);
    pe.focus({ preventScroll: true });
    flash(pe);
    say(p);
  };
  document.addEventListener('click', (e) => {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const a = t.closest('a[href^="#"]');
    if (a) {
      const id = (a.getAttribute('href') || '').slice(1);
      if (/^[ab]-[0-9]+$/.test(id) && $(id)) {
        e.preventDefault();
        show(id, true);
        try {
          history.replaceState(null, '', '#' + id);
        } catch (_) {}
      }
      return;
    }
    const s = t.closest('.s');
    const sel = window.getSelection();
    // Selecting words to copy them must not jump away.
    if (s && !(sel && sel.toString())) jump(s);
  });
  let pos = -1;
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    if (t instanceof Element && t.classList.contains('s') && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      jump(t);
      return;
    }
    if ((e.key === 'j' || e.key === 'k') && tour.length) {
      e.preventDefault();
      pos = e.key === 'j' ? Math.min(pos + 1, tour.length - 1) : Math.max(pos - 1, 0);
      show(tour[pos], true);
      if (status) status.textContent = 'Change ' + (pos + 1) + ' of ' + tour.length + ' · ' + status.textContent;
    }
  });
})();
`;

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** CSP source expressions allowing exactly the stylesheet and the script above. */
export const CSS_HASH = sha256(CSS);
export const SCRIPT_HASH = sha256(SCRIPT);
