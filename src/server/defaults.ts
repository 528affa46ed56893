import type { RateLimit } from './middleware/rate-limit.js';

/**
 * The server's defaults, apart from the server: `dossier serve --help` shows
 * them, and the CLI must not load Hono to print its help or to ingest.
 */

/** Bind to loopback only: other machines connect only when the operator says so. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
export const DEFAULT_RATE_LIMITS: { reads: RateLimit; writes: RateLimit } = {
  reads: { requests: 1200, windowMs: 60_000 },
  writes: { requests: 60, windowMs: 60_000 },
};
