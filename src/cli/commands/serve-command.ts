import type { Command } from 'commander';
import { DEFAULT_HOST, DEFAULT_MAX_BODY_BYTES, DEFAULT_PORT, DEFAULT_RATE_LIMITS } from '../../server/defaults.js';
import { openStore } from '../../store/open-store.js';
import { DB_HELP, wholeNumber } from './options.js';

interface ServeCliOptions {
  db?: string;
  host: string;
  port: number;
  uiDir?: string;
  maxBodyBytes: number;
  rateLimit: number;
}

export function registerServe(command: (name: string) => Command): void {
  command('serve')
    .description('Serve the JSON API (OpenAPI at /openapi.json) and the web UI')
    .option('--db <url>', DB_HELP)
    .option('--host <host>', 'address to bind (other machines can connect only if you change it)', DEFAULT_HOST)
    .option('--port <n>', 'port (0: any free one)', wholeNumber, DEFAULT_PORT)
    .option('--ui-dir <dir>', 'the built web UI (default: dist/ui of the package)')
    .option('--max-body-bytes <n>', 'refuse request bodies larger than this', wholeNumber, DEFAULT_MAX_BODY_BYTES)
    .option('--rate-limit <n>', 'GET requests per minute per client (0: no limit); writes get a twentieth', wholeNumber, DEFAULT_RATE_LIMITS.reads.requests)
    .addHelpText(
      'after',
      `
Reads are open; writes (POST /api/analyze, POST /api/corrections) need
Authorization: Bearer <token> from \`dossier token create\`.`,
    )
    .action(async (opts: ServeCliOptions) => {
      const { startServer } = await import('../../server/serve.js');
      const store = await openStore(opts.db);
      const limit = opts.rateLimit;
      const server = await startServer({
        store,
        host: opts.host,
        port: opts.port,
        uiDir: opts.uiDir,
        maxBodyBytes: opts.maxBodyBytes,
        rateLimits:
          limit === 0
            ? { reads: false, writes: false }
            : { reads: { requests: limit, windowMs: 60_000 }, writes: { requests: Math.max(1, Math.floor(limit / 20)), windowMs: 60_000 } },
      });
      process.stdout.write(`Dossier at ${server.url}\n`);
      const stop = async () => {
        await server.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
