import type { Token } from '../../document/segment.js';
import { tokenAt } from '../../document/segment.js';
import type { Span } from '../../document/span.js';
import { type Attribution, type CueHit, hasVerb, lineBreakBetween, wordCount } from './attribution.js';
import { patternCueAt, verbCueAt } from './cue-lookup.js';
import type { QuoteLexicon } from './lexicon.js';
import { phraseStartingAt, skipVerbPrefixLeft, subjectEndingAt, type TokenRange } from './noun-phrase.js';
import type { QuotedSpan } from './quote-marks.js';
import { TIME_PHRASE_HEADS, TIME_PHRASE_WORDS } from './time-words.js';

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
const AFTER_WINDOW = 24;
const INNER_CLOSE = new Set(['’', "'"]);
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'in', 'on', 'for', 'to', 'at', 'with']);
// Words that start a noun phrase but never name who speaks.
const NOT_SPEAKERS = new Set(['which', 'that', 'its', 'his', 'her', 'their', 'it', 'this']);
const SUBORDINATORS = new Set([
  'when',
  'where',
  'which',
  'who',
  'whom',
  'whose',
  'that',
  'if',
  'because',
  'while',
  'after',
  'before',
  'since',
  'although',
  'though',
  'until',
  'unless',
  'once',
]);
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
  /** Any verb after a hand-off comma ('“…,” Trump fired back'), not a reporting verb of the lexicon. */
  anyVerb?: boolean;
  /** Token where the reported clause starts, when it starts before the quotation ('said [he wants “…”]'). */
  clauseStart?: number;
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
    // A loop rather than slice().map(): map's arrays change elements kind between the
    // engine's tiers, and the code that reads `contents` would be deoptimised on their maps.
    const contents: Span[] = [];
    for (let q = g; q <= h; q++) {
      const s = spans[q];
      contents.push({ start: s.start, end: text[s.end - 1] === ',' && s.end - 1 > s.start ? s.end - 1 : s.end });
    }
    g = h + 1;

    let before = cueBefore(text, tokens, first, lex);
    if (before && before.speaker === null) {
      const previous = lastSpoken as Spoken | null;
      before = previous && !lineBreakBetween(text, previous.end, first.open) ? { ...before, speaker: previous.speaker } : null;
    }
    const after = last.closed ? cueAfter(text, tokens, last, lex) : null;
    // A colon before the quote is the strongest signal; otherwise the cue after wins,
    // which is also what makes "“A,” he said, “B.”" give both parts the same cue.
    // But a clause before a colon whose verb is not a reporting verb ('Mosman saw it differently:
    // “…,” he said.') yields to a reporting verb after the quotation.
    const colonWins = before?.reason.startsWith('direct-cue-colon') === true && !(before.reason === 'direct-cue-colon-clause' && after && !after.anyVerb);
    let found = before && (colonWins || !after) ? before : (after ?? before);
    const firstTok = tokenAt(tokens, first.start);
    const lastTok = tokenAt(tokens, last.end - 1) + 1;
    const words = wordCount(tokens, firstTok, lastTok);
    const openTok = tokenAt(tokens, first.open);
    const lead = openTok > 0 ? tokens[openTok - 1] : null;
    // Quoted words inside a sentence that started before them ('… remarks were “a racist comment,” Mr. Ryan said.').
    const midSentence =
      lead !== null &&
      (lead.kind === 'word' || lead.kind === 'number') &&
      lead.sentence === tokens[openTok].sentence &&
      !lineBreakBetween(text, lead.end, first.open);
    // There, a verb after the comma is often the sentence's next clause, not a report of the
    // quoted words ('… a “bad earpiece,” claiming he …'): only a reporting verb with a real
    // subject attributes them, and never to a title ('Speaking on ABC’s “This Week,” Carson
    // admitted that …': what he admitted comes after).
    if (
      found === after &&
      found &&
      midSentence &&
      (found.anyVerb || (found.speaker !== null && NOT_SPEAKERS.has(tokens[found.speaker.start].lower)) || isTitle(tokens, firstTok, lastTok))
    )
      found = before;
    if (found?.reason.startsWith('direct-cue-after') && found.speaker) {
      // '“…,” Sanders said, according to CNN.': the quotation comes to the reader through CNN's
      // report, and PolNeAR gives CNN as its source (12 of 13 such quotations in train).
      const report = reportAfter(tokens, found.cue.tokens.end, found.speaker, lex);
      if (report) found = { ...found, speaker: report.speaker, reason: 'direct-cue-after-according-to' };
    }
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
      // The kind is settled before the attribution is built: writing it afterwards would make
      // the field mutable for the engine and deoptimise the code that reads attributions.
      let kind: Attribution['kind'] = 'direct';
      const reasons = [found.reason];
      if (found.reason.startsWith('direct-cue-after') && lead && midSentence) {
        // '… remarks were “a racist comment,” Mr. Ryan said.': the quoted words finish
        // a sentence of reported speech that starts before the mark.
        const sentenceStart = tokens[sentenceFirstToken(tokens, openTok - 1)].start;
        contents[0] = { start: sentenceStart, end: contents[0].end };
        kind = 'indirect';
        reasons.push('partial-quote-in-content');
      }
      const opensReport = found.reason === 'direct-cue-before' || found.reason === 'direct-cue-before-participle' || found.clauseStart !== undefined;
      if (opensReport && contents.length === 1 && last.closed) {
        // 'Sanders says “the wind is at our backs” despite his loss.', '…, saying that “bombastic
        // comments” do more harm than good': the quoted words open a sentence of reported speech
        // that goes on after the closing mark.
        const end = partialQuoteSentenceEnd(text, tokens, last);
        if (end > contents[contents.length - 1].end) {
          contents[contents.length - 1] = { start: contents[contents.length - 1].start, end };
          kind = 'indirect';
          reasons.push('partial-quote-continues');
        }
      }
      if (found.clauseStart !== undefined) {
        // 'Trump said he wants “…”': the report is the whole clause, from its subject on.
        contents[0] = { start: tokens[found.clauseStart].start, end: contents[0].end };
        kind = 'indirect';
      }
      const attribution: Attribution = { kind, contents, cue: found.cue, speaker: found.speaker, reasons };
      quotes.push(attribution);
      lastSpoken = found.speaker ? { speaker: found.speaker, cue: found.cue, end: last.close, attribution } : null;
      continue;
    }
    // Speech rather than a scare quote or a title: a clause, a full sentence, or long.
    const verb = hasVerb(tokens, firstTok, lastTok);
    const sentenceInside = /[.!?]/.test(text.slice(first.start, last.end));
    const previous = lastSpoken as Spoken | null;
    // Another reporting verb between the previous quotation and this one ('…,” said Scott.
    // Bositis agreed … he said, their “…”') means someone else may speak: no continuation.
    const sameSpeaker = previous !== null && !lineBreakBetween(text, previous.end, first.open) && !cueBetween(tokens, previous, first.open, lex);
    // '“They sue,” he said. “Everybody sues, right?”': a short sentence that goes on the speech.
    const goesOn = sameSpeaker && sentenceInside && startsSentence(text, tokens, firstTok);
    if ((words >= 4 && verb) || (words >= 6 && sentenceInside) || words >= 10 || goesOn) {
      // Quoted words inside a sentence ('…, adding that Sanders is “the most trustworthy.”') are
      // reported speech with a cue of their own, not more of the previous quotation.
      if (previous && sameSpeaker && !midSentence) {
        // '“A,” he said. “B.”': a quotation that goes on after its cue, in the same paragraph.
        previous.attribution.contents.push(...contents);
        previous.attribution.reasons.push('direct-continues-same-paragraph');
        previous.end = last.close;
      } else if (previous && lineBreakBetween(text, previous.end, first.open) && paragraphsBetween(text, previous.end, first.open) <= 2) {
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

/** Up to six words, each capitalised or a short function word, and no verb: a title ('“Sunday Morning Futures”'). */
function isTitle(tokens: readonly Token[], from: number, to: number): boolean {
  let words = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind !== 'word') continue;
    if (t.pos === 'VERB' || t.pos === 'AUX' || ++words > 6) return false;
    if (!TITLE_SMALL_WORDS.has(t.lower) && t.value[0] === t.lower[0]) return false;
  }
  return words > 0;
}

