import Database from 'better-sqlite3';
import { searchExpression } from './search-query.js';
import { type SqlDriver, type SqlExecutor, SqlStore } from './sql-store.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';

/** The default store file, in the working directory. */
export const DEFAULT_SQLITE_FILE = './dossier.db';

/**
 * The SQLite store: one file, WAL journal (readers never block the writer, and a
 * killed process loses nothing committed), FTS5 for search.
 *
 * @example
 * const store = new SqliteStore('./dossier.db');
 * await store.migrate();
 */
export class SqliteStore extends SqlStore {
  /** `backgroundCheckpoint`: checkpoint the WAL on a thread of its own (bulk writers such as ingest; see `SqliteCheckpointer`). */
  constructor(file: string = DEFAULT_SQLITE_FILE, options: { backgroundCheckpoint?: boolean } = {}) {
    super(new SqliteDriver(file, options.backgroundCheckpoint ?? false));
  }
}

class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  // better-sqlite3 is synchronous; an async transaction body must not interleave
  // with another one on the same connection, so transactions queue here.
  private queue: Promise<unknown> = Promise.resolve();

  private readonly checkpointer: SqliteCheckpointer | null;

  constructor(file: string, backgroundCheckpoint: boolean) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable against a killed process in WAL mode (only a power cut can lose the last commits).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.checkpointer = backgroundCheckpoint && file !== ':memory:' ? SqliteCheckpointer.start(file) : null;
    // Checkpoint every ~40 MB of WAL instead of 4 MB: an ingest commits every few
    // milliseconds, and each checkpoint copies pages back and syncs. With a
    // background checkpointer, never here.
    this.db.pragma(`wal_autocheckpoint = ${this.checkpointer ? 0 : 10000}`);
  }

  private prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      // Multi-row INSERTs have many shapes; keep the cache bounded.
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, st);
    }
    return st;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.prepare(sql).all(...params) as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    const st = this.prepare(sql);
    if (st.reader) st.all(...params);
    else st.run(...params);
  }

  async runEach(sql: string, rows: readonly unknown[][]): Promise<void> {
    const st = this.prepare(sql);
    for (const row of rows) st.run(...row);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this);
        this.db.exec('COMMIT');
        this.checkpointer?.poke();
        return out;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async lockForMigrations(): Promise<void> {}

  async searchIds(query: string, limit: number): Promise<Array<{ id: string; rank: number }>> {
    const match = searchExpression(query);
    if (!match) return [];
    const rows = this.prepare(
      `SELECT d.id AS id, bm25(documents_fts) AS score FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
       WHERE documents_fts MATCH ? ORDER BY score LIMIT ?`,
    ).all(match, limit) as Array<{ id: string; score: number }>;
    // bm25 is lower-is-better; report higher-is-better like PostgreSQL's ts_rank.
    return rows.map((r) => ({ id: r.id, rank: -r.score }));
  }

  async close(): Promise<void> {
    await this.queue;
    await this.checkpointer?.close();
    this.db.close();
  }
}
