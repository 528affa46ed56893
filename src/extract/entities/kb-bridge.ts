import { type AliasIndex, kbStageLoad, matchAliases } from '../../kb/index.js';
import type { KnowledgeBase } from '../../kb/types.js';
import type { ResourceOptions } from '../../pipeline/context.js';
import type { AliasMatcher } from './types.js';

export interface LoadedKb {
  kb: KnowledgeBase;
  index: AliasIndex;
  matchAliases: AliasMatcher;
  /** What the KB loader returned, passed on into Resources (`kb`, `kbIndex`). */
  resources: Record<string, unknown>;
}

/**
 * Load the shipped knowledge base (data/kb) and its alias index through the KB
 * module. A broken KB is an error, not an empty KB: linking without it would
 * silently turn every actor into a local entity.
 */
export async function loadKbForEntities(options: ResourceOptions): Promise<LoadedKb> {
  const loaded = await kbStageLoad(options);
  const index = loaded.kbIndex;
  return { kb: loaded.kb, index, matchAliases: (tokens, text) => matchAliases(index, tokens, text), resources: { ...loaded } };
}
