import type { Token } from '../document/segment.js';
import { childOf, type FlatTrie, FlatTrieBuilder, walk } from './flat-trie.js';
import { foldName, foldWords } from './fold.js';
import { surfacesOf } from './load-kb.js';
import type { AliasMatch, KnowledgeBase, MatchKind } from './types.js';
import { type Vocabulary, vocabularyOf } from './vocabulary.js';

/** Match kinds by their code in an index entry; also their rank (the strongest reading first). */
const KINDS: readonly MatchKind[] = ['name', 'alias', 'title', 'metonym'];
const KIND_CODE: Record<MatchKind, number> = { name: 0, alias: 1, title: 2, metonym: 3 };

/**
 * One way a trie path may be read, packed in an integer:
 * `row << 4 | kind << 2 | capital << 1 | upper`, where `row` is the record's
 * position in `ids`, `capital` says the text's first letter must be upper case
 * ("Hamas", "Tehran", not "us") and `upper` that every letter must be
 * (short acronyms: "IS", "AP", "UN").
 */
const entryOf = (row: number, kind: number, capital: boolean, upper: boolean): number => (row << 4) | (kind << 2) | (capital ? 2 : 0) | (upper ? 1 : 0);

/** A token trie over the folded words of every KB name, alias, title and metonym. */
export interface AliasIndex {
  /** KB id of each record row the entries point at. */
  readonly ids: readonly string[];
  /** Folded words of every surface (a superset of the trie's words). */
  readonly vocabulary: Vocabulary;
  readonly trie: FlatTrie;
  /** Number of distinct folded surfaces. */
  readonly size: number;
  /** Digest of the KB sources, when the index was loaded from the compiled KB (see compiled-kb.ts). */
  readonly sources?: string;
  /** Word ids of token values seen so far (a pure memo: same input, same output). */
  readonly foldCache: FoldCache;
}

/**
 * Token value → its folded words' ids (-1: a word no surface has), as an
 * offset into one growing arena: `words[at]` is the count, the ids follow.
 * One Map slot per value instead of a small typed array each (a long ingest
 * meets ~40k distinct values).
 */
export class FoldCache {
  readonly rows = new Map<string, number>();
  words = new Int32Array(1 << 14);
  used = 0;

  /** Forget everything (a bounded memo); offsets handed out before are void. */
  clear(): void {
    this.rows.clear();
    this.used = 0;
  }

  /** Store ids at the end of the arena; their offset. */
  push(value: string, ids: readonly number[]): number {
    const at = this.used;
    if (at + ids.length + 1 > this.words.length) {
      const bigger = new Int32Array(Math.max(this.words.length * 2, at + ids.length + 1));
      bigger.set(this.words);
      this.words = bigger;
    }
    this.words[at] = ids.length;
    for (let w = 0; w < ids.length; w++) this.words[at + 1 + w] = ids[w];
    this.used = at + ids.length + 1;
    this.rows.set(value, at);
    return at;
  }
}

const FOLD_CACHE_LIMIT = 100_000;
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

/** Every folded word of every surface of `kb`: the vocabulary the KB's tries share. */
export function kbVocabulary(kb: KnowledgeBase): Vocabulary {
  const words: string[] = [];
  for (const entity of kb.entities) for (const { surface } of surfacesOf(entity)) for (const w of foldWords(surface)) words.push(w);
  return vocabularyOf(words);
}

/**
 * Build the alias trie of a knowledge base. Keys are folded word sequences
 * (see `foldWords`); each accepting node keeps the records it names and the kind.
 *
 * @example
 * const index = buildAliasIndex(kb);
 * matchAliases(index, tokens, text); // [{ start, end, tokenStart, tokenEnd, candidates }]
 */
export function buildAliasIndex(kb: KnowledgeBase, vocabulary: Vocabulary = kbVocabulary(kb)): AliasIndex {
  const builder = new FlatTrieBuilder();
  const ids: string[] = [];
  kb.entities.forEach((entity, row) => {
    ids.push(entity.id);
    for (const { surface, kind } of surfacesOf(entity)) {
      const key = foldName(surface);
      if (key === '') continue;
      const entries = builder.entriesAt(key.split(' ').map((w) => vocabulary.ids.get(w) as number));
      const rules = caseRules(surface, kind);
      const code = KIND_CODE[kind];
      const at = entries.findIndex((e) => e >> 4 === row);
      if (at < 0) {
        entries.push(entryOf(row, code, rules.capital, rules.upper));
        continue;
      }
      const same = entries[at];
      const sameCode = (same >> 2) & 3;
      if (code < sameCode) entries[at] = entryOf(row, code, rules.capital, rules.upper);
      // The most permissive spelling of the same reading wins ("al-Qaeda" and "Al-Qaeda").
      else if (code === sameCode) entries[at] = entryOf(row, code, (same & 2) !== 0 && rules.capital, (same & 1) !== 0 && rules.upper);
    }
  });
  return { ids, vocabulary, trie: builder.build(vocabulary.words.length), size: builder.size, foldCache: new FoldCache() };
}

