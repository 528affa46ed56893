import type { Token } from '../../document/segment.js';
import { isCapitalised } from './fold.js';
import type { EntityLexicons } from './lexicons.js';
import { connectorLength } from './propn-runs.js';
import type { NerSpan } from './types.js';

/** A title inside or before a name: "Minister of Labor", "Supreme Leader", "Ayatollah". */
export interface TitleSpan {
  tokenStart: number;
  tokenEnd: number;
  /** Honorifics ("Mr", "Ayatollah") prefix a name but state no role. */
  honorific: boolean;
}

/**
 * Capitalised titles anywhere in the text ("Minister of Labor", "Supreme
 * Leader", "Ayatollah"), found independently of the name spans, whose tokens
 * are then cut out of those spans: "Minister of Labor Hadi-al Ameri" → title
 * "Minister of Labor" + name "Hadi-al Ameri", even when a tagger read "Labor Hadi".
 */
export function splitTitles(
  tokens: readonly Token[],
  words: readonly string[],
  spans: readonly NerSpan[],
  lex: EntityLexicons,
): { names: NerSpan[]; titles: TitleSpan[] } {
  const titles: TitleSpan[] = [];
  const inTitle = new Uint8Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!isCapitalised(t.value)) continue;
    const found = titleAt(tokens, words, k, sentenceEnd(tokens, k), lex);
    if (!found) continue;
    // "General Assembly", "Leader Council": a title followed by an organisation head word is part of a name.
    const next = tokens[k + found.length];
    if (next && isCapitalised(next.value) && lex.typeHeads.get(words[k + found.length]) === 'ORGANIZATION') continue;
    titles.push({ tokenStart: k, tokenEnd: k + found.length, honorific: found.honorific });
    for (let j = k; j < k + found.length; j++) inTitle[j] = 1;
    k += found.length - 1;
  }
  const names: NerSpan[] = [];
  for (const span of spans) {
    let start = -1;
    for (let t = span.tokenStart; t <= span.tokenEnd; t++) {
      const free = t < span.tokenEnd && !inTitle[t];
      if (free && start < 0) start = t;
      if (!free && start >= 0) {
        // Written out rather than `{ ...span, … }`: a spread object gets another hidden class than the
        // tagger's literal spans, and the code reading names would be deoptimised on the second one.
        names.push({ tokenStart: start, tokenEnd: t, type: span.type, score: span.score });
        start = -1;
      }
    }
  }
  return { names: joinNameParts(tokens, names, lex), titles };
}

/**
 * Join name spans separated only by a name connector ("Hadi" "-al" "Ameri"),
 * which taggers trained on Western names split. The first part's type wins.
 */
function joinNameParts(tokens: readonly Token[], spans: NerSpan[], lex: EntityLexicons): NerSpan[] {
  const sorted = [...spans].sort((a, b) => a.tokenStart - b.tokenStart);
  const out: NerSpan[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && tokens[prev.tokenEnd]?.sentence === tokens[s.tokenStart].sentence) {
      const gap = connectorLength(tokens, prev.tokenEnd, s.tokenStart, lex);
      if (gap > 0 && prev.tokenEnd + gap === s.tokenStart) {
        out[out.length - 1] = { tokenStart: prev.tokenStart, tokenEnd: s.tokenEnd, type: prev.type, score: Math.min(prev.score, s.score) };
        continue;
      }
    }
    out.push(s);
  }
  return out;
}

function sentenceEnd(tokens: readonly Token[], k: number): number {
  const s = tokens[k].sentence;
  let e = k + 1;
  while (e < tokens.length && e < k + 8 && tokens[e].sentence === s) e++;
  return e;
}

/** The longest title at token `k` (lower-case titles too; callers decide about case). */
export function titleAt(
  tokens: readonly Token[],
  words: readonly string[],
  k: number,
  limit: number,
  lex: EntityLexicons,
): { length: number; honorific: boolean } | null {
  // Most words start no title: one look-up instead of three phrase-set look-ups.
  if (!titleFirstWords(lex).has(words[k])) return null;
  const head = lex.portfolioHeads.matchAt(tokens, k, limit, words);
  if (head > 0 && tokens[k + head]?.lower === 'of' && k + head + 1 < limit) {
    const p = lex.portfolios.matchAt(tokens, k + head + 1, limit, words);
    const len = p > 0 ? p : isCapitalised(tokens[k + head + 1].value) ? 1 : 0;
    if (len > 0) return { length: head + 1 + len, honorific: false };
  }
  const honor = lex.honorifics.matchAt(tokens, k, limit, words);
  const title = lex.titles.matchAt(tokens, k, limit, words);
  if (title === 0 && honor === 0) return null;
  return title >= honor ? { length: title, honorific: false } : { length: honor, honorific: true };
}

const TITLE_FIRST_WORDS = new WeakMap<EntityLexicons, Set<string>>();

/** The words that can start a portfolio head, an honorific or a title (per lexicon set, built on first use). */
function titleFirstWords(lex: EntityLexicons): Set<string> {
  let set = TITLE_FIRST_WORDS.get(lex);
  if (!set) {
    set = new Set([...lex.portfolioHeads.firstWords(), ...lex.honorifics.firstWords(), ...lex.titles.firstWords()]);
    TITLE_FIRST_WORDS.set(lex, set);
  }
  return set;
}
