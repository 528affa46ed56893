import os from 'node:os';
import type { Command } from 'commander';
import { resolveEntity } from '../../graph/queries.js';
import type { CorrectionKind, Store } from '../../store/store.js';
import { CORPUS_EXIT, DB_HELP, withStore } from './options.js';

interface CorrectOptions {
  db?: string;
  why: string;
  by?: string;
}

/** Who made a correction: --by, else $USER, else the OS account. */
function who(opts: CorrectOptions): string {
  return opts.by || process.env.USER || os.userInfo().username || 'unknown';
}

async function record(store: Store, kind: CorrectionKind, args: string[], opts: CorrectOptions): Promise<void> {
  const c = await store.addCorrection({ kind, args, why: opts.why, who: who(opts), at: new Date().toISOString() });
  await store.applyCorrection(c);
  process.stdout.write(`correction #${c.id}: ${kind} ${args.join(' ')} — by ${c.who}: ${c.why}\n`);
}

async function entityId(store: Store, name: string): Promise<string | null> {
  const r = await resolveEntity(store, name);
  if (!r) {
    process.stderr.write(`dossier: no entity matches ${JSON.stringify(name)}\n`);
    process.exitCode = CORPUS_EXIT.notFound;
    return null;
  }
  return r.entity.id;
}

export function registerCorrect(command: (name: string) => Command): void {
  const correct = command('correct').description('Correct the store (kept in an audit log and re-applied when documents are analysed again)');
  const sub = (name: string) =>
    correct
      .command(name)
      .option('--db <url>', DB_HELP)
      .requiredOption('--why <reason>', 'why (kept in the audit log)')
      .option('--by <who>', 'who (default: $USER)');
  sub('merge')
    .description('Merge entity <b> into <a>: every mention, quote, relation and event of <b> becomes <a>')
    .argument('<a>', 'the entity to keep (name, alias or id)')
    .argument('<b>', 'the entity merged into it')
    .action(async (a: string, b: string, opts: CorrectOptions) => {
      await withStore(opts.db, async (store) => {
        const keep = await entityId(store, a);
        const drop = keep && (await entityId(store, b));
        if (!keep || !drop) return;
        if (keep === drop) {
          process.stderr.write(`dossier: ${a} and ${b} are the same entity (${keep})\n`);
          process.exitCode = CORPUS_EXIT.usage;
          return;
        }
        await record(store, 'merge', [keep, drop], opts);
      });
    });
  sub('split-alias')
    .description('Mentions of <entity> written as <alias> are a different actor: split them off')
    .argument('<entity>', 'name, alias or id')
    .argument('<alias>', 'the wrongly linked name, as written')
    .action(async (name: string, alias: string, opts: CorrectOptions) => {
      await withStore(opts.db, async (store) => {
        const id = await entityId(store, name);
        if (id) await record(store, 'split-alias', [id, alias], opts);
      });
    });
  for (const [name, kind, what] of [
    ['reject-event', 'reject-event', 'event'],
    ['reject-finding', 'reject-finding', 'rhetoric finding'],
  ] as const) {
    sub(name)
      .description(`Reject a wrongly coded ${what} by its stored id (see --json output of entity/graph commands)`)
      .argument('<id>', `${what} id`)
      .action(async (id: string, opts: CorrectOptions) => {
        await withStore(opts.db, (store) => record(store, kind, [id], opts));
      });
  }
  correct
    .command('log')
    .description('Print the audit log')
    .option('--db <url>', DB_HELP)
    .action(async (opts: { db?: string }) => {
      await withStore(opts.db, async (store) => {
        for (const c of await store.corrections()) process.stdout.write(`#${c.id}  ${c.at}  ${c.who}  ${c.kind} ${c.args.join(' ')}  — ${c.why}\n`);
      });
    });
}
