import { actorCodeOn } from './read-petrarch.js';
import type { ActorEntry, AgentEntry, DatedCode } from './types.js';

/**
 * Actor and agent names as one flat word trie (typed arrays instead of a Map per
 * node), plus the actors' codes kept as text and decoded only when a name is hit.
 * 35k actor phrases as nested Maps cost ~30 MB of heap and ~0.2 s to build; this
 * form is ~3 MB and loads from data/cameo/names.compiled.json (written by
 * scripts/cameo/compile-names.ts) without building anything.
 *
 * Nodes are numbered breadth-first and each node's children are consecutive,
 * ordered by word id, so a child is found by binary search over `edgeWord`.
 */

/**
 * The serialisable form (what names.compiled.json holds). Integer arrays are base64
 * (`encodeInts`): the loader then builds no per-element objects or loops.
 */
export interface NameData {
  /** Word id → word (sorted, so ids are stable for the same input). */
  words: string[];
  /** Per node in breadth-first order, and one more: where its children start (`NameTable.childStart`), 32 bits. */
  childStart: string;
  /** Per node: the word id on the edge into it (-1 for the root), 16 bits. */
  edgeWord: string;
  /** Per node: the first actor (file order) whose phrase ends there, or -1, 16 bits. */
  firstActor: string;
  /** Per node: the first agent whose phrase ends there, or -1, 16 bits. */
  firstAgent: string;
  /** One line per actor: `code|dated,code,from,to|…` (empty field = none). */
  actors: string;
  /** Per agent: [code, position]. */
  agents: Array<[string, AgentEntry['position']]>;
}

export interface NameTable {
  /** Trie word → id; `assembleDictionaries` adds the other dictionaries' words after these (ids the trie never uses). */
  readonly wordId: Map<string, number>;
  /** Children of node n are nodes childStart[n] … childStart[n+1]-1. */
  readonly childStart: Int32Array;
  /** Word id on the edge into each node (`NONE` for the root). */
  readonly edgeWord: Uint16Array;
  /** Word id → the root's child along it, or -1 (the root has ~18k children: no search for them). */
  readonly rootChild: Int32Array;
  /** Actor / agent index of the first name ending at the node, or `NONE`. */
  readonly firstActor: Uint16Array;
  readonly firstAgent: Uint16Array;
  readonly agents: readonly AgentEntry[];
  readonly actorCount: number;
  /** The actor's code on `date` (YYYYMMDD; null: defaults only). */
  actorCode(actor: number, date: string | null): string | null;
}

const SEP = /[|,\n]/;

/**
 * An integer array as base64 of its little-endian bytes (`Int32Array` or, when every
 * value fits, `Uint16Array` with 0xffff for -1): Node decodes base64 natively, so
 * loading needs no per-element JavaScript loop.
 */
