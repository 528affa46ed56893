import { type Sentence, type Token, tokenAt } from '../../document/segment.js';
import type { Span, TextSpan } from '../../document/span.js';
import { partitionPoint } from '../../document/span.js';
import type { AnalysisContext, Resources, Stage } from '../../pipeline/context.js';
import type { Entity, Quote } from '../../schema/analysis.js';
import type { Attribution } from './attribution.js';
import { bestEnd, CONTENT_END_MARGINS, type ContentEndModel, type CueLikelihood, loadContentEndModel, refineContentEnds } from './content-ends.js';
import { includeLeadingThat } from './content-start.js';
import { buildCandidates, type Candidate } from './cue-candidates.js';
import { cueLikelihood } from './cue-lookup.js';
import { attributeDirectQuotes, type DirectQuoteResult } from './direct-quotes.js';
import { type LearnedCueIndex, loadLearnedCues } from './learned-cues.js';
import { loadQuoteLexicon, type QuoteLexicon } from './lexicon.js';
import { findQuotedSpans } from './quote-marks.js';
import { findReportedSpeech } from './reported-speech.js';
import { isRelativePronoun, isResolvablePronoun, MentionIndex, type PriorSpeaker, resolvePronoun } from './speaker-entity.js';
import { chooseReadingsOfIds, cueScoreOfIds, loadTripleModel, type TripleModel } from './triple-model.js';

declare module '../../pipeline/context.js' {
  interface Resources {
    quoteLexicon: QuoteLexicon;
    learnedCues: LearnedCueIndex;
    tripleModel: TripleModel;
    contentEndModel: ContentEndModel;
    /** How likely a verb is a reporting cue, from the two cue lexicons (the content-end ranker's second-cue feature). */
    contentEndCues: CueLikelihood;
  }
  interface AnalysisContext {
    /**
     * Quoted spans that are not quotations (scare quotes, titles: “strategic
     * depth”, “October Revolution”), for the rhetoric stage. Set by the quotes stage.
     */
    scareQuotes?: TextSpan[];
  }
}

/**
 * A cue whose identity features alone score this far below the cue threshold is
 * dropped before its context features are built (speed). Context rarely lifts a
 * cue this far: 30 left the train-slice F1 unchanged (15 cost 0.016).
 */
export const CUE_EARLY_MARGIN = 30;

/** Learned cue phrases rarer than this as cues are not looked up (chosen on the train slice). */
export const LEARNED_CUE_MIN_PRECISION = 0.3;

/**
 * Direct quotations and reported speech with their cue, speaker and speaker
 * entity. Writes `ctx.out.quotes` (one item per contiguous content part; the
 * parts of one quotation share their cue and speaker, and their ids share a
 * prefix: `q3`, `q3.2`) and `ctx.scareQuotes`.
 */
export const quotesStage: Stage = {
  name: 'quotes',
  load: (options): Partial<Resources> => {
    const quoteLexicon = loadQuoteLexicon(options.dataDir);
    const learnedCues = loadLearnedCues(options.dataDir, LEARNED_CUE_MIN_PRECISION);
    return {
      quoteLexicon,
      learnedCues,
      tripleModel: loadTripleModel(options.dataDir),
      contentEndModel: loadContentEndModel(options.dataDir),
      contentEndCues: cueLikelihood(quoteLexicon, learnedCues),
    };
  },
  run(ctx) {
    const found = extractAttributions(ctx);
    ctx.out.quotes = toQuotes(ctx, found.attributions);
    ctx.scareQuotes = found.scare.map((s) => ({ start: s.start, end: s.end, text: ctx.doc.text.slice(s.start, s.end) }));
  },
};

interface Extracted {
  attributions: Attribution[];
  scare: Span[];
}

