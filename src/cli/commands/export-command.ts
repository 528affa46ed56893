import { createWriteStream } from 'node:fs';
import { Option, type Command } from 'commander';
import { graphExport } from '../../graph/queries.js';
import type { GraphExport } from '../../graph/types.js';
import type { Analysis } from '../../schema/analysis.js';
import type { Store } from '../../store/store.js';
import { DB_HELP, withStore } from './options.js';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'graphml', 'gexf', 'ftm', 'w3c'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The exporters (src/graph/export/), loaded by a computed specifier: only `export` needs them. */
interface Exporters {
  toGexf(graph: GraphExport): string;
  toGraphml(graph: GraphExport): string;
  toFtm(analyses: Analysis[], graph: GraphExport): Iterable<string> | string;
  toW3cAnnotations(analysis: Analysis): unknown[];
  toCsv(graph: GraphExport, ...rest: unknown[]): string | Record<string, string>;
}
const EXPORTERS = '../../graph/export/index.js';

async function allAnalyses(store: Store): Promise<Analysis[]> {
  const out: Analysis[] = [];
  for await (const { analysis } of store.analyses()) out.push(analysis);
  return out;
}

/** Write `fmt` to `out`: JSONL and W3C stream document by document; graph formats are built whole. */
async function exportTo(store: Store, format: ExportFormat, write: (chunk: string) => void): Promise<void> {
  if (format === 'jsonl') {
    for await (const { analysis } of store.analyses()) write(`${JSON.stringify(analysis)}\n`);
    return;
  }
  const ex = (await import(EXPORTERS)) as Exporters;
  if (format === 'w3c') {
    for await (const { analysis } of store.analyses()) for (const a of ex.toW3cAnnotations(analysis)) write(`${JSON.stringify(a)}\n`);
    return;
  }
  const graph = await graphExport(store);
  if (format === 'gexf') write(ex.toGexf(graph));
  else if (format === 'graphml') write(ex.toGraphml(graph));
  else if (format === 'csv') {
    const csv = ex.toCsv(graph);
    if (typeof csv === 'string') write(csv);
    else for (const [name, body] of Object.entries(csv)) write(`# ${name}\n${body}${body.endsWith('\n') ? '' : '\n'}`);
  } else {
    const lines = ex.toFtm(await allAnalyses(store), graph);
    if (typeof lines === 'string') write(lines.endsWith('\n') ? lines : `${lines}\n`);
    else for (const line of lines) write(line.endsWith('\n') ? line : `${line}\n`);
  }
}

export function registerExport(command: (name: string) => Command): void {
  command('export')
    .description('Export the store: analyses (jsonl), the graph (csv, graphml, gexf), FollowTheMoney entities (ftm) or W3C Web Annotations (w3c)')
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--db <url>', DB_HELP)
    .option('-o, --output <file>', 'write here instead of standard output')
    .action(async (opts: { format: ExportFormat; db?: string; output?: string }) => {
      await withStore(opts.db, async (store) => {
        const out = opts.output ? createWriteStream(opts.output) : process.stdout;
        await exportTo(store, opts.format, (chunk) => out.write(chunk));
        if (opts.output) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((err?: Error | null) => (err ? reject(err) : resolve())));
      });
    });
}
