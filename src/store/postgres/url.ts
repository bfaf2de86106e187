/**
 * PostgreSQL store locations: a `postgres://` URL, whose `?schema=NAME` names the PostgreSQL
 * schema (namespace) that holds the store, so one database can hold several corpora.
 */

import { StorydiffError } from '../../errors.js';

/** The schema (namespace) a store lives in when the URL does not name one. */
export const DEFAULT_PG_SCHEMA = 'storydiff';

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The client URL, the schema, and the location to show (no password) of a `--db` URL; USAGE for
 * a URL that is not PostgreSQL's or names a schema that is not a plain identifier.
 *
 * @example
 * ```ts
 * parsePostgresUrl('postgres://u:pw@db/news?schema=wires');
 * // => { url: 'postgres://u:pw@db/news', schema: 'wires', location: 'postgres://u@db/news?schema=wires' }
 * ```
 */
export function parsePostgresUrl(raw: string): { url: string; schema: string; location: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new StorydiffError('USAGE', 'not a valid PostgreSQL URL', { source: '--db' });
  }
  if (!/^postgres(ql)?:$/.test(u.protocol)) {
    throw new StorydiffError('USAGE', 'a PostgreSQL URL starts with postgres:// or postgresql://', {
      source: '--db',
    });
  }
  const schema = u.searchParams.get('schema') ?? DEFAULT_PG_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new StorydiffError(
      'USAGE',
      `schema must be a plain identifier (letters, digits, _), got "${schema}"`,
      {
        source: '--db',
      },
    );
  }
  u.searchParams.delete('schema');
  const url = u.toString();
  const shown = new URL(url);
  shown.password = '';
  shown.searchParams.set('schema', schema);
  return { url, schema, location: shown.toString() };
}
