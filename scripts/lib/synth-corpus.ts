/**
 * A fast, deterministic stream of synthetic news articles for the corpus benchmarks (ingest,
 * search, peers). Article `i` of a corpus is a pure function of the seed and `i`, so a corpus can
 * be streamed (nothing is held in memory but a small cache of recent stories), read at random
 * (`article(i)`), regenerated identically in another process, or written as JSONL.
 *
 * Realism, statistically rather than semantically: the words follow a Zipf–Mandelbrot law over a
 * vocabulary of hand-written English function and news words followed by a long tail of invented
 * words (for speed, sentences copy runs of a shared 2^18-word Zipf stream instead of drawing every
 * word, which keeps 3-word shingles of unrelated articles almost disjoint); every story has its own cast (invented people, places, organisations), figures, dates
 * and a handful of topic words that recur through the text; articles run 350–800 words (mean
 * about 500, about 3 KB) in paragraphs of one to four sentences, with quotes and attributions;
 * sources and publication times are spread over a year. A configurable share of articles are
 * versions of a recent story: exact copies (another outlet), light edits (a few words changed),
 * edits (sentences dropped, added, moved, words changed) and rewrites (the same names, places and
 * figures in new wording), so search has true positives with a known ground truth (`story`).
 *
 * Everything here is ASCII, so a text's length in characters is its size in UTF-8 bytes.
 */

import { closeSync, openSync, writeSync } from 'node:fs';
import type { CorpusInput } from '../../src/corpus/types.js';
import { fmix32 } from '../../src/text/hash.js';
import { mulberry32, type Rng } from './prng.js';

// ── vocabulary ──────────────────────────────────────────────────────────────────────────────

/** The most frequent words of news English, roughly in frequency order (written for this file). */
const FUNCTION_WORDS = (
  'the of to a and in that for on is said was with he it as at by from his be have has but an are ' +
  'not they who were been had its will their this which would after more about or one also up new than ' +
  'there first year two over into last out people when all we other government against three years ' +
  'some told just can what could while before her she them only most no so because under during if ' +
  'because since between our should any did where may then now those both through many still back ' +
  'week time being these down such off made another next even four like percent according around ' +
  'how well including five per until city part already very each while among without whether'
).split(' ');

/** News-register content words (written for this file), placed after the function words. */
const CONTENT_WORDS = (
  'police state president minister country officials public company month day report military ' +
  'security national told week police party court health market support plan months former ' +
  'election country group local world million billion percent water family children women men ' +
  'school students workers prices money bank economy growth deal talks agreement statement ' +
  'leader leaders office office power energy oil gas border army forces attack fire victims ' +
  'hospital doctors patients case cases law laws rules vote votes voters campaign candidate ' +
  'parliament council mayor committee board director chief executive spokesman spokeswoman ' +
  'investigation inquiry charges trial judge lawyer lawyers prison arrest arrested killed injured ' +
  'dead died death crash storm flood floods rain weather season team game match coach players ' +
  'club league fans stadium record points goal goals win won lost final home house housing rent ' +
  'land farmers crops food supply demand trade exports imports tariffs jobs job unemployment ' +
  'budget tax taxes spending debt loan loans funds fund project projects plans reform reforms ' +
  'policy policies program programme service services system systems data network internet ' +
  'technology phone online users company companies firm firms shares investors profit profits ' +
  'revenue sales costs cost rise fell rose increase decrease higher lower high low early late ' +
  'major small large big long short key main senior top local regional federal foreign domestic ' +
  'international global european western eastern northern southern central rural urban coastal ' +
  'military civil social political economic financial legal medical public private official ' +
  'recent previous current future annual daily weekly several few many much more less least best ' +
  'worst good bad strong weak new old young older younger open closed free full empty clear ' +
  'hard easy difficult possible likely unlikely serious critical important significant ' +
  'announced expected reported added called asked warned urged denied confirmed agreed refused ' +
  'decided planned promised argued claimed suggested noted described estimated launched signed ' +
  'approved rejected blocked delayed opened closed started ended began continued remained ' +
  'returned arrived left moved sent received paid spent cut raised built repaired damaged ' +
  'destroyed saved helped failed managed allowed forced needed wanted tried used took gave made ' +
  'found saw showed held met led brought kept set put ran became seemed appeared happened ' +
  'say says make take give keep hold meet lead bring run become seem show find see know think ' +
  'believe want need help call ask work play live move pay spend build open close start end ' +
  'change grow fall rise increase reduce protect support oppose challenge review approve reject ' +
  'street road bridge railway station airport port harbour river lake coast island valley ' +
  'mountain region province district village town capital area areas site sites zone center ' +
  'building factory plant mine farm field forest park square hall church school university ' +
  'museum library prison camp base centre embassy headquarters ministry agency authority ' +
  'commission institute union association federation alliance coalition opposition ' +
  'protest protests protesters strike strikes crowd crowds march demonstration rally ' +
  'crisis conflict war peace ceasefire truce treaty summit visit trip meeting conference ' +
  'decision order measure measures step steps effort efforts action actions response change ' +
  'changes impact effect effects result results risk risks threat threats problem problems ' +
  'issue issues question questions concern concerns fear fears hope hopes need needs ' +
  'evidence information details figures numbers statistics survey study research analysis ' +
  'source sources document documents letter email message comments interview speech ' +
  'morning evening night afternoon weekend today yesterday tomorrow hours minutes decade ' +
  'century period term history future past moment stage level rate rates share number ' +
  'amount total average majority minority half quarter third dozen hundreds thousands millions ' +
  'residents citizens migrants refugees soldiers troops officers guards staff employees ' +
  'members supporters critics experts analysts scientists researchers teachers nurses drivers ' +
  'owners customers passengers tourists visitors families parents mothers fathers sons ' +
  'daughters brother sister wife husband friend friends neighbours community communities ' +
  'vehicle vehicles car cars truck trucks bus buses train trains plane planes ship ships ' +
  'boat boats aircraft weapons missile missiles drone drones bomb bombs gun guns shots ' +
  'fuel electricity power grid solar wind coal nuclear climate emissions pollution waste ' +
  'environment wildlife species drought heat temperatures wildfire wildfires earthquake ' +
  'vaccine vaccines virus disease outbreak infections treatment care insurance pension ' +
  'pensions wages salary salaries benefits contract contracts license permit ban limits ' +
  'deadline schedule delay delays shortage shortages surplus deficit inflation recession'
)
  .split(/\s+/)
  .filter(Boolean);

