import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

// The thread behind `SqliteCheckpointer`: its own connection to the same file.
const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new Database(file);
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');
let last = 0;

parentPort?.on('message', (m: 'commit' | 'close') => {
  if (m === 'close') {
    db.close();
    process.exit(0);
  }
  // At most one checkpoint per interval: each ends in an fsync, and a commit comes every few milliseconds.
  const now = performance.now();
  if (now - last < intervalMs) return;
  last = now;
  db.pragma('wal_checkpoint(PASSIVE)');
});
