import { recordHistory, sentenceEmissionsAtRunTime } from './decode.js';
import type { SentenceRange } from './features.js';
import { glueParticles, type JoinableToken, joinHyphenatedSpans } from './join-hyphenated.js';
import { LABEL_COUNT, NER_TYPES, type NerType, spansFromLabels } from './labels.js';
import type { NerModel } from './model.js';
import { allowedPairScores, TRANSITION_MASK, viterbi } from './viterbi.js';

const L = LABEL_COUNT;

/** A detected name: token indices `[tokenStart, tokenEnd)` of the document's tokens. */
export interface NerSpan {
  tokenStart: number;
  tokenEnd: number;
  type: NerType;
  /** Confidence in 0–1 from the Viterbi margin, calibrated on eng.testa. */
  score: number;
}

/** Per loaded model, its transition scores in the decoder's order (computed once). */
const modelPairs = new WeakMap<NerModel, Float64Array>();
let labels = new Uint8Array(256);

/**
 * Find PER/ORG/LOC/MISC names in a whole document. Sentences are tagged in
 * order so that a word's earlier labels in the document inform later ones
 * (the prediction history). Pieces of a hyphenated name are joined into one span. Sentences out of range or overlapping are clipped.
 *
 * @example
 * const spans = tagEntities(model, segmentation.tokens, segmentation.sentences);
 * // → [{ tokenStart: 0, tokenEnd: 2, type: 'PER', score: 0.97 }, …]
 */
export function tagEntities(model: NerModel, tokens: readonly JoinableToken[], sentences: readonly SentenceRange[]): NerSpan[] {
  // Tag on CoNLL-like tokens ("al-Kadhimi" whole), then map the spans back to the caller's tokens.
  const glued = glueParticles(tokens);
  const values = glued.values;
  const n = values.length;
  // Loops rather than map() here and in cleanSentences: map's arrays change elements kind
  // between the engine's tiers, which deoptimises the code that reads them.
  const gluedSentences: SentenceRange[] = [];
  for (const s of sentences) {
    const a = Math.max(0, Math.min(tokens.length, Math.floor(s.tokenStart)));
    const b = Math.max(0, Math.min(tokens.length, Math.floor(s.tokenEnd)));
    gluedSentences.push({ tokenStart: a < tokens.length ? glued.of[a] : n, tokenEnd: b > a ? glued.of[b - 1] + 1 : a < tokens.length ? glued.of[a] : n });
  }
  const ranges = cleanSentences(gluedSentences, n);
  const f = model.extractor.extract(values, ranges);
  const history = new Map<string, number>();
  const spans: NerSpan[] = [];
  let pairs = modelPairs.get(model);
  if (!pairs) {
    pairs = allowedPairScores(model.trans);
    modelPairs.set(model, pairs);
  }
  for (const s of ranges) {
    const a = s.tokenStart;
    const len = s.tokenEnd - a;
    if (labels.length < len) labels = new Uint8Array(len * 2);
    const emit = sentenceEmissionsAtRunTime(f, a, s.tokenEnd, history, model.extractor.historyIds, model.weights);
    viterbi(emit, len, model.trans, labels, pairs);
    const found = spansFromLabels(labels.subarray(0, len));
    for (const span of found) {
      const margin = spanMargin(emit, labels, len, span.start, span.end, model.trans);
      spans.push({
        tokenStart: glued.first[a + span.start],
        tokenEnd: glued.first[a + span.end],
        type: NER_TYPES[span.type],
        score: 1 / (1 + Math.exp(-(model.calibration.scale * margin + model.calibration.bias))),
      });
    }
    recordHistory(f, a, s.tokenEnd, labels, history);
  }
  // Hyphenated names that wink split into pieces ("al" "-" "Kadhimi") become one span again.
  return joinHyphenatedSpans(spans, tokens);
}

/**
 * The smallest, over the span's tokens, of how much better the chosen label
 * scores than the best other label with the chosen neighbours held fixed.
 */
function spanMargin(emit: Float64Array, labels: Uint8Array, n: number, from: number, to: number, trans: Float64Array): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = from; i < to; i++) {
    const prev = i > 0 ? labels[i - 1] + 1 : 0;
    const next = i + 1 < n ? labels[i + 1] : -1;
    const chosen = labels[i];
    let chosenScore = 0;
    let other = Number.NEGATIVE_INFINITY;
    for (let y = 0; y < L; y++) {
      let s = emit[i * L + y] + trans[prev * L + y] + TRANSITION_MASK[prev * L + y];
      if (next >= 0) s += trans[(y + 1) * L + next] + TRANSITION_MASK[(y + 1) * L + next];
      if (y === chosen) chosenScore = s;
      else if (s > other) other = s;
    }
    min = Math.min(min, chosenScore - other);
  }
  return min;
}

/** Sentences sorted, clipped to `[0, n)` and made disjoint. */
function cleanSentences(sentences: readonly SentenceRange[], n: number): SentenceRange[] {
  const sorted: SentenceRange[] = [];
  for (const s of sentences) {
    const clipped = { tokenStart: Math.max(0, Math.floor(s.tokenStart)), tokenEnd: Math.min(n, Math.floor(s.tokenEnd)) };
    if (clipped.tokenEnd > clipped.tokenStart) sorted.push(clipped);
  }
  sorted.sort((x, y) => x.tokenStart - y.tokenStart || x.tokenEnd - y.tokenEnd);
  const out: SentenceRange[] = [];
  let cursor = 0;
  for (const s of sorted) {
    const start = Math.max(s.tokenStart, cursor);
    if (s.tokenEnd <= start) continue;
    out.push({ tokenStart: start, tokenEnd: s.tokenEnd });
    cursor = s.tokenEnd;
  }
  return out;
}
