/**
 * Bench row (issue 9): load on the HTTP API. Ingests a slice of the PTC
 * training articles (first BENCH_API_ARTICLES, default 150, sorted by name)
 * into a fresh SQLite file, starts `dossier serve` in its own process on
 * loopback, and runs autocannon (50 connections, BENCH_API_SECONDS = 30 s) on
 * `GET /api/entities/Iran`. Reports requests/s, errors, non-2xx, p50/p99
 * latency, and the server's RSS before, at peak and after (from /proc).
 * The server runs with its rate limit off: the 50 clients share one address.
 * Targets: 0 errors, 0 non-2xx, p99 < 100 ms, RSS flat.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TARGET_P99_MS = 100;
const ENTITY = 'Iran';

/** The CLI: compiled (dist/, with the serve command) when built, else from sources via tsx. */
function cli(): { args: string[]; how: string } {
  const dist = path.resolve(process.env.DOSSIER_DIST ?? path.join(root, 'dist'));
  if (existsSync(path.join(dist, 'src', 'cli', 'commands', 'serve-command.js'))) return { args: [path.join(dist, 'src', 'cli', 'main.js')], how: 'dist' };
  return { args: ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts')], how: 'tsx' };
}

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Start `dossier serve --port 0` and wait for its "Dossier at <url>" line. */
function startServe(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...cli().args, 'serve', '--db', db, '--port', '0', '--rate-limit', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /Dossier at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.stderr?.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

const row: BenchRow = {
  id: 'HTTP API load (issue 9)',
  async run({ sharedDir, log }) {
    const ptc = path.join(sharedDir, 'eval', 'ptc', 'train-articles');
    if (!existsSync(ptc)) return [{ name: 'api load', value: 'skipped', note: `no corpus at ${ptc}` }];
    const n = Number(process.env.BENCH_API_ARTICLES ?? 150);
    const seconds = Number(process.env.BENCH_API_SECONDS ?? 30);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-api-bench-'));
    let server: ChildProcess | null = null;
    try {
      const slice = path.join(dir, 'articles');
      mkdirSync(slice);
      const files = readdirSync(ptc)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .slice(0, n);
      for (const f of files) copyFileSync(path.join(ptc, f), path.join(slice, f));
      const db = path.join(dir, 'api.db');
      log(`ingest ${files.length} PTC articles (${cli().how}) …`);
      execFileSync(process.execPath, [...cli().args, 'ingest', slice, '--db', db, '--jobs', '2'], { stdio: 'ignore', env: { ...process.env, CI: '1' } });
      const started = await startServe(db);
      server = started.child;
      const pid = server.pid as number;
      const url = new URL(`/api/entities/${ENTITY}`, started.url).href;
      const warm = await fetch(url);
      if (warm.status !== 200) return [{ name: 'api load', value: 'failed', note: `GET ${url} → ${warm.status}` }];
      await warm.arrayBuffer();
      const before = rssMb(pid);
      let peak = before ?? 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(pid) ?? 0);
      }, 250);
      log(`autocannon: 50 connections × ${seconds} s on ${url} …`);
      // autocannon ships no types; this is the part of its result we read.
      const autocannon = (await import('autocannon' as string)).default as (o: Record<string, unknown>) => Promise<AutocannonResult>;
      const r = await autocannon({ url, connections: 50, duration: seconds });
      clearInterval(sampler);
      const afterRss = rssMb(pid);
      const p99ok = r.latency.p99 < TARGET_P99_MS && r.errors === 0 && r.non2xx === 0;
      const mb = (v: number | null) => (v === null ? 'n/a' : v.toFixed(0));
      return [
        {
          name: 'requests/s (mean)',
          value: r.requests.average.toFixed(0),
          note: `${r.requests.total} requests; ${files.length} articles in the store; server from ${cli().how}`,
        },
        { name: 'errors / timeouts / non-2xx', value: `${r.errors} / ${r.timeouts} / ${r.non2xx}`, note: 'target 0' },
        {
          name: 'latency p50 / p99 / max ms',
          value: `${r.latency.p50} / ${r.latency.p99} / ${r.latency.max}`,
          note: `target p99 < ${TARGET_P99_MS}: ${p99ok ? 'met' : 'NOT met'}`,
        },
        { name: 'server RSS MB before / peak / after', value: `${mb(before)} / ${mb(peak)} / ${mb(afterRss)}`, note: 'flat = peak within a few MB of before' },
      ];
    } finally {
      server?.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default row;
