import { Worker } from 'node:worker_threads';
import type { Resources } from '../pipeline/context.js';
import { type Job, type JobResult, type JobSettings, runJob } from './jobs.js';

export interface PoolOptions {
  jobs: number;
  settings: JobSettings;
  resourceOptions: Record<string, string>;
  /** Resources for the in-process path (`jobs` = 1). */
  loadInline: () => Promise<Resources>;
}

/**
 * Run jobs on `jobs` worker threads (or in-process for one) and hand results
 * to `emit` in input order. Input is pulled lazily and at most `jobs × 4` jobs
 * are in flight, so a batch of any size runs in bounded memory.
 */
export async function runPool(source: AsyncIterable<Job>, options: PoolOptions, emit: (result: JobResult) => void): Promise<void> {
  // Worker threads load compiled JavaScript; from TypeScript sources (tsx, tests of
  // the sources) run in-process, which gives the same output in the same order.
  if (options.jobs <= 1 || import.meta.url.endsWith('.ts')) {
    const res = await options.loadInline();
    for await (const job of source) emit(runJob(job, res, options.settings));
    return;
  }
  const workerUrl = new URL('./batch-worker.js', import.meta.url);
  const workers: Worker[] = [];
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
  const ready: Array<Promise<void>> = [];
  for (let i = 0; i < options.jobs; i++) {
    const worker = new Worker(workerUrl, { workerData: { settings: options.settings, resourceOptions: options.resourceOptions } });
    workers.push(worker);
    ready.push(
      new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      }),
    );
  }
  await Promise.all(ready);
  for (const worker of workers) {
    idle.push(worker);
    worker.on('message', (result: JobResult) => {
      inFlight--;
      idle.push(worker);
      pending.set(result.seq, result);
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
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
