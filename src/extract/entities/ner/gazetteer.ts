import { NER_TYPES } from './labels.js';

/**
 * Name lists as a token trie over lower-cased, normalised forms. Two sources:
 * names seen as entities in CoNLL-2003 eng.train (with, per type, the number of
 * training documents they occur in, so that training can leave out a document's
 * own names — otherwise the model learns to trust the list blindly), and names
 * from the CAMEO/Phoenix actor dictionaries.
 */
export interface GazetteerEntry {
  /** Lower-cased tokens joined by single spaces. */
  phrase: string;
  /** Per type (PER, ORG, LOC, MISC): number of eng.train documents where it is an entity of that type. */
  trainDocs: number[];
  /** Bit mask of types the CAMEO dictionaries give it (bit t = NER_TYPES[t]). */
  cameoTypes: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entry?: GazetteerEntry;
}

export interface Gazetteer {
  root: TrieNode;
  maxLength: number;
  size: number;
}

export function buildGazetteer(entries: Iterable<GazetteerEntry>): Gazetteer {
  const root: TrieNode = { next: new Map() };
  let maxLength = 0;
  let size = 0;
  for (const e of entries) {
    const words = e.phrase.split(' ');
    let node = root;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map() };
        node.next.set(w, child);
      }
      node = child;
    }
    if (node.entry) {
      for (let t = 0; t < NER_TYPES.length; t++) node.entry.trainDocs[t] += e.trainDocs[t];
      node.entry.cameoTypes |= e.cameoTypes;
    } else {
      node.entry = { phrase: e.phrase, trainDocs: e.trainDocs.slice(), cameoTypes: e.cameoTypes };
      size++;
    }
    maxLength = Math.max(maxLength, words.length);
  }
  return { root, maxLength, size };
}

/** Parse the shipped TSV: `phrase<TAB>PER,ORG,LOC,MISC train-document counts<TAB>cameo types`. */
export function parseGazetteer(tsv: string): Gazetteer {
  const entries: GazetteerEntry[] = [];
  for (const line of tsv.split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const [phrase, counts, cameo] = line.split('\t');
    const trainDocs = counts.split(',').map(Number);
    let cameoTypes = 0;
    for (const t of cameo ? cameo.split(',') : []) {
      const k = NER_TYPES.indexOf(t as (typeof NER_TYPES)[number]);
      if (k >= 0) cameoTypes |= 1 << k;
    }
    entries.push({ phrase, trainDocs, cameoTypes });
  }
  return buildGazetteer(entries);
}

export function formatGazetteer(entries: GazetteerEntry[]): string {
  const lines = entries.map((e) => {
    const cameo = NER_TYPES.filter((_, t) => e.cameoTypes & (1 << t)).join(',');
    return `${e.phrase}\t${e.trainDocs.join(',')}\t${cameo}`;
  });
  return `${lines.join('\n')}\n`;
}

/** Sources × types × BILOU parts: the gazetteer feature slots. */
export const GAZETTEER_SLOTS = 2 * NER_TYPES.length * 4;
export function gazetteerSlotName(slot: number): string {
  const source = slot >> 4 ? 'gc' : 'gt';
  const type = NER_TYPES[(slot >> 2) & 3];
  return `${source}:${type}:${'BILU'[slot & 3]}`;
}
function slotOf(source: number, type: number, part: number): number {
  return (source << 4) | (type << 2) | part;
}

/**
 * Report every gazetteer match inside `[from, to)` by calling `emit(token, slot)`
 * for each token it covers. A match must start and end on a capitalised token
 * (so "may" and "turkey" do not fire). `exclude` (training only) maps phrases to
 * the type mask the current document itself contributed to the train counts.
 */
export function matchGazetteer(
  g: Gazetteer,
  lower: readonly string[],
  upper: ArrayLike<number>,
  from: number,
  to: number,
  emit: (token: number, slot: number) => void,
  exclude?: Map<string, number>,
): void {
  for (let i = from; i < to; i++) {
    if (!upper[i]) continue;
    let node: TrieNode | undefined = g.root;
    for (let j = i; j < to && j - i < g.maxLength; j++) {
      node = node.next.get(lower[j]);
      if (!node) break;
      const e = node.entry;
      if (!e || !upper[j]) continue;
      const own = exclude?.get(e.phrase) ?? 0;
      for (let t = 0; t < NER_TYPES.length; t++) {
        const fromTrain = e.trainDocs[t] - ((own >> t) & 1) > 0;
        const fromCameo = (e.cameoTypes >> t) & 1;
        for (let source = 0; source < 2; source++) {
          if (source === 0 ? !fromTrain : !fromCameo) continue;
          if (j === i) emit(i, slotOf(source, t, 3));
          else {
            emit(i, slotOf(source, t, 0));
            for (let k = i + 1; k < j; k++) emit(k, slotOf(source, t, 1));
            emit(j, slotOf(source, t, 2));
          }
        }
      }
    }
  }
}
