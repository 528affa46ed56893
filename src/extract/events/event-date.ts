import type { Span } from '../../document/span.js';
import type { AnalysisContext } from '../../pipeline/context.js';
import type { CodedEvent } from '../../schema/analysis.js';
import { dateOf } from '../time/date-of.js';

/**
 * The date of an event at `span`: the time expression that governs its clause, the
 * date of the speech it is reported in, else the publication date (the time
 * stage's `dateOf`, which says which in `dateSource`).
 */
export function eventDate(ctx: AnalysisContext, span: Span): CodedEvent['date'] {
  const d = dateOf(ctx, span);
  return d.time ? { value: d.value, dateSource: d.dateSource, time: d.time } : { value: d.value, dateSource: d.dateSource };
}

/**
 * An event dated more than a year before publication is historical background
 * ("In 2003 the IRGC founded …" in a 2020 article). Dates taken from the
 * publication date never are; a bare year counts from its last day.
 *
 * @example isHistorical({ value: '2019-10', dateSource: 'text' }, '2020-10-28') // false (within a year)
 */
export function isHistorical(date: CodedEvent['date'], published: string | null): boolean {
  if (!date?.value || !published || date.dateSource === 'publication' || date.dateSource === 'none') return false;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date.value);
  const p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(published);
  if (!m || !p) return false;
  // the latest day the value can mean: 2019 → 2019-12-31, 2019-10 → 2019-10-31
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 12;
  const day = m[3] ? Number(m[3]) : 31;
  const latest = year * 372 + (month - 1) * 31 + (day - 1);
  const pub = Number(p[1]) * 372 + (Number(p[2]) - 1) * 31 + (Number(p[3]) - 1);
  return pub - latest > 372;
}
