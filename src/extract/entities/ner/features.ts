import { IntPairMap, MISSING } from '../../../pipeline/int-pair-map.js';
import { GAZETTEER_SLOTS, type Gazetteer, gazetteerSlotName, matchGazetteer } from './gazetteer.js';
import { LABEL_COUNT, NER_TYPES } from './labels.js';
import { CAP_CLASSES, capClass, foldDigits, normalizeForm, startsUpper, wordShapes } from './word-form.js';

/** Feature name → id. Training adds names as it meets them; at run time unknown names give -1. */
export interface FeatureIndex {
  get(name: string): number;
}

/** Word → cluster ids at a few granularities, coarse first (learnt on unlabelled text). */
export type WordClusters = Map<string, string[]>;

/**
 * Prefix lengths of a cluster bit string used as features: each prefix is a
 * coarser cluster (the last, at most 16 bits, is the word's own leaf).
 */
export const CLUSTER_PREFIXES = [4, 6, 10, 16] as const;

export interface SentenceRange {
  tokenStart: number;
  tokenEnd: number;
}

/** Features of one document in compressed rows: token i has ids[start[i] .. start[i+1]). */
export interface DocumentFeatures {
  n: number;
  start: Int32Array;
  ids: Int32Array;
  /** Normalised lower-case form per token (the key of the prediction history). */
  lower: string[];
  /** 1 when the token starts with a capital letter. */
  upper: Uint8Array;
  /**
   * At run time only: the summed weights of each token's word and context
   * features (`base[i * L + y]`), taken from per-word cached vectors; `ids`
   * then holds only the positional features.
   */
  base?: Float64Array;
}

/** Word-row flags (see `FeatureExtractor.wordFlags`). */
const UPPER_FLAG = 1;
const LETTER_FLAG = 2;

const OFFSETS = [-2, -1, 1, 2] as const;
const L = LABEL_COUNT;
// Word types cached (with their weight sums at run time). A news corpus of
// ~1,100 articles has ~40k; the cap bounds a long ingest's worker memory. A 25k
// cap saved ~10 MB but cost the entity stage a third of its speed (the bench's
// 297 PTC articles: 225k → 139k words/s), since the cache then empties mid-run.
const WORD_CACHE_LIMIT = 50_000;
/** Weight sums per word row at run time: its own features, then what it lends to offsets -2, -1, +1, +2. */
const ROW = 5 * L;

/**
 * Turns tokens into feature ids. The same code serves training and tagging so
 * that the two can never drift apart. Word-level features are computed once per
 * word type and cached; only the few positional conjunctions are built per token.
 *
 * The cache is an arena: a word type gets a row number, and everything about it
 * that does not depend on where it stands lives in typed arrays at that row (a
 * long ingest keeps ~50k word types; an object and five id lists per word cost
 * ~1 KB of heap each, the rows ~40 bytes plus the sums).
 */
export class FeatureExtractor {
  /** Word type → its row. Rows are only reused after a clear between documents, so a document's rows stay valid. */
  private readonly wordRows = new Map<string, number>();
  private wordCount = 0;
  private wordCapacity = 1024;
  /** Per row: the row of the word's lower-case form (below). */
  private wordLower = new Int32Array(this.wordCapacity);
  /** Per row: small integer standing for the short shape (keys the shape-trigram cache; `shapeNames` holds the shape). */
  private wordShape = new Int32Array(this.wordCapacity);
  /** Per row: index of the word's class in CAP_CLASSES. */
  private wordCap = new Uint8Array(this.wordCapacity);
  /** Per row: UPPER_FLAG (starts with a capital), LETTER_FLAG (has a letter). */
  private wordFlags = new Uint8Array(this.wordCapacity);
  /** Per row: the gazetteer vocabulary id of the lower-case form (-1: in no listed name). */
  private wordGazetteer = new Int32Array(this.wordCapacity);
  /**
   * Run time, 4 per row: small ids of the word as left/right member of the
   * bigram families `w-1|w0` (prev) and `w0|w+1` (next); -1 when it is in none.
   */
  private wordBigram = new Int32Array(4 * this.wordCapacity);
  /** Training only, per row: feature ids of the word itself, then those it lends to offsets -2, -1, +1, +2. */
  private wordLists: number[][][] = [];
  /**
   * Run time: the words' weight sums in one flat array (ROW per word row), so
   * the hot loop reads one typed array instead of chasing a vector per word.
   */
  private pool: Float32Array | null = null;
  /** Run time: one word's sums while its features are found, in float64 as they always were. */
  private readonly sums = new Float64Array(ROW);

