import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type Command, Option } from 'commander';
import { edgesCsv, entitiesCsv, gexfLines, graphmlLines, mentionsCsv, toFtm, toJsonl, toW3cAnnotations } from '../../graph/export/index.js';
import { graphExport } from '../../graph/queries.js';
import type { Analysis } from '../../schema/analysis.js';
import type { Store } from '../../store/store.js';
import { DB_HELP, withStore } from './options.js';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'graphml', 'gexf', 'ftm', 'w3c'] as const;
export const CSV_TABLES = ['edges', 'entities', 'mentions'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];
type CsvTable = (typeof CSV_TABLES)[number];

async function* analysesOf(store: Store): AsyncGenerator<Analysis> {
  for await (const { analysis } of store.analyses()) yield analysis;
}

/**
 * Write the store in one format, chunk by chunk, awaiting `write` (a slow
 * reader holds the export back instead of filling memory). Everything that is
 * per document streams from the store one document at a time (analyses,
 * W3C annotations, mentions, FtM); graph formats aggregate the edges first.
 */
export async function exportStore(
  store: Store,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
  table: CsvTable = 'edges',
): Promise<void> {
  if (format === 'jsonl' || format === 'w3c') {
    for await (const analysis of analysesOf(store)) {
      for (const line of toJsonl(format === 'jsonl' ? [analysis] : toW3cAnnotations(analysis))) await write(line);
    }
    return;
  }
  if (format === 'csv' && table === 'mentions') {
    for await (const line of mentionsCsv(analysesOf(store))) await write(line);
    return;
  }
  if (format === 'ftm') {
    for await (const line of toFtm(analysesOf(store), await graphExport(store))) await write(line);
    return;
  }
  const graph = await graphExport(store);
  const lines = format === 'gexf' ? gexfLines(graph) : format === 'graphml' ? graphmlLines(graph) : table === 'entities' ? entitiesCsv(graph) : edgesCsv(graph);
  for (const line of lines) await write(line);
}

export function registerExport(command: (name: string) => Command): void {
  command('export')
    .description('Export the store: analyses (jsonl), the graph (csv, graphml, gexf), FollowTheMoney entities (ftm) or W3C Web Annotations (w3c)')
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .addOption(new Option('--table <table>', 'which CSV table').choices(CSV_TABLES).default('edges'))
    .option('--db <url>', DB_HELP)
    .option('-o, --output <file>', 'write here instead of standard output')
    .action(async (opts: { format: ExportFormat; table: CsvTable; db?: string; output?: string }) => {
      await withStore(opts.db, async (store) => {
        const out = opts.output ? createWriteStream(opts.output) : process.stdout;
        await exportStore(
          store,
          opts.format,
          async (chunk) => {
            if (!out.write(chunk)) await once(out, 'drain');
          },
          opts.table,
        );
        if (opts.output)
          await new Promise<void>((resolve, reject) =>
            (out as ReturnType<typeof createWriteStream>).end((err?: Error | null) => (err ? reject(err) : resolve())),
          );
      });
    });
}
