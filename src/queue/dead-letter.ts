import type { Job, Queue } from 'bullmq';

/** A dead-lettered job: the original job's id and data, and why it died. */
export interface DeadLetter {
  jobId: string;
  queue: string;
  where: string;
  reason: string;
  /** `bad-input` (permanent: the data will never analyse), `exhausted` (failed every attempt), `stalled` (crashed its workers too often). */
  kind: 'bad-input' | 'exhausted' | 'stalled';
  attemptsMade: number;
  failedAt: string;
  data: unknown;
}

/**
 * Copy a job to the dead-letter queue. Its job id is the original's, so doing
 * it twice (a worker crashed between this and failing the job) keeps one copy.
 * Nothing consumes the dead-letter queue: an operator reads it with
 * `dossier queue dead` and re-enqueues after fixing the cause.
 */
export async function deadLetter(dead: Queue, job: Job, kind: DeadLetter['kind'], reason: string, where: string): Promise<void> {
  const letter: DeadLetter = {
    jobId: String(job.id),
    queue: job.queueName,
    where,
    reason,
    kind,
    attemptsMade: job.attemptsMade + (kind === 'stalled' ? 0 : 1),
    failedAt: new Date().toISOString(),
    data: job.data,
  };
  await dead.add('dead', letter, { jobId: String(job.id) });
}
