import { actorCodeOn } from './read-petrarch.js';
import type { ActorEntry, AgentEntry, CameoDictionaries, DiscardEntry, VerbBlock, VerbEntry, VerbPattern } from './types.js';

/**
 * Look-up structures built once from the dictionaries: verbs indexed by every
 * inflected form of their head word, actors and agents in one word trie (longest
 * match over tokens), discards in a second trie.
 */

export interface PhraseHit {
  actor?: ActorEntry;
  agent?: AgentEntry;
  discard?: DiscardEntry;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  hits: PhraseHit[] | null;
}

export interface VerbCandidate {
  block: VerbBlock;
  verb: VerbEntry;
}

/** A verb pattern ready for matching: its weight (items) and the literal words it needs. */
export interface CompiledPattern {
  pattern: VerbPattern;
  weight: number;
  required: readonly string[];
}

export interface CompiledDictionaries {
  readonly source: CameoDictionaries;
  /** Inflected form → verbs (with their block) having it as head. */
  readonly verbsByForm: ReadonlyMap<string, readonly VerbCandidate[]>;
  readonly names: TrieNode;
  readonly discards: TrieNode;
  readonly synsets: ReadonlyMap<string, readonly string[][]>;
  /** Synset name → its phrases indexed by first word. */
  readonly synsetsByFirst: ReadonlyMap<string, ReadonlyMap<string, readonly string[][]>>;
  /** Block → its usable patterns, heaviest first (file order among equals), so the first match is the best. */
  readonly patterns: ReadonlyMap<VerbBlock, readonly CompiledPattern[]>;
}

// A CAMEO code starts with a digit; PETRARCH's test dictionaries also hold "+++" and
// "abc" codes, which it never emits (the next pattern or the verb's own code applies).
const CODE = /^\d/;
const usable = (code: string | null): boolean => code === null || CODE.test(code);

function compilePatterns(block: VerbBlock): CompiledPattern[] {
  const out = block.patterns
    .filter((p) => usable(p.code) && usable(p.reverse))
    .map((pattern) => ({
      pattern,
      weight: pattern.before.length + pattern.after.length,
      required: [...pattern.before, ...pattern.after].flatMap((i) => (i.kind === 'word' ? [i.word] : [])),
    }));
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

export function compileDictionaries(d: CameoDictionaries): CompiledDictionaries {
  const verbsByForm = new Map<string, VerbCandidate[]>();
  for (const block of d.verbs.blocks) {
    for (const verb of block.verbs) {
      for (const form of verb.forms) {
        let list = verbsByForm.get(form);
        if (!list) verbsByForm.set(form, (list = []));
        list.push({ block, verb });
      }
    }
  }
  const names = newNode();
  for (const actor of d.actors) for (const p of actor.phrases) insert(names, p, { actor });
  for (const agent of d.agents) for (const p of agent.phrases) insert(names, p, { agent });
  const discards = newNode();
  for (const discard of d.discards) insert(discards, discard.phrase, { discard });
  const synsets = new Map(Object.entries(d.verbs.synsets));
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
  const patterns = new Map<VerbBlock, CompiledPattern[]>();
  for (const block of d.verbs.blocks) patterns.set(block, compilePatterns(block));
  return { source: d, verbsByForm, names, discards, synsets, synsetsByFirst, patterns };
}

export { actorCodeOn };
