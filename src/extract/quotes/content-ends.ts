import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Sentence, type Token, tokenAt } from '../../document/segment.js';
import { type Attribution, lineBreakBetween, tokenSpan } from './attribution.js';
import { stem } from './cue-candidates.js';
import { type FeatureKey, hashKeys, hashRange, type KeyMaker, WeightTable } from './feature-key.js';

/**
 * Where a reported content after its cue ends. The reading ranker
 * (cue-candidates.ts, triple-model.ts) offers only a few ends (the sentence
 * end, the first comma, the first coordinated clause), and on the PolNeAR train
 * slice most predictions with the right cue but the wrong content start right
 * and end wrong: at a later comma, before a coordinated or subordinate clause
 * ("…, and her aides praised …", "… while wages stayed flat"), or a sentence
 * later (a colon-introduced transcript). This small ranker looks at every
 * plausible end of a chosen content — each break in the sentence (punctuation,
 * conjunction, subordinator, relative pronoun), the sentence end and the end of
 * the next sentence of the paragraph — and picks one. Trained on PolNeAR train
 * by scripts/quotes/train-content-ends.ts and shipped as
 * data/models/quotes/content-ends.tsv (feature<TAB>weight).
 *
 * Train slice (a 4/5-trained end ranker over the 4/5-trained triples model):
 * content F1 0.656 → 0.671, attribution F1 0.607 → 0.622 (P 0.713 → 0.726,
 * R 0.528 → 0.545). With the best end of the candidates (an oracle, over an earlier, larger candidate set) it
 * would be 0.672. Ends before a preposition ("… | in their final debate") were
 * candidates too: no gain, a third more candidates; two later sentences
 * instead of one: no gain.
 *
 * Session 7 (train slice, 4/5-trained triples and end models, stage order):
 * the end ranker took attribution F1 0.6207 → 0.6332; keeping an end it does
 * not offer (reading O's object) 0.6361; the break's two sides' POS, the shape
 * of the part after it (a new subject-verb clause, an -ing clause, a second
 * attribution) and its length 0.6399 (held-out end accuracy 0.885 → 0.895).
 *
 * Session 10 (train slice, the fixed 4/5-trained triples model of that
 * session, 4/5-trained end models; right / predicted of 4,098 gold): the
 * session's code 2,355 / 3,110 (F1 0.6534, held-out end accuracy 0.894); the
 * mean of five perceptrons in different example orders (the training script's
 * SEEDS) alone 2,353 / 3,114 (0.892); with a verb after a break compared with
 * the cue's and the content's verb forms ("noted [that …] and quoted"), a cue
 * inside a fronted subordinate or relative clause, the next break after a
 * break, the last break for the sentence end and a pronoun-subject part shape:
 * 2,369 / 3,120 (F1 0.6564, end accuracy 0.902). Dev attribution F1 0.640
 * either way (1,245 → 1,246 right). The cue stem conjoined with the part
 * shape, and the word after a break conjoined with it, lowered the end
 * accuracy (0.898); margins 0–6 against 3: no better.
 *
 * Session 11 (train slice, 4/5-trained end models over the 4/5-trained
 * triples models of two shuffle seeds; right / predicted of 4,098 gold): a
 * reporting verb after a break (a second cue of the same speaker: "says [she
 * respects …] but argues that …", rated by the cue lexicons) and a content
 * that follows "that" (a clause, which needs its verb) took the held-out end
 * accuracy 0.902 → 0.904 and the slice 2,376 / 3,092 → 2,383 / 3,098 and
 * 2,374 / 3,109 → 2,384 / 3,117 (margin 3); either feature alone did not
 * help (2,379 and 2,375). The auxiliary before the cue compared with the
 * verb after a break ("has asked … and has characterized"): no change.
 *
 * Session 12 (the same slice and seeds): this ranker's opinion of each reading's
 * end (its own end scored best, or 1, 2, 4 or more below the best) as a
 * reading-ranker feature. With the 4/5-trained end model for every article:
 * 2,430 / 3,199 and 2,428 / 3,207; cross-fitted (five end models, each
 * without a fifth of the training articles, each scoring that fifth): 2,423 /
 * 3,195 and 2,418 / 3,172; without the feature 2,423 / 3,177 and 2,416 /
 * 3,176. F1 moved by at most 0.0016 either way: not kept; the end ranker,
 * run after the reading ranker, already uses what the opinion knows.
 */

