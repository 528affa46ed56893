/**
 * Folding: the one normal form in which KB names and text tokens are compared.
 * Both sides go through the same functions, so "Hadi-al Ameri", "Hadi al-Ameri"
 * and "Hadi al Ameri" meet as `hadi al ameri`, "Iran’s" as `iran`, "Shi’ite" as
 * `shiite`, "Ruhollah Khomeinī" as `ruhollah khomeini`.
 */

// Apostrophes of every kind (straight, curly, modifier letters, backtick, acute, prime).
const APOSTROPHES = /['\u2018\u2019\u201B\u02BC\u02BB\u02BE\u02BF`\u00B4\u2032]/g;
// Dashes and hyphens of every kind, and slashes: word separators.
const SEPARATORS = /[-\u2010-\u2015\u2212\u00AD/_]/g;
const POSSESSIVE = /(?<=\p{L})'s$/u;
// Anything that is neither a letter nor a digit nor a space (after the steps above).
const OTHER = /[^\p{L}\p{N} ]+/gu;
const SIMPLE_WORD = /^[a-z0-9]+$/;
const SIMPLE_WORDS = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
const COMBINING = /\p{M}+/gu;

/**
 * Fold one word-ish string into its folded words: lower case, no diacritics,
 * apostrophes removed, possessive "'s" dropped, hyphens and slashes as spaces,
 * periods removed ("U.S." → `us`), other punctuation as spaces.
 *
 * @example foldWords("al-Ameri’s") // ['al', 'ameri']
 */
export function foldWords(surface: string): string[] {
  let s = surface.toLowerCase();
  if (SIMPLE_WORD.test(s)) return [s];
  if (SIMPLE_WORDS.test(s)) return s.split(' ');
  // Letters that NFKD does not decompose into base + mark.
  s = s
    .normalize('NFKD')
    .replace(COMBINING, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ı/g, 'i')
    .replace(/đ/g, 'd')
    .replace(/ł/g, 'l');
  s = s.replace(APOSTROPHES, "'");
  const out: string[] = [];
  for (const chunk of s.replace(SEPARATORS, ' ').split(/\s+/)) {
    // A lone possessive token ("’s", split off by the tokenizer) folds to nothing.
    if (chunk === '' || chunk === "'s") continue;
    const word = chunk.replace(POSSESSIVE, '').replace(/['.]/g, '').replace(OTHER, ' ');
    for (const w of word.split(' ')) if (w !== '') out.push(w);
  }
  return out;
}

/**
 * The folded key of a whole name: its folded words joined by one space, with a
 * leading "the" dropped ("the Kremlin" → `kremlin`). Idempotent.
 *
 * @example foldName('The Ayatollahs') // 'ayatollahs'
 */
export function foldName(surface: string): string {
  const words = foldWords(surface);
  while (words.length > 1 && words[0] === 'the') words.shift();
  return words.join(' ');
}
