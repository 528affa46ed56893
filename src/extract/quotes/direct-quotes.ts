import type { Token } from '../../document/segment.js';
import { tokenAt } from '../../document/segment.js';
import type { Span } from '../../document/span.js';
import { type Attribution, type CueHit, hasVerb, lineBreakBetween, wordCount } from './attribution.js';
import { verbCueAt } from './cue-lookup.js';
import type { QuoteLexicon } from './lexicon.js';
import { phraseStartingAt, skipVerbPrefixLeft, subjectEndingAt, type TokenRange } from './noun-phrase.js';
import type { QuotedSpan } from './quote-marks.js';

/** The outcome for every group of quoted spans: a quotation, or a scare quote / title. */
export interface DirectQuoteResult {
  quotes: Attribution[];
  /** Quoted spans that are not quotations: no cue, too short or not a clause. */
  unattributed: Span[];
  /** Token indices of cues already used by a direct quote. */
  usedCues: Set<number>;
}

const MARKS = new Set(['“', '”', '"', '„', '«', '»']);
const STOP = new Set(['.', '!', '?', ';']);
// Characters just inside a closing mark that let an attribution follow ("…,” he said).
const HANDOFF = new Set([',', '?', '!', '—', '–', '…', '-']);
const AFTER_WINDOW = 20;
const BEFORE_WINDOW = 10;

interface Spoken {
  speaker: TokenRange;
  cue: CueHit | null;
  end: number;
  attribution: Attribution;
}

interface CueFound {
  cue: CueHit;
  speaker: TokenRange | null;
  reason: string;
}

/**
 * Attribute each group of quoted spans (a multi-paragraph quotation is one
 * group) to the reporting cue right after its closing mark ("…,” they wrote) or
 * right before its opening mark (he said: “…”). Groups without a cue become
 * quotations of the previous speaker when they read as speech (a clause of
 * several words), and scare quotes or titles otherwise.
 */
export function attributeDirectQuotes(text: string, tokens: readonly Token[], spans: readonly QuotedSpan[], lex: QuoteLexicon): DirectQuoteResult {
  const quotes: Attribution[] = [];
  const unattributed: Span[] = [];
  const usedCues = new Set<number>();
  let lastSpoken = null as Spoken | null;

  for (let g = 0; g < spans.length; ) {
    let h = g;
    while (h + 1 < spans.length && spans[h + 1].group === spans[g].group) h++;
    const first = spans[g];
    const last = spans[h];
    // The comma that hands over to the attribution ("…,” he said) is not content.
    const contents = spans.slice(g, h + 1).map((s) => ({ start: s.start, end: text[s.end - 1] === ',' && s.end - 1 > s.start ? s.end - 1 : s.end }));
    g = h + 1;

    const before = cueBefore(text, tokens, first, lex);
    const after = last.closed ? cueAfter(text, tokens, last, lex) : null;
    // A colon before the quote is the strongest signal; otherwise the cue after wins,
    // which is also what makes "“A,” he said, “B.”" give both parts the same cue.
    const found = before && (before.reason === 'direct-cue-colon' || !after) ? before : (after ?? before);
    const firstTok = tokenAt(tokens, first.start);
    const lastTok = tokenAt(tokens, last.end - 1) + 1;
    const words = wordCount(tokens, firstTok, lastTok);
    if (found) {
      for (let k = found.cue.tokens.start; k < found.cue.tokens.end; k++) usedCues.add(k);
      const previous = quotes[quotes.length - 1];
      if (previous?.cue && previous.cue.tokens.start === found.cue.tokens.start) {
        // "“A,” he said, “B.”": one quotation in two parts around its cue.
        previous.contents.push(...contents);
        previous.reasons.push(found.reason);
        if (lastSpoken) lastSpoken.end = last.close;
        continue;
      }
      const attribution: Attribution = { kind: 'direct', contents, cue: found.cue, speaker: found.speaker, reasons: [found.reason] };
      const openTok = tokenAt(tokens, first.open);
      const lead = openTok > 0 ? tokens[openTok - 1] : null;
      if (
        found.reason.startsWith('direct-cue-after') &&
        lead &&
        (lead.kind === 'word' || lead.kind === 'number') &&
        lead.sentence === tokens[openTok].sentence &&
        !lineBreakBetween(text, lead.end, first.open)
      ) {
        // '… remarks were “a racist comment,” Mr. Ryan said.': the quoted words finish
        // a sentence of reported speech that starts before the mark.
        const sentenceStart = tokens[sentenceFirstToken(tokens, openTok - 1)].start;
        contents[0] = { start: sentenceStart, end: contents[0].end };
        attribution.kind = 'indirect';
        attribution.reasons.push('partial-quote-in-content');
      }
      if (found.reason === 'direct-cue-before' && contents.length === 1 && last.closed) {
        // 'Sanders says “the wind is at our backs” despite his loss.': the quoted words open
        // a sentence of reported speech that goes on after the closing mark.
        const end = partialQuoteSentenceEnd(text, tokens, last);
        if (end > contents[contents.length - 1].end) {
          contents[contents.length - 1] = { start: contents[contents.length - 1].start, end };
          attribution.kind = 'indirect';
          attribution.reasons.push('partial-quote-continues');
        }
      }
      quotes.push(attribution);
      lastSpoken = found.speaker ? { speaker: found.speaker, cue: found.cue, end: last.close, attribution } : null;
      continue;
    }
    // Speech rather than a scare quote or a title: a clause, a full sentence, or long.
    const verb = hasVerb(tokens, firstTok, lastTok);
    const sentenceInside = /[.!?]/.test(text.slice(first.start, last.end));
    if ((words >= 4 && verb) || (words >= 6 && sentenceInside) || words >= 10) {
      const previous = lastSpoken as Spoken | null;
      if (previous && !lineBreakBetween(text, previous.end, first.open)) {
        // '“A,” he said. “B.”': a quotation that goes on after its cue, in the same paragraph.
        previous.attribution.contents.push(...contents);
        previous.attribution.reasons.push('direct-continues-same-paragraph');
        previous.end = last.close;
      } else if (previous && paragraphsBetween(text, previous.end, first.open) <= 2) {
        // A stand-alone quotation in the next paragraphs: the previous speaker goes on.
        const attribution: Attribution = { kind: 'direct', contents, cue: null, speaker: previous.speaker, reasons: ['direct-continues-previous-speaker'] };
        quotes.push(attribution);
        lastSpoken = { speaker: previous.speaker, cue: previous.cue, end: last.close, attribution };
      } else {
        quotes.push({ kind: 'direct', contents, cue: null, speaker: null, reasons: ['direct-no-cue'] });
      }
      continue;
    }
    for (const c of contents) unattributed.push(c);
  }
  return { quotes, unattributed, usedCues };
}

