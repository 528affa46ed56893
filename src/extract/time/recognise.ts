import type { Sentence, Token } from '../../document/segment.js';
import type { TIME_MODS, TIME_TYPES } from '../../schema/analysis.js';
import type { TimeLexicon } from './lexicon.js';
import type { Gran, Meaning, Rel } from './meaning.js';

export type TimeType = (typeof TIME_TYPES)[number];
export type TimeMod = (typeof TIME_MODS)[number];

/** A recognised time expression over tokens `[startTok, endTok)`, not yet anchored. */
export interface RawTime {
  startTok: number;
  endTok: number;
  type: TimeType;
  meaning: Meaning;
  mod?: TimeMod;
  /** Stable rule ids, e.g. `time.month-day`, `time.unit-ago`. */
  reasons: string[];
  /** The first number of a range ("two" in "two to three weeks"), recognised with this expression. */
  lead?: RawTime;
}

// Words before a month or weekday that make it a date ("in May", "on Friday"), so that an
// ambiguous word ("May", "March") or one followed by a capitalised word is still read as a date.
const DATE_CONTEXT = new Set([
  'in',
  'on',
  'since',
  'until',
  'till',
  'by',
  'during',
  'from',
  'before',
  'after',
  'through',
  'to',
  'last',
  'next',
  'this',
  'early',
  'late',
  'mid',
  'of',
  'between',
  'and',
  'or',
  'until',
  'throughout',
  'that',
  'each',
  'every',
  'past',
  'coming',
  'previous',
  'following',
  ',',
  'said',
  'says',
  'late',
  'earlier',
  'later',
]);
const AM_PM = new Map([
  ['a.m.', 'am'],
  ['a.m', 'am'],
  ['am', 'am'],
  ['p.m.', 'pm'],
  ['p.m', 'pm'],
  ['pm', 'pm'],
]);
const TIME_ZONES = new Set(['est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt', 'gmt', 'utc', 'et', 'bst', 'cet', 'cest']);
const YEAR_CONTEXT = new Set([
  'in',
  'since',
  'of',
  'by',
  'until',
  'till',
  'from',
  'to',
  'during',
  'fiscal',
  'year',
  'before',
  'after',
  'around',
  'circa',
  'and',
  'through',
  '-',
  'the',
]);
const AGO_WORDS = new Set(['ago', 'earlier', 'before']);
// Words between a count and its unit: "20 more years", "eight trading days", "three straight quarters".
const COUNT_ADJECTIVES = new Set(['more', 'additional', 'further', 'trading', 'business', 'working', 'straight', 'consecutive', 'full', 'extra']);
// "twice a week", "three times a year": a frequency (SET).
const FREQUENCY_WORDS = new Set(['times', 'twice', 'once', 'thrice']);
// "$5 million a year", "700 seats a week": a rate of an amount, not a time of its own.
const AMOUNT_WORDS = new Set(['million', 'billion', 'trillion', 'thousand', 'hundred', '%', 'percent', 'dollars', 'barrels', 'tons', 'tonnes', 'cents']);
const PLURAL_CONTEXT = new Set([
  'for',
  'in',
  'over',
  'within',
  'after',
  'recent',
  'coming',
  'next',
  'past',
  'last',
  'following',
  'previous',
  'ahead',
  'those',
  'these',
  'several',
  'few',
  'many',
]);
// "in the morning", "during the afternoon": a part of the day the narrative is on.
const DAYPART_PREPOSITIONS = new Set(['in', 'during', 'by', 'until', 'through', 'throughout', 'since', 'into']);
const PARTS_OF_DAY_CODE: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', tonight: 'NI' };

/** Determiners before a unit, longest first; `rel` is how they move the anchor. */
type DetKind = 'this' | 'last' | 'next' | 'the' | 'each' | 'recent' | 'latest' | 'these' | 'full' | 'following' | 'that';
const DETS: Array<[string[], DetKind]> = [
  [['this', 'past'], 'last'],
  [['this', 'coming'], 'next'],
  [['the', 'past'], 'last'],
  [['the', 'last'], 'last'],
  [['the', 'previous'], 'last'],
  [['the', 'preceding'], 'last'],
  [['the', 'prior'], 'last'],
  [['the', 'latest'], 'latest'],
  [['the', 'most', 'recent'], 'latest'],
  [['the', 'recent'], 'recent'],
  [['the', 'next'], 'next'],
  [['the', 'coming'], 'next'],
  [['the', 'following'], 'following'],
  [['the', 'current'], 'this'],
  [['the', 'present'], 'this'],
  [['the', 'same'], 'the'],
  [['the', 'first'], 'the'],
  [['the', 'full'], 'full'],
  [['the', 'entire'], 'full'],
  [['the', 'whole'], 'full'],
  [['this'], 'this'],
  [['current'], 'this'],
  [['last'], 'last'],
  [['past'], 'last'],
  [['previous'], 'last'],
  [['latest'], 'latest'],
  [['next'], 'next'],
  [['coming'], 'next'],
  [['recent'], 'recent'],
  [['each'], 'each'],
  [['every'], 'each'],
  [['per'], 'each'],
  [['these'], 'these'],
  [['those'], 'these'],
  [['the'], 'the'],
];

interface Det {
  kind: DetKind;
  start: number;
}

/**
 * Find time expressions sentence by sentence. Only tokens in the lexicon's trigger
 * set (or shaped like a year, decade or clock time) start the matchers; each matcher
 * parses its core and then extends left (determiners, counts, modifiers) and right
 * (day, year, "ago", part of day). Matches never overlap.
 */
export function recogniseTimes(tokens: readonly Token[], sentences: readonly Sentence[], lex: TimeLexicon): RawTime[] {
  const out: RawTime[] = [];
  for (const s of sentences) {
    const m = new SentenceMatcher(tokens, s.tokenStart, s.tokenEnd, lex);
    let i = s.tokenStart;
    while (i < s.tokenEnd) {
      const hit = m.isCore(i) ? m.matchAt(i) : null;
      if (hit && hit.endTok > i) {
        // A range's first number comes first (the hit keeps its reference; nothing reads it later).
        if (hit.lead) out.push(hit.lead);
        out.push(hit);
        m.floor = hit.endTok;
        i = hit.endTok;
      } else i++;
    }
  }
  return out;
}

class SentenceMatcher {
  floor: number;
  constructor(
    private readonly t: readonly Token[],
    private readonly lo: number,
    private readonly hi: number,
    private readonly lex: TimeLexicon,
  ) {
    this.floor = lo;
  }

  /** Lower-cased token at i, or '' outside the sentence / left of the last match. */
  private w(i: number): string {
    return i >= this.floor && i < this.hi ? this.t[i].lower : '';
  }

  private v(i: number): string {
    return i >= this.floor && i < this.hi ? this.t[i].value : '';
  }

  private cap(i: number): boolean {
    const v = this.v(i);
    const c = v.charCodeAt(0);
    return c >= 65 && c <= 90;
  }

  /** "-" written without spaces between two tokens (third-quarter, five-year). */
  private hyphen(i: number): boolean {
    return this.v(i) === '-' && !this.t[i].spaceBefore && i + 1 < this.hi && !this.t[i + 1].spaceBefore;
  }

