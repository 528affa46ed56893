/**
 * Exact-span scoring on CoNLL-2003 documents, micro-averaged over the types the
 * issue asks for (PER, LOC, ORG). MISC is dropped on both sides: a MISC
 * prediction is neither right nor wrong, and MISC gold is not counted.
 */
import { NER_TYPES, type TypedSpan } from '../../src/extract/entities/ner/labels.js';
import type { ConllDocument } from './conll.js';

export const SCORED_TYPES = ['PER', 'LOC', 'ORG'] as const;

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
}

export interface NerScore {
  byType: Record<string, TypeScore>;
  micro: { precision: number; recall: number; f1: number };
}

/** Spans per sentence, document by document, as the tagger returned them (sentence-relative). */
export type DocumentPredictions = TypedSpan[][];

export function prf(s: TypeScore): { precision: number; recall: number; f1: number } {
  const precision = s.tp + s.fp === 0 ? 0 : s.tp / (s.tp + s.fp);
  const recall = s.tp + s.fn === 0 ? 0 : s.tp / (s.tp + s.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function scoreNer(docs: readonly ConllDocument[], predicted: readonly DocumentPredictions[]): NerScore {
  const byType: Record<string, TypeScore> = {};
  for (const t of SCORED_TYPES) byType[t] = { tp: 0, fp: 0, fn: 0 };
  const scored = new Set(SCORED_TYPES.map((t) => NER_TYPES.indexOf(t)));
  const key = (s: TypedSpan) => `${s.start}:${s.end}:${s.type}`;
  docs.forEach((doc, d) => {
    doc.sentences.forEach((sentence, k) => {
      const gold = new Set(sentence.spans.filter((s) => scored.has(s.type)).map(key));
      const pred = new Set((predicted[d][k] ?? []).filter((s) => scored.has(s.type)).map(key));
      for (const p of pred) {
        const type = NER_TYPES[Number(p.split(':')[2])];
        if (gold.has(p)) byType[type].tp++;
        else byType[type].fp++;
      }
      for (const g of gold) if (!pred.has(g)) byType[NER_TYPES[Number(g.split(':')[2])]].fn++;
    });
  });
  const total: TypeScore = { tp: 0, fp: 0, fn: 0 };
  for (const t of SCORED_TYPES) {
    total.tp += byType[t].tp;
    total.fp += byType[t].fp;
    total.fn += byType[t].fn;
  }
  return { byType, micro: prf(total) };
}

/** One line per type: `PER P=0.9120 R=0.9050 F1=0.9085 (tp/fp/fn)`. */
export function formatScore(score: NerScore): string[] {
  return SCORED_TYPES.map((t) => {
    const s = byTypeOrZero(score, t);
    const { precision, recall, f1 } = prf(s);
    return `${t} P=${precision.toFixed(4)} R=${recall.toFixed(4)} F1=${f1.toFixed(4)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
  });
}

function byTypeOrZero(score: NerScore, t: string): TypeScore {
  return score.byType[t] ?? { tp: 0, fp: 0, fn: 0 };
}
