/**
 * Serialised JSON answers of the read routes, keyed by route + query and
 * stamped with the store's `dataVersion()`: an answer is reused only while the
 * version is unchanged (a new document or correction invalidates everything)
 * and for at most `ttlMs` (a re-analysis in place does not change the version).
 * Least recently used entries go first when `maxEntries` or `maxBytes` is hit.
 * Concurrent misses for one key share one computation, so a burst of clients
 * asking for the same entity costs one report.
 */
export interface ResponseCacheOptions {
  maxEntries?: number;
  /** Total bytes of the cached bodies. */
  maxBytes?: number;
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  version: string;
  /** UTF-8 bytes: encoded once, not per response. */
  body: Buffer;
  at: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Buffer | null>>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(options: ResponseCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? (() => Date.now());
  }

  /** The cached body for `key` at `version`, else `compute()`'s JSON as UTF-8 (cached unless null). */
  async get(key: string, version: string, compute: () => Promise<unknown>): Promise<Buffer | null> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version && this.now() - hit.at < this.ttlMs) {
      // Re-insert: Map order is the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.hits++;
      return hit.body;
    }
    this.misses++;
    const waitKey = `${version}\u0000${key}`;
    const inFlight = this.pending.get(waitKey);
    if (inFlight) return inFlight;
    const job = (async () => {
      const value = await compute();
      if (value === null) return null;
      const body = Buffer.from(JSON.stringify(value), 'utf8');
      this.put(key, { version, body, at: this.now() });
      return body;
    })();
    this.pending.set(waitKey, job);
    try {
      return await job;
    } finally {
      this.pending.delete(waitKey);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private put(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.length;
      this.entries.delete(key);
    }
    // One answer larger than the whole budget is served but not kept.
    if (entry.body.length > this.maxBytes) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length;
    }
  }
}