const SENTENCE_TRAILING = new Set(['.', '!', '?', ';', ':', ',', '”', '"', '’', "'", '»', ')']);

/**
 * Where the sentence that a one-part quotation ends in goes on to, when words
 * follow its closing mark in the same sentence and paragraph; else the
 * quotation's own end (-1 when there is nothing after it).
 */
function partialQuoteSentenceEnd(text: string, tokens: readonly Token[], last: QuotedSpan): number {
  const closeTok = tokenAt(tokens, last.close);
  const next = tokens[closeTok + 1];
  if (!next || (next.kind !== 'word' && next.kind !== 'number') || next.sentence !== tokens[closeTok].sentence) return -1;
  if (lineBreakBetween(text, last.close, next.start)) return -1;
  let k = closeTok + 1;
  while (k + 1 < tokens.length && tokens[k + 1].sentence === next.sentence && !lineBreakBetween(text, tokens[k].end, tokens[k + 1].start)) k++;
  while (k > closeTok && SENTENCE_TRAILING.has(tokens[k].value)) k--;
  return k > closeTok ? tokens[k].end : -1;
}

/** First token of the sentence that holds token `i`. */
function sentenceFirstToken(tokens: readonly Token[], i: number): number {
  const s = tokens[i].sentence;
  while (i > 0 && tokens[i - 1].sentence === s) i--;
  return i;
}

/** A quotation mark token, including each half of a typewriter ''. */
function isMark(text: string, t: Token): boolean {
  if (MARKS.has(t.value)) return true;
  return t.value === "'" && (text[t.start + 1] === "'" || text[t.start - 1] === "'");
}

