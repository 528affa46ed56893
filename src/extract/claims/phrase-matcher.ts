import type { Token } from '../../document/segment.js';

/** A phrase to find in the token stream, with the stable id reported when it is found. */
export interface Phrase {
  reason: string;
  tokens: string[];
}

/** First token → the phrases starting with it, longest first. */
export type PhraseMatcher = Map<string, Phrase[]>;

/** Split a lexicon phrase the way wink-nlp splits text ("so-called" → so - called). */
export function phraseTokens(phrase: string): string[] {
  return phrase.toLowerCase().replace(/-/g, ' - ').trim().split(/\s+/);
}

/** Compile phrases; rejects duplicates so that lexicon edits fail loudly. */
export function compilePhrases(entries: ReadonlyArray<{ reason: string; phrase: string }>, what: string): PhraseMatcher {
  const matcher: PhraseMatcher = new Map();
  const seen = new Set<string>();
  for (const e of entries) {
    if (!e || typeof e.phrase !== 'string' || typeof e.reason !== 'string' || !/^[\p{L}\p{N}' »-]+$/u.test(e.phrase)) {
      throw new Error(`${what}: bad entry ${JSON.stringify(e)}`);
    }
    const tokens = phraseTokens(e.phrase);
    const key = tokens.join(' ');
    if (seen.has(key)) throw new Error(`${what}: duplicate phrase "${e.phrase}"`);
    seen.add(key);
    const list = matcher.get(tokens[0]) ?? [];
    list.push({ reason: e.reason, tokens });
    matcher.set(tokens[0], list);
  }
  for (const list of matcher.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return matcher;
}

/** Matches in tokens `[from, to)`, left to right, not overlapping: `[reason, startToken, endToken]`. */
export function findPhrases(tokens: readonly Token[], from: number, to: number, matcher: PhraseMatcher): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  for (let i = from; i < to; i++) {
    const list = matcher.get(tokens[i].lower);
    if (!list) continue;
    for (const p of list) {
      if (i + p.tokens.length > to) continue;
      let ok = true;
      for (let k = 1; k < p.tokens.length; k++) {
        if (tokens[i + k].lower !== p.tokens[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        out.push([p.reason, i, i + p.tokens.length]);
        i += p.tokens.length - 1;
        break;
      }
    }
  }
  return out;
}
