// `#/graph`: the actor network (sigma.js over graphology), filtered by relation
// type, date range and minimum independent sources. The visible nodes are also
// listed as links beside the canvas, for keyboards, screen readers and tests.
import type Sigma from 'sigma';
import { type ApiGraphEdge, api, type GraphNode } from '../api.js';
import { ENTITY_COLORS } from '../article/layers.js';
import { el, entityRoute, facts, link, message, replaceChildren } from '../dom.js';
import { buildGraph, type EdgeAttributes, type NodeAttributes } from '../graph/build-graph.js';
import { edgeDates, edgeList, evidenceList } from './edge-view.js';

interface GraphFilters {
  types: string[];
  from: string;
  to: string;
  minSources: number;
  entity: string;
}

function readFilters(params: URLSearchParams): GraphFilters {
  return {
    types: (params.get('types') ?? '').split(',').filter(Boolean),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    minSources: Math.max(1, Number(params.get('minSources') ?? 1) || 1),
    entity: params.get('entity') ?? '',
  };
}

function filterRoute(f: GraphFilters, focus?: string): string {
  const q = new URLSearchParams();
  if (f.types.length) q.set('types', f.types.join(','));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.minSources > 1) q.set('minSources', String(f.minSources));
  if (f.entity) q.set('entity', f.entity);
  if (focus) q.set('focus', focus);
  const s = q.toString();
  return `#/graph${s ? `?${s}` : ''}`;
}

/** The server filters too; filtering here as well keeps the view right whatever it supports. */
function keepEdge(e: ApiGraphEdge, f: GraphFilters): boolean {
  if (f.types.length && !f.types.includes(e.type)) return false;
  if (e.independentSources < f.minSources) return false;
  const first = e.firstDate;
  const last = e.lastDate ?? first;
  if (f.from && last && last < f.from) return false;
  if (f.to && first && first > `${f.to}\uffff`) return false;
  return true;
}

/** Renders the page; the returned function frees the WebGL context when the router leaves it. */
export async function graphPage(root: HTMLElement, params: URLSearchParams): Promise<() => void> {
  const f = readFilters(params);
  const [all, data] = await Promise.all([
    api.graph(f.entity ? { entity: f.entity } : {}),
    api.graph({
      types: f.types.length ? f.types : undefined,
      from: f.from || undefined,
      to: f.to || undefined,
      minSources: f.minSources > 1 ? f.minSources : undefined,
      entity: f.entity || undefined,
    }),
  ]);
  const edges = data.edges.filter((e) => keepEdge(e, f));
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = data.nodes.filter((n) => linked.has(n.id) || n.id === f.entity);
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const names = (id: string) => nodeById.get(id)?.label ?? id;
  const types = [...new Set(all.edges.map((e) => e.type))].sort();

  const canvas = el('div', {
    class: 'graph-canvas',
    id: 'graph-canvas',
    role: 'img',
    'aria-label': `Network of ${nodes.length} actors and ${edges.length} relations`,
  });
  const panel = el('aside', { class: 'graph-panel', 'aria-label': 'Selection', 'aria-live': 'polite' });
  const nodeList = el(
    'ul',
    { class: 'node-list', id: 'graph-nodes', 'aria-label': 'Visible nodes' },
    ...[...nodes]
      .sort((a, b) => b.mentions - a.mentions || (a.label < b.label ? -1 : 1))
      .map((n) =>
        el(
          'li',
          { 'data-node-id': n.id, 'data-node-type': n.type },
          link(entityRoute(n.id), n.label),
          el('span', { class: 'meta' }, ` ${n.type} · ${n.mentions}`),
        ),
      ),
  );

  replaceChildren(
    root,
    el('h1', {}, 'Network', f.entity ? ` around ${names(f.entity)}` : ''),
    filterForm(f, types),
    focusForm(nodes),
    el('p', { class: 'meta' }, `${nodes.length} actors, ${edges.length} edges. Click a node to open its dossier, an edge for its evidence.`),
    legend(),
    el('div', { class: 'graph-layout' }, canvas, panel),
    el(
      'section',
      { 'aria-labelledby': 'nodes-h' },
      el('h2', { id: 'nodes-h' }, 'Visible actors'),
      nodes.length ? nodeList : message('No actors match these filters.'),
    ),
  );
  replaceChildren(panel, el('h2', {}, 'Selection'), el('p', { class: 'hint' }, 'Search for an actor above, or click a node or an edge.'));

  const graph = buildGraph(nodes, edges);
  const edgeById = new Map(edges.map((e) => [e.id, e]));
  let renderer: Sigma<NodeAttributes, EdgeAttributes> | null = null;
  try {
    const { default: SigmaClass } = await import('sigma');
    const r = new SigmaClass(graph, canvas, { settings: { enableEdgeEvents: true, renderEdgeLabels: false, labelRenderedSizeThreshold: 6, stagePadding: 40 } });
    renderer = r;
    r.on('clickNode', ({ node }) => {
      location.hash = `#${entityRoute(node)}`;
    });
    r.on('clickEdge', ({ edge }) => {
      const e = edgeById.get(edge);
      if (e) showEdge(panel, e, names);
    });
  } catch (err) {
    canvas.append(message(`The network view needs WebGL 2 (${(err as Error).message}). The actors are listed below.`, 'error'));
  }
  root.dataset.graphReady = renderer ? 'webgl' : 'list';

  const focus = (id: string) => {
    const n = nodeById.get(id);
    if (!n || !graph.hasNode(id)) return false;
    canvas.dataset.focusedNode = id;
    for (const li of nodeList.querySelectorAll('li')) li.classList.toggle('focused', li.dataset.nodeId === id);
    if (renderer) {
      for (const other of graph.nodes()) renderer.setNodeState(other, { isHighlighted: other === id });
      const at = renderer.getNodeDisplayData(id);
      if (at) void renderer.getCamera().animate({ x: at.x, y: at.y, ratio: 0.8 }, { duration: 400 });
    }
    showNode(panel, n, edges, names);
    return true;
  };
  root.addEventListener('graph-focus', (ev) => focus((ev as CustomEvent<string>).detail));
  const wanted = params.get('focus');
  if (wanted) focus(wanted);
  return () => renderer?.kill();
}

