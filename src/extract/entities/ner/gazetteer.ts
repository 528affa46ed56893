import { createHash } from 'node:crypto';
import { childOf, type FlatTrie, FlatTrieBuilder, type FlatTrieJson, fromJson, toJson } from '../../../kb/flat-trie.js';
import { type Vocabulary, vocabularyFromWords, vocabularyOf } from '../../../kb/vocabulary.js';
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

/**
 * The lists as a flat word trie (see kb/flat-trie.ts): 40k phrases cost a few
 * MB of typed arrays instead of a Map per node. Entry `k` of a node is a phrase
 * index; its counts are `trainDocs[4k .. 4k + 4)` and its CAMEO mask `cameoTypes[k]`.
 */
export interface Gazetteer {
  vocabulary: Vocabulary;
  trie: FlatTrie;
  trainDocs: Int32Array;
  cameoTypes: Uint8Array;
  maxLength: number;
  size: number;
}

const T = NER_TYPES.length;

export function buildGazetteer(entries: Iterable<GazetteerEntry>): Gazetteer {
  const list = [...entries];
  const paths = list.map((e) => e.phrase.split(' '));
  const vocabulary = vocabularyOf(paths.flat());
  const builder = new FlatTrieBuilder();
  const trainDocs: number[] = [];
  const cameoTypes: number[] = [];
  let maxLength = 0;
  list.forEach((e, i) => {
    const words = paths[i];
    const at = builder.entriesAt(words.map((w) => vocabulary.ids.get(w) as number));
    if (at.length > 0) {
      const k = at[0];
      for (let t = 0; t < T; t++) trainDocs[k * T + t] += e.trainDocs[t];
      cameoTypes[k] |= e.cameoTypes;
    } else {
      const k = cameoTypes.length;
      at.push(k);
      for (let t = 0; t < T; t++) trainDocs.push(e.trainDocs[t]);
      cameoTypes.push(e.cameoTypes);
    }
    maxLength = Math.max(maxLength, words.length);
  });
  return {
    vocabulary,
    trie: builder.build(vocabulary.words.length),
    trainDocs: Int32Array.from(trainDocs),
    cameoTypes: Uint8Array.from(cameoTypes),
    maxLength,
    size: cameoTypes.length,
  };
}

/** Parse the shipped TSV: `phrase<TAB>PER,ORG,LOC,MISC train-document counts<TAB>cameo types`. */
export function parseGazetteer(tsv: string): Gazetteer {
  const entries: GazetteerEntry[] = [];
  const cameoMasks = new Map<string, number>();
  let at = 0;
  while (at < tsv.length) {
    let end = tsv.indexOf('\n', at);
    if (end < 0) end = tsv.length;
    const line = tsv.slice(at, end);
    at = end + 1;
    if (line.length === 0 || line.startsWith('#')) continue;
    const tab1 = line.indexOf('\t');
    const tab2 = line.indexOf('\t', tab1 + 1);
    const phrase = line.slice(0, tab1);
    const counts = line.slice(tab1 + 1, tab2 < 0 ? line.length : tab2);
    const cameo = tab2 < 0 ? '' : line.slice(tab2 + 1);
    const trainDocs = counts.split(',').map(Number);
    let cameoTypes = cameoMasks.get(cameo);
    if (cameoTypes === undefined) {
      cameoTypes = 0;
      for (const t of cameo ? cameo.split(',') : []) {
        const k = NER_TYPES.indexOf(t as (typeof NER_TYPES)[number]);
        if (k >= 0) cameoTypes |= 1 << k;
      }
      cameoMasks.set(cameo, cameoTypes);
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
  /** The vocabulary id of each token's `lower` form (-1: not in it), when the caller has them cached per word type. */
  wordIds?: Int32Array,
): void {
  const { trie, trainDocs, cameoTypes } = g;
  const { entryStart, entries } = trie;
  const ids = g.vocabulary.ids;
  for (let i = from; i < to; i++) {
    if (!upper[i]) continue;
    let node = 0;
    for (let j = i; j < to && j - i < g.maxLength; j++) {
      node = childOf(trie, node, wordIds ? wordIds[j] : (ids.get(lower[j]) ?? -1));
      if (node < 0) break;
      if (entryStart[node + 1] === entryStart[node] || !upper[j]) continue;
      const e = entries[entryStart[node]];
      const own = exclude?.get(lower.slice(i, j + 1).join(' ')) ?? 0;
      for (let t = 0; t < T; t++) {
        const fromTrain = trainDocs[e * T + t] - ((own >> t) & 1) > 0;
        const fromCameo = (cameoTypes[e] >> t) & 1;
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

const COMPILED_FORMAT = 'dossier.ner-gazetteer/1';

interface CompiledGazetteer {
  $generated: string;
  format: string;
  /** sha256 of the gazetteer.tsv it was compiled from. */
  source: string;
  maxLength: number;
  words: string[];
  trie: FlatTrieJson;
  trainDocs: number[];
  cameoTypes: number[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The compiled form of gazetteer.tsv (gazetteer.compiled.json, written by
 * scripts/ner/compile-gazetteer.ts): the trie as flat arrays, which loads
 * without building anything.
 */
export function compileGazetteer(tsv: string): string {
  const g = parseGazetteer(tsv);
  const out: CompiledGazetteer = {
    $generated: 'by scripts/ner/compile-gazetteer.ts from gazetteer.tsv; do not edit',
    format: COMPILED_FORMAT,
    source: sha256(tsv),
    maxLength: g.maxLength,
    words: [...g.vocabulary.words],
    trie: toJson(g.trie),
    trainDocs: Array.from(g.trainDocs),
    cameoTypes: Array.from(g.cameoTypes),
  };
  return `{${Object.entries(out)
    .map(([k, v]) =>
      k === 'trie'
        ? `"trie":{${Object.entries(v as FlatTrieJson).map(([a, b]) => `\n${JSON.stringify(a)}:${JSON.stringify(b)}`)}}`
        : `\n${JSON.stringify(k)}:${JSON.stringify(v)}`,
    )
    .join(',')}}\n`;
}

/** `tsv` as a Gazetteer: from `compiledJson` when it was compiled from this very text, else parsed. */
export function gazetteerFrom(tsv: string, compiledJson: string | null): Gazetteer {
  if (compiledJson !== null) {
    const c = JSON.parse(compiledJson) as CompiledGazetteer;
    if (c.format === COMPILED_FORMAT && c.source === sha256(tsv)) {
      const vocabulary = vocabularyFromWords(c.words);
      return {
        vocabulary,
        trie: fromJson(c.trie, c.words.length),
        trainDocs: Int32Array.from(c.trainDocs),
        cameoTypes: Uint8Array.from(c.cameoTypes),
        maxLength: c.maxLength,
        size: c.cameoTypes.length,
      };
    }
  }
  return parseGazetteer(tsv);
}
