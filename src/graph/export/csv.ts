import type { Analysis } from '../../schema/analysis.js';
import type { GraphEdge, GraphExport, GraphNode } from '../types.js';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * Rows as CSV (RFC 4180): a header line, then one record per row, CRLF line
 * ends, a field quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * Spreadsheets execute cells starting with = + - @ (and tab/CR, which some
 * strip first) as formulas — CSV injection — so such text cells get a leading
 * single quote. Numbers are written as numbers: -0.25 stays a number.
 *
 * @example [...toCsv([{ name: '=1+1' }], [{ header: 'name', value: (r) => r.name }])] // ['name\r\n', "'=1+1\r\n"]
 */
export function* toCsv<T>(rows: Iterable<T>, columns: readonly CsvColumn<T>[]): Generator<string> {
  yield csvHeader(columns);
  for (const row of rows) yield csvRecord(row, columns);
}

function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return `${columns.map((c) => csvField(c.header)).join(',')}\r\n`;
}

function csvRecord<T>(row: T, columns: readonly CsvColumn<T>[]): string {
  return `${columns.map((c) => csvCell(c.value(row))).join(',')}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}

function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const NODE_CSV: readonly CsvColumn<GraphNode>[] = [
  { header: 'id', value: (n) => n.id },
  { header: 'label', value: (n) => n.label },
  { header: 'type', value: (n) => n.type },
  { header: 'kbId', value: (n) => n.kbId },
  { header: 'cameo', value: (n) => n.cameo },
  { header: 'documents', value: (n) => n.documents },
  { header: 'mentions', value: (n) => n.mentions },
];

const EDGE_CSV: readonly CsvColumn<GraphEdge>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'source', value: (e) => e.source },
  { header: 'target', value: (e) => e.target },
  { header: 'type', value: (e) => e.type },
  { header: 'documents', value: (e) => e.documents },
  { header: 'independentSources', value: (e) => e.independentSources },
  { header: 'firstDate', value: (e) => e.firstDate },
  { header: 'lastDate', value: (e) => e.lastDate },
  { header: 'tone', value: (e) => e.tone },
  { header: 'evidence', value: (e) => e.evidence.length },
];

/** One row per graph node (Gephi's "nodes table" import reads `id` and `label`). */
export function entitiesCsv(graph: GraphExport): Generator<string> {
  return toCsv(graph.nodes, NODE_CSV);
}

/** One row per graph edge (Gephi's "edges table" import reads `source`, `target` and `type`). */
export function edgesCsv(graph: GraphExport): Generator<string> {
  return toCsv(graph.edges, EDGE_CSV);
}

interface MentionRow {
  documentId: string;
  entityId: string;
  kbId: string | null;
  entityName: string;
  entityType: string;
  kind: string;
  start: number;
  end: number;
  text: string;
}

const MENTION_CSV: readonly CsvColumn<MentionRow>[] = [
  { header: 'documentId', value: (m) => m.documentId },
  { header: 'entityId', value: (m) => m.entityId },
  { header: 'kbId', value: (m) => m.kbId },
  { header: 'entityName', value: (m) => m.entityName },
  { header: 'entityType', value: (m) => m.entityType },
  { header: 'kind', value: (m) => m.kind },
  { header: 'start', value: (m) => m.start },
  { header: 'end', value: (m) => m.end },
  { header: 'text', value: (m) => m.text },
];

/**
 * One row per entity mention, in document then text order; offsets are UTF-16
 * code units like every Dossier span. Document by document: the analyses may come
 * from a store's stream (`Store.analyses`), so a corpus of any size is written
 * in the memory of one document.
 */
export async function* mentionsCsv(analyses: Iterable<Analysis> | AsyncIterable<Analysis>): AsyncGenerator<string> {
  yield csvHeader(MENTION_CSV);
  for await (const a of analyses) for (const row of mentionRows(a)) yield csvRecord(row, MENTION_CSV);
}

function mentionRows(a: Analysis): MentionRow[] {
  const rows: MentionRow[] = [];
  for (const e of a.entities) {
    for (const m of e.mentions) {
      rows.push({
        documentId: a.document.id,
        entityId: e.id,
        kbId: e.kbId,
        entityName: e.name,
        entityType: e.type,
        kind: m.kind,
        start: m.start,
        end: m.end,
        text: m.text,
      });
    }
  }
  rows.sort((x, y) => x.start - y.start || x.end - y.end);
  return rows;
}
