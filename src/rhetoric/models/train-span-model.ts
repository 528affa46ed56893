/**
 * Training of the span-and-technique model (see span-model.ts): one-vs-rest
 * logistic regressions trained jointly by averaged SGD over the tokens, in a
 * fixed order (documents shuffled by a seeded generator), so the same data
 * give the same weights. Decoding rules (threshold, gap, run or sentence) are
 * chosen on held-out quarters of the *training* documents (never on what an
 * evaluation reports), then the model is retrained on all training documents.
 */
import type { Token } from '../../document/segment.js';
import { type DocumentFeatures, type FeatureList, featureNames } from './features.js';
import { addOverlap, emptyCounts, f1Of, type LabelledSpan, mergeOverlapping } from './span-metric.js';
import { buildIndexes, type DecodeRule, decodeLabel, decodeSpans, MODEL_LABELS, OFF, type SpanModel, scoreTokens } from './span-model.js';

export interface TrainingDocument {
  id: string;
  tokens: readonly Token[];
  feats: DocumentFeatures;
  /** Gold spans; `label` is a technique name. */
  gold: readonly LabelledSpan[];
  /** Gold spans for span identification (label ignored). */
  goldSi: readonly LabelledSpan[];
  /** The rule findings of the document, labelled by technique. */
  rules: readonly LabelledSpan[];
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** Features seen fewer times than this are dropped. */
  minCount: number;
  /** Weights smaller than this (absolute) are pruned from the shipped model. */
  prune: number;
  /** Seed of the document order. */
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 4, learningRate: 0.15, minCount: 2, prune: 0.02, seed: 7 };

