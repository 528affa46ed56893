import { historyFeatures, recordHistory, sentenceEmissions } from './decode.js';
import { type DocumentFeatures, FeatureExtractor, type SentenceRange, type WordClusters } from './features.js';
import type { Gazetteer } from './gazetteer.js';
import { LABEL_COUNT } from './labels.js';
import { viterbi } from './viterbi.js';

const L = LABEL_COUNT;

export interface TrainingDocument {
  values: string[];
  sentences: SentenceRange[];
  /** Gold BILOU label per token. */
  labels: Uint8Array;
  /** The document's own gold names (phrase → type mask), left out of the train gazetteer. */
  gazetteerExclude?: Map<string, number>;
}

export interface PerceptronOptions {
  epochs: number;
  /** Seed of the per-epoch document shuffle. */
  seed: number;
  gazetteer: Gazetteer | null;
  clusters: WordClusters | null;
  /** Features seen fewer times than this in training are dropped before learning. */
  minCount?: number;
  /** Called after each epoch with the averaged weights so far (for dev scoring). */
  onEpoch?(epoch: number, weights: TrainedWeights): void;
}

/** Averaged weights: `emit[f * L + y]`, `trans[(prev + 1) * L + y]`. */
export interface TrainedWeights {
  featureNames: string[];
  emit: Float64Array;
  trans: Float64Array;
}

/** A small deterministic PRNG (mulberry32): the shuffle must not depend on Math.random. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Feature index that grows during training. */
class GrowingIndex {
  readonly map = new Map<string, number>();
  readonly names: string[] = [];
  frozen = false;
  get(name: string): number {
    const id = this.map.get(name);
    if (id !== undefined) return id;
    if (this.frozen) return -1;
    this.map.set(name, this.names.length);
    this.names.push(name);
    return this.names.length - 1;
  }
}

/**
 * Averaged structured perceptron (Collins 2002) with Viterbi decoding over
 * BILOU labels. Deterministic: documents are visited in an order shuffled by
 * a seeded PRNG; no floating-point reductions depend on scheduling.
 */
export function trainPerceptron(docs: readonly TrainingDocument[], options: PerceptronOptions): TrainedWeights {
  const index = new GrowingIndex();
  // Pre-pass to count features, so that singletons can be dropped before learning.
  let extractor = new FeatureExtractor(index, options.gazetteer, options.clusters);
  let feats: DocumentFeatures[] = docs.map((d) => extractor.extract(d.values, d.sentences, d.gazetteerExclude));
  const minCount = options.minCount ?? 1;
  let names = index.names;
  if (minCount > 1) {
    const counts = new Int32Array(index.names.length);
    for (const f of feats) for (const id of f.ids) counts[id]++;
    const kept = new GrowingIndex();
    for (let id = 0; id < index.names.length; id++) {
      const name = index.names[id];
      if (counts[id] >= minCount || name.startsWith('h=') || name === 'b') kept.get(name);
    }
    for (const name of index.names) if (name.startsWith('h=') || /^g[tc]:/.test(name)) kept.get(name);
    kept.frozen = true;
    extractor = new FeatureExtractor(kept, options.gazetteer, options.clusters);
    feats = docs.map((d) => extractor.extract(d.values, d.sentences, d.gazetteerExclude));
    names = kept.names;
  } else {
    index.frozen = true;
    // History features are created lazily in the extractor constructor; make sure they exist.
  }
  const F = names.length;
  const historyIds = extractor.historyIds;
  const w = new Float64Array(F * L);
  const u = new Float64Array(F * L);
  const t = new Float64Array((L + 1) * L);
  const tu = new Float64Array((L + 1) * L);
  let c = 1;
  const rand = mulberry32(options.seed);
  const order = docs.map((_, i) => i);
  let emit = new Float64Array(256 * L);
  let pred = new Uint8Array(256);
  const hist: number[] = [];

  const averaged = (): TrainedWeights => {
    const emitAvg = new Float64Array(F * L);
    for (let k = 0; k < emitAvg.length; k++) emitAvg[k] = w[k] - u[k] / c;
    const transAvg = new Float64Array(t.length);
    for (let k = 0; k < t.length; k++) transAvg[k] = t[k] - tu[k] / c;
    return { featureNames: names, emit: emitAvg, trans: transAvg };
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const d of order) {
      const f = feats[d];
      const gold = docs[d].labels;
      const history = new Map<string, number>();
      for (const s of docs[d].sentences) {
        const a = s.tokenStart;
        const n = s.tokenEnd - a;
        if (n <= 0) continue;
        if (emit.length < n * L) {
          emit = new Float64Array(n * L * 2);
          pred = new Uint8Array(n * 2);
        }
        sentenceEmissions(f, a, a + n, history, historyIds, w, emit);
        viterbi(emit, n, t, pred);
        let wrong = false;
        for (let i = 0; i < n; i++) if (pred[i] !== gold[a + i]) wrong = true;
        if (wrong) {
          for (let i = 0; i < n; i++) {
            const g = gold[a + i];
            const p = pred[i];
            const gPrev = i > 0 ? gold[a + i - 1] + 1 : 0;
            const pPrev = i > 0 ? pred[i - 1] + 1 : 0;
            if (g !== p || gPrev !== pPrev) {
              t[gPrev * L + g] += 1;
              tu[gPrev * L + g] += c;
              t[pPrev * L + p] -= 1;
              tu[pPrev * L + p] -= c;
            }
            if (g === p) continue;
            historyFeatures(f, a + i, history, historyIds, hist);
            const update = (id: number) => {
              w[id * L + g] += 1;
              u[id * L + g] += c;
              w[id * L + p] -= 1;
              u[id * L + p] -= c;
            };
            for (let k = f.start[a + i]; k < f.start[a + i + 1]; k++) update(f.ids[k]);
            for (const id of hist) update(id);
          }
        }
        c++;
        // The history holds the model's own predictions, as it will at run time.
        recordHistory(f, a, a + n, pred, history);
      }
    }
    options.onEpoch?.(epoch, averaged());
  }
  return averaged();
}
