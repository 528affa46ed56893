import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stem } from './cue-candidates.js';
import { hashKeys } from './feature-key.js';
import { parseLearnedCues } from './learned-cues.js';
import { cueScore, modelRows, parseTripleModel } from './triple-model.js';

const TSV = '# comment\nphrase\tcount\tprecision\nsaid\t100\t0.8\nsaid in a statement\t5\t0.6\nin\t60\t0.01\n';

test('learned cues: longest phrase first, rare cues below the precision floor dropped', () => {
  const index = parseLearnedCues(TSV, 0.1);
  assert.deepEqual(
    index.get('said')?.map((c) => c.phrase),
    ['said in a statement', 'said'],
  );
  assert.equal(index.get('in'), undefined);
  assert.throws(() => parseLearnedCues('said\tmany\t0.8\n', 0));
});

test('triple model: threshold row; a cue feature conjoined with a variant finds its row', () => {
  const m = parseTripleModel('# x\n@threshold\t-0.5\nc=said|LA\t1.25\nv=LA\t0.5\n');
  assert.equal(m.threshold, -0.5);
  assert.equal(m.weights.get(hashKeys.conj(hashKeys`c=${'said'}`, '|LA')), 1.25);
  assert.equal(m.weights.get('v=LA'), 0.5);
  assert.equal(m.weights.get('v=LB'), 0);
  assert.throws(() => parseTripleModel('broken\n'));
});

test('triple model: cue classifier rows, its threshold, and an unbounded reading threshold', () => {
  const m = parseTripleModel('@threshold\t-Infinity\n@cueThreshold\t1\ncue:c=said\t2.5\ncue:st=argu\t-1\nv=LA\t0.5\n');
  assert.equal(m.threshold, Number.NEGATIVE_INFINITY);
  assert.equal(m.cueThreshold, 1);
  assert.equal(cueScore(m, ['c=said', 'st=argu', 'unknown']), 1.5);
  assert.equal(m.weights.get('cue:c=said'), 0);
  assert.equal(m.weights.get('c=said'), 0);
  assert.throws(() => parseTripleModel('v=LA\tInfinity\n'));
  assert.deepEqual(modelRows(new Map([['v=LA', 0.5]]), new Map([['c=said', 2.5]])), ['cue:c=said\t2.5', 'v=LA\t0.5']);
});

test('stem: forms of one verb share a stem; short words stay whole', () => {
  assert.deepEqual(['argues', 'argued', 'arguing', 'argue'].map(stem), ['argu', 'argu', 'argu', 'argu']);
  assert.deepEqual(['denies', 'denied', 'denying'].map(stem), ['den', 'den', 'den']);
  assert.equal(stem('said'), 'said');
  assert.equal(stem('according to'), 'accord');
});

test('triple model: weights read in place equal Number() of their text', () => {
  const ws = ['1.4754', '-2.9058', '0.1', '-0.5907', '12', '3.1054', '-0.0001', '7.', '1e-5'];
  const m = parseTripleModel(ws.map((w, i) => `f=${i}\t${w}`).join('\n'));
  for (const [i, w] of ws.entries()) assert.equal(m.weights.get(`f=${i}`), Number(w));
  assert.throws(() => parseTripleModel('f=1\t-\n'));
});
