import type { Token } from '../../document/segment.js';
import type { MatchKind } from '../../kb/types.js';
import type { EntityType } from '../../schema/analysis.js';
import { activeAt } from './dated.js';
import type { DocEntities } from './doc-entities.js';
import { titleKey } from './entity-resources.js';
import { isAcronym, looseKey } from './fold.js';
import type { EntityLexicons } from './lexicons.js';
import { tokenWord } from './phrase-set.js';
import type { Slot } from './slots.js';
import type { MentionReason, NerType, ResolvedMention } from './types.js';

/** Base confidence by how the KB name was matched: exact name > alias > metonym > title > loose. */
const KIND_SCORE: Record<MatchKind, number> = { name: 0.95, alias: 0.9, metonym: 0.8, title: 0.75 };
const KIND_REASON: Record<MatchKind, MentionReason> = { name: 'kb-name', alias: 'kb-alias', metonym: 'kb-metonym', title: 'kb-title' };

const NER_AGREES: Record<NerType, readonly EntityType[]> = {
  PER: ['PERSON'],
  ORG: ['ORGANIZATION', 'MEDIA'],
  LOC: ['LOCATION', 'COUNTRY'],
  MISC: ['GROUP', 'EVENT'],
};

/** What the document says about itself before ambiguous names are decided. */
export interface DocContext {
  /** KB ids named unambiguously in the document. */
  ids: Set<string>;
  /** ISO3 countries of those entities. */
  countries: Set<string>;
}

/**
 * A capital or seat that is also a metonym ("Tehran"): the government when it
 * owns something or acts ("Tehran’s ability", "Tehran increased"), the place
 * after a locative preposition ("in Tehran") or otherwise.
 */
export function metonymRole(
  tokens: readonly Token[],
  start: number,
  end: number,
  lex: EntityLexicons,
): { role: 'government' | 'place'; reason: MentionReason } {
  const prev = start > 0 ? tokens[start - 1] : null;
  const next = tokens[end];
  if (prev && prev.sentence === tokens[start].sentence && lex.locativePrepositions.has(tokenWord(prev)))
    return { role: 'place', reason: 'place-after-preposition' };
  if (next && (next.value === '’s' || next.value === "'s" || next.value === '’' || next.value === "'"))
    return { role: 'government', reason: 'metonym-possessive' };
  if (next && (next.pos === 'VERB' || next.pos === 'AUX')) return { role: 'government', reason: 'metonym-subject' };
  return { role: 'place', reason: 'place-after-preposition' };
}

/** Link a KB slot to one candidate, scoring kind, NER type agreement, document context and dated titles. */
export function linkKbSlot(slot: Extract<Slot, { kind: 'kb' }>, doc: DocEntities, context: DocContext): ResolvedMention | null {
  const { tokens, res } = doc;
  // One entry per id, keeping its strongest kind (most matches have one candidate: no map then).
  let cands: Array<{ id: string; kind: MatchKind }> = slot.match.candidates;
  if (cands.length > 1) {
    const byId = new Map<string, MatchKind>();
    for (const c of cands) {
      const had = byId.get(c.id);
      if (!had || KIND_SCORE[c.kind] > KIND_SCORE[had]) byId.set(c.id, c.kind);
    }
    // Pushed like the matcher's own candidate lists (map's arrays have another elements kind,
    // and the code below would see two array shapes and be deoptimised).
    const deduped: Array<{ id: string; kind: MatchKind }> = [];
    for (const [id, kind] of byId) deduped.push({ id, kind });
    cands = deduped;
  }
  const reasons: MentionReason[] = [];
  const metonyms = cands.filter((c) => c.kind === 'metonym');
  if (metonyms.length > 0 && metonyms.length < cands.length) {
    const { role, reason } = metonymRole(tokens, slot.tokenStart, slot.tokenEnd, res.lex);
    cands = role === 'government' ? metonyms : cands.filter((c) => c.kind !== 'metonym');
    reasons.push(reason);
  }
  let best: { id: string; kind: MatchKind; score: number } | null = null;
  let second = 0;
  for (const c of cands) {
    const e = res.kb.byId.get(c.id);
    if (!e) continue;
    let score = KIND_SCORE[c.kind];
    if (slot.nerType) score += NER_AGREES[slot.nerType].includes(e.type) ? 0.1 : -0.3;
    if (context.ids.has(c.id)) score += 0.2;
    if (e.country && context.countries.has(e.country)) score += 0.05;
    if (e.affiliations?.some((a) => context.ids.has(a.target))) score += 0.05;
    if (c.kind === 'title') {
      const key = titleKey(doc.text.slice(tokens[slot.tokenStart].start, tokens[slot.tokenEnd - 1].end));
      const roles = (e.roles ?? []).filter((r) => titleKey(r.title) === key);
      if (roles.length > 0) score += roles.some((r) => activeAt(r, doc.published)) ? 0.15 : -0.4;
    }
    if (e.origin === 'curated') score += 0.02;
    if (!best || score > best.score) {
      if (best) second = Math.max(second, best.score);
      best = { id: c.id, kind: c.kind, score };
    } else second = Math.max(second, score);
  }
  if (!best) return null;
  // Ambiguity lowers confidence: a clear winner keeps its score, a near tie loses up to a third.
  const margin = second > 0 ? Math.min(1, (best.score - second) / 0.3) : 1;
  const confidence = Math.min(0.99, best.score) * (0.67 + 0.33 * margin);
  reasons.unshift(KIND_REASON[best.kind]);
  return {
    start: tokens[slot.tokenStart].start,
    end: tokens[slot.tokenEnd - 1].end,
    tokenStart: slot.tokenStart,
    tokenEnd: slot.tokenEnd,
    entityId: best.id,
    kind: best.kind,
    confidence,
    reasons,
  };
}

