import { addDays, addMonths, formatWeek, formatYmd, isoWeekday, isValidDate, pad2, pad4, quarterOf, toEpochDay, type Ymd } from './calendar.js';
import { type Gran, type Meaning, type Rel, SEASON_CODES } from './meaning.js';

/** The tense of the governing clause; null when the sentence gives no clue. */
export type Tense = 'past' | 'future' | null;

export interface Resolved {
  value: string;
  /** False when the value needed an anchor and none was available (it then keeps X placeholders). */
  anchored: boolean;
  /** True when the anchor was used to compute the value. */
  usedAnchor: boolean;
}

const UNANCHORED: Record<Gran, string> = { Y: 'XXXX', Q: 'XXXX-QX', M: 'XXXX-XX', W: 'XXXX-WXX', D: 'XXXX-XX-XX' };

/**
 * Turn a meaning into a TIMEX3 value. Conventions (TimeML/TempEval, news):
 * - "last October" is the most recent October strictly before the anchor's month
 *   (said in October 2020 it is 2019-10); "next October" the first strictly after.
 * - A bare weekday is the most recent one on or before the anchor, or the next one
 *   strictly after it in a future-tense clause. A bare quarter or half is the most
 *   recent one that has begun (financial reports look back).
 * - A bare month, month-day or season is the nearer of the previous and the next
 *   occurrence, the one that agrees with the clause's tense counting double
 *   ("Nov. 21" written on 1989-11-02 is 1989-11-21; "October 25" on 2020-10-28 is 2020-10-25);
 *   when the tense is that of the verb right before the date ("ended Jan. 31") it alone decides.
 * - "this October" / "this summer" / "this year's third quarter" stay in the anchor's year.
 * Without an anchor, relative values keep X placeholders (XXXX-10) and `anchored` is false.
 */
export function resolveMeaning(m: Meaning, anchor: Ymd | null, tense: Tense, strict = false): Resolved {
  if (m.kind === 'fixed') return { value: m.value, anchored: true, usedAnchor: false };
  if (m.kind === 'narrative') return resolveMeaning({ kind: 'offset', unit: m.unit, n: m.n, suffix: m.suffix }, anchor, tense);
  if (m.kind === 'offset') {
    const gran = m.gran ?? m.unit;
    if (!anchor) return { value: UNANCHORED[gran] + (m.suffix ?? ''), anchored: false, usedAnchor: false };
    return { value: offsetValue(anchor, m.unit, m.n, gran) + (m.suffix ?? ''), anchored: true, usedAnchor: true };
  }
  const suffix = m.suffix ?? '';
  let year = m.year;
  if (year === undefined && m.yearRel !== undefined && anchor) year = anchor.y + m.yearRel;
  if (year !== undefined) return { value: cycleInYear(m.unit, m.index, m.day, year) + suffix, anchored: true, usedAnchor: m.year === undefined };
  if (m.unit === 'DOW') {
    if (!anchor) return { value: `XXXX-WXX-${m.index}${suffix}`, anchored: false, usedAnchor: false };
    return { value: formatYmd(weekdayNear(anchor, m.index, m.rel, tense)) + suffix, anchored: true, usedAnchor: true };
  }
  if (!anchor || m.yearRel !== undefined) return { value: cycleInYear(m.unit, m.index, m.day, null) + suffix, anchored: false, usedAnchor: false };
  if (m.rel === 'this') return { value: cycleInYear(m.unit, m.index, m.day, anchor.y) + suffix, anchored: true, usedAnchor: true };
  if (m.unit === 'M' && m.day !== undefined) {
    return { value: formatYmd(monthDayNear(anchor, m.index, m.day, m.rel, tense, strict)) + suffix, anchored: true, usedAnchor: true };
  }
  // Cycles of n parts a year: pick the occurrence by its position in a running count.
  const perYear = m.unit === 'M' ? 12 : m.unit === 'Q' || m.unit === 'S' ? 4 : 2;
  const current = cycleIndexOf(anchor, m.unit);
  const wanted = m.unit === 'S' ? m.index : m.index - 1;
  const base = Math.floor(current / perYear) * perYear + wanted;
  let k: number;
  if (m.rel === 'last') k = base < current ? base : base - perYear;
  else if (m.rel === 'next') k = base > current ? base : base + perYear;
  else {
    const back = base <= current ? base : base - perYear;
    const fwd = base >= current ? base : base + perYear;
    if (m.unit === 'Q' || m.unit === 'H') k = back;
    else k = preferNear(current - back, fwd - current, tense, strict) === 'back' ? back : fwd;
  }
  const y = Math.floor(k / perYear);
  return { value: cycleInYear(m.unit, m.index, undefined, y) + suffix, anchored: true, usedAnchor: true };
}

/**
 * Nearer of two candidates; the one agreeing with the tense counts its distance once, the other twice.
 * `strict`: the tense is that of the verb governing the date ("the year ended Jan. 31"), so it decides.
 */
function preferNear(backDist: number, fwdDist: number, tense: Tense, strict = false): 'back' | 'fwd' {
  if (backDist === 0) return 'back';
  if (strict && tense) return tense === 'past' ? 'back' : 'fwd';
  if (fwdDist === 0) return tense === 'future' ? 'fwd' : 'back';
  const b = backDist * (tense === 'future' ? 2 : 1);
  const f = fwdDist * (tense === 'past' ? 2 : 1);
  return f < b ? 'fwd' : 'back';
}

