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
export const HYPHENS: ReadonlySet<string> = new Set(['-', '\u2010', '\u2011']);

/** Lower-case particles inside Arabic, Persian, Dutch, French … names ("Hadi al-Ameri", "bin Salman"). */
export const PARTICLES: ReadonlySet<string> = new Set([
  'al',
  'el',
  'ul',
  'ud',
  'ad',
  'ash',
  'as',
  'at',
  'az',
  'ar',
  'an',
  'bin',
  'ibn',
  'bint',
  'abu',
  'abd',
  'ben',
  'bou',
  'da',
  'de',
  'di',
  'du',
  'van',
  'von',
  'la',
  'le',
]);

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

/** Tokens as the tagger reads them, with the map back to the caller's tokens. */
export interface GluedTokens {
  values: string[];
  /** Index of the caller's first token in each glued token, plus the caller's token count at the end. */
  first: Int32Array;
  /** For each of the caller's tokens, the glued token holding it. */
  of: Int32Array;
}

/**
 * Glue "al" "-" "Kadhimi" back into the one token "al-Kadhimi" that the CoNLL
 * training text would have, when a name particle stands before a hyphen
 * written without spaces. Other hyphenated words stay split ("Iran-backed"
 * keeps "Iran" as a name of its own; "Hadi-al Ameri" is left to the span join).
 */
export function glueParticles(tokens: readonly JoinableToken[]): GluedTokens {
  const n = tokens.length;
  // Most documents glue nothing: their values are the tokens' own, and both maps are the identity.
  let glues = false;
  for (let i = 1; i + 1 < n && !glues; i++) glues = canGlueAt(tokens, i);
  if (!glues) {
    // Pushed one by one like the glued values below, not `tokens.map`: map's array has
    // another elements kind (holey), and `extract` would see two array shapes and be deoptimised.
    const values: string[] = [];
    for (let i = 0; i < n; i++) values.push(tokens[i].value);
    const first = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) first[i] = i;
    return { values, first, of: first.subarray(0, n) };
  }
  const values: string[] = [];
  const first: number[] = [];
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = i + 1;
    if (values.length > 0 && canGlueAt(tokens, i)) {
      values[values.length - 1] += tokens[i].value + tokens[h].value;
      of[i] = values.length - 1;
      of[h] = values.length - 1;
      i = h;
      continue;
    }
    of[i] = values.length;
    first.push(i);
    values.push(tokens[i].value);
  }
  first.push(n);
  return { values, first: Int32Array.from(first), of };
}

/** Is token `i` a hyphen that glues a particle before it to the word after it ("al" "-" "Kadhimi")? */
function canGlueAt(tokens: readonly JoinableToken[], i: number): boolean {
  const h = i + 1;
  return (
    i > 0 &&
    h < tokens.length &&
    // Every hyphen is one character: most tokens are ruled out without hashing their value.
    tokens[i].value.length === 1 &&
    HYPHENS.has(tokens[i].value) &&
    tokens[i].spaceBefore === false &&
    tokens[h].spaceBefore === false &&
    isWord(tokens[i - 1].value) &&
    isWord(tokens[h].value) &&
    PARTICLES.has(tokens[i - 1].value.toLowerCase())
  );
}

function isWord(value: string): boolean {
  return /^[\p{L}\p{N}]/u.test(value);
}
