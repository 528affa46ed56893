import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { analyse, packageRoot } from '../analysis.js';
import { createDocument } from '../document/document.js';
import type { Analysis } from '../schema/analysis.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { testResources } from '../test-support/fixtures.js';
import type { DeadLetter } from './dead-letter.js';
import { enqueue } from './enqueue.js';
import { parseQueueUrl } from './queue-url.js';
import { startQueueWorker } from './queue-worker.js';

const REDIS = process.env.DOSSIER_TEST_REDIS;
const PG = process.env.DOSSIER_TEST_PG;
const skip = !REDIS ? 'set DOSSIER_TEST_REDIS (redis://127.0.0.1:6379) to run the queue tests' : !PG ? 'set DOSSIER_TEST_PG to run the queue tests' : false;

// The CLI as this test runs: compiled JavaScript under `npm test`, TypeScript under tsx.
const here = path.dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');
const cli = path.join(here, '..', 'cli', fromSource ? 'main.ts' : 'main.js');
const nodeArgs = fromSource ? ['--import', 'tsx', cli] : [cli];
const run = `${process.pid}-${Date.now().toString(36)}`;

/** The body of one of our own sample articles (examples/), without its front matter. */
function sampleBodies(): string[] {
  return ['iraq-rocket-attacks.md', 'red-sea-shipping.md', 'hezbollah-opinion.md'].map((f) =>
    readFileSync(path.join(packageRoot(), 'examples', f), 'utf8')
      .replace(/^---[\s\S]*?\n---\n/, '')
      .trim(),
  );
}

/**
 * `n` distinct documents: numbered variations of three paragraphs of each
 * sample article (so each one is a near-duplicate of its sample's others);
 * every `longEvery`-th repeats them eight times over, so that it takes a while
 * to analyse (the moment to kill a worker).
 */
function variations(n: number, longEvery: number): Array<{ text: string; base: number; long: boolean }> {
  const cores = sampleBodies().map((body) =>
    body
      .split(/\n\s*\n/)
      .slice(1, 4)
      .join('\n\n'),
  );
  return Array.from({ length: n }, (_, i) => {
    const base = i % cores.length;
    const long = i % longEvery === longEvery - 1;
    const body = long ? Array.from({ length: 8 }, (_, k) => `${cores[base]}\n\nPart ${k + 1} of the long edition ${i}.`).join('\n\n') : cores[base];
    return { text: `${body}\n\nEditor's note ${i}: numbered variation ${i} of a sample article, for the queue test.`, base, long };
  });
}

