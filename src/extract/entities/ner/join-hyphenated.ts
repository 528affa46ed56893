import type { NerType } from './labels.js';

/**
 * wink-nlp splits hyphenated words ("al-Kadhimi" → "al" "-" "Kadhimi"), while
 * the CoNLL training data keeps them whole, so the tagger can return the pieces
 * of one name as separate spans. This joins same-type spans again when only
 * hyphens written without spaces (and name particles such as "al") stand between them.
 */

/** Tokens as the tagger sees them; `spaceBefore` is absent for pre-tokenised text (CoNLL), which is never joined. */
export interface JoinableToken {
  value: string;
  spaceBefore?: boolean;
}

export interface TypedTokenSpan {
  tokenStart: number;
  tokenEnd: number;
  type: NerType;
  score: number;
}

/** Hyphens that join the parts of one name (not en/em dashes, which join two names: "Iran–Iraq"). */
const HYPHENS = new Set(['-', '\u2010', '\u2011']);

/** Lower-case particles inside Arabic, Persian, Dutch, French … names ("Hadi al-Ameri", "bin Salman"). */
const PARTICLES = new Set(['al', 'el', 'ul', 'ud', 'ad', 'ash', 'as', 'at', 'az', 'ar', 'an', 'bin', 'ibn', 'bint', 'abu', 'abd', 'ben', 'bou', 'da', 'de', 'di', 'du', 'van', 'von', 'la', 'le']);

/**
 * Types whose hyphenated pieces are one name. LOC and MISC are left apart:
 * "Iran-Iraq border", "Israeli-Palestinian talks" name two things.
 */
const JOINED_TYPES: ReadonlySet<NerType> = new Set<NerType>(['PER', 'ORG']);

/** Is the gap `[from, to)` between two spans only hyphens and particles, with at least one hyphen glued to its neighbours? */
function isJoiningGap(tokens: readonly JoinableToken[], from: number, to: number): boolean {
  let gluedHyphen = false;
  for (let i = from; i <= to; i++) {
    // Every joint is spaceless, except that a particle may stand after a space ("Mustafa al-Kadhimi").
    const glued = tokens[i].spaceBefore === false;
    if (i === to) return gluedHyphen && (glued || PARTICLES.has(tokens[i - 1].value.toLowerCase()));
    const value = tokens[i].value;
    if (HYPHENS.has(value)) {
      if (!glued || tokens[i + 1]?.spaceBefore !== false) return false;
      gluedHyphen = true;
    } else if (!PARTICLES.has(value.toLowerCase())) return false;
    else if (!glued && i !== from) return false;
  }
  return false;
}

/**
 * Merge consecutive spans of a joinable type separated by a joining gap (or
 * touching without a space). The merged span keeps the lower score.
 *
 * @example
 * // tokens: Mustafa al - Kadhimi ; spans PER [0,1) and PER [3,4) → PER [0,4)
 */
export function joinHyphenatedSpans<S extends TypedTokenSpan>(spans: S[], tokens: readonly JoinableToken[]): S[] {
  if (spans.length < 2) return spans;
  const out: S[] = [spans[0]];
  for (let k = 1; k < spans.length; k++) {
    const prev = out[out.length - 1];
    const next = spans[k];
    const joinable =
      prev.type === next.type &&
      JOINED_TYPES.has(next.type) &&
      next.tokenStart >= prev.tokenEnd &&
      (next.tokenStart === prev.tokenEnd ? tokens[next.tokenStart].spaceBefore === false : isJoiningGap(tokens, prev.tokenEnd, next.tokenStart));
    if (joinable) out[out.length - 1] = { ...prev, tokenEnd: next.tokenEnd, score: Math.min(prev.score, next.score) };
    else out.push(next);
  }
  return out;
}
