import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoWeek, parseYmd } from './calendar.js';
import type { Meaning } from './meaning.js';
import { resolveMeaning, type Tense } from './resolve.js';
import { isTimexValue } from './timex-value.js';

const at = (s: string) => parseYmd(s);
const value = (m: Meaning, anchor: string | null, tense: Tense = null) => resolveMeaning(m, anchor ? at(anchor) : null, tense).value;

describe('resolveMeaning: news conventions', () => {
  const october = (rel: 'last' | 'next' | 'this' | 'bare'): Meaning => ({ kind: 'cycle', unit: 'M', index: 10, rel });
  it('"last October" is strictly before the anchor month', () => {
    assert.equal(value(october('last'), '2020-10-28'), '2019-10');
    assert.equal(value(october('last'), '2020-11-02'), '2020-10');
    assert.equal(value(october('next'), '2020-10-28'), '2021-10');
    assert.equal(value(october('this'), '2020-03-01'), '2020-10');
  });
  it('a bare month-day is the nearer occurrence, tense counting double', () => {
    const oct25: Meaning = { kind: 'cycle', unit: 'M', index: 10, day: 25, rel: 'bare' };
    assert.equal(value(oct25, '2020-10-28'), '2020-10-25');
    assert.equal(value(oct25, '2020-10-28', 'future'), '2020-10-25'); // 3 days back beats 362 ahead
    const nov21: Meaning = { kind: 'cycle', unit: 'M', index: 11, day: 21, rel: 'bare' };
    assert.equal(value(nov21, '1989-11-02', 'past'), '1989-11-21');
    const may5: Meaning = { kind: 'cycle', unit: 'M', index: 5, day: 5, rel: 'bare' };
    assert.equal(value(may5, '2020-10-28', 'future'), '2021-05-05');
    assert.equal(value(may5, '2020-10-28', 'past'), '2020-05-05');
  });
  it('weekdays look back unless the clause is in the future', () => {
    const friday: Meaning = { kind: 'cycle', unit: 'DOW', index: 5, rel: 'bare' };
    assert.equal(value(friday, '2020-10-28'), '2020-10-23');
    assert.equal(value(friday, '2020-10-28', 'future'), '2020-10-30');
    assert.equal(value(friday, '2020-10-30'), '2020-10-30');
    assert.equal(value({ ...friday, rel: 'last' }, '2020-10-30'), '2020-10-23');
  });
  it('quarters look back to the latest one that has begun', () => {
    const q: Meaning = { kind: 'cycle', unit: 'Q', index: 4, rel: 'bare' };
    assert.equal(value(q, '1989-10-26', 'future'), '1989-Q4');
    assert.equal(value(q, '1998-01-26'), '1997-Q4');
  });
  it('offsets: weeks ago by day, ISO weeks across the year', () => {
    assert.equal(value({ kind: 'offset', unit: 'W', n: -2, gran: 'D' }, '2020-10-28'), '2020-10-14');
    assert.equal(value({ kind: 'offset', unit: 'W', n: 0 }, '2021-01-01'), '2020-W53');
    assert.equal(value({ kind: 'offset', unit: 'Q', n: -1 }, '2020-01-15'), '2019-Q4');
    assert.deepEqual(isoWeek({ y: 2020, m: 10, d: 28 }), { year: 2020, week: 44 });
  });
  it('without an anchor: X placeholders, never an invented year', () => {
    for (const [m, v] of [
      [{ kind: 'cycle', unit: 'M', index: 10, rel: 'last' }, 'XXXX-10'],
      [{ kind: 'cycle', unit: 'M', index: 10, day: 25, rel: 'bare' }, 'XXXX-10-25'],
      [{ kind: 'cycle', unit: 'DOW', index: 5, rel: 'bare' }, 'XXXX-WXX-5'],
      [{ kind: 'offset', unit: 'Y', n: -1 }, 'XXXX'],
      [{ kind: 'offset', unit: 'W', n: 0 }, 'XXXX-WXX'],
    ] as Array<[Meaning, string]>) {
      const r = resolveMeaning(m, null, null);
      assert.deepEqual([r.value, r.anchored], [v, false]);
      assert.ok(isTimexValue(r.value));
    }
  });
});
