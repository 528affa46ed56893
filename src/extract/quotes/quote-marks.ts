/**
 * Pairing quotation marks in the raw text. Works on characters, not sentences:
 * a quotation often spans several sentences, and the sentence splitter may cut
 * inside it. Single quotes (‘…’, '…') are left alone at the top level because ’
 * is also the apostrophe; inside a double-quoted span they are just content,
 * which is how nested quotes stay part of the outer quotation.
 */

/** One stretch of quoted text between a pair of marks (or up to a paragraph end). */
export interface QuotedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or the paragraph end for an unclosed paragraph of a multi-paragraph quote. */
  close: number;
  /** Content without the marks, trimmed of white space. */
  start: number;
  end: number;
  /** Index of the first span of a multi-paragraph quotation this span continues (its own index if none). */
  group: number;
  /** False for a paragraph of a multi-paragraph quote that ends without a closing mark. */
  closed: boolean;
  /** Length of the closing mark in code units (2 for the typewriter '' of some wires). */
  closeLength: number;
}

const OPEN_ONLY = new Set(['“', '„', '«']);
const CLOSE_ONLY = new Set(['”', '»']);
const STRAIGHT = '"';
// Two apostrophes stand for a straight double mark in some wire copy (''like this'').

/** Code units the pairing loop acts on once a paragraph has started: marks, the apostrophe, the line break. */
const RELEVANT = (() => {
  const t = new Uint8Array(0x10000);
  for (const c of ['\n', "'", STRAIGHT, ...OPEN_ONLY, ...CLOSE_ONLY]) t[c.charCodeAt(0)] = 1;
  return t;
})();

// The marks as UTF-16 code units: the scan compares numbers, never one-character strings
// (which also kept its optimised code alive across one- and two-byte texts).
const NEWLINE = 10;
const APOSTROPHE = 39;
const STRAIGHT_CODE = 34;
const OPEN_CODES = [...OPEN_ONLY].map((c) => c.charCodeAt(0));
const CLOSE_CODES = [...CLOSE_ONLY].map((c) => c.charCodeAt(0));
const [OPEN1, OPEN2, OPEN3] = OPEN_CODES;
const [CLOSE1, CLOSE2] = CLOSE_CODES;

function opensOnly(c: number): boolean {
  return c === OPEN1 || c === OPEN2 || c === OPEN3;
}

function closesOnly(c: number): boolean {
  return c === CLOSE1 || c === CLOSE2;
}

/** ' ', tab, line break, no-break space (a code unit past the text's end, NaN, is none). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 0xa0;
}

/** A straight mark opens when it follows a space, an opening bracket or a dash, or starts the text. */
function straightOpens(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  // ( [ — – - /
  return isSpace(before) || before === 40 || before === 91 || before === 0x2014 || before === 0x2013 || before === 45 || before === 47;
}

/**
 * Find the quoted spans of `text`. Runs in one pass. A paragraph (text after a
 * line break) that ends while a quote is open closes that span as `closed:
 * false`; if the next paragraph opens with a mark, the new span continues the
 * same `group` (the convention for quotations of several paragraphs). An open
 * quote followed by a paragraph that does not start with a mark is dropped.
 *
 * @example findQuotedSpans('He said: “Go.”') // [{ open: 9, close: 13, start: 10, end: 13, group: 0, closed: true, closeLength: 1 }]
 */
export function findQuotedSpans(text: string): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  let openAt = -1;
  let openLength = 1;
  let openGroup = -1; // group of the span that is open, when it continues a previous paragraph
  let pendingGroup = -1; // group awaiting its continuation at the start of the next paragraph
  let paragraphStart = true;
  for (let i = 0; i < text.length; i++) {
    // Most characters are neither a mark nor a line break, nor the first of a paragraph: skip them cheaply.
    const c = text.charCodeAt(i);
    if (!paragraphStart && !RELEVANT[c]) continue;
    if (c === NEWLINE) {
      if (openAt >= 0) {
        // The paragraph ends inside a quote: keep it as an unclosed part of a group,
        // confirmed only if the next paragraph reopens.
        const content = trim(text, openAt + openLength, i);
        const group = openGroup >= 0 ? openGroup : spans.length;
        if (content.end > content.start) {
          spans.push({ open: openAt, close: i, start: content.start, end: content.end, group, closed: false, closeLength: 0 });
          pendingGroup = group;
        } else pendingGroup = -1;
        openAt = -1;
        openGroup = -1;
      }
      paragraphStart = true;
      continue;
    }
    const twin = c === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE;
    // Where a mark is taken, the scan steps over its second character (a twin '' is one mark).
    // Added unconditionally rather than `if (twin) i++`: a twin is rare, and an increment first
    // met late would send the optimised scan back to the interpreter to be compiled again.
    const markLength = twin ? 2 : 1;
    if (paragraphStart && !isSpace(c)) {
      paragraphStart = false;
      const reopens = opensOnly(c) || c === STRAIGHT_CODE || twin;
      if (pendingGroup >= 0 && !reopens) {
        // The open quote was never continued nor closed: an unbalanced mark, not a quotation.
        dropGroup(spans, pendingGroup);
      }
      if (pendingGroup >= 0 && reopens) {
        openAt = i;
        openLength = markLength;
        openGroup = pendingGroup;
        pendingGroup = -1;
        i += markLength - 1;
        continue;
      }
      pendingGroup = -1;
    }
    const straight = c === STRAIGHT_CODE || twin;
    if (openAt < 0) {
      if (opensOnly(c) || (straight && straightOpens(text, i))) {
        openAt = i;
        openLength = markLength;
        i += markLength - 1;
      }
      continue;
    }
    if (closesOnly(c) || straight) {
      const content = trim(text, openAt + openLength, i);
      const group = openGroup >= 0 ? openGroup : spans.length;
      if (content.end > content.start) {
        spans.push({ open: openAt, close: i, start: content.start, end: content.end, group, closed: true, closeLength: markLength });
      }
      openAt = -1;
      openGroup = -1;
      i += markLength - 1;
    } else if (opensOnly(c)) {
      // A second opening mark while one is open: the first was stray; restart here.
      openAt = i;
      openLength = 1;
      openGroup = -1;
    }
  }
  if (pendingGroup >= 0) dropGroup(spans, pendingGroup);
  return spans;
}

function dropGroup(spans: QuotedSpan[], group: number): void {
  for (let k = spans.length - 1; k >= 0 && spans[k].group === group; k--) spans.pop();
  // Spans of a group are contiguous at the end of the list, so popping them is enough.
}

function trim(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}
