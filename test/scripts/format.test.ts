import { describe, expect, it } from 'vitest';
import { jsonSafe, mark, ms, num, pct, table } from '../../scripts/lib/format.js';

describe('format', () => {
  it('formats numbers and missing values', () => {
    expect(num(0.12345)).toBe('0.123');
    expect(num(Number.NaN)).toBe('—');
    expect(num(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(pct(0.5)).toBe('50.0%');
    expect(ms(3.456)).toBe('3.46 ms');
    expect(ms(1500)).toBe('1.50 s');
    expect(mark(true)).toBe('✓');
    expect(mark(false)).toBe('✗');
  });

  it('aligns tables', () => {
    const t = table(
      ['name', 'value'],
      [
        ['a', '1.0'],
        ['longer ✓', '10.25'],
      ],
    );
    expect(t.split('\n')).toEqual([
      '  name      value',
      '  ────────  ─────',
      '  a           1.0',
      '  longer ✓  10.25',
    ]);
  });

  it('makes JSON-safe copies', () => {
    expect(jsonSafe({ a: Number.NaN, b: [1, Number.POSITIVE_INFINITY] })).toEqual({ a: null, b: [1, null] });
  });
});
