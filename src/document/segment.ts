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

  // wink token index → our token index (-1 for line breaks, which we keep only as boundaries).
  const map = new Int32Array(values.length).fill(-1);
  const breakBefore = new Uint8Array(values.length + 1);
  const tokens: Token[] = [];
  let cursor = 0;
  let pendingBreak = 0; // 1 = line break, 2 = paragraph break
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const at = text.indexOf(v, cursor);
    if (kinds[i] === NEWLINE_KIND) {
      pendingBreak = Math.max(pendingBreak, v.includes('\n\n') || /\n\s*\n/.test(v) ? 2 : 1);
      if (at >= 0) cursor = at + v.length;
      continue;
    }
    // wink's values are slices of the input, except on rare runs of dots where it
    // re-splits an abbreviation ("Gen..") into a value the text does not hold at
    // the cursor: such a token is dropped rather than given an invented span.
    if (at < 0 || v.length === 0) continue;
    const start = at;
    const end = at + v.length;
    map[i] = tokens.length;
    breakBefore[tokens.length] = pendingBreak;
    const before = start > 0 ? text.charCodeAt(start - 1) : 0;
    tokens.push({
      start,
      end,
      value: v,
      lower: v.toLowerCase(),
      pos: pos[i] ?? 'X',
      kind: kinds[i] ?? 'word',
      sentence: 0,
      spaceBefore: before === 32 || before === 10 || before === 9 || before === 0xa0 || (before >= 0x2000 && before <= 0x200a) || before === 0x3000,
    });
    pendingBreak = 0;
    cursor = end;
  }

  // Sentence boundaries as token indices (start of each sentence).
  const starts = new Set<number>();
  for (const [first] of rawSentences) {
    let k = first;
    while (k < values.length && map[k] < 0) k++;
    if (k < values.length) starts.add(map[k]);
  }
  for (let t = 1; t < tokens.length; t++) {
    const br = breakBefore[t];
    if (br === 0) continue;
    if (br === 2 || startsNewLine(tokens, t)) starts.add(t);
  }
  starts.add(0);
  const ordered = [...starts].filter((t) => t < tokens.length).sort((a, b) => a - b);

  const sentences: Sentence[] = [];
  for (let s = 0; s < ordered.length; s++) {
    const tokenStart = ordered[s];
    const tokenEnd = s + 1 < ordered.length ? ordered[s + 1] : tokens.length;
    if (tokenEnd <= tokenStart) continue;
    const prev = sentences[sentences.length - 1];
    // "1." alone (or "a)" / "-") is the marker of the list item that follows: glue it on.
    if (prev && prev.tokenEnd === tokenStart && isLoneListMarker(tokens, prev) && breakBefore[tokenStart] === 0) {
      prev.tokenEnd = tokenEnd;
      prev.end = tokens[tokenEnd - 1].end;
      continue;
    }
    sentences.push({ start: tokens[tokenStart].start, end: tokens[tokenEnd - 1].end, tokenStart, tokenEnd });
  }
  for (let s = 0; s < sentences.length; s++) {
    for (let t = sentences[s].tokenStart; t < sentences[s].tokenEnd; t++) tokens[t].sentence = s;
  }
  return { tokens, sentences };
}

// A single line break ends a sentence unless the next line continues hard-wrapped prose,
// which shows as a line starting in lower case.
function startsNewLine(tokens: Token[], t: number): boolean {
  const first = tokens[t].value;
  const c = first.charCodeAt(0);
  const lower = c >= 97 && c <= 122;
  return !lower || LIST_MARKER.test(first);
}

function isLoneListMarker(tokens: Token[], s: Sentence): boolean {
  const n = s.tokenEnd - s.tokenStart;
  if (n > 2) return false;
  const joined = tokens
    .slice(s.tokenStart, s.tokenEnd)
    .map((t) => t.value)
    .join('');
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
