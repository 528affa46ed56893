import { type Token, tokenAt } from '../../document/segment.js';
import type { Attribution } from './attribution.js';

/** The reason id of a content widened to its "that". */
export const CONTENT_WITH_THAT = 'content-with-that';

/**
 * The readings and the hand rules start a reported content after its
 * complementizer ("said | that the talks failed"): the features and the
 * content-end ranker look at the clause itself. PolNeAR's annotators mark the
 * "that" as part of the content (on PolNeAR train, 2,437 contents open with it,
 * 30 start right after one), so the reported span takes it back in. Only a
 * "that" after the cue and right before the content, in the same sentence.
 */
export function includeLeadingThat(tokens: readonly Token[], attributions: readonly Attribution[]): Attribution[] {
  const withThat = (a: Attribution): Attribution => {
    if (a.kind !== 'indirect' || !a.cue || a.contents.length === 0) return a;
    const first = a.contents[0];
    const f = tokenAt(tokens, first.start);
    const t = f - 1;
    if (t < a.cue.tokens.end || f >= tokens.length || tokens[f].start !== first.start) return a;
    const that = tokens[t];
    if (that.lower !== 'that' || that.sentence !== tokens[f].sentence) return a;
    // Written out rather than `{ ...a, … }` (one hidden class for every attribution: see content-ends.ts).
    return {
      kind: a.kind,
      contents: [{ start: that.start, end: first.end }, ...a.contents.slice(1)],
      cue: a.cue,
      speaker: a.speaker,
      reasons: [...a.reasons, CONTENT_WITH_THAT],
    };
  };
  // A loop rather than map() (map's arrays change elements kind between the engine's tiers: see content-ends.ts).
  const out: Attribution[] = [];
  for (const a of attributions) out.push(withThat(a));
  return out;
}
