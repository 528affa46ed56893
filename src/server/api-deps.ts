import type { Context } from 'hono';
import type { Remote } from '../ingest/ingest-remote.js';
import type { Store } from '../store/store.js';
import type { JobRunner } from './analysis-thread.js';
import { ApiError } from './api-error.js';
import type { AppEnv } from './app-env.js';
import type { DataVersion } from './data-version.js';
import type { ResponseCache } from './response-cache.js';

/** What the route modules share. */
export interface ApiDeps {
  store: Store;
  /** Analyses one job (`POST /api/analyze`): on the server's thread, or on an `AnalysisThread`. */
  runJob: JobRunner;
  remote: Pick<Remote, 'fetch'>;
  cache: ResponseCache;
  /** The store's data version, remembered briefly; writes call `version.changed()`. */
  version: DataVersion;
  /** Cap on a fetched or posted article, in bytes. */
  maxArticleBytes: number;
  /** Clock for `ingested_at` and corrections (tests pin it). */
  now: () => string;
  /** Where unexpected errors go, also those after a streamed response has started. */
  logError: (err: unknown) => void;
}

/**
 * Answer a read route from the response cache (keyed by path and query, valid
 * while the store's data version holds); `compute` returning null is a 404.
 */
export async function cachedJson(c: Context<AppEnv>, deps: ApiDeps, what: string, compute: () => Promise<unknown>): Promise<Response> {
  const url = new URL(c.req.url);
  const version = await deps.version.current();
  const body = await deps.cache.get(`${url.pathname}?${url.searchParams.toString()}`, version, compute);
  if (body === null) throw new ApiError(404, 'not-found', `no ${what}`);
  return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** A whole-number query parameter in [min, max], else 400. */
export function intParam(c: Context<AppEnv>, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError(400, 'bad-request', `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** A date prefix query parameter: YYYY, YYYY-MM or YYYY-MM-DD. */
export function dateParam(c: Context<AppEnv>, name: string): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(raw)) throw new ApiError(400, 'bad-request', `${name} must be YYYY, YYYY-MM or YYYY-MM-DD`);
  return raw;
}

/** The JSON body of a write, or 400 (and 415 when it is not declared as JSON). */
export async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'unsupported-media-type', 'send the body as application/json');
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'bad-request', 'the body is not valid JSON');
  }
}