function filterForm(f: GraphFilters, types: string[]): HTMLFormElement {
  const typeBoxes = types.map((t) =>
    el('label', { class: 'filter' }, el('input', { type: 'checkbox', name: 'type', value: t, checked: f.types.includes(t) }), ` ${t}`),
  );
  const from = el('input', { type: 'text', name: 'from', value: f.from, placeholder: 'YYYY or YYYY-MM-DD', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', size: 12 });
  const to = el('input', { type: 'text', name: 'to', value: f.to, placeholder: 'YYYY or YYYY-MM-DD', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', size: 12 });
  const min = el('input', { type: 'number', name: 'minSources', min: 1, value: f.minSources, size: 4 });
  const form = el(
    'form',
    { class: 'graph-filters', 'aria-label': 'Graph filters' },
    el('fieldset', {}, el('legend', {}, 'Relation types (none ticked: all)'), ...typeBoxes),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Evidence'),
      el('label', {}, 'From ', from),
      el('label', {}, ' to ', to),
      el('label', {}, ' Minimum independent sources ', min),
    ),
    el('button', { type: 'submit' }, 'Apply filters'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const picked = [...form.querySelectorAll<HTMLInputElement>('input[name="type"]:checked')].map((b) => b.value);
    location.hash = filterRoute({
      types: picked,
      from: from.value.trim(),
      to: to.value.trim(),
      minSources: Math.max(1, Number(min.value) || 1),
      entity: f.entity,
    });
  });
  return form;
}

function focusForm(nodes: readonly GraphNode[]): HTMLFormElement {
  const options = el('datalist', { id: 'graph-node-names' }, ...nodes.map((n) => el('option', { value: n.label })));
  const input = el('input', {
    type: 'search',
    id: 'graph-search',
    list: 'graph-node-names',
    placeholder: 'Find an actor, e.g. Iran',
    'aria-label': 'Find an actor in the graph',
  });
  const status = el('span', { class: 'meta', role: 'status' });
  const form = el('form', { class: 'graph-search', role: 'search' }, input, options, el('button', { type: 'submit' }, 'Focus'), ' ', status);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = input.value.trim().toLowerCase();
    const hit =
      nodes.find((n) => n.id === q || n.label.toLowerCase() === q) ??
      nodes.find((n) => n.label.toLowerCase().startsWith(q)) ??
      nodes.find((n) => n.label.toLowerCase().includes(q));
    status.textContent = hit ? '' : `No visible actor matches “${input.value}”.`;
    if (hit) form.closest('.view')?.dispatchEvent(new CustomEvent('graph-focus', { detail: hit.id }));
  });
  return form;
}

function legend(): HTMLElement {
  return el(
    'ul',
    { class: 'legend', 'aria-label': 'Node colours' },
    ...Object.entries(ENTITY_COLORS).map(([type, color]) => {
      const dot = el('span', { class: 'dot', 'aria-hidden': 'true' });
      dot.style.setProperty('background', color);
      return el('li', {}, dot, ` ${type}`);
    }),
  );
}

function showNode(panel: HTMLElement, n: GraphNode, edges: readonly ApiGraphEdge[], names: (id: string) => string): void {
  const touching = edges.filter((e) => e.source === n.id || e.target === n.id);
  replaceChildren(
    panel,
    el('h2', {}, n.label),
    facts([
      ['Type', n.type],
      ['Mentions', `${n.mentions} in ${n.documents} documents`],
      ['Dossier', link(entityRoute(n.id), `Open ${n.label}`)],
    ]),
    touching.length ? el('h3', {}, `Edges (${touching.length})`) : null,
    touching.length ? edgeList(touching, n.id, names) : null,
  );
}

function showEdge(panel: HTMLElement, e: ApiGraphEdge, names: (id: string) => string): void {
  replaceChildren(
    panel,
    el('h2', {}, `${names(e.source)} ${e.type} ${names(e.target)}`),
    facts([
      ['From', link(entityRoute(e.source), names(e.source))],
      ['To', link(entityRoute(e.target), names(e.target))],
      ['Documents', e.documents],
      ['Independent sources', e.independentSources],
      ['Dates', edgeDates(e)],
      ['Tone', e.tone === null ? null : e.tone.toFixed(2)],
    ]),
    el('h3', {}, 'Evidence'),
    evidenceList(e, names, 10),
  );
}