/** One possible end of a content: tokens `[from, to)`, with what its features need (counted in one pass). */
export interface EndCandidate {
  to: number;
  /** What ends it: a break token's class ("," "CC:and" "SC:while" …), "S" (its sentence's end) or "N1"… (a later sentence's end). */
  kind: string;
  /** The kind's family: "P" (punctuation), "CC", "SC", "REL", "S" or "N". */
  family: string;
  /** How many breaks lie before this one inside the content. */
  ordinal: number;
  /** Words of the content inside its sentence. */
  words: number;
  /** The content (inside its sentence) holds a verb. */
  verb: boolean;
  /** An odd number of quotation marks lies in the content: the end would cut a quotation. */
  quoteOpen: boolean;
  /** A break: the part after it, up to the next break, holds a verb (a new clause rather than an adjunct). */
  nextVerb: boolean;
  /** A break: no other break follows before the sentence end. */
  last: boolean;
  /** A break: a verb follows it in the sentence. */
  restVerb: boolean;
  /** A break: the shape of the part after it (partShape), "" for the others. */
  nextShape: string;
  /** A break: words of the part after it, up to the next break. */
  nextWords: number;
  /** The form (verbForm) of the content's first verb, "-" without one. */
  contentForm: string;
  /** A break: the form of the first verb of the part after it, "-" without one. */
  nextForm: string;
  /**
   * A break: how likely the first verb of the part after it is a reporting cue
   * itself (cueLikelihood: 0 no, 1 a hand-lexicon verb only, 2 a learned cue,
   * 3 a frequent one): "says [she respects …] but argues that …" — the second
   * cue is the speaker's, and the first content ends before it.
   */
  nextCue: number;
  /**
   * A break: the kind and part shape of the next break offered ("" when the
   * sentence end follows); the sentence end: those of the last break. One
   * string (a key takes at most four values).
   */
  nextBreak: string;
}

/** How likely the verb at token `q` (of a sentence ending before `b`) is a reporting cue: 0–3 (EndCandidate.nextCue). */
export type CueLikelihood = (tokens: readonly Token[], q: number, b: number) => number;
const noCues: CueLikelihood = () => 0;

/** The end candidates of one content and what the sentence holds from the content's start on. */
export interface EndScan {
  candidates: EndCandidate[];
  /** Words from the content's start to the sentence end. */
  words: number;
  /** An odd number of quotation marks from the content's start to the sentence end. */
  quoteOpen: boolean;
  /** The highest nextCue of the breaks: the sentence end would take in a second cue's clause. */
  cueAfterBreak: number;
}

const BREAK_PUNCT = new Set([',', ';', '—', '–', '(', ':', '-', '--']);
const RELATIVE = new Set(['which', 'who', 'whom', 'whose', 'where']);
const QUOTE_MARKS = new Set(['“', '”', '"', '„', '«', '»', "''", '``']);
/** At most this many later sentences of the same paragraph may continue a content. */
const MAX_LATER = 1;
/** At most this many breaks inside the sentence are offered (the nearest ones). */
const MAX_BREAKS = 14;

/** Punctuation tokens (the segmenter's kind) are the only ones whose value is looked up in the sets. */
const isPunct = (t: Token) => t.kind === 'punctuation';

function isBreak(t: Token): boolean {
  if (isPunct(t)) return BREAK_PUNCT.has(t.value);
  switch (t.pos) {
    case 'CCONJ':
      return true;
    case 'SCONJ':
      return t.lower !== 'that';
    case 'PRON':
    case 'ADV':
    case 'DET':
      return RELATIVE.has(t.lower);
    default:
      return false;
  }
}

/** The class of a break token (isBreak). */
function breakKind(t: Token): string {
  if (isPunct(t)) return t.value === '--' || t.value === '–' ? '—' : t.value;
  return `${breakFamily(t)}:${t.lower}`;
}

function breakFamily(t: Token): string {
  if (isPunct(t)) return 'P';
  return t.pos === 'CCONJ' ? 'CC' : t.pos === 'SCONJ' ? 'SC' : 'REL';
}

const isVerb = (t: Token) => t.pos === 'VERB' || t.pos === 'AUX';
const isWord = (t: Token) => t.kind === 'word' || t.kind === 'number';

