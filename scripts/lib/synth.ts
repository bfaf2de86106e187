/**
 * Deterministic synthetic news articles and rewrites for benchmarks. Everything comes from a seed:
 * invented names and places built from syllables, a small hand-written English vocabulary, and
 * sentence templates with numbers and quotes. The rewrite imitates a retold version: paragraphs
 * moved, sentences dropped and added, words substituted, names misspelt, numbers changed.
 */

import { mulberry32, pick, type Rng, randInt, shuffle } from './prng.js';

const SYLLABLES =
  'ka lo mi ren dor sa vi tel ba nor qui zan el or ar is ul fen gri mar tho bek ste wan du pel ro han'.split(
    ' ',
  );
const NOUNS = (
  'agreement budget plan proposal report inquiry project reform contract programme deal policy ' +
  'strategy package review scheme dispute measure network bridge pipeline harbour factory railway ' +
  'election tariff loan hospital school tunnel ceasefire summit treaty audit strike merger'
).split(' ');
const PLURALS = (
  'workers families farmers students voters companies households patients soldiers refugees ' +
  'engineers teachers investors residents drivers nurses'
).split(' ');
const VERBS = (
  'expand reduce review delay support protect approve block fund replace extend cut build restore ' +
  'finance challenge monitor revise'
).split(' ');
const PAST = (
  'criticised welcomed rejected defended questioned endorsed announced postponed praised condemned ' +
  'approved blocked signed revised'
).split(' ');
const PARTICIPLES = 'injured evacuated displaced arrested rescued hired affected relocated'.split(' ');
const ADJECTIVES = (
  'new controversial ambitious costly regional national temporary long-term modest sweeping urgent ' +
  'fragile previous joint public private broad'
).split(' ');
const ROLES = [
  'the foreign minister',
  'the finance minister',
  'a government spokeswoman',
  'the mayor',
  'the union leader',
  'the opposition leader',
  'the central bank governor',
  'a senior official',
];
const ORG_KINDS = 'Ministry Council Agency Commission Institute Union Authority Bank'.split(' ');
const WEEKDAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

