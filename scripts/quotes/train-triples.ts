/**
 * Train the two models for reported speech (src/extract/quotes/triple-model.ts)
 * on PolNeAR **train**, over the candidate cues of cue-candidates.ts (lexicon and
 * learned cues, and every other verb): an averaged-perceptron cue classifier
 * (is the candidate part of a gold Cue?) and a reading ranker (RANKER=pa, the
 * default: cost-sensitive passive-aggressive; RANKER=perceptron: the older
 * ranking perceptron; both averaged) that picks,
 * for every cue the classifier lets through, the reading whose content matches
 * a gold content (IoU ≥ 0.5) with a speaker overlapping its Source (or no
 * speaker when the gold has none), or no reading at all (JOINT, the default;
 * JOINT=0 ranks only cues that have a right reading and leaves the decision to
 * the cue classifier). Deterministic (fixed article order, seeded shuffle).
 * FP_REPORT=joint with --slice sorts the missed gold attributions by why.
 * FP_REPORT=1 with --slice prints error buckets and examples of the train slice.
 *
 *   npx tsx scripts/quotes/train-triples.ts            # all of train → data/models/quotes/triples.tsv
 *   npx tsx scripts/quotes/train-triples.ts --slice    # train on 4/5, report on the train slice (every 5th article), write nothing
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/analysis.js';
import type { Span } from '../../src/document/span.js';
import type { Attribution } from '../../src/extract/quotes/attribution.js';
import { buildCandidates, type Candidate, cueScoreKeys, featuresOf } from '../../src/extract/quotes/cue-candidates.js';
import { type FeatureKey, stringKeys } from '../../src/extract/quotes/feature-key.js';
import { loadLearnedCues } from '../../src/extract/quotes/learned-cues.js';
import { loadQuoteLexicon } from '../../src/extract/quotes/lexicon.js';
import {
  attributedDirect,
  CUE_EARLY_MARGIN,
  dropDuplicates,
  LEARNED_CUE_MIN_PRECISION,
  readingsBesideQuotes,
  ruleAttributions,
} from '../../src/extract/quotes/quotes-stage.js';
import { chooseReadings, cueScore, modelRows, tripleModelOf } from '../../src/extract/quotes/triple-model.js';
import { AveragedPerceptron } from './averaged-perceptron.js';
import { meanWeights } from './mean-weights.js';
import { type GoldAttribution, intersection, overlapRatio } from './polnear.js';
import { isSliceDev, readSegmented } from './polnear-segmented.js';

const EPOCHS = Number(process.env.EPOCHS ?? 6);
// Cue label: the candidate overlaps a gold Cue ('gold-cue', slice F1 0.549) or has a right reading ('right-reading', 0.535).
const EARLY_MARGIN = Number(process.env.EARLY_MARGIN ?? CUE_EARLY_MARGIN);
const CUE_LABEL = process.env.CUE_LABEL ?? 'gold-cue';
const PA_DEFAULT = process.env.JOINT !== '0' && (process.env.RANKER ?? 'pa') === 'pa';
const THRESHOLDS = (process.env.THRESHOLDS ?? (PA_DEFAULT ? '-1.6,-1.4,-1.2,-1,-0.8' : '-12,-8,-5,-3')).split(',').map(Number);
// JOINT: the reading ranker's threshold (a cue's best reading is kept when it scores above it), chosen on
// the train slice among THRESHOLDS. Perceptron: -8 gave F1 0.594 (-12: 0.592, -5: 0.589, 0: 0.565; recall is the limit).
// PA (scores about a fifth as large): see the RANKER note below.
const READ_THRESHOLD = Number(process.env.READ_THRESHOLD ?? (PA_DEFAULT ? -1 : -8));
// The cue classifier's threshold, chosen on the train slice (--slice) among THRESHOLDS.
const THRESHOLD = Number(process.env.CUE_THRESHOLD ?? 1);
// Averaged weights below this are dropped: 0.1 left the train-slice F1 unchanged (0.570 → 0.569) and halves look-ups' misses.
const PRUNE = Number(process.env.PRUNE ?? 0.1);
const sliceMode = process.argv.includes('--slice');
const dataDir = path.join(packageRoot(), 'data');
const lex = loadQuoteLexicon(dataDir);
const learned = loadLearnedCues(dataDir, Number(process.env.MINP ?? LEARNED_CUE_MIN_PRECISION));
const articles = await readSegmented('train');

interface CueGroup {
  readings: Candidate[];
  /** Index of the best correct reading, or -1 when no reading is right (the cue should stay silent). */
  gold: number;
  /** Every reading that would be scored right. */
  correct: boolean[];
  /** The candidate cue overlaps a gold Cue span. */
  isCue: boolean;
}
interface Prepared {
  groups: CueGroup[];
  candidates: Candidate[];
  direct: Attribution[];
  rules: Attribution[];
  gold: GoldAttribution[];
  tokens: { start: number; end: number }[];
  text: string;
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
  const uncued = direct.quotes.filter((q) => q.cue === null);
  const candidates = buildCandidates({ tokens: art.tokens, sentences: art.sentences, skip, lex, learned, rules, uncued, keys: stringKeys });
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
    const cueTokens = readings[0].attribution.cue?.tokens;
    const cueSpan = cueTokens ? [{ start: art.tokens[cueTokens.start].start, end: art.tokens[cueTokens.end - 1].end }] : [];
    const isCue = art.gold.some((g) => g.cue !== null && intersection(g.cue, cueSpan) > 0);
    return { readings, gold, correct, isCue };
  });
  return { groups, candidates, rules, direct: attributedDirect(direct.quotes), gold: art.gold, tokens: art.tokens, text: art.doc.text };
});

