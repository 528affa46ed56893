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
import { TECHNIQUES } from '../../schema/vocabulary.js';
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
  const vectors: Float32Array[] = [];
  const tables = byTemplate.map((table) => {
    const rows = new Map<string, number>();
    for (const [v, w] of table) {
      rows.set(v, vectors.length);
      vectors.push(w);
    }
    return rows;
  });
  const dense = new Float32Array(vectors.length * labels);
  for (let r = 0; r < vectors.length; r++) dense.set(vectors[r].subarray(0, labels), r * labels);
  return { lookup, byTemplate, compiled: compileScorer(tables, dense, labels) };
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
  const { local, shared, stride } = compiledLogits(model.compiled, ctx, ruleFindings);
  const bias = model.bias;
  const out = new Float32Array(n * L);
  for (let i = 0; i < n; i++) {
    const o = i * stride;
    const so = tokens[i].sentence * stride;
    for (let k = 0; k < L; k++) out[i * L + k] = 1 / (1 + Math.exp(-(local[o + k] + shared[so + k] + bias[k])));
  }
  return out;
}

/**
 * The stage's model spans: `decodeSpans(model, scoreDocument(model, ctx,
 * ruleFindings), tokens)` without the `ANY` spans (combineFindings drops
 * them), and without computing what cannot change a span: `ANY` is not
 * decoded, and a run label's probability is computed only for tokens whose
 * logit is within a margin of the label's threshold (a sigmoid under it is
 * under the threshold) or that a run bridges. Every probability that is
 * computed is the same float32 `scoreDocument` stores, and the decoding is
 * `decodeLabel`'s, so the spans are identical (span-model.test.ts checks it).
 */
export function documentSpans(model: SpanModel, ctx: RuleContext, ruleFindings: readonly Finding[]): ModelSpan[] {
  const L = model.labels.length;
  const tokens = ctx.tokens;
  const n = tokens.length;
  const skipAny = model.labels[0] === 'ANY';
  const { local, shared, stride: R } = compiledLogits(model.compiled, ctx, ruleFindings);
  const bias = model.bias;
  if (sentenceOf.length < n) {
    sentenceOf = new Int32Array(n * 2);
    punctuation = new Uint8Array(n * 2);
  }
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    sentenceOf[i] = t.sentence;
    punctuation[i] = t.kind === 'punctuation' ? 1 : 0;
  }
  const prob = (i: number, k: number): number => Math.fround(1 / (1 + Math.exp(-(local[i * R + k] + shared[sentenceOf[i] * R + k] + bias[k]))));
  // Per label, the logit under which the probability is surely ≤ its threshold (the margin dwarfs float32 and exp rounding).
  const first = skipAny ? 1 : 0;
  const skipBelow = new Float64Array(L);
  for (let k = first; k < L; k++) {
    const rule = model.decode[k];
    const th = rule.threshold;
    skipBelow[k] = rule.mode === 'off' ? Number.POSITIVE_INFINITY : th > 0 && th < 1 ? Math.log(th / (1 - th)) - 1e-3 : Number.NEGATIVE_INFINITY;
  }
  // Per token, bit k when label k's logit is over `skipBelow[k]` (the only tokens whose probability may pass):
  // one pass over the sums, token after token; every bit set when the labels outnumber the bits.
  const any = candidates(local, shared, R, bias, skipBelow, first, L, n);
  const out: ModelSpan[] = [];
  for (let k = first; k < L; k++) {
    const rule = model.decode[k];
    const th = rule.threshold;
    // Off, or no token over the skip logit: no span (a sentence's mean is under the threshold when all its words are).
    if (rule.mode === 'off' || (any & (1 << k)) === 0) continue;
    const bit = 1 << k;
    if (rule.mode === 'sentence') {
      let i = 0;
      while (i < n) {
        const s = sentenceOf[i];
        // A sentence whose every word is surely under the threshold has its mean under it too: no exp needed.
        let j = i;
        let words = 0;
        let high = false;
        while (j < n && sentenceOf[j] === s) {
          if (punctuation[j] === 0) {
            words++;
            if (candidate[j] & bit) high = true;
          }
          j++;
        }
        if (high) {
          let sum = 0;
          for (let g = i; g < j; g++) if (punctuation[g] === 0) sum += prob(g, k);
          if (sum / words > th) pushTrimmed(model, tokens, k, i, j, sum / words, out);
        }
        i = j;
      }
      continue;
    }
    const probOf = (i: number): number => prob(i, k);
    const over = (i: number): boolean => (candidate[i] & bit) !== 0 && prob(i, k) > th;
    decodeRuns(model, tokens, k, rule, sentenceOf, over, probOf, out);
  }
  return out;
}

