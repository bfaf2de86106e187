import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const story = (name: string) => readFileSync(join(ROOT, 'test/fixtures/stories', name), 'utf8');

const comparisonSchema = JSON.parse(readFileSync(join(ROOT, 'schema/comparison.schema.json'), 'utf8'));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(comparisonSchema);

/** Problems that make `value` invalid against the published comparison schema ('' when valid). */
export function comparisonProblems(value: unknown): string {
  if (validate(value)) return '';
  return (validate.errors ?? [])
    .map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)
    .join('\n');
}

/** POSTs a JSON body (a string is sent as is) with optional extra headers. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Asserts a JSON error response: status, catalogue code, a non-empty message, security headers. */
export async function expectError(res: Response, status: number, code: string): Promise<string> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expectSecurityHeaders(res);
  return body.error.message;
}

/** The headers every response must carry. */
export function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
}

/** Small invented articles. */
export const SMALL_A =
  'The town council approved the harbour budget on Monday. "It is a fair plan," said Mayor Ilse Varga.';
export const SMALL_B =
  'On Monday the harbour budget was approved by the town council. Mayor Ilse Varga called the plan fair.';

/**
 * A large but legal article (about 50,000 characters): many sentences sharing a small vocabulary,
 * which makes every sentence a candidate for every other, so comparing two takes a second or more.
 */
export function slowArticle(seed: number, sentences = 500): string {
  const words =
    'harbour council budget mayor strike port workers union talks minister ferry bridge river tax school hospital police court'.split(
      ' ',
    );
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const w: string[] = [];
    for (let k = 0; k < 10; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      w.push(words[x % words.length]);
    }
    out.push(`Sentence ${i} says the ${w.join(' ')} met on day ${i % 28}.`);
  }
  return out.join(' ');
}
