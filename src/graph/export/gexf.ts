import type { GraphExport } from '../types.js';
import { EDGE_COLUMNS, formatNumber, type GraphColumn, NODE_COLUMNS, nodesWithEndpoints, uniqueEdgeIds } from './graph-columns.js';
import { xmlAttrs, xmlText } from './xml-text.js';

export const GEXF_NAMESPACE = 'http://gexf.net/1.3';

export interface GexfOptions {
  /** Text for `<meta><description>`. */
  description?: string;
}

/**
 * The graph as GEXF 1.3 (Gephi's native format), one chunk per line, each
 * ending in "\n". Nodes carry type, kbId, cameo, documents and mentions; edges
 * are directed, `label` and `kind` are the edge type (Gephi keeps parallel
 * edges of different kinds apart), `weight` is the number of independent
 * sources. No timestamps: the output depends only on the graph.
 *
 * @example for (const line of gexfLines(graph)) out.write(line);
 */
export function* gexfLines(graph: GraphExport, options: GexfOptions = {}): Generator<string> {
  const nodes = nodesWithEndpoints(graph);
  const edgeIds = uniqueEdgeIds(graph.edges);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<gexf xmlns="${GEXF_NAMESPACE}" version="1.3">\n`;
  yield '  <meta>\n    <creator>Dossier</creator>\n';
  if (options.description) yield `    <description>${xmlText(options.description)}</description>\n`;
  yield '  </meta>\n';
  yield '  <graph defaultedgetype="directed" mode="static">\n';
  yield* attributeDeclarations('node', NODE_COLUMNS);
  yield* attributeDeclarations('edge', EDGE_COLUMNS);
  yield `    <nodes count="${nodes.length}">\n`;
  for (const n of nodes) {
    yield `      <node${xmlAttrs([
      ['id', n.id],
      ['label', n.label],
    ])}>${attvalues(NODE_COLUMNS, n)}</node>\n`;
  }
  yield '    </nodes>\n';
  yield `    <edges count="${graph.edges.length}">\n`;
  for (let i = 0; i < graph.edges.length; i++) {
    const e = graph.edges[i];
    const attrs = xmlAttrs([
      ['id', edgeIds[i]],
      ['source', e.source],
      ['target', e.target],
      ['label', e.type],
      ['kind', e.type],
      ['weight', formatNumber(e.independentSources, 'double')],
    ]);
    yield `      <edge${attrs}>${attvalues(EDGE_COLUMNS, e)}</edge>\n`;
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}

/** The whole GEXF document as one string. */
export function toGexf(graph: GraphExport, options: GexfOptions = {}): string {
  let out = '';
  for (const line of gexfLines(graph, options)) out += line;
  return out;
}

function* attributeDeclarations<T>(cls: 'node' | 'edge', columns: readonly GraphColumn<T>[]): Generator<string> {
  yield `    <attributes class="${cls}">\n`;
  for (const c of columns)
    yield `      <attribute${xmlAttrs([
      ['id', c.name],
      ['title', c.name],
      ['type', c.type],
    ])}/>\n`;
  yield '    </attributes>\n';
}

/** `<attvalues>` for the non-null values; a missing value is left out (Gephi shows it empty). */
function attvalues<T>(columns: readonly GraphColumn<T>[], item: T): string {
  let out = '';
  for (const c of columns) {
    const v = c.value(item);
    if (v === null) continue;
    const text = typeof v === 'number' ? formatNumber(v, c.type) : v;
    out += `<attvalue${xmlAttrs([
      ['for', c.name],
      ['value', text],
    ])}/>`;
  }
  return out === '' ? '' : `<attvalues>${out}</attvalues>`;
}
