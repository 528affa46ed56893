/**
 * Dossier as a library: what the CLI and the server are built from.
 *
 * @example
 * import { analyse, createDocument, loadResources } from 'dossier';
 * const res = await loadResources();
 * const analysis = analyse(createDocument(text, { published: '2020-10-28', source: 'iranfocus' }), res);
 */
export { type AnalyseOptions, analyse, analyseTimed, loadResources } from './analysis.js';
export { createDocument, type Document, type DocumentMeta } from './document/document.js';
export { findSpanProblems, type Span, type TextSpan } from './document/span.js';
export { entityReport, neighbors, resolveEntity } from './graph/queries.js';
export { type IngestOptions, type IngestSummary, ingest } from './ingest/ingest.js';
export * from './schema/analysis.js';
export { openStore } from './store/open-store.js';
export type { Store } from './store/store.js';
