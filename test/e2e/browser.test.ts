/**
 * End to end in a real browser (Debian's /usr/bin/chromium driven by playwright-core): the built
 * `storydiff serve` on loopback, the web page, the shared report URL, keyboard navigation of the
 * report, and a hostile article in a written report (file://) and pasted into the page.
 *
 * Screenshots go to test-artifacts/ (git-ignored). The whole file is skipped when chromium is absent.
 */

import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, stopServe } from '../../scripts/lib/serve.js';
import { compare } from '../../src/compare/compare.js';
import { renderHtml } from '../../src/report/html.js';
import { ensureBuilt } from '../helpers/build.js';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium } from '../helpers/chromium.js';

if (!HAVE_CHROMIUM) {
  console.warn(
    `test/e2e/browser.test.ts: skipped, ${CHROMIUM} not found (install Debian's chromium package)`,
  );
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts');
const story = (name: string) => readFileSync(join(ROOT, 'test/fixtures/stories', name), 'utf8');
const WIRE = story('port-wire.txt');
const RETOLD = story('port-retold.txt');

/** An invented article about the same strike, full of text that would run if it were ever markup. */
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '"><svg onload="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '</script><script>window.__pwned=1;alert(2)</script>',
];
const HOSTILE = [
  `ROTTERDAM: Dutch Infrastructure Minister Marieke Vandersloot said on Tuesday ${PAYLOADS[0]} that talks to end the dockworkers' strike could conclude "within days".`,
  `Port director Helena Braatvik said leaflets reading ${PAYLOADS[1]} had been found at the port.`,
  `"We are closer than ever ${PAYLOADS[2]} and I expect a fair agreement soon," Vandersloot told reporters.`,
  `Union chief Pieter Okonkwo told members to ignore links such as ${PAYLOADS[3]} and <a href="javascript:window.__pwned=1">this offer</a>.`,
  `"Close it ${PAYLOADS[4]} now," Okonkwo said.`,
].join('\n\n');
const HOSTILE_TITLE = '<script>window.__pwned=1</script> "><svg onload="window.__pwned=1"> strike';

// ── the built server ─────────────────────────────────────────────────────────────────────────

// ── pages that record what they should not do ───────────────────────────────────────────────

interface Watched {
  page: Page;
  /** Console messages of type error or warning, page errors, CSP violations and dialogs. */
  problems: string[];
  /** Every request the page made. */
  requests: string[];
}

const VIEWPORT = { width: 1300, height: 900 };