/** Word classes whose members may be swapped for one another in a rewrite. */
const SWAPPABLE: readonly (readonly string[])[] = [NOUNS, PLURALS, VERBS, PAST, PARTICIPLES, ADJECTIVES];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The word with 'a' or 'an' before it. */
function an(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

function inventWord(rng: Rng, minSyl: number, maxSyl: number): string {
  let w = '';
  const n = randInt(rng, minSyl, maxSyl + 1);
  for (let i = 0; i < n; i++) w += pick(rng, SYLLABLES);
  return cap(w);
}

interface Person {
  first: string;
  last: string;
  role: string;
}

/** The cast of one synthetic story. */
export interface World {
  people: Person[];
  places: string[];
  orgs: string[];
}

export function makeWorld(rng: Rng): World {
  const used = new Set<string>();
  const fresh = (min: number, max: number): string => {
    for (;;) {
      const w = inventWord(rng, min, max);
      if (!used.has(w)) {
        used.add(w);
        return w;
      }
    }
  };
  const people = Array.from({ length: 10 }, () => ({
    first: fresh(2, 2),
    last: fresh(2, 3),
    role: pick(rng, ROLES),
  }));
  const places = Array.from({ length: 6 }, () => fresh(2, 3));
  const orgs = Array.from({ length: 5 }, () => `the ${fresh(2, 3)} ${pick(rng, ORG_KINDS)}`);
  return { people, places, orgs };
}

type Template = (r: Rng, w: World, ref: (p: Person) => string) => string;

const n = (r: Rng, lo: number, hi: number): string => String(randInt(r, lo, hi));
const money = (r: Rng): string =>
  r() < 0.5 ? `${n(r, 2, 90)} million euros` : `$${n(r, 1, 20)}.${n(r, 1, 10)} billion`;
const clause = (r: Rng): string =>
  pick(r, [
    () => `we will ${pick(r, VERBS)} the ${pick(r, NOUNS)} and ${pick(r, VERBS)} every ${pick(r, NOUNS)}`,
    () => `the ${pick(r, ADJECTIVES)} ${pick(r, PLURALS)} must not be ${pick(r, PARTICIPLES)} again`,
    () => `nobody expected the ${pick(r, NOUNS)} to ${pick(r, VERBS)} so many ${pick(r, PLURALS)}`,
    () => `this ${pick(r, NOUNS)} is ${an(pick(r, ADJECTIVES))} step for ${n(r, 2, 900)} ${pick(r, PLURALS)}`,
  ])();

const TEMPLATES: Template[] = [
  (r, w, ref) =>
    `${cap(ref(pick(r, w.people)))} said on ${pick(r, WEEKDAYS)} that the ${pick(r, NOUNS)} would ${pick(r, VERBS)} ${n(r, 3, 900)} ${pick(r, PLURALS)} in ${pick(r, w.places)} by ${pick(r, MONTHS)}.`,
  (r, w) => {
    const p = pick(r, w.people);
    return `"${cap(clause(r))}," ${p.last} told reporters in ${pick(r, w.places)} after the ${pick(r, NOUNS)} was ${pick(r, PAST)}.`;
  },
  (r, w) =>
    `${cap(pick(r, w.orgs))} reported that ${n(r, 2, 80)}% of ${pick(r, PLURALS)} in ${pick(r, w.places)} had ${pick(r, PAST)} the ${pick(r, NOUNS)} since ${n(r, 1990, 2023)}, up from ${n(r, 2, 60)}% a year earlier.`,
  (r, w) =>
    `According to ${pick(r, w.orgs)}, at least ${n(r, 2, 400)} people were ${pick(r, PARTICIPLES)} after the ${pick(r, NOUNS)} in ${pick(r, w.places)} on ${pick(r, WEEKDAYS)}.`,
  (r, w) => {
    const p = pick(r, w.people);
    return `${p.first} ${p.last}, who has led ${pick(r, w.orgs)} since ${n(r, 1995, 2023)}, ${pick(r, PAST)} the ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)} and called for ${pick(r, ADJECTIVES)} talks.`;
  },
  (r, w) =>
    `Officials in ${pick(r, w.places)} expect the ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)} to cost about ${money(r)} over the next ${n(r, 2, 12)} years.`,
  (r, w, ref) =>
    `${cap(ref(pick(r, w.people)))} added that "${clause(r)}" and that ${pick(r, w.orgs)} would not ${pick(r, VERBS)} the ${pick(r, NOUNS)}.`,
  (r, w) => {
    const [p1, p2] = shuffle(w.places, r);
    return `The ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)} follows ${n(r, 2, 12)} weeks of ${pick(r, ADJECTIVES)} talks between ${p1} and ${p2} over ${pick(r, PLURALS)} and the ${pick(r, NOUNS)}.`;
  },
  (r, w) => {
    const p = pick(r, w.people);
    return `Critics, including ${p.role} ${p.first} ${p.last}, argued that the ${pick(r, NOUNS)} ignored ${n(r, 2, 5000)} ${pick(r, PLURALS)} and could ${pick(r, VERBS)} the ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)}.`;
  },
  (r, w) =>
    `In ${pick(r, MONTHS)} ${n(r, 2000, 2024)}, ${pick(r, w.orgs)} ${pick(r, PAST)} ${an(pick(r, NOUNS))} worth ${money(r)}, a figure that has since risen by ${n(r, 2, 40)} percent.`,
  (r, w) =>
    `${pick(r, w.people).last} was not immediately available for comment on ${pick(r, WEEKDAYS)} evening.`,
  (r, w, ref) =>
    `The meeting in ${pick(r, w.places)} is scheduled to resume on ${pick(r, MONTHS)} ${n(r, 1, 29)}, ${ref(pick(r, w.people))} said in a statement.`,
  (r, w) => {
    const p = pick(r, w.people);
    return `Asked whether the ${pick(r, NOUNS)} would survive, ${p.last} said: "${cap(clause(r))}."`;
  },
];

/** A generated article: paragraphs of sentences. */
export interface SynthArticle {
  world: World;
  paragraphs: string[][];
}

function sentence(rng: Rng, world: World, mentioned: Set<Person>): string {
  const ref = (p: Person): string => {
    const first = !mentioned.has(p);
    mentioned.add(p);
    return first ? `${p.role} ${p.first} ${p.last}` : p.last;
  };
  return pick(rng, TEMPLATES)(rng, world, ref);
}

/** Joins paragraphs with blank lines. */
export function articleText(paragraphs: readonly (readonly string[])[]): string {
  return paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.join(' '))
    .join('\n\n');
}

/** An article of `sentences` sentences in paragraphs of 1–4 sentences. */
export function synthArticle(seed: number, sentences: number): SynthArticle {
  const rng = mulberry32(seed);
  const world = makeWorld(rng);
  const mentioned = new Set<Person>();
  const paragraphs: string[][] = [];
  let left = sentences;
  while (left > 0) {
    const size = Math.min(left, randInt(rng, 1, 5));
    paragraphs.push(Array.from({ length: size }, () => sentence(rng, world, mentioned)));
    left -= size;
  }
  return { world, paragraphs };
}

/** A misspelling: doubles, drops or swaps a letter, or changes a vowel. */
export function misspell(rng: Rng, name: string): string {
  const i = randInt(rng, 1, Math.max(2, name.length - 1));
  const vowels = 'aeiou';
  switch (randInt(rng, 0, 4)) {
    case 0:
      return name.slice(0, i) + name[i] + name.slice(i);
    case 1:
      return name.length > 4 ? name.slice(0, i) + name.slice(i + 1) : name + 'e';
    case 2:
      return i + 1 < name.length ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : name + 'h';
    default: {
      for (let k = i; k < name.length; k++) {
        if (vowels.includes(name[k])) {
          const v = vowels[(vowels.indexOf(name[k]) + randInt(rng, 1, 5)) % 5];
          return name.slice(0, k) + v + name.slice(k + 1);
        }
      }
      return name + 'a';
    }
  }
}

