import { describe, expect, it } from 'vitest';
import type { Segment } from '../../scripts/lib/loaders.js';
import { perturbCase, wmtCase } from '../../scripts/lib/wmt.js';

const human: Segment[] = Array.from({ length: 10 }, (_, i) => [i + 1, `h${i + 1}`] as Segment);
const mt: Segment[] = Array.from({ length: 10 }, (_, i) => [i + 1, `m${i + 1}`] as Segment);

describe('wmtCase', () => {
  it('links segments with the same id', () => {
    const c = wmtCase(human.slice(0, 3), [mt[2], mt[0]]);
    expect(c.a).toEqual(['h1', 'h2', 'h3']);
    expect(c.b).toEqual(['m3', 'm1']);
    expect(c.gold).toEqual([
      [0, 1],
      [2, 0],
    ]);
  });
});

describe('perturbCase', () => {
  const base = wmtCase(human, mt);

  it('drops 20% of b, keeps paragraphs of 3 together and remaps gold', () => {
    const p = perturbCase(base, 42);
    expect(p.b).toHaveLength(8);
    expect(p.order).toHaveLength(8);
    expect(p.a).toEqual(base.a);
    // every gold link points at the same segment text as before
    expect(p.gold).toHaveLength(8);
    for (const [i, k] of p.gold) expect(p.b[k].slice(1)).toBe(p.a[i].slice(1));
    // surviving members of one original paragraph stay adjacent and in order
    const para = (j: number) => Math.floor(j / 3);
    const runs = p.order.filter((j, k) => k === 0 || para(j) !== para(p.order[k - 1])).map(para);
    expect(new Set(runs).size).toBe(runs.length);
    for (let k = 1; k < p.order.length; k++) {
      if (para(p.order[k]) === para(p.order[k - 1])) expect(p.order[k]).toBeGreaterThan(p.order[k - 1]);
    }
  });

  it('is deterministic per seed', () => {
    expect(perturbCase(base, 1)).toEqual(perturbCase(base, 1));
    expect(perturbCase(base, 1).order).not.toEqual(perturbCase(base, 2).order);
  });

  it('respects options', () => {
    const p = perturbCase(base, 5, { paragraphSize: 1, dropRate: 0 });
    expect(p.b).toHaveLength(10);
    expect(p.gold).toHaveLength(10);
  });
});
