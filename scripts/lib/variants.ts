/**
 * Deterministic versions of real articles for the corpus retrieval evaluation. From each source
 * text (the SemEval-2022 Task 8 dev texts, read at run time) come a few versions, each made by
 * one edit operation — or, for `paraphrase`, several combined. A source and its versions form one
 * group, the ground truth of the evaluation: search for any member should return the others.
 *
 * The operations work on any language: sentences are split on sentence punctuation of several
 * scripts, words on white space, typos swap or double letters of any script. Only the synonym and
 * droppable-word lists are per language (small lists written for this file, for the seven
 * languages of the SemEval texts); a language without a list gets typos instead of swaps.
 *
 * | kind         | what it does                                                                  |
 * |--------------|-------------------------------------------------------------------------------|
 * | `copy`       | the exact text (the store keeps it once, as a duplicate)                      |
 * | `light`      | 3–6 small edits: a listed synonym swapped in, or a typo                       |
 * | `drop`       | 20–30% of the sentences removed (one-sentence texts: a run of the words)      |
 * | `reorder`    | paragraphs (or, in one-paragraph texts, runs of 1–3 sentences; in one-        |
 * |              | sentence texts, thirds of the words) shuffled                                 |
 * | `truncate`   | the first 50–70% of the words                                                 |
 * | `substitute` | listed synonyms swapped in (70% of occurrences), then listed adjectives and   |
 * |              | adverbs dropped, until about 8% of the words changed (neighbouring words      |
 * |              | swapped when the lists find too little)                                       |
 * | `paraphrase` | runs reordered, 15% of the sentences dropped, `substitute`, clauses swapped   |
 * |              | around a comma in a third of the sentences, and two typos                     |
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSemeval, type SemevalPair } from './loaders.js';
import { hashSeed, mulberry32, type Rng, shuffle } from './prng.js';

export const VARIANT_KINDS = [
  'copy',
  'light',
  'drop',
  'reorder',
  'truncate',
  'substitute',
  'paraphrase',
] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

/** A text versions are made of. */
export interface SourceText {
  id: string;
  text: string;
  title?: string;
  lang?: string;
}

/** A document of the evaluation corpus: a source (`kind: 'source'`) or one of its versions. */
export interface VariantDoc {
  id: string;
  text: string;
  title?: string;
  lang?: string;
  published?: string;
  /** The source's id: documents of one group are versions of one article. */
  group: string;
  kind: 'source' | VariantKind;
}

export interface VariantOptions {
  /** Default 1. */
  seed?: number;
  /** Kinds to make for each source. Default all of {@link VARIANT_KINDS}. */
  kinds?: readonly VariantKind[];
}

// ── text structure ──────────────────────────────────────────────────────────────────────────

/** Paragraphs (split on line breaks), each a list of sentences; empty ones dropped. */
export function splitText(text: string): string[][] {
  return text
    .split(/\n+/)
    .map((p) => splitSentences(p))
    .filter((p) => p.length > 0);
}

/**
 * Sentences of one paragraph: split after . ! ? … and their Arabic, Devanagari and CJK
 * counterparts when white space follows (CJK full stops need none).
 */
export function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?…؟।])\s+|(?<=[。！？])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Paragraphs joined by a line break, sentences by a space. */
export function joinText(paragraphs: readonly (readonly string[])[]): string {
  return paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.join(' '))
    .join('\n');
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

// ── word lists ──────────────────────────────────────────────────────────────────────────────

/**
 * Synonym-like pairs per language, written for this file: either word may replace the other.
 * Chosen among words frequent in news; a swap keeps the meaning close, not always the grammar.
 */
