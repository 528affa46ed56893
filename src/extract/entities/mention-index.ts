import type { Span } from '../../document/span.js';
import { partitionPoint } from '../../document/span.js';
import type { AnalysisContext } from '../../pipeline/context.js';
import type { Entity, Mention } from '../../schema/analysis.js';

/** One mention with the id of its entity. */
export interface IndexedMention {
  start: number;
  end: number;
  entityId: string;
  kind: Mention['kind'];
}

/**
 * Every mention of the document sorted by start (mentions never overlap), so
 * later stages find the entity at an offset or span by binary search.
 */
export interface MentionIndex {
  readonly mentions: readonly IndexedMention[];
  /** The entity whose mention covers `offset`, or null. */
  entityAt(offset: number): string | null;
  /** The mentions that overlap `[start, end)`, in order. */
  within(span: Span): IndexedMention[];
}

export function buildMentionIndex(entities: readonly Entity[]): MentionIndex {
  const mentions: IndexedMention[] = [];
  for (const e of entities) for (const m of e.mentions) mentions.push({ start: m.start, end: m.end, entityId: e.id, kind: m.kind });
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  // Index of the last mention starting at or before `offset`.
  const lastStartingBy = (offset: number): number => partitionPoint(mentions, (m) => m.start <= offset) - 1;
  return {
    mentions,
    entityAt(offset) {
      const i = lastStartingBy(offset);
      return i >= 0 && offset < mentions[i].end ? mentions[i].entityId : null;
    },
    within(span) {
      const out: IndexedMention[] = [];
      let i = lastStartingBy(span.start);
      if (i < 0) i = 0;
      for (; i < mentions.length && mentions[i].start < span.end; i++) if (mentions[i].end > span.start) out.push(mentions[i]);
      return out;
    },
  };
}

/**
 * The entity a span refers to: the mention that contains it, else the first
 * mention inside it; null when none. Cheap (binary search).
 *
 * @example entityAtSpan(ctx, quote.speaker) // → 'person.ali-khamenei'
 */
export function entityAtSpan(ctx: AnalysisContext, span: Span): string | null {
  const index = ctx.mentionIndex;
  if (!index) return null;
  const hits = index.within(span);
  const containing = hits.find((m) => m.start <= span.start && span.end <= m.end);
  if (containing) return containing.entityId;
  const inside = hits.find((m) => span.start <= m.start && m.end <= span.end);
  return inside ? inside.entityId : null;
}
