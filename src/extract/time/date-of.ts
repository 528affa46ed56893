import { sentenceAt } from '../../document/segment.js';
import type { Span, TextSpan } from '../../document/span.js';
import type { AnalysisContext } from '../../pipeline/context.js';
import type { TimeExpression } from '../../schema/analysis.js';

export interface DateOf {
  /** TIMEX3 value of the governing date, the publication date, or null. */
  value: string | null;
  dateSource: 'text' | 'speech' | 'publication' | 'none';
  /** The time expression that gave the date, when it came from the text. */
  time?: TextSpan;
}

// A calendar value (not a duration, set or vague *_REF): something an event can be placed at.
const CALENDAR = /^\d{4}(?:$|-)/;
// Prepositions that attach a time to the clause it follows or opens.
const ATTACH = new Set(['on', 'in', 'at', 'since', 'during', 'by', 'until', 'from', 'before', 'after', 'throughout']);

/**
 * The date that governs the clause holding `span`, for the event coder:
 * 1. a DATE/TIME expression with a calendar value in the same sentence — one attached
 *    by a preposition ("on October 25") is preferred, then the nearest to the span;
 * 2. else, inside a quote dated by the text ("On October 25 Keyhan wrote: “…”"), the speech date;
 * 3. else the publication date (`dateSource: 'publication'`), else `{ value: null, dateSource: 'none' }`.
 *
 * @example dateOf(ctx, trigger) // { value: '2020-10-25', dateSource: 'text', time: { start, end, text: 'October 25' } }
 */
export function dateOf(ctx: AnalysisContext, span: Span): DateOf {
  const sentence = sentenceAt(ctx.sentences, span.start);
  const times: readonly TimeExpression[] = ctx.out.times;
  if (sentence >= 0) {
    const s = ctx.sentences[sentence];
    let best: TimeExpression | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const t of times) {
      if (t.start < s.start || t.end > s.end) continue;
      if ((t.type !== 'DATE' && t.type !== 'TIME') || !CALENDAR.test(t.value)) continue;
      const dist = t.end <= span.start ? span.start - t.end : t.start >= span.end ? t.start - span.end : 0;
      const score = dist + (attached(ctx, t) ? 0 : 1000);
      if (score < bestScore) {
        best = t;
        bestScore = score;
      }
    }
    if (best) return { value: best.value, dateSource: 'text', time: { start: best.start, end: best.end, text: best.text } };
  }
  const speech = ctx.speechAnchors?.find((q) => span.start >= q.start && span.end <= q.end);
  if (speech) return { value: speech.date, dateSource: 'speech', time: speech.time };
  if (ctx.doc.published) return { value: ctx.doc.published, dateSource: 'publication' };
  return { value: null, dateSource: 'none' };
}

function attached(ctx: AnalysisContext, t: TimeExpression): boolean {
  const text = ctx.doc.text;
  const before = text.slice(Math.max(0, t.start - 12), t.start).toLowerCase();
  const m = /([a-z]+)\s+$/.exec(before);
  return m !== null && ATTACH.has(m[1]);
}
