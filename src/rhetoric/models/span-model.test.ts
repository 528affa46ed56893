import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segment } from '../../document/segment.js';
import { testResources } from '../test-support.js';
import { buildIndexes, decodeSpans, MODEL_LABELS, modelFromTsv, modelToTsv, OFF, type SpanModel, scoreDocument, scoreTokens } from './span-model.js';

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

describe('the stage scorer', () => {
  it('gives the same probabilities as scoring feature lists', async () => {
    const { buildRuleContext } = await import('../rule-kit.js');
    const { runRules } = await import('../rules/index.js');
    const { documentFeatures } = await import('./features.js');
    const { nlp, rhetoric } = testResources();
    const model = rhetoric.spanModel ?? handModel();
    const text = 'The so-called “experts” say the regime is evil! Why? Because the regime lies, and the regime kills.';
    const { tokens, sentences } = segment(text, nlp);
    const ctx = buildRuleContext(text, tokens, sentences, rhetoric.lexicons);
    const rules = runRules(ctx);
    const a = scoreTokens(model, documentFeatures(ctx, rules), tokens);
    const b = scoreDocument(model, ctx, rules);
    assert.equal(a.length, b.length);
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-5, `${i}: ${a[i]} vs ${b[i]}`);
  });
});
