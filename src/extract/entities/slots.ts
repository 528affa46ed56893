import type { Sentence, Token } from '../../document/segment.js';
import type { AliasMatch } from '../../kb/types.js';
import { type EntityLexicons, lexiconWordFlags } from './lexicons.js';
import { splitTitles, titleAt } from './name-spans.js';
import type { EntityResources, NerSpan, NerType } from './types.js';

/**
 * A span that may be a mention, before linking. Slots come from the KB
 * matcher, the NER model (or its fallback), titles, group nouns and
 * government phrases; `chooseSlots` keeps the longest where they overlap.
 */
export type Slot =
  | { kind: 'kb'; tokenStart: number; tokenEnd: number; match: AliasMatch; nerType: NerType | null }
  | { kind: 'name'; tokenStart: number; tokenEnd: number; nerType: NerType | null; fromNer: boolean }
  | { kind: 'title'; tokenStart: number; tokenEnd: number; honorific: boolean }
  | { kind: 'group'; tokenStart: number; tokenEnd: number }
  | { kind: 'government'; tokenStart: number; tokenEnd: number; country: string }
  | { kind: 'salient-state'; tokenStart: number; tokenEnd: number };

const PRIORITY: Record<Slot['kind'], number> = { government: 6, kb: 5, group: 3, title: 2, name: 1, 'salient-state': 0 };

export function detectSlots(
  tokens: readonly Token[],
  words: readonly string[],
  sentences: readonly Sentence[],
  text: string,
  res: EntityResources,
  nameSpans: readonly NerSpan[],
  fromNer: boolean,
): Slot[] {
  // In three parts, each its own function (one pass each, in this order), so that the
  // optimising compiler handles them apart: a rare branch reached late in one part
  // recompiles that part only.
  const slots: Slot[] = [];
  const kb = kbSlots(tokens, text, res, nameSpans, fromNer, slots);
  nameSlots(tokens, words, res.lex, nameSpans, fromNer, kb.covered, slots);
  lexiconSlots(tokens, words, sentences, res.lex, kb, slots);
  return slots;
}

/** What the KB matches leave for the later slots: the tokens they cover, and the countries among them. */
interface KbCover {
  covered: Uint8Array;
  /** Country matches by the token just after them ("Iranian| government"). */
  countryAt: Map<number, { id: string; start: number }>;
  /** Country matches by their first token ("of |Iran"). */
  countryStartingAt: Map<number, string>;
}

/** A slot per KB name match. */
function kbSlots(tokens: readonly Token[], text: string, res: EntityResources, nameSpans: readonly NerSpan[], fromNer: boolean, slots: Slot[]): KbCover {
  const kbMatches = res.matchAliases(tokens, text);
  // NER type per token, to check KB candidates' types against.
  const nerTypeAt: Array<NerType | undefined> = new Array(fromNer ? tokens.length : 0);
  if (fromNer) for (const s of nameSpans) for (let t = s.tokenStart; t < s.tokenEnd; t++) nerTypeAt[t] = s.type;
  const covered = new Uint8Array(tokens.length);
  const countryAt = new Map<number, { id: string; start: number }>();
  const countryStartingAt = new Map<number, string>();
  for (const m of kbMatches) {
    // "the ayatollahs", "the Kremlin": a label's article belongs to the mention.
    const withArticle = m.tokenStart > 0 && tokens[m.tokenStart - 1].lower === 'the' && m.candidates.every((c) => c.kind === 'metonym');
    const tokenStart = withArticle ? m.tokenStart - 1 : m.tokenStart;
    slots.push({ kind: 'kb', tokenStart, tokenEnd: m.tokenEnd, match: m, nerType: nerTypeAt[m.tokenStart] ?? null });
    for (let t = m.tokenStart; t < m.tokenEnd; t++) covered[t] = 1;
    // A country ("Iran") or its people ("Iranian", "Iraqi") as the modifier of a government or group noun.
    for (const c of m.candidates) {
      const e = res.kb.byId.get(c.id);
      if (!e || (e.type !== 'COUNTRY' && e.type !== 'GROUP') || !e.country || !res.governmentOf.has(e.country)) continue;
      countryAt.set(m.tokenEnd, { id: e.country, start: m.tokenStart });
      countryStartingAt.set(m.tokenStart, e.country);
      break;
    }
  }
  return { covered, countryAt, countryStartingAt };
}

/** A slot per name (NER or its fallback) that is not only KB names, and per title before a name. */
function nameSlots(
  tokens: readonly Token[],
  words: readonly string[],
  lex: EntityLexicons,
  nameSpans: readonly NerSpan[],
  fromNer: boolean,
  covered: Uint8Array,
  slots: Slot[],
): void {
  const { names, titles } = splitTitles(tokens, words, nameSpans, lex);
  for (const found of names) {
    if (isHeadline(tokens, words, found.tokenStart, found.tokenEnd, lex)) continue;
    // "When Khweis …": a capitalised function word opening a sentence is not part of the name.
    const n = { ...found };
    while (n.tokenEnd - n.tokenStart > 1 && lex.nonNameWords.has(words[n.tokenStart]) && !lex.nameConnectors.has(words[n.tokenStart])) n.tokenStart++;
    // A name made only of KB names ("Iran-Iraq") is those names, not a new one.
    let uncovered = false;
    for (let t = n.tokenStart; t < n.tokenEnd && !uncovered; t++)
      if (!covered[t] && hasLatinLetter(tokens[t].value) && !lex.nameConnectors.has(words[t])) uncovered = true;
    if (uncovered) slots.push({ kind: 'name', tokenStart: n.tokenStart, tokenEnd: n.tokenEnd, nerType: fromNer ? n.type : null, fromNer });
  }
  for (const t of titles) slots.push({ kind: 'title', tokenStart: t.tokenStart, tokenEnd: t.tokenEnd, honorific: t.honorific });
}

