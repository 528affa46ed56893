import type { Context, MiddlewareHandler } from 'hono';
import { errorJson } from '../api-error.js';
import type { AppEnv } from '../app-env.js';

export interface RateLimit {
  /** Requests a client may make per window (the bucket's size). */
  requests: number;
  windowMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

// Buckets kept before idle (full) ones are dropped: bounds memory under many clients.
const MAX_CLIENTS = 10_000;

/**
 * A token bucket per client: `requests` per `windowMs`, refilled continuously,
 * so short bursts pass and a steady flood gets 429 with Retry-After (seconds
 * until one request is allowed again). The client is the socket's remote
 * address; X-Forwarded-For is not trusted (the server binds loopback and sits
 * behind no proxy it knows of). Reads and writes get separate limiters.
 */
export function rateLimit(limit: RateLimit, now: () => number = () => Date.now()): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, Bucket>();
  const perMs = limit.requests / limit.windowMs;
  return async (c, next) => {
    const key = clientKey(c);
    const t = now();
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= MAX_CLIENTS) prune(buckets, t, perMs, limit.requests);
      b = { tokens: limit.requests, at: t };
      buckets.set(key, b);
    }
    b.tokens = Math.min(limit.requests, b.tokens + (t - b.at) * perMs);
    b.at = t;
    if (b.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
      return errorJson(c, 429, 'rate-limited', `too many requests: at most ${limit.requests} per ${limit.windowMs / 1000} s`, { 'Retry-After': String(wait) });
    }
    b.tokens -= 1;
    return next();
  };
}

function clientKey(c: Context<AppEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'local';
}

function prune(buckets: Map<string, Bucket>, t: number, perMs: number, size: number): void {
  for (const [k, b] of buckets) if (b.tokens + (t - b.at) * perMs >= size) buckets.delete(k);
  // Everyone is busy: forget the oldest half rather than grow without bound.
  if (buckets.size >= MAX_CLIENTS) for (const k of [...buckets.keys()].slice(0, MAX_CLIENTS / 2)) buckets.delete(k);
}
