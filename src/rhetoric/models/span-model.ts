/**
 * The learned span-and-technique model: one logistic regression per label
 * over token features (see features.ts), one label per technique plus `ANY`
 * (any propaganda span, used for span identification). Each label has its
 * own decoding rule, chosen on held-out training documents: either runs of
 * tokens of one sentence whose probability is over the threshold (bridging up
 * to `gap` tokens under it), or whole sentences whose mean probability is over
 * the threshold (for techniques annotated on whole sentences, such as Doubt);
 * a label may also be switched off. Runs may further need a token over a
 * higher `peak` (hysteresis); `ANY` is tuned over these too
 * (train-span-model.ts).
 * Weights ship as reviewable TSV (`data/models/rhetoric/span-model.tsv`),
 * written by `scripts/rhetoric/train.ts`.
 */
import { readFileSync } from 'node:fs';
import type { Token } from '../../document/segment.js';
import type { Finding } from '../../schema/analysis.js';
import { TECHNIQUES } from '../../schema/analysis.js';
import type { RuleContext } from '../rule-kit.js';
import { type CompiledScorer, compiledLogits, compileScorer } from './compiled-scorer.js';
import { type DocumentFeatures, FEATURE_PREFIXES, type FeatureList } from './features.js';

export const MODEL_LABELS: readonly string[] = ['ANY', ...TECHNIQUES];

export interface SpanModel {
  labels: readonly string[];
  bias: Float32Array;
  /** How each label's probabilities become spans. */
  decode: DecodeRule[];
  weights: Map<string, Float32Array>;
  /** `weights` split by feature prefix, for scoring without building strings (see features.ts). */
  lookup: Map<string, Map<string, Float32Array>>;
  /** The same maps by template id (index into FEATURE_PREFIXES). */
  byTemplate: Array<Map<string, Float32Array>>;
  /** The same weights indexed by integer ids: the stage's scorer (compiled-scorer.ts). */
  compiled: CompiledScorer;
}

const BY_LENGTH = [...FEATURE_PREFIXES].sort((a, b) => b.length - a.length);

/** Index weights by (prefix, value), by template id and by integer ids. */
export function buildIndexes(weights: ReadonlyMap<string, Float32Array>, labels = MODEL_LABELS.length): Pick<SpanModel, 'lookup' | 'byTemplate' | 'compiled'> {
  const lookup = buildLookup(weights);
  const byTemplate = FEATURE_PREFIXES.map((p) => lookup.get(p) ?? new Map());
  return { lookup, byTemplate, compiled: compileScorer(byTemplate, labels) };
}

/** Index weights by (prefix, value); a name with no known prefix is kept whole under ''. */
export function buildLookup(weights: ReadonlyMap<string, Float32Array>): Map<string, Map<string, Float32Array>> {
  const lookup = new Map<string, Map<string, Float32Array>>();
  for (const [name, w] of weights) {
    const prefix = BY_LENGTH.find((p) => name.startsWith(p)) ?? '';
    let m = lookup.get(prefix);
    if (!m) lookup.set(prefix, (m = new Map()));
    m.set(name.slice(prefix.length), w);
  }
  return lookup;
}

export interface DecodeRule {
  mode: 'run' | 'sentence' | 'off';
  threshold: number;
  /** Tokens under the threshold a run may bridge (mode 'run'). */
  gap: number;
  /**
   * Mode 'run' only: a run is kept only when some token of it is over `peak`
   * (hysteresis: a confident core, extended over the weaker tokens around it).
   * Absent: every run over the threshold is kept.
   */
  peak?: number;
  /** Whether the stage adds this technique's rule findings that the model's spans do not cover. */
  rules: boolean;
}

export const OFF: DecodeRule = { mode: 'off', threshold: 1, gap: 0, rules: false };

export interface ModelSpan {
  label: string;
  tokenStart: number;
  tokenEnd: number;
  /** Mean probability over the span's tokens. */
  score: number;
}

