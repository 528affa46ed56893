import type { JobsOptions } from 'bullmq';

export const DEFAULT_ATTEMPTS = 5;
/** First retry after this; then 2×, 4×, … (BullMQ's exponential backoff). */
export const BACKOFF_DELAY_MS = 2000;

/**
 * Options of every document job. Completed jobs are kept a day (and at most
 * 100,000) so that re-enqueueing a document done recently is a no-op without
 * asking PostgreSQL; after that the worker's own check (`hasDocument`) makes a
 * repeat cheap. Failed jobs are kept a week beside their dead-letter copy.
 */
export function documentJobOptions(attempts = DEFAULT_ATTEMPTS): JobsOptions {
  return {
    attempts: Math.max(1, attempts),
    backoff: { type: 'exponential', delay: BACKOFF_DELAY_MS },
    removeOnComplete: { age: 24 * 3600, count: 100_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
