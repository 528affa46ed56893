/** The four CoNLL-2003 entity types the tagger predicts. */
export const NER_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof NER_TYPES)[number];

/**
 * BILOU labels: 0 is O; type t has B = 1 + 4t, I = 2 + 4t, L = 3 + 4t, U = 4 + 4t.
 * BILOU rather than BIO because the explicit last/unit labels let the model learn
 * where names end (Ratinov & Roth 2009 found it better than BIO on CoNLL).
 */
export const LABEL_COUNT = 1 + 4 * NER_TYPES.length;
export const O = 0;
const PART = ['B', 'I', 'L', 'U'] as const;
export type LabelPart = (typeof PART)[number];

export function labelOf(type: number, part: LabelPart): number {
  return 1 + 4 * type + PART.indexOf(part);
}

export function labelType(label: number): number {
  return label === O ? -1 : (label - 1) >> 2;
}

export function labelPart(label: number): LabelPart | 'O' {
  return label === O ? 'O' : PART[(label - 1) & 3];
}

export function labelName(label: number): string {
  return label === O ? 'O' : `${PART[(label - 1) & 3]}-${NER_TYPES[labelType(label)]}`;
}

/** May `next` follow `prev` in a well-formed BILOU sequence? (prev = -1 at sentence start) */
export function allowedTransition(prev: number, next: number): boolean {
  const prevOpen = prev >= 0 && (labelPart(prev) === 'B' || labelPart(prev) === 'I');
  const nextPart = labelPart(next);
  const continues = nextPart === 'I' || nextPart === 'L';
  if (prevOpen) return continues && labelType(prev) === labelType(next);
  return !continues;
}

/** May a sentence end after `label`? */
export function allowedEnd(label: number): boolean {
  const part = labelPart(label);
  return part !== 'B' && part !== 'I';
}

/** A typed span over token indices, end exclusive. */
export interface TypedSpan {
  start: number;
  end: number;
  type: number;
}

/** Read spans back from a BILOU label sequence (ill-formed pieces are closed leniently). */
export function spansFromLabels(labels: ArrayLike<number>, offset = 0): TypedSpan[] {
  const spans: TypedSpan[] = [];
  let open = -1;
  let openType = -1;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    const part = labelPart(l);
    const type = labelType(l);
    if (open >= 0 && (part === 'O' || part === 'B' || part === 'U' || type !== openType)) {
      spans.push({ start: offset + open, end: offset + i, type: openType });
      open = -1;
    }
    if (part === 'U') spans.push({ start: offset + i, end: offset + i + 1, type });
    else if (part === 'B' || ((part === 'I' || part === 'L') && open < 0)) {
      open = i;
      openType = type;
    }
    if (part === 'L' && open >= 0) {
      spans.push({ start: offset + open, end: offset + i + 1, type: openType });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ start: offset + open, end: offset + labels.length, type: openType });
  return spans;
}

/** BILOU labels for spans over a sentence of `length` tokens (spans relative to the sentence). */
export function labelsFromSpans(spans: readonly TypedSpan[], length: number): Uint8Array {
  const labels = new Uint8Array(length);
  for (const s of spans) {
    if (s.end - s.start === 1) labels[s.start] = labelOf(s.type, 'U');
    else {
      labels[s.start] = labelOf(s.type, 'B');
      for (let i = s.start + 1; i < s.end - 1; i++) labels[i] = labelOf(s.type, 'I');
      labels[s.end - 1] = labelOf(s.type, 'L');
    }
  }
  return labels;
}
