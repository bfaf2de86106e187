import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToArticle, looksLikeHtml, normalizeDate, normalizeLang } from '../../src/ingest/html.js';
import { caught, FIXTURES } from './helpers.js';

const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');

/** Markers planted in script, style, comment and other non-text places of the fixtures. */
const LEAKS =
  /LEAK|alert|javascript|onerror|onload|trackingId|console\.log|INJECTED|COMMENT-SECTION|SEA-SALT/;

describe('looksLikeHtml', () => {
  it('goes by extension', () => {
    expect(looksLikeHtml('plain words', 'page.html')).toBe(true);
    expect(looksLikeHtml('plain words', 'PAGE.HTM')).toBe(true);
    expect(looksLikeHtml('plain words', 'doc.xhtml')).toBe(true);
    expect(looksLikeHtml('plain words', 'story.txt')).toBe(false);
  });

  it('goes by a leading doctype or html tag', () => {
    expect(looksLikeHtml('<!DOCTYPE html>\n<html>')).toBe(true);
    expect(looksLikeHtml('\n  <html lang="en"><body>x</body></html>')).toBe(true);
    expect(
      looksLikeHtml(
        '<?xml version="1.0"?>\n<!-- saved page -->\n<html xmlns="http://www.w3.org/1999/xhtml">',
      ),
    ).toBe(true);
  });

  it('goes by several block tags near the start', () => {
    expect(looksLikeHtml('<h1>Title</h1>\n<p>One.</p>\n<p>Two.</p>')).toBe(true);
    expect(looksLikeHtml('<p>Only one tag here.')).toBe(false);
  });

  it('does not mistake text that mentions tags or uses angle brackets for HTML', () => {
    expect(looksLikeHtml('Prices rose 3% as x < y and y > z.')).toBe(false);
    expect(looksLikeHtml('The <html> element is the root of a page.')).toBe(false);
  });
});

describe('htmlToArticle: the news fixture', () => {
  const article = htmlToArticle(fixture('news.html'), { source: 'news.html' });

  it('extracts the story text without navigation, ads, comments or footer', () => {
    expect(article.text).toContain('The swing bridge over the inner harbour reopened');
    expect(article.text).toContain('Residents of the old town');
    expect(article.text).not.toMatch(LEAKS);
    expect(article.text).not.toContain('Home');
    expect(article.text).not.toContain('All rights reserved');
    expect(article.text).not.toContain('Council approves');
  });

  it('keeps paragraphs apart with blank lines, collapses inline whitespace, and turns <br> into a newline', () => {
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(5);
    expect(paragraphs[0]).toBe(
      'The swing bridge over the inner harbour reopened to cars and cyclists on Wednesday morning, three months after a corroded hinge forced the city to close it.',
    );
    expect(article.text).toContain(
      'will return to their normal timetable from Monday.\nNight buses will use the bridge again from Friday.',
    );
    expect(article.text).not.toMatch(/ {2}|\t|\n{3}/);
    expect(article.text).toBe(article.text.trim());
  });

  it('reads title, byline, date (JSON-LD) and language', () => {
    expect(article.title).toBe('Harbour bridge reopens after three months of repairs');
    expect(article.byline).toBe('Mara Lindqvist');
    expect(article.date).toBe('2023-04-12T07:30:00+02:00');
    expect(article.lang).toBe('en');
    expect(article.source).toBe('news.html');
  });
});

