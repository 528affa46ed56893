import type { Sentence, Token } from '../../document/segment.js';
import type { Span, TextSpan } from '../../document/span.js';
import type { TimeLexicon } from './lexicon.js';

/** A direct quote whose speech is dated in the text: times inside it are anchored on `date`. */
export interface SpeechAnchor extends Span {
  /** The speech date, `YYYY-MM-DD`. */
  date: string;
  /** The time expression that dates the speech. */
  time: TextSpan;
}

/** What the speech finder needs to know about one resolved time expression. */
export interface DatedTime extends Span {
  text: string;
  value: string;
  sentence: number;
}

// Scare quotes ("strategic depth") are short; a quote worth re-anchoring is a clause.
const MIN_QUOTE_LENGTH = 20;

/**
 * Direct-quote spans by their marks: “…” pairs, and straight "…" pairs. A quote that
 * is not closed ends at the paragraph break (news style reopens it in the next paragraph).
 * This is a light detector for anchoring only; the quotes stage does the real work.
 */
export function findQuoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let straight = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c && open < 0) {
      open = i;
      straight = false;
    } else if (c === 0x201d && open >= 0 && !straight) {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    } else if (c === 0x22) {
      if (open < 0) {
        open = i;
        straight = true;
      } else if (straight) {
        spans.push({ start: open, end: i + 1 });
        open = -1;
      }
    } else if (c === 10 && open >= 0 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) {
      spans.push({ start: open, end: i });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ start: open, end: text.length });
  return spans;
}

/**
 * Date each long quote by a day-precise time expression outside any quote in the
 * sentence that opens it, the sentence that closes it, or the sentence before it —
 * provided that sentence holds a reporting word ("wrote", "said", "expressed", …).
 * "The daily expressed fear on October 25 … “Last year, …” they wrote." dates the quote 2020-10-25.
 */
export function findSpeechAnchors(
  quotes: readonly Span[],
  times: readonly DatedTime[],
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  sentenceOf: (offset: number) => number,
  lex: TimeLexicon,
): SpeechAnchor[] {
  const anchors: SpeechAnchor[] = [];
  const inQuote = (s: Span) => quotes.some((q) => s.start >= q.start && s.end <= q.end);
  for (const q of quotes) {
    if (q.end - q.start < MIN_QUOTE_LENGTH) continue;
    const first = sentenceOf(q.start);
    const last = sentenceOf(Math.max(q.start, q.end - 1));
    if (first < 0) continue;
    const candidates = [first, last, first - 1].filter((s, k, a) => s >= 0 && a.indexOf(s) === k);
    let found: DatedTime | null = null;
    for (const s of candidates) {
      const dated = times.filter((t) => t.sentence === s && /^\d{4}-\d{2}-\d{2}/.test(t.value) && !inQuote(t));
      if (dated.length === 0) continue;
      if (!hasReportingWord(tokens, sentences[s], quotes, lex)) continue;
      // Nearest to the quote.
      dated.sort((a, b) => distance(a, q) - distance(b, q));
      found = dated[0];
      break;
    }
    if (found) anchors.push({ start: q.start, end: q.end, date: found.value.slice(0, 10), time: { start: found.start, end: found.end, text: found.text } });
  }
  return anchors;
}

function hasReportingWord(tokens: readonly Token[], s: Sentence, quotes: readonly Span[], lex: TimeLexicon): boolean {
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    const t = tokens[k];
    if (!lex.reportingVerbs.has(t.lower)) continue;
    if (quotes.some((q) => t.start >= q.start && t.end <= q.end)) continue;
    return true;
  }
  return false;
}

function distance(a: Span, b: Span): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}
