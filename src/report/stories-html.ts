/**
 * The stories of a clustering run as one self-contained HTML page: per story a header, an SVG
 * timeline (one row per source, arrows from each version to those derived from it), the
 * derivation tree as a nested list and the table of versions.
 *
 * Decision. The page makes no requests: style and script are inline and allowed by a
 * Content-Security-Policy naming their hashes (`stories-assets.ts`); every string from the store is
 * escaped and only http(s) URLs become links. The timeline is laid out here, so the script only
 * highlights lines of descent; the tree is the timeline's text alternative. Past
 * {@link STORIES_HTML_FULL} stories the rest are listed compactly, to keep the file small.
 */
import { parsePublished } from '../corpus/published.js';
import type { StoriesResult, Story } from '../corpus/story-types.js';
import { VERSION } from '../version.js';
import { formatTime, httpUrl, timeText, two } from './format.js';
import { escapeHtml, htmlHead } from './html.js';
import { STORIES_CSS, STORIES_CSS_HASH, STORIES_SCRIPT, STORIES_SCRIPT_HASH } from './stories-assets.js';
import { dateRange, plural, resultLine, storyTitle } from './stories-text.js';
import { rootNote, type StoryTreeNode, storyTree, walkTree } from './story-tree.js';

/** Options of {@link renderStoriesHtml}. */
export interface StoriesHtmlOptions {
  /** Title of the page and its heading. Default "Stories". */
  title?: string;
  /** How many stories to draw in full (timeline, tree, table); the rest are listed compactly. Default 200. */
  full?: number;
}

/** Default number of stories drawn in full on one page. */
export const STORIES_HTML_FULL = 200;

const esc = escapeHtml;
/** Numbers for SVG coordinates: one decimal, no trailing `.0`. */
const f = (x: number) => String(Math.round(x * 10) / 10);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const STEPS = [
  MIN,
  5 * MIN,
  15 * MIN,
  30 * MIN,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
];

/**
 * Tick times and labels for a UTC time axis over [lo, hi] (ms since the epoch), at most about
 * `max` of them, on round minutes, hours, days, months or years.
 *
 * @example
 * ```ts
 * timeTicks(Date.UTC(2024, 2, 5, 9, 30), Date.UTC(2024, 2, 5, 14, 30)).map((t) => t.label);
 * // ['Mar 5 10:00', '11:00', '12:00', '13:00', '14:00']
 * ```
 * @internal
 */
export function timeTicks(lo: number, hi: number, max = 7): { t: number; label: string }[] {
  const span = Math.max(hi - lo, 1);
  const out: { t: number; label: string }[] = [];
  const step = STEPS.find((s) => span / s <= max);
  if (step !== undefined) {
    let prevDay = '';
    for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) {
      const d = new Date(t);
      const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
      if (step >= DAY)
        out.push({ t, label: `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` });
      else {
        const hm = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
        out.push({ t, label: day !== prevDay ? `${day} ${hm}` : hm });
        prevDay = day;
      }
    }
    return out;
  }
  const months = span / DAY / 30.44;
  const m = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600].find((x) => months / x <= max) ?? 1200;
  const start = new Date(lo);
  let idx = Math.ceil((start.getUTCFullYear() * 12 + start.getUTCMonth() + 1) / m) * m;
  for (; out.length < 60; idx += m) {
    const y = Math.floor(idx / 12);
    const t = Date.UTC(y, idx % 12, 1);
    if (t > hi) break;
    out.push({ t, label: m >= 12 ? String(y) : `${y}-${two((idx % 12) + 1)}` });
  }
  return out;
}

interface Dot {
  x: number;
  y: number;
  r: number;
}

