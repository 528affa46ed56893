import { foldName } from '../kb/fold.js';
import type { Analysis, EntityType } from '../schema/analysis.js';
import { applyCorrections } from './apply-corrections.js';
import { type Dialect, migrationStatements } from './dialect.js';
import { edgeTypeOfEvent, eventIds, findingIds } from './item-ids.js';
import { MIGRATIONS } from './migrations/index.js';
import type {
  ApiTokenRecord,
  CorrectionRecord,
  DocumentRecord,
  DocumentSummary,
  EdgeFilter,
  EdgeRow,
  EntityRecord,
  NewCorrection,
  PutOutcome,
  QuoteRow,
  SearchHit,
  SourceRecord,
  Store,
  StoredDocument,
  TimelineRow,
} from './store.js';

export type Row = Record<string, unknown>;

/** Runs parameterised SQL (`?` placeholders) on one connection or transaction. */
export interface SqlExecutor {
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  /**
   * Run one single-row statement for each row (SQLite: one prepared statement,
   * no per-shape preparing). Without it, rows go in multi-row chunks (one round
   * trip per chunk, which is what PostgreSQL wants).
   */
  runEach?(sql: string, rows: readonly unknown[][]): Promise<void>;
}

/** What a backend provides; everything else is shared SQL in `SqlStore`. */
export interface SqlDriver extends SqlExecutor {
  readonly dialect: Dialect;
  /** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Serialise concurrent migrators (PostgreSQL advisory lock; SQLite's write lock already does). */
  lockForMigrations(tx: SqlExecutor): Promise<void>;
  /** Full-text search, the one query that differs: ranked document ids, best first. */
  searchIds(query: string, limit: number): Promise<Array<{ id: string; rank: number }>>;
  close(): Promise<void>;
}

// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's parameter limits.
const CHUNK_PARAMS = 900;

/** `analysis` minus the document text, which has its own column (stored once). */
type StoredAnalysis = Omit<Analysis, 'document'> & { document: Omit<Analysis['document'], 'text'> };

/**
 * The Store over any `SqlDriver`: the SQL is written once, in the dialect both
 * backends share (`ON CONFLICT`, `COALESCE`, integers for booleans, text for JSON).
 */
export class SqlStore implements Store {
  readonly kind: Dialect;
  /**
   * Entity and alias rows this store has committed (see `upsertEntities`). An ingest names
   * Iran in most documents: without it every document sent its entities and aliases again
   * as no-op INSERTs and folded their names again (measured: ~100k no-op rows, ~1 s of the
   * writer's CPU over 1,136 articles). Cleared by corrections, which delete such rows.
   */
  private readonly committed = new CommittedRows();

  constructor(protected readonly db: SqlDriver) {
    this.kind = db.dialect;
  }

