import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixtureRecord } from './fixture-analysis.js';
import { SqliteStore } from './sqlite-store.js';

// Worker threads load compiled JavaScript: this runs under `npm test` (dist/), and skips from sources.
const compiled = !import.meta.url.endsWith('.ts');

describe('SQLite background checkpointer', () => {
  it('copies committed pages into the database file while the writer goes on, and loses nothing on close', {
    skip: !compiled && 'needs the compiled worker (npm test)',
  }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-ckpt-'));
    const file = path.join(dir, 'bulk.db');
    try {
      const store = new SqliteStore(file, { backgroundCheckpoint: true });
      await store.migrate();
      const migrated = statSync(file).size;
      const records = Array.from({ length: 40 }, (_, i) =>
        fixtureRecord({
          text: `Iraq said on day ${i} that the border with Syria stays open. ${'Officials in Baghdad repeated it. '.repeat(40)}`,
          entities: [{ id: 'iraq', name: 'Iraq', type: 'COUNTRY', surfaces: ['Iraq'] }],
        }),
      );
      for (let i = 0; i < records.length; i += 10) {
        await store.putDocuments(records.slice(i, i + 10));
        await sleep(600); // past the checkpointer's interval, so the next commit's poke checkpoints
      }
      // The writer never checkpoints (auto-checkpoint is off): only the thread can have grown the file.
      assert.ok(statSync(file).size > migrated, `database file still ${migrated} bytes after 40 documents`);
      await store.close();
      const reopened = new SqliteStore(file);
      assert.equal(await reopened.countDocuments(), 40);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
