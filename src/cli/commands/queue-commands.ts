import path from 'node:path';
import type { Command } from 'commander';
import { QUEUE_HELP } from '../../queue/queue-url.js';
import { CORPUS_EXIT, DB_HELP, printJson, wholeNumber } from './options.js';

interface WorkerCliOptions {
  queue?: string;
  db?: string;
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
  untilEmpty: boolean;
  cameoDir?: string;
  verbose: boolean;
  json: boolean;
}

const positive = (v: string) => Math.max(1, wholeNumber(v));

/** `dossier worker` and `dossier queue status|dead`: scale-out over BullMQ (see docs/scaling.md). */
export function registerQueueCommands(command: (name: string) => Command): void {
  command('worker')
    .description('Analyse and store documents from the queue (fed by `dossier ingest --queue`); run one per core, on any number of machines')
    .option('--queue <url>', QUEUE_HELP)
    .option('--db <url>', `${DB_HELP}; PostgreSQL when several workers share it`)
    .option('--concurrency <n>', 'jobs in flight in this process (one analyses while another waits on the database)', positive, 2)
    .option('--lock-duration <ms>', 'job lock; a dead worker’s job is taken over after this', positive, 30_000)
    .option('--stalled-interval <ms>', 'how often to look for jobs of dead workers', positive, 30_000)
    .option('--max-stalled-count <n>', 'times a job may lose its worker before it is dead-lettered', wholeNumber, 2)
    .option('--until-empty', 'exit when nothing is waiting, delayed or active (batch runs)', false)
    .option('--cameo-dir <dir>', 'PETRARCH-format CAMEO dictionaries to code events with')
    .option('--verbose', 'one line per job on stderr', false)
    .option('--json', 'print the closing stats as JSON on stdout', false)
    .addHelpText(
      'after',
      `
Retries: a failed attempt is retried with exponential backoff (attempts are set
by \`dossier ingest --queue --attempts n\`); bad input, and jobs out of attempts,
go to the dead-letter queue "<queue>-dead" with the reason.
SIGTERM or SIGINT: stop taking jobs, finish the ones in flight, close, exit 0.
A second signal exits at once; the unfinished jobs are retried elsewhere.`,
    )
    .action(async (opts: WorkerCliOptions) => {
      const { startQueueWorker } = await import('../../queue/queue-worker.js');
      const worker = await startQueueWorker({
        queue: opts.queue,
        db: opts.db,
        concurrency: opts.concurrency,
        lockDuration: opts.lockDuration,
        stalledInterval: opts.stalledInterval,
        maxStalledCount: opts.maxStalledCount,
        untilEmpty: opts.untilEmpty,
        verbose: opts.verbose,
        resourceOptions: opts.cameoDir ? { cameoDir: path.resolve(opts.cameoDir) } : {},
      });
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        signals++;
        if (signals > 1) {
          process.stderr.write(`dossier worker: ${signal} again: exiting now; jobs in flight will be retried by other workers\n`);
          process.exit(130);
        }
        process.stderr.write(`dossier worker: ${signal}: finishing the jobs in flight, then exiting\n`);
        void worker.close();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      const s = await worker.done;
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      process.stderr.write(
        `dossier worker: closed: ${s.processed} processed, ${s.stored} stored (${s.nearDuplicates} near-duplicates), ${s.exists} already stored, ${s.deadLettered} dead-lettered, ${s.retried} retried; ${s.cpuSeconds.toFixed(1)} CPU s\n`,
      );
      if (opts.json) process.stdout.write(`${JSON.stringify(s)}\n`);
      process.exitCode = CORPUS_EXIT.ok;
    });

  const queue = command('queue').description('Inspect the job queue: status, dead letters');
  queue
    .command('status')
    .description('Waiting, active, delayed, completed, failed and dead-lettered jobs; workers; done per minute')
    .option('--queue <url>', QUEUE_HELP)
    .option('--minutes <n>', 'rate window in whole minutes', positive, 5)
    .option('--json', 'print JSON', false)
    .action(async (opts: { queue?: string; minutes: number; json: boolean }) => {
      const { formatQueueStatus, queueStatus } = await import('../../queue/queue-status.js');
      const status = await queueStatus(opts.queue, opts.minutes);
      if (opts.json) printJson(status);
      else process.stdout.write(formatQueueStatus(status));
    });
  queue
    .command('dead')
    .description('Dead-lettered jobs with their reasons, newest first')
    .option('--queue <url>', QUEUE_HELP)
    .option('--limit <n>', 'how many', positive, 20)
    .option('--json', 'print JSON (with the job data)', false)
    .action(async (opts: { queue?: string; limit: number; json: boolean }) => {
      const { deadLetters } = await import('../../queue/queue-status.js');
      const letters = await deadLetters(opts.queue, opts.limit);
      if (opts.json) printJson(letters);
      else
        for (const d of letters)
          process.stdout.write(
            `${d.failedAt}  ${d.kind.padEnd(9)}  ${d.jobId.slice(0, 12)}  ${d.where}: ${d.reason} (${d.attemptsMade} attempt${d.attemptsMade === 1 ? '' : 's'})\n`,
          );
    });
}