interface Spawned {
  child: ChildProcess;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Call `fn` with every stderr line as it arrives. */
  onLine(fn: (line: string) => void): void;
  /** Resolves at the first stderr line matching `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

// Every child this file starts; `after` hooks end the ones a failed test left running.
const children = new Set<ChildProcess>();
function endChildren(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

function spawnCli(args: string[]): Spawned {
  const child = spawn(process.execPath, [...nodeArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
  children.add(child);
  const listeners: Array<(line: string) => void> = [];
  let partial = '';
  const s: Spawned = {
    child,
    stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    onLine(fn) {
      listeners.push(fn);
    },
    waitFor(re, timeoutMs = 240_000) {
      for (const line of s.stderr.split('\n')) {
        const m = line.match(re);
        if (m) return Promise.resolve(m);
      }
      return new Promise((resolve, reject) => {
        let done = false;
        const timer = setTimeout(() => {
          done = true;
          reject(new Error(`timed out waiting for ${re} in:\n${s.stderr.slice(-2000)}`));
        }, timeoutMs);
        s.onLine((line) => {
          const m = done ? null : line.match(re);
          if (m) {
            done = true;
            clearTimeout(timer);
            resolve(m);
          }
        });
      });
    },
  };
  child.stdout?.resume();
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    s.stderr += d;
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) for (const fn of [...listeners]) fn(line);
  });
  return s;
}

/** A fresh PostgreSQL database for one test (dropped afterwards). */
async function freshDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG as string);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const a = new pg.Client({ connectionString: PG });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Remove a test queue, its dead-letter queue and Dossier's keys for it. */
async function dropQueue(url: string): Promise<void> {
  const target = parseQueueUrl(url);
  for (const name of [target.name, target.deadName]) {
    const q = new Queue(name, { connection: target.connection });
    await q.obliterate({ force: true }).catch(() => undefined);
    await q.close();
  }
  const redis = new Redis(target.connection);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${target.keyPrefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

function queueUrl(name: string): string {
  const u = new URL(REDIS as string);
  u.searchParams.set('queue', name);
  return u.href;
}

/** Row counts per document in each child table, from PostgreSQL. */
async function rowCounts(db: pg.Client, table: string): Promise<Map<string, number>> {
  const rows = await db.query<{ document_id: string; n: string }>(`SELECT document_id, COUNT(*) AS n FROM ${table} GROUP BY document_id`);
  return new Map(rows.rows.map((r) => [r.document_id, Number(r.n)]));
}

/** What `putDocument` writes per table for one analysis. */
function expectedRows(a: Pick<Analysis, 'entities' | 'events' | 'quotes' | 'claims' | 'times' | 'relations' | 'rhetoric'>): Record<string, number> {
  return {
    mentions: a.entities.reduce((s, e) => s + e.mentions.length, 0),
    events: a.events.length,
    quotes: a.quotes.length,
    claims: a.claims.length,
    times: a.times.length,
    relations: a.relations.length,
    findings: a.rhetoric.findings.length,
  };
}

const WORKER_TEST_SETTINGS = ['--lock-duration', '3000', '--stalled-interval', '1500', '--max-stalled-count', '5'];

/**
 * For the `describe` block it is called in: a temporary folder, a test queue and
 * a fresh PostgreSQL database, and after the block the worker processes ended
 * and all three removed.
 */
function workerTestBed(tag: string): { dir: string; queue: string; database: { readonly url: string } } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `dossier-queue-${tag}-`));
  const queue = queueUrl(`test-${tag}-${run}`);
  let fresh: { url: string; drop(): Promise<void> } | undefined;
  before(async () => {
    fresh = await freshDatabase(`dossier_queue_${tag}_${process.pid}`);
  });
  after(async () => {
    endChildren();
    await dropQueue(queue);
    await fresh?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const database = {
    get url(): string {
      if (!fresh) throw new Error('the test database is not created yet');
      return fresh.url;
    },
  };
  return { dir, queue, database };
}

describe('queue: 1,000 documents through 3 worker processes, one killed with SIGKILL', { skip }, () => {
  const { dir, queue, database } = workerTestBed('kill');

  it('stores every document exactly once, with nothing left waiting, active or dead', { timeout: 600_000 }, async (t) => {
    const t0 = performance.now();
    const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
    const docs = variations(1000, 25);
    const jsonl = path.join(dir, 'batch.jsonl');
    writeFileSync(jsonl, `${docs.map((d, i) => JSON.stringify({ text: d.text, published: '2021-03-01', source: `Outlet ${i % 5}` })).join('\n')}\n`);
    const ids = docs.map((d) => createDocument(d.text).id);
    assert.equal(new Set(ids).size, 1000, 'the generated documents are distinct');
    const longIds = new Set(ids.filter((_, i) => docs[i].long));

    const first = await enqueue([jsonl], { queue, stderr: process.stderr });
    assert.deepEqual([first.enqueued, first.alreadyQueued, first.skipped.length], [1000, 0, 0]);
    // Enqueueing again is a no-op: job id = content hash.
    const again = await enqueue([jsonl], { queue, stderr: process.stderr });
    assert.deepEqual([again.enqueued, again.alreadyQueued], [0, 1000]);

    const workers = [0, 1, 2].map(() => spawnCli(['worker', '--queue', queue, '--db', database.url, '--until-empty', '--verbose', ...WORKER_TEST_SETTINGS]));
    const victim = workers[0];
    // Kill the victim in the middle of a job: at the start of a long document,
    // once it has stored a few (or at any start once it has stored 100).
    const killedJob = await new Promise<string>((resolve) => {
      let stored = 0;
      victim.onLine((line) => {
        if (/ stored [0-9a-f]{64}/.test(line)) stored++;
        const m = /start ([0-9a-f]{64})$/.exec(line);
        if (m && victim.child.exitCode === null && !victim.child.killed && stored >= 2 && (longIds.has(m[1]) || stored >= 100)) {
          victim.child.kill('SIGKILL');
          resolve(m[1]);
        }
      });
    });
    const killed = await victim.exit;
    assert.equal(killed.signal, 'SIGKILL');

    t.diagnostic(`killed worker 1 mid-job at ${elapsed()}`);
    const survivors = await Promise.all(workers.slice(1).map((w) => w.exit));
    t.diagnostic(`the other two workers drained the queue and exited at ${elapsed()}`);
    for (const [i, s] of survivors.entries()) assert.equal(s.code, 0, `worker ${i + 1}: ${workers[i + 1].stderr.slice(-1500)}`);

    const target = parseQueueUrl(queue);
    const q = new Queue(target.name, { connection: target.connection });
    const dead = new Queue(target.deadName, { connection: target.connection });
    try {
      const counts = await q.getJobCounts('wait', 'active', 'delayed', 'failed', 'completed');
      assert.deepEqual(counts, { wait: 0, active: 0, delayed: 0, failed: 0, completed: 1000 });
      assert.equal(await dead.count(), 0, 'nothing dead-lettered');
      // The killed job was in flight: it was started again by another worker.
      const job = await q.getJob(killedJob);
      assert.ok(job && job.attemptsStarted >= 2, `job ${killedJob} was taken over (started ${job?.attemptsStarted} times)`);
    } finally {
      await q.close();
      await dead.close();
    }

    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const stored = await db.query<{ id: string; analysis: string; duplicate_of: string | null }>('SELECT id, analysis, duplicate_of FROM documents');
      assert.equal(stored.rows.length, 1000, 'every document stored exactly once');
      assert.deepEqual(stored.rows.map((r) => r.id).sort(), [...ids].sort());
      // Near-duplicates: each variation links to the first-stored variation of its sample, across workers.
      const originals = stored.rows.filter((r) => r.duplicate_of === null).map((r) => r.id);
      const baseOf = new Map(ids.map((id, i) => [id, docs[i].base]));
      assert.deepEqual(originals.map((id) => baseOf.get(id)).sort(), [0, 1, 2], 'one original per sample article');
      for (const r of stored.rows) if (r.duplicate_of) assert.equal(baseOf.get(r.duplicate_of), baseOf.get(r.id), `${r.id} links within its sample`);

      // No row written twice: per document and table, the rows match its stored analysis …
      const tables = ['mentions', 'events', 'quotes', 'claims', 'times', 'relations', 'findings'];
      const counts = new Map<string, Map<string, number>>();
      for (const t of tables) counts.set(t, await rowCounts(db, t));
      const analyses = new Map(stored.rows.map((r) => [r.id, JSON.parse(r.analysis) as Analysis]));
      for (const [id, a] of analyses) {
        for (const [table, want] of Object.entries(expectedRows(a))) assert.equal(counts.get(table)?.get(id) ?? 0, want, `${table} of ${id}`);
      }
      // … and the stored analysis matches one made here, in a single process (a sample: both kinds, all samples, the killed one).
      const res = await testResources();
      const sample = [0, 1, 2, 24, 49, 500, 998, 999].map((i) => docs[i].text);
      sample.push(docs[ids.indexOf(killedJob)].text);
      for (const text of sample) {
        const doc = createDocument(text);
        const want = expectedRows(analyse(doc, res));
        for (const [table, n] of Object.entries(want))
          assert.equal(counts.get(table)?.get(doc.id) ?? 0, n, `${table} of ${doc.id} vs a single-process analysis`);
      }
    } finally {
      await db.end();
    }
  });
});