function paragraphsBetween(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b && i < text.length; i++) {
    if (text.charCodeAt(i) === 10 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** "…,” they wrote." / "…,” said John Smith." — the cue in the few tokens after the closing mark. */
function cueAfter(text: string, tokens: readonly Token[], span: QuotedSpan, lex: QuoteLexicon): CueFound | null {
  const closeTok = tokenAt(tokens, span.close);
  if (closeTok >= tokens.length || tokens[closeTok].start !== span.close) return null;
  let k = tokenAt(tokens, span.close + span.closeLength);
  const inside = text[span.close - 1];
  let handoff = HANDOFF.has(inside);
  if (k < tokens.length && (tokens[k].value === ',' || tokens[k].value === '—')) {
    handoff = true;
    k++;
  }
  if (!handoff || k >= tokens.length) return null;
  if (lineBreakBetween(text, tokens[closeTok].end, tokens[k].start)) return null;
  const limit = Math.min(tokens.length, k + AFTER_WINDOW);
  for (let m = k; m < limit; m++) {
    const t = tokens[m];
    if (STOP.has(t.value) || isMark(text, t) || (m > k && lineBreakBetween(text, tokens[m - 1].end, t.start))) return null;
    const verb = verbCueAt(tokens, m, lex);
    // After '…,” ' any verb is the report ('“…,” Trump fired back'): the hand-off comma
    // already says the quotation is attributed; the lexicon only supplies lemma and stance.
    if (!verb && t.pos !== 'VERB') continue;
    const cue: CueHit = verb
      ? { tokens: { start: verb.start, end: verb.end }, lemma: verb.reading.lemma, stance: verb.reading.stance }
      : { tokens: { start: m, end: m + particleEnd(tokens, m) }, lemma: t.lower, stance: 'neutral' };
    const cueEnd = cue.tokens.end;
    if (m === k) {
      // Inverted: "…,” said John Smith, a spokesman.
      const sp = phraseStartingAt(tokens, cueEnd, Math.min(tokens.length, cueEnd + 16));
      return sp ? { cue, speaker: sp, reason: 'direct-cue-after-inverted' } : null;
    }
    const sp = subjectEndingAt(tokens, skipVerbPrefixLeft(tokens, m, k), k);
    if (!sp) return null;
    // Only commas (appositions) may sit between the mark and the subject.
    for (let q = k; q < sp.start; q++) if (tokens[q].value !== ',' && tokens[q].pos !== 'DET') return null;
    return { cue, speaker: sp, reason: 'direct-cue-after' };
  }
  return null;
}

/** Tokens a cue verb at `m` covers: 2 when a particle follows ("fired back", "pointed out"), else 1. */
function particleEnd(tokens: readonly Token[], m: number): number {
  const next = tokens[m + 1];
  return next && (next.lower === 'back' || next.lower === 'out' || next.lower === 'up') ? 2 : 1;
}

/** 'he said: “…' / 'X told reporters, “…' / '“A,” he said, “B.”' — the cue just before the opening mark. */
function cueBefore(text: string, tokens: readonly Token[], span: QuotedSpan, lex: QuoteLexicon): CueFound | null {
  const openTok = tokenAt(tokens, span.open);
  if (openTok >= tokens.length || tokens[openTok].start !== span.open) return null;
  let j = openTok - 1;
  if (j < 0) return null;
  const sep = tokens[j].value;
  const colon = sep === ':';
  const separated = colon || sep === ',' || tokens[j].lower === 'that';
  if (separated) j--;
  else if (lineBreakBetween(text, tokens[j].end, span.open)) return null;
  if (!colon && j >= 0 && lineBreakBetween(text, tokens[j].end, tokens[j + 1].start)) return null;
  const low = Math.max(0, j - BEFORE_WINDOW);
  for (let m = j; m >= low; m--) {
    const t = tokens[m];
    if (STOP.has(t.value) || (isMark(text, t) && m !== j)) return null;
    if (m < j && lineBreakBetween(text, t.end, tokens[m + 1].start)) return null;
    let verb = verbCueAt(tokens, m, lex);
    if (!verb && m > 0) {
      // A phrasal verb's particle ("pointed out:") is reached before its verb.
      const prev = verbCueAt(tokens, m - 1, lex);
      if (prev && prev.end === m + 1) verb = prev;
    }
    if (!verb) {
      if (t.pos === 'VERB') return null;
      continue;
    }
    // Without a colon, comma or "that", the verb must touch the mark ('said “No.”');
    // otherwise only adjuncts may stand between ('told reporters on Tuesday: “…'),
    // and a quoted phrase further on is part of reported speech ('said he was “ashamed”').
    if (!separated && verb.end !== openTok) return null;
    for (let q = verb.end; q <= j; q++) {
      const pos = tokens[q].pos;
      if (pos === 'AUX' || pos === 'VERB' || (pos === 'PRON' && !verb.reading.object)) return null;
    }
    const cue: CueHit = { tokens: { start: verb.start, end: verb.end }, lemma: verb.reading.lemma, stance: verb.reading.stance };
    const lo = sentenceLow(text, tokens, verb.start);
    let sp = subjectEndingAt(tokens, skipVerbPrefixLeft(tokens, verb.start, lo), lo);
    if (!sp) sp = phraseStartingAt(tokens, verb.end, j + 1);
    if (!sp) return null;
    return { cue, speaker: sp, reason: colon ? 'direct-cue-colon' : 'direct-cue-before' };
  }
  return null;
}

/** The first token of the stretch before `i` that a subject may reach back to: after a sentence stop, a quotation mark or a line break. */
function sentenceLow(text: string, tokens: readonly Token[], i: number): number {
  let k = i - 1;
  let n = 0;
  while (k >= 0 && n < 24) {
    const t = tokens[k];
    if (STOP.has(t.value) || isMark(text, t)) return k + 1;
    if (lineBreakBetween(text, t.end, tokens[k + 1].start)) return k + 1;
    k--;
    n++;
  }
  return k + 1;
}
