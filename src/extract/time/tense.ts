import type { Sentence, Token } from '../../document/segment.js';
import type { TimeLexicon } from './lexicon.js';
import type { Tense } from './resolve.js';

/**
 * The tense of the clause around tokens `[start, end)`: the nearest tense marker in
 * the sentence wins (future: will, 'll, shall, scheduled …, set/due to; past: irregular past
 * forms, verbs in -ed); null when the sentence has none.
 */
export function clauseTense(tokens: readonly Token[], sentence: Sentence, start: number, end: number, lex: TimeLexicon): Tense {
  let best: Tense = null;
  let bestDist = Number.POSITIVE_INFINITY;
  for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
    if (k >= start && k < end) continue;
    const dist = k < start ? start - k : k - end + 1;
    if (dist >= bestDist) {
      if (k >= end) break;
      continue;
    }
    const t = tokens[k];
    const w = t.lower;
    let tense: Tense | null = null;
    if (
      lex.futureMarkers.has(w) ||
      (lex.futureBeforeTo.has(w) && k + 1 < sentence.tokenEnd && tokens[k + 1].lower === 'to' && !pastBefore(tokens, k, sentence.tokenStart))
    )
      tense = 'future';
    else if (
      (lex.irregularPast.has(w) || ((t.pos === 'VERB' || t.pos === 'AUX') && w.length > 4 && w.endsWith('ed'))) &&
      !isParticiple(tokens, k, sentence.tokenStart)
    )
      tense = 'past';
    if (tense) {
      best = tense;
      bestDist = dist;
    }
  }
  return best;
}

/**
 * True when the verb right before tokens `[start, …)` (over "on" / "in") is in the past tense
 * and so governs the date: "the fiscal year ended Jan. 31", "was terminated on Sept. 27".
 */
export function pastVerbGoverns(tokens: readonly Token[], sentence: Sentence, start: number, lex: TimeLexicon): boolean {
  let k = start - 1;
  if (k >= sentence.tokenStart && (tokens[k].lower === 'on' || tokens[k].lower === 'in')) k--;
  if (k < sentence.tokenStart) return false;
  const t = tokens[k];
  const past = lex.irregularPast.has(t.lower) || ((t.pos === 'VERB' || t.pos === 'AUX') && t.lower.length > 4 && t.lower.endsWith('ed'));
  return past && !isParticiple(tokens, k, sentence.tokenStart);
}

// "will be held", "is expected", "to be signed": an -ed form after these is a participle, not a past tense.
const BEFORE_PARTICIPLE = new Set([
  'be',
  'been',
  'being',
  'is',
  'are',
  'am',
  'to',
  'will',
  "'ll",
  'would',
  'shall',
  'can',
  'may',
  'must',
  'should',
  'could',
  'get',
  'gets',
]);

function isParticiple(tokens: readonly Token[], k: number, first: number): boolean {
  for (let j = k - 1; j >= first && j >= k - 2; j--) if (BEFORE_PARTICIPLE.has(tokens[j].lower)) return true;
  return false;
}

// "had been due to expire Friday", "was set to open Monday": a future seen from the past.
const PAST_AUXILIARIES = new Set(['had', 'been', 'was', 'were']);

function pastBefore(tokens: readonly Token[], k: number, first: number): boolean {
  for (let j = k - 1; j >= first && j >= k - 2; j--) if (PAST_AUXILIARIES.has(tokens[j].lower)) return true;
  return false;
}
