import type { Job, JobResult, JobSettings } from '../cli/jobs.js';
import { runPool } from '../cli/pool.js';
import { Progress } from '../cli/progress.js';
import type { DocumentMeta } from '../document/document.js';
import { DEFAULT_MAX_BYTES } from '../document/normalize.js';
import { openStore } from '../store/open-store.js';
import type { CorrectionRecord, DocumentRecord, Store } from '../store/store.js';
import { GroupWriter } from './group-writer.js';
import { ingestJobs } from './ingest-inputs.js';
import { documentRecord, originalsIndex } from './ingest-record.js';
import type { Remote } from './ingest-remote.js';
import { type NearDuplicateIndex, signatureFromString } from './near-dup.js';

export interface IngestOptions {
  /** `postgres://…` or a SQLite file (default: DOSSIER_DB, else ./dossier.db). */
  db?: string;
  /** Or an open store (tests, the server); it is left open. */
  store?: Store;
  jobs?: number;
  maxBytes?: number;
  /** Command-line metadata for every document (wins over what the files say). */
  meta?: DocumentMeta;
  /** Analyse documents again even when stored, replacing their rows (corrections are re-applied). */
  reanalyse?: boolean;
  resourceOptions?: Record<string, string>;
  /** Where progress and skip messages go (default stderr). */
  stderr?: NodeJS.WriteStream;
  /** The network for URLs and feeds (default: the SSRF-safe fetcher); tests pass a fake. */
  remote?: Remote;
  /** Clock for `ingested_at` (tests pin it). */
  now?: () => string;
}

export interface IngestSummary {
  ingested: number;
  /** Documents already in the store (same content hash), left alone. */
  alreadyStored: number;
  /** Documents stored again with `reanalyse`. */
  reanalysed: number;
  /** Of `ingested`: near-duplicates linked to an original. */
  nearDuplicates: number;
  skipped: Array<{ where: string; reason: string }>;
  seconds: number;
  /**
   * CPU seconds (user + system) of the whole process over the run, worker
   * threads included: what throughput costs, whatever else loads the machine.
   */
  cpuSeconds: number;
}

// Results waiting for the writer; the reader pauses above this, so memory stays bounded.
const MAX_PENDING_WRITES = 64;

/**
 * `dossier ingest`: read, analyse (on worker threads) and store documents.
 * Idempotent and crash-safe: a document's id is its content hash, each one is
 * written in one transaction, and a rerun skips what is stored — so a batch
 * killed at any point resumes with nothing lost or duplicated. Near-duplicates
 * are linked to their original (`duplicate_of`) and add no independent source.
 *
 * @example
 * const summary = await ingest(['articles/', 'feed.xml'], { db: './dossier.db', jobs: 2 });
 */
