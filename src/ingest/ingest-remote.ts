import { parseFeed, parseOpml } from './feeds.js';
import { fetchUrl } from './fetch-url.js';

/**
 * The network side of ingest: the SSRF-safe fetcher (`fetch-url.ts`) and the
 * feed parsers (`feeds.ts`) behind one small interface, so that tests can
 * substitute a fake network.
 */
export interface FetchedPage {
  url: string;
  contentType: string | null;
  bytes: Uint8Array;
}

export interface FeedEntry {
  url: string | null;
  title: string | null;
  published: string | null;
  html: string | null;
}

export interface Remote {
  fetch(url: string): Promise<FetchedPage>;
  /** Items of an RSS/Atom feed; `base` resolves relative links. */
  parseFeed(xml: string, base?: string): FeedEntry[];
  parseOpml(xml: string, base?: string): string[];
}

export const defaultRemote: Remote = {
  async fetch(url) {
    const page = await fetchUrl(url);
    return { url: page.url, contentType: page.contentType, bytes: page.body };
  },
  parseFeed: (xml, base) =>
    parseFeed(xml, base).items.map((i) => ({
      url: i.url,
      title: i.title || null,
      published: i.published,
      html: i.html ?? (i.text ? `<article>${escapeHtml(i.text)}</article>` : null),
    })),
  parseOpml: (xml, base) => parseOpml(xml, base),
};

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Does this text look like an RSS/Atom feed or an OPML list? */
export function sniffXml(text: string): 'feed' | 'opml' | null {
  const head = text.slice(0, 2000);
  if (/<opml[\s>]/i.test(head)) return 'opml';
  if (/<(rss|feed|rdf:RDF)[\s>]/i.test(head)) return 'feed';
  return null;
}
