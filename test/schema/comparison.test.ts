import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_RECORD_SCHEMA } from '../../src/cli/main.js';
import {
  COMPARISON_SCHEMA,
  type Comparison,
  compare,
  compareWithEncoder,
  type Encoder,
  ERROR_CODES,
} from '../../src/index.js';
import { ensureBuilt } from '../helpers/build.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/stories', name), 'utf8');
const loadSchema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schema', name), 'utf8'));

const comparisonSchema = loadSchema('comparison.schema.json');
const errorSchema = loadSchema('error.schema.json');

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validateComparison = ajv.compile(comparisonSchema);
const validateError = ajv.compile(errorSchema);

const explain = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');

/** Validates a value as it would be published: through JSON, so undefined fields disappear. */
function check(validate: ValidateFunction, value: unknown): string {
  const ok = validate(JSON.parse(JSON.stringify(value)));
  return ok ? '' : explain(validate.errors);
}

const wire = fixture('port-wire.txt');
const retold = fixture('port-retold.txt');
const unrelated = fixture('unrelated.txt');

/** A deterministic toy encoder (letter counts), to exercise the embedding path. */
const toyEncoder: Encoder = {
  name: 'toy-letters',
  dim: 26,
  async encode(texts: string[]) {
    return texts.map((t) => {
      const v = new Float32Array(26);
      for (const ch of t.toLowerCase()) {
        const k = ch.charCodeAt(0) - 97;
        if (k >= 0 && k < 26) v[k]++;
      }
      return v;
    });
  },
};

describe('schema/comparison.schema.json', () => {
  it('is pinned to the published format id', () => {
    expect(comparisonSchema.properties.schema.const).toBe(COMPARISON_SCHEMA);
    expect(comparisonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(comparisonSchema.$id).toMatch(/comparison@1/);
  });

  const cases: [string, () => Comparison | Promise<Comparison>][] = [
    ['wire vs retold', () => compare({ text: wire, source: 'wire' }, { text: retold, source: 'retold' })],
    ['wire vs itself', () => compare(wire, wire)],
    ['wire vs unrelated', () => compare(wire, unrelated)],
    ['retold vs wire (reversed)', () => compare(retold, wire, { id: 'rev-1' })],
    [
      'a tiny pair with no quotes, names or numbers',
      () =>
        compare(
          'the river rose slowly through the night.\n\nby morning the low fields were under water and the road was closed.',
          'by morning the low fields were flooded.\n\nthe river had risen slowly through the night and the road was shut.',
          { id: 7 },
        ),
    ],
    [
      'a tiny German pair (lang de) with full metadata',
      () =>
        compare(
          {
            text: 'BERLIN: Die Bahn hat am Montag 300 neue Züge bestellt. „Das ist ein guter Tag für Reisende“, sagte Vorständin Klara Weißenberg.',
            lang: 'de',
            title: 'Bahn bestellt Züge',
            date: '2024-05-06',
            byline: 'dpa',
            source: 'agentur',
          },
          {
            text: 'Die Bahn bestellt 350 neue Züge. Vorständin Klara Weissenberg sprach von einem guten Tag für Reisende.',
            lang: 'de',
            date: '2024-05-07',
            source: 'blog',
          },
        ),
    ],
    ['wire vs retold with a sentence encoder', () => compareWithEncoder(wire, retold, toyEncoder)],
  ];

  for (const [name, make] of cases) {
    it(`accepts the real output: ${name}`, async () => {
      const cmp = await make();
      expect(check(validateComparison, cmp)).toBe('');
    });
  }

  it('the tiny plain pair really has no quotes, numbers or name changes', () => {
    const cmp = compare(
      'the river rose slowly through the night.',
      'the river had risen slowly through the night.',
    );
    expect(cmp.quotes).toEqual([]);
    expect(cmp.changes.filter((c) => c.kind !== 'negation')).toEqual([]);
    expect(check(validateComparison, cmp)).toBe('');
  });

  describe('rejects drift', () => {
    const good = (): Record<string, unknown> =>
      JSON.parse(JSON.stringify(compare({ text: wire }, { text: retold })));
    const mutations: [string, (c: Record<string, unknown>) => void][] = [
      ['an unknown relation', (c) => (c.relation = 'near-copy')],
      ['a missing alignment', (c) => delete c.alignment],
      ['another schema version', (c) => (c.schema = 'storydiff/comparison@2')],
      ['an unknown top-level field', (c) => (c.extra = true)],
      ['a semeval score off its 1..4 scale', (c) => ((c.scores as Comparison['scores']).semeval = 0)],
      ['an overall score above 1', (c) => ((c.scores as Comparison['scores']).overall = 1.2)],
      ['an unknown link type', (c) => ((c.alignment as Record<string, unknown>[])[0].type = 'reordered')],
      ['a negative sentence index', (c) => ((c.onlyA as number[])[0] = -1)],
      [
        'an only-a quote carrying a b side',
        (c) => {
          const q = (c.quotes as Record<string, unknown>[]).find((x) => x.relation === 'reworded')!;
          q.relation = 'only-a';
        },
      ],
      ['an unknown change kind', (c) => ((c.changes as Record<string, unknown>[])[0].kind = 'tone')],
      [
        'a derivation direction spelt differently',
        (c) => ((c.derivation as Record<string, unknown>).direction = 'a-to-b'),
      ],
      [
        'a sentence missing its offsets',
        (c) =>
          delete ((c.a as Comparison['a']).sentences[0] as Partial<Comparison['a']['sentences'][0]>).start,
      ],
      ['an entity of unknown kind', (c) => ((c.entities as Record<string, unknown>[])[0].kind = 'animal')],
    ];
    it('accepts the unmutated object', () => {
      expect(check(validateComparison, good())).toBe('');
    });
    for (const [name, mutate] of mutations) {
      it(`rejects ${name}`, () => {
        const c = good();
        mutate(c);
        expect(validateComparison(c)).toBe(false);
      });
    }
  });
});

/** Every object property a schema declares, with its JSON pointer. */
function* declaredProperties(node: unknown, path = '#'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* declaredProperties(node[i], `${path}/${i}`);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.properties === 'object' && obj.properties !== null) {
    for (const [key, sub] of Object.entries(obj.properties as Record<string, Record<string, unknown>>)) {
      yield [`${path}/properties/${key}`, sub];
    }
  }
  for (const [key, sub] of Object.entries(obj)) {
    if (key === 'const' || key === 'enum' || key === 'required') continue;
    yield* declaredProperties(sub, `${path}/${key}`);
  }
}

