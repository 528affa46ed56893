import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { segment } from '../../document/segment.js';
import { buildRuleContext } from '../rule-kit.js';
import { runRules } from '../rules/index.js';
import { testResources } from '../test-support.js';
import { compiledLogits, compileScorer } from './compiled-scorer.js';
import { FEATURE_PREFIXES } from './features.js';
import { KERNEL_LANES, RowSumKernel } from './row-sum-kernel.js';

/** The scalar reference: each lane's float32 chain of additions from 0, in row order. */
function scalarSum(weights: Float32Array, rows: readonly number[], lane: number): number {
  let a = 0;
  for (const r of rows) a = Math.fround(a + weights[r * KERNEL_LANES + lane]);
  return a;
}

describe('the row-sum kernel', () => {
  it('sums picked rows bit for bit as scalar float32 additions, into any slot order', () => {
    const row = fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e4, max: 1e4 }), { minLength: KERNEL_LANES, maxLength: KERNEL_LANES });
    fc.assert(
      fc.property(
        fc
          .array(row, { minLength: 1, maxLength: 40 })
          .chain((weights) =>
            fc.tuple(fc.constant(weights), fc.array(fc.array(fc.nat(weights.length - 1), { maxLength: 300 }), { minLength: 1, maxLength: 30 })),
          ),
        ([weightRows, slotRows]) => {
          const weights = Float32Array.from(weightRows.flat());
          const kernel = new RowSumKernel(weights);
          // A first call with little room, then one with more: memory grows and the views follow.
          kernel.reserve(1, 1);
          kernel.reserve(slotRows.length, slotRows.flat().length);
          let np = 0;
          slotRows.forEach((rows, s) => {
            for (const r of rows) kernel.rows[np++] = r;
            kernel.slots[2 * s] = slotRows.length - 1 - s;
            kernel.slots[2 * s + 1] = rows.length;
          });
          kernel.run(slotRows.length);
          slotRows.forEach((rows, s) => {
            const dest = slotRows.length - 1 - s;
            for (let lane = 0; lane < KERNEL_LANES; lane++)
              assert.ok(Object.is(kernel.acc[dest * KERNEL_LANES + lane], scalarSum(weights, rows, lane)), `slot ${s}, lane ${lane}`);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the scorer the sums of the JavaScript path (a model of more than 16 labels has no kernel)', () => {
    const { nlp, rhetoric } = testResources();
    const text = 'The so-called “experts” say the regime is evil! Why? Because the regime lies, and the regime kills. Tehran’s proxies rule Baghdad.';
    const { tokens, sentences } = segment(text, nlp);
    const ctx = buildRuleContext(text, tokens, sentences, rhetoric.lexicons);
    const rules = runRules(ctx);
    // A model with a row for every word, bigram start and POS of the text (weights from a fixed formula).
    const tables = FEATURE_PREFIXES.map(() => new Map<string, number>());
    let rowCount = 0;
    const add = (template: string, value: string) => {
      const table = tables[FEATURE_PREFIXES.indexOf(template as (typeof FEATURE_PREFIXES)[number])];
      if (!table.has(value)) table.set(value, rowCount++);
    };
    for (let i = 0; i < tokens.length; i++) {
      for (const t of ['w=', 'w-1=', 'w+1=', 'S:']) add(t, ctx.keys[i]);
      add('p=', tokens[i].pos);
      if (i > 0) add('ww=', `${ctx.keys[i - 1]}|${ctx.keys[i]}`);
    }
    add('pos=', 'first');
    add('SP=', 'lead');
    const weightsFor = (labels: number) => {
      const w = new Float32Array(rowCount * labels);
      for (let r = 0; r < rowCount; r++) for (let k = 0; k < 15; k++) w[r * labels + k] = Math.fround(Math.sin(r * 31 + k * 7) * 3.7);
      return w;
    };
    const withKernel = compileScorer(tables, weightsFor(15), 15);
    const without = compileScorer(tables, weightsFor(17), 17);
    assert.ok(withKernel.kernel !== null && without.kernel === null);
    const a = compiledLogits(withKernel, ctx, rules);
    const copy = { local: a.local.slice(), shared: a.shared.slice(), stride: a.stride };
    const b = compiledLogits(without, ctx, rules);
    let nonZero = 0;
    for (const part of ['local', 'shared'] as const) {
      const count = copy[part].length / copy.stride;
      assert.equal(b[part].length / b.stride, count);
      for (let i = 0; i < count; i++)
        for (let k = 0; k < 15; k++) {
          const x = copy[part][i * copy.stride + k];
          assert.ok(Object.is(x, b[part][i * b.stride + k]), `${part} ${i}, label ${k}`);
          if (x !== 0) nonZero++;
        }
    }
    assert.ok(nonZero > 100, `only ${nonZero} non-zero sums: the comparison would prove little`);
  });
});
