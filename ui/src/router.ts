// Hash routes: `#/`, `#/doc/:id`, `#/entity/:ref`, `#/graph`, `#/timeline/:ref`,
// `#/search?q=`. A hash router needs no server support beyond serving index.html.

export interface Route {
  name: 'documents' | 'doc' | 'entity' | 'graph' | 'timeline' | 'search' | 'not-found';
  /** The decoded path parameter (document id or entity ref), when the route has one. */
  param: string;
  params: URLSearchParams;
}

/**
 * Parse a location hash.
 *
 * @example parseRoute('#/entity/person.ali-khamenei') // { name: 'entity', param: 'person.ali-khamenei', … }
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const parts = path.split('/').filter(Boolean);
  const decode = (s: string | undefined) => {
    try {
      return decodeURIComponent(s ?? '');
    } catch {
      return '';
    }
  };
  if (parts.length === 0) return { name: 'documents', param: '', params };
  const [head, arg] = parts;
  if (head === 'doc' && arg) return { name: 'doc', param: decode(arg), params };
  if (head === 'entity' && arg) return { name: 'entity', param: decode(arg), params };
  if (head === 'timeline' && arg) return { name: 'timeline', param: decode(arg), params };
  if (head === 'graph') return { name: 'graph', param: '', params };
  if (head === 'search') return { name: 'search', param: '', params };
  return { name: 'not-found', param: '', params };
}
