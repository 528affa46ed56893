import type { RedisOptions } from 'bullmq';

/** The default queue; its dead-letter queue is `dossier-dead`. */
export const DEFAULT_QUEUE_NAME = 'dossier';

export const QUEUE_HELP = 'Redis for the job queue: redis://[user:password@]host[:port][/db][?queue=name] (default: $DOSSIER_QUEUE; queue name "dossier")';

/** Where the queue lives and what its keys are called. */
export interface QueueTarget {
  /** For BullMQ (`maxRetriesPerRequest: null`, as workers need). */
  connection: RedisOptions & { host: string; port: number; db: number };
  /** The work queue. */
  name: string;
  /** Jobs that exhausted their attempts or are bad input, with the reason. */
  deadName: string;
  /**
   * Prefix of Dossier's own keys (near-duplicate index, rate counters). The
   * braces are a Redis Cluster hash tag: every key of one queue lives in one
   * slot, so the Lua scripts that touch several of them run on a cluster too.
   */
  keyPrefix: string;
  /** The URL without its password, for messages. */
  display: string;
}

/**
 * Parse `--queue`: `redis://host:6379/0?queue=news` (or `rediss://` for TLS).
 * The queue name travels in the URL so that one option names everything, and
 * tests can use a fresh queue per run.
 *
 * @example parseQueueUrl('redis://127.0.0.1:6379?queue=test').deadName // 'test-dead'
 */
export function parseQueueUrl(raw: string | undefined): QueueTarget {
  const value = raw || process.env.DOSSIER_QUEUE;
  if (!value) throw new Error('no queue: pass --queue redis://host:port or set DOSSIER_QUEUE');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`not a URL: ${value}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`expected a redis:// or rediss:// URL, got ${url.protocol}`);
  const dbPart = url.pathname.replace(/^\//, '');
  const db = dbPart === '' ? 0 : Number(dbPart);
  if (!Number.isInteger(db) || db < 0) throw new Error(`bad Redis database number: ${dbPart}`);
  const name = url.searchParams.get('queue') || DEFAULT_QUEUE_NAME;
  // BullMQ joins key parts with ':'; braces would break the hash tag.
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`bad queue name (letters, digits, _ . - only): ${name}`);
  const connection: QueueTarget['connection'] = {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    db,
    maxRetriesPerRequest: null,
  };
  if (url.username) connection.username = decodeURIComponent(url.username);
  if (url.password) connection.password = decodeURIComponent(url.password);
  if (url.protocol === 'rediss:') connection.tls = {};
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return { connection, name, deadName: `${name}-dead`, keyPrefix: `dossier:{${name}}`, display: shown.href };
}
