/**
 * Bench row (issue 10): the PTC training articles through BullMQ workers into
 * a fresh PostgreSQL database, with 1 and then 2 `dossier worker` processes on
 * this machine — articles/s and words/s over the processing window (first job
 * started → last job finished; resource loading excluded), and CPU seconds per
 * article summed over the workers (load from other processes on a shared
 * machine stretches wall time but not CPU time). Also the sizes the capacity
 * plan in docs/scaling.md builds on: job payload bytes, Redis memory per
 * queued job, PostgreSQL bytes per stored article. Needs DOSSIER_TEST_REDIS
 * and DOSSIER_TEST_PG; skipped without them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { shebangEnv } from '../../src/cli/shebang-env.js';
import { enqueue } from '../../src/queue/enqueue.js';
import { parseQueueUrl } from '../../src/queue/queue-url.js';
import { type QueueWorkerStats, WARMUP_JOBS } from '../../src/queue/queue-worker.js';
import { benchArticles, countWords } from '../corpus.js';
import type { BenchRow } from '../run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Compiled CLI when dist/ has the worker command, else the sources through tsx (slower start, same per-job speed once loaded). */
function cliArgs(): { args: string[]; how: string; env: Record<string, string> } {
  const dist = path.resolve(process.env.DOSSIER_DIST ?? path.join(root, 'dist'));
  const compiled = path.join(dist, 'src', 'cli', 'main.js');
  // env: what the `dossier` bin's shebang sets, since the workers start as `node main.js`.
  if (existsSync(path.join(dist, 'src', 'cli', 'commands', 'queue-commands.js'))) return { args: [compiled], how: 'compiled', env: shebangEnv(compiled) };
  const source = path.join(root, 'src', 'cli', 'main.ts');
  return { args: ['--import', 'tsx', source], how: 'tsx', env: shebangEnv(source) };
}