/** A name the exact matcher missed, looked up by its loose key ("Hadi-al Ameri" → Hadi al-Amiri's "Hadi al-Ameri"). */
export function linkLooseName(slot: Extract<Slot, { kind: 'name' }>, doc: DocEntities, context: DocContext): ResolvedMention | null {
  const { tokens, res } = doc;
  let t0 = slot.tokenStart;
  if (tokens[t0].lower === 'the' && t0 + 1 < slot.tokenEnd) t0++;
  const key = looseKey(doc.text.slice(tokens[t0].start, tokens[slot.tokenEnd - 1].end));
  let ids = res.looseNames.get(key);
  if (!ids || ids.length === 0) return null;
  if (slot.nerType) {
    const agree = ids.filter((id) => NER_AGREES[slot.nerType as NerType].includes(res.kb.byId.get(id)?.type ?? 'EVENT'));
    if (agree.length > 0) ids = agree;
  }
  const inDoc = ids.filter((id) => context.ids.has(id));
  if (inDoc.length > 0) ids = inDoc;
  const id = ids[0];
  return {
    start: tokens[slot.tokenStart].start,
    end: tokens[slot.tokenEnd - 1].end,
    tokenStart: slot.tokenStart,
    tokenEnd: slot.tokenEnd,
    entityId: id,
    kind: 'alias',
    confidence: ids.length === 1 ? 0.75 : 0.5,
    reasons: ['kb-loose-name'],
  };
}

/**
 * The type of a name the KB does not know: from the NER type, else from its
 * head word ("… Council" → ORGANIZATION, "… Revolution" → EVENT), else a guess
 * (acronym → ORGANIZATION, after "the" → ORGANIZATION, otherwise PERSON).
 */
export function localType(tokens: readonly Token[], start: number, end: number, nerType: NerType | null, lex: EntityLexicons): EntityType {
  const head = lex.typeHeads.get(tokenWord(tokens[end - 1]));
  const words = [];
  for (let t = start; t < end; t++) words.push(tokenWord(tokens[t]));
  // A person's name does not end in "School" or "Department": the head word overrules a PER tag.
  if (nerType === 'PER') return head === 'ORGANIZATION' || head === 'MEDIA' || head === 'EVENT' ? head : 'PERSON';
  if (nerType === 'ORG') return head === 'MEDIA' ? 'MEDIA' : 'ORGANIZATION';
  if (nerType === 'LOC') return 'LOCATION';
  // MISC covers nationalities and groups, but also events and institutions the head word names.
  if (head) return head;
  if (nerType === 'MISC') return 'GROUP';
  if (words.some((w) => lex.religiousEthnic.has(w))) return 'GROUP';
  if (end - start === 1 && isAcronym(tokens[start].value)) return 'ORGANIZATION';
  const prev = start > 0 ? tokens[start - 1].lower : '';
  if (prev === 'the') return 'ORGANIZATION';
  return 'PERSON';
}
