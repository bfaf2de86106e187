import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aggregate,
  extractFindings,
  FINDINGS_SET_SCHEMA,
  type Finding,
  labelMatches,
  loadFindingsSets,
  matchPair,
  parseFindingsSet,
  surfaceMatches,
} from '../../scripts/lib/findings.js';
import { evalFindings, SemevalFindings } from '../../scripts/lib/findings-eval.js';
import type { Comparison } from '../../src/compare/types.js';

type View = Pick<Comparison, 'changes' | 'entities' | 'quotes' | 'a' | 'b'>;

const side = (...texts: string[]) =>
  ({
    lang: 'en',
    sentences: texts.map((text, index) => ({ index, text, start: 0, end: text.length, paragraph: 0 })),
    paragraphs: 1,
    words: 0,
  }) as Comparison['a'];

/** The same name change found in two links: one fact entered twice. */
const nameChange = (link: number): Comparison['changes'][number] => ({
  kind: 'name',
  detail: 'spelling',
  a: 'Ola Brenn',
  b: 'Ola Bren',
  entity: 'Ola Brenn',
  link,
  sentences: { a: [link], b: [link] },
  message: '',
  spans: { a: [], b: [] },
});

/** A tiny hand-made comparison: a number change, a negation without words, a duplicate name change. */
function tiny(): View {
  return {
    a: side('Forty people were hurt in Tarnow.', 'The mayor did not rule out a ban.'),
    b: side('Fifteen people were hurt in Tarnow.', 'The mayor ruled out a ban.'),
    changes: [
      {
        kind: 'number',
        detail: 'changed',
        a: 'Forty people',
        b: 'Fifteen people',
        link: 0,
        sentences: { a: [0], b: [0] },
        message: '',
        spans: { a: [], b: [] },
      },
      {
        kind: 'negation',
        detail: 'removed',
        link: 1,
        sentences: { a: [1], b: [1] },
        message: '',
        spans: { a: [], b: [] },
      },
      {
        kind: 'number',
        detail: 'rephrased',
        a: '2',
        b: 'two',
        link: 1,
        sentences: { a: [1], b: [1] },
        message: '',
        spans: { a: [], b: [] },
      },
      nameChange(0),
      nameChange(1),
    ],
    entities: [
      {
        id: 0,
        kind: 'person',
        name: 'Ola Brenn',
        forms: { a: ['Ola Brenn'], b: ['Ola Bren'] },
        mentions: { a: [], b: [] },
        variants: true,
        evidence: [],
        confidence: 1,
      },
      {
        id: 1,
        kind: 'place',
        name: 'Chiny',
        forms: { a: ['Chiny'], b: ['Chin'] },
        mentions: { a: [], b: [] },
        variants: true,
        evidence: [],
        confidence: 1,
      },
    ],
    quotes: [
      { relation: 'verbatim', score: 1 },
      {
        relation: 'reworded',
        a: { text: 'we act now', sentence: 0, start: 0, end: 1 },
        b: { text: 'we must act', sentence: 0, start: 0, end: 1 },
        score: 0.5,
      },
    ],
  };
}

describe('extractFindings', () => {
  it('reads changes, variants no name change covers, and quote claims; skips rephrased and verbatim', () => {
    const f = extractFindings(tiny());
    expect(f.map((x) => `${x.kind}/${x.detail}`)).toEqual([
      'number/changed',
      'negation/removed',
      'name/spelling',
      'name/spelling',
      'name/variants',
      'quote/reworded',
    ]);
    // the negation without words is matched against its sentences
    expect(f[1].a).toEqual(['The mayor did not rule out a ban.']);
    expect(f[4].a).toEqual(['Chiny']);
  });
});

describe('matching', () => {
  it('matches whole words, case-insensitively', () => {
    expect(surfaceMatches('40', '40 people')).toBe(true);
    expect(surfaceMatches('40', '400 people')).toBe(false);
    expect(surfaceMatches('did not rule out', 'The mayor DID not rule out a ban.')).toBe(true);
    expect(surfaceMatches("Wuhan'da", 'in Wuhan’da')).toBe(true);
  });

  it('matches kind, detail and sides; change excludes names and quotes', () => {
    const f: Finding = { kind: 'number', detail: 'changed', a: ['Forty people'], b: ['Fifteen'], text: '' };
    expect(labelMatches({ kind: 'number', a: 'forty', b: 'fifteen' }, f)).toBe(true);
    expect(labelMatches({ kind: 'number', detail: 'dropped' }, f)).toBe(false);
    expect(labelMatches({ kind: 'number', b: 'forty' }, f)).toBe(false);
    expect(labelMatches({ kind: 'change' }, f)).toBe(true);
    expect(labelMatches({ kind: 'change' }, { ...f, kind: 'quote' })).toBe(false);
    expect(labelMatches({ kind: 'any' }, { ...f, kind: 'quote' })).toBe(true);
  });

  it('scores hits, misses, duplicates, forbidden and tolerated findings', () => {
    const m = matchPair(extractFindings(tiny()), {
      must: [
        { kind: 'number', a: 'Forty', b: 'Fifteen' },
        { kind: 'name', a: 'Ola Brenn', b: 'Ola Bren' },
        { kind: 'date', a: 'Monday' },
      ],
      may: [{ kind: 'quote', detail: 'reworded' }],
      mustNot: [{ kind: 'name', a: 'Chiny' }],
    });
    expect(m.hits.map((h) => h.label.kind)).toEqual(['number', 'name']);
    expect(m.misses.map((l) => l.kind)).toEqual(['date']);
    expect(m.tolerated.map((f) => f.kind)).toEqual(['quote']);
    expect(m.falsePositives.map((f) => `${f.finding.kind}/${f.reason}`)).toEqual([
      'negation/unlabelled',
      'name/duplicate',
      'name/forbidden',
    ]);
    const agg = aggregate([{ lang: 'pl', match: m }]);
    expect(agg.all).toMatchObject({ tp: 2, fp: 3, fn: 1, precision: 0.4, recall: 2 / 3 });
    expect(agg.byKind.name).toMatchObject({ tp: 1, fp: 2, fn: 0 });
    expect(agg.byKind.date.precision).toBeNaN();
    expect(agg.byLang.pl.tp).toBe(2);
  });

  it('gives perfect scores when the labels describe the findings exactly', () => {
    const f = extractFindings(tiny());
    const m = matchPair(f, {
      must: f.map((x) => ({ kind: x.kind, detail: x.detail, a: x.a[0], b: x.b[0] })),
      may: [],
      mustNot: [],
    });
    expect(aggregate([{ lang: 'en', match: m }]).all).toMatchObject({
      fp: 0,
      fn: 0,
      precision: 1,
      recall: 1,
    });
  });
});

