/**
 * SSRF-safe URL fetching for `dossier ingest <url>`: only http(s); the host is
 * resolved first and refused when ANY of its addresses is not public
 * (loopback, private, link-local, cloud metadata, CGNAT, multicast, reserved,
 * IPv4 hidden in IPv6 forms); the connection is pinned to the vetted address
 * (a custom `lookup`, so DNS rebinding cannot swap it, while Host and SNI stay
 * the host name); every redirect is vetted again; the body is capped (after
 * decompression) and the whole exchange has one deadline; only text content
 * types are accepted.
 *
 * Errors are `InputError`s: code `refused` for what the policy forbids (scheme,
 * credentials, addresses, too many redirects), `unsupported` for a non-text
 * content type, `too-large` for the size cap, `unreadable` for network errors,
 * timeouts and HTTP errors.
 *
 * @example
 * const page = await fetchUrl('https://example.org/news/1');
 * new TextDecoder().decode(page.body);
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { InputError } from '../document/errors.js';

export interface ResolvedAddress {
  address: string;
  family?: number;
}

export interface FetchUrlOptions {
  /** Body cap in bytes, after decompression (default 10 MB). */
  maxBytes?: number;
  /** Deadline for the whole exchange: DNS, redirects and body (default 15 s). */
  timeoutMs?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  userAgent?: string;
  /** Resolver (default: node:dns lookup with all addresses); tests inject one. */
  lookup?: (host: string) => Promise<Array<ResolvedAddress | string>>;
  /**
   * Tests only: allow non-public addresses — all of them (`true`) or those a
   * predicate accepts (e.g. only 127.0.0.1 for a local test server). Default false.
   */
  allowPrivate?: boolean | ((address: string) => boolean);
}

export interface FetchedPage {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** The media type, lower-cased, without parameters (e.g. `text/html`). */
  contentType: string;
  /** The charset parameter, if the server sent one. */
  charset: string | null;
  body: Uint8Array;
  headers: Record<string, string>;
}

export const DEFAULT_FETCH_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_USER_AGENT = 'Dossier/0.1 (+https://github.com/dossier)';

/** Media types Dossier reads: web pages, plain text and feeds. */
export const ACCEPTED_CONTENT_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
  'text/xml',
]);

// Non-public IPv4 ranges, most specific first: [network, prefix length, label].
const IPV4_BLOCKS: Array<[string, number, string]> = [
  ['169.254.169.254', 32, 'cloud metadata'],
  ['100.100.100.200', 32, 'cloud metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const ipv4ToInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const COMPILED_IPV4_BLOCKS = IPV4_BLOCKS.map(([net, bits, label]) => ({ base: ipv4ToInt(net), size: 2 ** (32 - bits), label }));

function classifyIPv4(ip: string): string | null {
  const n = ipv4ToInt(ip);
  for (const b of COMPILED_IPV4_BLOCKS) if (n >= b.base && n < b.base + b.size) return b.label;
  return null;
}

/** The 8 groups of an IPv6 address (zone id dropped, embedded dotted IPv4 expanded). */
function ipv6Groups(ip: string): number[] {
  let s = ip.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const v4 = ipv4ToInt(dotted[1]);
    s = `${s.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, null];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  if (tail === null) return left;
  const right = parse(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

function classifyIPv6(ip: string): string | null {
  const g = ipv6Groups(ip);
  const v4At = (hi: number, lo: number) => `${g[hi] >>> 8}.${g[hi] & 0xff}.${g[lo] >>> 8}.${g[lo] & 0xff}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d)
  if ((zeros(0, 5) && g[5] === 0xffff) || (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) || zeros(0, 6) || (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6))) {
    const inner = classifyIPv4(v4At(6, 7));
    return inner ? `${inner} (IPv4 in IPv6)` : null;
  }
  if (g[0] === 0x2002) {
    const inner = classifyIPv4(v4At(1, 2));
    return inner ? `${inner} (6to4)` : null;
  }
  if (g[0] === 0x2001 && g[1] === 0) return 'Teredo tunnel';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation';
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  // Only global unicast (2000::/3) is public; everything else is reserved or special.
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved';
  return null;
}

/**
 * Why an IP address must not be fetched (`'loopback'`, `'private'`,
 * `'cloud metadata'`, …), or null when it is public.
 *
 * @example
 * classifyAddress('169.254.169.254') // → 'cloud metadata'
 * classifyAddress('::ffff:127.0.0.1') // → 'loopback (IPv4 in IPv6)'
 */
export function classifyAddress(ip: string): string | null {
  const bare = ip.replace(/^\[|\]$/g, '');
  const version = isIP(bare.replace(/%.*$/, ''));
  if (version === 4) return classifyIPv4(bare);
  if (version === 6) return classifyIPv6(bare);
  return 'malformed';
}

const article = (label: string) => (/^[aeiou]/i.test(label) ? 'an' : 'a');

function refuse(url: string, why: string): InputError {
  return new InputError(url, 'refused', `refused: ${why}`);
}

