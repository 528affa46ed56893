import { createHash } from 'node:crypto';
import pg from 'pg';
import { numberedPlaceholders } from './dialect.js';
import { searchExpression } from './search-query.js';
import { type SqlDriver, type SqlExecutor, SqlStore } from './sql-store.js';

export interface PostgresStoreOptions {
  /** Use this schema (created when missing) instead of `public`: tests run in their own. */
  schema?: string;
  /** Pool size (default 4). */
  max?: number;
}

/**
 * The PostgreSQL store, for corpora shared by many workers: the same tables and
 * SQL as SQLite, full-text search over a generated `tsvector` column.
 *
 * @example
 * const store = new PostgresStore('postgres://postgres:postgres@127.0.0.1:5432/dossier');
 * await store.migrate();
 */
export class PostgresStore extends SqlStore {
  constructor(url: string, options: PostgresStoreOptions = {}) {
    super(new PostgresDriver(url, options));
  }
}

// A fixed key for pg_advisory_xact_lock: two processes never migrate at once.
const MIGRATION_LOCK = 80_020_801;

class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly schemaReady: Promise<void>;

  constructor(url: string, options: PostgresStoreOptions) {
    const schema = options.schema;
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    // The search path is a startup parameter of each connection, not a `SET` sent on connect,
    // which raced the pool's first query on that client (pg warns, and pg 9 will refuse).
    this.pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    if (schema) {
      this.schemaReady = this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).then(() => undefined);
    } else this.schemaReady = Promise.resolve();
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    await this.schemaReady;
    return (await this.pool.query({ ...readStatement(sql, params.length), values: params as unknown[] })).rows as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    await this.all(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    await this.schemaReady;
    const client = await this.pool.connect();
    const tx: SqlExecutor = {
      all: async <R>(sql: string, params: readonly unknown[] = []) => (await client.query(numberedPlaceholders(sql), params as unknown[])).rows as R[],
      run: async (sql: string, params: readonly unknown[] = []) => {
        await client.query(numberedPlaceholders(sql), params as unknown[]);
      },
    };
    try {
      await client.query('BEGIN');
      const out = await fn(tx);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async lockForMigrations(tx: SqlExecutor): Promise<void> {
    await tx.run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
  }

  async searchIds(query: string, limit: number): Promise<Array<{ id: string; rank: number }>> {
    const expression = searchExpression(query);
    if (!expression) return [];
    const rows = await this.all<{ id: string; rank: number }>(
      `SELECT id, ts_rank(tsv, q) AS rank FROM documents, websearch_to_tsquery('english', ?) q
       WHERE tsv @@ q ORDER BY rank DESC, seq LIMIT ?`,
      [expression, limit],
    );
    return rows.map((r) => ({ id: r.id, rank: Number(r.rank) }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * A read query with a name, so that each pooled connection prepares it once and PostgreSQL can
 * switch it to a generic plan after a few runs: planning the entity dossier's joins took about
 * as long as running them. Writes, and reads whose text varies with their argument count (long
 * VALUES lists), stay unnamed — a connection keeps every statement it has prepared. Named ones
 * come from the program's fixed SQL, so their memo stays small and a repeated query hashes nothing.
 */
function readStatement(sql: string, params: number): { text: string; name?: string } {
  const known = namedStatements.get(sql);
  if (known) return known;
  const text = numberedPlaceholders(sql);
  if (params > MAX_NAMED_PARAMS || !/^\s*(SELECT|WITH)\b/i.test(text)) return { text };
  const named = { text, name: `d${createHash('sha1').update(text).digest('hex').slice(0, 16)}` };
  namedStatements.set(sql, named);
  return named;
}

const MAX_NAMED_PARAMS = 8;
const namedStatements = new Map<string, { text: string; name: string }>();
