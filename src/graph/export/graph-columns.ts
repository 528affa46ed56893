import type { GraphEdge, GraphExport, GraphNode } from '../types.js';

/**
 * The node and edge attributes every graph format exports, with one value type
 * each, so GEXF, GraphML and CSV agree on names and types.
 */
export type ColumnType = 'string' | 'integer' | 'double';

export interface GraphColumn<T> {
  name: string;
  type: ColumnType;
  value: (item: T) => string | number | null;
}

export const NODE_COLUMNS: readonly GraphColumn<GraphNode>[] = [
  { name: 'type', type: 'string', value: (n) => n.type },
  { name: 'kbId', type: 'string', value: (n) => n.kbId },
  { name: 'cameo', type: 'string', value: (n) => n.cameo },
  { name: 'documents', type: 'integer', value: (n) => n.documents },
  { name: 'mentions', type: 'integer', value: (n) => n.mentions },
];

export const EDGE_COLUMNS: readonly GraphColumn<GraphEdge>[] = [
  { name: 'type', type: 'string', value: (e) => e.type },
  { name: 'documents', type: 'integer', value: (e) => e.documents },
  { name: 'independentSources', type: 'integer', value: (e) => e.independentSources },
  { name: 'firstDate', type: 'string', value: (e) => e.firstDate },
  { name: 'lastDate', type: 'string', value: (e) => e.lastDate },
  { name: 'tone', type: 'double', value: (e) => e.tone },
];

/**
 * The graph's nodes plus a placeholder for every edge endpoint that has no
 * node, so no format ends up with a dangling edge (Gephi would invent a bare
 * node; GraphML readers reject the file).
 */
export function nodesWithEndpoints(graph: GraphExport): GraphNode[] {
  const known = new Set(graph.nodes.map((n) => n.id));
  const extra: GraphNode[] = [];
  for (const e of graph.edges) {
    for (const id of [e.source, e.target]) {
      if (known.has(id)) continue;
      known.add(id);
      extra.push({ id, label: id, type: 'GROUP', kbId: null, cameo: null, documents: 0, mentions: 0 });
    }
  }
  return extra.length === 0 ? graph.nodes : [...graph.nodes, ...extra];
}

/** Edge ids made unique: a repeated id gets `#2`, `#3` … (parallel edges stay distinct). */
export function uniqueEdgeIds(edges: readonly GraphEdge[]): string[] {
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const n = (seen.get(e.id) ?? 0) + 1;
    seen.set(e.id, n);
    return n === 1 ? e.id : `${e.id}#${n}`;
  });
}

/** Numbers as XML/CSV text: integers plain, doubles without exponent noise. */
export function formatNumber(value: number, type: ColumnType): string {
  if (!Number.isFinite(value)) return '';
  return type === 'integer' ? String(Math.trunc(value)) : String(value);
}
