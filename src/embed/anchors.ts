/**
 * Language-independent anchors: what two versions of a story in different languages still share
 * when they share no words — numbers, dates and amounts (the fact keys of `extract/`, already
 * canonical: "date:weekday:thursday", "money:usd:2500000000"), names (folded, Cyrillic and Greek
 * transliterated, then keyed by sound, so "Selenskyj" meets "Zelensky" and "Tschaikowski" meets
 * "Tchaikovsky"), quoted strings, and where in the article each of them comes.
 *
 * Two uses, both without a multilingual model:
 * - {@link anchorEmbeddings}: sentence vectors of hashed anchors for a pair of documents, to pass
 *   as `compare(a, b, { embeddings })` so that sentences across languages can align;
 * - {@link anchorSignals}: whole-document signals (anchor overlap, overlap in the lead, order of
 *   shared anchors) for the SemEval estimate.
 */

import type { Doc } from '../doc/types.js';
import { metaphone } from '../extract/names.js';
import { foldForMatch } from '../text/normalize.js';
import type { PairEmbeddings } from './encoder.js';
import { mapCosine } from './sparse.js';

/** Name recorded in the `encoder` field of comparisons that used anchor embeddings. */
export const ANCHOR_ENCODER = 'anchors@1';

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
};
const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

/**
 * A name word folded to plain Latin letters: lower case, diacritics removed, ß → ss, Cyrillic and
 * Greek transliterated letter by letter (a rough scheme: the sound key below absorbs the rest).
 *
 * @example
 * ```ts
 * latinName('Зеленский'); // 'zelenskiy'
 * latinName('Müller');    // 'muller'
 * ```
 */
export function latinName(word: string): string {
  const folded = foldForMatch(word);
  let out = '';
  for (const ch of folded) out += CYRILLIC[ch] ?? GREEK[ch] ?? ch;
  return out;
}

/**
 * Sound key of a name word across spellings and languages: the primary Double Metaphone code of
 * its Latin form, read the German way where English spells differently ("tsch" as "ch", "sch" as
 * "sh", "w" as "v") and with a final "j"/"y" made one ("Selenskyj", "Zelenskyy"). Short codes say
 * too little and are left out.
 *
 * @example
 * ```ts
 * nameKey('Selenskyj') === nameKey('Zelensky'); // true
 * ```
 */
export function nameKey(word: string): string | undefined {
  const latin = latinName(word)
    .replace(/[^a-z]/g, '')
    .replace(/(?<=[a-z]{3})(ij|yj|yy|iy|j)$/, 'y');
  if (latin.length < 4) return undefined;
  const [primary] = metaphone(latin.replace(/tsch/g, 'ch').replace(/sch/g, 'sh').replace(/w/g, 'v'));
  return primary.length >= 3 ? primary : undefined;
}

/** An anchor in a sentence. */
export interface Anchor {
  /** Canonical key, e.g. `n:SLNSK`, `f:year:2015`, `q:time is running out`. */
  key: string;
  /** How much it says: a full date more than a small number. */
  weight: number;
}

/** Numbers under 10 and ordinals are everywhere; they identify nothing on their own. */
function factWeight(kind: string, value: number | undefined): number {
  if (kind === 'ordinal') return 0;
  if (kind === 'number' && value !== undefined && Math.abs(value) < 10) return 0;
  if (kind === 'date' || kind === 'money' || kind === 'year' || kind === 'percent') return 1.5;
  return 1;
}

/**
 * The anchors of every sentence of a document: fact keys, name sound keys (from the extracted
 * mentions, and from capitalised words inside a sentence, which catch names the extractor missed)
 * and quoted strings of at least three words.
 *
 * @example
 * ```ts
 * sentenceAnchors(analyze('Zelensky met Scholz on 3 March 2022.'))[0].map((a) => a.key);
 * // ['f:date:2022-03-03', 'n:SLNSK', 'n:XLS']
 * ```
 */
