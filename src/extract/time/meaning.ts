/**
 * What a time expression means before it is anchored: the recogniser produces
 * one of these, the resolver turns it into a TIMEX3 value against an anchor.
 */
export type Rel = 'this' | 'last' | 'next' | 'bare';

/** Calendar granularities of a relative value. */
export type Gran = 'Y' | 'Q' | 'M' | 'W' | 'D';

export type Meaning =
  /** A value that needs no anchor: "1989", "P17Y", "PRESENT_REF", "October 25, 2020". */
  | { kind: 'fixed'; value: string }
  /**
   * The anchor moved by `n` units, written at granularity `gran` (default `unit`):
   * "today" (D, 0), "last year" (Y, -1), "two weeks ago" (W, -2, gran D).
   * `suffix` is appended to the value (a part of day "TEV", a clock time "T17:00", "-WE").
   * `yearAgo` marks "a year earlier" / "year-ago", which follow a quarter named just before.
   */
  | { kind: 'offset'; unit: Gran; n: number; gran?: Gran; suffix?: string; yearAgo?: boolean }
  /**
   * Narrative time: the date the text last named at granularity `unit` (or finer), moved by
   * `n` units — "that year" (0), "the following month" (+1). Without such a date, the anchor.
   */
  | { kind: 'narrative'; unit: Gran; n: number; suffix?: string }
  /**
   * A named point of a cycle: a month (with optional day), quarter, half, season or weekday,
   * placed in time by `rel` ("last October"), an explicit `year`, `yearRel` ("last year's
   * third quarter") or, for bare names, the tense of the clause.
   */
  | {
      kind: 'cycle';
      unit: 'M' | 'Q' | 'H' | 'S' | 'DOW';
      index: number;
      day?: number;
      rel: Rel;
      year?: number;
      yearRel?: number;
      suffix?: string;
    };

/** Season codes in cycle order (spring first; winter belongs to the year its December is in). */
export const SEASON_CODES = ['SP', 'SU', 'FA', 'WI'] as const;
