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

/** Everything about a word type that does not depend on where it stands. */
interface WordInfo {
  self: number[];
  /** Features the word lends to the tokens at offsets -2, -1, +1, +2 from it. */
  ctx: number[][];
  lower: string;
  shortShape: string;
  /** Small integer standing for `shortShape` (keys the shape-trigram cache). */
  shapeId: number;
  cap: number;
  upper: boolean;
  /** The gazetteer vocabulary id of `lower` (-1: in no listed name). */
  gazetteerWord: number;
  hasLetter: boolean;
  /**
   * Run time: small ids of the word as left/right member of the bigram
   * families `w-1|w0` (prev) and `w0|w+1` (next); -1 when it is in none.
   */
  prevLeft: number;
  prevRight: number;
  nextLeft: number;
  nextRight: number;
  /**
   * Run time: where this word's weight sums (`self`, then `ctx[0..3]`, L each)
   * start in the extractor's vector pool, for pool generation `vecGen` (-1: not yet).
   */
  vecAt: number;
  vecGen: number;
  /** Shared by every word type with this lower-case form: the document-context counts. */
  lowerInfo: LowerInfo;
}

/**
 * Per lower-case form, how the current document uses it (stamped with the
 * document's generation, so nothing is cleared between documents).
 */
interface LowerInfo {
  gen: number;
  /** Capitalised mid-sentence occurrences. */
  mid: number;
  /** Seen in lower case. */
  seen: boolean;
}

const OFFSETS = [-2, -1, 1, 2] as const;
const L = LABEL_COUNT;
// Word types cached (with their weight sums at run time). A news corpus of
// ~1,100 articles has ~40k; the cap bounds a long ingest's worker heap
// (~1 KB a word with its sums) under the pool's old-generation limit.
const WORD_CACHE_LIMIT = 50_000;

/**
 * Turns tokens into feature ids. The same code serves training and tagging so
 * that the two can never drift apart. Word-level features are computed once per
 * word type and cached; only the few positional conjunctions are built per token.
 */
