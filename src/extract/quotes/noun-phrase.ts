import type { Token } from '../../document/segment.js';
import { TIME_PHRASE_HEADS } from './time-words.js';

/**
 * Token-level noun-phrase walks used to find the speaker next to a reporting
 * cue. They run on wink-nlp's POS tags with a few word lists; they do not parse,
 * they stop at the first token that cannot belong to a subject.
 */

/** Token range `[start, end)` (token indices). */
export interface TokenRange {
  start: number;
  end: number;
}

const NOUNISH = new Set(['PROPN', 'NOUN', 'NUM', 'ADJ']);
// Between a reporting verb and its subject: "has also said", "did not deny", "reportedly wrote".
const VERB_PREFIX = new Set([
  'has',
  'have',
  'had',
  'will',
  'would',
  'did',
  'does',
  'do',
  'not',
  "n't",
  'also',
  'never',
  'reportedly',
  'later',
  'then',
  'previously',
  'once',
  'further',
  'again',
  'repeatedly',
  'publicly',
  'privately',
  'recently',
  'earlier',
  'first',
  'just',
  'already',
  'flatly',
  'quickly',
  'explicitly',
  'simply',
  'often',
  'still',
  'is',
  'was',
  'were',
  'are',
  'been',
  'be',
  'could',
  'can',
  'may',
  'might',
  'should',
  'must',
]);
// Pronouns that can be the subject of a reporting verb (not "him", "them", "itself").
const SPEAKER_PRONOUNS = new Set([
  'he',
  'she',
  'they',
  'it',
  'we',
  'i',
  'you',
  'who',
  'which',
  'that',
  'one',
  'someone',
  'others',
  'some',
  'many',
  'both',
  'each',
  'everyone',
  'nobody',
  'this',
  'these',
  'those',
  'all',
]);
// Quantifiers that stand alone as a subject ("Many speculated that …", "most of them said …").
const QUANTIFIERS = new Set(['many', 'most', 'some', 'several', 'few', 'both', 'all', 'others', 'half', 'none', 'each']);
const OF_PRONOUN = new Set(['them', 'us', 'those', 'these']);
// A quantifier after these is part of a larger phrase or not a subject ("the many", "a few").
const QUANTIFIED_BEFORE = new Set(['DET', 'ADJ', 'ADV', 'ADP', 'NUM']);
// Prepositions that may sit inside a speaker phrase ("Council of Resistance of Iran", "spokesman for the group").
const NP_INNER_ADP = new Set(['of', 'for', 'at', 'from', 'to', 'in', 'on']);
const OPEN_BRACKET = new Set(['(', '[']);
const CLOSE_BRACKET = new Set([')', ']']);
const MAX_NP = 16;
// A bracket inside a phrase spans at most this many tokens: "(NCRI)", "(D-N.Y.)" = ( D - N . Y. ).
const MAX_BRACKET = 8;

export function isPossessive(t: Token): boolean {
  return t.lower === "'s" || t.lower === '’s' || t.lower === "'" || t.lower === '’';
}

function nounish(t: Token): boolean {
  return NOUNISH.has(t.pos) || isPossessive(t) || t.kind === 'number';
}

const GRADING = new Set(['most', 'more', 'less', 'least', 'very']);

const CAPITALIZED_WORD = /^\p{Lu}\p{Ll}+$/u;

/**
 * A capitalized word tagged as a verb right before a reporting verb is a name, not an
 * auxiliary: "Will wrote" (George Will), "Read said", "May said" (a modal takes a base form).
 */
export function verbTaggedName(t: Token): boolean {
  return (t.pos === 'AUX' || t.pos === 'VERB') && CAPITALIZED_WORD.test(t.value);
}

/** A hyphen joined to the words on both sides: "small-business", "45-year-old". */
function innerHyphen(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  return t.value === '-' && !t.spaceBefore && k + 1 < tokens.length && !tokens[k + 1].spaceBefore;
}

/** Skip auxiliaries, negation and adverbs to the left of a verb at `v`; returns the index of the last token before them. */
export function skipVerbPrefixLeft(tokens: readonly Token[], v: number, lo: number): number {
  let j = v - 1;
  let n = 0;
  while (j >= lo && n < 4 && !verbTaggedName(tokens[j]) && (VERB_PREFIX.has(tokens[j].lower) || (tokens[j].pos === 'ADV' && tokens[j].lower.endsWith('ly')))) {
    j--;
    n++;
  }
  return j;
}

/**
 * The subject that ends at token `j` (inclusive), walking left no further than
 * `lo`: a pronoun alone, or a run of nouns, adjectives, numbers, possessives,
 * bracketed acronyms and inner prepositions, closed on the left by a determiner.
 * Returns null when token `j` cannot end a subject.
 *
 * @example "the Iranian opposition National Council of Resistance of Iran (NCRI)" before "wrote"
 */
