/**
 * Retrieval evaluation of the corpus: the SemEval dev texts and their deterministic versions
 * (`variants.ts`) go into a throwaway SQLite store through `openCorpus().add()`, then every stored
 * document is searched for. A hit is correct when it is in the query's group (the same source);
 * recall is over every ordered pair of stored documents of one group.
 *
 * Choices, so the figures can be read honestly:
 *
 * - Exact copies are stored once: the store reports them as `duplicate` of the source, so they
 *   are not searched for; the report gives how many copies were recognised as duplicates. Any
 *   other version that collapses into a stored document the same way counts likewise.
 * - Queries are made by stored id (`search({ id })`), which excludes the query itself.
 * - Searches run with `minScore: 0` and a large limit, so precision and recall can be read at any
 *   threshold from one pass; the headline figures are at the corpus default (`DEFAULT_MIN_SCORE`).
 * - Different SemEval sources can themselves be versions of one story: pairs rated Overall ≤ 1.5
 *   by SemEval (none among the `text1` sources of the dev file, but the code checks), or texts
 *   sharing wire copy (3-shingle Jaccard ≥ 0.2; near-identical texts, Jaccard ≥ 0.8, are kept only
 *   once). A hit between two such groups is counted as a false positive in the strict precision
 *   and left out of the false positives in the adjusted precision; both are reported.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, ms, num, pct, stopwatch, table } from './format.js';
import { percentile, prf } from './metrics.js';
import {
  loadVariantCorpus,
  type SemevalSourceOptions,
  VARIANT_KINDS,
  type VariantDoc,
  type VariantOptions,
} from './variants.js';

export interface EvalRetrievalOptions extends SemevalSourceOptions, VariantOptions {
  /** Thresholds of the precision/recall sweep. Default 0.1 … 0.7. */
  thresholds?: number[];
  /** Queries timed with default search options (rescoring the top 5). Default 100. */
  rescoreQueries?: number;
  /** Most hits read per query. Default 100. */
  hitLimit?: number;
  /** Where to print the report (default console.log); null for silence. */
  log?: ((line: string) => void) | null;
  /** Keep the temporary store (its path is in the result). */
  keep?: boolean;
}

/** Precision and recall at one threshold. */
export interface PrAt {
  threshold: number;
  tp: number;
  fp: number;
  /** False positives between groups whose sources are related (same story or shared wire text). */
  fpRelated: number;
  fn: number;
  /** Strict: every cross-group hit is wrong. */
  precision: number;
  /** Cross-group hits between related sources left out. */
  precisionAdjusted: number;
  recall: number;
  f1: number;
}

export interface RetrievalReport {
  sources: number;
  docs: number;
  stored: number;
  /** Documents that collapsed into a stored document as exact duplicates. */
  duplicates: number;
  failed: number;
  relatedSourcePairs: number;
  skippedSources: { short: number; duplicate: number };
  /** The corpus default minScore the headline figures use. */
  threshold: number;
  atDefault: PrAt;
  sweep: PrAt[];
  /** Recall of source↔version pairs by version kind (both directions), and of version↔version pairs. */
  byKind: { kind: string; pairs: number; found: number; recall: number; precision: number }[];
  /** Copies (and other versions) recognised as exact duplicates of their source. */
  copiesAsDuplicates: { copies: number; recognised: number };
  byLanguage: { lang: string; pairs: number; recall: number; precision: number }[];
  /** True positives at the default threshold by the channels that found them. */
  channels: { lshOnly: number; termsOnly: number; both: number };
  timing: {
    ingestSeconds: number;
    ingestPerSecond: number;
    searchSeconds: number;
    /** Retrieval-only search (minScore 0, large limit), per query. */
    retrieve: { n: number; p50: number; p95: number; p99: number };
    /** Default search options (rescore the top 5), on a sample of queries. */
    withRescore: { n: number; retrieveP50: number; rescoreP50: number; rescoreP95: number; totalP50: number };
  };
  db?: string;
}

