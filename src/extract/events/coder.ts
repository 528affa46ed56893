import type { CompiledDictionaries, CompiledItem, TrieNode, VerbCandidate } from './dictionary/compile.js';
import { mayBeHead, type NominalLexicon } from './nominal-events.js';
import { type CoderWord, type EntityCodeAt, type PhraseGroup, type ShallowParse, shallowParse } from './shallow-parse.js';
import { type SentenceIds, sentenceIds } from './word-ids.js';

/**
 * A dictionary-driven event coder in the TABARI/PETRARCH tradition, over the
 * shallow parse of one sentence: find dictionary verbs, pick the most specific
 * verb pattern, take the source from the subject (or the `$` slot, or the "by"
 * phrase of a passive) and the target from the first actor after the verb (or
 * the `+` slot), and mark negation and modality.
 */

export interface CoderOptions {
  /** Sentence date as YYYYMMDD for date-restricted actors (null: defaults only). */
  date: string | null;
  /** Emit events only when both source and target are coded (PETRARCH's output). */
  requireBoth: boolean;
  /** Event nouns ("drone strike on X"); none when absent (PETRARCH codes verbs only). */
  nominal?: NominalLexicon;
  /** Entities from the entity stage, so that names the dictionary lacks still count as actors. */
  entityCodeAt?: EntityCodeAt;
  /** The sentence's vocabulary ids when the caller already has them (else looked up here). */
  ids?: SentenceIds;
}

export interface RawEvent {
  code: string;
  sourceCode: string | null;
  targetCode: string | null;
  /** Word indices of the verb (trigger) and of the source/target phrases. */
  verb: number;
  verbEnd: number;
  source: [number, number] | null;
  target: [number, number] | null;
  negated: boolean;
  hypothetical: boolean;
  passive: boolean;
  /** Coded from an event noun ("protests against X"), not a verb. */
  nominal?: boolean;
  /** Head word of the dictionary verb (for the stage's suppression list). */
  head?: string;
  /** Stable reason ids plus the pattern text that fired. */
  reasons: string[];
}

const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am']);
const NEGATION = new Set(['not', "n't", 'never', 'no']);
const MODALS = new Set(['will', 'would', 'may', 'might', 'could', 'should', 'shall', 'can', 'must', "'ll", 'wo', 'ca']);
/** A conditional conjunction ("if", "unless"): two string comparisons (most words differ in length already), not a Set look-up per word. */
function isConditional(w: string): boolean {
  return w === 'if' || w === 'unless';
}
// "threatened to strike", "vowed to retaliate": the event is announced, not done.
const INTENT_VERBS = /^(threat|vow|plan|promis|intend|want|seek|sought|hope|aim|pledg|warn|propos|offer|consider|prepar|decid|expect|try|tri|attempt|go)/;
const SUBORDINATORS = new Set([
  'after',
  'before',
  'since',
  'until',
  'as',
  'because',
  'while',
  'when',
  'if',
  'that',
  'which',
  'who',
  'whom',
  'where',
  'although',
  'though',
  'unless',
]);
const CODE = /^\d/;
const COORD = new Set(['and', 'or', 'but', 'nor']);
// "sending their proxies to assassinate …": the sender is the one who acts, through the proxies.
const CAUSATIVE = /^(send|sent|order|use|used|using|deploy|dispatch|instruct|direct|hire|hiring|recruit|arm|task|mobili[sz]|train)/;

function wordIs(w: CoderWord | undefined, x: string): boolean {
  return w !== undefined && (w.raw === x || w.norm === x);
}

/** Is word `i` part of a verb group (auxiliaries, negation, adverbs, infinitive "to")? */
function isGroupWord(w: CoderWord): boolean {
  return w.pos === 'AUX' || w.pos === 'ADV' || w.pos === 'PART' || NEGATION.has(w.raw) || NEGATION.has(w.norm) || w.raw === 'about';
}

interface VerbHit {
  index: number;
  end: number;
  /** First word of the verb's auxiliary group. */
  groupStart: number;
  preStart: number;
  candidates: VerbCandidate[];
}

/**
 * Dictionary verbs in the sentence, with multi-word forms checked ("break down", "wire tap").
 * `groupStart` is filled in once the sentence is parsed (-1 until then).
 */
