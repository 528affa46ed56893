import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Job } from '../cli/jobs.js';
import { InputError } from '../document/errors.js';
import { defaultRemote, type FeedEntry, type Remote, sniffXml } from './ingest-remote.js';
import { readBytes } from './read-input.js';

/** File extensions a directory walk picks up; feeds and OPML lists are read when named directly. */
export const INGEST_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm', '.jsonl']);
const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom', '.opml']);

export interface IngestInputOptions {
  maxBytes: number;
  /** An input or item that cannot be read: reported, and the batch goes on. */
  skip(where: string, reason: string): void;
  /** The network (default: the SSRF-safe fetcher); tests pass a fake. */
  remote?: Remote;
}

/**
 * Expand `dossier ingest` arguments into jobs, lazily and in a stable order:
 * files; directories (recursive, sorted, by extension); JSONL (one job per
 * line); RSS/Atom feeds and OPML lists (files or URLs); web pages by URL.
 */
export async function* ingestJobs(inputs: readonly string[], options: IngestInputOptions): AsyncGenerator<Job> {
  const seq = { next: 0 };
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) yield* fromUrl(input, options, seq, 0);
    else yield* fromPath(input, options, seq, true);
  }
}

type Seq = { next: number };

async function* fromPath(file: string, options: IngestInputOptions, seq: Seq, named: boolean): AsyncGenerator<Job> {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch (err) {
    options.skip(file, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return;
  }
  if (st.isDirectory()) {
    let names: string[];
    try {
      names = readdirSync(file).sort();
    } catch (err) {
      options.skip(file, `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = path.join(file, name);
      let sub: ReturnType<typeof statSync>;
      try {
        sub = statSync(full);
      } catch {
        continue;
      }
      if (sub.isDirectory() || INGEST_EXTENSIONS.has(path.extname(name).toLowerCase())) yield* fromPath(full, options, seq, false);
    }
    return;
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    let lineNo = 0;
    try {
      for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY })) {
        lineNo++;
        // A blank line (often the last) is not a document.
        if (line.trim() === '') continue;
        yield { seq: seq.next++, where: `${file}:${lineNo}`, kind: 'line', line };
      }
    } catch (err) {
      options.skip(file, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = readBytes(file, options.maxBytes);
  } catch (err) {
    options.skip(file, err instanceof InputError ? err.reason : String(err));
    return;
  }
  if (named && (FEED_EXTENSIONS.has(ext) || ext === '')) {
    const kind = sniffXml(new TextDecoder().decode(bytes.subarray(0, 4000)));
    if (kind) {
      yield* fromXml(file, new TextDecoder().decode(bytes), kind, options, seq, 0);
      return;
    }
  }
  yield { seq: seq.next++, where: file, kind: 'bytes', name: file, bytes };
}

// Feeds may list feeds (OPML); this bounds the nesting.
const MAX_DEPTH = 2;

async function* fromUrl(url: string, options: IngestInputOptions, seq: Seq, depth: number): AsyncGenerator<Job> {
  const remote = options.remote ?? defaultRemote;
  let page: Awaited<ReturnType<Remote['fetch']>>;
  try {
    page = await remote.fetch(url);
  } catch (err) {
    options.skip(url, err instanceof InputError ? err.reason : `cannot fetch: ${(err as Error).message}`);
    return;
  }
  const isXml = /xml|rss|atom/.test(page.contentType ?? '');
  const head = new TextDecoder().decode(page.bytes.subarray(0, 4000));
  const kind = isXml || /^\s*<\?xml/.test(head) ? sniffXml(head) : null;
  if (kind) {
    yield* fromXml(page.url, new TextDecoder().decode(page.bytes), kind, options, seq, depth);
    return;
  }
  // The reader picks HTML or text from the name's extension, else from the content.
  yield { seq: seq.next++, where: url, kind: 'bytes', name: page.url, bytes: page.bytes, meta: { url: page.url } };
}

async function* fromXml(where: string, xml: string, kind: 'feed' | 'opml', options: IngestInputOptions, seq: Seq, depth: number): AsyncGenerator<Job> {
  if (depth > MAX_DEPTH) {
    options.skip(where, 'feeds nested too deep');
    return;
  }
  const remote = options.remote ?? defaultRemote;
  const base = /^https?:\/\//i.test(where) ? where : undefined;
  if (kind === 'opml') {
    let feeds: string[];
    try {
      feeds = remote.parseOpml(xml, base);
    } catch (err) {
      options.skip(where, `malformed OPML: ${(err as Error).message}`);
      return;
    }
    for (const feed of feeds) yield* fromUrl(feed, options, seq, depth + 1);
    return;
  }
  let items: FeedEntry[];
  try {
    items = remote.parseFeed(xml, base);
  } catch (err) {
    options.skip(where, `malformed feed: ${(err as Error).message}`);
    return;
  }
  for (const [i, item] of items.entries()) {
    const meta = { title: item.title, published: item.published, url: item.url };
    const itemWhere = `${where} item ${i + 1}${item.url ? ` (${item.url})` : ''}`;
    // The article page is the better text; the feed's own HTML is the fallback.
    if (item.url && /^https?:\/\//i.test(item.url)) {
      try {
        const page = await remote.fetch(item.url);
        yield { seq: seq.next++, where: itemWhere, kind: 'bytes', name: page.url, bytes: page.bytes, meta };
        continue;
      } catch (err) {
        if (!item.html) {
          options.skip(itemWhere, err instanceof InputError ? err.reason : `cannot fetch: ${(err as Error).message}`);
          continue;
        }
      }
    }
    if (item.html) yield { seq: seq.next++, where: itemWhere, kind: 'bytes', name: itemWhere, bytes: new TextEncoder().encode(item.html), meta };
    else options.skip(itemWhere, 'feed item has neither a link nor content');
  }
}