export function subjectEndingAt(tokens: readonly Token[], j: number, lo: number): TokenRange | null {
  if (j < lo) return null;
  const last = tokens[j];
  // "most of them said", "many of those": a quantifier over a pronoun.
  if (OF_PRONOUN.has(last.lower) && j - 2 >= lo && tokens[j - 1].lower === 'of' && QUANTIFIERS.has(tokens[j - 2].lower)) return { start: j - 2, end: j + 1 };
  // "Many speculated", "Most say": a bare quantifier is tagged ADJ or DET, not PRON.
  if (QUANTIFIERS.has(last.lower) && last.pos !== 'NOUN' && last.pos !== 'PROPN' && (j === lo || !QUANTIFIED_BEFORE.has(tokens[j - 1].pos)))
    return { start: j, end: j + 1 };
  if (last.pos === 'PRON') return SPEAKER_PRONOUNS.has(last.lower) ? { start: j, end: j + 1 } : null;
  let k = j;
  let n = 0;
  let sawNoun = false;
  while (k >= lo && n < MAX_NP) {
    const t = tokens[k];
    if (CLOSE_BRACKET.has(t.value)) {
      // A bracketed acronym inside the phrase: "(NCRI)".
      let m = k - 1;
      while (m >= lo && m > k - MAX_BRACKET && !OPEN_BRACKET.has(tokens[m].value)) m--;
      if (m < lo || !OPEN_BRACKET.has(tokens[m].value)) break;
      n += k - m + 1;
      k = m - 1;
      continue;
    }
    if (nounish(t) || (k === j && verbTaggedName(t))) {
      if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.kind === 'number' || t.pos === 'NUM' || k === j) sawNoun = true;
      k--;
      n++;
      continue;
    }
    if (t.pos === 'DET' && t.lower !== 'that') {
      // "the general" is tagged DET ADJ: a determiner makes the adjective a noun phrase.
      if (!sawNoun && k < j) sawNoun = true;
      if (sawNoun) k--;
      break;
    }
    if (t.pos === 'ADP' && NP_INNER_ADP.has(t.lower) && sawNoun && k - 1 >= lo && nounish(tokens[k - 1])) {
      k--;
      n++;
      continue;
    }
    if ((t.lower === 'and' || t.lower === '&') && sawNoun && k - 1 >= lo && tokens[k - 1].pos === 'PROPN' && tokens[k + 1]?.pos === 'PROPN') {
      k--;
      n++;
      continue;
    }
    if ((t.value === '.' || t.value === '-') && !t.spaceBefore && k - 1 >= lo && tokens[k - 1].pos === 'PROPN') {
      // "Mr." or "U.S." split by the tokenizer, or "Hadi-al".
      k--;
      n++;
      continue;
    }
    if (sawNoun && k - 1 >= lo && innerHyphen(tokens, k) && nounish(tokens[k - 1])) {
      // A hyphenated modifier: "a small-business owner", "a 45-year-old mother".
      k--;
      n++;
      continue;
    }
    break;
  }
  const start = k + 1;
  if (start > j || !sawNoun) return null;
  // A phrase cannot start with a preposition or a possessive clitic.
  let s = start;
  while (s <= j && (tokens[s].pos === 'ADP' || isPossessive(tokens[s]))) s++;
  if (s > j) return null;
  return { start: s, end: j + 1 };
}

/**
 * A "subject" that is a time phrase or a prepositional object ("on Saturday",
 * "last year") is an adjunct before the verb: the subject is the phrase before
 * it, when there is one.
 */
export function subjectAcrossAdjunct(tokens: readonly Token[], found: TokenRange | null, lo: number): TokenRange | null {
  if (!found) return found;
  let j = found.start - 1;
  const isTime = TIME_PHRASE_HEADS.has(tokens[found.end - 1].lower);
  const afterAdp = j >= lo && tokens[j].pos === 'ADP';
  if (!isTime && !afterAdp) return found;
  if (afterAdp) j--;
  if (j >= lo && tokens[j].value === ',') j--;
  const before = subjectEndingAt(tokens, j, lo);
  return before ?? found;
}

/**
 * The noun phrase that starts at token `i` and runs right, no further than `hi`
 * (exclusive): for inverted cues ("…, said John Smith") and "according to X".
 */
