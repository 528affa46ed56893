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

/** The closed labels (O, L, U): what may stand before O, and before every label that opens. */
const CLOSED: Int32Array = PREV.slice(PREV_START[0], PREV_START[1]);
const sameAsClosed = (y: number) => PREV_START[y + 1] - PREV_START[y] === CLOSED.length && CLOSED.every((p, k) => PREV[PREV_START[y] + k] === p);
/** Labels whose predecessors are exactly the closed ones, and labels with exactly two (B or I of their type). */
const STARTS: Int32Array = Int32Array.from({ length: L }, (_, y) => y).filter(sameAsClosed);
const CONTINUES: Int32Array = Int32Array.from({ length: L }, (_, y) => y).filter((y) => !sameAsClosed(y));
if (CLOSED.length !== 9 || CONTINUES.some((y) => PREV_START[y + 1] - PREV_START[y] !== 2)) throw new Error('viterbi: unexpected BILOU transition structure');

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
  // Locals, not the module's buffers: the loops below read them millions of times.
  const d = delta;
  const prevStart = PREV_START;
  const prev = PREV;
  for (let y = 0; y < L; y++) d[y] = emit[y] + trans[y] + TRANSITION_MASK[y];
  // Forward pass: scores only, with a branch-free max (the winners are found again on the way back).
  // A label either opens (O, B, U: any closed label before it, the same nine) or continues
  // (I, L: B or I of its type before it), so the nine closed scores are read once per token.
  const c = CLOSED;
  const starts = STARTS;
  const conts = CONTINUES;
  for (let i = 1; i < n; i++) {
    const base = i * L;
    const pb = base - L;
    const c0 = d[pb + c[0]];
    const c1 = d[pb + c[1]];
    const c2 = d[pb + c[2]];
    const c3 = d[pb + c[3]];
    const c4 = d[pb + c[4]];
    const c5 = d[pb + c[5]];
    const c6 = d[pb + c[6]];
    const c7 = d[pb + c[7]];
    const c8 = d[pb + c[8]];
    for (let q = 0; q < starts.length; q++) {
      const y = starts[q];
      const k = prevStart[y];
      let best = c0 + pairs[k];
      best = Math.max(best, c1 + pairs[k + 1]);
      best = Math.max(best, c2 + pairs[k + 2]);
      best = Math.max(best, c3 + pairs[k + 3]);
      best = Math.max(best, c4 + pairs[k + 4]);
      best = Math.max(best, c5 + pairs[k + 5]);
      best = Math.max(best, c6 + pairs[k + 6]);
      best = Math.max(best, c7 + pairs[k + 7]);
      best = Math.max(best, c8 + pairs[k + 8]);
      d[base + y] = best + emit[base + y];
    }
    for (let q = 0; q < conts.length; q++) {
      const y = conts[q];
      const k = prevStart[y];
      d[base + y] = Math.max(d[pb + prev[k]] + pairs[k], d[pb + prev[k + 1]] + pairs[k + 1]) + emit[base + y];
    }
  }
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
