import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldsOf, rawToStored } from './ptc.js';

describe('PTC offsets (Python code points of the raw file) → stored text', () => {
  it('is the identity on plain text', () => {
    const { text, map } = rawToStored('abc def');
    assert.equal(text, 'abc def');
    assert.equal(map(4), 4);
  });
  it('steps over astral characters (one code point, two UTF-16 units)', () => {
    const raw = 'a😀 bad';
    const { text, map } = rawToStored(raw);
    // "bad" starts at code point 3, UTF-16 unit 4.
    assert.equal(text.slice(map(3), map(6)), 'bad');
  });
  it('drops a BOM, folds CRLF and composes NFC', () => {
    const raw = '\uFEFFx\r\nCafe\u0301 bad';
    const { text, map } = rawToStored(raw);
    assert.equal(text, 'x\nCafé bad');
    // In raw code points: BOM=0, x=1, \r=2, \n=3, C=4 … e=7, U+0301=8, space=9, bad=10..13.
    assert.equal(text.slice(map(4), map(9)), 'Café');
    assert.equal(text.slice(map(10), map(13)), 'bad');
  });
  it('deals sorted ids round-robin into folds', () => {
    assert.deepEqual(foldsOf([{ id: '3' }, { id: '1' }, { id: '2' }, { id: '4' }], 2), [0, 0, 1, 1]);
  });
});
