import type { Job } from '../cli/jobs.js';
import { createDocument, type Document, type DocumentMeta } from '../document/document.js';
import { InputError } from '../document/errors.js';
import { checkText } from '../document/normalize.js';
import { mergeMeta, readArticle, readJsonlLine } from '../ingest/read-input.js';

/** What one queued job carries: the extracted text and its metadata (never raw HTML or bytes). */
export interface QueuedDocument {
  text: string;
  meta: DocumentMeta;
  /** Where the document came from (file, `file:line`, URL), for messages and the dead-letter queue. */
  where: string;
}

const META_KEYS: ReadonlyArray<keyof DocumentMeta> = ['title', 'published', 'source', 'url', 'author', 'language'];

/**
 * Read one ingest job (a file's bytes or a JSONL line) the way `dossier ingest`
 * does, into a queue payload and its document id (the content hash, used as
 * the BullMQ job id so that enqueueing the same text twice is a no-op).
 * Throws `InputError` for input ingest would skip.
 */
export function queuedDocumentFrom(job: Job, options: { maxBytes: number; meta: DocumentMeta }): { id: string; payload: QueuedDocument } {
  const meta = job.meta ? mergeMeta(job.meta, options.meta) : options.meta;
  const article =
    job.kind === 'line'
      ? readJsonlLine(job.line, job.where, { maxBytes: options.maxBytes, meta })
      : readArticle(job.bytes, job.name, { format: 'auto', maxBytes: options.maxBytes, meta });
  const doc = createDocument(article.text, article.meta);
  const payload: QueuedDocument = { text: doc.text, meta: pickMeta(article.meta), where: job.where };
  return { id: doc.id, payload };
}

/**
 * The worker's side: check a job's data (it may come from any producer) and
 * build the Document. Anything wrong here is permanent: an `InputError`.
 */
export function documentFromPayload(data: unknown, jobId: string | undefined): { doc: Document; where: string } {
  const where = payloadWhere(data, jobId);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InputError(where, 'malformed', 'job data is not an object');
  const o = data as Record<string, unknown>;
  if (typeof o.text !== 'string') throw new InputError(where, 'malformed', 'job data has no "text" string');
  const meta: DocumentMeta = {};
  if (o.meta !== undefined && o.meta !== null) {
    if (typeof o.meta !== 'object' || Array.isArray(o.meta)) throw new InputError(where, 'malformed', '"meta" is not an object');
    const m = o.meta as Record<string, unknown>;
    for (const k of META_KEYS) {
      const v = m[k];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'string') throw new InputError(where, 'malformed', `meta field "${k}" must be a string`);
      meta[k] = v;
    }
  }
  // The same refusal rules as reading a file: empty or binary-looking text is bad input.
  const text = checkText(o.text, where);
  return { doc: createDocument(text, meta), where };
}

/** Where a job's document came from, for messages: its `where`, else the job id. */
export function payloadWhere(data: unknown, jobId: string | undefined): string {
  const w = (data as Partial<QueuedDocument> | null)?.where;
  return typeof w === 'string' && w !== '' ? w : `job ${jobId ?? '?'}`;
}

function pickMeta(meta: DocumentMeta): DocumentMeta {
  const out: DocumentMeta = {};
  for (const k of META_KEYS) {
    const v = meta[k];
    if (v !== null && v !== undefined && v !== '') out[k] = v;
  }
  return out;
}
