/**
 * (int, int) → int in open addressing over typed arrays: the hot feature
 * look-ups of the NER tagger (word-bigram pairs, shape trigrams) and the
 * rhetoric scorer (word-pair rows) without Map's boxing and hashing of number
 * keys. Keys are non-negative 31-bit integers.
 */
export const MISSING = -2147483648;

export class IntPairMap {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.keysA = new Int32Array(slots).fill(-1);
    this.keysB = new Int32Array(slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
  }

  private slot(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca6b)) >>> 7;
  }

  /** The value of `(a, b)`, or MISSING. */
  get(a: number, b: number): number {
    const keysA = this.keysA;
    for (let s = this.slot(a, b) & this.mask; ; s = (s + 1) & this.mask) {
      const k = keysA[s];
      if (k === -1) return MISSING;
      if (k === a && this.keysB[s] === b) return this.values[s];
    }
  }

  set(a: number, b: number, value: number): void {
    if ((this.size + 1) * 2 > this.keysA.length) this.grow();
    const keysA = this.keysA;
    for (let s = this.slot(a, b) & this.mask; ; s = (s + 1) & this.mask) {
      const k = keysA[s];
      if (k === -1) {
        keysA[s] = a;
        this.keysB[s] = b;
        this.values[s] = value;
        this.size++;
        return;
      }
      if (k === a && this.keysB[s] === b) {
        this.values[s] = value;
        return;
      }
    }
  }

  clear(): void {
    this.keysA.fill(-1);
    this.size = 0;
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    const slots = keysA.length * 2;
    this.keysA = new Int32Array(slots).fill(-1);
    this.keysB = new Int32Array(slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    for (let s = 0; s < keysA.length; s++) if (keysA[s] !== -1) this.set(keysA[s], keysB[s], values[s]);
  }
}