const SKIP = 0.02;
const THRESHOLD_GRID = [0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

/** Per-token 0/1 targets, `n × labels`: a token is inside a span when its middle is. */
function tokenTargets(doc: TrainingDocument): Uint8Array {
  const L = MODEL_LABELS.length;
  const n = doc.tokens.length;
  const y = new Uint8Array(n * L);
  const labelIndex = new Map(MODEL_LABELS.map((l, k) => [l, k]));
  const mark = (spans: readonly LabelledSpan[], fixed: number | null) => {
    for (const s of spans) {
      const k = fixed ?? labelIndex.get(s.label);
      if (k === undefined) continue;
      for (let i = 0; i < n; i++) {
        const t = doc.tokens[i];
        const mid = (t.start + t.end) / 2;
        if (mid >= s.start && mid < s.end) y[i * L + k] = 1;
      }
    }
  };
  mark(doc.gold, null);
  mark(doc.goldSi, 0);
  return y;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Train with fixed thresholds (all 0.5); `trainSpanModel` tunes them. */
export function fitWeights(docs: readonly TrainingDocument[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): SpanModel {
  const L = MODEL_LABELS.length;
  // Feature index over the training documents.
  const counts = new Map<string, number>();
  for (const d of docs) {
    for (const list of d.feats.token) for (const f of featureNames(list)) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const list of d.feats.sentence) for (const f of featureNames(list)) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const index = new Map<string, number>();
  for (const [f, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (c >= options.minCount) index.set(f, index.size);
  const F = index.size;
  const toIds = (list: FeatureList) => {
    const ids: number[] = [];
    for (const f of featureNames(list)) {
      const id = index.get(f);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  };
  const encoded = docs.map((d) => ({
    token: d.feats.token.map(toIds),
    sentence: d.feats.sentence.map(toIds),
    sentenceOf: Int32Array.from(d.tokens.map((t) => t.sentence)),
    y: tokenTargets(d),
  }));

  const W = new Float32Array(F * L);
  const U = new Float32Array(F * L); // Σ step × update, for averaging
  const b = new Float64Array(L);
  const bU = new Float64Array(L);
  const z = new Float64Array(L);
  const g = new Float64Array(L);
  const active = new Int32Array(L);
  const rand = lcg(options.seed);
  const order = encoded.map((_, i) => i);
  let step = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const lr = options.learningRate / (1 + epoch);
    for (const di of order) {
      const d = encoded[di];
      const n = d.token.length;
      for (let i = 0; i < n; i++) {
        const sent = d.sentence[d.sentenceOf[i]] ?? new Int32Array(0);
        const loc = d.token[i];
        for (let k = 0; k < L; k++) z[k] = b[k];
        for (let a = 0; a < sent.length; a++) {
          const o = sent[a] * L;
          for (let k = 0; k < L; k++) z[k] += W[o + k];
        }
        for (let a = 0; a < loc.length; a++) {
          const o = loc[a] * L;
          for (let k = 0; k < L; k++) z[k] += W[o + k];
        }
        // Only labels whose error is not negligible get an update: most tokens are
        // confidently outside most techniques, and skipping them makes training fast.
        let na = 0;
        for (let k = 0; k < L; k++) {
          const p = 1 / (1 + Math.exp(-z[k]));
          const e = d.y[i * L + k] - p;
          if (e > SKIP || e < -SKIP) {
            active[na++] = k;
            g[k] = lr * e;
          }
        }
        if (na > 0) {
          for (let a = 0; a < na; a++) {
            const k = active[a];
            b[k] += g[k];
            bU[k] += step * g[k];
          }
          // Sentence features are shared by every token of the sentence: damp their step.
          const sg = 1 / Math.max(1, Math.sqrt(sent.length));
          for (let a = 0; a < sent.length; a++) {
            const o = sent[a] * L;
            for (let c = 0; c < na; c++) {
              const k = active[c];
              const u = g[k] * sg;
              W[o + k] += u;
              U[o + k] += step * u;
            }
          }
          for (let a = 0; a < loc.length; a++) {
            const o = loc[a] * L;
            for (let c = 0; c < na; c++) {
              const k = active[c];
              W[o + k] += g[k];
              U[o + k] += step * g[k];
            }
          }
        }
        step++;
      }
    }
  }
  const weights = new Map<string, Float32Array>();
  for (const [f, id] of index) {
    const w = new Float32Array(L);
    let keep = false;
    for (let k = 0; k < L; k++) {
      const v = W[id * L + k] - U[id * L + k] / step;
      if (Math.abs(v) >= options.prune) {
        w[k] = v;
        keep = true;
      }
    }
    if (keep) weights.set(f, w);
  }
  const bias = new Float32Array(L);
  for (let k = 0; k < L; k++) bias[k] = b[k] - bU[k] / step;
  return {
    labels: MODEL_LABELS,
    bias,
    decode: MODEL_LABELS.map(() => ({ mode: 'run' as const, threshold: 0.5, gap: 0, rules: false })),
    weights,
    ...buildIndexes(weights),
  };
}

/** The label's spans of one document as character spans. */
export function predictedSpans(model: SpanModel, doc: { tokens: readonly Token[]; feats: DocumentFeatures }, rules?: readonly DecodeRule[]): LabelledSpan[] {
  const probs = scoreTokens(model, doc.feats, doc.tokens);
  return decodeSpans(model, probs, doc.tokens, rules).map((s) => ({
    label: s.label,
    start: doc.tokens[s.tokenStart].start,
    end: doc.tokens[s.tokenEnd - 1].end,
  }));
}

/** The decoding rules tried for every label. */
export const DECODE_OPTIONS: readonly DecodeRule[] = [false, true].flatMap((rules) => [
  ...[0, 2, 5, 10].flatMap((gap) => THRESHOLD_GRID.map((threshold) => ({ mode: 'run' as const, threshold, gap, rules }))),
  ...THRESHOLD_GRID.map((threshold) => ({ mode: 'sentence' as const, threshold, gap: 0, rules })),
  { ...OFF, rules },
]);

/**
 * The decoding rules tried for `ANY` (span identification): those of the
 * techniques without rules, plus longer gaps and hysteresis (a run over a low
 * threshold kept only around a token over a higher `peak`), since the best
 * rule for whole-span recall bridges long gaps and then needs a confident core
 * to stay precise.
 */
export const ANY_DECODE_OPTIONS: readonly DecodeRule[] = [
  ...DECODE_OPTIONS.filter((r) => !r.rules),
  ...[15, 20].flatMap((gap) => THRESHOLD_GRID.map((threshold) => ({ mode: 'run' as const, threshold, gap, rules: false }))),
  ...[0, 2, 5, 10, 15, 20].flatMap((gap) =>
    THRESHOLD_GRID.flatMap((threshold) =>
      THRESHOLD_GRID.filter((peak) => peak > threshold).map((peak) => ({ mode: 'run' as const, threshold, gap, rules: false, peak })),
    ),
  ),
];

/** Model spans of one label plus, when the rule says so, the rule findings they do not overlap. */
function withRules(pred: LabelledSpan[], rules: readonly LabelledSpan[], use: boolean): LabelledSpan[] {
  if (!use || rules.length === 0) return pred;
  const extra = rules.filter((r) => !pred.some((p) => p.start < r.end && r.start < p.end));
  return mergeOverlapping([...pred, ...extra]);
}

/**
 * Choose each label's decoding rule on held-out documents scored by models
 * that did not see them. `ANY` gets the rule with the best span-identification
 * F1. The techniques are chosen together by coordinate ascent on the micro
 * FLC F1 over all techniques (a rare technique whose spans are mostly wrong
 * lowers everyone's precision, so "off" is an option).
 */
export function tuneDecoding(rounds: ReadonlyArray<{ model: SpanModel; heldOut: readonly TrainingDocument[] }>): DecodeRule[] {
  const L = MODEL_LABELS.length;
  const optionsOf = (k: number) => (k === 0 ? ANY_DECODE_OPTIONS : DECODE_OPTIONS);
  const counts = Array.from({ length: L }, (_, k) => optionsOf(k).map(() => emptyCounts()));
  const goldPerLabel = new Array<number>(L).fill(0);
  for (const { model, heldOut } of rounds) {
    for (const d of heldOut) {
      const probs = scoreTokens(model, d.feats, d.tokens);
      const rulesOf = MODEL_LABELS.map((l) => d.rules.filter((r) => r.label === l));
      for (let k = 0; k < L; k++) {
        const gold = k === 0 ? mergeOverlapping(d.goldSi.map((s) => ({ ...s, label: 'ANY' }))) : d.gold.filter((s) => s.label === MODEL_LABELS[k]);
        goldPerLabel[k] += gold.length;
        optionsOf(k).forEach((rule, o) => {
          const pred = decodeLabel(model, probs, d.tokens, k, rule).map((s) => ({
            label: s.label,
            start: d.tokens[s.tokenStart].start,
            end: d.tokens[s.tokenEnd - 1].end,
          }));
          addOverlap(counts[k][o], k === 0 ? pred : withRules(pred, rulesOf[k], rule.rules), gold);
        });
      }
    }
  }
  const chosen: DecodeRule[] = new Array(L).fill(OFF);
  // Span identification.
  let bestSi = -1;
  ANY_DECODE_OPTIONS.forEach((rule, o) => {
    if (rule.rules) return;
    const f = f1Of(counts[0][o]).f1;
    if (f > bestSi + 1e-9) {
      bestSi = f;
      chosen[0] = rule;
    }
  });
  // Techniques: -1 = off.
  const pick = new Array<number>(L).fill(-1);
  const goldTotal = goldPerLabel.slice(1).reduce((a, b) => a + b, 0);
  const globalF1 = () => {
    let p = 0;
    let r = 0;
    let n = 0;
    for (let k = 1; k < L; k++) {
      if (pick[k] < 0) continue;
      const c = counts[k][pick[k]];
      p += c.precisionSum;
      r += c.recallSum;
      n += c.predicted;
    }
    return f1Of({ precisionSum: p, recallSum: r, predicted: n, gold: goldTotal }).f1;
  };
  const order = [...Array(L - 1).keys()].map((k) => k + 1).sort((a, b) => goldPerLabel[b] - goldPerLabel[a] || a - b);
  for (let pass = 0; pass < 3; pass++) {
    for (const k of order) {
      let best = globalF1();
      let bestPick = pick[k];
      for (let o = -1; o < DECODE_OPTIONS.length; o++) {
        pick[k] = o;
        const f = globalF1();
        if (f > best + 1e-9) {
          best = f;
          bestPick = o;
        }
      }
      pick[k] = bestPick;
    }
  }
  for (let k = 1; k < L; k++) chosen[k] = pick[k] < 0 ? OFF : DECODE_OPTIONS[pick[k]];
  return chosen;
}

/**
 * The full recipe: fit on three quarters of `docs` and score the remaining
 * quarter, twice with different quarters (documents in id order, quarters by
 * position mod 4), choose the decoding rules on the pooled held-out scores,
 * then refit on all of `docs` and keep those rules.
 */
export function trainSpanModel(docs: readonly TrainingDocument[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): SpanModel {
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rounds = [3, 1].map((q) => ({
    model: fitWeights(
      sorted.filter((_, i) => i % 4 !== q),
      options,
    ),
    heldOut: sorted.filter((_, i) => i % 4 === q),
  }));
  const decode = tuneDecoding(rounds);
  const model = fitWeights(sorted, options);
  model.decode = decode;
  return model;
}
