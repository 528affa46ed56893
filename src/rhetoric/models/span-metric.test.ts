import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addOverlap, emptyCounts, f1Of, mergeOverlapping } from './span-metric.js';

describe('partial-overlap span metric', () => {
  it('credits overlap by the fraction of each span covered, same label only', () => {
    // predicted [0,10) covers half of gold [5,15); predicted [20,30) has the wrong label.
    const c = addOverlap(
      emptyCounts(),
      [
        { label: 'Doubt', start: 0, end: 10 },
        { label: 'Slogans', start: 20, end: 30 },
      ],
      [
        { label: 'Doubt', start: 5, end: 15 },
        { label: 'Doubt', start: 20, end: 30 },
      ],
    );
    assert.deepEqual(c, { precisionSum: 0.5, recallSum: 0.5, predicted: 2, gold: 2 });
    const r = f1Of(c);
    assert.equal(r.precision, 0.25);
    assert.equal(r.recall, 0.25);
    assert.equal(r.f1, 0.25);
  });
  it('is zero with nothing predicted', () => {
    assert.equal(f1Of(addOverlap(emptyCounts(), [], [{ label: 'x', start: 0, end: 1 }])).f1, 0);
  });
  it('merges overlapping spans of one label', () => {
    assert.deepEqual(
      mergeOverlapping([
        { label: 'a', start: 5, end: 9 },
        { label: 'a', start: 0, end: 6 },
        { label: 'b', start: 1, end: 2 },
        { label: 'a', start: 9, end: 10 },
      ]),
      [
        { label: 'a', start: 0, end: 9 },
        { label: 'b', start: 1, end: 2 },
        { label: 'a', start: 9, end: 10 },
      ],
    );
  });
});
