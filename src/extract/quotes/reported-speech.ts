import type { Sentence, Token } from '../../document/segment.js';
import type { Span } from '../../document/span.js';
import { type Attribution, type CueHit, hasVerb, tokenSpan } from './attribution.js';
import { patternCueAt, verbCueAt } from './cue-lookup.js';
import type { QuoteLexicon, VerbForm } from './lexicon.js';
import {
  antecedentOfClosedRelative,
  phraseStartingAt,
  skipVerbPrefixLeft,
  subjectAcrossAdjunct,
  subjectEndingAt,
  type TokenRange,
  withAgent,
} from './noun-phrase.js';

const CLAUSE_START_POS = new Set(['PRON', 'DET', 'PROPN', 'NOUN', 'NUM', 'ADJ']);
const OPEN_MARKS = new Set(['“', '"', '„', '«']);
const ADJUNCT_MAX = 10;
const QUESTION_WORDS = new Set(['whether', 'if', 'what', 'why', 'how', 'who', 'when', 'where', 'which']);

/**
 * Reported speech inside one sentence: "X said (that) …", "X told Y …", "…, X
 * said.", "…, said X.", "…, X said, …", "according to X, …", "…, according to
 * X", passive "it was reported that …", and a participle that reuses the
 * sentence's subject ("…, adding that …"). `skip[i]` marks tokens that are
 * inside a direct quotation or are already its cue.
 */