/** The first verb of the part from token `from` (after a conjunction that opens it: ", and officials agreed"), up to the next clause break; -1 without one. */
function partVerb(tokens: readonly Token[], from: number, b: number): number {
  const start = from < b && tokens[from].pos === 'CCONJ' ? from + 1 : from;
  for (let q = start; q < b; q++) {
    const t = tokens[q];
    if (isVerb(t)) return q;
    if ((isPunct(t) && BREAK_PUNCT.has(t.value)) || t.pos === 'CCONJ') return -1;
  }
  return -1;
}

const MODAL = new Set(['will', 'would', 'can', 'could', 'may', 'might', 'shall', 'should', 'must', "'ll", "'d", 'wo', 'ca']);
/** Common irregular past forms (the regular ones end in -ed). */
const IRREGULAR_PAST = new Set([
  'was',
  'were',
  'had',
  'did',
  'said',
  'told',
  'made',
  'took',
  'gave',
  'went',
  'came',
  'thought',
  'felt',
  'knew',
  'saw',
  'found',
  'got',
  'kept',
  'left',
  'held',
  'brought',
  'met',
  'sent',
  'spent',
  'won',
  'lost',
  'paid',
  'led',
  'ran',
  'wrote',
  'became',
  'began',
  'spoke',
  'chose',
  'stood',
  'heard',
  'meant',
  'built',
  'sought',
  'fought',
  'taught',
  'bought',
]);

/**
 * A crude form of the verb at token `q`, from its spelling: "d" past, "z" third
 * person present, "g" -ing, "m" modal, "i" after "to", "b" another (base)
 * form. A verb coordinated after the content ("noted [that …] and quoted",
 * "believe [debt relief is possible] and have been calling") shares the form
 * of the cue when it is the cue subject's second verb, and that of the
 * content's verb when it continues the content.
 */
export function verbForm(tokens: readonly Token[], q: number): string {
  const w = tokens[q].lower;
  if (q > 0 && tokens[q - 1].lower === 'to') return 'i';
  if (MODAL.has(w)) return 'm';
  if (w.endsWith('ed') || IRREGULAR_PAST.has(w)) return 'd';
  if (w.endsWith('ing')) return 'g';
  if (w === "'s" || (w.length > 2 && w.endsWith('s') && !w.endsWith('ss')) || w === 'is' || w === 'has') return 'z';
  return 'b';
}

/** Subordinators that open a clause fronted before the main one ("Although he said …, the party …"). */
const FRONTING = new Set([
  'if',
  'although',
  'though',
  'while',
  'as',
  'since',
  'after',
  'before',
  'when',
  'because',
  'unless',
  'until',
  'whereas',
  'despite',
  'once',
  'whether',
]);

/**
 * What opens the clause of a cue starting at token `c0`, looking back to the
 * nearest comma or the sentence start: "sc" a subordinator ("Ever since news
 * broke that …, officials have been"), "rel" a relative pronoun ("Smith, who
 * said …, has"), "-" neither. In the first two the content usually ends where
 * the main clause goes on.
 */
export function cueClauseOpener(tokens: readonly Token[], sentences: readonly Sentence[], c0: number): string {
  const s0 = sentences[tokens[c0].sentence].tokenStart;
  for (let q = c0 - 1; q >= s0; q--) {
    const t = tokens[q];
    if (isPunct(t) && t.value === ',') return '-';
    if ((t.pos === 'SCONJ' || t.pos === 'ADP') && FRONTING.has(t.lower)) return 'sc';
    if (t.pos !== 'ADP' && RELATIVE.has(t.lower)) return 'rel';
  }
  return '-';
}

/** The form (verbForm) of the first verb among tokens `[start, end)` (a cue), "x" without one ("according to", "views of"). */
export function cueVerbForm(tokens: readonly Token[], start: number, end: number): string {
  for (let q = start; q < end; q++) if (isVerb(tokens[q])) return verbForm(tokens, q);
  return 'x';
}

/** Reporting words that open a second attribution after a break (", he added", ", according to"). */
const REPORTING = new Set([
  'said',
  'says',
  'say',
  'added',
  'adding',
  'according',
  'told',
  'saying',
  'noted',
  'noting',
  'wrote',
  'writes',
  'argued',
  'claimed',
  'explained',
  'insisted',
]);
const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON', 'NUM']);

