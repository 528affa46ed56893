/**
 * Learn hierarchical word clusters for the NER tagger from unlabelled text and
 * write `data/models/ner/clusters.tsv` (`word<TAB>bit-string`, one line per word).
 *
 *   npx tsx scripts/ner/clusters.ts [--min-count 3] [--contexts 1500] [--depth 16] [--out file]
 *
 * A fast stand-in for Brown clustering: each word becomes a vector of its
 * left and right neighbours (positive PMI over the most frequent context words,
 * plus how often it is capitalised mid-sentence), and the vocabulary is split
 * top-down in two, again and again (principal direction, refined by 2-means).
 * The path of left/right turns is the word's bit string, so a prefix of it is a
 * coarser cluster and the tagger can use prefixes of several lengths, as with
 * Brown clusters.
 *
 * Text (words only, no labels): CoNLL-2003 eng.train, the PTC training
 * articles and the POLNEAR training texts. Never eng.testa or eng.testb.
 * Deterministic: fixed file order, a seeded PRNG, single-threaded arithmetic.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import { normalizeText } from '../../src/document/normalize.js';
import { segment } from '../../src/document/segment.js';
import { mulberry32 } from '../../src/extract/entities/ner/perceptron.js';
import { normalizeForm, startsUpper } from '../../src/extract/entities/ner/word-form.js';
import { loadWink } from '../../src/pipeline/segment-stage.js';
import { readConll } from './conll.js';

const MIN_COUNT = Number(arg('--min-count') ?? 3);
const CONTEXTS = Number(arg('--contexts') ?? 1500);
const MAX_DEPTH = Number(arg('--depth') ?? 16);
/** Clusters this small are not split further. */
const MIN_LEAF = Number(arg('--min-leaf') ?? 4);
/** Weight of the "capitalised mid-sentence" dimension against the unit-length context part. */
const CAP_WEIGHT = Number(arg('--cap-weight') ?? 0.5);
const SEED = 20240602;
const POWER_ITERATIONS = 12;
const KMEANS_ITERATIONS = 6;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const root = packageRoot();
const shared = path.resolve(process.env.DOSSIER_SHARED ?? path.join(root, '..', 'shared'));
const outFile = path.resolve(arg('--out') ?? path.join(root, 'data', 'models', 'ner', 'clusters.tsv'));

/** Sentences of token values, in a fixed order. */
function* corpusSentences(): Generator<string[]> {
  for (const doc of readConll(path.join(shared, 'eval', 'conll2003', 'eng.train'))) for (const s of doc.sentences) yield s.words;
  const nlp = loadWink();
  for (const dir of [path.join(shared, 'eval', 'ptc', 'train-articles'), path.join(shared, 'eval', 'polnear', 'train', 'text')]) {
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const { tokens, sentences } = segment(normalizeText(readFileSync(path.join(dir, file), 'utf8')), nlp);
      for (const s of sentences) yield tokens.slice(s.tokenStart, s.tokenEnd).map((t) => t.value);
    }
  }
}

/** The key the tagger looks words up by (see FeatureExtractor). */
function key(value: string): string {
  return normalizeForm(value).toLowerCase();
}

interface Corpus {
  /** Token ids per sentence; -1 marks a word below the count threshold. */
  sentences: Int32Array[];
  words: string[];
  counts: Int32Array;
  /** Mid-sentence occurrences, and how many of them start with a capital. */
  mid: Int32Array;
  midUpper: Int32Array;
}

function readCorpus(): Corpus {
  const raw: Array<{ keys: string[]; upper: boolean[] }> = [];
  const count = new Map<string, number>();
  let tokens = 0;
  for (const words of corpusSentences()) {
    const keys = words.map(key);
    for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
    raw.push({ keys, upper: words.map((w) => startsUpper(normalizeForm(w))) });
    tokens += words.length;
  }
  // Most frequent first; ties in code-unit order so the ids never depend on Map order.
  const words = [...count]
    .filter(([, n]) => n >= MIN_COUNT)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w]) => w);
  const id = new Map(words.map((w, i) => [w, i]));
  const counts = Int32Array.from(words, (w) => count.get(w) ?? 0);
  const mid = new Int32Array(words.length);
  const midUpper = new Int32Array(words.length);
  const sentences = raw.map(({ keys, upper }) => {
    const ids = Int32Array.from(keys, (k) => id.get(k) ?? -1);
    for (let i = 1; i < ids.length; i++) {
      if (ids[i] < 0) continue;
      mid[ids[i]]++;
      if (upper[i]) midUpper[ids[i]]++;
    }
    return ids;
  });
  console.log(`corpus: ${raw.length} sentences, ${tokens} tokens, ${count.size} word types, ${words.length} with count >= ${MIN_COUNT}`);
  return { sentences, words, counts, mid, midUpper };
}

