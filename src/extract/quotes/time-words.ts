import { MONTH_NAMES, WEEKDAY_NAMES } from '../calendar-words.js';

/**
 * Time words that the subject walk may take for a noun phrase ("Sanders on
 * Saturday criticized", "Tuesday said"): a speaker is rarely one of them.
 */

/** Heads of time phrases that sit between a subject and its verb ("who last year threatened"): the subject is before them. */
export const TIME_PHRASE_HEADS: ReadonlySet<string> = new Set([
  ...WEEKDAY_NAMES,
  'today',
  'yesterday',
  'tonight',
  'year',
  'week',
  'month',
  'night',
  'morning',
  'afternoon',
  'evening',
  'day',
  'time',
  'weekend',
  'ago',
]);

/**
 * Every word of a time phrase between a subject and its verb ('Priebus later Thursday told'),
 * for the direct-quote rules' walk past it. (`subjectAcrossAdjunct` in noun-phrase.ts steps over
 * one head or one preposition only; the learned readings are trained with that one.)
 */
export const TIME_PHRASE_WORDS: ReadonlySet<string> = new Set([...TIME_PHRASE_HEADS, 'on', 'last', 'this', 'early', 'earlier', 'late', 'later', 'next']);

/** Heads of time expressions for the ranker's "the speaker is a time word" feature: the phrase heads, plurals, months and a few adverbs. */
export const TIME_WORDS: ReadonlySet<string> = new Set([
  ...TIME_PHRASE_HEADS,
  'days',
  'weeks',
  'months',
  'years',
  ...MONTH_NAMES,
  'earlier',
  'later',
  'recently',
  'now',
]);