describe('SemevalFindings', () => {
  it('counts different-story pairs with findings and inflected names per language', () => {
    const noise = new SemevalFindings();
    noise.add('pl-pl', 4, tiny());
    noise.add('pl-pl', 1, tiny());
    noise.add('pl-pl', 3.5, { ...tiny(), changes: [], entities: [], quotes: [] });
    const r = noise.report();
    const pl = (r.json.byLang as Record<string, Record<string, number>>)['pl-pl'];
    expect(pl).toMatchObject({ pairs: 3, different: 2, differentWithAny: 1, flagged: 4, inflections: 2 }); // Chin/Chiny twice, not Ola Brenn/Bren
    expect(r.json.shareDifferentWithAny).toBe(0.5);
    expect(r.json.shareInflections).toBe(0.5);
  });
});

describe('findings-set files', () => {
  it('checks the schema and rejects duplicate ids', () => {
    const pair = {
      id: 'x-1',
      lang: 'en',
      type: 'rewrite',
      a: { lang: 'en', text: 'A.' },
      b: { lang: 'en', text: 'B.' },
    };
    expect(() => parseFindingsSet(JSON.stringify({ schema: 'other@1', pairs: [] }), 'f.json')).toThrow(
      /schema/,
    );
    expect(() =>
      parseFindingsSet(
        JSON.stringify({ schema: FINDINGS_SET_SCHEMA, pairs: [{ ...pair, must: [{}] }] }),
        'f.json',
      ),
    ).toThrow(/kind/);
    const dir = mkdtempSync(join(tmpdir(), 'findings-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ schema: FINDINGS_SET_SCHEMA, pairs: [pair] }));
    expect(loadFindingsSets(dir).map((p) => p.must)).toEqual([[]]);
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ schema: FINDINGS_SET_SCHEMA, pairs: [pair] }));
    expect(() => loadFindingsSets(dir)).toThrow(/duplicate/);
  });

  it('the shipped set: at least 40 pairs, 6 languages, 6 pairs each, every label well-formed', () => {
    const pairs = loadFindingsSets(new URL('../../scripts/data/findings/', import.meta.url).pathname);
    expect(pairs.length).toBeGreaterThanOrEqual(40);
    const byLang = new Map<string, number>();
    for (const p of pairs) byLang.set(p.lang, (byLang.get(p.lang) ?? 0) + 1);
    expect(byLang.size).toBeGreaterThanOrEqual(6);
    for (const n of byLang.values()) expect(n).toBeGreaterThanOrEqual(6);
    for (const p of pairs) {
      // a must label's words occur in its side's text, so it can be found at all
      for (const l of p.must) {
        if (l.a) expect(surfaceMatches(l.a, p.a.text), `${p.id} a: ${l.a}`).toBe(true);
        if (l.b) expect(surfaceMatches(l.b, p.b.text), `${p.id} b: ${l.b}`).toBe(true);
      }
    }
  });
});

describe('evalFindings', () => {
  it('runs the comparison on each labelled pair and reports hits, false positives and misses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'findings-run-'));
    const pair = (id: string, lang: string, must: unknown[]) => ({
      id,
      lang,
      type: 'rewrite',
      a: { lang, text: 'A.' },
      b: { lang: 'en', text: 'B.' },
      must,
    });
    writeFileSync(
      join(dir, 'x.json'),
      JSON.stringify({
        schema: FINDINGS_SET_SCHEMA,
        pairs: [
          pair('p1', 'pl', [{ kind: 'number', a: 'forty', b: 'fifteen' }]),
          pair('p2', 'de', [{ kind: 'date', a: 'Montag' }]),
        ],
      }),
    );
    const seen: string[] = [];
    const r = await evalFindings(dir, (a, b) => {
      seen.push(`${a.source} ${a.lang} → ${b.source} ${b.lang}`);
      return {
        ...tiny(),
        changes: tiny().changes.slice(0, 1),
        entities: [],
        quotes: [],
      } as unknown as Comparison;
    });
    expect(seen).toEqual(['p1/a pl → p1/b en', 'p2/a de → p2/b en']);
    expect(r.json.all).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect((r.json.byLang as Record<string, { precision: number }>).de.precision).toBe(0);
    expect(r.json.misses).toEqual([
      { id: 'p2', type: 'rewrite', label: 'date: Montag → ·', relation: undefined },
    ]);
    expect(r.lines.join('\n')).toMatch(/p2 \[rewrite\] unlabelled: number\/changed/);
  });
});