/**
 * The shape of the part after a break, up to the next clause break: "sv" a
 * subject then a verb (a new clause: ", government officials have been
 * monitoring"), "g" an -ing verb first (", bringing the total"), "v" another
 * verb first, "r" a reporting word (", he added", ", according to"), "n" no verb;
 * "pv" a pronoun subject then its verb (", and he's even springing").
 */
function partShape(tokens: readonly Token[], from: number, b: number): string {
  const start = from < b && tokens[from].pos === 'CCONJ' ? from + 1 : from;
  let nominal = false;
  for (let q = start; q < b; q++) {
    const t = tokens[q];
    if (REPORTING.has(t.lower)) return 'r';
    if (isVerb(t)) return nominal ? (q === start + 1 && tokens[start].pos === 'PRON' ? 'pv' : 'sv') : t.lower.endsWith('ing') ? 'g' : 'v';
    if ((isPunct(t) && BREAK_PUNCT.has(t.value)) || t.pos === 'CCONJ') return 'n';
    if (NOMINAL.has(t.pos)) nominal = true;
  }
  return 'n';
}

/**
 * Words from `from` up to the next break (or the sentence end): 0 when another
 * break follows at once (", and …"; counting past the conjunction measured
 * slightly worse on the train slice, 2,317 → 2,310 right).
 */
function partWords(tokens: readonly Token[], from: number, b: number): number {
  let n = 0;
  for (let q = from; q < b && !isBreak(tokens[q]); q++) if (isWord(tokens[q])) n++;
  return n;
}

/**
 * The ends offered for a content starting at token `from` of sentence `si`:
 * every break of the sentence after the content's first word (at most
 * MAX_BREAKS; not one right after another), the sentence end, and the ends of
 * up to MAX_LATER following sentences that sit in the same paragraph. One
 * pass over the sentence counts what the features need.
 */
export function contentEnds(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  from: number,
  si: number,
  cueAt: CueLikelihood = noCues,
): EndScan {
  const b = sentences[si].tokenEnd;
  const candidates: EndCandidate[] = [];
  let words = 0;
  let verb = false;
  let quotes = 0;
  let lastBreakAt = -1;
  let lastVerbAt = -1;
  let contentForm = '-';
  for (let q = from; q < b; q++) {
    const t = tokens[q];
    if (q > from && q < b - 1 && isBreak(t)) {
      lastBreakAt = q;
      const prev = candidates[candidates.length - 1];
      // "Smith, Jones and Brown": a break right after another break offers nothing new.
      if (candidates.length < MAX_BREAKS && !(prev && prev.to === q - 1)) {
        const nextVerbAt = partVerb(tokens, q + 1, b);
        candidates.push({
          to: q,
          kind: breakKind(t),
          family: breakFamily(t),
          ordinal: candidates.length,
          words,
          verb,
          quoteOpen: quotes % 2 === 1,
          nextVerb: nextVerbAt >= 0,
          last: false,
          restVerb: false,
          nextShape: partShape(tokens, q + 1, b),
          nextWords: partWords(tokens, q + 1, b),
          contentForm,
          nextForm: nextVerbAt >= 0 ? verbForm(tokens, nextVerbAt) : '-',
          nextCue: nextVerbAt >= 0 ? cueAt(tokens, nextVerbAt, b) : 0,
          nextBreak: '',
        });
      }
    }
    if (isWord(t)) words++;
    if (isVerb(t)) {
      if (!verb) contentForm = verbForm(tokens, q);
      verb = true;
      lastVerbAt = q;
    }
    if (isPunct(t) && QUOTE_MARKS.has(t.value)) quotes++;
  }
  let cueAfterBreak = 0;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    c.last = c.to === lastBreakAt;
    c.restVerb = lastVerbAt > c.to;
    const n = candidates[i + 1];
    if (n) c.nextBreak = `${n.kind}|${n.nextShape}`;
    if (c.nextCue > cueAfterBreak) cueAfterBreak = c.nextCue;
  }
  const scan: EndScan = { candidates, words, quoteOpen: quotes % 2 === 1, cueAfterBreak };
  const ordinal = candidates.length;
  const lastBreak = candidates[ordinal - 1];
  candidates.push({
    to: b,
    kind: 'S',
    family: 'S',
    ordinal,
    words,
    verb,
    quoteOpen: scan.quoteOpen,
    nextVerb: false,
    last: false,
    restVerb: false,
    nextShape: '',
    nextWords: 0,
    contentForm,
    nextForm: '-',
    nextCue: 0,
    nextBreak: lastBreak ? `${lastBreak.kind}|${lastBreak.nextShape}` : '',
  });
  for (let n = 1; n <= MAX_LATER && si + n < sentences.length; n++) {
    const s = sentences[si + n];
    if (lineBreakBetween(text, sentences[si + n - 1].end, s.start)) break;
    for (let q = s.tokenStart; q < s.tokenEnd; q++) if (isPunct(tokens[q]) && QUOTE_MARKS.has(tokens[q].value)) quotes++;
    candidates.push({
      to: s.tokenEnd,
      kind: `N${n}`,
      family: 'N',
      ordinal,
      words,
      verb,
      quoteOpen: quotes % 2 === 1,
      nextVerb: false,
      last: false,
      restVerb: false,
      nextShape: '',
      nextWords: 0,
      contentForm,
      nextForm: '-',
      nextCue: 0,
      nextBreak: '',
    });
  }
  return scan;
}

