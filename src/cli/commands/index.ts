import type { Command } from 'commander';
import { registerCorrect } from './correct-command.js';
import { registerExport } from './export-command.js';
import { registerIngest } from './ingest-command.js';
import { registerQueries } from './query-commands.js';
import { registerQueueCommands } from './queue-commands.js';
import { registerServe } from './serve-command.js';
import { registerToken } from './token-command.js';

/**
 * The corpus commands: ingest, entity, graph, search, timeline, export, correct.
 * `command` is main.ts's helper, so each gets --help and --version.
 */
export function registerCorpusCommands(command: (name: string) => Command): void {
  registerIngest(command);
  registerQueries(command);
  registerExport(command);
  registerCorrect(command);
  registerServe(command);
  registerToken(command);
  registerQueueCommands(command);
}
