/**
 * storydiff evaluation on the labelled datasets.
 *
 *   npm run eval -- --data ../shared/eval [--only wmt16,msrp,stsb,semeval,anchors,clough,berlin,findings,googlenews,corpus]
 *                   [--limit N] [--json out.json] [--examples DIR]
 *                   [--encoder lexical,static,use-lite,hf:<id-or-dir>] [--models DIR] [--any-language]
 *
 * Data is read at run time from --data (default ../shared/eval, resolved from the current
 * directory); a dataset whose file is absent is reported as skipped.
 *
 * Every dataset runs once per sentence encoder (`--encoder`, default: every backend available
 * here — lexical, the shipped static table, USE-lite, and transformers.js over
 * <models>/use-lite-static-en-256 when that folder exists), followed by a table comparing the
 * backends, with encoding speed and the latency each adds to a comparison.
 */

import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Comparison } from '../src/compare/types.js';
import type { Article, Doc } from '../src/doc/types.js';
import type { Encoder } from '../src/embed/encoder.js';
import { evalGoogleNews } from './lib/clustering.js';
import { evalRetrieval } from './lib/corpus-eval.js';
import { evalFindings, FINDINGS_DIR, SemevalFindings } from './lib/findings-eval.js';
import { errorMessage, jsonSafe, mark, num, pct, stopwatch, table } from './lib/format.js';
import { loadLibrary } from './lib/library.js';
import {
  CLOUGH_CATEGORIES,
  type CloughCategory,
  loadClough,
  loadMsrp,
  loadSemeval,
  loadStsb,
  loadWmt16,
  readText,
} from './lib/loaders.js';
import {
  cvPredict,
  cvThreshold,
  expandLinks,
  mean,
  microPRF,
  type PRF,
  pearson,
  scoreLinks,
  spearman,
} from './lib/metrics.js';
import { dataDir, dataFile, examplePair } from './lib/paths.js';
import { hashSeed } from './lib/prng.js';
import { tfidfCosine } from './lib/tfidf.js';
import { perturbCase, wmtCase } from './lib/wmt.js';

/** The library, loaded so that a broken or missing build gives one clear message. */
const lib = await loadLibrary();
const {
  analyze,
  anchorEmbeddings,
  anchorSignals,
  compare,
  compareWith,
  compareWithEncoder,
  createEncoder,
  fitSemeval,
  predictSemeval,
  semevalFeatures,
  sentenceSimilarity,
  sentenceSimilarityWith,
} = lib;

const SCHEMA = 'storydiff/eval@1';
const SEED = 20240601;
const DATASETS = [
  'wmt16',
  'msrp',
  'stsb',
  'semeval',
  'anchors',
  'clough',
  'berlin',
  'findings',
  'googlenews',
  'corpus',
] as const;
type Dataset = (typeof DATASETS)[number];
const SEMEVAL_LANGS = ['en-en', 'de-de', 'de-en', 'es-es', 'fr-fr', 'pl-pl', 'tr-tr', 'ar-ar'];

const USAGE =
  `usage: npm run eval -- [--data DIR] [--only ${DATASETS.join(',')}] [--limit N] [--json FILE] [--examples DIR]\n` +
  `                       [--encoder lexical,static,use-lite,hf:<id-or-dir>] [--models DIR] [--any-language]`;

