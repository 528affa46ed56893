import type { Document } from '../document/document.js';
import { foldName } from '../kb/fold.js';
import type { KbEntity, KnowledgeBase } from '../kb/types.js';
import type { Analysis } from '../schema/analysis.js';
import { applyCorrections } from '../store/apply-corrections.js';
import type { CorrectionRecord, DocumentRecord, EntityRecord, SourceRecord, Store } from '../store/store.js';
import { NearDuplicateIndex, signatureFromString } from './near-dup.js';

/** What ingest adds to an analysis before storing it: the outlet, circular sourcing, KB facts. */
export interface RecordFacts {
  source: SourceRecord | null;
  circularSourcing: boolean;
  circularQuotes: number[];
  entityFacts: EntityRecord[];
}

/** The record facts that need the KB: the outlet, and the KB facts of the document's entities. */
export type KbFacts = Pick<RecordFacts, 'source' | 'entityFacts'>;

/**
 * Look up the document's outlet and the KB facts of its entities; runs where
 * the KB is already loaded (the worker that analysed the document).
 *
 * @example recordFacts(doc, analysis, res.kb).source?.affiliations // [{type: 'AFFILIATED_WITH', target: 'org.mek'}, …]
 */
export function recordFacts(doc: Document, analysis: Analysis, kb: KnowledgeBase): RecordFacts {
  return withCircularSourcing(analysis, kbFacts(doc, analysis, kb));
}

/**
 * The KB half of `recordFacts`. It needs only the entities, so an ingest
 * computes it in the thread that linked them and the thread that finishes the
 * analysis needs no KB of its own.
 */
export function kbFacts(doc: Document, analysis: Pick<Analysis, 'entities'>, kb: KnowledgeBase): KbFacts {
  const source = resolveSource(doc.source.name, doc.source.url, kb);
  const entityFacts: EntityRecord[] = [];
  for (const e of analysis.entities) {
    const rec = e.kbId ? kb.byId.get(e.kbId) : undefined;
    if (rec) entityFacts.push(entityFact(e.id, rec));
  }
  return { source, entityFacts };
}

/** Complete the KB facts with circular sourcing, which needs the quotes (and no KB: a speaker's ties are in its entity facts). */
export function withCircularSourcing(analysis: Analysis, facts: KbFacts): RecordFacts {
  const circularQuotes = circularQuoteIndices(analysis, facts.source, facts.entityFacts);
  return { source: facts.source, circularSourcing: circularQuotes.length > 0, circularQuotes, entityFacts: facts.entityFacts };
}

/**
 * The outlet of a document: a KB MEDIA record found by the source name, the
 * URL's host, or the host's first label (`iranfocus.com` → `iranfocus`); else
 * an outlet known only by its domain or name.
 */
export function resolveSource(name: string | null, url: string | null, kb: KnowledgeBase): SourceRecord | null {
  const domain = hostOf(url);
  const candidates = [name, domain, domain?.split('.')[0]].filter((c): c is string => Boolean(c));
  for (const c of candidates) {
    for (const hit of kb.lookup(c)) {
      const rec = kb.byId.get(hit.id);
      if (rec?.type !== 'MEDIA') continue;
      return {
        id: rec.id,
        name: rec.name,
        domain,
        country: rec.country ?? null,
        kbId: rec.id,
        affiliations: (rec.affiliations ?? []).map((a) => ({ type: a.type, target: a.target, ...(a.note ? { note: a.note } : {}) })),
      };
    }
  }
  if (domain) return { id: `domain:${domain}`, name: name ?? domain, domain, country: null, kbId: null, affiliations: [] };
  if (name && foldName(name)) return { id: `name:${foldName(name)}`, name, domain: null, country: null, kbId: null, affiliations: [] };
  return null;
}

/**
 * Quotes whose speaker is an organisation the outlet is affiliated with, or an
 * actor affiliated with one (its leader, a member): iranfocus quoting the NCRI
 * or Maryam Rajavi is the NCRI speaking through its own outlet. A speaker's
 * ties come from `entityFacts` (the KB facts of the document's entities, see
 * `kbFacts`).
 */
export function circularQuoteIndices(analysis: Analysis, source: SourceRecord | null, entityFacts: readonly EntityRecord[]): number[] {
  if (!source || source.affiliations.length === 0) return [];
  const patrons = new Set(source.affiliations.map((a) => a.target));
  const ties = new Map(entityFacts.map((f) => [f.id, f.kb]));
  const out: number[] = [];
  analysis.quotes.forEach((q, i) => {
    const speaker = q.speaker?.entity;
    if (!speaker) return;
    if (patrons.has(speaker)) {
      out.push(i);
      return;
    }
    const rec = ties.get(speaker);
    if (rec?.affiliations?.some((a) => patrons.has(a.target)) || rec?.roles?.some((r) => r.of !== undefined && patrons.has(r.of))) out.push(i);
  });
  return out;
}

function entityFact(id: string, rec: KbEntity): EntityRecord {
  const kb: NonNullable<EntityRecord['kb']> = {};
  if (rec.country) kb.country = rec.country;
  if (rec.description) kb.description = rec.description;
  if (rec.roles?.length) kb.roles = rec.roles;
  if (rec.affiliations?.length) kb.affiliations = rec.affiliations;
  return {
    id,
    kbId: rec.id,
    name: rec.name,
    type: rec.type,
    cameo: rec.cameo?.[0]?.code ?? null,
    aliases: rec.aliases,
    kb: Object.keys(kb).length > 0 ? kb : null,
  };
}

/** `https://www.iranfocus.com/en/…` → `iranfocus.com`. */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/**
 * The near-duplicate index of a store's originals: what ingest and the
 * server's `analyze` match a new document against.
 */
export async function originalsIndex(store: Store): Promise<NearDuplicateIndex> {
  const index = new NearDuplicateIndex();
  for (const { id, signature } of await store.originalSignatures()) index.add(id, signatureFromString(signature));
  return index;
}

/**
 * The row set of one analysed document as every writer stores it (ingest, the
 * server, queue workers): recorded corrections re-applied, linked to its
 * near-duplicate original if any, similarity rounded to three decimals.
 */
export function documentRecord(
  analysis: Analysis,
  signature: string | null,
  facts: RecordFacts | undefined,
  original: { id: string; similarity: number } | null | undefined,
  corrections: readonly CorrectionRecord[],
  ingestedAt: string,
): DocumentRecord {
  return {
    analysis: corrections.length > 0 ? applyCorrections(analysis, corrections) : analysis,
    signature,
    duplicateOf: original?.id ?? null,
    similarity: original ? Math.round(original.similarity * 1000) / 1000 : null,
    ingestedAt,
    source: facts?.source ?? null,
    circularSourcing: facts?.circularSourcing ?? false,
    circularQuotes: facts?.circularQuotes ?? [],
    entityFacts: facts?.entityFacts ?? [],
  };
}
