import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sparseRows } from './sparse-rows.js';

test('keeps the non-zero cells of each row, in column order', () => {
  const w = Float32Array.from([0, 1.5, 0, -2, 0, 0, 0, 0, 0.25, 0, 0, 3]);
  const s = sparseRows(w, 4);
  assert.deepEqual([...s.start], [0, 2, 2]);
  assert.deepEqual([...s.end], [2, 2, 4]);
  assert.deepEqual([...s.labels], [1, 3, 0, 3]);
  assert.deepEqual([...s.values], [1.5, -2, 0.25, 3]);
});

test('a layout stores the listed rows first, in its order, and every row once', () => {
  const w = Float32Array.from([1, 0, 0, 2, 3, 0, 0, 0, 4, 4]);
  const s = sparseRows(w, 2, [3, 1, 3]);
  // Row 3 has no cells; row 1 comes first, then rows 0, 2, 4 in order.
  assert.deepEqual([...s.start], [1, 0, 2, 0, 3]);
  assert.deepEqual([...s.end], [2, 1, 3, 0, 5]);
  assert.deepEqual([...s.values], [2, 1, 3, 4, 4]);
  assert.deepEqual([...s.labels], [1, 0, 0, 0, 1]);
});

test('summing the non-zero cells gives the dense float64 sum bit for bit', () => {
  const width = 17;
  const rows = 50;
  const w = new Float32Array(rows * width);
  // A fixed pseudo-random matrix, mostly zeros, values rounded to 4 decimals as the shipped weights are.
  let x = 12345;
  for (let k = 0; k < w.length; k++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    if (x % 4 === 0) w[k] = Math.round(((x >>> 8) % 200000) - 100000) / 10000;
  }
  const s = sparseRows(w, width);
  const order = [7, 3, 3, 49, 0, 12, 31];
  const dense = new Float64Array(width);
  const sparse = new Float64Array(width);
  for (const r of order) {
    for (let y = 0; y < width; y++) dense[y] += w[r * width + y];
    for (let e = s.start[r]; e < s.end[r]; e++) sparse[s.labels[e]] += s.values[e];
  }
  assert.deepEqual(sparse, dense);
  assert.ok(dense.some((v) => v !== 0));
});