function findVerbs(words: readonly CoderWord[], dict: CompiledDictionaries, ids: readonly number[]): VerbHit[] {
  const hits: VerbHit[] = [];
  for (let i = 0; i < words.length; i++) {
    if (ids[i] < 0) continue;
    const list = dict.verbsById[ids[i]];
    if (!list) continue;
    const w = words[i];
    const prev = words[i - 1];
    // "so-called": a participle glued to a hyphen is an adjective.
    if (prev && !w.spaceBefore && prev.raw === '-') continue;
    // "the reopening of …": a gerund after a determiner is a noun.
    if (prev && prev.pos === 'DET') continue;
    const verbal =
      w.pos === 'VERB' || (prev !== undefined && (prev.pos === 'AUX' || prev.raw === 'to' || NEGATION.has(prev.norm)) && w.pos !== 'ADP' && w.pos !== 'DET');
    if (!verbal) continue;
    let best: VerbCandidate[] = [];
    let bestLen = -1;
    let end = i + 1;
    let preStart = i;
    for (const cand of list) {
      const { pre, post } = cand.verb;
      if (pre.length > 0 && !matchPhraseAt(words, i - pre.length, pre)) continue;
      if (post.length > 0 && !matchPhraseAt(words, i + 1, post)) continue;
      const len = pre.length + post.length;
      if (len > bestLen) {
        bestLen = len;
        best = [cand];
        end = i + 1 + post.length;
        preStart = i - pre.length;
      } else if (len === bestLen) best.push(cand);
    }
    if (best.length === 0) continue;
    hits.push({ index: i, end, groupStart: -1, preStart, candidates: best });
    i = end - 1;
  }
  return hits;
}

// ---------------------------------------------------------------- pattern matching

interface Slots {
  source: PhraseGroup | null;
  target: PhraseGroup | null;
  compound: PhraseGroup | null;
}

function matchPhraseAt(words: readonly CoderWord[], at: number, phrase: readonly string[]): boolean {
  if (at < 0) return false;
  for (let k = 0; k < phrase.length; k++) if (!wordIs(words[at + k], phrase[k])) return false;
  return true;
}

/** Match `after` items left to right from `from`; returns false or fills slots. */
function matchAfter(
  items: readonly CompiledItem[],
  words: readonly CoderWord[],
  from: number,
  dict: CompiledDictionaries,
  parse: ShallowParse,
  slots: Slots,
): boolean {
  let cursor = from;
  for (const item of items) {
    let found = -1;
    let next = -1;
    const limit = item.adjacent ? cursor : words.length - 1;
    for (let p = cursor; p <= limit && found < 0; p++) {
      const r = matchItemAt(item, words, p, dict, parse);
      if (r >= 0) {
        found = p;
        next = r;
      }
    }
    if (found < 0) return false;
    assignSlot(item, parse, found, slots, 'after');
    cursor = next;
  }
  return true;
}

/** Match `before` items right to left, ending at `from` (inclusive). */
function matchBefore(
  items: readonly CompiledItem[],
  words: readonly CoderWord[],
  from: number,
  dict: CompiledDictionaries,
  parse: ShallowParse,
  slots: Slots,
): boolean {
  let cursor = from;
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k];
    let found = -1;
    const lowest = item.adjacent ? cursor : 0;
    for (let endAt = cursor; endAt >= lowest && found < 0; endAt--) found = matchItemEndingAt(item, words, endAt, dict, parse);
    if (found < 0) return false;
    assignSlot(item, parse, found, slots, 'before');
    cursor = found - 1;
  }
  return true;
}

/** Where a match of `item` that ends at word `endAt` (inclusive) starts, or -1. */
function matchItemEndingAt(item: CompiledItem, words: readonly CoderWord[], endAt: number, dict: CompiledDictionaries, parse: ShallowParse): number {
  if (endAt < 0 || endAt >= words.length) return -1;
  if (item.kind === 'word') return wordIs(words[endAt], item.word) ? endAt : -1;
  if (item.kind === 'synset') {
    for (let p = endAt; p >= Math.max(0, endAt - 6); p--) if (matchItemAt(item, words, p, dict, parse) === endAt + 1) return p;
    return -1;
  }
  const g = parse.groupAt[endAt];
  if (g >= 0 && parse.groups[g].end === endAt + 1) {
    const start = parse.groups[g].start;
    if (matchItemAt(item, words, start, dict, parse) === endAt + 1) return start;
  }
  const ph = parse.phraseAt[endAt];
  if (ph >= 0 && parse.phrases[ph].end === endAt + 1) {
    const start = parse.phrases[ph].start;
    if (matchItemAt(item, words, start, dict, parse) === endAt + 1) return start;
  }
  return -1;
}

