import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type DocumentMeta, normalisePublished } from '../document/document.js';
import { InputError } from '../document/errors.js';
import { checkText, DEFAULT_MAX_BYTES, decodeInput } from '../document/normalize.js';
import { splitFrontMatter } from './front-matter.js';
import { looksLikeHtml, readHtml } from './read-html.js';

export type InputFormat = 'auto' | 'text' | 'markdown' | 'html' | 'jsonl';

/** One article ready for `createDocument`: normalised text, metadata, and the input's name for messages. */
export interface ArticleInput {
  input: string;
  text: string;
  meta: DocumentMeta;
  /** Caller-supplied id from a JSONL line; the stored id is always the content hash. */
  externalId?: string;
}

export interface ReadOptions {
  format?: InputFormat;
  maxBytes?: number;
  /** Metadata from the command line; it wins over what the file says. */
  meta?: DocumentMeta;
}

/** Pick a reader from the file name, then from the content. */
export function detectFormat(name: string, text?: string): Exclude<InputFormat, 'auto'> {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (text !== undefined && looksLikeHtml(text)) return 'html';
  return 'text';
}

/** Read a file (or `-` for standard input) as bytes, refusing what is not a regular file or is too big. */
export function readBytes(file: string, maxBytes = DEFAULT_MAX_BYTES): Uint8Array {
  if (file === '-') return readFileSync(0);
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(file, 'unsupported', 'is a directory (use `dossier ingest` for folders)');
    if (!st.isFile()) throw new InputError(file, 'unsupported', 'not a regular file');
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, 'unreadable', `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (size > maxBytes) throw new InputError(file, 'too-large', `too large: ${size} bytes, over the cap of ${maxBytes} bytes (raise it with --max-bytes)`);
  return readFileSync(file);
}

/**
 * Turn one non-JSONL input (bytes already read) into an article: decode and
 * validate, pick the reader, extract text and metadata.
 */
export function readArticle(bytes: Uint8Array, name: string, options: ReadOptions = {}): ArticleInput {
  const decoded = decodeInput(bytes, name, { maxBytes: options.maxBytes });
  const format = options.format && options.format !== 'auto' ? options.format : detectFormat(name === '-' ? '' : name, decoded);
  if (format === 'jsonl') throw new InputError(name, 'unsupported', 'JSONL input holds many articles: read it with readJsonlLine');
  let text: string;
  let meta: DocumentMeta;
  if (format === 'html') {
    const page = readHtml(decoded, options.meta?.url ?? null);
    text = checkText(page.text, name);
    meta = page.meta;
  } else {
    const split = splitFrontMatter(decoded);
    text = checkText(split.body, name);
    meta = split.meta;
  }
  return { input: name, text, meta: mergeMeta(meta, options.meta) };
}

/**
 * Parse one JSONL batch line: `{id?, text | html, title?, published?, source?, url?, author?, language?}`.
 * Throws an `InputError` naming the line on anything malformed.
 */
export function readJsonlLine(line: string, where: string, options: ReadOptions = {}): ArticleInput {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (line.trim().length === 0) throw new InputError(where, 'empty', 'empty line');
  if (Buffer.byteLength(line, 'utf8') > maxBytes) throw new InputError(where, 'too-large', `line over the cap of ${maxBytes} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (err) {
    throw new InputError(where, 'malformed', `malformed JSON: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InputError(where, 'malformed', 'expected a JSON object with "text" or "html"');
  const o = data as Record<string, unknown>;
  const field = (k: string): string | null => {
    const v = o[k];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' && typeof v !== 'number') throw new InputError(where, 'malformed', `field "${k}" must be a string`);
    return String(v);
  };
  const html = field('html');
  const rawText = field('text');
  if (rawText === null && html === null) throw new InputError(where, 'malformed', 'needs a "text" or an "html" field');
  let text: string;
  let meta: DocumentMeta = {};
  if (rawText !== null) {
    text = checkText(rawText, where);
  } else {
    const page = readHtml(html as string, field('url'));
    text = checkText(page.text, where);
    meta = page.meta;
  }
  const own: DocumentMeta = {
    title: field('title'),
    published: field('published') ?? field('date'),
    source: field('source'),
    url: field('url'),
    author: field('author'),
    language: field('language'),
  };
  if (own.published && normalisePublished(own.published) === null) {
    throw new InputError(where, 'malformed', `field "published" is not an ISO date (YYYY-MM-DD): ${JSON.stringify(own.published)}`);
  }
  const id = field('id');
  return { input: where, text, meta: mergeMeta(mergeMeta(meta, own), options.meta), ...(id ? { externalId: id } : {}) };
}

/** `over` wins where it has a value. */
export function mergeMeta(base: DocumentMeta, over: DocumentMeta | undefined): DocumentMeta {
  if (!over) return base;
  const out: DocumentMeta = { ...base };
  for (const [k, v] of Object.entries(over) as Array<[keyof DocumentMeta, string | null | undefined]>) {
    if (v !== null && v !== undefined && v !== '') out[k] = v;
  }
  return out;
}
