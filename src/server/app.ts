import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { loadResources, packageRoot } from '../analysis.js';
import { runJob } from '../cli/jobs.js';
import { DEFAULT_MAX_BYTES } from '../document/normalize.js';
import { fetchUrl } from '../ingest/fetch-url.js';
import type { Remote } from '../ingest/ingest-remote.js';
import type { Resources } from '../pipeline/context.js';
import type { Store } from '../store/store.js';
import type { JobRunner } from './analysis-thread.js';
import type { ApiDeps } from './api-deps.js';
import { ApiError, errorJson } from './api-error.js';
import type { AppEnv } from './app-env.js';
import { DataVersion } from './data-version.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_RATE_LIMITS } from './defaults.js';
import { bodyCap } from './middleware/body-cap.js';
import { type RateLimit, rateLimit } from './middleware/rate-limit.js';
import { requireToken } from './middleware/require-token.js';
import { securityHeaders } from './middleware/security-headers.js';
import { openApiDocument } from './openapi.js';
import { ResponseCache, type ResponseCacheOptions } from './response-cache.js';
import { analyzeRoutes } from './routes/analyze-routes.js';
import { correctionRoutes } from './routes/correction-routes.js';
import { documentRoutes } from './routes/document-routes.js';
import { entityRoutes } from './routes/entity-routes.js';
import { exportRoutes } from './routes/export-routes.js';
import { graphRoutes } from './routes/graph-routes.js';
import { searchRoutes } from './routes/search-routes.js';
import { serveUi } from './static-files.js';

export interface AppOptions {
  store: Store;
  /** The analysis resources, loaded on first use and then kept (default: `loadResources()`); analyses then run on the server's thread. */
  resources?: () => Promise<Resources>;
  /** Where analyses run instead (`startServer` gives an `AnalysisThread`); wins over `resources`. */
  runJob?: JobRunner;
  /** The built web UI (default `<packageRoot>/dist/ui`). */
  uiDir?: string;
  /** Fetches URLs for `POST /api/analyze` (default: the SSRF-safe `fetchUrl`); tests inject one with a fake resolver. */
  remote?: Pick<Remote, 'fetch'>;
  /** Request body cap in bytes (default 2 MB). */
  maxBodyBytes?: number;
  /** Per-client limits for reads (GET/HEAD) and writes; `false` turns one off. */
  rateLimits?: { reads?: RateLimit | false; writes?: RateLimit | false };
  cache?: ResponseCacheOptions;
  now?: () => string;
  /** Where unexpected errors are reported (default: stderr). */
  logError?: (err: unknown) => void;
}

/** The SSRF-safe fetcher (`fetch-url.ts`): only public addresses, pinned, capped. */
export function safeRemote(options: Parameters<typeof fetchUrl>[1] = {}): Pick<Remote, 'fetch'> {
  return {
    async fetch(url) {
      const page = await fetchUrl(url, options);
      return { url: page.url, contentType: page.contentType, bytes: page.body };
    },
  };
}

function inlineRunner(resources: () => Promise<Resources>): JobRunner {
  return async (job, settings) => runJob(job, await resources(), settings);
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => {
    p ??= load().catch((err) => {
      p = null;
      throw err;
    });
    return p;
  };
}

const version = (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The Dossier HTTP app: the JSON API under /api (described at /openapi.json)
 * and the built web UI. Reads are open; writes need a bearer token. Every
 * response carries the security headers; errors are `{error: {code, message}}`.
 *
 * @example
 * const app = createApp({ store: await openStore('./dossier.db') });
 * await app.request('/api/entities/Iran'); // in-process, as the tests do
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const logError = options.logError ?? ((err: unknown) => process.stderr.write(`dossier serve: ${(err as Error)?.stack ?? String(err)}\n`));
  const deps: ApiDeps = {
    store: options.store,
    runJob: options.runJob ?? inlineRunner(once(options.resources ?? (() => loadResources()))),
    remote: options.remote ?? safeRemote(),
    cache: new ResponseCache(options.cache),
    version: new DataVersion(options.store),
    maxArticleBytes: DEFAULT_MAX_BYTES,
    now: options.now ?? (() => new Date().toISOString()),
    logError,
  };
  const reads = options.rateLimits?.reads ?? DEFAULT_RATE_LIMITS.reads;
  const writes = options.rateLimits?.writes ?? DEFAULT_RATE_LIMITS.writes;
  const readLimiter = reads ? rateLimit(reads) : null;
  const writeLimiter = writes ? rateLimit(writes) : null;

  const app = new Hono<AppEnv>();
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorJson(c, err.status, err.code, err.message, err.headers);
    if (err instanceof HTTPException) return errorJson(c, err.status as 400, 'http-error', err.message || 'request refused');
    logError(err);
    return errorJson(c, 500, 'internal', 'internal error (see the server log)');
  });
  app.notFound((c) => errorJson(c, 404, 'not-found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));

  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    const limiter = c.req.method === 'GET' || c.req.method === 'HEAD' ? readLimiter : writeLimiter;
    return limiter ? limiter(c, next) : next();
  });
  // Token before body: an anonymous client cannot make the server read 2 MB.
  app.use('*', requireToken(deps.store));
  const cap = bodyCap(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  // Reads have no body; touching `c.req.raw` would make node-server build a full Request for each.
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : cap(c, next)));

  const openApi = JSON.stringify(openApiDocument(version));
  app.get('/openapi.json', (c) => c.body(openApi, 200, { 'Content-Type': 'application/json; charset=utf-8' }));
  app.get('/api/health', async (c) => c.json({ ok: true, documents: await deps.store.countDocuments() }));
  app.route('/api', analyzeRoutes(deps));
  app.route('/api', documentRoutes(deps));
  app.route('/api', entityRoutes(deps));
  app.route('/api', graphRoutes(deps));
  app.route('/api', searchRoutes(deps));
  app.route('/api', exportRoutes(deps));
  app.route('/api', correctionRoutes(deps));
  // Unknown API paths are JSON 404s, never the UI's index.html.
  app.all('/api/*', (c) => errorJson(c, 404, 'not-found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.get('*', serveUi(options.uiDir ?? path.join(packageRoot(), 'dist', 'ui')));
  return app;
}