/** An index from its parts (the compiled KB's loader). */
export function aliasIndexFrom(ids: readonly string[], vocabulary: Vocabulary, trie: FlatTrie, size: number, sources: string): AliasIndex {
  return { ids, vocabulary, trie, size, sources, foldCache: new FoldCache() };
}

/**
 * Records whose folded name, alias, title or metonym equals `foldName(surface)`,
 * strongest reading per record, in record order (`KnowledgeBase.lookup`).
 */
export function lookupSurface(index: AliasIndex, surface: string): Array<{ id: string; kind: MatchKind }> {
  const key = foldName(surface);
  if (key === '') return [];
  const node = walk(
    index.trie,
    key.split(' ').map((w) => index.vocabulary.ids.get(w) ?? -1),
  );
  if (node < 0) return [];
  const out: Array<{ id: string; kind: MatchKind }> = [];
  const { entryStart, entries } = index.trie;
  for (let k = entryStart[node]; k < entryStart[node + 1]; k++) out.push({ id: index.ids[entries[k] >> 4], kind: KINDS[(entries[k] >> 2) & 3] });
  return out;
}

/** `wordsAt`'s answer for a hyphen or possessive token, which names skip (tested once per distinct value, then cached). */
const TRANSPARENT_AT = -1;

/** Where a token value's folded word ids sit in the fold cache's arena (or TRANSPARENT_AT). */
function wordsAt(index: AliasIndex, value: string): number {
  const cache = index.foldCache;
  const known = cache.rows.get(value);
  if (known !== undefined) return known;
  if (TRANSPARENT.test(value)) {
    cache.rows.set(value, TRANSPARENT_AT);
    return TRANSPARENT_AT;
  }
  const folded = foldWords(value);
  const ids: number[] = new Array(folded.length);
  for (let w = 0; w < folded.length; w++) ids[w] = index.vocabulary.ids.get(folded[w]) ?? -1;
  return cache.push(value, ids);
}

function isCapitalised(value: string): boolean {
  const c = value.charAt(0);
  return c !== c.toLowerCase() || !LETTER.test(c);
}

function accept(index: AliasIndex, node: number, tokens: readonly Token[], from: number, to: number): Array<{ id: string; kind: MatchKind }> {
  const { entryStart, entries } = index.trie;
  const capital = isCapitalised(tokens[from].value);
  let upperChecked = false;
  let upper = false;
  const out: Array<{ id: string; kind: MatchKind }> = [];
  for (let k = entryStart[node], end = entryStart[node + 1]; k < end; k++) {
    const e = entries[k];
    if (e & 2 && !capital) continue;
    if (e & 1) {
      if (!upperChecked) {
        upperChecked = true;
        upper = true;
        for (let t = from; t < to; t++) if (tokens[t].value !== tokens[t].value.toUpperCase()) upper = false;
      }
      if (!upper) continue;
    }
    out.push({ id: index.ids[e >> 4], kind: KINDS[(e >> 2) & 3] });
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
  // Only between documents, so the offsets of this document's tokens stay valid.
  if (index.foldCache.rows.size + n > FOLD_CACHE_LIMIT) index.foldCache.clear();
  const at = new Int32Array(n);
  for (let t = 0; t < n; t++) at[t] = wordsAt(index, tokens[t].value);
  // Read after every token is in: the arena may have grown.
  const arena = index.foldCache.words;
  const out: AliasMatch[] = [];
  const trie = index.trie;
  const { entryStart } = trie;
  let i = 0;
  while (i < n) {
    const first = at[i];
    if (first === TRANSPARENT_AT || arena[first] === 0 || childOf(trie, 0, arena[first + 1]) < 0) {
      i++;
      continue;
    }
    const sentence = tokens[i].sentence;
    let node = 0;
    let bestEnd = -1;
    let best: Array<{ id: string; kind: MatchKind }> = [];
    for (let j = i; j < n && node >= 0; j++) {
      if (tokens[j].sentence !== sentence) break;
      const ws = at[j];
      if (ws === TRANSPARENT_AT) continue;
      const count = arena[ws];
      if (count === 0) break;
      for (let w = 1; w <= count && node >= 0; w++) node = childOf(trie, node, arena[ws + w]);
      if (node < 0) break;
      if (entryStart[node + 1] > entryStart[node]) {
        const candidates = accept(index, node, tokens, i, j + 1);
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