/** Syllables for invented words and names. */
const SYL = (
  'ka lo mi ren dor sa vi tel ba nor qui zan el or ar is ul fen gri mar tho bek ste wan du pel ro han ' +
  'lin ter vos ma ne ti bru cal den fa gor hel ja kor lu mo nik pa ra sol tu va wen ya zel bo che dra ' +
  'fi gla ho ka li mun pre sta tor vel'
).split(' ');
const WORD_ENDINGS = 'ing ed er ion al ment ive ous ity ness ly ure ance ist'.split(' ');
const ROLES = [
  'minister',
  'spokeswoman',
  'spokesman',
  'mayor',
  'governor',
  'chief executive',
  'union leader',
  'prosecutor',
  'senator',
  'commander',
  'professor',
  'economist',
  'director',
  'judge',
  'coach',
];
const ORG_KINDS =
  'Ministry Council Agency Commission Institute Union Authority Bank Group Party Court Board'.split(' ');
const OUTLET_KINDS =
  'Herald Times Post Tribune News Chronicle Gazette Wire Observer Journal Courier Express Ledger Record Star Daily'.split(
    ' ',
  );
const WEEKDAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
const UNITS =
  'people homes jobs workers families tonnes kilometres hectares students patients vehicles'.split(' ');

/** Zipf–Mandelbrot exponent and offset of the word distribution. */
const ZIPF_S = 1.05;
const ZIPF_Q = 1;
const VOCAB_SIZE = 40_000;
/** Share of words drawn from the story's topic words rather than the whole vocabulary. */
const TOPIC_RATE = 0.07;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Walker/Vose alias table: O(1) sampling from a discrete distribution (at most 65,536 outcomes)
 * with one uniform number. Each slot packs its threshold (16 bits) and alias (16 bits) in one
 * 32-bit word, so a draw reads one small array.
 */
export class AliasTable {
  /** Slot i: threshold (probability × 2^16, capped at 2^16 - 1 meaning "always i") << 16 | alias. */
  private readonly slots: Uint32Array;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0 || n > 65536) throw new RangeError('AliasTable: 1 to 65,536 weights');
    let sum = 0;
    for (let i = 0; i < n; i++) sum += weights[i];
    this.size = n;
    this.slots = new Uint32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / sum;
      (scaled[i] < 1 ? small : large).push(i);
    }
    const set = (i: number, prob: number, alias: number): void => {
      const thr = prob >= 1 ? 65536 : Math.round(prob * 65536);
      // a threshold of 65536 does not fit 16 bits: "always i" is stored as alias = i
      this.slots[i] = ((Math.min(65535, thr) << 16) | (thr >= 65536 ? i : alias)) >>> 0;
    };
    while (small.length && large.length) {
      const s = small.pop()!;
      const l = large.pop()!;
      set(s, scaled[s], l);
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) set(i, 1, i);
    for (const i of small) set(i, 1, i);
  }

  /** An index, distributed like the weights. */
  sample(rng: Rng): number {
    return this.at(rng());
  }

  /** The index for the uniform number `u` in [0, 1). */
  at(u: number): number {
    const x = u * this.size;
    const i = x | 0;
    const slot = this.slots[i];
    return (x - i) * 65536 < slot >>> 16 ? i : slot & 0xffff;
  }
}

/** Zipf–Mandelbrot weights 1 / (rank + q)^s for ranks 1..n. */
export function zipfWeights(n: number, s = ZIPF_S, q = ZIPF_Q): Float64Array {
  const w = new Float64Array(n);
  for (let r = 0; r < n; r++) w[r] = 1 / (r + 1 + q) ** s;
  return w;
}

