// `#/timeline/:ref`: an actor's dated items (events, relations, quotes) in order,
// each linking to the document it comes from.
import { api, type TimelineRow } from '../api.js';
import { docRoute, el, entityRoute, link, message, replaceChildren } from '../dom.js';
import { byTimex } from '../timex.js';

export function timelineList(rows: readonly TimelineRow[]): HTMLElement {
  const sorted = byTimex(rows, (r) => r.date);
  return el(
    'ol',
    { class: 'timeline', 'aria-label': 'Timeline' },
    ...sorted.map((r) =>
      el(
        'li',
        { class: `timeline-item kind-${r.kind}`, 'data-date': r.date ?? '', 'data-kind': r.kind },
        el('time', { class: 'when', ...(r.date && /^\d{4}-\d{2}-\d{2}$/.test(r.date) ? { datetime: r.date } : {}) }, r.date ?? 'undated'),
        el('span', { class: 'kind' }, r.kind),
        el(
          'span',
          { class: 'what' },
          link(docRoute(r.documentId, { find: r.text }), `“${r.text}”`, { class: 'evidence-link' }),
          el('span', { class: 'detail' }, ` ${r.detail}`),
        ),
      ),
    ),
  );
}

export async function timelinePage(root: HTMLElement, ref: string): Promise<void> {
  const { entity, items } = await api.timeline(ref);
  replaceChildren(
    root,
    el('h1', {}, 'Timeline: ', link(entityRoute(entity.id), entity.name)),
    el('p', { class: 'meta' }, `${items.length} dated item${items.length === 1 ? '' : 's'}; weeks and months sort by their first day.`),
    items.length ? timelineList(items) : message('No dated items for this actor.'),
  );
}
