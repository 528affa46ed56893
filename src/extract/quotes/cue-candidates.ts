import { type Sentence, type Token, tokenAt } from '../../document/segment.js';
import type { Span } from '../../document/span.js';
import { type Attribution, type CueHit, hasVerb, tokenSpan, wordCount } from './attribution.js';
import { verbCueAt } from './cue-lookup.js';
import { type FeatureKey, hashKeys, type KeyMaker } from './feature-key.js';
import { type LearnedCue, type LearnedCueIndex, learnedCueAt } from './learned-cues.js';
import type { QuoteLexicon, Stance } from './lexicon.js';
import { phraseStartingAt, skipVerbPrefixLeft, subjectAcrossAdjunct, subjectEndingAt, type TokenRange, withAgent } from './noun-phrase.js';
import { addRelationKeys } from './reading-relations.js';
import { TIME_WORDS } from './time-words.js';

/**
 * Candidate (cue, source, content) triples for reported speech. Each cue found
 * by the learned cue lexicon or the hand lexicon gets a few readings — speaker
 * left or right of the cue, the subject of the clause's first verb, or none;
 * content after the cue (to the sentence end, the next comma or clause, or
 * its object noun phrase alone) or before it — and the attribution the hand rules
 * found for that cue, if any, competes as one more reading. A linear model
 * (triple-model.ts) scores the readings; the best one per cue is kept when its
 * score is positive. Features are strings so the weights stay reviewable.
 */
export interface Candidate {
  /** Token index of the first cue token: the readings of one cue share it. */
  cueStart: number;
  attribution: Attribution;
  /** Cue features, one array shared by all readings of the cue; each counts conjoined with `variant`. */
  shared: readonly FeatureKey[];
  /** What the cue classifier sees: `shared` plus context features of the cue alone. */
  cueFeatures: readonly FeatureKey[];
  /** The cue's identity features (a subset of cueFeatures), scored first to reject hopeless cues early. */
  identity: readonly FeatureKey[];
  /** The reading's shape: speaker side, content side, "that" skipped ("LAt"), or "rule". */
  variant: string;
  /** Features of this reading alone. */
  own: FeatureKey[];
}

/** Every feature of a candidate as one list (training; the scorer avoids building it). */
export function featuresOf(c: Candidate): FeatureKey[] {
  return [...c.shared.map((f) => `${f}|${c.variant}`), ...c.own];
}

export interface CandidateInputs {
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  /** 1: tokens inside a direct quotation or used as its cue; 2: inside a quotation without a cue (candidates, with a feature). */
  skip: Uint8Array;
  lex: QuoteLexicon;
  learned: LearnedCueIndex;
  /** Attributions of reported speech found by the hand rules. */
  rules: readonly Attribution[];
  /**
   * Direct quotations the rules left without a cue (their tokens are skip 2), in text order:
   * a cue next to one gets a reading whose content is the whole quotation (Q after the cue,
   * U before it), across sentences and its continuation parts ("“A,” X said. “B.”").
   */
  uncued?: readonly Attribution[];
  /**
   * Readings are built only for cues whose features this accepts (the stage passes
   * the cue classifier, so most verbs cost one score; training passes nothing).
   */
  acceptCue?: (cueFeatures: readonly FeatureKey[]) => boolean;
  /**
   * The cue classifier's score of a cue (the stage passes it with `cueFloor`):
   * cues scoring at or below `cueFloor` get no readings, the others' readings
   * carry the score's bucket as a feature, so the ranker (which may answer "no
   * reading") weighs the cue's score against what its readings look like.
   */
  scoreCue?: (cueFeatures: readonly FeatureKey[]) => number;
  cueFloor?: number;
  /**
   * Called first with the cue's identity features alone (its words, stem, POS,
   * lexicon entries): true drops the cue before its context features are built.
   */
  rejectEarly?: (identity: readonly FeatureKey[]) => boolean;
  /** How feature keys are built: numbers for the stage (default), strings for training. */
  keys?: KeyMaker;
}

type SourceSide = 'L' | 'R' | 'N' | 'S' | 'P' | 'Y' | 'M' | 'W';
type ContentSide = 'A' | 'C' | 'E' | 'B' | 'O' | 'Q' | 'U';

// Session 12: 16 tokens after a verb that takes an addressee (tell, ask, inform: "told The Post and
// Courier newspaper of Charleston on Saturday that …") gave 2,424 / 3,182 and 2,406 / 3,172 right /
// predicted on the train slice, against 2,423 / 3,177 and 2,416 / 3,176 (two shuffle seeds).
const THAT_WINDOW = 6;
// Pronoun subjects that stand for the speaker themselves: a reading past them is almost never right.
const PRONOUN_SUBJECTS = new Set(['who', 'which', 'he', 'she', 'they', 'it', 'we', 'i', 'you']);
const CONTENT_SIDES: readonly ContentSide[] = ['A', 'C', 'E', 'B', 'O', 'Q', 'U'];
const QUOTE_MARKS = new Set(['“', '”', '"', '„', '«', '»']);

function bucket(n: number, edges: readonly number[]): number {
  let k = 0;
  while (k < edges.length && n > edges[k]) k++;
  return k;
}

