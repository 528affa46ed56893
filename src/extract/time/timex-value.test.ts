import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTimexValue } from './timex-value.js';

describe('isTimexValue', () => {
  it('accepts TimeBank decade, century and millennium durations and compound durations', () => {
    for (const v of ['P1E', 'PXC', 'P2L', 'P2Y6M', 'P1DT12H', 'PT1M30S', 'PT2H30M', 'XXXX-WXX-2TNI']) assert.ok(isTimexValue(v), v);
  });
  it('rejects malformed values', () => {
    for (const v of ['P', 'PT', 'P1', 'P1YT', '2020-13X', 'PXDEX']) assert.equal(isTimexValue(v), false, v);
  });
});
