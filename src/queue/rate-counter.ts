import type { Redis } from 'ioredis';

export type Outcome = 'stored' | 'exists' | 'dead';

// Per-minute buckets live three hours: enough for "the last minutes".
const BUCKET_TTL_S = 3 * 3600;

/**
 * Done-per-minute counters in Redis (`<prefix>:rate:<outcome>:<minute>`),
 * written by every worker and read by `dossier queue status`. BullMQ's own
 * metrics add a data point only when a later job finishes, so an idle queue
 * would keep showing its last busy minute; these buckets are exact.
 */
export class RateCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async count(outcome: Outcome, at = Date.now()): Promise<void> {
    const key = `${this.prefix}:rate:${outcome}:${Math.floor(at / 60_000)}`;
    await this.redis.multi().incr(key).expire(key, BUCKET_TTL_S).exec();
  }

  /** Counts per outcome over the last `minutes` whole minutes, and in the current minute so far. */
  async recent(minutes: number, at = Date.now()): Promise<{ window: Record<Outcome, number>; current: Record<Outcome, number> }> {
    const now = Math.floor(at / 60_000);
    const outcomes: Outcome[] = ['stored', 'exists', 'dead'];
    const window = { stored: 0, exists: 0, dead: 0 };
    const current = { stored: 0, exists: 0, dead: 0 };
    for (const o of outcomes) {
      const keys = Array.from({ length: minutes + 1 }, (_, i) => `${this.prefix}:rate:${o}:${now - i}`);
      const values = await this.redis.mget(...keys);
      current[o] = Number(values[0] ?? 0);
      for (const v of values.slice(1)) window[o] += Number(v ?? 0);
    }
    return { window, current };
  }
}
