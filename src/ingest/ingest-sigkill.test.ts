import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createDocument } from '../document/document.js';

// The CLI as this test runs: compiled JavaScript under `npm test`, TypeScript under tsx.
const here = path.dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');
const cli = path.join(here, '..', 'cli', fromSource ? 'main.ts' : 'main.js');
const nodeArgs = fromSource ? ['--import', 'tsx', cli] : [cli];

// ~300 short generated articles, each distinct (so each is its own document).
const ACTORS = ['Iran', 'Iraq', 'Saudi Arabia', 'Turkey', 'Israel', 'Syria', 'Lebanon', 'Qatar', 'Oman', 'Egypt'];
const VERBS = ['criticised', 'praised', 'met officials from', 'warned', 'accused', 'thanked'];
function article(i: number): string {
  const a = ACTORS[i % ACTORS.length];
  const b = ACTORS[(i * 7 + 3) % ACTORS.length];
  return `${a} ${VERBS[i % VERBS.length]} ${b} on day ${i} of the talks. Delegates said session ${i} would resume next week.`;
}

function runIngest(args: string[]): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, 'ingest', ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } });
}

function count(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

describe('ingest survives SIGKILL', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-kill-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a killed batch resumes with nothing lost and nothing duplicated', { timeout: 600_000 }, async () => {
    const n = 300;
    const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ text: article(i), published: '2021-03-01', source: `Outlet ${i % 5}` }));
    const jsonl = path.join(dir, 'batch.jsonl');
    writeFileSync(jsonl, `${lines.join('\n')}\n`);
    const db = path.join(dir, 'kill.db');
    const args = [jsonl, '--db', db, '--jobs', '2'];

    // First run: kill it hard once some documents are in, well before the end.
    const child = runIngest(args);
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let killedAt = -1;
    for (;;) {
      const stored = count(db);
      if (stored >= 20) {
        child.kill('SIGKILL');
        killedAt = stored;
        break;
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await exited;
    assert.ok(killedAt >= 20, `the first run ended before it could be killed: ${stderr}`);
    const afterKill = count(db);
    assert.ok(afterKill < n, `the first run finished (${afterKill}) before SIGKILL`);

    // Second run: resumes; exits 0.
    const rerun = runIngest(args);
    let err2 = '';
    rerun.stderr?.on('data', (d) => {
      err2 += d;
    });
    const code = await new Promise<number | null>((resolve) => rerun.on('exit', (c) => resolve(c)));
    assert.equal(code, 0, err2);
    assert.match(err2, new RegExp(`dossier: ${n - afterKill} ingested, ${afterKill} already stored, 0 skipped`));

    const conn = new Database(db, { readonly: true });
    try {
      const ids = (conn.prepare('SELECT id FROM documents').all() as Array<{ id: string }>).map((r) => r.id);
      const expected = lines.map((l) => createDocument((JSON.parse(l) as { text: string }).text).id);
      assert.equal(ids.length, n, 'every document stored exactly once');
      assert.deepEqual([...ids].sort(), [...new Set(expected)].sort());
      // No half-written document: each one's mention rows match its stored analysis.
      const docs = conn.prepare('SELECT id, analysis FROM documents').all() as Array<{ id: string; analysis: string }>;
      const mentionCount = conn.prepare('SELECT COUNT(*) AS n FROM mentions WHERE document_id = ?');
      for (const d of docs) {
        const a = JSON.parse(d.analysis) as { entities: Array<{ mentions: unknown[] }> };
        const want = a.entities.reduce((s, e) => s + e.mentions.length, 0);
        assert.equal((mentionCount.get(d.id) as { n: number }).n, want, `mentions of ${d.id}`);
      }
    } finally {
      conn.close();
    }
  });
});
