// The actor network as a graphology graph with a deterministic layout: nodes
// start on a circle in id order and ForceAtlas2 runs a fixed number of
// iterations, so the same data always gives the same picture.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { ApiGraphEdge, GraphNode } from '../api.js';
import { ENTITY_COLORS } from '../article/layers.js';

export const LAYOUT_ITERATIONS = 300;

export interface NodeAttributes {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  entityType: string;
  mentions: number;
}

export interface EdgeAttributes {
  size: number;
  color: string;
  label: string;
  relation: string;
}

/** Relations dark, events lighter; hostile ones red. */
function edgeColor(type: string): string {
  if (type === 'ATTACKS' || type === 'OPPOSES' || type === 'event:ASSAULT' || type === 'event:FIGHT' || type === 'event:COERCE') return '#dc2626';
  if (type.startsWith('event:')) return '#9ca3af';
  return '#475569';
}

export function buildGraph(nodes: readonly GraphNode[], edges: readonly ApiGraphEdge[]): Graph<NodeAttributes, EdgeAttributes> {
  const graph = new Graph<NodeAttributes, EdgeAttributes>({ multi: true, type: 'directed', allowSelfLoops: false });
  const sorted = [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  sorted.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, sorted.length);
    graph.addNode(n.id, {
      label: n.label,
      x: Math.cos(angle) * 100,
      y: Math.sin(angle) * 100,
      size: 3 + 2 * Math.log2(1 + n.mentions),
      color: ENTITY_COLORS[n.type] ?? '#64748b',
      entityType: n.type,
      mentions: n.mentions,
    });
  });
  for (const e of edges) {
    if (e.source === e.target || !graph.hasNode(e.source) || !graph.hasNode(e.target) || graph.hasEdge(e.id)) continue;
    graph.addDirectedEdgeWithKey(e.id, e.source, e.target, {
      size: 1 + Math.min(5, e.independentSources),
      color: edgeColor(e.type),
      label: e.type,
      relation: e.type,
    });
  }
  if (graph.order > 1) {
    forceAtlas2.assign(graph, {
      iterations: LAYOUT_ITERATIONS,
      settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: false, scalingRatio: 20, gravity: 0.5, adjustSizes: true },
    });
  }
  return graph;
}
