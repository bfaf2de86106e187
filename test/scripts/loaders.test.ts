import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeText,
  loadClough,
  loadMsrp,
  loadSemeval,
  loadStsb,
  loadWmt16,
  parseCloughIndex,
  splitCsvLine,
} from '../../scripts/lib/loaders.js';
import { dataFile, examplePair } from '../../scripts/lib/paths.js';

// All fixtures are invented here.
const dir = mkdtempSync(join(tmpdir(), 'storydiff-loaders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('MSRP', () => {
  it('reads the header and splits on tabs only (quotes are text)', () => {
    const p = write(
      'msrp.tsv',
      'Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n' +
        '1\t11\t12\tThe mayor called it "a fair deal", aides said.\t"A fair deal," the mayor said.\r\n' +
        '0\t13\t14\tRain fell on Tuesday.\tThe bridge opened in 1990.\r\n' +
        'oops\tbroken\n',
    );
    const { items, skipped } = loadMsrp(p);
    expect(skipped).toBe(1);
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      label: true,
      id1: '11',
      id2: '12',
      s1: 'The mayor called it "a fair deal", aides said.',
      s2: '"A fair deal," the mayor said.',
    });
    expect(items[1].label).toBe(false);
  });
});

describe('STS-B', () => {
  it('reads columns without quoting and ignores extra trailing columns', () => {
    const p = write(
      'sts.tsv',
      'main-news\theadlines\t2015\t0001\t3.800\tA "big" storm hits the coast\tStorm hits coast\n' +
        'main-forums\tanswers\t2016\t0002\t1.5\tx\ty\tsource one\tsource two\n' +
        'main-news\theadlines\t2015\t0003\tn/a\tbad\tscore\n',
    );
    const { items, skipped } = loadStsb(p);
    expect(skipped).toBe(1);
    expect(items).toEqual([
      {
        genre: 'main-news',
        file: 'headlines',
        year: '2015',
        id: '0001',
        score: 3.8,
        s1: 'A "big" storm hits the coast',
        s2: 'Storm hits coast',
      },
      { genre: 'main-forums', file: 'answers', year: '2016', id: '0002', score: 1.5, s1: 'x', s2: 'y' },
    ]);
  });
});

describe('SemEval', () => {
  it('reads pairs, null titles and the Overall score', () => {
    const lines = [
      {
        pair_id: '1_2',
        lang1: 'de',
        lang2: 'en',
        title1: null,
        title2: 'Title two',
        text1: 'Eins.',
        text2: 'Two.',
        scores: { Overall: 2.5, Entities: 1 },
        truncated: true,
      },
      { pair_id: '3_4', lang1: 'es', lang2: 'es', text1: '', text2: 'b', scores: {} },
    ];
    const p = write('semeval.jsonl', `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n`);
    const { items, skipped } = loadSemeval(p);
    expect(skipped).toBe(2);
    expect(items).toEqual([
      {
        id: '1_2',
        lang1: 'de',
        lang2: 'en',
        title1: undefined,
        title2: 'Title two',
        text1: 'Eins.',
        text2: 'Two.',
        overall: 2.5,
        truncated: true,
      },
    ]);
  });
});

describe('WMT16', () => {
  it('reads human and per-system segments', () => {
    const doc = {
      docid: 'paper.1',
      source_fi: [[1, 'Yksi.']],
      human_en: [
        [1, 'One.'],
        [2, 'Two.'],
      ],
      mt_en: {
        'sys/a': [
          [1, 'Uno.'],
          [2, 'Dos.'],
        ],
        'sys/b': [[1, 'Un.']],
      },
    };
    const p = write('wmt.jsonl', `${JSON.stringify(doc)}\n{"docid": "x"}\n`);
    const { items, skipped } = loadWmt16(p);
    expect(skipped).toBe(1);
    expect(items).toEqual([
      {
        id: 'paper.1',
        human: [
          [1, 'One.'],
          [2, 'Two.'],
        ],
        mt: {
          'sys/a': [
            [1, 'Uno.'],
            [2, 'Dos.'],
          ],
          'sys/b': [[1, 'Un.']],
        },
      },
    ]);
  });
});

describe('Clough–Stevenson', () => {
  it('parses CSV lines with quotes', () => {
    expect(splitCsvLine('a,"b, c","d ""e"""')).toEqual(['a', 'b, c', 'd "e"']);
    expect(parseCloughIndex('File,Task,Category\nx.txt,A,Cut\n')).toEqual([
      { file: 'x.txt', task: 'a', category: 'cut' },
    ]);
  });

  it('reads sources, answers and reports missing files', () => {
    const cs = join(dir, 'cs');
    mkdirSync(cs);
    writeFileSync(
      join(cs, 'file_information.csv'),
      'File,Task,Category\ng1_taska.txt,a,cut\ng2_taska.txt,a,non\ng3_taskb.txt,b,light\nsrc_a.txt,a,orig\ngone.txt,a,heavy\n',
    );
    writeFileSync(join(cs, 'src_a.txt'), 'Source text for task a.');
    writeFileSync(join(cs, 'g1_taska.txt'), 'Copied text.');
    // Windows-1252 bytes (0x93/0x94 curly quotes, 0xE9 é), not valid UTF-8
    writeFileSync(join(cs, 'g2_taska.txt'), Uint8Array.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94]));
    writeFileSync(join(cs, 'g3_taskb.txt'), 'Answer b.');
    const corpus = loadClough(cs);
    expect(corpus.sources.a).toBe('Source text for task a.');
    // no orig row for task b and no orig_taskb.txt
    expect(corpus.missing).toEqual(['orig_taskb.txt', 'gone.txt']);
    expect(corpus.answers.map((a) => [a.file, a.task, a.category])).toEqual([
      ['g1_taska.txt', 'a', 'cut'],
      ['g2_taska.txt', 'a', 'non'],
      ['g3_taskb.txt', 'b', 'light'],
    ]);
    expect(corpus.answers[1].text).toBe('“café”');
  });
});

describe('decodeText', () => {
  it('strips a BOM and normalises line ends', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFFa\r\nb\rc'))).toBe('a\nb\nc');
  });
});

describe('paths', () => {
  it('reports absent files', () => {
    expect(dataFile(dir, 'nope.tsv')).toEqual({ skipped: 'nope.tsv not found' });
    expect(dataFile(dir, 'msrp.tsv')).toEqual({ path: join(dir, 'msrp.tsv') });
  });

  it('finds the example pair in the pair folder or in its parent', () => {
    const ex = join(dir, 'examples', 'berlin');
    mkdirSync(ex, { recursive: true });
    writeFileSync(join(ex, 'wire.txt'), 'A.');
    writeFileSync(join(ex, 'retold.txt'), 'B.');
    const data = join(dir, 'eval');
    expect(examplePair(data, undefined)).toMatchObject({ wire: join(ex, 'wire.txt') });
    expect(examplePair(data, join(dir, 'examples'))).toMatchObject({ retold: join(ex, 'retold.txt') });
    expect(examplePair(data, ex)).toMatchObject({ dir: ex });
    expect(examplePair(data, join(dir, 'missing'))).toHaveProperty('skipped');
  });
});
