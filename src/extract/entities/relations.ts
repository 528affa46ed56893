import type { TextSpan } from '../../document/span.js';
import type { Relation } from '../../schema/analysis.js';
import { activeAt } from './dated.js';
import type { DocEntities } from './doc-entities.js';
import { titleKey } from './entity-resources.js';
import { leaderConflict, roleConflict } from './kb-conflict.js';
import { lexiconWordFlags } from './lexicons.js';
import type { ResolvedMention } from './types.js';

type RelationType = Relation['type'];

/**
 * Relations stated by appositions and modifiers, read off the resolved mentions:
 * - "Quds Force commander Qassem Soleimani" → LEADER_OF (reason `org-role-person`)
 * - "Minister of Labor Hadi al-Ameri", "Supreme Leader, Ali Khamenei" → ROLE (`title-person`)
 * - "X, the leader of Y", "the mouthpiece of Y" → the role word's relation (`role-of`)
 * - "their proxy groups", "Iran’s proxies", "proxies of Y" → PROXY_OF (`proxy-phrase`)
 * All are asserted by 'author' here; the quotes stage may reassign those inside quotes.
 */
export function extractRelations(doc: DocEntities): Relation[] {
  const out: Relation[] = [];
  const seen = new Set<string>();
  const push = (r: Relation) => {
    const key = `${r.type}|${r.source}|${r.target}|${r.role ?? ''}|${r.evidence[0].start}`;
    if (seen.has(key) || (r.target !== null && r.source === r.target)) return;
    seen.add(key);
    out.push(r);
  };
  const sorted = [...doc.mentions].sort((a, b) => a.tokenStart - b.tokenStart);
  // One look-up per token says where a role phrase may start and which words are proxy nouns.
  const flagsOf = relationWordFlags(doc.res.lex);
  const flags = new Uint8Array(doc.tokens.length);
  for (let k = 0; k < flags.length; k++) flags[k] = flagsOf.get(doc.words[k]) ?? 0;
  orgRolePerson(doc, sorted, push);
  titlePerson(doc, sorted, push);
  roleOf(doc, sorted, push, flags);
  proxies(doc, sorted, push, flags);
  return out;
}

type Push = (r: Relation) => void;

/** Word flags: the word starts a role phrase; the word's role relation is PROXY_OF. */
const ROLE_FIRST = 1;
const PROXY_NOUN = 2;
const relationWordFlags = lexiconWordFlags((lex, add) => {
  for (const w of lex.roleWords.firstWords()) add(w, ROLE_FIRST);
  for (const [w, type] of lex.roleRelation) if (type === 'PROXY_OF') add(w, PROXY_NOUN);
});

function span(doc: DocEntities, start: number, end: number): TextSpan {
  return { start, end, text: doc.text.slice(start, end) };
}

function isPerson(doc: DocEntities, m: ResolvedMention | null): m is ResolvedMention {
  return !!m && doc.typeOf(m.entityId) === 'PERSON';
}

function orgRolePerson(doc: DocEntities, mentions: ResolvedMention[], push: Push): void {
  const { tokens, res } = doc;
  for (const m1 of mentions) {
    if (m1.kind === 'pronoun') continue;
    const k = m1.tokenEnd;
    // The role word first: most mentions have none after them, and the type look-up costs more.
    const len = res.lex.roleWords.matchAt(tokens, k, tokens.length, doc.words);
    if (len === 0 || tokens[k].sentence !== tokens[m1.tokenStart].sentence || doc.typeOf(m1.entityId) === 'PERSON') continue;
    const p = doc.mentionStartingAt(k + len) ?? doc.mentionStartingAt(k);
    if (!isPerson(doc, p) || p.tokenStart > k + len) continue;
    const role = doc.text.slice(tokens[k].start, tokens[k + len - 1].end);
    const type = res.lex.roleRelation.get(titleKey(role)) as RelationType | undefined;
    if (!type || type === 'PROXY_OF' || type === 'MOUTHPIECE_OF') continue;
    const source = doc.resolve(p.entityId);
    const target = doc.resolve(m1.entityId);
    const personEnd = doc.mentionStartingAt(k + len) ?? p;
    const rel: Relation = {
      type,
      source,
      target,
      role,
      evidence: [span(doc, m1.start, personEnd.end)],
      assertedBy: 'author',
      reasons: ['org-role-person'],
    };
    const conflict = type === 'LEADER_OF' ? leaderConflict(res.kb, source, target) : null;
    if (conflict) rel.kbConflict = conflict;
    push(rel);
  }
}

