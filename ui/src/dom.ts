// Building DOM from data. Everything that comes from the API goes in as text
// (textContent / setAttribute), never as HTML: titles and article text may hold
// markup, and it must show as the characters it is.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/**
 * Create an element with attributes and children; strings become text nodes.
 *
 * @example el('a', { href: '#/doc/1', class: 'title' }, doc.title)
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    // Event handlers are wired with addEventListener, never as attribute strings.
    if (/^on/i.test(name)) throw new Error(`el(): refusing event attribute ${name}`);
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Replace all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A definition list from label/value pairs, skipping empty values. */
export function facts(pairs: Array<[string, Child | number]>): HTMLDListElement {
  const dl = el('dl', { class: 'facts' });
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === false || v === '') continue;
    append(dl, el('dt', {}, k), el('dd', {}, typeof v === 'number' ? String(v) : v));
  }
  return dl;
}

/** `#/doc/<id>` style links; ids are encoded so that no id can break out of the route. */
export function link(route: string, label: Child, attrs: Attrs = {}): HTMLAnchorElement {
  return el('a', { href: `#${route}`, ...attrs }, label);
}

/** A document, optionally pointing at evidence by offsets or (when there are none) by its text. */
export function docRoute(id: string, at?: { start: number; end: number } | { find: string }): string {
  const where = !at ? '' : 'find' in at ? `?find=${encodeURIComponent(at.find)}` : `?at=${at.start}-${at.end}`;
  return `/doc/${encodeURIComponent(id)}${where}`;
}

export function entityRoute(id: string): string {
  return `/entity/${encodeURIComponent(id)}`;
}

/** A short label for a document without a title. */
export function documentLabel(d: { id: string; title: string | null }): string {
  return d.title?.trim() || `Untitled document ${d.id.slice(0, 8)}`;
}

export function message(text: string, kind: 'loading' | 'error' | 'empty' = 'empty'): HTMLElement {
  return el('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
