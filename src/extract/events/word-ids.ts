import type { CompiledDictionaries } from './dictionary/compile.js';
import type { CoderWord } from './shallow-parse.js';

/** A sentence's words as dictionary vocabulary ids (-1: no dictionary knows the word). */
export interface SentenceIds {
  /** Id of each word's lower-cased surface (`raw`). */
  raw: number[];
  /** Id of each word's normalised form (`norm`; the same id when norm equals raw). */
  norm: number[];
}

/**
 * Look every word up once: the name trie, the verb forms, the pattern words and
 * the discards all read these ids instead of hashing the same strings again.
 */
export function sentenceIds(words: readonly CoderWord[], dict: CompiledDictionaries): SentenceIds {
  const vocabulary = dict.vocabulary;
  // plain arrays: a small typed array costs more to allocate than it saves here
  const raw: number[] = [];
  const norm: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const r = vocabulary.get(w.raw) ?? -1;
    raw.push(r);
    norm.push(w.norm === w.raw ? r : (vocabulary.get(w.norm) ?? -1));
  }
  return { raw, norm };
}
