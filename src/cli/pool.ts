import { MessageChannel, type MessagePort, type ResourceLimits, Worker } from 'node:worker_threads';
import type { Resources } from '../pipeline/context.js';
import type { WorkerInit, WorkerMessage } from './batch-worker.js';
import type { Job, JobResult, JobSettings } from './jobs.js';

export interface PoolOptions {
  jobs: number;
  settings: JobSettings;
  resourceOptions: Record<string, string>;
  /** Resources for the in-process path (`jobs` = 1). */
  loadInline: () => Promise<Resources>;
}

/**
 * Heap limits per worker role. Without them each isolate lets its old
 * generation grow far past its live data before collecting (measured: peak RSS
 * 900 MB → 590 MB with 256/160, same CPU). Live heap after loading: front
 * ~50 MB (wink, compiled KB, NER), back ~32 MB (quotes model, CAMEO name table,
 * rhetoric; no KB: the front looks up the record facts); the front's bounded caches (NER word
 * types, folded names) add up to ~70 MB over a long ingest. The limits leave room for those and a large
 * document. Too tight
 * is worse than loose: at 224/128 with an 8 MB nursery a worker ran out of heap
 * and the GC cost 30% more CPU.
 */
const WORKER_LIMITS: Record<WorkerInit['role'], ResourceLimits> = {
  front: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16 },
  back: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 },
};

/** Jobs handed to a front worker ahead of the one it runs. */
const TAKER_DEPTH = 2;

/**
 * Run jobs on `jobs` worker threads (or in-process for one) and hand results
 * to `emit` in input order. Input is pulled lazily and at most `jobs × 4` jobs
 * are in flight, so a batch of any size runs in bounded memory.
 *
 * The pipeline is cut in two (see `splitStages`): half the threads run its
 * front, half its back, and each loads only its own resources — one copy of
 * every resource per front/back pair instead of one per thread, and half the
 * loading time. The main thread loads nothing, not even the stages' code: it
 * only reads inputs and hands out jobs (and stores results, in ingest).
 */
export async function runPool(source: AsyncIterable<Job>, options: PoolOptions, emit: (result: JobResult) => void): Promise<void> {
  // Worker threads load compiled JavaScript; from TypeScript sources (tsx, tests of
  // the sources) run in-process, which gives the same output in the same order.
  if (options.jobs <= 1 || import.meta.url.endsWith('.ts')) {
    const [{ prepareJobs, runJob }, res] = await Promise.all([import('./jobs.js'), options.loadInline()]);
    await prepareJobs(options.settings);
    for await (const job of source) emit(runJob(job, res, options.settings));
    return;
  }
  const workerUrl = new URL('./batch-worker.js', import.meta.url);
  const { settings, resourceOptions } = options;
  const all: Worker[] = [];
  const start = (init: WorkerInit, transfer: MessagePort[] = []) => {
    const worker = new Worker(workerUrl, { workerData: init, transferList: transfer, resourceLimits: WORKER_LIMITS[init.role] });
    all.push(worker);
    return worker;
  };
  const backs = Math.max(1, Math.floor(options.jobs / 2));
  const fronts = Math.max(1, options.jobs - backs);
  // channels[f][b]: front f → back b.
  const channels = Array.from({ length: fronts }, () => Array.from({ length: backs }, () => new MessageChannel()));
  // The fronts take jobs from this thread; the backs get them from the fronts.
  const takers: Worker[] = [];
  for (let f = 0; f < fronts; f++) {
    const ports = channels[f].map((c) => c.port1);
    takers.push(start({ settings, resourceOptions, role: 'front', ports }, ports));
  }
  for (let b = 0; b < backs; b++) {
    const ports = channels.map((row) => row[b].port2);
    start({ settings, resourceOptions, role: 'back', ports }, ports);
  }

  const idle: Worker[] = [];
  const pending = new Map<number, JobResult>();
  let nextToEmit = 0;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const wakeUp = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  await Promise.all(
    all.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        }),
    ),
  );
  const takerSet = new Set(takers);
  // Each taker holds up to TAKER_DEPTH jobs (one slot in `idle` per free place): with only the
  // one it is running, it would wait for its next job while this thread is inside a store
  // transaction.
  for (let slot = 0; slot < TAKER_DEPTH; slot++) idle.push(...takers);
  for (const worker of all) {
    worker.on('message', (msg: WorkerMessage) => {
      if ('ready' in msg) return;
      // A taker is free again once it has finished its job or handed it to a back.
      if (takerSet.has(worker)) idle.push(worker);
      if ('passed' in msg) {
        wakeUp();
        return;
      }
      inFlight--;
      pending.set(msg.seq, msg);
      while (pending.has(nextToEmit)) {
        const r = pending.get(nextToEmit) as JobResult;
        pending.delete(nextToEmit);
        nextToEmit++;
        emit(r);
      }
      wakeUp();
    });
    worker.on('error', (err) => {
      failure = err;
      wakeUp();
    });
  }
  const limit = options.jobs * 4;
  const queue: Job[] = [];
  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker;
      const job = queue.shift() as Job;
      worker.postMessage(job);
    }
  };
  try {
    for await (const job of source) {
      queue.push(job);
      inFlight++;
      dispatch();
      while (inFlight >= limit && !failure) {
        await new Promise<void>((r) => {
          wake = r;
        });
        dispatch();
      }
      if (failure) throw failure;
    }
    while (inFlight > 0 && !failure) {
      dispatch();
      await new Promise<void>((r) => {
        wake = r;
      });
    }
    if (failure) throw failure;
  } finally {
    await Promise.all(all.map((w) => w.terminate()));
  }
}
