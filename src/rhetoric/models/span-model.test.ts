import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../analysis.js';
import { segment } from '../../document/segment.js';
import { buildRuleContext } from '../rule-kit.js';
import { runRules } from '../rules/index.js';
import { SPAN_MODEL_FILE } from '../stage.js';
import { testResources } from '../test-support.js';
import { documentFeatures } from './features.js';
import {
  buildIndexes,
  decodeLabel,
  decodeSpans,
  documentSpans,
  loadSpanModel,
  MODEL_LABELS,
  modelFromTsv,
  modelToTsv,
  OFF,
  type SpanModel,
  scoreDocument,
  scoreTokens,
} from './span-model.js';

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
  it('keeps a run only around a token over its peak (hysteresis)', () => {
    const m = handModel();
    const k = MODEL_LABELS.indexOf('Loaded_Language');
    const L = MODEL_LABELS.length;
    // Hand probabilities: "The regime lies." 0.3 0.3 0.3 0.3; "Its so-called reforms are fake." one token at 0.9.
    const probs = new Float32Array(tokens.length * L);
    for (let i = 0; i < tokens.length; i++) probs[i * L + k] = tokens[i].sentence === 0 ? 0.3 : tokens[i].value === 'reforms' ? 0.9 : 0.25;
    const runs = (peak?: number) =>
      decodeLabel(m, probs, tokens, k, { mode: 'run', threshold: 0.2, gap: 0, rules: false, peak }).map((s) =>
        text.slice(tokens[s.tokenStart].start, tokens[s.tokenEnd - 1].end),
      );
    assert.deepEqual(runs(), ['The regime lies', 'Its so-called reforms are fake']);
    assert.deepEqual(runs(0.5), ['Its so-called reforms are fake']);
    assert.deepEqual(runs(0.95), []);
  });
  it('round-trips through TSV, with and without a peak', () => {
    const m = handModel();
    m.decode[0] = { mode: 'run', threshold: 0.15, gap: 10, rules: false, peak: 0.4 };
    assert.match(modelToTsv(m, 'test'), /^@label\tANY\t0\t-4\trun\t0\.15\t10\tno-rules\tpeak=0\.4$/m);
    const back = modelFromTsv(modelToTsv(m, 'test'));
    assert.deepEqual(back.decode, m.decode);
    assert.deepEqual([...back.bias], [...m.bias]);
    assert.deepEqual([...(back.weights.get('w=regime') ?? [])], [...(m.weights.get('w=regime') ?? [])]);
  });
});