  /** Lower-case form → its row: the document-context counts, shared by every word type with that form. */
  private readonly lowerRows = new Map<string, number>();
  private lowerForms: string[] = [];
  /** Per lower row, stamped with the document's generation, so nothing is cleared between documents. */
  private lowerGen = new Int32Array(this.wordCapacity).fill(-1);
  /** Per lower row: capitalised mid-sentence occurrences in the current document. */
  private lowerMid = new Int32Array(this.wordCapacity);
  /** Per lower row: 1 when seen in lower case in the current document. */
  private lowerSeen = new Uint8Array(this.wordCapacity);
  private docGen = 0;

  private readonly gazetteerIds: Int32Array;
  /** Ids of the prediction-history features `h=TYPE` (see tagger / trainer). */
  readonly historyIds: Int32Array;
  private buffer = new Int32Array(1 << 16);
  /** One token's feature ids before they are summed or stored (training: word features too). */
  private positional = new Int32Array(256);
  /** Run time, per token: pool offsets of the word vectors it sums, and weight-row offsets of its positional features. */
  private readonly vectorStarts = new Int32Array(5);
  private readonly weightRows = new Int32Array(256);
  /** Shape → small id, with the sentence boundaries as ids 0 and 1. */
  private readonly shapeIds = new Map<string, number>([
    ['<s>', 0],
    ['</s>', 1],
  ]);
  private readonly shapeNames: string[] = ['<s>', '</s>'];
  /** Shape trigram (as a number) → feature id, so the name is built once per trigram. */
  private readonly shapeTrigrams = new IntPairMap(1 << 12);

  /** Ids of features whose names do not depend on the words (built once). */
  private readonly boundaryIds: Int32Array;
  private readonly firstCapIds: Int32Array;
  private readonly headlineCapIds: Int32Array;
  private readonly docIds: Int32Array;
  /**
   * At run time (a fixed index), the words that take part in some bigram
   * feature as left or right member: most token pairs can then skip building
   * the bigram's name. Null while training, when every name is new.
   */
  private readonly bigramWords: { prev: BigramFamily; next: BigramFamily } | null;
  /** Run time: the bigram ids of the sentence boundaries, `<s>` as left member of prev, `</s>` as right member of next. */
  private readonly startPrevLeft: number = -1;
  private readonly endNextRight: number = -1;

  constructor(
    private readonly index: FeatureIndex,
    private readonly gazetteer: Gazetteer | null,
    private readonly clusters: WordClusters | null,
    knownNames?: Iterable<string>,
    /** Fixed weights (run time): word-level features are then summed once per word type. */
    private readonly weights?: Float32Array,
  ) {
    this.gazetteerIds = Int32Array.from({ length: GAZETTEER_SLOTS }, (_, s) => index.get(gazetteerSlotName(s)));
    this.historyIds = Int32Array.from(NER_TYPES, (t) => index.get(`h=${t}`));
    this.boundaryIds = Int32Array.from(OFFSETS, (off) => index.get(`w${off}=${off < 0 ? '<s>' : '</s>'}`));
    this.firstCapIds = Int32Array.from(CAP_CLASSES, (_, cap) => index.get(`first&cap=${cap}`));
    this.headlineCapIds = Int32Array.from(CAP_CLASSES, (_, cap) => index.get(`hdl&cap=${cap}`));
    this.docIds = Int32Array.from(['dc@first', 'dc@hdl', 'dc@mid', 'dl@first', 'dl@hdl', 'dl@mid'], (name) => index.get(name));
    if (weights) this.pool = new Float32Array(this.wordCapacity * ROW);
    if (knownNames) {
      const prev = new BigramFamily();
      const next = new BigramFamily();
      for (const name of knownNames) {
        const family = name.startsWith('w-1|w0=') ? prev : name.startsWith('w0|w+1=') ? next : null;
        if (!family) continue;
        const id = index.get(name);
        const pair = name.slice(7);
        // Words may hold '|'; registering every split gives the same id the name lookup would.
        for (let k = pair.indexOf('|'); k >= 0; k = pair.indexOf('|', k + 1)) family.add(pair.slice(0, k), pair.slice(k + 1), id);
      }
      this.bigramWords = { prev, next };
      this.startPrevLeft = prev.leftId(normalizeForm('<s>').toLowerCase());
      this.endNextRight = next.rightId(normalizeForm('</s>').toLowerCase());
    } else this.bigramWords = null;
  }

