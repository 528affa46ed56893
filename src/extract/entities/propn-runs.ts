import type { Sentence, Token } from '../../document/segment.js';
import { isAcronym, isCapitalised } from './fold.js';
import type { EntityLexicons } from './lexicons.js';
import { isHyphen, tokenWord } from './phrase-set.js';
import type { NerSpan } from './types.js';

/**
 * The fallback name detector, used when no NER model is loaded: runs of
 * capitalised proper nouns within a sentence, joined by name connectors
 * ("National Council of Resistance of Iran", "Hadi-al Ameri", "Osama bin
 * Laden"). A sentence-initial word counts only when wink tags it PROPN.
 * Types are left to the linker (`type` is 'MISC', `score` 0.5).
 *
 * @example propnRuns(tokens, sentences, lex) // "… commander Qassem Soleimani in Iraq" → [Qassem Soleimani]
 */
export function propnRuns(tokens: readonly Token[], sentences: readonly Sentence[], lex: EntityLexicons): NerSpan[] {
  const out: NerSpan[] = [];
  for (const s of sentences) {
    let i = s.tokenStart;
    while (i < s.tokenEnd) {
      if (!startsName(tokens, i, s, lex)) {
        i++;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j < s.tokenEnd && isNameWord(tokens, j, s, lex)) {
          j++;
          continue;
        }
        const skip = connectorLength(tokens, j, s.tokenEnd, lex);
        if (skip > 0 && isNameWord(tokens, j + skip, s, lex)) {
          j += skip + 1;
          continue;
        }
        break;
      }
      out.push({ tokenStart: i, tokenEnd: j, type: 'MISC', score: 0.5 });
      i = j;
    }
  }
  return out;
}

function atClauseStart(tokens: readonly Token[], i: number, s: Sentence): boolean {
  if (i === s.tokenStart) return true;
  const prev = tokens[i - 1].value;
  return prev === '“' || prev === '"' || prev === '‘' || prev === ':' || prev === '(' || prev === '[' || prev === '—';
}

function isNameWord(tokens: readonly Token[], i: number, s: Sentence, lex: EntityLexicons): boolean {
  if (i >= s.tokenEnd) return false;
  const t = tokens[i];
  if (t.kind !== 'word' && t.kind !== 'abbreviation') return false;
  if (!isCapitalised(t.value) && !isAcronym(t.value)) return false;
  if (t.value === 'I') return false;
  const w = tokenWord(t);
  if (atClauseStart(tokens, i, s)) {
    if (t.pos !== 'PROPN') return false;
    if (lex.nonNameWords.has(w)) return false;
  }
  return true;
}

function startsName(tokens: readonly Token[], i: number, s: Sentence, lex: EntityLexicons): boolean {
  if (!isNameWord(tokens, i, s, lex)) return false;
  const w = tokenWord(tokens[i]);
  if (lex.nonNameWords.has(w) && !isAcronym(tokens[i].value)) return false;
  // A month or weekday opens a name only before another capitalised word ("October Revolution").
  if (lex.calendarWords.has(w)) {
    const next = tokens[i + 1];
    return i + 1 < s.tokenEnd && isNameWord(tokens, i + 1, s, lex) && !lex.calendarWords.has(tokenWord(next)) && !/^\d/.test(next.value);
  }
  return true;
}

/**
 * Tokens of a connector at `j` ("of", "al", "al -", "-" before a particle,
 * "bin"), or 0. A bare hyphen joins only around a particle so that
 * "Iran-Iraq" stays two names while "Hadi-al Ameri" is one.
 */
export function connectorLength(tokens: readonly Token[], j: number, end: number, lex: EntityLexicons): number {
  if (j >= end) return 0;
  const t = tokens[j];
  const w = tokenWord(t);
  if (isHyphen(t)) {
    const next = tokens[j + 1];
    const prev = tokens[j - 1];
    if (!next || next.spaceBefore || t.spaceBefore) return 0;
    if (lex.nameConnectors.has(tokenWord(next)) && tokenWord(next) !== 'of') {
      // "Hadi-al Ameri" / "Hadi-al-Ameri"
      const after = tokens[j + 2];
      if (after && j + 2 < end && isHyphen(after) && !after.spaceBefore) return 3;
      return 2;
    }
    if (prev && lex.nameConnectors.has(tokenWord(prev))) return 1;
    return 0;
  }
  if (lex.nameConnectors.has(w) && !isCapitalised(t.value)) {
    const next = tokens[j + 1];
    // "al-Ameri": the particle and its hyphen together.
    if (next && j + 1 < end && isHyphen(next) && !next.spaceBefore) return 2;
    return 1;
  }
  return 0;
}