describe('queue: SIGTERM', { skip }, () => {
  const { dir, queue, database } = workerTestBed('term');

  it('finishes the job in flight, leaves the rest waiting, and exits 0', { timeout: 300_000 }, async () => {
    const bodies = sampleBodies();
    // A long document (~20 samples) first, then three short ones.
    const long = Array.from({ length: 20 }, (_, k) => `${bodies[k % 3]}\n\nSection ${k + 1} of the long test document.`).join('\n\n');
    const files = [long, ...bodies].map((text, i) => {
      const f = path.join(dir, `${i}-doc.txt`);
      writeFileSync(f, text);
      return f;
    });
    const summary = await enqueue(files, { queue, stderr: process.stderr });
    assert.equal(summary.enqueued, 4);
    const longId = createDocument(long).id;

    const worker = spawnCli(['worker', '--queue', queue, '--db', database.url, '--concurrency', '1', '--verbose']);
    await worker.waitFor(new RegExp(`start ${longId}$`));
    worker.child.kill('SIGTERM');
    const exit = await worker.exit;
    assert.equal(exit.code, 0, worker.stderr.slice(-1500));
    assert.match(worker.stderr, /SIGTERM: finishing the jobs in flight/);
    assert.match(worker.stderr, new RegExp(`stored ${longId}`));
    assert.match(worker.stderr, /closed: 1 processed, 1 stored/);

    const target = parseQueueUrl(queue);
    const q = new Queue(target.name, { connection: target.connection });
    try {
      assert.equal(await q.getJobState(longId), 'completed');
      assert.deepEqual(await q.getJobCounts('wait', 'active', 'failed', 'completed'), { wait: 3, active: 0, failed: 0, completed: 1 });
    } finally {
      await q.close();
    }
    const store = await openStore(database.url);
    try {
      assert.deepEqual(await store.documentIds(), [longId]);
    } finally {
      await store.close();
    }
  });
});