function titlePerson(doc: DocEntities, mentions: ResolvedMention[], push: Push): void {
  const { tokens, res } = doc;
  for (const t of mentions) {
    if (t.kind !== 'title' || !(t.reasons.includes('doc-title-holder') || t.reasons.includes('kb-title'))) continue;
    // Title then name ("Minister of Labor Hadi-al Ameri") or name, title ("Ali Khamenei, the Supreme Leader").
    let person = doc.mentionStartingAt(t.tokenEnd);
    if (!person && tokens[t.tokenEnd]?.value === ',') person = doc.mentionStartingAt(t.tokenEnd + 1);
    // "the leader of Y" states a relation to Y, which roleOf reads.
    if (tokens[t.tokenEnd]?.lower === 'of') continue;
    let evidenceStart = t.start;
    let evidenceEnd = person?.end ?? t.end;
    if (!isPerson(doc, person)) {
      let b = t.tokenStart;
      if (tokens[b - 1]?.lower === 'the') b--;
      person = tokens[b - 1]?.value === ',' ? doc.mentionEndingAt(b - 1) : null;
      if (!isPerson(doc, person)) continue;
      evidenceStart = person.start;
      evidenceEnd = t.end;
    }
    // "Quds Force Commander X" is LEADER_OF, stated by orgRolePerson.
    const before = doc.mentionEndingAt(t.tokenStart);
    if (before && !isPerson(doc, before) && res.lex.roleRelation.has(titleKey(doc.text.slice(t.start, t.end)))) continue;
    const role = doc.text.slice(t.start, t.end).replace(/^the\s+/i, '');
    const source = doc.resolve(person.entityId);
    const kbRole = (res.kb.byId.get(source)?.roles ?? []).find((r) => titleKey(r.title) === titleKey(role) && activeAt(r, doc.published));
    const rel: Relation = {
      type: 'ROLE',
      source,
      target: kbRole?.of ?? null,
      role,
      evidence: [span(doc, evidenceStart, evidenceEnd)],
      assertedBy: 'author',
      reasons: ['title-person'],
    };
    const conflict = roleConflict(res.kb, source, role, doc.published);
    if (conflict) rel.kbConflict = conflict;
    push(rel);
  }
}

const SKIPPABLE = new Set([
  ',',
  'the',
  'a',
  'an',
  'as',
  'is',
  'was',
  'known',
  'called',
  'described',
  'being',
  'seen',
  '—',
  '–',
  'who',
  'which',
  'its',
  'his',
  'her',
  'their',
]);

function roleOf(doc: DocEntities, mentions: ResolvedMention[], push: Push, flags: Uint8Array): void {
  const { tokens, res } = doc;
  let mi = 0;
  for (let k = 0; k < tokens.length; k++) {
    if (!(flags[k] & ROLE_FIRST)) continue;
    const len = res.lex.roleWords.matchAt(tokens, k, tokens.length, doc.words);
    if (len === 0 || tokens[k + len]?.lower !== 'of') continue;
    const role = doc.text.slice(tokens[k].start, tokens[k + len - 1].end);
    const type = res.lex.roleRelation.get(titleKey(role)) as RelationType | undefined;
    if (!type || type === 'PROXY_OF') continue;
    const after = tokens[k + len + 1]?.lower === 'the' ? k + len + 2 : k + len + 1;
    const target = doc.mentionStartingAt(after) ?? doc.mentionStartingAt(k + len + 1);
    if (!target || target.kind === 'pronoun') continue;
    // The holder: the nearest mention before the role phrase in the sentence, over ", the", "known as".
    while (mi < mentions.length && mentions[mi].tokenEnd <= k) mi++;
    let source: ResolvedMention | null = mi > 0 ? mentions[mi - 1] : null;
    if (source && (source.kind === 'pronoun' || tokens[source.tokenStart].sentence !== tokens[k].sentence)) source = null;
    for (let t = source ? source.tokenEnd : k; t < k && source; t++) if (!SKIPPABLE.has(doc.words[t])) source = null;
    // "Ali Khamenei, the Supreme Leader" already said this as a title.
    if (!source || (source.kind === 'title' && doc.resolve(source.entityId) === doc.resolve(target.entityId))) continue;
    const src = doc.resolve(source.entityId);
    const tgt = doc.resolve(target.entityId);
    const end =
      target.kind === 'title' && tokens[target.tokenEnd]?.value === ',' ? (doc.mentionStartingAt(target.tokenEnd + 1)?.end ?? target.end) : target.end;
    const rel: Relation = { type, source: src, target: tgt, role, evidence: [span(doc, source.start, end)], assertedBy: 'author', reasons: ['role-of'] };
    const conflict = type === 'LEADER_OF' ? leaderConflict(res.kb, src, tgt) : null;
    if (conflict) rel.kbConflict = conflict;
    push(rel);
  }
}

