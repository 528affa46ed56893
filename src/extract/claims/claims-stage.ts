import { type Token, tokenAt } from '../../document/segment.js';
import type { Span, TextSpan } from '../../document/span.js';
import type { AnalysisContext, Resources, Stage } from '../../pipeline/context.js';
import type { Claim, Quote } from '../../schema/analysis.js';
import { CONTENT_WITH_THAT } from '../quotes/content-start.js';
import { scoreCheckworthiness } from './checkworthiness.js';
import { type ClaimLexicon, loadClaimLexicon } from './lexicon.js';

declare module '../../pipeline/context.js' {
  interface Resources {
    claimLexicon: ClaimLexicon;
  }
}

/** Words outside quotations that a sentence needs before the author's framing of a quote is a claim too. */
const AUTHOR_REMAINDER_WORDS = 8;

/**
 * Check-worthy claims and who asserts them. Units are sentences, cut at
 * quotation contents: the part of a sentence inside a quotation is asserted by
 * the quoted speaker (its entity id, or `speaker:<quote id>` when the speaker is
 * not resolved to an entity), the rest of the sentence by the author. Units
 * scoring below the threshold of data/lexicons/claims/checkworthiness.yml are
 * not claims.
 */
export const claimsStage: Stage = {
  name: 'claims',
  load: (options): Partial<Resources> => ({ claimLexicon: loadClaimLexicon(options.dataDir) }),
  run(ctx) {
    ctx.out.claims = findClaims(ctx);
  },
};

interface Unit extends Span {
  quote: Quote | null;
}

function findClaims(ctx: AnalysisContext): Claim[] {
  const text = ctx.doc.text;
  const { tokens, sentences } = ctx;
  const lex = ctx.res.claimLexicon;
  const quotes = [...ctx.out.quotes].sort((a, b) => a.start - b.start);
  const inTime = marker(tokens.length, ctx.out.times, tokens);
  const inMention = new Uint8Array(tokens.length);
  // (each entity's mentions marked in place: no array of every mention first)
  for (const e of ctx.out.entities) mark(inMention, e.mentions, tokens);

  const units: Unit[] = [];
  let q = 0;
  for (const s of sentences) {
    while (q < quotes.length && quotes[q].end <= s.start) q++;
    let covered = 0;
    for (let k = q; k < quotes.length && quotes[k].start < s.end; k++) {
      const start = Math.max(s.start, statementStart(quotes[k], tokens));
      const end = Math.min(s.end, quotes[k].end);
      if (end > start) {
        units.push({ start, end, quote: quotes[k] });
        covered += end - start;
      }
    }
    if (covered === 0) units.push({ start: s.start, end: s.end, quote: null });
    else {
      const from = s.tokenStart;
      let outside = 0;
      for (let i = from; i < s.tokenEnd; i++) if (tokens[i].kind === 'word' && !insideAny(quotes, q, tokens[i].start, s.end)) outside++;
      if (outside >= AUTHOR_REMAINDER_WORDS) units.push({ start: s.start, end: s.end, quote: null });
    }
  }

  const claims: Claim[] = [];
  for (const u of units) {
    const from = tokenAt(tokens, u.start);
    let to = from;
    while (to < tokens.length && tokens[to].start < u.end) to++;
    if (to <= from) continue;
    const cw = scoreCheckworthiness(tokens, from, to, lex, {
      reported: u.quote !== null,
      inTime: (i) => inTime[i] === 1,
      inMention: (i) => inMention[i] === 1,
    });
    if (cw.score < lex.threshold) continue;
    const span = (a: number, b: number): TextSpan => ({ start: tokens[a].start, end: tokens[b - 1].end, text: text.slice(tokens[a].start, tokens[b - 1].end) });
    claims.push({
      id: `c${claims.length + 1}`,
      start: u.start,
      end: u.end,
      text: text.slice(u.start, u.end),
      assertedBy: u.quote ? (u.quote.speaker?.entity ?? `speaker:${(u.quote.id ?? '').split('.')[0]}`) : 'author',
      checkworthiness: cw.score,
      quote: u.quote?.id ?? null,
      hedges: cw.hedges.map(([a, b]) => span(a, b)),
      certainty: cw.certainty.map(([a, b]) => span(a, b)),
      reasons: cw.features.map((f) => `cw-${f}`),
    });
  }
  return claims;
}

/**
 * A reported content carries its complementizer ("said that the regime paid …",
 * as PolNeAR marks it); the claim is the statement after it.
 */
function statementStart(quote: Quote, tokens: readonly Token[]): number {
  if (!quote.reasons?.includes(CONTENT_WITH_THAT)) return quote.start;
  const i = tokenAt(tokens, quote.start);
  return i + 1 < tokens.length && tokens[i].lower === 'that' && tokens[i + 1].start < quote.end ? tokens[i + 1].start : quote.start;
}

/** Is offset `at` inside a quote's content, speaker or cue (sorted quotes, from about index `q` on)? */
function insideAny(quotes: readonly Quote[], q: number, at: number, limit: number): boolean {
  // The attribution itself ("…,” the NCRI wrote") is framing, not a further claim of the author.
  for (let k = Math.max(0, q - 1); k < quotes.length && quotes[k].start < limit + 200; k++) {
    const x = quotes[k];
    if (x.start <= at && at < x.end) return true;
    if (x.speaker && x.speaker.start <= at && at < x.speaker.end) return true;
    if (x.cue && x.cue.start <= at && at < x.cue.end) return true;
  }
  return false;
}

/** 1 for every token that overlaps one of the spans. */
function marker(n: number, spans: readonly Span[], tokens: AnalysisContext['tokens']): Uint8Array {
  const out = new Uint8Array(n);
  mark(out, spans, tokens);
  return out;
}

/** Set `out[k]` to 1 for every token k that overlaps one of the spans. */
function mark(out: Uint8Array, spans: readonly Span[], tokens: AnalysisContext['tokens']): void {
  const n = out.length;
  for (const s of spans) {
    for (let k = tokenAt(tokens, s.start); k < n && tokens[k].start < s.end; k++) out[k] = 1;
  }
}
