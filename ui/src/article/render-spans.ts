// Layered highlights over one text. Spans from different layers overlap and
// cross each other, so the text is split at every span boundary and the spans
// are opened and closed like a stack: a span that crosses the end of an inner
// one is closed and reopened as a continuation fragment (same data-ann id), so
// the DOM stays a proper tree and every character is in exactly one text node.

export interface SpanAnnotation {
  /** Unique within the document; every fragment carries it as `data-ann`. */
  id: string;
  start: number;
  end: number;
  /** Outer layers open first when two spans start and end together. */
  rank: number;
  /** Builds one (empty) fragment element; `part` counts from 0. */
  make(part: number): HTMLElement;
}

/** A non-text element placed at a text offset (e.g. a quote's "— Keyhan"). */
export interface SpanMarker {
  at: number;
  make(): Node;
}

interface Open {
  ann: SpanAnnotation;
  node: HTMLElement;
}

/**
 * Render `text` into `container` with the annotations nested as elements.
 * Returns every annotation's fragments in document order.
 *
 * @example renderSpans(p, 'Iran’s regime', [{ id: 'e1', start: 0, end: 4, rank: 5, make: () => el('mark') }], [])
 */
export function renderSpans(
  container: HTMLElement,
  text: string,
  annotations: readonly SpanAnnotation[],
  markers: readonly SpanMarker[],
): Map<string, HTMLElement[]> {
  const valid = annotations.filter((a) => a.start < a.end && a.start >= 0 && a.end <= text.length);
  const points = new Set<number>([0, text.length]);
  const startsAt = new Map<number, SpanAnnotation[]>();
  for (const a of valid) {
    points.add(a.start);
    points.add(a.end);
    const list = startsAt.get(a.start);
    if (list) list.push(a);
    else startsAt.set(a.start, [a]);
  }
  const markersAt = new Map<number, SpanMarker[]>();
  for (const m of markers) {
    const at = Math.max(0, Math.min(text.length, m.at));
    points.add(at);
    const list = markersAt.get(at);
    if (list) list.push(m);
    else markersAt.set(at, [m]);
  }
  const sorted = [...points].sort((x, y) => x - y);
  const fragments = new Map<string, HTMLElement[]>();
  const stack: Open[] = [];
  const top = (): HTMLElement => (stack.length ? stack[stack.length - 1].node : container);
  const outerFirst = (x: SpanAnnotation, y: SpanAnnotation) => y.end - x.end || x.rank - y.rank || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    // Close everything that ends here; what sits above it and goes on is reopened.
    const lowest = stack.findIndex((o) => o.ann.end <= p);
    const reopen =
      lowest < 0
        ? []
        : stack
            .slice(lowest)
            .filter((o) => o.ann.end > p)
            .map((o) => o.ann);
    if (lowest >= 0) stack.length = lowest;
    for (const m of markersAt.get(p) ?? []) top().appendChild(m.make());
    const opening = [...reopen, ...(startsAt.get(p) ?? [])].sort(outerFirst);
    for (const ann of opening) {
      const parts = fragments.get(ann.id) ?? [];
      const node = ann.make(parts.length);
      node.dataset.ann = ann.id;
      node.dataset.start = String(ann.start);
      node.dataset.end = String(ann.end);
      if (parts.length > 0) node.dataset.continued = '';
      parts.push(node);
      fragments.set(ann.id, parts);
      top().appendChild(node);
      stack.push({ ann, node });
    }
    const next = sorted[i + 1];
    if (next !== undefined && next > p) top().appendChild(document.createTextNode(text.slice(p, next)));
  }
  return fragments;
}
