/**
 * Rhetoric on the Propaganda Techniques Corpus (SemEval-2020 Task 11 training
 * articles), 5-fold cross-validation split by article: sorted article ids dealt
 * round-robin into folds; each fold's model is trained (weights and decoding
 * rules) on the other four folds only, then the stage's own combination of
 * model and rules is scored on the held-out fold.
 *
 * - FLC F1: span + technique with partial-overlap credit (NLP4IF-2019 scorer).
 * - SI F1: spans only, overlapping spans merged, partial-overlap credit
 *   (SemEval-2020 Task 11 SI scorer); predicted spans are the model's `ANY` head.
 */
import path from 'node:path';
import { foldsOf } from '../../scripts/rhetoric/ptc.js';
import { ptcTrainingDocuments } from '../../scripts/rhetoric/ptc-training.js';
import { loadWink } from '../../src/pipeline/segment-stage.js';
import { combineFindings } from '../../src/rhetoric/combine.js';
import { loadLexicons } from '../../src/rhetoric/lexicon.js';
import { addOverlap, emptyCounts, f1Of, type LabelledSpan, mergeOverlapping, type OverlapCounts } from '../../src/rhetoric/models/span-metric.js';
import { decodeSpans, scoreTokens } from '../../src/rhetoric/models/span-model.js';
import { trainSpanModel } from '../../src/rhetoric/models/train-span-model.js';
import { TECHNIQUES } from '../../src/schema/analysis.js';
import type { EvalRow } from '../types.js';

const FOLDS = 5;

const row: EvalRow = {
  id: 'rhetoric-ptc',
  extractor: 'rhetoric',
  order: 60,
  title: 'PTC 5-fold CV by article',
  needs: ['eval/ptc/train-articles', 'eval/ptc/train-labels-task2-technique-classification', 'eval/ptc/train-labels-task1-span-identification'],
  async run(ctx) {
    const t0 = performance.now();
    const lex = loadLexicons(path.join(ctx.root, 'data', 'lexicons', 'rhetoric'));
    const docs = ptcTrainingDocuments(path.join(ctx.sharedDir, 'eval', 'ptc'), loadWink(), lex);
    ctx.log(`${docs.length} articles prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const folds = foldsOf(docs, FOLDS);
    const flc = emptyCounts();
    const flcModel = emptyCounts();
    const flcRules = emptyCounts();
    const si = emptyCounts();
    const siUnion = emptyCounts();
    const perTechnique = new Map<string, OverlapCounts>(TECHNIQUES.map((t) => [t, emptyCounts()]));
    const perTechniqueModel = new Map<string, OverlapCounts>(TECHNIQUES.map((t) => [t, emptyCounts()]));
    const decodeChoices: string[] = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      const t1 = performance.now();
      const model = trainSpanModel(docs.filter((_, i) => folds[i] !== fold));
      const test = docs.filter((_, i) => folds[i] === fold);
      decodeChoices.push(
        `fold ${fold + 1}: ${model.decode.map((r, k) => `${model.labels[k].slice(0, 8)}=${r.mode === 'off' ? 'off' : `${r.mode}@${r.threshold}${r.mode === 'run' ? `/gap${r.gap}${r.peak === undefined ? '' : `^${r.peak}`}` : ''}`}${r.rules ? '+rules' : ''}`).join(' ')}`,
      );
      for (const d of test) {
        const spans = decodeSpans(model, scoreTokens(model, d.feats, d.tokens), d.tokens);
        const findings = combineFindings(d.text, d.tokens, spans, d.prepared.ruleFindings, (t) => model.decode[model.labels.indexOf(t)].rules);
        const final: LabelledSpan[] = mergeOverlapping(findings.map((f) => ({ label: f.technique, start: f.start, end: f.end })));
        addOverlap(flc, final, d.gold);
        for (const t of TECHNIQUES)
          addOverlap(
            perTechnique.get(t) as OverlapCounts,
            final.filter((s) => s.label === t),
            d.gold.filter((s) => s.label === t),
          );
        const modelOnly = spans
          .filter((s) => s.label !== 'ANY')
          .map((s) => ({ label: s.label, start: d.tokens[s.tokenStart].start, end: d.tokens[s.tokenEnd - 1].end }));
        addOverlap(flcModel, modelOnly, d.gold);
        for (const t of TECHNIQUES)
          addOverlap(
            perTechniqueModel.get(t) as OverlapCounts,
            modelOnly.filter((s) => s.label === t),
            d.gold.filter((s) => s.label === t),
          );
        addOverlap(flcRules, mergeOverlapping(d.prepared.ruleFindings.map((f) => ({ label: f.technique, start: f.start, end: f.end }))), d.gold);
        const goldSi = mergeOverlapping(d.goldSi.map((s) => ({ ...s, label: 'ANY' })));
        const any = spans
          .filter((s) => s.label === 'ANY')
          .map((s) => ({ label: 'ANY', start: d.tokens[s.tokenStart].start, end: d.tokens[s.tokenEnd - 1].end }));
        addOverlap(si, mergeOverlapping(any), goldSi);
        addOverlap(siUnion, mergeOverlapping([...any, ...final.map((s) => ({ ...s, label: 'ANY' }))]), goldSi);
      }
      ctx.log(
        `fold ${fold + 1}/${FOLDS}: trained on ${docs.length - test.length}, scored ${test.length} articles in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
      );
    }
    const fmt = (c: OverlapCounts) => {
      const r = f1Of(c);
      return `P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)} F1 ${r.f1.toFixed(3)} (${c.predicted} predicted, ${c.gold} gold)`;
    };
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    return [
      {
        metric: 'FLC F1 span+technique, NLP4IF-2019 partial overlap (5-fold)',
        score: f1Of(flc).f1,
        target: 0.3,
        baselines: [{ name: 'NLP4IF-2019 best (published, test set)', score: 0.2488 }],
        details: [
          `FLC stage output (model + rules): ${fmt(flc)}`,
          `FLC model only: ${fmt(flcModel)}`,
          `FLC rules only: ${fmt(flcRules)}`,
          ...TECHNIQUES.map(
            (t) =>
              `  ${t.padEnd(36)} ${fmt(perTechnique.get(t) as OverlapCounts)} | model only F1 ${f1Of(perTechniqueModel.get(t) as OverlapCounts).f1.toFixed(3)}`,
          ),
          ...decodeChoices,
          `total time ${seconds} s`,
        ],
      },
      {
        metric: 'SI F1 spans only, SemEval-2020 partial overlap (5-fold)',
        score: f1Of(si).f1,
        target: 0.45,
        baselines: [{ name: 'SemEval-2020 SI best (published, test set)', score: 0.51 }],
        details: [`SI model ANY head: ${fmt(si)}`, `SI ANY head ∪ technique findings: ${fmt(siUnion)}`],
      },
    ];
  },
};

export default row;
