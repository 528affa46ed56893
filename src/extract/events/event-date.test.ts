import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHistorical } from './event-date.js';

test('isHistorical: more than a year before publication, counted from the latest day a value can mean', () => {
  const pub = '2020-10-28';
  assert.equal(isHistorical({ value: '2019-10', dateSource: 'text' }, pub), false);
  assert.equal(isHistorical({ value: '2019-10-27', dateSource: 'text' }, pub), true);
  assert.equal(isHistorical({ value: '2019', dateSource: 'text' }, pub), false);
  assert.equal(isHistorical({ value: '2018', dateSource: 'text' }, pub), true);
  assert.equal(isHistorical({ value: '2003-03-20', dateSource: 'speech' }, pub), true);
  assert.equal(isHistorical({ value: '2003-03-20', dateSource: 'publication' }, pub), false);
  assert.equal(isHistorical({ value: 'P17Y', dateSource: 'text' }, pub), false);
  assert.equal(isHistorical(null, pub), false);
});
