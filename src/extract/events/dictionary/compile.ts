import { buildNameData, type NameTable, nameTableFrom } from './name-table.js';
import { actorCodeOn } from './read-petrarch.js';
import type { CameoDictionaries, DiscardEntry, PatternItem, VerbBlock, VerbDictionary, VerbEntry, VerbPattern } from './types.js';

/**
 * Look-up structures built once from the dictionaries: verbs indexed by every
 * inflected form of their head word, actors and agents in one flat word trie
 * (longest match over tokens), discards in a second trie, verb patterns with
 * their synsets resolved and their literal words as integer ids.
 */

export interface PhraseHit {
  discard?: DiscardEntry;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  hits: PhraseHit[] | null;
}

/** A pattern item ready for matching: a synset item carries its phrases by first word. */
export interface CompiledItem {
  kind: PatternItem['kind'];
  /** The literal word of a `word` item, else ''. */
  word: string;
  adjacent: boolean;
  /** Phrases of a `synset` item by the vocabulary id of their first word (null: unknown synset, never matches). */
  byFirstId: ReadonlyMap<number, readonly string[][]> | null;
  /** The synset's bit in `synsetFirstBits` (-1: not a synset item, or an unknown synset). */
  synsetBit: number;
}

/** A verb pattern ready for matching: its weight (items) and the literal words it needs. */
export interface CompiledPattern {
  pattern: VerbPattern;
  weight: number;
  required: readonly string[];
  /** `required` as vocabulary ids. */
  requiredIds: readonly number[];
  /** One required word checked first (the longest, likely the rarest), or -1 when none. */
  keyId: number;
  before: readonly CompiledItem[];
  after: readonly CompiledItem[];
  /** The `reasons` entry when this pattern fires. */
  reason: string;
}

export interface VerbCandidate {
  block: VerbBlock;
  verb: VerbEntry;
  /** The block's usable patterns, heaviest first. */
  patterns: readonly CompiledPattern[];
  /**
   * `patterns[k].keyId` and `patterns[k].weight` side by side in flat arrays: most patterns
   * fail on these two numbers, and reading them there touches no pattern object.
   */
  patternKeys: Int32Array;
  patternWeights: Int32Array;
}

export interface CompiledDictionaries {
  /** Inflected form → verbs (with their block) having it as head. */
  readonly verbsByForm: ReadonlyMap<string, readonly VerbCandidate[]>;
  /**
   * Every word any dictionary looks up → one id, so that a sentence's words are looked
   * up once: ids below `names.words` are the name trie's own; verb forms, pattern words
   * and first words of discards follow.
   */
  readonly vocabulary: ReadonlyMap<string, number>;
  /** Word id → the verbs it is a form of (`verbsByForm` by id). */
  readonly verbsById: ReadonlyArray<readonly VerbCandidate[] | undefined>;
  /** Word id → 1 when a discard phrase starts with it. */
  readonly discardStart: Uint8Array;
  /**
   * Word id → bit set of the synsets with a phrase starting with it (`synsetWords` words
   * of 32 bits per id): most words start none, and a bit test is cheaper than a look-up.
   */
  readonly synsetFirstBits: Uint32Array;
  readonly synsetWords: number;
  readonly names: NameTable;
  readonly discards: TrieNode;
  readonly synsets: ReadonlyMap<string, readonly string[][]>;
  /** Synset name → its phrases indexed by first word. */
  readonly synsetsByFirst: ReadonlyMap<string, ReadonlyMap<string, readonly string[][]>>;
  /** Block → its usable patterns, heaviest first (file order among equals), so the first match is the best. */
  readonly patterns: ReadonlyMap<VerbBlock, readonly CompiledPattern[]>;
  /**
   * Per word id (`requiredIds` are vocabulary ids), the number of the last sentence that contained it: the coder's
   * scratch space, so that checking a sentence's vocabulary allocates nothing.
   */
  readonly seenIn: Int32Array;
  sentenceStamp: number;
}

// A CAMEO code starts with a digit; PETRARCH's test dictionaries also hold "+++" and
// "abc" codes, which it never emits (the next pattern or the verb's own code applies).
const CODE = /^\d/;
const usable = (code: string | null): boolean => code === null || CODE.test(code);

/** Synsets by name: phrases by first word id, and the synset's bit in `synsetFirstBits`. */
type SynsetIndex = ReadonlyMap<string, { byFirstId: ReadonlyMap<number, readonly string[][]>; bit: number }>;

function compileItems(items: VerbPattern['before'], synsets: SynsetIndex): CompiledItem[] {
  const out: CompiledItem[] = [];
  for (const i of items) {
    const synset = i.kind === 'synset' ? synsets.get(i.name) : undefined;
    out.push({
      kind: i.kind,
      word: i.kind === 'word' ? i.word : '',
      adjacent: i.adjacent,
      byFirstId: synset?.byFirstId ?? null,
      synsetBit: synset?.bit ?? -1,
    });
  }
  return out;
}

