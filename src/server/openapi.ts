import { z } from 'zod';
import { analysisJsonSchema } from '../schema/analysis.js';
import { AnalyzeBodySchema } from './routes/analyze-routes.js';
import { CorrectionBodySchema } from './routes/correction-routes.js';
import { EXPORT_MEDIA } from './routes/export-routes.js';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const obj = (properties: Json, required: string[] = Object.keys(properties)): Json => ({ type: 'object', properties, required });
const arr = (items: Json): Json => ({ type: 'array', items });

const json = (schema: Json, description = 'OK'): Json => ({ description, content: { 'application/json': { schema } } });
const query = (name: string, schema: Json, description: string): Json => ({ name, in: 'query', required: false, schema, description });
const pathParam = (name: string, description: string): Json => ({ name, in: 'path', required: true, schema: str, description });
const errors = (...codes: number[]): Json => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request (invalid parameters or body, or a URL the SSRF policy refuses)',
  401: 'Missing or unknown API token',
  404: 'Not found',
  413: 'Body or article too large',
  415: 'Not JSON, or an unsupported page type',
  429: 'Rate limited (see Retry-After)',
  502: 'The URL could not be fetched',
};

const write = { security: [{ bearer: [] }] };

/**
 * The OpenAPI 3.1 document served at `/openapi.json`, written by hand (the
 * request bodies and the Analysis come from their zod schemas). A test checks
 * that every route the app registers appears here.
 */
