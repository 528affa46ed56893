import { parse as parseYaml } from 'yaml';
import type { DocumentMeta } from '../document/document.js';

/**
 * Split YAML front matter (`---` … `---` at the very start) from a text or
 * Markdown file. Recognised keys: title, published (or date), source, url,
 * author, language. The body after it is what gets stored and analysed.
 */
export function splitFrontMatter(text: string): { body: string; meta: DocumentMeta } {
  const m = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { body: text, meta: {} };
  let data: unknown;
  try {
    data = parseYaml(m[1]);
  } catch {
    return { body: text, meta: {} };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { body: text, meta: {} };
  const d = data as Record<string, unknown>;
  const s = (v: unknown): string | null =>
    v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  return {
    body: text.slice(m[0].length).replace(/^\n+/, ''),
    meta: {
      title: s(d.title),
      published: s(d.published ?? d.date),
      source: s(d.source),
      url: s(d.url),
      author: s(d.author),
      language: s(d.language ?? d.lang),
    },
  };
}
