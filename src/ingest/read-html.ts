import type { Readability } from '@mozilla/readability';
import type { DocumentMeta } from '../document/document.js';
import { htmlToText } from './html-to-text.js';
import { linkedom, readability } from './lazy-dom.js';

export interface HtmlExtract {
  text: string;
  meta: DocumentMeta;
}

type Json = Record<string, unknown>;

/**
 * Main content and metadata of an article page. Metadata comes from the page's
 * own claims (JSON-LD, Open Graph, article:* and Dublin Core meta tags), read
 * before Readability rewrites the DOM; the text is Readability's main content
 * rendered block by block. Nothing in the page is executed.
 */
export function readHtml(html: string, url: string | null = null): HtmlExtract {
  const { document } = linkedom().parseHTML(html);
  const meta = (sel: string): string | null => document.querySelector(sel)?.getAttribute('content')?.trim() || null;
  const ld = jsonLdArticle(document);
  const ldAuthor = ld?.author;
  const authorName = Array.isArray(ldAuthor) ? (ldAuthor[0] as Json | undefined)?.name : ((ldAuthor as Json | undefined)?.name ?? ldAuthor);
  const publisher = (ld?.publisher as Json | undefined)?.name;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') || null;
  const timeEl = document.querySelector('time[datetime]')?.getAttribute('datetime') || null;
  const pre: DocumentMeta = {
    title: str(ld?.headline) ?? meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]') ?? null,
    published:
      str(ld?.datePublished) ??
      meta('meta[property="article:published_time"]') ??
      meta('meta[name="date"]') ??
      meta('meta[name="pubdate"]') ??
      meta('meta[name="DC.date.issued"]') ??
      meta('meta[name="dc.date"]') ??
      meta('meta[itemprop="datePublished"]') ??
      timeEl,
    author: str(authorName) ?? meta('meta[name="author"]') ?? meta('meta[property="article:author"]'),
    source: str(publisher) ?? meta('meta[property="og:site_name"]') ?? null,
    url: url ?? canonical ?? meta('meta[property="og:url"]'),
    language: document.documentElement?.getAttribute('lang')?.slice(0, 2).toLowerCase() || null,
  };
  const fallbackTitle = document.querySelector('title')?.textContent?.trim() || null;
  let text = '';
  let article: ReturnType<Readability['parse']> = null;
  try {
    article = new (readability().Readability)(document as never, { keepClasses: false }).parse();
  } catch {
    article = null;
  }
  if (article?.content) text = htmlToText(article.content);
  if (!text.trim()) {
    // Readability gives up on short pages: fall back to the whole body.
    text = htmlToText(html.replace(/^[\s\S]*?<body[^>]*>/i, '').replace(/<\/body>[\s\S]*$/i, ''));
  }
  return {
    text,
    meta: {
      ...pre,
      title: pre.title ?? article?.title ?? fallbackTitle,
      published: pre.published ?? article?.publishedTime ?? null,
      author: pre.author ?? stripBy(article?.byline ?? null),
      source: pre.source ?? article?.siteName ?? null,
    },
  };
}

/** Heuristic: does this text look like an HTML document rather than prose? */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(body|article|head)[\s>]/.test(head);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function stripBy(v: string | null): string | null {
  return v ? v.replace(/^\s*by\s+/i, '').trim() || null : null;
}

function jsonLdArticle(document: { querySelectorAll(sel: string): ArrayLike<{ textContent: string | null }> }): Json | null {
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(scripts[i].textContent ?? '');
    } catch {
      continue;
    }
    const stack: unknown[] = [data];
    while (stack.length > 0) {
      const item = stack.pop();
      if (Array.isArray(item)) stack.push(...item);
      else if (item && typeof item === 'object') {
        const o = item as Json;
        const type = o['@type'];
        const types = Array.isArray(type) ? type : [type];
        if (types.some((t) => typeof t === 'string' && /Article|BlogPosting|Report/.test(t))) return o;
        if (o['@graph']) stack.push(o['@graph']);
      }
    }
  }
  return null;
}
