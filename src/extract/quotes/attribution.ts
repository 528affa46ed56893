import type { Token } from '../../document/segment.js';
import type { Span } from '../../document/span.js';
import type { Stance } from './lexicon.js';
import type { TokenRange } from './noun-phrase.js';

/**
 * What the finders produce before the stage turns it into `Quote` items: one
 * act of reporting, with one or more content parts (an interrupted or
 * multi-paragraph quotation has several), its cue and its speaker as token
 * ranges.
 */
export interface Attribution {
  kind: 'direct' | 'indirect';
  /** Content parts as character spans, in text order, without quotation marks. */
  contents: Span[];
  cue: CueHit | null;
  /** The speaker's tokens, or null (passive report, or no speaker found). */
  speaker: TokenRange | null;
  reasons: string[];
}

export interface CueHit {
  /** Token range of the cue ("said", "pointed out", "according to"). */
  tokens: TokenRange;
  lemma: string;
  stance: Stance;
}

/** Sentence-final and clause-final punctuation that content spans should not end with. */
const TRAILING = new Set(['.', '!', '?', ';', ':', ',', '”', '"', '’', "'", '»', '—', '–', '-']);

/** Character span of tokens `[from, to)`, with trailing punctuation dropped; null when empty. */
export function tokenSpan(tokens: readonly Token[], from: number, to: number): Span | null {
  while (to > from && TRAILING.has(tokens[to - 1].value)) to--;
  while (from < to && (tokens[from].value === ',' || tokens[from].value === ':' || tokens[from].value === '—')) from++;
  if (to <= from) return null;
  return { start: tokens[from].start, end: tokens[to - 1].end };
}

/** True when a line break lies between offsets `a` and `b` of `text`. */
export function lineBreakBetween(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

/** Count of word tokens in `[from, to)`. */
export function wordCount(tokens: readonly Token[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (tokens[i].kind === 'word' || tokens[i].kind === 'number') n++;
  return n;
}

/** True when `[from, to)` holds a verb or auxiliary: the content is a clause, not a phrase. */
export function hasVerb(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (tokens[i].pos === 'VERB' || tokens[i].pos === 'AUX') return true;
  return false;
}
