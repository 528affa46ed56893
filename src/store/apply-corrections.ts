import { foldName } from '../kb/fold.js';
import type { Analysis, Entity } from '../schema/analysis.js';
import { eventIds, findingIds } from './item-ids.js';
import type { NewCorrection } from './store.js';

/**
 * Apply the audit log's corrections to one analysis, in order: a pure function,
 * so that ingest re-applies them to every document analysed again, and the
 * store applies a new one to the documents it touches. Applying the same
 * corrections twice changes nothing.
 *
 * - `merge [keep, drop]`: every reference to `drop` becomes `keep`.
 * - `split-alias [entity, alias]`: mentions of `entity` written as `alias` become their own entity.
 * - `reject-event [id]` / `reject-finding [id]`: the item (by stored id) is removed.
 *
 * @example applyCorrections(analysis, [{ kind: 'merge', args: ['iran.gov', 'local:tehran-regime'], … }])
 */
export function applyCorrections(analysis: Analysis, corrections: ReadonlyArray<Pick<NewCorrection, 'kind' | 'args'>>): Analysis {
  let a = analysis;
  for (const c of corrections) {
    if (c.kind === 'merge') a = mergeEntities(a, c.args[0], c.args[1]);
    else if (c.kind === 'split-alias') a = splitAlias(a, c.args[0], c.args[1]);
    else if (c.kind === 'reject-event') {
      const ids = eventIds(a.document.id, a.events);
      if (ids.includes(c.args[0])) a = { ...a, events: a.events.filter((_, i) => ids[i] !== c.args[0]) };
    } else if (c.kind === 'reject-finding') {
      const ids = findingIds(a.document.id, a.rhetoric.findings);
      if (ids.includes(c.args[0])) a = { ...a, rhetoric: { ...a.rhetoric, findings: a.rhetoric.findings.filter((_, i) => ids[i] !== c.args[0]) } };
    }
  }
  return a;
}

/** The id a split alias gets: a document-independent local id from its name. */
export function splitEntityId(alias: string): string {
  return `local:${foldName(alias).replace(/ /g, '-')}`;
}

function mergeEntities(a: Analysis, keep: string, drop: string): Analysis {
  const dropped = a.entities.find((e) => e.id === drop);
  const refersToDrop =
    dropped ||
    a.events.some((e) => e.source === drop || e.target === drop) ||
    a.relations.some((r) => r.source === drop || r.target === drop) ||
    a.quotes.some((q) => q.speaker?.entity === drop);
  if (!refersToDrop) return a;
  const kept = a.entities.find((e) => e.id === keep);
  let entities: Entity[];
  if (dropped && kept) {
    const mentions = [...kept.mentions, ...dropped.mentions].sort((x, y) => x.start - y.start || x.end - y.end);
    entities = a.entities.filter((e) => e.id !== drop).map((e) => (e.id === keep ? { ...e, mentions } : e));
  } else if (dropped) {
    entities = a.entities.map((e) => (e.id === drop ? { ...e, id: keep, kbId: keep.startsWith('local:') ? null : keep } : e));
  } else entities = a.entities;
  return renameReferences({ ...a, entities }, (id) => (id === drop ? keep : id));
}

function splitAlias(a: Analysis, entityId: string, alias: string): Analysis {
  const source = a.entities.find((e) => e.id === entityId);
  const folded = foldName(alias);
  if (!source || folded === '') return a;
  const moved = source.mentions.filter((m) => foldName(m.text) === folded);
  if (moved.length === 0) return a;
  const newId = splitEntityId(alias);
  const rest = source.mentions.filter((m) => foldName(m.text) !== folded);
  const existing = a.entities.find((e) => e.id === newId);
  let entities = a.entities.flatMap((e): Entity[] => {
    if (e.id === entityId) return rest.length > 0 ? [{ ...e, mentions: rest }] : [];
    if (e.id === newId) return [{ ...e, mentions: [...e.mentions, ...moved].sort((x, y) => x.start - y.start) }];
    return [e];
  });
  if (!existing) entities = [...entities, { id: newId, kbId: null, name: alias, type: source.type, cameo: null, mentions: moved }];
  // A quote whose speaker is written as the alias now belongs to the new entity.
  const quotes = a.quotes.map((q) =>
    q.speaker?.entity === entityId && foldName(q.speaker.text) === folded ? { ...q, speaker: { ...q.speaker, entity: newId } } : q,
  );
  return { ...a, entities, quotes };
}

/** Rewrite every entity reference of an analysis (speakers, asserters, event actors, relations, targets, tone). */
function renameReferences(a: Analysis, rename: (id: string) => string): Analysis {
  const opt = (id: string | null | undefined) => (id === null || id === undefined ? id : rename(id));
  const tone = new Map<string, { tone: number; mentions: number }>();
  for (const t of a.rhetoric.toneByEntity) {
    const id = rename(t.entity);
    const prev = tone.get(id);
    // Merged tones: the mention-weighted mean.
    if (prev) {
      const n = prev.mentions + t.mentions;
      tone.set(id, { tone: n > 0 ? (prev.tone * prev.mentions + t.tone * t.mentions) / n : prev.tone, mentions: n });
    } else tone.set(id, { tone: t.tone, mentions: t.mentions });
  }
  return {
    ...a,
    quotes: a.quotes.map((q) => (q.speaker ? { ...q, speaker: { ...q.speaker, entity: opt(q.speaker.entity) ?? null } } : q)),
    claims: a.claims.map((c) => ({ ...c, assertedBy: rename(c.assertedBy) })),
    events: a.events.map((e) => ({
      ...e,
      source: opt(e.source) ?? null,
      target: opt(e.target) ?? null,
      location: opt(e.location) ?? null,
      assertedBy: rename(e.assertedBy),
    })),
    relations: a.relations
      .map((r) => ({ ...r, source: rename(r.source), target: opt(r.target) ?? null, assertedBy: rename(r.assertedBy) }))
      // A merge can turn "A PART_OF B" into "A PART_OF A": no longer a relation.
      .filter((r) => r.source !== r.target),
    rhetoric: {
      ...a.rhetoric,
      findings: a.rhetoric.findings.map((f) => ({ ...f, target: opt(f.target) })),
      toneByEntity: [...tone.entries()].map(([entity, t]) => ({ entity, tone: Math.round(t.tone * 1000) / 1000, mentions: t.mentions })),
    },
  };
}
