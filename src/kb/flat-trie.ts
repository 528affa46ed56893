/**
 * A word trie in four flat integer arrays, for tables with tens of thousands of
 * names that every worker thread loads: no object or Map per node, so it loads
 * from JSON (or is built) in milliseconds and costs a few MB of typed arrays
 * instead of tens of MB of heap.
 *
 * Words are small integers (ids in a vocabulary kept by the owner). Nodes are
 * numbered breadth-first, children of a node sorted by word id and contiguous,
 * so the child reached over edge `k` is node `k + 1` and no child array is needed.
 */
export interface FlatTrie {
  /** Node `n`'s edges are `childStart[n] .. childStart[n + 1]`. */
  readonly childStart: Int32Array;
  /** Word id of each edge (sorted within a node). */
  readonly childWord: Int32Array;
  /** Node `n`'s entries are `entries[entryStart[n] .. entryStart[n + 1]]`. */
  readonly entryStart: Int32Array;
  /** Owner-defined integers (record rows with flags), in insertion order per node. */
  readonly entries: Int32Array;
  /** Root child per word id (-1: none), so the first step of every walk is one read. */
  readonly rootChild: Int32Array;
}

/** The JSON form of a FlatTrie (plain number arrays). */
export interface FlatTrieJson {
  childStart: number[];
  childWord: number[];
  entryStart: number[];
  entries: number[];
}

/** Collects paths and their entries, then flattens. `merge` decides what one path's entries become. */
export class FlatTrieBuilder {
  private readonly nodes: Array<{ next: Map<number, number> | null; entries: number[] | null }> = [{ next: null, entries: null }];

  /** The entry list of the node at `path` (created, empty, when new). Callers push or edit it in place. */
  entriesAt(path: readonly number[]): number[] {
    let node = 0;
    for (const w of path) {
      const here = this.nodes[node];
      if (!here.next) here.next = new Map();
      let child = here.next.get(w);
      if (child === undefined) {
        child = this.nodes.length;
        this.nodes.push({ next: null, entries: null });
        here.next.set(w, child);
      }
      node = child;
    }
    const at = this.nodes[node];
    if (!at.entries) at.entries = [];
    return at.entries;
  }

  /** Number of paths that hold an entry list. */
  get size(): number {
    let n = 0;
    for (const node of this.nodes) if (node.entries && node.entries.length > 0) n++;
    return n;
  }

  build(vocabularySize: number): FlatTrie {
    const childStart: number[] = [];
    const childWord: number[] = [];
    const entryStart: number[] = [];
    const entries: number[] = [];
    // Breadth-first: each node's children get consecutive numbers in word order.
    const queue = [0];
    for (let q = 0; q < queue.length; q++) {
      const node = this.nodes[queue[q]];
      childStart.push(childWord.length);
      entryStart.push(entries.length);
      if (node.entries) entries.push(...node.entries);
      if (!node.next) continue;
      for (const [w, child] of [...node.next].sort((a, b) => a[0] - b[0])) {
        childWord.push(w);
        queue.push(child);
      }
    }
    childStart.push(childWord.length);
    entryStart.push(entries.length);
    return fromJson({ childStart, childWord, entryStart, entries }, vocabularySize);
  }
}

/** Rebuild a trie from its JSON form; `vocabularySize` bounds the word ids. */
export function fromJson(json: FlatTrieJson, vocabularySize: number): FlatTrie {
  const childStart = Int32Array.from(json.childStart);
  const childWord = Int32Array.from(json.childWord);
  const rootChild = new Int32Array(vocabularySize).fill(-1);
  for (let k = childStart[0]; k < childStart[1]; k++) rootChild[childWord[k]] = k + 1;
  return { childStart, childWord, entryStart: Int32Array.from(json.entryStart), entries: Int32Array.from(json.entries), rootChild };
}

export function toJson(trie: FlatTrie): FlatTrieJson {
  return {
    childStart: Array.from(trie.childStart),
    childWord: Array.from(trie.childWord),
    entryStart: Array.from(trie.entryStart),
    entries: Array.from(trie.entries),
  };
}

/** The child of `node` over word `word`, or -1. */
export function childOf(trie: FlatTrie, node: number, word: number): number {
  if (word < 0) return -1;
  if (node === 0) return word < trie.rootChild.length ? trie.rootChild[word] : -1;
  const cw = trie.childWord;
  let lo = trie.childStart[node];
  let hi = trie.childStart[node + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = cw[mid];
    if (w === word) return mid + 1;
    if (w < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The node at the end of `path`, or -1. */
export function walk(trie: FlatTrie, path: ArrayLike<number>): number {
  let node = 0;
  for (let i = 0; i < path.length && node >= 0; i++) node = childOf(trie, node, path[i]);
  return node;
}
