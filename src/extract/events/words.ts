import type { Sentence, Token } from '../../document/segment.js';
import type { CoderWord } from './shallow-parse.js';

const CURLY = /[\u2018\u2019]/g;

function straight(s: string): string {
  return s.indexOf('\u2019') < 0 && s.indexOf('\u2018') < 0 ? s : s.replace(CURLY, "'");
}

/** A letter or digit: hyphen compounds join word characters only. */
function wordy(value: string): boolean {
  const c = value.charCodeAt(value.length - 1);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

/**
 * The coder's view of a sentence's tokens (curly apostrophes straightened, as the
 * dictionaries write them). Hyphen compounds the segmenter splits ("Al - Qaeda",
 * "state - run") are one word again, because the dictionaries list them whole
 * (AL-QAEDA, BARAD-DUR); a compound ending in a verb part ("state-run", "so-called")
 * is an adjective unless `isVerbForm` knows it ("re-elect"). A glued `_`
 * ("Dol_Amroth") is dropped: the dictionaries' `_` means "next word".
 */
export function sentenceWords(
  tokens: readonly Token[],
  sentence: Sentence,
  isVerbForm?: (word: string) => boolean,
  /** false when the caller knows the sentence holds no curly apostrophe (nothing to straighten then). */
  curly = true,
): CoderWord[] {
  const out: CoderWord[] = [];
  for (let t = sentence.tokenStart; t < sentence.tokenEnd; t++) {
    const tok = tokens[t];
    const next = t + 1 < sentence.tokenEnd ? tokens[t + 1] : undefined;
    if (tok.value === '_' && !tok.spaceBefore && out.length > 0 && next && !next.spaceBefore) continue;
    const c = tok.value.charCodeAt(0);
    // `lower` is `value` lower-cased (the Token contract), so the surface form and the
    // normalised form are one string: no second lower-casing, and comparing them is free.
    const norm = curly ? straight(tok.lower) : tok.lower;
    const word: CoderWord = {
      start: tok.start,
      end: tok.end,
      raw: norm,
      norm,
      pos: tok.pos,
      cap: c >= 65 && c <= 90,
      spaceBefore: tok.spaceBefore,
    };
    // Glue "X - Y" (no spaces) into "x-y".
    let merged = false;
    while (t + 2 < sentence.tokenEnd) {
      const dash = tokens[t + 1];
      const part = tokens[t + 2];
      // (the flags first: most next tokens follow a space, and then neither string is read)
      if (dash.spaceBefore || part.spaceBefore || dash.value.length !== 1 || dash.value.charCodeAt(0) !== 45 || !wordy(tokens[t].value) || !wordy(part.value))
        break;
      const joined = `${word.raw}-${straight(part.lower)}`;
      word.raw = joined;
      word.norm = joined;
      word.end = part.end;
      word.pos = part.pos === 'PROPN' || word.pos === 'PROPN' ? 'PROPN' : part.pos;
      merged = true;
      t += 2;
    }
    if (merged && word.pos === 'VERB' && !isVerbForm?.(word.raw)) word.pos = 'ADJ';
    out.push(word);
  }
  return out;
}
