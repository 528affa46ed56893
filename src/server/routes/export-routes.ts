import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { CSV_TABLES, EXPORT_FORMATS, exportStore } from '../../cli/commands/export-command.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../api-error.js';
import type { AppEnv } from '../app-env.js';

type ExportFormat = (typeof EXPORT_FORMATS)[number];
type CsvTable = (typeof CSV_TABLES)[number];

/** Media type and file extension of each export format. */
export const EXPORT_MEDIA: Record<ExportFormat, { type: string; ext: string }> = {
  jsonl: { type: 'application/x-ndjson; charset=utf-8', ext: 'jsonl' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  graphml: { type: 'application/graphml+xml; charset=utf-8', ext: 'graphml' },
  gexf: { type: 'application/gexf+xml; charset=utf-8', ext: 'gexf' },
  ftm: { type: 'application/x-ndjson; charset=utf-8', ext: 'ftm.jsonl' },
  w3c: { type: 'application/x-ndjson; charset=utf-8', ext: 'w3c.jsonl' },
};

/**
 * `GET /api/export/:format[?table=edges|entities|mentions]`: the same bytes as
 * `dossier export --format`, as a download (Content-Disposition: attachment,
 * so XML and CSV are saved, never rendered). Streamed as it is made, at the
 * pace the client reads: a corpus export never sits whole in the server's memory.
 */
export function exportRoutes(deps: ApiDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/export/:format', async (c) => {
    const format = c.req.param('format') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new ApiError(404, 'not-found', `no export format ${format} (one of ${EXPORT_FORMATS.join(', ')})`);
    const table = (c.req.query('table') ?? 'edges') as CsvTable;
    if (!CSV_TABLES.includes(table)) throw new ApiError(400, 'bad-request', `table must be one of ${CSV_TABLES.join(', ')}`);
    const media = EXPORT_MEDIA[format];
    const name = format === 'csv' ? `dossier-${table}.csv` : `dossier.${media.ext}`;
    c.header('Content-Type', media.type);
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return stream(
      c,
      async (out) => {
        await exportStore(deps.store, format, (chunk) => out.write(chunk).then(() => undefined), table);
      },
      // The status line is gone by then: the client sees a cut-off download; the operator sees why.
      async (err) => deps.logError(err),
    );
  });
}