describe('htmlToArticle: hostile pages', () => {
  it('never lets script, style or attribute content into the text', () => {
    const article = htmlToArticle(fixture('hostile.html'), { source: 'hostile.html' });
    expect(article.text).not.toMatch(LEAKS);
    expect(article.text).not.toContain('SVG-TEXT');
    expect(article.text).toContain('A late-season storm closed the mountain pass on Sunday');
    expect(article.text).toContain('Read the road report');
    expect(article.text).toContain('Police urged drivers to carry chains');
    expect(article.title).toBe('Storm closes mountain pass');
  });

  it('does not execute anything', () => {
    const g = globalThis as Record<string, unknown>;
    const html =
      '<p>Text one.</p><script>globalThis.pwned = 1</script><img src=x onerror="globalThis.pwned = 2"><body onload="globalThis.pwned = 3">';
    htmlToArticle(html);
    expect(g.pwned).toBeUndefined();
  });

  it('survives 5,000 levels of nested divs, keeping the deep text and dropping the scripts', () => {
    const depth = 5000;
    const deep = `${'<div>'.repeat(depth)}<p>Deep paragraph survives.</p><script>alert('DEEP-LEAK')</script>${'</div>'.repeat(depth)}`;
    const html = fixture('hostile.html').replace('</body>', `${deep}</body>`);
    const started = Date.now();
    const article = htmlToArticle(html);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(article.text).toContain('Deep paragraph survives.');
    expect(article.text).toContain('A late-season storm');
    expect(article.text).not.toMatch(LEAKS);
  });

  it('keeps text found after </body> or </html>, as browsers do', () => {
    const article = htmlToArticle('<html><body><p>Inside.</p></body></html><p>After the end.</p>');
    expect(article.text).toBe('Inside.\n\nAfter the end.');
  });

  it('copes with a <body> tag that comes after content', () => {
    expect(htmlToArticle('<p>Early text.</p><body><p>Late text.</p>').text).toBe('Early text.\n\nLate text.');
  });

  it('stays fast on absurd nesting and stray close tags', () => {
    const started = Date.now();
    const deep = htmlToArticle(
      `<html><body>${'<div><span>'.repeat(100_000)}<p>Still here.</p></body></html>`,
    );
    expect(deep.text).toBe('Still here.');
    const stray = htmlToArticle(`<html><body><p>Kept.</p>${'</span></em>'.repeat(200_000)}</body></html>`);
    expect(stray.text).toBe('Kept.');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a page with an absurd number of elements instead of exhausting memory', async () => {
    const err = await caught(() =>
      htmlToArticle(`<html><body>${'<i>x</i>'.repeat(300_000)}</body></html>`, { source: 'dump.html' }),
    );
    expect(err.code).toBe('INPUT_TOO_LARGE');
    expect(err.message).toMatch(/^dump\.html: the HTML has 300\d{3} elements/);
  });

  it('refuses HTML over the character limit', async () => {
    const err = await caught(() =>
      htmlToArticle(`<p>${'x'.repeat(200)}</p>`, { source: 'big.html', maxChars: 100 }),
    );
    expect(err.code).toBe('INPUT_TOO_LARGE');
    expect(err.source).toBe('big.html');
  });

  it('reports a page of only scripts and styles as INPUT_NO_TEXT', async () => {
    const err = await caught(() =>
      htmlToArticle(
        '<html><head><style>p{}</style></head><body><script>alert(1)</script><!-- c --></body></html>',
        {
          source: 'empty.html',
        },
      ),
    );
    expect(err.code).toBe('INPUT_NO_TEXT');
    expect(err.message).toMatch(/^empty\.html: /);
  });

  it('reports blank HTML as INPUT_EMPTY', async () => {
    expect((await caught(() => htmlToArticle('  \n '))).code).toBe('INPUT_EMPTY');
  });

  it('handles broken markup without throwing', () => {
    for (const html of [
      '<p>Unclosed <b>bold <i>italic',
      '</div></p>Orphan text.',
      '<html',
      '<p>a</p></html><p>b</p>',
      '<<<>>> text',
    ]) {
      try {
        htmlToArticle(html);
      } catch (err) {
        expect((err as { code?: string }).code).toBe('INPUT_NO_TEXT');
      }
    }
    expect(htmlToArticle('<p>Unclosed <b>bold <i>italic').text).toBe('Unclosed bold italic');
  });
});

describe('htmlToArticle: text layout', () => {
  it('makes paragraphs of fragments without html/body', () => {
    expect(htmlToArticle('<p>One.</p><p>Two.</p>').text).toBe('One.\n\nTwo.');
  });

  it('treats headings, list items, quotes, pre and divs with direct text as paragraphs', () => {
    const html = `<body><h2>Heading</h2><ul><li>First item</li><li>Second item</li></ul>
      <blockquote>A quote.</blockquote><div>Direct <em>div</em> text<div>Nested div</div></div>
      <pre>line one\nline two</pre></body>`;
    expect(htmlToArticle(html).text).toBe(
      'Heading\n\nFirst item\n\nSecond item\n\nA quote.\n\nDirect div text\n\nNested div\n\nline one\nline two',
    );
  });

  it('treats a double <br> as a paragraph break', () => {
    expect(
      htmlToArticle('<body><div>First line<br>same paragraph<br><br>Next paragraph</div></body>').text,
    ).toBe('First line\nsame paragraph\n\nNext paragraph');
  });

  it('keeps inline elements inline and decodes entities', () => {
    expect(htmlToArticle('<p>Fish &amp; chips cost &euro;5 at <a href="/x">Joe&#8217;s</a>.</p>').text).toBe(
      'Fish & chips cost €5 at Joe’s.',
    );
  });

  it('keeps right-to-left and CJK text intact', () => {
    const article = htmlToArticle(fixture('rtl-cjk.html'));
    expect(article.text).toContain('افتتحت البلدية يوم الخميس مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب.');
    expect(article.text).toContain('הספרייה פתוחה כל יום מתשע בבוקר.');
    expect(article.text).toContain('新图书馆周四开放，馆藏两万多册图书。');
    expect(article.text).toContain('図書館は毎朝九時に開館します。');
    expect(article.lang).toBe('ar');
    expect(article.title).toBe('افتتاح مكتبة جديدة');
    expect(article.date).toBe('2024-02-01');
  });

  it('extracts text without punctuation', () => {
    expect(htmlToArticle('<p>the council met today and agreed the budget</p>').text).toBe(
      'the council met today and agreed the budget',
    );
  });
});