const SYNONYMS: Record<string, string> = {
  en:
    'said:stated says:states told:informed big:large small:little help:assist show:reveal start:begin ' +
    'started:began end:finish buy:purchase need:require many:numerous about:around also:additionally ' +
    'rise:increase fall:decline government:administration country:nation city:town killed:slain ' +
    'died:perished attack:assault car:vehicle children:kids home:house company:firm try:attempt ' +
    'use:employ important:significant quickly:rapidly fast:quick week:days officials:authorities ' +
    'police:officers people:residents near:close report:account announced:declared plan:proposal ' +
    'after:following before:prior',
  de:
    'sagte:erklärte sagt:erklärt klein:gering Regierung:Führung Land:Staat Stadt:Gemeinde ' +
    'Menschen:Leute Polizei:Beamten Auto:Fahrzeug Unternehmen:Firma beginnen:starten schnell:rasch ' +
    'wichtig:bedeutend wichtige:bedeutende etwa:rund auch:ebenfalls aber:jedoch erhöhen:steigern ' +
    'Haus:Gebäude Kinder:Jugendliche zeigte:belegte nach:infolge',
  es:
    'dijo:afirmó dice:afirma grande:enorme pequeño:reducido gobierno:ejecutivo país:nación ' +
    'ciudad:localidad personas:ciudadanos policía:agentes niños:menores coche:vehículo ' +
    'empresa:compañía comenzar:iniciar rápido:veloz importante:relevante también:asimismo ' +
    'pero:aunque aumentar:incrementar casa:vivienda según:conforme explicó:señaló',
  fr:
    'dit:déclaré grand:important petit:faible gouvernement:exécutif pays:nation ville:commune ' +
    'personnes:gens enfants:jeunes voiture:véhicule entreprise:société commencer:débuter ' +
    'rapide:prompt aussi:également mais:cependant augmenter:accroître maison:logement ' +
    'selon:d’après expliqué:indiqué',
  pl:
    'powiedział:stwierdził duży:wielki mały:niewielki rząd:gabinet kraj:państwo ludzie:osoby ' +
    'policja:funkcjonariusze samochód:auto firma:przedsiębiorstwo szybko:prędko ważny:istotny ' +
    'także:również ale:jednak dom:budynek według:zdaniem',
  tr:
    'dedi:söyledi küçük:ufak hükümet:yönetim ülke:devlet şehir:kent insanlar:kişiler araba:araç ' +
    'şirket:firma hızlı:çabuk önemli:mühim ama:fakat ev:konut ancak:lakin',
  ar:
    'قال:صرح كبير:ضخم الحكومة:السلطات البلاد:الدولة المدينة:البلدة الناس:المواطنين الشرطة:الأمن ' +
    'الأطفال:الصغار السيارة:المركبة الشركة:المؤسسة بدأ:شرع سريع:عاجل مهم:هام أيضا:كذلك لكن:بيد ' +
    'المنزل:البيت',
};

/** Adjectives, adverbs and intensifiers that can go without breaking the sentence, per language. */
const DROPPABLE: Record<string, string> = {
  en: 'very new major also just still really already recently currently former several local national key nearly almost more most',
  de: 'sehr neue neuen neuer auch bereits schon noch etwa rund große großen kleine wichtige derzeit',
  es: 'muy nuevo nueva nuevos también ya todavía gran importante actual actualmente casi',
  fr: 'très nouveau nouvelle nouveaux aussi déjà encore grand grande important actuellement presque',
  pl: 'bardzo nowy nowa nowe także również już jeszcze duży ważny obecnie prawie',
  tr: 'çok yeni ayrıca daha en büyük önemli hâlâ artık zaten',
  ar: 'جدا جديد جديدة أيضا كذلك حاليا الكبير الجديد',
};

interface Lists {
  synonyms: Map<string, string>;
  droppable: Set<string>;
}

const listCache = new Map<string, Lists>();

function listsFor(lang: string | undefined): Lists {
  const key = (lang ?? '').toLowerCase().slice(0, 2);
  let lists = listCache.get(key);
  if (!lists) {
    const synonyms = new Map<string, string>();
    for (const pair of (SYNONYMS[key] ?? '').split(' ').filter(Boolean)) {
      const [a, b] = pair.split(':');
      synonyms.set(a.toLowerCase(), b);
      synonyms.set(b.toLowerCase(), a);
    }
    const droppable = new Set((DROPPABLE[key] ?? '').split(' ').filter(Boolean));
    lists = { synonyms, droppable };
    listCache.set(key, lists);
  }
  return lists;
}

