import { Hono } from 'hono';
import { entityReport, resolveEntity } from '../../graph/queries.js';
import { foldName } from '../../kb/fold.js';
import { type ApiDeps, cachedJson, intParam } from '../api-deps.js';
import type { AppEnv } from '../app-env.js';

/**
 * `GET /api/entities?q=&limit=` (most mentioned first; `q` matches a folded
 * substring of the name or an alias), `GET /api/entities/:ref` (the entity
 * report of `dossier entity`, by id or name) and `GET /api/timeline/:ref`.
 * All cached by store version: the report is the hot path of the load test.
 */
export function entityRoutes(deps: ApiDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/entities', (c) => {
      const q = foldName(c.req.query('q') ?? '');
      const limit = intParam(c, 'limit', 50, 1, 1000);
      return cachedJson(c, deps, 'entities', async () => {
        const [entities, counts] = await Promise.all([deps.store.entities(), deps.store.entityCounts()]);
        const items = entities
          .filter((e) => counts.has(e.id))
          .filter((e) => q === '' || foldName(e.name).includes(q) || e.aliases.some((a) => foldName(a).includes(q)))
          .map((e) => ({
            id: e.id,
            name: e.name,
            type: e.type,
            kbId: e.kbId,
            mentions: counts.get(e.id)?.mentions ?? 0,
            documents: counts.get(e.id)?.documents ?? 0,
          }))
          // An exact name match first, then the most mentioned.
          .sort((a, b) => Number(foldName(b.name) === q) - Number(foldName(a.name) === q) || b.mentions - a.mentions || a.id.localeCompare(b.id))
          .slice(0, limit);
        return { items };
      });
    })
    .get('/entities/:ref', (c) => {
      const ref = c.req.param('ref');
      const limit = intParam(c, 'limit', 20, 1, 200);
      return cachedJson(c, deps, `entity ${ref}`, () => entityReport(deps.store, ref, limit));
    })
    .get('/timeline/:ref', (c) => {
      const ref = c.req.param('ref');
      const limit = intParam(c, 'limit', 200, 1, 2000);
      return cachedJson(c, deps, `entity ${ref}`, async () => {
        const resolved = await resolveEntity(deps.store, ref);
        if (!resolved) return null;
        return { entity: resolved.entity, items: await deps.store.timeline(resolved.entity.id, limit) };
      });
    });
}
