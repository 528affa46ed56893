/**
 * Train the reading scorer for reported speech (src/extract/quotes/triple-model.ts)
 * on PolNeAR **train**: for every cue, the candidate readings built by
 * cue-candidates.ts compete with "no attribution"; a structured averaged
 * perceptron learns to pick the reading whose content matches a gold content
 * (IoU ≥ 0.5) with a speaker overlapping its Source (or no speaker when the
 * gold has none). Deterministic (fixed article order, seeded shuffle).
 *
 *   npx tsx scripts/quotes/train-triples.ts            # all of train → data/models/quotes/triples.tsv
 *   npx tsx scripts/quotes/train-triples.ts --slice    # train on 4/5, report on the train slice (every 5th article), write nothing
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import type { Span } from '../../src/document/span.js';
import type { Attribution } from '../../src/extract/quotes/attribution.js';
import { buildCandidates, type Candidate, featuresOf } from '../../src/extract/quotes/cue-candidates.js';
import { loadLearnedCues } from '../../src/extract/quotes/learned-cues.js';
import { loadQuoteLexicon } from '../../src/extract/quotes/lexicon.js';
import { dropDuplicates, LEARNED_CUE_MIN_PRECISION, ruleAttributions } from '../../src/extract/quotes/quotes-stage.js';
import { chooseReadings, scoreFeatures, withVariants } from '../../src/extract/quotes/triple-model.js';
import { type GoldAttribution, intersection, overlapRatio } from './polnear.js';
import { isSliceDev, readSegmented } from './polnear-segmented.js';

const EPOCHS = Number(process.env.EPOCHS ?? 8);
// Chosen on the train slice (--slice): -0.5 gave the best F1 of -0.5, 0, 0.5, 1.
const THRESHOLD = -0.5;
const PRUNE = 0.0005;
const sliceMode = process.argv.includes('--slice');
const dataDir = path.join(packageRoot(), 'data');
const lex = loadQuoteLexicon(dataDir);
const learned = loadLearnedCues(dataDir, LEARNED_CUE_MIN_PRECISION);
const articles = await readSegmented('train');

interface CueGroup {
  readings: Candidate[];
  /** Index of the best correct reading, or -1 when no reading is right (the cue should stay silent). */
  gold: number;
  /** Every reading that would be scored right. */
  correct: boolean[];
}
interface Prepared {
  groups: CueGroup[];
  candidates: Candidate[];
  direct: Attribution[];
  rules: Attribution[];
  gold: GoldAttribution[];
  tokens: { start: number; end: number }[];
}

function speakerSpan(a: Attribution, tokens: readonly { start: number; end: number }[]): Span[] | null {
  return a.speaker ? [{ start: tokens[a.speaker.start].start, end: tokens[a.speaker.end - 1].end }] : null;
}

function quality(a: Attribution, tokens: readonly { start: number; end: number }[], gold: readonly GoldAttribution[]): number {
  const sp = speakerSpan(a, tokens);
  let best = 0;
  for (const g of gold) {
    const r = overlapRatio(a.contents, g.content);
    if (r < 0.5) continue;
    const ok = g.source ? sp !== null && intersection(sp, g.source) > 0 : sp === null;
    if (ok && r > best) best = r;
  }
  return best;
}

const prepared: Prepared[] = articles.map((art) => {
  const { direct, skip, rules } = ruleAttributions(art.doc.text, art.tokens, art.sentences, lex);
  const candidates = buildCandidates({ tokens: art.tokens, sentences: art.sentences, skip, lex, learned, rules });
  const byCue = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const l = byCue.get(c.cueStart) ?? [];
    l.push(c);
    byCue.set(c.cueStart, l);
  }
  const groups = [...byCue.values()].map((readings) => {
    let gold = -1;
    let best = 0;
    const correct = readings.map(() => false);
    readings.forEach((r, k) => {
      const q = quality(r.attribution, art.tokens, art.gold);
      correct[k] = q > 0;
      if (q > best) {
        best = q;
        gold = k;
      }
    });
    return { readings, gold, correct };
  });
  return { groups, candidates, rules, direct: direct.quotes, gold: art.gold, tokens: art.tokens };
});

const trainSet = prepared.filter((_, i) => !sliceMode || !isSliceDev(i));
const groups = trainSet.flatMap((p) => p.groups);

