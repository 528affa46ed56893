import type { Sentence } from '../../document/segment.js';
import { sentenceAt } from '../../document/segment.js';
import type { Span } from '../../document/span.js';
import { partitionPoint } from '../../document/span.js';
import type { Entity, EntityType } from '../../schema/analysis.js';

/** One entity mention, flattened out of `ctx.out.entities` and sorted by start. */
export interface IndexedMention {
  start: number;
  end: number;
  entity: string;
  type: EntityType;
  pronoun: boolean;
}

/** The entity stage's mentions sorted by offset, for overlap and "most recent before" look-ups. */
export class MentionIndex {
  readonly mentions: IndexedMention[];

  constructor(entities: readonly Entity[]) {
    const all: IndexedMention[] = [];
    for (const e of entities) {
      for (const m of e.mentions) all.push({ start: m.start, end: m.end, entity: e.id, type: e.type, pronoun: m.kind === 'pronoun' });
    }
    all.sort((x, y) => x.start - y.start || y.end - x.end);
    this.mentions = all;
  }

  /** Index of the first mention that starts at or after `at`. */
  private firstFrom(at: number): number {
    return partitionPoint(this.mentions, (m) => m.start < at);
  }

  /** The entity whose mention overlaps `span` most (ties: the longer mention), or null. */
  overlapping(span: Span): IndexedMention | null {
    let best: IndexedMention | null = null;
    let bestOverlap = 0;
    const to = this.firstFrom(span.end);
    // Mentions are short; looking back a few from the first one past the span is enough.
    for (let k = to - 1; k >= 0 && k >= to - 12; k--) {
      const m = this.mentions[k];
      const overlap = Math.min(m.end, span.end) - Math.max(m.start, span.start);
      if (overlap > bestOverlap || (overlap === bestOverlap && best && m.end - m.start > best.end - best.start)) {
        if (overlap > 0) {
          best = m;
          bestOverlap = overlap;
        }
      }
    }
    return best;
  }

  /** Mentions that end at or before `at`, most recent first, no earlier than `from`. */
  *before(at: number, from: number): Generator<IndexedMention> {
    for (let k = this.firstFrom(at) - 1; k >= 0; k--) {
      const m = this.mentions[k];
      if (m.start < from) return;
      if (m.end <= at) yield m;
    }
  }
}

const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his']);
const GROUP_PRONOUNS = new Set(['they', 'them', 'their']);
const THING_PRONOUNS = new Set(['it', 'its']);
const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that']);

/** How well an entity type fits a pronoun: 0 (never) to 1. */
export function pronounFit(pronoun: string, type: EntityType): number {
  if (PERSON_PRONOUNS.has(pronoun)) return type === 'PERSON' ? 1 : 0;
  if (GROUP_PRONOUNS.has(pronoun)) {
    if (type === 'ORGANIZATION' || type === 'MEDIA' || type === 'GROUP') return 1;
    return type === 'COUNTRY' ? 0.5 : 0;
  }
  if (THING_PRONOUNS.has(pronoun)) {
    if (type === 'ORGANIZATION' || type === 'MEDIA' || type === 'GROUP' || type === 'COUNTRY') return 1;
    return 0;
  }
  return 0;
}

export function isResolvablePronoun(word: string): boolean {
  return PERSON_PRONOUNS.has(word) || GROUP_PRONOUNS.has(word) || THING_PRONOUNS.has(word);
}

export function isRelativePronoun(word: string): boolean {
  return RELATIVE_PRONOUNS.has(word);
}

/** A speaker already resolved earlier in the document. */
export interface PriorSpeaker {
  entity: string;
  type: EntityType;
  /** Where the attribution ended. */
  end: number;
}

export interface PronounContext {
  mentions: MentionIndex;
  sentences: readonly Sentence[];
  /** Speakers resolved so far, in text order. */
  prior: readonly PriorSpeaker[];
  /** Is an offset inside a quotation's content (mentions there are not speakers)? */
  insideContent(at: number): boolean;
}

const LOOKBACK_SENTENCES = 4;
const PRIOR_WINDOW = 1500; // characters: a speaker stays "current" for a few paragraphs

/**
 * The entity a speaker pronoun refers to: the most recent earlier speaker that
 * fits it, else the best-fitting entity mention in the few sentences before
 * `before` (skipping quotation contents), preferring sentence subjects. "they
 * wrote" after a paragraph about the Keyhan daily resolves to Keyhan, not to
 * the Khamenei (a person) or Iraq (a country, and not a subject) mentioned
 * after it.
 */
export function resolvePronoun(pronoun: string, before: number, ctx: PronounContext): string | null {
  for (let k = ctx.prior.length - 1; k >= 0; k--) {
    const p = ctx.prior[k];
    if (before - p.end > PRIOR_WINDOW) break;
    if (p.end <= before && pronounFit(pronoun, p.type) === 1) return p.entity;
  }
  const s = sentenceAt(ctx.sentences, Math.max(0, before - 1));
  const fromSentence = Math.max(0, (s < 0 ? ctx.sentences.length : s) - LOOKBACK_SENTENCES);
  const from = ctx.sentences[fromSentence]?.start ?? 0;
  let best: string | null = null;
  let bestScore = 0;
  let rank = 0;
  for (const m of ctx.mentions.before(before, from)) {
    rank++;
    if (m.pronoun || ctx.insideContent(m.start)) continue;
    const fit = pronounFit(pronoun, m.type);
    if (fit === 0) continue;
    const si = sentenceAt(ctx.sentences, m.start);
    const subject = si >= 0 && m.start - ctx.sentences[si].start <= 12 ? 1 : 0;
    // Fit first, then subject position, then recency.
    const score = fit * 4 + subject * 2 + 1 / rank;
    if (score > bestScore) {
      bestScore = score;
      best = m.entity;
    }
  }
  return best;
}
