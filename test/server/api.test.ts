import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMPARISON_SCHEMA, type Comparison, VERSION } from '../../src/index.js';
import { CompareRequestSchema, type RunningServer, startServer } from '../../src/server/index.js';
import {
  comparisonProblems,
  expectError,
  expectSecurityHeaders,
  post,
  SMALL_A,
  SMALL_B,
  story,
} from './helpers.js';

let server: RunningServer;
let api: string;

beforeAll(async () => {
  server = await startServer({ port: 0, maxConcurrent: 2, maxBodyBytes: 64 * 1024, maxArticleChars: 30_000 });
  api = `${server.url}api/v1`;
});
afterAll(() => server?.close());

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('GET /api/v1/health', () => {
  it('says ok with the version and the comparison format', async () => {
    const res = await fetch(`${api}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: VERSION, schema: COMPARISON_SCHEMA });
    expectSecurityHeaders(res);
  });
});

describe('POST /api/v1/compare', () => {
  it('returns a schema-valid comparison, the same JSON the CLI writes', async () => {
    const res = await post(`${api}/compare`, {
      a: { text: story('port-wire.txt'), title: 'Port strike', lang: 'en', date: '2024-03-26' },
      b: { text: story('port-retold.txt'), lang: 'en' },
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(res);
    // renderJson's layout: pretty-printed, one trailing newline.
    expect(text.startsWith('{\n  "schema"')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    const cmp = JSON.parse(text) as Comparison;
    expect(comparisonProblems(cmp)).toBe('');
    expect(cmp.schema).toBe(COMPARISON_SCHEMA);
    expect(cmp.a.title).toBe('Port strike');
    expect(cmp.a.date).toBe('2024-03-26');
    expect(cmp.relation).toBe('rewrite');
    expect(cmp.entities.some((e) => e.variants)).toBe(true);
  });

  it('reads an HTML side through Readability, taking title and language from the page', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Harbour budget passes</title></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article><h1>Harbour budget passes</h1>
      <p>On Monday the harbour budget was approved by the town council after a long debate.</p>
      <p>Mayor Ilse Varga called the plan fair and said work on the quay would begin in spring.</p>
      <p>Opposition members said the costs had been underestimated by several million euros.</p>
      </article><footer>Copyright Example News</footer></body></html>`;
    const res = await post(`${api}/compare`, { a: { text: SMALL_A }, b: { html } });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const cmp = JSON.parse(text) as Comparison;
    expect(comparisonProblems(cmp)).toBe('');
    expect(cmp.b.title).toBe('Harbour budget passes');
    expect(cmp.b.lang).toBe('en');
    const sentences = cmp.b.sentences.map((s) => s.text).join(' ');
    expect(sentences).toContain('Mayor Ilse Varga called the plan fair');
    expect(sentences).not.toContain('Copyright');
  });

  it('applies alignment options within their bounds', async () => {
    const strict = await post(`${api}/compare`, {
      a: { text: SMALL_A },
      b: { text: SMALL_B },
      options: { align: { minSim: 1, minSimContext: 1, minPartial: 1 } },
    });
    expect(strict.status).toBe(200);
    const loose = await post(`${api}/compare`, { a: { text: SMALL_A }, b: { text: SMALL_B } });
    const s = (await strict.json()) as Comparison;
    const l = (await loose.json()) as Comparison;
    expect(s.alignment.length).toBeLessThan(l.alignment.length);
  });
});

describe('errors', () => {
  it('400 INPUT_INVALID for a body that is not JSON', async () => {
    const msg = await expectError(await post(`${api}/compare`, '{"a": {"text": "x"'), 400, 'INPUT_INVALID');
    expect(msg).toMatch(/not valid JSON/);
  });

  it('400 INPUT_INVALID for an empty body', async () => {
    await expectError(await post(`${api}/compare`, ''), 400, 'INPUT_INVALID');
  });

  it('400 INPUT_INVALID naming a missing side', async () => {
    const msg = await expectError(
      await post(`${api}/compare`, { a: { text: SMALL_A } }),
      400,
      'INPUT_INVALID',
    );
    expect(msg).toMatch(/\bb: required/);
  });

  it('400 INPUT_INVALID for both text and html on one side', async () => {
    const msg = await expectError(
      await post(`${api}/compare`, { a: { text: SMALL_A, html: '<p>x</p>' }, b: { text: SMALL_B } }),
      400,
      'INPUT_INVALID',
    );
    expect(msg).toMatch(/a: give either text or html, not both/);
  });

  it('400 INPUT_INVALID for neither text nor html, unknown fields, wrong types and bad options', async () => {
    const msg = await expectError(
      await post(`${api}/compare`, {
        a: { title: 'only a title' },
        b: { text: 5 },
        c: 1,
        options: { align: { minSim: 2 } },
      }),
      400,
      'INPUT_INVALID',
    );
    expect(msg).toMatch(/a: give text or html/);
    expect(msg).toMatch(/b\.text: must be a string/);
    expect(msg).toMatch(/unknown field "c"/);
    expect(msg).toMatch(/options\.align\.minSim: must be at most 1/);
  });

  it('400 for a JSON value that is not an object', async () => {
    const msg = await expectError(await post(`${api}/compare`, '[1, 2]'), 400, 'INPUT_INVALID');
    expect(msg).toMatch(/body: must be an object/);
  });

  it('400 INPUT_EMPTY for blank text, from the library checks on the worker', async () => {
    const msg = await expectError(
      await post(`${api}/compare`, { a: { text: '   ' }, b: { text: SMALL_B } }),
      400,
      'INPUT_EMPTY',
    );
    expect(msg).toMatch(/^a: /);
  });

  it('422 INPUT_NO_TEXT for HTML without readable text, 415 INPUT_BINARY for NUL characters', async () => {
    await expectError(
      await post(`${api}/compare`, {
        a: { text: SMALL_A },
        b: { html: '<html><body><img src="x.png"></body></html>' },
      }),
      422,
      'INPUT_NO_TEXT',
    );
    await expectError(
      await post(`${api}/compare`, { a: { text: `${SMALL_A}\u0000` }, b: { text: SMALL_B } }),
      415,
      'INPUT_BINARY',
    );
  });

  it('400 USAGE for a language code the library does not accept', async () => {
    await expectError(
      await post(`${api}/compare`, { a: { text: SMALL_A, lang: 'klingon!' }, b: { text: SMALL_B } }),
      400,
      'USAGE',
    );
  });

  it('413 INPUT_TOO_LARGE when Content-Length is over maxBodyBytes', async () => {
    const big = JSON.stringify({ a: { text: 'x'.repeat(100_000) }, b: { text: SMALL_B } });
    const msg = await expectError(await post(`${api}/compare`, big), 413, 'INPUT_TOO_LARGE');
    expect(msg).toMatch(/64 KiB/);
  });

  it('413 INPUT_TOO_LARGE while streaming a body without Content-Length', async () => {
    const chunk = new TextEncoder().encode(`{"a":{"text":"${'y'.repeat(16 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        // Far more than the limit; the server must stop reading long before the end.
        if (sent++ < 64) ctrl.enqueue(chunk);
        else ctrl.close();
      },
    });
    const res = await fetch(`${api}/compare`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(res.headers.get('content-length')).not.toBe(String(64 * chunk.length));
    await expectError(res, 413, 'INPUT_TOO_LARGE');
  });

  it('413 INPUT_TOO_LARGE for one side over maxArticleChars', async () => {
    const msg = await expectError(
      await post(`${api}/compare`, { a: { text: SMALL_A }, b: { text: 'z '.repeat(20_000) } }),
      413,
      'INPUT_TOO_LARGE',
    );
    expect(msg).toMatch(/^b: .*30000/);
  });

  it('415 UNSUPPORTED_MEDIA_TYPE for text/plain (and no Content-Type)', async () => {
    const body = JSON.stringify({ a: { text: SMALL_A }, b: { text: SMALL_B } });
    await expectError(
      await post(`${api}/compare`, body, { 'Content-Type': 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const bare = await fetch(`${api}/compare`, { method: 'POST', body: new Blob([body]) });
    await expectError(bare, 415, 'UNSUPPORTED_MEDIA_TYPE');
    // A charset parameter is fine when it is UTF-8.
    const ok = await post(`${api}/compare`, body, { 'Content-Type': 'application/json; charset=UTF-8' });
    expect(ok.status).toBe(200);
  });

  it('415 INPUT_ENCODING for a body that is not UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"a":{"text":"caf'), 0xe9, 0x22, 0x7d, 0x7d]);
    const res = await fetch(`${api}/compare`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: bytes,
    });
    await expectError(res, 415, 'INPUT_ENCODING');
  });

  it('404 NOT_FOUND for unknown routes, in the API and outside it', async () => {
    await expectError(await fetch(`${api}/nothing-here`), 404, 'NOT_FOUND');
    await expectError(await fetch(`${server.url}nothing-here`), 404, 'NOT_FOUND');
    await expectError(await post(`${api}/compare/extra`, {}), 404, 'NOT_FOUND');
  });

  it('405 METHOD_NOT_ALLOWED with Allow for a known route', async () => {
    const res = await fetch(`${api}/compare`);
    expect(res.headers.get('allow')).toBe('POST');
    await expectError(res, 405, 'METHOD_NOT_ALLOWED');
    const del = await fetch(`${api}/health`, { method: 'DELETE' });
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    await expectError(del, 405, 'METHOD_NOT_ALLOWED');
    await expectError(await post(`${server.url}`, {}), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose request schema is generated from the zod schema', async () => {
    const res = await fetch(`${api}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { version: string };
      servers: { url: string }[];
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(VERSION);
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/compare',
        '/health',
        '/openapi.json',
        '/reports',
        '/reports/{id}',
        '/corpus/articles',
        '/corpus/articles/{id}',
        '/corpus/search',
        '/corpus/cluster',
        '/corpus/stats',
      ].sort(),
    );
    expect(doc.paths['/compare'].post.requestBody?.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CompareRequest',
    });
    const { $schema: _, ...expected } = z.toJSONSchema(CompareRequestSchema, { io: 'input' });
    expect(doc.components.schemas.CompareRequest).toEqual(expected);
    expect(doc.components.schemas.Comparison.$id).toBe('https://storydiff.dev/schema/comparison@1.json');

    // The generated schema says what zod enforces, including "exactly one of text or html".
    const ajv = new Ajv2020({ strict: false });
    const check = ajv.compile(doc.components.schemas.CompareRequest);
    expect(check({ a: { text: 'x' }, b: { html: '<p>y</p>', title: 't' } })).toBe(true);
    expect(check({ a: { text: 'x', html: 'y' }, b: { text: 'z' } })).toBe(false);
    expect(check({ a: { title: 'x' }, b: { text: 'z' } })).toBe(false);
    expect(check({ a: { text: 'x' } })).toBe(false);
    expect(check({ a: { text: 'x' }, b: { text: 'y' }, options: { align: { minSim: 2 } } })).toBe(false);
  });
});

