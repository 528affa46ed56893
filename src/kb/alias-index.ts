import type { Token } from '../document/segment.js';
import { foldName, foldWords } from './fold.js';
import { surfacesOf } from './load-kb.js';
import type { AliasMatch, KnowledgeBase, MatchKind } from './types.js';

/** One way a trie path may be read, with the case it demands of the text. */
interface IndexEntry {
  id: string;
  kind: MatchKind;
  /** The text's first letter must be upper case ("Hamas", "Tehran", not "us"). */
  capital: boolean;
  /** Every letter of the matched text must be upper case (short acronyms: "IS", "AP", "UN"). */
  upper: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode> | null;
  entries: IndexEntry[] | null;
}

/** A token trie over the folded words of every KB name, alias, title and metonym. */
export interface AliasIndex {
  readonly root: TrieNode;
  /** Number of distinct folded surfaces. */
  readonly size: number;
  /** Folded words of token values seen so far (a pure memo: same input, same output). */
  readonly foldCache: Map<string, string[]>;
}

const FOLD_CACHE_LIMIT = 100_000;
// One candidate per record and match: the strongest reading wins.
const KIND_RANK: Record<MatchKind, number> = { name: 0, alias: 1, title: 2, metonym: 3 };
const LETTER = /\p{L}/u;
// Tokens that may sit inside a name without breaking it: hyphens ("Hadi - al"), a possessive ("People ’s").
const TRANSPARENT = /^(?:[-\u2010-\u2015\u2212]|['\u2019\u2018\u02BC`]s)$/i;

function caseRules(surface: string, kind: MatchKind): { capital: boolean; upper: boolean } {
  const bare = surface.replace(/^the\s+/i, '');
  const letters = bare.replace(/[^\p{L}]/gu, '');
  const first = letters.charAt(0);
  const startsUpper = first !== '' && first !== first.toLowerCase();
  const allUpper = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  const multiword = foldName(bare).includes(' ');
  return {
    // Multi-word titles ("Supreme Leader") are also written in lower case; names are not.
    capital: (startsUpper && !(kind === 'title' && multiword)) || (!startsUpper && letters.length <= 3),
    upper: allUpper && letters.length <= 5,
  };
}

/**
 * Build the alias trie of a knowledge base. Keys are folded word sequences
 * (see `foldWords`); each accepting node keeps the records it names and the kind.
 *
 * @example
 * const index = buildAliasIndex(kb);
 * matchAliases(index, tokens, text); // [{ start, end, tokenStart, tokenEnd, candidates }]
 */
export function buildAliasIndex(kb: KnowledgeBase): AliasIndex {
  const root: TrieNode = { next: null, entries: null };
  let size = 0;
  for (const entity of kb.entities) {
    for (const { surface, kind } of surfacesOf(entity)) {
      const key = foldName(surface);
      if (key === '') continue;
      let node = root;
      for (const word of key.split(' ')) {
        if (!node.next) node.next = new Map();
        let child = node.next.get(word);
        if (!child) node.next.set(word, (child = { next: null, entries: null }));
        node = child;
      }
      if (!node.entries) {
        node.entries = [];
        size++;
      }
      const rules = caseRules(surface, kind);
      const same = node.entries.find((e) => e.id === entity.id);
      if (!same) node.entries.push({ id: entity.id, kind, ...rules });
      else if (KIND_RANK[kind] < KIND_RANK[same.kind]) Object.assign(same, { kind, ...rules });
      else if (same.kind === kind) {
        // The most permissive spelling of the same reading wins ("al-Qaeda" and "Al-Qaeda").
        same.capital &&= rules.capital;
        same.upper &&= rules.upper;
      }
    }
  }
  return { root, size, foldCache: new Map() };
}

function wordsOf(index: AliasIndex, value: string): string[] {
  let words = index.foldCache.get(value);
  if (words === undefined) {
    words = foldWords(value);
    if (index.foldCache.size >= FOLD_CACHE_LIMIT) index.foldCache.clear();
    index.foldCache.set(value, words);
  }
  return words;
}

function isCapitalised(value: string): boolean {
  const c = value.charAt(0);
  return c !== c.toLowerCase() || !LETTER.test(c);
}

function accept(entries: readonly IndexEntry[], tokens: readonly Token[], from: number, to: number): Array<{ id: string; kind: MatchKind }> {
  const capital = isCapitalised(tokens[from].value);
  let upperChecked = false;
  let upper = false;
  const out: Array<{ id: string; kind: MatchKind }> = [];
  for (const e of entries) {
    if (e.capital && !capital) continue;
    if (e.upper) {
      if (!upperChecked) {
        upperChecked = true;
        upper = true;
        for (let t = from; t < to; t++) if (tokens[t].value !== tokens[t].value.toUpperCase()) upper = false;
      }
      if (!upper) continue;
    }
    out.push({ id: e.id, kind: e.kind });
  }
  return out;
}

/**
 * Find KB names in tokenised text: leftmost-longest, whole tokens only, within
 * one sentence. Hyphen tokens and possessive "’s" tokens inside a name are
 * skipped ("Hadi-al Ameri" = "Hadi al-Ameri"); a match never starts or ends on
 * one. Case: proper names need a capital first letter in the text, short
 * acronyms need upper case, lower-case labels ("the regime") match any case.
 *
 * @example
 * // "… the Revolutionary Guards (IRGC) …" → [{ start, end, tokenStart, tokenEnd,
 * //   candidates: [{ id: 'org.irgc', kind: 'alias' }] }, …]
 */
export function matchAliases(index: AliasIndex, tokens: readonly Token[], text: string): AliasMatch[] {
  const n = tokens.length;
  const words: string[][] = new Array(n);
  const transparent = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    const v = tokens[t].value;
    if (TRANSPARENT.test(v)) {
      transparent[t] = 1;
      words[t] = [];
    } else words[t] = wordsOf(index, v);
  }
  const out: AliasMatch[] = [];
  const rootNext = index.root.next;
  if (!rootNext) return out;
  let i = 0;
  while (i < n) {
    const first = words[i];
    if (first.length === 0 || !rootNext.has(first[0])) {
      i++;
      continue;
    }
    const sentence = tokens[i].sentence;
    let node: TrieNode | undefined = index.root;
    let bestEnd = -1;
    let best: Array<{ id: string; kind: MatchKind }> = [];
    for (let j = i; j < n && node; j++) {
      if (tokens[j].sentence !== sentence) break;
      if (transparent[j]) continue;
      const ws = words[j];
      if (ws.length === 0) break;
      for (let w = 0; w < ws.length && node; w++) node = node.next?.get(ws[w]);
      if (!node) break;
      if (node.entries) {
        const candidates = accept(node.entries, tokens, i, j + 1);
        if (candidates.length > 0) {
          bestEnd = j + 1;
          best = candidates;
        }
      }
    }
    if (bestEnd < 0) {
      i++;
      continue;
    }
    const start = tokens[i].start;
    const end = tokens[bestEnd - 1].end;
    // Offsets come from the tokens, which are slices of `text`; the guard keeps a bad caller honest.
    if (end <= text.length) out.push({ start, end, tokenStart: i, tokenEnd: bestEnd, candidates: best });
    i = bestEnd;
  }
  return out;
}
