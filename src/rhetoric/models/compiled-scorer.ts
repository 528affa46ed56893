/**
 * The stage's scorer for the span model: the same features as
 * `emitFeatures` (features.ts), added in the same order, but looked up by
 * integer ids instead of feature strings. Each document's words are mapped to
 * ids once (one Map lookup per token); every window, bigram, POS and suffix
 * feature is then an array index or a numeric-key lookup. That removes the
 * ~30 string-keyed Map lookups per token that took three quarters of the
 * stage's time.
 *
 * Weights are added in `emitFeatures`' order, so the float32 sums (hence the
 * probabilities and findings) are bit-for-bit those of the string-keyed scorer
 * this replaced; `scoreTokens(documentFeatures(…))`, the training path, adds
 * the sentence sum and bias in another order and agrees within float32
 * rounding (span-model.test.ts checks it).
 */

import { tokenAt } from '../../document/segment.js';
import type { Finding } from '../../schema/analysis.js';
import type { RuleContext } from '../rule-kit.js';
import { FEATURE_PREFIXES } from './features.js';

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
const QUOTE_OPEN = new Set(['“', '"', '‘']);
const QUOTE_CLOSE = new Set(['”', '"', '’']);

/** Row −1 everywhere means "no weights for this feature". */
export interface CompiledScorer {
  labels: number;
  /** Weight rows, `rows × labels` row-major. */
  weights: Float32Array;
  vocab: Map<string, number>;
  /** Per word id, the row of each word template (index into WORD_TEMPLATES). */
  wordRows: Int32Array[];
  /** Row of `sf=` for each word id's suffix. */
  suffixOfWord: Int32Array;
  suffix: Map<string, number>;
  /** `ww=` and `wn=` rows keyed `a × V + b`. */
  before: Map<number, number>;
  after: Map<number, number>;
  pos: Map<string, number>;
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
}

/** Compile the per-template weight tables (`SpanModel.byTemplate`) into id-indexed arrays. */
export function compileScorer(byTemplate: ReadonlyArray<ReadonlyMap<string, Float32Array>>, labels: number): CompiledScorer {
  const vectors: Float32Array[] = [];
  const rowOf = new Map<Float32Array, number>();
  const row = (w: Float32Array | undefined): number => {
    if (w === undefined) return -1;
    let r = rowOf.get(w);
    if (r === undefined) {
      r = vectors.length;
      vectors.push(w);
      rowOf.set(w, r);
    }
    return r;
  };
  const table = (p: Prefix) => byTemplate[T[p]];

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
  for (const p of WORD_TEMPLATES) for (const v of table(p).keys()) word(v);
  // A bigram value is `a|b`; a word may itself hold '|', so every split is registered (the string path matches any of them).
  const splits = (v: string): Array<[string, string]> => {
    const out: Array<[string, string]> = [];
    for (let c = v.indexOf('|'); c >= 0; c = v.indexOf('|', c + 1)) out.push([v.slice(0, c), v.slice(c + 1)]);
    return out;
  };
  for (const p of ['ww=', 'wn='] as const)
    for (const v of table(p).keys())
      for (const [a, b] of splits(v)) {
        word(a);
        word(b);
      }
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
  for (const v of table('pw=').keys()) {
    const s = firstSplit(v);
    if (s) {
      tag(s[0]);
      word(s[1]);
    }
  }
  for (const v of table('rep=').keys()) {
    const s = firstSplit(v);
    if (s) tag(s[1]);
  }
  const V = vocab.size;
  const P = pos.size;

  const wordRows = WORD_TEMPLATES.map((p) => {
    const rows = new Int32Array(V).fill(-1);
    for (const [v, w] of table(p)) rows[vocab.get(v) as number] = row(w);
    return rows;
  });
  const suffix = new Map<string, number>();
  for (const [v, w] of table('sf=')) suffix.set(v, row(w));
  const suffixOfWord = new Int32Array(V).fill(-1);
  for (const [w, id] of vocab) suffixOfWord[id] = suffix.get(suffixValue(w)) ?? -1;
  const pairs = (p: Prefix) => {
    const m = new Map<number, number>();
    for (const [v, w] of table(p)) for (const [a, b] of splits(v)) m.set((vocab.get(a) as number) * V + (vocab.get(b) as number), row(w));
    return m;
  };
  const posRow = new Int32Array(P).fill(-1);
  for (const [v, w] of table('p=')) posRow[pos.get(v) as number] = row(w);
  const posPairs = (p: Prefix) => {
    const out = new Int32Array(P * P).fill(-1);
    for (const [v, w] of table(p)) {
      const s = firstSplit(v);
      if (s) out[(pos.get(s[0]) as number) * P + (pos.get(s[1]) as number)] = row(w);
    }
    return out;
  };
  const posWord = new Int32Array(P * V).fill(-1);
  for (const [v, w] of table('pw=')) {
    const s = firstSplit(v);
    if (s) posWord[(pos.get(s[0]) as number) * V + (vocab.get(s[1]) as number)] = row(w);
  }
  const shape = new Map<string, number>();
  for (const [v, w] of table('sh=')) shape.set(v, row(w));
  const fixed = (p: Prefix, values: readonly string[]) => Int32Array.from(values, (v) => row(table(p).get(v)));
  const repeatPos = new Int32Array(BUCKETS.length * P).fill(-1);
  BUCKETS.forEach((b, bi) => {
    for (const [t, ti] of pos) repeatPos[bi * P + ti] = row(table('rep=').get(`${b}|${t}`));
  });
  const names = new Map<string, Int32Array>();
  for (const p of NAME_TEMPLATES)
    for (const [v, w] of table(p)) {
      let r = names.get(v);
      if (!r) names.set(v, (r = new Int32Array(FEATURE_PREFIXES.length).fill(-1)));
      r[T[p]] = row(w);
    }

  const compiled: Omit<CompiledScorer, 'weights'> = {
    labels,
    vocab,
    wordRows,
    suffixOfWord,
    suffix,
    before: pairs('ww='),
    after: pairs('wn='),
    pos,
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
  };
  // Every row is known only now (the object above registered the last ones).
  const weights = new Float32Array(vectors.length * labels);
  for (let r = 0; r < vectors.length; r++) weights.set(vectors[r].subarray(0, labels), r * labels);
  return { ...compiled, weights };
}