/** The inline SVG timeline of one story. */
function timeline(s: Story, k: number, roots: StoryTreeNode[], parents: (number | undefined)[]): string {
  const W = 960;
  const GUT = 150;
  const LANE = 80;
  const RIGHT = 24;
  const ROW = 26;
  const TOP = 28;
  const GAP = 26;
  const vs = s.versions;
  const times = vs.map((v) => parsePublished(v.published));
  const dated = times.filter((t): t is number => t !== undefined);
  const undated = dated.length < vs.length;
  const x0 = GUT + (undated ? LANE : 0) + 18;
  const x1 = W - RIGHT;
  let lo = dated.length ? Math.min(...dated) : 0;
  let hi = dated.length ? Math.max(...dated) : 0;
  if (hi - lo < 20 * MIN) {
    const mid = (lo + hi) / 2;
    lo = mid - 10 * MIN;
    hi = mid + 10 * MIN;
  }
  const pad = (hi - lo) * 0.03;
  lo -= pad;
  hi += pad;
  const xOf = (t: number) => x0 + ((t - lo) / (hi - lo)) * (x1 - x0);

  // One row per source; versions of one source too close to tell apart (and undated ones beyond
  // three) go to extra sub-rows, so no dot or number label covers another.
  const rootAt = roots[0]?.version.id === s.root ? roots[0].index : -1;
  const firstOf = new Map<string, number>();
  vs.forEach((v, i) => {
    const key = v.source ?? '';
    const t = i === rootAt ? Number.NEGATIVE_INFINITY : (times[i] ?? Number.POSITIVE_INFINITY);
    firstOf.set(key, Math.min(firstOf.get(key) ?? Number.POSITIVE_INFINITY, t));
  });
  // The root's source on top, then the others by their first publication, undated last.
  const rowOf = new Map<string, number>(
    [...firstOf.entries()]
      .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
      .map(([key], r) => [key, r] as const),
  );
  const bySource: number[][] = [...rowOf.keys()].map(() => []);
  vs.forEach((v, i) => {
    bySource[rowOf.get(v.source ?? '')!].push(i);
  });
  const dots: Dot[] = vs.map(() => ({ x: 0, y: 0, r: 5 }));
  let line = 0;
  const rows: { label: string; y: number; n: number }[] = [];
  for (const [key, r] of rowOf) {
    const ends: number[] = [];
    const place = (i: number, x: number, sub: number) => {
      while (ends.length <= sub) ends.push(Number.NEGATIVE_INFINITY);
      ends[sub] = x;
      dots[i] = { x, y: TOP + (line + sub) * ROW + ROW / 2 + 4, r: i === rootAt ? 7 : 5 };
    };
    // Undated versions: three to a sub-row across the lane.
    const lane = bySource[r].filter((i) => times[i] === undefined);
    lane.forEach((i, j) => {
      place(i, GUT + 14 + (j % 3) * GAP, Math.floor(j / 3));
    });
    // Dated versions: each in the first sub-row where it clears the previous dot and its label.
    const members = bySource[r]
      .filter((i) => times[i] !== undefined)
      .map((i) => ({ i, x: xOf(times[i]!) }))
      .sort((a, b) => a.x - b.x || a.i - b.i);
    for (const m of members) {
      const sub = ends.findIndex((e) => m.x - e >= GAP);
      place(m.i, m.x, sub < 0 ? ends.length : sub);
    }
    rows.push({ label: key, y: TOP + line * ROW, n: ends.length });
    line += ends.length;
  }
  const plotBottom = TOP + line * ROW + 4;
  const H = plotBottom + (dated.length ? 26 : 6);
  const id = `s${k}`;
  const o: string[] = [];
  // Row bands and source labels.
  rows.forEach((r, i) => {
    const label = r.label || '(no source)';
    const chars = [...label];
    const short = chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : label;
    if (i % 2) o.push(`<rect class="rb" x="0" y="${f(r.y + 4)}" width="${W}" height="${r.n * ROW}"/>`);
    o.push(
      `<text class="src${r.label ? '' : ' ns'}" x="${GUT - 8}" y="${f(r.y + ROW / 2 + 8)}" text-anchor="end">${esc(short)}${short !== label ? `<title>${esc(label)}</title>` : ''}</text>`,
    );
  });
  if (undated) {
    o.push(
      `<rect class="ul" x="${GUT}" y="${TOP}" width="${LANE}" height="${f(plotBottom - TOP)}"/><text class="lh" x="${GUT + LANE / 2}" y="${TOP - 6}" text-anchor="middle">undated</text>`,
    );
  }
  if (dated.length) {
    const ticks = timeTicks(lo, hi);
    const g = ticks.map((tk) => {
      const x = f(xOf(tk.t));
      return `<line x1="${x}" y1="${TOP}" x2="${x}" y2="${f(plotBottom)}"/><text x="${x}" y="${f(plotBottom + 16)}" text-anchor="middle">${esc(tk.label)}</text>`;
    });
    o.push(
      `<g class="ax"><line class="base" x1="${f(x0)}" y1="${f(plotBottom)}" x2="${x1}" y2="${f(plotBottom)}"/>${g.join('')}</g>`,
    );
  } else {
    o.push(
      `<text class="lh" x="${f((x0 + x1) / 2)}" y="${TOP - 6}" text-anchor="middle">no publication times</text>`,
    );
  }
  // Derivation arrows, parent → child, under the dots.
  vs.forEach((_, i) => {
    const p = parents[i];
    if (p === undefined) return;
    const a = dots[p];
    const b = dots[i];
    let c1x: number;
    let c1y: number;
    let c2x: number;
    let c2y: number;
    if (Math.abs(a.y - b.y) < 1) {
      const bow = Math.min(ROW * 0.5, 6 + Math.abs(b.x - a.x) / 10);
      c1x = a.x + (b.x - a.x) / 3;
      c2x = b.x - (b.x - a.x) / 3;
      c1y = a.y + bow;
      c2y = b.y + bow;
    } else {
      const dx = b.x > a.x ? Math.max(28, (b.x - a.x) / 2) : 28;
      c1x = a.x + dx;
      c1y = a.y;
      c2x = b.x - dx;
      c2y = b.y;
    }
    let ux = b.x - c2x;
    let uy = b.y - c2y;
    const len = Math.hypot(ux, uy) || 1;
    ux /= len;
    uy /= len;
    const tipX = b.x - ux * (b.r + 1.5);
    const tipY = b.y - uy * (b.r + 1.5);
    const endX = tipX - ux * 6;
    const endY = tipY - uy * 6;
    const wing = (sgn: number) => `${f(tipX - ux * 7 - uy * 3.5 * sgn)} ${f(tipY - uy * 7 + ux * 3.5 * sgn)}`;
    o.push(
      `<g class="e" data-e="${k}-${i}"><path d="M${f(a.x)} ${f(a.y)}C${f(c1x)} ${f(c1y)} ${f(c2x)} ${f(c2y)} ${f(endX)} ${f(endY)}"/><path class="ah" d="M${f(tipX)} ${f(tipY)}L${wing(1)}L${wing(-1)}Z"/></g>`,
    );
  });
  // The dots, each a link to its row in the table.
  vs.forEach((v, i) => {
    const d = dots[i];
    const when = formatTime(v.published) ?? 'undated';
    const from = parents[i] !== undefined ? `derived from ${parents[i]! + 1}` : '';
    const name = [
      `${i + 1}. ${v.id}`,
      v.source ?? '',
      when,
      i === rootAt ? 'root, the likely original' : from,
    ].filter(Boolean);
    const root = i === rootAt;
    o.push(
      `<a id="${id}-d${i}" href="#${id}-v${i}" class="dot${root ? ' root' : ''}" data-v="${k}-${i}"${parents[i] !== undefined ? ` data-p="${k}-${parents[i]}"` : ''}><title>${esc(name.join(' · '))}</title>${root ? `<circle class="halo" cx="${f(d.x)}" cy="${f(d.y)}" r="11"/>` : ''}<circle cx="${f(d.x)}" cy="${f(d.y)}" r="${d.r}"/><text x="${f(d.x)}" y="${f(d.y - d.r - 3)}" text-anchor="middle">${i + 1}</text></a>`,
    );
  });
  const first = formatTime(s.first);
  const last = formatTime(s.last);
  const label = `Timeline of story ${k}: ${plural(vs.length, 'version')} from ${plural(rowOf.size, 'source')}${first ? `, ${first}${last && last !== first ? ` to ${last}` : ''}` : ''}${undated ? `, ${vs.length - dated.length} undated` : ''}. Each dot links to its row in the table; the derivation tree is also listed as text.`;
  return `<svg class="tl" viewBox="0 0 ${W} ${f(H)}" role="group" aria-label="${esc(label)}">${o.join('')}</svg>`;
}