function runWorker(args: string[], env: Record<string, string>): Promise<QueueWorkerStats> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, CI: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`worker exited ${code}: ${err.slice(-1000)}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() as string) as QueueWorkerStats);
    });
  });
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

interface Measured {
  workers: number;
  articles: number;
  words: number;
  seconds: number;
  cpuSeconds: number;
  /** After each worker's first WARMUP_JOBS jobs: jobs, CPU seconds, and the summed per-worker rate (articles/s). */
  warmJobs: number;
  warmCpuSeconds: number;
  warmRate: number;
  enqueueSeconds: number;
  payloadBytes: number;
  redisBytesPerJob: number;
  pgBytes: number;
  pgTables: Array<{ table: string; bytes: number }>;
  /** Rows written per article over all tables (documents included). */
  rowsPerArticle: number;
  load: number;
}

async function measure(workers: number, input: string, pgUrl: string, redisUrl: string, log: (m: string) => void): Promise<Measured> {
  const tag = `${process.pid}_${workers}`;
  const dbName = `dossier_bench_queue_${tag}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(pgUrl);
  dbUrl.pathname = `/${dbName}`;
  const qUrl = new URL(redisUrl);
  qUrl.searchParams.set('queue', `bench-${tag}`);
  const target = parseQueueUrl(qUrl.href);
  const redis = new Redis(target.connection);
  try {
    const before = await usedMemory(redis);
    const queued = await enqueue([input], { queue: qUrl.href, stderr: process.stderr });
    const afterEnqueue = await usedMemory(redis);
    const cli = cliArgs();
    log(`${workers} worker${workers > 1 ? 's' : ''} (${cli.how}) on ${queued.enqueued} articles …`);
    const load = os.loadavg()[0];
    const stats = await Promise.all(
      Array.from({ length: workers }, () => runWorker([...cli.args, 'worker', '--queue', qUrl.href, '--db', dbUrl.href, '--until-empty', '--json'], cli.env)),
    );
    const db = new pg.Client({ connectionString: dbUrl.href });
    await db.connect();
    let words = 0;
    let pgBytes = 0;
    let pgTables: Measured['pgTables'] = [];
    let rows = 0;
    try {
      const texts = await db.query<{ text: string }>('SELECT text FROM documents');
      words = countWords(texts.rows.map((r) => r.text));
      const sizes = await db.query<{ table: string; bytes: string }>(
        `SELECT c.relname AS table, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 2 DESC`,
      );
      pgTables = sizes.rows.map((r) => ({ table: r.table, bytes: Number(r.bytes) }));
      pgBytes = pgTables.reduce((s, t) => s + t.bytes, 0);
      for (const t of pgTables) rows += Number((await db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${t.table}"`)).rows[0].n);
    } finally {
      await db.end();
    }
    const starts = stats.map((s) => s.firstStartMs).filter((t): t is number => t !== null);
    const ends = stats.map((s) => s.lastEndMs).filter((t): t is number => t !== null);
    const articles = stats.reduce((s, w) => s + w.stored, 0);
    return {
      rowsPerArticle: rows / Math.max(1, articles),
      workers,
      articles,
      words,
      seconds: (Math.max(...ends) - Math.min(...starts)) / 1000,
      cpuSeconds: stats.reduce((s, w) => s + w.cpuSeconds, 0),
      warmJobs: stats.reduce((s, w) => s + w.warm.jobs, 0),
      warmCpuSeconds: stats.reduce((s, w) => s + w.warm.cpuSeconds, 0),
      warmRate: stats.reduce((s, w) => s + (w.warm.startMs && w.lastEndMs ? w.warm.jobs / ((w.lastEndMs - w.warm.startMs) / 1000) : 0), 0),
      enqueueSeconds: queued.seconds,
      payloadBytes: queued.payloadBytes / Math.max(1, queued.enqueued),
      redisBytesPerJob: (afterEnqueue - before) / Math.max(1, queued.enqueued),
      pgBytes,
      pgTables,
      load,
    };
  } finally {
    for (const name of [target.name, target.deadName]) {
      const q = new Queue(name, { connection: target.connection });
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    const keys = await redis.keys(`${target.keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

const row: BenchRow = {
  id: 'queue workers (issue 10)',
  async run({ sharedDir, log }) {
    const ptc = path.join(sharedDir, 'eval', 'ptc', 'train-articles');
    const pgUrl = process.env.DOSSIER_TEST_PG;
    const redisUrl = process.env.DOSSIER_TEST_REDIS;
    const corpus = benchArticles();
    if (!corpus) return [{ name: 'queue workers', value: 'skipped', note: `no corpus at ${ptc}` }];
    if (!pgUrl || !redisUrl) return [{ name: 'queue workers', value: 'skipped', note: 'set DOSSIER_TEST_REDIS and DOSSIER_TEST_PG' }];
    const out: Array<{ name: string; value: string; note?: string }> = [];
    let last: Measured | null = null;
    // The corpus three times (the copies marked, so each is its own document):
    // enough jobs per worker to pass its warm-up. Written to a temporary file only.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-queue-'));
    const input = path.join(dir, 'ptc-x3.jsonl');
    const lines = [0, 1, 2].flatMap((copy) => corpus.texts.map((text) => JSON.stringify({ text: copy === 0 ? text : `${text}\n\n(Copy ${copy + 1}.)` })));
    writeFileSync(input, `${lines.join('\n')}\n`);
    try {
      for (const workers of [1, 2]) {
        const m = await measure(workers, input, pgUrl, redisUrl, log);
        last = m;
        out.push({
          name: `${workers} worker${workers > 1 ? 's' : ''}: articles/s`,
          value: (m.articles / m.seconds).toFixed(1),
          note: `${m.articles} articles in ${m.seconds.toFixed(1)} s; ${Math.round(m.words / m.seconds).toLocaleString('en-US')} words/s; load avg at start ${m.load.toFixed(1)} on ${os.availableParallelism()} cores`,
        });
        out.push({
          name: `${workers} worker${workers > 1 ? 's' : ''}: CPU ms/article`,
          value: ((1000 * m.cpuSeconds) / m.articles).toFixed(1),
          note: `${m.cpuSeconds.toFixed(1)} CPU s over the workers (analyse + store + queue), after loading; ${Math.round(m.words / m.cpuSeconds).toLocaleString('en-US')} words per CPU s`,
        });
        const wordsPerArticle = m.words / m.articles;
        out.push({
          name: `${workers} worker${workers > 1 ? 's' : ''}: warm CPU ms/article`,
          value: ((1000 * m.warmCpuSeconds) / Math.max(1, m.warmJobs)).toFixed(1),
          note: `after ${WARMUP_JOBS} jobs per worker: ${m.warmJobs} jobs; ${Math.round((m.warmJobs * wordsPerArticle) / m.warmCpuSeconds).toLocaleString('en-US')} words per CPU s; ${m.warmRate.toFixed(1)} articles/s wall`,
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (last) {
      out.push({ name: 'enqueue articles/s', value: (last.articles / last.enqueueSeconds).toFixed(0), note: 'read, extract, hash, addBulk (one process)' });
      out.push({
        name: 'job payload bytes (mean)',
        value: last.payloadBytes.toFixed(0),
        note: `Redis used_memory per waiting job: ${last.redisBytesPerJob.toFixed(0)} bytes`,
      });
      out.push({
        name: 'PostgreSQL bytes/article',
        value: (last.pgBytes / last.articles).toFixed(0),
        note: `${last.rowsPerArticle.toFixed(0)} rows/article; largest tables (bytes/article): ${last.pgTables
          .slice(0, 5)
          .map((t) => `${t.table} ${(t.bytes / last.articles).toFixed(0)}`)
          .join(', ')}`,
      });
    }
    return out;
  },
};

export default row;

// `npx tsx bench/rows/queue.ts` runs this row alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { sharedDir } = await import('../corpus.js');
  const rows = await row.run({ sharedDir, log: (m) => process.stderr.write(`  ${m}\n`) });
  for (const r of rows) console.log(`${r.name.padEnd(32)} ${r.value.padStart(10)}  ${r.note ?? ''}`);
}
