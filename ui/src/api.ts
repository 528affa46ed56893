// The UI's client for `dossier serve`'s JSON API. Types come from the server's
// own modules (type-only imports: nothing of them ends up in the bundle).
import type { EntityReport } from '../../src/graph/queries.js';
import type { GraphEdge, GraphNode } from '../../src/graph/types.js';
import type { Analysis } from '../../src/schema/analysis.js';
import type { EntityRecord, QuoteRow, SearchHit, TimelineRow } from '../../src/store/store.js';

export type { Analysis, EntityRecord, EntityReport, GraphEdge, GraphNode, QuoteRow, SearchHit, TimelineRow };

/** A document as `/api/documents` lists it and `/api/documents/:id` returns it (no text: that is in the analysis). */
export interface DocumentItem {
  id: string;
  title: string | null;
  published: string | null;
  source: { name: string | null; url: string | null };
  sourceId?: string | null;
  ingestedAt?: string;
  duplicateOf?: string | null;
  similarity?: number | null;
  circularSourcing?: boolean;
}

export interface EntityListItem {
  id: string;
  name: string;
  type: string;
  mentions: number;
  documents: number;
}

/** A graph edge as `/api/graph` sends it. */
export type ApiGraphEdge = GraphEdge;

export interface GraphQuery {
  types?: string[];
  from?: string;
  to?: string;
  minSources?: number;
  entity?: string;
}

/** An HTTP error with the status, so pages can say "not found" rather than "failed". */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: string | { message?: string } };
      const e = body.error;
      if (typeof e === 'string') message = e;
      else if (e?.message) message = e.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const seg = encodeURIComponent;

export const api = {
  health: () => getJson<{ ok: boolean; documents: number }>('/api/health'),
  documents: (limit = 50, offset = 0) => getJson<{ total: number; items: DocumentItem[] }>(`/api/documents${query({ limit, offset })}`),
  document: (id: string) => getJson<{ document: DocumentItem; analysis: Analysis }>(`/api/documents/${seg(id)}`),
  entities: (q: string, limit = 50) => getJson<{ items: EntityListItem[] }>(`/api/entities${query({ q, limit })}`),
  entity: (ref: string) => getJson<EntityReport>(`/api/entities/${seg(ref)}`),
  graph: (g: GraphQuery = {}) =>
    getJson<{ nodes: GraphNode[]; edges: ApiGraphEdge[] }>(
      `/api/graph${query({ types: g.types?.join(','), from: g.from, to: g.to, minSources: g.minSources, entity: g.entity })}`,
    ),
  search: (q: string) => getJson<{ items: SearchHit[] }>(`/api/search${query({ q })}`),
  timeline: (ref: string) => getJson<{ entity: EntityRecord; items: TimelineRow[] }>(`/api/timeline/${seg(ref)}`),
};
