/**
 * The stage's scorer for the span model: the same features as
 * `emitFeatures` (features.ts), added in the same order, but looked up by
 * integer ids instead of feature strings. Each document's words are mapped to
 * ids once (`RuleContext.wordIds`); every window, bigram, POS and suffix
 * feature is then an array index or an integer-pair hash probe.
 *
 * Weights are added in `emitFeatures`' order into float32 accumulators, so
 * the sums (hence the probabilities and findings) are bit-for-bit those of the
 * string-keyed scorer; `scoreTokens(documentFeatures(…))`, the training path,
 * adds the sentence sum and bias in another order and agrees within float32 rounding
 * (span-model.test.ts checks it).
 */

import { tokenAt } from '../../document/segment.js';
import type { Finding } from '../../schema/analysis.js';
import type { RuleContext } from '../rule-kit.js';
import { FEATURE_PREFIXES } from './features.js';
import { PairRows } from './pair-rows.js';
import { KERNEL_LANES, RowSumKernel } from './row-sum-kernel.js';

type Prefix = (typeof FEATURE_PREFIXES)[number];
const T = Object.fromEntries(FEATURE_PREFIXES.map((p, i) => [p, i])) as Record<Prefix, number>;

/** Templates whose value is one word (a token key, or `<s>` / `</s>` at sentence edges). */
const WORD_TEMPLATES: readonly Prefix[] = ['w=', 'w-1=', 'w+1=', 'w-2=', 'w+2=', 'S:'];
/** Templates whose value is a lexicon or rule id. */
const NAME_TEMPLATES: readonly Prefix[] = ['LB=', 'L=', 'RB=', 'R=', '<L=', '<LB=', '>L=', '>LB=', 'SL='];
const BUCKETS = ['1', '2', '3', '5'] as const;
const POSITIONS = ['first', 'last', 'early', 'mid'] as const;
const PLACES = ['title', 'lead', 'body'] as const;
const SHAPES = ['AA', 'Aa', 'a', '0', 'x'] as const;
const CONTENT = new Set(['NOUN', 'PROPN', 'ADJ', 'VERB']);

/** Row −1 everywhere means "no weights for this feature". */
export interface CompiledScorer {
  labels: number;
  /**
   * With at most 16 labels, the weight rows (padded to 16 floats) live in the
   * WebAssembly kernel that sums them (row-sum-kernel.ts), and `weights` is empty.
   */
  kernel: RowSumKernel | null;
  /** Without a kernel, the weight rows, `rowCount × labels` row-major. */
  weights: Float32Array;
  /** Floats per token (or sentence) in the sums compiledLogits returns: 16 with a kernel, else `labels`. */
  stride: number;
  /** Number of weight rows. */
  rowCount: number;
  vocab: Map<string, number>;
  /** Per word id, the row of each word template (index into WORD_TEMPLATES). */
  wordRows: Int32Array[];
  suffix: Map<string, number>;
  /** Rows of the `ww=` / `wn=` word-pair features by (word id, word id); −1 when none. */
  before: PairRows;
  after: PairRows;
  /**
   * Per word id, bit 1: first word of some `ww=` pair, 2: second word of one,
   * 4: first word of some `wn=` pair, 8: second word of one. A pair whose words
   * lack the bits has no row: the probe of the hash table is skipped.
   */
  pairRole: Uint8Array;
  pos: Map<string, number>;
  /** Per POS id, whether it is a content tag (features.ts `CONTENT`). */
  contentPos: Uint8Array;
  posRow: Int32Array;
  /** `pp=` / `pn=` rows indexed `a × P + b`; `pw=` indexed `pos × V + word`. */
  posPairBefore: Int32Array;
  posPairAfter: Int32Array;
  posWord: Int32Array;
  shape: Map<string, number>;
  shapeRows: Int32Array;
  position: Int32Array;
  quoted: number;
  inTitle: number;
  repeat: Int32Array;
  /** `rep=bucket|pos`, indexed `bucket × P + pos`. */
  repeatPos: Int32Array;
  /** Per lexicon or rule id, its row under each template (index into FEATURE_PREFIXES). */
  names: Map<string, Int32Array>;
  size: Int32Array;
  place: Int32Array;
  start: number;
  end: number;
  posStart: number;
  posEnd: number;
  /**
   * The model id and suffix row of the first KEY_CACHE_SIZE distinct keys
   * met (a memo of `vocab` and `suffix`: the common words then cost one look-up in a
   * small map that stays in cache, instead of two in the large ones and a slice).
   */
  keyCache: { slots: Map<string, number>; word: Int32Array; suffix: Int32Array };
}