// Structured averaged perceptron: "no attribution" scores 0.
const w = new Map<string, number>();
const acc = new Map<string, number>();
const stamp = new Map<string, number>();
let t = 1;
function update(features: readonly string[], delta: number): void {
  for (const f of features) {
    const old = w.get(f) ?? 0;
    const since = stamp.get(f) ?? 0;
    acc.set(f, (acc.get(f) ?? 0) + old * (t - since));
    stamp.set(f, t);
    w.set(f, old + delta);
  }
}
let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const order = groups.map((_, i) => i);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let errors = 0;
  for (const gi of order) {
    const g = groups[gi];
    // Any correct reading is an acceptable answer; on a mistake, move towards the best-scoring correct one.
    let pred = -1;
    let predScore = 0;
    let target = -1;
    let targetScore = Number.NEGATIVE_INFINITY;
    g.readings.forEach((r, k) => {
      const s = scoreFeatures(w, featuresOf(r));
      if (s > predScore) {
        predScore = s;
        pred = k;
      }
      if (g.correct[k] && s > targetScore) {
        targetScore = s;
        target = k;
      }
    });
    const ok = pred === -1 ? target === -1 : g.correct[pred];
    if (!ok) {
      errors++;
      if (target >= 0) update(featuresOf(g.readings[target]), 1);
      if (pred >= 0) update(featuresOf(g.readings[pred]), -1);
    }
    t++;
  }
  console.log(`epoch ${epoch + 1}: ${errors} errors / ${groups.length} cues`);
}
const avg = new Map<string, number>();
for (const [f, v] of w) {
  const total = (acc.get(f) ?? 0) + v * (t - (stamp.get(f) ?? 0));
  const a = Math.round((total / t) * 10000) / 10000;
  if (Math.abs(a) >= PRUNE) avg.set(f, a);
}

function evaluate(set: Prepared[], threshold: number, mode: 'model' | 'rules' | 'oracle' = 'model'): { p: number; r: number; f: number } {
  let predicted = 0;
  let gold = 0;
  let right = 0;
  const model = withVariants(avg, threshold);
  for (const p of set) {
    const chosen =
      mode === 'model'
        ? dropDuplicates(chooseReadings(p.candidates, model))
        : mode === 'rules'
          ? p.rules
          : p.groups.filter((g) => g.gold >= 0).map((g) => g.readings[g.gold].attribution);
    const all = [...p.direct, ...chosen];
    predicted += all.length;
    gold += p.gold.length;
    const used = new Set<number>();
    for (const a of all) {
      const sp = speakerSpan(a, p.tokens);
      const gi = p.gold.findIndex(
        (g, k) => !used.has(k) && overlapRatio(a.contents, g.content) >= 0.5 && (g.source ? sp !== null && intersection(sp, g.source) > 0 : sp === null),
      );
      if (gi >= 0) {
        used.add(gi);
        right++;
      }
    }
  }
  const P = right / predicted;
  const R = right / gold;
  return { p: P, r: R, f: (2 * P * R) / (P + R) };
}

const held = sliceMode ? prepared.filter((_, i) => isSliceDev(i)) : prepared;
for (const mode of ['rules', 'oracle'] as const) {
  const e = evaluate(held, 0, mode);
  console.log(`${mode}: P ${e.p.toFixed(3)} R ${e.r.toFixed(3)} F1 ${e.f.toFixed(3)}`);
}
for (const th of [-0.5, 0, 0.5, 1]) {
  const e = evaluate(held, th);
  console.log(
    `${sliceMode ? 'train-slice' : 'train (seen)'} threshold ${th}: P ${e.p.toFixed(3)} R ${e.r.toFixed(3)} F1 ${e.f.toFixed(3)} (speaker span only, no entity mentions)`,
  );
}
if (!sliceMode) {
  const dir = path.join(dataDir, 'models', 'quotes');
  mkdirSync(dir, { recursive: true });
  const rows = [...avg].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([f, v]) => `${f}\t${v}`);
  const header = ['# Reading scorer for reported speech: feature<TAB>weight (scripts/quotes/train-triples.ts, PolNeAR train).', `@threshold\t${THRESHOLD}`];
  writeFileSync(path.join(dir, 'triples.tsv'), `${[...header, ...rows].join('\n')}\n`);
  console.log(`${avg.size} weights written`);
}