/**
 * A reporting verb from the lexicon in a sentence after the previous quotation's
 * attribution and before `until`. Verbs in the attribution's own sentence belong to
 * its speaker ('…,” Clark said, noting he …', '…,” said Tom Rath, who had endorsed Kasich').
 */
function cueBetween(tokens: readonly Token[], previous: Spoken, until: number, lex: QuoteLexicon): boolean {
  let k = tokenAt(tokens, previous.end);
  const own = previous.cue ? tokens[previous.cue.tokens.start].sentence : (tokens[k]?.sentence ?? -1);
  for (; k < tokens.length && tokens[k].start < until; k++) if (tokens[k].sentence > own && verbCueAt(tokens, k, lex)) return true;
  return false;
}

/** The quotation's opening mark starts a sentence: after a stop or another quotation's closing mark. */
function startsSentence(text: string, tokens: readonly Token[], firstTok: number): boolean {
  const openTok = firstTok - 1;
  if (openTok <= 0) return true;
  const prev = tokens[openTok - 1];
  return STOP.has(prev.value) || isMark(text, prev) || tokens[openTok].sentence !== prev.sentence;
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
  // A nested quotation may close just inside: '… said, ‘We might win,’” said Friedman.'
  const inside = INNER_CLOSE.has(text[span.close - 1]) ? text[span.close - 2] : text[span.close - 1];
  let handoff = HANDOFF.has(inside);
  if (k < tokens.length && (tokens[k].value === ',' || tokens[k].value === '—')) {
    handoff = true;
    k++;
  }
  if (!handoff || k >= tokens.length) return null;
  if (lineBreakBetween(text, tokens[closeTok].end, tokens[k].start)) return null;
  const limit = Math.min(tokens.length, k + AFTER_WINDOW);
  let bracket = false;
  let relative = false;
  for (let m = k; m < limit; m++) {
    const t = tokens[m];
    // A party-and-state bracket after the name ('“…,” Sen. Chuck Roe (D-N.Y.) said'): its
    // abbreviation dots do not end the sentence.
    if (t.value === '(' && m > k) {
      const close = bracketClose(text, tokens, m);
      if (close > 0) {
        m = close;
        bracket = true;
        continue;
      }
    }
    // '“…,” Jane Roe, who works in Fresno, said': a relative clause in the speaker's apposition
    // holds verbs of its own; the report comes after the comma that closes it.
    if (t.value === ',' && m > k && RELATIVE.has(tokens[m + 1]?.lower ?? '')) {
      const close = relativeClauseEnd(text, tokens, m + 1, limit);
      if (close > 0) {
        m = close - 1;
        relative = true;
        continue;
      }
    }
    // An abbreviation's inner dot ('N.C.', tokenised 'N . C.') does not end the sentence.
    if (t.value === '.' && m > k && !t.spaceBefore && tokens[m + 1] && !tokens[m + 1].spaceBefore && tokens[m + 1].kind === 'word') continue;
    if (STOP.has(t.value) || isMark(text, t) || (m > k && lineBreakBetween(text, tokens[m - 1].end, t.start))) return null;
    const verb = verbCueAt(tokens, m, lex);
    // After '…,” ' any verb is the report ('“…,” Trump fired back'): the hand-off comma
    // already says the quotation is attributed; the lexicon only supplies lemma and stance.
    if (!verb && t.pos !== 'VERB') continue;
    const cue: CueHit = verb
      ? { tokens: { start: verb.start, end: verb.end }, lemma: verb.reading.lemma, stance: verb.reading.stance }
      : { tokens: { start: m, end: m + particleEnd(tokens, m) }, lemma: t.lower, stance: 'neutral' };
    const anyVerb = !verb;
    const cueEnd = cue.tokens.end;
    if (m === k) {
      // A participle opens the sentence's next clause ('a “bad earpiece,” claiming he …'), never an inversion.
      if (t.lower.endsWith('ing')) return null;
      // Inverted: "…,” said John Smith, a spokesman.
      const sp = phraseStartingAt(tokens, cueEnd, Math.min(tokens.length, cueEnd + 16));
      if (sp) return { cue, speaker: sp, reason: 'direct-cue-after-inverted', anyVerb };
      const name = phraseStartingAt(tokens, cueEnd, Math.min(tokens.length, cueEnd + 16), true);
      return name ? { cue, speaker: name, reason: 'direct-cue-after-inverted-name', anyVerb } : null;
    }
    const sp = subjectBeforeVerb(tokens, m, k);
    // Only commas (appositions) may sit between the mark and the subject.
    if (sp && tokensBetweenAre(tokens, k, sp.start, (t) => t.value === ',' || t.pos === 'DET'))
      return { cue, speaker: sp, reason: bracket ? 'direct-cue-after-bracket' : 'direct-cue-after', anyVerb };
    // '“…?” a Democratic staffer in the room wondered.': a subject with an inner preposition,
    // which the walk from the verb ends at its object.
    if (sp && sp.start > k) {
      const whole = phraseStartingAt(tokens, k, sp.end);
      if (whole && whole.end === sp.end && tokens[k].pos === 'DET') return { cue, speaker: whole, reason: 'direct-cue-after-long-subject', anyVerb };
    }
    // '“…,” Doug Usher, director of research at Widmeyer, said.': a name and its apposition,
    // closed by a comma, then the verb (the scan above stops at any other verb).
    if (tokens[m - 1].value === ',' && m - 1 > k) {
      const name = phraseStartingAt(tokens, k, m - 1);
      if (name && tokens[name.end]?.value === ',')
        return { cue, speaker: name, reason: relative ? 'direct-cue-after-relative' : 'direct-cue-after-apposition', anyVerb };
    }
    return null;
  }
  return null;
}