/** Sparse rows (CSR) of unit length: the words' context vectors. */
interface Vectors {
  rowStart: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
  dim: number;
}

/**
 * Context dimensions: left neighbour and right neighbour, each one of the
 * CONTEXTS most frequent words, a sentence boundary, or "rare word" — then
 * positive PMI, unit length, and the capitalisation dimension appended.
 */
function contextVectors(c: Corpus): Vectors {
  const V = c.words.length;
  const C = Math.min(CONTEXTS, V);
  const side = C + 2; // + boundary + rare
  const ctxOf = (id: number) => (id < 0 ? C + 1 : id < C ? id : C + 1);
  const rows: Map<number, number>[] = Array.from({ length: V }, () => new Map());
  const ctxTotal = new Float64Array(2 * side);
  let total = 0;
  for (const s of c.sentences) {
    for (let i = 0; i < s.length; i++) {
      const w = s[i];
      if (w < 0) continue;
      const left = i > 0 ? ctxOf(s[i - 1]) : C;
      const right = side + (i + 1 < s.length ? ctxOf(s[i + 1]) : C);
      const row = rows[w];
      row.set(left, (row.get(left) ?? 0) + 1);
      row.set(right, (row.get(right) ?? 0) + 1);
      ctxTotal[left]++;
      ctxTotal[right]++;
      total += 2;
    }
  }
  const rowStart = new Int32Array(V + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const capDim = 2 * side;
  for (let w = 0; w < V; w++) {
    rowStart[w] = cols.length;
    const entries = [...rows[w]].sort((a, b) => a[0] - b[0]);
    let wTotal = 0;
    for (const [, n] of entries) wTotal += n;
    const kept: Array<[number, number]> = [];
    let norm = 0;
    for (const [col, n] of entries) {
      const pmi = Math.log((n * total) / (wTotal * ctxTotal[col]));
      if (pmi <= 0) continue;
      kept.push([col, pmi]);
      norm += pmi * pmi;
    }
    norm = Math.sqrt(norm) || 1;
    const cap = c.mid[w] > 0 ? c.midUpper[w] / c.mid[w] : 0;
    // Renormalise with the capitalisation dimension so every row has unit length.
    const scale = 1 / Math.sqrt(1 + (CAP_WEIGHT * cap) ** 2);
    for (const [col, v] of kept) {
      cols.push(col);
      vals.push((v / norm) * scale);
    }
    if (cap > 0) {
      cols.push(capDim);
      vals.push(CAP_WEIGHT * cap * scale);
    }
  }
  rowStart[V] = cols.length;
  return { rowStart, cols: Int32Array.from(cols), vals: Float64Array.from(vals), dim: capDim + 1 };
}

function dot(x: Vectors, w: number, dense: Float64Array): number {
  let s = 0;
  for (let k = x.rowStart[w]; k < x.rowStart[w + 1]; k++) s += x.vals[k] * dense[x.cols[k]];
  return s;
}

function addRow(x: Vectors, w: number, factor: number, dense: Float64Array): void {
  for (let k = x.rowStart[w]; k < x.rowStart[w + 1]; k++) dense[x.cols[k]] += factor * x.vals[k];
}

function mean(x: Vectors, members: readonly number[]): Float64Array {
  const m = new Float64Array(x.dim);
  for (const w of members) addRow(x, w, 1, m);
  for (let d = 0; d < m.length; d++) m[d] /= members.length;
  return m;
}

function sqNorm(v: Float64Array): number {
  let s = 0;
  for (let d = 0; d < v.length; d++) s += v[d] * v[d];
  return s;
}

/**
 * Split a cluster in two: sign of the projection on its principal direction
 * (power iteration on the covariance), then a few rounds of 2-means.
 * Returns null when one side would be empty.
 */
function bisect(x: Vectors, members: number[], rand: () => number): [number[], number[]] | null {
  const mu = mean(x, members);
  let v = new Float64Array(x.dim);
  for (let d = 0; d < v.length; d++) v[d] = rand() - 0.5;
  const proj = new Float64Array(members.length);
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    const muV = mu.reduce((s, m, d) => s + m * v[d], 0);
    const next = new Float64Array(x.dim);
    let sum = 0;
    for (let k = 0; k < members.length; k++) {
      const a = dot(x, members[k], v) - muV;
      addRow(x, members[k], a, next);
      sum += a;
    }
    for (let d = 0; d < next.length; d++) next[d] -= sum * mu[d];
    const n = Math.sqrt(sqNorm(next));
    if (n === 0) return null;
    for (let d = 0; d < next.length; d++) next[d] /= n;
    v = next;
  }
  const muV = mu.reduce((s, m, d) => s + m * v[d], 0);
  const side = new Uint8Array(members.length);
  for (let k = 0; k < members.length; k++) {
    proj[k] = dot(x, members[k], v) - muV;
    side[k] = proj[k] > 0 ? 1 : 0;
  }
  for (let it = 0; it < KMEANS_ITERATIONS; it++) {
    const groups: number[][] = [[], []];
    for (let k = 0; k < members.length; k++) groups[side[k]].push(members[k]);
    if (groups[0].length === 0 || groups[1].length === 0) break;
    const m0 = mean(x, groups[0]);
    const m1 = mean(x, groups[1]);
    // |x - m|² = |x|² - 2 x·m + |m|²; |x|² is the same on both sides.
    const n0 = sqNorm(m0);
    const n1 = sqNorm(m1);
    let changed = 0;
    for (let k = 0; k < members.length; k++) {
      const d0 = n0 - 2 * dot(x, members[k], m0);
      const d1 = n1 - 2 * dot(x, members[k], m1);
      const s = d1 < d0 ? 1 : 0;
      if (s !== side[k]) changed++;
      side[k] = s;
    }
    if (changed === 0) break;
  }
  const out: [number[], number[]] = [[], []];
  for (let k = 0; k < members.length; k++) out[side[k]].push(members[k]);
  if (out[0].length === 0 || out[1].length === 0) return null;
  // The side holding the more frequent word (lower id) is "0", so ids read alike across runs of the data.
  if (out[1][0] < out[0][0]) out.reverse();
  return out;
}

