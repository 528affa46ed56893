/**
 * RSS 2.0 / RSS 1.0 (RDF) / Atom feeds and OPML subscription lists, parsed
 * with linkedom's XML parser (no I/O, no entity expansion beyond the XML
 * built-ins). Item links are resolved against the feed's URL (or its channel
 * link) and kept only when they are http(s); dates become ISO 8601 timestamps.
 *
 * @example
 * const feed = parseFeed(xml, 'https://example.org/feed.xml');
 * feed.items[0] // → { url: 'https://example.org/news/1', title: '…', published: '2020-10-28T09:00:00.000Z', html: '<p>…</p>', text: '…' }
 */
import { InputError } from '../document/errors.js';
import { htmlToText } from './html-to-text.js';
import { linkedom } from './lazy-dom.js';

export interface FeedItem {
  /** The article's URL (absolute http/https), or null when the item has none. */
  url: string | null;
  title: string;
  /** ISO 8601 timestamp (UTC), or null when absent or unreadable. */
  published: string | null;
  /** The item's HTML content (RSS content:encoded or description, Atom html/xhtml content or summary). */
  html?: string;
  /** The content as plain text (converted block by block from `html`, or the feed's own plain text). */
  text?: string;
}

export interface Feed {
  title: string;
  /** The site the feed belongs to, when it says. */
  link: string | null;
  items: FeedItem[];
}

// The subset of linkedom's Element this module uses.
interface XmlElement {
  tagName: string;
  textContent: string | null;
  innerHTML: string;
  children: ArrayLike<XmlElement>;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}

function parseXml(xml: string, input: string): XmlElement {
  const doc = new (linkedom().DOMParser)().parseFromString(xml, 'text/xml') as unknown as { documentElement: XmlElement | null };
  const root = doc.documentElement;
  if (!root) throw new InputError(input, 'malformed', 'not XML');
  return root;
}

const lower = (el: XmlElement) => el.tagName.toLowerCase();
/** The local part of a qualified name (`atom:link` → `link`). */
const local = (el: XmlElement) => lower(el).replace(/^.*:/, '');

function children(el: XmlElement, name: string, byLocalName = false): XmlElement[] {
  return Array.from(el.children).filter((c) => (byLocalName ? local(c) : lower(c)) === name);
}