const KEY_CACHE_SIZE = 8192;

/**
 * Compile per-template tables (feature value → row of `weights`, one table per
 * FEATURE_PREFIXES entry; `weights` is `rows × labels` row-major) into id-indexed arrays.
 */
export function compileScorer(byTemplate: ReadonlyArray<ReadonlyMap<string, number>>, weights: Float32Array, labels: number): CompiledScorer {
  const table = (p: Prefix) => byTemplate[T[p]];
  const row = (r: number | undefined): number => (r === undefined ? -1 : r);

  // Every string that can stand in a word slot or a POS slot of some feature.
  const vocab = new Map<string, number>();
  const word = (w: string) => {
    let id = vocab.get(w);
    if (id === undefined) vocab.set(w, (id = vocab.size));
    return id;
  };
  const pos = new Map<string, number>();
  const tag = (p: string) => {
    let id = pos.get(p);
    if (id === undefined) pos.set(p, (id = pos.size));
    return id;
  };
  for (const s of ['<s>', '</s>']) {
    word(s);
    tag(s);
  }
  // Word ids of each word template's values (the rows are laid out once the vocabulary's size is known).
  const wordIds = WORD_TEMPLATES.map((p) => Int32Array.from(table(p).keys(), word));
  // A bigram value is `a|b`; a word may itself hold '|', so every split is registered (the string path matches any of them).
  const pairEntries = (p: Prefix) => {
    const a: number[] = [];
    const b: number[] = [];
    const r: number[] = [];
    for (const [v, row] of table(p))
      for (let c = v.indexOf('|'); c >= 0; c = v.indexOf('|', c + 1)) {
        a.push(word(v.slice(0, c)));
        b.push(word(v.slice(c + 1)));
        r.push(row);
      }
    return { a, b, r };
  };
  const beforeEntries = pairEntries('ww=');
  const afterEntries = pairEntries('wn=');
  // POS tags hold no '|': split POS-valued features at the first one.
  const firstSplit = (v: string): [string, string] | null => {
    const c = v.indexOf('|');
    return c < 0 ? null : [v.slice(0, c), v.slice(c + 1)];
  };
  for (const v of table('p=').keys()) tag(v);
  for (const p of ['pp=', 'pn='] as const)
    for (const v of table(p).keys()) {
      const s = firstSplit(v);
      if (s) {
        tag(s[0]);
        tag(s[1]);
      }
    }
  const posWordEntries: Array<[number, number, number]> = [];
  for (const [v, r] of table('pw=')) {
    const s = firstSplit(v);
    if (s) posWordEntries.push([tag(s[0]), word(s[1]), r]);
  }
  for (const v of table('rep=').keys()) {
    const s = firstSplit(v);
    if (s) tag(s[1]);
  }
  for (const t of CONTENT) tag(t);
  const V = vocab.size;
  const P = pos.size;

  const wordRows = WORD_TEMPLATES.map((p, t) => {
    const out = new Int32Array(V).fill(-1);
    const ids = wordIds[t];
    let k = 0;
    for (const r of table(p).values()) out[ids[k++]] = r;
    return out;
  });
  const suffix = new Map<string, number>();
  for (const [v, r] of table('sf=')) suffix.set(v, r);
  const pairs = ({ a, b, r }: { a: number[]; b: number[]; r: number[] }) => new PairRows(a, b, r);
  const posRow = new Int32Array(P).fill(-1);
  for (const [v, r] of table('p=')) posRow[pos.get(v) as number] = r;
  const posPairs = (p: Prefix) => {
    const out = new Int32Array(P * P).fill(-1);
    for (const [v, r] of table(p)) {
      const s = firstSplit(v);
      if (s) out[(pos.get(s[0]) as number) * P + (pos.get(s[1]) as number)] = r;
    }
    return out;
  };
  const posWord = new Int32Array(P * V).fill(-1);
  for (const [t, w, r] of posWordEntries) posWord[t * V + w] = r;
  const shape = new Map<string, number>();
  for (const [v, r] of table('sh=')) shape.set(v, r);
  const fixed = (p: Prefix, values: readonly string[]) => Int32Array.from(values, (v) => row(table(p).get(v)));
  const repeatPos = new Int32Array(BUCKETS.length * P).fill(-1);
  BUCKETS.forEach((b, bi) => {
    for (const [t, ti] of pos) repeatPos[bi * P + ti] = row(table('rep=').get(`${b}|${t}`));
  });
  const names = new Map<string, Int32Array>();
  for (const p of NAME_TEMPLATES)
    for (const [v, r] of table(p)) {
      let out = names.get(v);
      if (!out) names.set(v, (out = new Int32Array(FEATURE_PREFIXES.length).fill(-1)));
      out[T[p]] = r;
    }
  const rowCount = weights.length / labels;
  let kernel: RowSumKernel | null = null;
  if (labels <= KERNEL_LANES) {
    const padded = new Float32Array(rowCount * KERNEL_LANES);
    for (let r = 0; r < rowCount; r++) padded.set(weights.subarray(r * labels, (r + 1) * labels), r * KERNEL_LANES);
    kernel = new RowSumKernel(padded);
  }
  const contentPos = new Uint8Array(P);
  for (const [t, ti] of pos) contentPos[ti] = CONTENT.has(t) ? 1 : 0;
  const pairRole = new Uint8Array(V);
  for (const a of beforeEntries.a) pairRole[a] |= 1;
  for (const b of beforeEntries.b) pairRole[b] |= 2;
  for (const a of afterEntries.a) pairRole[a] |= 4;
  for (const b of afterEntries.b) pairRole[b] |= 8;

  return {
    labels,
    kernel,
    weights: kernel ? new Float32Array(0) : weights,
    stride: kernel ? KERNEL_LANES : labels,
    rowCount,
    vocab,
    wordRows,
    suffix,
    before: pairs(beforeEntries),
    after: pairs(afterEntries),
    pairRole,
    pos,
    contentPos,
    posRow,
    posPairBefore: posPairs('pp='),
    posPairAfter: posPairs('pn='),
    posWord,
    shape,
    shapeRows: fixed('sh=', SHAPES),
    position: fixed('pos=', POSITIONS),
    quoted: row(table('q').get('')),
    inTitle: row(table('intitle').get('')),
    repeat: fixed('rep=', BUCKETS),
    repeatPos,
    names,
    size: fixed('SN=', BUCKETS),
    place: fixed('SP=', PLACES),
    start: vocab.get('<s>') as number,
    end: vocab.get('</s>') as number,
    posStart: pos.get('<s>') as number,
    posEnd: pos.get('</s>') as number,
    keyCache: { slots: new Map(), word: new Int32Array(KEY_CACHE_SIZE), suffix: new Int32Array(KEY_CACHE_SIZE) },
  };
}

