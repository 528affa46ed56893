import type { CodedEvent, Finding } from '../schema/analysis.js';

/**
 * Stored ids of events and findings. They are built from content (document,
 * span, code), not from list positions, so that a correction naming one
 * (`dossier correct reject-event <id>`) still finds it after the document is
 * analysed again or after other items were rejected.
 *
 * @example eventIds(doc.id, analysis.events)[0] // 'a3f9…c1:e160-168:130'
 */
export function eventIds(documentId: string, events: readonly CodedEvent[]): string[] {
  return unique(events.map((e) => `${documentId.slice(0, 12)}:e${e.trigger.start}-${e.trigger.end}:${e.cameo}${e.target ? `:${e.target}` : ''}`));
}

export function findingIds(documentId: string, findings: readonly Finding[]): string[] {
  return unique(findings.map((f) => `${documentId.slice(0, 12)}:f${f.start}-${f.end}:${f.ruleId}`));
}

/** The graph edge type of an event: its PLOVER class, else its CAMEO root (two digits). */
export function edgeTypeOfEvent(e: Pick<CodedEvent, 'plover' | 'cameo'>): string {
  return `event:${e.plover ?? e.cameo.slice(0, 2)}`;
}

// Two items with the same key keep it distinct with a counter: `…:130~2`.
function unique(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}~${n}`;
  });
}
