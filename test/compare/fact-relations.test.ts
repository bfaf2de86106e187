import { describe, expect, it } from 'vitest';
import { relateFacts } from '../../src/compare/fact-relations.js';
import { fact } from '../extract/fact-helpers.js';

describe('relateFacts', () => {
  const rel = (ta: string, sa: string, tb: string, sb: string, lang = 'en') =>
    relateFacts(fact(ta, sa, lang), fact(tb, sb, lang));

  it('finds "the past few weeks" vs "the past two weeks" vaguer or more precise', () => {
    const few = 'Prices rose over the past few weeks.';
    const two = 'Prices rose over the past two weeks.';
    expect(rel(few, 'the past few weeks', two, 'the past two weeks')).toBe('more-precise');
    expect(rel(two, 'the past two weeks', few, 'the past few weeks')).toBe('vaguer');
  });

  it('finds "12" vs "a dozen" rephrased and identical text equal', () => {
    expect(rel('Police held 12.', '12', 'Police held a dozen.', 'a dozen')).toBe('rephrased');
    expect(rel('Police held 12.', '12', 'Officers detained 12.', '12')).toBe('equal');
    expect(rel('It took two weeks.', 'two weeks', 'It took 2 weeks.', '2 weeks')).toBe('rephrased');
    expect(rel('It lasted 48 hours.', '48 hours', 'It lasted two days.', 'two days')).toBe('rephrased');
    expect(rel('It lasted 10 years.', '10 years', 'It lasted a decade.', 'a decade')).toBe('rephrased');
  });

  it('finds changed amounts, weekdays and years', () => {
    expect(
      rel('Aid of $2.5 billion came.', '$2.5 billion', 'Aid of $1.8 billion came.', '$1.8 billion'),
    ).toBe('changed');
    expect(rel('They met on Thursday.', 'Thursday', 'They met on Friday.', 'Friday')).toBe('changed');
    expect(rel('It began in 2015.', '2015', 'It began in 2016.', '2016')).toBe('changed');
    expect(rel('It rose 10%.', '10%', 'It rose 12 percent.', '12 percent')).toBe('changed');
    expect(rel('Five goals were scored.', 'Five goals', 'Six goals were scored.', 'Six goals')).toBe(
      'changed',
    );
    expect(rel('It ended last week.', 'last week', 'It ended this week.', 'this week')).toBe('changed');
    expect(
      rel('It ended two days later.', 'two days later', 'It ended three days later.', 'three days later'),
    ).toBe('changed');
  });

  it('finds approximations vaguer and the reverse more precise', () => {
    expect(rel('Police held 12.', '12', 'Police held about 12.', 'about 12')).toBe('vaguer');
    expect(rel('Police held about 12.', 'about 12', 'Police held 12.', '12')).toBe('more-precise');
    expect(
      rel('Aid of $2.5 billion.', '$2.5 billion', 'Aid of nearly $2.5 billion.', 'nearly $2.5 billion'),
    ).toBe('vaguer');
    expect(rel('It took two weeks.', 'two weeks', 'It took a few weeks.', 'a few weeks')).toBe('vaguer');
    expect(rel('It was 1995.', '1995', 'It was the 1990s.', '1990s')).toBe('vaguer');
    expect(rel('It began in June.', 'June', 'It began on June 3.', 'June 3')).toBe('more-precise');
    expect(rel('It began on June 3, 2021.', 'June 3, 2021', 'It began in June 2021.', 'June 2021')).toBe(
      'vaguer',
    );
    expect(rel('They met on Thursday.', 'Thursday', 'They met on Thursday night.', 'Thursday night')).toBe(
      'more-precise',
    );
    expect(rel('Shots at 15:00 GMT.', '15:00 GMT', 'Shots at 3 p.m.', '3 p.m.')).toBe('vaguer');
  });

  it('keeps qualifier clashes apart from rewordings', () => {
    expect(rel('Nearly 40 boats.', 'Nearly 40 boats', 'Almost 40 boats.', 'Almost 40 boats')).toBe(
      'rephrased',
    );
    expect(rel('At least 5 vans.', 'At least 5 vans', 'Up to 5 vans.', 'Up to 5 vans')).toBe('changed');
  });

  it('compares across units and time zones', () => {
    expect(rel('A 40 km drive.', '40 km', 'A 25 miles drive.', '25 miles')).toBe('rephrased');
    expect(rel('A 40 km drive.', '40 km', 'A 60 miles drive.', '60 miles')).toBe('changed');
    expect(rel('At 15:00 GMT.', '15:00 GMT', 'At 16:00 CET.', '16:00 CET')).toBe('rephrased');
    expect(rel('At 15:00 GMT.', '15:00 GMT', 'At 17:00 CET.', '17:00 CET')).toBe('changed');
  });

  it('finds translated facts rephrased', () => {
    const a = fact('The deal was worth $2.5 billion.', '$2.5 billion');
    const b = fact('Das Geschäft war 2,5 Milliarden Dollar wert.', '2,5 Milliarden Dollar', 'de');
    expect(relateFacts(a, b)).toBe('rephrased');
    const c = fact('Talks resumed on Thursday.', 'Thursday');
    const d = fact('Las conversaciones se reanudaron el jueves.', 'jueves', 'es');
    expect(relateFacts(c, d)).toBe('rephrased');
  });

  it('keeps different kinds and units unrelated', () => {
    expect(rel('It began in 2015.', '2015', 'It lasted two weeks.', 'two weeks')).toBe('unrelated');
    expect(rel('It cost $5 million.', '$5 million', 'It cost 5 million euros.', '5 million euros')).toBe(
      'unrelated',
    );
    expect(rel('They held 5 towns.', '5 towns', 'They held 5 bridges.', '5 bridges')).toBe('unrelated');
    expect(rel('It rose 2%.', '2%', 'It rose 2 percentage points.', '2 percentage points')).toBe('unrelated');
    expect(rel('It took a few weeks.', 'a few weeks', 'It took a few months.', 'a few months')).toBe(
      'unrelated',
    );
    expect(rel('They met on Thursday.', 'Thursday', 'They met yesterday.', 'yesterday')).toBe('unrelated');
    expect(rel('Twelve were hurt.', 'Twelve', 'Twelve people were hurt.', 'Twelve people')).toBe('rephrased');
    expect(rel('Twelve were hurt.', 'Twelve', 'Ten people were hurt.', 'Ten people')).toBe('unrelated');
  });
});