function suffixValue(w: string): string {
  return w.length > 4 ? w.slice(-3) : w;
}

function bucketIndex(n: number): number {
  return n <= 1 ? 0 : n === 2 ? 1 : n <= 4 ? 2 : 3;
}

/** Whether `v === v.toUpperCase()`, without building the upper-case string for ASCII. */
function isUpperCase(v: string): boolean {
  for (let k = 0; k < v.length; k++) {
    const ch = v.charCodeAt(k);
    if (ch >= 128) return v === v.toUpperCase();
    if (ch >= 97 && ch <= 122) return false;
  }
  return true;
}

/** The row of `sh=shape(v)` (features.ts `shape`). */
function shapeRow(c: CompiledScorer, v: string): number {
  const ch = v.charCodeAt(0);
  if (ch >= 65 && ch <= 90) return c.shapeRows[v.length > 1 && isUpperCase(v) ? 0 : 1];
  if (ch >= 97 && ch <= 122) return c.shapeRows[2];
  if (ch >= 48 && ch <= 57) return c.shapeRows[3];
  return v.length === 1 ? (c.shape.get(v) ?? -1) : c.shapeRows[4];
}

/**
 * Without a kernel: `acc[dest × L …] = Σ W[row]` over each slot's rows, slot
 * after slot (`slots` holds `[dest, count]` pairs; `acc` zeroed; a float32
 * store rounds as `Math.fround` does, so the sums are the kernel's).
 */
function sumSlots(W: Float32Array, L: number, rows: Int32Array, slots: Int32Array, slotCount: number, acc: Float32Array): void {
  let r = 0;
  for (let s = 0; s < slotCount; s++) {
    const o = slots[2 * s] * L;
    const end = r + slots[2 * s + 1];
    for (; r < end; r++) {
      const wo = rows[r] * L;
      for (let k = 0; k < L; k++) acc[o + k] += W[wo + k];
    }
  }
}