  /** Room for `rows` word rows (and as many lower rows): typed arrays grow by doubling, up to the cache limit while that suffices. */
  private reserve(rows: number): void {
    if (rows <= this.wordCapacity) return;
    let cap = Math.max(rows, this.wordCapacity * 2);
    if (rows <= WORD_CACHE_LIMIT) cap = Math.min(cap, WORD_CACHE_LIMIT);
    const grow = <T extends Int32Array | Uint8Array | Float32Array>(a: T, per: number): T => {
      const bigger = new (a.constructor as new (n: number) => T)(cap * per);
      bigger.set(a);
      return bigger;
    };
    this.wordLower = grow(this.wordLower, 1);
    this.wordShape = grow(this.wordShape, 1);
    this.wordCap = grow(this.wordCap, 1);
    this.wordFlags = grow(this.wordFlags, 1);
    this.wordGazetteer = grow(this.wordGazetteer, 1);
    this.wordBigram = grow(this.wordBigram, 4);
    if (this.pool) this.pool = grow(this.pool, ROW);
    const gens = grow(this.lowerGen, 1);
    gens.fill(-1, this.wordCapacity);
    this.lowerGen = gens;
    this.lowerMid = grow(this.lowerMid, 1);
    this.lowerSeen = grow(this.lowerSeen, 1);
    this.wordCapacity = cap;
  }

  /** The row of a word type, computing its features on first sight. */
  private word(value: string): number {
    const known = this.wordRows.get(value);
    if (known !== undefined) return known;
    const row = this.wordCount++;
    this.reserve(this.wordCount);
    const form = normalizeForm(value);
    const lower = form.toLowerCase();
    const folded = foldDigits(lower);
    const { long, short } = wordShapes(form);
    const cap = CAP_CLASSES.indexOf(capClass(form));
    const lists: number[][] | null = this.weights ? null : [[], [], [], [], []];
    if (!lists) this.sums.fill(0);
    // Own features (list 0), in the order they are summed.
    this.feature(lists, 0, 'b');
    this.feature(lists, 0, `w=${folded}`);
    this.feature(lists, 0, `sh=${long}`);
    this.feature(lists, 0, `ss=${short}`);
    this.feature(lists, 0, `cap=${cap}`);
    const chars = [...lower];
    for (let k = 1; k <= 4 && k < chars.length; k++) {
      this.feature(lists, 0, `p${k}=${chars.slice(0, k).join('')}`);
      this.feature(lists, 0, `s${k}=${chars.slice(-k).join('')}`);
    }
    const cl = this.clusters?.get(lower);
    if (cl) {
      for (let k = 0; k < cl.length; k++) this.feature(lists, 0, `c${k}=${cl[k]}`);
      // The cluster says what kind of word it is; the case says whether this use is a name.
      this.feature(lists, 0, `c1&cap=${cl[1]}|${cap}`);
    } else if (this.clusters && /\p{L}/u.test(lower)) this.feature(lists, 0, `c=none|${cap}`);
    // What the word lends to its neighbours at offsets -2, -1, +1, +2 (lists 1..4).
    for (let k = 0; k < 4; k++) {
      const off = OFFSETS[k];
      this.feature(lists, k + 1, `w${off}=${folded}`);
      this.feature(lists, k + 1, `ss${off}=${short}`);
      if (cl && (off === -1 || off === 1)) for (let c = 0; c < cl.length; c++) this.feature(lists, k + 1, `c${off}.${c}=${cl[c]}`);
    }
    if (lists) this.wordLists[row] = lists;
    else (this.pool as Float32Array).set(this.sums, row * ROW);
    let shapeId = this.shapeIds.get(short);
    if (shapeId === undefined) {
      shapeId = this.shapeNames.length;
      this.shapeIds.set(short, shapeId);
      this.shapeNames.push(short);
    }
    let lowerRow = this.lowerRows.get(lower);
    if (lowerRow === undefined) {
      lowerRow = this.lowerForms.length;
      this.lowerRows.set(lower, lowerRow);
      this.lowerForms.push(lower);
      this.lowerGen[lowerRow] = -1;
    }
    this.wordLower[row] = lowerRow;
    this.wordShape[row] = shapeId;
    this.wordCap[row] = cap;
    this.wordFlags[row] = (startsUpper(form) ? UPPER_FLAG : 0) | (/\p{L}/u.test(form) ? LETTER_FLAG : 0);
    this.wordGazetteer[row] = this.gazetteer?.vocabulary.ids.get(lower) ?? -1;
    const bw = this.bigramWords;
    const b = row * 4;
    this.wordBigram[b] = bw ? bw.prev.leftId(lower) : -1;
    this.wordBigram[b + 1] = bw ? bw.prev.rightId(lower) : -1;
    this.wordBigram[b + 2] = bw ? bw.next.leftId(lower) : -1;
    this.wordBigram[b + 3] = bw ? bw.next.rightId(lower) : -1;
    this.wordRows.set(value, row);
    return row;
  }