/** Distinct invented words (capitalised when `capital`), from a fixed seed, skipping `taken`. */
function inventWords(
  seed: number,
  count: number,
  minSyl: number,
  maxSyl: number,
  taken: Set<string>,
  endings?: readonly string[],
): string[] {
  const rng = mulberry32(seed);
  const out: string[] = [];
  while (out.length < count) {
    let w = '';
    const n = minSyl + Math.floor(rng() * (maxSyl - minSyl + 1));
    for (let i = 0; i < n; i++) w += SYL[Math.floor(rng() * SYL.length)];
    if (endings && rng() < 0.45) w += endings[Math.floor(rng() * endings.length)];
    if (taken.has(w)) continue;
    taken.add(w);
    out.push(w);
  }
  return out;
}

interface Lexicon {
  vocab: string[];
  /**
   * A long run of Zipf-distributed words (ASCII, single spaces), which sentences copy slices of:
   * word j is mem[poolStarts[j] .. poolStarts[j + 1] - 1).
   */
  poolStarts: Int32Array;
  poolWords: number;
  /** The pool's bytes followed by the scratch space sentences are written into. */
  mem: Uint8Array;
  /** Where the scratch space begins in `mem`. */
  scratchAt: number;
  vocabZipf: AliasTable;
  /** Index of the first content word (words before it are function words). */
  contentFrom: number;
  firstNames: string[];
  firstZipf: AliasTable;
  lastNames: string[];
  lastZipf: AliasTable;
  places: string[];
  placeZipf: AliasTable;
  orgs: string[];
  orgZipf: AliasTable;
  outlets: string[];
  outletDomains: string[];
  outletZipf: AliasTable;
}

let lexicon: Lexicon | undefined;

/** Words in the shared pool: 2^18 (about 1.7 MB of text, so it stays in the CPU caches). */
const POOL_WORDS = 1 << 18;

/**
 * The word pool: POOL_WORDS words drawn from the Zipf law, from a fixed seed. Copying runs of it
 * instead of drawing every word makes generation about twice as fast. An article copies about 25
 * runs of ~20 words out of 2^18 positions, so two articles overlap in some run with probability
 * ~25·25·40/2^18 ≈ 10%, and then share a few 3-shingles out of ~500: a Jaccard near 0.01, far too
 * little to make unrelated articles look similar (the tests check it).
 */
function wordPool(
  vocab: readonly string[],
  zipf: AliasTable,
): Pick<Lexicon, 'poolStarts' | 'poolWords' | 'mem' | 'scratchAt'> {
  const rng = mulberry32(0x9001);
  const ids = new Uint16Array(POOL_WORDS);
  let total = 0;
  for (let i = 0; i < POOL_WORDS; i++) {
    ids[i] = zipf.sample(rng);
    total += vocab[ids[i]].length + 1;
  }
  const mem = new Uint8Array(total + SCRATCH_BYTES);
  const poolStarts = new Int32Array(POOL_WORDS + 1);
  let off = 0;
  for (let i = 0; i < POOL_WORDS; i++) {
    poolStarts[i] = off;
    const w = vocab[ids[i]];
    for (let j = 0; j < w.length; j++) mem[off++] = w.charCodeAt(j);
    mem[off++] = 32;
  }
  poolStarts[POOL_WORDS] = off;
  scratch = mem.subarray(total);
  scratchBuf = Buffer.from(mem.buffer, mem.byteOffset + total, SCRATCH_BYTES);
  return { poolStarts, poolWords: POOL_WORDS, mem, scratchAt: total };
}

/** The shared vocabulary and name pools (built once, independent of any corpus seed). */
function getLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const taken = new Set<string>();
  const vocab: string[] = [];
  for (const w of [...FUNCTION_WORDS, ...CONTENT_WORDS]) {
    if (!taken.has(w)) {
      taken.add(w);
      vocab.push(w);
    }
  }
  const contentFrom = new Set(FUNCTION_WORDS).size;
  vocab.push(...inventWords(0x51a7, VOCAB_SIZE - vocab.length, 1, 3, taken, WORD_ENDINGS));
  const names = new Set<string>();
  const firstNames = inventWords(0xf1a5, 1500, 2, 2, names).map(cap);
  const lastNames = inventWords(0x1a57, 30_000, 2, 3, names).map(cap);
  const places = inventWords(0x91ace, 8000, 2, 3, names).map(cap);
  const orgRoots = inventWords(0x0a6, 2000, 2, 3, names).map(cap);
  const kindRng = mulberry32(0x0a7);
  const orgs = orgRoots.map((r) => `the ${r} ${ORG_KINDS[Math.floor(kindRng() * ORG_KINDS.length)]}`);
  const outletRoots = inventWords(0x0b7, 300, 2, 3, names).map(cap);
  const outletRng = mulberry32(0x0a8);
  const outlets = outletRoots.map(
    (r) => `${r} ${OUTLET_KINDS[Math.floor(outletRng() * OUTLET_KINDS.length)]}`,
  );
  const outletDomains = outlets.map((o) => o.toLowerCase().replace(/ /g, '-'));
  const vocabZipf = new AliasTable(zipfWeights(vocab.length));
  const pool = wordPool(vocab, vocabZipf);
  lexicon = {
    vocab,
    ...pool,
    vocabZipf,
    contentFrom,
    firstNames,
    firstZipf: new AliasTable(zipfWeights(firstNames.length, 0.8, 5)),
    lastNames,
    lastZipf: new AliasTable(zipfWeights(lastNames.length, 0.6, 10)),
    places,
    placeZipf: new AliasTable(zipfWeights(places.length, 1.0, 2)),
    orgs,
    orgZipf: new AliasTable(zipfWeights(orgs.length, 0.9, 2)),
    outlets,
    outletDomains,
    outletZipf: new AliasTable(zipfWeights(outlets.length, 1.0, 3)),
  };
  return lexicon;
}