function main(): void {
  const t0 = performance.now();
  const corpus = readCorpus();
  const x = contextVectors(corpus);
  console.log(`vectors: ${x.cols.length} non-zeros over ${x.dim} dimensions (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  const rand = mulberry32(SEED);
  const bits = new Array<string>(corpus.words.length).fill('');
  // Breadth-first, in a fixed order, so the PRNG is drawn in the same sequence every run.
  let queue: Array<{ members: number[]; path: string }> = [{ members: corpus.words.map((_, i) => i), path: '' }];
  let leaves = 0;
  while (queue.length > 0) {
    const next: typeof queue = [];
    for (const { members, path: p } of queue) {
      const halves = members.length >= 2 * MIN_LEAF && p.length < MAX_DEPTH ? bisect(x, members, rand) : null;
      if (!halves) {
        for (const w of members) bits[w] = p || '0';
        leaves++;
        continue;
      }
      next.push({ members: halves[0], path: `${p}0` }, { members: halves[1], path: `${p}1` });
    }
    queue = next;
  }
  // Words starting with '#' would read as comment lines; whitespace would break the format.
  const lines = corpus.words.flatMap((w, i) => (w.startsWith('#') || /\s/.test(w) ? [] : [`${w}\t${bits[i]}`]));
  writeFileSync(
    outFile,
    `# generated by scripts/ner/clusters.ts — do not edit. word<TAB>cluster bit string (prefixes are coarser clusters)\n# min-count ${MIN_COUNT}, contexts ${CONTEXTS}, depth ${MAX_DEPTH}, min-leaf ${MIN_LEAF}, cap-weight ${CAP_WEIGHT}, seed ${SEED}\n${lines.join('\n')}\n`,
  );
  console.log(`wrote ${lines.length} words in ${leaves} clusters to ${path.relative(root, outFile)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

main();