export interface RewriteOptions {
  /** Share of sentences moved (by whole paragraphs). Default 0.2. */
  moveRate?: number;
  dropRate?: number;
  addRate?: number;
  /** Probability that a sentence gets word substitutions. Default 0.35. */
  substituteRate?: number;
  /** Probability that a number in a sentence is changed. Default 0.2. */
  numberRate?: number;
  /** Share of people whose last name is misspelt in the rewrite. Default 0.3. */
  misspellRate?: number;
}

/** A retold version of `article` (paragraphs of sentences). */
export function synthRewrite(article: SynthArticle, seed: number, opts: RewriteOptions = {}): string[][] {
  const rng = mulberry32(seed);
  const total = article.paragraphs.reduce((s, p) => s + p.length, 0);
  const o = {
    moveRate: 0.2,
    dropRate: 0.1,
    addRate: 0.1,
    substituteRate: 0.35,
    numberRate: 0.2,
    misspellRate: 0.3,
    ...opts,
  };
  // misspelt names, applied to most of their mentions
  const renames = new Map<string, string>();
  for (const p of article.world.people)
    if (rng() < o.misspellRate) renames.set(p.last, misspell(rng, p.last));
  const wordClass = new Map<string, readonly string[]>();
  for (const cls of SWAPPABLE) for (const w of cls) wordClass.set(w, cls);

  const edit = (s: string): string => {
    let out = s;
    if (rng() < o.substituteRate) {
      const words = out.split(' ');
      const candidates = words
        .map((w, i) => [w.replace(/[^a-z-]/g, ''), i] as const)
        .filter(([w]) => wordClass.has(w));
      for (const [w, i] of shuffle(candidates, rng).slice(0, randInt(rng, 1, 4))) {
        const cls = wordClass.get(w)!;
        let alt = pick(rng, cls);
        if (alt === w) alt = cls[(cls.indexOf(w) + 1) % cls.length];
        words[i] = words[i].replace(w, alt);
      }
      out = words.join(' ');
    }
    out = out.replace(/\d+/g, (d) => (rng() < o.numberRate ? String(Number(d) + randInt(rng, 1, 9)) : d));
    for (const [from, to] of renames) {
      out = out.replace(new RegExp(`\\b${from}\\b`, 'g'), (m) => (rng() < 0.8 ? to : m));
    }
    return out;
  };

  // drop
  const flat: [number, number][] = [];
  article.paragraphs.forEach((p, pi) => {
    p.forEach((_, si) => {
      flat.push([pi, si]);
    });
  });
  const drop = new Set(
    shuffle(flat, rng)
      .slice(0, Math.round(o.dropRate * total))
      .map(([pi, si]) => `${pi}:${si}`),
  );
  let paragraphs = article.paragraphs.map((p, pi) =>
    p.filter((_, si) => !drop.has(`${pi}:${si}`)).map((s) => edit(s)),
  );

  // add new sentences (from the same world) at random places
  const mentioned = new Set<Person>(article.world.people);
  const addCount = Math.round(o.addRate * total);
  for (let k = 0; k < addCount; k++) {
    const pi = randInt(rng, 0, paragraphs.length);
    const at = randInt(rng, 0, paragraphs[pi].length + 1);
    paragraphs[pi].splice(at, 0, edit(sentence(rng, article.world, mentioned)));
  }
  paragraphs = paragraphs.filter((p) => p.length > 0);

  // move whole paragraphs until about moveRate of the sentences have moved
  const target = Math.round(o.moveRate * total);
  let moved = 0;
  const movedSet = new Set<string[]>();
  for (let guard = 0; moved < target && guard < 10 * paragraphs.length && paragraphs.length > 1; guard++) {
    const from = randInt(rng, 0, paragraphs.length);
    const p = paragraphs[from];
    if (movedSet.has(p)) continue;
    paragraphs.splice(from, 1);
    let to = randInt(rng, 0, paragraphs.length + 1);
    if (to === from) to = (to + 1) % (paragraphs.length + 1);
    paragraphs.splice(to, 0, p);
    movedSet.add(p);
    moved += p.length;
  }
  return paragraphs;
}

/** An (a, b) pair of article texts of about `sentences` sentences each. */
export function synthPair(seed: number, sentences: number, opts?: RewriteOptions): { a: string; b: string } {
  const article = synthArticle(seed, sentences);
  return {
    a: articleText(article.paragraphs),
    b: articleText(synthRewrite(article, seed ^ 0x5bd1e995, opts)),
  };
}

/**
 * A pair whose a side has about `words` words: the sentence count is estimated from a first
 * draft and the article regenerated once.
 */
export function synthPairOfWords(
  seed: number,
  words: number,
  opts?: RewriteOptions,
): { a: string; b: string } {
  const probe = articleText(synthArticle(seed, 50).paragraphs);
  const perSentence = wordCount(probe) / 50;
  return synthPair(seed, Math.max(1, Math.round(words / perSentence)), opts);
}

/** Whitespace-separated word count. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