const first = (el: XmlElement, name: string, byLocalName = false) => children(el, name, byLocalName)[0];
const textOf = (el: XmlElement | undefined) => (el?.textContent ?? '').trim();
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** An absolute http(s) URL, or null (javascript:, mailto:, unparseable …). */
function resolveUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  if (!href?.trim()) return null;
  try {
    const url = base ? new URL(href.trim(), base) : new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** RFC 822 (RSS) and RFC 3339 (Atom, Dublin Core) dates to ISO 8601 UTC. */
export function feedDate(value: string | null | undefined): string | null {
  const s = value?.trim();
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function withContent(item: FeedItem, html: string | undefined, text: string | undefined): FeedItem {
  if (html?.trim()) {
    item.html = html.trim();
    item.text = htmlToText(item.html);
  } else if (text?.trim()) item.text = text.trim();
  return item;
}

function rssItem(el: XmlElement, base: string | null): FeedItem {
  const guid = first(el, 'guid');
  const atomLink = children(el, 'link', true).find((l) => lower(l) !== 'link' && (l.getAttribute('rel') ?? 'alternate') === 'alternate');
  const url =
    resolveUrl(textOf(first(el, 'link')), base) ??
    resolveUrl(atomLink?.getAttribute('href'), base) ??
    (guid && guid.getAttribute('isPermaLink') !== 'false' ? resolveUrl(textOf(guid), base) : null);
  const published = feedDate(textOf(first(el, 'pubdate'))) ?? feedDate(textOf(first(el, 'dc:date'))) ?? feedDate(textOf(first(el, 'date', true)));
  const item: FeedItem = { url, title: oneLine(textOf(first(el, 'title'))), published };
  const html = textOf(first(el, 'content:encoded')) || textOf(first(el, 'description'));
  return withContent(item, html, undefined);
}

/** Atom text constructs: type text (default), html (escaped markup) or xhtml (inline div). */
function atomText(el: XmlElement | undefined): { html?: string; text?: string } {
  if (!el || el.getAttribute('src')) return {};
  const type = (el.getAttribute('type') ?? 'text').toLowerCase();
  if (type === 'html' || type === 'text/html') return { html: el.textContent ?? '' };
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const div = first(el, 'div', true);
    return { html: div ? div.innerHTML : el.innerHTML };
  }
  return { text: el.textContent ?? '' };
}

function atomLinkOf(el: XmlElement, base: string | null): string | null {
  const links = children(el, 'link', true);
  const alternate = links.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate') ?? null;
  return resolveUrl(alternate?.getAttribute('href'), el.getAttribute('xml:base') ? resolveUrl(el.getAttribute('xml:base'), base) : base);
}

function atomTitle(el: XmlElement): string {
  const t = atomText(first(el, 'title', true));
  return oneLine(t.html !== undefined ? htmlToText(t.html) : (t.text ?? ''));
}

function atomEntry(el: XmlElement, base: string | null): FeedItem {
  const published =
    feedDate(textOf(first(el, 'published', true))) ?? feedDate(textOf(first(el, 'updated', true))) ?? feedDate(textOf(first(el, 'issued', true)));
  const item: FeedItem = { url: atomLinkOf(el, base), title: atomTitle(el), published };
  const content = atomText(first(el, 'content', true));
  const summary = atomText(first(el, 'summary', true));
  const chosen = content.html?.trim() || content.text?.trim() ? content : summary;
  return withContent(item, chosen.html, chosen.text);
}

/**
 * Parse an RSS or Atom feed. `base` is the feed's own URL, for relative links.
 * Throws `InputError` ('malformed') when the document is neither.
 */
export function parseFeed(xml: string, base?: string): Feed {
  const input = base ?? 'feed';
  const root = parseXml(xml, input);
  const kind = local(root);
  if (kind === 'rss' || kind === 'rdf') {
    const channel = first(root, 'channel') ?? root;
    const link = resolveUrl(textOf(first(channel, 'link')), base);
    const itemBase = base ?? link;
    // RSS 2.0 nests items in the channel; RSS 1.0 (RDF) puts them beside it.
    const items = [...children(channel, 'item'), ...(channel === root ? [] : children(root, 'item'))];
    return { title: oneLine(textOf(first(channel, 'title'))), link, items: items.map((i) => rssItem(i, itemBase ?? null)) };
  }
  if (kind === 'feed') {
    const xmlBase = root.getAttribute('xml:base');
    const feedBase = xmlBase ? resolveUrl(xmlBase, base) : (base ?? null);
    const link = atomLinkOf(root, feedBase);
    return { title: atomTitle(root), link, items: children(root, 'entry', true).map((e) => atomEntry(e, feedBase ?? link)) };
  }
  throw new InputError(input, 'malformed', `not an RSS or Atom feed (root element <${root.tagName}>)`);
}

/** Quick sniff: does this text look like a feed (for readers choosing a parser)? */
export function looksLikeFeed(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)\b/i.test(text);
}

/**
 * The feed URLs of an OPML subscription list (`<outline xmlUrl="…">`, nested
 * outlines included), absolute http(s) only, first occurrence kept.
 */
export function parseOpml(xml: string, base?: string): string[] {
  const root = parseXml(xml, base ?? 'opml');
  if (local(root) !== 'opml') throw new InputError(base ?? 'opml', 'malformed', `not an OPML document (root element <${root.tagName}>)`);
  const urls: string[] = [];
  const seen = new Set<string>();
  for (const outline of Array.from(root.getElementsByTagName('outline'))) {
    const url = resolveUrl(outline.getAttribute('xmlUrl') ?? outline.getAttribute('xmlurl'), base);
    if (url && !seen.has(url)) {
      seen.add(url);
      urls.push(url);
    }
  }
  return urls;
}