interface Hit {
  id: string;
  score: number;
  channels: string[];
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * Builds the variant corpus in a temporary store, searches for every stored document and reports
 * precision and recall (at the corpus default threshold and over a sweep), recall by version kind
 * and language, and timing. Returns `{ skipped }` when the SemEval file is absent.
 */
export async function evalRetrieval(
  dataDir: string,
  opts: EvalRetrievalOptions = {},
): Promise<RetrievalReport | { skipped: string }> {
  const log = opts.log === null ? () => {} : (opts.log ?? console.log);
  const built = loadVariantCorpus(dataDir, opts);
  if ('skipped' in built && typeof built.skipped === 'string') {
    log(`  skipped: corpus retrieval (${built.skipped})`);
    return { skipped: built.skipped };
  }
  const corpusData = built as Exclude<typeof built, { skipped: string }>;
  const { docs, related } = corpusData;
  const { openCorpus, DEFAULT_MIN_SCORE } = await import('../../src/corpus/corpus.js');
  const threshold = DEFAULT_MIN_SCORE;

  const dir = mkdtempSync(join(tmpdir(), 'storydiff-eval-corpus-'));
  const db = join(dir, 'variants.db');
  const corpus = await openCorpus({ db });
  try {
    // ── ingest ──
    const byId = new Map(docs.map((d) => [d.id, d]));
    const storedAs = new Map<string, string>(); // doc id → the stored id holding its text
    let failed = 0;
    const ingest = await corpus.add(
      docs.map((d) => ({ id: d.id, text: d.text, title: d.title, lang: d.lang, published: d.published })),
      {
        onOutcome: (o) => {
          if (o.status === 'failed') failed++;
          else storedAs.set(o.id, o.status === 'duplicate' && o.existing ? o.existing : o.id);
        },
      },
    );
    const stored = [...new Set([...storedAs.values()])].filter((id) => storedAs.get(id) === id);
    const groupOf = (id: string): string => byId.get(id)?.group ?? id;
    const members = new Map<string, string[]>();
    for (const id of stored) {
      const g = groupOf(id);
      const list = members.get(g);
      if (list) list.push(id);
      else members.set(g, [id]);
    }
    const relatedPairs = new Set(related.map((r) => pairKey(r.a, r.b)));

    // ── search every stored document ──
    const hitLimit = opts.hitLimit ?? 100;
    const results = new Map<string, Hit[]>();
    const retrieveMs: number[] = [];
    const sw = stopwatch();
    for (const id of stored) {
      const res = await corpus.search({ id }, { limit: hitLimit, rescore: 0, minScore: 0 });
      retrieveMs.push(res.timing.retrieveMs);
      results.set(
        id,
        res.hits.map((h) => ({ id: h.id, score: h.score, channels: h.channels as string[] })),
      );
    }
    const searchSeconds = sw() / 1000;

    // ── scoring ──
    const goldPairs = (): [string, string][] => {
      const out: [string, string][] = [];
      for (const ids of members.values())
        for (const q of ids) for (const t of ids) if (q !== t) out.push([q, t]);
      return out;
    };
    const gold = goldPairs();
    const hitAt = (q: string, t: string, th: number): Hit | undefined =>
      results.get(q)?.find((h) => h.id === t && h.score >= th);

    const scoreAt = (th: number): PrAt => {
      let tp = 0;
      let fp = 0;
      let fpRelated = 0;
      for (const [q, hits] of results) {
        for (const h of hits) {
          if (h.score < th) continue;
          if (groupOf(h.id) === groupOf(q)) tp++;
          else {
            fp++;
            if (relatedPairs.has(pairKey(groupOf(h.id), groupOf(q)))) fpRelated++;
          }
        }
      }
      const fn = gold.length - tp;
      const strict = prf(tp, fp, fn);
      const adjusted = prf(tp, fp - fpRelated, fn);
      return {
        threshold: th,
        tp,
        fp,
        fpRelated,
        fn,
        precision: strict.precision,
        precisionAdjusted: adjusted.precision,
        recall: strict.recall,
        f1: strict.f1,
      };
    };
    const atDefault = scoreAt(threshold);
    const sweep = (opts.thresholds ?? [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]).map(scoreAt);

    // recall by kind: source↔version pairs (both directions) and version↔version pairs
    const kindOf = (id: string): VariantDoc['kind'] => byId.get(id)?.kind ?? 'source';
    const kindRows = new Map<string, { pairs: number; found: number }>();
    const bump = (k: string, found: boolean) => {
      const r = kindRows.get(k) ?? { pairs: 0, found: 0 };
      r.pairs++;
      if (found) r.found++;
      kindRows.set(k, r);
    };
    for (const [q, t] of gold) {
      const kq = kindOf(q);
      const kt = kindOf(t);
      const label = kq === 'source' ? kt : kt === 'source' ? kq : 'version↔version';
      bump(label, hitAt(q, t, threshold) !== undefined);
    }
    // precision of the hits returned for queries of each kind
    const kindPrecision = (k: string): number => {
      let tp = 0;
      let all = 0;
      for (const [q, hits] of results) {
        if (kindOf(q) !== k) continue; // no query is of kind version↔version: NaN there
        for (const h of hits) {
          if (h.score < threshold) continue;
          all++;
          if (groupOf(h.id) === groupOf(q)) tp++;
        }
      }
      return all ? tp / all : Number.NaN;
    };
    const byKind = [...VARIANT_KINDS, 'version↔version']
      .filter((k) => kindRows.has(k))
      .map((k) => {
        const r = kindRows.get(k)!;
        return { kind: k, ...r, recall: r.found / r.pairs, precision: kindPrecision(k) };
      });
    const copies = docs.filter((d) => d.kind === 'copy');
    const copiesAsDuplicates = {
      copies: copies.length,
      recognised: copies.filter((d) => {
        const s = storedAs.get(d.id);
        return s !== undefined && s !== d.id && groupOf(s) === d.group;
      }).length,
    };
    const collapsed = docs.filter((d) => {
      const s = storedAs.get(d.id);
      return s !== undefined && s !== d.id;
    }).length;

    // by language
    const langRows = new Map<string, { pairs: number; found: number; tp: number; all: number }>();
    const langOf = (id: string): string => byId.get(id)?.lang ?? 'und';
    for (const [q, t] of gold) {
      const r = langRows.get(langOf(q)) ?? { pairs: 0, found: 0, tp: 0, all: 0 };
      r.pairs++;
      if (hitAt(q, t, threshold)) r.found++;
      langRows.set(langOf(q), r);
    }
    for (const [q, hits] of results) {
      const r = langRows.get(langOf(q));
      if (!r) continue;
      for (const h of hits) {
        if (h.score < threshold) continue;
        r.all++;
        if (groupOf(h.id) === groupOf(q)) r.tp++;
      }
    }
    const byLanguage = [...langRows.entries()]
      .sort((a, b) => b[1].pairs - a[1].pairs)
      .map(([lang, r]) => ({
        lang,
        pairs: r.pairs,
        recall: r.found / r.pairs,
        precision: r.all ? r.tp / r.all : Number.NaN,
      }));

    const channels = { lshOnly: 0, termsOnly: 0, both: 0 };
    for (const [q, t] of gold) {
      const h = hitAt(q, t, threshold);
      if (!h) continue;
      const lsh = h.channels.includes('lsh');
      const terms = h.channels.includes('terms');
      if (lsh && terms) channels.both++;
      else if (lsh) channels.lshOnly++;
      else if (terms) channels.termsOnly++;
    }

    // ── default search (with rescoring) on a sample ──
    const nRescore = Math.min(stored.length, opts.rescoreQueries ?? 100);
    const step = Math.max(1, Math.floor(stored.length / Math.max(1, nRescore)));
    const rRetrieve: number[] = [];
    const rRescore: number[] = [];
    const rTotal: number[] = [];
    for (let i = 0; i < stored.length && rRescore.length < nRescore; i += step) {
      const t = stopwatch();
      const res = await corpus.search({ id: stored[i] });
      rTotal.push(t());
      rRetrieve.push(res.timing.retrieveMs);
      rRescore.push(res.timing.rescoreMs);
    }

    const report: RetrievalReport = {
      sources: corpusData.sources.length,
      docs: docs.length,
      stored: stored.length,
      duplicates: collapsed,
      failed,
      relatedSourcePairs: related.length,
      skippedSources: corpusData.skipped,
      threshold,
      atDefault,
      sweep,
      byKind,
      copiesAsDuplicates,
      byLanguage,
      channels,
      timing: {
        ingestSeconds: ingest.seconds,
        ingestPerSecond: docs.length / ingest.seconds,
        searchSeconds,
        retrieve: {
          n: retrieveMs.length,
          p50: percentile(retrieveMs, 0.5),
          p95: percentile(retrieveMs, 0.95),
          p99: percentile(retrieveMs, 0.99),
        },
        withRescore: {
          n: rRescore.length,
          retrieveP50: percentile(rRetrieve, 0.5),
          rescoreP50: percentile(rRescore, 0.5),
          rescoreP95: percentile(rRescore, 0.95),
          totalP50: percentile(rTotal, 0.5),
        },
      },
      db: opts.keep ? db : undefined,
    };
    printReport(report, log);
    return report;
  } finally {
    try {
      await corpus.close();
    } catch (err) {
      log(`  warning: closing the store failed: ${errorMessage(err)}`);
    }
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

function printReport(r: RetrievalReport, log: (line: string) => void): void {
  log(
    `\n  corpus retrieval: ${r.sources} SemEval sources → ${r.docs} documents (${r.stored} stored, ` +
      `${r.duplicates} exact duplicates, ${r.failed} failed); ${r.relatedSourcePairs} related source pairs`,
  );
  log(
    `  skipped sources: ${r.skippedSources.short} short, ${r.skippedSources.duplicate} repeated; ` +
      `ingest ${num(r.timing.ingestSeconds, 1)} s (${num(r.timing.ingestPerSecond, 0)} docs/s)`,
  );
  const a = r.atDefault;
  log(
    `\n  at the default threshold (score ≥ ${r.threshold}): recall ${pct(a.recall)}, precision ${pct(a.precision)} ` +
      `(adjusted for related sources ${pct(a.precisionAdjusted)}), F1 ${num(a.f1)}`,
  );
  log(
    table(
      ['threshold', 'recall', 'precision', 'adjusted', 'F1', 'TP', 'FP', 'FP related'],
      r.sweep.map((s) => [
        num(s.threshold, 2),
        pct(s.recall),
        pct(s.precision),
        pct(s.precisionAdjusted),
        num(s.f1),
        String(s.tp),
        String(s.fp),
        String(s.fpRelated),
      ]),
    ),
  );
  log('\n  by version kind (pairs with the source, both directions; precision of that kind’s queries)');
  log(
    table(
      ['kind', 'pairs', 'found', 'recall', 'precision'],
      r.byKind.map((k) => [k.kind, String(k.pairs), String(k.found), pct(k.recall), pct(k.precision)]),
    ),
  );
  log(
    `  copies stored as duplicates of their source: ${r.copiesAsDuplicates.recognised}/${r.copiesAsDuplicates.copies}`,
  );
  log(
    `  true positives by channel: LSH only ${r.channels.lshOnly}, key terms only ${r.channels.termsOnly}, both ${r.channels.both}`,
  );
  log('\n  by language');
  log(
    table(
      ['lang', 'pairs', 'recall', 'precision'],
      r.byLanguage.map((l) => [l.lang, String(l.pairs), pct(l.recall), pct(l.precision)]),
    ),
  );
  const t = r.timing;
  log(
    `\n  search, retrieval only: p50 ${ms(t.retrieve.p50)}, p95 ${ms(t.retrieve.p95)}, p99 ${ms(t.retrieve.p99)} ` +
      `(${t.retrieve.n} queries, ${num(t.searchSeconds, 1)} s)`,
  );
  log(
    `  search with default options (rescore top 5), ${t.withRescore.n} queries: retrieval p50 ${ms(t.withRescore.retrieveP50)}, ` +
      `rescoring p50 ${ms(t.withRescore.rescoreP50)} (p95 ${ms(t.withRescore.rescoreP95)}), total p50 ${ms(t.withRescore.totalP50)}`,
  );
}