function bucket(n: number, edges: readonly number[]): number {
  let k = 0;
  while (k < edges.length && n > edges[k]) k++;
  return k;
}

/** What a cue's content end is judged on, shared by all its candidates. */
export interface EndContext {
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  /** First content token. */
  from: number;
  /** The content's sentence. */
  si: number;
  /** The cue's crude stem (cue-candidates.ts `stem`). */
  cueStem: string;
  /** The form of the cue's verb (cueVerbForm). */
  cueForm: string;
  /** What opens the clause the cue sits in (cueClauseOpener). */
  opener: string;
  /** A colon lies between the cue and the content ("called them on it: …", "Matthews: …"). */
  colon: boolean;
  /** The content follows "that" ("suggests that globalization and … have contributed"): a clause, which needs its verb. */
  that: boolean;
  /** familyKeys' memo (one context is used with one key maker). */
  familyCache?: Map<string, readonly FeatureKey[]>;
}

/**
 * The features of a candidate that depend only on its family and on the
 * content (the cue's stem, the content's first word, a colon), built once per
 * family and first-break flag for a content's candidates.
 */
function familyKeys(k: KeyMaker, ctx: EndContext, c: EndCandidate): readonly FeatureKey[] {
  const first = c.ordinal === 0;
  const slot = `${c.family}${first ? '0' : '1'}`;
  ctx.familyCache ??= new Map();
  let keys = ctx.familyCache.get(slot);
  if (!keys) {
    keys = [k`kc=${c.family}|st=${ctx.cueStem}|o=${first ? 0 : 1}`, k`kc=${c.family}|cf=${ctx.tokens[ctx.from].pos}|colon=${ctx.colon}`];
    ctx.familyCache.set(slot, keys);
  }
  return keys;
}