const trainSet = prepared.filter((_, i) => !sliceMode || !isSliceDev(i));
const groups = trainSet.flatMap((p) => p.groups);

/** Sum of string-keyed weights (candidates are built with string keys here). */
function scoreFeatures(weights: ReadonlyMap<string, number>, features: readonly FeatureKey[]): number {
  let s = 0;
  for (const f of features) s += weights.get(f as string) ?? 0;
  return s;
}

let seed = Number(process.env.SEED ?? 12345);
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
function shuffle(order: number[]): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
}

/**
 * EPOCHS passes over `count` items, each pass in a new seeded shuffle; `step(i)` trains on item i and says
 * whether it was an error (a mistake or a margin violation). The model's clock ticks after every item.
 */
function runEpochs(model: AveragedPerceptron, count: number, step: (i: number) => boolean, report?: (epoch: number, errors: number) => void): void {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    shuffle(order);
    let errors = 0;
    for (const i of order) {
      if (step(i)) errors++;
      model.t++;
    }
    report?.(epoch + 1, errors);
  }
}

// The cue classifier: does this candidate cue have a right reading at all?
function trainCueModel(list: readonly CueGroup[], quiet = false): AveragedPerceptron {
  const model = new AveragedPerceptron();
  runEpochs(
    model,
    list.length,
    (gi) => {
      const g = list[gi];
      const f = g.readings[0].cueFeatures;
      const y = (CUE_LABEL === 'gold-cue' ? g.isCue : g.gold >= 0) ? 1 : -1;
      if (y * scoreFeatures(model.w, f) > 0) return false;
      model.update(f, y);
      return true;
    },
    quiet ? undefined : (epoch, errors) => console.log(`cue epoch ${epoch}: ${errors} errors / ${list.length} cues`),
  );
  return model;
}
// The cue classifiers of several shuffles, averaged (CUE_SEEDS): steadier weights, as for the rankers below.
const CUE_SEEDS = Number(process.env.CUE_SEEDS ?? 4);
function averagedCueWeights(list: readonly CueGroup[], quiet = false): Map<string, number> {
  if (CUE_SEEDS === 1) return trainCueModel(list, quiet).averaged(PRUNE);
  return meanWeights(
    Array.from({ length: CUE_SEEDS }, () => trainCueModel(list, true).averaged(0)),
    PRUNE,
  );
}
const cueAvg = averagedCueWeights(groups);

