import type { DocumentFeatures } from './features.js';
import { LABEL_COUNT, labelType, O } from './labels.js';
import type { SparseRows } from './sparse-rows.js';

const L = LABEL_COUNT;

/**
 * Emission scores `out[(i - a) * L + y]` for the tokens `[a, b)` of a document:
 * the static features plus the prediction-history features `h=TYPE` (which
 * types this word was given earlier in the same document).
 */
export function sentenceEmissions(
  f: DocumentFeatures,
  a: number,
  b: number,
  history: Map<string, number>,
  historyIds: Int32Array,
  w: Float32Array | Float64Array,
  out: Float64Array,
): void {
  const ids = f.ids;
  if (f.base) out.set(f.base.subarray(a * L, b * L));
  else out.fill(0, 0, (b - a) * L);
  for (let i = a; i < b; i++) {
    const base = (i - a) * L;
    for (let k = f.start[i], end = f.start[i + 1]; k < end; k++) {
      const row = ids[k] * L;
      for (let y = 0; y < L; y++) out[base + y] += w[row + y];
    }
    if (f.upper[i] && history.size > 0) {
      const mask = history.get(f.lower[i]);
      if (mask !== undefined) {
        for (let t = 0; t < historyIds.length; t++) {
          if (!((mask >> t) & 1) || historyIds[t] < 0) continue;
          const row = historyIds[t] * L;
          for (let y = 0; y < L; y++) out[base + y] += w[row + y];
        }
      }
    }
  }
}

/**
 * `sentenceEmissions` at run time, where `f.base` holds every static feature's
 * sum: the history features' non-zero weights are added to the base rows in
 * place (the same float64 sums, see sparse-rows.ts), and the sentence's rows
 * are returned as a view (`[(i - a) * L + y]`). Each sentence once, in order.
 */
export function sentenceEmissionsAtRunTime(
  f: DocumentFeatures,
  a: number,
  b: number,
  history: Map<string, number>,
  historyIds: Int32Array,
  w: SparseRows,
): Float64Array {
  if (!f.base) throw new Error('sentenceEmissionsAtRunTime: features without run-time sums');
  const out = f.base.subarray(a * L, b * L);
  if (history.size === 0) return out;
  const { start, end: ends, labels, values } = w;
  for (let i = a; i < b; i++) {
    if (!f.upper[i]) continue;
    const mask = history.get(f.lower[i]);
    if (mask === undefined) continue;
    const base = (i - a) * L;
    for (let t = 0; t < historyIds.length; t++) {
      const id = historyIds[t];
      if (!((mask >> t) & 1) || id < 0) continue;
      for (let e = start[id], end = ends[id]; e < end; e++) out[base + labels[e]] += values[e];
    }
  }
  return out;
}

/** Remember the types given to capitalised words of `[a, b)` for later sentences of the document. */
export function recordHistory(f: DocumentFeatures, a: number, b: number, labels: Uint8Array, history: Map<string, number>): void {
  for (let i = a; i < b; i++) {
    const l = labels[i - a];
    if (l === O || !f.upper[i]) continue;
    history.set(f.lower[i], (history.get(f.lower[i]) ?? 0) | (1 << labelType(l)));
  }
}

/** The history feature ids a token fires, for the trainer's updates. */
export function historyFeatures(f: DocumentFeatures, i: number, history: Map<string, number>, historyIds: Int32Array, out: number[]): void {
  out.length = 0;
  if (!f.upper[i]) return;
  const mask = history.get(f.lower[i]);
  if (mask === undefined) return;
  for (let t = 0; t < historyIds.length; t++) if ((mask >> t) & 1 && historyIds[t] >= 0) out.push(historyIds[t]);
}
