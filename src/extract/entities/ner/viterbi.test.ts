import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { allowedEnd, allowedTransition, LABEL_COUNT } from './labels.js';
import { allowedPairScores, viterbi } from './viterbi.js';

const L = LABEL_COUNT;

/** The textbook decoder: every (prev, next) pair, forbidden ones skipped, first best kept. */
function referenceViterbi(emit: Float64Array, n: number, trans: Float64Array): number[] {
  const score: number[][] = [];
  const back: number[][] = [];
  for (let i = 0; i < n; i++) {
    score.push(new Array(L).fill(Number.NEGATIVE_INFINITY));
    back.push(new Array(L).fill(0));
    for (let y = 0; y < L; y++) {
      if (i === 0) {
        if (allowedTransition(-1, y)) score[0][y] = emit[y] + trans[y];
        continue;
      }
      for (let p = 0; p < L; p++) {
        if (!allowedTransition(p, y)) continue;
        const s = score[i - 1][p] + trans[(p + 1) * L + y];
        if (s > score[i][y]) {
          score[i][y] = s;
          back[i][y] = p;
        }
      }
      score[i][y] += emit[i * L + y];
    }
  }
  let arg = 0;
  for (let y = 0; y < L; y++) if (allowedEnd(y) && score[n - 1][y] > (allowedEnd(arg) ? score[n - 1][arg] : Number.NEGATIVE_INFINITY)) arg = y;
  const out = [arg];
  for (let i = n - 1; i > 0; i--) out.unshift(back[i][out[0]]);
  return out;
}

const weight = fc.double({ min: -20, max: 20, noNaN: true, noDefaultInfinity: true });

test('the unrolled decoder finds the same label sequence as the textbook one', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }).chain((n) =>
        fc.record({
          n: fc.constant(n),
          emit: fc.array(weight, { minLength: n * L, maxLength: n * L }),
          trans: fc.array(weight, { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
        }),
      ),
      ({ n, emit, trans }) => {
        const e = Float64Array.from(emit);
        const t = Float64Array.from(trans);
        const out = new Uint8Array(n);
        viterbi(e, n, t, out, allowedPairScores(t));
        assert.deepEqual([...out], referenceViterbi(e, n, t));
      },
    ),
    { numRuns: 300, seed: 20261129 },
  );
});

test('a strong name emission at two tokens decodes as B-PER L-PER among O', () => {
  const n = 4;
  const emit = new Float64Array(n * L);
  for (let i = 0; i < n; i++) emit[i * L] = 1; // O slightly preferred everywhere …
  emit[1 * L + 1] = 5; // … but token 1 looks like B-PER
  emit[2 * L + 3] = 5; // and token 2 like L-PER
  const out = new Uint8Array(n);
  viterbi(emit, n, new Float64Array((L + 1) * L), out);
  assert.deepEqual([...out], [0, 1, 3, 0]);
});
