import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { normalisePublished } from '../../document/document.js';
import { DEFAULT_MAX_BYTES } from '../../document/normalize.js';
import { DEFAULT_ATTEMPTS } from '../../queue/job-options.js';
import { parseQueueUrl, QUEUE_HELP } from '../../queue/queue-url.js';
import { CORPUS_EXIT, DB_HELP, wholeNumber } from './options.js';

interface IngestCliOptions {
  db?: string;
  jobs: number;
  published?: string;
  source?: string;
  maxBytes: number;
  reanalyse: boolean;
  cameoDir?: string;
  json: boolean;
  queue?: string;
  attempts: number;
}

function isoDate(v: string): string {
  const d = normalisePublished(v);
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return d;
}

export function registerIngest(command: (name: string) => Command): void {
  command('ingest')
    .description('Analyse and store articles: files, directories, JSONL, RSS/Atom feeds, OPML lists and URLs')
    .argument('<inputs...>', 'files, directories (recursive: .txt .md .html .htm .jsonl), feeds (.xml .rss .atom .opml) or http(s) URLs')
    .option('--db <url>', DB_HELP)
    .option('--jobs <n>', 'worker threads', (v) => Math.max(1, wholeNumber(v)), os.availableParallelism())
    .option('--published <date>', 'publication date for every document, YYYY-MM-DD', isoDate)
    .option('--source <name>', 'source outlet for every document')
    .option('--max-bytes <n>', 'refuse inputs larger than this', wholeNumber, DEFAULT_MAX_BYTES)
    .option('--reanalyse', 'analyse stored documents again, replacing their rows (corrections are re-applied)', false)
    .option('--cameo-dir <dir>', 'PETRARCH-format CAMEO dictionaries to code events with')
    .option('--json', 'print the summary as JSON on stdout (with the peak RSS of this process and its workers)', false)
    .option('--queue <url>', `enqueue the documents for \`dossier worker\` instead of analysing here. ${QUEUE_HELP}`)
    .option('--attempts <n>', 'with --queue: attempts per document before the dead-letter queue', (v) => Math.max(1, wholeNumber(v)), DEFAULT_ATTEMPTS)
    .addHelpText(
      'after',
      `
Idempotent: a document's id is the hash of its text; re-ingesting it does nothing.
Crash-safe: each document is stored in one transaction; rerun an interrupted
batch and it resumes. Near-duplicates are linked to their original.

Exit codes:
  0  every input stored (or already stored)
  2  usage error
  3  the batch finished, but some inputs were skipped (see stderr)`,
    )
    .action(async (inputs: string[], opts: IngestCliOptions) => {
      const meta = { published: opts.published ?? null, source: opts.source ?? null };
      if (opts.queue) {
        const { enqueue, formatEnqueueSummary } = await import('../../queue/enqueue.js');
        // Scale-out: read here, analyse on the workers (src/queue, docs/scaling.md).
        const queued = await enqueue(inputs, {
          queue: opts.queue,
          db: opts.db,
          maxBytes: opts.maxBytes,
          meta,
          attempts: opts.attempts,
        });
        process.stderr.write(formatEnqueueSummary(queued, parseQueueUrl(opts.queue).name));
        if (opts.json) process.stdout.write(`${JSON.stringify(queued)}\n`);
        process.exitCode = queued.skipped.length > 0 ? CORPUS_EXIT.skipped : CORPUS_EXIT.ok;
        return;
      }
      const { formatSummary, ingest } = await import('../../ingest/ingest.js');
      const summary = await ingest(inputs, {
        db: opts.db,
        jobs: opts.jobs,
        maxBytes: opts.maxBytes,
        meta,
        reanalyse: opts.reanalyse,
        resourceOptions: opts.cameoDir ? { cameoDir: path.resolve(opts.cameoDir) } : {},
      });
      process.stderr.write(formatSummary(summary));
      // maxRSS covers the whole process, worker threads included (kilobytes).
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...summary, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
      process.exitCode = summary.skipped.length > 0 ? CORPUS_EXIT.skipped : CORPUS_EXIT.ok;
    });
}