function extractAttributions(ctx: AnalysisContext): Extracted {
  const { direct, skip, rules } = ruleAttributions(ctx.doc.text, ctx.tokens, ctx.sentences, ctx.res.quoteLexicon);
  const model = ctx.res.tripleModel;
  const candidates = buildCandidates({
    tokens: ctx.tokens,
    sentences: ctx.sentences,
    skip,
    lex: ctx.res.quoteLexicon,
    learned: ctx.res.learnedCues,
    rules,
    uncued: direct.quotes.filter((q) => q.cue === null),
    // Features as the model's ids (scored by array reads; the training script builds strings).
    keys: model.ids.keys,
    rejectEarly: (identity) => cueScoreOfIds(model, identity) + CUE_EARLY_MARGIN <= model.cueThreshold,
    scoreCue: (features) => cueScoreOfIds(model, features),
    cueFloor: model.cueThreshold,
  });
  const endModel = ctx.res.contentEndModel;
  // A quotation whose cue was not found is not reported as a quote (nor as a scare quote):
  // on the PolNeAR train slice, cue-less quotations (given no speaker, or the previous
  // paragraph's speaker) were right 2 times in 275 — their real cue lies further away
  // than the rules look, or they are a phrase inside reported speech.
  const kept = attributedDirect(direct.quotes);
  const chosen = refineContentEnds(
    ctx.doc.text,
    ctx.tokens,
    ctx.sentences,
    chooseReadingsOfIds(readingsBesideQuotes(candidates, kept), model),
    (endCtx, scan, current) => bestEnd(endModel, endCtx, scan, current, CONTENT_END_MARGINS),
    ctx.res.contentEndCues,
  );
  // An end the end ranker moved may meet a quotation too.
  const indirect = includeLeadingThat(
    ctx.tokens,
    dropDuplicates(chosen).filter((a) => !kept.some((d) => sameContent(d, a))),
  );
  // Scare quotes are judged against the hand rules' readings only: a learned reading
  // ("so-called …") may take in a scare quote, which stays one for the rhetoric stage.
  const ruleCovered = rules.flatMap((a) => a.contents).sort((x, y) => x.start - y.start);
  const scare = direct.unattributed.filter((s) => !coveredBy(ruleCovered, s));
  const attributions = [...kept, ...indirect].sort((x, y) => x.contents[0].start - y.contents[0].start);
  return { attributions, scare };
}

/**
 * The candidate readings the ranker chooses among: not those that read a reported quotation
 * again through another cue ("X told Fox News: “…”" via the colon; "…, Spicer said, adding,
 * “…”" via "said"), so that such a cue keeps its best other reading. Shared with the training
 * script's report.
 */
export function readingsBesideQuotes(candidates: readonly Candidate[], kept: readonly Attribution[]): readonly Candidate[] {
  return kept.length === 0 ? candidates : candidates.filter((c) => !kept.some((d) => sameContent(d, c.attribution)));
}

/** The direct quotations that are reported: those with a cue (see extractAttributions). */
export function attributedDirect(quotes: readonly Attribution[]): Attribution[] {
  return quotes.filter((q) => q.cue !== null);
}

/**
 * What the hand rules find: direct quotations, the tokens they cover (not
 * searched again), and reported speech. Shared with the training script.
 */
export function ruleAttributions(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  lex: QuoteLexicon,
): { direct: DirectQuoteResult; skip: Uint8Array; rules: Attribution[] } {
  const direct = attributeDirectQuotes(text, tokens, findQuotedSpans(text), lex);
  // Tokens inside a quotation, or used as its cue, are not searched for reported speech.
  // A quotation without its cue stays open to reported speech around it ('X was prompted
  // to say “…”'); its tokens are only marked (2) so the cue classifier knows they are quoted.
  const skip = new Uint8Array(tokens.length);
  for (const q of direct.quotes) {
    const mark = q.cue === null ? 2 : 1;
    for (const c of q.contents) {
      for (let k = tokenAt(tokens, c.start); k < tokens.length && tokens[k].start < c.end; k++) skip[k] = skip[k] === 1 ? 1 : mark;
    }
  }
  for (const k of direct.usedCues) skip[k] = 1;
  const rules: Attribution[] = [];
  for (const s of sentences) for (const a of findReportedSpeech(tokens, s, lex, skip)) rules.push(a);
  return { direct, skip, rules };
}

/** Two cues read as the same content (IoU ≥ 0.5): keep the first, one quotation is reported once. */
export function dropDuplicates(list: readonly Attribution[]): Attribution[] {
  const kept: Attribution[] = [];
  for (const a of list) if (!kept.some((k) => sameContent(k, a))) kept.push(a);
  return kept;
}

/** Do two attributions read the same content (first parts overlap by at least half their union)? */
function sameContent(a: Attribution, b: Attribution): boolean {
  const c = b.contents[0];
  const d = a.contents[0];
  const inter = Math.max(0, Math.min(c.end, d.end) - Math.max(c.start, d.start));
  return inter > 0 && inter / (c.end - c.start + d.end - d.start - inter) >= 0.5;
}