/** Does a phrase of synset `bit` start with the word whose row of `ShallowParse.synsetBits` starts at `row`? */
function startsSynsetAt(bits: readonly number[], row: number, bit: number): boolean {
  return ((bits[row + (bit >> 5)] >>> (bit & 31)) & 1) === 1;
}

/** Where a match of `item` starting at `p` ends (exclusive), or -1. */
function matchItemAt(item: CompiledItem, words: readonly CoderWord[], p: number, dict: CompiledDictionaries, parse: ShallowParse): number {
  if (p < 0 || p >= words.length) return -1;
  switch (item.kind) {
    case 'word':
      return wordIs(words[p], item.word) ? p + 1 : -1;
    case 'synset': {
      const byFirst = item.byFirstId;
      if (!byFirst) return -1;
      let best = -1;
      const w = words[p];
      // (every first word of a synset phrase has a vocabulary id and its bit set)
      const rawId = parse.ids.raw[p];
      const row = 2 * p * dict.synsetWords;
      const raw = startsSynsetAt(parse.synsetBits, row, item.synsetBit) ? byFirst.get(rawId) : undefined;
      if (raw) for (const ph of raw) if (p + ph.length > best && matchPhraseAt(words, p, ph)) best = p + ph.length;
      if (w.norm !== w.raw && startsSynsetAt(parse.synsetBits, row + dict.synsetWords, item.synsetBit)) {
        const norm = byFirst.get(parse.ids.norm[p]);
        if (norm) for (const ph of norm) if (p + ph.length > best && matchPhraseAt(words, p, ph)) best = p + ph.length;
      }
      return best;
    }
    default: {
      // `^` skips one base noun phrase ("^ +" over "the parliament of Gondor" leaves "Gondor");
      // `$`, `+`, `%` take a whole group where one starts, else a coded noun phrase inside one.
      const ph = parse.phraseAt[p];
      const phrase = ph >= 0 && parse.phrases[ph].start === p ? parse.phrases[ph] : null;
      if (item.kind === 'skip') return phrase ? phrase.end : -1;
      const g = parse.groupAt[p];
      if (g >= 0 && parse.groups[g].start === p && parse.groups[g].codes.length > 0) return parse.groups[g].end;
      return phrase && phrase.codes.length > 0 ? phrase.end : -1;
    }
  }
}

// `%` (a compound actor): before the verb its members act on each other ("Gondor and Osgiliath
// have delayed their meeting"); after it they are the targets ("Eriador agrees with the Philippines and France").
function assignSlot(item: CompiledItem, parse: ShallowParse, at: number, slots: Slots, side: 'before' | 'after'): void {
  if (item.kind !== 'source' && item.kind !== 'target' && item.kind !== 'compound') return;
  const g = parse.groups[parse.groupAt[at]];
  let group: PhraseGroup = g;
  if (g.start !== at || g.codes.length === 0) {
    const ph = parse.phrases[parse.phraseAt[at]];
    group = { start: ph.start, end: ph.end, members: [ph], codes: ph.codes, governedBy: null };
  }
  if (item.kind === 'source') slots.source = group;
  else if (item.kind === 'target') slots.target = group;
  else if (side === 'before') slots.compound = group;
  else slots.target = group;
}

interface PatternChoice {
  code: string | null;
  reverse: string | null;
  slots: Slots;
  reason: string;
}

