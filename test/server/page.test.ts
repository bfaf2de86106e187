import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { HAVE_CHROMIUM, launchChromium } from '../helpers/chromium.js';

const TOKEN = 'page-test-token';

const A =
  'The council met on <b>Monday</b> & approved the harbour budget. "It is fair," said Mayor Ilse Varga.';
const B_HTML = `<!doctype html><html lang="en"><head><title>Budget approved</title></head><body><article>
<h1>Budget approved</h1><p>On Monday the harbour budget was approved by the council.</p>
<p>Mayor Ilse Varga called the plan fair and said work would begin in spring.</p></article></body></html>`;

describe.skipIf(!HAVE_CHROMIUM)('the start page in a browser', () => {
  let browser: Browser;
  let open: RunningServer;
  let guarded: RunningServer;

  beforeAll(async () => {
    [browser, open, guarded] = await Promise.all([
      launchChromium(),
      startServer({ port: 0, maxConcurrent: 1 }),
      startServer({ port: 0, maxConcurrent: 1, token: TOKEN }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), open?.close(), guarded?.close()]);
  });

  /** A page that records console errors, CSP violations, dialogs and requests to other origins. */
  async function newPage(origin: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`csp: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    return { page, problems };
  }

  it('compares a pasted text with a chosen HTML file and shows the report, using the keyboard', async () => {
    const { page, problems } = await newPage(open.url);
    await page.goto(open.url);
    // Every control is reachable with Tab, in reading order.
    const order: string[] = [];
    await page.focus('#a-text');
    for (let i = 0; i < 12; i++) {
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
      await page.keyboard.press('Tab');
    }
    expect(order).toEqual([
      'a-text',
      'a-file',
      'a-kind',
      'a-title',
      'b-text',
      'b-file',
      'b-kind',
      'b-title',
      'token',
      'go',
      '',
      '',
    ]);

    await page.focus('#a-text');
    await page.keyboard.insertText(A);
    await page.setInputFiles('#b-file', {
      name: 'budget.html',
      mimeType: 'text/html',
      buffer: Buffer.from(B_HTML),
    });
    await page.waitForFunction(
      () => (document.getElementById('b-text') as HTMLTextAreaElement).value.length > 0,
    );
    expect(await page.inputValue('#b-kind')).toBe('html');
    expect(await page.textContent('#status')).toMatch(/loaded budget\.html/);

    await page.focus('#go');
    await Promise.all([page.waitForURL(/\/r\/[A-Za-z0-9_-]{22}$/), page.keyboard.press('Enter')]);
    // The article's markup is shown as text, not interpreted.
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('<b>Monday</b>');
    expect(await page.$('b:text("Monday")')).toBeNull();
    expect(await page.title()).toMatch(/^storydiff: /);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('fills both versions from two dropped files', async () => {
    const { page, problems } = await newPage(open.url);
    await page.goto(open.url);
    await page.evaluate(
      ([a, b]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([a], 'wire.txt', { type: 'text/plain' }));
        dt.items.add(new File([b], 'rewrite.html', { type: 'text/html' }));
        document.body.dispatchEvent(
          new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
      },
      [A, B_HTML],
    );
    await page.waitForFunction(
      () =>
        (document.getElementById('a-text') as HTMLTextAreaElement).value.length > 0 &&
        (document.getElementById('b-text') as HTMLTextAreaElement).value.length > 0,
    );
    expect(await page.inputValue('#a-text')).toBe(A);
    expect(await page.inputValue('#a-kind')).toBe('text');
    expect(await page.inputValue('#b-kind')).toBe('html');
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  it('explains an empty version without sending anything', async () => {
    const { page, problems } = await newPage(open.url);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });
    await page.goto(open.url);
    await page.fill('#a-text', A);
    await page.click('#go');
    await expect.poll(() => page.textContent('#error')).toMatch(/Version B is empty/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('b-text');
    expect(posts).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  it('sends the token from its field when the server has one', async () => {
    const { page, problems } = await newPage(guarded.url);
    await page.goto(guarded.url);
    await page.fill('#a-text', A);
    await page.fill('#b-text', 'On Monday the harbour budget was approved by the council.');
    await page.click('#go');
    await expect.poll(() => page.textContent('#error')).toMatch(/UNAUTHORIZED/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token');
    await page.fill('#token', TOKEN);
    await Promise.all([page.waitForURL(/\/r\//), page.click('#go')]);
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);
});
