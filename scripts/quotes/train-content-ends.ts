/**
 * Train the content-end ranker (src/extract/quotes/content-ends.ts) on PolNeAR
 * **train**: for every gold attribution whose content follows its cue in the
 * cue's sentence, the content's start (as the readings start it: after
 * commas, colons, quotation marks and a leading "that") and the end candidates
 * of contentEnds; the target is the candidate whose content overlaps the gold
 * content most (examples where none reaches IoU 0.5 are left out). The mean of
 * SEEDS (5) averaged ranking perceptrons, each over its own seeded shuffle;
 * deterministic (fixed article order, fixed seeds).
 *
 *   npx tsx scripts/quotes/train-content-ends.ts                  # all of train → data/models/quotes/content-ends.tsv
 *   npx tsx scripts/quotes/train-content-ends.ts --slice OUT.tsv  # train on 4/5 (not the train slice), write OUT.tsv (a scratch path)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import { tokenAt } from '../../src/document/segment.js';
import { tokenSpan } from '../../src/extract/quotes/attribution.js';
import { contentEnds, endContext, endFeatures } from '../../src/extract/quotes/content-ends.js';
import { cueLikelihood } from '../../src/extract/quotes/cue-lookup.js';
import { stringKeys } from '../../src/extract/quotes/feature-key.js';
import { loadLearnedCues } from '../../src/extract/quotes/learned-cues.js';
import { loadQuoteLexicon } from '../../src/extract/quotes/lexicon.js';
import { LEARNED_CUE_MIN_PRECISION } from '../../src/extract/quotes/quotes-stage.js';
import { AveragedPerceptron } from './averaged-perceptron.js';
import { meanWeights } from './mean-weights.js';
import { overlapRatio } from './polnear.js';
import { isSliceDev, readSegmented } from './polnear-segmented.js';

const EPOCHS = Number(process.env.EPOCHS ?? 10);
const SEEDS = Number(process.env.SEEDS ?? 5);
const LOSS = process.env.LOSS ?? 'exact';
// Averaged weights below this are dropped (rounded to 4 decimals first).
const PRUNE = Number(process.env.PRUNE ?? 0.01);
const sliceAt = process.argv.indexOf('--slice');
const sliceOut = sliceAt >= 0 ? process.argv[sliceAt + 1] : null;
if (sliceAt >= 0 && !sliceOut) throw new Error('--slice needs an output path');
const SKIP_LEAD = new Set([',', ':', '“', '”', '"', '„', '«', '»', "''", '``']);

interface Example {
  /** For SHOW=1: the content's text up to each candidate end. */
  texts?: string[];
  features: string[][];
  quality: number[];
  target: number;
}

const dataDir = path.join(packageRoot(), 'data');
const cueAt = cueLikelihood(loadQuoteLexicon(dataDir), loadLearnedCues(dataDir, LEARNED_CUE_MIN_PRECISION));
const articles = await readSegmented('train');
const examples: Example[] = [];
// With --slice: the train slice's examples, for the held-out end accuracy.
const heldOut: Example[] = [];
let seen = 0;
articles.forEach((art, i) => {
  const into = sliceOut && isSliceDev(i) ? heldOut : examples;
  const { tokens, sentences } = art;
  const text = art.doc.text;
  for (const g of art.gold) {
    if (!g.cue || g.cue.length === 0 || g.content.length === 0) continue;
    const cueEnd = Math.max(...g.cue.map((c) => c.end));
    const start = Math.min(...g.content.map((c) => c.start));
    if (start < cueEnd) continue;
    const c1 = tokenAt(tokens, cueEnd - 1) + 1;
    let from = tokenAt(tokens, start);
    if (from >= tokens.length || tokens[from].sentence !== tokens[c1 - 1].sentence) continue;
    const si = tokens[from].sentence;
    const b = sentences[si].tokenEnd;
    while (from < b - 1 && SKIP_LEAD.has(tokens[from].value)) from++;
    if (tokens[from].lower === 'that' && from < b - 1) from++;
    if (into === examples) seen++;
    const ctx = endContext(tokens, sentences, tokenAt(tokens, g.cue[0].start), c1, from);
    const scan = contentEnds(text, tokens, sentences, from, si, cueAt);
    const { candidates } = scan;
    const quality = candidates.map((c) => {
      const span = tokenSpan(tokens, from, c.to);
      return span ? overlapRatio([span], g.content) : 0;
    });
    let target = 0;
    quality.forEach((q, k) => {
      if (q > quality[target]) target = k;
    });
    if (quality[target] < 0.5) continue;
    const texts = process.env.SHOW ? candidates.map((c) => `${c.kind}: ${text.slice(tokens[from].start, tokens[c.to - 1].end)}`) : undefined;
    into.push({ texts, features: candidates.map((c) => endFeatures(stringKeys, ctx, scan, c) as string[]), quality, target });
  }
});
console.log(`${examples.length} examples (of ${seen} gold contents after their cue)`);

