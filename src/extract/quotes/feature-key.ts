/**
 * Feature keys of the quote models, built once by the feature code in one of
 * two forms: strings (the training script, and the model file's rows, stay
 * reviewable) or 53-bit numbers (the stage: no string is concatenated nor
 * hashed by the engine per feature). The number of a string is a streaming
 * polynomial hash of its UTF-16 code units, so hashing the pieces of a
 * feature in order gives the number of the whole string, and a feature
 * conjoined with a suffix (`f|LA`) continues from the feature's number.
 *
 * Two hashes (32 and 21 bits) make the key: a false match between a feature
 * and a model row needs both to collide (odds about 2^-50 per pair).
 */
export type FeatureKey = string | number;

/** Builds one key from a template literal: `` key`p1=${word}` ``. */
export interface KeyMaker {
  (parts: TemplateStringsArray, ...values: ReadonlyArray<string | number | boolean>): FeatureKey;
  /** `key` followed by `suffix`. */
  conj(key: FeatureKey, suffix: string): FeatureKey;
}

const B1 = 0x01000193;
const B2 = 0x0005bd1f;
const SEED1 = 0x811c9dc5 | 0;
const SEED2 = 0x1a2b3;
const LOW = 0x200000; // 2^21
const LOW_MASK = LOW - 1;
const INV_LOW = 1 / LOW;

/** The number of a whole string: what `hashKeys` builds for the same text. */
export function hashKey(s: string): number {
  return hashRange(s, 0, s.length);
}

/**
 * The number of `text.slice(from, to)`, without slicing (loading model rows).
 * Both hashes stay in locals: module-level state would box them (they exceed
 * the engine's small-integer range) on every character.
 */
export function hashRange(text: string, from: number, to: number): number {
  let a = SEED1;
  let b = SEED2;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    a = (Math.imul(a, B1) + c) | 0;
    b = (Math.imul(b, B2) + c) & LOW_MASK;
  }
  return (a >>> 0) * LOW + b;
}

function valueText(v: string | number | boolean): string {
  return typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
}

type Value = string | number | boolean;

/**
 * Keys as numbers (the stage). Fixed parameters rather than a rest array: the
 * feature templates hold at most four values, and this runs a million times
 * per 250k words.
 */
export const hashKeys: KeyMaker = Object.assign(
  (parts: TemplateStringsArray, v0?: Value, v1?: Value, v2?: Value, v3?: Value): number => {
    const n = parts.length - 1;
    if (n > 4) throw new Error('hashKeys: at most four values per feature');
    // One pass over the pieces in text order (part, value, part, …), both hashes per code unit.
    let a = SEED1;
    let b = SEED2;
    let s = parts[0];
    for (let piece = 0; ; piece++) {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        a = (Math.imul(a, B1) + c) | 0;
        b = (Math.imul(b, B2) + c) & LOW_MASK;
      }
      if (piece === 2 * n) break;
      const k = piece >> 1;
      s = (piece & 1) === 0 ? valueText((k === 0 ? v0 : k === 1 ? v1 : k === 2 ? v2 : v3) as Value) : parts[k + 1];
    }
    return (a >>> 0) * LOW + b;
  },
  {
    conj(key: FeatureKey, suffix: string): number {
      if (typeof key === 'string') return hashKey(key + suffix);
      let b = key % LOW;
      let a = ((key - b) / LOW) | 0;
      for (let i = 0; i < suffix.length; i++) {
        const c = suffix.charCodeAt(i);
        a = (Math.imul(a, B1) + c) | 0;
        b = (Math.imul(b, B2) + c) & LOW_MASK;
      }
      return (a >>> 0) * LOW + b;
    },
  },
);

/** Keys as strings (training, tests, model rows). */
export const stringKeys: KeyMaker = Object.assign(
  (parts: TemplateStringsArray, ...values: ReadonlyArray<string | number | boolean>): string => {
    let s = parts[0];
    for (let k = 0; k < values.length; k++) s += valueText(values[k]) + parts[k + 1];
    return s;
  },
  {
    conj(key: FeatureKey, suffix: string): string {
      return `${key}${suffix}`;
    },
  },
);

/**
 * Feature number → weight, open addressing over typed arrays: a lookup hashes
 * nothing and allocates nothing.
 */
export class WeightTable {
  private keys: Float64Array;
  private values: Float64Array;
  private mask: number;
  size = 0;

  constructor(capacity: number) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.keys = new Float64Array(n).fill(-1);
    this.values = new Float64Array(n);
    this.mask = n - 1;
  }

  private slot(key: number): number {
    // The key's two hashes without a division or a float modulo: scaling by 2^-21 is exact,
    // and the truncation to 32 bits floors it (a key is below 2^53).
    const hi = (key * INV_LOW) >>> 0;
    const lo = key - hi * LOW;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & this.mask;
    const keys = this.keys;
    while (keys[i] !== key && keys[i] !== -1) i = (i + 1) & this.mask;
    return i;
  }

  set(key: FeatureKey, value: number): void {
    const k = typeof key === 'string' ? hashKey(key) : key;
    const i = this.slot(k);
    if (this.keys[i] === -1) {
      if ((this.size + 1) * 2 > this.keys.length) this.grow();
      const j = this.slot(k);
      this.keys[j] = k;
      this.values[j] = value;
      this.size++;
      return;
    }
    this.values[i] = value;
  }

  /** The weight of `key`, 0 when absent. */
  get(key: FeatureKey): number {
    const k = typeof key === 'string' ? hashKey(key) : key;
    const i = this.slot(k);
    return this.keys[i] === k ? this.values[i] : 0;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.values = new Float64Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue;
      const j = this.slot(keys[i]);
      this.keys[j] = keys[i];
      this.values[j] = values[i];
    }
  }
}
