import type { Migration } from './index.js';

/**
 * API tokens for `dossier serve` (`dossier token create`): only the SHA-256 of
 * a token is kept, so a copy of the store does not hand out write access.
 */
export const apiTokens: Migration = {
  id: '2026-11-28-api-tokens',
  statements: [
    `CREATE TABLE api_tokens (
      hash TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
  ],
};