/** The token split into leading punctuation, word and trailing punctuation. */
function parts(token: string): [string, string, string] {
  const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(token);
  return m ? [m[1], m[2], m[3]] : ['', token, ''];
}

/** The replacement cased like the word it replaces (capitalised first letter kept). */
function likeCase(word: string, replacement: string): string {
  const first = word.charAt(0);
  if (first !== first.toLowerCase() && first === first.toUpperCase())
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

// ── operations ──────────────────────────────────────────────────────────────────────────────

/** A typo in a word of 4+ letters: two neighbouring letters swapped, or one doubled. */
export function typo(word: string, rng: Rng): string {
  const chars = [...word];
  const letters = chars.map((c, i) => (/\p{L}/u.test(c) ? i : -1)).filter((i) => i > 0);
  if (letters.length < 3) return word;
  const i = letters[Math.floor(rng() * (letters.length - 1))];
  if (rng() < 0.5 && /\p{L}/u.test(chars[i + 1] ?? '') && chars[i] !== chars[i + 1]) {
    [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
  } else chars.splice(i, 0, chars[i]);
  return chars.join('');
}

/** 3–6 small edits: a listed synonym where one occurs, else a typo. Never returns the text unchanged. */
export function lightEdit(text: string, rng: Rng, lang?: string): string {
  const { synonyms } = listsFor(lang);
  const tokens = text.split(/(\s+)/);
  const wordAt = tokens.map((_, i) => i).filter((i) => i % 2 === 0 && tokens[i]);
  const edits = 3 + Math.floor(rng() * 4);
  let done = 0;
  for (const i of shuffle(wordAt, rng)) {
    if (done >= edits) break;
    const [pre, w, post] = parts(tokens[i]);
    const syn = synonyms.get(w.toLowerCase());
    if (syn && rng() < 0.5) {
      tokens[i] = pre + likeCase(w, syn) + post;
      done++;
    } else if ([...w].length >= 4) {
      const t = typo(w, rng);
      if (t !== w) {
        tokens[i] = pre + t + post;
        done++;
      }
    }
  }
  return tokens.join('');
}

/**
 * Removes 20–30% of the sentences (at least one, never all). A text of one sentence loses a run
 * of that share of its words instead.
 */
export function dropSentences(text: string, rng: Rng, rate = 0.2 + rng() * 0.1): string {
  const paragraphs = splitText(text);
  const all = paragraphs.flatMap((p, pi) => p.map((_, si) => `${pi}:${si}`));
  if (all.length < 2) {
    const w = words(text);
    if (w.length < 4) return text;
    const n = Math.max(1, Math.round(rate * w.length));
    const at = Math.floor(rng() * (w.length - n + 1));
    return [...w.slice(0, at), ...w.slice(at + n)].join(' ');
  }
  const n = Math.min(all.length - 1, Math.max(1, Math.round(rate * all.length)));
  const gone = new Set(shuffle(all, rng).slice(0, n));
  return joinText(paragraphs.map((p, pi) => p.filter((_, si) => !gone.has(`${pi}:${si}`))));
}

/**
 * Shuffles paragraphs when there are three or more, else runs of 1–3 sentences (a text of one
 * sentence: three runs of words); the result differs from the input whenever anything can move.
 */
export function reorder(text: string, rng: Rng): string {
  const paragraphs = splitText(text);
  if (paragraphs.length >= 3) return joinText(moved(paragraphs, rng));
  const sentences = paragraphs.flat();
  if (sentences.length < 2) {
    const w = words(text);
    if (w.length < 3) return text;
    const a = Math.ceil(w.length / 3);
    const b = Math.ceil((2 * w.length) / 3);
    return moved([w.slice(0, a), w.slice(a, b), w.slice(b)], rng)
      .flat()
      .join(' ');
  }
  let runs: string[][] = [];
  for (let i = 0; i < sentences.length; ) {
    const n = 1 + Math.floor(rng() * 3);
    runs.push(sentences.slice(i, i + n));
    i += n;
  }
  if (runs.length < 2) runs = sentences.map((x) => [x]);
  return joinText([moved(runs, rng).flat()]);
}

/** A shuffled copy that is not the identity (when there are two or more items). */
function moved<T>(items: readonly T[], rng: Rng): T[] {
  let out = shuffle(items, rng);
  if (items.length > 1 && out.every((x, i) => x === items[i])) out = [...items.slice(1), items[0]];
  return out;
}

/** The first 50–70% of the words (the paragraph structure of that part kept). */
export function truncate(text: string, rng: Rng, share = 0.5 + rng() * 0.2): string {
  const total = words(text).length;
  const keep = Math.max(1, Math.round(total * share));
  let seen = 0;
  let end = text.length;
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (++seen === keep) {
      end = m.index + m[0].length;
      break;
    }
  }
  return text.slice(0, end);
}

/**
 * Word substitutions: listed synonyms swapped in (70% of their occurrences), then listed
 * adjectives and adverbs dropped, until about `rate` of the words changed; when the lists find
 * less than half of that (a language without lists, a text without listed words), neighbouring
 * words are swapped for the rest, so the text always changes.
 */
export function substitute(text: string, rng: Rng, lang?: string, rate = 0.08): string {
  const { synonyms, droppable } = listsFor(lang);
  const tokens = text.split(/(\s+)/);
  const total = Math.ceil(tokens.length / 2);
  const target = Math.max(1, Math.round(rate * total));
  let changed = 0;
  for (let i = 0; i < tokens.length; i += 2) {
    const [pre, w, post] = parts(tokens[i]);
    const syn = synonyms.get(w.toLowerCase());
    if (syn && rng() < 0.7) {
      tokens[i] = pre + likeCase(w, syn) + post;
      changed++;
    }
  }
  if (changed < target) {
    const candidates = [];
    for (let i = 0; i < tokens.length; i += 2) {
      const [pre, w, post] = parts(tokens[i]);
      if (droppable.has(w.toLowerCase()) && !pre && !post) candidates.push(i);
    }
    // the emptied word leaves two spaces, collapsed below
    for (const i of shuffle(candidates, rng).slice(0, target - changed)) {
      tokens[i] = '';
      changed++;
    }
  }
  if (changed < target / 2) {
    const pairs = [];
    for (let i = 0; i + 2 < tokens.length; i += 2) {
      if (tokens[i] && tokens[i + 2] && !tokens[i + 1].includes('\n') && !/[.!?…؟。]$/u.test(tokens[i]))
        pairs.push(i);
    }
    const used = new Set<number>();
    for (const i of shuffle(pairs, rng)) {
      if (changed >= target) break;
      if (used.has(i) || used.has(i + 2) || tokens[i] === tokens[i + 2]) continue;
      [tokens[i], tokens[i + 2]] = [tokens[i + 2], tokens[i]];
      used.add(i);
      used.add(i + 2);
      changed += 2;
    }
  }
  return tokens
    .join('')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/^ +| +$/gm, '');
}