  async migrate(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.db.lockForMigrations(tx);
      await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied = new Set((await tx.all<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
      for (const m of MIGRATIONS) {
        if (applied.has(m.id)) continue;
        for (const sql of migrationStatements(m, this.db.dialect)) await tx.run(sql);
        await tx.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', [m.id, new Date().toISOString()]);
      }
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async putDocument(record: DocumentRecord, options: { replace?: boolean } = {}): Promise<'stored' | 'exists' | 'replaced'> {
    const written = this.committed.transaction();
    const outcome = await this.db.transaction((tx) => putInTransaction(tx, record, options, written));
    this.committed.commit(written);
    return outcome;
  }

  async putDocuments(records: readonly DocumentRecord[], options: { replace?: boolean } = {}): Promise<PutOutcome[]> {
    if (records.length === 0) return [];
    try {
      const written = this.committed.transaction();
      const outcomes = await this.db.transaction(async (tx) => {
        const out: PutOutcome[] = [];
        for (const record of records) out.push(await putInTransaction(tx, record, options, written));
        return out;
      });
      this.committed.commit(written);
      return outcomes;
    } catch {
      // One bad record rolled the group back: store them one by one (in order: a record may repeat), so that only it fails.
      const outcomes: PutOutcome[] = [];
      for (const r of records) outcomes.push(await this.putDocument(r, options).catch((err: Error) => err));
      return outcomes;
    }
  }

  async hasDocument(id: string): Promise<boolean> {
    return (await this.db.all('SELECT 1 AS one FROM documents WHERE id = ?', [id])).length > 0;
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const rows = await this.db.all(`SELECT ${DOC_COLUMNS} FROM documents WHERE id = ?`, [id]);
    return rows.length > 0 ? toDocument(rows[0]) : null;
  }

  async documentIds(): Promise<string[]> {
    return (await this.db.all<{ id: string }>('SELECT id FROM documents ORDER BY seq')).map((r) => r.id);
  }

  async countDocuments(): Promise<number> {
    const rows = await this.db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM documents');
    return Number(rows[0].n);
  }

  async originalSignatures(): Promise<Array<{ id: string; signature: string }>> {
    return this.db.all<{ id: string; signature: string }>(
      'SELECT id, minhash AS signature FROM documents WHERE duplicate_of IS NULL AND minhash IS NOT NULL ORDER BY seq',
    );
  }

  async *analyses(): AsyncIterable<{ document: StoredDocument; analysis: Analysis }> {
    // Keyset paging on (seq, id): concurrent queue workers can give two documents the same seq
    // (MAX(seq)+1 in two open transactions), and paging on seq alone would skip one of them.
    let after = 0;
    let afterId = '';
    for (;;) {
      const rows = await this.db.all(`SELECT ${DOC_COLUMNS}, seq, analysis FROM documents WHERE seq > ? OR (seq = ? AND id > ?) ORDER BY seq, id LIMIT 200`, [
        after,
        after,
        afterId,
      ]);
      if (rows.length === 0) return;
      for (const r of rows) {
        const document = toDocument(r);
        yield { document, analysis: withText(JSON.parse(String(r.analysis)) as StoredAnalysis, document.text) };
        after = Number(r.seq);
        afterId = String(r.id);
      }
    }
  }

  async getSource(id: string): Promise<SourceRecord | null> {
    const rows = await this.db.all('SELECT * FROM sources WHERE id = ?', [id]);
    return rows.length > 0 ? toSource(rows[0]) : null;
  }

  async sources(): Promise<SourceRecord[]> {
    return (await this.db.all('SELECT * FROM sources ORDER BY id')).map(toSource);
  }

  async findEntities(folded: string): Promise<EntityRecord[]> {
    const rows = await this.db.all<Row & { how: number }>(
      `SELECT e.*, 0 AS how FROM entities e WHERE e.id = ?
       UNION SELECT e.*, 1 AS how FROM entities e WHERE e.name_folded = ?
       UNION SELECT e.*, 2 AS how FROM entities e JOIN entity_aliases a ON a.entity_id = e.id WHERE a.folded = ?`,
      [folded, folded, folded],
    );
    const best = new Map<string, Row & { how: number }>();
    for (const r of rows) {
      const prev = best.get(String(r.id));
      if (!prev || Number(r.how) < Number(prev.how)) best.set(String(r.id), r);
    }
    const ranked = [...best.values()];
    const counts = new Map<string, number>();
    for (const r of ranked) counts.set(String(r.id), (await this.entityStats(String(r.id))).mentions);
    ranked.sort(
      (a, b) => Number(a.how) - Number(b.how) || (counts.get(String(b.id)) ?? 0) - (counts.get(String(a.id)) ?? 0) || String(a.id).localeCompare(String(b.id)),
    );
    return Promise.all(ranked.map((r) => this.entityRecord(r)));
  }

  async getEntity(id: string): Promise<EntityRecord | null> {
    const rows = await this.db.all('SELECT * FROM entities WHERE id = ?', [id]);
    return rows.length > 0 ? this.entityRecord(rows[0]) : null;
  }

  async entities(): Promise<EntityRecord[]> {
    const rows = await this.db.all('SELECT * FROM entities ORDER BY id');
    const aliases = await this.db.all<{ entity_id: string; alias: string }>('SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, alias');
    const byEntity = new Map<string, string[]>();
    for (const a of aliases) {
      const list = byEntity.get(a.entity_id) ?? [];
      list.push(a.alias);
      byEntity.set(a.entity_id, list);
    }
    return rows.map((r) => toEntity(r, byEntity.get(String(r.id)) ?? []));
  }

  private async entityRecord(r: Row): Promise<EntityRecord> {
    const aliases = await this.db.all<{ alias: string }>('SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias', [r.id]);
    return toEntity(
      r,
      aliases.map((a) => a.alias),
    );
  }

  async entityStats(entityId: string): Promise<{ mentions: number; documents: number }> {
    const rows = await this.db.all<{ n: number | string; d: number | string }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT document_id) AS d FROM mentions WHERE entity_id = ?',
      [entityId],
    );
    return { mentions: Number(rows[0].n), documents: Number(rows[0].d) };
  }

  async surfaceForms(entityId: string): Promise<Array<{ text: string; count: number }>> {
    const rows = await this.db.all<{ text: string; n: number | string }>(
      'SELECT text, COUNT(*) AS n FROM mentions WHERE entity_id = ? GROUP BY text ORDER BY n DESC, text LIMIT 25',
      [entityId],
    );
    return rows.map((r) => ({ text: r.text, count: Number(r.n) }));
  }

  async quotesBy(entityId: string, limit = 20): Promise<QuoteRow[]> {
    const rows = await this.db.all(
      `SELECT q.*, d.published, d.source FROM quotes q JOIN documents d ON d.id = q.document_id
       WHERE q.speaker_entity = ? ORDER BY d.published DESC, q.document_id, q.quote_index LIMIT ?`,
      [entityId, limit],
    );
    return rows.map(toQuote);
  }

  async quotesAbout(entityId: string, limit = 20): Promise<QuoteRow[]> {
    const rows = await this.db.all(
      `SELECT DISTINCT q.*, d.published, d.source FROM quotes q
       JOIN mentions m ON m.document_id = q.document_id AND m.span_start >= q.span_start AND m.span_end <= q.span_end
       JOIN documents d ON d.id = q.document_id
       WHERE m.entity_id = ? AND (q.speaker_entity IS NULL OR q.speaker_entity <> ?)
       ORDER BY d.published DESC, q.document_id, q.quote_index LIMIT ?`,
      [entityId, entityId, limit],
    );
    return rows.map(toQuote);
  }

  async edgeRows(filter: EdgeFilter = {}): Promise<EdgeRow[]> {
    const who = filter.entity ? ' AND (x.source_entity = ? OR x.target_entity = ?)' : '';
    const params = filter.entity ? [filter.entity, filter.entity] : [];
    // The independence key is the outlet of the document's original: a syndicated
    // copy (duplicate_of set) counts as its original's source.
    const join = 'JOIN documents d ON d.id = x.document_id JOIN documents o ON o.id = COALESCE(d.duplicate_of, d.id)';
    const relations = await this.db.all(
      `SELECT 'relation' AS kind, x.id, x.document_id, x.source_entity, x.target_entity, x.type AS edge_type, x.span_start, x.span_end, x.text,
              x.asserted_by, d.published AS edge_date, COALESCE(o.source_id, o.id) AS ikey, d.source AS source_name
       FROM relations x ${join} WHERE x.target_entity IS NOT NULL${who}`,
      params,
    );
    const events = await this.db.all(
      `SELECT 'event' AS kind, x.id, x.document_id, x.source_entity, x.target_entity, x.edge_type, x.span_start, x.span_end, x.text,
              x.asserted_by, COALESCE(x.event_date, d.published) AS edge_date, COALESCE(o.source_id, o.id) AS ikey, d.source AS source_name
       FROM events x ${join}
       WHERE x.source_entity IS NOT NULL AND x.target_entity IS NOT NULL AND x.negated = 0${who}`,
      params,
    );
    const out: EdgeRow[] = [];
    for (const r of [...relations, ...events]) {
      const date = r.edge_date === null ? null : String(r.edge_date);
      if (filter.from && (date === null || date.slice(0, filter.from.length) < filter.from)) continue;
      if (filter.to && (date === null || date.slice(0, filter.to.length) > filter.to)) continue;
      out.push({
        kind: r.kind as EdgeRow['kind'],
        id: String(r.id),
        documentId: String(r.document_id),
        source: String(r.source_entity),
        target: String(r.target_entity),
        type: String(r.edge_type),
        start: Number(r.span_start),
        end: Number(r.span_end),
        text: String(r.text),
        assertedBy: String(r.asserted_by),
        date,
        independentKey: String(r.ikey),
        sourceName: r.source_name === null ? null : String(r.source_name),
      });
    }
    return out;
  }

  async tones(
    pairs?: ReadonlyArray<{ documentId: string; entityId: string }>,
  ): Promise<Array<{ documentId: string; entityId: string; tone: number; mentions: number }>> {
    type ToneRow = { document_id: string; entity_id: string; tone: number; mentions: number };
    const rows: ToneRow[] = [];
    if (pairs === undefined) rows.push(...(await this.db.all<ToneRow>('SELECT document_id, entity_id, tone, mentions FROM tones')));
    // By primary key, a few hundred pairs a query: an entity dossier needs the tones of its edges'
    // documents only, and one query per neighbour (each reading all its documents) was most of its latency.
    else
      for (let i = 0; i < pairs.length; i += TONE_BATCH) {
        const batch = pairs.slice(i, i + TONE_BATCH);
        rows.push(
          ...(await this.db.all<ToneRow>(
            `SELECT document_id, entity_id, tone, mentions FROM tones WHERE (document_id, entity_id) IN (VALUES ${batch.map(() => '(?, ?)').join(', ')})`,
            batch.flatMap((p) => [p.documentId, p.entityId]),
          )),
        );
      }
    return rows.map((r) => ({ documentId: r.document_id, entityId: r.entity_id, tone: Number(r.tone), mentions: Number(r.mentions) }));
  }

  async entityCounts(): Promise<Map<string, { mentions: number; documents: number }>> {
    const rows = await this.db.all<{ entity_id: string; n: number | string; d: number | string }>(
      'SELECT entity_id, COUNT(*) AS n, COUNT(DISTINCT document_id) AS d FROM mentions GROUP BY entity_id',
    );
    return new Map(rows.map((r) => [r.entity_id, { mentions: Number(r.n), documents: Number(r.d) }]));
  }

  async timeline(entityId: string, limit = 200): Promise<TimelineRow[]> {
    const events = await this.db.all(
      `SELECT x.id, x.document_id, COALESCE(x.event_date, d.published) AS t, x.edge_type, x.source_entity, x.target_entity, x.text
       FROM events x JOIN documents d ON d.id = x.document_id
       WHERE (x.source_entity = ? OR x.target_entity = ?) AND x.negated = 0`,
      [entityId, entityId],
    );
    const relations = await this.db.all(
      `SELECT x.id, x.document_id, d.published AS t, x.type, x.source_entity, x.target_entity, x.role, x.text
       FROM relations x JOIN documents d ON d.id = x.document_id WHERE x.source_entity = ? OR x.target_entity = ?`,
      [entityId, entityId],
    );
    const quotes = await this.db.all(
      'SELECT q.document_id, d.published AS t, q.text FROM quotes q JOIN documents d ON d.id = q.document_id WHERE q.speaker_entity = ?',
      [entityId],
    );
    const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
    const out: TimelineRow[] = [
      ...events.map((r) => ({
        date: str(r.t),
        id: String(r.id),
        kind: 'event' as const,
        documentId: String(r.document_id),
        text: String(r.text),
        detail: `${r.edge_type} ${str(r.source_entity) ?? '?'} → ${str(r.target_entity) ?? '?'}`,
      })),
      ...relations.map((r) => ({
        date: str(r.t),
        id: String(r.id),
        kind: 'relation' as const,
        documentId: String(r.document_id),
        text: String(r.text),
        detail: `${r.type}${r.role ? ` (${r.role})` : ''} ${r.source_entity} → ${str(r.target_entity) ?? '?'}`,
      })),
      ...quotes.map((r) => ({ date: str(r.t), id: null, kind: 'quote' as const, documentId: String(r.document_id), text: String(r.text), detail: 'quoted' })),
    ];
    out.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.documentId.localeCompare(b.documentId) || a.kind.localeCompare(b.kind));
    return out.slice(0, limit);
  }