export function buildCandidates(input: CandidateInputs): Candidate[] {
  const { tokens, sentences, skip, lex, learned, rules } = input;
  const out: Candidate[] = [];
  const ruleByCue = new Map<number, Attribution>();
  for (const r of rules) if (r.cue) ruleByCue.set(r.cue.tokens.start, r);
  const done = new Set<number>();
  sentences.forEach((s, si) => {
    const a = s.tokenStart;
    const b = s.tokenEnd;
    let marks: SentenceMarks | null = null;
    for (let i = a; i < b; i++) {
      if (skip[i] === 1) continue;
      // A verb form inside a hyphenated compound ("so-called", "long-awaited") reports nothing.
      if (i > a && !tokens[i].spaceBefore && tokens[i - 1].value === '-') continue;
      const rule = ruleByCue.get(i);
      const learnedCue = learnedCueAt(tokens, i, b, learned);
      const verb = learnedCue ? null : verbCueAt(tokens, i, lex);
      // Any other verb is a cue candidate too: PolNeAR's cues are a long tail
      // ("mocked", "heralded"), left to the cue classifier's context features.
      const generic = !learnedCue && !verb && !rule?.cue && (tokens[i].pos === 'VERB' || mistaggedVerb(tokens, i, lex) || headlineColon(tokens, i, a));
      let end = learnedCue ? i + learnedCue.tokens.length : verb ? verb.end : rule?.cue ? rule.cue.tokens.end : generic ? i + 1 : i;
      if (end === i) continue;
      for (let k = i; k < end; k++) if (skip[k] === 1) end = k;
      if (end === i) continue;
      done.add(i);
      marks ??= sentenceMarks(input, si);
      readings(input, si, marks, i, end, learnedCue, rule ?? null, out);
      i = end - 1;
    }
  });
  // Rule attributions whose cue the scan skipped (inside a longer cue) still compete on their own.
  for (const r of rules) {
    if (!r.cue || done.has(r.cue.tokens.start)) continue;
    const si = tokens[r.cue.tokens.start].sentence;
    readings(input, si, sentenceMarks(input, si), r.cue.tokens.start, r.cue.tokens.end, null, r, out);
  }
  return out;
}

/** A reporting verb's form tagged as a noun or adjective ("the Post reports that", "Trump notes"). */
function mistaggedVerb(tokens: readonly Token[], i: number, lex: QuoteLexicon): boolean {
  const t = tokens[i];
  return (t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN') && lex.verbs.has(t.lower) && i > 0 && NOMINAL.has(tokens[i - 1].pos);
}

const HEADLINE_COLON_MAX = 10;

/** A colon after a short opening noun phrase: the headline shape "Trump: Cruz Has ‘To Come a Long Way’". */
function headlineColon(tokens: readonly Token[], i: number, a: number): boolean {
  return tokens[i].value === ':' && i > a && i - a <= HEADLINE_COLON_MAX && NOMINAL.has(tokens[i - 1].pos);
}

const APPOSITION_SLACK = 4;

/**
 * The name before an apposition before the cue: "Lael Brainard, a Fed governor, said" → "Lael Brainard"
 * (the subject walk stops at the comma and the nearest phrase is the apposition alone).
 */
function appositiveNameLeft(tokens: readonly Token[], c0: number, lo: number): TokenRange | null {
  const j = skipVerbPrefixLeft(tokens, c0, lo);
  if (j - 1 < lo || tokens[j].value !== ',') return null;
  const apposition = subjectEndingAt(tokens, j - 1, lo);
  if (!apposition) return null;
  // The apposition's first comma, across what the walk stops at ("a small-business owner").
  let comma = apposition.start - 1;
  while (
    comma >= lo &&
    comma > apposition.start - APPOSITION_SLACK &&
    tokens[comma].value !== ',' &&
    tokens[comma].pos !== 'VERB' &&
    tokens[comma].pos !== 'AUX'
  )
    comma--;
  if (comma - 1 < lo || tokens[comma].value !== ',') return null;
  const name = subjectEndingAt(tokens, comma - 1, lo);
  return name && tokens[name.end - 1].pos === 'PROPN' ? name : null;
}

interface SentenceMarks {
  /** The sentence holds a quotation mark. */
  quoteMarks: boolean;
  /** How many of its tokens are skipped (inside direct quotations). */
  skipped: number;
}

function sentenceMarks(input: CandidateInputs, si: number): SentenceMarks {
  const { tokens, skip } = input;
  const s = input.sentences[si];
  let quoteMarks = false;
  let skipped = 0;
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    if (QUOTE_MARKS.has(tokens[k].value)) quoteMarks = true;
    if (skip[k]) skipped++;
  }
  return { quoteMarks, skipped };
}

/** The cue's words, lower-cased, joined by spaces. */
function cuePhrase(tokens: readonly Token[], c0: number, c1: number): string {
  let phrase = tokens[c0].lower;
  for (let k = c0 + 1; k < c1; k++) phrase += ` ${tokens[k].lower}`;
  return phrase;
}

