import { describe, expect, it } from 'vitest';
import { factLabel } from '../../src/report/fact-label.js';
import { fact } from '../extract/fact-helpers.js';

describe('factLabel', () => {
  it('shows the reading when the text does not say it', () => {
    expect(factLabel(fact('It took a fortnight.', 'a fortnight'))).toBe('a fortnight (2 weeks)');
    expect(factLabel(fact('It cost $2.5bn.', '$2.5bn'))).toBe('$2.5bn (USD 2.5 billion)');
    expect(factLabel(fact('It began on Thursday.', 'Thursday'))).toBe('Thursday');
    expect(factLabel(fact('It ended two days later.', 'two days later'))).toBe(
      'two days later (2 days after)',
    );
    expect(factLabel(fact('Er kam am Donnerstag.', 'Donnerstag', 'de'))).toBe('Donnerstag (Thursday)');
    expect(factLabel(fact('Dozens of people fled.', 'Dozens of people'))).toBe('Dozens of people');
  });
});
