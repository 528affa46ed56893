import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Attribution } from './attribution.js';
import type { Candidate } from './cue-candidates.js';
import { type FeatureKey, hashRange, KeyIds, type KeyMaker, WeightTable } from './feature-key.js';

/**
 * Two linear models over candidate (cue, source, content) readings, trained by
 * scripts/quotes/train-triples.ts (averaged linear models on PolNeAR train) and
 * shipped as data/models/quotes/triples.tsv: a cue classifier (rows `cue:…`)
 * decides whether a candidate cue reports anything, and a reading ranker
 * (the other rows) picks its speaker and content. Rows are kept as feature
 * numbers (feature-key.ts) in typed-array tables.
 */
export interface TripleModel {
  /** Reading ranker: feature → weight (every row). */
  weights: WeightTable;
  /** The same rows for features conjoined with a reading variant (`f|LA`), by feature then variant. */
  byVariant: VariantRows;
  /** A cue's best reading is kept when its score exceeds this (-Infinity: the cue classifier decides). */
  threshold: number;
  /** Cue feature → weight of the cue classifier. */
  cueWeights: WeightTable;
  /** A candidate cue is read when its cue score exceeds this. */
  cueThreshold: number;
  /** The same rows by feature id, for the stage (features built by `ids.keys`). */
  ids: ModelIds;
}

/**
 * Every feature of the model's three tables as one small id (0: in none), and
 * each table as an array by id: the stage builds its features as ids, so that
 * scoring them reads arrays and boxes no 53-bit number.
 */
export interface ModelIds {
  /** Builds a feature's id (a KeyMaker for buildCandidates). */
  keys: KeyMaker;
  /** Ranker weight by id. */
  weight: Float64Array;
  /** Cue classifier weight by id. */
  cueWeight: Float64Array;
  /** Offset of the id's row in `byVariant.values` (-1: none). */
  row: Int32Array;
}

function modelIds(weights: WeightTable, cueWeights: WeightTable, byVariant: VariantRows): ModelIds {
  const table = new KeyIds(weights.size + cueWeights.size);
  const add = (key: number): void => {
    table.add(key);
  };
  weights.forEach(add);
  cueWeights.forEach(add);
  byVariant.rows.forEach(add);
  const n = table.size + 1;
  const weight = new Float64Array(n);
  const cueWeight = new Float64Array(n);
  const row = new Int32Array(n).fill(-1);
  weights.forEach((key, w) => {
    weight[table.add(key)] = w;
  });
  cueWeights.forEach((key, w) => {
    cueWeight[table.add(key)] = w;
  });
  byVariant.rows.forEach((key, r) => {
    row[table.add(key)] = (r - 1) * byVariant.width;
  });
  return { keys: table.keyMaker(), weight, cueWeight, row };
}

function tripleModel(weights: WeightTable, byVariant: VariantRows, threshold: number, cueWeights: WeightTable, cueThreshold: number): TripleModel {
  return { weights, byVariant, threshold, cueWeights, cueThreshold, ids: modelIds(weights, cueWeights, byVariant) };
}

const CUE_PREFIX = 'cue:';

/** Reading shapes (cue-candidates.ts: source side, content side, "that" skipped; or the hand rule's reading). */
const VARIANT = /^(?:[LMNPRSWY][ABCEOQU]t?|rule)$/;

/**
 * Weights of `feature|variant` rows as one typed array, row = feature, column =
 * variant: a cue's shared features are looked up once, then each reading reads
 * its column.
 */
export interface VariantRows {
  /** Feature number → its row + 1 (0: no row). */
  rows: WeightTable;
  /** Variant → column. */
  columns: Map<string, number>;
  width: number;
  values: Float64Array;
}

