/**
 * Words ↔ small integer ids, for the flat tries. Ids follow the sorted order of
 * the words, so a vocabulary built from the same words is always the same.
 */
export interface Vocabulary {
  readonly words: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
}

export function vocabularyOf(words: Iterable<string>): Vocabulary {
  return vocabularyFromWords([...new Set(words)].sort());
}

/** A vocabulary from its word list (already sorted and distinct, as `vocabularyOf` writes it). */
export function vocabularyFromWords(words: readonly string[]): Vocabulary {
  const ids = new Map<string, number>();
  for (let i = 0; i < words.length; i++) ids.set(words[i], i);
  return { words, ids };
}