export function sentenceAnchors(d: Doc): Anchor[][] {
  const out: Anchor[][] = d.sentences.map(() => []);
  const seen = d.sentences.map(() => new Set<string>());
  const add = (s: number, key: string, weight: number) => {
    if (weight <= 0 || seen[s].has(key)) return;
    seen[s].add(key);
    out[s].push({ key, weight });
  };
  for (const f of d.facts) add(f.sentence, `f:${f.key}`, factWeight(f.kind, f.value));
  for (const m of d.mentions) {
    const w = m.kind === 'other' ? 0.6 : 1;
    for (const part of m.text.split(/[\s\-–]+/)) {
      const k = nameKey(part);
      if (k) add(m.sentence, `n:${k}`, w);
    }
  }
  d.tokens.forEach((ts, s) => {
    let first = true;
    for (const t of ts) {
      if (t.kind !== 'word') continue;
      // German capitalises every noun: such words get a low weight; a name found as a mention
      // above keeps its own.
      if (!first && t.cap && !t.stop) {
        const k = nameKey(t.text);
        if (k) add(s, `n:${k}`, d.lang === 'de' ? 0.3 : 0.6);
      }
      first = false;
    }
  });
  for (const q of d.quotes) {
    const words = foldForMatch(q.text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    if (words.length >= 3) add(q.sentence, `q:${words.slice(0, 8).join(' ')}`, 1.5);
  }
  return out;
}

/** FNV-1a of a string: the bucket and sign of a hashed feature. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Options of {@link anchorEmbeddings}. */
export interface AnchorEmbeddingOptions {
  /** Vector dimension (hashed features). Default 1024. */
  dim?: number;
  /**
   * Weight of the anchor cosine in the blended sentence similarity. Default 0.5 (as other
   * encoders); 0.5 was also best in the SemEval de-en cross-validation.
   */
  weight?: number;
}

/**
 * Sentence vectors of hashed anchors for a pair of documents, weighted by an inverse document
 * frequency over the sentences of both (an anchor in every sentence says nothing). Pass the result
 * to `compare(da, db, { embeddings })`. Two sentences without anchors get zero vectors and keep
 * their lexical similarity.
 *
 * @example
 * ```ts
 * const da = analyze(german, { lang: 'de' });
 * const db = analyze(english, { lang: 'en' });
 * const cmp = compare(da, db, { embeddings: anchorEmbeddings(da, db) });
 * cmp.encoder; // 'anchors@1'
 * ```
 */
export function anchorEmbeddings(da: Doc, db: Doc, options: AnchorEmbeddingOptions = {}): PairEmbeddings {
  const dim = options.dim ?? 1024;
  const sa = sentenceAnchors(da);
  const sb = sentenceAnchors(db);
  const df = new Map<string, number>();
  for (const s of [...sa, ...sb]) for (const a of s) df.set(a.key, (df.get(a.key) ?? 0) + 1);
  const n = sa.length + sb.length;
  const vec = (anchors: Anchor[]) => {
    const v = new Float32Array(dim);
    for (const a of anchors) {
      const h = hash(a.key);
      const idf = Math.log(1 + n / (df.get(a.key) ?? 1));
      v[h % dim] += (h & 0x80000000 ? -1 : 1) * a.weight * idf;
    }
    return v;
  };
  return { encoder: ANCHOR_ENCODER, a: sa.map(vec), b: sb.map(vec), weight: options.weight ?? 0.5 };
}

/** Whole-document anchor signals, each in [0, 1]. */
export interface AnchorSignals {
  /**
   * Cosine of the two documents' anchor vectors, each anchor weighted by its weight × an inverse
   * document frequency over the sentences of both (the anchor counterpart of the narrative cosine).
   */
  cosine: number;
  /** Weighted Dice overlap of the two documents' anchor sets. */
  overlap: number;
  /** Share of the anchors of each lead (first fifth, at least three sentences) found on the other side; the larger. */
  lead: number;
  /** Agreement of the order of shared anchors (their first positions), 0 when fewer than three are shared. */
  order: number;
}

/**
 * Anchor signals of two documents in any languages. On the SemEval-2022 de-en dev pairs the
 * cosine correlates with the gold score about as well as the lexical name overlap (r −0.58 vs
 * −0.54; the narrative cosine −0.68); the lead and order signals are weaker (docs/DESIGN.md).
 *
 * @example
 * ```ts
 * anchorSignals(analyze(german, { lang: 'de' }), analyze(english, { lang: 'en' }));
 * // { cosine: 0.38, overlap: 0.41, lead: 0.67, order: 0.8 }
 * ```
 */
export function anchorSignals(da: Doc, db: Doc): AnchorSignals {
  const sa = sentenceAnchors(da);
  const sb = sentenceAnchors(db);
  const first = (d: Doc, sentences: Anchor[][]) => {
    const m = new Map<string, { pos: number; weight: number }>();
    const n = Math.max(1, d.sentences.length);
    sentences.forEach((s, i) => {
      for (const a of s) if (!m.has(a.key)) m.set(a.key, { pos: i / n, weight: a.weight });
    });
    return m;
  };
  const A = first(da, sa);
  const B = first(db, sb);
  const df = new Map<string, number>();
  for (const s of [...sa, ...sb]) for (const a of s) df.set(a.key, (df.get(a.key) ?? 0) + 1);
  const n = sa.length + sb.length;
  const bag = (sentences: Anchor[][]) => {
    const m = new Map<string, number>();
    for (const s of sentences)
      for (const a of s) m.set(a.key, (m.get(a.key) ?? 0) + a.weight * Math.log(1 + n / df.get(a.key)!));
    return m;
  };
  const va = bag(sa);
  const vb = bag(sb);
  const cosine = mapCosine(va, vb);
  let shared = 0;
  let total = 0;
  for (const [k, x] of A) {
    total += x.weight;
    if (B.has(k)) shared += x.weight;
  }
  for (const [k, y] of B) {
    total += y.weight;
    if (A.has(k)) shared += y.weight;
  }
  const overlap = total ? shared / total : 0;
  const leadShare = (X: Map<string, { pos: number; weight: number }>, Y: typeof X, d: Doc) => {
    const cut = Math.max(3, Math.ceil(d.sentences.length / 5)) / Math.max(1, d.sentences.length);
    let hit = 0;
    let all = 0;
    for (const [k, x] of X) {
      if (x.pos >= cut) continue;
      all += x.weight;
      if (Y.has(k)) hit += x.weight;
    }
    return all ? hit / all : 0;
  };
  const lead = Math.max(leadShare(A, B, da), leadShare(B, A, db));
  const pairs = [...A].filter(([k]) => B.has(k)).map(([k, x]) => [x.pos, B.get(k)!.pos] as const);
  let order = 0;
  if (pairs.length >= 3) {
    // Kendall's tau over the shared anchors, clipped at 0: a retelling keeps the order roughly.
    let concordant = 0;
    let discordant = 0;
    for (let i = 0; i < pairs.length; i++)
      for (let j = i + 1; j < pairs.length; j++) {
        const s = Math.sign(pairs[i][0] - pairs[j][0]) * Math.sign(pairs[i][1] - pairs[j][1]);
        if (s > 0) concordant++;
        else if (s < 0) discordant++;
      }
    order = concordant + discordant ? Math.max(0, (concordant - discordant) / (concordant + discordant)) : 0;
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { cosine: r(cosine), overlap: r(overlap), lead: r(lead), order: r(order) };
}