/**
 * The `run` decoding of one label: a span starts at a token over the threshold
 * and takes in later ones of its sentence while the gap between them is at most
 * `rule.gap`; its score is the mean probability over all its tokens. `over` and
 * `prob` let the stage (`documentSpans`) compute probabilities lazily and
 * training (`decodeLabel`) read them from an array, with the same decoding.
 */
function decodeRuns(
  model: SpanModel,
  tokens: readonly Token[],
  k: number,
  rule: DecodeRule,
  sentenceOf: Int32Array,
  over: (i: number) => boolean,
  prob: (i: number) => number,
  out: ModelSpan[],
): void {
  const n = tokens.length;
  let i = 0;
  while (i < n) {
    if (!over(i)) {
      i++;
      continue;
    }
    let j = i + 1;
    let sum = prob(i);
    let max = sum;
    let last = i;
    while (j < n && sentenceOf[j] === sentenceOf[i] && j - last <= rule.gap + 1) {
      if (over(j)) {
        const p = prob(j);
        for (let g = last + 1; g <= j; g++) sum += prob(g);
        last = j;
        if (p > max) max = p;
      }
      j++;
    }
    j = last + 1;
    if (rule.peak === undefined || max > rule.peak) pushTrimmed(model, tokens, k, i, j, sum / (j - i), out);
    i = j;
  }
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
  const sentences = Int32Array.from(tokens, (t) => t.sentence);
  decodeRuns(
    model,
    tokens,
    k,
    rule,
    sentences,
    (i) => probs[i * L + k] > th,
    (i) => probs[i * L + k],
    out,
  );
  return out;
}

/** Per-token scratch of documentSpans, kept between documents (grown as needed). */
let sentenceOf = new Int32Array(4096);
let punctuation = new Uint8Array(4096);
let candidate = new Int32Array(4096);

/**
 * `candidate[i]`: bit k set when token i's logit for label k (sums plus bias,
 * added in double as `prob` adds them) is over `skipBelow[k]`, for labels
 * `first‥L-1`; with more than 31 labels every bit is set (no skipping). Returns the union.
 */