/**
 * JOINT: the reading ranker also learns to answer "no reading" (score ≤ 0) on
 * every cue the cue classifier lets through (score > CUE_FLOOR), with the cue
 * score's bucket as a reading feature. The scores of training cues come from
 * cue classifiers trained on the other folds (out of fold), as the stage's
 * scores of unseen text would.
 */
const JOINT = process.env.JOINT !== '0';
// Chosen on the train slice: -2 gave F1 0.581, -4 gave 0.577 (before the subject/object and boundary features).
const CUE_FLOOR = Number(process.env.CUE_FLOOR ?? -2);
const FOLDS = 5;
const cueScoreOf = new Map<CueGroup, number>();
if (JOINT) {
  const trainArticles = trainSet;
  for (let fold = 0; fold < FOLDS; fold++) {
    const fitOn = trainArticles.filter((_, i) => i % FOLDS !== fold).flatMap((p) => p.groups);
    const w = averagedCueWeights(fitOn, true);
    for (const p of trainArticles.filter((_, i) => i % FOLDS === fold))
      for (const g of p.groups) cueScoreOf.set(g, scoreFeatures(w, g.readings[0].cueFeatures));
  }
  for (const p of prepared) for (const g of p.groups) if (!cueScoreOf.has(g)) cueScoreOf.set(g, scoreFeatures(cueAvg, g.readings[0].cueFeatures));
  for (const p of prepared)
    for (const g of p.groups) {
      const keys = cueScoreKeys(stringKeys, cueScoreOf.get(g) ?? 0);
      for (const r of g.readings) r.own.push(...keys);
    }
}

// The reading ranker, on cues that have a right reading: move towards the best-scoring right one.
// JOINT: on every cue above the floor, with "no reading" (score 0) as one more answer.
function trainRanker(): Map<string, number> {
  const readModel = new AveragedPerceptron();
  const positive = JOINT ? groups.filter((g) => (cueScoreOf.get(g) ?? 0) > CUE_FLOOR) : groups.filter((g) => g.gold >= 0);
  runEpochs(
    readModel,
    positive.length,
    (gi) => {
      const g = positive[gi];
      let pred = -1;
      let predScore = Number.NEGATIVE_INFINITY;
      let target = -1;
      let targetScore = Number.NEGATIVE_INFINITY;
      g.readings.forEach((r, k) => {
        const sc = scoreFeatures(readModel.w, featuresOf(r));
        if (sc > predScore) {
          predScore = sc;
          pred = k;
        }
        if (g.correct[k] && sc > targetScore) {
          targetScore = sc;
          target = k;
        }
      });
      if (!JOINT) {
        if (g.correct[pred]) return false;
        readModel.update(featuresOf(g.readings[target]), 1);
        readModel.update(featuresOf(g.readings[pred]), -1);
        return true;
      }
      if (target < 0) {
        if (predScore <= 0) return false;
        readModel.update(featuresOf(g.readings[pred]), -1);
        return true;
      }
      if (predScore > 0 && g.correct[pred]) return false;
      readModel.update(featuresOf(g.readings[target]), 1);
      if (predScore > 0) readModel.update(featuresOf(g.readings[pred]), -1);
      return true;
    },
    (epoch, errors) => console.log(`reading epoch ${epoch}: ${errors} errors / ${positive.length} cues`),
  );
  return readModel.averaged(PRUNE);
}
/**
 * RANKER=pa (the default): a cost-sensitive passive-aggressive ranker (PA-I,
 * Crammer et al. 2006) over the same answers as the JOINT perceptron (each
 * reading, or "no reading" at score 0). The target is the best-scoring right
 * answer ("no reading" when none is right); the rival is the answer that most
 * violates the margin its cost asks for: a wrong reading where a right one
 * exists costs WRONG_COST (a false positive and a miss), a reading where none is
 * right FP_COST, "no reading" where one is right MISS_COST. The update is just
 * large enough to meet that margin, so easy cues move the weights less than
 * the perceptron's fixed step. Train slice, with the same features: perceptron
 * F1 0.592 (rank accuracy 0.804 on right cues), PA costs 1/1/2 0.599, 1.3/1/2.3 0.601 (0.814).
 * Session 11, full pipeline on the train slice with the content-end ranker (right /
 * predicted of 4,098 gold, shuffle seeds 12345 and 777): FP_COST 1.3 gave 2,393 / 3,103 and
 * 2,391 / 3,118 (F1 0.6646, 0.6627), 1.1 gave 2,418 / 3,170 and 2,418 / 3,184 (0.6654,
 * 0.6641), 1.5 gave 0.6608 and 0.9 gave 0.6637 (seed 12345).
 */