function timeHtml(s: string | undefined): string {
  if (s === undefined || !s.trim()) return '<span class="ev">undated</span>';
  const t = parsePublished(s);
  return t === undefined
    ? esc(s)
    : `<time datetime="${esc(new Date(t).toISOString())}">${esc(formatTime(s)!)}</time>`;
}

function treeHtml(s: Story, k: number, roots: StoryTreeNode[]): string {
  const out: string[] = ['<ul class="tree">'];
  let prev = 0;
  let open = false;
  // Built without recursion: a chain of rewrites can be as deep as the story is long.
  walkTree(roots, (n, depth) => {
    if (open && depth > prev) out.push('<ul>');
    else if (open) {
      out.push('</li>');
      for (let d = prev; d > depth; d--) out.push('</ul></li>');
    }
    prev = depth;
    open = true;
    const v = n.version;
    const note = rootNote(s, n, depth, {
      original: ' <span class="badge root">likely original</span>',
      orphan: (parent) => ` <span class="ev">(derives from ${esc(parent)}, not in this story)</span>`,
      first: ' <span class="ev">(no earlier version found)</span>',
    });
    const meta = [
      timeText(v.published, esc) ?? 'undated',
      n.parent !== undefined ? `score ${v.score.toFixed(2)}` : '',
    ].filter(Boolean);
    const name = v.source ? `<span dir="auto">${esc(v.source)}</span>` : '<i>no source</i>';
    out.push(
      `<li data-v="${k}-${n.index}"><a href="#s${k}-v${n.index}">${n.index + 1}. ${name}</a> <span class="ev">${meta.join(' · ')}</span>${note}`,
    );
  });
  if (open) {
    out.push('</li>');
    for (let d = prev; d > 0; d--) out.push('</ul></li>');
  }
  out.push('</ul>');
  return out.join('');
}