/** Swaps the clauses around the first comma of a sentence: "A, B." → "B, a." (when both have 3+ words). */
export function swapClauses(sentence: string): string {
  const m = /^(.+?),\s+(.+?)([.!?…؟]*)$/su.exec(sentence);
  if (!m) return sentence;
  const [, a, b, end] = m;
  if (words(a).length < 3 || words(b).length < 3) return sentence;
  const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${upperFirst(b)}, ${lowerFirst(a)}${end || '.'}`;
}

/**
 * A paraphrase-like rewrite: sentence runs reordered, 15% of the sentences dropped, word
 * substitutions, clauses swapped in a third of the sentences, two typos.
 */
export function paraphrase(text: string, rng: Rng, lang?: string): string {
  let out = reorder(text, rng);
  out = dropSentences(out, rng, 0.15);
  out = substitute(out, rng, lang);
  out = joinText(splitText(out).map((p) => p.map((s) => (rng() < 0.33 ? swapClauses(s) : s))));
  const tokens = out.split(/(\s+)/);
  const long = tokens.map((_, i) => i).filter((i) => i % 2 === 0 && [...tokens[i]].length >= 5);
  for (const i of shuffle(long, rng).slice(0, 2)) tokens[i] = typo(tokens[i], rng);
  return tokens.join('');
}

/** One version of a text. */
export function makeVariant(kind: VariantKind, text: string, rng: Rng, lang?: string): string {
  switch (kind) {
    case 'copy':
      return text;
    case 'light':
      return lightEdit(text, rng, lang);
    case 'drop':
      return dropSentences(text, rng);
    case 'reorder':
      return reorder(text, rng);
    case 'truncate':
      return truncate(text, rng);
    case 'substitute':
      return substitute(text, rng, lang);
    case 'paraphrase':
      return paraphrase(text, rng, lang);
  }
}

/**
 * The evaluation corpus: every source (`kind: 'source'`, id = the source id) and its versions
 * (id = `<source id>~<kind>`), deterministic in the seed and the source ids.
 *
 * @example
 * ```ts
 * const { docs } = makeVariants([{ id: 's1', text: 'First sentence. Second one.', lang: 'en' }]);
 * docs.map((d) => d.id); // ['s1', 's1~copy', 's1~light', …]
 * ```
 */
export function makeVariants(
  sources: readonly SourceText[],
  opts: VariantOptions = {},
): { docs: VariantDoc[] } {
  const seed = opts.seed ?? 1;
  const kinds = opts.kinds ?? VARIANT_KINDS;
  const docs: VariantDoc[] = [];
  for (const s of sources) {
    const base = { title: s.title, lang: s.lang, group: s.id };
    docs.push({ id: s.id, text: s.text, ...base, kind: 'source' });
    for (const kind of kinds) {
      const rng = mulberry32(hashSeed(`${seed}:${s.id}:${kind}`));
      const text = makeVariant(kind, s.text, rng, s.lang);
      // a paraphrase gets no headline of its own: the rewriter would have written a new one
      docs.push({
        id: `${s.id}~${kind}`,
        text,
        ...base,
        title: kind === 'paraphrase' ? undefined : s.title,
        kind,
      });
    }
  }
  return { docs };
}

// ── SemEval sources ─────────────────────────────────────────────────────────────────────────

/** Word 3-gram shingles (lower-cased letter and digit runs), for comparing sources. */
export function shingles(text: string, n = 3): Set<string> {
  const w = text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  if (w.length < n) {
    if (w.length) out.add(w.join(' '));
    return out;
  }
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Why two different sources may legitimately be returned for each other. */
export interface SourceRelation {
  a: string;
  b: string;
  /** Gold SemEval Overall when the two form a SemEval pair (1 = very similar … 4). */
  overall?: number;
  /** Word 3-shingle Jaccard of the two texts, when at least `minJaccard`. */
  jaccard?: number;
}

export interface SemevalSources {
  sources: SourceText[];
  /** Pairs of kept sources that are the same story by SemEval (Overall ≤ 1.5) or lexically close. */
  related: SourceRelation[];
  /** Texts skipped: too short, exact or near-exact (Jaccard ≥ 0.8) repeats of a kept text. */
  skipped: { short: number; duplicate: number };
  pairs: number;
}

export interface SemevalSourceOptions {
  /** Texts with fewer words are skipped (paywall and captcha pages). Default 40. */
  minWords?: number;
  /** At most this many sources (the first ones in file order). */
  limit?: number;
  /** Jaccard at or above which two kept sources count as lexically related. Default 0.2. */
  relatedJaccard?: number;
  /** Overall at or below which a SemEval pair counts as the same story. Default 1.5. */
  sameStoryOverall?: number;
}

/**
 * One text per SemEval pair (`text1`, with `lang1` and `title1`; id = the first article id of the
 * pair id), without short texts and exact or near-exact repeats (the same article scraped twice
 * under two ids). Also lists the kept sources that are related to each other: a SemEval pair
 * rated Overall ≤ 1.5 (same story), or a 3-shingle Jaccard ≥ 0.2 (shared wire text).
 */
export function semevalSources(
  pairs: readonly SemevalPair[],
  opts: SemevalSourceOptions = {},
): SemevalSources {
  const minWords = opts.minWords ?? 40;
  const relatedJ = opts.relatedJaccard ?? 0.2;
  const sameOverall = opts.sameStoryOverall ?? 1.5;
  const sources: SourceText[] = [];
  const sets: Set<string>[] = [];
  const index = new Map<string, number[]>();
  const seenText = new Set<string>();
  const skipped = { short: 0, duplicate: 0 };
  const related: SourceRelation[] = [];
  for (const p of pairs) {
    if (opts.limit !== undefined && sources.length >= opts.limit) break;
    const id = p.id.split('_')[0] || p.id;
    const text = p.text1.trim();
    if (words(text).length < minWords) {
      skipped.short++;
      continue;
    }
    const norm = text.toLowerCase().replace(/\s+/g, ' ');
    if (seenText.has(norm) || sources.some((s) => s.id === id)) {
      skipped.duplicate++;
      continue;
    }
    const sh = shingles(text);
    // candidates: kept sources sharing a shingle (rare shingles only, to stay fast)
    const overlap = new Map<number, number>();
    for (const g of sh) {
      const list = index.get(g);
      if (list && list.length <= 50) for (const j of list) overlap.set(j, (overlap.get(j) ?? 0) + 1);
    }
    let near = false;
    const rel: SourceRelation[] = [];
    for (const [j] of overlap) {
      const jac = jaccard(sh, sets[j]);
      if (jac >= 0.8) near = true;
      else if (jac >= relatedJ) rel.push({ a: sources[j].id, b: id, jaccard: jac });
    }
    if (near) {
      skipped.duplicate++;
      continue;
    }
    related.push(...rel);
    seenText.add(norm);
    const k = sources.length;
    sources.push({ id, text, title: p.title1, lang: p.lang1 });
    sets.push(sh);
    for (const g of sh) {
      const list = index.get(g);
      if (list) list.push(k);
      else index.set(g, [k]);
    }
  }
  // SemEval pairs whose two articles are both kept sources (only when an article is text1 of
  // one pair and text2 of another)
  const kept = new Set(sources.map((s) => s.id));
  for (const p of pairs) {
    const [a, b] = p.id.split('_');
    if (a && b && a !== b && kept.has(a) && kept.has(b) && p.overall <= sameOverall) {
      const r = related.find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
      if (r) r.overall = p.overall;
      else related.push({ a, b, overall: p.overall });
    }
  }
  return { sources, related, skipped, pairs: pairs.length };
}

export const SEMEVAL_DEV = 'semeval22-pairs.dev.jsonl';

/** The variant corpus built from `<dataDir>/semeval22-pairs.dev.jsonl`, or why it cannot be. */
export function loadVariantCorpus(
  dataDir: string,
  opts: SemevalSourceOptions & VariantOptions = {},
): (SemevalSources & { docs: VariantDoc[] }) | { skipped: string } {
  const path = join(dataDir, SEMEVAL_DEV);
  if (!existsSync(path)) return { skipped: `${SEMEVAL_DEV} not found in ${dataDir}` };
  const { items } = loadSemeval(path);
  const src = semevalSources(items, opts);
  return { ...src, ...makeVariants(src.sources, opts) };
}
