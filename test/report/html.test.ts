import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { program } from '../../src/cli/main.js';
import { compare } from '../../src/compare/compare.js';
import type { Comparison } from '../../src/compare/types.js';
import { escapeHtml, renderHtml } from '../../src/report/html.js';
import { VERSION } from '../../src/version.js';
import { HAVE_CHROMIUM, launchChromium, watchedFilePage } from '../helpers/chromium.js';
import { portComparison, story } from './helpers.js';

const dom = (html: string) => parseHTML(html).document;
const ids = (doc: Document) => new Set([...doc.querySelectorAll('[id]')].map((e) => e.id));
const data = (doc: Document) =>
  JSON.parse(doc.getElementById('data')!.textContent!) as {
    links: { a: number[]; b: number[]; type: string; moved: boolean }[];
    tour: string[];
  };

/** The wire story against itself with one paragraph moved to the top: one moved link. */
function movedComparison(): Comparison {
  const paras = story('port-wire.txt').split('\n').filter(Boolean);
  const b = [paras[0], paras[9], ...paras.slice(1, 9), ...paras.slice(10)].join('\n\n');
  return compare({ text: story('port-wire.txt'), source: 'wire.txt' }, { text: b, source: 'moved.txt' });
}

const PAYLOAD = `<script>alert(1)</script><img src=x onerror=alert(1)>"><svg onload=alert(1)>'javascript:alert(1)&</script>`;

const HOSTILE_A = [
  'The council met on <script>alert(1)</script> Monday to discuss the harbour budget.',
  'Residents found <img src=x onerror=alert(1)> posters at the town hall, officials said.',
  '"We will not pay for this "><svg onload=alert(1)> scheme," said Helga Marstrand.',
  '"Close it </script><script>alert(2)</script> now," Marstrand told reporters.',
  "Visit javascript:alert(3) or http://evil.example/x.png for the plan & the 'details'.",
].join('\n\n');

const HOSTILE_B = [
  'The council met on <script>alert(1)</script> Tuesday to discuss the harbour budget.',
  '"Close it </script><script>alert(2)</script> today," Helga Marstrand told reporters.',
  'Residents found <img src=x onerror=alert(1)> leaflets at the town hall, officials said.',
  'Marstrand said she would not pay for this "><svg onload=alert(1)> scheme.',
  '<a href="javascript:alert(4)">the plan</a> is at https://evil.example/plan.',
].join('\n\n');

function hostile(): Comparison {
  return compare(
    {
      text: HOSTILE_A,
      title: '<script>alert(5)</script> & "title"',
      source: '"><svg onload=alert(6)>.txt',
      byline: "</title><script>alert(7)</script>'",
      date: '2024-01-20',
    },
    { text: HOSTILE_B, source: 'javascript:alert(8)' },
  );
}

/** Every string in the comparison (except the schema id) with the payload appended. */
function poisoned(cmp: Comparison): Comparison {
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'string') return key === 'schema' ? v : v + PAYLOAD;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(cmp, '') as Comparison;
}

/** Raw-text checks that do not trust a parser: our own markup is the only markup. */
function assertInert(html: string): void {
  // Exactly two script elements: the JSON data block and the report's own script.
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(scripts).toEqual(['<script type="application/json" id="data">', '<script>']);
  expect(html.match(/<\/script/gi)).toHaveLength(2);
  expect(html.match(/<style\b/gi)).toHaveLength(1);
  // Tags outside the style and script bodies carry no handlers, styles or script URLs.
  const markup = html
    .replace(/<style>[\s\S]*?<\/style>/, '<style></style>')
    .replace(/<script>[\s\S]*?<\/script>/, '<script></script>');
  const tags = markup.match(/<[a-zA-Z][^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(50);
  for (const t of tags) {
    expect(t).not.toMatch(/\son\w+\s*=/i);
    expect(t).not.toMatch(/\sstyle\s*=/i);
    expect(t).not.toMatch(/(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:/i);
    expect(t).not.toMatch(/^<(img|iframe|object|embed|form|base|link(?![^>]*href="data:,"))\b/i);
  }
  // The data block cannot end early.
  const json = html.match(/<script type="application\/json" id="data">([\s\S]*?)<\/script>/)![1];
  expect(json).not.toContain('<');
  expect(() => JSON.parse(json)).not.toThrow();
}

/** Parser-level checks on the DOM a browser would build. */
function assertInertDom(html: string): void {
  const doc = dom(html);
  expect(doc.querySelectorAll('script')).toHaveLength(2);
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      expect(attr.name).not.toMatch(/^on/i);
      expect(attr.name).not.toBe('style');
      if (/^(href|src|xlink:href|action)$/i.test(attr.name)) expect(attr.value).toMatch(/^(#[\w-]*|data:,)$/);
    }
  }
  for (const tag of ['img', 'iframe', 'object', 'embed', 'form', 'base'])
    expect(doc.querySelector(tag)).toBeNull();
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter and drops control characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(escapeHtml('Talks resumed on Monday')).toBe('Talks resumed on Monday');
  });
});

