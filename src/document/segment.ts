import { partitionPoint, type Span } from './span.js';

/**
 * A token of the stored text. Offsets are `[start, end)` in UTF-16 code units;
 * `value` is always `text.slice(start, end)`.
 */
export interface Token extends Span {
  value: string;
  /** `value` lower-cased (used for lexicon look-ups). */
  lower: string;
  /** Universal POS tag from wink-nlp (PROPN, VERB, …). */
  pos: string;
  /** wink-nlp token type: word, punctuation, number, url, email, emoji, … */
  kind: string;
  /** Index of the sentence that holds this token. */
  sentence: number;
  /** True when white space (or a line break) precedes the token. */
  spaceBefore: boolean;
}

/** A sentence: character span plus the `[tokenStart, tokenEnd)` range of its tokens. */
export interface Sentence extends Span {
  tokenStart: number;
  tokenEnd: number;
}

export interface Segmentation {
  tokens: Token[];
  sentences: Sentence[];
}

/** The slice of wink-nlp that segmentation needs; lets tests pass a stub. */
export interface WinkLike {
  readDoc(text: string): {
    tokens(): { out(f?: unknown): unknown[] };
    sentences(): { out(f?: unknown): unknown[] };
  };
  its: { type: unknown; pos: unknown; span: unknown };
}

const NEWLINE_KIND = 'tabCRLF';
// A line that starts with one of these opens a list item, so the line break before it ends a sentence.
const LIST_MARKER = /^(?:[-*•‣◦–—]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\d{1,3}\)|\(?[ivxIVX]{1,4}[.)])$/;

/**
 * Split normalised text into sentences and tokens with offsets. wink-nlp does
 * the tokenising, tagging and first sentence split (it already knows
 * abbreviations such as "U.S." and "Gen."); this layer maps its tokens back to
 * offsets, ends sentences at paragraph breaks and list items, and glues lone
 * list markers ("1.") to the item they number.
 */
export function segment(text: string, nlp: WinkLike): Segmentation {
  if (text.length === 0) return { tokens: [], sentences: [] };
  const doc = nlp.readDoc(text);
  const its = nlp.its;
  const tokensView = doc.tokens();
  const values = tokensView.out() as string[];
  const kinds = tokensView.out(its.type) as string[];
  const pos = tokensView.out(its.pos) as string[];
  const rawSentences = doc.sentences().out(its.span) as Array<[number, number]>;
  const n = values.length;

  // wink token index → our token index (-1 for line breaks, which we keep only as boundaries).
  const map = new Int32Array(n).fill(-1);
  // Per our token: 1 = a line break precedes it, 2 = a paragraph break does; later also the sentence-start flag (bit 2).
  const flags = new Uint8Array(n + 1);
  const tokens: Token[] = [];
  let cursor = 0;
  let pendingBreak = 0; // 1 = line break, 2 = paragraph break
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const at = text.indexOf(v, cursor);
    const kind = kinds[i];
    if (kind === NEWLINE_KIND) {
      if (pendingBreak < 2) pendingBreak = isParagraphBreak(v) ? 2 : 1;
      if (at >= 0) cursor = at + v.length;
      continue;
    }
    // wink's values are slices of the input, except on rare runs of dots where it
    // re-splits an abbreviation ("Gen..") into a value the text does not hold at
    // the cursor: such a token is dropped rather than given an invented span.
    if (at < 0 || v.length === 0) continue;
    const end = at + v.length;
    const t = tokens.length;
    map[i] = t;
    flags[t] = pendingBreak;
    const spaceBefore = at > 0 && isSpace(text.charCodeAt(at - 1));
    const clitic = kind === 'word' ? possessiveCliticAt(v) : -1;
    if (clitic > 0) {
      tokens.push(makeToken(at, at + clitic, v.slice(0, clitic), pos[i] ?? 'X', 'word', spaceBefore));
      tokens.push(makeToken(at + clitic, end, v.slice(clitic), 'PART', 'word', false));
    } else {
      tokens.push(makeToken(at, end, v, pos[i] ?? 'X', kind ?? 'word', spaceBefore));
    }
    pendingBreak = 0;
    cursor = end;
  }
  const count = tokens.length;

  // Sentence starts as a flag per token (bit 4), which also orders and dedupes them.
  for (let r = 0; r < rawSentences.length; r++) {
    let k = rawSentences[r][0];
    while (k < n && map[k] < 0) k++;
    if (k < n) flags[map[k]] |= START;
  }
  for (let t = 1; t < count; t++) {
    const br = flags[t] & 3;
    if (br === 0) continue;
    if (br === 2 || startsNewLine(tokens[t].value)) flags[t] |= START;
  }

  const sentences = sentencesOf(tokens, flags);
  for (let s = 0; s < sentences.length; s++) {
    const last = sentences[s].tokenEnd;
    for (let t = sentences[s].tokenStart; t < last; t++) tokens[t].sentence = s;
  }
  return { tokens, sentences };
}

