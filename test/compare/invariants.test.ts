import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/compare.js';
import type { Comparison } from '../../src/compare/types.js';
import type { Article } from '../../src/doc/types.js';

/**
 * Property tests: random article pairs built from an invented vocabulary, with paragraphs reordered,
 * sentences dropped, added, reworded, split and merged. Seeded, so a failure always reproduces:
 * the failing seed is in the assertion message.
 */

/** mulberry32: a tiny seeded PRNG. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof rng>;

const WORDS = (
  'brell quastor mindle sorvat pellin drocket vasket lumbrel fennick tarrow gossin harlow ' +
  'criddle wombrel tasket plover marrick yoven sellock dranthe quibble morrow fasket grindle ' +
  'hollin pestle vorrow kindle lattick nemble oskin prattle rindle saffick tumber wendle ' +
  'yarrow zimble cobbet dunnick eskel fribble gantry hummock jessick kettle loppin mizzen'
).split(' ');
const FILLER = ['the', 'a', 'of', 'in', 'and', 'to', 'was', 'by', 'on', 'with'];
const NAMES = ['Orvanda', 'Kestermol', 'Mivosh', 'Tallardy', 'Brunhollow', 'Quenzel', 'Dravik', 'Solvenna'];

function sentence(r: Rng): string {
  const n = r.int(5, 15);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    if (r.chance(0.12)) words.push(r.pick(NAMES));
    else if (r.chance(0.06)) words.push(String(r.int(2, 900)));
    else if (r.chance(0.3)) words.push(r.pick(FILLER));
    else words.push(r.pick(WORDS));
  }
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
}

/** An article as paragraphs of sentences. */
type Draft = string[][];

function article(r: Rng): Draft {
  return Array.from({ length: r.int(1, 5) }, () => Array.from({ length: r.int(1, 3) }, () => sentence(r)));
}

function reword(r: Rng, s: string): string {
  const words = s.slice(0, -1).split(' ');
  for (let k = r.int(1, 3); k > 0; k--) {
    const i = r.int(0, words.length - 1);
    const op = r.int(0, 2);
    if (op === 0) words[i] = r.pick(WORDS);
    else if (op === 1) words.splice(i, 0, r.pick(WORDS));
    else if (words.length > 3) words.splice(i, 1);
  }
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
}

function mutate(r: Rng, a: Draft): Draft {
  const b = a.map((p) => [...p]);
  if (b.length > 1 && r.chance(0.4)) {
    const i = r.int(0, b.length - 1);
    const j = r.int(0, b.length - 1);
    [b[i], b[j]] = [b[j], b[i]];
  }
  for (const p of b) {
    for (let i = 0; i < p.length; i++) {
      const roll = r.next();
      if (roll < 0.15 && p.length > 1) p.splice(i--, 1);
      else if (roll < 0.4) p[i] = reword(r, p[i]);
      else if (roll < 0.5) {
        // Split at a word boundary.
        const words = p[i].slice(0, -1).split(' ');
        if (words.length >= 6) {
          const cut = r.int(3, words.length - 3);
          const tail = words.slice(cut).join(' ');
          p.splice(i, 1, `${words.slice(0, cut).join(' ')}.`, `${tail[0].toUpperCase()}${tail.slice(1)}.`);
          i++;
        }
      } else if (roll < 0.58 && i + 1 < p.length) {
        // Merge with the next sentence.
        p.splice(i, 2, `${p[i].slice(0, -1)} and ${p[i + 1][0].toLowerCase()}${p[i + 1].slice(1)}`);
      }
    }
    if (r.chance(0.25)) p.splice(r.int(0, p.length), 0, sentence(r));
  }
  if (r.chance(0.3)) b.splice(r.int(0, b.length), 0, [sentence(r)]);
  if (b.length > 1 && r.chance(0.2)) b.splice(r.int(0, b.length - 1), 1);
  return b;
}

const render = (d: Draft) => d.map((p) => p.join(' ')).join('\n\n');

/** A random pair: usually a version and its edit, sometimes two unrelated articles. */
function pair(seed: number): [Article, Article] {
  const r = rng(seed);
  const a = article(r);
  const b = r.chance(0.15) ? article(r) : mutate(r, a);
  const lang = r.chance(0.7) ? 'en' : undefined;
  return [
    { text: render(a), source: `a#${seed}`, ...(lang ? { lang } : {}) },
    { text: render(b), source: `b#${seed}`, ...(lang ? { lang } : {}) },
  ];
}

const SEEDS = Array.from({ length: 120 }, (_, i) => 1000 + i * 7919);

