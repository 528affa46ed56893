import path from 'node:path';
import type { ResourceOptions } from '../pipeline/context.js';
import { type AliasIndex, buildAliasIndex } from './alias-index.js';
import { loadKnowledgeBase } from './load-kb.js';
import type { KnowledgeBase } from './types.js';

export { type AliasIndex, buildAliasIndex, matchAliases } from './alias-index.js';
export { foldName, foldWords } from './fold.js';
export { loadKnowledgeBase } from './load-kb.js';
export type * from './types.js';

declare module '../pipeline/context.js' {
  interface Resources {
    /** The shipped knowledge base (data/kb). */
    kb: KnowledgeBase;
    /** The alias trie over `kb`, for `matchAliases`. */
    kbIndex: AliasIndex;
  }
}

/**
 * Load the knowledge base and its alias index once per process; the entity
 * stage's `load` returns this.
 *
 * @example
 * load: (options) => kbStageLoad(options)
 */
export function kbStageLoad(options: Pick<ResourceOptions, 'dataDir'>): { kb: KnowledgeBase; kbIndex: AliasIndex } {
  const kb = loadKnowledgeBase(path.resolve(options.dataDir));
  return { kb, kbIndex: buildAliasIndex(kb) };
}
