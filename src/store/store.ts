import type { KbAffiliation, KbRole } from '../kb/types.js';
import type { Analysis, EntityType } from '../schema/analysis.js';

/**
 * Where Dossier keeps a corpus: one interface, implemented for SQLite
 * (`SqliteStore`, the default `./dossier.db`) and PostgreSQL (`PostgresStore`),
 * and tested by one shared suite (`store.suite.ts`). Every method is async so
 * that callers do not care which backend they talk to.
 *
 * Offsets are UTF-16 code units of the stored text; any slicing happens in
 * TypeScript, never in SQL (SQLite and PostgreSQL count code points).
 */
/** What storing one document came to; an Error when that document could not be stored. */
export type PutOutcome = 'stored' | 'exists' | 'replaced' | Error;

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Apply pending migrations (idempotent; safe to call on every open). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /**
   * Store one analysed document and all its rows in ONE transaction. A
   * document already stored (same content hash) is left alone: `'exists'`.
   * With `replace`, the old rows are deleted first (re-analysis).
   */
  putDocument(record: DocumentRecord, options?: { replace?: boolean }): Promise<'stored' | 'exists' | 'replaced'>;
  /**
   * Store several documents in one transaction (group commit: one commit, one
   * full-text flush and one write of each shared index page instead of one per
   * document). Each document stays atomic: if one record fails, the others are
   * stored one by one and only its outcome is the Error.
   */
  putDocuments(records: readonly DocumentRecord[], options?: { replace?: boolean }): Promise<PutOutcome[]>;
  hasDocument(id: string): Promise<boolean>;
  getDocument(id: string): Promise<StoredDocument | null>;
  documentIds(): Promise<string[]>;
  countDocuments(): Promise<number>;
  /** MinHash signatures of the documents that are not themselves near-duplicates. */
  originalSignatures(): Promise<Array<{ id: string; signature: string }>>;
  /** Every stored analysis, in ingest order (for exports and re-analysis). */
  analyses(): AsyncIterable<{ document: StoredDocument; analysis: Analysis }>;

  getSource(id: string): Promise<SourceRecord | null>;
  sources(): Promise<SourceRecord[]>;

  /** Entities whose id, name or any known alias folds to `name`'s fold. */
  findEntities(folded: string): Promise<EntityRecord[]>;
  getEntity(id: string): Promise<EntityRecord | null>;
  entities(): Promise<EntityRecord[]>;
  /** Mention counts of an entity: how many mentions, in how many documents. */
  entityStats(entityId: string): Promise<{ mentions: number; documents: number }>;
  /** Surface forms seen in the corpus for an entity, with counts. */
  surfaceForms(entityId: string): Promise<Array<{ text: string; count: number }>>;
  quotesBy(entityId: string, limit?: number): Promise<QuoteRow[]>;
  /** Quotes whose text mentions the entity (by mention spans inside the quote). */
  quotesAbout(entityId: string, limit?: number): Promise<QuoteRow[]>;
  /** Relation and event evidence rows (each one edge observation); all of them when no entity is given. */
  edgeRows(filter?: EdgeFilter): Promise<EdgeRow[]>;
  /** Tone of each document toward each entity: for the given (document, entity) pairs, or all. */
  tones(
    pairs?: ReadonlyArray<{ documentId: string; entityId: string }>,
  ): Promise<Array<{ documentId: string; entityId: string; tone: number; mentions: number }>>;
  /** Mentions and documents per entity, for graph nodes. */
  entityCounts(): Promise<Map<string, { mentions: number; documents: number }>>;
  /** Dated items about an entity: events it takes part in and documents that mention it. */
  timeline(entityId: string, limit?: number): Promise<TimelineRow[]>;
  search(query: string, limit?: number): Promise<SearchHit[]>;

  addCorrection(correction: NewCorrection): Promise<CorrectionRecord>;
  corrections(): Promise<CorrectionRecord[]>;
  /** Rewrite stored rows by one correction (the audit log keeps it for later re-analysis). */
  applyCorrection(correction: CorrectionRecord): Promise<void>;

  /** One page of documents in ingest order, without their text (the API's document list). */
  listDocuments(limit: number, offset: number): Promise<DocumentSummary[]>;
  /**
   * A cheap key that changes when documents are added or corrections recorded
   * (the server's response caches are keyed by it).
   */
  dataVersion(): Promise<string>;
  /** Keep an API token's SHA-256 (hex); the token itself is never stored. */
  addApiToken(token: ApiTokenRecord): Promise<void>;
  /** The token whose SHA-256 is `hash`, or null. */
  findApiToken(hash: string): Promise<ApiTokenRecord | null>;
  /** One stored analysis (with its text), or null. */
  getAnalysis(id: string): Promise<Analysis | null>;
}

