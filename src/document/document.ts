import { createHash } from 'node:crypto';
import { normalizeText } from './normalize.js';

/** Where a document came from and when; everything optional except what we derive. */
export interface DocumentMeta {
  title?: string | null;
  /** ISO date (YYYY-MM-DD) or date-time; kept as the date part. */
  published?: string | null;
  source?: string | null;
  url?: string | null;
  author?: string | null;
  language?: string | null;
}

/**
 * One article as Dossier stores it. `text` is normalised once and never edited
 * again: every span in an Analysis points into it. `id` is the SHA-256 of
 * `text`, so the same article ingested twice is the same document.
 */
export interface Document {
  id: string;
  text: string;
  title: string | null;
  published: string | null;
  source: { name: string | null; url: string | null };
  author: string | null;
  language: string;
}

/**
 * @example createDocument('Tehran said…', { published: '2020-10-28', source: 'iranfocus' })
 */
export function createDocument(text: string, meta: DocumentMeta = {}): Document {
  const normalised = normalizeText(text);
  return {
    id: documentId(normalised),
    text: normalised,
    title: cleanMeta(meta.title),
    published: normalisePublished(meta.published),
    source: { name: cleanMeta(meta.source), url: cleanMeta(meta.url) },
    author: cleanMeta(meta.author),
    language: cleanMeta(meta.language) ?? 'en',
  };
}

export function documentId(normalisedText: string): string {
  return createHash('sha256').update(normalisedText, 'utf8').digest('hex');
}

function cleanMeta(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = normalizeText(String(v)).replace(/\s+/g, ' ').trim();
  return s.length > 0 ? s : null;
}

/**
 * Accepts `YYYY-MM-DD`, a date-time starting with one, or `YYYY-MM` / `YYYY`;
 * returns the calendar date part, or null when it is not a real date. A
 * date-time keeps its own calendar day: the byline's day is what "yesterday"
 * in the text means.
 */
export function normalisePublished(v: string | null | undefined): string | null {
  if (!v) return null;
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(v));
  if (!m) {
    const t = Date.parse(String(v));
    if (Number.isNaN(t)) return null;
    return new Date(t).toISOString().slice(0, 10);
  }
  const [, y, mo, d] = m;
  if (!mo) return y;
  const month = Number(mo);
  if (month < 1 || month > 12) return null;
  if (!d) return `${y}-${mo}`;
  const day = Number(d);
  const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day < 1 || day > last) return null;
  return `${y}-${mo}-${d}`;
}
