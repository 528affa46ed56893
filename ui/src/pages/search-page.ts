// `#/search?q=`: full-text hits over documents, plus entities whose names match.
import { api } from '../api.js';
import { docRoute, documentLabel, el, entityRoute, link, message, replaceChildren } from '../dom.js';

/** The search box used on the document list and the search page. */
export function searchForm(q: string): HTMLFormElement {
  const input = el('input', {
    type: 'search',
    name: 'q',
    id: 'search-q',
    value: q,
    placeholder: 'Search articles and actors',
    'aria-label': 'Search articles and actors',
  });
  const form = el('form', { class: 'search-form', role: 'search' }, input, el('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = input.value.trim();
    if (value) location.hash = `#/search?q=${encodeURIComponent(value)}`;
  });
  return form;
}

export async function searchPage(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const q = (params.get('q') ?? '').trim();
  if (!q) {
    replaceChildren(root, el('h1', {}, 'Search'), searchForm(''));
    return;
  }
  const [hits, entities] = await Promise.all([api.search(q), api.entities(q, 10).catch(() => ({ items: [] }))]);
  replaceChildren(
    root,
    el('h1', {}, 'Search: ', el('q', {}, q)),
    searchForm(q),
    entities.items.length
      ? el(
          'section',
          { 'aria-labelledby': 'hit-entities' },
          el('h2', { id: 'hit-entities' }, 'Actors'),
          el(
            'ul',
            { class: 'entity-hits' },
            ...entities.items.map((e) =>
              el('li', {}, link(entityRoute(e.id), e.name), el('span', { class: 'meta' }, ` ${e.type} · ${e.mentions} mentions in ${e.documents} documents`)),
            ),
          ),
        )
      : null,
    el(
      'section',
      { 'aria-labelledby': 'hit-docs' },
      el('h2', { id: 'hit-docs' }, `Documents (${hits.items.length})`),
      hits.items.length
        ? el(
            'ol',
            { class: 'search-hits' },
            ...hits.items.map((h) =>
              el(
                'li',
                { 'data-document-id': h.documentId },
                link(docRoute(h.documentId), documentLabel({ id: h.documentId, title: h.title })),
                el('span', { class: 'meta' }, ` ${[h.source, h.published].filter(Boolean).join(' · ')}`),
                el('p', { class: 'snippet' }, h.snippet),
              ),
            ),
          )
        : message('No documents match.'),
    ),
  );
}