  /**
   * One word-level feature: training keeps its id in list `k`; at run time its
   * weights go straight into sum `k` (ids in the same order, so the same float64 sums).
   */
  private feature(lists: number[][] | null, k: number, name: string): void {
    const id = this.index.get(name);
    if (id < 0) return;
    if (lists) {
      lists[k].push(id);
      return;
    }
    const weights = this.weights as Float32Array;
    const sums = this.sums;
    const from = id * L;
    const to = k * L;
    for (let y = 0; y < L; y++) sums[to + y] += weights[from + y];
  }

  /** Forget every word type and lower-case form (a bounded cache; the next words are computed again). */
  private clearWords(): void {
    this.wordRows.clear();
    this.wordCount = 0;
    this.wordLists = [];
    this.lowerRows.clear();
    this.lowerForms = [];
  }

  /**
   * Extract the static features of a whole document. `gazetteerExclude` is for
   * training only: the document's own gold names, left out of the train gazetteer.
   */
  extract(values: readonly string[], sentences: readonly SentenceRange[], gazetteerExclude?: Map<string, number>): DocumentFeatures {
    const n = values.length;
    // Only between documents, so the rows a document holds stay valid while it is read.
    if (this.wordCount > 0 && this.wordCount + n > WORD_CACHE_LIMIT) this.clearWords();
    if (this.shapeTrigrams.size >= WORD_CACHE_LIMIT) this.shapeTrigrams.clear();
    const gen = ++this.docGen;
    const rowOf = new Int32Array(n);
    for (let i = 0; i < n; i++) rowOf[i] = this.word(values[i]);
    // Read after the words are in: the arrays may have grown.
    const wordLower = this.wordLower;
    const wordShape = this.wordShape;
    const wordCap = this.wordCap;
    const wordFlags = this.wordFlags;
    const wordBigram = this.wordBigram;
    const lowerGen = this.lowerGen;
    const lowerMid = this.lowerMid;
    const lowerSeen = this.lowerSeen;
    const lower: string[] = new Array(n);
    const upper = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const r = rowOf[i];
      lower[i] = this.lowerForms[wordLower[r]];
      upper[i] = wordFlags[r] & UPPER_FLAG;
    }
    const sentenceStart = new Uint8Array(n);
    const headline = new Uint8Array(n);
    // The sentence bounds of each token; tokens outside every sentence get no features.
    const sentA = new Int32Array(n).fill(-1);
    const sentB = new Int32Array(n).fill(-1);
    for (const s of sentences) {
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        sentA[i] = s.tokenStart;
        sentB[i] = s.tokenEnd;
      }
      if (s.tokenStart < n) sentenceStart[s.tokenStart] = 1;
      // A sentence of mostly all-caps words is a headline, where case says little.
      let caps = 0;
      let letters = 0;
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        if (!(wordFlags[rowOf[i]] & LETTER_FLAG)) continue;
        letters++;
        if (wordCap[rowOf[i]] === ALLCAPS) caps++;
      }
      if (letters >= 2 && caps * 2 > letters) for (let i = s.tokenStart; i < s.tokenEnd; i++) headline[i] = 1;
    }
    // Document context: does the word occur capitalised mid-sentence, or lower-cased, elsewhere?
    for (let i = 0; i < n; i++) {
      const r = rowOf[i];
      const li = wordLower[r];
      if (lowerGen[li] !== gen) {
        lowerGen[li] = gen;
        lowerMid[li] = 0;
        lowerSeen[li] = 0;
      }
      if (!(wordFlags[r] & LETTER_FLAG)) continue;
      const cap = wordCap[r];
      if (cap === LOWER) lowerSeen[li] = 1;
      else if (wordFlags[r] & UPPER_FLAG && !sentenceStart[i] && !headline[i] && cap !== ALLCAPS) lowerMid[li]++;
    }
    // Gazetteer matches, per token, as slots.
    const gzCount = new Uint8Array(n);
    const gz = new Int32Array(n * 8);
    if (this.gazetteer) {
      const emit = (t: number, slot: number) => {
        if (gzCount[t] < 8) gz[t * 8 + gzCount[t]++] = slot;
      };
      const wordIds = new Int32Array(n);
      for (let i = 0; i < n; i++) wordIds[i] = this.wordGazetteer[rowOf[i]];
      for (const s of sentences) matchGazetteer(this.gazetteer, lower, upper, s.tokenStart, s.tokenEnd, emit, gazetteerExclude, wordIds);
    }

    const start = new Int32Array(n + 1);
    let buf = this.buffer;
    let len = 0;
    const ix = this.index;
    const weights = this.weights;
    const pool = this.pool;
    // At run time every feature's weights go straight into the token's emission row.
    const base = weights ? new Float64Array(n * L) : undefined;
    const bw = this.bigramWords;
    // The positional features of one token (at most 4 + 2 + 1 + 2 + 2 + 8), in the order they are summed.
    const pos = this.positional;
    const vecs = this.vectorStarts;
    const rows = this.weightRows;
    const shapeNames = this.shapeNames;
    for (let i = 0; i < n; i++) {
      start[i] = len;
      const a = sentA[i];
      const b = sentB[i];
      if (a < 0) continue;
      const r = rowOf[i];
      let np = 0;
      let nv = 0;
      if (base && pool) {
        // Where this token's word vectors sit in the pool: its own, then its neighbours' context sums.
        vecs[nv++] = r * ROW;
        for (let k = 0; k < 4; k++) {
          const j = i + OFFSETS[k];
          if (j >= a && j < b) vecs[nv++] = rowOf[j] * ROW + (4 - k) * L;
          else pos[np++] = this.boundaryIds[k];
        }
      } else {
        for (const id of this.wordLists[r][0]) pos[np++] = id;
        for (let k = 0; k < 4; k++) {
          const j = i + OFFSETS[k];
          if (j >= a && j < b) for (const id of this.wordLists[rowOf[j]][4 - k]) pos[np++] = id;
          else pos[np++] = this.boundaryIds[k];
        }
      }
      if (bw) {
        const prevLeft = i > a ? wordBigram[rowOf[i - 1] * 4] : this.startPrevLeft;
        const prevRight = wordBigram[r * 4 + 1];
        const nextLeft = wordBigram[r * 4 + 2];
        const nextRight = i + 1 < b ? wordBigram[rowOf[i + 1] * 4 + 3] : this.endNextRight;
        if (prevLeft >= 0 && prevRight >= 0) pos[np++] = bw.prev.pair(prevLeft, prevRight);
        if (nextLeft >= 0 && nextRight >= 0) pos[np++] = bw.next.pair(nextLeft, nextRight);
      } else {
        const prevLower = i > a ? lower[i - 1] : '<s>';
        const nextLower = i + 1 < b ? lower[i + 1] : '</s>';
        pos[np++] = ix.get(`w-1|w0=${prevLower}|${lower[i]}`);
        pos[np++] = ix.get(`w0|w+1=${lower[i]}|${nextLower}`);
      }
      const shape = wordShape[r];
      const prevShape = i > a ? wordShape[rowOf[i - 1]] : 0;
      const nextShape = i + 1 < b ? wordShape[rowOf[i + 1]] : 1;
      // 10 bits per shape keeps the key a small integer; rarer shapes build the name.
      const cacheable = prevShape < 1024 && shape < 1024 && nextShape < 1024;
      const trigram = (prevShape * 1024 + shape) * 1024 + nextShape;
      let trigramId = cacheable ? this.shapeTrigrams.get(trigram, 0) : MISSING;
      if (trigramId === MISSING) {
        trigramId = ix.get(`ss3=${shapeNames[prevShape]}|${shapeNames[shape]}|${shapeNames[nextShape]}`);
        if (cacheable) this.shapeTrigrams.set(trigram, 0, trigramId);
      }
      pos[np++] = trigramId;
      const cap = wordCap[r];
      if (sentenceStart[i]) pos[np++] = this.firstCapIds[cap];
      if (headline[i]) pos[np++] = this.headlineCapIds[cap];
      if (wordFlags[r] & UPPER_FLAG) {
        const li = wordLower[r];
        const ownMid = !sentenceStart[i] && !headline[i] && cap !== ALLCAPS ? 1 : 0;
        const where = sentenceStart[i] ? 0 : headline[i] ? 1 : 2;
        if (lowerMid[li] - ownMid > 0) pos[np++] = this.docIds[where];
        if (lowerSeen[li]) pos[np++] = this.docIds[3 + where];
      }
      for (let k = 0; k < gzCount[i]; k++) pos[np++] = this.gazetteerIds[gz[i * 8 + k]];
      if (base && weights && pool) {
        // One label at a time, every source in the same order as a vector-at-a-time sum
        // (word vectors, then positional weights), so each sum is bit-identical but is stored once.
        let nw = 0;
        for (let q = 0; q < np; q++) if (pos[q] >= 0) rows[nw++] = pos[q] * L;
        const row = i * L;
        for (let y = 0; y < L; y++) {
          let sum = pool[vecs[0] + y];
          for (let q = 1; q < nv; q++) sum += pool[vecs[q] + y];
          for (let q = 0; q < nw; q++) sum += weights[rows[q] + y];
          base[row + y] = sum;
        }
      } else {
        if (len + np > buf.length) {
          const bigger = new Int32Array((len + np) * 2);
          bigger.set(buf);
          buf = bigger;
        }
        for (let q = 0; q < np; q++) if (pos[q] >= 0) buf[len++] = pos[q];
      }
    }
    start[n] = len;
    this.buffer = buf;
    return { n, start, ids: buf.slice(0, len), lower, upper, base };
  }
}

