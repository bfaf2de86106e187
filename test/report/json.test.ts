import { describe, expect, it } from 'vitest';
import { COMPARISON_SCHEMA } from '../../src/compare/types.js';
import { renderJson } from '../../src/report/json.js';
import { hostileComparison, portComparison } from './helpers.js';

describe('renderJson', () => {
  it('round-trips: parsing the output gives back the same comparison', () => {
    for (const c of [portComparison(), hostileComparison()]) {
      const back = JSON.parse(renderJson(c));
      // Strict: no property may be undefined, NaN or Infinity (JSON would drop or change it).
      expect(back).toStrictEqual(c);
      expect(back.schema).toBe(COMPARISON_SCHEMA);
    }
  });

  it('is pretty by default and one line with pretty: false', () => {
    const c = portComparison();
    expect(renderJson(c).split('\n').length).toBeGreaterThan(10);
    const line = renderJson(c, { pretty: false });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toStrictEqual(c);
  });

  it('keeps hostile text as plain strings', () => {
    const c = hostileComparison();
    const back = JSON.parse(renderJson(c, { pretty: false }));
    expect(back.a.sentences[0].text).toContain('<script>alert("pwned")</script>');
  });
});
