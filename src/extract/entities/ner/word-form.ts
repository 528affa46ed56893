/**
 * How a token looks, independent of its neighbours. Features are computed on a
 * normalised form so that wink-nlp's tokens (curly quotes, "’s", en dashes) look
 * like the CoNLL tokens the model was trained on.
 */

const FORM_MAP: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u02BC': "'",
  '\u2032': "'",
  '`': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2026': '...',
  '\u00A0': ' ',
};
const NEEDS_MAP = /[\u2018\u2019\u201A\u201B\u02BC\u2032`\u201C-\u201F\u2033\u00AB\u00BB\u2010-\u2014\u2212\u2026\u00A0]/g;

/** The token as the features see it: typographic quotes, dashes and ellipses made ASCII. */
export function normalizeForm(value: string): string {
  NEEDS_MAP.lastIndex = 0;
  if (!NEEDS_MAP.test(value)) return value;
  NEEDS_MAP.lastIndex = 0;
  return value.replace(NEEDS_MAP, (c) => FORM_MAP[c] ?? c);
}

/** Character classes: X upper, x lower, d digit; other characters stand for themselves. */
function charClass(code: number, ch: string): string {
  if (code >= 48 && code <= 57) return 'd';
  if (code >= 65 && code <= 90) return 'X';
  if (code >= 97 && code <= 122) return 'x';
  if (code < 128) return ch;
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower !== upper) return ch === upper ? 'X' : 'x';
  return '*';
}

/**
 * Word shapes: the long shape keeps every character class (capped at 12 so that
 * long words do not each get their own shape); the short shape collapses runs
 * ("Soleimani" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d").
 */
export function wordShapes(form: string): { long: string; short: string } {
  let long = '';
  let short = '';
  let last = '';
  for (let i = 0; i < form.length; i++) {
    const c = charClass(form.charCodeAt(i), form[i]);
    if (long.length < 12) long += c;
    if (c !== last) short += c;
    last = c;
  }
  return { long, short };
}

/** Capitalisation classes, used alone and in conjunctions (sentence-initial, headline). */
export const CAP_CLASSES = ['lower', 'init', 'allcaps', 'mixed', 'digit', 'alnum', 'punct', 'other'] as const;
export type CapClass = (typeof CAP_CLASSES)[number];

export function capClass(form: string): CapClass {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let other = 0;
  for (const ch of form) {
    const code = ch.charCodeAt(0);
    if (code >= 48 && code <= 57) digit++;
    else if (ch.toLowerCase() !== ch) upper++;
    else if (ch.toUpperCase() !== ch) lower++;
    else other++;
  }
  const letters = upper + lower;
  if (letters === 0) return digit > 0 ? 'digit' : other > 0 ? 'punct' : 'other';
  if (digit > 0) return 'alnum';
  if (upper === 0) return 'lower';
  if (lower === 0) return 'allcaps';
  const first = form.charAt(0);
  if (first.toLowerCase() !== first && upper === 1) return 'init';
  return 'mixed';
}

/** Does the token begin with an upper-case letter (a name candidate)? */
export function startsUpper(form: string): boolean {
  const first = form.charAt(0);
  return first.toLowerCase() !== first;
}

/** Digits folded to 0, so "1996" and "2020" share a feature. */
export function foldDigits(lower: string): string {
  return /\d/.test(lower) ? lower.replace(/\d/g, '0') : lower;
}