function readings(
  input: CandidateInputs,
  si: number,
  marks: SentenceMarks,
  c0: number,
  c1: number,
  learnedCue: LearnedCue | null,
  rule: Attribution | null,
  out: Candidate[],
): void {
  const { tokens, sentences, skip, lex } = input;
  const k = input.keys ?? hashKeys;
  const s = sentences[si];
  const a = s.tokenStart;
  const b = s.tokenEnd;
  const phrase = learnedCue?.phrase ?? cuePhrase(tokens, c0, c1);
  const handVerb = verbCueAt(tokens, c0, lex);
  const stance: Stance = handVerb?.reading.stance ?? rule?.cue?.stance ?? 'neutral';
  const lemma = handVerb?.reading.lemma ?? rule?.cue?.lemma ?? phrase;
  const cue: CueHit = { tokens: { start: c0, end: c1 }, lemma, stance };
  const prec = learnedCue ? `${Math.round(learnedCue.precision * 10)}` : 'x';
  const cnt = learnedCue ? `${bucket(learnedCue.count, [3, 10, 30, 100, 1000])}` : 'x';
  const st = stem(phrase);
  const identity = [
    k`b`,
    k`c=${phrase}`,
    k`pr=${prec}`,
    k`cn=${cnt}`,
    k`cp=${tokens[c0].pos}`,
    k`hand=${handVerb ? handVerb.reading.kind : 'no'}`,
    k`st=${st}`,
  ];
  if (input.rejectEarly?.(identity)) return;
  // A sentence that opens in lower case was split off its subject by the segmenter
  // ("Sen. Bernie Sanders (I-Vt.)" | "said he will …"): the subject may sit in the previous one.
  const splitOff = si > 0 && /^\p{Ll}/u.test(tokens[a].value);
  const lo = splitOff ? sentences[si - 1].tokenStart : a;
  const left = subjectAcrossAdjunct(tokens, subjectEndingAt(tokens, skipVerbPrefixLeft(tokens, c0, lo), lo), lo);
  const site: CueSite = { tokens, a, b, c0, c1, prev: c0 > a ? tokens[c0 - 1] : null, next: c1 < b ? tokens[c1] : null };
  const shared = sharedCueKeys(k, site, identity, marks, si);
  const cueOnly = cueOnlyKeys(k, site, skip, identity, phrase, st, left);
  const cueFeatures = [...shared, ...cueOnly];
  if (input.acceptCue && !input.acceptCue(cueFeatures)) return;
  let scoreKeys: FeatureKey[] = [];
  if (input.scoreCue) {
    const score = input.scoreCue(cueFeatures);
    if (score <= (input.cueFloor ?? Number.NEGATIVE_INFINITY)) return;
    scoreKeys = cueScoreKeys(k, score);
  }

  const first = out.length;
  const cueKeys: CueKeys = { shared, cueFeatures, identity, scoreKeys };
  // Keys that depend on the content side alone are hashed once per cue, not per reading.
  const csideKeys = new Map<string, FeatureKey>();
  for (const [side, src] of speakerCandidates(tokens, skip, a, b, lo, c0, c1, left)) {
    readingsOfSpeaker(input, k, a, b, c0, c1, phrase, cue, side, src, rule, cueKeys, csideKeys, out);
  }
  if (rule) {
    out.push({
      cueStart: c0,
      attribution: rule,
      shared,
      cueFeatures,
      identity,
      variant: 'rule',
      own: [
        k`v=rule`,
        k`rule=${rule.reasons[0]}`,
        ...specific(k, tokens, rule.speaker, null, 'rule', rule),
        ...speakerContextKeys(k, tokens, skip, rule.speaker, a, 'rule'),
        ...scoreKeys,
      ],
    });
  }
  addRelationKeys(k, tokens, out, first);
}

/** A cue `[c0, c1)` in its sentence `[a, b)`, with the tokens beside it (null at the sentence's edges). */
interface CueSite {
  tokens: readonly Token[];
  a: number;
  b: number;
  c0: number;
  c1: number;
  prev: Token | null;
  next: Token | null;
}

/**
 * The cue's features that every reading carries (conjoined with the reading's shape): its identity
 * but the stem, its neighbours, quotation marks in the sentence, where it sits in the sentence.
 * (This and `cueOnlyKeys` are apart from `readings` so that the optimising compiler handles each part on its own.)
 */
function sharedCueKeys(k: KeyMaker, site: CueSite, identity: readonly FeatureKey[], marks: SentenceMarks, si: number): FeatureKey[] {
  const { tokens, a, b, c0, c1, prev, next } = site;
  const { quoteMarks, skipped } = marks;
  return [
    identity[0],
    identity[1],
    identity[2],
    identity[3],
    identity[4],
    identity[5],
    k`p1=${prev ? prev.lower : '<s>'}`,
    k`n1=${next ? next.lower : '</s>'}`,
    k`p1p=${prev ? prev.pos : '<s>'}`,
    k`n1p=${next ? next.pos : '</s>'}`,
    k`n2=${c1 + 1 < b ? tokens[c1 + 1].lower : '</s>'}`,
    k`q=${quoteMarks}|${bucket(skipped, [0, 3])}`,
    k`s0=${si === 0}`,
    k`cpos=${bucket(c0 - a, [0, 2, 6])}|${bucket(b - c1, [1, 2, 6])}`,
  ];
}

