import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLearnedCues } from './learned-cues.js';
import { parseTripleModel } from './triple-model.js';

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
