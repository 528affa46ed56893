import { IntPairMap, MISSING } from '../../../pipeline/int-pair-map.js';
import { GAZETTEER_SLOTS, type Gazetteer, gazetteerSlotName, matchGazetteer } from './gazetteer.js';
import { LABEL_COUNT, NER_TYPES } from './labels.js';
import type { SparseRows } from './sparse-rows.js';
import { CAP_CLASSES, capClass, foldDigits, normalizeForm, startsUpper, wordShapes } from './word-form.js';
import {
  CLUSTER_CAP,
  CLUSTER_IDS,
  CLUSTER_NEXT,
  CLUSTER_OWN,
  CLUSTER_PREV,
  ClusterFeatureTable,
  SLOT_LONG_SHAPE,
  SLOT_NEXT_LEFT,
  SLOT_NEXT_RIGHT,
  SLOT_PREV_LEFT,
  SLOT_PREV_RIGHT,
  SLOT_SHORT_SHAPE,
  SLOT_SHORT_SHAPE_OFFSET,
  SLOT_W,
  SLOT_W_OFFSET,
  StringFeatureTable,
} from './word-tables.js';

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
   * then holds only the positional features. A view of the extractor's buffer:
   * valid until its next `extract` (so that a long ingest allocates no
   * 136 bytes per token per document).
   */
  base?: Float64Array;
}

