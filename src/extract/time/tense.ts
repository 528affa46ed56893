import type { Sentence, Token } from '../../document/segment.js';
import type { TimeLexicon } from './lexicon.js';
import type { Tense } from './resolve.js';

/**
 * The tense of the clause around tokens `[start, end)`: the nearest tense marker in
 * the sentence wins (future: will, 'll, shall, scheduled …; past: irregular past
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
    if (lex.futureMarkers.has(w)) tense = 'future';
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
