/**
 * The rows of the span model's word-pair features (`ww=`, `wn=`) by (word id,
 * word id): open addressing over one Int32Array whose slots hold key A, key B
 * and the row side by side (16 bytes), so a probe touches one cache line where
 * separate key and value arrays touch three. The table is large (~10⁵ pairs)
 * and probed twice per token, so the misses were most of its cost. Built once,
 * read-only.
 */
const EMPTY = -1;

export class PairRows {
  private readonly table: Int32Array;
  private readonly mask: number;

  /** Pair k is `(a[k], b[k]) → row[k]`; ids and rows are non-negative; a repeated pair keeps its last row. */
  constructor(a: readonly number[], b: readonly number[], row: readonly number[]) {
    let slots = 16;
    while (slots < a.length * 2) slots *= 2;
    this.mask = slots - 1;
    this.table = new Int32Array(slots * 4).fill(EMPTY);
    for (let k = 0; k < a.length; k++) {
      let s = slot(a[k], b[k]) & this.mask;
      for (;;) {
        const at = s << 2;
        const key = this.table[at];
        if (key === EMPTY || (key === a[k] && this.table[at + 1] === b[k])) {
          this.table[at] = a[k];
          this.table[at + 1] = b[k];
          this.table[at + 2] = row[k];
          break;
        }
        s = (s + 1) & this.mask;
      }
    }
  }

  /** The row of `(a, b)`, or −1. */
  get(a: number, b: number): number {
    const table = this.table;
    const mask = this.mask;
    for (let s = slot(a, b) & mask; ; s = (s + 1) & mask) {
      const at = s << 2;
      const key = table[at];
      if (key === a && table[at + 1] === b) return table[at + 2];
      if (key === EMPTY) return -1;
    }
  }
}

function slot(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca6b)) >>> 7;
}