const score = (weights: ReadonlyMap<string, number>, features: readonly string[]) => features.reduce((s, f) => s + (weights.get(f) ?? 0), 0);
function argmax(weights: ReadonlyMap<string, number>, ex: Example): number {
  let best = 0;
  let top = Number.NEGATIVE_INFINITY;
  ex.features.forEach((f, k) => {
    const s = score(weights, f);
    if (s > top) {
      top = s;
      best = k;
    }
  });
  return best;
}

/** One averaged perceptron over the examples in an order shuffled from `seed`: feature → unrounded averaged weight. */
function trainOnce(seed: number): Map<string, number> {
  const start = seed;
  const model = new AveragedPerceptron();
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const order = examples.map((_, k) => k);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    let errors = 0;
    for (const k of order) {
      const ex = examples[k];
      const pred = argmax(model.w, ex);
      if (LOSS === 'metric' ? ex.quality[pred] < 0.5 : ex.quality[pred] < ex.quality[ex.target]) {
        model.update(ex.features[ex.target], 1);
        model.update(ex.features[pred], -1);
        errors++;
      }
      model.t++;
    }
    if (epoch === EPOCHS - 1) console.log(`seed ${start}: last epoch ${errors} errors / ${examples.length}`);
  }
  return model.means();
}

// The mean of SEEDS runs in different orders: one perceptron's weights depend on its example order (held-out
// end accuracy ±0.003 between seeds); the mean is steadier.
const avg = meanWeights(
  Array.from({ length: SEEDS }, (_, r) => trainOnce(12345 + 7919 * r)),
  PRUNE,
);
let right = 0;
for (const ex of examples) if (ex.quality[argmax(avg, ex)] >= 0.5) right++;
console.log(`training examples ended right (IoU ≥ 0.5): ${(right / examples.length).toFixed(3)}; ${avg.size} weights`);
if (heldOut.length > 0) {
  let ok = 0;
  let exact = 0;
  for (const [n, ex] of heldOut.entries()) {
    const q = ex.quality[argmax(avg, ex)];
    if (q >= 0.5) ok++;
    else if (ex.texts && n % 7 === 0) console.log(`PRED ${ex.texts[argmax(avg, ex)].slice(0, 250)}\n  GOLD ${ex.texts[ex.target].slice(0, 250)}`);
    if (q === ex.quality[ex.target]) exact++;
  }
  const sIdx = (ex: Example) => ex.features.findIndex((f) => f[0] === 'k=S');
  const sOk = heldOut.filter((ex) => ex.quality[sIdx(ex)] >= 0.5).length;
  console.log(`train slice: always the sentence end ${(sOk / heldOut.length).toFixed(4)}`);
  console.log(`train slice: ${heldOut.length} examples, ended right ${(ok / heldOut.length).toFixed(4)}, best end ${(exact / heldOut.length).toFixed(4)}`);
}
const rows = [...avg].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([f, v]) => `${f}\t${v}`);
const header = '# Content-end ranker for reported speech: feature<TAB>weight (scripts/quotes/train-content-ends.ts, PolNeAR train).';
const out = sliceOut ?? path.join(packageRoot(), 'data', 'models', 'quotes', 'content-ends.tsv');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${[header, ...rows].join('\n')}\n`);
console.log(`written ${out}`);
