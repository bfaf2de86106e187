import { describe, expect, it } from 'vitest';
import { formatTime, httpUrl } from '../../src/report/format.js';

describe('helpers', () => {
  it('formats times in UTC and passes unreadable ones through', () => {
    expect(formatTime('2024-03-05T09:30:00.000Z')).toBe('2024-03-05 09:30');
    expect(formatTime('2024-03-05T09:30:00+02:00')).toBe('2024-03-05 07:30');
    expect(formatTime('2024-03-05')).toBe('2024-03-05');
    expect(formatTime('2024-03-05T09:30')).toBe('2024-03-05 09:30');
    expect(formatTime('soon')).toBe('soon');
    expect(formatTime(undefined)).toBeUndefined();
  });

  it('accepts only http(s) URLs', () => {
    expect(httpUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(httpUrl('HTTP://Example.org')).toBe('http://example.org/');
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      '/relative',
      'nope',
      '',
    ])
      expect(httpUrl(bad)).toBeUndefined();
  });
});
