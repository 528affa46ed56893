/**
 * Case and diacritic folding for look-ups. `foldWord` keeps apostrophes (as ')
 * so that "Shi’ite" and "Shi'ite" meet; `looseKey` drops everything but letters
 * and digits and the Arabic article particles, so that "Hadi-al Ameri",
 * "Hadi al-Ameri" and "Hadi Al Ameri" share one key.
 */
import { foldWords } from '../../kb/fold.js';

const COMBINING = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u2018\u2019\u02bc\u02bb`´]/g;

// Non-ASCII words are few and repeat (’s, “, ”, Shi’ite): memoise their folding.
const FOLDED = new Map<string, string>();
const FOLDED_LIMIT = 50_000;

export function foldWord(s: string): string {
  const out = s.toLowerCase();
  let ascii = true;
  for (let i = 0; i < out.length && ascii; i++) if (out.charCodeAt(i) > 127) ascii = false;
  if (ascii) return out;
  let folded = FOLDED.get(out);
  if (folded === undefined) {
    // NFD is the slow part; only non-ASCII words get here.
    folded = out.normalize('NFD').replace(COMBINING, '').replace(APOSTROPHES, "'");
    if (FOLDED.size >= FOLDED_LIMIT) FOLDED.clear();
    folded = detached(folded);
    FOLDED.set(detached(out), folded);
  }
  return folded;
}

/**
 * A copy of `s` that does not hold on to the string it was sliced from. V8
 * makes a slice of 13 or more characters a view into its parent, so a memo
 * keyed by `doc.text.slice(…)` would keep every document's whole text alive.
 */
function detached(s: string): string {
  // Concatenation then slicing flattens into a new string of s.length + 1 characters.
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** Particles that transliterations attach, detach or drop at will. */
const PARTICLES = new Set(['al', 'el', 'ul', 'ad', 'ar', 'as', 'an', 'at', 'az']);

/** A key that ignores case, diacritics, punctuation, hyphenation and Arabic article particles. */
const LOOSE = new Map<string, string>();

export function looseKey(s: string): string {
  let key = LOOSE.get(s);
  if (key === undefined) {
    key = computeLooseKey(s);
    if (LOOSE.size >= FOLDED_LIMIT) LOOSE.clear();
    key = detached(key);
    LOOSE.set(detached(s), key);
  }
  return key;
}

// The KB's folding (src/kb/fold.ts) is the one normal form of names; the loose key
// only drops the article particles that transliterations attach or leave out.
function computeLooseKey(s: string): string {
  return foldWords(s)
    .filter((w) => !PARTICLES.has(w))
    .join(' ');
}

/** Lower-case slug for document-local ids: "Iraqi activists" → "iraqi-activists". */
export function slug(s: string): string {
  // Local names repeat within and across documents: memoised like the loose key.
  let out = SLUGS.get(s);
  if (out === undefined) {
    const joined = foldWords(s).join('-');
    out = detached(joined.length > 0 ? joined : 'x');
    if (SLUGS.size >= FOLDED_LIMIT) SLUGS.clear();
    SLUGS.set(detached(s), out);
  }
  return out;
}
const SLUGS = new Map<string, string>();

/** True when the first character is an upper-case letter. */
export function isCapitalised(s: string): boolean {
  const code = s.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90; // ASCII fast path: no string allocation
  const c = s.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** True for all-capital words of two or more letters ("IRGC", "NCRI"). */
export function isAcronym(s: string): boolean {
  return s.length >= 2 && s.length <= 8 && /^[A-Z][A-Z0-9&.]*[A-Z0-9.]$/.test(s) && /[A-Z].*[A-Z]/.test(s);
}
