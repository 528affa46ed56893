import { Hono } from 'hono';
import { z } from 'zod';
import { analyzeRequest } from '../analyze-request.js';
import { type ApiDeps, jsonBody } from '../api-deps.js';
import { ApiError } from '../api-error.js';
import type { AppEnv } from '../app-env.js';
import { storeAnalysed } from '../store-analysed.js';

export const AnalyzeBodySchema = z
  .object({
    text: z.string().optional(),
    html: z.string().optional(),
    url: z.string().optional(),
    title: z.string().max(1000).optional(),
    published: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'published must be YYYY-MM-DD')
      .optional(),
    source: z.string().max(500).optional(),
    store: z.boolean().optional(),
  })
  .strict();

/** Parse a body with a zod schema; the first problem becomes the 400's message. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiError(400, 'bad-request', `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
}

/** `POST /api/analyze`: analyse text, HTML or a URL (SSRF-safe); `store: true` ingests it. */
export function analyzeRoutes(deps: ApiDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/analyze', async (c) => {
    const body = parseBody(AnalyzeBodySchema, await jsonBody(c));
    const job = await analyzeRequest(body, { runJob: deps.runJob, remote: deps.remote, maxBytes: deps.maxArticleBytes });
    if (!body.store) return c.json({ documentId: job.id, stored: false, analysis: job.analysis });
    const { outcome, duplicateOf } = await storeAnalysed(deps.store, job, deps.now());
    deps.version.changed();
    return c.json({ documentId: job.id, stored: true, outcome, duplicateOf, analysis: job.analysis }, outcome === 'stored' ? 201 : 200);
  });
}