export function offsetValue(a: Ymd, unit: Gran, n: number, gran: Gran): string {
  switch (unit) {
    case 'Y':
      return pad4(a.y + n);
    case 'Q': {
      const k = a.y * 4 + quarterOf(a.m) - 1 + n;
      return `${pad4(Math.floor(k / 4))}-Q${(k % 4) + 1}`;
    }
    case 'M': {
      const t = addMonths(a.y, a.m, n);
      if (gran === 'D') return formatYmd({ y: t.y, m: t.m, d: Math.min(a.d, 28) });
      return `${pad4(t.y)}-${pad2(t.m)}`;
    }
    case 'W': {
      const t = addDays(a, 7 * n);
      return gran === 'D' ? formatYmd(t) : formatWeek(t);
    }
    case 'D':
      return formatYmd(addDays(a, n));
  }
}

function cycleIndexOf(a: Ymd, unit: 'M' | 'Q' | 'H' | 'S'): number {
  if (unit === 'M') return a.y * 12 + a.m - 1;
  if (unit === 'Q') return a.y * 4 + quarterOf(a.m) - 1;
  if (unit === 'H') return a.y * 2 + (a.m <= 6 ? 0 : 1);
  // Seasons: Mar–May spring, Jun–Aug summer, Sep–Nov fall, Dec–Feb winter of the December's year.
  if (a.m <= 2) return (a.y - 1) * 4 + 3;
  return a.y * 4 + Math.floor((a.m - 3) / 3);
}

function cycleInYear(unit: 'M' | 'Q' | 'H' | 'S' | 'DOW', index: number, day: number | undefined, year: number | null): string {
  const y = year === null ? 'XXXX' : pad4(year);
  switch (unit) {
    case 'M':
      return day !== undefined ? `${y}-${pad2(index)}-${pad2(day)}` : `${y}-${pad2(index)}`;
    case 'Q':
      return `${y}-Q${index}`;
    case 'H':
      return `${y}-H${index}`;
    case 'S':
      return `${y}-${SEASON_CODES[index]}`;
    case 'DOW':
      return `${y}-WXX-${index}`;
  }
}

function weekdayNear(a: Ymd, dow: number, rel: Rel, tense: Tense): Ymd {
  const today = isoWeekday(a);
  if (rel === 'this') return addDays(a, dow - today);
  const back = (today - dow + 7) % 7; // 0 … 6 days back to that weekday
  if (rel === 'last') return addDays(a, -(back === 0 ? 7 : back));
  if (rel === 'next' || tense === 'future') return addDays(a, back === 0 ? 7 : 7 - back);
  // past or unknown tense: on or before the anchor
  return addDays(a, -back);
}

function monthDayNear(a: Ymd, month: number, day: number, rel: Rel, tense: Tense, strict: boolean): Ymd {
  const here = toEpochDay(a);
  let back: Ymd | null = null;
  let fwd: Ymd | null = null;
  for (const y of [a.y + 1, a.y, a.y - 1, a.y - 2, a.y - 3, a.y - 4, a.y - 5]) {
    if (!isValidDate(y, month, day)) continue; // 29 February
    const e = toEpochDay({ y, m: month, d: day });
    if (e < here || (e === here && rel !== 'last')) {
      back = { y, m: month, d: day };
      break;
    }
  }
  for (const y of [a.y - 1, a.y, a.y + 1, a.y + 2, a.y + 3, a.y + 4, a.y + 5]) {
    if (!isValidDate(y, month, day)) continue;
    const e = toEpochDay({ y, m: month, d: day });
    if (e > here || (e === here && rel !== 'next')) {
      fwd = { y, m: month, d: day };
      break;
    }
  }
  if (!back || !fwd) return back ?? fwd ?? { y: a.y, m: month, d: day };
  if (rel === 'last') return back;
  if (rel === 'next') return fwd;
  return preferNear(here - toEpochDay(back), toEpochDay(fwd) - here, tense, strict) === 'back' ? back : fwd;
}

/**
 * The calendar point a TIMEX3 value names, when it is at least as fine as `unit`
 * ("1989" serves a year, "1989-Q2" a year or quarter, "1989-04" also a month,
 * "1989-04-12" every unit); the missing parts are filled with the period's start.
 */
export function pointOf(value: string, unit: Gran): Ymd | null {
  const m = /^(\d{4})(?:-(?:Q([1-4])|(\d{2})(?:-(\d{2}))?))?(?:$|T)/.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const month = m[3] ? Number(m[3]) : m[2] ? (Number(m[2]) - 1) * 3 + 1 : null;
  const day = m[4] ? Number(m[4]) : null;
  if (unit === 'Y') return { y, m: month ?? 1, d: day ?? 1 };
  if (unit === 'Q') return month !== null ? { y, m: month, d: day ?? 1 } : null;
  if (unit === 'M') return m[3] ? { y, m: Number(m[3]), d: day ?? 1 } : null;
  return day !== null && month !== null && isValidDate(y, month, day) ? { y, m: month, d: day } : null;
}
