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
  return typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'true' : 'false') : v >= 0 && v < 10 && (v | 0) === v ? DIGITS[v] : String(v);
}

/** The text of a one-digit value without a number-to-string conversion (buckets, ranks). */
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

type Value = string | number | boolean;

/**
 * The constant parts of a feature template, hashed once per template: for
 * each part, B1^length, its hash from 0 (32 bits), B2^length and its hash from
 * 0 (21 bits). The streaming hash of a part continued from state `a` is then
 * `a * B1^length + hash` (mod 2^32), so a template costs the characters of
 * its values only. Keyed by the template object, one per template in the code.
 */
const templateParts = new WeakMap<TemplateStringsArray, Int32Array>();

function partsOf(parts: TemplateStringsArray): Int32Array {
  const t = new Int32Array(4 * parts.length);
  for (let p = 0; p < parts.length; p++) {
    const s = parts[p];
    let a = 0;
    let b = 0;
    let pa = 1;
    let pb = 1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = (Math.imul(a, B1) + c) | 0;
      b = (Math.imul(b, B2) + c) & LOW_MASK;
      pa = Math.imul(pa, B1);
      pb = Math.imul(pb, B2) & LOW_MASK;
    }
    t[4 * p] = pa;
    t[4 * p + 1] = a;
    t[4 * p + 2] = pb;
    t[4 * p + 3] = b;
  }
  templateParts.set(parts, t);
  return t;
}

/** Where `hashTemplate` leaves the two hashes (a typed array: no number is boxed). */
const HASHED = new Int32Array(2);

/**
 * Hashes a template with its values into HASHED (32-bit hash, 21-bit hash).
 * Fixed parameters rather than a rest array: the feature templates hold at
 * most four values, and this runs millions of times per 250k words.
 */
function hashTemplate(parts: TemplateStringsArray, v0?: Value, v1?: Value, v2?: Value, v3?: Value): void {
  const n = parts.length - 1;
  if (n > 4) throw new Error('hashKeys: at most four values per feature');
  const t = templateParts.get(parts) ?? partsOf(parts);
  let a = (Math.imul(SEED1, t[0]) + t[1]) | 0;
  let b = (Math.imul(SEED2, t[2]) + t[3]) & LOW_MASK;
  for (let k = 0; k < n; k++) {
    const s = valueText((k === 0 ? v0 : k === 1 ? v1 : k === 2 ? v2 : v3) as Value);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = (Math.imul(a, B1) + c) | 0;
      b = (Math.imul(b, B2) + c) & LOW_MASK;
    }
    const q = 4 * (k + 1);
    a = (Math.imul(a, t[q]) + t[q + 1]) | 0;
    b = (Math.imul(b, t[q + 2]) + t[q + 3]) & LOW_MASK;
  }
  HASHED[0] = a;
  HASHED[1] = b;
}

/** Keys as numbers (the training-free callers: tests, content ends). */
export const hashKeys: KeyMaker = Object.assign(
  (parts: TemplateStringsArray, v0?: Value, v1?: Value, v2?: Value, v3?: Value): number => {
    hashTemplate(parts, v0, v1, v2, v3);
    return (HASHED[0] >>> 0) * LOW + HASHED[1];
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

/**
 * Feature numbers → small ids (1, 2, …; 0 for a number it does not hold), in
 * open addressing over the two hashes as 32-bit integers. A model lists its
 * rows here once; the stage's features are then ids (small integers: nothing
 * boxed, and one look-up per feature instead of one per table it is scored in).
 */
const RECENT_BITS = 13;
const RECENT_SLOTS = 1 << RECENT_BITS;

export class KeyIds {
  /** Slot s holds [32-bit hash, 21-bit hash (-1: empty), id, unused] at 4s: one cache line per probe. */
  private slots: Int32Array;
  private mask: number;
  private shift: number;
  /**
   * The last feature seen in each of RECENT_SLOTS slots, with its id (0 too): the model's
   * table is megabytes, and a probe of it mostly a cache miss, while a document's
   * features repeat ("v=LA", "cx=none", its common words).
   */
  private recent = KeyIds.empty(RECENT_SLOTS);
  size = 0;

  constructor(capacity: number) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.slots = KeyIds.empty(n);
    this.mask = n - 1;
    this.shift = 32 - Math.log2(n);
  }

  private static empty(n: number): Int32Array {
    const slots = new Int32Array(4 * n);
    for (let i = 1; i < slots.length; i += 4) slots[i] = -1;
    return slots;
  }

  /** The index in `slots` of the slot holding (a, b), or of the empty slot where it would go. */
  private slot(a: number, b: number): number {
    const { slots, mask } = this;
    // The top bits of a multiplicative mix: the hashes' low bits are weak (a polynomial modulo 2^k).
    let i = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) >>> this.shift;
    for (;;) {
      const at = 4 * i;
      const lo = slots[at + 1];
      if (lo === -1 || (lo === b && slots[at] === a)) return at;
      i = (i + 1) & mask;
    }
  }

  /** The id of a feature number (`hashKey`), added when new. */
  add(key: number): number {
    const b = key % LOW;
    const a = ((key - b) / LOW) | 0;
    let at = this.slot(a, b);
    if (this.slots[at + 1] !== -1) return this.slots[at + 2];
    if ((this.size + 1) * 2 > this.mask + 1) {
      this.grow();
      at = this.slot(a, b);
    }
    this.slots[at] = a;
    this.slots[at + 1] = b;
    this.slots[at + 2] = ++this.size;
    return this.size;
  }

  /** The id of the template's feature, 0 when absent. */
  idOf(parts: TemplateStringsArray, v0?: Value, v1?: Value, v2?: Value, v3?: Value): number {
    hashTemplate(parts, v0, v1, v2, v3);
    const a = HASHED[0];
    const b = HASHED[1];
    const recent = this.recent;
    const r = (Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) >>> (32 - RECENT_BITS)) << 2;
    if (recent[r + 1] === b && recent[r] === a) return recent[r + 2];
    const at = this.slot(a, b);
    const id = this.slots[at + 1] === -1 ? 0 : this.slots[at + 2];
    recent[r] = a;
    recent[r + 1] = b;
    recent[r + 2] = id;
    return id;
  }

  /** Builds features as ids of this table (conj is not available: an id has no hash to continue). */
  keyMaker(): KeyMaker {
    return Object.assign((parts: TemplateStringsArray, v0?: Value, v1?: Value, v2?: Value, v3?: Value) => this.idOf(parts, v0, v1, v2, v3), {
      conj(): never {
        throw new Error('KeyIds: ids cannot be conjoined');
      },
    });
  }

  private grow(): void {
    const old = this.slots;
    const n = 2 * (this.mask + 1);
    this.slots = KeyIds.empty(n);
    this.mask = n - 1;
    this.shift = 32 - Math.log2(n);
    this.recent = KeyIds.empty(RECENT_SLOTS);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1] === -1) continue;
      const to = this.slot(old[at], old[at + 1]);
      this.slots[to] = old[at];
      this.slots[to + 1] = old[at + 1];
      this.slots[to + 2] = old[at + 2];
    }
  }
}

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

  /** Every (key, weight) row, in table order. */
  forEach(fn: (key: number, value: number) => void): void {
    const { keys, values } = this;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) fn(keys[i], values[i]);
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