export class FeatureExtractor {
  private readonly words = new Map<string, WordInfo>();
  /** Lower-case form → its document-context record; cleared only between documents (see `extract`). */
  private readonly lowers = new Map<string, LowerInfo>();
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
      this.startWord = this.word('<s>');
      this.endWord = this.word('</s>');
    } else this.bigramWords = null;
  }

  /**
   * Run time: the words' weight sums in one flat array (5 × L per word), so the
   * hot loop reads one typed array instead of chasing a vector per word.
   */
  private pool = new Float32Array(4096 * 5 * L);
  private poolUsed = 0;
  private poolGen = 0;

  /** Stand-ins for the sentence boundaries in bigram features (run time). */
  private startWord: WordInfo | null = null;
  private endWord: WordInfo | null = null;

  private word(value: string): WordInfo {
    let info = this.words.get(value);
    if (info) return info;
    const form = normalizeForm(value);
    const lower = form.toLowerCase();
    const folded = foldDigits(lower);
    const { long, short } = wordShapes(form);
    const cap = CAP_CLASSES.indexOf(capClass(form));
    const ix = this.index;
    const self: number[] = [];
    const add = (list: number[], name: string) => {
      const id = ix.get(name);
      if (id >= 0) list.push(id);
    };
    add(self, 'b');
    add(self, `w=${folded}`);
    add(self, `sh=${long}`);
    add(self, `ss=${short}`);
    add(self, `cap=${cap}`);
    const chars = [...lower];
    for (let k = 1; k <= 4 && k < chars.length; k++) {
      add(self, `p${k}=${chars.slice(0, k).join('')}`);
      add(self, `s${k}=${chars.slice(-k).join('')}`);
    }
    const cl = this.clusters?.get(lower);
    if (cl) {
      for (let k = 0; k < cl.length; k++) add(self, `c${k}=${cl[k]}`);
      // The cluster says what kind of word it is; the case says whether this use is a name.
      add(self, `c1&cap=${cl[1]}|${cap}`);
    } else if (this.clusters && /\p{L}/u.test(lower)) add(self, `c=none|${cap}`);
    const ctx = OFFSETS.map((off) => {
      const list: number[] = [];
      add(list, `w${off}=${folded}`);
      add(list, `ss${off}=${short}`);
      if (cl && (off === -1 || off === 1)) for (let k = 0; k < cl.length; k++) add(list, `c${off}.${k}=${cl[k]}`);
      return list;
    });
    let shapeId = this.shapeIds.get(short);
    if (shapeId === undefined) {
      shapeId = this.shapeIds.size;
      this.shapeIds.set(short, shapeId);
    }
    const bw = this.bigramWords;
    info = {
      self,
      ctx,
      lower,
      shortShape: short,
      shapeId,
      cap,
      upper: startsUpper(form),
      gazetteerWord: this.gazetteer?.vocabulary.ids.get(lower) ?? -1,
      hasLetter: /\p{L}/u.test(form),
      prevLeft: bw ? bw.prev.leftId(lower) : -1,
      prevRight: bw ? bw.prev.rightId(lower) : -1,
      nextLeft: bw ? bw.next.leftId(lower) : -1,
      nextRight: bw ? bw.next.rightId(lower) : -1,
      vecAt: 0,
      vecGen: -1,
      lowerInfo: this.lowerInfo(lower),
    };
    if (this.words.size >= WORD_CACHE_LIMIT) this.clearWords();
    if (this.shapeTrigrams.size >= WORD_CACHE_LIMIT) this.shapeTrigrams.clear();
    this.words.set(value, info);
    return info;
  }

  private lowerInfo(lower: string): LowerInfo {
    let info = this.lowers.get(lower);
    if (!info) {
      info = { gen: -1, mid: 0, seen: false };
      this.lowers.set(lower, info);
    }
    return info;
  }

  /** Forget every word type (a bounded cache; the next words are computed again). */
  private clearWords(): void {
    this.words.clear();
    // Start a new pool; words still held by the current document re-sum into it.
    this.pool = new Float32Array(this.pool.length);
    this.poolUsed = 0;
    this.poolGen++;
  }

  /**
   * Extract the static features of a whole document. `gazetteerExclude` is for
   * training only: the document's own gold names, left out of the train gazetteer.
   */
  extract(values: readonly string[], sentences: readonly SentenceRange[], gazetteerExclude?: Map<string, number>): DocumentFeatures {
    const n = values.length;
    // Word types share lower-case records, so both go together, and only between documents.
    if (this.lowers.size >= WORD_CACHE_LIMIT) {
      this.lowers.clear();
      this.clearWords();
    }
    const gen = ++this.docGen;
    const infos: WordInfo[] = new Array(n);
    const lower: string[] = new Array(n);
    const upper = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const w = this.word(values[i]);
      infos[i] = w;
      lower[i] = w.lower;
      upper[i] = w.upper ? 1 : 0;
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
        if (!infos[i].hasLetter) continue;
        letters++;
        if (infos[i].cap === ALLCAPS) caps++;
      }
      if (letters >= 2 && caps * 2 > letters) for (let i = s.tokenStart; i < s.tokenEnd; i++) headline[i] = 1;
    }
    // Document context: does the word occur capitalised mid-sentence, or lower-cased, elsewhere?
    for (let i = 0; i < n; i++) {
      const w = infos[i];
      const li = w.lowerInfo;
      if (li.gen !== gen) {
        li.gen = gen;
        li.mid = 0;
        li.seen = false;
      }
      if (!w.hasLetter) continue;
      if (w.cap === LOWER) li.seen = true;
      else if (w.upper && !sentenceStart[i] && !headline[i] && w.cap !== ALLCAPS) li.mid++;
    }
    // Gazetteer matches, per token, as slots.
    const gzCount = new Uint8Array(n);
    const gz = new Int32Array(n * 8);
    if (this.gazetteer) {
      const emit = (t: number, slot: number) => {
        if (gzCount[t] < 8) gz[t * 8 + gzCount[t]++] = slot;
      };
      const wordIds = new Int32Array(n);
      for (let i = 0; i < n; i++) wordIds[i] = infos[i].gazetteerWord;
      for (const s of sentences) matchGazetteer(this.gazetteer, lower, upper, s.tokenStart, s.tokenEnd, emit, gazetteerExclude, wordIds);
    }

    const start = new Int32Array(n + 1);
    let buf = this.buffer;
    let len = 0;
    const ix = this.index;
    const weights = this.weights;
    // At run time every feature's weights go straight into the token's emission row.
    const base = weights ? new Float64Array(n * L) : undefined;
    const bw = this.bigramWords;
    let vecAt: Int32Array | null = null;
    if (weights) {
      vecAt = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const w = infos[i];
        if (w.vecGen !== this.poolGen) this.wordVectors(w, weights);
        vecAt[i] = w.vecAt;
      }
    }
    // The positional features of one token (at most 4 + 2 + 1 + 2 + 2 + 8), in the order they are summed.
    const pos = this.positional;
    const vecs = this.vectorStarts;
    const rows = this.weightRows;
    for (let i = 0; i < n; i++) {
      start[i] = len;
      const a = sentA[i];
      const b = sentB[i];
      if (a < 0) continue;
      const w = infos[i];
      let np = 0;
      let nv = 0;
      if (base && weights && vecAt) {
        // Where this token's word vectors sit in the pool: its own, then its neighbours' context sums.
        vecs[nv++] = vecAt[i];
        for (let k = 0; k < 4; k++) {
          const j = i + OFFSETS[k];
          if (j >= a && j < b) vecs[nv++] = vecAt[j] + (4 - k) * L;
          else pos[np++] = this.boundaryIds[k];
        }
      } else {
        for (const id of w.self) pos[np++] = id;
        for (let k = 0; k < 4; k++) {
          const j = i + OFFSETS[k];
          if (j >= a && j < b) for (const id of infos[j].ctx[3 - k]) pos[np++] = id;
          else pos[np++] = this.boundaryIds[k];
        }
      }
      if (bw) {
        const prevWord = i > a ? infos[i - 1] : (this.startWord as WordInfo);
        const nextWord = i + 1 < b ? infos[i + 1] : (this.endWord as WordInfo);
        if (prevWord.prevLeft >= 0 && w.prevRight >= 0) pos[np++] = bw.prev.pair(prevWord.prevLeft, w.prevRight);
        if (w.nextLeft >= 0 && nextWord.nextRight >= 0) pos[np++] = bw.next.pair(w.nextLeft, nextWord.nextRight);
      } else {
        const prevLower = i > a ? infos[i - 1].lower : '<s>';
        const nextLower = i + 1 < b ? infos[i + 1].lower : '</s>';
        pos[np++] = ix.get(`w-1|w0=${prevLower}|${w.lower}`);
        pos[np++] = ix.get(`w0|w+1=${w.lower}|${nextLower}`);
      }
      const prevShape = i > a ? infos[i - 1].shapeId : 0;
      const nextShape = i + 1 < b ? infos[i + 1].shapeId : 1;
      // 10 bits per shape keeps the key a small integer; rarer shapes build the name.
      const cacheable = prevShape < 1024 && w.shapeId < 1024 && nextShape < 1024;
      const trigram = (prevShape * 1024 + w.shapeId) * 1024 + nextShape;
      let trigramId = cacheable ? this.shapeTrigrams.get(trigram, 0) : MISSING;
      if (trigramId === MISSING) {
        const p = i > a ? infos[i - 1].shortShape : '<s>';
        const q = i + 1 < b ? infos[i + 1].shortShape : '</s>';
        trigramId = ix.get(`ss3=${p}|${w.shortShape}|${q}`);
        if (cacheable) this.shapeTrigrams.set(trigram, 0, trigramId);
      }
      pos[np++] = trigramId;
      if (sentenceStart[i]) pos[np++] = this.firstCapIds[w.cap];
      if (headline[i]) pos[np++] = this.headlineCapIds[w.cap];
      if (w.upper) {
        const ownMid = !sentenceStart[i] && !headline[i] && w.cap !== ALLCAPS ? 1 : 0;
        const where = sentenceStart[i] ? 0 : headline[i] ? 1 : 2;
        if (w.lowerInfo.mid - ownMid > 0) pos[np++] = this.docIds[where];
        if (w.lowerInfo.seen) pos[np++] = this.docIds[3 + where];
      }
      for (let k = 0; k < gzCount[i]; k++) pos[np++] = this.gazetteerIds[gz[i * 8 + k]];
      if (base && weights) {
        // One label at a time, every source in the same order as a vector-at-a-time sum
        // (word vectors, then positional weights), so each sum is bit-identical but is stored once.
        let nw = 0;
        for (let q = 0; q < np; q++) if (pos[q] >= 0) rows[nw++] = pos[q] * L;
        const row = i * L;
        const pool = this.pool;
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

  /** Sum a word's own and context feature weights once into the pool; the word keeps the offset. */
  private wordVectors(w: WordInfo, weights: Float32Array): void {
    if (this.poolUsed + 5 * L > this.pool.length) {
      const bigger = new Float32Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const at = this.poolUsed;
    const sums = new Float64Array(5 * L);
    const lists = [w.self, ...w.ctx];
    for (let k = 0; k < 5; k++) for (const id of lists[k]) for (let y = 0; y < L; y++) sums[k * L + y] += weights[id * L + y];
    this.pool.set(sums, at);
    this.poolUsed += 5 * L;
    w.vecAt = at;
    w.vecGen = this.poolGen;
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
