import { describe, expect, it } from 'vitest';
import { inferDerivation } from '../../src/compare/derivation.js';
import type { QuotePair, ReconciledEntity } from '../../src/compare/types.js';
import { doc } from './helpers.js';

const BODY = 'The talks resumed on Monday after a two-week pause, and both sides said progress was made.';
const EVEN = { aInB: 0.8, bInA: 0.8 };

describe('inferDerivation', () => {
  it('says unknown when no clue points either way', () => {
    const d = inferDerivation(doc(BODY), doc(BODY), EVEN, [], []);
    expect(d).toEqual({ direction: 'unknown', confidence: 0, reasons: ['no clue points either way'] });
  });

  it('the publication dates decide on their own', () => {
    const early = doc(BODY, { date: '2024-03-01' });
    const late = doc(BODY, { date: '2024-03-02T08:00:00Z' });
    const ab = inferDerivation(early, late, EVEN, [], []);
    expect(ab.direction).toBe('a->b');
    expect(ab.confidence).toBeGreaterThan(0.5);
    expect(ab.reasons).toEqual(['a was published first (2024-03-01)']);
    const ba = inferDerivation(late, early, EVEN, [], []);
    expect(ba.direction).toBe('b->a');
    expect(ba.reasons).toEqual(['b was published first (2024-03-01)']);
  });

  it('dates outweigh a single clue pointing the other way', () => {
    // a has the dateline but was published later: the dates win.
    const a = doc(`BERLIN: ${BODY}`, { date: '2024-03-05' });
    const b = doc(BODY, { date: '2024-03-01' });
    const d = inferDerivation(a, b, EVEN, [], []);
    expect(d.direction).toBe('b->a');
    expect(d.reasons).toContain('only a opens with a wire dateline');
  });

  it('ignores equal and unparseable dates', () => {
    const a = doc(BODY, { date: '2024-03-01' });
    expect(inferDerivation(a, doc(BODY, { date: '2024-03-01' }), EVEN, [], []).direction).toBe('unknown');
    expect(inferDerivation(a, doc(BODY, { date: 'last week' }), EVEN, [], []).direction).toBe('unknown');
  });

  it('a wire dateline marks the original', () => {
    const wire = doc(`BERLIN: ${BODY}`);
    const rewrite = doc(BODY);
    const d = inferDerivation(wire, rewrite, EVEN, [], []);
    expect(d.direction).toBe('a->b');
    expect(d.reasons).toEqual(['only a opens with a wire dateline']);
    expect(inferDerivation(rewrite, wire, EVEN, [], []).direction).toBe('b->a');
  });

  it('a dateline with an agency in brackets counts too', () => {
    const d = inferDerivation(doc(`PARIS (AFP) - ${BODY}`), doc(BODY), EVEN, [], []);
    expect(d.direction).toBe('a->b');
  });

  it('"according to the report" marks the copy', () => {
    const cites = doc(`${BODY} Prices rose sharply, according to the report.`);
    const d = inferDerivation(doc(BODY), cites, EVEN, [], []);
    expect(d.direction).toBe('a->b');
    expect(d.reasons[0]).toMatch(/only b cites another report/);
    expect(inferDerivation(cites, doc(BODY), EVEN, [], []).direction).toBe('b->a');
  });

  it('quotes turned into reported speech point to the paraphrasing side', () => {
    const q: QuotePair = { relation: 'direct-to-indirect', score: 0.8 };
    const d = inferDerivation(doc(BODY), doc(BODY), EVEN, [q], []);
    expect(d.direction).toBe('a->b');
    const back: QuotePair = { relation: 'indirect-to-direct', score: 0.8 };
    expect(inferDerivation(doc(BODY), doc(BODY), EVEN, [back], []).direction).toBe('b->a');
  });

  it('a version contained in the other looks cut from it', () => {
    const d = inferDerivation(doc(BODY), doc(BODY), { aInB: 0.5, bInA: 0.9 }, [], []);
    expect(d.direction).toBe('a->b');
    expect(d.reasons[0]).toMatch(/b looks cut from a/);
  });

  it('names spelt less consistently point to the downstream copy', () => {
    const e: ReconciledEntity = {
      id: 0,
      kind: 'person',
      name: 'Marieke Vandersloot',
      forms: { a: ['Marieke Vandersloot'], b: ['Marieke Vanderslot', 'Vandersloth'] },
      mentions: { a: [], b: [] },
      variants: true,
      evidence: [],
      confidence: 0.9,
    };
    const wire = doc(`ROTTERDAM: ${BODY}`);
    const d = inferDerivation(wire, doc(BODY), EVEN, [], [e]);
    expect(d.reasons).toContain('names are spelt less consistently in b');
    expect(d.direction).toBe('a->b');
  });

  it('says unknown when the clues cancel out, but keeps them', () => {
    const a = doc(`BERLIN: ${BODY}`);
    const b = doc(`${BODY} Prices rose, according to the report.`);
    // a->b by dateline and citation, b->a by dates: 2 - 2 = 0.
    const d = inferDerivation(
      doc(a.text, { date: '2024-03-05' }),
      doc(b.text, { date: '2024-03-01' }),
      EVEN,
      [],
      [],
    );
    expect(d.direction).toBe('unknown');
    expect(d.confidence).toBe(0);
    expect(d.reasons).toHaveLength(3);
  });

  it('keeps the confidence in (0, 0.95]', () => {
    const a = doc(`BERLIN: ${BODY}`, { date: '2024-03-01' });
    const b = doc(`${BODY} Prices rose, according to the report.`, { date: '2024-03-02' });
    const q: QuotePair = { relation: 'direct-to-indirect', score: 1 };
    const d = inferDerivation(a, b, { aInB: 0.2, bInA: 0.9 }, [q, q], []);
    expect(d.direction).toBe('a->b');
    expect(d.confidence).toBe(0.95);
  });
});
