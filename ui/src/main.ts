// Entry point: renders the page for the current hash route into <main>.
import './styles.css';
import { ApiError, api } from './api.js';
import { el, message, replaceChildren } from './dom.js';
import { articlePage } from './pages/article-page.js';
import { documentsPage } from './pages/documents-page.js';
import { entityPage } from './pages/entity-page.js';
import { searchPage } from './pages/search-page.js';
import { timelinePage } from './pages/timeline-page.js';
import { parseRoute, type Route } from './router.js';

const main = document.getElementById('main') as HTMLElement;
let renderCount = 0;
/** Cleanup of the current page (the graph frees its WebGL context). */
let leavePage: (() => void) | null = null;

const TITLES: Record<Route['name'], string> = {
  documents: 'Documents',
  doc: 'Article',
  entity: 'Actor',
  graph: 'Network',
  timeline: 'Timeline',
  search: 'Search',
  'not-found': 'Not found',
};

async function render(): Promise<void> {
  const route = parseRoute(location.hash);
  const ticket = ++renderCount;
  leavePage?.();
  leavePage = null;
  // Each render gets a fresh view element, so listeners never pile up across pages.
  const view = el('div', { class: 'view', 'data-route': route.name });
  main.setAttribute('aria-busy', 'true');
  main.removeAttribute('data-ready');
  replaceChildren(main, view);
  replaceChildren(view, message('Loading…', 'loading'));
  document.title = `${TITLES[route.name]} · Dossier`;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.site a')) a.toggleAttribute('aria-current', a.dataset.route === route.name);
  try {
    switch (route.name) {
      case 'documents':
        await documentsPage(view, route.params);
        break;
      case 'doc':
        await articlePage(view, route.param, route.params);
        break;
      case 'entity':
        await entityPage(view, route.param);
        break;
      case 'graph': {
        // sigma, graphology and the layout load only when the network is opened.
        const { graphPage } = await import('./pages/graph-page.js');
        const leave = await graphPage(view, route.params);
        if (ticket === renderCount) leavePage = leave;
        else leave();
        break;
      }
      case 'timeline':
        await timelinePage(view, route.param);
        break;
      case 'search':
        await searchPage(view, route.params);
        break;
      default:
        replaceChildren(view, el('h1', {}, 'Not found'), message('No page at this address.'));
    }
  } catch (err) {
    if (ticket !== renderCount) return;
    const text = err instanceof ApiError && err.status === 404 ? 'Not found.' : `Could not load this page: ${(err as Error).message}`;
    replaceChildren(view, el('h1', {}, TITLES[route.name]), message(text, 'error'));
  }
  if (ticket !== renderCount) return;
  main.removeAttribute('aria-busy');
  main.dataset.ready = route.name;
  main.focus({ preventScroll: true });
}

async function showHealth(): Promise<void> {
  const status = document.getElementById('health');
  if (!status) return;
  try {
    const h = await api.health();
    status.textContent = `${h.documents} document${h.documents === 1 ? '' : 's'}`;
  } catch {
    status.textContent = 'server unreachable';
  }
}

window.addEventListener('hashchange', () => void render());
void render();
void showHealth();
