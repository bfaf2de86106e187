import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CorpusItem } from '../../src/ingest/corpus-input.js';
import { looksLikeFeed, parseFeed, readFeed, xmlDeclaredEncoding } from '../../src/ingest/feeds.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url));

function summary(items: CorpusItem[]): string[] {
  return items.map((i) => (i.kind === 'article' ? `${i.input.origin} ok` : `${i.origin} ${i.error.code}`));
}

function articles(items: CorpusItem[]) {
  return items.flatMap((i) => (i.kind === 'article' ? [i.input] : []));
}

describe('readFeed: RSS 2.0', () => {
  const items = readFeed(fixture('world.rss'), 'world.rss');

  it('yields one article per item, and an error for an item without text', () => {
    expect(summary(items)).toEqual([
      'world.rss#item 1 ok',
      'world.rss#item 2 ok',
      'world.rss#item 3 INPUT_NO_TEXT',
      'world.rss#item 4 ok',
    ]);
    const err = items[2];
    expect(err.kind === 'error' && err.error.source).toBe('world.rss#item 3');
  });

  it('prefers content:encoded, turns HTML into text and drops scripts', () => {
    const [ferry] = articles(items);
    expect(ferry).toEqual({
      id: 'hg-2024-0311-ferry',
      title: 'Ferry service resumes after storm',
      text: 'PORT ELLIS – The island ferry sailed again on Monday after three days in harbour.\n\nOperators said the timetable would return to normal by Wednesday.',
      url: 'https://gazette.example/ferry-resumes',
      source: 'Harbour Gazette & Wire',
      published: 'Mon, 11 Mar 2024 08:15:00 GMT',
      lang: 'en',
      origin: 'world.rss#item 1',
    });
  });

  it('decodes escaped HTML, resolves relative links and uses them as ids', () => {
    const wall = articles(items)[1];
    expect(wall.title).toBe('Council approves new sea wall');
    expect(wall.text).toBe('The town council voted 7 to 2 for a taller sea wall & new drainage.');
    expect(wall.url).toBe('https://gazette.example/sea-wall');
    expect(wall.id).toBe('https://gazette.example/sea-wall');
    expect(wall.published).toBe('2024-03-12T10:00:00Z');
  });

  it('takes a permalink guid as the url, and trims dates', () => {
    const fish = articles(items)[2];
    expect(fish.url).toBe('https://gazette.example/fish-market');
    expect(fish.published).toBe('Wed, 13 Mar 2024 06:00:00 +0000');
  });
});

describe('readFeed: Atom and RDF', () => {
  it('reads Atom entries: content types, alternate links, xml:lang and dates', () => {
    const items = readFeed(fixture('science.atom'), 'science.atom');
    expect(summary(items)).toEqual([
      'science.atom#item 1 ok',
      'science.atom#item 2 ok',
      'science.atom#item 3 ok',
      'science.atom#item 4 INPUT_NO_TEXT',
    ]);
    const [glacier, rain, plain] = articles(items);
    expect(glacier).toEqual({
      id: 'urn:example:labor:1',
      title: 'Neue Messstation am Gletscher',
      text: 'Forschende haben am Montag eine Messstation am Gletscher in Betrieb genommen.\n\nSie misst Schmelzwasser.',
      url: 'https://labor.example/artikel/messstation',
      source: 'Labor & Feld',
      published: '2024-04-01T09:00:00+02:00',
      lang: 'de',
      origin: 'science.atom#item 1',
    });
    expect(rain.text).toBe('Twelve new rain gauges went up in the valley.\n\nData arrive hourly.');
    expect(rain.lang).toBe('en');
    expect(rain.id).toBe('https://labor.example/en/rain-gauges');
    expect(rain.published).toBe('2024-04-02T11:00:00Z');
    // type="text" is not HTML: `<` stays, lines stay.
    expect(plain.text).toBe('Temperatures < 0 °C were measured on 3 nights.\nSecond line stays.');
  });

  it('reads RSS 1.0 (RDF) items next to the channel', () => {
    const items = readFeed(fixture('rdf-feed.xml'), 'rdf-feed.xml');
    expect(articles(items)).toEqual([
      {
        id: 'https://valley.example/bridge',
        title: 'Le pont rouvre',
        text: 'Le pont de la vallée a rouvert jeudi après des travaux.',
        url: 'https://valley.example/bridge',
        source: 'Valley Notes',
        published: '2024-05-02',
        lang: 'fr',
        origin: 'rdf-feed.xml#item 1',
      },
    ]);
  });
});

