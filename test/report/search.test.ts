import { describe, expect, it } from 'vitest';
import type { Derivation } from '../../src/compare/types.js';
import type { SearchHit, SearchResult } from '../../src/corpus/corpus.js';
import { RELATION_LABEL } from '../../src/report/labels.js';
import { hitDerivation, renderSearchMarkdown, renderSearchTerminal } from '../../src/report/search.js';

function hit(id: string, extra: Partial<SearchHit> = {}): SearchHit {
  return {
    id,
    key: 1,
    title: `Title of ${id}`,
    url: `https://example.org/${id}`,
    source: 'News A',
    published: '2024-03-05T11:00:00.000Z',
    score: 0.5,
    jaccard: 0.2,
    cosine: 0.6,
    keyTerms: 0.4,
    channels: ['terms'],
    kind: 'same-story',
    ...extra,
  };
}

const derived = (direction: Derivation['direction'], reasons = ['r1', 'r2', 'r3']): Derivation => ({
  direction,
  confidence: 0.8,
  reasons,
});

function result(hits: SearchHit[], extra: Partial<SearchResult> = {}): SearchResult {
  return {
    schema: 'storydiff/search@1',
    query: { id: 'wire-1', title: 'Port strike ends', published: '2024-03-05T09:30:00.000Z', words: 412 },
    hits,
    candidates: 57,
    timing: { retrieveMs: 12.4, rescoreMs: 340.2 },
    ...extra,
  };
}

const ranked = () =>
  result([
    hit('copy-1', {
      score: 0.92,
      jaccard: 0.88,
      cosine: 0.95,
      keyTerms: 0.9,
      channels: ['lsh', 'terms'],
      kind: 'near-duplicate',
      relation: 'edited-copy',
      similarity: 0.91,
      containment: { queryInHit: 0.95, hitInQuery: 0.876 },
      derivation: derived('a->b', ['the hit is shorter', 'the hit quotes the query', 'a third reason']),
      summary: 'An edited copy: three sentences dropped.',
    }),
    hit('source-2', {
      score: 0.71,
      relation: 'rewrite',
      similarity: 0.6,
      containment: { queryInHit: 0.4, hitInQuery: 0.7 },
      derivation: derived('b->a'),
      summary: 'A rewrite.',
    }),
    hit('maybe-3', {
      score: 0.66,
      relation: 'same-story',
      similarity: 0.5,
      containment: { queryInHit: 0.2, hitInQuery: 0.3 },
      derivation: { direction: 'unknown', confidence: 0.1, reasons: [] },
    }),
    hit('plain-4', {
      score: 0.41,
      published: undefined,
      source: undefined,
      title: undefined,
      url: undefined,
    }),
  ]);

/** Pipes that are not escaped with a backslash: the column separators of a table row. */
const cells = (row: string) => row.replace(/\\\\/g, '').split(/(?<!\\)\|/).length - 2;

describe('hitDerivation', () => {
  it('reads the direction relative to the query (a) and the hit (b)', () => {
    expect(hitDerivation(derived('a->b'))).toBe('hit derived from query');
    expect(hitDerivation(derived('b->a'))).toBe('query derived from hit');
    expect(hitDerivation(derived('unknown'))).toBe('unknown');
  });
});