describe('shared reports', () => {
  const hostile = {
    a: {
      text: 'The council met on <script>alert("a")</script> Monday & voted on the <b>harbour</b> budget. The mayor said it was fair.',
    },
    b: {
      text: 'On Monday the council voted on the <b>harbour</b> budget & approved it. The mayor called it fair.',
    },
  };

  it('POST /api/v1/reports stores a report; /r/<id> serves the HTML report, escaped, under a strict CSP', async () => {
    const res = await post(`${api}/reports`, hostile);
    const text = await res.text();
    expect(res.status, text).toBe(201);
    const body = JSON.parse(text) as { id: string; url: string; comparison: Comparison };
    expect(body.url).toBe(`/r/${body.id}`);
    expect(res.headers.get('location')).toBe(body.url);
    expect(comparisonProblems(body.comparison)).toBe('');

    const page = await fetch(new URL(body.url, server.url));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(page);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;a&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;harbour&lt;/b&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>harbour');
    // The CSP allows exactly the report's own inline script and style, nothing else.
    const csp = page.headers.get('content-security-policy') ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`script-src ${sha256(script)};`);
    expect(csp).toContain(`style-src ${sha256(style)};`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);

    const again = await fetch(`${api}/reports/${body.id}`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Comparison).a.sentences[0].text).toContain('<script>alert("a")</script>');
  });

  it('404 for an unknown report: JSON for API clients, a page for browsers', async () => {
    await expectError(await fetch(`${server.url}r/AAAAAAAAAAAAAAAAAAAAAA`), 404, 'NOT_FOUND');
    await expectError(await fetch(`${server.url}r/not-an-id`), 404, 'NOT_FOUND');
    await expectError(await fetch(`${api}/reports/AAAAAAAAAAAAAAAAAAAAAA`), 404, 'NOT_FOUND');
    const page = await fetch(`${server.url}r/AAAAAAAAAAAAAAAAAAAAAA`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/expired or never existed/);
    expectSecurityHeaders(page);
  });

  it('forgets reports after their time to live, and the least recently used beyond maxResults', async () => {
    const small = await startServer({ port: 0, maxConcurrent: 1, resultTtlMs: 1500, maxResults: 2 });
    try {
      const make = async () =>
        (
          (await (
            await post(`${small.url}api/v1/reports`, { a: { text: SMALL_A }, b: { text: SMALL_B } })
          ).json()) as {
            url: string;
          }
        ).url;
      const first = await make();
      const second = await make();
      expect((await fetch(new URL(first, small.url))).status).toBe(200); // first is now the most recent
      const third = await make();
      expect((await fetch(new URL(second, small.url))).status).toBe(404);
      expect((await fetch(new URL(first, small.url))).status).toBe(200);
      expect((await fetch(new URL(third, small.url))).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1600));
      expect((await fetch(new URL(third, small.url))).status).toBe(404);
    } finally {
      await small.close();
    }
  });
});

describe('the start page', () => {
  it('is self-contained, labelled, and allowed by a CSP of its own hashes', async () => {
    const res = await fetch(server.url);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expectSecurityHeaders(res);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(csp).toContain(`script-src ${sha256(scripts[0])};`);
    expect(csp).toContain(`style-src ${sha256(styles[0])};`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    // Nothing is loaded from elsewhere.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
    // Every control has a label.
    for (const m of html.matchAll(/<(textarea|input|select)\b[^>]*\bid="([^"]+)"/g)) {
      expect(html, `label for #${m[2]}`).toContain(`<label for="${m[2]}"`);
    }
    expect(html).toContain('data-max-bytes="65536"');
    expect(html).toContain('data-max-chars="30000"');
  });
});