function isAllowed(address: string, options: FetchUrlOptions): boolean {
  const allow = options.allowPrivate;
  return allow === true || (typeof allow === 'function' && allow(address));
}

/** Parse and check a URL: http(s) only, no credentials. */
function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(raw, 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(raw, `scheme ${url.protocol} is not http or https`);
  if (url.username || url.password) throw refuse(raw, 'URLs with credentials are not fetched');
  return url;
}

/** Resolve the host (unless it is a literal IP) and vet every address; returns the one to connect to. */
async function vetHost(url: URL, options: FetchUrlOptions, signal: AbortSignal): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // The WHATWG parser has already turned 2130706433, 0x7f000001 and 0177.0.0.1 into 127.0.0.1.
  if (isIP(host)) {
    const label = classifyAddress(host);
    if (label && !isAllowed(host, options)) throw refuse(url.href, `${article(label)} ${label} address ${host}`);
    return { address: host, family: isIP(host) };
  }
  const resolve = options.lookup ?? ((h: string) => dnsLookup(h, { all: true, verbatim: true }));
  let found: Array<ResolvedAddress | string>;
  try {
    found = await abortable(resolve(host), signal);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(url.href, 'unreadable', `cannot resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const addresses = found.map((a) => (typeof a === 'string' ? { address: a } : a));
  if (addresses.length === 0) throw new InputError(url.href, 'unreadable', `cannot resolve ${host}: no addresses`);
  for (const { address } of addresses) {
    const label = classifyAddress(address);
    if (label && !isAllowed(address, options)) throw refuse(url.href, `resolves to ${article(label)} ${label} address ${address}`);
  }
  const first = addresses[0];
  return { address: first.address, family: first.family ?? isIP(first.address) };
}

/** Reject when the signal aborts (DNS lookups cannot be cancelled, only abandoned). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function request(url: URL, pinned: ResolvedAddress, options: FetchUrlOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  const family = pinned.family ?? isIP(pinned.address);
  // Node asks with {all: true} when it races address families; answer both forms with the vetted address only.
  const lookup = (_host: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (opts?.all) callback(null, [{ address: pinned.address, family }]);
    else callback(null, pinned.address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'GET',
        agent: false,
        lookup: lookup as unknown as http.RequestOptions['lookup'],
        signal,
        headers: {
          'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
          accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return res.pipe(zlib.createInflate());
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

async function readCapped(href: string, res: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes && !res.headers['content-encoding']) {
    res.destroy();
    throw new InputError(href, 'too-large', `too large: ${declared} bytes declared, over the cap of ${maxBytes} bytes`);
  }
  const stream = decoded(res);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        res.destroy();
        stream.destroy();
        throw new InputError(href, 'too-large', `too large: over the cap of ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(href, 'unreadable', `cannot read the body: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function flatHeaders(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetch a web page or feed under the SSRF policy described above.
 *
 * @example
 * await fetchUrl('http://169.254.169.254/latest/meta-data/')
 * // → InputError 'http://169.254.169.254/latest/meta-data/: refused: a cloud metadata address 169.254.169.254'
 */
export async function fetchUrl(url: string, options: FetchUrlOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const controller = new AbortController();
  const timedOut = new InputError(url, 'unreadable', `timed out after ${timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(timedOut), timeoutMs);
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      const target = checkUrl(current);
      const pinned = await vetHost(target, options, controller.signal);
      let res: http.IncomingMessage;
      try {
        res = await request(target, pinned, options, controller.signal);
      } catch (err) {
        if (controller.signal.aborted) throw timedOut;
        throw new InputError(target.href, 'unreadable', `cannot fetch: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        res.resume();
        if (hop >= maxRedirects) throw refuse(url, `more than ${maxRedirects} redirects`);
        try {
          current = new URL(location, target).href;
        } catch {
          throw new InputError(target.href, 'unreadable', `bad redirect location ${JSON.stringify(location)}`);
        }
        continue;
      }
      if (status >= 400) {
        res.resume();
        throw new InputError(target.href, 'unreadable', `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
      }
      const [mediaType, ...params] = String(res.headers['content-type'] ?? '').split(';');
      const contentType = mediaType.trim().toLowerCase();
      if (!ACCEPTED_CONTENT_TYPES.has(contentType)) {
        res.resume();
        res.destroy();
        throw new InputError(target.href, 'unsupported', contentType ? `not a text page or feed (content type ${contentType})` : 'no content type');
      }
      const charsetParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='));
      let body: Uint8Array;
      try {
        body = await readCapped(target.href, res, options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES);
      } catch (err) {
        if (controller.signal.aborted) throw timedOut;
        throw err;
      }
      return {
        url: target.href,
        status,
        contentType,
        charset: charsetParam ? charsetParam.slice('charset='.length).replace(/^"|"$/g, '') : null,
        body,
        headers: flatHeaders(res),
      };
    }
  } catch (err) {
    if (controller.signal.aborted && !(err instanceof InputError && err.code === 'refused')) throw timedOut;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