function tableHtml(s: Story, k: number, parents: (number | undefined)[]): string {
  const rows = s.versions.map((v, i) => {
    const url = httpUrl(v.url);
    const title = v.title ? esc(v.title) : '';
    const titled = url ? `<a href="${esc(url)}" rel="noreferrer">${title || 'link'}</a>` : title;
    const bad = v.url && !url ? `<span class="sub">${esc(v.url)}</span>` : '';
    const root = v.id === s.root;
    const p = parents[i];
    const parent =
      p !== undefined
        ? `<a href="#s${k}-v${p}" aria-label="version ${p + 1}">${p + 1}</a>`
        : v.parent
          ? `${esc(v.parent)} <span class="ev">(not in this story)</span>`
          : '<span class="ev">—</span>';
    return `<tr id="s${k}-v${i}" data-v="${k}-${i}" tabindex="-1"${root ? ' class="root"' : ''}><td>${i + 1}</td><td>${timeHtml(v.published)}</td><td><a href="#s${k}-d${i}">${esc(v.id)}</a>${root ? ' <span class="badge root">likely original</span>' : ''}</td><td dir="auto">${esc(v.source ?? '')}</td><td dir="auto">${titled}${bad}</td><td>${parent}</td><td>${v.score.toFixed(2)}</td></tr>`;
  });
  return `<div class="tw" role="region" aria-label="Versions of story ${k}" tabindex="0"><table><thead><tr><th scope="col">#</th><th scope="col">published (UTC)</th><th scope="col">id</th><th scope="col">source</th><th scope="col">title</th><th scope="col">derived from #</th><th scope="col">score</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function metaLine(s: Story): string {
  const shown = s.sources.slice(0, 8).map((x) => `<span dir="auto">${esc(x)}</span>`);
  const more = s.sources.length > 8 ? ` and ${s.sources.length - 8} more` : '';
  const dates = dateRange(s);
  return [
    `<strong>${plural(s.size, 'version')}</strong>`,
    `${plural(s.sources.length, 'source')}${shown.length ? `: ${shown.join(', ')}${more}` : ''}`,
    dates ? esc(dates) : 'undated',
  ].join(' · ');
}

function storyHtml(s: Story, k: number): string {
  const roots = storyTree(s);
  const parents: (number | undefined)[] = s.versions.map(() => undefined);
  walkTree(roots, (n) => {
    parents[n.index] = n.parent;
  });
  return `<section class="story wrap" id="s${k}" aria-labelledby="s${k}-h"><h2 id="s${k}-h"><span class="k">${k}</span> <span dir="auto">${esc(storyTitle(s))}</span></h2><p class="meta">${metaLine(s)} · <span class="ev">story ${esc(String(s.story))}</span></p><figure class="tlf">${timeline(s, k, roots, parents)}</figure><div class="below"><div class="tree-w"><h3>Derivation</h3>${treeHtml(s, k, roots)}</div><div class="table-w"><h3>Versions in publication order</h3>${tableHtml(s, k, parents)}</div></div></section>`;
}

/**
 * Renders stories as one self-contained HTML page. Each story has a header (headline, size,
 * sources, dates), a timeline (an inline SVG: one dot per version at its publication time, one row
 * per source, undated versions in their own lane, arrows from each version to those derived from
 * it, the likely original ringed), the derivation tree as a nested list (the timeline's text
 * alternative) and the table of versions, whose ids link to the dots and back. The first
 * `full` stories (default 200) are drawn in full and the rest listed compactly, which the page says.
 *
 * The page makes no requests: style and script are inline and allowed by a Content-Security-Policy
 * naming their hashes; every string from the store is escaped and only http(s) URLs become links.
 * Pure and synchronous.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('stories.html', renderStoriesHtml(await corpus.cluster(), { title: 'This week' }));
 * ```
 */
export function renderStoriesHtml(result: StoriesResult, opts: StoriesHtmlOptions = {}): string {
  const title = opts.title ?? 'Stories';
  const full = Math.max(0, Math.floor(opts.full ?? STORIES_HTML_FULL));
  const csp = `default-src 'none'; style-src ${STORIES_CSS_HASH}; script-src ${STORIES_SCRIPT_HASH}; img-src data:; base-uri 'none'; form-action 'none'`;
  const stories = result.stories;
  const drawn = stories.slice(0, full);
  const rest = stories.slice(full);
  const summary = resultLine(result);
  const index = stories.length
    ? `<nav class="wrap toc" aria-labelledby="toc-h"><details${stories.length <= 30 ? ' open' : ''}><summary><h2 id="toc-h">Index of ${plural(stories.length, 'story', 'stories')}</h2></summary><ol>${stories
        .map(
          (s, i) =>
            `<li><a href="#s${i + 1}"><span dir="auto">${esc(storyTitle(s))}</span></a> <span class="ev">${s.size}</span></li>`,
        )
        .join('')}</ol></details></nav>`
    : '';
  const note = rest.length
    ? `<p class="note">This page draws the first ${plural(full, 'story', 'stories')} in full; the other ${rest.length} are <a href="#more">listed compactly</a> at the end to keep the file small.</p>`
    : '';
  const body = stories.length
    ? drawn.map((s, i) => storyHtml(s, i + 1)).join('\n')
    : '<p class="empty">No stories found in this window.</p>';
  const more = rest.length
    ? `<section id="more" class="wrap" aria-labelledby="more-h"><h2 id="more-h">More stories <span class="ev">(${rest.length}, listed compactly)</span></h2><ol class="more" start="${full + 1}">${rest
        .map((s, j) => {
          const k = full + j + 1;
          const d = dateRange(s);
          return `<li id="s${k}"><strong dir="auto">${esc(storyTitle(s))}</strong> <span class="ev">${plural(s.size, 'version')} · ${plural(s.sources.length, 'source')}${s.sources.length ? ` (${s.sources.slice(0, 4).map(esc).join(', ')}${s.sources.length > 4 ? ', …' : ''})` : ''} · ${d ? esc(d) : 'undated'} · original: <span dir="auto">${esc(s.root)}</span></span></li>`;
        })
        .join('')}</ol></section>`
    : '';
  const howTo = drawn.length
    ? `<details class="wrap howto"><summary>How to read the timelines</summary><ul class="key"><li><svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><circle class="halo" cx="12" cy="12" r="10"/><circle class="rootdot" cx="12" cy="12" r="6"/></svg> the root: the earliest version, the likely original</li><li><svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><circle class="plain" cx="12" cy="12" r="5"/></svg> a version at its publication time (UTC), numbered as in the table, one row per source</li><li><svg viewBox="0 0 40 24" width="36" height="22" aria-hidden="true"><path class="kl" d="M2 18C14 18 20 6 30 6"/><path class="ka" d="M37 6L29 2.5L29 9.5Z"/></svg> derived from: the arrow goes from the earlier version to the one based on it</li><li>versions without a publication time sit in the <em>undated</em> lane on the left</li></ul><p>Hover over or focus a dot, row or list item to light up its line of descent. Select a dot to go to its row; select an id in the table to go to its dot. <kbd>Esc</kbd> clears the highlight.</p></details>`
    : '';
  const footer = [
    `Generated by ${esc(result.generator)}${result.generator.endsWith(VERSION) ? '' : ` (report: storydiff ${VERSION})`}`,
    `format <code>${esc(result.schema)}</code>`,
    'this page makes no network requests',
  ];
  return `${htmlHead({ lang: 'en', csp, title, css: STORIES_CSS })}
<body>
<a class="skip" href="#main">Skip to the stories</a>
<header class="top"><div class="wrap"><p class="kicker">storydiff · stories over time</p><h1 dir="auto">${esc(title)}</h1><p class="meta">${esc(summary)}</p>${note}</div></header>
${index}
${howTo}
<main id="main" tabindex="-1">
${body}
</main>
${more}
<footer class="wrap">${footer.join(' · ')}</footer>
<script>${STORIES_SCRIPT}</script>
</body>
</html>
`;
}
