import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { Job, JobResult, JobSettings } from '../cli/jobs.js';
import type { AnalysisRequest } from './analysis-thread-worker.js';

/** Runs one job to its result (in this thread or another). */
export type JobRunner = (job: Job, settings: JobSettings) => Promise<JobResult>;

/**
 * The server's analyses on a worker thread of their own. Analysing a long
 * article takes the CPU for a second or more; on the server's thread that
 * would stall every other request (reads, the UI, health checks) behind it.
 * Here jobs queue on the worker while the server keeps answering, and a
 * document that exhausts the worker's heap fails alone: the pending requests
 * get an error, and the next job starts a fresh worker.
 *
 * @example
 * const analysis = new AnalysisThread();
 * const result = await analysis.run(job, settings);
 * await analysis.close();
 */
export class AnalysisThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (r: JobResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(
    private readonly resourceOptions: Record<string, string> = {},
    /** The worker's heap: room for the resources (~100 MB) and a document at the body cap. */
    private readonly limits: ResourceLimits = { maxOldGenerationSizeMb: 768 },
  ) {}

  /** The job's result; rejects only when the worker itself fails (crash, heap exhausted). */
  readonly run: JobRunner = (job, settings) =>
    new Promise<JobResult>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.started().postMessage({ id, job, settings } satisfies AnalysisRequest);
    });

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./analysis-thread-worker.js', import.meta.url), {
      workerData: { resourceOptions: this.resourceOptions },
      resourceLimits: this.limits,
    });
    // The server should be able to exit while the worker idles.
    worker.unref();
    worker.on('message', ({ id, result }: { id: number; result: JobResult }) => {
      this.pending.get(id)?.resolve(result);
      this.pending.delete(id);
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', (err) => fail(new Error(`analysis thread failed: ${err.message}`)));
    worker.on('exit', (code) => fail(new Error(`analysis thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
