import { emptyAnalysis } from '../analysis.js';
import { createDocument, type Document, type DocumentMeta } from '../document/document.js';
import { InputError, type InputErrorCode } from '../document/errors.js';
import { type PackedTokens, packTokens, unpackTokens } from '../document/packed-tokens.js';
import type { Sentence, Token } from '../document/segment.js';
import { findSpanProblems } from '../document/span.js';
import { type KbFacts, kbFacts, type RecordFacts, withCircularSourcing } from '../ingest/ingest-record.js';
import { minhashSignature, signatureToString } from '../ingest/near-dup.js';
import { type InputFormat, mergeMeta, readArticle, readJsonlLine } from '../ingest/read-input.js';
import type { AnalysisContext, Resources, Stage } from '../pipeline/context.js';
import { STAGES } from '../pipeline/stages.js';
import type { Analysis } from '../schema/analysis.js';
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
  const front = runFront(job, res, settings, STAGES);
  return 'ok' in front ? front : runBack(front, res, settings, []);
}

/**
 * A document half-way through the pipeline: what the first stages made, handed
 * from the worker that ran them to the worker that runs the rest. Everything in
 * it survives structured cloning (plain data; shared objects stay shared).
 */
export interface PartialJob {
  seq: number;
  where: string;
  doc: Document;
  tokens: Token[];
  sentences: Sentence[];
  out: Analysis;
  /**
   * What front stages left on the context for later ones, as plain data (the
   * time stage's `speechAnchors`, read by the events stage's `dateOf`). Values
   * holding functions (the entity stage's `mentionIndex`) cannot cross a thread
   * and stay behind; no back stage reads them.
   */
  extras: Record<string, unknown>;
  /**
   * Store mode: the outlet and the entities' KB facts, looked up by the front,
   * which holds the KB for linking; the back then needs no copy of it.
   */
  kbFacts?: KbFacts;
}

/** A PartialJob as it crosses to another thread: its tokens packed (see `packTokens`). */
export type WirePartialJob = Omit<PartialJob, 'tokens'> & { packed: PackedTokens };

export function partialToWire(partial: PartialJob): WirePartialJob {
  const { tokens, ...rest } = partial;
  return { ...rest, packed: packTokens(tokens) };
}

export function partialFromWire(wire: WirePartialJob): PartialJob {
  const { packed, ...rest } = wire;
  return { ...rest, tokens: unpackTokens(packed, wire.doc.text) };
}

const CORE_CONTEXT_KEYS = new Set(['doc', 'res', 'out', 'tokens', 'sentences']);

function plainExtras(ctx: AnalysisContext): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ctx)) {
    if (CORE_CONTEXT_KEYS.has(key) || typeof value === 'function') continue;
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).some((v) => typeof v === 'function')) continue;
    extras[key] = value;
  }
  return extras;
}

/**
 * Read one job and run `stages` (the front of the pipeline) on it: the final
 * result when the job fails or is already stored, else the partial analysis.
 */
export function runFront(job: Job, res: Resources, settings: JobSettings, stages: readonly Stage[]): JobResult | PartialJob {
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
    const ctx: AnalysisContext = { doc, res, out: emptyAnalysis(doc), tokens: [], sentences: [] };
    for (const stage of stages) stage.run(ctx);
    const partial: PartialJob = { seq: job.seq, where: job.where, doc, tokens: ctx.tokens, sentences: ctx.sentences, out: ctx.out, extras: plainExtras(ctx) };
    if (settings.format === 'store') partial.kbFacts = kbFacts(doc, ctx.out, res.kb);
    return partial;
  } catch (err) {
    return failure(job, err);
  }
}

let schemaCheck: ((analysis: Analysis) => string | null) | null = null;

/**
 * Load what `settings` needs besides the stages' resources: the zod schema for
 * `check`. Kept out of the module's imports so that threads which never check
 * (every ingest) do not load zod.
 */
export async function prepareJobs(settings: JobSettings): Promise<void> {
  if (!settings.check || schemaCheck) return;
  const { AnalysisSchema } = await import('../schema/analysis.js');
  schemaCheck = (analysis) => {
    const parsed = AnalysisSchema.safeParse(analysis);
    return parsed.success ? null : parsed.error.message;
  };
}

/** Run the remaining `stages` on a partial analysis, then check, sign and render it. */
export function runBack(partial: PartialJob, res: Resources, settings: JobSettings, stages: readonly Stage[]): JobResult {
  const job = partial;
  try {
    const { doc } = partial;
    const ctx: AnalysisContext = { ...partial.extras, doc, res, out: partial.out, tokens: partial.tokens, sentences: partial.sentences };
    for (const stage of stages) stage.run(ctx);
    const analysis = ctx.out;
    if (settings.check) {
      if (!schemaCheck) throw new Error('--check needs prepareJobs(settings) first');
      const schemaProblem = schemaCheck(analysis);
      if (schemaProblem) return { seq: job.seq, where: job.where, ok: false, code: 'internal', reason: `schema check failed: ${schemaProblem}` };
      const problems = findSpanProblems(analysis, doc.text);
      if (problems.length > 0)
        return { seq: job.seq, where: job.where, ok: false, code: 'internal', reason: `span check failed at ${problems[0].path}: ${problems[0].reason}` };
    }
    if (settings.format === 'store') {
      const signature = signatureToString(minhashSignature(doc.text));
      if (!partial.kbFacts) throw new Error('store mode: the front left no KB facts');
      return { seq: job.seq, where: job.where, ok: true, output: '', id: doc.id, analysis, signature, facts: withCircularSourcing(analysis, partial.kbFacts) };
    }
    let output: string;
    if (settings.format === 'text') output = formatTextReport(analysis, { color: settings.color });
    else if (settings.format === 'json') output = `${JSON.stringify(analysis, null, 2)}\n`;
    else output = `${JSON.stringify(analysis)}\n`;
    return { seq: job.seq, where: job.where, ok: true, output };
  } catch (err) {
    return failure(job, err);
  }
}

function failure(job: { seq: number; where: string }, err: unknown): JobResult {
  if (err instanceof InputError) return { seq: job.seq, where: job.where, ok: false, code: err.code, reason: err.reason };
  return { seq: job.seq, where: job.where, ok: false, code: 'internal', reason: `internal error: ${(err as Error).stack ?? String(err)}` };
}

/**
 * Where the pipeline is cut between two worker threads: the front (segment,
 * entities, time: wink, the KB, NER) and the back (quotes, claims, events,
 * rhetoric), each loading only its own resources, so that two threads hold one
 * copy of them between them. The cut balances the two: with it after claims the
 * front was busy 26 s of a 30 s ingest while the back idled half the time.
 * Null when the pipeline has no such cut.
 */
export function splitStages(stages: readonly Stage[] = STAGES): { front: Stage[]; back: Stage[] } | null {
  const cut = stages.findIndex((s) => s.name === BACK_FIRST_STAGE);
  return cut > 0 ? { front: stages.slice(0, cut), back: stages.slice(cut) } : null;
}

const BACK_FIRST_STAGE = 'quotes';

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