export function phraseStartingAt(tokens: readonly Token[], i: number, hi: number, namesTaggedVerb = false): TokenRange | null {
  if (i >= hi) return null;
  const first = tokens[i];
  if (first.pos === 'PRON') return { start: i, end: i + 1 };
  let k = i;
  let sawNoun = false;
  let n = 0;
  while (k < hi && n < MAX_NP) {
    const t = tokens[k];
    // A determiner opens the phrase, or the object of an inner preposition ("the head of the council").
    if (t.pos === 'DET' && ((!sawNoun && k === i) || (k > i && tokens[k - 1].pos === 'ADP' && NP_INNER_ADP.has(tokens[k - 1].lower)))) {
      k++;
      n++;
      continue;
    }
    // Where only a name can stand ('…,” said Concord resident Whit Symms'), a capitalised
    // word that wink tags as a verb is one ('Concord', 'Grant', 'Will').
    if (nounish(t) || (namesTaggedVerb && verbTaggedName(t) && k + 1 < hi && (nounish(tokens[k + 1]) || verbTaggedName(tokens[k + 1])))) {
      if (t.pos !== 'ADJ') sawNoun = true;
      k++;
      n++;
      continue;
    }
    // A graded adjective inside the phrase: "the most recent data", "a very senior official".
    if (t.pos === 'ADV' && GRADING.has(t.lower) && k + 2 < hi && tokens[k + 1].pos === 'ADJ' && nounish(tokens[k + 2])) {
      k++;
      n++;
      continue;
    }
    if (OPEN_BRACKET.has(t.value) && sawNoun) {
      let m = k + 1;
      while (m < hi && m < k + MAX_BRACKET && !CLOSE_BRACKET.has(tokens[m].value)) m++;
      if (m >= hi || !CLOSE_BRACKET.has(tokens[m].value)) break;
      n += m - k + 1;
      k = m + 1;
      continue;
    }
    if (t.pos === 'ADP' && NP_INNER_ADP.has(t.lower) && sawNoun && k + 1 < hi && (nounish(tokens[k + 1]) || tokens[k + 1].pos === 'DET')) {
      k++;
      n++;
      continue;
    }
    if ((t.lower === 'and' || t.lower === '&') && sawNoun && tokens[k - 1]?.pos === 'PROPN' && tokens[k + 1]?.pos === 'PROPN') {
      k++;
      n++;
      continue;
    }
    // An initial's dot ("John F. Kennedy"), not a sentence's last dot before a new paragraph ('said Holan.\n\nSocial media').
    if (
      (t.value === '.' || t.value === '-') &&
      !t.spaceBefore &&
      tokens[k - 1]?.pos === 'PROPN' &&
      k + 1 < hi &&
      tokens[k + 1].pos === 'PROPN' &&
      tokens[k + 1].start - t.end <= 1 &&
      tokens[k + 1].sentence === t.sentence
    ) {
      k++;
      n++;
      continue;
    }
    if (k > i && k + 1 < hi && innerHyphen(tokens, k) && nounish(tokens[k - 1]) && nounish(tokens[k + 1])) {
      k++;
      n++;
      continue;
    }
    break;
  }
  if (!sawNoun) return null;
  let end = k;
  while (end > i && (tokens[end - 1].pos === 'ADP' || tokens[end - 1].pos === 'DET')) end--;
  return end > i ? { start: i, end } : null;
}

const RELATIVE_SUBJECTS = new Set(['who', 'which']);
const CLAUSE_CLOSERS = new Set([',', '—', '–', '-', ')']);

/**
 * The antecedent of a relative pronoun subject whose clause closes before `before`: in
 * "Reid, who endorsed Clinton in February, reiterated … and stressed …" the first subject a
 * walk from the sentence start finds is "who", but a verb after the clause's closing comma
 * belongs to "Reid". Null when `subject` is not such a pronoun, its clause is still open at
 * `before` ("Borders, who are drawn to his message and feel …"), or no phrase ends before it.
 */
export function antecedentOfClosedRelative(tokens: readonly Token[], subject: TokenRange, before: number, lo: number): TokenRange | null {
  const r = subject.start;
  if (subject.end - r !== 1 || !RELATIVE_SUBJECTS.has(tokens[r].lower) || r - 2 < lo) return null;
  // The mark before the pronoun opens its clause (a comma, a dash, a bracket's close).
  if (!CLAUSE_CLOSERS.has(tokens[r - 1].value)) return null;
  let closed = false;
  for (let q = r + 1; q < before; q++) {
    if (CLAUSE_CLOSERS.has(tokens[q].value) && !innerHyphen(tokens, q)) {
      closed = true;
      break;
    }
  }
  return closed ? subjectEndingAt(tokens, r - 2, lo) : null;
}

/**
 * A phrase after a cue with its "by" agent: "according to an analysis by the Pew Research Center" —
 * the analysis is by someone, who is the source as much as the analysis (PolNeAR gives the agent
 * alone, or the whole phrase).
 */
export function withAgent(tokens: readonly Token[], phrase: TokenRange | null, hi: number): TokenRange | null {
  if (!phrase || phrase.end + 1 >= hi || tokens[phrase.end].lower !== 'by') return phrase;
  const agent = phraseStartingAt(tokens, phrase.end + 1, hi, true);
  return agent ? { start: phrase.start, end: agent.end } : phrase;
}
