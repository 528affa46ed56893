import { initial } from './2025-11-28-initial.js';
import { apiTokens } from './2026-11-28-api-tokens.js';

/**
 * One schema change. `statements` run on both backends (after `dialect.ts`
 * replaces its tokens); `sqlite` / `postgres` hold the few statements that
 * only one of them has (full-text search).
 */
export interface Migration {
  /** Date-prefixed and unique; applied in this order and recorded in `schema_migrations`. */
  id: string;
  statements: string[];
  sqlite?: string[];
  postgres?: string[];
}

/** Every migration, oldest first. Append; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [initial, apiTokens];