/**
 * The subject of the verb at `v`, walking left no further than `lo`; a time phrase the
 * walk takes for the subject ('Priebus later Thursday told') gives way to the phrase before it.
 */
function subjectBeforeVerb(tokens: readonly Token[], v: number, lo: number): TokenRange | null {
  const sp = subjectEndingAt(tokens, skipVerbPrefixLeft(tokens, v, lo), lo);
  if (!sp || !TIME_PHRASE_HEADS.has(tokens[sp.end - 1].lower)) return sp;
  let j = sp.end - 1;
  while (j >= lo && TIME_PHRASE_WORDS.has(tokens[j].lower)) j--;
  const before = j >= lo ? subjectEndingAt(tokens, skipVerbPrefixLeft(tokens, j + 1, lo), lo) : null;
  return before ?? sp;
}

const RELATIVE = new Set(['who', 'whose']);

/** The comma that closes a relative clause starting at `from` (before `limit`, on the same line, no stop or mark), or -1. */
function relativeClauseEnd(text: string, tokens: readonly Token[], from: number, limit: number): number {
  for (let q = from + 1; q < limit; q++) {
    const t = tokens[q];
    if (STOP.has(t.value) || isMark(text, t) || lineBreakBetween(text, tokens[q - 1].end, t.start)) return -1;
    if (t.value === ',') return q;
  }
  return -1;
}

