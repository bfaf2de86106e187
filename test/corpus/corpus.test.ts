import { describe, expect, it } from 'vitest';
import { type AddOutcome, openCorpus } from '../../src/corpus/corpus.js';
import type { CorpusInput } from '../../src/corpus/types.js';

/** Invented wire copy: a few stories, some versions, and inputs the cleaning must change. */
function inputs(): CorpusInput[] {
  const base = [
    'The harbour authority in Vellmar said on Tuesday that the north pier will close for six weeks of repairs.',
    'Flooding cut the rail line between Ostrava and Brno, the operator said, with 1,200 passengers stranded.',
    'The city council of Lindqvist approved a budget of 48 million crowns for new tram lines on Monday.',
  ];
  const out: CorpusInput[] = [];
  base.forEach((text, s) => {
    out.push({ id: `wire-${s}`, text, published: `2025-03-0${s + 1}T08:00:00Z`, source: 'Wire' });
    out.push({
      id: `copy-${s}`,
      text: `${text} More details were expected later.`,
      published: `2025-03-0${s + 1}T10:00:00Z`,
    });
  });
  // Cleaning changes these texts: line endings, surrounding space, a decomposed accent.
  out.push({ id: 'crlf', text: '  First line of the report.\r\nSecond line, about the pier.\r\n  ' });
  out.push({ id: 'nfd', text: 'The cafe\u0301 on Vellmar quay reopened after the storm.' });
  out.push({ id: 'empty', text: '   ' });
  out.push({ id: 'again', text: base[0], published: '2025-03-01T08:00:00Z' });
  return out;
}

async function* slowly(items: CorpusInput[]): AsyncGenerator<CorpusInput> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

async function ingest(threads: boolean, source: 'array' | 'async' = 'array') {
  const corpus = await openCorpus({ db: ':memory:' });
  const outcomes: AddOutcome[] = [];
  const progress: number[] = [];
  const summary = await corpus.add(source === 'array' ? inputs() : slowly(inputs()), {
    batchSize: 3,
    threads,
    onOutcome: (o) => outcomes.push(o),
    onProgress: (p) => progress.push(p.processed),
  });
  const ids = inputs().map((i) => i.id as string);
  const stored = (await corpus.store.getArticles(ids)).map(({ addedAt: _a, key: _k, ...rest }) => rest);
  const hits = await corpus.search({ id: 'wire-1' }, { rescore: 0 });
  await corpus.close();
  return {
    summary: { ...summary, seconds: 0 },
    outcomes,
    progress,
    stored,
    hits: hits.hits.map((h) => h.id),
  };
}

describe('Corpus.add', () => {
  it('stores the same thing with and without the fingerprint thread, batch by batch', async () => {
    const [threaded, inline] = [await ingest(true), await ingest(false)];
    expect(threaded.summary).toEqual(inline.summary);
    expect(threaded.outcomes.map((o) => [o.id, o.status])).toEqual(
      inline.outcomes.map((o) => [o.id, o.status]),
    );
    expect(threaded.stored).toEqual(inline.stored);
    expect(threaded.hits).toEqual(inline.hits);
    expect(threaded.progress).toEqual([3, 6, 9, 10]);
  });

  it('takes an async iterable (a reader) the same as an array', async () => {
    const [fromArray, fromStream] = [await ingest(true), await ingest(true, 'async')];
    expect(fromStream.summary).toEqual(fromArray.summary);
    expect(fromStream.outcomes.map((o) => [o.id, o.status])).toEqual(
      fromArray.outcomes.map((o) => [o.id, o.status]),
    );
    expect(fromStream.stored).toEqual(fromArray.stored);
    expect(fromStream.progress).toEqual([3, 6, 9, 10]);
  });

  it('keeps every input in order: one failure, one duplicate, the rest added', async () => {
    const { summary, outcomes, stored } = await ingest(true);
    expect(summary).toMatchObject({ added: 8, duplicates: 1, failed: 1, unchanged: 0 });
    expect(outcomes.map((o) => o.id)).toEqual(inputs().map((i) => i.id));
    expect(outcomes.find((o) => o.id === 'empty')).toMatchObject({ status: 'failed' });
    expect(outcomes.find((o) => o.id === 'again')).toMatchObject({ status: 'duplicate', existing: 'wire-0' });
    const text = (id: string) => stored.find((a) => a.id === id)?.text;
    // Texts that cleaning changed come back cleaned; the others exactly as given.
    expect(text('crlf')).toBe('First line of the report.\nSecond line, about the pier.');
    expect(text('nfd')).toBe('The caf\u00e9 on Vellmar quay reopened after the storm.');
    expect(text('wire-2')).toBe(inputs()[4].text);
  });
});
