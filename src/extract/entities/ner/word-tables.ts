import { IntPairMap } from '../../../pipeline/int-pair-map.js';
import { CAP_CLASSES } from './word-form.js';

/**
 * Run-time look-up tables for the word-level features, built once from the
 * model's feature names. A feature name is a family prefix plus a word-ish
 * string (`w-1=iran`, `p3=ira`, `w0|w+1=iran|and`); instead of building each
 * name per new word type and looking it up (a string concatenation and a hash
 * of the whole name, ~35 times per word), the tagger looks the string up once
 * and reads the ids of every family it takes part in. For one family the name
 * and its string determine each other, so a look-up here finds exactly the id
 * the name look-up would.
 */

/** Slots of a string's row in `StringFeatureTable.slots`. */
export const SLOT_W = 0;
/** `w-2=`, `w-1=`, `w1=`, `w2=`: slots 1..4, in the extractor's OFFSETS order. */
export const SLOT_W_OFFSET = 1;
/** Small ids of the string as left/right member of the bigram families `w-1|w0=` (prev) and `w0|w+1=` (next). */
export const SLOT_PREV_LEFT = 7;
export const SLOT_PREV_RIGHT = 8;
export const SLOT_NEXT_LEFT = 9;
export const SLOT_NEXT_RIGHT = 10;
/** `sh=` (long shape), `ss=` and `ss-2=`, `ss-1=`, `ss1=`, `ss2=` (short shape, in OFFSETS order). */
export const SLOT_LONG_SHAPE = 11;
export const SLOT_SHORT_SHAPE = 12;
export const SLOT_SHORT_SHAPE_OFFSET = 13;
const SLOTS = 17;
// Slots 5 and 6 are unused (prefixes and suffixes have their own tables).

const WORD_FAMILIES = ['w=', 'w-2=', 'w-1=', 'w1=', 'w2='];
const SHAPE_FAMILIES = ['sh=', 'ss=', 'ss-2=', 'ss-1=', 'ss1=', 'ss2='];
const AFFIX_FAMILIES = ['p1=', 'p2=', 'p3=', 'p4=', 's1=', 's2=', 's3=', 's4='];
const PREV_BIGRAM = 'w-1|w0=';
const NEXT_BIGRAM = 'w0|w+1=';

/** A string's ids in every family, and the bigram pairs. */
export class StringFeatureTable {
  /** String → its row; `slots[row * SLOTS + slot]` is a feature id or small bigram id, -1 when none. */
  private readonly rows = new Map<string, number>();
  private slots: Int32Array;
  private readonly pairs: { prev: PairTable; next: PairTable };
  /** `p<k>=x` and `s<k>=x` for x of k ≤ 4 UTF-16 units and no surrogates (what `affixIds` asks for). */
  private readonly prefixes = new ShortStringTable();
  private readonly suffixes = new ShortStringTable();