/** The ')' that closes the '(' at `open` within a few tokens on the same line, or -1. */
function bracketClose(text: string, tokens: readonly Token[], open: number): number {
  for (let q = open + 1; q < Math.min(tokens.length, open + 9); q++) {
    if (lineBreakBetween(text, tokens[q - 1].end, tokens[q].start) || isMark(text, tokens[q]) || tokens[q].value === '(') return -1;
    if (tokens[q].value === ')') return q;
  }
  return -1;
}

function tokensBetweenAre(tokens: readonly Token[], from: number, to: number, ok: (t: Token) => boolean): boolean {
  for (let q = from; q < to; q++) if (!ok(tokens[q])) return false;
  return true;
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
  const found = lexiconCueBefore(text, tokens, openTok, lex);
  if (found || openTok === 0 || tokens[openTok - 1].value !== ':') return found;
  return clauseCueBeforeColon(text, tokens, openTok - 1);
}

/**
 * 'Cruz called them on it:' / 'President Clinton released the following statement:' — a
 * clause that ends in the colon before a quotation introduces it, whatever its verb: the
 * clause's first verb is the cue and its subject the speaker.
 */
function clauseCueBeforeColon(text: string, tokens: readonly Token[], colonTok: number): CueFound | null {
  const clause = clauseSubject(tokens, sentenceLow(text, tokens, colonTok), colonTok);
  if (!clause) return null;
  const m = clause.verb;
  return {
    cue: { tokens: { start: m, end: m + particleEnd(tokens, m) }, lemma: tokens[m].lower, stance: 'neutral' },
    speaker: clause.speaker,
    reason: 'direct-cue-colon-clause',
  };
}

/**
 * The first verb in tokens `lo…hi` that has a subject of its own, and that subject: the
 * main clause's, not one of a clause before it ('When Wallace died in 1998, President
 * Clinton released …').
 */
