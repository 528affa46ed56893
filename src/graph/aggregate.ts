import type { EdgeRow } from '../store/store.js';
import type { EdgeEvidence, GraphEdge } from './types.js';

/** Tone of one document toward one entity (`rhetoric.toneByEntity`). */
export type ToneLookup = (documentId: string, entityId: string) => number | undefined;

/**
 * Fold edge observations (relations and events, one per document mention) into
 * graph edges keyed by (source, type, target). Each edge counts distinct
 * documents and distinct independent sources — a near-duplicate counts as its
 * original's outlet, and one outlet's repeats count once — and keeps every
 * piece of evidence with its asserter. Tone is the mean tone of the evidence's
 * documents toward the target. Deterministic: edges sorted by id, evidence by
 * date then document then offset.
 *
 * @example aggregateEdges(await store.edgeRows({ entity: 'iran' }), tone)
 */
export function aggregateEdges(rows: readonly EdgeRow[], tone: ToneLookup = () => undefined): GraphEdge[] {
  const groups = new Map<string, EdgeRow[]>();
  for (const r of rows) {
    const id = `${r.source}|${r.type}|${r.target}`;
    const g = groups.get(id);
    if (g) g.push(r);
    else groups.set(id, [r]);
  }
  const edges: GraphEdge[] = [];
  for (const [id, group] of groups) {
    const { source, target, type } = group[0];
    const documents = new Set(group.map((r) => r.documentId));
    const independent = new Set(group.map((r) => r.independentKey));
    const dates = group
      .map((r) => r.date)
      .filter((d): d is string => d !== null)
      .sort();
    const tones: number[] = [];
    for (const d of documents) {
      const t = tone(d, target);
      if (t !== undefined) tones.push(t);
    }
    const evidence: EdgeEvidence[] = group
      .map((r) => ({ documentId: r.documentId, start: r.start, end: r.end, text: r.text, assertedBy: r.assertedBy, source: r.sourceName, date: r.date }))
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.documentId.localeCompare(b.documentId) || a.start - b.start);
    edges.push({
      id,
      source,
      target,
      type,
      documents: documents.size,
      independentSources: independent.size,
      firstDate: dates[0] ?? null,
      lastDate: dates[dates.length - 1] ?? null,
      tone: tones.length > 0 ? Math.round((tones.reduce((s, t) => s + t, 0) / tones.length) * 1000) / 1000 : null,
      evidence,
    });
  }
  return edges.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
