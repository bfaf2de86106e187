import type { Derivation } from '../compare/types.js';
import type { SearchHit, SearchResult } from '../corpus/corpus.js';
import { formatTime, md, mdTitleLink, pct, termText, timeText, wrap } from './format.js';
import { RELATION_LABEL } from './labels.js';
import { palette } from './terminal.js';

/** Options of {@link renderSearchTerminal}. */
export interface SearchTerminalOptions {
  /** Use ANSI colours. The CLI sets this from `process.stdout.isTTY` and `NO_COLOR`. Default false. */
  color?: boolean;
  /** Line width for wrapping summaries and reasons. Default 100. */
  width?: number;
}

/** Hit kinds, written as they are (anything else, from a hand-edited file, is escaped). */
const KINDS = new Set(['near-duplicate', 'same-story']);

const n2 = (x: number) => x.toFixed(2);

/**
 * The derivation of a rescored hit in the query's terms: the comparison ran with a = the query and
 * b = the hit, so `a->b` means the hit was derived from the query.
 *
 * @example
 * ```ts
 * hitDerivation({ direction: 'b->a', confidence: 0.8, reasons: [] }); // 'query derived from hit'
 * ```
 */
export function hitDerivation(d: Derivation): string {
  if (d.direction === 'a->b') return 'hit derived from query';
  if (d.direction === 'b->a') return 'query derived from hit';
  return 'unknown';
}

/** "hit derived from query (confidence 0.80): reason; reason" with the first `reasons` reasons. */
function derivationText(d: Derivation, reasons = 2): string {
  const r = d.reasons.slice(0, reasons);
  const more = d.reasons.length > reasons ? `; +${d.reasons.length - reasons} more` : '';
  return `${hitDerivation(d)} (confidence ${n2(d.confidence)})${r.length ? `: ${r.join('; ')}${more}` : ''}`;
}

function queryBits(q: SearchResult['query']): string[] {
  return [q.id !== undefined ? `id ${q.id}` : '', formatTime(q.published) ?? '', `${q.words} words`].filter(
    Boolean,
  );
}

function timing(r: SearchResult): string {
  return `retrieval ${Math.round(r.timing.retrieveMs)} ms · rescoring ${Math.round(r.timing.rescoreMs)} ms · ${r.candidates} candidate${r.candidates === 1 ? '' : 's'} considered`;
}

const rescored = (h: SearchHit) =>
  h.relation !== undefined ||
  h.similarity !== undefined ||
  h.containment !== undefined ||
  h.derivation !== undefined ||
  h.summary !== undefined;

/**
 * Renders a search result for a terminal: the query (id, title, date, words), then the ranked hits
 * with their retrieval scores (score, kind, Jaccard, cosine, key-term overlap, channels) and where
 * they are (id, title, source, date, URL); rescored hits add the relation, similarity, containment
 * both ways, which version derives from which, and the one-line summary. A timing line ends it.
 * Text from the store cannot emit escape codes: control characters are replaced.
 *
 * @example
 * ```ts
 * const result = await corpus.search({ id: 'wire-0412' });
 * process.stdout.write(renderSearchTerminal(result, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 * ```
 */
export function renderSearchTerminal(result: SearchResult, opts: SearchTerminalOptions = {}): string {
  const p = palette(opts.color ?? false);
  const width = opts.width ?? 100;
  const t = termText;
  const q = result.query;
  const out: string[] = [];
  out.push(
    `${p.bold('QUERY')}  ${q.title ? p.bold(t(q.title)) : p.dim('(untitled)')}  ${p.dim(`(${t(queryBits(q).join(' · '))})`)}`,
  );
  out.push('');
  if (!result.hits.length) {
    out.push(p.yellow('No versions found: nothing in the store scored high enough to be the same story.'));
  } else {
    out.push(p.bold(`${result.hits.length} HIT${result.hits.length === 1 ? '' : 'S'}`));
    const w = String(result.hits.length).length;
    const ind = ' '.repeat(w + 4);
    result.hits.forEach((h, i) => {
      const kind = h.kind === 'near-duplicate' ? p.yellow('near-duplicate') : p.cyan(t(h.kind));
      out.push('');
      out.push(
        `  ${String(i + 1).padStart(w)}  ${p.bold(n2(h.score))}  ${kind}  ${p.dim(`Jaccard ${n2(h.jaccard)} · cosine ${n2(h.cosine)} · key terms ${n2(h.keyTerms)} · ${t(h.channels.join('+')) || 'no channel'}`)}`,
      );
      out.push(`${ind}${p.bold(t(h.id))}${h.title ? `  ${t(h.title)}` : ''}`);
      const where = [h.source ? t(h.source) : '', formatTime(h.published) ?? 'undated', h.url ? t(h.url) : '']
        .filter(Boolean)
        .join(' · ');
      out.push(`${ind}${p.dim(t(where))}`);
      if (!rescored(h)) return;
      const rel = [
        h.relation ? p.bold(RELATION_LABEL[h.relation] ?? t(h.relation)) : '',
        h.similarity !== undefined ? `similarity ${n2(h.similarity)}` : '',
        h.containment
          ? `query in hit ${pct(h.containment.queryInHit)} / hit in query ${pct(h.containment.hitInQuery)}`
          : '',
      ].filter(Boolean);
      if (rel.length) out.push(`${ind}${rel.join(' · ')}`);
      if (h.derivation) out.push(wrap(t(`derivation: ${derivationText(h.derivation)}`).trim(), width, ind));
      if (h.summary) out.push(p.dim(wrap(t(h.summary).trim(), width, ind)));
    });
  }
  out.push('', p.dim(timing(result)));
  return `${out.join('\n')}\n`;
}

