import path from 'node:path';
import type { ResourceOptions } from '../pipeline/context.js';
import { type AliasIndex, buildAliasIndex } from './alias-index.js';
import { loadCompiledKnowledgeBase } from './compiled-kb.js';
import type { KnowledgeBase } from './types.js';

export { type AliasIndex, buildAliasIndex, lookupSurface, matchAliases } from './alias-index.js';
export { COMPILED_DIR, loadCompiledKnowledgeBase } from './compiled-kb.js';
export { foldName, foldWords } from './fold.js';
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
export async function kbStageLoad(options: Pick<ResourceOptions, 'dataDir'>): Promise<{ kb: KnowledgeBase; kbIndex: AliasIndex }> {
  const dataDir = path.resolve(options.dataDir);
  // The compiled KB (data/kb/compiled) loads in milliseconds; the sources are the fallback,
  // imported only then: their validator pulls zod into every thread that links entities.
  const compiled = loadCompiledKnowledgeBase(dataDir);
  if (compiled) return compiled;
  const { loadKnowledgeBase } = await import('./load-kb.js');
  const kb = loadKnowledgeBase(dataDir);
  return { kb, kbIndex: buildAliasIndex(kb) };
}
