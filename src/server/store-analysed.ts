import { NearDuplicateIndex, signatureFromString } from '../ingest/near-dup.js';
import { applyCorrections } from '../store/apply-corrections.js';
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
  const analysis = corrections.length > 0 ? applyCorrections(job.analysis, corrections) : job.analysis;
  let original: { id: string; similarity: number } | undefined;
  if (job.signature) {
    const index = new NearDuplicateIndex();
    for (const { id, signature } of await store.originalSignatures()) index.add(id, signatureFromString(signature));
    original = index.query(signatureFromString(job.signature)).find((m) => m.id !== job.id);
  }
  const outcome = await store.putDocument({
    analysis,
    signature: job.signature ?? null,
    duplicateOf: original?.id ?? null,
    similarity: original ? Math.round(original.similarity * 1000) / 1000 : null,
    ingestedAt,
    source: job.facts?.source ?? null,
    circularSourcing: job.facts?.circularSourcing ?? false,
    circularQuotes: job.facts?.circularQuotes ?? [],
    entityFacts: job.facts?.entityFacts ?? [],
  });
  return { outcome: outcome === 'exists' ? 'exists' : 'stored', duplicateOf: original?.id ?? null };
}
