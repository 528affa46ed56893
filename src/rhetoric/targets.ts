/**
 * Targets: the entity a finding is aimed at. A mention inside the finding wins
 * ("the ayatollahs" when the entity stage linked it to the Iranian state);
 * otherwise the nearest mention in the finding's clause (the stretch of the
 * sentence between , ; : and dashes). No mention, no target (null).
 */
import type { Sentence } from '../document/segment.js';
import { sentenceAt } from '../document/segment.js';
import { partitionPoint } from '../document/span.js';
import type { Entity, Finding } from '../schema/analysis.js';

interface MentionRef {
  start: number;
  end: number;
  entity: string;
}

const CLAUSE_CHARS = new Set([',', ';', ':', '—', '–']);

/** Sorted mention spans with the id of their entity. */
export function mentionIndex(entities: readonly Entity[]): MentionRef[] {
  const refs: MentionRef[] = [];
  for (const e of entities) for (const m of e.mentions) refs.push({ start: m.start, end: m.end, entity: e.id });
  return refs.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** `[start, end)` of the clause around `[from, to)`, inside its sentence. */
export function clauseSpan(text: string, sentences: readonly Sentence[], from: number, to: number): [number, number] {
  const si = sentenceAt(sentences, from);
  const s = si >= 0 ? sentences[si] : { start: 0, end: text.length };
  let a = from;
  while (a > s.start && !CLAUSE_CHARS.has(text[a - 1])) a--;
  let b = to;
  while (b < s.end && !CLAUSE_CHARS.has(text[b])) b++;
  return [a, b];
}

export function assignTargets(text: string, sentences: readonly Sentence[], findings: Finding[], mentions: readonly MentionRef[]): void {
  if (mentions.length === 0) {
    for (const f of findings) f.target = null;
    return;
  }
  for (const f of findings) {
    const [ca, cb] = clauseSpan(text, sentences, f.start, f.end);
    let best: MentionRef | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    // First mention that could reach the clause (binary search on start).
    const lo = partitionPoint(mentions, (m) => m.start < ca - 200);
    for (let i = lo; i < mentions.length && mentions[i].start < cb; i++) {
      const m = mentions[i];
      if (m.end <= ca) continue;
      const inside = m.start < f.end && f.start < m.end;
      const distance = inside ? -1 : m.start >= f.end ? m.start - f.end : f.start - m.end;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = m;
      }
    }
    f.target = best ? best.entity : null;
  }
}
