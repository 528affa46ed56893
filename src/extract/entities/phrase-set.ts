import type { Token } from '../../document/segment.js';
import { foldWord } from './fold.js';

/**
 * A set of multi-word phrases matched over tokens, longest first. Words are
 * folded (`foldWord`); hyphen tokens are skipped on both sides, so
 * "secretary-general" matches "secretary - general" and "secretary general".
 */
export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();
  readonly size: number;

  constructor(phrases: Iterable<string>) {
    let n = 0;
    for (const p of phrases) {
      const words = phraseWords(p);
      if (words.length === 0) continue;
      const list = this.byFirst.get(words[0]) ?? [];
      list.push(words);
      this.byFirst.set(words[0], list);
      n++;
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
    this.size = n;
  }

  /**
   * Number of tokens of the longest phrase that starts at token `i` (0 when none), within `[i, limit)`.
   * `words`, when given, holds `tokenWord` of every token (computed once per document).
   */
  matchAt(tokens: readonly Token[], i: number, limit = tokens.length, words?: readonly string[]): number {
    const first = tokens[i];
    if (!first) return 0;
    const list = this.byFirst.get(words ? words[i] : tokenWord(first));
    if (!list) return 0;
    for (const phrase of list) {
      let t = i;
      let w = 0;
      while (w < phrase.length && t < limit) {
        const tok = tokens[t];
        if (isHyphen(tok) && w > 0) {
          t++;
          continue;
        }
        if ((words ? words[t] : tokenWord(tok)) !== phrase[w]) break;
        w++;
        t++;
      }
      if (w === phrase.length) return t - i;
    }
    return 0;
  }

  /** The first words of the phrases (a word that is none of them starts no match). */
  firstWords(): IterableIterator<string> {
    return this.byFirst.keys();
  }

  has(phrase: string): boolean {
    const words = phraseWords(phrase);
    const list = this.byFirst.get(words[0] ?? '');
    return !!list && list.some((l) => l.length === words.length && l.every((w, k) => w === words[k]));
  }
}

export function phraseWords(p: string): string[] {
  return foldWord(p)
    .split(/[\s-]+/)
    .filter((w) => w.length > 0);
}

/** The folded word of a token: wink's lower-cased form when plain ASCII (the common case, no allocation), else folded. */
export function tokenWord(t: Token): string {
  const l = t.lower;
  if (l.length !== t.value.length) return foldWord(t.value);
  for (let i = 0; i < l.length; i++) if (l.charCodeAt(i) > 127) return foldWord(t.value);
  return l;
}

export function isHyphen(t: Token): boolean {
  return t.value === '-' || t.value === '‐' || t.value === '‑';
}
