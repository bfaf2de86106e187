import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  STORIES_CSS,
  STORIES_CSS_HASH,
  STORIES_SCRIPT,
  STORIES_SCRIPT_HASH,
} from '../../src/report/stories-assets.js';
import { renderStoriesHtml, timeTicks } from '../../src/report/stories-html.js';
import { renderStoriesMarkdown } from '../../src/report/stories-markdown.js';
import { renderStoriesTerminal } from '../../src/report/stories-terminal.js';
import { HAVE_CHROMIUM, launchChromium, watchedFilePage } from '../helpers/chromium.js';
import { hostile, port, result, story, v } from './story-fixtures.js';

const dom = (html: string) => parseHTML(html).document;

describe('helpers', () => {
  it('makes a handful of readable ticks at any scale', () => {
    const t0 = Date.UTC(2024, 2, 5, 9, 30);
    for (const span of [
      20 * 60e3,
      5 * 3600e3,
      3 * 86400e3,
      40 * 86400e3,
      400 * 86400e3,
      20 * 365 * 86400e3,
    ]) {
      const ticks = timeTicks(t0, t0 + span);
      expect(ticks.length).toBeGreaterThanOrEqual(1);
      expect(ticks.length).toBeLessThanOrEqual(8);
      for (const t of ticks) expect(t.t >= t0 && t.t <= t0 + span).toBe(true);
    }
    expect(timeTicks(t0, t0 + 5 * 3600e3).map((t) => t.label)).toEqual([
      'Mar 5 10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
    ]);
    expect(timeTicks(Date.UTC(2024, 0, 15), Date.UTC(2024, 5, 15)).map((t) => t.label)).toEqual([
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
  });
});

describe('renderStoriesHtml', () => {
  const hostileHtml = renderStoriesHtml(result([hostile(), port()]), { title: '<b>Week</b> "10"' });

  it('is one self-contained page whose CSP allows exactly its style and script by hash', () => {
    const html = renderStoriesHtml(result([port()]));
    const doc = dom(html);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1];
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1];
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
    expect(style).toBe(STORIES_CSS);
    expect(script).toBe(STORIES_SCRIPT);
    expect(hash(style)).toBe(STORIES_CSS_HASH);
    expect(hash(script)).toBe(STORIES_SCRIPT_HASH);
    expect(csp).toBe(
      `default-src 'none'; style-src ${hash(style)}; script-src ${hash(script)}; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(doc.querySelectorAll('style').length).toBe(1);
    expect(doc.querySelectorAll('script').length).toBe(1);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(STORIES_CSS).toContain('prefers-color-scheme:dark');
    expect(STORIES_CSS).toContain('@media print');
    expect(STORIES_CSS).toContain('prefers-reduced-motion');
  });

  it('makes no external requests', () => {
    for (const html of [renderStoriesHtml(result([port()])), hostileHtml]) {
      expect(html).not.toMatch(/\b(src|xlink:href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:)?\/\//i);
      expect(html).not.toMatch(/url\(\s*['"]?\s*(https?:|\/\/)/i);
      expect(html).not.toMatch(/@import|@font-face/i);
      const doc = dom(html);
      expect(doc.querySelectorAll('img,iframe,object,embed,link[rel=stylesheet],image,use').length).toBe(0);
    }
  });

  it('draws a header, a timeline, a tree and a table per story', () => {
    const doc = dom(renderStoriesHtml(result([port()]), { title: 'This week' }));
    expect(doc.querySelector('title')!.textContent).toBe('storydiff: This week');
    expect(doc.querySelector('h1')!.textContent).toBe('This week');
    const sec = doc.getElementById('s1')!;
    expect(sec.querySelector('h2')!.textContent).toContain('Port strike ends');
    const meta = sec.querySelector('.meta')!.textContent!;
    expect(meta).toContain('5 versions');
    expect(meta).toContain('4 sources: News A, Example Wire, News B, News C');
    expect(meta).toContain('2024-03-05 09:30 → 2024-03-06 12:00');
    const svg = sec.querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).toContain('5 versions from 4 sources');
    // One focusable dot per version, each linking to its row, each row's id linking back.
    const dots = [...svg.querySelectorAll('a.dot')];
    expect(dots.length).toBe(5);
    dots.forEach((d, i) => {
      expect(d.getAttribute('id')).toBe(`s1-d${i}`);
      expect(d.getAttribute('href')).toBe(`#s1-v${i}`);
      expect(d.querySelector('title')!.textContent).toContain(port().versions[i].id);
      const row = doc.getElementById(`s1-v${i}`)!;
      expect(row.tagName).toBe('TR');
      expect(row.querySelector(`a[href="#s1-d${i}"]`)!.textContent).toBe(port().versions[i].id);
    });
    // The root is ringed; one arrow per version with a parent, into the right child.
    expect(dots[1].getAttribute('class')).toBe('dot root');
    expect(dots[1].querySelector('.halo')).not.toBeNull();
    expect(doc.querySelector('tr.root')!.id).toBe('s1-v1');
    const edges = [...svg.querySelectorAll('.e')].map((e) => e.getAttribute('data-e'));
    expect(edges.sort()).toEqual(['1-0', '1-2', '1-3', '1-4']);
    expect(dots[3].getAttribute('data-p')).toBe('1-2');
    // Time axis with labelled ticks; the undated version sits in its own labelled lane on the left.
    expect([...svg.querySelectorAll('.ax text')].map((t) => t.textContent)).toContain('Mar 6 00:00');
    expect([...svg.querySelectorAll('text.lh')].map((t) => t.textContent)).toContain('undated');
    const lane = svg.querySelector('rect.ul')!;
    const laneEnd = Number(lane.getAttribute('x')) + Number(lane.getAttribute('width'));
    const cx = (i: number) => Number(dots[i].querySelector('circle:not(.halo)')!.getAttribute('cx'));
    expect(cx(0)).toBeLessThan(laneEnd);
    for (const i of [1, 2, 3, 4]) expect(cx(i)).toBeGreaterThan(laneEnd);
    expect(cx(1)).toBeLessThan(cx(2));
    expect(cx(2)).toBeLessThan(cx(3));
    expect(cx(3)).toBeLessThan(cx(4));
    // The text alternative: the tree as nested lists, root first.
    const tree = sec.querySelector('ul.tree')!;
    const top = [...tree.children].map((li) => li.querySelector('a')!.textContent);
    expect(top).toEqual(['2. Example Wire']);
    const kids = [...tree.querySelector('li > ul')!.children].map((li) => li.querySelector('a')!.textContent);
    expect(kids).toEqual(['1. News A', '3. News A', '5. News C']);
    expect(tree.querySelector('li > ul > li > ul > li > a')!.textContent).toBe('4. News B');
    // Table rows in publication order with dates, sources, parents and links.
    const rows = [...sec.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelectorAll('td')[2].querySelector('a')!.textContent)).toEqual([
      'rewrite-undated',
      'wire-1',
      'a-1',
      'b-1',
      'c-1',
    ]);
    expect(rows[0].querySelectorAll('td')[1].textContent).toBe('undated');
    expect(rows[2].querySelector('time')!.getAttribute('datetime')).toBe('2024-03-05T11:00:00.000Z');
    expect(rows[3].querySelectorAll('td')[5].querySelector('a')!.getAttribute('href')).toBe('#s1-v2');
    expect(rows[2].querySelectorAll('td')[4].querySelector('a')!.getAttribute('href')).toBe(
      'https://example.org/a-1',
    );
  });

  it('keeps every internal link pointing at an element, with unique ids', () => {
    const doc = dom(hostileHtml);
    const all = [...doc.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(all).size).toBe(all.length);
    for (const a of doc.querySelectorAll('a[href^="#"]'))
      expect(doc.getElementById(a.getAttribute('href')!.slice(1)), a.getAttribute('href')!).not.toBeNull();
  });

  it('shows hostile text as text and links only http(s) URLs', () => {
    const doc = dom(hostileHtml);
    expect(doc.querySelectorAll('script').length).toBe(1);
    expect(doc.querySelectorAll('svg [onload], [onerror], img, b, foreignObject').length).toBe(0);
    expect(doc.querySelector('title')!.textContent).toBe('storydiff: <b>Week</b> "10"');
    expect(doc.querySelector('#s1 h2')!.textContent).toContain('</title><script>alert(6)</script>');
    expect(doc.querySelector('#s1 .meta')!.textContent).toContain('"><svg onload=alert(3)>');
    const rows = [...doc.querySelectorAll('#s1 tbody tr')];
    expect(rows[0].textContent).toContain('<img src=x onerror=alert(4)>');
    expect(rows[0].textContent).toContain('javascript:alert(5)');
    expect(rows[2].textContent).toContain('not a date <b>');
    expect(rows[2].textContent).toContain('elsewhere <script> (not in this story)');
    for (const a of doc.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href')!;
      expect(href.startsWith('#') || /^https?:\/\//.test(href), href).toBe(true);
    }
    expect(rows[1].querySelector('a[href^="http"]')!.getAttribute('href')).toBe(
      'https://example.org/a(b)|c%20d%3Ce%3E',
    );
    expect(hostileHtml).not.toContain('\x1b');
  });

  it('handles a story with no publication times', () => {
    const s = story([v('x', undefined, 'S'), v('y', undefined, 'S', 'x'), v('z', undefined, undefined, 'x')]);
    const doc = dom(renderStoriesHtml(result([s])));
    const svg = doc.querySelector('svg.tl')!;
    expect(svg.querySelectorAll('a.dot').length).toBe(3);
    expect(svg.querySelectorAll('.ax').length).toBe(0);
    expect(svg.textContent).toContain('no publication times');
    expect(svg.textContent).toContain('(no source)');
    expect(doc.querySelector('#s1 .meta')!.textContent).toContain('undated');
    const pos = [...svg.querySelectorAll('a.dot circle:not(.halo)')].map(
      (c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`,
    );
    expect(new Set(pos).size).toBe(3);
  });

  it('copes with a very deep chain of rewrites and with a story without versions', () => {
    const chain = Array.from({ length: 3000 }, (_, i) =>
      v(
        `v${i}`,
        new Date(Date.UTC(2024, 0, 1) + i * 60e3).toISOString(),
        `S${i % 7}`,
        i ? `v${i - 1}` : undefined,
      ),
    );
    const r = result([story(chain), story([v('x', undefined, 'S')], { versions: [], size: 0 })]);
    const html = renderStoriesHtml(r);
    expect(html.split('<ul').length).toBe(html.split('</ul>').length);
    const tree = dom(html).querySelector('#s1 ul.tree')!;
    expect(tree.querySelectorAll('li').length).toBe(3000);
    expect(tree.querySelector('li > ul > li > ul > li > a')!.textContent).toBe('3. S2');
    expect(renderStoriesMarkdown(r)).toContain(`${'  '.repeat(2999)}- **v2999**`);
    expect(renderStoriesTerminal(r)).toContain('└─ v2999');
    expect(dom(html).querySelectorAll('#s2 a.dot').length).toBe(0);
  });

  it('says when there are no stories', () => {
    const doc = dom(renderStoriesHtml(result([], { omitted: 0 })));
    expect(doc.querySelector('.empty')!.textContent).toBe('No stories found in this window.');
    expect(doc.querySelectorAll('svg.tl').length).toBe(0);
  });

  it('draws the first stories in full, lists the rest compactly and says so, at a reasonable size', () => {
    const t0 = Date.UTC(2024, 2, 1);
    const stories = Array.from({ length: 500 }, (_, k) => {
      const n = 2 + (k % 7);
      const vs = Array.from({ length: n }, (_, i) =>
        v(
          `https://news${i % 4}.example.org/2024/03/${k}/story-${i}.html`,
          new Date(t0 + k * 3600e3 + i * 1700e3).toISOString(),
          `Outlet ${i % 4}`,
          i
            ? `https://news${Math.floor((i - 1) / 2) % 4}.example.org/2024/03/${k}/story-${Math.floor((i - 1) / 2)}.html`
            : undefined,
          { title: `Headline ${k}: the port strike enters its ${i + 1}th day as talks resume` },
        ),
      );
      return story(vs, { story: k });
    });
    const html = renderStoriesHtml(result(stories));
    const doc = dom(html);
    expect(doc.querySelectorAll('section.story').length).toBe(200);
    expect(doc.querySelectorAll('svg.tl').length).toBe(200);
    expect(doc.querySelectorAll('#more li').length).toBe(300);
    expect(doc.querySelector('#more ol')!.getAttribute('start')).toBe('201');
    expect(doc.querySelector('.note')!.textContent).toContain('first 200 stories in full; the other 300');
    expect(doc.querySelectorAll('.toc li').length).toBe(500);
    expect(doc.getElementById('s500')).not.toBeNull();
    expect(Buffer.byteLength(html)).toBeLessThan(2_000_000);
    // A smaller cut is honoured too.
    expect(
      dom(renderStoriesHtml(result(stories.slice(0, 12)), { full: 10 })).querySelectorAll('svg.tl').length,
    ).toBe(10);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('renderStoriesHtml in a browser', () => {
  it('runs its script under its CSP, with no violations or requests, and is keyboard usable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storydiff-stories-'));
    const file = join(dir, 'stories.html');
    writeFileSync(file, renderStoriesHtml(result([hostile(), port()])));
    const browser = await launchChromium();
    try {
      const { page, problems, requests } = await watchedFilePage(browser);
      await page.goto(`file://${file}`);
      // Hovering b-1 lights up its line of descent: b-1 ← a-1 ← wire-1, and not c-1.
      await page.hover('#s2-d3');
      const lit = await page.$$eval('tr.hl', (rs) => rs.map((r) => r.id));
      expect(lit.sort()).toEqual(['s2-v1', 's2-v2', 's2-v3']);
      expect(await page.$$eval('.e.hl', (es) => es.map((e) => e.getAttribute('data-e')).sort())).toEqual([
        '2-2',
        '2-3',
      ]);
      // A dot is a focusable link to its row; the row's id links back to the dot.
      await page.focus('#s2-d3');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('s2-v3');
      await page.click('#s2-v3 a[href="#s2-d3"]');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('s2-d3');
      await page.keyboard.press('Escape');
      expect(await page.$$eval('.hl', (xs) => xs.length)).toBe(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