export function findReportedSpeech(tokens: readonly Token[], sentence: Sentence, lex: QuoteLexicon, skip: Uint8Array): Attribution[] {
  const found: Attribution[] = [];
  const a = sentence.tokenStart;
  const b = sentence.tokenEnd;
  for (let i = a; i < b; i++) {
    if (skip[i]) continue;
    const pattern = patternCueAt(tokens, i, b, lex);
    if (pattern) {
      const cue: CueHit = { tokens: { start: i, end: i + pattern.tokens.length }, lemma: pattern.lemma, stance: pattern.stance };
      const after = i + pattern.tokens.length;
      if (pattern.source === 'none') {
        const content = tokenSpan(tokens, after, b);
        if (content && hasVerb(tokens, after, b)) found.push({ kind: 'indirect', contents: [content], cue, speaker: null, reasons: [pattern.reason] });
        i = after - 1;
        continue;
      }
      const sp = withAgent(tokens, phraseStartingAt(tokens, after, b, true), b);
      if (!sp) continue;
      const contents: Span[] = [];
      const beforePart = clauseBefore(tokens, a, i, true);
      if (beforePart) contents.push(beforePart);
      const afterPart = tokens[sp.end]?.value === ',' && hasVerb(tokens, sp.end + 1, b) ? tokenSpan(tokens, sp.end + 1, b) : null;
      if (afterPart) contents.push(afterPart);
      if (contents.length > 0) found.push({ kind: 'indirect', contents, cue, speaker: sp, reasons: [pattern.reason] });
      i = sp.end - 1;
      continue;
    }
    const verb = verbCueAt(tokens, i, lex);
    if (!verb) continue;
    const reading = verb.reading;
    const cue: CueHit = { tokens: { start: verb.start, end: verb.end }, lemma: reading.lemma, stance: reading.stance };
    const vb = skipVerbPrefixLeft(tokens, i, a);
    let speaker = subjectAcrossAdjunct(tokens, subjectEndingAt(tokens, vb, a), a);
    const reasons: string[] = [];
    if (reading.participle && tokens[i - 1]?.value === ',') {
      // "…, adding that …": the speaker is the subject of the sentence's main verb.
      speaker = found.length > 0 ? found[found.length - 1].speaker : mainSubject(tokens, a, i, skip);
      reasons.push('participle-cue');
    }
    const after = contentAfter(tokens, verb.end, b, reading);
    if (!speaker && after && vb >= a && tokens[vb].lower === 'and') {
      // "X called on Y to … and said Z": the coordinated verb shares the sentence's subject.
      speaker = mainSubject(tokens, a, vb, skip);
      reasons.push('subject-of-coordinated-verb');
    } else if (!speaker && after && vb > a && tokens[vb].value === ',') {
      // "Greg Raiff, chief executive of …, said Z": the subject sits before the apposition.
      const head = phraseStartingAt(tokens, a, vb);
      if (head && tokens[head.end]?.value === ',') {
        speaker = head;
        reasons.push('subject-before-apposition');
      }
    }
    const commaBefore = speaker !== null && speaker.start - 1 >= a && tokens[speaker.start - 1].value === ',';
    const beforePart = commaBefore && speaker ? clauseBefore(tokens, a, speaker.start - 1, true) : null;
    const adjunctEnd = skipAdjuncts(tokens, verb.end, b);
    // Last test: "…, Spicer said, adding, “…”" — a participle after the comma is a second cue, not the content's rest.
    if (
      speaker &&
      commaBefore &&
      adjunctEnd < b &&
      tokens[adjunctEnd].value === ',' &&
      hasVerb(tokens, adjunctEnd + 1, b) &&
      reading.kind === 'speech' &&
      verbCueAt(tokens, adjunctEnd + 1, lex)?.reading.participle !== true
    ) {
      // "The plan, he said, would fail.": the cue interrupts the content.
      const head = clauseBefore(tokens, a, speaker.start - 1, false);
      const rest = tokenSpan(tokens, adjunctEnd + 1, participleCut(tokens, adjunctEnd + 1, b, lex));
      if (head && rest) {
        found.push({ kind: 'indirect', contents: [head, rest], cue, speaker, reasons: ['cue-inside-content'] });
        continue;
      }
    }
    // "that" or a colon after the cue is decisive; otherwise a clause before ", X said" wins
    // over a clause start after it ("The plan, he said, would fail.").
    if (after && speaker && (after.strong || !beforePart)) {
      if (reading.kind === 'belief' && !after.phrase && !hasVerb(tokens, after.start, b)) continue;
      const end = after.phrase ? phraseEnd(tokens, after.start, b) : participleCut(tokens, after.start, b, lex);
      const content = tokenSpan(tokens, after.start, end);
      if (content && !OPEN_MARKS.has(tokens[after.start].value)) {
        found.push({ kind: 'indirect', contents: [content], cue, speaker, reasons: reasons.length ? reasons : ['cue-then-content'] });
      }
      i = Math.max(i, end - 1);
      continue;
    }
    if (reading.kind !== 'speech') continue;
    // Cue after the content: "…, X said (on Tuesday)." or "…, X said, …".
    if (speaker && beforePart) {
      if (!restIsAdjunct(tokens, adjunctEnd, b)) continue;
      found.push({ kind: 'indirect', contents: [beforePart], cue, speaker, reasons: ['content-then-cue'] });
      continue;
    }
    if (!speaker && tokens[i - 1]?.value === ',') {
      const sp = phraseStartingAt(tokens, verb.end, b, true);
      const beforePart = clauseBefore(tokens, a, i - 1, true);
      if (sp && beforePart && restIsAdjunct(tokens, sp.end, b)) {
        found.push({ kind: 'indirect', contents: [beforePart], cue, speaker: sp, reasons: ['content-then-inverted-cue'] });
      }
    }
  }
  return found;
}

/**
 * Where the content starts after a cue ending at `p`, by the verb's frames:
 * after "that" or ":" (`strong`), at "whether/if/what", at "to" + verb, at a
 * clause start, or at a noun phrase (`phrase`: the content ends at the next
 * comma). Null when nothing fits.
 */