const RANKER = process.env.RANKER ?? 'pa';
const WRONG_COST = Number(process.env.WRONG_COST ?? 2.3);
const FP_COST = Number(process.env.FP_COST ?? 1.1);
const MISS_COST = Number(process.env.MISS_COST ?? 1);
// PA weights are about a fifth of the perceptron's (the step is the margin's size, not 1): pruned at a fifth.
const PA_PRUNE = Number(process.env.PA_PRUNE ?? 0.02);

/** ‖φ(a) − φ(b)‖² over feature multisets (null: the empty "no reading"). */
function differenceNorm(a: readonly FeatureKey[] | null, b: readonly FeatureKey[] | null): number {
  const d = new Map<FeatureKey, number>();
  for (const f of a ?? []) d.set(f, (d.get(f) ?? 0) + 1);
  for (const f of b ?? []) d.set(f, (d.get(f) ?? 0) - 1);
  let s = 0;
  for (const v of d.values()) s += v * v;
  return s;
}

function trainRankerPA(): Map<string, number> {
  const readModel = new AveragedPerceptron();
  const positive = groups.filter((g) => (cueScoreOf.get(g) ?? 0) > CUE_FLOOR);
  const feats = positive.map((g) => g.readings.map(featuresOf));
  runEpochs(
    readModel,
    positive.length,
    (gi) => {
      const g = positive[gi];
      const f = feats[gi];
      const scores = f.map((x) => scoreFeatures(readModel.w, x));
      const anyRight = g.gold >= 0;
      let target = -1;
      let targetScore = 0;
      if (anyRight) {
        targetScore = Number.NEGATIVE_INFINITY;
        scores.forEach((sc, k) => {
          if (g.correct[k] && sc > targetScore) {
            targetScore = sc;
            target = k;
          }
        });
      }
      // The rival: -1 is "no reading", -2 none yet.
      let rival = anyRight ? -1 : -2;
      let rivalValue = anyRight ? MISS_COST : Number.NEGATIVE_INFINITY;
      scores.forEach((sc, k) => {
        if (g.correct[k]) return;
        const v = sc + (anyRight ? WRONG_COST : FP_COST);
        if (v > rivalValue) {
          rivalValue = v;
          rival = k;
        }
      });
      if (rival === -2 || rivalValue <= targetScore) return false;
      const fa = target >= 0 ? f[target] : null;
      const fb = rival >= 0 ? f[rival] : null;
      const norm = differenceNorm(fa, fb);
      if (norm === 0) return false;
      const tau = (rivalValue - targetScore) / norm;
      if (fa) readModel.update(fa, tau);
      if (fb) readModel.update(fb, -tau);
      return true;
    },
    (epoch, errors) => console.log(`reading epoch ${epoch}: ${errors} margin violations / ${positive.length} cues`),
  );
  return readModel.averaged(0);
}

// The rankers of several shuffles, averaged: steadier weights (train-slice F1 0.593 → 0.594 with 3; model 4.3 → 4.7 MB).
// Session 12 (full pipeline on the train slice, right / predicted of 4,098 gold, shuffle seeds 12345 and 777):
// 6 instead of 3 gave 2,422 / 3,174 and 2,424 / 3,196 against 2,424 / 3,181 and 2,429 / 3,195.
const SEEDS = Number(process.env.SEEDS ?? 3);
const usePA = JOINT && RANKER === 'pa';
const rankPrune = usePA ? PA_PRUNE : PRUNE;
const avg = meanWeights(
  Array.from({ length: SEEDS }, () => (usePA ? trainRankerPA() : trainRanker())),
  rankPrune,
);

