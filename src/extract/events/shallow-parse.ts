import type { CompiledDictionaries } from './dictionary/compile.js';
import { childOf, NONE } from './dictionary/name-table.js';
import type { AgentEntry } from './dictionary/types.js';
import { type SentenceIds, sentenceIds } from './word-ids.js';

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
  /** Actor index in the name table, or -1 (an agent). */
  actor: number;
  agent: AgentEntry | null;
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

const ATTACH = new Set(['of', 'in', 'from']);
const CONJ = new Set(['and', 'or', 'nor']);

/** Longest dictionary name starting at each word (actors need a capital, agents do not). */
export function findNames(words: readonly CoderWord[], dict: CompiledDictionaries, date: string | null, rawIds?: readonly number[]): NameMention[] {
  const t = dict.names;
  let ids = rawIds;
  if (!ids) {
    const own: number[] = [];
    for (let i = 0; i < words.length; i++) own.push(dict.vocabulary.get(words[i].raw) ?? -1);
    ids = own;
  }
  const out: NameMention[] = [];
  let i = 0;
  while (i < words.length) {
    let bestEnd = -1;
    let bestActor = -1;
    let bestAgent = -1;
    const cap = words[i].cap;
    let node = 0;
    for (let j = i; j < words.length; j++) {
      if (ids[j] < 0 || (node = childOf(t, node, ids[j])) < 0) break;
      const actor = cap ? t.firstActor[node] : NONE;
      const agent = t.firstAgent[node];
      if (actor !== NONE) {
        bestEnd = j + 1;
        bestActor = actor;
        bestAgent = -1;
      } else if (agent !== NONE) {
        bestEnd = j + 1;
        bestActor = -1;
        bestAgent = agent;
      }
    }
    if (bestEnd < 0) {
      i++;
      continue;
    }
    if (bestActor >= 0) {
      const code = t.actorCode(bestActor, date);
      out.push({ start: i, end: bestEnd, actor: bestActor, agent: null, codes: code ? code.split('/') : [] });
    } else out.push({ start: i, end: bestEnd, actor: -1, agent: t.agents[bestAgent], codes: [] });
    i = bestEnd;
  }
  return out;
}

/** A noun-phrase tag (DET, ADJ, NOUN, PROPN, NUM, PRON): comparisons with short constants, cheaper than a Set look-up per word. */
function isNpPos(pos: string): boolean {
  return pos === 'NOUN' || pos === 'PROPN' || pos === 'DET' || pos === 'ADJ' || pos === 'PRON' || pos === 'NUM';
}

function isNpWord(w: CoderWord): boolean {
  return isNpPos(w.pos) || w.raw === "'s" || w.raw === "'";
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
  if (agents.length === 0) return actors.slice();
  // Loops rather than filter/map/join: map's arrays change elements kind between the
  // engine's tiers, and the code that reads the codes (pushAll) would be deoptimised.
  let prefix = '';
  const suffixes: string[] = [];
  for (const a of agents) {
    if (a.position === 'prefix') prefix += a.code;
    else suffixes.push(a.code);
  }
  if (actors.length === 0) {
    if (suffixes.length === 0) return prefix ? [prefix] : [];
    return [`${prefix}---${dedupeSuffix('', suffixes)}`];
  }
  const out: string[] = [];
  for (const a of actors) out.push(`${prefix}${a}${dedupeSuffix(a, suffixes)}`);
  return out;
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
  groupAt: number[];
  /** Word index → index of the phrase (base chunk) that covers it, or -1. */
  phraseAt: number[];
  /** The words' vocabulary ids. */
  ids: SentenceIds;
  /**
   * Per word, `dict.synsetWords` numbers each: the synsets with a phrase starting with the
   * word's surface id, then the same for its normalised id. Read from the dictionaries'
   * large bit table once per word here, instead of once per pattern item tried there.
   */
  synsetBits: number[];
}

/** The rows of `dict.synsetFirstBits` for each word's raw and norm ids (0 for an unknown word). */
function synsetRows(ids: SentenceIds, dict: CompiledDictionaries): number[] {
  const per = dict.synsetWords;
  const table = dict.synsetFirstBits;
  const n = ids.raw.length;
  const out: number[] = new Array(2 * n * per).fill(0);
  for (let i = 0; i < n; i++) {
    const r = ids.raw[i];
    const m = ids.norm[i];
    for (let k = 0; k < per; k++) {
      out[2 * i * per + k] = r >= 0 ? table[r * per + k] : 0;
      out[(2 * i + 1) * per + k] = m >= 0 ? table[m * per + k] : 0;
    }
  }
  return out;
}

/**
 * Entity look-up from the entity stage: the CAMEO code of the entity that covers
 * word `i` (null when it has none), or undefined when no entity covers it.
 */
export type EntityCodeAt = (i: number) => string | null | undefined;

/** Stands for "an entity without a CAMEO code": an actor for the coder, a null code in the output. */
export const UNCODED_ENTITY = '?';