export function encodeInts(xs: readonly number[], width: 16 | 32): string {
  const bytes = Buffer.alloc(xs.length * (width / 8));
  xs.forEach((x, k) => {
    if (width === 16) {
      if (!Number.isInteger(x) || x < -1 || x >= 0xffff) throw new Error(`encodeInts: ${x} does not fit 16 bits`);
      bytes.writeUInt16LE(x < 0 ? 0xffff : x, k * 2);
    } else bytes.writeInt32LE(x, k * 4);
  });
  return bytes.toString('base64');
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** 16-bit arrays keep 0xffff for -1 (`NONE`). */
export const NONE = 0xffff;

export function decodeInts(base64: string, width: 32): Int32Array;
export function decodeInts(base64: string, width: 16): Uint16Array;
export function decodeInts(base64: string, width: 16 | 32): Int32Array | Uint16Array {
  const bytes = Buffer.from(base64, 'base64');
  const n = bytes.length / (width / 8);
  if (!LITTLE_ENDIAN) {
    const out = width === 16 ? new Uint16Array(n) : new Int32Array(n);
    for (let k = 0; k < n; k++) out[k] = width === 16 ? bytes.readUInt16LE(k * 2) : bytes.readInt32LE(k * 4);
    return out;
  }
  // a copy, so that the typed array starts on an aligned, unshared buffer
  const aligned = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  return width === 16 ? new Uint16Array(aligned) : new Int32Array(aligned);
}

function encodeActor(a: ActorEntry): string {
  const field = (s: string | null | undefined): string => {
    if (s === '' || (s && SEP.test(s))) throw new Error(`name-table: code or date ${JSON.stringify(s)} cannot be encoded`);
    return s ?? '';
  };
  return [field(a.code), ...a.dated.map((d) => `${field(d.code)},${field(d.from)},${field(d.to)}`)].join('|');
}

function decodeActor(line: string): ActorEntry {
  const [code, ...dated] = line.split('|');
  return {
    phrases: [],
    code: code === '' ? null : code,
    dated: dated.map((d) => {
      const [c, from, to] = d.split(',');
      const dc: DatedCode = { code: c };
      if (from !== '') dc.from = from;
      if (to !== '') dc.to = to;
      return dc;
    }),
  };
}

interface BuildNode {
  next: Map<number, BuildNode>;
  actor: number;
  agent: number;
}

/** Build the flat trie from dictionary entries (deterministic: same entries, same data). */
export function buildNameData(actors: readonly ActorEntry[], agents: readonly AgentEntry[]): NameData {
  const wordSet = new Set<string>();
  for (const list of [actors, agents]) for (const e of list) for (const p of e.phrases) for (const w of p) wordSet.add(w);
  const words = [...wordSet].sort();
  const ids = new Map(words.map((w, i) => [w, i]));
  const root: BuildNode = { next: new Map(), actor: -1, agent: -1 };
  const insert = (phrase: readonly string[]): BuildNode => {
    let node = root;
    for (const w of phrase) {
      const id = ids.get(w) as number;
      let n = node.next.get(id);
      if (!n) node.next.set(id, (n = { next: new Map(), actor: -1, agent: -1 }));
      node = n;
    }
    return node;
  };
  // First in file order wins, as the lists of hits did.
  actors.forEach((a, k) => {
    for (const p of a.phrases) {
      const n = insert(p);
      if (n.actor < 0) n.actor = k;
    }
  });
  agents.forEach((a, k) => {
    for (const p of a.phrases) {
      const n = insert(p);
      if (n.agent < 0) n.agent = k;
    }
  });
  const childStart: number[] = [];
  const edgeWord: number[] = [-1];
  const firstActor: number[] = [];
  const firstAgent: number[] = [];
  const queue: BuildNode[] = [root];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    // The root's own hits (an empty phrase) are never looked at by the matcher.
    firstActor.push(q > 0 ? node.actor : -1);
    firstAgent.push(q > 0 ? node.agent : -1);
    childStart.push(queue.length);
    const kids = [...node.next.entries()].sort((a, b) => a[0] - b[0]);
    for (const [id, child] of kids) {
      edgeWord.push(id);
      queue.push(child);
    }
  }
  childStart.push(queue.length);
  return {
    words,
    childStart: encodeInts(childStart, 32),
    edgeWord: encodeInts(edgeWord, 16),
    firstActor: encodeInts(firstActor, 16),
    firstAgent: encodeInts(firstAgent, 16),
    actors: actors.map(encodeActor).join('\n'),
    agents: agents.map((a) => [a.code, a.position]),
  };
}

/** names.compiled.json text: one key per line, so a diff shows which part changed. */
export function serializeNameData(data: NameData, header: Record<string, string>): string {
  const lines = [...Object.entries(header), ...Object.entries(data)].map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  // ASCII only (non-ASCII as \u escapes): Node reads an ASCII file into a compact one-byte string, faster.
  return `{\n${lines.join(',\n')}\n}\n`.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function nameTableFrom(data: NameData): NameTable {
  const childStart = decodeInts(data.childStart, 32);
  const edgeWord = decodeInts(data.edgeWord, 16);
  const firstActor = decodeInts(data.firstActor, 16);
  const firstAgent = decodeInts(data.firstAgent, 16);
  const rootChild = new Int32Array(data.words.length).fill(-1);
  for (let c = childStart[0]; c < childStart[1]; c++) rootChild[edgeWord[c]] = c;
  const wordId = new Map<string, number>();
  for (let i = 0; i < data.words.length; i++) wordId.set(data.words[i], i);
  const text = data.actors;
  const lineStart: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStart.push(i + 1);
  const starts = Int32Array.from(lineStart);
  const decoded: Array<ActorEntry | undefined> = [];
  const entry = (k: number): ActorEntry => {
    let e = decoded[k];
    if (!e) {
      const end = k + 1 < starts.length ? starts[k + 1] - 1 : text.length;
      e = decoded[k] = decodeActor(text.slice(starts[k], end));
    }
    return e;
  };
  return {
    wordId,
    childStart,
    edgeWord,
    rootChild,
    firstActor,
    firstAgent,
    agents: data.agents.map(([code, position]) => ({ phrases: [], code, position })),
    actorCount: starts.length,
    actorCode: (actor, date) => actorCodeOn(entry(actor), date),
  };
}

/** The child of `node` along word `word`, or -1. */
export function childOf(t: NameTable, node: number, word: number): number {
  if (node === 0) return word < t.rootChild.length ? t.rootChild[word] : -1;
  let lo = t.childStart[node];
  let hi = t.childStart[node + 1] - 1;
  const edge = t.edgeWord;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = edge[mid];
    if (w === word) return mid;
    if (w < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