/**
 * One family of word-bigram features at run time: words get small ids as left
 * and right members, and a pair of ids maps to the feature id, so no feature
 * name has to be built per token.
 */
class BigramFamily {
  private readonly left = new Map<string, number>();
  private readonly right = new Map<string, number>();
  private readonly added: number[] = [];
  /** (left, right) → feature id. */
  private pairs: IntPairMap | null = null;

  add(left: string, right: string, id: number): void {
    let l = this.left.get(left);
    if (l === undefined) this.left.set(left, (l = this.left.size));
    let r = this.right.get(right);
    if (r === undefined) this.right.set(right, (r = this.right.size));
    this.added.push(l, r, id);
  }
  leftId(word: string): number {
    return this.left.get(word) ?? -1;
  }
  rightId(word: string): number {
    return this.right.get(word) ?? -1;
  }
  /** Feature id of a pair, or -1 when the two words never formed a kept bigram. */
  pair(left: number, right: number): number {
    let pairs = this.pairs;
    if (!pairs) {
      pairs = new IntPairMap(this.added.length / 3);
      // Later registrations of a pair win, as they did in the Map this replaces.
      for (let k = 0; k < this.added.length; k += 3) pairs.set(this.added[k], this.added[k + 1], this.added[k + 2]);
      this.pairs = pairs;
    }
    const id = pairs.get(left, right);
    return id === MISSING ? -1 : id;
  }
}

const LOWER = CAP_CLASSES.indexOf('lower');
const ALLCAPS = CAP_CLASSES.indexOf('allcaps');