/** 1 for an opening quote (`“ " ‘`), 2 for a closing one (`” " ’`), 3 for `"` (either), else 0. */
function quoteKind(v: string): number {
  if (v.length !== 1) return 0;
  const ch = v.charCodeAt(0);
  return ch === 0x22 ? 3 : ch === 0x201c || ch === 0x2018 ? 1 : ch === 0x201d || ch === 0x2019 ? 2 : 0;
}

/**
 * Per-call buffers of compiledLogits, kept between documents (grown as
 * needed) so that scoring a document allocates next to nothing. Only valid
 * during one call; `rows`, `slots` and `acc` serve scorers without a kernel.
 */
const scratch = {
  rows: new Int32Array(0),
  slots: new Int32Array(0),
  acc: new Float32Array(0),
  globalOf: new Int32Array(0),
  suffixRow: new Int32Array(0),
  counts: new Int32Array(0),
  title: new Uint8Array(0),
  seenIn: new Int32Array(0),
  g: new Int32Array(0),
  tag: new Int32Array(0),
};

function growScratch(n: number, m: number): void {
  if (scratch.g.length < n) {
    scratch.g = new Int32Array(n * 2);
    scratch.tag = new Int32Array(n * 2);
  }
  if (scratch.globalOf.length < m) {
    scratch.globalOf = new Int32Array(m * 2);
    scratch.suffixRow = new Int32Array(m * 2);
    scratch.counts = new Int32Array(m * 2);
    scratch.title = new Uint8Array(m * 2);
    scratch.seenIn = new Int32Array(m * 2);
  }
}

const NO_NAME = new Int32Array(FEATURE_PREFIXES.length).fill(-1);

/** `rows[at] = row`, and the next free index: `at + 1`, or `at` for −1 (no row). `rows` has room. */
function put(rows: Int32Array, at: number, row: number): number {
  rows[at] = row;
  return row >= 0 ? at + 1 : at;
}

/** Logit sums before the bias, `stride` floats per token (or sentence), labels first. */
export interface ScorerSums {
  /** Token-local sums, token i at `i × stride`. */
  local: Float32Array;
  /** Per-sentence shared sums, sentence s at `s × stride`. */
  shared: Float32Array;
  stride: number;
}

/**
 * Logits before the bias: token-local sums and per-sentence shared sums,
 * exactly as `emitFeatures` would add them. The rows each token (and
 * sentence) picks are collected in order, then summed in one go (by the
 * kernel, or `sumSlots`). The arrays are reused: valid until the next call.
 */
