/**
 * Regular English inflections, generated the way PETRARCH expects its
 * dictionaries to be read: verb entries list the base form (plus irregular forms
 * in `{…}`), nouns in synsets and agents get a regular plural. We generate a few
 * spelling variants (with and without a doubled final consonant) because a
 * form that never occurs in text costs nothing.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function isConsonant(c: string | undefined): boolean {
  return c !== undefined && c >= 'a' && c <= 'z' && !VOWELS.has(c);
}

/** Regular plural of a noun: -s, -es after s/x/z/ch/sh, -ies after consonant + y. */
export function pluralOf(word: string): string {
  if (word.length === 0) return word;
  const last = word[word.length - 1];
  if (last === 'y' && isConsonant(word[word.length - 2])) return `${word.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/**
 * Regular forms of a verb (base included): third person, past, gerund.
 * @example verbForms('restore') // ['restore','restores','restored','restoring']
 */
export function verbForms(base: string): string[] {
  const out = new Set<string>([base]);
  if (!/^[a-z]+$/.test(base)) return [...out];
  const last = base[base.length - 1];
  const beforeLast = base[base.length - 2];
  // third person
  if (last === 'y' && isConsonant(beforeLast)) out.add(`${base.slice(0, -1)}ies`);
  else if (/(?:s|x|z|ch|sh|o)$/.test(base)) out.add(`${base}es`);
  else out.add(`${base}s`);
  // past
  if (last === 'e') out.add(`${base}d`);
  else if (last === 'y' && isConsonant(beforeLast)) out.add(`${base.slice(0, -1)}ied`);
  else out.add(`${base}ed`);
  // gerund
  if (base.endsWith('ie')) out.add(`${base.slice(0, -2)}ying`);
  else if (last === 'e' && !base.endsWith('ee') && base.length > 2) out.add(`${base.slice(0, -1)}ing`);
  else out.add(`${base}ing`);
  // consonant-vowel-consonant endings double the consonant: ban → banned, stop → stopping
  if (isConsonant(last) && !'wxy'.includes(last) && VOWELS.has(beforeLast ?? '') && isConsonant(base[base.length - 3])) {
    out.add(`${base}${last}ed`);
    out.add(`${base}${last}ing`);
  }
  return [...out];
}
