import type { EntityType } from '../schema/analysis.js';

/**
 * The cross-article graph as the exporters and the UI see it: actors as nodes,
 * aggregated relations and events as edges. Every edge keeps its evidence
 * (document, span, asserter) and counts independent sources: syndicated copies
 * and one outlet's repeats count once.
 */
export interface GraphNode {
  /** KB id, or a document-local id for unlinked actors. */
  id: string;
  label: string;
  type: EntityType;
  kbId: string | null;
  /** CAMEO actor code, when known. */
  cameo: string | null;
  /** Documents that mention the node. */
  documents: number;
  mentions: number;
}

export interface EdgeEvidence {
  documentId: string;
  start: number;
  end: number;
  text: string;
  /** 'author' or the entity id of the quoted speaker. */
  assertedBy: string;
  /** The outlet of the document, for independence counting. */
  source: string | null;
  date: string | null;
}

export interface GraphEdge {
  /** Stable id: `${source}|${type}|${target}`. */
  id: string;
  source: string;
  target: string;
  /** Relation type (LEADER_OF, PROXY_OF …) or event class (`event:ASSAULT`, `event:PROTEST` …). */
  type: string;
  /** Distinct documents with evidence. */
  documents: number;
  /** Distinct independent sources (outlets, after folding near-duplicates into their original). */
  independentSources: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Mean tone of the evidence's documents toward the target, −1..1, or null. */
  tone: number | null;
  evidence: EdgeEvidence[];
}

export interface GraphExport {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