function choosePattern(hit: VerbHit, words: readonly CoderWord[], dict: CompiledDictionaries, parse: ShallowParse, stamp: number): PatternChoice {
  let best: PatternChoice | null = null;
  let bestWeight = -1;
  const seen = dict.seenIn;
  const slots: Slots = { source: null, target: null, compound: null };
  for (const cand of hit.candidates) {
    const patterns = cand.patterns;
    const keys = cand.patternKeys;
    const weights = cand.patternWeights;
    for (let j = 0; j < patterns.length; j++) {
      // heaviest first: nothing further in this block can beat the best so far
      if (weights[j] <= bestWeight) break;
      // a literal word of the pattern is missing from the sentence
      const key = keys[j];
      if (key >= 0 && seen[key] !== stamp) continue;
      const cp = patterns[j];
      let present = true;
      for (let k = 0; k < cp.requiredIds.length && present; k++) present = seen[cp.requiredIds[k]] === stamp;
      if (!present) continue;
      slots.source = slots.target = slots.compound = null;
      if (!matchAfter(cp.after, words, hit.end, dict, parse, slots)) continue;
      if (!matchBefore(cp.before, words, hit.preStart - 1, dict, parse, slots)) continue;
      best = { code: cp.pattern.code, reverse: cp.pattern.reverse, slots: { ...slots }, reason: cp.reason };
      bestWeight = cp.weight;
    }
  }
  if (best) return best;
  const cand = hit.candidates.find((c) => (c.verb.code !== null && CODE.test(c.verb.code)) || (c.verb.reverse !== null && CODE.test(c.verb.reverse)));
  if (!cand) return { code: null, reverse: null, slots: { source: null, target: null, compound: null }, reason: 'verb:uncoded' };
  return {
    code: cand.verb.code !== null && CODE.test(cand.verb.code) ? cand.verb.code : null,
    reverse: cand.verb.reverse !== null && CODE.test(cand.verb.reverse) ? cand.verb.reverse : null,
    slots: { source: null, target: null, compound: null },
    reason: `verb:${cand.block.name}:${cand.verb.head}`,
  };
}

/** Mark the sentence's words (surface and normalised) in `dict.seenIn`; returns the mark. */
function stampVocabulary(ids: SentenceIds, dict: CompiledDictionaries): number {
  // A fresh number per sentence; before it would overflow, start again from a clean slate.
  if (dict.sentenceStamp >= 0x7ffffffe) {
    dict.seenIn.fill(0);
    dict.sentenceStamp = 0;
  }
  const stamp = ++dict.sentenceStamp;
  const seen = dict.seenIn;
  for (let i = 0; i < ids.raw.length; i++) {
    if (ids.raw[i] >= 0) seen[ids.raw[i]] = stamp;
    if (ids.norm[i] >= 0) seen[ids.norm[i]] = stamp;
  }
  return stamp;
}

// ---------------------------------------------------------------- subject and object

function isPassive(words: readonly CoderWord[], hit: VerbHit): boolean {
  const w = words[hit.index];
  if (!/(?:ed|en|wn|t)$/.test(w.raw)) return false;
  for (let k = hit.groupStart; k < hit.preStart; k++) if (BE.has(words[k].raw)) return true;
  return false;
}

/** First word of the auxiliary group in front of the verb at `v`. */
function groupStartOf(words: readonly CoderWord[], parse: ShallowParse, v: number): number {
  let g = v;
  while (g > 0 && isGroupWord(words[g - 1]) && parse.groupAt[g - 1] < 0) g--;
  return g;
}

/** Index of the group that is the subject of the verb at word `v` (group starting at `gs`), or -1. */
function subjectOf(v: number, gs: number, verbIdx: readonly number[], words: readonly CoderWord[], parse: ShallowParse, memo: number[]): number {
  // memo: word → its subject group; NOT_YET until computed (-1 while computing breaks cycles)
  if (memo[v] !== NOT_YET) return memo[v];
  memo[v] = -1;
  // the nearest previous verb word (any verb, coded or not)
  let prevVerb = -1;
  for (const x of verbIdx) if (x < gs) prevVerb = x;
  const inherit = (): number => (prevVerb >= 0 ? subjectOf(prevVerb, groupStartOf(words, parse, prevVerb), verbIdx, words, parse, memo) : -1);
  let result = -1;
  const before = words[gs - 1];
  if (before && COORD.has(before.raw) && prevVerb >= 0) result = inherit();
  else {
    const g = gs > 0 ? parse.groupAt[gs - 1] : -1;
    const adjacentGroup = g >= 0 ? parse.groups[g] : null;
    if (adjacentGroup && (adjacentGroup.governedBy === null || SUBORDINATORS.has(adjacentGroup.governedBy))) result = g;
    else {
      for (let p = gs - 1; p > prevVerb; p--) {
        const k = parse.groupAt[p];
        if (k < 0) continue;
        const grp = parse.groups[k];
        p = grp.start;
        if (grp.governedBy === null) {
          result = k;
          break;
        }
      }
    }
    // a bare pronoun ("it would act") stands for the previous subject
    if (result >= 0 && isPronounGroup(parse.groups[result], words) && prevVerb >= 0) result = inherit();
    else if (result < 0 && prevVerb >= 0) result = inherit();
  }
  memo[v] = result;
  return result;
}