export async function ingest(inputs: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const cpuStarted = cpuSecondsNow();
  const store = options.store ?? (await openStore(options.db, { bulk: true }));
  const stderr = options.stderr ?? process.stderr;
  const now = options.now ?? (() => new Date().toISOString());
  const summary: IngestSummary = { ingested: 0, alreadyStored: 0, reanalysed: 0, nearDuplicates: 0, skipped: [], seconds: 0, cpuSeconds: 0 };
  const progress = new Progress('ingesting', stderr);
  try {
    const index = await originalsIndex(store);
    const corrections = await store.corrections();
    const settings: JobSettings = {
      format: 'store',
      inputFormat: 'auto',
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      meta: options.meta ?? {},
      color: false,
      check: false,
      skipIds: options.reanalyse ? [] : await store.documentIds(),
    };
    const skip = (where: string, reason: string) => {
      summary.skipped.push({ where, reason });
      progress.finish();
      stderr.write(`dossier: ${where}: ${reason}\n`);
    };
    const writer = new GroupWriter<StoreJob>(async (group) => {
      try {
        await storeGroup(store, group, index, corrections, options.reanalyse ?? false, now(), summary, skip);
      } catch (err) {
        for (const r of group) skip(r.where, `cannot store: ${(err as Error).message}`);
      }
    }, GROUPS);
    const emit = (r: JobResult) => {
      progress.tick(r.ok);
      if (!r.ok) return skip(r.where, r.reason);
      if (r.known) {
        summary.alreadyStored++;
        return;
      }
      writer.push(r);
    };
    async function* throttled(): AsyncGenerator<Job> {
      for await (const job of ingestJobs(inputs, {
        maxBytes: settings.maxBytes,
        remote: options.remote,
        skip: (w, why) => {
          progress.tick(false);
          skip(w, why);
        },
      })) {
        while (writer.pending > MAX_PENDING_WRITES) await writer.drained();
        yield job;
      }
    }
    const resourceOptions = options.resourceOptions ?? {};
    await runPool(
      throttled(),
      { jobs: options.jobs ?? 1, settings, resourceOptions, loadInline: async () => (await import('../analysis.js')).loadResources(resourceOptions) },
      emit,
    );
    await writer.drained();
  } finally {
    progress.finish();
    if (!options.store) await store.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  summary.cpuSeconds = cpuSecondsNow() - cpuStarted;
  return summary;
}

// getrusage(RUSAGE_SELF): every thread of the process, workers included.
function cpuSecondsNow(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
}

type StoreJob = Extract<JobResult, { ok: true }>;

// At most 16 documents per transaction (a kill re-does little, and few finished analyses wait in the main
// thread's memory for the commit), at least 8 when they come within a quarter second (see GroupWriter).
const GROUPS = { minGroup: 8, maxGroup: 16, fillWaitMs: 250 };

async function storeGroup(
  store: Store,
  group: StoreJob[],
  index: NearDuplicateIndex,
  corrections: CorrectionRecord[],
  reanalyse: boolean,
  ingestedAt: string,
  summary: IngestSummary,
  skip: (where: string, reason: string) => void,
): Promise<void> {
  const records: DocumentRecord[] = [];
  const originals: Array<{ id: string; signature: Uint32Array } | null> = [];
  // Near-duplicates are decided in input order; an original of this group is matched by the
  // documents after it, so it joins the index now and leaves it again if it cannot be stored
  // (a copy in the same group keeps its link to it: the copy's text is stored either way).
  for (const r of group) {
    if (!r.analysis || !r.signature || !r.facts || !r.id) throw new Error('the worker returned no analysis');
    const signature = signatureFromString(r.signature);
    const original = index.query(signature).find((m) => m.id !== r.id);
    records.push(documentRecord(r.analysis, r.signature, r.facts, original, corrections, ingestedAt));
    if (original) originals.push(null);
    else {
      // Only originals are indexed: a copy of a copy links to the first original.
      index.add(r.id, signature);
      originals.push({ id: r.id, signature });
    }
  }
  const outcomes = await store.putDocuments(records, { replace: reanalyse });
  outcomes.forEach((outcome, i) => {
    if (outcome instanceof Error) {
      const own = originals[i];
      if (own) index.remove(own.id);
      skip(group[i].where, `cannot store: ${outcome.message}`);
    } else if (outcome === 'exists') summary.alreadyStored++;
    else {
      if (outcome === 'replaced') summary.reanalysed++;
      else summary.ingested++;
      if (!originals[i] && outcome === 'stored') summary.nearDuplicates++;
    }
  });
}

/** The closing line, e.g. `dossier: 297 ingested (12 near-duplicates), 3 already stored, 1 skipped in 4.1 s`. */
export function formatSummary(s: IngestSummary): string {
  const parts = [`${s.ingested} ingested${s.nearDuplicates ? ` (${s.nearDuplicates} near-duplicate${s.nearDuplicates === 1 ? '' : 's'})` : ''}`];
  if (s.reanalysed) parts.push(`${s.reanalysed} re-analysed`);
  parts.push(`${s.alreadyStored} already stored`);
  parts.push(`${s.skipped.length} skipped`);
  let out = `dossier: ${parts.join(', ')} in ${s.seconds.toFixed(1)} s\n`;
  if (s.skipped.length > 0) {
    const byReason = new Map<string, number>();
    for (const k of s.skipped) {
      const reason = k.reason.split(':')[0];
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    out += `dossier: skipped: ${[...byReason.entries()].map(([r, n]) => `${n} × ${r}`).join('; ')}\n`;
  }
  return out;
}