describe('queue: dead letters', { skip }, () => {
  const queue = queueUrl(`test-dead-${run}`);
  let database: { url: string; drop(): Promise<void> };
  let store: Store;
  before(async () => {
    database = await freshDatabase(`dossier_queue_dead_${process.pid}`);
    store = await openStore(database.url);
  });
  after(async () => {
    await store?.close();
    await dropQueue(queue);
    await database?.drop();
  });

  it('sends bad input to the dead-letter queue at once, and a document that keeps failing after its attempts', { timeout: 300_000 }, async () => {
    const target = parseQueueUrl(queue);
    const q = new Queue(target.name, { connection: target.connection });
    const dead = new Queue<DeadLetter>(target.deadName, { connection: target.connection });
    const bodies = sampleBodies();
    // Another producer put these on the queue: binary bytes as "text", and data without text.
    const binary = Array.from({ length: 400 }, (_, i) => String.fromCharCode((i * 37) % 256)).join('');
    const retries = { attempts: 3, backoff: { type: 'fixed', delay: 50 } };
    await q.add('analyse', { text: binary, meta: {}, where: 'poison.bin' }, { jobId: 'poison-binary', ...retries });
    await q.add('analyse', { title: 'no text' }, { jobId: 'poison-shape', ...retries });
    // A good document whose store write always fails: retried, then dead-lettered.
    await q.add('analyse', { text: bodies[0], meta: {}, where: 'sample.md' }, { jobId: 'unlucky', ...retries });
    await q.add('analyse', { text: bodies[1], meta: {}, where: 'good.md' }, { jobId: 'good', ...retries });

    const failing: Store = Object.create(store, {
      putDocument: {
        value: async (record: Parameters<Store['putDocument']>[0]) => {
          if (record.analysis.document.text === createDocument(bodies[0]).text) throw new Error('connection reset (simulated)');
          return store.putDocument(record);
        },
      },
    });
    const logs: string[] = [];
    const worker = await startQueueWorker({ queue, store: failing, resources: await testResources(), untilEmpty: true, log: (m) => logs.push(m) });
    const stats = await worker.done;
    try {
      assert.equal(stats.stored, 1, logs.join('\n'));
      assert.equal(stats.deadLettered, 3);
      assert.equal(stats.retried, 2, 'the unlucky document was tried 3 times');
      const letters = new Map((await dead.getJobs(['wait'])).map((j) => [j.id, j.data]));
      assert.deepEqual([...letters.keys()].sort(), ['poison-binary', 'poison-shape', 'unlucky']);
      const bin = letters.get('poison-binary') as DeadLetter;
      assert.equal(bin.kind, 'bad-input');
      assert.match(bin.reason, /^binary data: \d+% control characters$/);
      assert.equal(bin.attemptsMade, 1, 'bad input is not retried');
      assert.equal(bin.where, 'poison.bin');
      assert.equal((letters.get('poison-shape') as DeadLetter).reason, 'job data has no "text" string');
      const unlucky = letters.get('unlucky') as DeadLetter;
      assert.deepEqual([unlucky.kind, unlucky.reason, unlucky.attemptsMade], ['exhausted', 'connection reset (simulated)', 3]);
      assert.deepEqual(await q.getJobCounts('wait', 'active', 'delayed', 'failed', 'completed'), { wait: 0, active: 0, delayed: 0, failed: 3, completed: 1 });
      assert.deepEqual(await store.documentIds(), [createDocument(bodies[1]).id]);
    } finally {
      await q.close();
      await dead.close();
    }
  });
});