const NOT_YET = -2;

function isPronounGroup(g: PhraseGroup, words: readonly CoderWord[]): boolean {
  return g.codes.length === 0 && g.end - g.start === 1 && words[g.start].pos === 'PRON';
}

// ---------------------------------------------------------------- main

function hasNominalHead(words: readonly CoderWord[], lex: NominalLexicon): boolean {
  for (const w of words) if (mayBeHead(lex, w.raw) && lex.byHead.has(w.raw)) return true;
  return false;
}

/** Code one sentence given as words. */
export function codeWords(words: readonly CoderWord[], dict: CompiledDictionaries, options: CoderOptions): RawEvent[] {
  if (words.length === 0) return [];
  const ids = options.ids ?? sentenceIds(words, dict);
  const hits = findVerbs(words, dict, ids.raw);
  // Nothing to code: no verb, and no event noun for codeNominal to find.
  if (hits.length === 0 && !(options.nominal && hasNominalHead(words, options.nominal))) return [];
  const parse = shallowParse(words, dict, options.date, options.entityCodeAt, ids);
  for (const hit of hits) hit.groupStart = groupStartOf(words, parse, hit.preStart);
  // Plain arrays: a typed array costs far more to allocate than these small per-sentence ones save.
  const isVerb: number[] = new Array(words.length).fill(0);
  for (const h of hits) isVerb[h.index] = 1;
  const verbIdx: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i].pos === 'VERB' || isVerb[i]) {
      verbIdx.push(i);
      isVerb[i] = 1;
    }
  }
  const stamp = hits.length > 0 ? stampVocabulary(ids, dict) : 0;
  const subjects: number[] = new Array(words.length).fill(NOT_YET);
  // Subjects of later clauses set off by a comma or a subordinator ("…, a senior official said",
  // "after crowds trashed …") are not targets of an earlier verb; complement subjects
  // ("believes Dagolath can cope") are.
  const subjectGroups: number[] = new Array(parse.groups.length).fill(0);
  for (const v of verbIdx) {
    const gs = groupStartOf(words, parse, v);
    if (words[gs]?.raw === 'to') continue;
    const k = gs > 0 ? parse.groupAt[gs - 1] : -1;
    if (k < 0) continue;
    const grp = parse.groups[k];
    // look past a stray determiner or adverb the chunker left out ("a clearly inebriated official")
    let b = grp.start - 1;
    while (b > 0 && (words[b].pos === 'DET' || words[b].pos === 'ADV')) b--;
    const prev = words[b];
    if ((prev && prev.raw === ',') || (grp.governedBy !== null && grp.governedBy !== 'that' && SUBORDINATORS.has(grp.governedBy))) subjectGroups[k] = 1;
  }
  let conditionalAt = -1;
  for (let i = 0; i < words.length && conditionalAt < 0; i++) if (isConditional(words[i].raw)) conditionalAt = i;
  const out: RawEvent[] = [];
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h];
    const choice = choosePattern(hit, words, dict, parse, stamp);
    if (choice.code === null && choice.reverse === null) continue;
    const passive = isPassive(words, hit);
    let sourceGroup: PhraseGroup | null = null;
    let targetGroup: PhraseGroup | null = null;
    const subj = subjectOf(hit.index, hit.groupStart, verbIdx, words, parse, subjects);
    const subjGroup = subj >= 0 ? parse.groups[subj] : null;
    let byAgent: PhraseGroup | null = null;
    if (passive) {
      for (let p = hit.end; p < words.length - 1; p++) {
        if (isVerb[p]) break;
        if (words[p].raw === 'by' && parse.groupAt[p + 1] >= 0) {
          const g = parse.groups[parse.groupAt[p + 1]];
          if (g.codes.length > 0) byAgent = g;
          break;
        }
      }
    }
    if (byAgent) {
      sourceGroup = byAgent;
      targetGroup = subjGroup;
    } else {
      sourceGroup = subjGroup;
      for (let p = hit.end; p < words.length; p++) {
        const k = parse.groupAt[p];
        if (k < 0) continue;
        const grp = parse.groups[k];
        p = grp.end - 1;
        if (grp.codes.length === 0 || subjectGroups[k] || grp === subjGroup) continue;
        targetGroup = grp;
        break;
      }
    }
    const via = causativeSender(hit, words, parse, verbIdx, isVerb, subjects);
    if (via && !byAgent) sourceGroup = via.sender;
    if (choice.slots.source) sourceGroup = choice.slots.source;
    if (choice.slots.target) targetGroup = choice.slots.target;
    let sources = sourceGroup?.codes ?? [];
    let targets = targetGroup?.codes ?? [];
    if (choice.slots.compound) {
      sources = choice.slots.compound.codes;
      targets = [];
    }
    let negated = false;
    let modal = false;
    for (let k = hit.groupStart; k < hit.index; k++) {
      const w = words[k];
      if (NEGATION.has(w.raw) || NEGATION.has(w.norm)) negated = true;
      if (MODALS.has(w.raw) || MODALS.has(w.norm) || w.raw === 'going') modal = true;
    }
    const intent = hit.groupStart > 0 && words[hit.groupStart]?.raw === 'to' && intentBefore(words, hit.groupStart);
    const hypothetical = modal || intent || (conditionalAt >= 0 && conditionalAt < hit.index);
    const reasons = [choice.reason];
    if (byAgent) reasons.push('passive-by');
    if (via) reasons.push(`acting-through:${via.proxy.codes.join('/') || 'uncoded'}`);
    if (negated) reasons.push('negated');
    if (hypothetical) reasons.push('hypothetical');
    const made: Made = { choice, hit, head: hit.candidates[0].verb.head, negated, hypothetical, passive: byAgent !== null, reasons };
    if (sources.length > 0 && targets.length > 0) {
      for (const s of sources) for (const t of targets) if (s !== t) emit(out, made, s, t, sourceGroup, targetGroup);
    } else if (sources.length > 1 && targets.length === 0) {
      // "Gondor and Osgiliath renewed ties": each is the other's target
      for (const s of sources) for (const t of sources) if (s !== t) emit(out, made, s, t, sourceGroup, sourceGroup);
    } else if (!options.requireBoth && (sources.length > 0 || targets.length > 0)) {
      if (sources.length === 0) for (const t of targets) emit(out, made, null, t, null, targetGroup);
      else for (const s of sources) emit(out, made, s, null, sourceGroup, null);
    }
  }
  if (options.nominal) codeNominal(words, parse, options, hits, verbIdx, subjects, out);
  return out;
}