/** Context features for the cue classifier only (conjoining them with every reading shape costs speed, not accuracy). */
function cueOnlyKeys(
  k: KeyMaker,
  site: CueSite,
  skip: Uint8Array,
  identity: readonly FeatureKey[],
  phrase: string,
  st: string,
  left: TokenRange | null,
): FeatureKey[] {
  const { tokens, a, b, c0, c1, prev, next } = site;
  const prev2 = c0 - 1 > a ? tokens[c0 - 2] : null;
  let thatAt = 0;
  for (let q = c1; q < Math.min(b, c1 + THAT_WINDOW); q++) {
    if (tokens[q].lower === 'that' || tokens[q].value === ':') {
      thatAt = q - c1 + 1;
      break;
    }
    if (tokens[q].pos === 'VERB' || tokens[q].value === '.') break;
  }
  return [
    identity[6],
    k`st=${st}|that=${thatAt > 0}|left=${left !== null}`,
    k`st=${st}|n1p=${next ? next.pos : '</s>'}`,
    k`that=${bucket(thatAt, [0, 1, 3])}`,
    k`inq=${skip[c0] === 2}`,
    k`inq=${skip[c0] === 2}|${st}`,
    k`c=${phrase}|that=${thatAt > 0}`,
    k`left=${left ? tokens[left.end - 1].pos : 'none'}`,
    k`c=${phrase}|left=${left !== null}`,
    k`p2=${prev2 ? prev2.lower : '<s>'}`,
    k`p1c=${prev ? prev.lower : '<s>'}|${phrase}`,
    k`n1c=${next ? next.lower : '</s>'}|${phrase}`,
    k`n1pc=${next ? next.pos : '</s>'}|${phrase}`,
    ...subjectObjectKeys(k, tokens, left, c1, b, st),
  ];
}

/** What every reading of one cue shares: its features and the cue classifier's score keys. */
interface CueKeys {
  shared: readonly FeatureKey[];
  cueFeatures: readonly FeatureKey[];
  identity: readonly FeatureKey[];
  scoreKeys: readonly FeatureKey[];
}

/**
 * Where the cue's speaker may be, each with its side: none, the subject left of
 * the cue, the phrase right of it, a passive agent, the nearest subject, the
 * sentence's first phrase, the clause's subject, a name before an apposition.
 * (Apart from `readings` so that the optimising compiler handles each part on its own.)
 */
function speakerCandidates(
  tokens: readonly Token[],
  skip: Uint8Array,
  a: number,
  b: number,
  lo: number,
  c0: number,
  c1: number,
  left: TokenRange | null,
): Array<[SourceSide, TokenRange | null]> {
  // Only a name can stand here, so a capitalised word tagged as a verb is one ("according to the Associated Press").
  const rightPhrase = withAgent(tokens, phraseStartingAt(tokens, c1, b, true), b);
  // "said Tuesday that …": a time phrase after the cue is no speaker (the N reading holds the same content).
  const right = rightPhrase && !TIME_WORDS.has(tokens[rightPhrase.end - 1].lower) ? rightPhrase : null;
  const sources: Array<[SourceSide, TokenRange | null]> = [['N', null]];
  if (left) sources.push(['L', left]);
  if (right) sources.push(['R', right]);
  const agent = passiveAgent(tokens, c1, b);
  if (agent) sources.push(['Y', agent]);
  // "voters who are looking for …", "Gary Hart undermined his bid when he flip-flopped": a pronoun subject
  // of the cue is its speaker (PolNeAR's Source in 444 of 533 train cues after "who"/"which", 5 took the
  // antecedent; in 3,121 of 3,262 after a personal pronoun, 38 took another phrase): no reading reaches past it.
  const pronounSubject = left !== null && left.end - left.start === 1 && PRONOUN_SUBJECTS.has(tokens[left.start].lower);
  if (!pronounSubject) {
    const nearest = nearestSubjectLeft(tokens, a, c0);
    if (nearest && (!left || nearest.start !== left.start || nearest.end !== left.end)) sources.push(['P', nearest]);
    const initial = sentenceInitialPhrase(tokens, skip, a, c0);
    if (initial && !sources.some(([, r]) => r && r.start === initial.start && r.end === initial.end)) sources.push(['S', initial]);
    const main = clauseSubjectLeft(tokens, skip, lo, c0);
    if (main && !sources.some(([, r]) => r && r.start === main.start && r.end === main.end)) sources.push(['M', main]);
  }
  // W: the name before an apposition ("X, a Fed governor, said"), when the subject walk stopped at its comma.
  const named = left ? null : appositiveNameLeft(tokens, c0, lo);
  if (named) sources.push(['W', named]);
  return sources;
}