describe('htmlToArticle: metadata', () => {
  const page = (head: string, body = '<p>Body text of the article.</p>') =>
    `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

  it('prefers article:published_time, then og:published_time, then name=date, then JSON-LD, then <time>', () => {
    const ld = '<script type="application/ld+json">{"datePublished":"2021-05-05"}</script>';
    const time = '<p>Body text.</p><time datetime="2021-06-06">June</time>';
    expect(
      htmlToArticle(
        page(
          `<meta property="article:published_time" content="2021-01-01T10:00:00Z"><meta name="date" content="2021-02-02">${ld}`,
          time,
        ),
      ).date,
    ).toBe('2021-01-01T10:00:00Z');
    expect(
      htmlToArticle(page(`<meta property="og:published_time" content="2021-03-03">${ld}`, time)).date,
    ).toBe('2021-03-03');
    expect(htmlToArticle(page(`<meta name="DC.date" content="2021-04-04">${ld}`, time)).date).toBe(
      '2021-04-04',
    );
    expect(htmlToArticle(page(`<meta name="pubdate" content="20210404">`, time)).date).toBe('20210404');
    expect(htmlToArticle(page(ld, time)).date).toBe('2021-05-05');
    expect(htmlToArticle(page('', time)).date).toBe('2021-06-06');
    expect(htmlToArticle(page('')).date).toBeUndefined();
  });

  it('survives broken JSON-LD', () => {
    const html = page(
      '<script type="application/ld+json">{ not json </script><meta name="author" content="A. Writer">',
    );
    const article = htmlToArticle(html);
    expect(article.byline).toBe('A. Writer');
    expect(article.date).toBeUndefined();
  });

  it('takes the title from og:title or <title> when Readability has none better', () => {
    expect(htmlToArticle(page('<title>Plain title</title>')).title).toBe('Plain title');
    expect(
      htmlToArticle(page('<title>Site page</title><meta property="og:title" content="OG headline">')).title,
    ).toBe('OG headline');
    expect(htmlToArticle(page('')).title).toBeUndefined();
  });

  it('finds the byline in meta author or rel=author', () => {
    expect(htmlToArticle(page('<meta name="author" content="Ann Example">')).byline).toBe('Ann Example');
    expect(
      htmlToArticle(page('', '<p>Story text here.</p><a rel="author" href="/b">Ben Example</a>')).byline,
    ).toBe('Ben Example');
  });

  it('reads the language from <html lang> as a two-letter code', () => {
    expect(htmlToArticle('<html lang="pt-BR"><body><p>Olá.</p></body></html>').lang).toBe('pt');
    expect(htmlToArticle('<html lang="DE"><body><p>Hallo.</p></body></html>').lang).toBe('de');
    expect(htmlToArticle('<html lang="und"><body><p>Hi.</p></body></html>').lang).toBeUndefined();
    expect(htmlToArticle('<p>No language.</p>').lang).toBeUndefined();
  });

  it('uses the url as source when no source is given', () => {
    expect(htmlToArticle('<p>x</p>', { url: 'https://example.org/a' }).source).toBe('https://example.org/a');
  });
});

describe('normalizeDate and normalizeLang', () => {
  it('normalises dates to ISO 8601 without inventing precision', () => {
    expect(normalizeDate('2022-01-20')).toBe('2022-01-20');
    expect(normalizeDate(' 2022-01-20 10:00 ')).toBe('2022-01-20T10:00');
    expect(normalizeDate('2022-01-20T10:00:00+0100')).toBe('2022-01-20T10:00:00+0100');
    expect(normalizeDate('2022-01-20t10:00:00z')).toBe('2022-01-20T10:00:00Z');
    expect(normalizeDate('Thu, 20 Jan 2022 10:00:00 GMT')).toBe('2022-01-20T10:00:00.000Z');
    expect(normalizeDate('January 20, 2022')).toBe('2022-01-20');
    expect(normalizeDate('sometime last week')).toBe('sometime last week');
    expect(normalizeDate('   ')).toBeUndefined();
  });

  it('keeps only two-letter primary language subtags', () => {
    expect(normalizeLang('en_US')).toBe('en');
    expect(normalizeLang('zh-Hant-TW')).toBe('zh');
    expect(normalizeLang('fil')).toBeUndefined();
    expect(normalizeLang('')).toBeUndefined();
    expect(normalizeLang(null)).toBeUndefined();
  });
});
