import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capClass, normalizeForm, wordShapes } from './word-form.js';

test('typographic quotes, dashes and ellipses look like CoNLL tokens', () => {
  assert.equal(normalizeForm('’s'), "'s");
  assert.equal(normalizeForm('“'), '"');
  assert.equal(normalizeForm('Kata’ib'), "Kata'ib");
  assert.equal(normalizeForm('—'), '-');
  assert.equal(normalizeForm('…'), '...');
  assert.equal(normalizeForm('Iran'), 'Iran');
});

test('word shapes', () => {
  assert.deepEqual(wordShapes('Soleimani'), { long: 'Xxxxxxxxx', short: 'Xx' });
  assert.deepEqual(wordShapes('U.S.'), { long: 'X.X.', short: 'X.X.' });
  assert.deepEqual(wordShapes('1996-08-22'), { long: 'dddd-dd-dd', short: 'd-d-d' });
  assert.equal(wordShapes('Ülkü').short, 'Xx');
  assert.equal(wordShapes('🇮🇷').short, '*');
});

test('capitalisation classes', () => {
  assert.equal(capClass('IRGC'), 'allcaps');
  assert.equal(capClass('Tehran'), 'init');
  assert.equal(capClass('al-Ameri'), 'mixed');
  assert.equal(capClass('regime'), 'lower');
  assert.equal(capClass('2020'), 'digit');
  assert.equal(capClass('F-16'), 'alnum');
  assert.equal(capClass('“'), 'punct');
});
