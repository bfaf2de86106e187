import { describe, expect, it } from 'vitest';
import { storyTree } from '../../src/report/story-tree.js';
import { port, story, v } from './story-fixtures.js';

describe('storyTree', () => {
  it('puts the root first and children under parents in publication order', () => {
    const roots = storyTree(port());
    expect(roots.map((n) => n.version.id)).toEqual(['wire-1']);
    expect(roots[0].children.map((n) => n.version.id)).toEqual(['rewrite-undated', 'a-1', 'c-1']);
    expect(roots[0].children[1].children.map((n) => n.version.id)).toEqual(['b-1']);
    expect(roots[0].children[1].parent).toBe(1);
  });

  it('keeps every version exactly once, breaking unknown parents, self-parents and cycles', () => {
    const s = story([
      v('r', '2024-01-01', 'S'),
      v('x', '2024-01-02', 'S', 'y'),
      v('y', '2024-01-03', 'S', 'x'),
      v('self', '2024-01-04', 'S', 'self'),
      v('lost', '2024-01-05', 'S', 'nowhere'),
    ]);
    const roots = storyTree(s);
    const seen: string[] = [];
    const visit = (n: (typeof roots)[number]) => {
      seen.push(n.version.id);
      n.children.forEach(visit);
    };
    roots.forEach(visit);
    expect(seen.sort()).toEqual(['lost', 'r', 'self', 'x', 'y']);
    expect(roots[0].version.id).toBe('r');
    expect(roots.find((n) => n.version.id === 'lost')!.orphan).toBe(true);
    expect(roots.find((n) => n.version.id === 'self')!.orphan).toBe(true);
    // The cycle is cut at its earliest version, which keeps the other as its child.
    const x = roots.find((n) => n.version.id === 'x')!;
    expect(x.orphan).toBe(true);
    expect(x.children.map((n) => n.version.id)).toEqual(['y']);
  });
});
