import { Queue } from 'bullmq';
import type { DocumentMeta } from '../document/document.js';
import { InputError } from '../document/errors.js';
import { DEFAULT_MAX_BYTES } from '../document/normalize.js';
import { ingestJobs } from '../ingest/ingest-inputs.js';
import type { Remote } from '../ingest/ingest-remote.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { documentJobOptions } from './job-options.js';
import { type QueuedDocument, queuedDocumentFrom } from './job-payload.js';
import { parseQueueUrl } from './queue-url.js';

export interface EnqueueOptions {
  /** `redis://…[?queue=name]` (default: DOSSIER_QUEUE). */
  queue?: string;
  /** When given, documents already in this store are not enqueued (counted as already stored). */
  db?: string;
  maxBytes?: number;
  meta?: DocumentMeta;
  /** Attempts per job before it goes to the dead-letter queue (default 5). */
  attempts?: number;
  stderr?: NodeJS.WritableStream;
  remote?: Remote;
}

export interface EnqueueSummary {
  enqueued: number;
  /** A job with the same content hash exists (waiting, active, done or failed). */
  alreadyQueued: number;
  /** In the store named by `db`. */
  alreadyStored: number;
  skipped: Array<{ where: string; reason: string }>;
  /** JSON bytes of the enqueued payloads (for Redis sizing). */
  payloadBytes: number;
  seconds: number;
}

// Jobs go to Redis in batches: one round trip per batch, not per document.
const BATCH = 100;

/**
 * `dossier ingest --queue`: read inputs exactly as `dossier ingest` does and
 * enqueue one BullMQ job per document, `{text, meta, where}`, whose job id is
 * the document's content hash. BullMQ ignores an add whose id exists, so
 * enqueueing the same input twice queues it once.
 *
 * @example await enqueue(['articles/'], { queue: 'redis://127.0.0.1:6379' })
 */
export async function enqueue(inputs: readonly string[], options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const started = performance.now();
  const target = parseQueueUrl(options.queue);
  const stderr = options.stderr ?? process.stderr;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const meta = options.meta ?? {};
  const summary: EnqueueSummary = { enqueued: 0, alreadyQueued: 0, alreadyStored: 0, skipped: [], payloadBytes: 0, seconds: 0 };
  const skip = (where: string, reason: string) => {
    summary.skipped.push({ where, reason });
    stderr.write(`dossier: ${where}: ${reason}\n`);
  };
  const queue = new Queue<QueuedDocument>(target.name, { connection: target.connection });
  let store: Store | null = null;
  try {
    if (options.db) store = await openStore(options.db);
    const jobOptions = documentJobOptions(options.attempts);
    let batch: Array<{ id: string; payload: QueuedDocument }> = [];
    const seen = new Set<string>();
    const flush = async () => {
      if (batch.length === 0) return;
      const current = batch;
      batch = [];
      const states = await Promise.all(current.map((b) => queue.getJobState(b.id)));
      const stored = store ? await Promise.all(current.map((b) => (store as Store).hasDocument(b.id))) : current.map(() => false);
      const fresh = current.filter((_, i) => {
        if (stored[i]) summary.alreadyStored++;
        else if (states[i] !== 'unknown') summary.alreadyQueued++;
        else return true;
        return false;
      });
      if (fresh.length === 0) return;
      await queue.addBulk(fresh.map((b) => ({ name: 'analyse', data: b.payload, opts: { ...jobOptions, jobId: b.id } })));
      summary.enqueued += fresh.length;
      for (const b of fresh) summary.payloadBytes += Buffer.byteLength(JSON.stringify(b.payload), 'utf8');
    };
    for await (const job of ingestJobs(inputs, { maxBytes, remote: options.remote, skip })) {
      let read: { id: string; payload: QueuedDocument };
      try {
        read = queuedDocumentFrom(job, { maxBytes, meta });
      } catch (err) {
        if (err instanceof InputError) skip(job.where, err.reason);
        else skip(job.where, `internal error: ${(err as Error).message}`);
        continue;
      }
      // The same text twice in one run: queued once, like a second run.
      if (seen.has(read.id)) {
        summary.alreadyQueued++;
        continue;
      }
      seen.add(read.id);
      batch.push(read);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    await queue.close();
    await store?.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** The closing line, e.g. `dossier: 997 enqueued, 3 already queued, 0 already stored, 1 skipped in 2.1 s`. */
export function formatEnqueueSummary(s: EnqueueSummary, queueName: string): string {
  let out = `dossier: ${s.enqueued} enqueued on "${queueName}", ${s.alreadyQueued} already queued, ${s.alreadyStored} already stored, ${s.skipped.length} skipped in ${s.seconds.toFixed(1)} s\n`;
  if (s.skipped.length > 0) {
    const byReason = new Map<string, number>();
    for (const k of s.skipped) {
      const reason = k.reason.split(':')[0];
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    out += `dossier: skipped: ${[...byReason.entries()].map(([r, n]) => `${n} × ${r}`).join('; ')}\n`;
  }
  return out;
}