describe('renderHtml structure', () => {
  const cmp = portComparison();
  const html = renderHtml(cmp);
  const doc = dom(html);

  it('is one UTF-8 document in the article language, with the verdict first', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(doc.querySelector('title')!.textContent).toBe(
      'storydiff: Port strike could end within days vs retold.txt',
    );
    expect(doc.querySelector('.rel')!.textContent).toBe('Rewrite or translation');
    const at = (id: string) => html.indexOf(`id="${id}"`);
    expect(at('verdict')).toBeLessThan(at('changes'));
    expect(at('changes')).toBeLessThan(at('text'));
    expect(at('text')).toBeLessThan(at('links'));
    // The verdict shows every figure of the terminal's.
    const verdict = doc.getElementById('verdict')!.textContent!;
    for (const s of [
      cmp.scores.overall.toFixed(2),
      `${Math.round(cmp.scores.containment.aInB * 100)}%`,
      `${Math.round(cmp.scores.containment.bInA * 100)}%`,
      cmp.scores.semeval.toFixed(2),
      cmp.derivation.confidence.toFixed(2),
      'b is likely derived from a',
      ...cmp.derivation.reasons,
    ])
      expect(verdict).toContain(s);
  });

  it('has a skip link first and a footer with the version and the schema', () => {
    const first = doc.querySelector('body a')!;
    expect(first.getAttribute('href')).toBe('#changes');
    expect(first.className).toBe('skip');
    const footer = doc.querySelector('footer')!.textContent!;
    expect(footer).toContain(`storydiff ${VERSION}`);
    expect(footer).toContain('storydiff/comparison@1');
  });

  it('puts each article in its own column, paragraph by paragraph, every sentence focusable', () => {
    expect(doc.querySelectorAll('article.col')).toHaveLength(2);
    for (const side of ['a', 'b'] as const) {
      const col = doc.querySelector(`article.col-${side}`)!;
      const sentences = cmp[side].sentences;
      const els = col.querySelectorAll('.s');
      expect(els).toHaveLength(sentences.length);
      sentences.forEach((s, i) => {
        const el = els[i];
        expect(el.id).toBe(`${side}-${i}`);
        expect(el.getAttribute('tabindex')).toBe('0');
        expect(el.querySelector('[dir="auto"]')!.textContent).toBe(s.text);
      });
      const paras = new Set(sentences.map((s) => s.paragraph)).size;
      expect(col.querySelectorAll('p')).toHaveLength(paras);
    }
    expect(doc.querySelectorAll('[id]').length).toBe(ids(doc).size);
  });

  it('gives the script every link, and every sentence a link names exists', () => {
    const d = data(doc);
    const known = ids(doc);
    expect(d.links.map((l) => [l.a, l.b, l.type, l.moved])).toEqual(
      cmp.alignment.map((l) => [l.a, l.b, l.type, l.moved]),
    );
    for (const l of d.links) {
      for (const i of l.a) expect(known.has(`a-${i}`)).toBe(true);
      for (const j of l.b) expect(known.has(`b-${j}`)).toBe(true);
    }
    for (const id of d.tour) expect(known.has(id)).toBe(true);
    // The tour visits every one-sided sentence.
    for (const i of cmp.onlyA) expect(d.tour).toContain(`a-${i}`);
    for (const j of cmp.onlyB) expect(d.tour).toContain(`b-${j}`);
  });

  it('labels one-sided sentences in words, not colour alone', () => {
    expect(cmp.onlyA.length + cmp.onlyB.length).toBeGreaterThan(0);
    for (const [side, idx] of [
      ['a', cmp.onlyA],
      ['b', cmp.onlyB],
    ] as const) {
      for (const i of idx) {
        const el = doc.getElementById(`${side}-${i}`)!;
        expect(el.classList.contains(`o${side}`)).toBe(true);
        expect(el.querySelector('.badge')!.textContent).toBe(`only in ${side}`);
      }
    }
    const linked = doc.getElementById(`a-${cmp.alignment[0].a[0]}`)!;
    expect(linked.querySelector('.badge')).toBeNull();
  });

  it('marks word changes inside linked sentences and keeps their full text', () => {
    const l = cmp.alignment.find((x) => x.diff.some((o) => o.op === 'delete') && x.a.length === 1)!;
    const a = doc.getElementById(`a-${l.a[0]}`)!;
    const del = [...a.querySelectorAll('del')].map((e) => e.textContent).join(' ');
    expect(del).toContain(l.diff.find((o) => o.op === 'delete')!.text.split(' ')[0]);
    expect(a.querySelector('[dir="auto"]')!.textContent).toBe(cmp.a.sentences[l.a[0]].text);
    const b = doc.getElementById(`b-${l.b[0]}`)!;
    expect(b.querySelectorAll('del')).toHaveLength(0);
    // Identical links are plain text.
    const same = movedComparison();
    const sdoc = dom(renderHtml(same));
    expect(sdoc.querySelectorAll('.col del, .col ins')).toHaveLength(0);
  });

  it('marks moved sentences with a visible badge on both sides', () => {
    const mv = movedComparison();
    const moved = mv.alignment.filter((l) => l.moved);
    expect(moved.length).toBeGreaterThan(0);
    const mdoc = dom(renderHtml(mv));
    for (const l of mv.alignment) {
      for (const id of [...l.a.map((i) => `a-${i}`), ...l.b.map((j) => `b-${j}`)]) {
        const badge = mdoc.getElementById(id)!.querySelector('.badge.mv');
        if (l.moved) expect(badge!.textContent).toContain('moved');
        else expect(badge).toBeNull();
      }
    }
    expect(mdoc.querySelectorAll('path.band.mv')).toHaveLength(moved.length);
  });

  it('notes a name one version spells two ways on the item of that person, once', () => {
    const names = doc.getElementById('names')!;
    const items = [...names.querySelectorAll('.items li')].filter((li) =>
      li.textContent!.includes('Marieke Vandersloot'),
    );
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toContain(
      'Spelt inconsistently within b itself: Marieke Vanderslot, Vandersloth',
    );
    expect(names.querySelector('h3')!.textContent).toMatch(/1 inconsistent within a version/);
  });

  it('gives a name spelt inconsistently in one version only an item of its own', () => {
    const one = compare(
      'Foreign Minister Annalena Berbock arrived in Rome on Monday. Bairbock said the talks were urgent.',
      'Foreign Minister Annalena Berbock arrived in Rome on Monday. Berbock said the talks were urgent.',
    );
    const item = [...dom(renderHtml(one)).querySelectorAll('#names .items li')];
    expect(item).toHaveLength(1);
    expect(item[0].textContent).toContain('spelt inconsistently in a');
    expect(item[0].textContent).toContain('Annalena Berbock, Bairbock');
  });

  it('links every entry of the change list to a sentence that exists', () => {
    const known = ids(doc);
    const changes = doc.getElementById('changes')!;
    const hrefs = [...changes.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(20);
    for (const h of hrefs) expect(known.has(h.slice(1))).toBe(true);
    for (const h of [...doc.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')!))
      expect(known.has(h.slice(1))).toBe(true);
    // Each kind of change the terminal lists is here, linked to its sentences.
    const items = [...changes.querySelectorAll('li')];
    const linkedTo = (text: string, id: string) =>
      items.some((li) => li.textContent!.includes(text) && li.querySelector(`a[href="#${id}"]`));
    for (const c of cmp.changes.filter((x) => x.kind !== 'name'))
      expect(linkedTo(c.message, `a-${c.sentences.a[0]}`)).toBe(true);
    for (const e of cmp.entities.filter((x) => x.variants)) {
      expect(linkedTo(e.name, `a-${e.mentions.a[0].sentence}`)).toBe(true);
      for (const f of [...e.forms.a, ...e.forms.b]) expect(changes.textContent).toContain(f);
    }
    for (const q of cmp.quotes.filter((x) => x.a))
      expect(linkedTo(q.a!.text, `a-${q.a!.sentence}`)).toBe(true);
    for (const i of cmp.onlyA) expect(linkedTo(cmp.a.sentences[i].text, `a-${i}`)).toBe(true);
    for (const j of cmp.onlyB) expect(linkedTo(cmp.b.sentences[j].text, `b-${j}`)).toBe(true);
    const dims = doc.getElementById('dimensions')!.textContent!;
    for (const v of Object.values(cmp.scores.dimensions)) {
      expect(dims).toContain(v.score.toFixed(2));
      for (const s of [...v.shared, ...v.onlyA, ...v.onlyB]) expect(dims).toContain(s);
    }
  });

  it('draws a map with a block per sentence, a band per link and a text alternative', () => {
    const svg = doc.querySelector('.map svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(doc.getElementById('map-d')!.textContent).toContain(`${cmp.alignment.length} links`);
    const blocks = svg.querySelectorAll('rect.blk');
    expect(blocks).toHaveLength(cmp.a.sentences.length + cmp.b.sentences.length);
    for (const r of blocks)
      expect(r.parentElement!.getAttribute('href')).toBe(`#${r.getAttribute('data-for')}`);
    expect(svg.querySelectorAll('path.band')).toHaveLength(cmp.alignment.length);
    expect(svg.querySelectorAll('rect.blk.oa')).toHaveLength(cmp.onlyA.length);
  });

  it('is deterministic, uses the title option and stays small', () => {
    expect(renderHtml(cmp)).toBe(html);
    const titled = renderHtml(cmp, { title: 'Wire vs rewrite' });
    expect(titled).toContain('<title>storydiff: Wire vs rewrite</title>');
    expect(Buffer.byteLength(html)).toBeLessThan(80_000);
  });
});

describe('renderHtml safety', () => {
  it('allows exactly its own style and script by hash in the CSP', () => {
    const html = renderHtml(portComparison());
    const csp = dom(html)
      .querySelector('meta[http-equiv="Content-Security-Policy"]')!
      .getAttribute('content')!;
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1];
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1];
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
    expect(csp).toBe(
      `default-src 'none'; style-src ${hash(style)}; script-src ${hash(script)}; img-src data:; base-uri 'none'; form-action 'none'`,
    );
  });

  it('makes no external requests', () => {
    for (const html of [renderHtml(portComparison()), renderHtml(hostile())]) {
      expect(html).not.toMatch(/\b(src|href|xlink:href|action|srcset|poster)\s*=\s*["']?\s*(https?:)?\/\//i);
      expect(html).not.toMatch(/url\(\s*['"]?\s*(https?:|\/\/)/i);
      expect(html).not.toMatch(/@import/i);
      expect(html).not.toMatch(/@font-face/i);
      // The only http(s) text is the article's own, escaped, inside a sentence.
      const doc = dom(html);
      for (const el of doc.querySelectorAll('[href],[src]'))
        expect(el.getAttribute('href') ?? el.getAttribute('src')).not.toMatch(/^(https?:)?\/\//);
    }
  });

  it('escapes a hostile article everywhere it appears', () => {
    const cmp = hostile();
    const html = renderHtml(cmp);
    assertInert(html);
    assertInertDom(html);
    // The text is still there, as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    const doc = dom(html);
    expect(doc.querySelector('title')!.textContent).toContain('<script>alert(5)</script> & "title"');
    expect(doc.querySelector('header')!.textContent).toContain("</title><script>alert(7)</script>'");
    expect(doc.getElementById('a-0')!.textContent).toContain('<script>alert(1)</script>');
  });

  it('escapes every string field of a comparison, even enums and names', () => {
    const cmp = poisoned(portComparison());
    const html = renderHtml(cmp, { title: PAYLOAD });
    assertInert(html);
    assertInertDom(html);
    expect(html).toContain('<html lang="und">');
    const doc = dom(html);
    expect(doc.querySelector('h1')!.textContent).toBe(PAYLOAD);
    expect(doc.getElementById('changes')!.textContent).toContain(cmp.entities[1].evidence[0]);
  });
});

describe('storydiff compare --format html', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storydiff-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const root = new URL('../../', import.meta.url).pathname;
  const wire = join(root, 'test/fixtures/stories/port-wire.txt');
  const retold = join(root, 'test/fixtures/stories/port-retold.txt');

  it('writes the report to -o and to stdout without it', async () => {
    const out = join(dir, 'report.html');
    await program().parseAsync(
      ['node', 'storydiff', 'compare', wire, retold, '--format', 'html', '-o', out],
      {
        from: 'node',
      },
    );
    const file = readFileSync(out, 'utf8');
    expect(file.startsWith('<!doctype html>')).toBe(true);
    assertInert(file);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await program().parseAsync(['node', 'storydiff', 'compare', wire, retold, '--format', 'html'], {
        from: 'node',
      });
      expect(String(write.mock.calls[0][0])).toBe(file);
    } finally {
      write.mockRestore();
    }
  });
});

describe.skipIf(!HAVE_CHROMIUM)('renderHtml in a browser', () => {
  it('runs its script under its CSP, with no violations or requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storydiff-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(hostile()));
    const browser = await launchChromium();
    try {
      const { page, problems, requests } = await watchedFilePage(browser);
      await page.goto(`file://${file}`);
      await page.hover('#a-0');
      expect(await page.$eval('#b-0', (e) => e.classList.contains('hl'))).toBe(true);
      await page.focus('#a-0');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('b-0');
      await page.keyboard.press('j');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('s'))).toBe(true);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