function candidates(
  local: Float32Array,
  shared: Float32Array,
  R: number,
  bias: Float32Array,
  skipBelow: Float64Array,
  first: number,
  L: number,
  n: number,
): number {
  if (candidate.length < n) candidate = new Int32Array(n * 2);
  if (L > 31) {
    candidate.fill(-1, 0, n);
    return -1;
  }
  let any = 0;
  for (let i = 0; i < n; i++) {
    const o = i * R;
    const so = sentenceOf[i] * R;
    let bits = 0;
    for (let k = first; k < L; k++) if (local[o + k] + shared[so + k] + bias[k] > skipBelow[k]) bits |= 1 << k;
    candidate[i] = bits;
    any |= bits;
  }
  return any;
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

/** A `@label` line: the label's name, bias and decoding rule. */
function parseLabelLine(line: string): { label: string; bias: number; rule: DecodeRule } {
  const [, l, , b, mode, t, gap, rules, options] = line.split('\t');
  const rule: DecodeRule = { mode: mode as DecodeRule['mode'], threshold: Number(t), gap: Number(gap), rules: rules === 'rules' };
  for (const o of options ? options.split(' ') : []) {
    const [name, value] = o.split('=');
    if (name !== 'peak') throw new Error(`span model: unknown decoding option ${o}`);
    rule[name] = Number(value);
  }
  return { label: l, bias: Number(b), rule };
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
      const { label, bias: b, rule } = parseLabelLine(line);
      labels.push(label);
      bias.push(b);
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

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `Number(text)` for the bytes `[a, b)` when they are a plain decimal as
 * `round` writes it ("-0.2834"): an integer of at most 15 digits over an exact
 * power of ten is one correctly rounded division, the same double `Number`
 * gives. Anything else (an exponent, too many digits) goes through `Number`.
 */
function parseDecimal(buf: Uint8Array, a: number, b: number): number {
  let k = a;
  let sign = 1;
  if (buf[k] === 45 /* - */) {
    sign = -1;
    k++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; k < b; k++) {
    const ch = buf[k];
    if (ch >= 48 && ch <= 57) {
      mantissa = mantissa * 10 + (ch - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (ch === 46 /* . */ && scale < 0) scale = 0;
    else return Number(Buffer.from(buf.buffer, buf.byteOffset + a, b - a).toString('latin1'));
  }
  if (digits === 0 || digits > 15 || scale === 0) return Number(Buffer.from(buf.buffer, buf.byteOffset + a, b - a).toString('latin1'));
  return sign * (scale > 0 ? mantissa / POW10[scale] : mantissa);
}

/** Feature prefixes (as bytes; all ASCII) by first byte, longest first (as `buildLookup` tries them). */
const PREFIXES_BY_BYTE = (() => {
  const out = new Map<number, Array<{ bytes: Uint8Array; template: number }>>();
  for (const p of BY_LENGTH) {
    const c = p.charCodeAt(0);
    let list = out.get(c);
    if (!list) out.set(c, (list = []));
    list.push({ bytes: Buffer.from(p, 'latin1'), template: FEATURE_PREFIXES.indexOf(p) });
  }
  return out;
})();

/**
 * The scoring-only model straight from the TSV's bytes: labels, bias,
 * decoding rules and the compiled scorer, without a `Float32Array` and
 * string-keyed map entry per feature (`weights`, `lookup` and `byTemplate`
 * come back empty). Working on bytes, each feature value is decoded on its
 * own: no 10 MB string of the whole file is decoded, nor kept alive by the
 * slices of it that the vocabulary would hold. The compiled scorer is the one
 * `modelFromTsv` builds (span-model.test.ts checks they score bit for bit alike).
 */
export function scoringModelFromTsv(tsv: Uint8Array | string): SpanModel {
  const buf = typeof tsv === 'string' ? Buffer.from(tsv, 'utf8') : Buffer.from(tsv.buffer, tsv.byteOffset, tsv.byteLength);
  const labels: string[] = [];
  const bias: number[] = [];
  const decode: DecodeRule[] = [];
  const tables = FEATURE_PREFIXES.map(() => new Map<string, number>());
  let weights = new Float32Array(0);
  let rowCount = 0;
  let L = 0;
  const n = buf.length;
  const LABEL_LINE = Buffer.from('@label\t', 'latin1');
  for (let pos = 0; pos < n; ) {
    let end = buf.indexOf(10 /* \n */, pos);
    if (end < 0) end = n;
    const first = buf[pos];
    if (end === pos || first === 35 /* # */) {
      pos = end + 1;
      continue;
    }
    if (first === 64 /* @ */ && buf.subarray(pos, pos + LABEL_LINE.length).equals(LABEL_LINE)) {
      if (rowCount > 0) throw new Error('span model: @label line after the weights');
      const { label: l, bias: b, rule } = parseLabelLine(buf.toString('utf8', pos, end));
      labels.push(l);
      bias.push(b);
      decode.push(rule);
      L = labels.length;
      pos = end + 1;
      continue;
    }
    const tab = buf.lastIndexOf(9 /* \t */, end - 1);
    const candidates = PREFIXES_BY_BYTE.get(first);
    let template = -1;
    let prefixLength = 0;
    if (candidates !== undefined && tab > pos)
      for (const c of candidates) {
        const m = c.bytes.length;
        let k = 0;
        while (k < m && buf[pos + k] === c.bytes[k]) k++;
        if (k === m) {
          template = c.template;
          prefixLength = m;
          break;
        }
      }
    if (template < 0) {
      // No known prefix: the string-keyed model keeps it under '' and no scorer reads it.
      pos = end + 1;
      continue;
    }
    if ((rowCount + 1) * L > weights.length) weights = grow(weights, Math.max(1 << 20, (rowCount + 1) * L));
    // Weights `k:w k:w …`; a repeated label keeps its last weight, as in modelFromTsv.
    const o = rowCount * L;
    let p = tab + 1;
    while (p < end) {
      let q = buf.indexOf(32 /* space */, p);
      if (q < 0 || q > end) q = end;
      let colon = p;
      while (colon < q && buf[colon] !== 58 /* : */) colon++;
      const k = parseDecimal(buf, p, colon);
      if (k >= 0 && k < L) weights[o + k] = parseDecimal(buf, colon + 1, q);
      p = q + 1;
    }
    tables[template].set(buf.toString('utf8', pos + prefixLength, tab), rowCount++);
    pos = end + 1;
  }
  return {
    labels,
    bias: Float32Array.from(bias),
    decode,
    weights: new Map(),
    lookup: new Map(),
    byTemplate: [],
    compiled: compileScorer(tables, weights.slice(0, rowCount * L), L),
  };
}

/** A copy of `a` with room for at least `min` elements (doubling). */
function grow(a: Float32Array<ArrayBuffer>, min: number): Float32Array<ArrayBuffer> {
  let size = Math.max(1, a.length);
  while (size < min) size *= 2;
  const b = new Float32Array(size);
  b.set(a);
  return b;
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
  return options.scoringOnly ? scoringModelFromTsv(readFileSync(file)) : modelFromTsv(readFileSync(file, 'utf8'));
}

function round(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}