function contentAfter(tokens: readonly Token[], p: number, b: number, reading: VerbForm): { start: number; strong: boolean; phrase: boolean } | null {
  if (p >= b) return null;
  const frames = reading.frames;
  const objectStart = p;
  if (reading.object) {
    if (tokens[p].pos === 'PRON') p++;
    else {
      const np = phraseStartingAt(tokens, p, b);
      if (np) p = np.end;
    }
  }
  if (p >= b) return null;
  const t0 = tokens[p];
  if (frames.has('clause')) {
    if (t0.value === ':') return p + 1 < b && hasVerb(tokens, p + 1, b) ? { start: p + 1, strong: true, phrase: false } : null;
    const limit = Math.min(b, p + ADJUNCT_MAX);
    for (let q = p; q < limit; q++) {
      const t = tokens[q];
      if (t.lower === 'that' && (t.pos === 'SCONJ' || (q + 1 < b && CLAUSE_START_POS.has(tokens[q + 1].pos)))) {
        return q + 1 < b && hasVerb(tokens, q + 1, b) ? { start: q + 1, strong: true, phrase: false } : null;
      }
      if (t.pos === 'VERB' || t.pos === 'AUX' || t.value === ',' || t.value === '.') break;
    }
  }
  if (frames.has('question') && QUESTION_WORDS.has(t0.lower) && hasVerb(tokens, p + 1, b)) return { start: p, strong: true, phrase: false };
  if (frames.has('infinitive') && t0.lower === 'to' && tokens[p + 1]?.pos === 'VERB') {
    // "urged them to leave": the addressee belongs to the content, as annotators mark it.
    return { start: reading.object ? objectStart : p, strong: true, phrase: false };
  }
  if (frames.has('clause')) {
    if (t0.value === ',') return p + 1 < b && hasVerb(tokens, p + 1, b) ? { start: p + 1, strong: false, phrase: false } : null;
    // "said the plan would fail": a clause follows directly. Not "said Tuesday." (no verb).
    if (CLAUSE_START_POS.has(t0.pos) && hasVerb(tokens, p + 1, b)) return { start: p, strong: false, phrase: false };
  }
  if (frames.has('object') && (CLAUSE_START_POS.has(t0.pos) || OPEN_MARKS.has(t0.value)))
    return { start: reading.object ? objectStart : p, strong: false, phrase: true };
  return null;
}

/** End the content before ", adding/saying that …", which starts the next attribution. */
function participleCut(tokens: readonly Token[], from: number, b: number, lex: QuoteLexicon): number {
  for (let q = from + 1; q < b - 1; q++) {
    if (tokens[q].value !== ',') continue;
    const v = verbCueAt(tokens, q + 1, lex);
    if (v?.reading.participle) return q;
  }
  return b;
}

/** A noun-phrase content ends at the first comma, semicolon or dash. */
function phraseEnd(tokens: readonly Token[], from: number, b: number): number {
  for (let q = from + 1; q < b; q++) if (tokens[q].value === ',' || tokens[q].value === ';' || tokens[q].value === '—') return q;
  return b;
}

/** After the cue, skip temporal and prepositional adjuncts ("on Tuesday", "in a statement"). */
function skipAdjuncts(tokens: readonly Token[], p: number, b: number): number {
  let q = p;
  while (q < b && q < p + ADJUNCT_MAX) {
    const t = tokens[q];
    if (t.value === ',' || t.value === '.' || t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SCONJ') break;
    q++;
  }
  return q;
}

function restIsAdjunct(tokens: readonly Token[], p: number, b: number): boolean {
  for (let q = p; q < b; q++) {
    const t = tokens[q];
    if (t.pos === 'VERB' || t.pos === 'AUX') return false;
  }
  return b - p <= ADJUNCT_MAX + 2;
}

/** The content before a cue: from the sentence start to `end` (exclusive), if it is a clause (or any phrase when `clause` is false). */
function clauseBefore(tokens: readonly Token[], a: number, end: number, clause: boolean): Span | null {
  let from = a;
  // A quotation mark at the start means a direct quote, handled elsewhere.
  if (from < end && OPEN_MARKS.has(tokens[from].value)) return null;
  if (clause && (end - from < 3 || !hasVerb(tokens, from, end))) return null;
  while (from < end && (tokens[from].pos === 'CCONJ' || tokens[from].value === '—')) from++;
  return tokenSpan(tokens, from, end);
}

/**
 * The subject of the first verb of the sentence, for participle cues. A verb of a direct
 * quotation opening the sentence is passed over when its subject is quoted too
 * ('“He is a hater,” Trump said, adding …': Trump, not "He").
 */
function mainSubject(tokens: readonly Token[], a: number, before: number, skip: Uint8Array): TokenRange | null {
  for (let q = a; q < before; q++) {
    if (tokens[q].pos !== 'VERB' && tokens[q].pos !== 'AUX') continue;
    const subject = subjectAcrossAdjunct(tokens, subjectEndingAt(tokens, skipVerbPrefixLeft(tokens, q, a), a), a);
    if (skip[q] !== 0 && (subject === null || skip[subject.start] !== 0)) continue;
    // "Reid, who endorsed Clinton, reiterated … and stressed …": the verb after the relative clause is Reid's.
    return (subject && antecedentOfClosedRelative(tokens, subject, before, a)) ?? subject;
  }
  return null;
}
