// Graph edges (relations and events) as a table with their evidence, shared by
// the entity dossier and the graph page's side panel.
import type { ApiGraphEdge, GraphEdge } from '../api.js';
import { docRoute, el, entityRoute, link } from '../dom.js';

export function edgeDates(e: ApiGraphEdge | GraphEdge): string {
  const first = e.firstDate;
  const last = e.lastDate;
  if (!first && !last) return '';
  return first === last || !last ? String(first) : `${first ?? '?'} – ${last}`;
}

/** The evidence behind one edge: each span links to its place in its document. */
export function evidenceList(e: GraphEdge, names: (id: string) => string, max = 5): HTMLElement {
  const items = e.evidence
    .slice(0, max)
    .map((ev) =>
      el(
        'li',
        {},
        link(docRoute(ev.documentId, ev), `“${ev.text}”`, { class: 'evidence-link' }),
        el(
          'span',
          { class: 'meta' },
          ` ${[ev.source, ev.date, ev.assertedBy === 'author' ? 'asserted by the author' : `asserted by ${names(ev.assertedBy)}`].filter(Boolean).join(' · ')}`,
        ),
      ),
    );
  const more = e.evidence.length - max;
  return el('ul', { class: 'evidence-list' }, ...items, more > 0 ? el('li', { class: 'meta' }, `and ${more} more`) : null);
}

/** A table of edges seen from `self` (the other party is the link). */
export function edgeTable(edges: GraphEdge[], self: string, names: (id: string) => string, caption: string): HTMLElement {
  return el(
    'table',
    { class: 'edge-table' },
    el('caption', {}, caption),
    el(
      'thead',
      {},
      el('tr', {}, ...['Relation', 'With', 'Documents', 'Independent sources', 'Dates', 'Tone', 'Evidence'].map((h) => el('th', { scope: 'col' }, h))),
    ),
    el(
      'tbody',
      {},
      ...edges.map((e) => {
        const outgoing = e.source === self;
        const other = outgoing ? e.target : e.source;
        return el(
          'tr',
          { 'data-edge': e.id },
          el('td', {}, outgoing ? `${e.type} →` : `← ${e.type}`),
          el('td', {}, link(entityRoute(other), names(other))),
          el('td', {}, String(e.documents)),
          el('td', {}, String(e.independentSources)),
          el('td', {}, edgeDates(e)),
          el('td', {}, e.tone === null ? '' : e.tone.toFixed(2)),
          el('td', {}, evidenceList(e, names, 3)),
        );
      }),
    ),
  );
}

/** The same edges as a compact list, for narrow side panels. */
export function edgeList(edges: GraphEdge[], self: string, names: (id: string) => string): HTMLElement {
  return el(
    'ul',
    { class: 'edge-list' },
    ...edges.map((e) => {
      const outgoing = e.source === self;
      const other = outgoing ? e.target : e.source;
      const counts = `${e.documents} doc${e.documents === 1 ? '' : 's'}, ${e.independentSources} independent source${e.independentSources === 1 ? '' : 's'}`;
      return el(
        'li',
        { 'data-edge': e.id },
        el('strong', {}, outgoing ? `${e.type} → ` : `← ${e.type} `),
        link(entityRoute(other), names(other)),
        el('span', { class: 'meta' }, ` ${[counts, edgeDates(e)].filter(Boolean).join(' · ')}`),
        evidenceList(e, names, 2),
      );
    }),
  );
}
