import { DEFAULT_SQLITE_FILE, SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/**
 * Open (and migrate) the store named by `--db`, else `DOSSIER_DB`, else
 * `./dossier.db`: a `postgres://` / `postgresql://` URL opens PostgreSQL, anything
 * else is a SQLite file path (`sqlite:` prefix optional). `bulk`: a writer of
 * many documents (ingest) — SQLite then checkpoints on a thread of its own.
 *
 * @example const store = await openStore(opts.db); try { … } finally { await store.close(); }
 */
export async function openStore(db?: string | null, options: { bulk?: boolean } = {}): Promise<Store> {
  const where = db || process.env.DOSSIER_DB || DEFAULT_SQLITE_FILE;
  // pg is loaded only for a PostgreSQL store: most runs never need it.
  const store: Store = /^postgres(ql)?:\/\//.test(where)
    ? new (await import('./postgres-store.js')).PostgresStore(where)
    : new SqliteStore(where.replace(/^sqlite:(\/\/)?/, ''), { backgroundCheckpoint: options.bulk });
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
