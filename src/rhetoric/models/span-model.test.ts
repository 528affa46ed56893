import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segment } from '../../document/segment.js';
import { testResources } from '../test-support.js';
import { buildIndexes, decodeSpans, MODEL_LABELS, modelFromTsv, modelToTsv, OFF, type SpanModel, scoreTokens } from './span-model.js';

// A two-feature model written by hand: "regime" is Name_Calling, "so-called" marks a Doubt sentence.
function handModel(): SpanModel {
  const L = MODEL_LABELS.length;
  const nc = MODEL_LABELS.indexOf('Name_Calling,Labeling');
  const doubt = MODEL_LABELS.indexOf('Doubt');
  const w1 = new Float32Array(L);
  w1[nc] = 8;
  const w2 = new Float32Array(L);
  w2[doubt] = 8;
  const decode = MODEL_LABELS.map(() => OFF);
  decode[nc] = { mode: 'run', threshold: 0.5, gap: 0, rules: true };
  decode[doubt] = { mode: 'sentence', threshold: 0.5, gap: 0, rules: false };
  const weights = new Map([
    ['w=regime', w1],
    ['S:so-called', w2],
  ]);
  return { labels: MODEL_LABELS, bias: new Float32Array(L).fill(-4), decode, weights, ...buildIndexes(weights) };
}

describe('span model', () => {
  const text = 'The regime lies. Its so-called reforms are fake.';
  const { tokens } = segment(text, testResources().nlp);
  const feats = {
    token: tokens.map((t) => ({ prefix: ['w='], value: [t.lower] })),
    sentence: [
      { prefix: [], value: [] },
      { prefix: ['S:'], value: ['so-called'] },
    ],
  };
  it('decodes runs and whole sentences by each label’s rule', () => {
    const m = handModel();
    const spans = decodeSpans(m, scoreTokens(m, feats, tokens), tokens).map((s) => [
      s.label,
      text.slice(tokens[s.tokenStart].start, tokens[s.tokenEnd - 1].end),
    ]);
    assert.deepEqual(spans, [
      ['Name_Calling,Labeling', 'regime'],
      ['Doubt', 'Its so-called reforms are fake'],
    ]);
  });
  it('round-trips through TSV', () => {
    const m = handModel();
    const back = modelFromTsv(modelToTsv(m, 'test'));
    assert.deepEqual(back.decode, m.decode);
    assert.deepEqual([...back.bias], [...m.bias]);
    assert.deepEqual([...(back.weights.get('w=regime') ?? [])], [...(m.weights.get('w=regime') ?? [])]);
  });
});
