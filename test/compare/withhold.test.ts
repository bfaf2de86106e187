import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/compare.js';
import { entityIndex } from '../../src/compare/quotes.js';
import type { AlignmentLink } from '../../src/compare/types.js';
import { SAME_STATEMENT_SIM, sameStatement } from '../../src/compare/withhold.js';
import { doc } from './helpers.js';

// Two invented stories from one town: a fire and a school budget. Their sentences pair up by
// position and topic words, but "40 firefighters" and "15 teachers" are not one fact.
const FIRE =
  'Fire crews in Marlow fought a warehouse blaze on Tuesday night. About 40 firefighters were sent to the industrial estate, the county fire service said. Nobody was hurt, according to a spokesman. The cause of the fire is not yet known.';
const BUDGET =
  "Marlow council approved a new budget for the town's schools on Thursday. The plan adds 15 teachers across the district, council leader Ruth Okafor said. Parents had asked for smaller classes for years. The vote passed by 9 to 4.";
const TOWN_A = ' Marlow, a market town on the Thames, has about 18,000 residents.';
const TOWN_B = ' Marlow, a market town on the Thames, has about 19,000 residents.';

describe('findings between different stories', () => {
  it('withholds typed changes between sentences that are not one statement, and says so', () => {
    const c = compare(FIRE, BUDGET);
    expect(['related', 'unrelated']).toContain(c.relation);
    expect(c.changes).toEqual([]);
    expect(c.withheld?.reason).toBe('different-stories');
    expect(c.withheld?.changes).toBeGreaterThan(0);
    expect(c.summary).toMatch(/different stories/);
  });

  it('keeps a change in a near-copy sentence the two stories share', () => {
    const c = compare(FIRE + TOWN_A, BUDGET + TOWN_B);
    expect(['related', 'unrelated']).toContain(c.relation);
    expect(c.changes.map((x) => [x.kind, x.a, x.b])).toEqual([
      ['number', 'about 18,000 residents', 'about 19,000 residents'],
    ]);
  });

  it('leaves the findings of one story told twice alone', () => {
    const c = compare(FIRE, FIRE.replace('About 40', 'About 45'));
    expect(c.withheld).toBeUndefined();
    expect(c.changes.map((x) => x.kind)).toEqual(['number']);
  });

  it('calls tiny texts with nothing in common unrelated, with the most distant estimate', () => {
    for (const [a, b] of [
      ['x', 'y'],
      ['cat', 'dog'],
      ['Hello world.', 'Goodbye moon.'],
    ]) {
      const c = compare(a, b);
      expect(c.relation).toBe('unrelated');
      expect(c.scores.semeval).toBe(4);
    }
  });
});

describe('sameStatement', () => {
  const da = doc('Okafor said the vote passed by 9 to 4 on Thursday.');
  const db = doc('Okafor said the vote passed by 9 to 5 on Thursday.');
  const idx = entityIndex(da, db, compare(da, db).entities);
  const link = (x: Partial<AlignmentLink>): AlignmentLink => ({
    a: [0],
    b: [0],
    type: 'paraphrase',
    score: 0.9,
    moved: false,
    diff: [],
    ...x,
  });

  it('accepts near-copies whatever their score', () => {
    expect(sameStatement(da, db, link({ type: 'edited', score: 0.1 }), idx)).toBe(true);
  });

  it('needs a high score and a shared anchor for a paraphrase', () => {
    expect(sameStatement(da, db, link({}), idx)).toBe(true);
    expect(sameStatement(da, db, link({ score: SAME_STATEMENT_SIM - 0.01 }), idx)).toBe(false);
    const other = doc('A storm flooded the marina overnight.');
    expect(sameStatement(da, other, link({}), entityIndex(da, other, []))).toBe(false);
  });

  it('never accepts a partial link', () => {
    expect(sameStatement(da, db, link({ type: 'partial' }), idx)).toBe(false);
  });
});