interface Options {
  data: string;
  only: Set<Dataset>;
  limit?: number;
  json?: string;
  examples?: string;
  /** Encoder specs to evaluate, in order; `lexical` is no encoder. */
  encoders: string[];
  /** Folder of local models (default <data>/../models). */
  models: string;
  /** Use English-only encoders on other languages too (normally those pairs are compared lexically). */
  anyLanguage: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      only: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'string' },
      examples: { type: 'string' },
      encoder: { type: 'string' },
      models: { type: 'string' },
      'any-language': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const only = new Set<Dataset>();
  for (const name of (values.only ?? DATASETS.join(',')).split(',').map((s) => s.trim().toLowerCase())) {
    if (!name) continue;
    const alias = name === 'sts' || name === 'sts-b' ? 'stsb' : name === 'wmt' ? 'wmt16' : name;
    if (!(DATASETS as readonly string[]).includes(alias)) {
      throw new Error(`unknown dataset '${name}' (expected one of ${DATASETS.join(', ')})`);
    }
    only.add(alias as Dataset);
  }
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit must be a positive integer`);
  }
  const data = dataDir(values.data);
  const models = values.models ? resolve(process.cwd(), values.models) : resolve(data, '..', 'models');
  const encoders = values.encoder
    ? values.encoder
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : defaultEncoders(models);
  return {
    data,
    only,
    limit,
    json: values.json,
    examples: values.examples,
    encoders,
    models,
    anyLanguage: !!values['any-language'],
  };
}

/** Every backend that can run here: lexical, static, USE-lite, and transformers.js when a local model exists. */
function defaultEncoders(models: string): string[] {
  const out = ['lexical', 'static', 'use-lite'];
  const local = join(models, 'use-lite-static-en-256');
  if (existsSync(join(local, 'onnx', 'model.onnx'))) out.push(`hf:${local}`);
  return out;
}

// ── the backend under evaluation ────────────────────────────────────────────────────────────

/** The encoder of the current backend (null: lexical) and how to use it. */
let ENC: Encoder | null = null;
let ANY_LANGUAGE = false;

/** Compares two articles or docs with the current backend. */
function comparePair(a: Article | Doc, b: Article | Doc): Promise<Comparison> | Comparison {
  return compareWith(ENC, a, b, { anyLanguage: ANY_LANGUAGE });
}

/** Sentence similarity with the current backend. */
function similarity(s1: string, s2: string): Promise<number> | number {
  return ENC
    ? sentenceSimilarityWith(s1, s2, ENC, { lang: 'en', anyLanguage: ANY_LANGUAGE })
    : sentenceSimilarity(s1, s2, { lang: 'en' });
}

/** Encodes many sentences ahead in large batches, so the per-pair calls hit the encoder's cache. */
async function preEncode(texts: string[]): Promise<void> {
  if (!ENC) return;
  const distinct = [...new Set(texts)];
  for (let i = 0; i < distinct.length; i += 512) {
    progress('encoding', i, distinct.length);
    await ENC.encode(distinct.slice(i, i + 512));
  }
  progress('encoding', distinct.length, distinct.length);
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────

/** Errors collected while running a dataset: counted, a few kept as examples. */
class Errors {
  count = 0;
  examples: string[] = [];
  add(where: string, err: unknown): void {
    this.count++;
    if (this.examples.length < 5) this.examples.push(`${where}: ${errorMessage(err)}`);
  }
  print(): void {
    if (this.count === 0) return;
    console.log(`  ${this.count} item(s) failed and were left out; first:`);
    for (const e of this.examples) console.log(`    - ${e.slice(0, 200)}`);
  }
  toJSON() {
    return { count: this.count, examples: this.examples };
  }
}

function progress(label: string, i: number, n: number): void {
  if (!process.stderr.isTTY) return;
  if (i === n || i % 10 === 0)
    process.stderr.write(`\r  ${label} ${i}/${n}\x1b[K${i === n ? '\r\x1b[K' : ''}`);
}

function take<T>(items: T[], limit: number | undefined): T[] {
  return limit === undefined ? items : items.slice(0, limit);
}

interface SectionResult {
  json: Record<string, unknown>;
  summary: string;
}

interface Skipped {
  skipped: string;
}

const isSkipped = (r: SectionResult | Skipped): r is Skipped => 'skipped' in r;

let libraryInfo: { generator?: string; encoder?: string } = {};
function noteLibrary(cmp: Comparison): void {
  if (!libraryInfo.generator) libraryInfo = { generator: cmp.generator, encoder: cmp.encoder };
}

function prfRow(label: string[], p: PRF, extra: (string | number)[] = []): string[] {
  return [
    ...label,
    ...extra.map(String),
    String(p.tp + p.fn),
    String(p.tp + p.fp),
    pct(p.precision),
    pct(p.recall),
    pct(p.f1),
  ];
}

// ── WMT16: sentence alignment against gold segment ids ──────────────────────────────────────

function shortSystem(name: string): string {
  return name.replace(/^.*?\//, '').replace(/\.newstest\d+.*$/, '');
}

async function runWmt16(opts: Options): Promise<SectionResult | Skipped> {
  const file = dataFile(opts.data, 'wmt16-fien-versions.dev.jsonl');
  if ('skipped' in file) return file;
  const { items, skipped } = loadWmt16(file.path);
  const docs = take(items, opts.limit);
  const systems = [...new Set(docs.flatMap((d) => Object.keys(d.mt)))].sort();
  const conditions = ['as given', 'shuffled+dropped'] as const;
  const parts = new Map<string, PRF[]>(); // `${condition}\t${system}` → per-pair counts
  const errors = new Errors();
  let mismatched = 0;
  let pairs = 0;
  await preEncode(
    docs.flatMap((d) => [
      ...d.human.map((x) => x[1]),
      ...Object.values(d.mt).flatMap((m) => m.map((x) => x[1])),
    ]),
  );
  for (const [di, doc] of docs.entries()) {
    progress('wmt16', di, docs.length);
    const humanTexts = doc.human.map((s) => s[1]);
    let aDoc: Doc;
    try {
      aDoc = analyze(
        { text: '', sentences: humanTexts, lang: 'en', source: `${doc.id}/human` },
        { lang: 'en' },
      );
    } catch (err) {
      errors.add(`${doc.id}/human`, err);
      continue;
    }
    const seed = hashSeed(doc.id) ^ SEED;
    for (const sys of systems) {
      const mt = doc.mt[sys];
      if (!mt) continue;
      const base = wmtCase(doc.human, mt);
      const cases = { 'as given': base, 'shuffled+dropped': perturbCase(base, seed) };
      for (const cond of conditions) {
        const c = cases[cond];
        pairs++;
        try {
          const b: Article = {
            text: '',
            sentences: c.b,
            lang: 'en',
            source: `${doc.id}/${shortSystem(sys)}`,
          };
          const cmp = await comparePair(aDoc, b);
          noteLibrary(cmp);
          if (cmp.a.sentences.length !== c.a.length || cmp.b.sentences.length !== c.b.length) mismatched++;
          const k = `${cond}\t${sys}`;
          if (!parts.has(k)) parts.set(k, []);
          parts.get(k)!.push(scoreLinks(expandLinks(cmp.alignment), c.gold));
        } catch (err) {
          errors.add(`${doc.id}/${shortSystem(sys)} (${cond})`, err);
        }
      }
    }
  }
  progress('wmt16', docs.length, docs.length);

  const rows: string[][] = [];
  const json: Record<string, unknown> = {};
  const overall: Record<string, PRF> = {};
  for (const cond of conditions) {
    const bySystem: Record<string, PRF & { pairs: number }> = {};
    const all: PRF[] = [];
    for (const sys of systems) {
      const p = parts.get(`${cond}\t${sys}`) ?? [];
      all.push(...p);
      const m = microPRF(p);
      bySystem[sys] = { ...m, pairs: p.length };
      rows.push(prfRow([cond, shortSystem(sys)], m, [p.length]));
    }
    overall[cond] = microPRF(all);
    rows.push(prfRow([cond, 'all systems'], overall[cond], [all.length]));
    json[cond === 'as given' ? 'asGiven' : 'shuffledDropped'] = { micro: overall[cond], bySystem };
  }
  console.log(
    `  ${docs.length} documents × ${systems.length} MT systems; a = human translation, b = MT (gold: same segment id)`,
  );
  console.log(
    `  shuffled+dropped: b in paragraphs of 3 segments, paragraphs shuffled, 20% of segments dropped\n`,
  );
  console.log(
    table(['condition', 'system', 'pairs', 'gold', 'pred', 'P', 'R', 'F1'], rows, { align: ['l', 'l'] }),
  );
  if (skipped) console.log(`  ${skipped} malformed line(s) skipped`);
  if (mismatched) console.log(`  ⚠ ${mismatched} comparison(s) did not keep the given sentence segmentation`);
  errors.print();
  return {
    json: {
      docs: docs.length,
      systems,
      pairs,
      ...json,
      segmentationMismatches: mismatched,
      errors: errors.toJSON(),
    },
    summary: `F1 ${pct(overall['as given'].f1)} as given, ${pct(overall['shuffled+dropped'].f1)} shuffled+dropped (${docs.length} docs, ${pairs} pairs)`,
  };
}

// ── MSRP: paraphrase classification with a cross-validated threshold ───────────────────────

async function runMsrp(opts: Options): Promise<SectionResult | Skipped> {
  const file = dataFile(opts.data, 'msrp-train.tsv');
  if ('skipped' in file) return file;
  const { items, skipped } = loadMsrp(file.path);
  const pairs = take(items, opts.limit);
  const tfidf = tfidfCosine(items.flatMap((p) => [p.s1, p.s2]));
  const ours: number[] = [];
  const base: number[] = [];
  const labels: boolean[] = [];
  const errors = new Errors();
  await preEncode(pairs.flatMap((p) => [p.s1, p.s2]));
  for (const [i, p] of pairs.entries()) {
    progress('msrp', i, pairs.length);
    try {
      const s = await similarity(p.s1, p.s2);
      if (!Number.isFinite(s)) throw new Error(`similarity is ${s}`);
      ours.push(s);
      base.push(tfidf(p.s1, p.s2));
      labels.push(p.label);
    } catch (err) {
      errors.add(`${p.id1}/${p.id2}`, err);
    }
  }
  progress('msrp', pairs.length, pairs.length);
  const k = 10;
  const cvOurs = cvThreshold(ours, labels, k, SEED);
  const cvBase = cvThreshold(base, labels, k, SEED);
  const posRate = labels.filter(Boolean).length / Math.max(1, labels.length);
  const majority = Math.max(posRate, 1 - posRate);
  console.log(
    `  ${labels.length} pairs (${pct(posRate)} paraphrases); ${cvOurs.k}-fold CV threshold (mean over folds)\n`,
  );
  console.log(
    table(
      ['method', 'accuracy', 'F1', 'threshold'],
      [
        [
          ENC ? 'storydiff sentenceSimilarityWith' : 'storydiff sentenceSimilarity',
          pct(cvOurs.accuracy),
          pct(cvOurs.f1),
          num(cvOurs.threshold),
        ],
        ['TF-IDF cosine (baseline)', pct(cvBase.accuracy), pct(cvBase.f1), num(cvBase.threshold)],
        ['majority class', pct(majority), '—', '—'],
      ],
    ),
  );
  if (skipped) console.log(`  ${skipped} malformed line(s) skipped`);
  errors.print();
  const strip = (r: typeof cvOurs) => ({
    accuracy: r.accuracy,
    f1: r.f1,
    threshold: r.threshold,
    folds: r.folds,
  });
  return {
    json: {
      pairs: labels.length,
      folds: cvOurs.k,
      storydiff: strip(cvOurs),
      tfidf: strip(cvBase),
      majority,
      errors: errors.toJSON(),
    },
    summary: `accuracy ${pct(cvOurs.accuracy)}, F1 ${pct(cvOurs.f1)} (TF-IDF ${pct(cvBase.accuracy)} / ${pct(cvBase.f1)})`,
  };
}

// ── STS-B: graded similarity ───────────────────────────────────────────────────────────────

async function runStsb(opts: Options): Promise<SectionResult | Skipped> {
  const json: Record<string, unknown> = {};
  const summary: string[] = [];
  const allRows: string[][] = [];
  const notes: (string | (() => void))[] = [];
  let any = false;
  for (const [split, name] of [
    ['dev', 'stsb-dev.tsv'],
    ['train', 'stsb-train.tsv'],
  ] as const) {
    const file = dataFile(opts.data, name);
    if ('skipped' in file) {
      console.log(`  skipped: stsb ${split} (${file.skipped})`);
      continue;
    }
    any = true;
    const { items, skipped } = loadStsb(file.path);
    const pairs = take(items, opts.limit);
    const tfidf = tfidfCosine(items.flatMap((p) => [p.s1, p.s2]));
    const rowsData: { genre: string; gold: number; ours: number; base: number }[] = [];
    const errors = new Errors();
    await preEncode(pairs.flatMap((p) => [p.s1, p.s2]));
    for (const [i, p] of pairs.entries()) {
      progress(`stsb ${split}`, i, pairs.length);
      try {
        const s = await similarity(p.s1, p.s2);
        if (!Number.isFinite(s)) throw new Error(`similarity is ${s}`);
        rowsData.push({ genre: p.genre, gold: p.score, ours: s, base: tfidf(p.s1, p.s2) });
      } catch (err) {
        errors.add(`${p.file}/${p.id}`, err);
      }
    }
    progress(`stsb ${split}`, pairs.length, pairs.length);
    const stats = (rs: typeof rowsData) => ({
      n: rs.length,
      pearson: pearson(
        rs.map((r) => r.ours),
        rs.map((r) => r.gold),
      ),
      spearman: spearman(
        rs.map((r) => r.ours),
        rs.map((r) => r.gold),
      ),
      tfidfPearson: pearson(
        rs.map((r) => r.base),
        rs.map((r) => r.gold),
      ),
      tfidfSpearman: spearman(
        rs.map((r) => r.base),
        rs.map((r) => r.gold),
      ),
    });
    const genres = [...new Set(rowsData.map((r) => r.genre))].sort();
    const all = stats(rowsData);
    const byGenre: Record<string, ReturnType<typeof stats>> = {};
    const rows: string[][] = [];
    for (const g of genres) {
      byGenre[g] = stats(rowsData.filter((r) => r.genre === g));
      const s = byGenre[g];
      rows.push([
        split,
        g,
        String(s.n),
        num(s.pearson),
        num(s.spearman),
        num(s.tfidfPearson),
        num(s.tfidfSpearman),
      ]);
    }
    rows.push([
      split,
      'all',
      String(all.n),
      num(all.pearson),
      num(all.spearman),
      num(all.tfidfPearson),
      num(all.tfidfSpearman),
    ]);
    allRows.push(...rows);
    if (skipped) notes.push(`  ${split}: ${skipped} malformed line(s) skipped`);
    if (errors.count) notes.push(() => errors.print());
    json[split] = { ...all, byGenre, errors: errors.toJSON() };
    summary.push(`${split} r ${num(all.pearson)} (TF-IDF ${num(all.tfidfPearson)})`);
  }
  if (!any) return { skipped: 'stsb-dev.tsv and stsb-train.tsv not found' };
  console.log(
    table(['split', 'genre', 'pairs', 'r', 'ρ', 'TF-IDF r', 'TF-IDF ρ'], allRows, { align: ['l', 'l'] }),
  );
  for (const note of notes) typeof note === 'string' ? console.log(note) : note();
  return { json, summary: summary.join('; ') };
}

// ── SemEval-2022 Task 8: article-pair similarity, 1 (similar) … 4 (dissimilar) ───────────────

async function runSemeval(opts: Options): Promise<SectionResult | Skipped> {
  const file = dataFile(opts.data, 'semeval22-pairs.dev.jsonl');
  if ('skipped' in file) return file;
  const { items, skipped } = loadSemeval(file.path);
  const pairs = take(items, opts.limit);
  const tfidf = tfidfCosine(items.flatMap((p) => [p.text1, p.text2]));
  const ok: { lang: string; gold: number; shipped: number; x: number[]; base: number }[] = [];
  const errors = new Errors();
  const errorsByLang = new Map<string, number>();
  const noise = new SemevalFindings();
  for (const [i, p] of pairs.entries()) {
    progress('semeval', i, pairs.length);
    const lang = `${p.lang1}-${p.lang2}`;
    try {
      const cmp = await comparePair(
        { text: p.text1, title: p.title1 ?? undefined, lang: p.lang1, source: `${p.id}#1` },
        { text: p.text2, title: p.title2 ?? undefined, lang: p.lang2, source: `${p.id}#2` },
      );
      noteLibrary(cmp);
      noise.add(lang, p.overall, cmp);
      const x = semevalFeatures(cmp);
      if (!x.every(Number.isFinite)) throw new Error('non-finite feature');
      if (!Number.isFinite(cmp.scores.semeval)) throw new Error('non-finite semeval score');
      ok.push({
        lang,
        gold: p.overall,
        shipped: cmp.scores.semeval,
        x,
        base: 4 - 3 * tfidf(p.text1, p.text2),
      });
    } catch (err) {
      errors.add(`${p.id} (${lang})`, err);
      errorsByLang.set(lang, (errorsByLang.get(lang) ?? 0) + 1);
    }
  }
  progress('semeval', pairs.length, pairs.length);

  const folds = 5;
  let oof: number[] = ok.map(() => Number.NaN);
  let cvError: string | undefined;
  try {
    if (ok.length < folds * 2) throw new Error(`too few pairs (${ok.length}) for ${folds}-fold CV`);
    const widths = new Set(ok.map((r) => r.x.length));
    if (widths.size > 1) throw new Error(`feature vectors differ in length (${[...widths].join(', ')})`);
    oof = cvPredict(
      ok.map((r) => r.x),
      ok.map((r) => r.gold),
      folds,
      fitSemeval,
      predictSemeval,
      SEED,
    );
  } catch (err) {
    cvError = errorMessage(err);
  }
  const langs = [
    ...SEMEVAL_LANGS,
    ...[...new Set([...ok.map((r) => r.lang), ...errorsByLang.keys()])]
      .filter((l) => !SEMEVAL_LANGS.includes(l))
      .sort(),
  ];
  const rows: string[][] = [];
  const byLang: Record<string, unknown> = {};
  let beats = 0;
  let langsScored = 0;
  const line = (label: string, idx: number[], failed: number) => {
    const gold = idx.map((i) => ok[i].gold);
    const shipped = pearson(
      idx.map((i) => ok[i].shipped),
      gold,
    );
    const cv = pearson(
      idx.map((i) => oof[i]),
      gold,
    );
    const base = pearson(
      idx.map((i) => ok[i].base),
      gold,
    );
    const better = Number.isFinite(cv) && Number.isFinite(base) ? cv > base : undefined;
    rows.push([label, String(idx.length), String(failed), num(shipped), num(cv), num(base), mark(better)]);
    return { n: idx.length, errors: failed, shipped, cv, tfidf: base, beatsBaseline: better };
  };
  for (const lang of langs) {
    const idx = ok.map((r, i) => (r.lang === lang ? i : -1)).filter((i) => i >= 0);
    const failed = errorsByLang.get(lang) ?? 0;
    if (idx.length === 0 && failed === 0) continue;
    const r = line(lang, idx, failed);
    byLang[lang] = r;
    if (r.beatsBaseline !== undefined) {
      langsScored++;
      if (r.beatsBaseline) beats++;
    }
  }
  const all = line(
    'all',
    ok.map((_, i) => i),
    errors.count,
  );
  console.log(
    `  Pearson with gold Overall (1 = same story … 4 = unrelated). shipped = cmp.scores.semeval (fitted on this file);\n` +
      `  CV = ${folds}-fold cross-validated refit of fitSemeval on semevalFeatures (the honest figure);\n` +
      `  TF-IDF = 4 − 3·cosine, IDF over all texts of the file. ✓ = CV beats TF-IDF.\n`,
  );
  console.log(table(['languages', 'pairs', 'failed', 'shipped r', 'CV r', 'TF-IDF r', ''], rows));
  if (cvError) console.log(`  cross-validation failed: ${cvError}`);
  if (skipped) console.log(`  ${skipped} malformed line(s) skipped`);
  errors.print();
  const findings = noise.report();
  for (const l of findings.lines) console.log(l);
  return {
    json: {
      pairs: pairs.length,
      scored: ok.length,
      folds,
      all,
      byLang,
      cvError,
      findings: findings.json,
      errors: errors.toJSON(),
    },
    summary: `CV r ${num(all.cv)} (shipped ${num(all.shipped)}, TF-IDF ${num(all.tfidf)}); beats TF-IDF in ${beats}/${langsScored} language pairs; ${findings.summary}`,
  };
}