  constructor(names: Iterable<string>, index: (name: string) => number) {
    let slots: number[] = [];
    const rowOf = (key: string): number => {
      let row = this.rows.get(key);
      if (row === undefined) {
        row = this.rows.size;
        this.rows.set(key, row);
        for (let s = 0; s < SLOTS; s++) slots.push(-1);
      }
      return row;
    };
    const added = { prev: [] as number[], next: [] as number[] };
    const memberIds = { prev: [new Map<string, number>(), new Map<string, number>()], next: [new Map<string, number>(), new Map<string, number>()] };
    for (const name of names) {
      // Every family here starts with w, s or p: the other names are passed over unread.
      const first = name.charCodeAt(0);
      if (first !== 119 /* w */ && first !== 115 /* s */ && first !== 112 /* p */) continue;
      const id = index(name);
      if (id < 0) continue;
      const family = name.startsWith(PREV_BIGRAM) ? 'prev' : name.startsWith(NEXT_BIGRAM) ? 'next' : null;
      if (family) {
        // Words may hold '|'; registering every split gives the same id the name look-up would.
        const pair = name.slice(PREV_BIGRAM.length);
        const [lefts, rights] = memberIds[family];
        for (let k = pair.indexOf('|'); k >= 0; k = pair.indexOf('|', k + 1)) {
          const left = pair.slice(0, k);
          const right = pair.slice(k + 1);
          let l = lefts.get(left);
          if (l === undefined) lefts.set(left, (l = lefts.size));
          let r = rights.get(right);
          if (r === undefined) rights.set(right, (r = rights.size));
          added[family].push(l, r, id);
        }
        continue;
      }
      const affix = affixOf(name);
      if (affix >= 0) {
        const key = name.slice(3);
        // Only `p<k>=x` with x of k units can be asked for (a word with surrogates builds the names instead).
        if (key.length === name.charCodeAt(1) - 48 && !/[\ud800-\udfff]/.test(key)) (affix === 0 ? this.prefixes : this.suffixes).set(key, id);
        continue;
      }
      const slot = slotOf(name);
      if (slot < 0) continue;
      const key = name.slice(name.indexOf('=') + 1);
      slots[rowOf(key) * SLOTS + slot] = id;
    }
    for (const family of ['prev', 'next'] as const) {
      const [lefts, rights] = memberIds[family];
      const base = family === 'prev' ? SLOT_PREV_LEFT : SLOT_NEXT_LEFT;
      for (const [word, l] of lefts) slots[rowOf(word) * SLOTS + base] = l;
      for (const [word, r] of rights) slots[rowOf(word) * SLOTS + base + 1] = r;
    }
    this.slots = Int32Array.from(slots);
    slots = [];
    const pairMap = (list: number[]) => {
      const map = new IntPairMap(list.length / 3);
      // Later registrations of a pair win, as with a Map of names.
      for (let k = 0; k < list.length; k += 3) map.set(list[k], list[k + 1], list[k + 2]);
      return PairTable.from(map, list);
    };
    this.pairs = { prev: pairMap(added.prev), next: pairMap(added.next) };
  }

  /** The row of a string, or -1 when it takes part in no feature. */
  row(key: string): number {
    return this.rows.get(key) ?? -1;
  }

  /** A slot of a row (-1 for row -1). */
  slot(row: number, slot: number): number {
    return row < 0 ? -1 : this.slots[row * SLOTS + slot];
  }

  /**
   * Ids of `p<k>=` (prefix) or `s<k>=` (suffix) for the k units of `word` from
   * `from`; -1 when absent. For words without surrogates, where units are code points.
   */
  prefixId(word: string, k: number): number {
    return this.prefixes.get(word, 0, k);
  }
  suffixId(word: string, k: number): number {
    return this.suffixes.get(word, word.length - k, k);
  }

  /** Feature id of a bigram of the prev (`w-1|w0`) or next (`w0|w+1`) family from its members' small ids, or -1. */
  prevPair(left: number, right: number): number {
    return this.pairs.prev.get(left, right);
  }
  nextPair(left: number, right: number): number {
    return this.pairs.next.get(left, right);
  }
}

/**
 * The bigram pairs (two non-negative small ids → feature id) in open
 * addressing with each slot's key and value side by side: a token's look-up in
 * these large tables (a few MB each) then touches one cache line, where three
 * parallel arrays cost up to three misses.
 */
class PairTable {
  private constructor(
    /** Per slot: left id (-1: empty), right id, feature id, padding. */
    private readonly slots: Int32Array,
    private readonly mask: number,
  ) {}

  /** The pairs of `list` (left, right, id triples) with the values `map` settled on. */
  static from(map: IntPairMap, list: readonly number[]): PairTable {
    let size = 16;
    while (size < map.size * 2) size *= 2;
    const slots = new Int32Array(size * 4).fill(-1);
    const mask = size - 1;
    for (let k = 0; k < list.length; k += 3) {
      const a = list[k];
      const b = list[k + 1];
      for (let s = pairSlot(a, b) & mask; ; s = (s + 1) & mask) {
        const at = s * 4;
        if (slots[at] === -1) {
          slots[at] = a;
          slots[at + 1] = b;
          slots[at + 2] = map.get(a, b);
          break;
        }
        if (slots[at] === a && slots[at + 1] === b) break;
      }
    }
    return new PairTable(slots, mask);
  }