  isCore(i: number): boolean {
    const w = this.t[i].lower;
    if (this.lex.triggers.has(w) || w === 'half') return true;
    const c = w.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 39) return /^(?:\d{4}|\d{3}0'?s|'\d0s|\d{1,2}:\d{2}|\d{1,2}(?::\d{2})?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2})$/.test(w);
    return c === 109 && w.startsWith('mid-');
  }

  matchAt(i: number): RawTime | null {
    const w = this.t[i].lower;
    const lex = this.lex;
    if (lex.months.has(w)) return this.month(i);
    if (lex.weekdays.has(w) || (w.endsWith('s') && lex.weekdays.has(w.slice(0, -1)))) return this.weekday(i);
    if (lex.units.has(w)) return this.unit(i);
    if (lex.seasons.has(w)) return this.season(i);
    if (lex.holidays.has(w)) return this.holiday(i);
    if (w === 'half') return this.half(i);
    if (lex.dayParts.has(w)) return this.dayPart(i);
    if (lex.decadeWords.has(w)) return this.decadeWord(i);
    if (w.startsWith('mid-')) return this.midToken(i);
    const c = w.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 39) return this.numeric(i);
    return this.deictic(i);
  }

  // ---- small readers -------------------------------------------------------

  /** A year number at i (1000–2099). */
  private yearAt(i: number): number | null {
    const w = this.w(i);
    if (w.length !== 4 || !/^\d{4}$/.test(w)) return null;
    const y = Number(w);
    return y >= 1000 && y <= 2099 ? y : null;
  }

  /**
   * A year written out in words at i, as transcripts spell them: "nineteen ninety-six",
   * "nineteen eighty", "two thousand", "two thousand and one". Only read where a year is
   * expected (by itself after "nineteen", or after a month, "the year", "<season> of").
   */
  private spokenYearAt(i: number): { year: number; end: number } | null {
    const w = this.w(i);
    if (w === 'nineteen') {
      const tens = this.lex.numbers.get(this.w(i + 1));
      if (tens === undefined || tens < 10 || tens > 90 || (tens >= 20 && tens % 10 !== 0)) return null;
      let end = i + 2;
      let y = 1900 + tens;
      const k = this.hyphen(end) ? end + 1 : end;
      const unit = this.lex.numbers.get(this.w(k));
      if (tens >= 20 && unit !== undefined && unit >= 1 && unit <= 9 && this.w(k) !== 'a' && this.w(k) !== 'an') {
        y += unit;
        end = k + 1;
      }
      return { year: y, end };
    }
    if (w === 'two' && this.w(i + 1) === 'thousand') {
      const end = i + 2;
      const k = this.w(end) === 'and' ? end + 1 : end;
      const unit = this.lex.numbers.get(this.w(k));
      if (unit !== undefined && unit >= 1 && unit <= 19 && this.w(k) !== 'a' && this.w(k) !== 'an') return { year: 2000 + unit, end: k + 1 };
      return { year: 2000, end };
    }
    return null;
  }

  /** A year at i in digits or in words: its value and the token after it. */
  private anyYearAt(i: number): { year: number; end: number } | null {
    const y = this.yearAt(i);
    return y !== null ? { year: y, end: i + 1 } : this.spokenYearAt(i);
  }

  /**
   * "the same quarter last year", "the corresponding period last year", "the quarter a year
   * ago": the period under report one year back (resolved against the quarter in context).
   */
  private periodYearAgo(i: number): RawTime | null {
    const p = this.w(i - 1);
    let start = i;
    if (p === 'same' || p === 'corresponding' || p === 'comparable') start = i - 1;
    if (this.w(start - 1) !== 'the') return null;
    start--;
    let end: number;
    if (this.w(i + 1) === 'last' && this.w(i + 2) === 'year') end = i + 3;
    else if (this.w(i + 1) === 'a' && this.w(i + 2) === 'year' && (this.w(i + 3) === 'ago' || this.w(i + 3) === 'earlier')) end = i + 4;
    else return null;
    return this.make(start, end, 'DATE', { kind: 'offset', unit: 'Y', n: -1, yearAgo: true }, 'time.period-year-ago');
  }

  /** A day of the month at i: "25", "25th", "twenty-fifth" is not supported. */
  private dayAt(i: number): number | null {
    const w = this.w(i);
    const m = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(w);
    let d: number | null = null;
    if (m) d = Number(m[1]);
    else {
      const o = this.lex.ordinals.get(w);
      if (o !== undefined && o > 0) d = o;
    }
    if (d === null || d < 1 || d > 31) return null;
    const next = this.w(i + 1);
    // "25:" before a quotation is still a day; "10 : 30" would be a clock time.
    const clockColon = next === ':' && /^\d{2}$/.test(this.w(i + 2));
    if (clockColon || next === '%' || next === 'percent' || this.lex.units.has(next) || next === '-') return null;
    return d;
  }

  private ordinalAt(i: number): number | null {
    const w = this.w(i);
    const o = this.lex.ordinals.get(w);
    if (o !== undefined) return o;
    const m = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(w);
    return m ? Number(m[1]) : null;
  }

  /** A number word or digits at i, reading "twenty four" / "twenty-four" backwards from its last word. */
  private countEndingAt(j: number): { n: number | 'X'; start: number } | null {
    if (j < this.floor) return null;
    const w = this.w(j);
    if (/^\d+$/.test(w)) return { n: Number(w), start: j };
    if (w === 'of' && this.w(j - 1) === 'couple') return { n: 2, start: this.w(j - 2) === 'a' ? j - 2 : j - 1 };
    if (w === 'few') return { n: 'X', start: this.w(j - 1) === 'a' ? j - 1 : j };
    if (this.lex.vagueCounts.has(w)) return { n: 'X', start: j };
    const n = this.lex.numbers.get(w);
    if (n === undefined) return null;
    if (n < 10 && n > 0 && w !== 'a' && w !== 'an') {
      // "twenty four" or "twenty-four"
      const k = this.hyphen(j - 1) ? j - 2 : j - 1;
      const tens = this.lex.numbers.get(this.w(k));
      if (tens !== undefined && tens >= 20 && tens <= 90 && tens % 10 === 0) return { n: tens + n, start: k };
    }
    if (w === 'dozen' && (this.w(j - 1) === 'a' || this.w(j - 1) === 'half')) return { n: this.w(j - 1) === 'a' ? 12 : 6, start: j - 1 };
    return { n, start: j };
  }

  /**
   * The determiner ending at token `end`. "that" is only a determiner where the caller
   * says so (a bare singular unit: "that year"); elsewhere it is usually a conjunction.
   */
  private detBefore(end: number, allowThat = false): Det | null {
    if (this.w(end) === 'fiscal' || this.w(end) === 'calendar') end--; // "the current fiscal year"
    if (allowThat && this.w(end) === 'that') return { kind: 'that', start: end };
    for (const [words, kind] of DETS) {
      const s = end - words.length + 1;
      if (s < this.floor) continue;
      let ok = true;
      for (let k = 0; k < words.length && ok; k++) ok = this.w(s + k) === words[k];
      if (ok) return { kind, start: s };
    }
    return null;
  }

  /** "the beginning of", "early", "about" … before `start`; returns the widened start and the mod. */
  private modBefore(start: number, quantity: boolean): { start: number; mod?: TimeMod } {
    const a = this.w(start - 1);
    const b = this.w(start - 2);
    const c = this.w(start - 3);
    if (a === 'of') {
      const mod =
        b === 'beginning' || b === 'start' || b === 'outset' || b === 'dawn'
          ? 'START'
          : b === 'end' || b === 'close'
            ? 'END'
            : b === 'middle' || b === 'midst'
              ? 'MID'
              : undefined;
      if (mod) return { start: c === 'the' ? start - 3 : start - 2, mod };
    }
    if (a === 'early' || a === 'earlier') return { start: start - 1, mod: 'START' };
    if (a === 'late' || a === 'later') return { start: start - 1, mod: 'END' };
    if (a === 'mid' || (a === '-' && b === 'mid')) return { start: a === 'mid' ? start - 1 : start - 2, mod: 'MID' };
    if (a === 'about' || a === 'around' || a === 'approximately' || a === 'roughly' || a === 'nearly' || a === 'almost' || (quantity && a === 'some')) {
      return { start: start - 1, mod: 'APPROX' };
    }
    if (!quantity) return { start };
    if (a === 'than' && (b === 'more' || b === 'less' || b === 'fewer')) {
      if (c === 'no') return { start: start - 3, mod: b === 'more' ? 'EQUAL_OR_LESS' : 'EQUAL_OR_MORE' };
      return { start: start - 2, mod: b === 'more' ? 'MORE_THAN' : 'LESS_THAN' };
    }
    if (a === 'over') return { start: start - 1, mod: 'MORE_THAN' };
    if (a === 'under') return { start: start - 1, mod: 'LESS_THAN' };
    if (a === 'within') return { start: start - 1, mod: 'EQUAL_OR_LESS' };
    if (a === 'to' && b === 'up') return { start: start - 2, mod: 'EQUAL_OR_LESS' };
    if ((a === 'least' || a === 'most') && b === 'at') return { start: start - 2, mod: a === 'least' ? 'EQUAL_OR_MORE' : 'EQUAL_OR_LESS' };
    return { start };
  }

  /** A capitalised word after a month or weekday that makes it a name ("October Revolution", "Sunday Times"). */
  private nameFollows(i: number): boolean {
    if (i >= this.hi) return false;
    const tok = this.t[i];
    if (!this.cap(i) || tok.kind !== 'word') return false;
    const w = tok.lower;
    return !this.lex.months.has(w) && !this.lex.weekdays.has(w) && !this.lex.dayParts.has(w);
  }

  private make(start: number, end: number, type: TimeRawType, meaning: Meaning, reason: string, mod?: TimeMod, quantity = false, lead?: RawTime): RawTime {
    const m = this.modBefore(start, quantity);
    const finalMod = mod ?? m.mod;
    // Every field set here, in the interface's order (undefined when absent), and none written,
    // added or deleted later: one hidden class for every time, with fields the engine may treat
    // as constant (adding `lead` to a hit afterwards and deleting it deoptimised recogniseTimes).
    return { startTok: m.start, endTok: end, type, meaning, mod: finalMod || undefined, reasons: [reason], lead };
  }

  // ---- matchers --------------------------------------------------------------

  private month(i: number): RawTime | null {
    const w = this.t[i].lower;
    if (!this.cap(i)) return null;
    const month = this.lex.months.get(w) ?? 0;
    const md = this.monthDate(i, month);
    let { start, end } = md;
    const { day, year } = md;
    const prev = this.w(start - 1);
    const context = day !== undefined || year !== undefined || DATE_CONTEXT.has(prev);
    if (this.lex.ambiguousMonths.has(w) && !context) return null;
    if (day === undefined && year === undefined && this.nameFollows(i + 1) && !DATE_CONTEXT.has(prev)) return null;
    let rel: Rel = 'bare';
    let reason = day !== undefined ? 'time.month-day' : 'time.month';
    if (year === undefined) {
      const det = this.detBefore(start - 1);
      if (det && (det.kind === 'last' || det.kind === 'next' || det.kind === 'this')) {
        rel = det.kind;
        start = det.start;
        reason += `-${det.kind}`;
      } else if (det?.kind === 'each') {
        return this.make(det.start, end, 'SET', { kind: 'fixed', value: `XXXX-${pad(month)}${day ? `-${pad(day)}` : ''}` }, 'time.set-month');
      }
    }
    if (end < this.hi && this.w(end) === 'of' && year === undefined && this.yearAt(end + 1) !== null) end += 2;
    // "January this year", "June last year"
    let yearRel: number | undefined;
    const after = this.w(end + (this.w(end) === 'of' ? 1 : 0));
    if (
      year === undefined &&
      rel === 'bare' &&
      (after === 'this' || after === 'last' || after === 'next') &&
      this.w(end + (this.w(end) === 'of' ? 2 : 1)) === 'year'
    ) {
      yearRel = after === 'last' ? -1 : after === 'next' ? 1 : 0;
      end += this.w(end) === 'of' ? 3 : 2;
    }
    const meaning: Meaning =
      year !== undefined
        ? { kind: 'fixed', value: `${year}-${pad(month)}${day !== undefined ? `-${pad(day)}` : ''}` }
        : { kind: 'cycle', unit: 'M', index: month, day, rel, yearRel };
    const clock = this.clockAfter(end);
    if (clock && day !== undefined) {
      if (meaning.kind === 'cycle') meaning.suffix = clock.suffix;
      else meaning.value += clock.suffix;
      return this.make(start, clock.end, 'TIME', meaning, reason);
    }
    return this.make(start, end, 'DATE', meaning, reason);
  }

  /** Month at i with its day and year on either side: "October 25, 2020", "25 October", "the 25th of October". */
  private monthDate(i: number, _month: number): { start: number; end: number; day?: number; year?: number } {
    let end = i + 1;
    let start = i;
    let day: number | undefined;
    let year: number | undefined;
    const d = this.dayAt(end);
    if (d !== null) {
      day = d;
      end++;
      if (this.w(end) === ',' && this.yearAt(end + 1) !== null) {
        year = this.yearAt(end + 1) ?? undefined;
        end += 2;
      } else if (this.yearAt(end) !== null) {
        year = this.yearAt(end) ?? undefined;
        end++;
      }
    } else {
      const y = this.anyYearAt(end) ?? (this.w(end) === ',' ? this.anyYearAt(end + 1) : null);
      if (y !== null) {
        year = y.year;
        end = y.end;
      }
      const before = this.dayAt(i - 1);
      if (before !== null && /^\d/.test(this.w(i - 1))) {
        day = before;
        start = i - 1;
      } else if (this.w(i - 1) === 'of' && this.ordinalAt(i - 2) !== null && (this.ordinalAt(i - 2) ?? 0) > 0) {
        day = this.ordinalAt(i - 2) ?? undefined;
        start = this.w(i - 3) === 'the' ? i - 3 : i - 2;
      }
    }
    return { start, end, day, year };
  }

  private weekday(i: number): RawTime | null {
    const w = this.t[i].lower;
    if (!this.cap(i)) return null;
    let dow = this.lex.weekdays.get(w);
    const plural = dow === undefined;
    if (plural) dow = this.lex.weekdays.get(w.slice(0, -1)) ?? 1;
    const prev = this.w(i - 1);
    if (w.endsWith('.') && !this.lex.months.has(this.w(i + 1)) && this.w(i + 1) !== ',') return null;
    if (this.nameFollows(i + 1) && !DATE_CONTEXT.has(prev) && this.t[i - 1]?.pos !== 'VERB') return null;
    if (plural && prev !== 'on' && prev !== 'on' && !DATE_CONTEXT.has(prev)) return null;
    let end = i + 1;
    let suffix = '';
    const part = PARTS_OF_DAY_CODE[this.w(end)];
    if (part && !plural) {
      suffix = `T${part}`;
      end++;
    }
    // "Tuesday nights", "on Monday and Tuesday nights": a part of every such day (SET); the
    // first weekday of a pair takes the part the pair ends with.
    const nightsAt = (j: number) => (this.w(j).endsWith('s') ? PARTS_OF_DAY_CODE[this.w(j).slice(0, -1)] : undefined);
    let setPart = plural ? undefined : nightsAt(end);
    if (setPart) end++;
    else if (!plural && !part && (this.w(end) === 'and' || this.w(end) === 'or') && this.lex.weekdays.has(this.w(end + 1)) && this.cap(end + 1))
      setPart = nightsAt(end + 2);
    if (setPart) return this.make(i, end, 'SET', { kind: 'fixed', value: `XXXX-WXX-${dow}T${setPart}` }, 'time.set-weekday-part');
    let start = i;
    let rel: Rel = 'bare';
    const det = this.detBefore(i - 1);
    if (plural || det?.kind === 'each') {
      return this.make(det?.kind === 'each' ? det.start : i, end, 'SET', { kind: 'fixed', value: `XXXX-WXX-${dow}${suffix}` }, 'time.set-weekday');
    }
    if (det && (det.kind === 'last' || det.kind === 'next' || det.kind === 'this')) {
      rel = det.kind;
      start = det.start;
    }
    // "Friday, Oct. 30[, 1998]": the month date is the value; the weekday only confirms it.
    let j = end;
    if (this.w(j) === ',') j++;
    if (this.lex.months.has(this.w(j)) && this.cap(j)) {
      const md = this.monthDate(j, this.lex.months.get(this.w(j)) ?? 1);
      if (md.day !== undefined && md.start === j) {
        const month = this.lex.months.get(this.w(j)) ?? 1;
        const meaning: Meaning =
          md.year !== undefined
            ? { kind: 'fixed', value: `${md.year}-${pad(month)}-${pad(md.day)}${suffix}` }
            : { kind: 'cycle', unit: 'M', index: month, day: md.day, rel: 'bare', suffix: suffix || undefined };
        return this.make(start, md.end, suffix ? 'TIME' : 'DATE', meaning, 'time.weekday-month-day');
      }
    }
    const clock = this.clockAfter(end);
    if (clock) {
      suffix = clock.suffix;
      end = clock.end;
    }
    return this.make(
      start,
      end,
      suffix ? 'TIME' : 'DATE',
      { kind: 'cycle', unit: 'DOW', index: dow ?? 1, rel, suffix: suffix || undefined },
      `time.weekday${rel === 'bare' ? '' : `-${rel}`}`,
    );
  }

  /** "at 10:30 a.m." / "at noon" after a day expression. */
  private clockAfter(j: number): { suffix: string; end: number } | null {
    const at = this.w(j) === 'at' ? j + 1 : this.w(j) === ',' && this.w(j + 1) === 'at' ? j + 2 : -1;
    if (at < 0) return null;
    const c = this.clockAt(at);
    return c ? { suffix: c.suffix, end: c.end } : null;
  }

  /** A clock time at i: "10:30", "10:30 a.m.", "5 p.m.", "12:30pm", "noon", "midnight" (+ time zone). */
  private clockAt(i: number): { suffix: string; end: number } | null {
    const w = this.w(i);
    let h: number;
    let min = 0;
    let end = i + 1;
    let hasMin = false;
    if (w === 'noon' || w === 'midday') {
      h = 12;
    } else if (w === 'midnight') {
      h = 24;
    } else {
      const m = /^(\d{1,2})(?::(\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/.exec(w);
      if (!m) return null;
      h = Number(m[1]);
      if (m[2] !== undefined) {
        min = Number(m[2]);
        hasMin = true;
      }
      let ampm = m[3] ? AM_PM.get(m[3]) : undefined;
      if (!ampm && AM_PM.has(this.w(end))) {
        ampm = AM_PM.get(this.w(end));
        end++;
      }
      if (!ampm && !hasMin) return null;
      if (!ampm && this.w(end) === "o'clock") end++;
      if (h > 24 || min > 59 || (ampm && (h < 1 || h > 12))) return null;
      if (ampm === 'pm' && h < 12) h += 12;
      if (ampm === 'am' && h === 12) h = 0;
    }
    if (TIME_ZONES.has(this.w(end))) end++;
    return { suffix: hasMin ? `T${pad(h)}:${pad(min)}` : `T${pad(h)}:00`, end };
  }

  private numeric(i: number): RawTime | null {
    const w = this.t[i].lower;
    // Clock times, with a day after them: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9".
    const clock = this.clockAt(i);
    if (clock) {
      let j = clock.end;
      if (this.w(j) === ',' || this.w(j) === 'on') j++;
      const day = this.dayAfterClock(j);
      if (day) {
        const meaning = day.meaning;
        if (meaning.kind === 'fixed') meaning.value += clock.suffix;
        else meaning.suffix = clock.suffix;
        return this.make(i, day.end, 'TIME', meaning, 'time.clock-day');
      }
      return this.make(i, clock.end, 'TIME', { kind: 'offset', unit: 'D', n: 0, suffix: clock.suffix }, 'time.clock');
    }
    // Decades and centuries written as numbers: 1980s, '80s, mid-1990s, 1900s.
    let m = /^(\d{2})00s$/.exec(w);
    if (m) return this.make(this.w(i - 1) === 'the' ? i - 1 : i, i + 1, 'DATE', { kind: 'fixed', value: m[1] }, 'time.century-digits');
    m = /^(\d{3})0'?s$/.exec(w) ?? /^'(\d)0s$/.exec(w);
    if (m) {
      const value = m[1].length === 1 ? `19${m[1]}` : m[1];
      const start = this.w(i - 1) === 'the' ? i - 1 : i;
      const early = this.w(start - 1);
      const mod = early === 'early' ? 'START' : early === 'late' ? 'END' : early === 'mid' ? 'MID' : undefined;
      const s2 = mod ? (this.w(start - 2) === 'the' ? start - 2 : start - 1) : start;
      return this.make(s2, i + 1, 'DATE', { kind: 'fixed', value }, 'time.decade', mod);
    }
    const year = this.yearAt(i);
    if (year === null) return null;
    const prev = this.w(i - 1);
    if (prev === '$' || prev === '#' || prev === '€' || prev === '£') return null;
    const next = this.w(i + 1);
    if (next === '%' || next === 'percent') return null;
    if (year < 1900 && !YEAR_CONTEXT.has(prev)) return null;
    const nextTok = this.t[i + 1];
    // "2000 troops" is a count: round numbers before a plural noun.
    if (year % 10 === 0 && nextTok && i + 1 < this.hi && nextTok.pos === 'NOUN' && !this.lex.triggers.has(next) && next.endsWith('s')) return null;
    let start = i;
    if (prev === 'fiscal' || prev === 'calendar') start = i - 1;
    else if (prev === 'year' && this.w(i - 2) === 'the') start = i - 2;
    // "1988's third quarter", "the 1988 third quarter"
    const q = this.partOfYearAfter(next === "'s" ? i + 2 : i + 1);
    if (q) {
      const s = this.w(start - 1) === 'the' ? start - 1 : start;
      return this.make(s, q.end, 'DATE', { kind: 'fixed', value: `${year}-${q.code}` }, 'time.year-quarter');
    }
    // "the 1988 quarter", "the 1988 period": in an earnings report, the quarter under report in that year.
    if (next === 'quarter' || next === 'period') {
      const s = this.w(start - 1) === 'the' ? start - 1 : start;
      return this.make(s, i + 2, 'DATE', { kind: 'fixed', value: String(year) }, 'time.year-period');
    }
    return this.make(start, i + 1, 'DATE', { kind: 'fixed', value: String(year) }, 'time.year');
  }

  /** After a clock time: a weekday, a month date, today / yesterday / tomorrow. */
  private dayAfterClock(j: number): { meaning: Meaning; end: number } | null {
    const w = this.w(j);
    if (w === 'today') return { meaning: { kind: 'offset', unit: 'D', n: 0 }, end: j + 1 };
    if (w === 'yesterday') return { meaning: { kind: 'offset', unit: 'D', n: -1 }, end: j + 1 };
    if (w === 'tomorrow') return { meaning: { kind: 'offset', unit: 'D', n: 1 }, end: j + 1 };
    const dow = this.lex.weekdays.get(w);
    if (dow !== undefined && this.cap(j)) return { meaning: { kind: 'cycle', unit: 'DOW', index: dow, rel: 'bare' }, end: j + 1 };
    const month = this.lex.months.get(w);
    if (month !== undefined && this.cap(j)) {
      const md = this.monthDate(j, month);
      if (md.day !== undefined && md.start === j) {
        const meaning: Meaning =
          md.year !== undefined
            ? { kind: 'fixed', value: `${md.year}-${pad(month)}-${pad(md.day)}` }
            : { kind: 'cycle', unit: 'M', index: month, day: md.day, rel: 'bare' };
        return { meaning, end: md.end };
      }
    }
    return null;
  }

  /** "[fiscal] third[-]quarter" / "first half" starting at j: the TIMEX3 code (Q3, H1). */
  private partOfYearAfter(j: number): { code: string; end: number } | null {
    let k = j;
    if (this.w(k) === 'fiscal') k++;
    const o = this.ordinalAt(k);
    if (o === null) return null;
    k++;
    if (this.hyphen(k)) k++;
    if (this.w(k) === 'fiscal') k++;
    const u = this.w(k);
    if (u === 'quarter' && o >= 1 && o <= 4) return { code: `Q${o}`, end: k + 1 };
    if (u === 'quarter' && o === -1) return { code: 'Q4', end: k + 1 };
    if (u === 'half' && (o === 1 || o === 2)) return { code: `H${o}`, end: k + 1 };
    if (u === 'half' && o === -1) return { code: 'H2', end: k + 1 };
    return null;
  }

  private unit(i: number): RawTime | null {
    const w = this.t[i].lower;
    const U = this.lex.units.get(w) ?? 'Y';
    const plural = w.endsWith('s');
    const next = this.w(i + 1);
    // A capitalised unit inside a sentence is a name: ABC's "This Week", "Person of the Year".
    if (this.cap(i) && i > this.lo && !/^[A-Z\s\W\d]+$/.test(this.t[i].value)) return null;
    // Ages are not times: "17-year-old", "17 years old".
    if (next === 'old' || (this.hyphen(i + 1) && this.w(i + 2) === 'old')) return null;
    if (U === 'S' && !plural && !/^\d/.test(this.w(i - 1))) return null; // "second" is usually the ordinal
    // "a quarter of the votes", "three quarters of"
    const vagueBefore = this.lex.vagueCounts.has(this.w(i - 1)) || this.w(i - 1) === 'few';
    const ofTheYear = this.w(i + 2) === 'the' && (this.w(i + 3) === 'year' || this.w(i + 3) === 'fiscal');
    if ((U === 'Q' || U === 'CE') && next === 'of' && !vagueBefore && this.yearAt(i + 2) === null && !ofTheYear) {
      if (this.ordinalAt(i - 1) === null && this.ordinalAt(i - 2) === null) return null;
    }
    if (U === 'Q' && !plural) {
      const back = this.periodYearAgo(i);
      if (back) return back;
    }
    // "last year's quarter", "last year's period": the period under report a year back.
    if (U === 'Y' && !plural && next === "'s" && (this.w(i + 2) === 'quarter' || this.w(i + 2) === 'period') && this.w(i - 1) === 'last') {
      return this.make(i - 1, i + 3, 'DATE', { kind: 'offset', unit: 'Y', n: -1, yearAgo: true }, 'time.last-years-period');
    }
    // "the year 2000", "the year two thousand", "fiscal year 1990": the year named.
    if (U === 'Y' && !plural) {
      const named = this.anyYearAt(i + 1);
      if (named) {
        let start = i;
        if (this.w(start - 1) === 'fiscal' || this.w(start - 1) === 'calendar') start--;
        if (this.w(start - 1) === 'the') start--;
        return this.make(start, named.end, 'DATE', { kind: 'fixed', value: String(named.year) }, 'time.the-year-named');
      }
    }
    // year-end, year-earlier, year-ago
    if (U === 'Y' && !plural && this.hyphen(i + 1)) {
      const after = this.w(i + 2);
      if (after === 'end') return this.make(this.w(i - 1) === 'the' ? i - 1 : i, i + 3, 'DATE', { kind: 'offset', unit: 'Y', n: 0 }, 'time.year-end', 'END');
      if (after === 'earlier' || after === 'ago') {
        let end = i + 3;
        // "the year-earlier nine months": the period is the duration named.
        const span = this.countEndingAt(end);
        const spanUnit = span && span.start === end ? this.lex.units.get(this.w(end + 1)) : undefined;
        if (span && spanUnit && span.n !== 'X' && (this.w(end + 1) === 'months' || this.w(end + 1) === 'weeks')) {
          const start = this.w(i - 1) === 'the' ? i - 1 : i;
          return this.make(start, end + 2, 'DURATION', { kind: 'fixed', value: durationValue(spanUnit, span.n) }, 'time.year-ago-span');
        }
        const q = this.partOfYearAfter(end);
        if (q) end = q.end;
        else if (this.w(end) === 'quarter' || this.w(end) === 'period') end++;
        const start = this.w(i - 1) === 'the' ? i - 1 : i;
        return this.make(start, end, 'DATE', { kind: 'offset', unit: 'Y', n: -1, yearAgo: true }, 'time.year-ago');
      }
    }
    // "year end", "year's end", "by year end"
    if (U === 'Y' && !plural && (next === 'end' || (next === "'s" && this.w(i + 2) === 'end'))) {
      const start = this.w(i - 1) === 'the' ? i - 1 : i;
      return this.make(start, next === 'end' ? i + 2 : i + 3, 'DATE', { kind: 'offset', unit: 'Y', n: 0 }, 'time.year-end', 'END');
    }
    // Ordinals: "the third quarter [of 1989]", "third-quarter", "the 20th century".
    if ((U === 'Q' || U === 'CE') && !plural) {
      let k = i - 1;
      if (this.w(k) === 'fiscal') k--;
      if (this.hyphen(k)) k--;
      const o = this.ordinalAt(k);
      if (o !== null && !(o === -1 && U === 'CE')) {
        let start = k;
        if (this.w(start - 1) === 'fiscal') start--;
        if (U === 'CE') {
          if (this.w(start - 1) === 'the') start--;
          return this.make(start, i + 1, 'DATE', { kind: 'fixed', value: pad(o - 1) }, 'time.century');
        }
        const q = o === -1 ? 4 : o;
        if (q < 1 || q > 4) return null;
        let end = i + 1;
        let year: number | undefined;
        const y = this.w(end) === 'of' ? this.yearAt(end + 1) : this.yearAt(end);
        if (y !== null) {
          year = y;
          end += this.w(end) === 'of' ? 2 : 1;
        }
        let yearRel: number | undefined;
        let rel: Rel = 'bare';
        // "this year's third quarter", "last year's fourth quarter"
        if (this.w(start - 1) === "'s" && this.w(start - 2) === 'year') {
          const d = this.w(start - 3);
          yearRel = d === 'last' ? -1 : d === 'next' ? 1 : 0;
          start -= d === 'last' || d === 'next' || d === 'this' ? 3 : 2;
        } else {
          const det = this.detBefore(start - 1);
          if (det) {
            start = det.start;
            if (det.kind === 'this') rel = 'this';
            else if (det.kind === 'next') rel = 'next';
            else if (det.kind === 'last' || det.kind === 'latest') rel = 'last';
          }
        }
        if (o === -1 && year === undefined) return this.make(start, end, 'DATE', { kind: 'offset', unit: 'Q', n: -1 }, 'time.quarter-last');
        const meaning: Meaning = year !== undefined ? { kind: 'fixed', value: `${year}-Q${q}` } : { kind: 'cycle', unit: 'Q', index: q, rel, yearRel };
        return this.make(start, end, 'DATE', meaning, 'time.quarter');
      }
    }
    // "this year's third quarter" seen from "year": let the quarter take it.
    if (U === 'Y' && next === "'s" && this.partOfYearAfter(i + 2)) {
      const q = this.partOfYearAfter(i + 2);
      const det = this.detBefore(i - 1);
      if (q && det) {
        const n = det.kind === 'last' ? -1 : det.kind === 'next' ? 1 : 0;
        const [unit, idx] = [q.code[0] === 'Q' ? 'Q' : 'H', Number(q.code[1])] as const;
        return this.make(det.start, q.end, 'DATE', { kind: 'cycle', unit, index: idx, rel: 'this', yearRel: n }, 'time.year-quarter-rel');
      }
    }
    // "20 more years", "eight trading days", "an additional year": the count sits before the adjective.
    let countEnd = this.hyphen(i - 1) ? i - 2 : i - 1;
    if (COUNT_ADJECTIVES.has(this.w(countEnd)) && this.countEndingAt(countEnd - 1)) countEnd--;
    let count = this.countEndingAt(countEnd);
    // "2 1/2 years", "two and a half hours": half a unit more.
    let halfYear = false;
    if (HALF_UNITS.has(U) && this.w(countEnd) === '1/2' && /^\d+$/.test(this.w(countEnd - 1))) {
      count = { n: Number(this.w(countEnd - 1)), start: countEnd - 1 };
      halfYear = true;
    } else if (HALF_UNITS.has(U) && this.w(countEnd) === 'half' && this.w(countEnd - 1) === 'a' && this.w(countEnd - 2) === 'and') {
      const whole = this.countEndingAt(countEnd - 3);
      if (whole && whole.n !== 'X') {
        count = whole;
        halfYear = true;
      }
    }
    let start = count ? count.start : i;
    const det = this.detBefore(start - 1, !count && !plural && !this.hyphen(i + 1));
    if (det) start = det.start;
    const dk = det?.kind;
    // Right-hand anchors: "two years ago", "a year earlier", "three days from now".
    let end = i + 1;
    // "a week or so ago"
    const approxAgo = next === 'or' && this.w(i + 2) === 'so' && AGO_WORDS.has(this.w(i + 3)) && this.w(i + 3) !== 'before';
    if (approxAgo || (AGO_WORDS.has(next) && (next !== 'before' || this.endsClause(i + 2)))) {
      end = approxAgo ? i + 4 : i + 2;
      if (!count || count.n === 'X') return this.make(start, end, 'DATE', { kind: 'fixed', value: 'PAST_REF' }, 'time.vague-ago');
      const g = toGran(U);
      if (!g) return null;
      const n = g.mult * count.n;
      const gran: Gran | undefined = g.unit === 'W' ? 'D' : undefined;
      const meaning: Meaning = { kind: 'offset', unit: g.unit, n: -n, gran };
      if (g.unit === 'Y' && n === 1) meaning.yearAgo = true;
      return this.make(start, end, 'DATE', meaning, 'time.unit-ago', undefined, !det);
    }
    if (count && count.n !== 'X' && ((next === 'from' && this.w(i + 2) === 'now') || next === 'hence')) {
      const g = toGran(U);
      if (!g) return null;
      end = next === 'hence' ? i + 2 : i + 3;
      return this.make(start, end, 'DATE', { kind: 'offset', unit: g.unit, n: g.mult * count.n }, 'time.unit-from-now', undefined, true);
    }
    if (!count) {
      // Narrative time: "that year", "the following month" are placed from the date the text
      // last named (TimeML anchors them on that time, not on the publication date).
      if ((dk === 'that' || dk === 'following') && !plural) {
        const g = toGran(U);
        // "that day" is mostly an event's day, not a calendar date the text named.
        if (g && g.mult === 1 && !(dk === 'that' && U === 'D')) {
          const n = dk === 'that' ? 0 : 1;
          return this.make(start, end, 'DATE', { kind: 'narrative', unit: g.unit, n }, `time.narrative-${dk}`);
        }
        return null;
      }
      if (dk === 'each') return this.make(start, end, 'SET', { kind: 'fixed', value: durationValue(U, 1) }, 'time.set-unit');
      // "recent years", "recent weeks": a vague duration reaching back to now (TIDES/TimeML: PXY, PXW).
      if (dk === 'recent' && plural) return this.make(start, end, 'DURATION', { kind: 'fixed', value: durationValue(U, 'X') }, 'time.recent-units');
      // "past years" without an article: an unspecified past.
      if (dk === 'last' && det && det.start === i - 1 && this.w(det.start) === 'past' && plural)
        return this.make(start, end, 'DATE', { kind: 'fixed', value: 'PAST_REF' }, 'time.past-units');
      if (dk === 'these' && U === 'D' && plural) return this.make(start, end, 'DATE', { kind: 'fixed', value: 'PRESENT_REF' }, 'time.these-days');
      if (plural) {
        if (U === 'WE' || U === 'Q') return null;
        if (!det && !PLURAL_CONTEXT.has(this.w(i - 1))) return null;
        if (dk === 'the' && this.w(i + 1) !== 'ahead' && !PLURAL_CONTEXT.has(this.w(start - 1))) return null;
        if (this.w(i + 1) === 'ahead') end++;
        return this.make(start, end, 'DURATION', { kind: 'fixed', value: durationValue(U, 'X') }, 'time.units-vague');
      }
      if (U === 'WE') {
        const n = dk === 'next' ? 1 : dk === 'this' ? 0 : -1;
        if (!det) return null;
        return this.make(start, end, 'DATE', { kind: 'offset', unit: 'W', n, suffix: '-WE' }, 'time.weekend');
      }
      const g = toGran(U);
      if (dk === 'this' && g && g.mult === 1) return this.make(start, end, 'DATE', { kind: 'offset', unit: g.unit, n: 0 }, 'time.this-unit');
      if (dk === 'full' && U === 'Y') return this.make(start, end, 'DATE', { kind: 'offset', unit: 'Y', n: 0 }, 'time.full-year');
      if ((dk === 'last' || dk === 'latest') && g && g.mult === 1 && U !== 'D') {
        if (U === 'W' || U === 'M' || U === 'Y' || U === 'Q') return this.make(start, end, 'DATE', { kind: 'offset', unit: g.unit, n: -1 }, 'time.last-unit');
      }
      if ((dk === 'last' || dk === 'latest') && (U === 'DE' || U === 'CE' || U === 'D' || U === 'H'))
        return this.make(start, end, 'DURATION', { kind: 'fixed', value: durationValue(U, 1) }, 'time.last-unit-duration');
      if (dk === 'next' && g && g.mult === 1 && (U === 'W' || U === 'M' || U === 'Y' || U === 'Q') && det && this.w(det.start) !== 'the')
        return this.make(start, end, 'DATE', { kind: 'offset', unit: g.unit, n: 1 }, 'time.next-unit');
      // "the year", "the fiscal year" (detBefore steps over "fiscal").
      if (dk === 'the' && det && (det.start === i - 1 || (det.start === i - 2 && this.w(i - 1) === 'fiscal'))) {
        if (U === 'Y') {
          // "the year ended March 31" is the twelve months up to that day (a duration);
          // "throughout the year" spans it; "for the year" in a report is the current year.
          const p = this.w(start - 1);
          const n = this.w(i + 1);
          if (n === 'ended' || n === 'ending' || p === 'throughout' || p === 'over')
            return this.make(start, end, 'DURATION', { kind: 'fixed', value: 'P1Y' }, 'time.the-year-duration');
          return this.make(start, end, 'DATE', { kind: 'offset', unit: 'Y', n: 0 }, 'time.the-year');
        }
        if (U === 'Q') return this.make(start, end, 'DATE', { kind: 'offset', unit: 'Q', n: -1 }, 'time.the-quarter');
      }
      return null;
    }
    if (U === 'WE') return null;
    // "a year" after a frequency is a SET ("twice a year"); after an amount it is a rate
    // ("$5 million a year", "four flights a week") and not marked.
    const countWord = this.w(count.start);
    if (countWord === 'a' || countWord === 'an') {
      const before = this.w(count.start - 1);
      if (FREQUENCY_WORDS.has(before)) return this.make(count.start, end, 'SET', { kind: 'fixed', value: durationValue(U, 1) }, 'time.set-rate');
      const beforeTok = count.start - 1 >= this.floor ? this.t[count.start - 1] : undefined;
      if (AMOUNT_WORDS.has(before) || /^\d/.test(before) || (beforeTok?.pos === 'NOUN' && before.endsWith('s') && !this.lex.units.has(before))) return null;
    }
    if (dk === 'each') return this.make(start, end, 'SET', { kind: 'fixed', value: durationValue(U, count.n) }, 'time.set-unit');
    if (this.w(end) === 'or' && this.w(end + 1) === 'so')
      return this.make(start, end + 2, 'DURATION', { kind: 'fixed', value: durationValue(U, count.n) }, 'time.duration', 'APPROX', !det);
    if (this.w(end) === 'running') end++;
    // "a year and a half", "a minute and a half"
    if (HALF_UNITS.has(U) && count.n !== 'X' && this.w(end) === 'and' && this.w(end + 1) === 'a' && this.w(end + 2) === 'half') {
      end += 3;
      halfYear = true;
    }
    if (halfYear && count.n !== 'X')
      return this.make(start, end, 'DURATION', { kind: 'fixed', value: durationAndHalf(U, count.n) }, 'time.duration-half', undefined, !det);
    const lead = det || count.n === 'X' ? undefined : this.rangeLead(count.start, count.n, U);
    return this.make(start, end, 'DURATION', { kind: 'fixed', value: durationValue(U, count.n) }, 'time.duration', undefined, !det, lead);
  }

  /**
   * "two to three weeks", "between two and six days", "one or two years": TimeML marks each
   * number of a range as its own duration in the unit the range ends with. The first number
   * of the range whose last count (`n`) starts at `countStart`, or undefined.
   */
  private rangeLead(countStart: number, n: number, U: string): RawTime | undefined {
    const link = this.w(countStart - 1);
    if (link !== 'to' && link !== 'or' && !(link === 'and' && this.w(countStart - 3) === 'between')) return undefined;
    const first = this.countEndingAt(countStart - 2);
    if (first && first.n !== 'X' && first.start === countStart - 2 && first.n < n && this.w(first.start) !== 'a' && this.w(first.start) !== 'an') {
      return this.make(first.start, first.start + 1, 'DURATION', { kind: 'fixed', value: durationValue(U, first.n) }, 'time.duration-range', undefined, true);
    }
    return undefined;
  }

  /** True when token j ends the clause (punctuation or the sentence end). */
  private endsClause(j: number): boolean {
    if (j >= this.hi) return true;
    const k = this.t[j].kind;
    return k === 'punctuation' && this.t[j].value !== '-';
  }

  private half(i: number): RawTime | null {
    const q = this.partOfYearAfter(this.hyphen(i - 1) ? i - 2 : i - 1);
    if (!q || q.end !== i + 1) return null;
    let start = this.hyphen(i - 1) ? i - 2 : i - 1;
    if (this.w(start - 1) === 'the') start--;
    let end = i + 1;
    const y = this.w(end) === 'of' ? this.yearAt(end + 1) : null;
    if (y !== null) end += 2;
    const idx = Number(q.code[1]);
    const meaning: Meaning = y !== null ? { kind: 'fixed', value: `${y}-${q.code}` } : { kind: 'cycle', unit: 'H', index: idx, rel: 'bare' };
    return this.make(start, end, 'DATE', meaning, 'time.half');
  }

  private season(i: number): RawTime | null {
    const w = this.t[i].lower;
    const code = this.lex.seasons.get(w) ?? 'SU';
    const index = ['SP', 'SU', 'FA', 'WI'].indexOf(code);
    const prev = this.w(i - 1);
    // "Arab Spring", "Prague Spring" are names.
    if (this.cap(i) && i > this.lo && this.cap(i - 1)) return null;
    let end = i + 1;
    let year: number | undefined;
    const digits = this.yearAt(end);
    const y = this.w(end) === 'of' ? this.anyYearAt(end + 1) : digits !== null ? { year: digits, end: end + 1 } : null;
    if (y !== null) {
      year = y.year;
      end = y.end;
    }
    const det = this.detBefore(i - 1);
    if (year === undefined && !det && !DATE_CONTEXT.has(prev)) return null;
    if (w === 'fall' && year === undefined && !det) return null;
    let rel: Rel = 'bare';
    let start = i;
    if (det) {
      start = det.start;
      if (det.kind === 'this' || det.kind === 'last' || det.kind === 'next') rel = det.kind;
      else if (det.kind !== 'the') return null;
    }
    const meaning: Meaning = year !== undefined ? { kind: 'fixed', value: `${year}-${code}` } : { kind: 'cycle', unit: 'S', index, rel };
    return this.make(start, end, 'DATE', meaning, 'time.season');
  }

  private holiday(i: number): RawTime | null {
    if (!this.cap(i)) return null;
    for (const h of this.lex.holidays.get(this.t[i].lower) ?? []) {
      let ok = true;
      for (let k = 0; k < h.words.length && ok; k++) ok = this.w(i + k) === h.words[k];
      if (!ok) continue;
      let end = i + h.words.length;
      const [mm, dd] = h.monthDay.split('-').map(Number);
      const y = this.yearAt(end);
      if (y !== null) end++;
      const meaning: Meaning = y !== null ? { kind: 'fixed', value: `${y}-${h.monthDay}` } : { kind: 'cycle', unit: 'M', index: mm, day: dd, rel: 'bare' };
      return this.make(i, end, 'DATE', meaning, 'time.holiday');
    }
    return null;
  }

  private dayPart(i: number): RawTime | null {
    const w = this.t[i].lower;
    const code = this.lex.dayParts.get(w) ?? 'NI';
    if (w === 'tonight') return this.make(i, i + 1, 'TIME', { kind: 'offset', unit: 'D', n: 0, suffix: 'TNI' }, 'time.tonight');
    const prev = this.w(i - 1);
    if (prev === 'this') return this.make(i - 1, i + 1, 'TIME', { kind: 'offset', unit: 'D', n: 0, suffix: `T${code}` }, 'time.this-daypart');
    if (prev === 'last' && w === 'night') return this.make(i - 1, i + 1, 'TIME', { kind: 'offset', unit: 'D', n: -1, suffix: 'TNI' }, 'time.last-night');
    // "late afternoon", "early morning Friday", "in the morning": a part of the day of the day
    // named after it, else of the day the narrative is on (TimeML: TIME, value <day>TMO).
    const hedged = prev === 'mid' || prev === 'early' || prev === 'late';
    const inThe = prev === 'the' && DAYPART_PREPOSITIONS.has(this.w(i - 2)) && code !== 'NI';
    if (hedged || inThe) return this.partOfDay(inThe ? i - 1 : i, i + 1, code);
    return null;
  }

  /** The part of day `code` over `[start, end)`, with a day after it ("yesterday", "Friday") when there is one. */
  private partOfDay(start: number, end: number, code: string, mod?: TimeMod): RawTime {
    const day = this.dayAfterClock(end);
    if (day) {
      if (day.meaning.kind === 'fixed') day.meaning.value += `T${code}`;
      else day.meaning.suffix = `T${code}`;
      return this.make(start, day.end, 'TIME', day.meaning, 'time.daypart-day', mod);
    }
    return this.make(start, end, 'TIME', { kind: 'narrative', unit: 'D', n: 0, suffix: `T${code}` }, 'time.daypart', mod);
  }

  private decadeWord(i: number): RawTime | null {
    const d = this.lex.decadeWords.get(this.t[i].lower) ?? 0;
    if (this.w(i - 1) !== 'the' && this.w(i - 1) !== 'early' && this.w(i - 1) !== 'late' && this.w(i - 1) !== 'mid') return null;
    if (this.w(i + 1) === 'of' || this.lex.units.has(this.w(i + 1))) return null; // "in their sixties" is an age
    const start = this.w(i - 1) === 'the' ? i - 1 : i;
    return this.make(start, i + 1, 'DATE', { kind: 'fixed', value: `19${d}` }, 'time.decade-word');
  }

  /** Single tokens "mid-November", "mid-1990s", "mid-2019". */
  private midToken(i: number): RawTime | null {
    const rest = this.t[i].lower.slice(4);
    const part = this.lex.dayParts.get(rest);
    if (part !== undefined && rest !== 'overnight' && rest !== 'tonight') return this.partOfDay(i, i + 1, part, 'MID');
    const month = this.lex.months.get(rest);
    let value: string | null = null;
    let meaning: Meaning | null = null;
    if (month !== undefined) {
      const y = this.yearAt(i + 1);
      meaning = y !== null ? { kind: 'fixed', value: `${y}-${pad(month)}` } : { kind: 'cycle', unit: 'M', index: month, rel: 'bare' };
      const start = this.w(i - 1) === 'the' ? i - 1 : i;
      return this.make(start, y !== null ? i + 2 : i + 1, 'DATE', meaning, 'time.mid-month', 'MID');
    }
    let m = /^(\d{3})0'?s$/.exec(rest);
    if (m) value = m[1];
    else if ((m = /^(\d{4})$/.exec(rest))) value = m[1];
    if (!value) return null;
    const start = this.w(i - 1) === 'the' ? i - 1 : i;
    return this.make(start, i + 1, 'DATE', { kind: 'fixed', value }, 'time.mid-decade', 'MID');
  }

  private deictic(i: number): RawTime | null {
    const w = this.t[i].lower;
    const prev = this.w(i - 1);
    switch (w) {
      case 'now':
      case 'currently':
      case 'presently':
      case 'nowadays':
        return this.make(i, i + 1, 'DATE', { kind: 'fixed', value: 'PRESENT_REF' }, `time.${w}`);
      case 'recently':
      case 'lately':
        return this.make(prev === 'more' || prev === 'most' || prev === 'until' ? i - 1 : i, i + 1, 'DATE', { kind: 'fixed', value: 'PAST_REF' }, `time.${w}`);
      case 'recent':
        // "the recent sale", "a recent filing": TimeML marks the adjective as the past (PAST_REF);
        // before a unit ("recent years") the unit matcher takes it.
        if (this.unitSoon(i) || prev === 'most' || prev === 'more') return null;
        return this.make(i, i + 1, 'DATE', { kind: 'fixed', value: 'PAST_REF' }, 'time.recent');
      case 'current':
        // "current" alone is the present ("current market conditions"); before a unit the unit matcher takes it.
        if (this.unitSoon(i) || this.w(i + 1) === 'account' || this.w(i + 1) === 'affairs') return null;
        // "the then current price": the present of a past moment.
        if (prev === 'then') return this.make(i - 1, i + 1, 'DATE', { kind: 'fixed', value: 'PAST_REF' }, 'time.then-current');
        return this.make(i, i + 1, 'DATE', { kind: 'fixed', value: 'PRESENT_REF' }, 'time.current');
      case 'nineteen': {
        const y = this.spokenYearAt(i);
        if (!y) return null;
        return this.make(i, y.end, 'DATE', { kind: 'fixed', value: String(y.year) }, 'time.spoken-year');
      }
      case 'past':
        if (prev !== 'the' || this.unitSoon(i) || this.countEndingAt(i + 1) !== null) return null;
        return this.make(i - 1, i + 1, 'DATE', { kind: 'fixed', value: 'PAST_REF' }, 'time.the-past');
      case 'future':
        if (prev === 'near' && this.w(i - 2) === 'the') return this.make(i - 2, i + 1, 'DATE', { kind: 'fixed', value: 'FUTURE_REF' }, 'time.the-future');
        if (prev !== 'the') return null;
        return this.make(i - 1, i + 1, 'DATE', { kind: 'fixed', value: 'FUTURE_REF' }, 'time.the-future');
      case 'term':
        if ((prev === 'near' || prev === 'short' || prev === 'long') && this.w(i - 2) === 'the')
          return this.make(i - 2, i + 1, 'DATE', { kind: 'fixed', value: 'FUTURE_REF' }, 'time.the-term');
        return null;
      case 'period':
        if (this.periodYearAgo(i)) return this.periodYearAgo(i);
        // "the latest period": the quarter an earnings report is about.
        if (prev === 'latest' && this.w(i - 2) === 'the') return this.make(i - 2, i + 1, 'DATE', { kind: 'offset', unit: 'Q', n: -1 }, 'time.latest-period');
        return null;
      case 'soon':
        if (prev === 'as' || this.w(i + 1) === 'after') return null;
        return this.make(i, i + 1, 'DATE', { kind: 'fixed', value: 'FUTURE_REF' }, 'time.soon');
      case 'today':
      case 'yesterday':
      case 'tomorrow': {
        const n = w === 'today' ? 0 : w === 'yesterday' ? -1 : 1;
        let end = i + 1;
        let suffix: string | undefined;
        const part = PARTS_OF_DAY_CODE[this.w(end)];
        if (part) {
          suffix = `T${part}`;
          end++;
        } else {
          const c = this.clockAfter(end);
          if (c) {
            suffix = c.suffix;
            end = c.end;
          }
        }
        return this.make(i, end, suffix ? 'TIME' : 'DATE', { kind: 'offset', unit: 'D', n, suffix }, `time.${w}`);
      }
      case 'annually':
      case 'yearly':
      case 'daily':
      case 'weekly':
      case 'monthly': {
        // Only the adverb ("they meet daily."): "the Keyhan daily" is a newspaper and
        // "daily life", "annually adjusted" are not times of their own.
        if (!this.endsClause(i + 1) || (i > this.lo && this.cap(i - 1))) return null;
        const value = { annually: 'P1Y', yearly: 'P1Y', daily: 'P1D', weekly: 'P1W', monthly: 'P1M' }[w];
        return this.make(i, i + 1, 'SET', { kind: 'fixed', value }, `time.${w}`);
      }
      case 'noon':
      case 'midnight': {
        const c = this.clockAt(i);
        if (!c) return null;
        return this.numericClock(i, c);
      }
      default:
        return null;
    }
  }

  private numericClock(i: number, clock: { suffix: string; end: number }): RawTime {
    let j = clock.end;
    if (this.w(j) === ',' || this.w(j) === 'on') j++;
    const day = this.dayAfterClock(j);
    if (day) {
      if (day.meaning.kind === 'fixed') day.meaning.value += clock.suffix;
      else day.meaning.suffix = clock.suffix;
      return this.make(i, day.end, 'TIME', day.meaning, 'time.clock-day');
    }
    return this.make(i, clock.end, 'TIME', { kind: 'offset', unit: 'D', n: 0, suffix: clock.suffix }, 'time.clock');
  }

  /** A calendar unit within the next three tokens ("recent years", "the past two weeks"). */
  private unitSoon(i: number): boolean {
    for (let k = i + 1; k <= i + 3 && k < this.hi; k++) {
      const w = this.t[k].lower;
      if (this.lex.units.has(w) || this.lex.months.has(w) || this.lex.seasons.has(w) || this.lex.weekdays.has(w)) return true;
    }
    return false;
  }
}

type TimeRawType = TimeType;

/** Calendar step for a unit code: decades and centuries move years, hours and minutes have none. */
function toGran(U: string): { unit: Gran; mult: number } | null {
  switch (U) {
    case 'Y':
    case 'M':
    case 'W':
    case 'D':
    case 'Q':
      return { unit: U, mult: 1 };
    case 'DE':
      return { unit: 'Y', mult: 10 };
    case 'CE':
      return { unit: 'Y', mult: 100 };
    case 'ML':
      return { unit: 'Y', mult: 1000 };
    default:
      return null;
  }
}

// Units whose "and a half" is written out in the next smaller unit.
const HALF_UNITS = new Set(['Y', 'D', 'H', 'MIN']);

/** TIMEX3 duration for n and a half units: P2Y6M, P1DT12H, PT1H30M, PT1M30S. */
function durationAndHalf(U: string, n: number): string {
  switch (U) {
    case 'D':
      return `P${n}DT12H`;
    case 'H':
      return `PT${n}H30M`;
    case 'MIN':
      return `PT${n}M30S`;
    default:
      return `P${n}Y6M`;
  }
}

/** TIMEX3 duration for n units (n 'X' when the count is vague). */
export function durationValue(U: string, n: number | 'X'): string {
  const num = (k: number) => (n === 'X' ? 'X' : String(n * k));
  switch (U) {
    case 'H':
      return `PT${num(1)}H`;
    case 'MIN':
      return `PT${num(1)}M`;
    case 'S':
      return `PT${num(1)}S`;
    // TimeBank writes decades, centuries and millennia as units of their own: P1E, PXC, P2L.
    case 'DE':
      return `P${num(1)}E`;
    case 'CE':
      return `P${num(1)}C`;
    case 'ML':
      return `P${num(1)}L`;
    case 'WE':
      return 'XXXX-WXX-WE';
    default:
      return `P${num(1)}${U}`;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