const START = 4;

/**
 * Where the possessive "’s" of a glued token starts ("Qasimov’s" → 7), or -1.
 *
 * Why: wink-nlp splits "Qasimov’s men" into "Qasimov" + "’s", but keeps
 * "Qasimov’s," whole when punctuation follows, and then caches the glued form,
 * so every later "Qasimov’s" in the same document is one token too: one name
 * read as two entities ("Qasimov" and "Qasimov’s"). Contractions of pronouns
 * ("it's", "let's") are split by wink itself and never reach here glued.
 */
function possessiveCliticAt(v: string): number {
  const n = v.length;
  if (n < 3) return -1;
  const s = v.charCodeAt(n - 1);
  const apostrophe = v.charCodeAt(n - 2);
  if ((s !== 115 && s !== 83) || (apostrophe !== 39 && apostrophe !== 0x2019)) return -1;
  return n - 2;
}

/**
 * Sentences from the sentence-start flags (bit START of `flags`), a lone list marker glued to its item.
 * (Apart from `segment` so that the optimising compiler handles the rare gluing apart from the token loop.)
 */
function sentencesOf(tokens: readonly Token[], flags: Uint8Array): Sentence[] {
  const count = tokens.length;
  const sentences: Sentence[] = [];
  let tokenStart = 0;
  while (tokenStart < count) {
    let tokenEnd = tokenStart + 1;
    while (tokenEnd < count && (flags[tokenEnd] & START) === 0) tokenEnd++;
    const prev = sentences.length > 0 ? sentences[sentences.length - 1] : undefined;
    // "1." alone (or "a)" / "-") is the marker of the list item that follows: glue it on.
    if (prev !== undefined && prev.tokenEnd === tokenStart && (flags[tokenStart] & 3) === 0 && isLoneListMarker(tokens, prev)) {
      // A new object rather than writing to `prev`: the first write to a sentence field
      // (rare: a list marker) would make the field mutable for the engine and throw away
      // the optimised code of every function that reads sentences (~30 of them).
      sentences[sentences.length - 1] = { start: prev.start, end: tokens[tokenEnd - 1].end, tokenStart: prev.tokenStart, tokenEnd };
    } else {
      sentences.push({ start: tokens[tokenStart].start, end: tokens[tokenEnd - 1].end, tokenStart, tokenEnd });
    }
    tokenStart = tokenEnd;
  }
  return sentences;
}

// One object shape for every token (fields always in this order), built in one place.
function makeToken(start: number, end: number, value: string, pos: string, kind: string, spaceBefore: boolean): Token {
  return { start, end, value, lower: value.toLowerCase(), pos, kind, sentence: 0, spaceBefore };
}

// White space that counts as "space before" a token: space, line break, tab, no-break, the typographic spaces, ideographic space.
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

// A run of line-break characters is a paragraph break when two line feeds meet with only white space between.
const BLANK_LINE = /\n\s*\n/;
function isParagraphBreak(v: string): boolean {
  return v.includes('\n\n') || BLANK_LINE.test(v);
}

// A single line break ends a sentence unless the next line continues hard-wrapped prose,
// which shows as a line starting in lower case.
function startsNewLine(first: string): boolean {
  const c = first.charCodeAt(0);
  const lower = c >= 97 && c <= 122;
  return !lower || LIST_MARKER.test(first);
}

function isLoneListMarker(tokens: readonly Token[], s: Sentence): boolean {
  const n = s.tokenEnd - s.tokenStart;
  if (n > 2) return false;
  const joined = n === 1 ? tokens[s.tokenStart].value : tokens[s.tokenStart].value + tokens[s.tokenStart + 1].value;
  return LIST_MARKER.test(joined);
}

/** The sentence that contains offset `at`, by binary search; -1 when none does. */
export function sentenceAt(sentences: readonly Sentence[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the first token whose end is after `at` (binary search over token starts). */
export function tokenAt(tokens: readonly Token[], at: number): number {
  return partitionPoint(tokens, (t) => t.end <= at);
}