/** What one verb hit's events share. */
interface Made {
  choice: PatternChoice;
  hit: VerbHit;
  head: string;
  negated: boolean;
  hypothetical: boolean;
  passive: boolean;
  reasons: string[];
}

const spanOf = (g: PhraseGroup | null): [number, number] | null => (g ? [g.start, g.end] : null);

/** The event for one (source, target) pair, and its reverse when the pattern has one (`[A:B]`). */
function emit(out: RawEvent[], m: Made, s: string | null, t: string | null, sg: PhraseGroup | null, tg: PhraseGroup | null): void {
  const { choice } = m;
  if (choice.code !== null) out.push(rawEvent(m, choice.code, s, t, sg, tg));
  if (choice.reverse !== null && s !== null && t !== null) out.push(rawEvent(m, choice.reverse, t, s, tg, sg));
}

function rawEvent(m: Made, code: string, s: string | null, t: string | null, sg: PhraseGroup | null, tg: PhraseGroup | null): RawEvent {
  return {
    head: m.head,
    verb: m.hit.index,
    verbEnd: m.hit.end,
    negated: m.negated,
    hypothetical: m.hypothetical,
    passive: m.passive,
    reasons: m.reasons,
    code,
    sourceCode: s,
    targetCode: t,
    source: spanOf(sg),
    target: spanOf(tg),
  };
}

