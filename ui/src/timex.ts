// Ordering TIMEX3 values on a timeline: "2020-W44" sorts by its Monday, "2019-10"
// by its first day, so weeks, months and days interleave as they happened.

/** A sortable `YYYY-MM-DD` key for a TIMEX3 date value, or null when it is not a date. */
export function timexSortKey(value: string | null): string | null {
  if (!value) return null;
  const week = /^(\d{4})-W(\d{2})/.exec(value);
  if (week) return isoWeekMonday(Number(week[1]), Number(week[2]));
  const date = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!date) return null;
  return `${date[1]}-${date[2] ?? '01'}-${date[3] ?? '01'}`;
}

function isoWeekMonday(year: number, week: number): string {
  // ISO week 1 contains January 4th.
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  const monday = new Date(jan4 - dow * 86_400_000 + (week - 1) * 7 * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

/** Sort rows by their TIMEX date; undated rows go last, ties keep their order. */
export function byTimex<T>(rows: readonly T[], date: (row: T) => string | null): T[] {
  return rows
    .map((row, i) => ({ row, i, key: timexSortKey(date(row)) }))
    .sort((a, b) => (a.key === b.key ? a.i - b.i : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1))
    .map((x) => x.row);
}
