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
  return attributions.map((a) => {
    if (a.kind !== 'indirect' || !a.cue || a.contents.length === 0) return a;
    const first = a.contents[0];
    const f = tokenAt(tokens, first.start);
    const t = f - 1;
    if (t < a.cue.tokens.end || f >= tokens.length || tokens[f].start !== first.start) return a;
    const that = tokens[t];
    if (that.lower !== 'that' || that.sentence !== tokens[f].sentence) return a;
    return { ...a, contents: [{ start: that.start, end: first.end }, ...a.contents.slice(1)], reasons: [...a.reasons, CONTENT_WITH_THAT] };
  });
}
