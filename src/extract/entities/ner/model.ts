import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLUSTER_PREFIXES, FeatureExtractor, type WordClusters } from './features.js';
import { type Gazetteer, gazetteerFrom } from './gazetteer.js';
import { LABEL_COUNT, labelName } from './labels.js';
import { type SparseRows, sparseRows } from './sparse-rows.js';

const L = LABEL_COUNT;

/** A loaded tagger: feature index, weights and the word lists its features use. */
export interface NerModel {
  index: Map<string, number>;
  /** The emission weights `w[featureId * L + label]` as sparse rows (a feature has ~4 non-zero labels of 17). */
  weights: SparseRows;
  /** `trans[(prev + 1) * L + label]`, row 0 = sentence start. */
  trans: Float64Array;
  extractor: FeatureExtractor;
  /** Span confidence = logistic(scale · margin + bias), fitted on eng.testa. */
  calibration: { scale: number; bias: number };
}

/** What `data/models/ner/model.json` holds besides the weights. */
export interface NerModelMeta {
  format: 'dossier.ner/1';
  labels: string[];
  trans: number[];
  calibration: { scale: number; bias: number };
  training: Record<string, unknown>;
}

export interface NerWeights {
  featureNames: readonly string[];
  emit: ArrayLike<number>;
  trans: ArrayLike<number>;
}

/** Build a model from weights in memory (training uses this to score the dev set). */
export function createNerModel(weights: NerWeights, gazetteer: Gazetteer | null, clusters: WordClusters | null, calibration = { scale: 1, bias: 0 }): NerModel {
  const index = new Map<string, number>();
  for (let id = 0; id < weights.featureNames.length; id++) index.set(weights.featureNames[id], id);
  // Only the non-zero weights are kept (the dense table is ~3× their size), stored
  // grouped by the string after the family name: a new word's features ("w=iran",
  // "w-1=iran", …; a cluster's "c0=0110", "c-1.0=0110", …) then sit together.
  const sparse = sparseRows(Float32Array.from(weights.emit), L, layoutByString(weights.featureNames));
  const extractor = new FeatureExtractor({ get: (name) => index.get(name) ?? -1 }, gazetteer, clusters, weights.featureNames, sparse);
  return { index, weights: sparse, trans: Float64Array.from(weights.trans), extractor, calibration };
}

/** Feature ids grouped by the string after their family name (`w-1=iran` → `iran`), groups in order of first sight. */
function layoutByString(names: readonly string[]): Int32Array {
  const groups = new Map<string, number[]>();
  for (let id = 0; id < names.length; id++) {
    const key = names[id].slice(names[id].indexOf('=') + 1);
    const group = groups.get(key);
    if (group) group.push(id);
    else groups.set(key, [id]);
  }
  const layout = new Int32Array(names.length);
  let at = 0;
  for (const group of groups.values()) for (const id of group) layout[at++] = id;
  return layout;
}

export const MODEL_DIR = path.join('models', 'ner');
/** The gazetteer's compiled form beside gazetteer.tsv (scripts/ner/compile-gazetteer.ts). */
export const GAZETTEER_COMPILED = 'gazetteer.compiled.json';

/**
 * Load the shipped tagger from `<dataDir>/models/ner/`: `model.json` (labels,
 * transitions, calibration, training record), `weights-*.tsv` (one feature per
 * line: `name<TAB>label:weight …`), `gazetteer.tsv` and `clusters.tsv`.
 */
export function loadNerModel(dataDir: string): NerModel {
  const dir = path.join(dataDir, MODEL_DIR);
  const meta = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as NerModelMeta;
  const expected = Array.from({ length: L }, (_, y) => labelName(y));
  if (meta.format !== 'dossier.ner/1' || meta.labels.join() !== expected.join()) throw new Error(`${dir}/model.json: unexpected format or label set`);
  const names: string[] = [];
  // Parsed straight into a growing weight array: no per-line arrays or pairs.
  let emit = new Float32Array(40_000 * L);
  for (let part = 1; existsSync(path.join(dir, `weights-${part}.tsv`)); part++) {
    const tsv = readFileSync(path.join(dir, `weights-${part}.tsv`), 'utf8');
    let at = 0;
    while (at < tsv.length) {
      let end = tsv.indexOf('\n', at);
      if (end < 0) end = tsv.length;
      if (end === at || tsv.charCodeAt(at) === 35 /* # */) {
        at = end + 1;
        continue;
      }
      const tab = tsv.lastIndexOf('\t', end);
      const id = names.length;
      names.push(tsv.slice(at, tab));
      if ((id + 1) * L > emit.length) {
        const bigger = new Float32Array(emit.length * 2);
        bigger.set(emit);
        emit = bigger;
      }
      for (let cell = tab + 1; cell < end; ) {
        let space = tsv.indexOf(' ', cell);
        if (space < 0 || space > end) space = end;
        const colon = tsv.indexOf(':', cell);
        emit[id * L + Number(tsv.slice(cell, colon))] = Number(tsv.slice(colon + 1, space));
        cell = space + 1;
      }
      at = end + 1;
    }
  }
  const compiledGazetteer = path.join(dir, GAZETTEER_COMPILED);
  const gazetteer = gazetteerFrom(
    readFileSync(path.join(dir, 'gazetteer.tsv'), 'utf8'),
    existsSync(compiledGazetteer) ? readFileSync(compiledGazetteer, 'utf8') : null,
  );
  const clustersFile = path.join(dir, 'clusters.tsv');
  const clusters = existsSync(clustersFile) ? parseClusters(readFileSync(clustersFile, 'utf8')) : null;
  return createNerModel({ featureNames: names, emit: emit.subarray(0, names.length * L), trans: meta.trans }, gazetteer, clusters, meta.calibration);
}

/**
 * `word<TAB>bit-string` per line (scripts/ner/clusters.ts) → the bit string's
 * prefixes of the lengths in CLUSTER_PREFIXES, coarse to fine. Prefixes are
 * interned so that the many words of a cluster share the strings.
 */
export function parseClusters(tsv: string): WordClusters {
  const clusters: WordClusters = new Map();
  const interned = new Map<string, string[]>();
  for (const line of tsv.split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const tab = line.lastIndexOf('\t');
    const bits = line.slice(tab + 1);
    let prefixes = interned.get(bits);
    if (!prefixes) {
      prefixes = CLUSTER_PREFIXES.map((k) => bits.slice(0, k));
      interned.set(bits, prefixes);
    }
    clusters.set(line.slice(0, tab), prefixes);
  }
  return clusters;
}

/** Weights as TSV lines, rounded to 4 decimals, dropping features whose every weight rounds below `prune`. */
export function formatWeights(weights: NerWeights, prune: number): string[] {
  const lines: string[] = [];
  for (let id = 0; id < weights.featureNames.length; id++) {
    const cells: string[] = [];
    for (let y = 0; y < L; y++) {
      const v = Math.round(weights.emit[id * L + y] * 10000) / 10000;
      if (Math.abs(v) >= prune) cells.push(`${y}:${v}`);
    }
    if (cells.length > 0) lines.push(`${weights.featureNames[id]}\t${cells.join(' ')}`);
  }
  return lines;
}
