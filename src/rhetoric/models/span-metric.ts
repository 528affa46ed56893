/**
 * Partial-overlap span scores used by the PTC shared tasks:
 * - NLP4IF-2019 FLC and SemEval-2020 TC/SI: precision = Σ over predicted spans
 *   s, gold spans t (of the same technique for FLC) of |s∩t| / |s|, divided by
 *   the number of predicted spans; recall symmetric with |t| and the number of
 *   gold spans (Da San Martino et al., EMNLP 2019, "Fine-grained analysis of
 *   propaganda in news articles", §4).
 * - For span identification the technique is ignored and overlapping spans on
 *   each side are merged first, as the SemEval-2020 SI scorer does.
 */
export interface LabelledSpan {
  label: string;
  start: number;
  end: number;
}

export interface OverlapCounts {
  /** Σ |s∩t| / |s| over predicted spans. */
  precisionSum: number;
  /** Σ |s∩t| / |t| over gold spans. */
  recallSum: number;
  predicted: number;
  gold: number;
}

export function emptyCounts(): OverlapCounts {
  return { precisionSum: 0, recallSum: 0, predicted: 0, gold: 0 };
}

/** Add one document's spans to `acc`; spans match only when their labels are equal. */
export function addOverlap(acc: OverlapCounts, predicted: readonly LabelledSpan[], gold: readonly LabelledSpan[]): OverlapCounts {
  acc.predicted += predicted.length;
  acc.gold += gold.length;
  for (const s of predicted) {
    for (const t of gold) {
      if (s.label !== t.label) continue;
      const o = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      if (o <= 0) continue;
      acc.precisionSum += o / (s.end - s.start);
      acc.recallSum += o / (t.end - t.start);
    }
  }
  return acc;
}

export function f1Of(c: OverlapCounts): { precision: number; recall: number; f1: number } {
  const precision = c.predicted === 0 ? 0 : c.precisionSum / c.predicted;
  const recall = c.gold === 0 ? 0 : c.recallSum / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Merge overlapping spans of the same label (sorted output). */
export function mergeOverlapping<T extends LabelledSpan>(spans: readonly T[]): LabelledSpan[] {
  const byLabel = new Map<string, LabelledSpan[]>();
  for (const s of spans) {
    const list = byLabel.get(s.label) ?? [];
    list.push({ label: s.label, start: s.start, end: s.end });
    byLabel.set(s.label, list);
  }
  const out: LabelledSpan[] = [];
  for (const list of byLabel.values()) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    let cur: LabelledSpan | null = null;
    for (const s of list) {
      if (cur && s.start < cur.end) cur.end = Math.max(cur.end, s.end);
      else {
        cur = { ...s };
        out.push(cur);
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : 1));
}