/** Collects model rows, keyed by ranges of a text so that the model file is hashed without slicing keys. */
class RowCollector {
  weights: WeightTable;
  private bases: number[] = [];
  private cols: number[] = [];
  private ws: number[] = [];
  private columns = new Map<string, number>();
  constructor(capacity: number) {
    this.weights = new WeightTable(capacity);
  }
  add(text: string, from: number, to: number, w: number): void {
    this.weights.set(hashRange(text, from, to), w);
    const bar = text.lastIndexOf('|', to - 1);
    if (bar < from || to - bar > 5) return;
    const variant = text.slice(bar + 1, to);
    if (!VARIANT.test(variant)) return;
    let col = this.columns.get(variant);
    if (col === undefined) {
      col = this.columns.size;
      this.columns.set(variant, col);
    }
    this.bases.push(hashRange(text, from, bar));
    this.cols.push(col);
    this.ws.push(w);
  }
  variantRows(): VariantRows {
    const rows = new WeightTable(this.bases.length);
    let n = 0;
    for (const b of this.bases) if (rows.get(b) === 0) rows.set(b, ++n);
    const width = this.columns.size;
    const values = new Float64Array(n * width);
    this.bases.forEach((b, k) => {
      values[(rows.get(b) - 1) * width + this.cols[k]] = this.ws[k];
    });
    return { rows, columns: this.columns, width, values };
  }
}

/** Does the cue classifier accept a cue with these features? */
export function cueScore(model: TripleModel, features: readonly FeatureKey[]): number {
  return scoreFeatures(model.cueWeights, features);
}

/**
 * Parse the model file in one pass over its text: each row's key is hashed in
 * place (no key string is cut out), only the weight is sliced.
 */
export function parseTripleModel(tsv: string): TripleModel {
  let rows = 0;
  let cueRows = 0;
  for (let at = tsv.indexOf('\n'); at >= 0; at = tsv.indexOf('\n', at + 1)) {
    rows++;
    if (tsv.startsWith(CUE_PREFIX, at + 1)) cueRows++;
  }
  const collector = new RowCollector(rows - cueRows);
  const cueWeights = new WeightTable(cueRows);
  let threshold = 0;
  let cueThreshold = 0;
  let start = 0;
  while (start < tsv.length) {
    let end = tsv.indexOf('\n', start);
    if (end < 0) end = tsv.length;
    const next = end + 1;
    if (end === start || tsv.charCodeAt(start) === 35 /* # */) {
      start = next;
      continue;
    }
    const tab = tsv.lastIndexOf('\t', end - 1);
    const special = tsv.charCodeAt(start) === 64; /* @ */
    const w = tab <= start ? Number.NaN : special ? Number(tsv.slice(tab + 1, end)) : parseWeight(tsv, tab + 1, end);
    if (tab <= start || Number.isNaN(w) || (!Number.isFinite(w) && !special))
      throw new Error(`triples model: bad row ${JSON.stringify(tsv.slice(start, end))}`);
    if (special) {
      const key = tsv.slice(start, tab);
      if (key === '@threshold') threshold = w;
      else if (key === '@cueThreshold') cueThreshold = w;
    } else if (tsv.startsWith(CUE_PREFIX, start)) cueWeights.set(hashRange(tsv, start + CUE_PREFIX.length, tab), w);
    else collector.add(tsv, start, tab, w);
    start = next;
  }
  return tripleModel(collector.weights, collector.variantRows(), threshold, cueWeights, cueThreshold);
}

/**
 * A plain decimal weight ("-1.2345") read in place: the digits as an integer
 * divided by a power of ten is the same double `Number` gives (both exact,
 * one correctly rounded division). Anything else falls back to `Number`.
 */
function parseWeight(text: string, from: number, to: number): number {
  let i = from;
  const negative = text.charCodeAt(i) === 45; /* - */
  if (negative) i++;
  let digits = 0;
  let scale = 1;
  let seenPoint = false;
  let count = 0;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ && !seenPoint) {
      seenPoint = true;
      continue;
    }
    if (c < 48 || c > 57 || count >= 15) return Number(text.slice(from, to));
    digits = digits * 10 + (c - 48);
    count++;
    if (seenPoint) scale *= 10;
  }
  if (count === 0) return Number.NaN;
  const v = digits / scale;
  return negative ? -v : v;
}

