import { foldName } from '../kb/fold.js';
import type { EdgeRow, EntityRecord, QuoteRow, Store, TimelineRow } from '../store/store.js';
import { aggregateEdges, type ToneLookup } from './aggregate.js';
import type { GraphEdge, GraphExport, GraphNode } from './types.js';

/**
 * The entity a user means by `name`: an exact id, else the best match by name
 * or alias (folded: case, diacritics, "the", possessives), most mentioned first.
 */
export async function resolveEntity(store: Store, name: string): Promise<{ entity: EntityRecord; others: EntityRecord[] } | null> {
  const exact = await store.getEntity(name);
  if (exact) return { entity: exact, others: [] };
  const found = await store.findEntities(foldName(name));
  if (found.length === 0) return null;
  return { entity: found[0], others: found.slice(1) };
}

export interface NeighborOptions {
  /** Edge type: exact (`PROXY_OF`, `event:ASSAULT`) or a prefix ending in `:` / the word `event` for every event class. */
  type?: string;
  /** Keep edges with at least this many independent sources. */
  minSources?: number;
  from?: string;
  to?: string;
}

/** Tone lookups that load each target's tones once. */
/** The tone of each edge row's document toward its target, read in one go, as the lookup `aggregateEdges` takes. */
async function toneLookup(store: Store, rows: readonly EdgeRow[]): Promise<ToneLookup> {
  const key = (doc: string, entity: string) => `${doc}\u0000${entity}`;
  const pairs = new Map<string, { documentId: string; entityId: string }>();
  for (const r of rows) pairs.set(key(r.documentId, r.target), { documentId: r.documentId, entityId: r.target });
  const byKey = new Map<string, number>();
  if (pairs.size > 0) for (const t of await store.tones([...pairs.values()])) byKey.set(key(t.documentId, t.entityId), t.tone);
  return (doc, entity) => byKey.get(key(doc, entity));
}

function typeMatches(type: string, wanted: string | undefined): boolean {
  if (!wanted) return true;
  if (wanted === 'event' || wanted.endsWith(':')) return type.startsWith(wanted === 'event' ? 'event:' : wanted);
  return type.toLowerCase() === wanted.toLowerCase();
}

/**
 * The edges touching an entity, best attested first (independent sources, then documents).
 *
 * @example neighbors(store, 'iran', { type: 'event', minSources: 2, from: '2020-01', to: '2020-12' })
 */
export async function neighbors(store: Store, entityId: string, options: NeighborOptions = {}): Promise<GraphEdge[]> {
  const rows = (await store.edgeRows({ entity: entityId, from: options.from, to: options.to })).filter((r) => typeMatches(r.type, options.type));
  return aggregateEdges(rows, await toneLookup(store, rows))
    .filter((e) => e.independentSources >= (options.minSources ?? 1))
    .sort((a, b) => b.independentSources - a.independentSources || b.documents - a.documents || (a.id < b.id ? -1 : 1));
}

export interface PathStep {
  from: string;
  to: string;
  edge: GraphEdge;
}

/**
 * A shortest chain of edges between two entities (edges read in either
 * direction), by breadth-first search; null when none within `maxHops`.
 */
export async function findPath(store: Store, from: string, to: string, maxHops = 6): Promise<PathStep[] | null> {
  if (from === to) return [];
  const edges = aggregateEdges(await store.edgeRows());
  const adjacent = new Map<string, Array<{ next: string; edge: GraphEdge }>>();
  const link = (a: string, b: string, edge: GraphEdge) => {
    const list = adjacent.get(a);
    if (list) list.push({ next: b, edge });
    else adjacent.set(a, [{ next: b, edge }]);
  };
  for (const e of edges) {
    link(e.source, e.target, e);
    link(e.target, e.source, e);
  }
  // Prefer well-attested edges when two paths are equally short.
  for (const list of adjacent.values()) list.sort((x, y) => y.edge.independentSources - x.edge.independentSources || (x.edge.id < y.edge.id ? -1 : 1));
  const cameFrom = new Map<string, { prev: string; edge: GraphEdge }>();
  let frontier = [from];
  const seen = new Set([from]);
  for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const { next: n, edge } of adjacent.get(node) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        cameFrom.set(n, { prev: node, edge });
        if (n === to) {
          const steps: PathStep[] = [];
          for (let at = to; at !== from; ) {
            const c = cameFrom.get(at) as { prev: string; edge: GraphEdge };
            steps.unshift({ from: c.prev, to: at, edge: c.edge });
            at = c.prev;
          }
          return steps;
        }
        next.push(n);
      }
    }
    frontier = next;
  }
  return null;
}

export interface EntityReport {
  entity: EntityRecord;
  /** Other entities the name could mean. */
  others: EntityRecord[];
  mentions: number;
  documents: number;
  /** Names the corpus uses for it, most frequent first. */
  surfaceForms: Array<{ text: string; count: number }>;
  relations: GraphEdge[];
  events: GraphEdge[];
  quotesBy: QuoteRow[];
  quotesAbout: QuoteRow[];
  timeline: TimelineRow[];
}

/**
 * Everything the corpus says about one entity (`dossier entity <name>`).
 *
 * @example (await entityReport(store, 'Iran'))?.relations[0].type // 'PROXY_OF'
 */
export async function entityReport(store: Store, name: string, limit = 20): Promise<EntityReport | null> {
  const resolved = await resolveEntity(store, name);
  if (!resolved) return null;
  const { entity, others } = resolved;
  const [stats, surfaceForms, edges, quotesBy, quotesAbout, timeline] = await Promise.all([
    store.entityStats(entity.id),
    store.surfaceForms(entity.id),
    neighbors(store, entity.id),
    store.quotesBy(entity.id, limit),
    store.quotesAbout(entity.id, limit),
    store.timeline(entity.id, limit * 5),
  ]);
  return {
    entity,
    others,
    mentions: stats.mentions,
    documents: stats.documents,
    surfaceForms,
    relations: edges.filter((e) => !e.type.startsWith('event:')),
    events: edges.filter((e) => e.type.startsWith('event:')),
    quotesBy,
    quotesAbout,
    timeline,
  };
}

/** The whole graph, for the exporters: every mentioned entity as a node, every aggregated edge. */
export async function graphExport(store: Store): Promise<GraphExport> {
  const [entities, counts, rows, tones] = await Promise.all([store.entities(), store.entityCounts(), store.edgeRows(), store.tones()]);
  const toneMap = new Map(tones.map((t) => [`${t.documentId}\u0000${t.entityId}`, t.tone]));
  const edges = aggregateEdges(rows, (d, e) => toneMap.get(`${d}\u0000${e}`));
  const inEdges = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes: GraphNode[] = entities
    .filter((e) => counts.has(e.id) || inEdges.has(e.id))
    .map((e) => ({
      id: e.id,
      label: e.name,
      type: e.type,
      kbId: e.kbId,
      cameo: e.cameo,
      documents: counts.get(e.id)?.documents ?? 0,
      mentions: counts.get(e.id)?.mentions ?? 0,
    }));
  // An edge endpoint with no entity row (a merged-away id in old evidence) still gets a node.
  const known = new Set(nodes.map((n) => n.id));
  for (const id of [...inEdges].sort()) {
    if (!known.has(id)) nodes.push({ id, label: id, type: 'GROUP', kbId: null, cameo: null, documents: 0, mentions: 0 });
  }
  return { nodes, edges };
}