function clauseSubject(tokens: readonly Token[], lo: number, hi: number): { verb: number; speaker: TokenRange } | null {
  for (let m = lo; m < hi; m++) {
    if (tokens[m].pos !== 'VERB') continue;
    const sp = subjectBeforeVerb(tokens, m, lo);
    if (sp && !(sp.start > lo && SUBORDINATORS.has(tokens[sp.start - 1].lower))) return { verb: m, speaker: sp };
  }
  return null;
}

const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);

/** The subject of the last verb in tokens `lo…hi` that has one (not after a subordinator): the clause a coordinated verb belongs to. */
function lastClauseSubject(tokens: readonly Token[], lo: number, hi: number): TokenRange | null {
  for (let m = hi - 1; m >= lo; m--) {
    if (tokens[m].pos !== 'VERB') continue;
    // A passive clause ('the move was made by Bratton and said') has its agent elsewhere.
    if (m > lo && BE_FORMS.has(tokens[m - 1].lower)) return null;
    const sp = subjectBeforeVerb(tokens, m, lo);
    if (sp) return sp.start > lo && SUBORDINATORS.has(tokens[sp.start - 1].lower) ? null : sp;
  }
  return null;
}

function lexiconCueBefore(text: string, tokens: readonly Token[], openTok: number, lex: QuoteLexicon): CueFound | null {
  const span = { open: tokens[openTok].start };
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
    let sp = subjectBeforeVerb(tokens, verb.start, lo);
    // The phrase after a participle is its object, not an inverted speaker ('…, telling the crowd, “…').
    const participle = tokens[verb.start].lower.endsWith('ing');
    // 'Trump issued a statement saying, “…': the phrase before the participle is the object of
    // the clause's verb, and the one who speaks through it is that verb's subject.
    const governor = sp && participle ? objectGovernor(tokens, sp, lo) : -1;
    if (governor >= 0) {
      const subject = subjectBeforeVerb(tokens, governor, lo) ?? clauseSubject(tokens, lo, governor)?.speaker ?? null;
      if (subject) return { cue, speaker: subject, reason: 'direct-cue-before-object-participle' };
    }
    let reason = colon ? 'direct-cue-colon' : 'direct-cue-before';
    if (!sp && !participle && verb.reading.object && tokens[verb.start - 1]?.value === ',') {
      // 'Dick Roe, who was on the slate, told POLITICO, “…': a verb that takes its addressee
      // after it is never inverted; its subject is the name before the apposition or relative clause.
      const head = phraseStartingAt(tokens, lo, verb.start - 1);
      if (head && tokens[head.end]?.value === ',') {
        sp = head;
        reason = 'direct-cue-before-apposition';
      }
    }
    if (!sp && !participle && !verb.reading.object) sp = phraseStartingAt(tokens, verb.end, j + 1);
    // A second verb of its clause ('he looked into my camera, furrowed his brow and said, “…')
    // takes the clause's subject.
    if (!sp && !participle && verb.start - 1 > lo && tokens[verb.start - 1].lower === 'and') {
      const subject = lastClauseSubject(tokens, lo, verb.start - 1);
      if (subject) return { cue, speaker: subject, reason: 'direct-cue-before-coordinated' };
    }
    if (!sp) {
      // A participle takes the subject of its sentence's clause ('Clinton claimed victory in a
      // tweet, saying: “…'), or, when the sentence starts at a quotation, the previous speaker
      // ('…,” said Rep. Scott, adding that “…').
      if (separated && verb.start > 0 && tokens[verb.start - 1].value === ',' && tokens[verb.start].lower.endsWith('ing'))
        return {
          cue,
          speaker: lastReporterBefore(tokens, lo, verb.start - 1, lex) ?? clauseSubject(tokens, lo, verb.start - 1)?.speaker ?? null,
          reason: 'direct-cue-before-participle',
        };
      return null;
    }
    // 'Trump said he wants “a total and complete shutdown …”': the quoted words end a clause
    // reported by an earlier verb, whose subject is the source of the whole report.
    const outer = outerReport(tokens, sp, lo, lex);
    if (outer) return { cue: outer.cue, speaker: outer.speaker, reason: 'direct-cue-before-embedded', clauseStart: sp.start };
    return { cue, speaker: sp, reason };
  }
  return null;
}

/**
 * A cue pattern that names its source after it ("according to X") later in the attribution's
 * sentence, across adjuncts only ('said at a press conference, according to the Las Vegas Sun'):
 * its tokens and that source. Null at a verb, a quotation mark or the sentence's end.
 */