/** The readings of one cue with one speaker candidate: one per content side that makes sense for it. */
function readingsOfSpeaker(
  input: CandidateInputs,
  k: KeyMaker,
  a: number,
  b: number,
  c0: number,
  c1: number,
  phrase: string,
  cue: CueHit,
  side: SourceSide,
  src: TokenRange | null,
  rule: Attribution | null,
  cueKeys: CueKeys,
  csideKeys: Map<string, FeatureKey>,
  out: Candidate[],
): void {
  const { tokens, skip } = input;
  let sideKeys: { phrase: FeatureKey; pos: FeatureKey; gap: FeatureKey[] } | null = null;
  for (const cside of CONTENT_SIDES) {
    if (cside === 'B' && (side === 'S' || side === 'P' || side === 'M')) continue;
    if (side === 'Y' && cside !== 'B' && cside !== 'A') continue;
    if (cside === 'U' && side !== 'N' && side !== 'L' && side !== 'R' && side !== 'W') continue;
    if (cside === 'O' && (side === 'R' || side === 'Y')) continue;
    // An adverb cue without a speaker ("the regime reportedly bribed …") is the author's hedge,
    // not someone's statement (the claims stage keeps it as a hedge); the train slice scores the same without it.
    if (side === 'N' && tokens[c0].pos === 'ADV') continue;
    const rightSrc = side === 'R' ? src : null;
    const leftSrc = side === 'L' || side === 'W' ? src : null;
    const content =
      cside === 'Q' || cside === 'U'
        ? quotedContent(input, a, b, c0, c1, rightSrc, leftSrc, cside)
        : contentFor(tokens, a, b, c0, c1, rightSrc, leftSrc, cside);
    if (!content) continue;
    const variant = `${side}${cside}${content.thatSkip ? 't' : ''}`;
    sideKeys ??= {
      phrase: k`c=${phrase}|s${side}`,
      pos: k`cp=${tokens[c0].pos}|s${side}`,
      gap: [...gapFeatures(k, tokens, src, c0, c1, side), ...speakerContextKeys(k, tokens, skip, src, a, side)],
    };
    let csideKey = csideKeys.get(cside);
    if (csideKey === undefined) csideKeys.set(cside, (csideKey = k`c=${phrase}|c${cside}`));
    // In this order: the score is a sum, and its float rounding follows the order.
    const own = [k`v=${variant}`, sideKeys.phrase, csideKey, sideKeys.pos];
    own.push(...specific(k, tokens, src, content, variant, rule), ...sideKeys.gap, ...cueKeys.scoreKeys);
    out.push({
      cueStart: c0,
      attribution: { kind: 'indirect', contents: content.spans ? [...content.spans] : [content.span], cue, speaker: src, reasons: ['learned-cue-reading'] },
      shared: cueKeys.shared,
      cueFeatures: cueKeys.cueFeatures,
      identity: cueKeys.identity,
      variant,
      own,
    });
  }
}

/**
 * Who the cue's subject is and what follows it, for the cue classifier: "Trump
 * said" reports, "the economy showed" rarely does; "told reporters" is followed
 * by speech, "showed signs" is not.
 */
function subjectObjectKeys(k: KeyMaker, tokens: readonly Token[], left: TokenRange | null, c1: number, b: number, st: string): FeatureKey[] {
  const head = left ? tokens[left.end - 1] : null;
  const obj = c1 < b ? phraseStartingAt(tokens, c1, b) : null;
  const objHead = obj ? tokens[obj.end - 1] : null;
  return [
    k`lh=${head ? head.lower : 'none'}`,
    k`lh=${head ? head.lower : 'none'}|${st}`,
    k`lhp=${head ? head.pos : 'none'}|${st}`,
    k`oh=${objHead ? objHead.lower : 'none'}`,
    k`oh=${objHead ? objHead.lower : 'none'}|${st}`,
    k`vr=${hasVerb(tokens, c1, b)}|${st}`,
  ];
}

const CUE_SCORE_EDGES = [-8, -4, -2, -1, 0, 1, 2, 4, 8];

/** The cue classifier's score as reading features (its bucket), for the ranker. */
export function cueScoreKeys(k: KeyMaker, score: number): FeatureKey[] {
  return [k`cs=${bucket(score, CUE_SCORE_EDGES)}`];
}

/**
 * A crude stem shared by a verb's forms, so that rare forms borrow from common
 * ones: "argues", "argued", "arguing" → "argu".
 */
export function stem(phrase: string): string {
  const space = phrase.indexOf(' ');
  const w = space < 0 ? phrase : phrase.slice(0, space);
  if (w.length <= 4) return w;
  // The longest of these suffixes that ends the word (what /(?:ies|…|e)$/ removes).
  for (const suffix of STEM_SUFFIXES) if (w.endsWith(suffix)) return w.slice(0, w.length - suffix.length);
  return w;
}

const STEM_SUFFIXES = ['ying', 'ies', 'ied', 'ing', 'ed', 'es', 's', 'e'];

/** What lies between the speaker and the cue: adjacent, across a comma, across another verb. */
function gapFeatures(k: KeyMaker, tokens: readonly Token[], src: TokenRange | null, c0: number, c1: number, side: SourceSide): FeatureKey[] {
  if (!src) return [];
  if (side === 'R') {
    const after = tokens[src.end];
    return [k`rg=${bucket(src.start - c1, [0, 2])}`, k`ra=${after ? (after.kind === 'punctuation' ? after.value : after.pos) : '</s>'}`];
  }
  let verbs = 0;
  let commas = 0;
  for (let j = src.end; j < c0; j++) {
    if (tokens[j].pos === 'VERB' || tokens[j].pos === 'AUX') verbs++;
    if (tokens[j].value === ',') commas++;
  }
  return [
    k`g=${bucket(c0 - src.end, [0, 1, 3, 6])}|${bucket(verbs, [0, 1])}|${bucket(commas, [0, 1])}|${side}`,
    k`gp=${tokens[src.start].pos}|${tokens[src.end - 1].pos}|${side}`,
  ];
}

/** Tokens whose word itself is telling before a speaker phrase ("at a rally", "to TV", ", who"). */
const BEFORE_SPEAKER_WORD = new Set(['ADP', 'SCONJ', 'CCONJ', 'DET', 'PART', 'PUNCT', 'SYM']);
const DASHES = new Set(['-', '—', '–']);
const DATELINE_WINDOW = 6;

/**
 * What surrounds a speaker phrase, beyond its own words: the token before it ("at a rally in
 * Wilmington, warned" — a place, not a subject; "wrote a letter to Zucker asking" — an object),
 * whether it lies inside a direct quotation (the subject of a quoted sentence does not speak the
 * participle after the quote), and whether it is a dateline ("LA CROSSE, Wisc. — Gov. Mike Pence …").
 */
