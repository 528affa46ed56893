import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stem } from './cue-candidates.js';
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

test('triple model: threshold row and per-variant index of cue features', () => {
  const m = parseTripleModel('# x\n@threshold\t-0.5\nc=said|LA\t1.25\nv=LA\t0.5\n');
  assert.equal(m.threshold, -0.5);
  assert.equal(m.byVariant.get('c=said')?.get('LA'), 1.25);
  assert.equal(m.weights.get('v=LA'), 0.5);
  assert.throws(() => parseTripleModel('broken\n'));
});

test('triple model: cue classifier rows, its threshold, and an unbounded reading threshold', () => {
  const m = parseTripleModel('@threshold\t-Infinity\n@cueThreshold\t1\ncue:c=said\t2.5\ncue:st=argu\t-1\nv=LA\t0.5\n');
  assert.equal(m.threshold, Number.NEGATIVE_INFINITY);
  assert.equal(m.cueThreshold, 1);
  assert.equal(cueScore(m, ['c=said', 'st=argu', 'unknown']), 1.5);
  assert.equal(m.weights.has('cue:c=said'), false);
  assert.throws(() => parseTripleModel('v=LA\tInfinity\n'));
  assert.deepEqual(modelRows(new Map([['v=LA', 0.5]]), new Map([['c=said', 2.5]])), ['cue:c=said\t2.5', 'v=LA\t0.5']);
});

test('stem: forms of one verb share a stem; short words stay whole', () => {
  assert.deepEqual(['argues', 'argued', 'arguing', 'argue'].map(stem), ['argu', 'argu', 'argu', 'argu']);
  assert.deepEqual(['denies', 'denied', 'denying'].map(stem), ['den', 'den', 'den']);
  assert.equal(stem('said'), 'said');
  assert.equal(stem('according to'), 'accord');
});