/** A new page (in its own context unless one is given) that records problems and requests. */
async function watch(browser: Browser, ctx?: BrowserContext): Promise<Watched> {
  const page = ctx ? await ctx.newPage() : await browser.newPage({ viewport: VIEWPORT });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    requests.push(r.url());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`csp violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return { page, problems, requests };
}

/** Ids of the sentences currently highlighted together. */
const lit = (page: Page) =>
  page.$$eval('.col .s.hl', (els) => els.map((e) => e.id).sort((x, y) => x.localeCompare(y)));

const REPORT_URL = /\/r\/[A-Za-z0-9_-]{22}$/;

describe.skipIf(!HAVE_CHROMIUM)(`storydiff in chromium (skipped without ${CHROMIUM})`, () => {
  let browser: Browser;
  let server: { child: ChildProcess; url: string } | undefined;
  let origin: string;
  /** The report made by pasting the port articles, shared by the later tests. */
  let reportUrl: string | undefined;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const launching = launchChromium();
    try {
      ensureBuilt();
      server = await startServe(join(ROOT, 'bin/storydiff'), ['--port', '0', '--max-concurrent', '2']);
    } finally {
      browser = await launching;
    }
    origin = server.url.replace(/\/$/, '');
  }, 90_000);

  afterAll(async () => {
    await Promise.all([browser?.close(), server ? stopServe(server.child) : undefined]);
  }, 30_000);

  /** The port report: made by the first test through the page, or through the API if it did not run. */
  async function portReport(): Promise<string> {
    if (reportUrl) return reportUrl;
    const res = await fetch(`${origin}/api/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ a: { text: WIRE }, b: { text: RETOLD } }),
    });
    expect(res.status).toBe(201);
    reportUrl = `${origin}${((await res.json()) as { url: string }).url}`;
    return reportUrl;
  }

  it('compares two pasted articles and shows links, one-sided sentences, names and quotes', async () => {
    const { page, problems, requests } = await watch(browser);
    await page.goto(server!.url);
    await page.fill('#a-text', WIRE);
    await page.focus('#b-text');
    await page.keyboard.insertText(RETOLD);
    await Promise.all([page.waitForURL(REPORT_URL, { timeout: 30_000 }), page.click('#go')]);
    reportUrl = page.url();
    await page.waitForSelector('#verdict');

    expect(await page.title()).toMatch(/^storydiff: /);
    expect(await page.textContent('.rel')).toBe('Rewrite or translation');

    // Hovering or focusing a sentence lights up its counterpart, and only that.
    await page.hover('#a-0');
    expect(await lit(page)).toEqual(['a-0', 'b-0']);
    await page.hover('#a-1');
    expect(await lit(page)).toEqual(['a-1', 'b-1']);
    await page.mouse.move(0, 0);
    // a10 was split into b12 + b13 (ids are 0-based: a-9 ↔ b-11, b-12).
    await page.focus('#a-9');
    expect(await lit(page)).toEqual(['a-9', 'b-11', 'b-12']);
    await page.focus('#b-12');
    expect(await lit(page)).toEqual(['a-9', 'b-11', 'b-12']);
    expect(await page.textContent('#a-9 .pr')).toContain('b12+b13');
    // Enter brings the counterpart level and focuses it.
    await page.focus('#a-1');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('b-1');

    // One-sided sentences say so in words, and nothing else does.
    for (const id of ['a-11', 'a-12', 'b-7', 'b-8']) {
      const badge = page.locator(`#${id} > .badge`);
      expect(await badge.isVisible(), id).toBe(true);
      expect(await badge.textContent(), id).toBe(`only in ${id[0]}`);
    }
    expect(await page.$$eval('.col .s.oa', (els) => els.map((e) => e.id))).toEqual(['a-11', 'a-12']);
    expect(await page.$$eval('.col .s.ob', (els) => els.map((e) => e.id))).toEqual(['b-7', 'b-8']);
    const oneSided = ((await page.locator('#one-sided').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(oneSided).toContain('Analysts at ING said');
    expect(oneSided).toContain('Belgian Transport Minister Georges Lambertin');

    // A reconciled name with all its spellings.
    const minister = page.locator('#names .items li', { hasText: 'Marieke Vandersloot' });
    expect(await minister.count()).toBe(1);
    expect(await minister.isVisible()).toBe(true);
    const forms = await minister.locator('dl.forms dd').allInnerTexts();
    expect(forms[0]).toContain('Vandersloot');
    expect(forms[1]).toContain('Marieke Vanderslot');
    expect(forms[1]).toContain('Vandersloth');
    expect(await minister.locator('.kind').textContent()).toBe('spelt differently');
    const port = await page.locator('#names .items li', { hasText: 'Helena Braatvik' }).textContent();
    expect(port).toContain('Helena Bratvik');

    // The changed quote: reworded, "fair" struck out and "just" put in.
    const reworded = page
      .locator('#quotes .items li')
      .filter({ has: page.locator('.kind', { hasText: /^reworded$/ }) });
    expect(await reworded.count()).toBe(1);
    expect(await reworded.isVisible()).toBe(true);
    expect(await reworded.locator('del').allInnerTexts()).toContain('fair');
    expect(await reworded.locator('ins').allInnerTexts()).toContain('just');
    expect(
      await reworded.locator('a.ref').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ).toEqual(['#a-1', '#b-1']);

    await page.screenshot({ path: join(ARTIFACTS, 'e2e-report-full.png'), fullPage: true });
    await page.locator('#verdict').screenshot({ path: join(ARTIFACTS, 'e2e-verdict.png') });

    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens the report URL in a new browser context (shareable while the server runs)', async () => {
    const url = await portReport();
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    try {
      const { page, problems } = await watch(browser, ctx);
      const res = await page.goto(url);
      expect(res?.status()).toBe(200);
      expect(await page.textContent('.rel')).toBe('Rewrite or translation');
      // 13 sentences in a, 14 in b (b12 is two sentences).
      expect(await page.locator('.col-a .s').count()).toBe(13);
      expect(await page.locator('.col-b .s').count()).toBe(14);
      await page.hover('#a-9');
      expect(await lit(page)).toEqual(['a-9', 'b-11', 'b-12']);
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 30_000);

  it('reaches every entry of the change list with Tab, and every change with j', async () => {
    const url = await portReport();
    const { page, problems } = await watch(browser);
    await page.goto(url);
    const REFS = '#changes a[href^="#a-"], #changes a[href^="#b-"]';
    const hrefs = await page.$$eval(REFS, (as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(20);

    // From the top of the page, Tab until every reference has had the focus (at most 400 presses).
    const seen = new Set<number>();
    const seenHrefs = new Set<string>();
    let presses = 0;
    while (seen.size < hrefs.length && presses < 400) {
      await page.keyboard.press('Tab');
      presses++;
      const at = await page.evaluate(
        (sel) => [...document.querySelectorAll(sel)].indexOf(document.activeElement as Element),
        REFS,
      );
      if (at >= 0) {
        seen.add(at);
        seenHrefs.add(hrefs[at]);
      }
    }
    expect(seenHrefs).toEqual(new Set(hrefs));
    expect(seen.size, `${seen.size} of ${hrefs.length} references focused in ${presses} presses`).toBe(
      hrefs.length,
    );
    // Enter on a focused reference goes to the sentence.
    await page.keyboard.press('Enter');
    const target = await page.evaluate(() => document.activeElement?.id);
    expect(target).toMatch(/^[ab]-\d+$/);

    // j steps through every change in reading order, k goes back.
    // A fresh load without the fragment the click above put in the URL (j continues from there).
    await page.goto(url);
    expect(page.url()).toBe(url);
    const tour = await page.evaluate(
      () => (JSON.parse(document.getElementById('data')!.textContent!) as { tour: string[] }).tour,
    );
    const changed = await page.evaluate(() => {
      const d = JSON.parse(document.getElementById('data')!.textContent!) as {
        links: { a: number[]; type: string; moved: boolean }[];
      };
      const ids = d.links.filter((l) => l.type !== 'identical' || l.moved).map((l) => `a-${l.a[0]}`);
      for (const el of document.querySelectorAll('.col .s.oa, .col .s.ob')) ids.push(el.id);
      return ids;
    });
    expect(new Set(tour)).toEqual(new Set(changed));
    for (const id of ['a-9', 'a-11', 'a-12', 'b-7', 'b-8']) expect(tour).toContain(id);
    const visited: string[] = [];
    for (let i = 0; i < tour.length; i++) {
      await page.keyboard.press('j');
      visited.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(visited).toEqual(tour);
    expect(await page.textContent('#status')).toMatch(
      new RegExp(`^Change ${tour.length} of ${tour.length} `),
    );
    await page.keyboard.press('k');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(tour[tour.length - 2]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('has probes that do see injected script, dialogs, requests and CSP violations (control)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storydiff-e2e-'));
    try {
      const raw = join(dir, 'raw.html');
      writeFileSync(raw, `<!doctype html><p>${PAYLOADS.slice(0, 2).join(' ')}</p>`);
      const guarded = join(dir, 'guarded.html');
      writeFileSync(
        guarded,
        `<!doctype html><meta http-equiv="Content-Security-Policy" content="script-src 'none'"><p>${PAYLOADS[0]}</p>`,
      );
      const a = await watch(browser);
      await a.page.goto(pathToFileURL(raw).href);
      await a.page.waitForTimeout(300);
      expect(await a.page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBe(1);
      expect(a.problems).toContain('dialog: alert 1');
      expect(a.requests).toContain(pathToFileURL(join(dir, 'x')).href);
      const b = await watch(browser);
      await b.page.goto(pathToFileURL(guarded).href);
      await b.page.waitForTimeout(300);
      expect(await b.page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(b.problems.some((p) => p.includes('csp violation'))).toBe(true);
      await Promise.all([a.page.close(), b.page.close()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('runs no injected script in a written HTML report opened from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storydiff-e2e-'));
    try {
      const file = join(dir, 'hostile.html');
      writeFileSync(
        file,
        renderHtml(
          compare(
            { text: HOSTILE, title: HOSTILE_TITLE, source: '"><svg onload="window.__pwned=1">.txt' },
            { text: RETOLD, source: 'port-retold.txt' },
          ),
        ),
      );
      const fileUrl = pathToFileURL(file).href;
      const { page, problems, requests } = await watch(browser);
      await page.goto(fileUrl);
      await page.waitForSelector('#verdict');
      // Let anything that might run (timers, image errors) have its chance.
      await page.hover('#a-0');
      await page.keyboard.press('j');
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(problems).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('data:'))).toEqual([fileUrl]);
      // Only the report's own two scripts; no injected elements or handlers.
      expect(await page.locator('script').count()).toBe(2);
      expect(await page.locator('img, iframe, object, embed, .col svg').count()).toBe(0);
      expect(
        await page.evaluate(
          () =>
            [...document.querySelectorAll('*')].filter((e) =>
              [...e.attributes].some((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value)),
            ).length,
        ),
      ).toBe(0);
      // The hostile text is shown, as text.
      const col = await page.locator('.col-a').textContent();
      for (const p of PAYLOADS) expect(col).toContain(p);
      expect(await page.locator('h1').textContent()).toBe(`${HOSTILE_TITLE} vs port-retold.txt`);
      expect(await page.getByText(PAYLOADS[0]).first().isVisible()).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-hostile-file.png'), fullPage: true });
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs no injected script when the hostile article is pasted into the served page', async () => {
    const { page, problems, requests } = await watch(browser);
    await page.goto(server!.url);
    await page.fill('#a-text', HOSTILE);
    await page.fill('#a-title', HOSTILE_TITLE);
    await page.fill('#b-text', RETOLD);
    await Promise.all([page.waitForURL(REPORT_URL, { timeout: 30_000 }), page.click('#go')]);
    await page.waitForSelector('#verdict');
    await page.hover('#a-0');
    await page.keyboard.press('j');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'))).toEqual([]);
    // No request for the injected image (it would be <origin>/r/x or <origin>/x).
    expect(requests.filter((u) => /\/x$/.test(u))).toEqual([]);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('img, iframe, object, embed, .col svg').count()).toBe(0);
    const col = await page.locator('.col-a').textContent();
    for (const p of PAYLOADS) expect(col).toContain(p);
    expect(await page.locator('h1').textContent()).toContain(HOSTILE_TITLE);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-hostile-served.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
