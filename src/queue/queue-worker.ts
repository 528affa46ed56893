import os from 'node:os';
import { type Job, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { analyse, loadResources } from '../analysis.js';
import { InputError } from '../document/errors.js';
import { documentRecord, recordFacts } from '../ingest/ingest-record.js';
import { minhashSignature, signatureToString } from '../ingest/near-dup.js';
import type { Resources } from '../pipeline/context.js';
import { openStore } from '../store/open-store.js';
import type { CorrectionRecord, Store } from '../store/store.js';
import { deadLetter } from './dead-letter.js';
import { documentFromPayload, payloadWhere, type QueuedDocument } from './job-payload.js';
import { parseQueueUrl } from './queue-url.js';
import { RateCounter } from './rate-counter.js';
import { SharedNearDuplicateIndex } from './shared-near-dup-index.js';
import { putDocumentConcurrently } from './store-with-retry.js';

export interface QueueWorkerOptions {
  /** `redis://…[?queue=name]` (default: DOSSIER_QUEUE). */
  queue?: string;
  /** The store (default: DOSSIER_DB); PostgreSQL when several workers share it. */
  db?: string;
  /** Or an open store (tests); it is left open. */
  store?: Store;
  /** Jobs in flight in this process (default 2: one analyses while another waits on the database). */
  concurrency?: number;
  /** BullMQ lock of an active job, ms (default 30,000); a worker that dies loses it after this. */
  lockDuration?: number;
  /** How often stalled jobs are looked for, ms (default 30,000). */
  stalledInterval?: number;
  /** Times a job may stall (its worker died) before it is failed and dead-lettered (default 2). */
  maxStalledCount?: number;
  /**
   * Close when nothing is waiting, delayed or active anywhere (batch runs, the
   * bench). Active counts too: a dead worker's job is active until the stall
   * check, which the idle workers run, puts it back.
   */
  untilEmpty?: boolean;
  resourceOptions?: Record<string, string>;
  /** Resources already loaded (tests); else `loadResources(resourceOptions)`. */
  resources?: Resources;
  /** One line per job on `log`. */
  verbose?: boolean;
  log?: (message: string) => void;
}

export interface QueueWorkerStats {
  processed: number;
  stored: number;
  /** Already in the store (a repeat delivery, or stored by another worker). */
  exists: number;
  nearDuplicates: number;
  deadLettered: number;
  /** Attempts that failed and will be retried. */
  retried: number;
  loadSeconds: number;
  /** CPU seconds (user + system) spent after the resources were loaded. */
  cpuSeconds: number;
  /** Epoch ms of the first job's start and the last job's end (null before any). */
  firstStartMs: number | null;
  lastEndMs: number | null;
  /**
   * The same after the first WARMUP_JOBS jobs of this process, when V8 has
   * compiled the hot code: the steady per-core cost a long-running worker has
   * (the first jobs cost about twice as much).
   */
  warm: { jobs: number; cpuSeconds: number; startMs: number | null };
}

/** Jobs after which a worker counts as warmed up (see `QueueWorkerStats.warm`). */
export const WARMUP_JOBS = 50;

export interface QueueWorkerHandle {
  /** Resolves with the final stats once the worker has closed. */
  readonly done: Promise<QueueWorkerStats>;
  /** Stop taking jobs, finish the ones in flight, close every connection (idempotent). */
  close(): Promise<QueueWorkerStats>;
  stats(): QueueWorkerStats;
}

/** A job that can never succeed: it goes to the dead-letter queue at once. */
class PermanentError extends Error {}

const STALLED_REASON = /stalled more than allowable limit/;
const CORRECTIONS_REFRESH_MS = 60_000;

/**
 * `dossier worker`: take document jobs from the queue, run the same pure
 * `analyse` as `dossier ingest`, and store each document in one transaction
 * (idempotent by content hash). Failed attempts are retried with exponential
 * backoff; bad input and jobs out of attempts go to the dead-letter queue with
 * their reason. A worker that dies mid-job loses its lock and another worker
 * takes the job again after `lockDuration`; the store's content-hash key makes
 * the second delivery harmless.
 *
 * @example
 * const w = await startQueueWorker({ queue: 'redis://127.0.0.1:6379', db: 'postgres://…' });
 * process.once('SIGTERM', () => void w.close());
 */
export async function startQueueWorker(options: QueueWorkerOptions = {}): Promise<QueueWorkerHandle> {
  const target = parseQueueUrl(options.queue);
  const log = options.log ?? ((m: string) => process.stderr.write(`dossier worker: ${m}\n`));
  const loadStarted = performance.now();
  const res = options.resources ?? (await loadResources(options.resourceOptions ?? {}));
  const store: Store = options.store ?? (await openStore(options.db));
  const redis = new Redis(target.connection);
  const lsh = new SharedNearDuplicateIndex(redis, target.keyPrefix);
  const rate = new RateCounter(redis, target.keyPrefix);
  const queue = new Queue(target.name, { connection: target.connection });
  const dead = new Queue(target.deadName, { connection: target.connection });
  let corrections: CorrectionRecord[] = await store.corrections();
  await lsh.seedFrom(store, log);
  const stats: QueueWorkerStats = {
    processed: 0,
    stored: 0,
    exists: 0,
    nearDuplicates: 0,
    deadLettered: 0,
    retried: 0,
    loadSeconds: (performance.now() - loadStarted) / 1000,
    cpuSeconds: 0,
    firstStartMs: null,
    lastEndMs: null,
    warm: { jobs: 0, cpuSeconds: 0, startMs: null },
  };
  let cpuAtWarm: NodeJS.CpuUsage | null = null;
  const cpuAtReady = process.cpuUsage();
  const refresh = setInterval(() => {
    store.corrections().then(
      (c) => {
        corrections = c;
      },
      () => undefined,
    );
  }, CORRECTIONS_REFRESH_MS);
  refresh.unref();

  let inFlight = 0;
  const processDocument = async (job: Job<QueuedDocument>) => {
    inFlight++;
    const started = Date.now();
    stats.firstStartMs ??= started;
    const where = payloadWhere(job.data, job.id);
    let claimed: { id: string; signature: string } | null = null;
    try {
      if (options.verbose) log(`start ${job.id}`);
      const { doc } = documentFromPayload(job.data, job.id);
      // A repeat delivery (stall, re-enqueue after the job record expired) costs one lookup, not an analysis.
      if (await store.hasDocument(doc.id)) {
        stats.exists++;
        await rate.count('exists');
        return { id: doc.id, outcome: 'exists' };
      }
      let analysis: ReturnType<typeof analyse>;
      let signature: string;
      let facts: ReturnType<typeof recordFacts>;
      try {
        analysis = analyse(doc, res);
        signature = signatureToString(minhashSignature(doc.text));
        facts = recordFacts(doc, analysis, res.kb);
      } catch (err) {
        // `analyse` is pure and deterministic: what failed once fails every time.
        throw new PermanentError(`analysis failed: ${(err as Error).message}`);
      }
      const nd = await lsh.claim(doc.id, signature);
      claimed = { id: doc.id, signature };
      const original = nd.duplicateOf ? { id: nd.duplicateOf, similarity: nd.similarity ?? 0 } : null;
      const outcome = await putDocumentConcurrently(store, documentRecord(analysis, signature, facts, original, corrections, new Date().toISOString()));
      // Only originals stay in the index (a copy of a copy links to the first original).
      if (nd.duplicateOf) await lsh.release(doc.id, signature);
      if (outcome === 'stored') {
        stats.stored++;
        if (nd.duplicateOf) stats.nearDuplicates++;
      } else stats.exists++;
      await rate.count(outcome);
      if (options.verbose) log(`${outcome} ${doc.id}${nd.duplicateOf ? ` (near-duplicate of ${nd.duplicateOf})` : ''} in ${Date.now() - started} ms`);
      return { id: doc.id, outcome, duplicateOf: nd.duplicateOf };
    } catch (err) {
      const permanent = err instanceof InputError || err instanceof PermanentError;
      const reason = err instanceof InputError ? err.reason : (err as Error).message;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!permanent && !lastAttempt) {
        stats.retried++;
        if (options.verbose) log(`attempt ${job.attemptsMade + 1} of ${job.id} failed, will retry: ${reason}`);
        throw err;
      }
      await deadLetter(dead, job, permanent ? 'bad-input' : 'exhausted', reason, where);
      if (claimed) await lsh.release(claimed.id, claimed.signature);
      stats.deadLettered++;
      await rate.count('dead');
      log(`dead-lettered ${job.id} (${where}): ${reason}`);
      throw new UnrecoverableError(reason);
    } finally {
      inFlight--;
      stats.processed++;
      stats.lastEndMs = Date.now();
      if (stats.processed === WARMUP_JOBS) {
        cpuAtWarm = process.cpuUsage();
        stats.warm.startMs = stats.lastEndMs;
      } else if (stats.processed > WARMUP_JOBS) stats.warm.jobs++;
    }
  };

  const worker = new Worker<QueuedDocument>(target.name, processDocument, {
    connection: target.connection,
    concurrency: options.concurrency ?? 2,
    lockDuration: options.lockDuration ?? 30_000,
    stalledInterval: options.stalledInterval ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    name: `${os.hostname()}:${process.pid}`,
  });
  worker.on('error', (err) => log(`error: ${err.message}`));

  // A job whose workers kept dying (out of memory, killed) is failed by BullMQ's
  // stall check, outside any processor: dead-letter it from the event stream.
  // Every worker hears the event; the dead-letter job id makes it one copy.
  const events = new QueueEvents(target.name, { connection: target.connection });
  events.on('failed', ({ jobId, failedReason }) => {
    if (!STALLED_REASON.test(failedReason)) return;
    void (async () => {
      const job = await queue.getJob(jobId);
      if (!job) return;
      await deadLetter(dead, job, 'stalled', failedReason, payloadWhere(job.data, jobId));
      await rate.count('dead');
      log(`dead-lettered ${jobId}: ${failedReason}`);
    })().catch((err) => log(`error: cannot dead-letter ${jobId}: ${(err as Error).message}`));
  });

  let closing: Promise<QueueWorkerStats> | null = null;
  let resolveDone: (s: QueueWorkerStats) => void = () => undefined;
  const done = new Promise<QueueWorkerStats>((r) => {
    resolveDone = r;
  });
  let emptyCheck: NodeJS.Timeout | null = null;
  const close = (): Promise<QueueWorkerStats> => {
    closing ??= (async () => {
      if (emptyCheck) clearInterval(emptyCheck);
      clearInterval(refresh);
      // Waits for the jobs in flight to finish (and be marked completed or failed).
      await worker.close();
      const cpu = process.cpuUsage(cpuAtReady);
      stats.cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (cpuAtWarm) {
        const warm = process.cpuUsage(cpuAtWarm);
        stats.warm.cpuSeconds = (warm.user + warm.system) / 1e6;
      }
      await Promise.allSettled([events.close(), queue.close(), dead.close()]);
      await redis.quit().catch(() => undefined);
      if (!options.store) await store.close();
      resolveDone(stats);
      return stats;
    })();
    return closing;
  };

  if (options.untilEmpty) {
    let checking = false;
    emptyCheck = setInterval(() => {
      if (checking || inFlight > 0) return;
      checking = true;
      queue
        .getJobCounts('wait', 'delayed', 'prioritized', 'active')
        .then((c) => {
          if (inFlight === 0 && Object.values(c).every((n) => n === 0)) void close();
        })
        .catch(() => undefined)
        .finally(() => {
          checking = false;
        });
    }, 500);
  }
  log(`ready on "${target.name}" at ${target.display} (resources loaded in ${stats.loadSeconds.toFixed(1)} s, concurrency ${options.concurrency ?? 2})`);
  return { done, close, stats: () => ({ ...stats }) };
}
