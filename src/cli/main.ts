#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node
// First: V8 flags must be set before the stages' code is compiled (see v8-tuning.ts).
import './v8-tuning.js';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError, Option } from 'commander';
import { normalisePublished } from '../document/document.js';
import { InputError } from '../document/errors.js';
import { DEFAULT_MAX_BYTES } from '../document/normalize.js';
import { detectFormat, type InputFormat, readBytes } from '../ingest/read-input.js';
import { packageRoot } from '../package-root.js';
import { registerCorpusCommands } from './commands/index.js';
import type { Job, JobResult, JobSettings, OutputFormat } from './jobs.js';
import { runPool } from './pool.js';
import { Progress } from './progress.js';

/** Exit codes, documented in README and `dossier analyze --help`. */
export const EXIT = { ok: 0, refused: 1, usage: 2, skipped: 3 } as const;

const version = (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

function isoDate(v: string): string {
  const d = normalisePublished(v);
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return d;
}

interface AnalyzeOptions {
  published?: string;
  source?: string;
  title?: string;
  url?: string;
  format?: OutputFormat;
  inputFormat: InputFormat;
  jobs: number;
  maxBytes: number;
  check: boolean;
  color?: boolean;
  cameoDir?: string;
}

/** Turn the command line's inputs into jobs: whole files, or one job per JSONL line. */
async function* jobsFrom(inputs: string[], opts: AnalyzeOptions, progress: Progress, refused: (where: string, reason: string) => void): AsyncGenerator<Job> {
  let seq = 0;
  for (const input of inputs) {
    const format = opts.inputFormat === 'auto' ? (input === '-' ? 'auto' : detectFormat(input)) : opts.inputFormat;
    if (format === 'jsonl') {
      const name = input === '-' ? '<stdin>' : input;
      let stream: NodeJS.ReadableStream;
      try {
        if (input !== '-') {
          const st = statSync(input);
          if (!st.isFile()) throw new InputError(input, 'unsupported', 'not a regular file');
        }
        stream = input === '-' ? process.stdin : createReadStream(input, { encoding: 'utf8' });
      } catch (err) {
        refused(input, err instanceof InputError ? err.reason : `cannot read: ${(err as NodeJS.ErrnoException).code ?? err}`);
        continue;
      }
      let lineNo = 0;
      for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
        lineNo++;
        yield { seq: seq++, where: `${name}:${lineNo}`, kind: 'line', line };
      }
      continue;
    }
    try {
      const bytes = readBytes(input, opts.maxBytes);
      yield { seq: seq++, where: input === '-' ? '<stdin>' : input, kind: 'bytes', name: input === '-' ? '<stdin>' : input, bytes };
    } catch (err) {
      if (err instanceof InputError) refused(err.input, err.reason);
      else refused(input, String(err));
      progress.tick(false);
    }
  }
}

