import { InvalidArgumentError } from 'commander';
import { normalisePublished } from '../../document/document.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';

/** Exit codes shared with `dossier analyze` (see main.ts). */
export const CORPUS_EXIT = { ok: 0, notFound: 1, usage: 2, skipped: 3 } as const;

export const DB_HELP = 'store: a SQLite file or postgres://… URL (default: $DOSSIER_DB, else ./dossier.db)';

export function wholeNumber(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

/** A date or a date prefix: YYYY, YYYY-MM or YYYY-MM-DD. */
export function datePrefix(v: string): string {
  const d = normalisePublished(v);
  if (!d || d !== v.trim()) throw new InvalidArgumentError('expected YYYY, YYYY-MM or YYYY-MM-DD');
  return d;
}

/** Open the store, run `fn`, close the store whatever happens. */
export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