/**
 * `acc[o..o+15) += W[row]` for each picked row, for the shipped model's 15
 * labels: the sums stay in registers, rounded to float32 after every addition
 * (Math.fround) exactly as a Float32Array store would round them, so the
 * result is the same bit for bit as the generic loop, without a store and a
 * load per addition.
 */
function addRows15(acc: Float32Array, o: number, W: Float32Array, rows: readonly number[]): void {
  if (rows.length === 0) return;
  let a0 = acc[o + 0],
    a1 = acc[o + 1],
    a2 = acc[o + 2],
    a3 = acc[o + 3],
    a4 = acc[o + 4],
    a5 = acc[o + 5],
    a6 = acc[o + 6],
    a7 = acc[o + 7],
    a8 = acc[o + 8],
    a9 = acc[o + 9],
    a10 = acc[o + 10],
    a11 = acc[o + 11],
    a12 = acc[o + 12],
    a13 = acc[o + 13],
    a14 = acc[o + 14];
  for (let r = 0; r < rows.length; r++) {
    const wo = rows[r] * 15;
    a0 = Math.fround(a0 + W[wo + 0]);
    a1 = Math.fround(a1 + W[wo + 1]);
    a2 = Math.fround(a2 + W[wo + 2]);
    a3 = Math.fround(a3 + W[wo + 3]);
    a4 = Math.fround(a4 + W[wo + 4]);
    a5 = Math.fround(a5 + W[wo + 5]);
    a6 = Math.fround(a6 + W[wo + 6]);
    a7 = Math.fround(a7 + W[wo + 7]);
    a8 = Math.fround(a8 + W[wo + 8]);
    a9 = Math.fround(a9 + W[wo + 9]);
    a10 = Math.fround(a10 + W[wo + 10]);
    a11 = Math.fround(a11 + W[wo + 11]);
    a12 = Math.fround(a12 + W[wo + 12]);
    a13 = Math.fround(a13 + W[wo + 13]);
    a14 = Math.fround(a14 + W[wo + 14]);
  }
  acc[o + 0] = a0;
  acc[o + 1] = a1;
  acc[o + 2] = a2;
  acc[o + 3] = a3;
  acc[o + 4] = a4;
  acc[o + 5] = a5;
  acc[o + 6] = a6;
  acc[o + 7] = a7;
  acc[o + 8] = a8;
  acc[o + 9] = a9;
  acc[o + 10] = a10;
  acc[o + 11] = a11;
  acc[o + 12] = a12;
  acc[o + 13] = a13;
  acc[o + 14] = a14;
}

