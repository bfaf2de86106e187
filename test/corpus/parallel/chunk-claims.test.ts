import { describe, expect, it } from 'vitest';
import { claimBack, claimFront, newClaims, workerDone } from '../../../src/corpus/parallel/chunk-claims.js';

describe('chunk claims', () => {
  it('gives every chunk to exactly one side, the worker from the front and the caller from the back', () => {
    for (const total of [0, 1, 2, 5, 0x7fff]) {
      const claim = newClaims();
      const front: number[] = [];
      const back: number[] = [];
      // Two chunks to the worker for one to the caller, until neither side gets one.
      let c = 0;
      for (let progress = true; progress; ) {
        progress = false;
        for (let k = 0; k < 2; k++) {
          if (claimFront(claim, c, total)) {
            front.push(c++);
            progress = true;
          }
        }
        const b = claimBack(claim, total);
        if (b >= 0) {
          back.push(b);
          progress = true;
        }
      }
      const all = [...front, ...back].sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: total }, (_, i) => i));
      expect(front.every((c, i) => c === i)).toBe(true);
      expect(claimBack(claim, total)).toBe(-1);
    }
  });

  it('starts with the worker not done', () => {
    expect(workerDone(newClaims())).toBe(false);
  });
});