// ── corpus ──────────────────────────────────────────────────────────────────────────────────

/** How a version was derived from its story's original. */
export type VersionKind = 'copy' | 'light' | 'edit' | 'rewrite';
export const VERSION_KINDS: readonly VersionKind[] = ['copy', 'light', 'edit', 'rewrite'];

export interface SynthCorpusOptions {
  /** Default 1. */
  seed?: number;
  /** Number of articles the publication dates are spread over (the corpus size). Default 100,000. */
  count?: number;
  /** Share of articles that are versions of an earlier story. Default 0.25. */
  versionShare?: number;
  /** Relative weights of the version kinds. Default copy 0.15, light 0.35, edit 0.3, rewrite 0.2. */
  kinds?: Partial<Record<VersionKind, number>>;
  /** First publication day (UTC, ISO date). Default 2024-01-01. */
  start?: string;
  /** Days the publication dates are spread over. Default 365. */
  days?: number;
  /** Mean distance, in articles, from a version back to its story's original. Default 300. */
  meanLag?: number;
}

/** A generated article: a {@link CorpusInput} with its ground truth. */
export interface SynthCorpusArticle extends CorpusInput {
  id: string;
  text: string;
  title: string;
  url: string;
  source: string;
  /** ISO 8601 (UTC). */
  published: string;
  lang: string;
  /** Index of the story's original article (its own index for an original). */
  story: number;
  kind: 'original' | VersionKind;
}

/** The cast, figures and topic of one story, shared by its original and every version. */
interface Story {
  people: { first: string; last: string; role: string }[];
  places: string[];
  orgs: string[];
  facts: string[];
  dates: string[];
  /** Topic words (vocabulary indices). */
  topic: number[];
}

/** An original's body: one text, with the sentence spans kept so versions can edit sentences. */
interface Body {
  /** Sentences joined by spaces, paragraphs by blank lines. */
  text: string;
  /** Start and end offset of each sentence in `text`, flattened. */
  spans: number[];
  /** Paragraph index of each sentence. */
  paras: number[];
  words: number;
  title: string;
}

/** A version's text and title. */
interface Rendered {
  text: string;
  title: string;
}