/** Event nouns: "protests against X", "a drone strike on X"; they replace a light verb's own event. */
function codeNominal(
  words: readonly CoderWord[],
  parse: ShallowParse,
  options: CoderOptions,
  hits: readonly VerbHit[],
  verbIdx: readonly number[],
  memo: number[],
  out: RawEvent[],
): void {
  const lex = options.nominal;
  if (!lex) return;
  for (let i = 0; i < words.length; i++) {
    if (words[i].pos === 'VERB' || !mayBeHead(lex, words[i].raw)) continue;
    const entries = lex.byHead.get(words[i].raw);
    if (!entries) continue;
    const entry = entries.find((e) => e.phrase.every((p, k) => words[i - e.phrase.length + 1 + k]?.raw === p));
    if (!entry) continue;
    const first = i - entry.phrase.length + 1;
    const prep = words[i + 1];
    if (!prep || !entry.noun.preps.includes(prep.raw)) continue;
    const tg = parse.groupAt[i + 2] ?? -1;
    if (tg < 0 || parse.groups[tg].codes.length === 0) continue;
    const target = parse.groups[tg];
    // source: "Iran's attack on …", else the subject of a light verb ("X conducted a drone strike on …")
    let source: PhraseGroup | null = null;
    let light = -1;
    for (let k = first - 1; k >= Math.max(0, first - 4); k--) {
      if (lex.lightVerbs.has(words[k].raw)) {
        light = k;
        break;
      }
    }
    if (light >= 0) {
      const s = subjectOf(light, groupStartOf(words, parse, light), verbIdx, words, parse, memo);
      if (s >= 0) source = parse.groups[s];
      // the light verb's own coding gives way to the noun
      for (let e = out.length - 1; e >= 0; e--) if (out[e].verb === light) out.splice(e, 1);
    } else {
      const own = parse.groupAt[first];
      const g = own >= 0 ? parse.groups[own] : null;
      if (g && g.codes.length > 0 && words.slice(g.start, first).some((w) => w.raw === "'s")) source = g;
    }
    const sources = source?.codes ?? [];
    if (options.requireBoth && sources.length === 0) continue;
    const srcList: Array<string | null> = sources.length > 0 ? sources : [null];
    for (const s of srcList) {
      for (const t of target.codes) {
        if (s === t) continue;
        out.push({
          code: entry.noun.code,
          sourceCode: s,
          targetCode: t,
          verb: first,
          verbEnd: i + 1,
          source: source ? [source.start, source.end] : null,
          target: [target.start, target.end],
          negated: false,
          hypothetical: false,
          passive: false,
          nominal: true,
          reasons: [entry.noun.id],
        });
      }
    }
  }
  void hits;
}

function causativeSender(
  hit: VerbHit,
  words: readonly CoderWord[],
  parse: ShallowParse,
  verbIdx: readonly number[],
  isVerb: readonly number[],
  memo: number[],
): { sender: PhraseGroup; proxy: PhraseGroup } | null {
  if (words[hit.groupStart]?.raw !== 'to') return null;
  const proxyAt = parse.groupAt[hit.groupStart - 1] ?? -1;
  if (proxyAt < 0) return null;
  const proxy = parse.groups[proxyAt];
  const cause = words[proxy.start - 1];
  const causeAt = proxy.start - 1;
  if (!cause || !CAUSATIVE.test(cause.raw) || !isVerb[causeAt]) return null;
  const s = subjectOf(causeAt, groupStartOf(words, parse, causeAt), verbIdx, words, parse, memo);
  if (s < 0 || parse.groups[s].codes.length === 0) return null;
  return { sender: parse.groups[s], proxy };
}

function intentBefore(words: readonly CoderWord[], toAt: number): boolean {
  for (let k = toAt - 1; k >= 0 && k >= toAt - 4; k--) {
    if (words[k].pos === 'VERB') return INTENT_VERBS.test(words[k].raw);
  }
  return false;
}

/** Does the sentence contain a discard phrase? `story` when a story-level one. */
export function findDiscard(words: readonly CoderWord[], dict: CompiledDictionaries, ids?: SentenceIds): 'story' | 'sentence' | null {
  let found: 'story' | 'sentence' | null = null;
  for (let i = 0; i < words.length; i++) {
    // no discard phrase starts with this word
    if (ids && (ids.raw[i] < 0 || dict.discardStart[ids.raw[i]] === 0)) continue;
    let node: TrieNode | undefined = dict.discards;
    for (let j = i; j < words.length && node; j++) {
      node = node.next.get(words[j].raw);
      if (node?.hits) {
        for (const h of node.hits) {
          if (h.discard?.story) return 'story';
          found = 'sentence';
        }
      }
    }
  }
  return found;
}