export function speakerContextKeys(k: KeyMaker, tokens: readonly Token[], skip: Uint8Array, src: TokenRange | null, a: number, side: string): FeatureKey[] {
  if (!src) return [];
  const before = src.start > a ? tokens[src.start - 1] : null;
  const word = before === null ? '<s>' : BEFORE_SPEAKER_WORD.has(before.pos) || before.kind === 'punctuation' ? before.lower : before.pos;
  const keys = [k`sb=${word}|${side}`, k`sq=${skip[src.start]}|${side}`, k`spo=${parentheticalOpener(tokens, src.start, a)}|${side}`];
  if (isDateline(tokens, src, a)) keys.push(k`sdl|${side}`);
  return keys;
}

const OPENER_WINDOW = 12;

/**
 * What opens the comma-delimited stretch a speaker phrase sits in: the word after the nearest comma
 * before it ("Trump, speaking at a rally in Wilmington, N.C., warned": the place is inside a participle
 * aside; "Phillips, who lost her daughter in Aurora, Colorado, said": inside a relative clause).
 * A comma between two names ("Wilmington, N.C.") belongs to a place name and is passed over.
 */
function parentheticalOpener(tokens: readonly Token[], start: number, a: number): string {
  for (let q = start - 1; q > a && q >= start - OPENER_WINDOW; q--) {
    if (tokens[q].value !== ',') continue;
    if (tokens[q - 1].pos === 'PROPN' && tokens[q + 1].pos === 'PROPN') continue;
    if (q + 1 === start) return 'adjacent';
    const t = tokens[q + 1];
    if (t.lower === 'who' || t.lower === 'which') return 'rel';
    if (t.pos === 'VERB') return t.lower.endsWith('ing') ? 'ing' : t.lower.endsWith('ed') ? 'ed' : 'verb';
    return t.pos;
  }
  return 'none';
}

/**
 * A speaker phrase that opens its sentence as a capitalised place followed by a dash within a few
 * tokens, across only names and punctuation ("Geneva -", "WASHINGTON —", "LA CROSSE, Wisc. —").
 */
export function isDateline(tokens: readonly Token[], src: TokenRange, a: number): boolean {
  if (src.start !== a || !/^\p{Lu}/u.test(tokens[a].value)) return false;
  for (let q = src.end; q < Math.min(tokens.length, src.start + DATELINE_WINDOW); q++) {
    const t = tokens[q];
    if (DASHES.has(t.value)) return t.spaceBefore || q === src.end;
    if (t.pos !== 'PROPN' && t.kind !== 'punctuation') return false;
  }
  return false;
}

const AGENT_WINDOW = 6;

/** The agent of a passive cue: "is tweeted by several people", "are considered unclean by Muslims". */
function passiveAgent(tokens: readonly Token[], c1: number, b: number): TokenRange | null {
  for (let q = c1; q < Math.min(b, c1 + AGENT_WINDOW); q++) {
    const t = tokens[q];
    if (t.lower === 'by') return phraseStartingAt(tokens, q + 1, b, true);
    if (t.pos === 'VERB' || t.value === ',' || t.lower === 'that') return null;
  }
  return null;
}

const NEAREST_WINDOW = 15;
const NOMINAL = new Set(['PROPN', 'NOUN', 'PRON', 'NUM']);

/** The subject phrase ending at the nearest nominal left of the cue (across appositions and adverbs). */
function nearestSubjectLeft(tokens: readonly Token[], a: number, c0: number): TokenRange | null {
  for (let j = c0 - 1; j >= Math.max(a, c0 - NEAREST_WINDOW); j--) {
    if (!NOMINAL.has(tokens[j].pos)) continue;
    const r = subjectEndingAt(tokens, j, a);
    // A time phrase is rarely the speaker ("Sanders on Saturday criticized"): look further left.
    if (r && !TIME_WORDS.has(tokens[r.end - 1].lower)) return r;
    if (r) j = r.start;
  }
  return null;
}

const CLAUSE_WINDOW = 30;

/**
 * The subject of the first verb of the sentence that has one, left of the cue:
 * a participle or a second coordinated verb reports for the clause's subject
 * ("Clinton has taken a swipe at Trump, saying that …", "In a response, Cruz
 * said "CNN" five times, and specifically mentioned …").
 */
function clauseSubjectLeft(tokens: readonly Token[], skip: Uint8Array, lo: number, c0: number): TokenRange | null {
  for (let v = Math.max(lo, c0 - CLAUSE_WINDOW); v < c0; v++) {
    const t = tokens[v];
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    const subject = subjectAcrossAdjunct(tokens, subjectEndingAt(tokens, skipVerbPrefixLeft(tokens, v, lo), lo), lo);
    // A quoted sentence's subject does not speak the clause after the quotation
    // ('“He is a hater,” Trump said at a rally, adding …': the subject of "said").
    if (subject && skip[subject.start] === 0) return subject;
    // Skip the rest of this verb group ("has been taken").
    while (v + 1 < c0 && (tokens[v + 1].pos === 'VERB' || tokens[v + 1].pos === 'AUX')) v++;
  }
  return null;
}

/**
 * The noun phrase that opens the sentence (after quotation marks, conjunctions and a quotation
 * that opens it: '“There is no question,” the candidate told CBS, saying …'), when it ends before the cue.
 */
