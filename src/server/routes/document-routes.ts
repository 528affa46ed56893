import { Hono } from 'hono';
import type { DocumentSummary } from '../../store/store.js';
import { type ApiDeps, intParam } from '../api-deps.js';
import { notFound } from '../api-error.js';
import type { AppEnv } from '../app-env.js';

/** A document as the API lists it: source as {name, url}, like the analysis. */
export function documentItem(d: DocumentSummary) {
  return {
    id: d.id,
    title: d.title,
    published: d.published,
    source: { name: d.source, url: d.url },
    sourceId: d.sourceId,
    ingestedAt: d.ingestedAt,
    duplicateOf: d.duplicateOf,
    similarity: d.similarity,
    circularSourcing: d.circularSourcing,
  };
}

/** `GET /api/documents` (paged, ingest order) and `GET /api/documents/:id` (with its analysis). */
export function documentRoutes(deps: ApiDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/documents', async (c) => {
      const limit = intParam(c, 'limit', 50, 1, 500);
      const offset = intParam(c, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const [total, page] = await Promise.all([deps.store.countDocuments(), deps.store.listDocuments(limit, offset)]);
      return c.json({ total, limit, offset, items: page.map(documentItem) });
    })
    .get('/documents/:id', async (c) => {
      const id = c.req.param('id');
      const [doc, analysis] = await Promise.all([deps.store.getDocument(id), deps.store.getAnalysis(id)]);
      if (!doc || !analysis) throw notFound(`document ${id}`);
      const { text: _text, ...summary } = doc;
      return c.json({ document: documentItem(summary), analysis });
    });
}