function reportAfter(tokens: readonly Token[], cueEnd: number, speaker: TokenRange, lex: QuoteLexicon): { cue: TokenRange; speaker: TokenRange } | null {
  const sentence = tokens[cueEnd - 1].sentence;
  let end = cueEnd;
  while (end < tokens.length && tokens[end].sentence === sentence) end++;
  for (let q = Math.max(cueEnd, speaker.end); q < end; q++) {
    const t = tokens[q];
    const pattern = patternCueAt(tokens, q, end, lex);
    if (pattern) {
      if (pattern.source !== 'after') return null;
      const from = q + pattern.tokens.length;
      const source = phraseStartingAt(tokens, from, end, true);
      return source ? { cue: { start: q, end: from }, speaker: source } : null;
    }
    if (t.pos === 'VERB' || t.pos === 'AUX' || STOP.has(t.value) || MARKS.has(t.value)) return null;
  }
  return null;
}

/**
 * The reporting verb whose clause the subject `sp` opens ('Benjamin said he believes …', 'Djokovic
 * told a TV interviewer that he is feeling …', 'Law said, noting that donors feel …'), with its own
 * speaker: across "that" and adverbs, or an addressee of a verb that takes one. Null when
 * no lexicon verb stands there or it has no speaker.
 */
function outerReport(tokens: readonly Token[], sp: TokenRange, lo: number, lex: QuoteLexicon): { cue: CueHit; speaker: TokenRange } | null {
  let q = sp.start - 1;
  // No comma: 'The documents indicate, he said, that “…”' is a parenthetical attribution, not a report inside one.
  while (q >= lo && (tokens[q].lower === 'that' || (tokens[q].pos === 'ADV' && tokens[q].lower.endsWith('ly')))) q--;
  if (q < lo) return null;
  let verb = verbAt(tokens, q, lex);
  if (!verb) {
    const addressee = subjectEndingAt(tokens, q, lo);
    const v = addressee ? verbAt(tokens, addressee.start - 1, lex) : null;
    verb = v?.reading.object ? v : null;
  }
  if (!verb || verb.start < lo) return null;
  let speaker = subjectBeforeVerb(tokens, verb.start, lo);
  if (!speaker && verb.reading.participle && verb.start > lo && tokens[verb.start - 1].value === ',')
    speaker = clauseSubject(tokens, lo, verb.start - 1)?.speaker ?? null;
  if (!speaker) return null;
  return { cue: { tokens: { start: verb.start, end: verb.end }, lemma: verb.reading.lemma, stance: verb.reading.stance }, speaker };
}

/**
 * The subject of the last verb of speech in tokens `lo…hi` that has one: a participle goes on the
 * report of its sentence ('Ryan and Trump will meet next week, Spicer said, adding, “…'), whose
 * speaker need not be the subject of the sentence's first clause.
 */
function lastReporterBefore(tokens: readonly Token[], lo: number, hi: number, lex: QuoteLexicon): TokenRange | null {
  for (let m = hi - 1; m >= lo; m--) {
    if (tokens[m].pos !== 'VERB' || verbCueAt(tokens, m, lex)?.reading.kind !== 'speech') continue;
    const sp = subjectBeforeVerb(tokens, m, lo);
    if (sp) return sp;
  }
  return null;
}

/** A lexicon verb ending at token `q` (a phrasal verb's particle included), or null. */
function verbAt(tokens: readonly Token[], q: number, lex: QuoteLexicon): ReturnType<typeof verbCueAt> {
  if (q < 0) return null;
  const verb = verbCueAt(tokens, q, lex);
  if (verb && verb.end === q + 1) return verb;
  const phrasal = q > 0 ? verbCueAt(tokens, q - 1, lex) : null;
  return phrasal && phrasal.end === q + 1 ? phrasal : null;
}

const PARTICLES = new Set(['out', 'up', 'back', 'off']);

/**
 * The verb whose object the phrase `sp` is ('issued a statement', 'blasted out an email'): the
 * token before it (across a particle) is a verb of the same stretch. -1 when it is not an object.
 */
function objectGovernor(tokens: readonly Token[], sp: TokenRange, lo: number): number {
  let v = sp.start - 1;
  if (v >= lo && PARTICLES.has(tokens[v].lower)) v--;
  return v >= lo && tokens[v].pos === 'VERB' ? v : -1;
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
