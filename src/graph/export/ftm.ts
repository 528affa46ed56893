import { createHash } from 'node:crypto';
import type { Analysis, CodedEvent, Entity, Relation } from '../../schema/analysis.js';
import type { GraphEdge, GraphExport, GraphNode } from '../types.js';
import { FTM_ENTITY_SCHEMA, FTM_RELATION, type FtmActorSchema, ISO639_1_TO_2, LEGAL_ENTITY_SCHEMATA, ORGANIZATION_SCHEMATA } from './ftm-mapping.js';
import type { FtmEntity } from './ftm-types.js';

/**
 * FollowTheMoney ids: the SHA-1 of the stable keys that define the entity
 * (the Dossier entity id; the document id and span for per-document items),
 * so re-exporting the same store yields the same ids and `ftm aggregate`
 * merges fragments across exports.
 *
 * @example ftmId('entity', 'iran') // 40 hex digits
 */
export function ftmId(...keys: ReadonlyArray<string | number>): string {
  return createHash('sha1').update(keys.join('\u001f'), 'utf8').digest('hex');
}

/**
 * The analyses (and, when given, the cross-article graph) as FollowTheMoney
 * entities: one Article per document, a Person/Organization/PublicBody/Address/Event
 * per actor (once per id across the whole run), one Mention per distinct name
 * an actor goes by in a document, one Event per coded event, and one
 * Directorship/Membership/UnknownLink per relation. With a graph, the links
 * come from its aggregated edges (with first and last dates) instead of from
 * each document, and every graph node is written even if no analysis is given.
 * The analyses may be a store's stream: only the actor ids written so far are kept.
 *
 * @example for await (const e of ftmEntities(analyses, graph)) console.log(e.schema, e.id);
 */
export async function* ftmEntities(analyses: Iterable<Analysis> | AsyncIterable<Analysis>, graph?: GraphExport): AsyncGenerator<FtmEntity> {
  const written = new Set<string>();
  const schemaOf = new Map<string, FtmActorSchema>();
  const graphNodes = new Map<string, GraphNode>((graph?.nodes ?? []).map((n) => [n.id, n]));
  for (const node of graph?.nodes ?? []) {
    const schema = FTM_ENTITY_SCHEMA[node.type];
    schemaOf.set(node.id, schema);
    written.add(node.id);
    yield actorEntity(node.id, schema, node.label, [], [], node.kbId, node.cameo);
  }
  for await (const a of analyses) {
    const docId = ftmId('document', a.document.id);
    yield articleEntity(a, docId);
    for (const e of a.entities) {
      if (!schemaOf.has(e.id)) schemaOf.set(e.id, FTM_ENTITY_SCHEMA[e.type]);
    }
    for (const e of a.entities) {
      if (written.has(e.id)) continue;
      written.add(e.id);
      const label = graphNodes.get(e.id)?.label ?? e.name;
      const positions = a.relations.filter((r) => r.type === 'ROLE' && r.source === e.id && r.role).map((r) => r.role as string);
      yield actorEntity(e.id, FTM_ENTITY_SCHEMA[e.type], label, aliasesOf(e, label), positions, e.kbId, e.cameo ?? null);
    }
    for (const e of a.entities) yield* mentionEntities(e, docId, a.document.id, schemaOf);
    const names = new Map(a.entities.map((e) => [e.id, e.name]));
    for (let i = 0; i < a.events.length; i++) yield eventEntity(a, a.events[i], i, docId, schemaOf, names);
    if (!graph) {
      for (const r of a.relations) {
        const link = relationEntity(r, schemaOf, ftmId('link', a.document.id, r.type, r.source, r.target ?? '', r.evidence[0].start), {
          summary: r.evidence.map((s) => s.text),
          date: a.document.published,
          sourceUrl: a.document.source.url,
          publisher: a.document.source.name,
          proof: docId,
          assertedBy: r.assertedBy,
        });
        if (link) yield link;
      }
    }
  }
  for (const edge of graph?.edges ?? []) {
    if (edge.type.startsWith('event:')) continue; // events are written per document, with their sentence
    const link = graphEdgeEntity(edge, schemaOf);
    if (link) yield link;
  }
}

/**
 * `ftmEntities` as JSON lines, each ending in "\n" — the format `ftm` and
 * Aleph read (`.ftm.json` / `.ijson`).
 */
export async function* toFtm(analyses: Iterable<Analysis> | AsyncIterable<Analysis>, graph?: GraphExport): AsyncGenerator<string> {
  for await (const e of ftmEntities(analyses, graph)) yield `${JSON.stringify(e)}\n`;
}

/** Drop empty values and empty properties; FtM properties are non-empty lists of strings. */
function props(input: Record<string, ReadonlyArray<string | null | undefined> | string | null | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(input)) {
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (list.length > 0) out[k] = [...new Set(list)];
  }
  return out;
}

function articleEntity(a: Analysis, id: string): FtmEntity {
  const d = a.document;
  return {
    id,
    schema: 'Article',
    properties: props({
      title: d.title,
      name: d.title,
      publishedAt: d.published,
      author: d.author ?? null,
      publisher: d.source.name,
      sourceUrl: d.source.url,
      language: ISO639_1_TO_2[d.language] ?? null,
      bodyText: d.text,
      notes: `Dossier document ${d.id}`,
    }),
  };
}