describe('renderSearchTerminal', () => {
  it('shows the query, then the ranked hits with their scores and places, then the timing', () => {
    const out = renderSearchTerminal(ranked());
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('QUERY  Port strike ends  (id wire-1 · 2024-03-05 09:30 · 412 words)');
    expect(out).toContain('4 HITS');
    expect(lines.at(-1)).toBe('retrieval 12 ms · rescoring 340 ms · 57 candidates considered');
    const at = (s: string) => out.indexOf(s);
    expect(at('copy-1')).toBeLessThan(at('source-2'));
    expect(at('source-2')).toBeLessThan(at('maybe-3'));
    expect(at('maybe-3')).toBeLessThan(at('plain-4'));
    expect(out).toContain(
      '  1  0.92  near-duplicate  Jaccard 0.88 · cosine 0.95 · key terms 0.90 · lsh+terms',
    );
    expect(out).toContain('     copy-1  Title of copy-1');
    expect(out).toContain('     News A · 2024-03-05 11:00 · https://example.org/copy-1');
    expect(out).toContain('  4  0.41  same-story  Jaccard 0.20 · cosine 0.60 · key terms 0.40 · terms');
    expect(out).toContain('     undated');
  });

  it('adds relation, similarity, containment both ways, derivation and summary for rescored hits', () => {
    const out = renderSearchTerminal(ranked(), { width: 200 });
    expect(out).toContain(
      `${RELATION_LABEL['edited-copy']} · similarity 0.91 · query in hit 95% / hit in query 88%`,
    );
    expect(out).toContain(
      'derivation: hit derived from query (confidence 0.80): the hit is shorter; the hit quotes the query; +1 more',
    );
    expect(out).not.toContain('a third reason');
    expect(out).toContain('An edited copy: three sentences dropped.');
    expect(out).toContain('derivation: query derived from hit (confidence 0.80): r1; r2; +1 more');
    expect(out).toContain('derivation: unknown (confidence 0.10)');
    // A hit that was not rescored has no such lines.
    expect(out.split('plain-4')[1]).not.toMatch(/similarity|derivation/);
  });

  it('says clearly when no versions were found', () => {
    const out = renderSearchTerminal(result([], { candidates: 3 }));
    expect(out).toMatch(/^No versions found/m);
    expect(out).toContain('3 candidates considered');
    expect(out).not.toContain('HIT');
  });

  it('colours only when asked, and text from the store cannot emit escape codes', () => {
    const evil = result([hit('\x1b[2Jevil', { title: 'Red \x1b[31mtitle\nsecond line', source: 'src\x07' })]);
    const plain = renderSearchTerminal(evil);
    expect(plain).not.toContain('\x1b');
    expect(plain).not.toContain('\x07');
    expect(plain.split('\n').some((l) => l.startsWith('second line'))).toBe(false);
    const coloured = renderSearchTerminal(ranked(), { color: true });
    const opens = (coloured.match(/\x1b\[(1|2|3[1-6])m/g) ?? []).length;
    const closes = (coloured.match(/\x1b\[(22|39)m/g) ?? []).length;
    expect(opens).toBeGreaterThan(0);
    expect(opens).toBe(closes);
    expect(renderSearchTerminal(ranked(), { color: false })).not.toContain('\x1b');
  });

  it('wraps long reasons and summaries to the width', () => {
    const long = result([hit('x', { summary: 'word '.repeat(60), derivation: derived('a->b') })]);
    const lines = renderSearchTerminal(long, { width: 60 }).split('\n');
    const wrapped = lines.filter((l) => /^ +(word|derivation|r1)/.test(l));
    expect(wrapped.length).toBeGreaterThan(3);
    for (const line of wrapped) expect(line.length, line).toBeLessThanOrEqual(60);
  });
});

describe('renderSearchMarkdown', () => {
  it('has the query, a table of ranked hits, the rescored details and the timing', () => {
    const md = renderSearchMarkdown(ranked());
    const lines = md.split('\n');
    expect(lines[0]).toBe('# storydiff search: Port strike ends');
    expect(md).toContain('| id | wire\\-1 |');
    expect(md).toContain('| published | 2024-03-05 09:30 |');
    expect(md).toContain('| words | 412 |');
    expect(md).toContain('## 4 hits');
    const rows = lines.filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.length).toBe(4);
    for (const r of rows) expect(cells(r)).toBe(11);
    expect(rows[0]).toBe(
      '| 1 | 0.92 | near-duplicate | 0.88 | 0.95 | 0.90 | lsh, terms | copy\\-1 | [Title of copy\\-1](https://example.org/copy-1) | News A | 2024-03-05 11:00 |',
    );
    expect(rows[3]).toBe(
      '| 4 | 0.41 | same-story | 0.20 | 0.60 | 0.40 | terms | plain\\-4 |  |  | undated |',
    );
    expect(md).toContain('### 1\\. Title of copy\\-1');
    expect(md).toContain(`- **relation:** ${RELATION_LABEL['edited-copy']}`);
    expect(md).toContain('- **similarity:** 0.91');
    expect(md).toContain('- **query in hit / hit in query:** 95% / 88%');
    expect(md).toContain(
      '- **derivation:** hit derived from query \\(confidence 0\\.80\\): the hit is shorter; the hit quotes the query; \\+1 more',
    );
    expect(md).toContain('- **derivation:** query derived from hit');
    expect(md).toContain('- **summary:** An edited copy: three sentences dropped\\.');
    expect(md).not.toContain('### 4\\.');
    expect(md.trimEnd().split('\n').at(-1)).toBe(
      '_retrieval 12 ms · rescoring 340 ms · 57 candidates considered_',
    );
  });

  it('escapes everything from the store and links only http(s) URLs', () => {
    const evil = '<script>alert(1)</script> [x](javascript:alert(2)) | **b** # h';
    const md = renderSearchMarkdown(
      result(
        [
          hit(`id ${evil}`, {
            title: `t\r\n# ${evil}`,
            source: evil,
            url: 'javascript:alert(3)',
            summary: evil,
          }),
          hit('ok', { url: 'https://example.org/a(b)|c d', relation: 'rewrite' }),
        ],
        { query: { id: evil, title: evil, published: 'soon <b>', words: 1 } },
      ),
    );
    expect(md).not.toMatch(/(?<!\\)<(script|b)\b/i);
    expect(md).not.toMatch(/(?<!\\)\[x\\?\]/);
    expect(md).not.toMatch(/\]\(javascript:/i);
    for (const h of md.split('\n').filter((l) => l.startsWith('#')))
      expect(h).toMatch(/^(# storydiff search: \\<script|## \d+ hits?$|## Compared in full$|### \d+\\\. )/);
    expect(md).not.toContain('\r');
    expect(md).toContain('(url: javascript:alert\\(3\\))');
    expect(md).toContain('| published | soon \\<b\\> |');
    expect(md).toContain('[Title of ok](https://example.org/a%28b%29%7Cc%20d)');
    for (const r of md.split('\n').filter((l) => /^\| \d+ \|/.test(l))) expect(cells(r)).toBe(11);
  });

  it('says clearly when no versions were found', () => {
    const md = renderSearchMarkdown(result([], { candidates: 0, query: { words: 80 } }));
    expect(md).toContain('# storydiff search: query');
    expect(md).toContain('**No versions found:**');
    expect(md).toContain('(0 candidates considered)');
    expect(md).not.toContain('## Compared in full');
  });
});
