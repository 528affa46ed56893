import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateOf } from './date-of.js';
import { timeContext } from './test-helpers.js';

const spanOf = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });

describe('dateOf', () => {
  it('takes the date attached to the clause in the same sentence', async () => {
    const text = 'Iraqi militias attacked the embassy on October 25. Tehran denied it.';
    const ctx = await timeContext(text, '2020-10-28');
    assert.deepEqual(dateOf(ctx, spanOf(text, 'attacked')), { value: '2020-10-25', dateSource: 'text', time: { start: 39, end: 49, text: 'October 25' } });
    assert.deepEqual(dateOf(ctx, spanOf(text, 'denied')), { value: '2020-10-28', dateSource: 'publication' });
  });
  it('ignores durations and vague references', async () => {
    const text = 'Now the militias have fought for 17 years.';
    const ctx = await timeContext(text, '2020-10-28');
    assert.deepEqual(dateOf(ctx, spanOf(text, 'fought')), { value: '2020-10-28', dateSource: 'publication' });
  });
  it('inside a dated quote without its own date, the speech date', async () => {
    const text = 'On October 25 Keyhan wrote: "The protests overthrew several governments in Iraq."';
    const ctx = await timeContext(text, '2021-01-05');
    const d = dateOf(ctx, spanOf(text, 'overthrew'));
    // the quote is in the same sentence as its date, so the text date governs
    assert.deepEqual([d.value, d.dateSource], ['2020-10-25', 'text']);
    const text2 = 'Keyhan wrote on October 25 about Iraq.\n\n"The protests overthrew several governments. They will fail," it added.';
    const ctx2 = await timeContext(text2, '2021-01-05');
    const d2 = dateOf(ctx2, spanOf(text2, 'fail'));
    assert.deepEqual([d2.value, d2.dateSource], ['2020-10-25', 'speech']);
  });
  it('no date at all', async () => {
    const text = 'The militias attacked.';
    const ctx = await timeContext(text, null);
    assert.deepEqual(dateOf(ctx, spanOf(text, 'attacked')), { value: null, dateSource: 'none' });
  });
});
