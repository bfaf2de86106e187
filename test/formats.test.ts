import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_SCHEMA as CLI_EXPORT_SCHEMA } from '../src/cli/corpus.js';
import { ERROR_RECORD_SCHEMA as CLI_ERROR_RECORD_SCHEMA } from '../src/cli/main.js';
import * as formats from '../src/formats.js';
import * as root from '../src/index.js';
import { CORPUS_ADD_SCHEMA, STATS_SCHEMA } from '../src/server/corpus-schemas.js';
import { ROOT } from './helpers/build.js';

describe('format ids', () => {
  const ids = Object.entries(formats);

  it('are storydiff/<name>@<major>, one per format', () => {
    for (const [name, id] of ids) expect(id, name).toMatch(/^storydiff\/[a-z][a-z-]*@[1-9]\d*$/);
    expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
  });

  it('are the same values under the names the owning modules always exported', () => {
    for (const [name, id] of ids) expect((root as Record<string, unknown>)[name], name).toBe(id);
    expect(CLI_EXPORT_SCHEMA).toBe(formats.EXPORT_SCHEMA);
    expect(CLI_ERROR_RECORD_SCHEMA).toBe(formats.ERROR_RECORD_SCHEMA);
    expect([CORPUS_ADD_SCHEMA, STATS_SCHEMA]).toEqual([formats.CORPUS_ADD_SCHEMA, formats.STATS_SCHEMA]);
  });

  it('are the ids the published JSON schemas pin', () => {
    const known = new Set<string>(ids.map(([, id]) => id));
    for (const f of readdirSync(join(ROOT, 'schema'))) {
      const pinned = readFileSync(join(ROOT, 'schema', f), 'utf8').match(/storydiff\/[a-z-]+@\d+/g) ?? [];
      for (const id of pinned) expect(known.has(id), `${f}: ${id}`).toBe(true);
    }
  });
});
