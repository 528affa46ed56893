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
  const extracted = warm.extract(VALUES, SENTENCES);
  assert.ok(extracted.base);
  // The sums are a view of the extractor's buffer, valid until its next extract: keep a copy.
  const first = { ...extracted, base: Float64Array.from(extracted.base) };
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

/** What the test reads of an extractor's private state. */
interface ExtractorInside {
  word(value: string): number;
  pool: Float32Array;
  wordLists: number[][][];
  wordInfo: Int32Array;
  gazetteer: unknown;
  clusters: unknown;
  tables: { prevPair(l: number, r: number): number; nextPair(l: number, r: number): number };
}

test('the run-time word sums equal, bit for bit, the dense sums of the features the training path names', () => {
  const model = loadNerModel(dataDir);
  const run = model.extractor as unknown as ExtractorInside;
  // The same extractor class without weights: it lists feature ids found by building their names.
  const Extractor = model.extractor.constructor as new (index: { get(name: string): number }, g: unknown, c: unknown) => ExtractorInside;
  const named = new Extractor({ get: (name) => model.index.get(name) ?? -1 }, run.gazetteer, run.clusters);
  // Plain, capitalised, all-caps, digits, typographic, non-ASCII, astral (surrogate pairs), a '|' and one-character words.
  const words = [
    'iran',
    'Iran',
    'IRAN',
    'the',
    'said',
    '1996',
    '2020s',
    'al-Kadhimi',
    'U.S.',
    '’s',
    '“',
    'naïve',
    'Ça',
    '中文',
    '😀Tehran',
    'a😀b',
    'a|b',
    'x',
    'Zq1',
    ',',
  ];
  const L = 17;
  for (const w of words) {
    const r = run.word(w);
    const lists = named.wordLists[named.word(w)];
    for (let k = 0; k < 5; k++) {
      const dense = new Float64Array(L);
      for (const id of lists[k]) {
        const row = new Float32Array(L);
        for (let e = model.weights.start[id]; e < model.weights.end[id]; e++) row[model.weights.labels[e]] = model.weights.values[e];
        for (let y = 0; y < L; y++) dense[y] += row[y];
      }
      assert.deepEqual(run.pool.subarray(r * 5 * L + k * L, r * 5 * L + (k + 1) * L), Float32Array.from(dense), `${w} list ${k}`);
    }
    assert.ok(lists[0].length >= 1, w);
  }
  // Bigram features from small ids, against their names (kept bigrams of the model, and pairs it does not have).
  const pairs: Array<[string, string]> = [
    ['iran', 'said'],
    ['the', 'iran'],
  ];
  for (const name of model.index.keys()) {
    if (pairs.length > 40) break;
    if (!name.startsWith('w-1|w0=') && !name.startsWith('w0|w+1=')) continue;
    const [left, right, more] = name.slice(7).split('|');
    if (more === undefined) pairs.push([left, right]);
  }
  let found = 0;
  for (const [left, right] of pairs) {
    // A word's row holds 8 fields; its bigram member ids are fields 4..7.
    const a = run.word(left) * 8 + 4;
    const b = run.word(right) * 8 + 4;
    const bg = run.wordInfo;
    const prev = bg[a] >= 0 && bg[b + 1] >= 0 ? run.tables.prevPair(bg[a], bg[b + 1]) : -1;
    const next = bg[a + 2] >= 0 && bg[b + 3] >= 0 ? run.tables.nextPair(bg[a + 2], bg[b + 3]) : -1;
    assert.equal(prev, model.index.get(`w-1|w0=${left}|${right}`) ?? -1, `prev ${left}|${right}`);
    assert.equal(next, model.index.get(`w0|w+1=${left}|${right}`) ?? -1, `next ${left}|${right}`);
    if (prev >= 0 || next >= 0) found++;
  }
  assert.ok(found >= 30);
});