function compilePatterns(block: VerbBlock, synsets: SynsetIndex, idOf: (word: string) => number): CompiledPattern[] {
  const out = block.patterns
    .filter((p) => usable(p.code) && usable(p.reverse))
    .map((pattern): CompiledPattern => {
      const required: string[] = [];
      for (const i of pattern.before) if (i.kind === 'word') required.push(i.word);
      for (const i of pattern.after) if (i.kind === 'word') required.push(i.word);
      let key = -1;
      for (let k = 0; k < required.length; k++) if (key < 0 || required[k].length > required[key].length) key = k;
      return {
        pattern,
        weight: pattern.before.length + pattern.after.length,
        required,
        requiredIds: required.map(idOf),
        keyId: key < 0 ? -1 : idOf(required[key]),
        before: compileItems(pattern.before, synsets),
        after: compileItems(pattern.after, synsets),
        reason: `pattern:${block.name}:${pattern.text}`,
      };
    });
  // Array.prototype.sort is stable: file order stays among equal weights.
  return out.sort((a, b) => b.weight - a.weight);
}

function newNode(): TrieNode {
  return { next: new Map(), hits: null };
}

function insert(root: TrieNode, words: readonly string[], hit: PhraseHit): void {
  let node = root;
  for (const w of words) {
    let n = node.next.get(w);
    if (!n) {
      n = newNode();
      node.next.set(w, n);
    }
    node = n;
  }
  (node.hits ??= []).push(hit);
}

/** Compile dictionaries read from text (PETRARCH files or the converted JSON set). */
export function compileDictionaries(d: CameoDictionaries): CompiledDictionaries {
  return assembleDictionaries(d.verbs, d.discards, nameTableFrom(buildNameData(d.actors, d.agents)));
}

/** Compile the verbs and discards around an already built name table (data/cameo/names.compiled.json). */
export function assembleDictionaries(verbs: VerbDictionary, discardList: readonly DiscardEntry[], names: NameTable): CompiledDictionaries {
  const discards = newNode();
  for (const discard of discardList) insert(discards, discard.phrase, { discard });
  const synsets = new Map(Object.entries(verbs.synsets));
  const synsetsByFirst = new Map<string, Map<string, string[][]>>();
  for (const [name, phrases] of synsets) {
    const byFirst = new Map<string, string[][]>();
    for (const ph of phrases) {
      let list = byFirst.get(ph[0]);
      if (!list) byFirst.set(ph[0], (list = []));
      list.push(ph);
    }
    synsetsByFirst.set(name, byFirst);
  }
  // The name table's word ids stay as they are (its trie uses them); the rest follow.
  const vocabulary = names.wordId;
  const idOf = (w: string): number => {
    let id = vocabulary.get(w);
    if (id === undefined) vocabulary.set(w, (id = vocabulary.size));
    return id;
  };
  const synsetIndex = new Map<string, { byFirstId: Map<number, readonly string[][]>; bit: number }>();
  for (const [name, byFirst] of synsetsByFirst) {
    const byFirstId = new Map<number, readonly string[][]>();
    for (const [w, list] of byFirst) if (w !== undefined) byFirstId.set(idOf(w), list);
    synsetIndex.set(name, { byFirstId, bit: synsetIndex.size });
  }
  const patterns = new Map<VerbBlock, CompiledPattern[]>();
  for (const block of verbs.blocks) patterns.set(block, compilePatterns(block, synsetIndex, idOf));
  const verbsByForm = new Map<string, VerbCandidate[]>();
  for (const block of verbs.blocks) {
    const blockPatterns = patterns.get(block) as CompiledPattern[];
    const patternKeys = Int32Array.from(blockPatterns, (p) => p.keyId);
    const patternWeights = Int32Array.from(blockPatterns, (p) => p.weight);
    for (const verb of block.verbs) {
      for (const form of verb.forms) {
        let list = verbsByForm.get(form);
        if (!list) verbsByForm.set(form, (list = []));
        list.push({ block, verb, patterns: blockPatterns, patternKeys, patternWeights });
      }
    }
  }
  const formIds = [...verbsByForm.keys()].map(idOf);
  const discardFirst = [...discards.next.keys()].map(idOf);
  // every id is known now: a dense array (filled, not grown), so look-ups stay fast
  const verbsById = new Array<VerbCandidate[] | undefined>(vocabulary.size).fill(undefined);
  [...verbsByForm.values()].forEach((list, k) => {
    verbsById[formIds[k]] = list;
  });
  const discardStart = new Uint8Array(vocabulary.size);
  for (const id of discardFirst) discardStart[id] = 1;
  const synsetWords = Math.max(1, Math.ceil(synsetIndex.size / 32));
  const synsetFirstBits = new Uint32Array(vocabulary.size * synsetWords);
  for (const { byFirstId, bit } of synsetIndex.values()) {
    for (const id of byFirstId.keys()) synsetFirstBits[id * synsetWords + (bit >> 5)] |= 1 << (bit & 31);
  }
  return {
    verbsByForm,
    vocabulary,
    verbsById,
    discardStart,
    synsetFirstBits,
    synsetWords,
    names,
    discards,
    synsets,
    synsetsByFirst,
    patterns,
    seenIn: new Int32Array(vocabulary.size),
    sentenceStamp: 0,
  };
}

export { actorCodeOn };