describe.each([
  ['comparison.schema.json', comparisonSchema],
  ['error.schema.json', errorSchema],
])('%s documentation', (_name, schema) => {
  it('has a title and description', () => {
    expect(schema.title).toEqual(expect.any(String));
    expect(schema.description).toEqual(expect.any(String));
  });

  it('describes every property', () => {
    const props = [...declaredProperties(schema)];
    expect(props.length).toBeGreaterThan(3);
    const missing = props
      .filter(([, sub]) => typeof sub.description !== 'string' || sub.description.trim().length < 3)
      .map(([p]) => p);
    expect(missing).toEqual([]);
  });

  it('describes every definition', () => {
    const missing = Object.entries((schema.$defs ?? {}) as Record<string, Record<string, unknown>>)
      .filter(([, sub]) => typeof sub.description !== 'string')
      .map(([k]) => k);
    expect(missing).toEqual([]);
  });
});

describe('schema/error.schema.json', () => {
  const cli = join(ROOT, 'bin/storydiff');
  let dir = '';

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'storydiff-schema-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('is pinned to the batch error record id', () => {
    expect(errorSchema.properties.schema.const).toBe(ERROR_RECORD_SCHEMA);
  });

  it('lists exactly the error codes of the catalogue', () => {
    expect([...errorSchema.properties.error.properties.code.enum].sort()).toEqual(
      Object.keys(ERROR_CODES).sort(),
    );
  });

  it('accepts the error records of a batch run with bad lines', () => {
    const pairs = join(dir, 'pairs.jsonl');
    const lines = [
      JSON.stringify({
        id: 'ok',
        a: { text: 'The council approved the budget on Monday.' },
        b: { text: 'On Monday the council approved its budget.' },
      }),
      '{"id": "broken", "a": {"text": "no closing brace"}',
      JSON.stringify({ id: 'one-sided', a: { text: 'Only one side is given here.' } }),
      JSON.stringify({ a: { path: 'missing-file.txt' }, b: { text: 'Some text.' } }),
    ];
    writeFileSync(pairs, `${lines.join('\n')}\n`);
    const run = spawnSync(process.execPath, [cli, 'compare', '--pairs', pairs], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(65);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(lines.length);
    const errors = records.filter((r) => r.schema === ERROR_RECORD_SCHEMA);
    expect(errors.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(errors.map((r) => r.error.code)).toEqual(['INPUT_INVALID', 'INPUT_INVALID', 'INPUT_NOT_FOUND']);
    for (const r of errors) expect(check(validateError, r)).toBe('');
    const comparisons = records.filter((r) => r.schema === COMPARISON_SCHEMA);
    expect(comparisons).toHaveLength(1);
    // Only its id is checked here: dist/ may lag behind src/ while it is being edited, and the
    // library's own output is validated above.
    expect(comparisons[0].id).toBe('ok');
  });

  it('rejects a record with an unknown code or a missing line', () => {
    const record = {
      schema: ERROR_RECORD_SCHEMA,
      id: 3,
      line: 3,
      error: { code: 'INPUT_EMPTY', message: 'x' },
    };
    expect(check(validateError, record)).toBe('');
    expect(validateError({ ...record, error: { code: 'OOPS', message: 'x' } })).toBe(false);
    const { line: _line, ...noLine } = record;
    expect(validateError(noLine)).toBe(false);
    expect(validateError({ ...record, line: 0 })).toBe(false);
  });
});
