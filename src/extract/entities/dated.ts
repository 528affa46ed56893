import type { Dated } from '../../kb/types.js';

/**
 * Dated KB statements: `from`/`to` are ISO dates or prefixes ("2010", "2019-07").
 * A date is inside when it is not before `from` and not after `to`, compared
 * at the precision the statement gives.
 */
export function activeAt(d: Dated, date: string | null): boolean {
  if (!date) return true;
  if (d.from && date.slice(0, d.from.length) < d.from) return false;
  if (d.to && date.slice(0, d.to.length) > d.to) return false;
  return true;
}

/** The statement valid at `date`; else the open-ended one; else the latest. */
export function pickDated<T extends Dated>(items: readonly T[] | undefined, date: string | null): T | null {
  if (!items || items.length === 0) return null;
  const active = items.filter((x) => activeAt(x, date));
  if (active.length > 0) return active[active.length - 1];
  const open = items.find((x) => !x.to);
  if (open) return open;
  return [...items].sort((a, b) => (b.to ?? '').localeCompare(a.to ?? ''))[0];
}

/** "2010–2014", "since 2003", "until 1989", or "" for an undated statement. */
export function formatDates(d: Dated): string {
  const y = (s: string) => s.slice(0, 4);
  if (d.from && d.to) return y(d.from) === y(d.to) ? y(d.from) : `${y(d.from)}–${y(d.to)}`;
  if (d.from) return `since ${y(d.from)}`;
  if (d.to) return `until ${y(d.to)}`;
  return '';
}
