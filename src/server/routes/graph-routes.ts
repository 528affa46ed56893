import { Hono } from 'hono';
import { aggregateEdges } from '../../graph/aggregate.js';
import { resolveEntity } from '../../graph/queries.js';
import type { GraphEdge } from '../../graph/types.js';
import { type ApiDeps, cachedJson, dateParam, intParam } from '../api-deps.js';
import type { AppEnv } from '../app-env.js';

/** `event` or a prefix ending in `:` matches a class of types; anything else one type, any case (as `dossier graph --type`). */
function typeMatches(type: string, wanted: string): boolean {
  if (wanted === 'event') return type.startsWith('event:');
  if (wanted.endsWith(':')) return type.startsWith(wanted);
  return type.toLowerCase() === wanted.toLowerCase();
}

/** An edge as the UI draws it (`firstDate`/`lastDate`: its earliest and latest evidence, as everywhere else). */
function edgeItem(e: GraphEdge) {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    type: e.type,
    documents: e.documents,
    independentSources: e.independentSources,
    firstDate: e.firstDate,
    lastDate: e.lastDate,
    tone: e.tone,
    evidence: e.evidence,
  };
}

/**
 * `GET /api/graph?types=a,b&from=&to=&minSources=&entity=&limit=`: the
 * cross-article graph, filtered by edge type, evidence date and independent
 * sources; with `entity`, only its edges (its neighbourhood). Nodes are the
 * edges' endpoints (and the entity asked for), with mention counts.
 */
export function graphRoutes(deps: ApiDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/graph', (c) => {
    const types = (c.req.query('types') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const from = dateParam(c, 'from');
    const to = dateParam(c, 'to');
    const minSources = intParam(c, 'minSources', 1, 1, 1_000_000);
    const limit = intParam(c, 'limit', 5000, 1, 50_000);
    const ref = c.req.query('entity');
    return cachedJson(c, deps, `entity ${ref}`, async () => {
      const store = deps.store;
      let entity: string | undefined;
      if (ref) {
        const resolved = await resolveEntity(store, ref);
        if (!resolved) return null;
        entity = resolved.entity.id;
      }
      const [rows, tones, entities, counts] = await Promise.all([store.edgeRows({ entity, from, to }), store.tones(), store.entities(), store.entityCounts()]);
      const toneMap = new Map(tones.map((t) => [`${t.documentId}\u0000${t.entityId}`, t.tone]));
      const wanted = types.length === 0 ? rows : rows.filter((r) => types.some((t) => typeMatches(r.type, t)));
      const edges = aggregateEdges(wanted, (d, e) => toneMap.get(`${d}\u0000${e}`))
        .filter((e) => e.independentSources >= minSources)
        .sort((a, b) => b.independentSources - a.independentSources || b.documents - a.documents || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      const ids = new Set(edges.flatMap((e) => [e.source, e.target]));
      if (entity) ids.add(entity);
      const byId = new Map(entities.map((e) => [e.id, e]));
      const nodes = [...ids].sort().map((id) => {
        const e = byId.get(id);
        const n = counts.get(id);
        // An endpoint with no entity row (merged away by a correction) still gets a node.
        return { id, label: e?.name ?? id, type: e?.type ?? 'GROUP', kbId: e?.kbId ?? null, mentions: n?.mentions ?? 0, documents: n?.documents ?? 0 };
      });
      return { nodes, edges: edges.map(edgeItem) };
    });
  });
}