  /** The feature id of `(a, b)`, or -1. */
  get(a: number, b: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let s = pairSlot(a, b) & mask; ; s = (s + 1) & mask) {
      const at = s * 4;
      const k = slots[at];
      if (k === -1) return -1;
      if (k === a && slots[at + 1] === b) return slots[at + 2];
    }
  }
}

function pairSlot(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca6b)) >>> 7;
}

function slotOf(name: string): number {
  for (let k = 0; k < WORD_FAMILIES.length; k++) if (name.startsWith(WORD_FAMILIES[k])) return SLOT_W + k;
  for (let k = 0; k < SHAPE_FAMILIES.length; k++) if (name.startsWith(SHAPE_FAMILIES[k])) return SLOT_LONG_SHAPE + k;
  return -1;
}

/** 0 for a prefix name `p<k>=`, 1 for a suffix name `s<k>=`, -1 otherwise. */
function affixOf(name: string): number {
  for (let k = 0; k < AFFIX_FAMILIES.length; k++) if (name.startsWith(AFFIX_FAMILIES[k])) return k < 4 ? 0 : 1;
  return -1;
}

/**
 * Strings of 1–4 UTF-16 units → int, in open addressing over typed arrays:
 * a key is its length and its units packed two to an int, so a prefix or
 * suffix of a word is looked up without cutting it out as a string.
 */
