import type { Command } from 'commander';
import { hashApiToken, newApiToken } from '../../server/token-hash.js';
import { DB_HELP, withStore } from './options.js';

export function registerToken(command: (name: string) => Command): void {
  const token = command('token').description('API tokens for writes to `dossier serve`');
  token
    .command('create')
    .description('Create a token and print it once (the store keeps only its SHA-256)')
    .option('--name <name>', 'what the token is for (recorded as who made its corrections)', 'default')
    .option('--db <url>', DB_HELP)
    .action(async (opts: { name: string; db?: string }) => {
      await withStore(opts.db, async (store) => {
        const secret = newApiToken();
        await store.addApiToken({ hash: hashApiToken(secret), name: opts.name, createdAt: new Date().toISOString() });
        process.stdout.write(`${secret}\n`);
        process.stderr.write(`dossier: token "${opts.name}" created; it is shown only now. Send it as: Authorization: Bearer <token>\n`);
      });
    });
}
