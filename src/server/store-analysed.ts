import { documentRecord, originalsIndex } from '../ingest/ingest-record.js';
import { signatureFromString } from '../ingest/near-dup.js';
import type { Store } from '../store/store.js';
import type { AnalysedJob } from './analyze-request.js';

/**
 * Store one analysed request as `dossier ingest` stores a document: recorded
 * corrections applied, linked to a near-duplicate original when there is one,
 * idempotent by content hash (`'exists'` when already stored).
 */
export async function storeAnalysed(store: Store, job: AnalysedJob, ingestedAt: string): Promise<{ outcome: 'stored' | 'exists'; duplicateOf: string | null }> {
  if (await store.hasDocument(job.id)) return { outcome: 'exists', duplicateOf: (await store.getDocument(job.id))?.duplicateOf ?? null };
  const corrections = await store.corrections();
  const original = job.signature ? (await originalsIndex(store)).query(signatureFromString(job.signature)).find((m) => m.id !== job.id) : undefined;
  const outcome = await store.putDocument(documentRecord(job.analysis, job.signature ?? null, job.facts, original, corrections, ingestedAt));
  return { outcome: outcome === 'exists' ? 'exists' : 'stored', duplicateOf: original?.id ?? null };
}
