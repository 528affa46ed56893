import { allowedEnd, allowedTransition, LABEL_COUNT } from './labels.js';
import { forwardScores, UNROLLED_PREV, UNROLLED_PREV_START } from './viterbi-forward.js';

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

// The forward pass is unrolled for exactly this transition structure (viterbi-forward.ts).
if (PREV_START.join() !== UNROLLED_PREV_START.join() || PREV.join() !== UNROLLED_PREV.join()) {
  throw new Error('viterbi: unexpected BILOU transition structure');
}

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

/** Scratch buffer reused across calls (decoding is single-threaded). */
let delta = new Float64Array(64 * L);

/**
 * Best well-formed BILOU label sequence for `n` tokens given emission scores
 * `emit[i * L + y]` and transition scores `trans[(prev + 1) * L + y]`. Writes
 * the labels into `out`.
 */
export function viterbi(emit: Float64Array, n: number, trans: ArrayLike<number>, out: Uint8Array, pairs = allowedPairScores(trans)): void {
  if (n === 0) return;
  if (delta.length < n * L) delta = new Float64Array(n * L * 2);
  const d = delta;
  const prevStart = PREV_START;
  const prev = PREV;
  for (let y = 0; y < L; y++) d[y] = emit[y] + trans[y] + TRANSITION_MASK[y];
  // Forward pass: scores only (the winners are found again on the way back).
  forwardScores(d, emit, n, pairs);
  const last = (n - 1) * L;
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    if (!END_OK[y]) continue;
    const s = d[last + y];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  out[n - 1] = arg;
  // Back pointers recomputed for the chosen path only: the first best predecessor, as a forward argmax would keep.
  for (let i = n - 1; i > 0; i--) {
    const y = out[i];
    const prevBase = (i - 1) * L;
    let top = -Infinity;
    let p = 0;
    for (let k = prevStart[y], end = prevStart[y + 1]; k < end; k++) {
      const s = d[prevBase + prev[k]] + pairs[k];
      if (s > top) {
        top = s;
        p = prev[k];
      }
    }
    out[i - 1] = p;
  }
}
