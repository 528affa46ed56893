import type { Migration } from './index.js';

/**
 * The corpus tables. Written once for both backends; `{{real}}` and
 * `{{serial_pk}}` are the only dialect tokens (see `dialect.ts`). Offsets are
 * `span_start`/`span_end` (`end` is a keyword) in UTF-16 code units.
 */
export const initial: Migration = {
  id: '2025-11-28-initial',
  statements: [
    `CREATE TABLE sources (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      domain TEXT,
      country TEXT,
      kb_id TEXT,
      affiliations TEXT NOT NULL DEFAULT '[]'
    )`,
    `CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      title TEXT,
      published TEXT,
      source TEXT,
      source_id TEXT,
      url TEXT,
      text TEXT NOT NULL,
      analysis TEXT NOT NULL,
      ingested_at TEXT NOT NULL,
      duplicate_of TEXT,
      similarity {{real}},
      minhash TEXT,
      circular_sourcing INTEGER NOT NULL DEFAULT 0
    )`,
    'CREATE INDEX documents_seq ON documents (seq)',
    'CREATE INDEX documents_published ON documents (published)',
    'CREATE INDEX documents_duplicate_of ON documents (duplicate_of)',
    `CREATE TABLE entities (
      id TEXT PRIMARY KEY,
      kb_id TEXT,
      name TEXT NOT NULL,
      name_folded TEXT NOT NULL,
      type TEXT NOT NULL,
      cameo TEXT,
      kb TEXT
    )`,
    'CREATE INDEX entities_name_folded ON entities (name_folded)',
    `CREATE TABLE entity_aliases (
      entity_id TEXT NOT NULL,
      alias TEXT NOT NULL,
      folded TEXT NOT NULL,
      PRIMARY KEY (entity_id, folded)
    )`,
    'CREATE INDEX entity_aliases_folded ON entity_aliases (folded)',
    `CREATE TABLE mentions (
      document_id TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      text TEXT NOT NULL,
      kind TEXT NOT NULL
    )`,
    'CREATE INDEX mentions_entity ON mentions (entity_id, document_id)',
    'CREATE INDEX mentions_document ON mentions (document_id)',
    `CREATE TABLE times (
      document_id TEXT NOT NULL,
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      text TEXT NOT NULL,
      type TEXT NOT NULL,
      value TEXT NOT NULL
    )`,
    'CREATE INDEX times_document ON times (document_id)',
    `CREATE TABLE quotes (
      document_id TEXT NOT NULL,
      quote_index INTEGER NOT NULL,
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      text TEXT NOT NULL,
      kind TEXT NOT NULL,
      speaker_entity TEXT,
      speaker_text TEXT,
      circular_sourcing INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (document_id, quote_index)
    )`,
    'CREATE INDEX quotes_speaker ON quotes (speaker_entity)',
    `CREATE TABLE claims (
      document_id TEXT NOT NULL,
      claim_index INTEGER NOT NULL,
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      text TEXT NOT NULL,
      asserted_by TEXT NOT NULL,
      checkworthiness {{real}} NOT NULL,
      PRIMARY KEY (document_id, claim_index)
    )`,
    `CREATE TABLE events (
      id TEXT PRIMARY KEY,
      document_id TEXT NOT NULL,
      cameo TEXT NOT NULL,
      plover TEXT,
      edge_type TEXT NOT NULL,
      source_entity TEXT,
      target_entity TEXT,
      location TEXT,
      event_date TEXT,
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      text TEXT NOT NULL,
      asserted_by TEXT NOT NULL,
      negated INTEGER NOT NULL,
      hypothetical INTEGER NOT NULL
    )`,
    'CREATE INDEX events_document ON events (document_id)',
    'CREATE INDEX events_source ON events (source_entity)',
    'CREATE INDEX events_target ON events (target_entity)',
    `CREATE TABLE relations (
      id TEXT PRIMARY KEY,
      document_id TEXT NOT NULL,
      type TEXT NOT NULL,
      source_entity TEXT NOT NULL,
      target_entity TEXT,
      role TEXT,
      asserted_by TEXT NOT NULL,
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      text TEXT NOT NULL
    )`,
    'CREATE INDEX relations_document ON relations (document_id)',
    'CREATE INDEX relations_source ON relations (source_entity)',
    'CREATE INDEX relations_target ON relations (target_entity)',
    `CREATE TABLE findings (
      id TEXT PRIMARY KEY,
      document_id TEXT NOT NULL,
      technique TEXT NOT NULL,
      rule_id TEXT NOT NULL,
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      text TEXT NOT NULL,
      score {{real}} NOT NULL,
      target TEXT
    )`,
    'CREATE INDEX findings_document ON findings (document_id)',
    `CREATE TABLE tones (
      document_id TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      tone {{real}} NOT NULL,
      mentions INTEGER NOT NULL,
      PRIMARY KEY (document_id, entity_id)
    )`,
    'CREATE INDEX tones_entity ON tones (entity_id)',
    `CREATE TABLE corrections (
      id {{serial_pk}},
      kind TEXT NOT NULL,
      args TEXT NOT NULL,
      why TEXT NOT NULL,
      who TEXT NOT NULL,
      at TEXT NOT NULL
    )`,
  ],
  // Full-text search is the one real difference: an FTS5 table kept in step by
  // triggers in SQLite, a generated tsvector column with a GIN index in PostgreSQL.
  sqlite: [
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text); END",
  ],
  postgres: [
    "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    'CREATE INDEX documents_tsv ON documents USING GIN (tsv)',
  ],
};