function sentenceInitialPhrase(tokens: readonly Token[], skip: Uint8Array, a: number, c0: number): TokenRange | null {
  let i = a;
  while (i < c0 && (QUOTE_MARKS.has(tokens[i].value) || tokens[i].pos === 'CCONJ' || tokens[i].kind === 'punctuation' || skip[i] !== 0)) i++;
  if (i >= c0) return null;
  const r = phraseStartingAt(tokens, i, c0);
  return r && r.end <= c0 && !TIME_WORDS.has(tokens[r.end - 1].lower) ? r : null;
}

interface Content {
  span: Span;
  /**
   * All parts, when the content is discontinuous (a quotation with its continuation); null otherwise.
   * Always present, so that every content has one shape (the readings code stays optimised).
   */
  spans: readonly Span[] | null;
  from: number;
  to: number;
  thatSkip: boolean;
}

function specific(
  k: KeyMaker,
  tokens: readonly Token[],
  src: TokenRange | null,
  content: Content | null,
  variant: string,
  rule: Attribution | null,
): FeatureKey[] {
  const f: FeatureKey[] = [];
  if (src) {
    const last = tokens[src.end - 1];
    f.push(
      k`sp=${last.pos}|${variant}`,
      k`sl=${bucket(src.end - src.start, [1, 2, 4])}|${variant}`,
      k`sw=${src.end - src.start === 1 ? last.lower : 'multi'}|${variant}`,
      k`sh=${last.lower}`,
      k`sf=${tokens[src.start].lower}`,
      k`scap=${/^\p{Lu}/u.test(tokens[src.start].value)}|${variant}`,
    );
  }
  if (content) {
    const words = wordCount(tokens, content.from, content.to);
    f.push(
      k`cl=${bucket(words, [1, 3, 6, 12, 25])}|${variant}`,
      k`cv=${hasVerb(tokens, content.from, content.to)}|${variant}`,
      k`cf=${tokens[content.from].lower}|${variant}`,
      k`cfp=${tokens[content.from].pos}|${variant}`,
      k`ce=${tokens[content.to - 1].lower}|${tokens[content.to]?.lower ?? '</s>'}`,
      k`cep=${tokens[content.to]?.pos ?? '</s>'}|${variant}`,
      ...boundaryKeys(k, tokens, content.from, content.to),
    );
    if (rule) {
      const r = rule.contents[0];
      const same = r.start === content.span.start && rule.contents[rule.contents.length - 1].end === content.span.end;
      f.push(k`same=${same}|${variant}`);
    }
  }
  return f;
}

const BREAKS = new Set([',', ';', '—', '–', '(', ':']);

/**
 * The content's first inner break (comma, dash, conjunction) and what follows
 * it, and what follows its end: the ranker's view of where a content stops
 * ("…, which" and "…, bringing" end it; "…, and praised" often does).
 */
function boundaryKeys(k: KeyMaker, tokens: readonly Token[], from: number, to: number): FeatureKey[] {
  let crossed: FeatureKey[] = [k`cx=none`];
  for (let q = from + 1; q < to - 1; q++) {
    const t = tokens[q];
    if (!BREAKS.has(t.value) && t.pos !== 'CCONJ' && !(t.pos === 'SCONJ' && t.lower !== 'that')) continue;
    const after = tokens[q + 1];
    const mark = t.pos === 'CCONJ' || t.pos === 'SCONJ' ? t.lower : t.value;
    crossed = [k`cx=${mark}|${after.lower}`, k`cxp=${mark}|${after.pos}`];
    break;
  }
  const stop = tokens[to];
  const beyond = tokens[to + 1];
  return [
    ...crossed,
    k`cs2=${stop ? stop.value : '</s>'}|${beyond ? beyond.lower : '</s>'}`,
    k`cs2p=${stop ? stop.pos : '</s>'}|${beyond ? beyond.pos : '</s>'}`,
  ];
}

/** The content span of one reading; null when it would be empty. */
function contentFor(
  tokens: readonly Token[],
  a: number,
  b: number,
  c0: number,
  c1: number,
  right: TokenRange | null,
  left: TokenRange | null,
  side: ContentSide,
): Content | null {
  if (side === 'B') {
    let end = left ? Math.min(left.start, c0) : c0;
    while (end > a && (tokens[end - 1].value === ',' || QUOTE_MARKS.has(tokens[end - 1].value))) end--;
    let from = a;
    while (from < end && (tokens[from].pos === 'CCONJ' || tokens[from].value === '—' || QUOTE_MARKS.has(tokens[from].value))) from++;
    if (wordCount(tokens, from, end) < 2) return null;
    const span = tokenSpan(tokens, from, end);
    return span ? { span, spans: null, from, to: end, thatSkip: false } : null;
  }
  let from = right ? right.end : c1;
  while (from < b && (tokens[from].value === ',' || tokens[from].value === ':' || QUOTE_MARKS.has(tokens[from].value))) from++;
  let thatSkip = false;
  for (let q = from; q < Math.min(b, from + THAT_WINDOW); q++) {
    const t = tokens[q];
    if (t.lower === 'that' && (t.pos === 'SCONJ' || q === from)) {
      from = q + 1;
      thatSkip = true;
      break;
    }
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.value === ',' || t.value === '.') break;
  }
  let to = b;
  if (side === 'O') {
    // The object noun phrase alone: PolNeAR's contents of "hammered Bush throughout the campaign", "sued the DNC in court".
    const objectAt = tokens[from]?.pos === 'ADP' && from + 1 < b ? from + 1 : from;
    const object = thatSkip ? null : objectNounPhrase(tokens, objectAt, b);
    // Not when it ends where the clause does anyway (reading A or C covers it).
    if (!object || object.end >= b || wordCount(tokens, object.end, b) < 2 || BREAKS.has(tokens[object.end].value)) return null;
    from = object.start;
    to = object.end;
  } else if (side === 'C') {
    for (let q = from + 1; q < b; q++) {
      const v = tokens[q].value;
      if (v === ',' || v === ';' || v === '—' || v === '(') {
        to = q;
        break;
      }
    }
    if (to === b) return null;
  } else if (side === 'E') {
    // To the next coordinated clause: "congratulated her for her victory and praised her effort".
    for (let q = from + 2; q < b - 1; q++) {
      const t = tokens[q];
      const nextPos = tokens[q + 1].pos;
      if ((t.pos === 'CCONJ' && (nextPos === 'VERB' || nextPos === 'AUX' || tokens[q - 1].value === ',')) || (t.pos === 'SCONJ' && t.lower !== 'that')) {
        to = tokens[q - 1].value === ',' ? q - 1 : q;
        break;
      }
    }
    if (to === b) return null;
  }
  if (wordCount(tokens, from, to) < 1) return null;
  const span = tokenSpan(tokens, from, to);
  return span ? { span, spans: null, from, to, thatSkip } : null;
}