/** Probabilities, `n × labels` row-major. */
export function scoreTokens(model: SpanModel, feats: DocumentFeatures, tokens: readonly Token[]): Float32Array {
  const L = model.labels.length;
  const n = tokens.length;
  const out = new Float32Array(n * L);
  const sentenceSum = new Float32Array(L);
  let currentSentence = -1;
  const z = new Float32Array(L);
  const lookup = model.lookup;
  const add = (list: FeatureList, acc: Float32Array) => {
    const { prefix, value } = list;
    for (let a = 0; a < prefix.length; a++) {
      const m = lookup.get(prefix[a]);
      if (m === undefined) continue;
      const w = m.get(value[a]);
      if (w !== undefined) for (let k = 0; k < L; k++) acc[k] += w[k];
    }
  };
  for (let i = 0; i < n; i++) {
    const s = tokens[i].sentence;
    if (s !== currentSentence) {
      currentSentence = s;
      sentenceSum.set(model.bias);
      const list = feats.sentence[s];
      if (list) add(list, sentenceSum);
    }
    z.set(sentenceSum);
    add(feats.token[i], z);
    for (let k = 0; k < L; k++) out[i * L + k] = 1 / (1 + Math.exp(-z[k]));
  }
  return out;
}

/**
 * `scoreTokens(model, documentFeatures(ctx, ruleFindings), tokens)` without
 * building feature strings: the compiled scorer adds the same weights in the
 * same order by integer ids (the stage's path; span-model.test.ts checks that
 * both agree).
 */
export function scoreDocument(model: SpanModel, ctx: RuleContext, ruleFindings: readonly Finding[]): Float32Array {
  const L = model.labels.length;
  const tokens = ctx.tokens;
  const n = tokens.length;
  const { local: logits, shared } = compiledLogits(model.compiled, ctx, ruleFindings);
  const bias = model.bias;
  for (let i = 0; i < n; i++) {
    const o = i * L;
    const so = tokens[i].sentence * L;
    for (let k = 0; k < L; k++) logits[o + k] = 1 / (1 + Math.exp(-(logits[o + k] + shared[so + k] + bias[k])));
  }
  return logits;
}

/** The spans of one label under one decoding rule. */
export function decodeLabel(model: SpanModel, probs: Float32Array, tokens: readonly Token[], k: number, rule: DecodeRule, out: ModelSpan[] = []): ModelSpan[] {
  const L = model.labels.length;
  const n = tokens.length;
  const th = rule.threshold;
  if (rule.mode === 'off') return out;
  if (rule.mode === 'sentence') {
    let i = 0;
    while (i < n) {
      const s = tokens[i].sentence;
      let j = i;
      let sum = 0;
      let words = 0;
      while (j < n && tokens[j].sentence === s) {
        if (tokens[j].kind !== 'punctuation') {
          sum += probs[j * L + k];
          words++;
        }
        j++;
      }
      if (words > 0 && sum / words > th) pushTrimmed(model, tokens, k, i, j, sum / words, out);
      i = j;
    }
    return out;
  }
  let i = 0;
  while (i < n) {
    if (probs[i * L + k] <= th) {
      i++;
      continue;
    }
    let j = i + 1;
    let sum = probs[i * L + k];
    let max = sum;
    let last = i;
    while (j < n && tokens[j].sentence === tokens[i].sentence && j - last <= rule.gap + 1) {
      const p = probs[j * L + k];
      if (p > th) {
        for (let g = last + 1; g <= j; g++) sum += probs[g * L + k];
        last = j;
        if (p > max) max = p;
      }
      j++;
    }
    j = last + 1;
    if (rule.peak === undefined || max > rule.peak) pushTrimmed(model, tokens, k, i, j, sum / (j - i), out);
    i = j;
  }
  return out;
}