  async search(query: string, limit = 20): Promise<SearchHit[]> {
    if (query.trim() === '') return [];
    const ids = await this.db.searchIds(query, limit);
    const hits: SearchHit[] = [];
    for (const { id, rank } of ids) {
      const doc = await this.getDocument(id);
      if (doc) hits.push({ documentId: id, title: doc.title, published: doc.published, source: doc.source, rank, snippet: snippetOf(doc.text, query) });
    }
    return hits;
  }

  async addCorrection(c: NewCorrection): Promise<CorrectionRecord> {
    return this.db.transaction(async (tx) => {
      await tx.run('INSERT INTO corrections (kind, args, why, who, at) VALUES (?, ?, ?, ?, ?)', [c.kind, JSON.stringify(c.args), c.why, c.who, c.at]);
      const rows = await tx.all<{ id: number | string }>('SELECT MAX(id) AS id FROM corrections');
      return { ...c, id: Number(rows[0].id) };
    });
  }

  async corrections(): Promise<CorrectionRecord[]> {
    const rows = await this.db.all('SELECT * FROM corrections ORDER BY id');
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind as CorrectionRecord['kind'],
      args: JSON.parse(String(r.args)) as string[],
      why: String(r.why),
      who: String(r.who),
      at: String(r.at),
    }));
  }

  async applyCorrection(c: CorrectionRecord): Promise<void> {
    this.committed.clear();
    const affected = await this.affectedDocuments(c);
    for (const id of affected) {
      await this.db.transaction(async (tx) => {
        const rows = await tx.all<{ analysis: string; text: string }>('SELECT analysis, text FROM documents WHERE id = ?', [id]);
        if (rows.length === 0) return;
        const analysis = applyCorrections(withText(JSON.parse(rows[0].analysis) as StoredAnalysis, rows[0].text), [c]);
        const circular = await tx.all<{ quote_index: number }>('SELECT quote_index FROM quotes WHERE document_id = ? AND circular_sourcing = 1', [id]);
        await deleteRows(tx, id);
        await tx.run('UPDATE documents SET analysis = ? WHERE id = ?', [JSON.stringify(withoutText(analysis)), id]);
        await writeRows(tx, analysis, new Set(circular.map((r) => Number(r.quote_index))), new WrittenRows(new Set()));
      });
    }
    await this.db.transaction(async (tx) => {
      if (c.kind === 'merge') {
        const [keep, drop] = c.args;
        // The dropped entity's names now find the kept one.
        await tx.run(
          'INSERT INTO entity_aliases (entity_id, alias, folded) SELECT ?, alias, folded FROM entity_aliases WHERE entity_id = ? ON CONFLICT DO NOTHING',
          [keep, drop],
        );
        const dropped = await tx.all<{ name: string; name_folded: string }>('SELECT name, name_folded FROM entities WHERE id = ?', [drop]);
        for (const d of dropped)
          await tx.run('INSERT INTO entity_aliases (entity_id, alias, folded) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [keep, d.name, d.name_folded]);
        await tx.run('DELETE FROM entity_aliases WHERE entity_id = ?', [drop]);
        await tx.run('DELETE FROM entities WHERE id = ?', [drop]);
      } else if (c.kind === 'split-alias') {
        await tx.run('DELETE FROM entity_aliases WHERE entity_id = ? AND folded = ?', [c.args[0], foldName(c.args[1])]);
      }
    });
    this.committed.clear();
  }

  private async affectedDocuments(c: CorrectionRecord): Promise<string[]> {
    let rows: Array<{ document_id: string }>;
    if (c.kind === 'merge' || c.kind === 'split-alias') {
      const e = c.kind === 'merge' ? c.args[1] : c.args[0];
      rows = await this.db.all(
        `SELECT document_id FROM mentions WHERE entity_id = ?
         UNION SELECT document_id FROM events WHERE source_entity = ? OR target_entity = ?
         UNION SELECT document_id FROM relations WHERE source_entity = ? OR target_entity = ?
         UNION SELECT document_id FROM quotes WHERE speaker_entity = ?`,
        [e, e, e, e, e, e],
      );
    } else if (c.kind === 'reject-event') {
      rows = await this.db.all('SELECT document_id FROM events WHERE id = ?', [c.args[0]]);
    } else {
      rows = await this.db.all('SELECT document_id FROM findings WHERE id = ?', [c.args[0]]);
    }
    return [...new Set(rows.map((r) => String(r.document_id)))].sort();
  }

  async listDocuments(limit: number, offset: number): Promise<DocumentSummary[]> {
    const rows = await this.db.all(`SELECT ${SUMMARY_COLUMNS} FROM documents ORDER BY seq LIMIT ? OFFSET ?`, [limit, offset]);
    return rows.map((r) => {
      const { text: _text, ...summary } = toDocument({ ...r, text: '' });
      return summary;
    });
  }

  async dataVersion(): Promise<string> {
    // Both use an index (seq, the corrections key): no table scan per request.
    const docs = await this.db.all<{ n: number | string; s: number | string | null }>('SELECT COUNT(*) AS n, MAX(seq) AS s FROM documents');
    const fixes = await this.db.all<{ c: number | string | null }>('SELECT MAX(id) AS c FROM corrections');
    return `${docs[0].n}:${docs[0].s ?? 0}:${fixes[0].c ?? 0}`;
  }

  async addApiToken(token: ApiTokenRecord): Promise<void> {
    await this.db.run('INSERT INTO api_tokens (hash, name, created_at) VALUES (?, ?, ?)', [token.hash, token.name, token.createdAt]);
  }

  async findApiToken(hash: string): Promise<ApiTokenRecord | null> {
    const rows = await this.db.all<{ hash: string; name: string; created_at: string }>('SELECT hash, name, created_at FROM api_tokens WHERE hash = ?', [hash]);
    return rows.length > 0 ? { hash: rows[0].hash, name: rows[0].name, createdAt: rows[0].created_at } : null;
  }

  async getAnalysis(id: string): Promise<Analysis | null> {
    const rows = await this.db.all<{ analysis: string; text: string }>('SELECT analysis, text FROM documents WHERE id = ?', [id]);
    return rows.length > 0 ? withText(JSON.parse(rows[0].analysis) as StoredAnalysis, rows[0].text) : null;
  }
}

