import type { EntityType, RELATION_TYPES } from '../../schema/analysis.js';

export type { EntityType };
export type RelationType = (typeof RELATION_TYPES)[number];

/** One FollowTheMoney entity as it is written to JSONL: every property is a list of strings. */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}
