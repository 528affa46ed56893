/**
 * Calendar arithmetic on plain year/month/day numbers (proleptic Gregorian,
 * UTC), so that resolving "last Friday" never depends on the machine's time zone.
 */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

export function toEpochDay(t: Ymd): number {
  return Math.floor(Date.UTC(t.y, t.m - 1, t.d) / DAY_MS);
}

export function fromEpochDay(n: number): Ymd {
  const dt = new Date(n * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(t: Ymd, days: number): Ymd {
  return fromEpochDay(toEpochDay(t) + days);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(t: Ymd): number {
  const wd = new Date(Date.UTC(t.y, t.m - 1, t.d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** ISO 8601 week-numbering year and week of a day. */
export function isoWeek(t: Ymd): { year: number; week: number } {
  const wd = isoWeekday(t);
  const thursday = addDays(t, 4 - wd);
  const jan1 = toEpochDay({ y: thursday.y, m: 1, d: 1 });
  return { year: thursday.y, week: Math.floor((toEpochDay(thursday) - jan1) / 7) + 1 };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Month arithmetic as a (year, month) pair; the day is not kept. */
export function addMonths(y: number, m: number, months: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + months;
  return { y: Math.floor(idx / 12), m: (((idx % 12) + 12) % 12) + 1 };
}

export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

/** `YYYY-MM-DD` → Ymd, or null (also accepts a leading date of a date-time). */
export function parseYmd(s: string | null | undefined): Ymd | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return null;
  const t = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidDate(t.y, t.m, t.d) ? t : null;
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');
export const pad4 = (n: number): string => String(n).padStart(4, '0');

export function formatYmd(t: Ymd): string {
  return `${pad4(t.y)}-${pad2(t.m)}-${pad2(t.d)}`;
}

export function formatWeek(t: Ymd): string {
  const w = isoWeek(t);
  return `${pad4(w.year)}-W${pad2(w.week)}`;
}