function suffixValue(w: string): string {
  return w.length > 4 ? w.slice(-3) : w;
}

function bucketIndex(n: number): number {
  return n <= 1 ? 0 : n === 2 ? 1 : n <= 4 ? 2 : 3;
}

/** The row of `sh=shape(v)` (features.ts `shape`). */
function shapeRow(c: CompiledScorer, v: string): number {
  const ch = v.charCodeAt(0);
  if (ch >= 65 && ch <= 90) return c.shapeRows[v.length > 1 && v === v.toUpperCase() ? 0 : 1];
  if (ch >= 97 && ch <= 122) return c.shapeRows[2];
  if (ch >= 48 && ch <= 57) return c.shapeRows[3];
  return v.length === 1 ? (c.shape.get(v) ?? -1) : c.shapeRows[4];
}

/**
 * Logits before the bias: token-local sums (`n × labels`) and per-sentence
 * shared sums (`sentences × labels`), exactly as `emitFeatures` would add them.
 */
export function compiledLogits(c: CompiledScorer, ctx: RuleContext, ruleFindings: readonly Finding[]): { local: Float32Array; shared: Float32Array } {
  const L = c.labels;
  const W = c.weights;
  const { tokens, keys, sentences } = ctx;
  const n = tokens.length;
  const local = new Float32Array(n * L);
  const shared = new Float32Array(sentences.length * L);
  // Rows are collected per token (or sentence) and then summed in one tight loop, in collection order.
  const picked: number[] = [];
  const pick = (r: number) => {
    if (r >= 0) picked.push(r);
  };
  const flush = (acc: Float32Array, o: number) => {
    if (L === 15) addRows15(acc, o, W, picked);
    else
      for (let a = 0; a < picked.length; a++) {
        const wo = picked[a] * L;
        for (let k = 0; k < L; k++) acc[o + k] += W[wo + k];
      }
    picked.length = 0;
  };

  // Document-local word ids (every key, known to the model or not: repetition counts all words).
  const localId = new Map<string, number>();
  const ids = new Int32Array(n);
  const globalOf: number[] = [];
  for (let i = 0; i < n; i++) {
    let id = localId.get(keys[i]);
    if (id === undefined) {
      id = globalOf.length;
      localId.set(keys[i], id);
      globalOf.push(c.vocab.get(keys[i]) ?? -1);
    }
    ids[i] = id;
  }
  const m = globalOf.length;
  const V = c.vocab.size;
  const P = c.pos.size;
  const g = new Int32Array(n);
  const tag = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    g[i] = globalOf[ids[i]];
    tag[i] = c.pos.get(tokens[i].pos) ?? -1;
  }
  const suffixRow = new Int32Array(m);
  localId.forEach((id, key) => {
    const gi = globalOf[id];
    suffixRow[id] = gi >= 0 ? c.suffixOfWord[gi] : (c.suffix.get(suffixValue(key)) ?? -1);
  });

  // Lexicon and rule hits per token, as (template, name) pairs in emitFeatures' order.
  const extraT: Array<number[] | undefined> = new Array(n);
  const extraN: Array<string[] | undefined> = new Array(n);
  const push = (k: number, t: number, v: string) => {
    const a = extraT[k];
    if (a === undefined) {
      extraT[k] = [t];
      extraN[k] = [v];
    } else {
      a.push(t);
      (extraN[k] as string[]).push(v);
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
  const nameRow = (v: string, t: number) => c.names.get(v)?.[t] ?? -1;

  const counts = new Int32Array(m);
  for (let i = 0; i < n; i++) if (tokens[i].kind === 'word' && keys[i].length > 3) counts[ids[i]]++;
  const title = new Uint8Array(m);
  if (sentences.length > 0) for (let i = sentences[0].tokenStart; i < sentences[0].tokenEnd; i++) if (keys[i].length > 3) title[ids[i]] = 1;

  const [wRow, wm1Row, wp1Row, wm2Row, wp2Row, sRow] = c.wordRows;
  const seenIn = new Int32Array(m).fill(-1);
  for (let s = 0; s < sentences.length; s++) {
    const { tokenStart, tokenEnd } = sentences[s];
    const so = s * L;
    let wordCount = 0;
    let lexicons: Set<string> | null = null;
    for (let i = tokenStart; i < tokenEnd; i++) {
      const t = tokens[i];
      // The sentence's distinct words, in first-seen order ('!' and '?' count as words here).
      if (t.kind === 'word' || t.value === '!' || t.value === '?') {
        if (t.kind === 'word') wordCount++;
        const id = ids[i];
        if (seenIn[id] !== s) {
          seenIn[id] = s;
          if (g[i] >= 0) pick(sRow[g[i]]);
        }
      }
      const et = extraT[i];
      if (et !== undefined) for (let e = 0; e < et.length; e++) if (et[e] === T['L=']) (lexicons ??= new Set()).add((extraN[i] as string[])[e]);
    }
    if (lexicons) for (const l of lexicons) pick(nameRow(l, T['SL=']));
    pick(c.size[bucketIndex(Math.ceil(wordCount / 8))]);
    pick(c.place[s === 0 ? 0 : s < 4 ? 1 : 2]);
    flush(shared, so);

    let quoted = false;
    for (let i = tokenStart; i < tokenEnd; i++) {
      const t = tokens[i];
      const o = i * L;
      const w = g[i];
      const p1 = i > tokenStart ? g[i - 1] : c.start;
      const p2 = i > tokenStart + 1 ? g[i - 2] : c.start;
      const n1 = i + 1 < tokenEnd ? g[i + 1] : c.end;
      const n2 = i + 2 < tokenEnd ? g[i + 2] : c.end;
      const tp = tag[i];
      const pp = i > tokenStart ? tag[i - 1] : c.posStart;
      const np = i + 1 < tokenEnd ? tag[i + 1] : c.posEnd;
      if (QUOTE_OPEN.has(t.value) && !quoted) quoted = true;
      else if (QUOTE_CLOSE.has(t.value) && quoted) quoted = false;
      if (w >= 0) pick(wRow[w]);
      if (p1 >= 0) pick(wm1Row[p1]);
      if (n1 >= 0) pick(wp1Row[n1]);
      if (p2 >= 0) pick(wm2Row[p2]);
      if (n2 >= 0) pick(wp2Row[n2]);
      if (p1 >= 0 && w >= 0) pick(c.before.get(p1 * V + w) ?? -1);
      if (w >= 0 && n1 >= 0) pick(c.after.get(w * V + n1) ?? -1);
      if (tp >= 0) {
        pick(c.posRow[tp]);
        if (pp >= 0) pick(c.posPairBefore[pp * P + tp]);
        if (np >= 0) pick(c.posPairAfter[tp * P + np]);
        if (w >= 0) pick(c.posWord[tp * V + w]);
      }
      pick(shapeRow(c, t.value));
      pick(suffixRow[ids[i]]);
      pick(c.position[i === tokenStart ? 0 : i === tokenEnd - 1 ? 1 : (i - tokenStart) * 3 < tokenEnd - tokenStart ? 2 : 3]);
      if (quoted) pick(c.quoted);
      const count = counts[ids[i]];
      if (count > 1 && CONTENT.has(t.pos)) {
        const b = bucketIndex(count);
        pick(c.repeat[b]);
        if (tp >= 0) pick(c.repeatPos[b * P + tp]);
      }
      if (s > 0 && title[ids[i]] === 1) pick(c.inTitle);
      const et = extraT[i];
      if (et !== undefined) {
        const en = extraN[i] as string[];
        for (let e = 0; e < et.length; e++) pick(nameRow(en[e], et[e]));
      }
      // Cues next to the token ("the [so-called] experts", "[utterly] corrupt").
      if (i > tokenStart) {
        const q = extraT[i - 1];
        if (q !== undefined) {
          const qn = extraN[i - 1] as string[];
          for (let e = 0; e < q.length; e++) {
            if (q[e] === T['L=']) pick(nameRow(qn[e], T['<L=']));
            else if (q[e] === T['LB=']) pick(nameRow(qn[e], T['<LB=']));
          }
        }
      }
      if (i + 1 < tokenEnd) {
        const q = extraT[i + 1];
        if (q !== undefined) {
          const qn = extraN[i + 1] as string[];
          for (let e = 0; e < q.length; e++) {
            if (q[e] === T['L=']) pick(nameRow(qn[e], T['>L=']));
            else if (q[e] === T['LB=']) pick(nameRow(qn[e], T['>LB=']));
          }
        }
      }
      flush(local, o);
    }
  }
  return { local, shared };
}
