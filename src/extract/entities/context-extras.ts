import type { MentionIndex } from './mention-index.js';
import type { EntityResources } from './types.js';

/**
 * What the entity stage adds to the shared pipeline types. Later stages
 * (quotes, events, rhetoric) read `ctx.mentionIndex` to find the entity at a span.
 */
declare module '../../pipeline/context.js' {
  interface Resources {
    entities: EntityResources;
  }
  interface AnalysisContext {
    /** Every entity mention, sorted by start; set by the entity stage. */
    mentionIndex?: MentionIndex;
  }
}