export type DocumentSummary = Omit<StoredDocument, 'text'>;

export interface ApiTokenRecord {
  /** SHA-256 of the token, lower-case hex. */
  hash: string;
  name: string;
  createdAt: string;
}

/** Everything `putDocument` writes for one document. */
export interface DocumentRecord {
  analysis: Analysis;
  /** MinHash signature as text (`signatureToString`). */
  signature: string | null;
  duplicateOf: string | null;
  similarity: number | null;
  source: SourceRecord | null;
  /** True when the outlet quotes an organisation it is affiliated with. */
  circularSourcing: boolean;
  /** Indices of `analysis.quotes` that are circular. */
  circularQuotes: number[];
  /** KB facts of the document's linked entities, for the entities table. */
  entityFacts: EntityRecord[];
  ingestedAt: string;
}

export interface StoredDocument {
  id: string;
  title: string | null;
  published: string | null;
  source: string | null;
  sourceId: string | null;
  url: string | null;
  text: string;
  ingestedAt: string;
  duplicateOf: string | null;
  similarity: number | null;
  circularSourcing: boolean;
}

/** An outlet, with what the KB knows about it. */
export interface SourceRecord {
  /** KB id (`media.iran-focus`), or `domain:<host>`, or `name:<folded name>`. */
  id: string;
  name: string;
  domain: string | null;
  country: string | null;
  kbId: string | null;
  /** The KB's affiliations of the outlet (type, target, note). */
  affiliations: Array<{ type: string; target: string; note?: string }>;
}

export interface EntityRecord {
  id: string;
  kbId: string | null;
  name: string;
  type: EntityType;
  cameo: string | null;
  /** KB aliases plus names seen in text. */
  aliases: string[];
  /** KB roles, affiliations, country and description, when linked. */
  kb: { country?: string; description?: string; roles?: KbRole[]; affiliations?: KbAffiliation[] } | null;
}

export interface QuoteRow {
  documentId: string;
  quoteIndex: number;
  start: number;
  end: number;
  text: string;
  kind: string;
  speakerEntity: string | null;
  speakerText: string | null;
  circularSourcing: boolean;
  published: string | null;
  source: string | null;
}

export interface EdgeFilter {
  /** Rows where this entity is source or target. */
  entity?: string;
  /** Only rows whose date (event date, else publication) is within [from, to]. */
  from?: string;
  to?: string;
}

/** One observation of an edge: a relation or a coded event in one document. */
export interface EdgeRow {
  kind: 'relation' | 'event';
  /** Stored id of the relation or event (`<doc12>:r3`, `<doc12>:e5`). */
  id: string;
  documentId: string;
  source: string;
  target: string;
  /** Relation type, or `event:<PLOVER|CAMEO root>`. */
  type: string;
  start: number;
  end: number;
  text: string;
  assertedBy: string;
  date: string | null;
  /** Outlet key for independence: the source of the document's original (after folding near-duplicates). */
  independentKey: string;
  sourceName: string | null;
}

export interface TimelineRow {
  date: string | null;
  /** Stored id of the event or relation (for `dossier correct reject-event`); null for quotes. */
  id: string | null;
  kind: 'event' | 'relation' | 'quote';
  documentId: string;
  text: string;
  detail: string;
}

export interface SearchHit {
  documentId: string;
  title: string | null;
  published: string | null;
  source: string | null;
  rank: number;
  /** A short excerpt around the first match (sliced in TypeScript). */
  snippet: string;
}

export type CorrectionKind = 'merge' | 'split-alias' | 'reject-event' | 'reject-finding';

export interface NewCorrection {
  kind: CorrectionKind;
  /** merge: [keep, drop]; split-alias: [entity, alias]; reject-*: [id]. */
  args: string[];
  why: string;
  who: string;
  at: string;
}

export interface CorrectionRecord extends NewCorrection {
  id: number;
}