async function analyzeCommand(inputs: string[], opts: AnalyzeOptions): Promise<number> {
  const batch = inputs.length > 1 || opts.inputFormat === 'jsonl' || inputs.some((i) => i !== '-' && detectFormat(i) === 'jsonl');
  const format: OutputFormat = opts.format ?? (batch ? 'jsonl' : 'json');
  const settings: JobSettings = {
    format: batch && format === 'json' ? 'jsonl' : format,
    inputFormat: opts.inputFormat,
    maxBytes: opts.maxBytes,
    meta: { published: opts.published ?? null, source: opts.source ?? null, title: opts.title ?? null, url: opts.url ?? null },
    color: opts.color !== false && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    check: opts.check,
  };
  const progress = new Progress('analysing');
  const skipped: Array<{ where: string; reason: string }> = [];
  let analysed = 0;
  const refused = (where: string, reason: string) => {
    skipped.push({ where, reason });
    progress.finish();
    process.stderr.write(`dossier: ${where}: ${reason}\n`);
  };
  let first = true;
  const emit = (r: JobResult) => {
    progress.tick(r.ok);
    if (!r.ok) {
      refused(r.where, r.reason);
      return;
    }
    analysed++;
    if (settings.format === 'text' && !first) process.stdout.write(`\n${'─'.repeat(60)}\n\n`);
    first = false;
    process.stdout.write(r.output);
  };
  const resourceOptions: Record<string, string> = opts.cameoDir ? { cameoDir: path.resolve(opts.cameoDir) } : {};
  await runPool(
    jobsFrom(inputs, opts, progress, refused),
    { jobs: batch ? opts.jobs : 1, settings, resourceOptions, loadInline: async () => (await import('../analysis.js')).loadResources(resourceOptions) },
    emit,
  );
  progress.finish();
  if (!batch) return skipped.length > 0 ? EXIT.refused : EXIT.ok;
  process.stderr.write(`dossier: ${analysed} analysed, ${skipped.length} skipped\n`);
  if (analysed === 0 && skipped.length > 0 && inputs.length === 1 && settings.inputFormat !== 'jsonl' && !inputs[0].endsWith('.jsonl')) return EXIT.refused;
  return skipped.length > 0 ? EXIT.skipped : EXIT.ok;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('dossier')
    .description('Evidence-bearing analysis of news and opinion about geopolitics: actors, time, quotes, events and rhetoric, each with its span.')
    .version(version, '-V, --version')
    .showHelpAfterError()
    .exitOverride((err) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(0);
      process.exit(EXIT.usage);
    });
  // Every command answers --help and --version.
  const command = (name: string) => program.command(name).version(version, '-V, --version');
  command('analyze')
    .alias('analyse')
    .description('Analyse articles (text, Markdown, HTML, or JSONL batches) and print dossier.analysis/1')
    .argument('<inputs...>', 'files, or - for standard input')
    .option('--published <date>', 'publication date, YYYY-MM-DD (anchors "last October")', isoDate)
    .option('--source <name>', 'source outlet name')
    .option('--title <title>', 'article title')
    .option('--url <url>', 'article URL (recorded, not fetched)')
    .addOption(new Option('--format <format>', 'output format (default: json for one input, jsonl for batches)').choices(['json', 'jsonl', 'text']))
    .addOption(new Option('--input-format <format>', 'input format').choices(['auto', 'text', 'markdown', 'html', 'jsonl']).default('auto'))
    .option('--jobs <n>', 'worker threads for batches', positiveInt, os.availableParallelism())
    .option('--max-bytes <n>', 'refuse inputs larger than this', positiveInt, DEFAULT_MAX_BYTES)
    .option('--check', 'validate each analysis against the schema and every span against the text', false)
    .option('--cameo-dir <dir>', 'PETRARCH-format CAMEO dictionaries to code events with')
    .option('--no-color', 'no colour in the text report')
    .addHelpText(
      'after',
      `
JSONL batches: one {"id"?, "text" | "html", "title"?, "published"?, "source"?, "url"?} per line;
one analysis per good line, in input order; bad lines are reported on stderr with
their line number and reason, and skipped.

Exit codes:
  0  every input analysed
  1  the input was refused (empty, binary, invalid UTF-8, too large, unreadable)
  2  usage error
  3  a batch finished, but some inputs or lines were skipped (see stderr)`,
    )
    .action(async (inputs: string[], opts: AnalyzeOptions) => {
      process.exitCode = await analyzeCommand(inputs, opts);
    });
  command('schema')
    .description('Print the JSON Schema of dossier.analysis/1')
    .action(async () => {
      const { analysisJsonSchema } = await import('../schema/analysis.js');
      process.stdout.write(`${JSON.stringify(analysisJsonSchema(), null, 2)}\n`);
    });
  registerCorpusCommands(command);
  return program;
}

// EPIPE (e.g. `dossier analyze … | head`) is a normal way for a reader to stop.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

await buildProgram().parseAsync(process.argv);
