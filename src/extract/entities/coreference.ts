import { partitionPoint } from '../../document/span.js';
import type { EntityType } from '../../schema/analysis.js';
import { activeAt } from './dated.js';
import type { DocEntities } from './doc-entities.js';
import { titleKey } from './entity-resources.js';
import { isAcronym, looseKey } from './fold.js';
import type { MentionReason, ResolvedMention } from './types.js';

/**
 * In-document coreference over resolved mentions: surnames, titles, acronyms
 * introduced in parentheses, the salient state behind "the regime", and
 * unambiguous pronoun subjects. Each function adds mentions or merges ids.
 */

/** A person named in full, by the last word of the name: "soleimani" → Qassem Soleimani at token 412. */
export interface NamedPerson {
  id: string;
  tokenStart: number;
}

/** Last-word keys of people named in full (two words or more), in document order. */
export function documentSurnames(doc: DocEntities): Map<string, NamedPerson[]> {
  const out = new Map<string, NamedPerson[]>();
  const sorted = [...doc.mentions].sort((a, b) => a.tokenStart - b.tokenStart);
  for (const m of sorted) {
    if (m.kind !== 'name' && m.kind !== 'alias') continue;
    const name = looseKey(doc.text.slice(m.start, m.end));
    // Words of the key are joined by single spaces: the last space finds the surname without splitting.
    const lastSpace = name.lastIndexOf(' ');
    if (lastSpace < 0) continue;
    const key = name.slice(lastSpace + 1);
    // People, and unknown names a tagger mistyped ("Julian Assange" as ORG) unless their head word says what they are.
    const type = doc.typeOf(m.entityId);
    const local = doc.locals.has(doc.resolve(m.entityId));
    const headed = doc.res.lex.typeHeads.has(key);
    if (type !== 'PERSON' && !(local && !headed && wordCount(name) <= 3 && type !== 'GROUP')) continue;
    const list = out.get(key) ?? [];
    list.push({ id: doc.resolve(m.entityId), tokenStart: m.tokenStart });
    out.set(key, list);
  }
  return out;
}

function wordCount(key: string): number {
  let n = 1;
  for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) n++;
  return n;
}

/**
 * A one-word name that is the surname of a person named in full earlier: the
 * only one (confidence 0.8) or the latest of several (0.6); with nobody
 * earlier, the one curated KB person of that surname (0.55).
 */
export function linkSurname(doc: DocEntities, tokenStart: number, tokenEnd: number, surnames: Map<string, NamedPerson[]>): ResolvedMention | null {
  const { tokens } = doc;
  const key = looseKey(doc.text.slice(tokens[tokenStart].start, tokens[tokenEnd - 1].end));
  if (key.length === 0 || key.includes(' ')) return null;
  const start = tokens[tokenStart].start;
  const end = tokens[tokenEnd - 1].end;
  const people = surnames.get(key);
  if (people !== undefined) {
    // Those named before this token (the list is in document order): the latest wins, surer when they are all one.
    let latest: string | null = null;
    let one = true;
    for (let k = 0; k < people.length; k++) {
      const p = people[k];
      if (p.tokenStart >= tokenStart) continue;
      if (latest !== null && p.id !== latest) one = false;
      latest = p.id;
    }
    if (latest !== null) return { start, end, tokenStart, tokenEnd, entityId: latest, kind: 'alias', confidence: one ? 0.8 : 0.6, reasons: ['doc-surname'] };
    return null;
  }
  const kb = doc.res.surnames.get(key);
  if (kb && kb.length === 1) return { start, end, tokenStart, tokenEnd, entityId: kb[0], kind: 'alias', confidence: 0.55, reasons: ['kb-surname'] };
  return null;
}

/**
 * A title: the person it stands beside ("Supreme Leader, Ali Khamenei";
 * "Ali Khamenei, the Supreme Leader"), else the latest person in the document
 * given the same title, else the one KB holder of that title at the
 * publication date.
 */
export function linkTitle(doc: DocEntities, tokenStart: number, tokenEnd: number, titleHolders: Map<string, string>): ResolvedMention | null {
  const { tokens } = doc;
  const start = tokens[tokenStart].start;
  const end = tokens[tokenEnd - 1].end;
  const key = titleKey(doc.text.slice(start, end));
  // Every mention has its fields in one order (one hidden class for the code that reads them).
  const holder = (entityId: string, confidence: number, reason: MentionReason): ResolvedMention => ({
    start,
    end,
    tokenStart,
    tokenEnd,
    entityId,
    kind: 'title',
    confidence,
    reasons: [reason],
  });
  const person = (m: ResolvedMention | null) => (m && doc.typeOf(m.entityId) === 'PERSON' ? m : null);
  const sameSentence = (a: number, b: number) => tokens[a]?.sentence === tokens[b]?.sentence;
  let after = person(doc.mentionStartingAt(tokenEnd));
  if (!after && tokens[tokenEnd]?.value === ',' && sameSentence(tokenEnd + 1, tokenStart)) after = person(doc.mentionStartingAt(tokenEnd + 1));
  if (after) return holder(after.entityId, 0.85, 'doc-title-holder');
  let t = tokenStart;
  if (tokens[t - 1]?.lower === 'the') t--;
  if (tokens[t - 1]?.value === ',') {
    const before = person(doc.mentionEndingAt(t - 1));
    if (before && sameSentence(t - 2, tokenStart)) return holder(before.entityId, 0.8, 'doc-title-holder');
  }
  const earlier = titleHolders.get(key);
  if (earlier) return holder(earlier, 0.7, 'doc-title-holder');
  const holders = (doc.res.titleHolders.get(key) ?? []).filter((h) => activeAt(h, doc.published));
  const ids = [...new Set(holders.map((h) => h.id))];
  if (ids.length === 1) return holder(ids[0], 0.7, 'kb-title-holder');
  return null;
}