/** Fields of a word's row in `FeatureExtractor.wordInfo`. */
const INFO = 8;
const INFO_LOWER = 0;
const INFO_SHAPE = 1;
const INFO_CAP_FLAGS = 2;
const INFO_GAZETTEER = 3;
/** Four bigram member ids: prev left, prev right, next left, next right. */
const INFO_BIGRAM = 4;
/** Word-row flags (in `INFO_CAP_FLAGS` above the cap class). */
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
  /**
   * Per row, INFO fields side by side (one cache line holds four words' rows,
   * and a token reads all of its word's): the row of the lower-case form (below);
   * a small id standing for the short shape (keys the shape-trigram cache;
   * `shapeNames` holds the shape); the index of the word's class in CAP_CLASSES
   * plus flags << 8 (UPPER_FLAG: starts with a capital, LETTER_FLAG: has a
   * letter); the gazetteer vocabulary id of the lower-case form (-1: in no
   * listed name); and at run time the small ids of the word as left/right
   * member of the bigram families `w-1|w0` (prev) and `w0|w+1` (next), -1 when
   * it is in none.
   */
  private wordInfo = new Int32Array(INFO * this.wordCapacity);
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
  /** Run time, per token: pool offsets of the word vectors it sums. */
  private readonly vectorStarts = new Int32Array(5);
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
   * At run time (a fixed index): the ids of the word-level feature families
   * looked up by their string (word-tables.ts), so no feature name is built
   * per word type, and word pairs map to bigram features by small ids. Null
   * while training, when every name is new.
   */
  private readonly tables: StringFeatureTable | null = null;
  /** Run time: the weights as sparse rows (a feature has ~4 non-zero labels of 17). */
  private readonly sparse: SparseRows | null = null;
  /** Run time: ids of `b`, `cap=<cap>` and `c=none|<cap>` per cap class, and the cluster features per interned cluster. */
  private readonly biasId: number = -1;
  private readonly capIds: Int32Array = new Int32Array(0);
  private readonly noClusterIds: Int32Array = new Int32Array(0);
  private readonly clusterRows = new Map<readonly string[], number>();
  /** Run time: per cluster row (one per distinct cluster of the word list), its 20 feature ids (see clusterFeatureIds). */
  private clusterIds = new Int32Array(0);
  /** Run time: the bigram ids of the sentence boundaries, `<s>` as left member of prev, `</s>` as right member of next. */
  private readonly startPrevLeft: number = -1;
  private readonly endNextRight: number = -1;

  constructor(
    private readonly index: FeatureIndex,
    private readonly gazetteer: Gazetteer | null,
    private readonly clusters: WordClusters | null,
    knownNames?: Iterable<string>,
    /** Fixed weights (run time): word-level features are then summed once per word type. */
    weights?: SparseRows,
  ) {
    this.gazetteerIds = Int32Array.from({ length: GAZETTEER_SLOTS }, (_, s) => index.get(gazetteerSlotName(s)));
    this.historyIds = Int32Array.from(NER_TYPES, (t) => index.get(`h=${t}`));
    this.boundaryIds = Int32Array.from(OFFSETS, (off) => index.get(`w${off}=${off < 0 ? '<s>' : '</s>'}`));
    this.firstCapIds = Int32Array.from(CAP_CLASSES, (_, cap) => index.get(`first&cap=${cap}`));
    this.headlineCapIds = Int32Array.from(CAP_CLASSES, (_, cap) => index.get(`hdl&cap=${cap}`));
    this.docIds = Int32Array.from(['dc@first', 'dc@hdl', 'dc@mid', 'dl@first', 'dl@hdl', 'dl@mid'], (name) => index.get(name));
    if (knownNames && weights) {
      const names = [...knownNames];
      const tables = new StringFeatureTable(names, (name) => index.get(name));
      this.tables = tables;
      // Every cluster's feature ids, once: the table that finds them is not kept.
      if (clusters) {
        const table = new ClusterFeatureTable(names, (name) => index.get(name));
        for (const cl of clusters.values()) {
          if (this.clusterRows.has(cl)) continue;
          const row = this.clusterRows.size;
          this.clusterRows.set(cl, row);
          if ((row + 1) * CLUSTER_IDS > this.clusterIds.length) {
            const bigger = new Int32Array(Math.max(1024, 2 * (row + 1)) * CLUSTER_IDS);
            bigger.set(this.clusterIds);
            this.clusterIds = bigger;
          }
          this.clusterIds.set(table.idsOf(cl), row * CLUSTER_IDS);
        }
        this.clusterIds = this.clusterIds.slice(0, this.clusterRows.size * CLUSTER_IDS);
      }
      this.sparse = weights;
      this.pool = new Float32Array(this.wordCapacity * ROW);
      this.biasId = index.get('b');
      this.capIds = Int32Array.from(CAP_CLASSES, (_, cap) => index.get(`cap=${cap}`));
      this.noClusterIds = Int32Array.from(CAP_CLASSES, (_, cap) => index.get(`c=none|${cap}`));
      this.startPrevLeft = tables.slot(tables.row(normalizeForm('<s>').toLowerCase()), SLOT_PREV_LEFT);
      this.endNextRight = tables.slot(tables.row(normalizeForm('</s>').toLowerCase()), SLOT_NEXT_RIGHT);
    }
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
    this.wordInfo = grow(this.wordInfo, INFO);
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
    const { long, short } = wordShapes(form);
    const cap = CAP_CLASSES.indexOf(capClass(form));
    const cl = this.clusters?.get(lower);
    const tables = this.tables;
    if (tables) this.sumWordFeatures(tables, row, lower, long, short, cap, cl);
    else this.wordLists[row] = this.listWordFeatures(lower, long, short, cap, cl);
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
    const info = this.wordInfo;
    const at = row * INFO;
    info[at + INFO_LOWER] = lowerRow;
    info[at + INFO_SHAPE] = shapeId;
    const flags = (startsUpper(form) ? UPPER_FLAG : 0) | (/\p{L}/u.test(form) ? LETTER_FLAG : 0);
    info[at + INFO_CAP_FLAGS] = cap | (flags << 8);
    info[at + INFO_GAZETTEER] = this.gazetteer?.vocabulary.ids.get(lower) ?? -1;
    if (!tables) info.fill(-1, at + INFO_BIGRAM, at + INFO_BIGRAM + 4);
    this.wordRows.set(value, row);
    return row;
  }

  /**
   * Run time: the word's weight sums (own features, then what it lends to each
   * offset) into its pool row. The same features in the same order as
   * `listWordFeatures`, their ids read from the string tables instead of built
   * names; each sum in float64 as the dense per-feature sum was (skipping a
   * label's zero weight leaves a sum that starts at +0 unchanged).
   */
  private sumWordFeatures(
    t: StringFeatureTable,
    row: number,
    lower: string,
    long: string,
    short: string,
    cap: number,
    cl: readonly string[] | undefined,
  ): void {
    const sums = this.sums;
    sums.fill(0);
    const folded = foldDigits(lower);
    const w = t.row(folded);
    const shortRow = t.row(short);
    this.add(0, this.biasId);
    this.add(0, t.slot(w, SLOT_W));
    this.add(0, t.slot(t.row(long), SLOT_LONG_SHAPE));
    this.add(0, t.slot(shortRow, SLOT_SHORT_SHAPE));
    this.add(0, this.capIds[cap]);
    this.addAffixes(t, lower);
    // The cluster's feature ids (all found at load).
    const c = cl ? (this.clusterRows.get(cl) as number) * CLUSTER_IDS : -1;
    const clusterIds = this.clusterIds;
    if (cl) {
      for (let k = 0; k < cl.length; k++) this.add(0, clusterIds[c + CLUSTER_OWN + k]);
      this.add(0, clusterIds[c + CLUSTER_CAP + cap]);
    } else if (this.clusters && /\p{L}/u.test(lower)) this.add(0, this.noClusterIds[cap]);
    for (let k = 0; k < 4; k++) {
      const off = OFFSETS[k];
      this.add(k + 1, t.slot(w, SLOT_W_OFFSET + k));
      this.add(k + 1, t.slot(shortRow, SLOT_SHORT_SHAPE_OFFSET + k));
      if (cl && (off === -1 || off === 1)) {
        const from = c + (off === -1 ? CLUSTER_PREV : CLUSTER_NEXT);
        for (let j = 0; j < cl.length; j++) this.add(k + 1, clusterIds[from + j]);
      }
    }
    (this.pool as Float32Array).set(sums, row * ROW);
    // The word's ids as a bigram member are keyed by its lower-case form (not digit-folded).
    const l = folded === lower ? w : t.row(lower);
    const b = row * INFO + INFO_BIGRAM;
    this.wordInfo[b] = t.slot(l, SLOT_PREV_LEFT);
    this.wordInfo[b + 1] = t.slot(l, SLOT_PREV_RIGHT);
    this.wordInfo[b + 2] = t.slot(l, SLOT_NEXT_LEFT);
    this.wordInfo[b + 3] = t.slot(l, SLOT_NEXT_RIGHT);
  }

  /**
   * The prefix and suffix features `p<k>`, `s<k>` for k = 1..4 below the word's
   * length in code points, in the order p1 s1 p2 s2 …
   */
  private addAffixes(t: StringFeatureTable, lower: string): void {
    const n = lower.length;
    let surrogates = false;
    for (let i = 0; i < n; i++) {
      const c = lower.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) {
        surrogates = true;
        break;
      }
    }
    if (surrogates) {
      // Rare: cut at code points as the string iterator does, and look the names up.
      const chars = [...lower];
      for (let k = 1; k <= 4 && k < chars.length; k++) {
        this.add(0, this.index.get(`p${k}=${chars.slice(0, k).join('')}`));
        this.add(0, this.index.get(`s${k}=${chars.slice(-k).join('')}`));
      }
      return;
    }
    for (let k = 1; k <= 4 && k < n; k++) {
      this.add(0, t.prefixId(lower, k));
      this.add(0, t.suffixId(lower, k));
    }
  }

  /** Run time: add feature `id`'s non-zero weights to sum `k` of the word being built. */
  private add(k: number, id: number): void {
    if (id < 0) return;
    const sparse = this.sparse as SparseRows;
    const sums = this.sums;
    const labels = sparse.labels;
    const values = sparse.values;
    const to = k * L;
    for (let e = sparse.start[id], end = sparse.end[id]; e < end; e++) sums[to + labels[e]] += values[e];
  }

  /** Training: the word's own feature ids (list 0), then those it lends to offsets -2, -1, +1, +2 (lists 1..4). */
  private listWordFeatures(lower: string, long: string, short: string, cap: number, cl: readonly string[] | undefined): number[][] {
    const lists: number[][] = [[], [], [], [], []];
    const folded = foldDigits(lower);
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
    return lists;
  }

  /** Training: one word-level feature's id into list `k`, when the index knows it. */
  private feature(lists: number[][], k: number, name: string): void {
    const id = this.index.get(name);
    if (id >= 0) lists[k].push(id);
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
   * Per-document working arrays, reused from one document to the next (they
   * never leave `extract`): a long ingest then allocates only what it returns.
   */
  private scratch: ExtractScratch | null = null;
  private baseBuffer = new Float64Array(0);
  private baseFor(n: number): Float64Array {
    // A rare long document gets its own array: the kept one stays small (~0.3 MB).
    if (n > REUSED_BASE_TOKENS) return new Float64Array(n * L);
    if (this.baseBuffer.length < n * L) this.baseBuffer = new Float64Array(REUSED_BASE_TOKENS * L);
    return this.baseBuffer.subarray(0, n * L);
  }
  private scratchFor(n: number): ExtractScratch {
    if (this.scratch && this.scratch.rowOf.length >= n) return this.scratch;
    // Sized to the longest document so far (rounded up), not doubled: the arrays live as long as the model.
    const size = Math.ceil(Math.max(n, 512) / 512) * 512;
    const scratch: ExtractScratch = {
      rowOf: new Int32Array(size),
      sentenceStart: new Uint8Array(size),
      headline: new Uint8Array(size),
      sentA: new Int32Array(size),
      sentB: new Int32Array(size),
      gzCount: new Uint8Array(size),
      gz: new Uint8Array(size * 8),
      wordIds: new Int32Array(size),
    };
    // A rare long document's arrays are not kept (27 bytes per token).
    if (n <= REUSED_SCRATCH_TOKENS) this.scratch = scratch;
    return scratch;
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
    const scratch = this.scratchFor(n);
    const rowOf = scratch.rowOf;
    for (let i = 0; i < n; i++) rowOf[i] = this.word(values[i]);
    // Read after the words are in: the arrays may have grown.
    const info = this.wordInfo;
    const lowerGen = this.lowerGen;
    const lowerMid = this.lowerMid;
    const lowerSeen = this.lowerSeen;
    const lower: string[] = new Array(n);
    const upper = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const r = rowOf[i];
      lower[i] = this.lowerForms[info[r * INFO + INFO_LOWER]];
      upper[i] = (info[r * INFO + INFO_CAP_FLAGS] >> 8) & UPPER_FLAG;
    }
    const sentenceStart = scratch.sentenceStart.fill(0, 0, n);
    const headline = scratch.headline.fill(0, 0, n);
    // The sentence bounds of each token; tokens outside every sentence get no features.
    const sentA = scratch.sentA.fill(-1, 0, n);
    const sentB = scratch.sentB.fill(-1, 0, n);
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
        const capFlags = info[rowOf[i] * INFO + INFO_CAP_FLAGS];
        if (!((capFlags >> 8) & LETTER_FLAG)) continue;
        letters++;
        if ((capFlags & 255) === ALLCAPS) caps++;
      }
      if (letters >= 2 && caps * 2 > letters) for (let i = s.tokenStart; i < s.tokenEnd; i++) headline[i] = 1;
    }
    // Document context: does the word occur capitalised mid-sentence, or lower-cased, elsewhere?
    for (let i = 0; i < n; i++) {
      const r = rowOf[i];
      const li = info[r * INFO + INFO_LOWER];
      if (lowerGen[li] !== gen) {
        lowerGen[li] = gen;
        lowerMid[li] = 0;
        lowerSeen[li] = 0;
      }
      const capFlags = info[r * INFO + INFO_CAP_FLAGS];
      if (!((capFlags >> 8) & LETTER_FLAG)) continue;
      const cap = capFlags & 255;
      if (cap === LOWER) lowerSeen[li] = 1;
      else if ((capFlags >> 8) & UPPER_FLAG && !sentenceStart[i] && !headline[i] && cap !== ALLCAPS) lowerMid[li]++;
    }
    // Gazetteer matches, per token, as slots.
    const gzCount = scratch.gzCount.fill(0, 0, n);
    // Slots per token, read only below gzCount: not cleared.
    const gz = scratch.gz;
    if (this.gazetteer) {
      const emit = (t: number, slot: number) => {
        if (gzCount[t] < 8) gz[t * 8 + gzCount[t]++] = slot;
      };
      const wordIds = scratch.wordIds;
      for (let i = 0; i < n; i++) wordIds[i] = info[rowOf[i] * INFO + INFO_GAZETTEER];
      for (const s of sentences) matchGazetteer(this.gazetteer, lower, upper, s.tokenStart, s.tokenEnd, emit, gazetteerExclude, wordIds);
    }

    const start = new Int32Array(n + 1);
    let buf = this.buffer;
    let len = 0;
    const ix = this.index;
    const pool = this.pool;
    const sparse = this.sparse;
    // At run time every feature's weights go straight into the token's emission row.
    const base = pool ? this.baseFor(n) : undefined;
    const tables = this.tables;
    // The positional features of one token (at most 4 + 2 + 1 + 2 + 2 + 8), in the order they are summed.
    const pos = this.positional;
    const vecs = this.vectorStarts;
    const shapeNames = this.shapeNames;
    for (let i = 0; i < n; i++) {
      start[i] = len;
      const a = sentA[i];
      const b = sentB[i];
      if (a < 0) {
        // In no sentence: no features (and no stale sums from the reused buffer).
        if (base) base.fill(0, i * L, i * L + L);
        continue;
      }
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
      if (tables) {
        const prevLeft = i > a ? info[rowOf[i - 1] * INFO + INFO_BIGRAM] : this.startPrevLeft;
        const prevRight = info[r * INFO + INFO_BIGRAM + 1];
        const nextLeft = info[r * INFO + INFO_BIGRAM + 2];
        const nextRight = i + 1 < b ? info[rowOf[i + 1] * INFO + INFO_BIGRAM + 3] : this.endNextRight;
        if (prevLeft >= 0 && prevRight >= 0) pos[np++] = tables.prevPair(prevLeft, prevRight);
        if (nextLeft >= 0 && nextRight >= 0) pos[np++] = tables.nextPair(nextLeft, nextRight);
      } else {
        const prevLower = i > a ? lower[i - 1] : '<s>';
        const nextLower = i + 1 < b ? lower[i + 1] : '</s>';
        pos[np++] = ix.get(`w-1|w0=${prevLower}|${lower[i]}`);
        pos[np++] = ix.get(`w0|w+1=${lower[i]}|${nextLower}`);
      }
      const shape = info[r * INFO + INFO_SHAPE];
      const prevShape = i > a ? info[rowOf[i - 1] * INFO + INFO_SHAPE] : 0;
      const nextShape = i + 1 < b ? info[rowOf[i + 1] * INFO + INFO_SHAPE] : 1;
      // 10 bits per shape keeps the key a small integer; rarer shapes build the name.
      const cacheable = prevShape < 1024 && shape < 1024 && nextShape < 1024;
      const trigram = (prevShape * 1024 + shape) * 1024 + nextShape;
      let trigramId = cacheable ? this.shapeTrigrams.get(trigram, 0) : MISSING;
      if (trigramId === MISSING) {
        trigramId = ix.get(`ss3=${shapeNames[prevShape]}|${shapeNames[shape]}|${shapeNames[nextShape]}`);
        if (cacheable) this.shapeTrigrams.set(trigram, 0, trigramId);
      }
      pos[np++] = trigramId;
      const capFlags = info[r * INFO + INFO_CAP_FLAGS];
      const cap = capFlags & 255;
      if (sentenceStart[i]) pos[np++] = this.firstCapIds[cap];
      if (headline[i]) pos[np++] = this.headlineCapIds[cap];
      if ((capFlags >> 8) & UPPER_FLAG) {
        const li = info[r * INFO + INFO_LOWER];
        const ownMid = !sentenceStart[i] && !headline[i] && cap !== ALLCAPS ? 1 : 0;
        const where = sentenceStart[i] ? 0 : headline[i] ? 1 : 2;
        if (lowerMid[li] - ownMid > 0) pos[np++] = this.docIds[where];
        if (lowerSeen[li]) pos[np++] = this.docIds[3 + where];
      }
      for (let k = 0; k < gzCount[i]; k++) pos[np++] = this.gazetteerIds[gz[i * 8 + k]];
      if (base && pool && sparse) {
        // Per label, the sources in a fixed order (word vectors, then positional features),
        // summed in float64; a positional feature adds only its non-zero weights.
        const row = i * L;
        if (nv === 5) {
          // The usual token, with two neighbours each side: one expression, added left to right as the loop below.
          const v0 = vecs[0];
          const v1 = vecs[1];
          const v2 = vecs[2];
          const v3 = vecs[3];
          const v4 = vecs[4];
          for (let y = 0; y < L; y++) base[row + y] = pool[v0 + y] + pool[v1 + y] + pool[v2 + y] + pool[v3 + y] + pool[v4 + y];
        } else {
          for (let y = 0; y < L; y++) {
            let sum = pool[vecs[0] + y];
            for (let q = 1; q < nv; q++) sum += pool[vecs[q] + y];
            base[row + y] = sum;
          }
        }
        const start = sparse.start;
        const ends = sparse.end;
        const labels = sparse.labels;
        const values = sparse.values;
        for (let q = 0; q < np; q++) {
          const id = pos[q];
          if (id < 0) continue;
          for (let e = start[id], end = ends[id]; e < end; e++) base[row + labels[e]] += values[e];
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

/** Documents up to this many tokens reuse the extractor's working arrays and sums buffer. */
const REUSED_SCRATCH_TOKENS = 8192;
const REUSED_BASE_TOKENS = 2048;

interface ExtractScratch {
  rowOf: Int32Array;
  sentenceStart: Uint8Array;
  headline: Uint8Array;
  sentA: Int32Array;
  sentB: Int32Array;
  gzCount: Uint8Array;
  /** Up to 8 gazetteer slots per token (a slot is below GAZETTEER_SLOTS = 32). */
  gz: Uint8Array;
  wordIds: Int32Array;
}

const LOWER = CAP_CLASSES.indexOf('lower');
const ALLCAPS = CAP_CLASSES.indexOf('allcaps');