/** `ids`: the words' vocabulary ids (`sentenceIds`) when the caller has them. */
export function shallowParse(
  words: readonly CoderWord[],
  dict: CompiledDictionaries,
  date: string | null,
  entityCodeAt?: EntityCodeAt,
  ids: SentenceIds = sentenceIds(words, dict),
): ShallowParse {
  const names = findNames(words, dict, date, ids.raw);
  // (plain arrays: small typed arrays are slow to allocate)
  const nameAt: number[] = new Array(words.length).fill(-1);
  for (let k = 0; k < names.length; k++) for (let i = names[k].start; i < names[k].end; i++) nameAt[i] = k;
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
        if (n.actor >= 0) {
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
  for (let c = 0; c < chunks.length; c++) {
    const ch = chunks[c];
    phrases.push({ start: ch.start, end: ch.end, codes: combineCodes(ch.actors, ch.agents) });
  }
  // Build groups over phrases: members are consecutive phrases p … q.
  const groups: PhraseGroup[] = [];
  let p = 0;
  while (p < phrases.length) {
    let q = p;
    let lastConjMembers = 1;
    for (;;) {
      const next = phrases[q + 1];
      if (!next) break;
      const gap = listGap(words, phrases[q].end, next.start);
      if (gap === 0) break;
      q++;
      if (gap === 2) lastConjMembers = q - p + 1;
    }
    // A list joined only by commas ends at its last conjunction ("X, a senior official said").
    const keep = lastConjMembers;
    q = p + keep - 1;
    const last = q;
    let end = phrases[last].end;
    let codes: string[] = [];
    // "The ambassadors of Arnor, Osgiliath and Gondor", "Lawmakers and officials in Fornost and Gondor";
    // when only the last member lacks an actor, the attachment is its own ("Ithilen and the government of Gondor").
    let allActorless = true;
    for (let k = p; k <= last && allActorless; k++) allActorless = chunks[k].actors.length === 0;
    const lastActorless = chunks[last].actors.length === 0;
    const attachWord = words[end]?.raw;
    let attached = false;
    if (lastActorless && attachWord && ATTACH.has(attachWord) && phrases[last + 1]?.start === end + 1) {
      const inner = collectGroup(phrases, chunks, words, last + 1);
      const innerActors = inner.actorCodes;
      if (innerActors.length > 0) {
        if (allActorless) for (let k = p; k <= last; k++) pushAll(codes, combineCodes(innerActors, chunks[k].agents));
        else {
          for (let k = p; k < last; k++) pushAll(codes, phrases[k].codes);
          pushAll(codes, combineCodes(innerActors, chunks[last].agents));
        }
        end = inner.end;
        q = inner.last;
        attached = true;
      }
    }
    if (!attached) {
      for (let k = p; k <= last; k++) {
        // "Danish media and government": a bare agent shares the actor of the member before it.
        const sharesActor =
          !allActorless &&
          k > p &&
          chunks[k].actors.length === 0 &&
          chunks[k - 1].actors.length > 0 &&
          chunks[k].agents.length > 0 &&
          words[phrases[k].start].pos !== 'DET';
        pushAll(codes, sharesActor ? combineCodes(chunks[k - 1].actors, chunks[k].agents) : phrases[k].codes);
      }
    }
    const prev = words[phrases[p].start - 1];
    const governedBy = prev && (prev.pos === 'ADP' || prev.raw === 'to') ? prev.raw : null;
    codes = unique(codes);
    groups.push({ start: phrases[p].start, end, members: phrases.slice(p, last + 1), codes, governedBy });
    p = q + 1;
  }
  const groupAt: number[] = new Array(words.length).fill(-1);
  for (let k = 0; k < groups.length; k++) for (let w = groups[k].start; w < groups[k].end; w++) groupAt[w] = k;
  const phraseAt: number[] = new Array(words.length).fill(-1);
  for (let k = 0; k < phrases.length; k++) for (let w = phrases[k].start; w < phrases[k].end; w++) phraseAt[w] = k;
  return { names, phrases, groups, groupAt, phraseAt, ids, synsetBits: synsetRows(ids, dict) };
}

/**
 * The words between two phrases as a list separator (one or two of `,` and a
 * conjunction): 0 when they are not one, 1 for commas only, 2 with a conjunction.
 */
function listGap(words: readonly CoderWord[], from: number, to: number): 0 | 1 | 2 {
  if (to - from < 1 || to - from > 2) return 0;
  let conj = false;
  for (let g = from; g < to; g++) {
    const r = words[g].raw;
    if (CONJ.has(r)) conj = true;
    else if (r !== ',') return 0;
  }
  return conj ? 2 : 1;
}

function pushAll(out: string[], xs: readonly string[]): void {
  for (let k = 0; k < xs.length; k++) out.push(xs[k]);
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
    const gap = listGap(words, phrases[last].end, next.start);
    if (gap === 0) break;
    last++;
    if (gap === 2) lastConj = last;
  }
  for (let k = first + 1; k <= lastConj; k++) pushAll(actorCodes, chunks[k].actors);
  return { actorCodes: unique(actorCodes), end: phrases[lastConj].end, last: lastConj };
}

/** `xs` without repeats, first occurrences in order (a new array). */
function unique(xs: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of xs) if (!out.includes(x)) out.push(x);
  return out;
}