export function openApiDocument(version: string): Json {
  const EdgeEvidence = obj({ documentId: str, start: int, end: int, text: str, assertedBy: str, source: nstr, date: nstr });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dossier API',
      version,
      description:
        'Evidence-bearing analysis of geopolitical news. Reads are open; every write needs `Authorization: Bearer <token>` (`dossier token create`). Errors are `{ "error": { "code", "message" } }`.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/openapi.json': { get: { summary: 'This document', responses: { 200: json({ type: 'object' }) } } },
      '/api/health': { get: { summary: 'Liveness and document count', responses: { 200: json(obj({ ok: { const: true }, documents: int })) } } },
      '/api/analyze': {
        post: {
          ...write,
          summary: 'Analyse text, HTML or a URL (fetched SSRF-safe); store it with `store: true`',
          requestBody: { required: true, content: { 'application/json': { schema: ref('AnalyzeRequest') } } },
          responses: {
            200: json(
              obj({ documentId: str, stored: { type: 'boolean' }, outcome: { enum: ['stored', 'exists'] }, analysis: ref('Analysis') }, [
                'documentId',
                'stored',
                'analysis',
              ]),
            ),
            201: json(obj({ documentId: str, stored: { const: true }, outcome: { const: 'stored' }, duplicateOf: nstr, analysis: ref('Analysis') }), 'Stored'),
            ...errors(400, 401, 413, 415, 429, 502),
          },
        },
      },
      '/api/documents': {
        get: {
          summary: 'Stored documents, in ingest order',
          parameters: [
            query('limit', { ...int, minimum: 1, maximum: 500, default: 50 }, 'page size'),
            query('offset', { ...int, minimum: 0, default: 0 }, 'skip this many'),
          ],
          responses: { 200: json(obj({ total: int, limit: int, offset: int, items: arr(ref('DocumentItem')) })), ...errors(400) },
        },
      },
      '/api/documents/{id}': {
        get: {
          summary: 'One document with its analysis (text included)',
          parameters: [pathParam('id', 'document id (content hash)')],
          responses: { 200: json(obj({ document: ref('DocumentItem'), analysis: ref('Analysis') })), ...errors(404) },
        },
      },
      '/api/entities': {
        get: {
          summary: 'Entities, most mentioned first',
          parameters: [query('q', str, 'folded substring of a name or alias'), query('limit', { ...int, minimum: 1, maximum: 1000, default: 50 }, 'how many')],
          responses: { 200: json(obj({ items: arr(obj({ id: str, name: str, type: str, kbId: nstr, mentions: int, documents: int })) })), ...errors(400) },
        },
      },
      '/api/entities/{ref}': {
        get: {
          summary: 'The entity report (as `dossier entity`): mentions, names, relations, events, quotes, timeline',
          parameters: [pathParam('ref', 'entity id, name or alias'), query('limit', { ...int, minimum: 1, maximum: 200, default: 20 }, 'quotes per list')],
          responses: { 200: json(ref('EntityReport')), ...errors(400, 404) },
        },
      },
      '/api/timeline/{ref}': {
        get: {
          summary: 'Dated events, relations and quotes of an entity',
          parameters: [pathParam('ref', 'entity id, name or alias'), query('limit', { ...int, minimum: 1, maximum: 2000, default: 200 }, 'how many')],
          responses: { 200: json(obj({ entity: ref('Entity'), items: arr(ref('TimelineRow')) })), ...errors(400, 404) },
        },
      },
      '/api/graph': {
        get: {
          summary: 'The cross-article graph: actors and aggregated relations/events with evidence and independent-source counts',
          parameters: [
            query('types', str, 'comma-separated edge types (PROXY_OF, event:ASSAULT); `event` or a prefix ending in `:` for a class'),
            query('from', str, 'evidence date from (YYYY, YYYY-MM or YYYY-MM-DD)'),
            query('to', str, 'evidence date to (inclusive prefix)'),
            query('minSources', { ...int, minimum: 1, default: 1 }, 'minimum independent sources per edge'),
            query('entity', str, "only this entity's edges (id, name or alias)"),
            query('limit', { ...int, minimum: 1, maximum: 50000, default: 5000 }, 'best-attested edges kept'),
          ],
          responses: {
            200: json(
              obj({
                nodes: arr(obj({ id: str, label: str, type: str, kbId: nstr, mentions: int, documents: int })),
                edges: arr(ref('GraphEdge')),
              }),
            ),
            ...errors(400, 404),
          },
        },
      },
      '/api/search': {
        get: {
          summary: 'Full-text search, ranked, with snippets',
          parameters: [query('q', str, 'words; punctuation is not syntax'), query('limit', { ...int, minimum: 1, maximum: 200, default: 20 }, 'how many')],
          responses: {
            200: json(obj({ items: arr(obj({ documentId: str, title: nstr, published: nstr, source: nstr, rank: { type: 'number' }, snippet: str })) })),
            ...errors(400),
          },
        },
      },
      '/api/export/{format}': {
        get: {
          summary: 'Export the store (as `dossier export`), as a download',
          parameters: [
            { name: 'format', in: 'path', required: true, schema: { enum: Object.keys(EXPORT_MEDIA) } },
            query('table', { enum: ['edges', 'entities', 'mentions'], default: 'edges' }, 'which CSV table'),
          ],
          responses: {
            200: {
              description: 'The export',
              content: Object.fromEntries([...new Set(Object.values(EXPORT_MEDIA).map((m) => m.type.split(';')[0]))].map((t) => [t, { schema: str }])),
            },
            ...errors(400, 404),
          },
        },
      },
      '/api/corrections': {
        get: { summary: 'The audit log of corrections', responses: { 200: json(obj({ items: arr(ref('Correction')) })) } },
        post: {
          ...write,
          summary: 'Record and apply a correction (merge, split-alias, reject-event, reject-finding)',
          requestBody: { required: true, content: { 'application/json': { schema: ref('CorrectionRequest') } } },
          responses: { 201: json(obj({ correction: ref('Correction') }), 'Recorded and applied'), ...errors(400, 401, 404, 413, 415, 429) },
        },
      },
      '/': {
        get: {
          summary: 'The web UI (index.html; client routes fall back to it)',
          responses: { 200: { description: 'HTML, or a plain-text note when the UI is not built' } },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token from `dossier token create`' } },
      responses: Object.fromEntries(Object.entries(ERROR_TEXT).map(([code, description]) => [`E${code}`, json(ref('Error'), description)])),
      schemas: {
        Error: obj({ error: obj({ code: str, message: str }) }),
        AnalyzeRequest: stripDialect(z.toJSONSchema(AnalyzeBodySchema, { target: 'draft-2020-12' })),
        CorrectionRequest: stripDialect(z.toJSONSchema(CorrectionBodySchema, { target: 'draft-2020-12' })),
        Analysis: stripDialect(analysisJsonSchema()),
        DocumentItem: obj(
          {
            id: str,
            title: nstr,
            published: nstr,
            source: obj({ name: nstr, url: nstr }),
            sourceId: nstr,
            ingestedAt: str,
            duplicateOf: nstr,
            similarity: { type: ['number', 'null'] },
            circularSourcing: { type: 'boolean' },
          },
          ['id', 'title', 'published', 'source'],
        ),
        Entity: obj({ id: str, kbId: nstr, name: str, type: str, cameo: nstr, aliases: arr(str), kb: { type: ['object', 'null'] } }),
        TimelineRow: obj({ date: nstr, id: nstr, kind: { enum: ['event', 'relation', 'quote'] }, documentId: str, text: str, detail: str }),
        Quote: obj({
          documentId: str,
          quoteIndex: int,
          start: int,
          end: int,
          text: str,
          kind: str,
          speakerEntity: nstr,
          speakerText: nstr,
          circularSourcing: { type: 'boolean' },
          published: nstr,
          source: nstr,
        }),
        GraphEdge: obj({
          id: str,
          source: str,
          target: str,
          type: str,
          documents: int,
          independentSources: int,
          firstDate: nstr,
          lastDate: nstr,
          tone: { type: ['number', 'null'] },
          evidence: arr(EdgeEvidence),
        }),
        EntityReport: obj({
          entity: ref('Entity'),
          others: arr(ref('Entity')),
          mentions: int,
          documents: int,
          surfaceForms: arr(obj({ text: str, count: int })),
          relations: arr(ref('GraphEdge')),
          events: arr(ref('GraphEdge')),
          quotesBy: arr(ref('Quote')),
          quotesAbout: arr(ref('Quote')),
          timeline: arr(ref('TimelineRow')),
        }),
        Correction: obj({ id: int, kind: { enum: ['merge', 'split-alias', 'reject-event', 'reject-finding'] }, args: arr(str), why: str, who: str, at: str }),
      },
    },
  };
}

// A component schema inherits the document's dialect; a nested $schema is noise to most tools.
function stripDialect(schema: Json): Json {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}