export class ShortStringTable {
  private lengths: Uint8Array;
  private high: Int32Array;
  private low: Int32Array;
  private values: Int32Array;
  private mask: number;
  private size = 0;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.lengths = new Uint8Array(slots);
    this.high = new Int32Array(slots);
    this.low = new Int32Array(slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** The value of `s.slice(from, from + k)` (1 ≤ k ≤ 4), or -1. */
  get(s: string, from: number, k: number): number {
    const hi = (s.charCodeAt(from) << 16) | (k > 1 ? s.charCodeAt(from + 1) : 0);
    const lo = (k > 2 ? s.charCodeAt(from + 2) << 16 : 0) | (k > 3 ? s.charCodeAt(from + 3) : 0);
    const lengths = this.lengths;
    for (let at = slotOf4(hi, lo, k) & this.mask; ; at = (at + 1) & this.mask) {
      const len = lengths[at];
      if (len === 0) return -1;
      if (len === k && this.high[at] === hi && this.low[at] === lo) return this.values[at];
    }
  }

  /** Set the value of a 1–4 unit string (later sets win). */
  set(key: string, value: number): void {
    const k = key.length;
    if (k < 1 || k > 4) throw new Error(`ShortStringTable: key of ${k} units`);
    if ((this.size + 1) * 2 > this.lengths.length) this.grow();
    const hi = (key.charCodeAt(0) << 16) | (k > 1 ? key.charCodeAt(1) : 0);
    const lo = (k > 2 ? key.charCodeAt(2) << 16 : 0) | (k > 3 ? key.charCodeAt(3) : 0);
    this.put(k, hi, lo, value);
  }

  private put(k: number, hi: number, lo: number, value: number): void {
    for (let at = slotOf4(hi, lo, k) & this.mask; ; at = (at + 1) & this.mask) {
      const len = this.lengths[at];
      if (len === 0) {
        this.lengths[at] = k;
        this.high[at] = hi;
        this.low[at] = lo;
        this.values[at] = value;
        this.size++;
        return;
      }
      if (len === k && this.high[at] === hi && this.low[at] === lo) {
        this.values[at] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { lengths, high, low, values } = this;
    const slots = lengths.length * 2;
    this.lengths = new Uint8Array(slots);
    this.high = new Int32Array(slots);
    this.low = new Int32Array(slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    for (let at = 0; at < lengths.length; at++) if (lengths[at] !== 0) this.put(lengths[at], high[at], low[at], values[at]);
  }
}

function slotOf4(hi: number, lo: number, k: number): number {
  return (Math.imul(hi ^ Math.imul(lo, 0x85ebca6b), 0x9e3779b1) ^ Math.imul(k, 0x632be5ab)) >>> 7;
}

/**
 * Per word cluster (the interned prefix array of `WordClusters`), the ids of
 * its features: `c0..c3` (0..3), `c1&cap=<c1>|<cap>` per cap class (4..11),
 * `c-1.0..3` (12..15) and `c1.0..3` (16..19); -1 when absent.
 */
export const CLUSTER_OWN = 0;
export const CLUSTER_CAP = 4;
export const CLUSTER_PREV = 12;
export const CLUSTER_NEXT = 16;
export const CLUSTER_IDS = 20;

export function clusterFeatureIds(prefixes: readonly string[], index: (name: string) => number): Int32Array {
  const ids = new Int32Array(CLUSTER_IDS).fill(-1);
  for (let k = 0; k < prefixes.length && k < 4; k++) {
    ids[CLUSTER_OWN + k] = index(`c${k}=${prefixes[k]}`);
    ids[CLUSTER_PREV + k] = index(`c-1.${k}=${prefixes[k]}`);
    ids[CLUSTER_NEXT + k] = index(`c1.${k}=${prefixes[k]}`);
  }
  for (let cap = 0; cap < CAP_CLASSES.length; cap++) ids[CLUSTER_CAP + cap] = index(`c1&cap=${prefixes[1]}|${cap}`);
  return ids;
}

/**
 * The cluster features of the model by the bit string they name: `c<k>=x`,
 * `c-1.<k>=x` and `c1.<k>=x` at slot (family, k) of x, `c1&cap=x|<cap>` at
 * slot (cap) of x, in the layout of `clusterFeatureIds`. A cluster's ids are
 * then read with one look-up per prefix instead of twenty built names.
 */
export class ClusterFeatureTable {
  private readonly slots = new Map<string, Int32Array>();

  constructor(names: Iterable<string>, index: (name: string) => number) {
    for (const name of names) {
      if (name.charCodeAt(0) !== 99 /* c */) continue;
      const id = index(name);
      if (id < 0) continue;
      let key: string;
      let slot: number;
      const own = /^c([0-3])=/.exec(name);
      const lent = /^c(-1|1)\.([0-3])=/.exec(name);
      if (own) {
        key = name.slice(3);
        slot = CLUSTER_OWN + Number(own[1]);
      } else if (lent) {
        key = name.slice(lent[0].length);
        slot = (lent[1] === '-1' ? CLUSTER_PREV : CLUSTER_NEXT) + Number(lent[2]);
      } else if (name.startsWith('c1&cap=') && /\|[0-7]$/.test(name) && name.length > 9) {
        key = name.slice(7, -2);
        slot = CLUSTER_CAP + name.charCodeAt(name.length - 1) - 48;
      } else continue;
      let row = this.slots.get(key);
      if (!row) this.slots.set(key, (row = new Int32Array(CLUSTER_IDS).fill(-1)));
      row[slot] = id;
    }
  }

  /** The same ids as `clusterFeatureIds(prefixes, index)`. */
  idsOf(prefixes: readonly string[]): Int32Array {
    const ids = new Int32Array(CLUSTER_IDS).fill(-1);
    for (let k = 0; k < prefixes.length && k < 4; k++) {
      const row = this.slots.get(prefixes[k]);
      if (!row) continue;
      ids[CLUSTER_OWN + k] = row[CLUSTER_OWN + k];
      ids[CLUSTER_PREV + k] = row[CLUSTER_PREV + k];
      ids[CLUSTER_NEXT + k] = row[CLUSTER_NEXT + k];
    }
    const c1 = prefixes.length > 1 ? this.slots.get(prefixes[1]) : undefined;
    if (c1) for (let cap = 0; cap < CAP_CLASSES.length; cap++) ids[CLUSTER_CAP + cap] = c1[CLUSTER_CAP + cap];
    return ids;
  }
}