/** Possessor → patron of "their proxy groups", "Iran’s proxies", "[terrorist proxies]" (nearest state or group before). */
function proxies(doc: DocEntities, mentions: ResolvedMention[], push: Push, flags: Uint8Array): void {
  const { tokens, res } = doc;
  for (let k = 0; k < tokens.length; k++) {
    if (!(flags[k] & PROXY_NOUN)) continue;
    const w = doc.words[k];
    const sentence = tokens[k].sentence;
    // The proxy noun phrase: [adjectives] proxy [adjectives] [head].
    let first = k;
    while (first > 0 && tokens[first - 1].pos === 'ADJ' && tokens[first - 1].sentence === sentence) first--;
    let last = k;
    if (w === 'proxy') {
      let j = k + 1;
      while (tokens[j]?.pos === 'ADJ') j++;
      if (!tokens[j] || !res.lex.proxyHeads.has(doc.words[j])) continue;
      last = j;
    }
    let patron: ResolvedMention | null = null;
    let evidenceStart = tokens[first].start;
    const before = tokens[first - 1];
    const possessive = before ? res.lex.possessives.get(doc.words[first - 1]) : undefined;
    if (tokens[last + 1]?.lower === 'of') {
      patron = doc.mentionStartingAt(last + 2);
    } else if (before && (before.value === '’s' || before.value === "'s")) {
      patron = doc.mentionEndingAt(first - 1);
      if (patron) evidenceStart = patron.start;
    } else {
      // "their proxy groups" or a bare "[terrorist proxies]": the latest compatible actor in reach.
      const types = possessive ?? res.lex.possessives.get('their') ?? [];
      const lowest = possessive ? Math.max(0, sentence - 1) : sentence;
      for (let j = mentions.length - 1; j >= 0; j--) {
        const m = mentions[j];
        if (m.tokenEnd > first) continue;
        if (tokens[m.tokenStart].sentence < lowest) break;
        const type = doc.typeOf(m.entityId);
        if (m.kind !== 'pronoun' && type && types.includes(type) && type !== 'GROUP') {
          patron = m;
          break;
        }
      }
      if (possessive && before) evidenceStart = before.start;
    }
    if (!patron) continue;
    const target = doc.resolve(patron.entityId);
    const proxyId = doc.local(`proxy groups of ${doc.nameOf(target)}`, 'GROUP');
    const start = tokens[first].start;
    doc.add({
      start,
      end: tokens[last].end,
      tokenStart: first,
      tokenEnd: last + 1,
      entityId: proxyId,
      kind: 'name',
      confidence: 0.6,
      reasons: ['local-entity'],
    });
    const evidenceEnd = Math.max(tokens[last].end, tokens[last + 1]?.lower === 'of' ? patron.end : 0);
    push({ type: 'PROXY_OF', source: proxyId, target, evidence: [span(doc, evidenceStart, evidenceEnd)], assertedBy: 'author', reasons: ['proxy-phrase'] });
  }
}