/** 32-bit integer hash mix (murmur3 finaliser) of a seed, an index and a stream number. */
export function mix(seed: number, i: number, stream = 0): number {
  return fmix32((seed ^ Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0);
}

const idOf = (i: number): string => `syn-${String(i).padStart(7, '0')}`;

/** 12345 → "12,345". */
function withCommas(n: number): string {
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}

/**
 * A synthetic corpus. `article(i)` is deterministic in (options, i); `articles()` streams them.
 *
 * @example
 * ```ts
 * const corpus = new SynthCorpus({ seed: 7, count: 1_000_000 });
 * for (const a of corpus.articles(0, 1000)) console.log(a.id, a.kind, a.story);
 * ```
 */
export class SynthCorpus {
  readonly seed: number;
  readonly count: number;
  readonly versionShare: number;
  private readonly kindCdf: [VersionKind, number][];
  private readonly start: number;
  private readonly spanMs: number;
  private readonly meanLag: number;
  private readonly lex: Lexicon;
  /** Recent originals (story index → body and story), so versions need not regenerate them. */
  private readonly cache = new Map<number, { body: Body; story: Story }>();

  constructor(opts: SynthCorpusOptions = {}) {
    this.seed = (opts.seed ?? 1) >>> 0;
    this.count = Math.max(1, opts.count ?? 100_000);
    this.versionShare = Math.min(0.95, Math.max(0, opts.versionShare ?? 0.25));
    const weights = { copy: 0.15, light: 0.35, edit: 0.3, rewrite: 0.2, ...opts.kinds };
    const total = VERSION_KINDS.reduce((s, k) => s + Math.max(0, weights[k] ?? 0), 0) || 1;
    let acc = 0;
    this.kindCdf = VERSION_KINDS.map((k) => {
      acc += Math.max(0, weights[k] ?? 0) / total;
      return [k, acc];
    });
    const start = Date.parse(`${opts.start ?? '2024-01-01'}T00:00:00Z`);
    if (!Number.isFinite(start)) throw new RangeError(`SynthCorpus: bad start date ${opts.start}`);
    this.start = start;
    this.spanMs = (opts.days ?? 365) * 86_400_000;
    this.meanLag = Math.max(1, opts.meanLag ?? 300);
    this.lex = getLexicon();
  }

  /** Whether article i is a version of an earlier story (article 0 never is). */
  isVersion(i: number): boolean {
    return i > 0 && mix(this.seed, i, 7) / 4294967296 < this.versionShare;
  }

  /** The original a version at index i derives from: a recent earlier original. */
  storyOf(i: number): number {
    if (!this.isVersion(i)) return i;
    const rng = mulberry32(mix(this.seed, i, 8));
    const lag = 1 + Math.floor(-Math.log(1 - rng()) * this.meanLag);
    let j = Math.max(0, i - lag);
    while (j > 0 && this.isVersion(j)) j--;
    return j;
  }

  /** Article i. */
  article(i: number): SynthCorpusArticle {
    const root = this.storyOf(i);
    const original = this.original(root);
    let kind: SynthCorpusArticle['kind'] = 'original';
    let out: Rendered = original.body;
    let published = this.publishedOf(root);
    if (root !== i) {
      const rng = mulberry32(mix(this.seed, i, 9));
      const u = rng();
      kind = 'edit';
      for (const [k, c] of this.kindCdf) {
        if (u < c) {
          kind = k;
          break;
        }
      }
      out = this.version(kind, original, rng);
      // versions follow their original by hours, occasionally days
      published += Math.floor(-Math.log(1 - rng()) * 8 * 3_600_000);
    }
    const lex = this.lex;
    const outlet = lex.outletZipf.at(mix(this.seed, i, 10) / 4294967296);
    const date = new Date(published).toISOString();
    return {
      id: idOf(i),
      title: out.title,
      text: out.text,
      source: lex.outlets[outlet],
      url: `https://www.${lex.outletDomains[outlet]}.example/${date.slice(0, 4)}/${date.slice(5, 7)}/${slug(out.title)}-${i}`,
      published: date,
      lang: 'en',
      story: root,
      kind,
    };
  }

  /** Articles from..to-1, one at a time. */
  *articles(from = 0, to = this.count): Generator<SynthCorpusArticle> {
    for (let i = from; i < to; i++) yield this.article(i);
  }

  private publishedOf(root: number): number {
    const jitter = (mix(this.seed, root, 11) / 4294967296 - 0.5) * 86_400_000;
    const t = this.start + (root / this.count) * this.spanMs + jitter;
    return Math.min(this.start + this.spanMs - 1, Math.max(this.start, Math.round(t)));
  }

  private original(root: number): { body: Body; story: Story } {
    const hit = this.cache.get(root);
    if (hit) return hit;
    const story = makeStory(this.lex, mulberry32(mix(this.seed, root, 1)));
    const rng = mulberry32(mix(this.seed, root, 2));
    const body = writeBody(this.lex, story, rng, targetWords(rng));
    const entry = { body, story };
    if (this.cache.size >= 1024) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(root, entry);
    return entry;
  }

  private version(kind: VersionKind, original: { body: Body; story: Story }, rng: Rng): Rendered {
    const lex = this.lex;
    const { body, story } = original;
    switch (kind) {
      case 'copy':
        return body;
      case 'light': {
        // 2–5 words changed (another word or a typo) in randomly chosen sentences
        const paragraphs = paragraphsOf(body);
        const edits = 2 + Math.floor(rng() * 4);
        for (let k = 0; k < edits; k++) {
          const p = paragraphs[Math.floor(rng() * paragraphs.length)];
          const si = Math.floor(rng() * p.length);
          p[si] = editWords(lex, p[si], rng, 1);
        }
        return { text: joinBody(paragraphs), title: body.title };
      }
      case 'edit': {
        // 5–20% of the sentences dropped, 1–3 added, a fifth of the rest with words changed,
        // one paragraph moved, the title sometimes retouched
        const dropRate = 0.05 + rng() * 0.15;
        const paragraphs: string[][] = [];
        for (const p of paragraphsOf(body)) {
          const kept: string[] = [];
          for (const s of p) {
            if (rng() < dropRate) continue;
            kept.push(rng() < 0.2 ? editWords(lex, s, rng, 1 + Math.floor(rng() * 3)) : s);
          }
          if (kept.length) paragraphs.push(kept);
        }
        if (paragraphs.length === 0) paragraphs.push([]);
        const mentioned = new Uint8Array(story.people.length).fill(1);
        const adds = 1 + Math.floor(rng() * 3);
        for (let k = 0; k < adds; k++) {
          const p = paragraphs[Math.floor(rng() * paragraphs.length)];
          p.splice(Math.floor(rng() * (p.length + 1)), 0, sentenceText(lex, story, rng, mentioned));
        }
        if (paragraphs.length > 2) {
          const from = 1 + Math.floor(rng() * (paragraphs.length - 1));
          const [moved] = paragraphs.splice(from, 1);
          paragraphs.splice(1 + Math.floor(rng() * (paragraphs.length - 1)), 0, moved);
        }
        const title = rng() < 0.5 ? body.title : editWords(lex, body.title, rng, 1);
        return { text: joinBody(paragraphs), title };
      }
      case 'rewrite': {
        // the same cast, places and figures in new words; a few sentences (often quotes) kept
        const target = Math.min(800, Math.max(350, Math.round(body.words * (0.7 + rng() * 0.4))));
        const fresh = writeBody(lex, story, rng, Math.round(target * 0.9));
        const paragraphs = paragraphsOf(fresh);
        let words = fresh.words;
        for (const p of paragraphsOf(body)) {
          for (const s of p) {
            if (rng() >= (s.charCodeAt(0) === 34 ? 0.5 : 0.12)) continue;
            const n = wordsIn(s);
            if (words + n > target + 20) continue;
            const q = paragraphs[Math.floor(rng() * paragraphs.length)];
            q.splice(Math.floor(rng() * (q.length + 1)), 0, s);
            words += n;
          }
        }
        return { text: joinBody(paragraphs), title: fresh.title };
      }
    }
  }
}

/** Convenience: a stream of `count` articles. */
export function* synthCorpus(
  opts: SynthCorpusOptions & { from?: number } = {},
): Generator<SynthCorpusArticle> {
  const corpus = new SynthCorpus(opts);
  yield* corpus.articles(opts.from ?? 0, corpus.count);
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** The sentences of a body, by paragraph. */
function paragraphsOf(body: Body): string[][] {
  const out: string[][] = [];
  for (let k = 0; k < body.paras.length; k++) {
    const pi = body.paras[k];
    while (out.length <= pi) out.push([]);
    out[pi].push(body.text.slice(body.spans[2 * k], body.spans[2 * k + 1]));
  }
  return out.filter((p) => p.length > 0);
}

/**
 * Sentences joined by spaces, paragraphs by blank lines. One `join`, so the text is one flat
 * string, as text parsed from a file is: concatenating paragraphs with `+=` made a rope of them
 * (a V8 cons string) that the ingest then had to flatten, a cost real input does not have.
 */
function joinBody(paragraphs: readonly (readonly string[])[]): string {
  const out: string[] = [];
  for (const p of paragraphs) if (p.length !== 0) out.push(p.join(' '));
  return out.join('\n\n');
}

/** Article length in words: 350..800, mean about 500 (350 + 450 u²). */
function targetWords(rng: Rng): number {
  const u = rng();
  return Math.round(350 + 450 * u * u);
}

function makeStory(lex: Lexicon, rng: Rng): Story {
  const people: Story['people'] = [];
  const nPeople = 2 + Math.floor(rng() * 4);
  for (let guard = 0; people.length < nPeople && guard < 40; guard++) {
    const last = lex.lastNames[lex.lastZipf.sample(rng)];
    if (people.some((p) => p.last === last)) continue;
    people.push({
      first: lex.firstNames[lex.firstZipf.sample(rng)],
      last,
      role: ROLES[Math.floor(rng() * ROLES.length)],
    });
  }
  const places = distinct(1 + Math.floor(rng() * 3), rng, lex.places, lex.placeZipf);
  const orgs = distinct(Math.floor(rng() * 3), rng, lex.orgs, lex.orgZipf);
  const facts: string[] = [];
  for (let k = 3 + Math.floor(rng() * 4); k > 0; k--) facts.push(fact(lex, rng));
  const dates: string[] = [];
  for (let k = 1 + Math.floor(rng() * 2); k > 0; k--) {
    dates.push(
      rng() < 0.5
        ? `on ${WEEKDAYS[Math.floor(rng() * 7)]}`
        : `on ${MONTHS[Math.floor(rng() * 12)]} ${1 + Math.floor(rng() * 28)}`,
    );
  }
  // topic words: mid-frequency content words that recur through the story
  const topic: number[] = [];
  const range = Math.min(6000, lex.vocab.length - lex.contentFrom);
  for (let k = 8 + Math.floor(rng() * 10); k > 0; k--) {
    const r = lex.contentFrom + Math.floor(rng() ** 2 * range);
    if (!topic.includes(r)) topic.push(r);
  }
  return { people, places, orgs, facts, dates, topic };
}

/** Up to n distinct items drawn with the sampler. */
function distinct(n: number, rng: Rng, items: readonly string[], sampler: AliasTable): string[] {
  const out: string[] = [];
  for (let guard = 0; out.length < n && guard < 10 * n; guard++) {
    const x = items[sampler.sample(rng)];
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

function fact(lex: Lexicon, rng: Rng): string {
  const k = rng();
  if (k < 0.3)
    return `${withCommas(2 + Math.floor(rng() ** 3 * 20_000))} ${UNITS[Math.floor(rng() * UNITS.length)]}`;
  if (k < 0.5) return `${1 + Math.floor(rng() * 95)}.${Math.floor(rng() * 10)} percent`;
  if (k < 0.7) return `$${1 + Math.floor(rng() * 40)}.${Math.floor(rng() * 10)} billion`;
  if (k < 0.85) return `${2 + Math.floor(rng() * 900)} million euros`;
  return `${lex.vocab[lex.contentFrom + Math.floor(rng() * 300)]} since ${1980 + Math.floor(rng() * 45)}`;
}

/** A mention of one of the story's people: full name (sometimes with the role) first, then the last name. */
function mention(story: Story, rng: Rng, mentioned: Uint8Array): string {
  const i = Math.floor(rng() * story.people.length);
  const p = story.people[i];
  if (mentioned[i]) return p.last;
  mentioned[i] = 1;
  return rng() < 0.5 ? `${p.role} ${p.first} ${p.last}` : `${p.first} ${p.last}`;
}

/**
 * Scratch space bodies are written into, as bytes (everything is ASCII), at the end of the word
 * pool's array (set up with the lexicon); 64 KiB, far above 800 words.
 */
const SCRATCH_BYTES = 1 << 16;
let scratch = new Uint8Array(0);
/** The same memory as a Buffer, to turn bytes into a string. */
let scratchBuf = Buffer.alloc(0);
/** Words written since the current sentence began. */
let written = 0;

/** Writes an ASCII string at `p`, counting its words; returns the new position. */
function put(str: string, p: number): number {
  written++;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 32) written++;
    scratch[p++] = c;
  }
  return p;
}

/** Copies pool words [from, to) (with the single spaces between them) to `p`; returns the new position. */
function putRun(lex: Lexicon, from: number, to: number, p: number): number {
  const start = lex.poolStarts[from];
  const end = lex.poolStarts[to] - 1;
  // pool and scratch share one array, so this is a plain memory move
  lex.mem.copyWithin(lex.scratchAt + p, start, end);
  written += to - from;
  return p + end - start;
}

/** Number of spaces in a string, plus one. */
function wordsIn(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
}

// Events of a sentence, sorted by key = word position * 4 + order: 0 a comma after the previous
// word, 1 a phrase before the word, 2 the word replaced by a topic word.
const evKey = new Int32Array(16);
const evArg = new Int32Array(16);
let nEv = 0;

function addEvent(key: number, arg: number): void {
  let i = nEv++;
  while (i > 0 && evKey[i - 1] > key) {
    evKey[i] = evKey[i - 1];
    evArg[i] = evArg[i - 1];
    i--;
  }
  evKey[i] = key;
  evArg[i] = arg;
}

const PH_PLACE = 0;
const PH_FACT = 1;
const PH_ORG = 2;
const PH_DATE = 3;
const PH_PERSON = 4;

/**
 * Writes a sentence at `p0` and returns its end (the word count is left in `written`): 5–33
 * words, a run of the Zipf word pool with about 7% of its words replaced by the story's topic
 * words, some of the story's places, figures, organisations, dates and people worked in, and
 * sometimes a quote or an attribution. The hot loop of the generator: bytes, no strings.
 */
function makeSentence(lex: Lexicon, story: Story, rng: Rng, mentioned: Uint8Array, p0: number): number {
  const len = 5 + Math.floor(rng() * 15) + Math.floor(rng() * 15);
  const w0 = Math.floor(rng() * (lex.poolWords - len));
  nEv = 0;
  if (rng() < 0.3) addEvent((1 + Math.floor(rng() * (len - 1))) * 4 + 1, PH_PLACE);
  if (rng() < 0.3) addEvent((1 + Math.floor(rng() * (len - 1))) * 4 + 1, PH_FACT);
  if (story.orgs.length && rng() < 0.15) addEvent((1 + Math.floor(rng() * (len - 1))) * 4 + 1, PH_ORG);
  if (rng() < 0.08) addEvent((1 + Math.floor(rng() * (len - 1))) * 4 + 1, PH_DATE);
  if (rng() < 0.25) addEvent((1 + Math.floor(rng() * (len - 1))) * 4 + 1, PH_PERSON);
  if (rng() < 0.25) addEvent((3 + Math.floor(rng() * (len - 4))) * 4, 0);
  // topic words: len × TOPIC_RATE on average
  for (let t = Math.floor(len * TOPIC_RATE + rng()); t > 0; t--) {
    addEvent(Math.floor(rng() * len) * 4 + 2, story.topic[Math.floor(rng() * story.topic.length)]);
  }
  const shape = rng();
  let p = p0;
  written = 0;
  if (shape < 0.1) scratch[p++] = 34; // "
  const first = p;
  let k = 0; // next pool word of the sentence to write
  for (let e = 0; e < nEv; e++) {
    const pos = evKey[e] >> 2;
    const order = evKey[e] & 3;
    if (pos > k) {
      if (p > first) scratch[p++] = 32;
      p = putRun(lex, w0 + k, w0 + pos, p);
      k = pos;
    }
    if (order === 0) {
      if (p > first) scratch[p++] = 44; // ,
    } else if (order === 2) {
      if (pos < k) continue; // two topic words for one position: keep the first
      if (p > first) scratch[p++] = 32;
      p = put(lex.vocab[evArg[e]], p);
      k = pos + 1;
    } else {
      if (p > first) scratch[p++] = 32;
      const ph = evArg[e];
      if (ph === PH_PLACE) p = put(`in ${story.places[Math.floor(rng() * story.places.length)]}`, p);
      else if (ph === PH_FACT) p = put(story.facts[Math.floor(rng() * story.facts.length)], p);
      else if (ph === PH_ORG) p = put(story.orgs[Math.floor(rng() * story.orgs.length)], p);
      else if (ph === PH_DATE) p = put(story.dates[Math.floor(rng() * story.dates.length)], p);
      else p = put(mention(story, rng, mentioned), p);
    }
  }
  if (k < len) {
    if (p > first) scratch[p++] = 32;
    p = putRun(lex, w0 + k, w0 + len, p);
  }
  const c = scratch[first];
  if (c >= 97 && c <= 122) scratch[first] = c - 32;
  if (shape < 0.3) {
    scratch[p++] = 44; // ,
    if (shape < 0.1) scratch[p++] = 34; // "
    scratch[p++] = 32;
    p = put(mention(story, rng, mentioned), p);
    scratch[p++] = 32;
    p = put('said.', p);
  } else scratch[p++] = 46; // .
  return p;
}

/** One sentence as a string (for the sentences an edit adds). */
function sentenceText(lex: Lexicon, story: Story, rng: Rng, mentioned: Uint8Array): string {
  return scratchBuf.toString('latin1', 0, makeSentence(lex, story, rng, mentioned, 0));
}

/**
 * A body of about `target` words (never more than target + 20) in paragraphs of one to four
 * sentences, written into the scratch buffer and turned into one string.
 */
function writeBody(lex: Lexicon, story: Story, rng: Rng, target: number): Body {
  const mentioned = new Uint8Array(story.people.length);
  const spans: number[] = [];
  const paras: number[] = [];
  let words = 0;
  let p = 0;
  let para = 0;
  fill: while (words < target) {
    const size = 1 + Math.floor(rng() * 4);
    for (let k = 0; k < size && words < target; k++) {
      const gap = spans.length === 0 ? 0 : k === 0 ? 2 : 1;
      const start = p + gap;
      const end = makeSentence(lex, story, rng, mentioned, start);
      const n = written;
      if (words > 0 && words + n > target + 20) break fill;
      if (gap === 2) {
        scratch[p] = 10;
        scratch[p + 1] = 10;
      } else if (gap === 1) scratch[p] = 32;
      spans.push(start, end);
      paras.push(para);
      words += n;
      p = end;
    }
    para++;
  }
  return {
    text: scratchBuf.toString('latin1', 0, p),
    spans,
    paras,
    words,
    title: makeTitle(lex, story, rng),
  };
}

function makeTitle(lex: Lexicon, story: Story, rng: Rng): string {
  const n = 4 + Math.floor(rng() * 6);
  const w: string[] = [];
  for (let k = 0; k < n; k++) {
    let r = lex.vocabZipf.sample(rng);
    if (r < lex.contentFrom && rng() < 0.7) r = lex.contentFrom + Math.floor(rng() * 800);
    w.push(lex.vocab[rng() < 0.25 ? story.topic[Math.floor(rng() * story.topic.length)] : r]);
  }
  const entity =
    rng() < 0.5
      ? story.places[Math.floor(rng() * story.places.length)]
      : story.people[Math.floor(rng() * story.people.length)].last;
  w.splice(Math.floor(rng() * (w.length + 1)), 0, entity);
  w[0] = cap(w[0]);
  return w.join(' ');
}

/** Whether a token is a plain lower-case word of at least 3 letters. */
function isLowerWord(word: string): boolean {
  if (word.length < 3) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** Changes `n` lower-case words of a sentence: another word of the vocabulary, or a typo. */
function editWords(lex: Lexicon, sentence: string, rng: Rng, n: number): string {
  const w = sentence.split(' ');
  for (let k = 0; k < n; k++) {
    for (let guard = 0; guard < 8; guard++) {
      const i = Math.floor(rng() * w.length);
      const word = w[i];
      if (!isLowerWord(word)) continue;
      if (rng() < 0.6) {
        let alt = lex.vocab[lex.vocabZipf.sample(rng)];
        if (alt === word) alt = lex.vocab[lex.contentFrom + Math.floor(rng() * 500)];
        w[i] = alt;
      } else {
        const j = 1 + Math.floor(rng() * (word.length - 2));
        w[i] = word.slice(0, j) + word[j + 1] + word[j] + word.slice(j + 2);
      }
      break;
    }
  }
  return w.join(' ');
}

// ── JSONL ───────────────────────────────────────────────────────────────────────────────────

export interface WriteJsonlOptions extends SynthCorpusOptions {
  /** First and end (exclusive) index. Default 0..count. */
  from?: number;
  to?: number;
  /** Also write the ground truth (`story`, `kind`) on each line. Default false: CorpusInput fields only. */
  truth?: boolean;
}

/**
 * Writes articles as JSONL (one CorpusInput per line: id, title, text, url, source, published,
 * lang), synchronously in 1 MiB chunks. Returns the counts and the time taken.
 */
export function writeSynthCorpusJsonl(
  path: string,
  opts: WriteJsonlOptions = {},
): { articles: number; bytes: number; textBytes: number; seconds: number } {
  const t0 = performance.now();
  const corpus = new SynthCorpus(opts);
  const from = opts.from ?? 0;
  const to = opts.to ?? corpus.count;
  const fd = openSync(path, 'w');
  let buf = '';
  let bytes = 0;
  let textBytes = 0;
  let articles = 0;
  try {
    for (const a of corpus.articles(from, to)) {
      const line: Record<string, unknown> = {
        id: a.id,
        title: a.title,
        text: a.text,
        url: a.url,
        source: a.source,
        published: a.published,
        lang: a.lang,
      };
      if (opts.truth) {
        line.story = a.story;
        line.kind = a.kind;
      }
      buf += `${JSON.stringify(line)}\n`;
      textBytes += a.text.length;
      articles++;
      if (buf.length >= 1 << 20) {
        bytes += writeSync(fd, buf);
        buf = '';
      }
    }
    if (buf) bytes += writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return { articles, bytes, textBytes, seconds: (performance.now() - t0) / 1000 };
}

/** The corpus input fields of a synthetic article (the ground truth left out). */
export function toCorpusInput(a: SynthCorpusArticle): CorpusInput {
  return {
    id: a.id,
    text: a.text,
    title: a.title,
    url: a.url,
    source: a.source,
    published: a.published,
    lang: a.lang,
  };
}