/** Features of one end candidate (strings when training, numbers in the stage). */
export function endFeatures(k: KeyMaker, ctx: EndContext, scan: EndScan, c: EndCandidate): FeatureKey[] {
  const { tokens, sentences, si } = ctx;
  const b = sentences[si].tokenEnd;
  const cls = c.family;
  const later = cls === 'N';
  const kind = later ? 'N' : c.kind;
  const words = c.words;
  // Few features, several facts each: the stage hashes every one for every end candidate.
  const f: FeatureKey[] = [
    k`k=${c.kind}`,
    k`kc=${cls}|o=${Math.min(c.ordinal, 3)}|last=${c.last}`,
    k`kc=${cls}|w=${bucket(words, [1, 2, 4, 8, 16, 30])}|rw=${bucket(scan.words - words, [1, 3, 6, 12])}`,
    ...familyKeys(k, ctx, c),
    k`kc=${cls}|oq=${c.quoteOpen}`,
    k`kc=${cls}|that=${ctx.that}|v=${c.verb}`,
  ];
  if (later || c.kind === 'S') {
    const last = tokens[b - 1];
    f.push(k`${kind}|se=${last.value}|v=${c.verb}`);
    f.push(k`${kind}|op=${ctx.opener}`);
    // What the sentence end would take in after the last break (", he added"; ", according to …"; ", doing little …").
    if (!later) f.push(k`S|lb=${c.nextBreak}`, k`S|cb=${scan.cueAfterBreak}|v=${c.verb}`);
    if (later) {
      const first = tokens[sentences[si + 1].tokenStart];
      f.push(k`N|nf=${QUOTE_MARKS.has(first.value) ? 'q' : first.pos}|oq=${scan.quoteOpen}|colon=${ctx.colon}`);
    }
    return f;
  }
  const after = tokens[c.to + 1];
  const before = tokens[c.to - 1];
  const after2 = c.to + 2 < b ? tokens[c.to + 2] : null;
  f.push(
    k`k=${kind}|n=${after.lower}`,
    k`kc=${cls}|np2=${after.pos}|${after2 ? after2.pos : '</s>'}`,
    k`k=${kind}|pb=${before.lower}`,
    k`k=${kind}|v=${c.verb}|${c.restVerb}|${c.nextVerb}`,
  );
  // What the break separates ("large, but insufficient, majorities": ADJ | ADJ) and what follows it: a new
  // clause with its own subject, an -ing clause, a second attribution (", he added"), a short apposition.
  f.push(k`k=${kind}|pp=${before.pos}|${after.pos}`, k`k=${kind}|ns=${c.nextShape}`, k`kc=${cls}|nl=${bucket(c.nextWords, [1, 2, 4, 8])}|${c.nextShape}`);
  // "the pipeline, which Republicans support, would not go": a content without its verb yet, resumed after an inserted part.
  f.push(k`k=${kind}|cv=${c.verb}|${c.nextShape}|then=${c.nextBreak}`);
  // A cue inside a fronted subordinate or relative clause: its content ends where the main clause goes on.
  if (ctx.opener !== '-') f.push(k`k=${kind}|op=${ctx.opener}|${c.nextShape}|${c.restVerb}`);
  // Whose second verb follows the break: the cue subject's (same form as the cue) or the content's.
  if (c.nextCue > 0) f.push(k`k=${kind}|nc=${c.nextCue}|${c.nextShape}`, k`kc=${cls}|nc=${c.nextCue}|agr=${c.nextForm === ctx.cueForm}`);
  if (c.nextForm !== '-') {
    const cue = ctx.cueForm;
    f.push(k`k=${kind}|agr=${c.nextForm === cue}|${c.nextForm === c.contentForm}|${c.nextShape}`, k`kc=${cls}|fm=${cue}|${c.contentForm}|${c.nextForm}`);
  }
  return f;
}

/**
 * The reading ranker's own end is kept unless another end scores this much
 * higher: on the PolNeAR train slice (with an earlier feature set) attribution
 * F1 0.607 (no end ranker) → 0.619 (margin 0), 0.621 (2 and 3), 0.620 (4);
 * with session 7's features 0.622 at 2 and 3. Session 11 (the second-cue
 * and "that" features; 4/5-trained triples models of two shuffle seeds,
 * right of 4,098): one margin 3 gave 2,383 and 2,384, 2 gave 2,387 and
 * 2,386, 1 gave 2,389 and 2,387, 0 gave 2,382 (seed 12345). The sentence end
 * is the reading ranker's default (reading A), a break its deliberate choice
 * (readings C and E): a margin of 1 for the first and 4 for the second gave
 * 2,393 and 2,391 (0.5 and 4: 2,392 and 2,393; 1 and 2: 2,390 and 2,389).
 */
export const CONTENT_END_MARGINS: EndMargins = { sentenceEnd: 1, other: 4 };

/** How much better another end must score to replace the reading's own end, by what that end is. */
export interface EndMargins {
  /** The own end is the sentence end. */
  sentenceEnd: number;
  /** The own end is a break or a later sentence's end. */
  other: number;
}

/** The content-end ranker: feature number → weight. */
export interface ContentEndModel {
  weights: WeightTable;
}

/**
 * Index of the best-scoring end candidate (the first on ties); the reading's
 * own end (`current`, -1 when it is not a candidate) is kept unless another
 * beats it by more than its margin.
 */
