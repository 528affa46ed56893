/**
 * The trained NER mention detector, as the entity stage uses it:
 * `nerLoad(options)` in the stage's `load`, then `tagEntities(res.ner, tokens, sentences)`.
 */
import path from 'node:path';
import type { ResourceOptions } from '../../../pipeline/context.js';
import { loadNerModel, type NerModel } from './model.js';

export { NER_TYPES, type NerType } from './labels.js';
export { loadNerModel, type NerModel } from './model.js';
export { type NerSpan, tagEntities } from './tag.js';

declare module '../../../pipeline/context.js' {
  interface Resources {
    ner: NerModel;
  }
}

/** Load the shipped tagger from `<dataDir>/models/ner/` (once per process). */
export function nerLoad(options: Pick<ResourceOptions, 'dataDir'>): { ner: NerModel } {
  return { ner: loadNerModel(path.resolve(options.dataDir)) };
}
