import type { GraphExport } from '../types.js';
import { type ColumnType, EDGE_COLUMNS, formatNumber, type GraphColumn, NODE_COLUMNS, nodesWithEndpoints, uniqueEdgeIds } from './graph-columns.js';
import { xmlAttrs, xmlText } from './xml-text.js';

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

/** GraphML spells the attribute types its own way. */
const GRAPHML_TYPES: Record<ColumnType, string> = { string: 'string', integer: 'int', double: 'double' };

interface KeyDecl<T> extends GraphColumn<T> {
  id: string;
}

interface NumberedEdge {
  edge: GraphExport['edges'][number];
  /** The Dossier id, made unique among parallel duplicates. */
  dossierId: string;
}

/**
 * The graph as GraphML 1.0, one chunk per line, each ending in "\n".
 *
 * GraphML ids are XML NMTOKENs, which Dossier ids (`iran|PROXY_OF|org.irgc`,
 * names with spaces) are not, so nodes and edges get canonical ids `n0…`,
 * `e0…` and the Dossier id travels in the `dossierId` data field. Every data
 * field has a `<key>` with its `attr.type`; edges are directed and parallel
 * edges (same ends, different type) stay separate elements. `weight` repeats
 * the number of independent sources under the name Gephi and yEd read.
 *
 * @example for (const line of graphmlLines(graph)) out.write(line);
 */
export function* graphmlLines(graph: GraphExport): Generator<string> {
  const nodes = nodesWithEndpoints(graph);
  const nodeKeys: KeyDecl<(typeof nodes)[number]>[] = [
    { id: 'n_label', name: 'label', type: 'string', value: (n) => n.label },
    { id: 'n_dossierId', name: 'dossierId', type: 'string', value: (n) => n.id },
    ...NODE_COLUMNS.map((c) => ({ ...c, id: `n_${c.name}` })),
  ];
  const edgeIds = uniqueEdgeIds(graph.edges);
  const edgeKeys: KeyDecl<NumberedEdge>[] = [
    { id: 'e_label', name: 'label', type: 'string', value: (e) => e.edge.type },
    { id: 'e_dossierId', name: 'dossierId', type: 'string', value: (e) => e.dossierId },
    { id: 'e_weight', name: 'weight', type: 'double', value: (e) => e.edge.independentSources },
    ...EDGE_COLUMNS.map((c) => ({ ...c, id: `e_${c.name}`, value: (e: NumberedEdge) => c.value(e.edge) })),
  ];
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<graphml xmlns="${GRAPHML_NAMESPACE}">\n`;
  for (const k of nodeKeys) yield keyLine(k, 'node');
  for (const k of edgeKeys) yield keyLine(k, 'edge');
  yield '  <graph id="dossier" edgedefault="directed">\n';
  const canonical = new Map<string, string>();
  for (let i = 0; i < nodes.length; i++) {
    const id = `n${i}`;
    canonical.set(nodes[i].id, id);
    yield `    <node id="${id}">${dataElements(nodeKeys, nodes[i])}</node>\n`;
  }
  for (let i = 0; i < graph.edges.length; i++) {
    const e = graph.edges[i];
    const attrs = xmlAttrs([
      ['id', `e${i}`],
      ['source', canonical.get(e.source) as string],
      ['target', canonical.get(e.target) as string],
    ]);
    yield `    <edge${attrs}>${dataElements(edgeKeys, { edge: e, dossierId: edgeIds[i] })}</edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}

/** The whole GraphML document as one string. */
export function toGraphml(graph: GraphExport): string {
  let out = '';
  for (const line of graphmlLines(graph)) out += line;
  return out;
}

function keyLine<T>(k: KeyDecl<T>, forWhat: 'node' | 'edge'): string {
  return `  <key${xmlAttrs([
    ['id', k.id],
    ['for', forWhat],
    ['attr.name', k.name],
    ['attr.type', GRAPHML_TYPES[k.type]],
  ])}/>\n`;
}

function dataElements<T>(keys: readonly KeyDecl<T>[], item: T): string {
  let out = '';
  for (const k of keys) {
    const v = k.value(item);
    if (v === null) continue;
    const text = typeof v === 'number' ? formatNumber(v, k.type) : v;
    // A literal CR in content would be read back as LF: keep it as a reference.
    out += `<data key="${k.id}">${xmlText(text).replace(/\r/g, '&#13;')}</data>`;
  }
  return out;
}
