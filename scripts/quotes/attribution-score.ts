/**
 * Scoring predicted quotes against PolNeAR gold attributions. A prediction (the
 * union of the content parts of one quotation) matches a gold attribution when
 * |∩| / |∪| of their contents is at least 0.5; it is right when its speaker span,
 * or a mention of its speaker entity, overlaps the gold Source (or, for gold
 * without a Source, when it has no speaker either). Matching is one-to-one,
 * greedy by overlap.
 */
import type { Span } from '../../src/document/span.js';
import type { Analysis } from '../../src/schema/analysis.js';
import { type GoldAttribution, intersection, overlapRatio } from './polnear.js';

export interface Prediction {
  id: string;
  content: Span[];
  /** The speaker span plus every mention of the speaker entity. */
  speaker: Span[] | null;
  cueText: string | null;
  speakerText: string | null;
}

export interface Counts {
  predictions: number;
  gold: number;
  contentMatched: number;
  attributionRight: number;
}

/** Group an analysis's quote items by quotation (ids `q3`, `q3.2` → `q3`). */
export function predictionsOf(analysis: Analysis): Prediction[] {
  const byId = new Map<string, Prediction>();
  for (const q of analysis.quotes) {
    const id = (q.id ?? `${q.start}`).split('.')[0];
    let p = byId.get(id);
    if (!p) {
      let speaker: Span[] | null = null;
      if (q.speaker) {
        speaker = [{ start: q.speaker.start, end: q.speaker.end }];
        const entity = q.speaker.entity ? analysis.entities.find((e) => e.id === q.speaker?.entity) : undefined;
        if (entity) for (const m of entity.mentions) speaker.push({ start: m.start, end: m.end });
      }
      p = { id, content: [], speaker, cueText: q.cue?.text ?? null, speakerText: q.speaker?.text ?? null };
      byId.set(id, p);
    }
    p.content.push({ start: q.start, end: q.end });
  }
  return [...byId.values()];
}

function speakerRight(p: Prediction, g: GoldAttribution): boolean {
  if (!g.source) return p.speaker === null;
  if (!p.speaker) return false;
  return intersection(p.speaker, g.source) > 0;
}

/** One-to-one greedy matching; returns the matched pairs. */
export function match(preds: readonly Prediction[], gold: readonly GoldAttribution[], requireSpeaker: boolean): Array<[number, number]> {
  const pairs: Array<{ p: number; g: number; r: number }> = [];
  preds.forEach((p, pi) => {
    gold.forEach((g, gi) => {
      const r = overlapRatio(p.content, g.content);
      if (r >= 0.5 && (!requireSpeaker || speakerRight(p, g))) pairs.push({ p: pi, g: gi, r });
    });
  });
  pairs.sort((x, y) => y.r - x.r || x.p - y.p || x.g - y.g);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const { p, g } of pairs) {
    if (usedP.has(p) || usedG.has(g)) continue;
    usedP.add(p);
    usedG.add(g);
    out.push([p, g]);
  }
  return out;
}

export function prf(right: number, predicted: number, gold: number): { p: number; r: number; f: number } {
  const p = predicted ? right / predicted : 0;
  const r = gold ? right / gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}