describe('the stage scorer', () => {
  it('gives the same probabilities as scoring feature lists', () => {
    const { nlp, rhetoric } = testResources();
    // The stage loads its model scoring-only (no string-keyed tables); scoreTokens needs the full one.
    const file = path.join(packageRoot(), 'data', SPAN_MODEL_FILE);
    const model = existsSync(file) ? loadSpanModel(file) : handModel();
    const texts = [
      'The so-called “experts” say the regime is evil! Why? Because the regime lies, and the regime kills.',
      // A title whose words recur, a quotation, an odd token with '|', digits, all-caps and a long sentence.
      'Tehran’s Proxies Tighten Their Grip\n\nTehran’s proxies tighten their grip on Baghdad, the IRGC said on 12 May. ' +
        '“We will never surrender to the terrorist puppets,” a commander told reporters in Basra | Najaf. ' +
        'Everyone knows the so-called militias are nothing but mouthpieces of a brutal, corrupt and criminal regime that murders its own people ' +
        'and threatens the whole region with chaos, fear and destruction!! Are they patriots? NO.',
    ];
    for (const text of texts) {
      const { tokens, sentences } = segment(text, nlp);
      const ctx = buildRuleContext(text, tokens, sentences, rhetoric.lexicons);
      const rules = runRules(ctx);
      const a = scoreTokens(model, documentFeatures(ctx, rules), tokens);
      const b = scoreDocument(model, ctx, rules);
      assert.equal(a.length, b.length);
      // scoreTokens adds the sentence sum and the bias in another order (float32 rounding), hence a tolerance.
      for (let i = 0; i < a.length; i++)
        assert.ok(Math.abs(a[i] - b[i]) < 1e-6, `token ${Math.floor(i / model.labels.length)}, label ${i % model.labels.length}: ${a[i]} vs ${b[i]}`);
    }
  });
  it('decodes the same spans lazily as from every probability (the stage path), ANY aside', () => {
    const { nlp, rhetoric } = testResources();
    const model = rhetoric.spanModel ?? handModel();
    const texts = [
      'The so-called “experts” say the regime is evil! Why? Because the regime lies, and the regime kills.',
      'Everyone knows the so-called militias are nothing but mouthpieces of a brutal, corrupt and criminal regime that murders its own people ' +
        'and threatens the whole region with chaos, fear and destruction!! Are they patriots? NO. The deep state lies. The deep state steals.',
    ];
    let spans = 0;
    for (const text of texts) {
      const { tokens, sentences } = segment(text, nlp);
      const ctx = buildRuleContext(text, tokens, sentences, rhetoric.lexicons);
      const rules = runRules(ctx);
      const all = decodeSpans(model, scoreDocument(model, ctx, rules), tokens).filter((s) => s.label !== 'ANY');
      assert.deepEqual(documentSpans(model, ctx, rules), all);
      spans += all.length;
    }
    assert.ok(spans > 3, `only ${spans} spans: the comparison would prove little`);
  });
  it('scores bit for bit the same with the scoring-only model the stage loads', (t) => {
    const file = path.join(packageRoot(), 'data', SPAN_MODEL_FILE);
    if (!existsSync(file)) return t.skip(`no span model at ${file}`);
    const { nlp, rhetoric } = testResources();
    const full = loadSpanModel(file);
    const lean = loadSpanModel(file, { scoringOnly: true });
    assert.equal(lean.weights.size, 0);
    assert.ok(full.weights.size > 0);
    const text = 'The so-called “experts” say the regime is evil! Why? Because the regime lies, and the regime kills.';
    const { tokens, sentences } = segment(text, nlp);
    const ctx = buildRuleContext(text, tokens, sentences, rhetoric.lexicons);
    const rules = runRules(ctx);
    assert.deepEqual(scoreDocument(lean, ctx, rules), scoreDocument(full, ctx, rules));
  });
  it('agrees on a hand model whose features hold "|" inside words', () => {
    const { nlp, rhetoric } = testResources();
    const L = MODEL_LABELS.length;
    const w = (k: number, x: number) => {
      const v = new Float32Array(L);
      v[k] = x;
      return v;
    };
    const weights = new Map([
      ['ww=basra||', w(1, 2)],
      ['wn=||najaf', w(2, 3)],
      ['pw=SYM||', w(3, 1.5)],
      ['S:!', w(4, 0.25)],
      ['sf=sra', w(5, -1)],
      ['rep=2|PROPN', w(6, 0.5)],
    ]);
    const model: SpanModel = { labels: MODEL_LABELS, bias: new Float32Array(L), decode: MODEL_LABELS.map(() => OFF), weights, ...buildIndexes(weights) };
    const text = 'They fled Basra | Najaf! Basra fell.';
    const { tokens, sentences } = segment(text, nlp);
    const ctx = buildRuleContext(text, tokens, sentences, rhetoric.lexicons);
    const rules = runRules(ctx);
    const a = scoreTokens(model, documentFeatures(ctx, rules), tokens);
    const b = scoreDocument(model, ctx, rules);
    assert.equal(a.length, b.length);
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-6, `${i}: ${a[i]} vs ${b[i]}`);
    // Every hand feature fired somewhere: its label's probability left the bias's 0.5.
    for (let k = 1; k <= 6; k++)
      assert.ok(
        a.some((p, i) => i % L === k && p !== 0.5),
        `label ${k}`,
      );
  });
});
