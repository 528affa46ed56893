import { Hono } from 'hono';
import { type ApiDeps, cachedJson, intParam } from '../api-deps.js';
import type { AppEnv } from '../app-env.js';

/** `GET /api/search?q=&limit=`: full-text search, ranked, with snippets. */
export function searchRoutes(deps: ApiDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/search', (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 500);
    const limit = intParam(c, 'limit', 20, 1, 200);
    return cachedJson(c, deps, 'search', async () => ({ items: await deps.store.search(q, limit) }));
  });
}
