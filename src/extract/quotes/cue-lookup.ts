import type { Token } from '../../document/segment.js';
import type { CueLikelihood } from './content-ends.js';
import { type LearnedCueIndex, learnedCueAt } from './learned-cues.js';
import type { CuePattern, QuoteLexicon, VerbForm } from './lexicon.js';

/** A reporting verb found at a token: its reading and the token range it covers (a phrasal verb covers two). */
export interface VerbCue {
  reading: VerbForm;
  start: number;
  end: number;
}

// wink-nlp tags the occasional reporting verb as something else ("says" as NOUN
// in headlines); only VERB readings count, except for "said" which is never a
// noun and is an adjective only after "the" ("the said law").
function verbal(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t.pos === 'VERB') return true;
  if (t.lower === 'said' || t.lower === 'says' || t.lower === 'told') return tokens[i - 1]?.lower !== 'the';
  return false;
}

/** The reporting verb at token `i`, or null. */
export function verbCueAt(tokens: readonly Token[], i: number, lex: QuoteLexicon): VerbCue | null {
  const readings = lex.verbs.get(tokens[i].lower);
  if (!readings || !verbal(tokens, i)) return null;
  for (const reading of readings) {
    if (reading.particle === null) return { reading, start: i, end: i + 1 };
    if (tokens[i + 1]?.lower === reading.particle) return { reading, start: i, end: i + 2 };
  }
  return null;
}

/** The longest multi-word cue pattern that starts at token `i` and stays below `hi`, or null. */
export function patternCueAt(tokens: readonly Token[], i: number, hi: number, lex: QuoteLexicon): CuePattern | null {
  const candidates = lex.patterns.get(tokens[i].lower);
  if (!candidates) return null;
  for (const p of candidates) {
    if (i + p.tokens.length > hi) continue;
    let ok = true;
    for (let k = 1; k < p.tokens.length; k++) {
      if (tokens[i + k].lower !== p.tokens[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return p;
  }
  return null;
}

/**
 * How likely the word at token `q` opens a reporting cue, for the content-end
 * ranker (content-ends.ts CueLikelihood): 3 a learned cue annotated at least
 * 0.6 of the times it occurs, 2 another learned cue, 1 a hand-lexicon verb
 * only, 0 none.
 */
export function cueLikelihood(lex: QuoteLexicon, learned: LearnedCueIndex): CueLikelihood {
  return (tokens, q, b) => {
    const l = learnedCueAt(tokens, q, b, learned);
    if (l) return l.precision >= 0.6 ? 3 : 2;
    return verbCueAt(tokens, q, lex) ? 1 : 0;
  };
}
