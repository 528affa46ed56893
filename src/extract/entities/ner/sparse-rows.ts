/**
 * A weight matrix `w[row * width + column]` kept as its non-zero cells only:
 * the NER features have ~4 non-zero labels of 17, so the tagger's sums read a
 * quarter of the cells. Adding only the non-zero weights gives the same
 * float64 sums as adding every weight, since x + 0 = x for every sum that is
 * not -0 (and a sum that starts at +0 or at a weight can only become -0 by
 * adding -0 to -0).
 */
export interface SparseRows {
  /** Row r's cells are `start[r] .. end[r]`. */
  start: Int32Array;
  end: Int32Array;
  /** Column of each cell. */
  labels: Uint8Array;
  /** Weight of each cell, as stored (float32). */
  values: Float32Array;
}

/**
 * `layout` (optional) lists the rows in the order their cells are stored:
 * rows read together (a word's features) can then share cache lines.
 */
export function sparseRows(w: Float32Array, width: number, layout?: ArrayLike<number>): SparseRows {
  const rows = Math.floor(w.length / width);
  let cells = 0;
  for (let k = 0; k < rows * width; k++) if (w[k] !== 0) cells++;
  const start = new Int32Array(rows);
  const end = new Int32Array(rows);
  const labels = new Uint8Array(cells);
  const values = new Float32Array(cells);
  const placed = new Uint8Array(rows);
  let at = 0;
  const place = (r: number) => {
    if (placed[r]) return;
    placed[r] = 1;
    start[r] = at;
    for (let c = 0; c < width; c++) {
      const v = w[r * width + c];
      if (v === 0) continue;
      labels[at] = c;
      values[at++] = v;
    }
    end[r] = at;
  };
  if (layout) for (let k = 0; k < layout.length; k++) place(layout[k]);
  for (let r = 0; r < rows; r++) place(r);
  return { start, end, labels, values };
}
