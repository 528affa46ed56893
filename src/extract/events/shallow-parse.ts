import { actorCodeOn, type CompiledDictionaries, type TrieNode } from './dictionary/compile.js';
import type { ActorEntry, AgentEntry } from './dictionary/types.js';

/**
 * Dossier's own shallow parse for the event coder, built from the segmenter's
 * tokens (no re-reading of the text): dictionary names (actors, agents), base
 * noun-phrase chunks, noun phrases with their "of/in/from X" attachments, and
 * coordinated groups ("Fornost and Gondor"). Indices are word (token) indices
 * within one sentence, `[start, end)`.
 */

export interface CoderWord {
  start: number;
  end: number;
  /** Lower-cased surface (curly apostrophes straightened): "n't", "wo". */
  raw: string;
  /** The segmenter's normalised form: "not", "will". */
  norm: string;
  pos: string;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** White space precedes the word. */
  spaceBefore: boolean;
}

export interface NameMention {
  start: number;
  end: number;
  actor?: ActorEntry;
  agent?: AgentEntry;
  /** Resolved actor codes (date restrictions applied; `A/B` split). */
  codes: string[];
}

/** A noun phrase (with attached "of/in/from" phrases) and the CAMEO codes it stands for. */
export interface ActorPhrase {
  start: number;
  end: number;
  codes: string[];
}

/** Noun phrases joined by "and", "or", "nor" or list commas. */
export interface PhraseGroup {
  start: number;
  end: number;
  members: ActorPhrase[];
  codes: string[];
  /** Preceded by a preposition: not a subject candidate. */
  governedBy: string | null;
}

const NP_POS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PRON']);
const ATTACH = new Set(['of', 'in', 'from']);
const CONJ = new Set(['and', 'or', 'nor']);

/** Longest dictionary name starting at each word (actors need a capital, agents do not). */
export function findNames(words: readonly CoderWord[], dict: CompiledDictionaries, date: string | null): NameMention[] {
  const out: NameMention[] = [];
  let i = 0;
  while (i < words.length) {
    let node: TrieNode | undefined = dict.names.next.has(words[i].raw) ? dict.names : undefined;
    let best: NameMention | null = null;
    for (let j = i; j < words.length && node; j++) {
      node = node.next.get(words[j].raw);
      if (!node?.hits) continue;
      const actor = words[i].cap ? node.hits.find((h) => h.actor)?.actor : undefined;
      const agent = node.hits.find((h) => h.agent)?.agent;
      if (actor) {
        const code = actorCodeOn(actor, date);
        best = { start: i, end: j + 1, actor, codes: code ? code.split('/') : [] };
      } else if (agent) best = { start: i, end: j + 1, agent, codes: [] };
    }
    if (best) {
      out.push(best);
      i = best.end;
    } else i++;
  }
  return out;
}

function isNpWord(w: CoderWord): boolean {
  return NP_POS.has(w.pos) || w.raw === "'s" || w.raw === "'";
}

/**
 * "awful and evil minister": `and` between two modifiers of one noun stays inside the
 * noun phrase (the tagger sometimes reads the second modifier as a verb: "cool").
 */
function adjectiveCoordination(words: readonly CoderWord[], i: number, start: number): boolean {
  if (i <= start || words[i].pos !== 'CCONJ' || !CONJ.has(words[i].raw) || words[i - 1].pos !== 'ADJ') return false;
  const next = words[i + 1];
  const after = words[i + 2];
  return next !== undefined && after !== undefined && (next.pos === 'ADJ' || next.pos === 'VERB') && (after.pos === 'NOUN' || after.pos === 'PROPN');
}

/**
 * "the Revolutionary Guards (IRGC) Quds Force commander": a bracketed acronym inside a
 * noun phrase that goes on after it. Returns the index after `)`, or `i` when not one.
 */
function parentheticalEnd(words: readonly CoderWord[], i: number): number {
  if (words[i].raw !== '(') return i;
  let k = i + 1;
  while (k < words.length && k <= i + 4 && (words[k].pos === 'PROPN' || words[k].pos === 'NOUN')) k++;
  if (k === i + 1 || words[k]?.raw !== ')') return i;
  const after = words[k + 1];
  return after && (after.pos === 'PROPN' || after.pos === 'NOUN') ? k + 1 : i;
}

