/**
 * Spans are `[start, end)` offsets in UTF-16 code units of the stored, normalised
 * document text. Every extracted item carries one, plus the covered `text`, so a
 * reader can check the evidence without trusting us.
 */
export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

/** Build a `TextSpan` over `text`, clamping nothing: invalid offsets throw. */
export function textSpan(text: string, start: number, end: number): TextSpan {
  if (!isValidSpan(text, start, end)) {
    throw new RangeError(`invalid span [${start}, ${end}) for text of length ${text.length}`);
  }
  return { start, end, text: text.slice(start, end) };
}

export function isValidSpan(text: string, start: number, end: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length;
}

/** Shrink `[start, end)` so that it neither starts nor ends with white space. */
export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
}

/**
 * Binary search over a partitioned array: the index of the first item for which
 * `before` is false (items for which it is true all come first). Every sorted
 * look-up over tokens, mentions and spans goes through this one function.
 *
 * @example partitionPoint(tokens, (t) => t.end <= at) // first token ending after `at`
 */
export function partitionPoint<T>(sorted: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export interface SpanProblem {
  path: string;
  start: unknown;
  end: unknown;
  text: unknown;
  reason: string;
}

/**
 * Walk any JSON-like value and check every object that has numeric `start` and
 * `end`: the offsets must be a valid span of `text`, and a `text` field, when
 * present, must equal the covered slice. Used by tests and by `dossier analyze
 * --check` so that new item kinds are checked without registering them.
 */
export function findSpanProblems(value: unknown, text: string, path = '$'): SpanProblem[] {
  const problems: SpanProblem[] = [];
  const visit = (v: unknown, p: string): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i], `${p}[${i}]`);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      if (!isValidSpan(text, o.start, o.end)) {
        problems.push({ path: p, start: o.start, end: o.end, text: o.text, reason: 'offsets out of range' });
      } else if ('text' in o && o.text !== text.slice(o.start, o.end)) {
        problems.push({ path: p, start: o.start, end: o.end, text: o.text, reason: 'text differs from slice' });
      }
    }
    for (const [k, x] of Object.entries(o)) {
      // The document's own text is the reference, not a span.
      if (p === '$.document' && k === 'text') continue;
      if (x !== null && typeof x === 'object') visit(x, `${p}.${k}`);
    }
  };
  visit(value, path);
  return problems;
}
