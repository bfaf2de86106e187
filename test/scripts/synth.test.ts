import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/lib/prng.js';
import {
  articleText,
  misspell,
  synthArticle,
  synthPair,
  synthPairOfWords,
  synthRewrite,
  wordCount,
} from '../../scripts/lib/synth.js';

describe('synthetic articles', () => {
  it('are deterministic per seed', () => {
    expect(synthPair(3, 30)).toEqual(synthPair(3, 30));
    expect(synthPair(3, 30).a).not.toBe(synthPair(4, 30).a);
  });

  it('have the requested number of sentences in paragraphs', () => {
    const art = synthArticle(1, 40);
    expect(art.paragraphs.reduce((s, p) => s + p.length, 0)).toBe(40);
    expect(art.paragraphs.every((p) => p.length >= 1 && p.length <= 4)).toBe(true);
    expect(articleText(art.paragraphs).split('\n\n')).toHaveLength(art.paragraphs.length);
  });

  it('reach about 5,000 words on request, with numbers and quotes', () => {
    const p = synthPairOfWords(5000, 5000);
    const n = wordCount(p.a);
    expect(n).toBeGreaterThan(4500);
    expect(n).toBeLessThan(5500);
    expect(p.a).toMatch(/\d/);
    expect(p.a).toContain('"');
  });

  it('rewrites: drops, adds and keeps most sentences, changes some', () => {
    const art = synthArticle(9, 100);
    const a = art.paragraphs.flat();
    const b = synthRewrite(art, 99).flat();
    expect(b.length).toBe(100); // 10 dropped, 10 added
    const kept = b.filter((s) => a.includes(s)).length;
    expect(kept).toBeGreaterThan(30);
    expect(kept).toBeLessThan(90);
    expect(synthRewrite(art, 99)).toEqual(synthRewrite(art, 99));
  });

  it('misspells names', () => {
    const r = mulberry32(2);
    for (let i = 0; i < 50; i++) {
      const m = misspell(r, 'Kalomiren');
      expect(m).not.toBe('Kalomiren');
      expect(Math.abs(m.length - 'Kalomiren'.length)).toBeLessThanOrEqual(1);
    }
  });
});