// ── Clough & Stevenson: reuse should rank cut > light > heavy > non ────────────────────────

async function runClough(opts: Options): Promise<SectionResult | Skipped> {
  const dir = join(opts.data, 'clough-stevenson');
  const index = dataFile(dir, 'file_information.csv');
  if ('skipped' in index) return { skipped: `clough-stevenson/${index.skipped}` };
  const corpus = loadClough(dir);
  const answers = take(corpus.answers, opts.limit);
  const tfidf = tfidfCosine([...Object.values(corpus.sources), ...corpus.answers.map((a) => a.text)]);
  const ordinal: Record<CloughCategory, number> = { cut: 3, light: 2, heavy: 1, non: 0 };
  const res: {
    category: CloughCategory;
    reuse: number;
    bInA: number;
    aInB: number;
    overall: number;
    base: number;
  }[] = [];
  const errors = new Errors();
  for (const [i, ans] of answers.entries()) {
    progress('clough', i, answers.length);
    try {
      const src = corpus.sources[ans.task];
      if (src === undefined) throw new Error(`no source text for task ${ans.task}`);
      const cmp = await comparePair(
        { text: src, lang: 'en', source: `orig_task${ans.task}` },
        { text: ans.text, lang: 'en', source: ans.file },
      );
      noteLibrary(cmp);
      res.push({
        category: ans.category,
        reuse: cmp.scores.reuse,
        bInA: cmp.scores.containment.bInA,
        aInB: cmp.scores.containment.aInB,
        overall: cmp.scores.overall,
        base: tfidf(src, ans.text),
      });
    } catch (err) {
      errors.add(ans.file, err);
    }
  }
  progress('clough', answers.length, answers.length);
  type Key = 'reuse' | 'bInA' | 'aInB' | 'overall' | 'base';
  const keys: [Key, string][] = [
    ['reuse', 'reuse'],
    ['bInA', 'containment b in a'],
    ['aInB', 'containment a in b'],
    ['overall', 'overall'],
    ['base', 'TF-IDF cosine'],
  ];
  const rows: string[][] = [];
  const json: Record<string, unknown> = {};
  const ord = res.map((r) => ordinal[r.category]);
  let reuseOrder = false;
  let reuseRho = Number.NaN;
  for (const [k, label] of keys) {
    const means = CLOUGH_CATEGORIES.map((c) => mean(res.filter((r) => r.category === c).map((r) => r[k])));
    const ordered = means.every((m, i) => i === 0 || (Number.isFinite(m) && m < means[i - 1]));
    const rho = spearman(
      res.map((r) => r[k]),
      ord,
    );
    if (k === 'reuse') {
      reuseOrder = ordered;
      reuseRho = rho;
    }
    rows.push([label, ...means.map((m) => num(m)), mark(ordered), num(rho)]);
    json[k] = {
      means: Object.fromEntries(CLOUGH_CATEGORIES.map((c, i) => [c, means[i]])),
      ordered,
      spearman: rho,
    };
  }
  const counts = CLOUGH_CATEGORIES.map((c) => `${c} ${res.filter((r) => r.category === c).length}`).join(
    ', ',
  );
  console.log(`  ${res.length} answers (${counts}); a = source text, b = answer; mean per category\n`);
  console.log(table(['score', ...CLOUGH_CATEGORIES, 'cut>light>heavy>non', 'Spearman ρ'], rows));
  if (corpus.missing.length) console.log(`  not found / unusable: ${corpus.missing.join(', ')}`);
  errors.print();
  return {
    json: { answers: res.length, ...json, missing: corpus.missing, errors: errors.toJSON() },
    summary: `reuse order cut>light>heavy>non ${mark(reuseOrder)}, Spearman ${num(reuseRho)}`,
  };
}