function pushTrimmed(model: SpanModel, tokens: readonly Token[], k: number, i: number, j: number, score: number, out: ModelSpan[]): void {
  let a = i;
  let b = j;
  while (a < b && tokens[a].kind === 'punctuation' && !/^[“‘"(]$/.test(tokens[a].value)) a++;
  while (b > a && tokens[b - 1].kind === 'punctuation' && !/^[”’"')\]]$/.test(tokens[b - 1].value)) b--;
  if (b > a) out.push({ label: model.labels[k], tokenStart: a, tokenEnd: b, score });
}

/** Every label's spans under the model's decoding rules (or `rules`). */
export function decodeSpans(model: SpanModel, probs: Float32Array, tokens: readonly Token[], rules: readonly DecodeRule[] = model.decode): ModelSpan[] {
  const out: ModelSpan[] = [];
  for (let k = 0; k < model.labels.length; k++) decodeLabel(model, probs, tokens, k, rules[k], out);
  return out;
}

/**
 * Serialise as TSV: a header line per label with bias and decoding rule, then
 * one line per feature with its non-zero weights as `labelIndex:weight`.
 */
export function modelToTsv(model: SpanModel, note: string): string {
  const lines = [`# ${note}`, '# @label\tname\tindex\tbias\tmode\tthreshold\tgap\trules[\tpeak=…]'];
  model.labels.forEach((l, k) => {
    const r = model.decode[k];
    // Optional settings (peak) make a ninth column `name=value …`, written only when set (older files have eight).
    const extra = (['peak'] as const).filter((o) => r[o] !== undefined).map((o) => `${o}=${round(r[o] as number)}`);
    const options = extra.length > 0 ? `\t${extra.join(' ')}` : '';
    lines.push(`@label\t${l}\t${k}\t${round(model.bias[k])}\t${r.mode}\t${round(r.threshold)}\t${r.gap}\t${r.rules ? 'rules' : 'no-rules'}${options}`);
  });
  const feats = [...model.weights.keys()].sort();
  for (const f of feats) {
    const w = model.weights.get(f) as Float32Array;
    const parts: string[] = [];
    for (let k = 0; k < w.length; k++) if (w[k] !== 0) parts.push(`${k}:${round(w[k])}`);
    if (parts.length > 0) lines.push(`${f}\t${parts.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function modelFromTsv(tsv: string): SpanModel {
  const labels: string[] = [];
  const bias: number[] = [];
  const decode: DecodeRule[] = [];
  const weights = new Map<string, Float32Array>();
  const rows: Array<[string, string]> = [];
  for (const line of tsv.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('@label\t')) {
      const [, l, , b, mode, t, gap, rules, options] = line.split('\t');
      labels.push(l);
      bias.push(Number(b));
      const rule: DecodeRule = { mode: mode as DecodeRule['mode'], threshold: Number(t), gap: Number(gap), rules: rules === 'rules' };
      for (const o of options ? options.split(' ') : []) {
        const [name, value] = o.split('=');
        if (name !== 'peak') throw new Error(`span model: unknown decoding option ${o}`);
        rule[name] = Number(value);
      }
      decode.push(rule);
    } else {
      const tab = line.lastIndexOf('\t');
      rows.push([line.slice(0, tab), line.slice(tab + 1)]);
    }
  }
  const L = labels.length;
  // One buffer for every row: ~100k small Float32Arrays would each get their own
  // off-heap backing store (tens of MB of RSS beyond the weights themselves).
  const all = new Float32Array(rows.length * L);
  rows.forEach(([f, ws], r) => {
    const w = all.subarray(r * L, (r + 1) * L);
    for (const p of ws.split(' ')) {
      const c = p.indexOf(':');
      w[Number(p.slice(0, c))] = Number(p.slice(c + 1));
    }
    weights.set(f, w);
  });
  return { labels, bias: Float32Array.from(bias), decode, weights, ...buildIndexes(weights, L) };
}

export interface LoadSpanModelOptions {
  /**
   * Keep only what `scoreDocument` and `decodeSpans` use (the compiled scorer,
   * labels, bias, decoding rules): `weights`, `lookup` and `byTemplate` come back
   * empty. The stage loads it so; training and `modelToTsv` need the full model.
   */
  scoringOnly?: boolean;
}

export function loadSpanModel(file: string, options: LoadSpanModelOptions = {}): SpanModel {
  const model = modelFromTsv(readFileSync(file, 'utf8'));
  if (!options.scoringOnly) return model;
  return { ...model, weights: new Map(), lookup: new Map(), byTemplate: [] };
}

function round(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}
