import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import { storeSuite } from './store.suite.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-store-'));
storeSuite(
  'SQLite',
  async () => new SqliteStore(path.join(dir, 'test.db')),
  async () => rmSync(dir, { recursive: true, force: true }),
);

// PostgreSQL when CI (or you) set DOSSIER_TEST_PG; each run gets its own schema.
const pgUrl = process.env.DOSSIER_TEST_PG;
if (pgUrl) {
  const schema = `dossier_test_${randomBytes(4).toString('hex')}`;
  storeSuite(
    'PostgreSQL',
    async () => new PostgresStore(pgUrl, { schema }),
    async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  );
}
