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

async function allAnalyses(store: Store): Promise<Analysis[]> {
  const out: Analysis[] = [];
  for await (const { analysis } of store.analyses()) out.push(analysis);
  return out;
}

/**
 * Write the store in one format, chunk by chunk: analyses (jsonl) and W3C
 * annotations stream document by document; graph formats aggregate first.
 */
export async function exportStore(store: Store, format: ExportFormat, write: (chunk: string) => void, table: CsvTable = 'edges'): Promise<void> {
  if (format === 'jsonl' || format === 'w3c') {
    for await (const { analysis } of store.analyses()) {
      for (const line of toJsonl(format === 'jsonl' ? [analysis] : toW3cAnnotations(analysis))) write(line);
    }
    return;
  }
  if (format === 'csv' && table === 'mentions') {
    for (const line of mentionsCsv(await allAnalyses(store))) write(line);
    return;
  }
  const graph = await graphExport(store);
  const lines =
    format === 'gexf'
      ? gexfLines(graph)
      : format === 'graphml'
        ? graphmlLines(graph)
        : format === 'csv'
          ? table === 'entities'
            ? entitiesCsv(graph)
            : edgesCsv(graph)
          : toFtm(await allAnalyses(store), graph);
  for (const line of lines) write(line);
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
        await exportStore(store, opts.format, (chunk) => out.write(chunk), opts.table);
        if (opts.output)
          await new Promise<void>((resolve, reject) =>
            (out as ReturnType<typeof createWriteStream>).end((err?: Error | null) => (err ? reject(err) : resolve())),
          );
      });
    });
}
