import type { Job, JobResult, JobSettings } from '../cli/jobs.js';
import type { DocumentMeta } from '../document/document.js';
import { InputError } from '../document/errors.js';
import type { Remote } from '../ingest/ingest-remote.js';
import type { JobRunner } from './analysis-thread.js';
import { ApiError } from './api-error.js';

/** The body of `POST /api/analyze`: exactly one of text, html or url. */
export interface AnalyzeBody {
  text?: string;
  html?: string;
  url?: string;
  title?: string;
  published?: string;
  source?: string;
  store?: boolean;
}

export type AnalysedJob = Extract<JobResult, { ok: true }> & { id: string; analysis: NonNullable<Extract<JobResult, { ok: true }>['analysis']> };

// InputError codes as HTTP answers: the policy refusing a URL is the client's
// problem (400), a page that could not be fetched is the upstream's (502).
const STATUS: Record<string, 400 | 413 | 415 | 422 | 502> = {
  empty: 422,
  binary: 415,
  'invalid-utf8': 422,
  'too-large': 413,
  unreadable: 502,
  malformed: 422,
  unsupported: 415,
  refused: 400,
};

/**
 * Read (or fetch, SSRF-safe) and analyse one request body, the way `dossier
 * ingest` does a file (`runJob` in store mode: analysis, MinHash signature and
 * KB facts). The request's title/published/source win over what the page says.
 */
export async function analyzeRequest(body: AnalyzeBody, deps: { runJob: JobRunner; remote: Pick<Remote, 'fetch'>; maxBytes: number }): Promise<AnalysedJob> {
  const given = [body.text, body.html, body.url].filter((v) => v !== undefined).length;
  if (given !== 1) throw new ApiError(400, 'bad-request', 'give exactly one of text, html or url');
  const meta: DocumentMeta = { title: body.title ?? null, published: body.published ?? null, source: body.source ?? null };
  let job: Job;
  try {
    if (body.url !== undefined) {
      const page = await deps.remote.fetch(body.url);
      job = { seq: 0, where: body.url, kind: 'bytes', name: page.url, bytes: page.bytes, meta: { url: page.url } };
    } else {
      const text = body.text ?? body.html ?? '';
      // The name's extension picks the reader (text or HTML).
      job = { seq: 0, where: 'request', kind: 'bytes', name: body.html !== undefined ? 'request.html' : 'request.txt', bytes: new TextEncoder().encode(text) };
    }
  } catch (err) {
    if (err instanceof InputError) throw new ApiError(STATUS[err.code] ?? 400, err.code, err.reason);
    throw err;
  }
  const settings: JobSettings = {
    format: 'store',
    inputFormat: body.html !== undefined ? 'html' : body.text !== undefined ? 'text' : 'auto',
    maxBytes: deps.maxBytes,
    meta,
    color: false,
    check: false,
  };
  const result = await deps.runJob(job, settings);
  if (!result.ok) {
    if (result.code === 'internal') throw new Error(result.reason);
    throw new ApiError(STATUS[result.code] ?? 400, result.code, result.reason);
  }
  if (!result.id || !result.analysis) throw new Error('analysis missing');
  return result as AnalysedJob;
}
