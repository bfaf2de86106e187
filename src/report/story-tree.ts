/**
 * The derivation tree of a story, as every stories format draws it: the likely original at the
 * top, each version under the one it was derived from, in publication order.
 *
 * Decision. The tree is rebuilt from each version's `parent` rather than trusted: a parent that is
 * not in the story, a version naming itself and parent cycles are all broken, so every version
 * appears exactly once whatever the input. Walks are iterative, since a chain of rewrites can be
 * as deep as the story is long.
 */
import type { Story, StoryVersion } from '../corpus/story-types.js';

/** One version in the derivation tree of a story. */
export interface StoryTreeNode {
  version: StoryVersion;
  /** Index in `story.versions` (publication order). */
  index: number;
  /** Versions derived from this one, in publication order. */
  children: StoryTreeNode[];
  /** Index of the parent in `story.versions`, when the parent is in the story. */
  parent?: number;
  /** The version names a parent that is not among the story's versions (or itself, or a cycle). */
  orphan: boolean;
}

/**
 * The derivation tree of a story as a forest: the story's root first, then any other version
 * without a parent in the story, each with its descendants; children in publication order. Every
 * version appears exactly once, whatever the input (unknown parents and cycles are broken).
 *
 * @example
 * ```ts
 * const [root, ...others] = storyTree(story);
 * console.log(root.version.id, root.children.map((c) => c.version.id));
 * ```
 */
export function storyTree(story: Story): StoryTreeNode[] {
  const vs = story.versions;
  const at = new Map<string, number>();
  vs.forEach((v, i) => {
    if (!at.has(v.id)) at.set(v.id, i);
  });
  const nodes: StoryTreeNode[] = vs.map((version, index) => ({
    version,
    index,
    children: [],
    orphan: false,
  }));
  for (const n of nodes) {
    const p = n.version.parent === undefined ? undefined : at.get(n.version.parent);
    if (p === undefined || p === n.index) {
      n.orphan = n.version.parent !== undefined;
      continue;
    }
    n.parent = p;
    nodes[p].children.push(n);
  }
  const roots = nodes.filter((n) => n.parent === undefined);
  const rootAt = at.get(story.root);
  roots.sort((x, y) => Number(y.index === rootAt) - Number(x.index === rootAt) || x.index - y.index);
  // Versions caught in a parent cycle are unreachable from any root: cut each cycle at its earliest version.
  const seen = new Set<number>();
  const mark = (n: StoryTreeNode) => {
    const stack = [n];
    while (stack.length) {
      const m = stack.pop()!;
      seen.add(m.index);
      stack.push(...m.children);
    }
  };
  roots.forEach(mark);
  for (const n of nodes) {
    if (seen.has(n.index)) continue;
    const p = nodes[n.parent!];
    p.children = p.children.filter((c) => c !== n);
    n.parent = undefined;
    n.orphan = true;
    roots.push(n);
    mark(n);
  }
  return roots;
}

/**
 * Depth-first walk in tree order (a parent before its children), without recursion. `last` says,
 * for each level down to this node, whether the node on that level is its parent's last child.
 *
 * @example
 * ```ts
 * walkTree(storyTree(story), (n, depth) => console.log(`${'  '.repeat(depth)}${n.version.id}`));
 * ```
 */
export function walkTree(
  roots: StoryTreeNode[],
  visit: (n: StoryTreeNode, depth: number, last: boolean[]) => void,
) {
  const stack: { n: StoryTreeNode; depth: number; last: boolean[] }[] = roots
    .map((n, i) => ({ n, depth: 0, last: [i === roots.length - 1] }))
    .reverse();
  while (stack.length) {
    const { n, depth, last } = stack.pop()!;
    visit(n, depth, last);
    for (let i = n.children.length - 1; i >= 0; i--)
      stack.push({ n: n.children[i], depth: depth + 1, last: [...last, i === n.children.length - 1] });
  }
}

/** How each format words the note after a top-level version of the tree. */
export interface RootWords {
  /** The story's root: the likely original. */
  original: string;
  /** A version whose parent is not in the story. */
  orphan: (parent: string) => string;
  /** A version with no parent at all. */
  first: string;
}

/**
 * The note after a version of the tree: for a top-level one whether it is the likely original,
 * derives from a version outside the story or has no earlier version; nothing below the top.
 *
 * @example
 * ```ts
 * rootNote(story, node, 0, { original: ' (original)', orphan: (p) => ` (from ${p})`, first: '' });
 * ```
 */
export function rootNote(s: Story, n: StoryTreeNode, depth: number, words: RootWords): string {
  if (depth > 0) return '';
  if (n.version.id === s.root && !n.orphan) return words.original;
  return n.orphan ? words.orphan(n.version.parent ?? '') : words.first;
}