/** Model rows as TSV lines (cue rows prefixed `cue:`), sorted, for the training script. */
export function modelRows(weights: ReadonlyMap<string, number>, cueWeights: ReadonlyMap<string, number>): string[] {
  const rows = [...[...cueWeights].map(([f, v]) => [`${CUE_PREFIX}${f}`, v] as const), ...weights];
  return rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([f, v]) => `${f}\t${v}`);
}

/** A model from string-keyed weights (the training script's averaged cue classifier and ranker). */
export function tripleModelOf(
  weights: ReadonlyMap<string, number>,
  threshold: number,
  cueWeights: ReadonlyMap<string, number> = new Map(),
  cueThreshold = Number.NEGATIVE_INFINITY,
): TripleModel {
  const collector = new RowCollector(weights.size);
  for (const [k, v] of weights) collector.add(k, 0, k.length, v);
  const cw = new WeightTable(cueWeights.size);
  for (const [k, v] of cueWeights) cw.set(k, v);
  return tripleModel(collector.weights, collector.variantRows(), threshold, cw, cueThreshold);
}

export function loadTripleModel(dataDir: string): TripleModel {
  return parseTripleModel(readFileSync(path.join(dataDir, 'models', 'quotes', 'triples.tsv'), 'utf8'));
}

export function scoreFeatures(weights: WeightTable, features: readonly FeatureKey[]): number {
  let s = 0;
  for (let k = 0; k < features.length; k++) s += weights.get(features[k]);
  return s;
}

/** The best-scoring reading of each cue, when it beats the threshold; in cue order. */
export function chooseReadings(candidates: readonly Candidate[], model: TripleModel): Attribution[] {
  const best = new Map<number, { score: number; a: Attribution }>();
  const { weights } = model;
  const { rows, columns, width, values } = model.byVariant;
  let sharedOf: readonly FeatureKey[] | null = null;
  let offsets: number[] = [];
  for (const c of candidates) {
    if (c.shared !== sharedOf) {
      sharedOf = c.shared;
      offsets = [];
      for (const f of c.shared) {
        const row = rows.get(f);
        if (row > 0) offsets.push((row - 1) * width);
      }
    }
    let score = scoreFeatures(weights, c.own);
    const col = columns.get(c.variant);
    if (col !== undefined) for (let k = 0; k < offsets.length; k++) score += values[offsets[k] + col];
    const prev = best.get(c.cueStart);
    if (score > model.threshold && (!prev || score > prev.score)) best.set(c.cueStart, { score, a: c.attribution });
  }
  return [...best.entries()].sort((x, y) => x[0] - y[0]).map(([, v]) => v.a);
}

/** `cueScore` of features built by `model.ids.keys`. */
export function cueScoreOfIds(model: TripleModel, ids: readonly FeatureKey[]): number {
  const w = model.ids.cueWeight;
  let s = 0;
  for (let k = 0; k < ids.length; k++) s += w[ids[k] as number];
  return s;
}

/** `chooseReadings` of candidates whose features were built by `model.ids.keys` (the same sums in the same order). */
export function chooseReadingsOfIds(candidates: readonly Candidate[], model: TripleModel): Attribution[] {
  const best = new Map<number, { score: number; a: Attribution }>();
  const { weight, row } = model.ids;
  const { columns, values } = model.byVariant;
  let sharedOf: readonly FeatureKey[] | null = null;
  let offsets: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if (c.shared !== sharedOf) {
      sharedOf = c.shared;
      offsets = [];
      for (let k = 0; k < sharedOf.length; k++) {
        const r = row[sharedOf[k] as number];
        if (r >= 0) offsets.push(r);
      }
    }
    const own = c.own;
    let score = 0;
    for (let k = 0; k < own.length; k++) score += weight[own[k] as number];
    const col = columns.get(c.variant);
    if (col !== undefined) for (let k = 0; k < offsets.length; k++) score += values[offsets[k] + col];
    const prev = best.get(c.cueStart);
    if (score > model.threshold && (!prev || score > prev.score)) best.set(c.cueStart, { score, a: c.attribution });
  }
  return [...best.entries()].sort((x, y) => x[0] - y[0]).map(([, v]) => v.a);
}