/** One document's rows inside an open transaction (see `Store.putDocument`). */
async function putInTransaction(
  tx: SqlExecutor,
  record: DocumentRecord,
  options: { replace?: boolean },
  written: WrittenRows,
): Promise<'stored' | 'exists' | 'replaced'> {
  const doc = record.analysis.document;
  const old = await tx.all<{ seq: number }>('SELECT seq FROM documents WHERE id = ?', [doc.id]);
  if (old.length > 0 && !options.replace) return 'exists';
  let seq: number;
  if (old.length > 0) {
    seq = Number(old[0].seq);
    await deleteRows(tx, doc.id);
    await tx.run('DELETE FROM documents WHERE id = ?', [doc.id]);
  } else {
    const max = await tx.all<{ m: number | string | null }>('SELECT MAX(seq) AS m FROM documents');
    seq = Number(max[0]?.m ?? 0) + 1;
  }
  if (record.source) await upsertSource(tx, record.source);
  await tx.run(
    `INSERT INTO documents (id, seq, title, published, source, source_id, url, text, analysis, ingested_at, duplicate_of, similarity, minhash, circular_sourcing)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      doc.id,
      seq,
      doc.title,
      doc.published,
      doc.source.name,
      record.source?.id ?? null,
      doc.source.url,
      doc.text,
      JSON.stringify(withoutText(record.analysis)),
      record.ingestedAt,
      record.duplicateOf,
      record.similarity,
      record.signature,
      record.circularSourcing ? 1 : 0,
    ],
  );
  await upsertEntities(tx, record.entityFacts, written);
  await writeRows(tx, record.analysis, new Set(record.circularQuotes), written);
  return old.length > 0 ? 'replaced' : 'stored';
}

const TONE_BATCH = 500;

const SUMMARY_COLUMNS = 'id, title, published, source, source_id, url, ingested_at, duplicate_of, similarity, circular_sourcing';

const DOC_COLUMNS = 'id, title, published, source, source_id, url, text, ingested_at, duplicate_of, similarity, circular_sourcing';

function withoutText(a: Analysis): StoredAnalysis {
  const { text: _text, ...document } = a.document;
  return { ...a, document };
}

function withText(a: StoredAnalysis, text: string): Analysis {
  return { ...a, document: { ...a.document, text } } as Analysis;
}

const CHILD_TABLES = ['mentions', 'times', 'quotes', 'claims', 'events', 'relations', 'findings', 'tones'] as const;

async function deleteRows(tx: SqlExecutor, documentId: string): Promise<void> {
  for (const t of CHILD_TABLES) await tx.run(`DELETE FROM ${t} WHERE document_id = ?`, [documentId]);
}

async function upsertSource(tx: SqlExecutor, s: SourceRecord): Promise<void> {
  await tx.run('INSERT INTO sources (id, name, domain, country, kb_id, affiliations) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [
    s.id,
    s.name,
    s.domain,
    s.country,
    s.kbId,
    JSON.stringify(s.affiliations),
  ]);
  // A domain learnt later fills the gap. A plain UPDATE that matches no row takes no lock, where
  // ON CONFLICT DO UPDATE would lock the outlet's row for the whole transaction and serialise
  // every concurrent worker storing an article of that outlet.
  if (s.domain !== null) await tx.run('UPDATE sources SET domain = ? WHERE id = ? AND domain IS NULL', [s.domain, s.id]);
}

/**
 * Insert entities and their aliases. `written` knows what this store already
 * committed and what this transaction wrote (a group of documents names Iran a
 * dozen times): an identical row again would be a no-op, so it is not sent at
 * all, and its names are not folded again.
 */
async function upsertEntities(tx: SqlExecutor, facts: EntityRecord[], written: WrittenRows): Promise<void> {
  if (facts.length === 0) return;
  // In id order, so that concurrent writers (queue workers on PostgreSQL) take row locks in one
  // order and cannot deadlock.
  const rows = dedupe(facts, (e) => e.id)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => ({ e, kb: e.kb ? JSON.stringify(e.kb) : null }))
    .filter(({ e, kb }) => written.firstTime(`e\u0000${e.id}\u0000${e.kbId}\u0000${e.name}\u0000${e.type}\u0000${e.cameo}\u0000${kb}`))
    .map(({ e, kb }) => [e.id, e.kbId, e.name, foldName(e.name), e.type, e.cameo, kb]);
  await insertMany(tx, 'entities', ['id', 'kb_id', 'name', 'name_folded', 'type', 'cameo', 'kb'], rows, 'ON CONFLICT (id) DO NOTHING');
  // KB facts are better than a first sighting's: they win. Only rows that would change are
  // updated: ON CONFLICT DO UPDATE locked every hot entity (Iran, the US) of every document until
  // its commit, which made two workers slower than one.
  await updateChanged(
    tx,
    'entities',
    'kb',
    rows.filter((r) => r[6] !== null).map((r) => [r[0], r[6]]),
  );
  await updateChanged(
    tx,
    'entities',
    'cameo',
    rows.filter((r) => r[5] !== null).map((r) => [r[0], r[5]]),
  );
  // Raw names first (a name seen before is not folded again), then folded ones: two spellings
  // that fold alike are one row.
  const aliases = facts.flatMap((e) => [e.name, ...e.aliases].filter((a) => written.firstTime(`a\u0000${e.id}\u0000${a}`)).map((a) => [e.id, a, foldName(a)]));
  await insertMany(
    tx,
    'entity_aliases',
    ['entity_id', 'alias', 'folded'],
    aliases.filter((a) => a[2] !== '' && written.firstTime(`f\u0000${a[0]}\u0000${a[2]}`)),
    'ON CONFLICT DO NOTHING',
  );
}

/** At most this many committed row keys are remembered (~10 MB); past it the memory starts again. */
const COMMITTED_ROWS_CAP = 50_000;

/** Keys of the entity and alias rows a store has committed (see `SqlStore.committed`). */
class CommittedRows {
  private keys = new Set<string>();

  /** The memory of one transaction, which sees the committed keys. */
  transaction(): WrittenRows {
    return new WrittenRows(this.keys);
  }

  /** The transaction committed: its rows are in the store. (A rolled-back one is just dropped.) */
  commit(w: WrittenRows): void {
    if (this.keys.size + w.added.size > COMMITTED_ROWS_CAP) this.keys = new Set();
    for (const k of w.added) this.keys.add(k);
  }

  clear(): void {
    this.keys = new Set();
  }
}

class WrittenRows {
  readonly added = new Set<string>();
  constructor(private readonly committed: ReadonlySet<string>) {}

  /** True the first time `key` is seen, committed or in this transaction (and remembers it). */
  firstTime(key: string): boolean {
    if (this.committed.has(key) || this.added.has(key)) return false;
    this.added.add(key);
    return true;
  }
}

/** Write the child rows of one analysis (the documents row exists). */
async function writeRows(tx: SqlExecutor, a: Analysis, circularQuotes: Set<number>, written: WrittenRows): Promise<void> {
  const id = a.document.id;
  // Entities first seen here; names seen in the text become aliases (pronouns and titles do not).
  const entityRows: EntityRecord[] = a.entities.map((e) => ({
    id: e.id,
    kbId: e.kbId,
    name: e.name,
    type: e.type as EntityType,
    cameo: e.cameo ?? null,
    aliases: [...new Set(e.mentions.filter((m) => m.kind === 'name' || m.kind === 'alias').map((m) => m.text))],
    kb: null,
  }));
  await upsertEntities(tx, entityRows, written);
  await insertMany(
    tx,
    'mentions',
    ['document_id', 'entity_id', 'span_start', 'span_end', 'text', 'kind'],
    a.entities.flatMap((e) => e.mentions.map((m) => [id, e.id, m.start, m.end, m.text, m.kind])),
  );
  await insertMany(
    tx,
    'times',
    ['document_id', 'span_start', 'span_end', 'text', 'type', 'value'],
    a.times.map((t) => [id, t.start, t.end, t.text, t.type, t.value]),
  );
  await insertMany(
    tx,
    'quotes',
    ['document_id', 'quote_index', 'span_start', 'span_end', 'text', 'kind', 'speaker_entity', 'speaker_text', 'circular_sourcing'],
    a.quotes.map((q, i) => [id, i, q.start, q.end, q.text, q.kind, q.speaker?.entity ?? null, q.speaker?.text ?? null, circularQuotes.has(i) ? 1 : 0]),
  );
  await insertMany(
    tx,
    'claims',
    ['document_id', 'claim_index', 'span_start', 'span_end', 'text', 'asserted_by', 'checkworthiness'],
    a.claims.map((c, i) => [id, i, c.start, c.end, c.text, c.assertedBy, c.checkworthiness]),
  );
  const evIds = eventIds(id, a.events);
  await insertMany(
    tx,
    'events',
    [
      'id',
      'document_id',
      'cameo',
      'plover',
      'edge_type',
      'source_entity',
      'target_entity',
      'location',
      'event_date',
      'span_start',
      'span_end',
      'text',
      'asserted_by',
      'negated',
      'hypothetical',
    ],
    a.events.map((e, i) => [
      evIds[i],
      id,
      e.cameo,
      e.plover,
      edgeTypeOfEvent(e),
      e.source,
      e.target,
      e.location,
      e.date?.value ?? null,
      e.trigger.start,
      e.trigger.end,
      e.trigger.text,
      e.assertedBy,
      e.negated ? 1 : 0,
      e.hypothetical ? 1 : 0,
    ]),
  );
  await insertMany(
    tx,
    'relations',
    ['id', 'document_id', 'type', 'source_entity', 'target_entity', 'role', 'asserted_by', 'span_start', 'span_end', 'text'],
    a.relations.map((r, i) => [
      `${id.slice(0, 12)}:r${i}`,
      id,
      r.type,
      r.source,
      r.target,
      r.role ?? null,
      r.assertedBy,
      r.evidence[0].start,
      r.evidence[0].end,
      r.evidence[0].text,
    ]),
  );
  const fIds = findingIds(id, a.rhetoric.findings);
  await insertMany(
    tx,
    'findings',
    ['id', 'document_id', 'technique', 'rule_id', 'span_start', 'span_end', 'text', 'score', 'target'],
    a.rhetoric.findings.map((f, i) => [fIds[i], id, f.technique, f.ruleId, f.start, f.end, f.text, f.score, f.target ?? null]),
  );
  await insertMany(
    tx,
    'tones',
    ['document_id', 'entity_id', 'tone', 'mentions'],
    dedupe(
      a.rhetoric.toneByEntity.map((t) => [id, t.entity, t.tone, t.mentions]),
      (r) => String(r[1]),
    ),
  );
}

/** Multi-row INSERTs in chunks: one round trip per chunk on PostgreSQL. */
async function insertMany(tx: SqlExecutor, table: string, columns: string[], rows: unknown[][], conflict = ''): Promise<void> {
  if (rows.length === 0) return;
  const one = `(${columns.map(() => '?').join(', ')})`;
  if (tx.runEach) return tx.runEach(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${one} ${conflict}`, rows);
  const perChunk = Math.max(1, Math.floor(CHUNK_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => one).join(', ')} ${conflict}`;
    await tx.run(sql, chunk.flat());
  }
}

/** Set `column` to the given value on each `[id, value]` row whose value differs, in one statement; rows already equal are not touched (nor locked). */
async function updateChanged(tx: SqlExecutor, table: string, column: string, rows: unknown[][]): Promise<void> {
  const perChunk = Math.floor(CHUNK_PARAMS / 2);
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    const values = chunk.map((_, k) => (k === 0 ? 'SELECT ? AS id, ? AS v' : 'SELECT ?, ?')).join(' UNION ALL ');
    await tx.run(
      `UPDATE ${table} SET ${column} = n.v FROM (${values}) AS n WHERE n.id = ${table}.id AND ${table}.${column} IS DISTINCT FROM n.v`,
      chunk.flat(),
    );
  }
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function toDocument(r: Row): StoredDocument {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    title: s(r.title),
    published: s(r.published),
    source: s(r.source),
    sourceId: s(r.source_id),
    url: s(r.url),
    text: String(r.text),
    ingestedAt: String(r.ingested_at),
    duplicateOf: s(r.duplicate_of),
    similarity: r.similarity === null || r.similarity === undefined ? null : Number(r.similarity),
    circularSourcing: Number(r.circular_sourcing) === 1,
  };
}

function toSource(r: Row): SourceRecord {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    name: String(r.name),
    domain: s(r.domain),
    country: s(r.country),
    kbId: s(r.kb_id),
    affiliations: JSON.parse(String(r.affiliations)) as SourceRecord['affiliations'],
  };
}

function toEntity(r: Row, aliases: string[]): EntityRecord {
  return {
    id: String(r.id),
    kbId: r.kb_id === null ? null : String(r.kb_id),
    name: String(r.name),
    type: String(r.type) as EntityType,
    cameo: r.cameo === null ? null : String(r.cameo),
    aliases,
    kb: r.kb === null || r.kb === undefined ? null : (JSON.parse(String(r.kb)) as EntityRecord['kb']),
  };
}

function toQuote(r: Row): QuoteRow {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    documentId: String(r.document_id),
    quoteIndex: Number(r.quote_index),
    start: Number(r.span_start),
    end: Number(r.span_end),
    text: String(r.text),
    kind: String(r.kind),
    speakerEntity: s(r.speaker_entity),
    speakerText: s(r.speaker_text),
    circularSourcing: Number(r.circular_sourcing) === 1,
    published: s(r.published),
    source: s(r.source),
  };
}

/**
 * About `width` characters around the first query word found in `text`, cut
 * at spaces; sliced here in TypeScript (UTF-16), never in SQL.
 */
export function snippetOf(text: string, query: string, width = 160): string {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !['and', 'or', 'not'].includes(w));
  const lower = text.toLowerCase();
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) at = 0;
  let start = Math.max(0, at - Math.floor(width / 3));
  let end = Math.min(text.length, start + width);
  if (start > 0) {
    const sp = text.indexOf(' ', start);
    if (sp >= 0 && sp < at) start = sp + 1;
  }
  if (end < text.length) {
    const sp = text.lastIndexOf(' ', end);
    if (sp > at) end = sp;
  }
  // Never cut a surrogate pair in half.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`;
}