/** Codes of a run of names: actors (first actor wins when several differ) combined with agents. */
export function combineCodes(actors: string[], agents: AgentEntry[]): string[] {
  const prefix = agents
    .filter((a) => a.position === 'prefix')
    .map((a) => a.code)
    .join('');
  const suffixes = agents.filter((a) => a.position === 'suffix').map((a) => a.code);
  if (actors.length === 0) {
    if (suffixes.length === 0) return prefix ? [prefix] : [];
    return [`${prefix}---${dedupeSuffix('', suffixes)}`];
  }
  return actors.map((a) => `${prefix}${a}${dedupeSuffix(a, suffixes)}`);
}

// An agent code the actor code already carries (USAGOV + GOV) is not repeated.
function dedupeSuffix(actor: string, suffixes: string[]): string {
  let out = '';
  for (const s of suffixes) {
    if (actor.slice(3).includes(s) || out.includes(s)) continue;
    out += s;
  }
  return out;
}

export interface ShallowParse {
  names: NameMention[];
  phrases: ActorPhrase[];
  groups: PhraseGroup[];
  /** Word index → index of the group that covers it, or -1. */
  groupAt: Int32Array;
  /** Word index → index of the phrase (base chunk) that covers it, or -1. */
  phraseAt: Int32Array;
}

/**
 * Entity look-up from the entity stage: the CAMEO code of the entity that covers
 * word `i` (null when it has none), or undefined when no entity covers it.
 */
export type EntityCodeAt = (i: number) => string | null | undefined;

/** Stands for "an entity without a CAMEO code": an actor for the coder, a null code in the output. */
export const UNCODED_ENTITY = '?';

