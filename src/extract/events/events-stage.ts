import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Span } from '../../document/span.js';
import { partitionPoint } from '../../document/span.js';
import type { AnalysisContext, ResourceOptions, Stage } from '../../pipeline/context.js';
import type { CodedEvent, Entity } from '../../schema/analysis.js';
import { type CameoScales, loadCameoScales } from './cameo-scales.js';
import { codeWords, findDiscard, type RawEvent } from './coder.js';
import type { CompiledDictionaries } from './dictionary/compile.js';
import { loadCompiledDictionaries } from './dictionary/load.js';
import { eventDate, isHistorical } from './event-date.js';
import { loadNominalLexicon, type NominalLexicon } from './nominal-events.js';
import { type CoderWord, UNCODED_ENTITY } from './shallow-parse.js';
import { loadSuppressedVerbs, type SuppressedVerbs } from './suppressed-verbs.js';
import { sentenceIds } from './word-ids.js';
import { sentenceWords } from './words.js';

export interface EventResources {
  dictionaries: CompiledDictionaries;
  scales: CameoScales;
  nominal: NominalLexicon;
  suppressed: SuppressedVerbs;
}

declare module '../../pipeline/context.js' {
  interface Resources {
    events: EventResources;
  }
}

/** Load the CAMEO dictionaries (`--cameo-dir`, else data/cameo) and the PLOVER/Goldstein tables. */
export function loadEventResources(options: ResourceOptions): EventResources {
  const dir = options.cameoDir ?? path.join(options.dataDir, 'cameo');
  if (!existsSync(dir)) throw new Error(`CAMEO dictionaries not found at ${dir} (run scripts/cameo/convert.ts)`);
  return {
    dictionaries: loadCompiledDictionaries(dir),
    scales: loadCameoScales(options.dataDir),
    nominal: loadNominalLexicon(options.dataDir),
    suppressed: loadSuppressedVerbs(options.dataDir),
  };
}

/** "in", "at", "near", "inside", "across": string comparisons by length, cheaper than a Set look-up per word. */
function isLocationPrep(w: string): boolean {
  switch (w.length) {
    case 2:
      return w === 'in' || w === 'at';
    case 4:
      return w === 'near';
    case 6:
      return w === 'inside' || w === 'across';
    default:
      return false;
  }
}

interface MentionRef extends Span {
  entity: Entity;
}

function mentionIndex(entities: readonly Entity[]): MentionRef[] {
  const out: MentionRef[] = [];
  for (const entity of entities) for (const m of entity.mentions) out.push({ start: m.start, end: m.end, entity });
  return out.sort((a, b) => a.start - b.start);
}

// Mentions are short: a mention starting this far before a span cannot reach into it.
const MAX_MENTION_CHARS = 300;

/**
 * The entity of the mention inside `span` whose CAMEO code is `code` (a list names
 * several actors: "Iraq, Syria and Lebanon"), else of the last mention inside it: an
 * English noun phrase ends in its head ("the Quds Force commander Qassem Soleimani" →
 * Soleimani). `mentions` are sorted by start; binary search keeps this O(log n).
 */
function entityOver(mentions: readonly MentionRef[], span: Span | null, code?: string | null): Entity | null {
  if (!span) return null;
  const lo = partitionPoint(mentions, (m) => m.start < span.end);
  let best: Entity | null = null;
  for (let k = lo - 1; k >= 0 && mentions[k].start > span.start - MAX_MENTION_CHARS; k--) {
    const m = mentions[k];
    if (m.end <= span.start) continue;
    if (code && m.entity.cameo === code) return m.entity;
    best ??= m.entity;
    if (!code) break;
  }
  return best;
}

function charSpan(words: readonly CoderWord[], ws: [number, number] | null): Span | null {
  return ws ? { start: words[ws[0]].start, end: words[ws[1] - 1].end } : null;
}

/** A place named in an "in/at/near X" phrase of the sentence. */
function locationIn(words: readonly CoderWord[], mentions: readonly MentionRef[]): Entity | null {
  for (let i = 0; i + 1 < words.length; i++) {
    if (!isLocationPrep(words[i].raw)) continue;
    const e = entityOver(mentions, { start: words[i + 1].start, end: words[Math.min(i + 3, words.length - 1)].end });
    if (e && (e.type === 'LOCATION' || e.type === 'COUNTRY')) return e;
  }
  return null;
}

function codeOrNull(code: string | null): string | null {
  return code === null || code === UNCODED_ENTITY ? null : code;
}

function publishedDate(published: string | null): string | null {
  return published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? published.replace(/-/g, '') : null;
}

/**
 * Events stage: codes CAMEO events sentence by sentence and ties their actors to
 * the entity stage's entities, their speech to the quotes stage's speakers.
 */
