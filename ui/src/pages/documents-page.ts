// `#/`: the stored documents, newest first as the API lists them, with a search box.
import { api } from '../api.js';
import { docRoute, documentLabel, el, link, message, replaceChildren } from '../dom.js';
import { searchForm } from './search-page.js';

const PAGE = 50;

export async function documentsPage(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const { total, items } = await api.documents(PAGE, offset);
  const list = el(
    'ul',
    { class: 'doc-list', 'aria-label': 'Documents' },
    ...items.map((d) =>
      el(
        'li',
        { 'data-document-id': d.id },
        link(docRoute(d.id), documentLabel(d), { class: 'doc-link' }),
        el('span', { class: 'meta' }, ` ${[d.source?.name, d.published].filter(Boolean).join(' · ')}`),
        d.duplicateOf ? el('span', { class: 'badge', title: `near-duplicate of ${d.duplicateOf}` }, 'near-duplicate') : null,
      ),
    ),
  );
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' });
  if (offset > 0) pager.append(link(`/?offset=${Math.max(0, offset - PAGE)}`, '← Newer'));
  if (offset + PAGE < total) pager.append(link(`/?offset=${offset + PAGE}`, 'Older →'));
  replaceChildren(
    root,
    el('h1', {}, 'Documents'),
    searchForm(''),
    el('p', { class: 'meta' }, `${total} document${total === 1 ? '' : 's'} stored`),
    items.length ? list : message('No documents yet: ingest some with `dossier ingest` or POST /api/analyze.'),
    pager,
  );
}