describe('readFeed: bad and hostile input', () => {
  it('reports a document that is not a feed', () => {
    expect(summary(parseFeed('<html><body><p>A page</p></body></html>', 'page.xml'))).toEqual([
      'page.xml INPUT_INVALID',
    ]);
    expect(summary(parseFeed('just words', 'words.xml'))).toEqual(['words.xml INPUT_INVALID']);
    const [err] = parseFeed('<sitemap><url/></sitemap>', 's.xml');
    expect(err.kind === 'error' && err.error.message).toContain('the root element is <sitemap>');
  });

  it('reports a feed without items', () => {
    expect(summary(parseFeed('<rss><channel><title>Quiet</title></channel></rss>', 'q.rss'))).toEqual([
      'q.rss INPUT_EMPTY',
    ]);
  });

  it('is tolerant of a truncated feed: the items before the cut come through', () => {
    const xml =
      '<rss><channel><item><title>One</title><description>First text.</description></item><item><title>Tw';
    expect(summary(parseFeed(xml, 'cut.rss'))).toEqual(['cut.rss#item 1 ok', 'cut.rss#item 2 INPUT_NO_TEXT']);
  });

  it('does not expand DTD entities (no billion laughs)', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${lol}]><rss><channel><item><description>Boom &l9; done.</description></item></channel></rss>`;
    const [item] = parseFeed(xml, 'lol.rss');
    expect(item.kind === 'article' && item.input.text.length).toBeLessThan(100);
  });

  it('keeps scripts and handlers as inert data', () => {
    const xml =
      '<rss><channel><item><title>&lt;img src=x onerror=alert(1)&gt;Hi</title><description><![CDATA[<p onclick="globalThis.pwned=1">Safe words.</p><script>globalThis.pwned=1</script><iframe src="javascript:alert(1)"></iframe>]]></description></item></channel></rss>';
    const [item] = parseFeed(xml, 'x.rss');
    expect(item.kind === 'article' && item.input).toMatchObject({ title: 'Hi', text: 'Safe words.' });
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('refuses absurd nesting before parsing', () => {
    const xml = `<rss><channel><item><description>${'<a>'.repeat(5000)}x${'</a>'.repeat(5000)}</description></item></channel></rss>`;
    const [err] = parseFeed(xml, 'deep.rss');
    expect(err.kind === 'error' && err.error.code).toBe('INPUT_INVALID');
    expect(err.kind === 'error' && err.error.message).toContain('nests elements');
  });

  it('honours the XML encoding declaration', () => {
    const bytes = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><description>Gr\xfc\xdfe aus K\xf6ln.</description></item></channel></rss>',
      'latin1',
    );
    expect(xmlDeclaredEncoding(bytes)).toBe('ISO-8859-1');
    const [item] = readFeed(bytes, 'de.rss');
    expect(item.kind === 'article' && item.input.text).toBe('Grüße aus Köln.');
  });

  it('reports empty, binary and mis-encoded files as one error', () => {
    expect(summary(readFeed(Buffer.alloc(0), 'e.rss'))).toEqual(['e.rss INPUT_EMPTY']);
    expect(summary(readFeed(Buffer.from([0x3c, 0x72, 0, 0, 1, 2]), 'b.rss'))).toEqual(['b.rss INPUT_BINARY']);
    expect(summary(readFeed(Buffer.from('<rss>\xff\xfe</rss>', 'latin1'), 'u.rss'))).toEqual([
      'u.rss INPUT_ENCODING',
    ]);
  });
});

describe('looksLikeFeed', () => {
  it('sees feed roots past a declaration, comments, stylesheets and a doctype', () => {
    expect(
      looksLikeFeed(
        '<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<!-- hi -->\n<rss version="2.0">',
      ),
    ).toBe(true);
    expect(looksLikeFeed('\uFEFF<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(looksLikeFeed('<rdf:RDF xmlns:rdf="x">')).toBe(true);
    expect(looksLikeFeed('<!DOCTYPE rss [<!ENTITY a "b">]><rss>')).toBe(true);
  });

  it('does not mistake pages or other XML for feeds', () => {
    expect(looksLikeFeed('<!doctype html><html>')).toBe(false);
    expect(looksLikeFeed('<?xml version="1.0"?><sitemap>')).toBe(false);
    expect(looksLikeFeed('<rssfeed>')).toBe(false);
  });
});
