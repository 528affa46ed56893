/**
 * The tone lexicon (`data/lexicons/tone/tone.yaml`): word polarities for
 * political and conflict writing, phrases that neutralise them ("Supreme
 * Leader") and negators. Documented in the YAML file itself.
 */
import { readFileSync } from 'node:fs';
// js-yaml, not yaml: 5× faster to load; lexicon.test.ts checks both read the file alike.
import { load as parseYaml } from 'js-yaml';
import { stemKey } from './lexicon.js';

export interface ToneLexicon {
  /** Light stem → polarity in [-1, 1]. */
  polarity: Map<string, number>;
  /** Token-key sequences whose words carry no polarity. */
  neutral: string[][];
  /** The first key of every neutral phrase: most tokens start none, and are skipped with one lookup. */
  neutralFirst: Set<string>;
  negators: Set<string>;
}

interface ToneSource {
  negators?: string[];
  neutral?: string[];
  negative?: Record<string, number>;
  positive?: Record<string, number>;
}

/** Read and check the tone lexicon; throws on a word listed twice or a weight with the wrong sign. */
export function readToneLexicon(file: string): ToneLexicon {
  // js-yaml refuses duplicate keys inside one map by default.
  const src = parseYaml(readFileSync(file, 'utf8')) as ToneSource;
  const polarity = new Map<string, number>();
  const problems: string[] = [];
  const add = (word: string, w: number, sign: number) => {
    if (typeof w !== 'number' || Number.isNaN(w) || Math.sign(w) !== sign || Math.abs(w) > 1) problems.push(`${word}: bad weight ${w}`);
    for (const key of keysOf(word)) {
      if (polarity.has(key)) problems.push(`${word}: listed twice (as ${key})`);
      polarity.set(key, w);
    }
  };
  for (const [word, w] of Object.entries(src.negative ?? {})) add(word, w, -1);
  for (const [word, w] of Object.entries(src.positive ?? {})) add(word, w, 1);
  const neutral: string[][] = [];
  for (const phrase of src.neutral ?? []) {
    const keys = phrase.toLowerCase().split(/\s+/).map(stemKey);
    if (neutral.some((n) => n.join(' ') === keys.join(' '))) problems.push(`neutral phrase listed twice: ${phrase}`);
    neutral.push(keys);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { polarity, neutral, neutralFirst: new Set(neutral.map((p) => p[0])), negators: new Set((src.negators ?? []).map((n) => stemKey(n.toLowerCase()))) };
}

// The keys a lexicon word is stored under (its light stem, as tokens are looked up).
function keysOf(word: string): string[] {
  const w = stemKey(word.toLowerCase());
  return [w];
}
