import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/lib/prng.js';
import {
  AliasTable,
  SynthCorpus,
  type SynthCorpusArticle,
  synthCorpus,
  writeSynthCorpusJsonl,
  zipfWeights,
} from '../../scripts/lib/synth-corpus.js';

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
const shingles = (s: string): Set<string> => {
  const w = s.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 2 < w.length; i++) out.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return out;
};
const jaccard = (a: Set<string>, b: Set<string>): number => {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / (a.size + b.size - n);
};

const corpus = new SynthCorpus({ seed: 11, count: 50_000 });
const sample: SynthCorpusArticle[] = [...corpus.articles(0, 3000)];

describe('synthetic corpus', () => {
  it('is deterministic: the same seed gives the same articles, streamed or read at random', () => {
    const again = new SynthCorpus({ seed: 11, count: 50_000 });
    expect(again.article(1234)).toEqual(sample[1234]);
    const streamed: SynthCorpusArticle[] = [];
    for (const a of synthCorpus({ seed: 11, count: 50_000, from: 2 })) {
      streamed.push(a);
      if (streamed.length === 3) break;
    }
    expect(streamed).toEqual(sample.slice(2, 5));
    // random access in any order gives what the stream gave
    for (const i of [2999, 17, 1500, 3])
      expect(new SynthCorpus({ seed: 11, count: 50_000 }).article(i)).toEqual(sample[i]);
    expect(new SynthCorpus({ seed: 12, count: 50_000 }).article(5).text).not.toBe(sample[5].text);
  });

  it('has news-like lengths: 350–800 words for originals, mean about 500, about 3 KB', () => {
    const originals = sample.filter((a) => a.kind === 'original');
    const n = originals.map((a) => words(a.text).length);
    const mean = n.reduce((s, x) => s + x, 0) / n.length;
    expect(mean).toBeGreaterThan(460);
    expect(mean).toBeLessThan(560);
    expect(Math.min(...n)).toBeGreaterThanOrEqual(330);
    expect(Math.max(...n)).toBeLessThanOrEqual(830);
    // right-skewed: the median below the mean
    const sorted = n.slice().sort((a, b) => a - b);
    expect(sorted[sorted.length >> 1]).toBeLessThan(mean);
    const bytes = originals.reduce((s, a) => s + Buffer.byteLength(a.text), 0) / originals.length;
    expect(bytes).toBeGreaterThan(2500);
    expect(bytes).toBeLessThan(4000);
    // all versions stay in a plausible range too
    for (const a of sample) {
      expect(words(a.text).length).toBeGreaterThan(150);
      expect(words(a.text).length).toBeLessThan(900);
    }
  });

  it('looks like news: paragraphs, quotes, figures, titles, sources, dates over the year', () => {
    const a = sample[0];
    expect(a.text).toContain('\n\n');
    expect(a.title.length).toBeGreaterThan(10);
    expect(a.url).toMatch(/^https:\/\/www\.[a-z-]+\.example\/2024\/\d\d\/[a-z0-9-]+-0$/);
    expect(a.lang).toBe('en');
    const all = sample.map((x) => x.text).join('\n');
    expect(all).toMatch(/"[^"]+," [A-Z]/); // a quote with its attribution
    expect(all).toMatch(/\d{1,3},\d{3} /); // figures
    expect(all).toMatch(/ percent/);
    expect(new Set(sample.map((x) => x.source)).size).toBeGreaterThan(30);
    const times = sample.map((x) => Date.parse(x.published));
    expect(times.every((t) => t >= Date.parse('2024-01-01') && t < Date.parse('2025-01-01'))).toBe(true);
    // 3,000 of 50,000 articles cover the first ~3/50 of the year
    expect(Math.max(...times)).toBeLessThan(Date.parse('2024-02-01'));
    const late = new SynthCorpus({ seed: 11, count: 50_000 }).article(49_999);
    expect(late.published.slice(0, 7)).toBe('2024-12');
    expect(new Set(sample.map((x) => x.id)).size).toBe(sample.length);
  });

  it('follows a Zipf-like word distribution with a heavy head and a long tail', () => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const a of sample.slice(0, 500)) {
      for (const w of a.text.toLowerCase().match(/[a-z]+/g) ?? []) {
        counts.set(w, (counts.get(w) ?? 0) + 1);
        total++;
      }
    }
    const freq = [...counts.values()].sort((x, y) => y - x);
    expect(freq[0] / total).toBeGreaterThan(0.03); // "the"
    expect(freq[0] / total).toBeLessThan(0.12);
    const top100 = freq.slice(0, 100).reduce((s, x) => s + x, 0) / total;
    expect(top100).toBeGreaterThan(0.35);
    expect(top100).toBeLessThan(0.65);
    expect(counts.size).toBeGreaterThan(10_000);
  });

  it('makes about the requested share of versions, each of an earlier original', () => {
    const versions = sample.filter((a) => a.kind !== 'original');
    expect(versions.length / sample.length).toBeGreaterThan(0.2);
    expect(versions.length / sample.length).toBeLessThan(0.3);
    for (const kind of ['copy', 'light', 'edit', 'rewrite'])
      expect(versions.some((v) => v.kind === kind)).toBe(true);
    for (const v of versions) {
      const i = Number(v.id.slice(4));
      expect(v.story).toBeLessThan(i);
      expect(sample[v.story].kind).toBe('original');
      expect(Date.parse(v.published)).toBeGreaterThanOrEqual(Date.parse(sample[v.story].published));
    }
    for (const a of sample.filter((x) => x.kind === 'original').slice(0, 50))
      expect(a.story).toBe(Number(a.id.slice(4)));
    const none = new SynthCorpus({ seed: 11, versionShare: 0 });
    expect([...none.articles(0, 300)].every((a) => a.kind === 'original')).toBe(true);
  });

  it('makes versions that do what their kind says', () => {
    const byKind = (k: string) => sample.filter((a) => a.kind === k).slice(0, 20);
    for (const v of byKind('copy')) expect(v.text).toBe(sample[v.story].text);
    for (const v of byKind('light')) {
      const src = sample[v.story].text;
      expect(v.text).not.toBe(src);
      const a = words(v.text);
      const b = words(src);
      expect(a.length).toBe(b.length);
      expect(a.filter((w, i) => w !== b[i]).length).toBeLessThanOrEqual(5);
      expect(jaccard(shingles(v.text), shingles(src))).toBeGreaterThan(0.85);
    }
    for (const v of byKind('edit')) {
      const j = jaccard(shingles(v.text), shingles(sample[v.story].text));
      expect(j).toBeGreaterThan(0.35);
      expect(j).toBeLessThan(0.97);
    }
    for (const v of byKind('rewrite')) {
      const src = sample[v.story].text;
      expect(jaccard(shingles(v.text), shingles(src))).toBeLessThan(0.3);
      // the same cast: most capitalised names of the rewrite occur in the original
      const names = new Set(v.text.match(/(?<=[a-z,] )[A-Z][a-z]+/g) ?? []);
      const shared = [...names].filter((n) => src.includes(n)).length;
      expect(shared / Math.max(1, names.size)).toBeGreaterThan(0.6);
    }
    // unrelated articles share almost no shingles
    const un = jaccard(shingles(sample[100].text), shingles(sample[2000].text));
    expect(un).toBeLessThan(0.03);
  });

  it('writes JSONL with the corpus input fields (and the truth on request)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-corpus-'));
    try {
      const path = join(dir, 'c.jsonl');
      const r = writeSynthCorpusJsonl(path, { seed: 11, count: 50_000, from: 10, to: 40 });
      expect(r.articles).toBe(30);
      const lines = readFileSync(path, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(30);
      const first = JSON.parse(lines[0]);
      expect(Object.keys(first).sort()).toEqual([
        'id',
        'lang',
        'published',
        'source',
        'text',
        'title',
        'url',
      ]);
      expect(first.text).toBe(sample[10].text);
      expect(r.bytes).toBe(Buffer.byteLength(readFileSync(path)));
      writeSynthCorpusJsonl(path, { seed: 11, count: 50_000, to: 3, truth: true });
      expect(JSON.parse(readFileSync(path, 'utf8').split('\n')[2])).toMatchObject({
        kind: 'original',
        story: 2,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('AliasTable', () => {
  it('samples in proportion to the weights', () => {
    const t = new AliasTable([1, 2, 3, 4]);
    const rng = mulberry32(5);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[t.sample(rng)]++;
    counts.forEach((c, i) => {
      expect(c / 40_000).toBeCloseTo((i + 1) / 10, 1);
    });
  });

  it('follows Zipf weights', () => {
    const t = new AliasTable(zipfWeights(1000, 1, 0));
    const rng = mulberry32(6);
    const counts = new Array(1000).fill(0);
    for (let i = 0; i < 100_000; i++) counts[t.sample(rng)]++;
    expect(counts[0] / counts[1]).toBeGreaterThan(1.7);
    expect(counts[0] / counts[1]).toBeLessThan(2.3);
    expect(counts[0] / counts[9]).toBeGreaterThan(8);
  });
});