/** Index of the reading the averaged ranker scores highest (the first on ties). */
function bestReading(readings: Candidate[]): number {
  let best = -1;
  let top = Number.NEGATIVE_INFINITY;
  readings.forEach((r, k) => {
    const s = scoreFeatures(avg, featuresOf(r));
    if (s > top) {
      top = s;
      best = k;
    }
  });
  return best;
}

function evaluate(set: Prepared[], threshold: number, mode: 'model' | 'rules' | 'oracle' = 'model'): { p: number; r: number; f: number } {
  let predicted = 0;
  let gold = 0;
  let right = 0;
  const model = JOINT ? tripleModelOf(avg, threshold, cueAvg, CUE_FLOOR) : tripleModelOf(avg, Number.NEGATIVE_INFINITY, cueAvg, threshold);
  threshold = model.cueThreshold;
  for (const p of set) {
    const chosen =
      mode === 'model'
        ? dropDuplicates(
            chooseReadings(
              readingsBesideQuotes(
                p.candidates.filter((c) => cueScore(model, c.identity) + EARLY_MARGIN > threshold && cueScore(model, c.cueFeatures) > threshold),
                p.direct,
              ),
              model,
            ),
          )
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
for (const th of THRESHOLDS) {
  const e = evaluate(held, th);
  console.log(
    `${sliceMode ? 'train-slice' : 'train (seen)'} threshold ${th}: P ${e.p.toFixed(3)} R ${e.r.toFixed(3)} F1 ${e.f.toFixed(3)} (speaker span only, no entity mentions)`,
  );
}
// SLICE_MODEL=path with --slice: also write the 4/5-trained model there (a scratch path), to study its choices on the slice.
if (sliceMode && process.env.SLICE_MODEL) {
  const header = [`@threshold\t${JOINT ? READ_THRESHOLD : '-Infinity'}`, `@cueThreshold\t${JOINT ? CUE_FLOOR : THRESHOLD}`];
  writeFileSync(process.env.SLICE_MODEL, `${[...header, ...modelRows(avg, cueAvg)].join('\n')}\n`);
}
if (!sliceMode) {
  const dir = path.join(dataDir, 'models', 'quotes');
  mkdirSync(dir, { recursive: true });
  const rows = modelRows(avg, cueAvg);
  const header = [
    '# Cue classifier (cue:…) and reading ranker for reported speech: feature<TAB>weight (scripts/quotes/train-triples.ts, PolNeAR train).',
    JOINT ? `@threshold\t${READ_THRESHOLD}` : '@threshold\t-Infinity',
    `@cueThreshold\t${JOINT ? CUE_FLOOR : THRESHOLD}`,
  ];
  writeFileSync(path.join(dir, 'triples.tsv'), `${[...header, ...rows].join('\n')}\n`);
  console.log(`${avg.size} reading weights, ${cueAvg.size} cue weights written`);
}
let sampled = 0;
function show(tag: string, p: Prepared, a: Attribution, g: GoldAttribution): void {
  const t = p.text;
  const sp = a.speaker ? t.slice(p.tokens[a.speaker.start].start, p.tokens[a.speaker.end - 1].end) : '-';
  const cue = a.cue ? t.slice(p.tokens[a.cue.tokens.start].start, p.tokens[a.cue.tokens.end - 1].end) : '-';
  console.log(
    `${tag} ${a.reasons.join(',')} PRED [${sp}] <${cue}> ${a.contents
      .map((c) => t.slice(c.start, c.end))
      .join(' … ')
      .slice(0, 150)}`,
  );
  console.log(
    `   GOLD [${g.source?.map((c) => t.slice(c.start, c.end)).join('_') ?? '-'}] <${g.cue?.map((c) => t.slice(c.start, c.end)).join('_') ?? '-'}> ${g.content
      .map((c) => t.slice(c.start, c.end))
      .join(' … ')
      .slice(0, 150)}`,
  );
}
if (process.env.FP_REPORT) {
  const model = tripleModelOf(avg, Number.NEGATIVE_INFINITY, cueAvg, THRESHOLD);
  const cat = new Map<string, number>();
  const inc = (k: string) => cat.set(k, (cat.get(k) ?? 0) + 1);
  for (const p of held) {
    const chosen = dropDuplicates(
      chooseReadings(
        p.candidates.filter((c) => cueScore(model, c.cueFeatures) > THRESHOLD),
        model,
      ),
    );
    const all = [...p.direct.map((a) => ['d', a] as const), ...chosen.map((a) => ['i', a] as const)];
    const used = new Set<number>();
    for (const [kind, a] of all) {
      const sp = speakerSpan(a, p.tokens);
      const gi = p.gold.findIndex(
        (g, k) => !used.has(k) && overlapRatio(a.contents, g.content) >= 0.5 && (g.source ? sp !== null && intersection(sp, g.source) > 0 : sp === null),
      );
      const why = kind === 'd' ? ` ${a.reasons[a.reasons.length - 1]}` : '';
      if (gi >= 0) {
        used.add(gi);
        inc(`${kind} right${why}`);
        continue;
      }
      const anyContent = p.gold.findIndex((g) => overlapRatio(a.contents, g.content) >= 0.5);
      if (anyContent >= 0) {
        inc(`${kind} FP content-ok ${used.has(anyContent) ? 'dup' : 'speaker-wrong'}${why}`);
        if (!used.has(anyContent) && ++sampled % 20 === 0) show('SPK', p, a, p.gold[anyContent]);
        continue;
      }
      const pg = p.gold.find((g) => intersection(a.contents, g.content) > 0);
      if (pg && ++sampled % 25 === 0) show(`PART-${kind}`, p, a, pg);
      const partial = p.gold.some((g) => intersection(a.contents, g.content) > 0);
      inc(`${kind} FP ${partial ? 'partial-overlap' : 'no-overlap'}${why}`);
    }
  }
  console.log(
    [...cat]
      .sort()
      .map(([k, v]) => `${v}\t${k}`)
      .join('\n'),
  );
}
if (process.env.FP_REPORT) {
  const model = tripleModelOf(avg, Number.NEGATIVE_INFINITY, cueAvg, THRESHOLD);
  let tp = 0,
    fp = 0,
    fn = 0,
    rankOk = 0,
    rankN = 0;
  for (const p of held)
    for (const g of p.groups) {
      const acc = cueScore(model, g.readings[0].cueFeatures) > THRESHOLD;
      const pos = g.gold >= 0;
      if (acc && pos) tp++;
      else if (acc) fp++;
      else if (pos) fn++;
      if (pos) {
        rankN++;
        if (g.correct[bestReading(g.readings)]) rankOk++;
      }
    }
  console.log(
    `cue classifier on held: P ${(tp / (tp + fp)).toFixed(3)} R ${(tp / (tp + fn)).toFixed(3)}; ranker accuracy on positive cues ${(rankOk / rankN).toFixed(3)} of ${rankN}`,
  );
}
let rankShown = 0;
if (process.env.FP_REPORT) {
  const cat = new Map<string, number>();
  const inc = (k: string) => cat.set(k, (cat.get(k) ?? 0) + 1);
  for (const p of held)
    for (const g of p.groups) {
      if (g.gold < 0) continue;
      const best = bestReading(g.readings);
      if (g.correct[best]) {
        inc('ok');
        continue;
      }
      const r = g.readings[best];
      const tgt = g.readings[g.gold];
      const sameContent = overlapRatio(r.attribution.contents, tgt.attribution.contents) >= 0.8;
      const sameSpeaker = (r.attribution.speaker?.start ?? -1) === (tgt.attribution.speaker?.start ?? -1);
      inc(`wrong: content ${sameContent ? 'same' : 'diff'} speaker ${sameSpeaker ? 'same' : 'diff'} | pred ${r.variant[0]} gold ${tgt.variant[0]}`);
      if (process.env.SHOW_RANK && !sameContent && sameSpeaker && rankShown++ < 40) {
        const t = p.text;
        const cue = r.attribution.cue ? t.slice(p.tokens[r.attribution.cue.tokens.start].start, p.tokens[r.attribution.cue.tokens.end - 1].end) : '-';
        console.log(
          `RANK <${cue}> PRED ${r.variant} {${r.attribution.contents
            .map((c) => t.slice(c.start, c.end))
            .join(' … ')
            .slice(0, 160)}}`,
        );
        console.log(
          `          RIGHT ${tgt.variant} {${tgt.attribution.contents
            .map((c) => t.slice(c.start, c.end))
            .join(' … ')
            .slice(0, 160)}}`,
        );
      }
    }
  console.log(
    [...cat]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${v}\t${k}`)
      .join('\n'),
  );
}
let floorShown = 0;
if (process.env.FP_REPORT === 'joint') {
  // Why each gold attribution is missed (joint mode): no cue has a right reading, the cue is under the floor,
  // the right reading is ranked first but under the threshold, or another reading is ranked first.
  const cat = new Map<string, number>();
  const inc = (k: string) => cat.set(k, (cat.get(k) ?? 0) + 1);
  for (const p of held) {
    for (const g of p.gold) {
      if (p.direct.some((a) => overlapRatio(a.contents, g.content) >= 0.5)) continue;
      const okFor = (a: Attribution) => {
        const sp = speakerSpan(a, p.tokens);
        return overlapRatio(a.contents, g.content) >= 0.5 && (g.source ? sp !== null && intersection(sp, g.source) > 0 : sp === null);
      };
      const gs = p.groups.filter((gr) => gr.readings.some((r) => okFor(r.attribution)));
      if (gs.length === 0) {
        // Which half no reading gets right: the content (IoU ≥ 0.5) or the speaker.
        const readings = p.groups.flatMap((gr) => gr.readings.map((r) => r.attribution));
        const content = readings.some((a) => overlapRatio(a.contents, g.content) >= 0.5);
        const speaker = readings.some((a) => {
          const sp = speakerSpan(a, p.tokens);
          return intersection(a.contents, g.content) > 0 && (g.source ? sp !== null && intersection(sp, g.source) > 0 : sp === null);
        });
        inc(`no right reading: ${content ? 'a content matches' : speaker ? 'speaker right, content off' : 'neither'}`);
        continue;
      }
      const above = gs.filter((gr) => (cueScoreOf.get(gr) ?? 0) > CUE_FLOOR);
      if (above.length === 0) {
        inc('under cue floor');
        if (process.env.SHOW_FLOOR && floorShown++ < 60) {
          const r = gs[0].readings.find((x) => okFor(x.attribution)) ?? gs[0].readings[0];
          const t = p.text;
          const cue = r.attribution.cue ? t.slice(p.tokens[r.attribution.cue.tokens.start].start, p.tokens[r.attribution.cue.tokens.end - 1].end) : '-';
          const sp = r.attribution.speaker ? t.slice(p.tokens[r.attribution.speaker.start].start, p.tokens[r.attribution.speaker.end - 1].end) : '-';
          console.log(
            `FLOOR ${(cueScoreOf.get(gs[0]) ?? 0).toFixed(1)} [${sp}] <${cue}> {${r.attribution.contents
              .map((c) => t.slice(c.start, c.end))
              .join(' … ')
              .slice(0, 120)}}`,
          );
        }
        continue;
      }
      let status = 'ranked-wrong';
      for (const gr of above) {
        const b = bestReading(gr.readings);
        const sc = scoreFeatures(avg, featuresOf(gr.readings[b]));
        const ok = okFor(gr.readings[b].attribution);
        if (ok && sc > READ_THRESHOLD) status = 'found';
        else if (ok && status !== 'found') status = `right-first-under-threshold ${sc > READ_THRESHOLD - (usePA ? 1 : 5) ? 'near' : 'far'}`;
      }
      inc(status);
    }
  }
  console.log(
    [...cat]
      .sort()
      .map(([k, v]) => `${v}\t${k}`)
      .join('\n'),
  );
}
