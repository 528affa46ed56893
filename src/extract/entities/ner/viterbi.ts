import { allowedEnd, allowedTransition, LABEL_COUNT } from './labels.js';

const L = LABEL_COUNT;
const NEG = -1e30;

/**
 * Transition penalties that forbid ill-formed BILOU sequences: row `prev + 1`
 * (row 0 is the sentence start), column `next`. Added to the learnt transitions.
 */
export const TRANSITION_MASK: Float64Array = (() => {
  const m = new Float64Array((L + 1) * L);
  for (let p = -1; p < L; p++) for (let n = 0; n < L; n++) m[(p + 1) * L + n] = allowedTransition(p, n) ? 0 : NEG;
  return m;
})();

/**
 * For each label, the labels allowed before it (flattened, with offsets): I and L
 * can only follow B or I of their type, so most of the 17 × 17 pairs are skipped.
 */
const PREV_START = new Int32Array(L + 1);
const PREV: Int32Array = (() => {
  const list: number[] = [];
  for (let n = 0; n < L; n++) {
    PREV_START[n] = list.length;
    for (let p = 0; p < L; p++) if (allowedTransition(p, n)) list.push(p);
  }
  PREV_START[L] = list.length;
  return Int32Array.from(list);
})();
const END_OK: Uint8Array = Uint8Array.from({ length: L }, (_, n) => (allowedEnd(n) ? 1 : 0));

/** PREV_NEXT[k]: the label that PREV[k] is allowed before (so one pass can walk the list). */
const PREV_NEXT: Int32Array = (() => {
  const out = new Int32Array(PREV.length);
  for (let n = 0; n < L; n++) for (let k = PREV_START[n]; k < PREV_START[n + 1]; k++) out[k] = n;
  return out;
})();

/**
 * The learnt transition score of each allowed pair, in PREV order. A fixed
 * model computes this once (see tag.ts); training, whose table changes, per call.
 */
export function allowedPairScores(trans: ArrayLike<number>): Float64Array {
  return Float64Array.from(PREV, (p, k) => trans[(p + 1) * L + PREV_NEXT[k]]);
}

/** Scratch buffers reused across calls (decoding is single-threaded). */
let delta = new Float64Array(64 * L);
let back = new Uint8Array(64 * L);

/**
 * Best well-formed BILOU label sequence for `n` tokens given emission scores
 * `emit[i * L + y]` and transition scores `trans[(prev + 1) * L + y]`. Writes
 * the labels into `out`.
 */
export function viterbi(emit: Float64Array, n: number, trans: ArrayLike<number>, out: Uint8Array, pairs = allowedPairScores(trans)): void {
  if (n === 0) return;
  if (delta.length < n * L) {
    delta = new Float64Array(n * L * 2);
    back = new Uint8Array(n * L * 2);
  }
  for (let y = 0; y < L; y++) delta[y] = emit[y] + trans[y] + TRANSITION_MASK[y];
  for (let i = 1; i < n; i++) {
    const base = i * L;
    const prevBase = base - L;
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let k = PREV_START[y], end = PREV_START[y + 1]; k < end; k++) {
        const p = PREV[k];
        const s = delta[prevBase + p] + pairs[k];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      delta[base + y] = best + emit[base + y];
      back[base + y] = arg;
    }
  }
  const last = (n - 1) * L;
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    if (!END_OK[y]) continue;
    const s = delta[last + y];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * L + out[i]];
}
