import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Token } from '../../document/segment.js';

/** One cue phrase learned from annotated news (data/lexicons/quotes/learned-cues.tsv). */
export interface LearnedCue {
  /** Lower-cased token values. */
  tokens: string[];
  phrase: string;
  count: number;
  /** How often the phrase is annotated as a cue when it occurs, in the training data. */
  precision: number;
}

/** First token → learned phrases starting with it, longest first. */
export type LearnedCueIndex = Map<string, LearnedCue[]>;

/**
 * Parse the TSV (`phrase<TAB>count<TAB>precision`, `#` comments, one header
 * row), keeping phrases at or above `minPrecision`. Rejects malformed rows so
 * a bad regeneration fails at load time.
 */
export function parseLearnedCues(tsv: string, minPrecision: number): LearnedCueIndex {
  const index: LearnedCueIndex = new Map();
  for (const line of tsv.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('phrase\t')) continue;
    const [phrase, count, precision] = line.split('\t');
    const cue: LearnedCue = { tokens: phrase.split(' '), phrase, count: Number(count), precision: Number(precision) };
    if (!phrase || !Number.isFinite(cue.count) || !Number.isFinite(cue.precision)) throw new Error(`learned-cues: bad row ${JSON.stringify(line)}`);
    if (cue.precision < minPrecision) continue;
    const list = index.get(cue.tokens[0]);
    if (list) list.push(cue);
    else index.set(cue.tokens[0], [cue]);
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length || b.count - a.count);
  return index;
}

export function loadLearnedCues(dataDir: string, minPrecision: number): LearnedCueIndex {
  return parseLearnedCues(readFileSync(path.join(dataDir, 'lexicons', 'quotes', 'learned-cues.tsv'), 'utf8'), minPrecision);
}

/** The longest learned cue starting at token `i` and ending before `hi`, or null. */
export function learnedCueAt(tokens: readonly Token[], i: number, hi: number, index: LearnedCueIndex): LearnedCue | null {
  const list = index.get(tokens[i].lower);
  if (!list) return null;
  for (const cue of list) {
    if (i + cue.tokens.length > hi) continue;
    let ok = true;
    for (let k = 1; k < cue.tokens.length; k++) {
      if (tokens[i + k].lower !== cue.tokens[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return cue;
  }
  return null;
}
