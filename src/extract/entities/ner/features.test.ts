import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../../analysis.js';
import { loadNerModel } from './index.js';

const dataDir = path.join(packageRoot(), 'data');

// "Iran" twice and "iran" once: the document-context features see both cases.
const VALUES = ['Ali', 'Khamenei', 'said', 'Iran', 'would', 'respond', '.', 'IRAN', 'AND', 'IRAQ', 'Iran', 'and', 'iran', 'and', 'Reuters', '.'];
const SENTENCES = [
  { tokenStart: 0, tokenEnd: 7 },
  { tokenStart: 7, tokenEnd: 10 },
  { tokenStart: 10, tokenEnd: 16 },
];

test('word-cache rows give the same emissions as a fresh extractor, also after the cache is emptied', () => {
  const warm = loadNerModel(dataDir).extractor;
  const first = warm.extract(VALUES, SENTENCES);
  assert.ok(first.base);
  assert.deepEqual(first.lower, [
    'ali',
    'khamenei',
    'said',
    'iran',
    'would',
    'respond',
    '.',
    'iran',
    'and',
    'iraq',
    'iran',
    'and',
    'iran',
    'and',
    'reuters',
    '.',
  ]);
  assert.deepEqual([...first.upper], [1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0]);
  // A document of more distinct words than the cache keeps: the next one starts from empty rows.
  const filler = Array.from({ length: 50_001 }, (_, i) => `Zq${i.toString(36)}`);
  warm.extract(filler, [{ tokenStart: 0, tokenEnd: filler.length }]);
  const again = warm.extract(VALUES, SENTENCES);
  const fresh = loadNerModel(dataDir).extractor.extract(VALUES, SENTENCES);
  assert.deepEqual(again.base, first.base);
  assert.deepEqual(fresh.base, first.base);
  assert.deepEqual(again.lower, first.lower);
});