/** Is `s` inside one of the sorted spans? */
function coveredBy(sorted: readonly Span[], s: Span): boolean {
  const lo = partitionPoint(sorted, (x) => x.start <= s.start);
  // Contents are short and rarely nested; look back a few.
  for (let k = lo - 1; k >= 0 && k >= lo - 4; k--) if (sorted[k].start <= s.start && s.end <= sorted[k].end) return true;
  return false;
}

/** Tokens a party-and-state bracket may span: "(D-N.Y.)" is ( D - N . Y. ). */
const BRACKET_WINDOW = 9;

function toQuotes(ctx: AnalysisContext, attributions: readonly Attribution[]): Quote[] {
  const text = ctx.doc.text;
  const { tokens } = ctx;
  const mentions = new MentionIndex(ctx.out.entities);
  const contents = attributions.flatMap((a) => a.contents).sort((x, y) => x.start - y.start);
  const prior: PriorSpeaker[] = [];
  const byId = new Map(ctx.out.entities.map((e) => [e.id, e]));
  const quotes: Quote[] = [];
  attributions.forEach((a, n) => {
    const id = `q${n + 1}`;
    const cue = a.cue
      ? (() => {
          const start = tokens[a.cue.tokens.start].start;
          const end = tokens[a.cue.tokens.end - 1].end;
          return { start, end, text: text.slice(start, end), lemma: a.cue.lemma, stance: a.cue.stance };
        })()
      : null;
    let speaker: Quote['speaker'] = null;
    if (a.speaker) {
      const start = tokens[a.speaker.start].start;
      const end = tokens[a.speaker.end - 1].end;
      const word = tokens[a.speaker.start].lower;
      let entity = mentions.overlapping({ start, end })?.entity ?? null;
      // A pronoun speaker resolved here becomes a mention of its entity (the entity's dossier lists "he said" too).
      let resolvedHere: string | null = null;
      if (!entity && a.speaker.end - a.speaker.start === 1 && isResolvablePronoun(word)) {
        const before = Math.min(start, a.contents[0].start);
        entity = resolvePronoun(word, before, {
          mentions,
          sentences: ctx.sentences,
          prior,
          insideContent: (at) => coveredBy(contents, { start: at, end: at }),
        });
        if (entity) resolvedHere = 'quote-speaker-pronoun';
      }
      if (!entity && a.speaker.end - a.speaker.start === 1 && isRelativePronoun(word)) {
        // "Smith, who said …": the antecedent sits just before the pronoun.
        let k = a.speaker.start - 1;
        if (k >= 0 && tokens[k].value === ',') k--;
        // "Sen. Jane Roe (D-Mo.), who said …": the name sits before its party-and-state bracket.
        if (k >= 0 && tokens[k].value === ')') {
          let open = k - 1;
          while (open >= 0 && open > k - BRACKET_WINDOW && tokens[open].value !== '(') open--;
          if (open >= 0 && tokens[open].value === '(') k = open - 1;
        }
        if (k >= 0) entity = mentions.overlapping({ start: tokens[k].start, end: tokens[k].end })?.entity ?? null;
        if (entity) resolvedHere = 'quote-speaker-relative';
      }
      speaker = { start, end, text: text.slice(start, end), entity };
      if (entity && resolvedHere) addPronounMention(byId.get(entity), speaker, resolvedHere);
      if (entity) {
        const type = byId.get(entity)?.type;
        if (type) prior.push({ entity, type, end: a.contents[a.contents.length - 1].end });
      }
    }
    a.contents.forEach((c, k) => {
      quotes.push({
        id: k === 0 ? id : `${id}.${k + 1}`,
        start: c.start,
        end: c.end,
        text: text.slice(c.start, c.end),
        kind: a.kind,
        cue,
        speaker,
        reasons: a.reasons,
      });
    });
  });
  return quotes;
}

/** Adds a resolved pronoun speaker to its entity's mentions, once, keeping them in text order. */
function addPronounMention(entity: Entity | undefined, span: TextSpan, reason: string): void {
  if (!entity || entity.mentions.some((m) => m.start === span.start && m.end === span.end)) return;
  const at = partitionPoint(entity.mentions, (m) => m.start < span.start);
  entity.mentions.splice(at, 0, { start: span.start, end: span.end, text: span.text, kind: 'pronoun', confidence: 0.6, reasons: [reason] });
}