/** Slots the lexicons find word by word: definite titles and state labels, government phrases, group nouns. */
function lexiconSlots(
  tokens: readonly Token[],
  words: readonly string[],
  sentences: readonly Sentence[],
  lex: EntityLexicons,
  kb: KbCover,
  slots: Slot[],
): void {
  const { countryAt, countryStartingAt } = kb;
  const flagsOf = wordFlags(lex);
  for (let i = 0; i < tokens.length; i++) {
    const w = words[i];
    // One look-up per token says which of the group and government lexicons hold the word.
    const flags = flagsOf.get(w) ?? 0;
    // "the commander", "the Supreme Leader": a definite title standing alone.
    if (w === 'the' && i + 1 < tokens.length) {
      const found = titleAt(tokens, words, i + 1, sentences[tokens[i].sentence].tokenEnd, lex);
      if (found && !found.honorific) slots.push({ kind: 'title', tokenStart: i + 1, tokenEnd: i + 1 + found.length, honorific: false });
      const label = lex.salientStateLabels.matchAt(tokens, i, tokens.length, words);
      // "the regime of Iraq" names its state: the government phrase reads it.
      const ofCountry = tokens[i + label]?.lower === 'of' && countryStartingAt.has(i + label + 1);
      if (label > 0 && !ofCountry) slots.push({ kind: 'salient-state', tokenStart: i, tokenEnd: i + label });
    }
    if (flags & GOVERNMENT_NOUN) {
      const government = governmentSlot(tokens, i, countryAt, countryStartingAt);
      if (government) slots.push(government);
      continue;
    }
    if (flags & GROUP_NOUN) {
      let start = i;
      const before = i > 0 ? words[i - 1] : '';
      const countryBefore = countryAt.get(i);
      if (countryBefore) start = countryBefore.start;
      else if (lex.religiousEthnic.has(before)) start = i - 1;
      const bare = start === i;
      if (bare && lex.collectives.has(w) && lex.collectivesNeedingModifier.has(w)) continue;
      slots.push({ kind: 'group', tokenStart: start, tokenEnd: i + 1 });
    }
  }
}

/**
 * The government phrase around the government noun at `i`: "Iranian government", "the [Iranian] regime",
 * "regime of Iran", "Iran’s government" (the possessive sits between the country and the noun); null without a country.
 */
function governmentSlot(
  tokens: readonly Token[],
  i: number,
  countryAt: ReadonlyMap<number, { id: string; start: number }>,
  countryStartingAt: ReadonlyMap<number, string>,
): Slot | null {
  const possessive = i > 0 && /^['’]s$/.test(tokens[i - 1].value) ? countryAt.get(i - 1) : undefined;
  const adjective = countryAt.get(i) ?? possessive;
  let country: string | undefined;
  let start = i;
  if (adjective) {
    country = adjective.id;
    start = adjective.start;
  } else if (i > 0 && (tokens[i - 1].value === ']' || tokens[i - 1].value === ')')) {
    country = countryAt.get(i - 1)?.id; // "[Iranian] regime": the bracketed word stays the country
  } else if (tokens[i + 1]?.lower === 'of') {
    country = countryStartingAt.get(i + 2);
  }
  return country ? { kind: 'government', tokenStart: start, tokenEnd: i + 1, country } : null;
}

const GOVERNMENT_NOUN = 1;
/** A collective or a religious/ethnic group noun. */
const GROUP_NOUN = 2;
/** Per lexicon set: word → GOVERNMENT_NOUN | GROUP_NOUN. */
const wordFlags = lexiconWordFlags((lex, add) => {
  for (const w of lex.governmentNouns) add(w, GOVERNMENT_NOUN);
  for (const set of [lex.collectives, lex.religiousEthnic]) for (const w of set) add(w, GROUP_NOUN);
});

/** A long capitalised span with a capitalised function word inside is a title-case headline, not a name. */
function isHeadline(tokens: readonly Token[], words: readonly string[], start: number, end: number, lex: EntityLexicons): boolean {
  if (end - start < 5) return false;
  for (let t = start + 1; t < end; t++) {
    const v = tokens[t].value;
    const c = v.charCodeAt(0);
    if (c >= 65 && c <= 90 && lex.headlineWords.has(words[t])) return true;
  }
  return false;
}

/** Keep non-overlapping slots: longest first, then by priority, then leftmost. */
export function chooseSlots(slots: Slot[], tokenCount: number): Slot[] {
  // Array sort is stable: ties keep the detection order.
  const order = slots
    .slice()
    .sort((a, b) => b.tokenEnd - b.tokenStart - (a.tokenEnd - a.tokenStart) || PRIORITY[b.kind] - PRIORITY[a.kind] || a.tokenStart - b.tokenStart);
  const taken = new Uint8Array(tokenCount);
  const kept: Slot[] = [];
  for (const s of order) {
    let free = s.tokenEnd > s.tokenStart;
    for (let t = s.tokenStart; t < s.tokenEnd && free; t++) if (taken[t]) free = false;
    if (!free) continue;
    for (let t = s.tokenStart; t < s.tokenEnd; t++) taken[t] = 1;
    kept.push(s);
  }
  return kept.sort((a, b) => a.tokenStart - b.tokenStart);
}

export type { EntityLexicons };

function hasLatinLetter(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}