export const eventsStage: Stage = {
  name: 'events',
  load: (options) => ({ events: loadEventResources(options) }),
  run(ctx) {
    ctx.out.events = codeDocumentEvents(ctx);
  },
};

export function codeDocumentEvents(ctx: AnalysisContext): CodedEvent[] {
  const res = ctx.res.events;
  if (!res) return [];
  const { dictionaries, scales, nominal, suppressed } = res;
  const text = ctx.doc.text;
  const date = publishedDate(ctx.doc.published);
  const mentions = mentionIndex(ctx.out.entities);
  const quotes = ctx.out.quotes;
  const genre = ctx.out.document.genre?.label;
  const isVerbForm = (w: string) => dictionaries.verbsByForm.has(w);
  const perSentence: Array<{ words: CoderWord[]; raw: RawEvent[]; sentence: number }> = [];
  // The next curly apostrophe at or after the current sentence: a sentence without one
  // has nothing for `sentenceWords` to straighten.
  let nextRight = text.indexOf('\u2019');
  let nextLeft = text.indexOf('\u2018');
  for (let s = 0; s < ctx.sentences.length; s++) {
    const sentence = ctx.sentences[s];
    let curly = true;
    if (sentence.tokenEnd > sentence.tokenStart) {
      const from = ctx.tokens[sentence.tokenStart].start;
      const to = ctx.tokens[sentence.tokenEnd - 1].end;
      if (nextRight >= 0 && nextRight < from) nextRight = text.indexOf('\u2019', from);
      if (nextLeft >= 0 && nextLeft < from) nextLeft = text.indexOf('\u2018', from);
      curly = (nextRight >= 0 && nextRight < to) || (nextLeft >= 0 && nextLeft < to);
    }
    const words = sentenceWords(ctx.tokens, sentence, isVerbForm, curly);
    const ids = sentenceIds(words, dictionaries);
    const discard = findDiscard(words, dictionaries, ids);
    if (discard === 'story') return [];
    if (discard === 'sentence') continue;
    const entityCodeAt = (i: number): string | null | undefined => {
      const e = entityOver(mentions, { start: words[i].start, end: words[i].end });
      return e ? (e.cameo ?? null) : undefined;
    };
    const raw = codeWords(words, dictionaries, { date, requireBoth: false, nominal, entityCodeAt, ids });
    if (raw.length > 0) perSentence.push({ words, raw, sentence: s });
  }
  const out: CodedEvent[] = [];
  for (const { words, raw, sentence } of perSentence) {
    const sent = ctx.sentences[sentence];
    // looked for once the sentence has an event that stays (most raw events lack an actor)
    let location: Entity | null | undefined;
    for (const e of raw) {
      if (e.head && suppressed.has(e.head)) continue;
      const trigger = { start: words[e.verb].start, end: words[e.verbEnd - 1].end };
      const sourceCode = codeOrNull(e.sourceCode);
      const targetCode = codeOrNull(e.targetCode);
      const sourceEntity = entityOver(mentions, charSpan(words, e.source), sourceCode);
      const targetEntity = entityOver(mentions, charSpan(words, e.target), targetCode);
      // As PETRARCH: a verb event needs an actor on both sides; an event noun ("protests
      // against Iran") needs its target.
      if (!(targetCode || targetEntity) || (!e.nominal && !(sourceCode || sourceEntity))) continue;
      const quote = quotes.find((q) => q.start <= trigger.start && trigger.end <= q.end);
      const when = eventDate(ctx, trigger);
      if (location === undefined) location = locationIn(words, mentions);
      const reasons = [...e.reasons];
      if (quote && !quote.speaker?.entity) reasons.push('quote-speaker-unlinked');
      const event: CodedEvent = {
        cameo: e.code,
        plover: scales.plover(e.code),
        goldstein: scales.goldstein(e.code),
        sourceCode: sourceCode ?? sourceEntity?.cameo ?? null,
        targetCode: targetCode ?? targetEntity?.cameo ?? null,
        source: sourceEntity?.id ?? null,
        target: targetEntity?.id ?? null,
        location: location?.id ?? null,
        date: when,
        sentence: { start: sent.start, end: sent.end, text: text.slice(sent.start, sent.end) },
        trigger: { start: trigger.start, end: trigger.end, text: text.slice(trigger.start, trigger.end) },
        assertedBy: quote?.speaker?.entity ?? 'author',
        negated: e.negated,
        hypothetical: e.hypothetical,
        historical: isHistorical(when, ctx.doc.published),
        reported: quote !== undefined,
        reasons,
      };
      if (genre) event.genre = genre;
      out.push(event);
    }
  }
  return out;
}