export function shallowParse(words: readonly CoderWord[], dict: CompiledDictionaries, date: string | null, entityCodeAt?: EntityCodeAt): ShallowParse {
  const names = findNames(words, dict, date);
  const nameAt = new Int32Array(words.length).fill(-1);
  names.forEach((n, k) => {
    for (let i = n.start; i < n.end; i++) nameAt[i] = k;
  });
  // Base chunks.
  const chunks: Array<{ start: number; end: number; actors: string[]; agents: AgentEntry[] }> = [];
  let i = 0;
  while (i < words.length) {
    if (!(nameAt[i] >= 0 || isNpWord(words[i]))) {
      i++;
      continue;
    }
    const start = i;
    const actors: string[] = [];
    const agents: AgentEntry[] = [];
    while (
      i < words.length &&
      (nameAt[i] >= 0 || isNpWord(words[i]) || adjectiveCoordination(words, i, start) || (i > start && parentheticalEnd(words, i) > i))
    ) {
      // Determiners and pronouns open a new noun phrase unless they follow a possessive.
      if (i > start && (words[i].pos === 'DET' || words[i].pos === 'PRON') && nameAt[i] < 0 && words[i - 1].raw !== "'s") break;
      if (nameAt[i] >= 0) {
        const n = names[nameAt[i]];
        if (n.actor) {
          if (actors.length === 0) actors.push(...n.codes);
        } else if (n.agent) agents.push(n.agent);
        i = n.end;
      } else if (adjectiveCoordination(words, i, start)) i += 2;
      else if (i > start && words[i].raw === '(') i = parentheticalEnd(words, i);
      else i++;
    }
    if (actors.length === 0 && entityCodeAt) {
      for (let k = start; k < i; k++) {
        const code = entityCodeAt(k);
        if (code === undefined) continue;
        actors.push(code ?? UNCODED_ENTITY);
        break;
      }
    }
    chunks.push({ start, end: i, actors, agents });
  }
  // Attach "of/in/from X" to a chunk that names no actor itself.
  const phrases: ActorPhrase[] = [];
  const pendingAgents: AgentEntry[][] = [];
  for (let c = 0; c < chunks.length; c++) {
    const ch = chunks[c];
    phrases.push({ start: ch.start, end: ch.end, codes: combineCodes(ch.actors, ch.agents) });
    pendingAgents.push(ch.agents);
  }
  // Build groups over phrases.
  const groups: PhraseGroup[] = [];
  let p = 0;
  while (p < phrases.length) {
    const members = [phrases[p]];
    const memberAgents = [pendingAgents[p]];
    const memberActorless = [chunks[p].actors.length === 0];
    let q = p;
    let lastConjMembers = 1;
    for (;;) {
      const next = phrases[q + 1];
      if (!next) break;
      const gapStart = members[members.length - 1].end;
      if (next.start - gapStart < 1 || next.start - gapStart > 2) break;
      const gap = words.slice(gapStart, next.start).map((w) => w.raw);
      if (!gap.every((g) => g === ',' || CONJ.has(g))) break;
      members.push(next);
      memberAgents.push(pendingAgents[q + 1]);
      memberActorless.push(chunks[q + 1].actors.length === 0);
      q++;
      if (gap.some((g) => CONJ.has(g))) lastConjMembers = members.length;
    }
    // A list joined only by commas ends at its last conjunction ("X, a senior official said").
    const keep = lastConjMembers;
    q = p + keep - 1;
    const kept = members.slice(0, keep);
    let end = kept[kept.length - 1].end;
    let codes = kept.flatMap((m) => m.codes);
    // "The ambassadors of Arnor, Osgiliath and Gondor", "Lawmakers and officials in Fornost and Gondor";
    // when only the last member lacks an actor, the attachment is its own ("Ithilen and the government of Gondor").
    const allActorless = memberActorless.slice(0, keep).every((x) => x);
    const lastActorless = memberActorless[keep - 1];
    const attachWord = words[end]?.raw;
    let attached = false;
    if (lastActorless && attachWord && ATTACH.has(attachWord) && phrases[q + 1]?.start === end + 1) {
      const inner = collectGroup(phrases, chunks, words, q + 1);
      const innerActors = inner.actorCodes;
      if (innerActors.length > 0) {
        if (allActorless) codes = memberAgents.slice(0, keep).flatMap((ag) => combineCodes(innerActors, ag));
        else codes = [...kept.slice(0, -1).flatMap((m) => m.codes), ...combineCodes(innerActors, memberAgents[keep - 1])];
        end = inner.end;
        q = inner.last;
        attached = true;
      }
    }
    if (!attached && !allActorless) {
      // "Danish media and government": a bare agent shares the actor of the member before it.
      codes = kept.flatMap((m, k) =>
        k > 0 && memberActorless[k] && !memberActorless[k - 1] && memberAgents[k].length > 0 && words[m.start].pos !== 'DET'
          ? combineCodes(chunks[p + k - 1].actors, memberAgents[k])
          : m.codes,
      );
    }
    const prev = words[kept[0].start - 1];
    const governedBy = prev && (prev.pos === 'ADP' || prev.raw === 'to') ? prev.raw : null;
    groups.push({ start: kept[0].start, end, members: kept, codes: unique(codes), governedBy });
    p = q + 1;
  }
  const groupAt = new Int32Array(words.length).fill(-1);
  groups.forEach((g, k) => {
    for (let w = g.start; w < g.end; w++) groupAt[w] = k;
  });
  const phraseAt = new Int32Array(words.length).fill(-1);
  phrases.forEach((ph, k) => {
    for (let w = ph.start; w < ph.end; w++) phraseAt[w] = k;
  });
  return { names, phrases, groups, groupAt, phraseAt };
}

function collectGroup(
  phrases: ActorPhrase[],
  chunks: Array<{ actors: string[] }>,
  words: readonly CoderWord[],
  first: number,
): { actorCodes: string[]; end: number; last: number } {
  const actorCodes = [...chunks[first].actors];
  let last = first;
  let lastConj = first;
  for (;;) {
    const next = phrases[last + 1];
    if (!next) break;
    const gap = words.slice(phrases[last].end, next.start).map((w) => w.raw);
    if (!(gap.length > 0 && gap.length <= 2 && gap.every((g) => g === ',' || CONJ.has(g)))) break;
    last++;
    if (gap.some((g) => CONJ.has(g))) lastConj = last;
  }
  for (let k = first + 1; k <= lastConj; k++) actorCodes.push(...chunks[k].actors);
  return { actorCodes: unique(actorCodes), end: phrases[lastConj].end, last: lastConj };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
