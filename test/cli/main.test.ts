import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { type Run, run, withoutColorVars } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STORIES = join(ROOT, 'test/fixtures/stories');
const WIRE = join(STORIES, 'port-wire.txt');
const RETOLD = join(STORIES, 'port-retold.txt');
const ESC = '\x1b[';

let dir = '';
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const json = (r: Run) => JSON.parse(r.stdout);
/** An error must be one short line naming the file, with no stack trace, and nothing on stdout. */
const expectCleanError = (r: Run, code: number, ...mustMention: (string | RegExp)[]) => {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^storydiff: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const m of mustMention) {
    if (typeof m === 'string') expect(r.stderr).toContain(m);
    else expect(r.stderr).toMatch(m);
  }
};

beforeAll(() => {
  // bin/storydiff loads dist/.
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'storydiff-cli-'));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('storydiff compare: bad input gives a clear error naming the file and a non-zero exit', () => {
  it('an empty file', async () => {
    const p = file('empty.txt', '');
    expectCleanError(await run(['compare', p, WIRE]), 65, p, /empty/);
  });

  it('a file of whitespace only', async () => {
    const p = file('blank.txt', '  \n\t \r\n   \n');
    expectCleanError(await run(['compare', WIRE, p]), 65, p, /whitespace|empty/);
  });

  it('a binary file (NUL bytes)', async () => {
    const p = file('photo.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a, 0x00, 0x41]));
    expectCleanError(await run(['compare', p, WIRE]), 65, p, /NUL|binary/);
  });

  it('a file that is not valid UTF-8', async () => {
    const p = file(
      'latin.txt',
      Buffer.concat([Buffer.from('The caf'), Buffer.from([0xe9]), Buffer.from(' reopened on Monday.\n')]),
    );
    expectCleanError(await run(['compare', WIRE, p]), 65, p, /UTF-8/);
  });

  it('a 50 MB file is refused as too large without hanging', async () => {
    const p = join(dir, 'huge.txt');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const r = await run(['compare', p, WIRE], { timeout: 30_000 });
    expectCleanError(r, 65, p, /over the limit/, /--max-bytes/);
  });

  it('a file that does not exist', async () => {
    const p = join(dir, 'no-such-story.txt');
    expectCleanError(await run(['compare', WIRE, p]), 66, p, /no such file/);
  });

  it('a directory', async () => {
    const p = join(dir, 'folder');
    mkdirSync(p, { recursive: true });
    expectCleanError(await run(['compare', p, WIRE]), 66, p, /directory/);
  });

  it('a --pairs file that does not exist', async () => {
    const p = join(dir, 'no-pairs.jsonl');
    expectCleanError(await run(['compare', '--pairs', p]), 66, p);
  });

  it('-o into a folder that does not exist: a usage error naming the file, not a crash', async () => {
    const out = join(dir, 'missing-folder', 'report.json');
    expectCleanError(await run(['compare', WIRE, RETOLD, '-f', 'json', '-o', out]), 64, out);
    expect(existsSync(out)).toBe(false);
  });

  it('-o into a folder that does not exist in batch mode: no unhandled error event', async () => {
    const pairs = file(
      'one.jsonl',
      `${JSON.stringify({ a: { text: 'The dam was opened.' }, b: { text: 'The dam opened.' } })}\n`,
    );
    const out = join(dir, 'missing-folder', 'results.jsonl');
    expectCleanError(await run(['compare', '--pairs', pairs, '-o', out]), 64, out);
  });
});

describe('storydiff compare: unusual but valid input gives a result', () => {
  it('an article with no punctuation at all', async () => {
    const words = 'river bridge council vote market farmers road storm school budget mayor city'.split(' ');
    const body = Array.from({ length: 150 }, (_, i) => words[(i * 7) % words.length]).join(' ');
    const a = file('nopunct-a.txt', body);
    const b = file('nopunct-b.txt', `${body} and the mayor thanked the farmers`);
    const r = await run(['compare', a, b, '-f', 'json']);
    expect(r.code).toBe(0);
    const c = json(r);
    expect(c.a.sentences.length).toBeGreaterThanOrEqual(1);
    expect(c.alignment.length).toBeGreaterThanOrEqual(1);
    expect(c.scores.containment.aInB).toBeGreaterThan(0.5);
  });

  it('a single sentence of 100,000 characters', async () => {
    const words = 'harbour crane cargo ship dock union wage strike port pilot tide berth'.split(' ');
    let s = 'The';
    for (let i = 0; s.length < 99_990; i++) s += ` ${words[(i * 5 + (i >> 3)) % words.length]}`;
    s = `${s.slice(0, 99_999).trimEnd()}.`;
    const p = file('long-sentence.txt', s);
    const r = await run(['compare', p, WIRE, '-f', 'json'], { timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const c = json(r);
    expect(c.a.words).toBeGreaterThan(10_000);
    expect(c.relation).toBeTypeOf('string');
  }, 150_000);

  it('right-to-left articles (Arabic and Hebrew)', async () => {
    const ar = file(
      'ar.txt',
      'افتتحت البلدية يوم الاثنين جسرا جديدا فوق النهر بعد خمس سنوات من البناء.\n\nوقال رئيس البلدية إن الجسر سيختصر وقت التنقل بين الضفتين إلى النصف.\n',
    );
    const he = file(
      'he.txt',
      'העירייה פתחה ביום שני גשר חדש מעל הנהר לאחר חמש שנות בנייה.\n\nראש העירייה אמר כי הגשר יקצר את זמן הנסיעה בין הגדות בחצי.\n',
    );
    const r = await run(['compare', ar, he, '-f', 'json']);
    expect(r.code).toBe(0);
    const c = json(r);
    expect(c.a.lang).toBe('ar');
    expect(c.b.lang).toBe('he');
    expect(c.a.sentences).toHaveLength(2);
    expect(c.b.sentences).toHaveLength(2);
    // The Arabic text survives intact into the output.
    expect(c.a.sentences[0].text).toContain('جسرا جديدا');
    const same = json(await run(['compare', ar, ar, '-f', 'json']));
    expect(same.relation).toBe('verbatim-copy');
  });

  it('a Chinese article and a lightly edited copy are aligned sentence by sentence', async () => {
    const zh = [
      '新的跨江大桥于周一正式通车，市长出席了开幕仪式。',
      '这座大桥全长两千米，耗资四十亿元，历时五年建成。',
      '交通部门表示，大桥将把两岸的通勤时间缩短一半。',
      '附近居民对新桥的开通表示欢迎，但也担心噪音问题。',
    ];
    const edited = [...zh];
    edited[0] = '新的跨江大桥于周一正式通车，市长出席了通车仪式。';
    edited[2] = '交通部门表示，大桥将把两岸的通勤时间缩短一半以上。';
    const a = file('zh-a.txt', zh.join('\n'));
    const b = file('zh-b.txt', edited.join('\n'));
    const r = await run(['compare', a, b, '-f', 'json']);
    expect(r.code).toBe(0);
    const c = json(r);
    expect(c.a.lang).toBe('zh');
    expect(c.a.sentences).toHaveLength(4);
    const pairs = c.alignment.map((l: { a: number[]; b: number[] }) => `${l.a.join('+')}-${l.b.join('+')}`);
    expect(pairs).toEqual(expect.arrayContaining(['0-0', '1-1', '2-2', '3-3']));
    expect(c.onlyA).toEqual([]);
    expect(c.onlyB).toEqual([]);
    expect(['verbatim-copy', 'edited-copy']).toContain(c.relation);
  });

  it('HTML with scripts and styles: their text never reaches any output format', async () => {
    const html = `<!doctype html><html><head><title>Ferry service resumes</title>
<script>var secret = "SCRIPT-HEAD-LEAK"; alert("SCRIPT-HEAD-LEAK");</script>
<style>body { color: red } /* STYLE-LEAK */</style></head>
<body><article>
<p>The ferry service between the two islands resumed on Wednesday after a week of storms.</p>
<script>document.write("SCRIPT-BODY-LEAK")</script>
<p>Operators said the first crossing carried more than two hundred passengers.</p>
<noscript>NOSCRIPT-LEAK</noscript>
<p onclick="alert('HANDLER-LEAK')">Timetables will return to normal by the weekend.</p>
</article></body></html>`;
    const a = file('ferry.html', html);
    const b = file('ferry.txt', 'The ferry service between the islands resumed on Wednesday after storms.\n');
    for (const format of ['terminal', 'json', 'md']) {
      const r = await run(['compare', a, b, '-f', format]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('ferry');
      expect(r.stdout).not.toMatch(/LEAK|alert|document\.write|color: red/);
    }
  });
});

describe('storydiff compare: stdin', () => {
  it('reads one side from stdin with -', async () => {
    const text = readFileSync(WIRE, 'utf8');
    const r = await run(['compare', '-', RETOLD, '-f', 'json'], { input: text });
    expect(r.code).toBe(0);
    const c = json(r);
    expect(c.a.source).toBe('stdin');
    const fromFile = json(await run(['compare', WIRE, RETOLD, '-f', 'json']));
    expect(c.relation).toBe(fromFile.relation);
    expect(c.alignment.length).toBe(fromFile.alignment.length);
  });

  it('refuses - for both sides with a usage error', async () => {
    const r = await run(['compare', '-', '-'], { input: 'The dam was opened.' });
    expectCleanError(r, 64, /stdin/);
  });

  it('reports empty stdin as empty, naming stdin', async () => {
    expectCleanError(await run(['compare', '-', WIRE], { input: '' }), 65, 'stdin', /empty/);
  });
});

describe('storydiff compare: output formats and options', () => {
  it('--format json is the comparison@1 document', async () => {
    const r = await run(['compare', WIRE, RETOLD, '--format', 'json']);
    expect(r.code).toBe(0);
    const c = json(r);
    expect(c.schema).toBe('storydiff/comparison@1');
    expect(c.a.source).toBe(WIRE);
    expect(c.b.source).toBe(RETOLD);
    expect(c.alignment.length).toBeGreaterThan(5);
  });

  it('--format md has a title and section headings', async () => {
    const r = await run(['compare', WIRE, RETOLD, '--format', 'md']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^# storydiff: /);
    expect(lines).toContain('## Alignment');
    expect(lines).toContain('## Dimensions');
    expect(r.stdout).not.toContain(ESC);
  });

  it('no ANSI escapes when stdout is not a terminal', async () => {
    const r = await run(['compare', WIRE, RETOLD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/similarity/);
    expect(r.stdout).not.toContain(ESC);
  });

  it('no ANSI escapes with NO_COLOR=1', async () => {
    const r = await run(['compare', WIRE, RETOLD], { env: withoutColorVars({ NO_COLOR: '1' }) });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(ESC);
  });

  it('--color forces ANSI escapes even into a pipe', async () => {
    const r = await run(['compare', '--color', WIRE, RETOLD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(ESC);
  });

  it('--no-color wins over nothing', async () => {
    const r = await run(['compare', '--no-color', WIRE, RETOLD]);
    expect(r.stdout).not.toContain(ESC);
  });

  it('-o writes the report to the file and nothing to stdout', async () => {
    const out = join(dir, 'report.json');
    const r = await run(['compare', WIRE, RETOLD, '-f', 'json', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const c = JSON.parse(readFileSync(out, 'utf8'));
    expect(c.schema).toBe('storydiff/comparison@1');
  });

  it('-o with --color still writes no escapes into the file', async () => {
    const out = join(dir, 'report.txt');
    const r = await run(['compare', '--color', WIRE, RETOLD, '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain(ESC);
  });

  it('--title-a and --title-b show up in the JSON', async () => {
    const r = await run([
      'compare',
      WIRE,
      RETOLD,
      '-f',
      'json',
      '--title-a',
      'Port strike: end in sight',
      '--title-b',
      'Strike may end soon',
    ]);
    const c = json(r);
    expect(c.a.title).toBe('Port strike: end in sight');
    expect(c.b.title).toBe('Strike may end soon');
  });

  it('--date-a/--date-b feed the derivation', async () => {
    const c = json(
      await run(['compare', WIRE, RETOLD, '-f', 'json', '--date-a', '2024-03-10', '--date-b', '2024-03-11']),
    );
    expect(c.a.date).toBe('2024-03-10');
    expect(c.derivation.reasons.join(' ')).toMatch(/a was published first/);
  });

  it('an unknown option is a usage error (exit 64)', async () => {
    const r = await run(['compare', '--frobnicate', WIRE, RETOLD]);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option/);
  });

  it('a bad --format value is a usage error (exit 64)', async () => {
    const r = await run(['compare', '--format', 'xml', WIRE, RETOLD]);
    expect(r.code).toBe(64);
  });

  it('a bad --max-bytes is a usage error (exit 64)', async () => {
    expectCleanError(await run(['compare', '--max-bytes', 'lots', WIRE, RETOLD]), 64, /--max-bytes/);
  });

  it('--max-bytes lowers the limit, naming the file', async () => {
    expectCleanError(await run(['compare', '--max-bytes', '100', WIRE, RETOLD]), 65, WIRE, /over the limit/);
  });

  it('compare with one file only is a usage error', async () => {
    expectCleanError(await run(['compare', WIRE]), 64);
  });

  it('--version prints the package.json version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

describe('storydiff compare --pairs', () => {
  const good = (id: string) =>
    JSON.stringify({
      id,
      a: { text: 'The council approved the harbour budget on Monday after a long debate.' },
      b: { text: 'After a long debate, the council approved the harbour budget on Monday.' },
    });

  it('writes one line per input line, in order, with errors for the bad lines', async () => {
    // A relative path in a pairs line is read from the pairs file's folder.
    file('wire.txt', readFileSync(WIRE));
    const lines = [
      JSON.stringify({ id: 'first', a: { path: 'wire.txt' }, b: { path: RETOLD } }),
      '{"id": "broken", "a": {"text": "no closing brace"}',
      JSON.stringify({ id: 'no-b', a: { text: 'Only one side is given here.' } }),
      JSON.stringify({ id: 'ghost', a: { path: 'ghost.txt' }, b: { text: 'The dam was opened.' } }),
      good('last'),
    ];
    const pairs = file('mixed.jsonl', `${lines.join('\n')}\n`);
    const r = await run(['compare', '--pairs', pairs], { timeout: 30_000 });
    expect(r.code).not.toBe(0);
    expect(r.code).toBe(65);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(lines.length);
    const recs = out.map((l) => JSON.parse(l));
    expect(recs.map((x) => x.schema)).toEqual([
      'storydiff/comparison@1',
      'storydiff/error@1',
      'storydiff/error@1',
      'storydiff/error@1',
      'storydiff/comparison@1',
    ]);
    expect(recs[0].id).toBe('first');
    expect(recs[0].alignment.length).toBeGreaterThan(5);
    expect(recs[4].id).toBe('last');
    expect(recs[4].alignment.length).toBeGreaterThanOrEqual(1);
    expect(recs[1].line).toBe(2);
    expect(recs[2].line).toBe(3);
    expect(recs[3].line).toBe(4);
    expect(recs[2].id).toBe('no-b');
    expect(recs[3].id).toBe('ghost');
    expect(recs[1].error.code).toBe('INPUT_INVALID');
    expect(recs[2].error.code).toBe('INPUT_INVALID');
    expect(recs[3].error.code).toBe('INPUT_NOT_FOUND');
    // Each message names the pairs file and the line; the missing article is named too.
    expect(recs[1].error.message).toContain(`${pairs} line 2`);
    expect(recs[2].error.message).toContain(`${pairs} line 3`);
    expect(recs[2].error.message).toMatch(/"b"/);
    expect(recs[3].error.message).toContain(`${pairs} line 4`);
    expect(recs[3].error.message).toContain('ghost.txt');
    expect(r.stderr).toContain(`${pairs} line 2`);
    expect(r.stderr).toMatch(/2 of 5 pairs compared, 3 failed/);
  });

  it('exits 0 when every line is good', async () => {
    const pairs = file('good.jsonl', `${good('one')}\n${good('two')}\n`);
    const r = await run(['compare', '--pairs', pairs]);
    expect(r.code).toBe(0);
    const recs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(recs.map((x) => x.id)).toEqual(['one', 'two']);
    expect(recs.every((x) => x.schema === 'storydiff/comparison@1')).toBe(true);
  });

  it('-o writes the batch to a file', async () => {
    const pairs = file('good2.jsonl', `${good('one')}\n`);
    const out = join(dir, 'results.jsonl');
    const r = await run(['compare', '--pairs', pairs, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8').trim()).id).toBe('one');
  });

  it('refuses --pairs together with two files', async () => {
    const pairs = file('good3.jsonl', `${good('one')}\n`);
    expectCleanError(await run(['compare', '--pairs', pairs, WIRE, RETOLD]), 64, /--pairs/);
  });
});
