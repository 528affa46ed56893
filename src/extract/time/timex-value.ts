/**
 * The shapes of TIMEX3 `value` we emit (a subset of the TimeML 1.2 grammar):
 * calendar dates with X placeholders, weeks, quarters, halves, seasons, decades,
 * centuries, clock times and parts of the day, durations (decades E, centuries C and
 * millennia L as TimeBank writes them; compounds such as P2Y6M, PT1M30S), and the *_REF tokens.
 */
export const TIMEX_VALUE =
  /^(?:PRESENT_REF|PAST_REF|FUTURE_REF|P(?:(?:\d+|X)(?:Y|M|W|D|Q|H|E|C|L))+(?:T(?:(?:\d+|X)(?:H|M|S))+)?|PT(?:(?:\d+|X)(?:H|M|S))+|\d{2}|\d{3}|(?:\d{4}|XXXX)(?:-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI|W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?|(?:\d{2}|XX)(?:-(?:\d{2}|XX))?))?(?:T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI|DT))?|T\d{2}(?::\d{2})?)$/;

export function isTimexValue(value: string): boolean {
  return TIMEX_VALUE.test(value);
}