/**
 * Renders a search result as GitHub-flavoured Markdown: the query, a table of the ranked hits
 * (rank, score, kind, Jaccard, cosine, key terms, channels, id, title, source, date), then for the
 * rescored hits the relation, similarity, containment both ways, derivation and summary, and the
 * timing. All text from the store is escaped; only http(s) URLs become links.
 *
 * @example
 * ```ts
 * fs.writeFileSync('search.md', renderSearchMarkdown(await corpus.search({ id: 'wire-0412' })));
 * ```
 */
export function renderSearchMarkdown(result: SearchResult): string {
  const q = result.query;
  const o: string[] = [];
  o.push(`# storydiff search: ${q.title ? md(q.title) : q.id !== undefined ? md(q.id) : 'query'}`, '');
  o.push('| query | |', '|---|---|');
  if (q.id !== undefined) o.push(`| id | ${md(q.id)} |`);
  if (q.title) o.push(`| title | ${md(q.title)} |`);
  o.push(`| published | ${timeText(q.published, md) ?? 'undated'} |`);
  o.push(`| words | ${q.words} |`, '');
  if (!result.hits.length) {
    o.push(
      `**No versions found:** nothing in the store scored high enough to be the same story (${result.candidates} candidate${result.candidates === 1 ? '' : 's'} considered).`,
      '',
    );
  } else {
    o.push(`## ${result.hits.length} hit${result.hits.length === 1 ? '' : 's'}`, '');
    o.push(
      '| # | score | kind | Jaccard | cosine | key terms | channels | id | title | source | published |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    result.hits.forEach((h, i) => {
      o.push(
        `| ${i + 1} | ${n2(h.score)} | ${KINDS.has(h.kind) ? h.kind : md(h.kind)} | ${n2(h.jaccard)} | ${n2(h.cosine)} | ${n2(h.keyTerms)} | ${h.channels.map(md).join(', ')} | ${md(h.id)} | ${mdTitleLink(h.title, h.url)} | ${md(h.source ?? '')} | ${timeText(h.published, md) ?? 'undated'} |`,
      );
    });
    o.push('');
    const full = result.hits.map((h, i) => ({ h, i })).filter(({ h }) => rescored(h));
    if (full.length) {
      o.push('## Compared in full', '');
      for (const { h, i } of full) {
        o.push(`### ${i + 1}\\. ${h.title ? md(h.title) : md(h.id)}`, '');
        if (h.title) o.push(`- **id:** ${md(h.id)}`);
        if (h.relation) o.push(`- **relation:** ${md(RELATION_LABEL[h.relation] ?? h.relation)}`);
        if (h.similarity !== undefined) o.push(`- **similarity:** ${n2(h.similarity)}`);
        if (h.containment)
          o.push(
            `- **query in hit / hit in query:** ${pct(h.containment.queryInHit)} / ${pct(h.containment.hitInQuery)}`,
          );
        if (h.derivation) o.push(`- **derivation:** ${md(derivationText(h.derivation))}`);
        if (h.summary) o.push(`- **summary:** ${md(h.summary)}`);
        o.push('');
      }
    }
  }
  o.push(`_${md(timing(result))}_`, '');
  return o.join('\n');
}
