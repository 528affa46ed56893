import type { ResourceOptions } from '../../pipeline/context.js';
import { nerLoad, tagEntities } from './ner/index.js';
import type { NerTagger } from './types.js';

export interface LoadedNer {
  tagNames: NerTagger | null;
  resources: Record<string, unknown>;
}

/**
 * Load the trained NER model. It is optional: when its weights are absent or
 * unreadable, `tagNames` is null and the stage falls back to capitalised
 * proper-noun runs, so the pipeline always works.
 */
export function loadNerForEntities(options: ResourceOptions): LoadedNer {
  try {
    const { ner } = nerLoad(options);
    return { tagNames: (tokens, sentences) => tagEntities(ner, tokens, sentences), resources: { ner } };
  } catch {
    return { tagNames: null, resources: {} };
  }
}
