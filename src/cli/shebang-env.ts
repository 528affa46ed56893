import { readFileSync } from 'node:fs';

/**
 * The environment the `dossier` bin's shebang line sets, as `{ NAME: value }`.
 *
 * Why the bin sets any: glibc gives every thread that allocates its own malloc
 * arena (up to 8 per core), and an ingest runs a dozen threads (two analysis
 * workers, the WAL checkpointer, V8's compiler and GC helpers, libuv's pool).
 * Memory freed in one arena is not reused by another, so the process held
 * ~50 MB more than it used: peak RSS of the 1,136-article bench ingest was
 * 404–415 MB with the default and 369–376 MB with `MALLOC_ARENA_MAX=2`, at the
 * same CPU time (V8 allocates JavaScript objects in its own heap, so threads
 * rarely contend for malloc). An environment variable is read by glibc before
 * any of our code runs, so the shebang (`env -S`, which npm's Windows shims
 * parse too) is where it can be set without a second process.
 *
 * Anything that runs the CLI as `node main.js` (the bench, tests) can apply the
 * same settings with this function, so that it measures what the bin does.
 */
export function shebangEnv(file: string): Record<string, string> {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0];
  const m = /^#!\s*\/usr\/bin\/env\s+-S\s+((?:[^\s=]+=[^\s=]+\s+)*)node(?:\s|$)/.exec(first);
  if (!m) return {};
  const out: Record<string, string> = {};
  for (const pair of m[1].trim().split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