function checkStructure(c: Comparison, where: string): void {
  const nA = c.a.sentences.length;
  const nB = c.b.sentences.length;
  const linkedA = new Set<number>();
  const linkedB = new Set<number>();
  c.alignment.forEach((l, k) => {
    const at = `${where} link ${k} ${JSON.stringify({ a: l.a, b: l.b })}`;
    expect(l.a.length, at).toBeGreaterThan(0);
    expect(l.b.length, at).toBeGreaterThan(0);
    for (const [idx, n] of [
      [l.a, nA],
      [l.b, nB],
    ] as const) {
      for (let i = 0; i < idx.length; i++) {
        expect(Number.isInteger(idx[i]), at).toBe(true);
        expect(idx[i] >= 0 && idx[i] < n, at).toBe(true);
        if (i > 0) expect(idx[i] > idx[i - 1], `${at}: indices must be sorted and distinct`).toBe(true);
      }
    }
    expect(l.score >= 0 && l.score <= 1, at).toBe(true);
    expect(typeof l.moved, at).toBe('boolean');
    for (const i of l.a) linkedA.add(i);
    for (const j of l.b) linkedB.add(j);
  });
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  expect(c.onlyA, `${where} onlyA`).toEqual(range(nA).filter((i) => !linkedA.has(i)));
  expect(c.onlyB, `${where} onlyB`).toEqual(range(nB).filter((j) => !linkedB.has(j)));

  const s = c.scores;
  const unit = (x: number, what: string) =>
    expect(x >= 0 && x <= 1, `${where} ${what} = ${x} is outside [0, 1]`).toBe(true);
  unit(s.containment.aInB, 'containment.aInB');
  unit(s.containment.bInA, 'containment.bInA');
  unit(s.overall, 'overall');
  unit(s.reuse, 'reuse');
  for (const [k, d] of Object.entries(s.dimensions)) unit(d.score, `dimensions.${k}`);
  expect(s.semeval >= 1 && s.semeval <= 4, `${where} semeval = ${s.semeval} is outside [1, 4]`).toBe(true);

  // Everything that points at a sentence or a link points at one that exists.
  for (const ch of c.changes) {
    expect(ch.link >= 0 && ch.link < c.alignment.length, `${where} change link`).toBe(true);
    expect(ch.sentences.a, `${where} change sentences`).toEqual(c.alignment[ch.link].a);
    expect(ch.sentences.b, `${where} change sentences`).toEqual(c.alignment[ch.link].b);
  }
  for (const e of c.entities) {
    for (const m of e.mentions.a) expect(m.sentence < nA, `${where} entity mention`).toBe(true);
    for (const m of e.mentions.b) expect(m.sentence < nB, `${where} entity mention`).toBe(true);
  }
  for (const q of c.quotes) {
    if (q.a) expect(q.a.sentence < nA, `${where} quote`).toBe(true);
    if (q.b) expect(q.b.sentence < nB, `${where} quote`).toBe(true);
  }
  // A paragraph listed as only on one side has all its sentences only on that side.
  const onlyA = new Set(c.onlyA);
  for (const p of c.paragraphsOnlyA) {
    const sents = c.a.sentences.filter((x) => x.paragraph === p).map((x) => x.index);
    expect(sents.length > 0 && sents.every((i) => onlyA.has(i)), `${where} paragraph ${p}`).toBe(true);
  }
}

describe('compare: invariants on random article pairs', () => {
  it('the generator is deterministic and makes varied pairs', () => {
    expect(pair(42)).toEqual(pair(42));
    const texts = new Set(SEEDS.slice(0, 20).map((s) => pair(s)[1].text));
    expect(texts.size).toBe(20);
    // Some pairs differ, some share sentences.
    const [a, b] = pair(SEEDS[0]);
    expect(a.text).not.toBe(b.text);
  });

  it('links, one-sided sentences and scores are consistent for every pair', () => {
    for (const seed of SEEDS) {
      const [a, b] = pair(seed);
      checkStructure(compare(a, b), `seed ${seed}`);
    }
  });

  it('comparing an article with itself gives a verbatim copy', () => {
    for (const seed of SEEDS) {
      const [a] = pair(seed);
      const c = compare(a, { ...a, source: 'copy' });
      const where = `seed ${seed}`;
      checkStructure(c, where);
      expect(c.relation, where).toBe('verbatim-copy');
      expect(c.onlyA, where).toEqual([]);
      expect(c.onlyB, where).toEqual([]);
      expect(c.scores.containment, where).toEqual({ aInB: 1, bInA: 1 });
      expect(c.changes, where).toEqual([]);
      expect(
        c.alignment.every((l) => !l.moved),
        where,
      ).toBe(true);
    }
  });

  it('compare(a, b) and compare(b, a) find the same number of links', () => {
    for (const seed of SEEDS) {
      const [a, b] = pair(seed);
      const ab = compare(a, b);
      const ba = compare(b, a);
      expect(ab.alignment.length, `seed ${seed}`).toBe(ba.alignment.length);
      expect(ab.scores.containment.aInB, `seed ${seed}`).toBeCloseTo(ba.scores.containment.bInA, 2);
    }
  });
});
