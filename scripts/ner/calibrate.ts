/**
 * Fit the span confidence (logistic over the Viterbi margin) on eng.testa:
 * a two-parameter logistic regression by plain gradient descent, predicting
 * whether a predicted span is exactly right.
 */
import { NER_TYPES } from '../../src/extract/entities/ner/labels.js';
import type { NerModel } from '../../src/extract/entities/ner/model.js';
import { tagEntities } from '../../src/extract/entities/ner/tag.js';
import type { ConllDocument } from './conll.js';
import { documentTokens } from './tag-conll.js';

export function fitCalibration(model: NerModel, dev: readonly ConllDocument[]): { scale: number; bias: number } {
  const saved = model.calibration;
  // With scale 1 and bias 0 the score is logistic(margin): invert it to get margins back.
  model.calibration = { scale: 1, bias: 0 };
  const xs: number[] = [];
  const ys: number[] = [];
  for (const doc of dev) {
    const { tokens, sentences } = documentTokens(doc);
    const gold = new Set<string>();
    doc.sentences.forEach((s, k) => {
      for (const g of s.spans) gold.add(`${sentences[k].tokenStart + g.start}:${sentences[k].tokenStart + g.end}:${NER_TYPES[g.type]}`);
    });
    for (const span of tagEntities(model, tokens, sentences)) {
      const p = Math.min(Math.max(span.score, 1e-12), 1 - 1e-12);
      xs.push(Math.log(p / (1 - p)));
      ys.push(gold.has(`${span.tokenStart}:${span.tokenEnd}:${span.type}`) ? 1 : 0);
    }
  }
  model.calibration = saved;
  const scaleX = Math.max(1e-9, Math.max(...xs.map(Math.abs)));
  let a = 1;
  let b = 0;
  for (let it = 0; it < 2000; it++) {
    let ga = 0;
    let gb = 0;
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k] / scaleX;
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      ga += (p - ys[k]) * x;
      gb += p - ys[k];
    }
    a -= (0.5 * ga) / xs.length;
    b -= (0.5 * gb) / xs.length;
  }
  return { scale: Math.round((a / scaleX) * 1e6) / 1e6, bias: Math.round(b * 1e4) / 1e4 };
}