export function bestEnd(model: ContentEndModel, ctx: EndContext, scan: EndScan, current: number, margins: EndMargins): number {
  const { candidates } = scan;
  let best = 0;
  let top = Number.NEGATIVE_INFINITY;
  let own = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < candidates.length; i++) {
    let s = 0;
    const features = endFeatures(hashKeys, ctx, scan, candidates[i]);
    for (let j = 0; j < features.length; j++) s += model.weights.get(features[j] as number);
    if (i === current) own = s;
    if (s > top) {
      top = s;
      best = i;
    }
  }
  if (current < 0) return best;
  return top - own <= (candidates[current].kind === 'S' ? margins.sentenceEnd : margins.other) ? current : best;
}

export function parseContentEndModel(tsv: string): ContentEndModel {
  const lines = tsv.split('\n').filter((l) => l.length > 0 && !l.startsWith('#'));
  const weights = new WeightTable(lines.length);
  for (const line of lines) {
    const tab = line.lastIndexOf('\t');
    const w = Number(line.slice(tab + 1));
    if (tab <= 0 || !Number.isFinite(w)) throw new Error(`content-ends model: bad row ${JSON.stringify(line)}`);
    weights.set(hashRange(line, 0, tab), w);
  }
  return { weights };
}

export function loadContentEndModel(dataDir: string): ContentEndModel {
  return parseContentEndModel(readFileSync(path.join(dataDir, 'models', 'quotes', 'content-ends.tsv'), 'utf8'));
}

/** Picks one of a content's end candidates (the model; the scratch oracle in training). */
export type EndChooser = (ctx: EndContext, scan: EndScan, current: number) => number;

/**
 * What the end of a content starting at token `from` is judged on, for a cue
 * `[c0, c1)` before it in the same sentence (the stage and the training script
 * build it here, so that both see the same context).
 */
export function endContext(tokens: readonly Token[], sentences: readonly Sentence[], c0: number, c1: number, from: number): EndContext {
  let colon = tokens[c1 - 1].value === ':';
  for (let q = c1; q < from && !colon; q++) if (tokens[q].value === ':') colon = true;
  return {
    tokens,
    sentences,
    from,
    si: tokens[from].sentence,
    cueStem: stem(tokens[c0].lower),
    cueForm: cueVerbForm(tokens, c0, c1),
    opener: cueClauseOpener(tokens, sentences, c0),
    colon,
    that: from > c1 && tokens[from - 1].lower === 'that',
  };
}

/**
 * Re-chooses the end of every chosen reading whose single content follows its
 * cue in the cue's sentence; other readings are returned as they are. The
 * content keeps its start; the chosen end drops trailing punctuation
 * (tokenSpan).
 */
export function refineContentEnds(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  attributions: readonly Attribution[],
  choose: EndChooser,
  cueAt: CueLikelihood = noCues,
): Attribution[] {
  const refine = (a: Attribution): Attribution => {
    if (!a.cue || a.contents.length !== 1) return a;
    const c1 = a.cue.tokens.end;
    const from = tokenAt(tokens, a.contents[0].start);
    const si = tokens[from].sentence;
    if (from < c1 || si !== tokens[c1 - 1].sentence) return a;
    const ctx = endContext(tokens, sentences, a.cue.tokens.start, c1, from);
    const scan = contentEnds(text, tokens, sentences, from, si, cueAt);
    const end = a.contents[0].end;
    if (scan.candidates.length === 1) return a;
    const current = scan.candidates.findIndex((c) => tokenSpan(tokens, from, c.to)?.end === end);
    // An end the ranker does not offer (the object noun phrase of reading O: "criticized the NRA | in
    // February") is the reading ranker's deliberate choice: kept (train slice F1 0.6332 → 0.6361).
    if (current < 0) return a;
    const chosen = scan.candidates[choose(ctx, scan, current)];
    const span = tokenSpan(tokens, from, chosen.to);
    if (!span || (span.start === a.contents[0].start && span.end === a.contents[0].end)) return a;
    // Written out rather than `{ ...a, … }`: a spread object gets another hidden class than the
    // attributions built as literals, and the quote stage's code would be deoptimised on it.
    return { kind: a.kind, contents: [span], cue: a.cue, speaker: a.speaker, reasons: [...a.reasons, `content-end-${chosen.kind}`] };
  };
  // A loop rather than map(): map's arrays change elements kind between the engine's tiers,
  // and the quote stage's code that reads this list would be deoptimised on the two shapes.
  const out: Attribution[] = [];
  for (const a of attributions) out.push(refine(a));
  return out;
}