/**
 * The whole cue-less quotation next to the cue, when it reaches beyond this sentence or has
 * several parts (otherwise readings A and B hold it already): Q starts after the cue (and its
 * right speaker, a comma or colon: 'saying: "We won! Thanks …"'), U ends before it (and its left
 * speaker: "“A. B,” Tina Tchen, Mrs. Obama's chief of staff, said").
 */
function quotedContent(
  input: CandidateInputs,
  a: number,
  b: number,
  c0: number,
  c1: number,
  right: TokenRange | null,
  left: TokenRange | null,
  side: 'Q' | 'U',
): Content | null {
  const { tokens, skip, uncued } = input;
  if (!uncued || uncued.length === 0) return null;
  let at: number;
  let colon = false;
  if (side === 'Q') {
    at = right ? right.end : c1;
    while (at < b && (tokens[at].value === ',' || tokens[at].value === ':' || QUOTE_MARKS.has(tokens[at].value))) at++;
    if (at < b && skip[at] !== 2) {
      // A colon a few words on introduces it: "released the following statement: “…”".
      at = quotationAfterColon(tokens, skip, at, b);
      colon = true;
    }
    if (at >= b || skip[at] !== 2) return null;
  } else {
    at = (left ? Math.min(left.start, c0) : c0) - 1;
    while (at >= a && (tokens[at].value === ',' || QUOTE_MARKS.has(tokens[at].value) || tokens[at].value === "'")) at--;
    if (at < a || skip[at] !== 2) return null;
  }
  const q = uncuedAt(uncued, tokens[at].start);
  if (q < 0) return null;
  let parts = uncued[q].contents;
  // Its continuation opens the next sentence: "“A,” X said. “B.”" is one quotation.
  const next = side === 'U' ? uncued[q + 1] : undefined;
  if (next && b < tokens.length && next.contents[0].start <= tokens[Math.min(b + 2, tokens.length - 1)].start) parts = [...parts, ...next.contents];
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!colon && parts.length < 2 && first.start >= tokens[a].start && last.end <= tokens[b - 1].end) return null;
  const from = tokenAt(tokens, first.start);
  const to = tokenAt(tokens, last.end - 1) + 1;
  return { span: first, spans: parts, from, to, thatSkip: false };
}

const COLON_WINDOW = 15;

/** The first quoted token after a colon within a few tokens of `at` (b when there is none). */
function quotationAfterColon(tokens: readonly Token[], skip: Uint8Array, at: number, b: number): number {
  for (let q = at; q < Math.min(b, at + COLON_WINDOW); q++) {
    if (tokens[q].value !== ':') continue;
    let k = q + 1;
    while (k < b && (QUOTE_MARKS.has(tokens[k].value) || tokens[k].value === "'")) k++;
    return k < b && skip[k] === 2 ? k : b;
  }
  return b;
}

/** The index of the cue-less quotation with a part holding offset `at` (binary search on the first part's start), or -1. */
function uncuedAt(list: readonly Attribution[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].contents[0].start <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && list[lo - 1].contents.some((c) => c.start <= at && at < c.end) ? lo - 1 : -1;
}

const OBJECT_INNER_ADP = new Set(['of', 'for', 'from']);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);

/** A noun phrase with only "of/for/from" attachments ("his support of waterboarding"), not "in federal court". */
function objectNounPhrase(tokens: readonly Token[], i: number, hi: number): TokenRange | null {
  if (i >= hi) return null;
  // phraseStartingAt reads a pronoun alone; a possessive one opens a longer phrase ("his support of …").
  const owner = POSSESSIVE_PRONOUNS.has(tokens[i].lower) && i + 1 < hi;
  const np = owner ? phraseStartingAt(tokens, i + 1, hi) : phraseStartingAt(tokens, i, hi);
  if (!np) return null;
  if (owner) np.start = i;
  for (let q = np.start + 1; q < np.end; q++) {
    const t = tokens[q];
    if (t.pos === 'ADP' && !OBJECT_INNER_ADP.has(t.lower)) return { start: np.start, end: q };
  }
  return np;
}
