import type { Token } from '../../document/segment.js';
import { MONTH_NAMES, WEEKDAY_NAMES } from '../calendar-words.js';
import { type ClaimLexicon, FEATURES, type Feature } from './lexicon.js';

/** What the scorer knows about a unit besides its tokens. */
export interface UnitContext {
  /** The unit is the content of a quotation (someone's statement). */
  reported: boolean;
  /** Token `i` lies inside a time expression of the time stage. */
  inTime(i: number): boolean;
  /** Token `i` lies inside an entity mention of the entity stage. */
  inMention(i: number): boolean;
}

export interface Checkworthiness {
  score: number;
  /** Features that fired, in FEATURES order: the claim's `reasons`. */
  features: Feature[];
  /** Token ranges `[start, end)` of hedges and certainty markers. */
  hedges: Array<[number, number]>;
  certainty: Array<[number, number]>;
}

// Date words: a claim that names a day or month is more checkable.
const MONTHS = new Set([
  ...MONTH_NAMES,
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  ...WEEKDAY_NAMES,
  'yesterday',
  'today',
  'tomorrow',
]);
const YEAR = /^(?:1[89]|20)\d\d$/;
const DIGIT = /\d/;
const MIN_WORDS = 6;

/**
 * Check-worthiness of tokens `[from, to)`: logistic(bias + Σ weight·feature)
 * with binary features (weights and their meaning in
 * data/lexicons/claims/checkworthiness.yml). Numbers, dates, named actors doing
 * something, causes, accusations and superlatives raise it; questions,
 * first-person opinion, fragments and boilerplate lower it.
 *
 * @example a sentence with a named actor, an accusation and a cause scores ≈ 0.85
 */
export function scoreCheckworthiness(tokens: readonly Token[], from: number, to: number, lex: ClaimLexicon, unit: UnitContext): Checkworthiness {
  const on = new Set<Feature>();
  let words = 0;
  let verb = false;
  let actor = false;
  const hedges: Array<[number, number]> = [];
  const certainty: Array<[number, number]> = [];
  let hedgeEnd = from;
  let certaintyEnd = from;
  let dated = false;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t.kind === 'word' || t.kind === 'number') words++;
    if (t.pos === 'VERB' || t.pos === 'AUX') verb = true;
    if (t.kind === 'number' || (t.pos === 'NUM' && DIGIT.test(t.value))) on.add('number');
    // (once `date` is on, later tokens cannot change it: the test is skipped)
    if (!dated && (unit.inTime(i) || MONTHS.has(t.lower) || (t.kind === 'number' && YEAR.test(t.value)))) {
      // "may" is a month only when capitalised.
      if (t.lower !== 'may' || t.value === 'May') {
        on.add('date');
        dated = true;
      }
    }
    if (t.pos === 'PROPN' || unit.inMention(i)) actor = true;
    if (t.pos === 'ADJ' && t.lower.length > 5 && t.lower.endsWith('est')) on.add('superlative');
    const phrases = lex.combined.get(t.lower);
    if (!phrases) continue;
    for (const p of phrases) {
      const end = i + p.tokens.length;
      if (end > to || !matchesAt(tokens, i, p.tokens)) continue;
      if (p.tag === 'hedge') {
        if (i >= hedgeEnd) hedges.push([i, end]);
        hedgeEnd = Math.max(hedgeEnd, end);
      } else if (p.tag === 'certainty') {
        if (i >= certaintyEnd) certainty.push([i, end]);
        certaintyEnd = Math.max(certaintyEnd, end);
      } else on.add(p.tag);
    }
  }
  if (actor) on.add('named-actor');
  if (actor && verb) on.add('actor-acts');
  if (hedges.length > 0) on.add('hedge');
  if (certainty.length > 0) on.add('certainty');
  if (unit.reported) on.add('reported');
  let last = to - 1;
  while (last > from && (tokens[last].value === '”' || tokens[last].value === '"' || tokens[last].value === ')')) last--;
  if (last >= from && tokens[last].value === '?') on.add('question');
  if (words < MIN_WORDS) on.add('short');
  if (!verb) on.add('no-verb');
  let z = lex.bias;
  for (const f of on) z += lex.weights[f];
  const score = Math.round((1 / (1 + Math.exp(-z))) * 1e4) / 1e4;
  // in FEATURES order (the order `weights` was filled in)
  const features: Feature[] = [];
  for (let k = 0; k < FEATURES.length; k++) if (on.has(FEATURES[k])) features.push(FEATURES[k]);
  return { score, features, hedges, certainty };
}

function matchesAt(tokens: readonly Token[], i: number, phrase: readonly string[]): boolean {
  for (let k = 1; k < phrase.length; k++) if (tokens[i + k].lower !== phrase[k]) return false;
  return true;
}