// ── Berlin example: a quick look ───────────────────────────────────────────────────────────

function clip(s: string | undefined, n = 70): string {
  if (s === undefined) return '—';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

async function runBerlin(opts: Options): Promise<SectionResult | Skipped> {
  const pair = examplePair(opts.data, opts.examples);
  if ('skipped' in pair) return pair;
  const cmp = await comparePair(
    { text: readText(pair.wire), source: 'wire.txt' },
    { text: readText(pair.retold), source: 'retold.txt' },
  );
  noteLibrary(cmp);
  const types = new Map<string, number>();
  for (const l of cmp.alignment) types.set(l.type, (types.get(l.type) ?? 0) + 1);
  const variants = cmp.entities.filter((e) => e.variants);
  console.log(`  relation   ${cmp.relation}`);
  console.log(`  summary    ${cmp.summary}`);
  console.log(
    `  scores     overall ${num(cmp.scores.overall)}, semeval ${num(cmp.scores.semeval, 2)}, reuse ${num(cmp.scores.reuse)}, ` +
      `containment a→b ${num(cmp.scores.containment.aInB)} b→a ${num(cmp.scores.containment.bInA)}`,
  );
  console.log(
    `  links      ${cmp.alignment.length} (${[...types].map(([t, c]) => `${t} ${c}`).join(', ') || 'none'}), ` +
      `moved ${cmp.alignment.filter((l) => l.moved).length}`,
  );
  console.log(
    `  sentences  a ${cmp.a.sentences.length}, b ${cmp.b.sentences.length}; only in a ${cmp.onlyA.length}, only in b ${cmp.onlyB.length}`,
  );
  console.log(`  entities with variants (${variants.length}):`);
  for (const e of variants)
    console.log(`    ${e.name}: a [${e.forms.a.join(', ')}]  b [${e.forms.b.join(', ')}]`);
  console.log(`  quote pairs (${cmp.quotes.length}):`);
  for (const q of cmp.quotes)
    console.log(`    ${q.relation}: "${clip(q.a?.text, 50)}" → "${clip(q.b?.text, 50)}"`);
  console.log(`  changes (${cmp.changes.length}):`);
  for (const c of cmp.changes) console.log(`    ${c.kind}/${c.detail}: ${clip(c.message, 100)}`);
  return {
    json: {
      encoder: cmp.encoder,
      relation: cmp.relation,
      overall: cmp.scores.overall,
      semeval: cmp.scores.semeval,
      reuse: cmp.scores.reuse,
      containment: cmp.scores.containment,
      links: cmp.alignment.length,
      onlyA: cmp.onlyA.length,
      onlyB: cmp.onlyB.length,
      entitiesWithVariants: variants.map((e) => ({ name: e.name, forms: e.forms })),
      quotes: cmp.quotes.length,
      changes: cmp.changes.length,
    },
    summary: `${cmp.relation}, overall ${num(cmp.scores.overall)}, ${cmp.alignment.length} links, ${cmp.changes.length} changes`,
  };
}

// ── Cross-language anchors (a proposal, measured): SemEval de-en without a multilingual model ──

/**
 * Measures the language-independent anchors of src/embed/anchors.ts on SemEval: the shipped
 * features (lexical, as in the SemEval section) against (1) anchor embeddings blended into the
 * alignment of cross-language pairs, (2) one more feature, `crossAnchors` = cross × (narrative +
 * anchor cosine) / 2, and both. CV r is given for the usual fold seed and as the mean over 8 fold
 * seeds, because 92 de-en pairs make a single split noisy (standard error of r ≈ 0.06).
 */
async function runAnchors(opts: Options): Promise<SectionResult | Skipped> {
  if (ENC) return { skipped: 'measured once, with the lexical backend' };
  const file = dataFile(opts.data, 'semeval22-pairs.dev.jsonl');
  if ('skipped' in file) return file;
  const pairs = take(loadSemeval(file.path).items, opts.limit);
  const rows: { lang: string; gold: number; base: number[]; anchored: number[]; extra: number }[] = [];
  const errors = new Errors();
  for (const [i, p] of pairs.entries()) {
    progress('anchors', i, pairs.length);
    try {
      const da = analyze({ text: p.text1, title: p.title1 ?? undefined, lang: p.lang1 });
      const db = analyze({ text: p.text2, title: p.title2 ?? undefined, lang: p.lang2 });
      const cross = p.lang1 !== p.lang2 ? 1 : 0;
      const cmp = compare(da, db);
      const anchored = cross ? compare(da, db, { embeddings: anchorEmbeddings(da, db) }) : cmp;
      const narrative = cmp.scores.dimensions.narrative.score;
      rows.push({
        lang: `${p.lang1}-${p.lang2}`,
        gold: p.overall,
        base: semevalFeatures(cmp),
        anchored: semevalFeatures(anchored),
        extra: (cross * (narrative + anchorSignals(da, db).cosine)) / 2,
      });
    } catch (err) {
      errors.add(`${p.id}`, err);
    }
  }
  progress('anchors', pairs.length, pairs.length);
  if (rows.length < 20) return { skipped: `too few pairs (${rows.length})` };
  const seeds = [SEED, 1, 2, 3, 4, 5, 6, 7];
  const gold = rows.map((r) => r.gold);
  const variants: [string, (r: (typeof rows)[number]) => number[]][] = [
    ['lexical (shipped features)', (r) => r.base],
    ['+ anchor alignment (cross-language pairs)', (r) => r.anchored],
    ['+ crossAnchors feature', (r) => [...r.base, r.extra]],
    ['+ both', (r) => [...r.anchored, r.extra]],
  ];
  const langs = ['de-en', 'en-en', 'all'];
  const table_: string[][] = [];
  const json: Record<string, unknown> = {};
  for (const [label, features] of variants) {
    const X = rows.map(features);
    const oofs = seeds.map((seed) => cvPredict(X, gold, 5, fitSemeval, predictSemeval, seed));
    const r = (lang: string, oof: number[]) => {
      const idx = rows.map((x, i) => (lang === 'all' || x.lang === lang ? i : -1)).filter((i) => i >= 0);
      return pearson(
        idx.map((i) => oof[i]),
        idx.map((i) => gold[i]),
      );
    };
    const cells: string[] = [label];
    const entry: Record<string, { seed: number; meanOverSeeds: number }> = {};
    for (const lang of langs) {
      const first = r(lang, oofs[0]);
      const avg = mean(oofs.map((o) => r(lang, o)));
      cells.push(num(first), num(avg));
      entry[lang] = { seed: first, meanOverSeeds: avg };
    }
    table_.push(cells);
    json[label] = entry;
  }
  console.log(
    `  SemEval CV r (5 folds; "seed" = the fold seed of the SemEval section, "8 seeds" = mean over 8 fold seeds)\n`,
  );
  console.log(
    table(
      ['variant', 'de-en seed', 'de-en 8 seeds', 'en-en seed', 'en-en 8 seeds', 'all seed', 'all 8 seeds'],
      table_,
      { align: ['l'] },
    ),
  );
  errors.print();
  const best = json['+ both'] as Record<string, { seed: number; meanOverSeeds: number }>;
  const base = json['lexical (shipped features)'] as typeof best;
  return {
    json: { pairs: rows.length, seeds, variants: json, errors: errors.toJSON() },
    summary: `de-en CV r ${num(base['de-en'].seed)} → ${num(best['de-en'].seed)} with anchors (8-seed mean ${num(base['de-en'].meanOverSeeds)} → ${num(best['de-en'].meanOverSeeds)})`,
  };
}

// ── Speed: encoding rate and the latency an encoder adds to one comparison ──────────────────

interface Speed {
  loadMs?: number;
  sentencesPerSecond?: number;
  sentences?: number;
  compareMs?: number;
  addedMs?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : Number.NaN;
};

/**
 * Encoding rate on the first 2,000 STS-B dev sentences (fresh, uncached encoder), and the warm
 * latency of comparing the Berlin pair (median of 15 runs after 3 warm-ups) with an uncached
 * encoder, so the encoding is counted; `addedMs` is that minus the lexical comparison.
 */
async function measureSpeed(opts: Options, spec: string, loadMs: number | undefined): Promise<Speed> {
  const out: Speed = { loadMs };
  const fresh = spec === 'lexical' ? null : await createEncoder(spec, { cacheEntries: 0 });
  const stsb = dataFile(opts.data, 'stsb-dev.tsv');
  if (fresh && !('skipped' in stsb)) {
    const texts = loadStsb(stsb.path)
      .items.flatMap((p) => [p.s1, p.s2])
      .slice(0, 2000);
    await fresh.encode(texts.slice(0, 16));
    const t = stopwatch();
    for (let i = 0; i < texts.length; i += 64) await fresh.encode(texts.slice(i, i + 64));
    out.sentences = texts.length;
    out.sentencesPerSecond = texts.length / (t() / 1000);
  }
  const pair = examplePair(opts.data, opts.examples);
  if (!('skipped' in pair)) {
    const a = analyze({ text: readText(pair.wire), source: 'wire.txt' });
    const b = analyze({ text: readText(pair.retold), source: 'retold.txt' });
    const time = async (f: () => unknown) => {
      for (let k = 0; k < 3; k++) await f();
      const runs: number[] = [];
      for (let k = 0; k < 15; k++) {
        const t = stopwatch();
        await f();
        runs.push(t());
      }
      return median(runs);
    };
    const lexical = await time(() => compare(a, b));
    out.compareMs = fresh ? await time(() => compareWithEncoder(a, b, fresh)) : lexical;
    out.addedMs = out.compareMs - lexical;
  }
  return out;
}

// ── main ───────────────────────────────────────────────────────────────────────────────────

const SECTIONS: Record<Dataset, { title: string; run: (o: Options) => Promise<SectionResult | Skipped> }> = {
  wmt16: { title: 'WMT16 fi→en versions — sentence alignment (micro P/R/F1 of links)', run: runWmt16 },
  msrp: { title: 'MSRP — paraphrase identification', run: runMsrp },
  stsb: { title: 'STS-B — sentence similarity (correlation with 0–5 score)', run: runStsb },
  semeval: { title: 'SemEval-2022 Task 8 — article-pair similarity (Overall)', run: runSemeval },
  anchors: { title: 'SemEval de-en — language-independent anchors (proposal)', run: runAnchors },
  clough: { title: 'Clough–Stevenson — text reuse categories', run: runClough },
  berlin: { title: 'Berlin example — a quick look', run: runBerlin },
  findings: {
    title: 'Findings set — precision and recall of findings per kind and language',
    run: runFindings,
  },
  googlenews: { title: 'Google News — online story clustering (B-cubed, NMI, pairwise)', run: runGoogleNews },
  corpus: {
    title: 'Corpus retrieval — synthetic versions of SemEval texts (recall, precision)',
    run: runCorpus,
  },
};

/** The labelled findings set of scripts/data/findings (the texts are invented for the project). */
async function runFindings(opts: Options): Promise<SectionResult | Skipped> {
  const r = await evalFindings(FINDINGS_DIR, comparePair, opts.limit);
  for (const line of r.lines) console.log(line);
  return { json: r.json, summary: r.summary };
}

/** Corpus sections run once: they do not use sentence encoders. */
async function runGoogleNews(opts: Options): Promise<SectionResult | Skipped> {
  if (ENC) return { skipped: 'measured once, with the lexical backend' };
  const r = await evalGoogleNews(join(opts.data, 'googlenews-ts.jsonl'), {
    limit: opts.limit,
  });
  if (r.skipped) return { skipped: r.skipped };
  for (const line of r.lines) console.log(line);
  const m = r.metrics!;
  return {
    json: m as unknown as Record<string, unknown>,
    summary: `B-cubed F1 ${num(m.storydiff.bcubed.f1, 3)}, NMI ${num(m.storydiff.nmi, 3)} (baseline ${num(m.baseline.bcubed.f1, 3)} / ${num(m.baseline.nmi, 3)})`,
  };
}

async function runCorpus(opts: Options): Promise<SectionResult | Skipped> {
  if (ENC) return { skipped: 'measured once, with the lexical backend' };
  const r = await evalRetrieval(opts.data, { limit: opts.limit });
  if ('skipped' in r) return { skipped: r.skipped };
  return {
    json: r as unknown as Record<string, unknown>,
    summary: `recall ${pct(r.atDefault.recall)}, precision ${pct(r.atDefault.precision)} at min score ${r.threshold}`,
  };
}

/** Figures of one backend for the comparison table. */
interface BackendFigures {
  spec: string;
  name: string;
  results: Record<string, unknown>;
  speed?: Speed;
  failed?: string;
}

/** Reads a number at a path of plain objects, or NaN. */
function pick(obj: unknown, ...path: string[]): number {
  let x: unknown = obj;
  for (const k of path) x = x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined;
  return typeof x === 'number' ? x : Number.NaN;
}

function printBackendTables(backends: BackendFigures[]): void {
  const ok = backends.filter((b) => !b.failed);
  console.log(`\n== Sentence encoders compared ==\n`);
  console.log(
    table(
      [
        'backend',
        'MSRP acc',
        'MSRP F1',
        'STS-B dev r',
        'STS-B train r',
        'WMT16 F1 given',
        'WMT16 F1 shuf+drop',
        'Clough ρ',
      ],
      ok.map((b) => [
        b.name,
        pct(pick(b.results, 'msrp', 'storydiff', 'accuracy')),
        pct(pick(b.results, 'msrp', 'storydiff', 'f1')),
        num(pick(b.results, 'stsb', 'dev', 'pearson')),
        num(pick(b.results, 'stsb', 'train', 'pearson')),
        pct(pick(b.results, 'wmt16', 'asGiven', 'micro', 'f1'), 2),
        pct(pick(b.results, 'wmt16', 'shuffledDropped', 'micro', 'f1'), 2),
        num(pick(b.results, 'clough', 'reuse', 'spearman')),
      ]),
      { align: ['l'] },
    ),
  );
  console.log(`\n  SemEval CV r per language pair (English-only encoders leave other languages lexical)\n`);
  console.log(
    table(
      ['backend', 'all', ...SEMEVAL_LANGS],
      ok.map((b) => [
        b.name,
        num(pick(b.results, 'semeval', 'all', 'cv')),
        ...SEMEVAL_LANGS.map((l) => num(pick(b.results, 'semeval', 'byLang', l, 'cv'))),
      ]),
      { align: ['l'] },
    ),
  );
  console.log(`\n  Berlin pair and speed (2-core CPU here; latency = warm median, encoder uncached)\n`);
  console.log(
    table(
      [
        'backend',
        'relation',
        'links',
        'changes',
        'overall',
        'load ms',
        'sentences/s',
        'compare ms',
        'added ms',
      ],
      ok.map((b) => {
        const berlin = (b.results.berlin ?? {}) as Record<string, unknown>;
        return [
          b.name,
          typeof berlin.relation === 'string' ? berlin.relation : '—',
          num(pick(berlin, 'links'), 0),
          num(pick(berlin, 'changes'), 0),
          num(pick(berlin, 'overall')),
          num(b.speed?.loadMs, 0),
          num(b.speed?.sentencesPerSecond, 0),
          num(b.speed?.compareMs, 1),
          num(b.speed?.addedMs, 1),
        ];
      }),
      { align: ['l', 'l'] },
    ),
  );
  for (const b of backends) if (b.failed) console.log(`  ${b.spec}: not available (${b.failed})`);
}

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${errorMessage(err)}\n${USAGE}`);
    process.exit(64);
  }
  ANY_LANGUAGE = opts.anyLanguage;
  const total = stopwatch();
  console.log(`storydiff eval — data ${opts.data}${opts.limit ? `, limit ${opts.limit}` : ''}`);
  console.log(
    `  backends: ${opts.encoders.join(', ')}${opts.anyLanguage ? ' (encoders used for every language)' : ''}`,
  );
  const backends: BackendFigures[] = [];
  let results: Record<string, unknown> = {};
  let summary: [string, string, string][] = [];
  for (const spec of opts.encoders) {
    let loadMs: number | undefined;
    ENC = null;
    if (spec !== 'lexical') {
      const t = stopwatch();
      try {
        // A large cache: the evaluation encodes each dataset's sentences ahead, in big batches.
        ENC = await createEncoder(spec, { cacheEntries: 400_000 });
      } catch (err) {
        console.log(`\n######## backend ${spec}: not available — ${errorMessage(err)}`);
        backends.push({ spec, name: spec, results: {}, failed: errorMessage(err) });
        continue;
      }
      loadMs = t();
    }
    const name = ENC?.name ?? 'lexical';
    console.log(
      `\n######## backend ${name}${loadMs !== undefined ? ` (loaded in ${loadMs.toFixed(0)} ms)` : ''}`,
    );
    results = {};
    summary = [];
    for (const dataset of DATASETS) {
      if (!opts.only.has(dataset)) continue;
      const section = SECTIONS[dataset];
      console.log(`\n== ${section.title}${ENC ? ` — ${name}` : ''} ==\n`);
      const elapsed = stopwatch();
      let r: SectionResult | Skipped;
      try {
        r = await section.run(opts);
      } catch (err) {
        const msg = errorMessage(err);
        console.log(`  failed: ${msg}`);
        results[dataset] = { failed: msg, seconds: elapsed() / 1000 };
        summary.push([dataset, 'failed', msg.slice(0, 100)]);
        continue;
      }
      const seconds = elapsed() / 1000;
      if (isSkipped(r)) {
        console.log(`  skipped: ${dataset} (${r.skipped})`);
        results[dataset] = { skipped: r.skipped };
        summary.push([dataset, 'skipped', r.skipped]);
        continue;
      }
      console.log(`\n  elapsed ${seconds.toFixed(1)} s`);
      results[dataset] = { ...r.json, seconds };
      summary.push([dataset, `${seconds.toFixed(1)} s`, r.summary]);
    }
    let speed: Speed | undefined;
    try {
      speed = await measureSpeed(opts, spec, loadMs);
    } catch (err) {
      console.log(`  speed not measured: ${errorMessage(err)}`);
    }
    console.log(`\n== Summary — ${name} ==\n`);
    console.log(table(['dataset', 'time', 'result'], summary, { align: ['l', 'r', 'l'] }));
    backends.push({ spec, name, results, speed });
  }
  if (backends.length > 1) printBackendTables(backends);
  console.log(
    `\n  total ${(total() / 1000).toFixed(1)} s${libraryInfo.generator ? ` — ${libraryInfo.generator}` : ''}`,
  );
  if (opts.json) {
    const lexical = backends.find((b) => b.spec === 'lexical');
    const out = {
      schema: SCHEMA,
      date: new Date().toISOString(),
      node: process.version,
      data: opts.data,
      limit: opts.limit ?? null,
      seed: SEED,
      library: libraryInfo,
      seconds: total() / 1000,
      // The lexical figures stay where they always were; every backend is under `encoders`.
      datasets: lexical?.results ?? backends[0]?.results ?? {},
      encoders: Object.fromEntries(
        backends.map((b) => [
          b.spec,
          { name: b.name, failed: b.failed, speed: b.speed, datasets: b.results },
        ]),
      ),
    };
    writeFileSync(opts.json, `${JSON.stringify(jsonSafe(out), null, 2)}\n`);
    console.log(`  figures written to ${opts.json}`);
  }
}

await main();
