import { analyse } from '../analysis.js';
import { createDocument, type DocumentMeta } from '../document/document.js';
import { InputError, type InputErrorCode } from '../document/errors.js';
import { findSpanProblems } from '../document/span.js';
import { type RecordFacts, recordFacts } from '../ingest/ingest-record.js';
import { minhashSignature, signatureToString } from '../ingest/near-dup.js';
import { type InputFormat, mergeMeta, readArticle, readJsonlLine } from '../ingest/read-input.js';
import type { Resources } from '../pipeline/context.js';
import { type Analysis, AnalysisSchema } from '../schema/analysis.js';
import { formatTextReport } from './report-text.js';

export type OutputFormat = 'json' | 'jsonl' | 'text';

/** `store` (used by `dossier ingest`): hand back the Analysis and its MinHash signature instead of rendered output. */
export type JobMode = OutputFormat | 'store';

/** How every job of one CLI run is read and written; sent once to each worker. */
export interface JobSettings {
  format: JobMode;
  inputFormat: InputFormat;
  maxBytes: number;
  meta: DocumentMeta;
  color: boolean;
  /** Validate every Analysis against the schema and its spans (slower; for checking). */
  check: boolean;
  /** Store mode: ids of documents already stored; they are read and hashed but not analysed again. */
  skipIds?: string[];
}

/** One unit of work: a whole file's bytes, or one JSONL line. */
export type Job = (
  | { seq: number; where: string; kind: 'bytes'; name: string; bytes: Uint8Array }
  | { seq: number; where: string; kind: 'line'; line: string }
) & {
  /** Metadata of this job alone (a feed item's title and date, a fetched URL); the command line's wins over it. */
  meta?: DocumentMeta;
};

export type JobResult =
  | {
      seq: number;
      where: string;
      ok: true;
      output: string;
      /** Store mode: the document's id, and its analysis and signature unless it was already stored (`known`). */
      id?: string;
      known?: boolean;
      analysis?: Analysis;
      signature?: string;
      facts?: RecordFacts;
    }
  | { seq: number; where: string; ok: false; code: InputErrorCode | 'internal'; reason: string };

/**
 * Read, analyse and render one job. Bad input becomes `ok: false` with the
 * reason; so does an internal failure, so that one document never stops a batch.
 */
export function runJob(job: Job, res: Resources, settings: JobSettings): JobResult {
  try {
    const meta = job.meta ? mergeMeta(job.meta, settings.meta) : settings.meta;
    const article =
      job.kind === 'line'
        ? readJsonlLine(job.line, job.where, { maxBytes: settings.maxBytes, meta })
        : readArticle(job.bytes, job.name, {
            format: settings.inputFormat === 'jsonl' ? 'auto' : settings.inputFormat,
            maxBytes: settings.maxBytes,
            meta,
          });
    const doc = createDocument(article.text, article.meta);
    if (settings.format === 'store' && skipSet(settings).has(doc.id)) return { seq: job.seq, where: job.where, ok: true, output: '', id: doc.id, known: true };
    const analysis = analyse(doc, res);
    if (settings.check) {
      const parsed = AnalysisSchema.safeParse(analysis);
      if (!parsed.success) return { seq: job.seq, where: job.where, ok: false, code: 'internal', reason: `schema check failed: ${parsed.error.message}` };
      const problems = findSpanProblems(analysis, doc.text);
      if (problems.length > 0)
        return { seq: job.seq, where: job.where, ok: false, code: 'internal', reason: `span check failed at ${problems[0].path}: ${problems[0].reason}` };
    }
    if (settings.format === 'store') {
      const signature = signatureToString(minhashSignature(doc.text));
      return { seq: job.seq, where: job.where, ok: true, output: '', id: doc.id, analysis, signature, facts: recordFacts(doc, analysis, res.kb) };
    }
    let output: string;
    if (settings.format === 'text') output = formatTextReport(analysis, { color: settings.color });
    else if (settings.format === 'json') output = `${JSON.stringify(analysis, null, 2)}\n`;
    else output = `${JSON.stringify(analysis)}\n`;
    return { seq: job.seq, where: job.where, ok: true, output };
  } catch (err) {
    if (err instanceof InputError) return { seq: job.seq, where: job.where, ok: false, code: err.code, reason: err.reason };
    return { seq: job.seq, where: job.where, ok: false, code: 'internal', reason: `internal error: ${(err as Error).stack ?? String(err)}` };
  }
}

const skipSets = new WeakMap<JobSettings, Set<string>>();

// Built once per settings object (once per worker), not per job.
function skipSet(settings: JobSettings): Set<string> {
  let set = skipSets.get(settings);
  if (!set) {
    set = new Set(settings.skipIds ?? []);
    skipSets.set(settings, set);
  }
  return set;
}
