import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Attribution } from './attribution.js';
import type { Candidate } from './cue-candidates.js';

/**
 * Two linear models over candidate (cue, source, content) readings, trained by
 * scripts/quotes/train-triples.ts (averaged perceptrons on PolNeAR train) and
 * shipped as data/models/quotes/triples.tsv: a cue classifier (rows `cue:…`)
 * decides whether a candidate cue reports anything, and a reading ranker
 * (the other rows) picks its speaker and content.
 */
export interface TripleModel {
  weights: Map<string, number>;
  /** The same weights keyed by shared cue feature, then by reading variant (see Candidate.shared). */
  byVariant: Map<string, Map<string, number>>;
  /** A cue's best reading is kept when its score exceeds this (-Infinity: the cue classifier decides). */
  threshold: number;
  /** Cue feature → weight of the cue classifier. */
  cueWeights: Map<string, number>;
  /** A candidate cue is read when its cue score exceeds this. */
  cueThreshold: number;
}

const CUE_PREFIX = 'cue:';

/** Does the cue classifier accept a cue with these features? */
export function cueScore(model: TripleModel, features: readonly string[]): number {
  return scoreFeatures(model.cueWeights, features);
}

export function parseTripleModel(tsv: string): TripleModel {
  const weights = new Map<string, number>();
  const cueWeights = new Map<string, number>();
  let threshold = 0;
  let cueThreshold = 0;
  for (const line of tsv.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.lastIndexOf('\t');
    const key = line.slice(0, tab);
    const w = Number(line.slice(tab + 1));
    if (tab <= 0 || Number.isNaN(w) || (!Number.isFinite(w) && !key.startsWith('@'))) throw new Error(`triples model: bad row ${JSON.stringify(line)}`);
    if (key === '@threshold') threshold = w;
    else if (key === '@cueThreshold') cueThreshold = w;
    else if (key.startsWith(CUE_PREFIX)) cueWeights.set(key.slice(CUE_PREFIX.length), w);
    else weights.set(key, w);
  }
  return withVariants(weights, threshold, cueWeights, cueThreshold);
}

/** Model rows as TSV lines (cue rows prefixed `cue:`), sorted, for the training script. */
export function modelRows(weights: ReadonlyMap<string, number>, cueWeights: ReadonlyMap<string, number>): string[] {
  const rows = [...[...cueWeights].map(([f, v]) => [`${CUE_PREFIX}${f}`, v] as const), ...weights];
  return rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([f, v]) => `${f}\t${v}`);
}

/** Index `feature|variant` weights by feature, so a cue's shared features are looked up once. */
export function withVariants(
  weights: Map<string, number>,
  threshold: number,
  cueWeights: Map<string, number> = new Map(),
  cueThreshold = Number.NEGATIVE_INFINITY,
): TripleModel {
  const byVariant = new Map<string, Map<string, number>>();
  for (const [key, w] of weights) {
    const bar = key.lastIndexOf('|');
    if (bar < 0) continue;
    const base = key.slice(0, bar);
    const inner = byVariant.get(base) ?? new Map<string, number>();
    inner.set(key.slice(bar + 1), w);
    byVariant.set(base, inner);
  }
  return { weights, byVariant, threshold, cueWeights, cueThreshold };
}

export function loadTripleModel(dataDir: string): TripleModel {
  return parseTripleModel(readFileSync(path.join(dataDir, 'models', 'quotes', 'triples.tsv'), 'utf8'));
}

export function scoreFeatures(weights: ReadonlyMap<string, number>, features: readonly string[]): number {
  let s = 0;
  for (const f of features) s += weights.get(f) ?? 0;
  return s;
}

/** The best-scoring reading of each cue, when it beats the threshold; in cue order. */
export function chooseReadings(candidates: readonly Candidate[], model: TripleModel): Attribution[] {
  const best = new Map<number, { score: number; a: Attribution }>();
  let sharedOf: readonly string[] | null = null;
  let inner: Array<Map<string, number> | undefined> = [];
  for (const c of candidates) {
    if (c.shared !== sharedOf) {
      sharedOf = c.shared;
      inner = c.shared.map((f) => model.byVariant.get(f));
    }
    let score = scoreFeatures(model.weights, c.own);
    for (const m of inner) score += m?.get(c.variant) ?? 0;
    const prev = best.get(c.cueStart);
    if (score > model.threshold && (!prev || score > prev.score)) best.set(c.cueStart, { score, a: c.attribution });
  }
  return [...best.entries()].sort((x, y) => x[0] - y[0]).map(([, v]) => v.a);
}
