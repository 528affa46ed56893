import path from 'node:path';
import { match, predictionsOf, prf } from '../../scripts/quotes/attribution-score.js';
import { readPolnear } from '../../scripts/quotes/polnear.js';
import { analyse, loadResources } from '../../src/analysis.js';
import { claimsStage } from '../../src/extract/claims/claims-stage.js';
import { quotesStage } from '../../src/extract/quotes/quotes-stage.js';
import type { Stage } from '../../src/pipeline/context.js';
import { STAGES } from '../../src/pipeline/stages.js';
import type { EvalRow } from '../types.js';

/** The pipeline up to the quotes stage (entities and time run first when registered). */
export function stagesThroughQuotes(): Stage[] {
  const at = STAGES.findIndex((s) => s.name === quotesStage.name);
  if (at >= 0) return STAGES.slice(0, at + 1);
  return [...STAGES.filter((s) => s.name !== claimsStage.name), quotesStage];
}

const row: EvalRow = {
  id: 'quotes-polnear',
  extractor: 'quotes',
  order: 40,
  title: 'PolNeAR dev attribution (content IoU≥0.5 + speaker overlaps Source)',
  needs: ['eval/polnear/dev/text', 'eval/polnear/dev/attributions'],
  async run(ctx) {
    const { articles, skipped } = readPolnear(path.join(ctx.sharedDir, 'eval', 'polnear', 'dev'));
    const stages = stagesThroughQuotes();
    const res = await loadResources({}, stages);
    let predicted = 0;
    let gold = 0;
    let content = 0;
    let right = 0;
    let noSourceGold = 0;
    let nullSpeakerPred = 0;
    const annotators = new Map<string, number>();
    for (const a of articles) {
      const analysis = analyse(a.doc, res, { stages });
      const preds = predictionsOf(analysis);
      predicted += preds.length;
      gold += a.gold.length;
      noSourceGold += a.gold.filter((g) => !g.source).length;
      nullSpeakerPred += preds.filter((p) => !p.speaker).length;
      content += match(preds, a.gold, false).length;
      right += match(preds, a.gold, true).length;
      annotators.set(a.annotator, (annotators.get(a.annotator) ?? 0) + 1);
    }
    const att = prf(right, predicted, gold);
    const con = prf(content, predicted, gold);
    const details = [
      `${articles.length} articles (first annotator alphabetically when several; skipped ${skipped.length}${skipped.length ? `: ${skipped.join(', ')}` : ''})`,
      `gold attributions ${gold} (${noSourceGold} without Source), predicted ${predicted} (${nullSpeakerPred} without speaker)`,
      `attribution right ${right}: P ${att.p.toFixed(3)} R ${att.r.toFixed(3)} F1 ${att.f.toFixed(3)}`,
      `content matched ${content}: P ${con.p.toFixed(3)} R ${con.r.toFixed(3)} F1 ${con.f.toFixed(3)}`,
    ];
    return [
      { metric: 'attribution F1', score: att.f, target: 0.65, details },
      { metric: 'content F1 (speaker ignored)', score: con.f },
    ];
  },
};

export default row;