function actorEntity(
  dossierId: string,
  schema: FtmActorSchema,
  name: string,
  aliases: readonly string[],
  positions: readonly string[],
  kbId: string | null,
  cameo: string | null,
): FtmEntity {
  const notes = [kbId ? `Dossier KB id ${kbId}` : `Dossier entity ${dossierId}`, cameo ? `CAMEO actor code ${cameo}` : null];
  const base = { name, alias: aliases.filter((x) => x !== name), notes };
  const extra: Record<string, string[] | string> = {};
  if (schema === 'Person' && positions.length > 0) extra.position = [...positions];
  if (schema === 'Address') extra.full = name;
  return { id: ftmId('entity', dossierId), schema, properties: props({ ...base, ...extra }) };
}

/** Names an actor goes by in the text: its name and alias mentions (not metonyms, titles or pronouns). */
function aliasesOf(e: Entity, label: string): string[] {
  return [...new Set(e.mentions.filter((m) => m.kind === 'name' || m.kind === 'alias').map((m) => m.text))].filter((t) => t !== label);
}

function* mentionEntities(e: Entity, docFtmId: string, documentId: string, schemaOf: Map<string, FtmActorSchema>): Generator<FtmEntity> {
  const schema = schemaOf.get(e.id) ?? FTM_ENTITY_SCHEMA[e.type];
  const names = new Set(e.mentions.filter((m) => m.kind !== 'pronoun').map((m) => m.text));
  for (const name of names) {
    yield {
      id: ftmId('mention', documentId, e.id, name),
      schema: 'Mention',
      properties: props({
        document: docFtmId,
        // `resolved` has range LegalEntity: places and named events are not resolvable there.
        resolved: LEGAL_ENTITY_SCHEMATA.has(schema) ? ftmId('entity', e.id) : null,
        name,
        detectedSchema: schema,
      }),
    };
  }
}

/** A TIMEX value FtM's date type accepts: YYYY, YYYY-MM or YYYY-MM-DD. */
function ftmDate(value: string | null | undefined): string | null {
  return value && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value) ? value : null;
}

function eventEntity(a: Analysis, ev: CodedEvent, index: number, docId: string, schemaOf: Map<string, FtmActorSchema>, names: Map<string, string>): FtmEntity {
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : null);
  const label = ev.plover ?? `CAMEO ${ev.cameo}`;
  const who = [nameOf(ev.source) ?? '?', nameOf(ev.target) ?? '?'].join(' → ');
  const flags = [
    `CAMEO ${ev.cameo}`,
    ev.goldstein !== null ? `Goldstein ${ev.goldstein}` : null,
    `asserted by ${ev.assertedBy === 'author' ? 'the author' : (nameOf(ev.assertedBy) ?? ev.assertedBy)}`,
    ev.negated ? 'negated' : null,
    ev.hypothetical ? 'hypothetical' : null,
    `trigger "${ev.trigger.text}"`,
  ].filter((x): x is string => x !== null);
  const involved = [ev.source, ev.target].filter((id): id is string => id !== null && LEGAL_ENTITY_SCHEMATA.has(schemaOf.get(id) ?? ''));
  return {
    id: ftmId('event', a.document.id, ev.trigger.start, ev.trigger.end, ev.cameo, index),
    schema: 'Event',
    properties: props({
      name: `${label}: ${who}`,
      summary: ev.sentence.text,
      description: flags.join('; '),
      date: ftmDate(ev.date?.value),
      involved: involved.map((id) => ftmId('entity', id)),
      location: nameOf(ev.location),
      sourceUrl: a.document.source.url,
      publisher: a.document.source.name,
      proof: docId,
    }),
  };
}

interface LinkContext {
  summary: string[];
  date?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  sourceUrl?: string | null;
  publisher?: string | null;
  proof?: string | null;
  assertedBy?: string;
  description?: string;
}

/** A relation as Directorship / Membership when FtM's ranges allow it, else as UnknownLink. */
function relationEntity(
  r: Relation | { type: string; source: string; target: string | null; role?: string },
  schemaOf: Map<string, FtmActorSchema>,
  id: string,
  ctx: LinkContext,
): FtmEntity | null {
  if (r.target === null) return null; // a role with no organisation is a Person `position`, written with the person
  const source = ftmId('entity', r.source);
  const target = ftmId('entity', r.target);
  const precise = FTM_RELATION[r.type as keyof typeof FTM_RELATION];
  const common = {
    summary: ctx.summary,
    date: ftmDate(ctx.date),
    startDate: ftmDate(ctx.startDate),
    endDate: ftmDate(ctx.endDate),
    sourceUrl: ctx.sourceUrl,
    publisher: ctx.publisher,
    proof: ctx.proof,
    description: ctx.description ?? (ctx.assertedBy ? `Dossier relation ${r.type}, asserted by ${ctx.assertedBy}` : `Dossier relation ${r.type}`),
  };
  const role = 'role' in r && r.role ? r.role : r.type.toLowerCase().replace(/_/g, ' ');
  if (precise && LEGAL_ENTITY_SCHEMATA.has(schemaOf.get(r.source) ?? '') && ORGANIZATION_SCHEMATA.has(schemaOf.get(r.target) ?? '')) {
    return { id, schema: precise.schema, properties: props({ [precise.source]: source, [precise.target]: target, role, ...common }) };
  }
  return { id, schema: 'UnknownLink', properties: props({ subject: source, object: target, role, ...common }) };
}

function graphEdgeEntity(edge: GraphEdge, schemaOf: Map<string, FtmActorSchema>): FtmEntity | null {
  return relationEntity({ type: edge.type, source: edge.source, target: edge.target }, schemaOf, ftmId('edge', edge.id), {
    summary: [...new Set(edge.evidence.map((e) => e.text))].slice(0, 20),
    startDate: edge.firstDate,
    endDate: edge.lastDate,
    description: `Dossier relation ${edge.type}: ${edge.documents} document(s), ${edge.independentSources} independent source(s)`,
  });
}