/**
 * "National Council of Resistance of Iran (NCRI)": the acronym and the name
 * before it are one entity. The name's entity wins when it is in the KB and
 * the acronym's is not; otherwise the acronym's KB entity wins; two different
 * KB entities are left alone. Letters must agree (initials in order).
 */
export function mergeParenthesisedAcronyms(doc: DocEntities): void {
  const { tokens } = doc;
  for (const m of doc.mentions) {
    if (m.tokenEnd - m.tokenStart !== 1 || !isAcronym(tokens[m.tokenStart].value)) continue;
    if (tokens[m.tokenStart - 1]?.value !== '(' || tokens[m.tokenEnd]?.value !== ')') continue;
    const named = doc.mentionEndingAt(m.tokenStart - 1);
    if (!named) continue;
    const acronymId = doc.resolve(m.entityId);
    const namedId = doc.resolve(named.entityId);
    if (acronymId === namedId) continue;
    if (!initialsAgree(tokens[m.tokenStart].value, doc.text.slice(named.start, named.end))) continue;
    const acronymKb = doc.res.kb.byId.has(acronymId);
    const namedKb = doc.res.kb.byId.has(namedId);
    if (acronymKb && namedKb) continue;
    if (namedKb || !acronymKb) doc.merge(acronymId, namedId);
    else doc.merge(namedId, acronymId);
    if (!m.reasons.includes('acronym-in-parentheses')) m.reasons = [...m.reasons, 'acronym-in-parentheses'];
  }
}

export function initialsAgree(acronym: string, name: string): boolean {
  const letters = acronym.replace(/[^A-Z]/g, '');
  const initials = name
    .split(/[\s-]+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
  const sub = (a: string, b: string) => {
    let i = 0;
    for (const c of b) if (c === a[i]) i++;
    return i === a.length;
  };
  return initials.length >= 2 && (sub(initials, letters) || sub(letters, initials));
}

/** The government mentioned most (directly, by metonym, or through its country); ties go to the first. */
export function salientGovernment(doc: DocEntities): string | null {
  const counts = new Map<string, number>();
  for (const m of doc.mentions) {
    const id = doc.resolve(m.entityId);
    const gov = doc.res.governmentOf.get(id) ?? (doc.res.governments.has(id) ? id : null);
    if (gov) counts.set(gov, (counts.get(gov) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [id, c] of counts) if (c > n) [best, n] = [id, c];
  return best;
}

/**
 * A subject pronoun at clause start ("He", "They" opening a sentence) links to
 * the one entity of a compatible type mentioned in the previous sentence or
 * earlier in its own; with two or more candidates it stays unresolved.
 */
export function resolvePronounSubjects(doc: DocEntities): void {
  const { tokens, sentences, res } = doc;
  let sorted: ResolvedMention[] | null = null; // built only when a sentence opens with a pronoun
  for (let s = 0; s < sentences.length; s++) {
    const sent = sentences[s];
    let t = sent.tokenStart;
    while (t < sent.tokenEnd && OPENERS.has(tokens[t].value)) t++;
    if (t >= sent.tokenEnd) continue;
    const types = res.lex.pronouns.get(doc.words[t]);
    if (!types) continue;
    sorted ??= doc.mentions.filter((m) => m.kind !== 'pronoun').sort((a, b) => a.tokenStart - b.tokenStart);
    // Mentions from the previous sentence's start up to the pronoun.
    const from = s > 0 ? sentences[s - 1].tokenStart : sent.tokenStart;
    const ids = new Set<string>();
    for (let i = firstAtOrAfter(sorted, from); i < sorted.length && sorted[i].tokenStart < t; i++) {
      const m = sorted[i];
      const type = doc.typeOf(m.entityId);
      if (type && compatible(types, type)) ids.add(doc.resolve(m.entityId));
    }
    if (ids.size !== 1) continue;
    doc.add({
      start: tokens[t].start,
      end: tokens[t].end,
      tokenStart: t,
      tokenEnd: t + 1,
      entityId: [...ids][0],
      kind: 'pronoun',
      confidence: 0.6,
      reasons: ['pronoun-subject'],
    });
  }
}

const OPENERS = new Set(['“', '"', '‘', '(']);

function firstAtOrAfter(sorted: readonly ResolvedMention[], token: number): number {
  return partitionPoint(sorted, (m) => m.tokenStart < token);
}

function compatible(types: readonly EntityType[], type: EntityType): boolean {
  return types.includes(type);
}