export function compiledLogits(c: CompiledScorer, ctx: RuleContext, ruleFindings: readonly Finding[]): ScorerSums {
  const L = c.labels;
  const { tokens, keys, sentences, wordIds: ids, words } = ctx;
  const n = tokens.length;
  const S = sentences.length;
  // Document-local word ids (every key, known to the model or not: repetition counts all words) → model ids.
  const m = words.length;
  const V = c.vocab.size;
  const P = c.pos.size;
  growScratch(n, m);
  const { globalOf, suffixRow, g, tag, counts, title, seenIn } = scratch;
  counts.fill(0, 0, m);
  title.fill(0, 0, m);
  seenIn.fill(-1, 0, m);
  const cache = c.keyCache;
  for (let id = 0; id < m; id++) {
    const key = words[id];
    const slot = cache.slots.get(key);
    if (slot !== undefined) {
      globalOf[id] = cache.word[slot];
      suffixRow[id] = cache.suffix[slot];
      continue;
    }
    const gi = c.vocab.get(key) ?? -1;
    const sr = c.suffix.get(suffixValue(key)) ?? -1;
    globalOf[id] = gi;
    suffixRow[id] = sr;
    if (cache.slots.size < KEY_CACHE_SIZE) {
      const k = cache.slots.size;
      cache.slots.set(key, k);
      cache.word[k] = gi;
      cache.suffix[k] = sr;
    }
  }
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    g[i] = globalOf[ids[i]];
    tag[i] = c.pos.get(t.pos) ?? -1;
    if (t.kind === 'word' && keys[i].length > 3) counts[ids[i]]++;
  }

  // Lexicon and rule hits per token, as (template, name rows) pairs in emitFeatures' order.
  let extraT: Array<number[] | undefined> | null = null;
  let extraN: Array<Int32Array[] | undefined> | null = null;
  let extras = 0;
  const push = (k: number, t: number, v: string) => {
    extras++;
    extraT ??= new Array(n);
    extraN ??= new Array(n);
    const r = c.names.get(v) ?? NO_NAME;
    const a = extraT[k];
    if (a === undefined) {
      extraT[k] = [t];
      extraN[k] = [r];
    } else {
      a.push(t);
      (extraN[k] as Int32Array[]).push(r);
    }
  };
  for (const [lexicon, hits] of ctx.hits) {
    for (const h of hits) {
      push(h.tokenStart, T['LB='], lexicon);
      for (let k = h.tokenStart; k < h.tokenEnd; k++) push(k, T['L='], lexicon);
    }
  }
  for (const f of ruleFindings) {
    const lo = tokenAt(tokens, f.start);
    for (let k = lo; k < n && tokens[k].start < f.end; k++) push(k, k === lo ? T['RB='] : T['R='], f.ruleId);
  }
  const TL = T['L='];
  const TLB = T['LB='];

  // The picked rows, and per slot a [dest, count] pair: slot s < S is sentence s, slot S + i token i.
  // A sentence picks at most one row per token, one per lexicon hit and two more; a token 18 and three
  // per lexicon or rule hit (its own and its neighbours'): room for all is reserved up front.
  const slotCount = S + n;
  const rowCapacity = 19 * n + 2 * S + 4 * extras + 16;
  const kernel = c.kernel;
  if (kernel) kernel.reserve(slotCount, rowCapacity);
  else {
    if (scratch.rows.length < rowCapacity) scratch.rows = new Int32Array(rowCapacity * 2);
    if (scratch.slots.length < slotCount * 2) scratch.slots = new Int32Array(slotCount * 4);
  }
  const rows = kernel ? kernel.rows : scratch.rows;
  const slots = kernel ? kernel.slots : scratch.slots;
  let nr = 0;
  let ns = 0;
  let from = 0;

  if (sentences.length > 0) for (let i = sentences[0].tokenStart; i < sentences[0].tokenEnd; i++) if (keys[i].length > 3) title[ids[i]] = 1;

  const [wRow, wm1Row, wp1Row, wm2Row, wp2Row, sRow] = c.wordRows;
  const { posRow, posPairBefore, posPairAfter, posWord, position, contentPos, pairRole } = c;
  for (let s = 0; s < sentences.length; s++) {
    const { tokenStart, tokenEnd } = sentences[s];
    let wordCount = 0;
    let lexicons: Int32Array[] | null = null;
    for (let i = tokenStart; i < tokenEnd; i++) {
      const t = tokens[i];
      // The sentence's distinct words, in first-seen order ('!' and '?' count as words here).
      const isWord = t.kind === 'word';
      if (isWord || t.value === '!' || t.value === '?') {
        if (isWord) wordCount++;
        const id = ids[i];
        if (seenIn[id] !== s) {
          seenIn[id] = s;
          if (g[i] >= 0) nr = put(rows, nr, sRow[g[i]]);
        }
      }
      if (extraT !== null) {
        const et = (extraT as Array<number[] | undefined>)[i];
        if (et !== undefined) {
          const en = (extraN as unknown as Array<Int32Array[]>)[i];
          // Distinct lexicons in first-seen order (a name's rows stand for the name: one Int32Array per name).
          for (let e = 0; e < et.length; e++) if (et[e] === TL && !(lexicons ??= []).includes(en[e])) lexicons.push(en[e]);
        }
      }
    }
    if (lexicons) for (const l of lexicons) nr = put(rows, nr, l[T['SL=']]);
    nr = put(rows, nr, c.size[bucketIndex(Math.ceil(wordCount / 8))]);
    nr = put(rows, nr, c.place[s === 0 ? 0 : s < 4 ? 1 : 2]);
    slots[ns++] = s;
    slots[ns++] = nr - from;
    from = nr;

    let quoted = false;
    for (let i = tokenStart; i < tokenEnd; i++) {
      const t = tokens[i];
      const w = g[i];
      const p1 = i > tokenStart ? g[i - 1] : c.start;
      const p2 = i > tokenStart + 1 ? g[i - 2] : c.start;
      const n1 = i + 1 < tokenEnd ? g[i + 1] : c.end;
      const n2 = i + 2 < tokenEnd ? g[i + 2] : c.end;
      const tp = tag[i];
      const pp = i > tokenStart ? tag[i - 1] : c.posStart;
      const nextTag = i + 1 < tokenEnd ? tag[i + 1] : c.posEnd;
      const qk = quoteKind(t.value);
      if (qk & 1 && !quoted) quoted = true;
      else if (qk & 2 && quoted) quoted = false;
      if (w >= 0) nr = put(rows, nr, wRow[w]);
      if (p1 >= 0) nr = put(rows, nr, wm1Row[p1]);
      if (n1 >= 0) nr = put(rows, nr, wp1Row[n1]);
      if (p2 >= 0) nr = put(rows, nr, wm2Row[p2]);
      if (n2 >= 0) nr = put(rows, nr, wp2Row[n2]);
      if (w >= 0) {
        const role = pairRole[w];
        if (p1 >= 0 && role & 2 && pairRole[p1] & 1) nr = put(rows, nr, c.before.get(p1, w));
        if (n1 >= 0 && role & 4 && pairRole[n1] & 8) nr = put(rows, nr, c.after.get(w, n1));
      }
      if (tp >= 0) {
        nr = put(rows, nr, posRow[tp]);
        if (pp >= 0) nr = put(rows, nr, posPairBefore[pp * P + tp]);
        if (nextTag >= 0) nr = put(rows, nr, posPairAfter[tp * P + nextTag]);
        if (w >= 0) nr = put(rows, nr, posWord[tp * V + w]);
      }
      nr = put(rows, nr, shapeRow(c, t.value));
      nr = put(rows, nr, suffixRow[ids[i]]);
      nr = put(rows, nr, position[i === tokenStart ? 0 : i === tokenEnd - 1 ? 1 : (i - tokenStart) * 3 < tokenEnd - tokenStart ? 2 : 3]);
      if (quoted) nr = put(rows, nr, c.quoted);
      const count = counts[ids[i]];
      if (count > 1 && (tp >= 0 ? contentPos[tp] === 1 : CONTENT.has(t.pos))) {
        const b = bucketIndex(count);
        nr = put(rows, nr, c.repeat[b]);
        if (tp >= 0) nr = put(rows, nr, c.repeatPos[b * P + tp]);
      }
      if (s > 0 && title[ids[i]] === 1) nr = put(rows, nr, c.inTitle);
      if (extraT !== null) {
        const xt = extraT as Array<number[] | undefined>;
        const xn = extraN as unknown as Array<Int32Array[]>;
        const et = xt[i];
        if (et !== undefined) {
          const en = xn[i];
          for (let e = 0; e < et.length; e++) nr = put(rows, nr, en[e][et[e]]);
        }
        // Cues next to the token ("the [so-called] experts", "[utterly] corrupt").
        if (i > tokenStart) {
          const q = xt[i - 1];
          if (q !== undefined) {
            const qn = xn[i - 1];
            for (let e = 0; e < q.length; e++) {
              if (q[e] === TL) nr = put(rows, nr, qn[e][T['<L=']]);
              else if (q[e] === TLB) nr = put(rows, nr, qn[e][T['<LB=']]);
            }
          }
        }
        if (i + 1 < tokenEnd) {
          const q = xt[i + 1];
          if (q !== undefined) {
            const qn = xn[i + 1];
            for (let e = 0; e < q.length; e++) {
              if (q[e] === TL) nr = put(rows, nr, qn[e][T['>L=']]);
              else if (q[e] === TLB) nr = put(rows, nr, qn[e][T['>LB=']]);
            }
          }
        }
      }
      slots[ns++] = S + i;
      slots[ns++] = nr - from;
      from = nr;
    }
  }
  let acc: Float32Array;
  let stride: number;
  if (kernel) {
    kernel.run(ns >> 1);
    acc = kernel.acc;
    stride = KERNEL_LANES;
  } else {
    if (scratch.acc.length < slotCount * L) scratch.acc = new Float32Array(slotCount * L * 2);
    acc = scratch.acc;
    acc.fill(0, 0, slotCount * L);
    sumSlots(c.weights, L, rows, slots, ns >> 1, acc);
    stride = L;
  }
  return { local: acc.subarray(S * stride, slotCount * stride), shared: acc.subarray(0, S * stride), stride };
}
