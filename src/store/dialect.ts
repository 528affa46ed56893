import type { Migration } from './migrations/index.js';

export type Dialect = 'sqlite' | 'postgres';

// The only type names that differ between the two backends.
const TOKENS: Record<Dialect, Record<string, string>> = {
  sqlite: { real: 'REAL', serial_pk: 'INTEGER PRIMARY KEY AUTOINCREMENT' },
  postgres: { real: 'DOUBLE PRECISION', serial_pk: 'BIGSERIAL PRIMARY KEY' },
};

/** The statements of a migration for one backend, tokens replaced. */
export function migrationStatements(m: Migration, dialect: Dialect): string[] {
  const own = dialect === 'sqlite' ? (m.sqlite ?? []) : (m.postgres ?? []);
  return [...m.statements, ...own].map((sql) =>
    sql.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const v = TOKENS[dialect][name];
      if (!v) throw new Error(`migration ${m.id}: unknown token {{${name}}}`);
      return v;
    }),
  );
}

/**
 * Rewrite `?` placeholders as PostgreSQL's `$1, $2 …`. Our SQL never has a `?`
 * inside a string literal, so a plain scan is enough.
 */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
