import type { DocumentRecord, Store } from '../store/store.js';

// PostgreSQL conflicts between concurrent writers that a retry resolves:
// deadlock (two documents upserting the same entities in another order) and
// serialization failure. A unique violation on the document id means another
// worker stored the same document a moment ago.
const RETRYABLE = new Set(['40P01', '40001']);
const UNIQUE_VIOLATION = '23505';
const MAX_TRIES = 5;

/**
 * `store.putDocument` for concurrent workers: a document stored meanwhile by
 * another worker (the same job delivered twice after a stall) is `'exists'`,
 * and deadlocks are retried here at once rather than costing a queue attempt.
 */
export async function putDocumentConcurrently(store: Store, record: DocumentRecord): Promise<'stored' | 'exists'> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await store.putDocument(record);
      return outcome === 'exists' ? 'exists' : 'stored';
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === UNIQUE_VIOLATION && (await store.hasDocument(record.analysis.document.id))) return 'exists';
      if (!code || !RETRYABLE.has(code) || attempt >= MAX_TRIES) throw err;
      // Jitter, so that the two deadlocked writers do not collide again.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}
