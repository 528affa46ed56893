import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DeadLetter } from './dead-letter.js';
import { parseQueueUrl } from './queue-url.js';
import { RateCounter } from './rate-counter.js';

export interface QueueStatus {
  queue: string;
  redis: string;
  waiting: number;
  active: number;
  /** Waiting for a retry after a failed attempt (exponential backoff). */
  delayed: number;
  completed: number;
  /** Failed for good (each one is also in the dead-letter queue). */
  failed: number;
  deadLettered: number;
  /** Worker processes connected now. */
  workers: number;
  rate: {
    minutes: number;
    /** Documents finished (stored, already stored, dead-lettered) per minute over the last `minutes` whole minutes. */
    donePerMinute: number;
    storedPerMinute: number;
    /** Finished so far in the current minute. */
    currentMinute: number;
  };
}

/**
 * `dossier queue status`: job counts from BullMQ and the done-per-minute rate
 * from the workers' counters.
 *
 * @example formatQueueStatus(await queueStatus('redis://127.0.0.1:6379'))
 */
export async function queueStatus(url: string | undefined, minutes = 5): Promise<QueueStatus> {
  const target = parseQueueUrl(url);
  const queue = new Queue(target.name, { connection: target.connection });
  const dead = new Queue(target.deadName, { connection: target.connection });
  const redis = new Redis(target.connection);
  try {
    const counts = await queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'completed', 'failed');
    const deadCounts = await dead.getJobCounts('wait', 'prioritized', 'delayed', 'completed', 'failed');
    const recent = await new RateCounter(redis, target.keyPrefix).recent(minutes);
    const done = recent.window.stored + recent.window.exists + recent.window.dead;
    return {
      queue: target.name,
      redis: target.display,
      waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      deadLettered: Object.values(deadCounts).reduce((a, b) => a + b, 0),
      workers: await queue.getWorkersCount(),
      rate: {
        minutes,
        donePerMinute: done / minutes,
        storedPerMinute: recent.window.stored / minutes,
        currentMinute: recent.current.stored + recent.current.exists + recent.current.dead,
      },
    };
  } finally {
    await Promise.allSettled([queue.close(), dead.close(), redis.quit()]);
  }
}

export function formatQueueStatus(s: QueueStatus): string {
  const rows: Array<[string, string]> = [
    ['waiting', String(s.waiting)],
    ['active', String(s.active)],
    ['delayed', `${s.delayed} (retrying after backoff)`],
    ['completed', `${s.completed} (job records are kept a day)`],
    ['failed', String(s.failed)],
    ['dead-lettered', `${s.deadLettered} (see \`dossier queue dead\`)`],
    ['workers', String(s.workers)],
    [
      'rate',
      `${s.rate.donePerMinute.toFixed(1)} done/min (${s.rate.storedPerMinute.toFixed(1)} stored/min) over the last ${s.rate.minutes} min; ${s.rate.currentMinute} so far this minute`,
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  return `queue "${s.queue}" at ${s.redis}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}

/** The dead-lettered jobs, newest first, with their reasons (`dossier queue dead`). */
export async function deadLetters(url: string | undefined, limit = 20): Promise<DeadLetter[]> {
  const target = parseQueueUrl(url);
  const dead = new Queue<DeadLetter>(target.deadName, { connection: target.connection });
  try {
    const jobs = await dead.getJobs(['wait', 'prioritized', 'delayed'], 0, Math.max(0, limit - 1), false);
    return jobs.map((j) => j.data as DeadLetter);
  } finally {
    await dead.close();
  }
}
