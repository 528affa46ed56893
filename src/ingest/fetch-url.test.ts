import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { InputError } from '../document/errors.js';
import { classifyAddress, type FetchUrlOptions, fetchUrl } from './fetch-url.js';

// Every test resolves names with this table, never with real DNS, and only the
// local server on 127.0.0.1 ever receives traffic.
const HOSTS: Record<string, string[]> = {
  'news.test': ['127.0.0.1'],
  'metadata.test': ['169.254.169.254'],
  'intranet.test': ['10.0.0.1'],
  'mixed.test': ['93.184.216.34', '127.0.0.1'],
  'v6.test': ['::1'],
  'public.test': ['93.184.216.34'],
};
const lookup = async (host: string) => {
  const found = HOSTS[host];
  if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return found;
};
let contacted: string[] = [];
const lookupSpy = async (host: string) => {
  contacted.push(host);
  return lookup(host);
};

async function refusal(url: string, options: FetchUrlOptions = {}): Promise<InputError> {
  try {
    await fetchUrl(url, { lookup: lookupSpy, ...options });
  } catch (err) {
    assert.ok(err instanceof InputError, String(err));
    return err;
  }
  assert.fail(`${url} was fetched`);
}

describe('classifyAddress', () => {
  const table: Array<[string, string | null]> = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', null],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.10.1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.100.100.200', 'cloud metadata'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['93.184.216.34', null],
    ['8.8.8.8', null],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback (IPv4 in IPv6)'],
    ['::ffff:7f00:1', 'loopback (IPv4 in IPv6)'],
    ['::ffff:169.254.169.254', 'cloud metadata (IPv4 in IPv6)'],
    ['::ffff:93.184.216.34', null],
    ['64:ff9b::10.0.0.1', 'private (IPv4 in IPv6)'],
    ['2002:7f00:1::', 'loopback (6to4)'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2606:4700:4700::1111', null],
    ['example.org', 'malformed'],
  ];
  for (const [ip, label] of table) it(`${ip} → ${label}`, () => assert.equal(classifyAddress(ip), label));
});

describe('fetchUrl refuses', () => {
  const cases: Array<[string, string]> = [
    ['http://127.0.0.1/', 'refused: a loopback address 127.0.0.1'],
    ['http://10.0.0.1/admin', 'refused: a private address 10.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/', 'refused: a cloud metadata address 169.254.169.254'],
    ['http://[::1]:8080/', 'refused: a loopback address ::1'],
    ['http://[::ffff:127.0.0.1]/', 'refused: a loopback (IPv4 in IPv6) address ::ffff:7f00:1'],
    ['http://2130706433/', 'refused: a loopback address 127.0.0.1'],
    ['http://0x7f000001/', 'refused: a loopback address 127.0.0.1'],
    ['http://0177.0.0.1/', 'refused: a loopback address 127.0.0.1'],
    ['http://0/', 'refused: an unspecified address 0.0.0.0'],
    ['http://news.test/', 'refused: resolves to a loopback address 127.0.0.1'],
    ['http://metadata.test/', 'refused: resolves to a cloud metadata address 169.254.169.254'],
    ['http://intranet.test/', 'refused: resolves to a private address 10.0.0.1'],
    ['http://mixed.test/', 'refused: resolves to a loopback address 127.0.0.1'],
    ['http://v6.test/', 'refused: resolves to a loopback address ::1'],
    ['file:///etc/passwd', 'refused: scheme file: is not http or https'],
    ['ftp://public.test/x', 'refused: scheme ftp: is not http or https'],
    ['http://user:secret@public.test/', 'refused: URLs with credentials are not fetched'],
    ['not a url', 'refused: not a valid URL'],
  ];
  for (const [url, reason] of cases) {
    it(`${url}`, async () => {
      contacted = [];
      const err = await refusal(url);
      assert.equal(err.code, 'refused');
      assert.equal(err.reason, reason);
      assert.equal(err.message, `${err.input}: ${reason}`);
    });
  }

  it('does not resolve literal addresses', async () => {
    contacted = [];
    await refusal('http://2130706433/');
    assert.deepEqual(contacted, []);
  });
});

describe('fetchUrl against a local server', () => {
  let server: http.Server;
  let port = 0;
  const hits: string[] = [];
  const big = 'x'.repeat(300_000);

  before(async () => {
    server = http.createServer((req, res) => {
      hits.push(`${req.headers.host} ${req.url}`);
      switch (req.url) {
        case '/article':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<html><body><p>Rockets hit Baghdad’s Green Zone.</p></body></html>');
          return;
        case '/feed.gz':
          res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
          res.end(zlib.gzipSync('<rss version="2.0"><channel><title>T</title></channel></rss>'));
          return;
        case '/to-article':
          res.writeHead(302, { location: `http://news.test:${port}/article` });
          res.end();
          return;
        case '/to-metadata':
          res.writeHead(301, { location: 'http://metadata.test/latest/meta-data/' });
          res.end();
          return;
        case '/to-literal':
          res.writeHead(307, { location: 'http://10.0.0.1/' });
          res.end();
          return;
        case '/to-file':
          res.writeHead(302, { location: 'file:///etc/passwd' });
          res.end();
          return;
        case '/loop':
          res.writeHead(302, { location: '/loop' });
          res.end();
          return;
        case '/big':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(big);
          return;
        case '/big-declared':
          res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(big.length) });
          res.end(big);
          return;
        case '/bomb':
          res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
          res.end(zlib.gzipSync(Buffer.alloc(1_000_000)));
          return;
        case '/image':
          res.writeHead(200, { 'content-type': 'image/png' });
          res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
          return;
        case '/missing':
          res.writeHead(404, { 'content-type': 'text/html' });
          res.end('no');
          return;
        case '/slow':
          res.writeHead(200, { 'content-type': 'text/html' });
          res.write('<p>start'); // and never end
          return;
        default:
          res.writeHead(500);
          res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // Only the test server's own address is allowed; every other private address stays refused.
  const local: FetchUrlOptions = { lookup: lookupSpy, allowPrivate: (address) => address === '127.0.0.1' };

  it('fetches a page by host name, pinned to the vetted address, with Host kept', async () => {
    hits.length = 0;
    const page = await fetchUrl(`http://news.test:${port}/article`, local);
    assert.equal(page.status, 200);
    assert.equal(page.url, `http://news.test:${port}/article`);
    assert.equal(page.contentType, 'text/html');
    assert.equal(page.charset, 'utf-8');
    assert.equal(new TextDecoder().decode(page.body), '<html><body><p>Rockets hit Baghdad’s Green Zone.</p></body></html>');
    assert.deepEqual(hits, [`news.test:${port} /article`]);
  });

  it('decompresses gzip', async () => {
    const page = await fetchUrl(`http://news.test:${port}/feed.gz`, local);
    assert.equal(page.contentType, 'application/rss+xml');
    assert.equal(new TextDecoder().decode(page.body), '<rss version="2.0"><channel><title>T</title></channel></rss>');
  });

  it('follows a redirect to an allowed address and reports the final URL', async () => {
    const page = await fetchUrl(`http://127.0.0.1:${port}/to-article`, local);
    assert.equal(page.url, `http://news.test:${port}/article`);
  });

  it('re-checks redirect targets: a name resolving to the metadata address is refused', async () => {
    const err = await refusal(`http://news.test:${port}/to-metadata`, local);
    assert.equal(err.code, 'refused');
    assert.equal(err.input, 'http://metadata.test/latest/meta-data/');
    assert.equal(err.reason, 'refused: resolves to a cloud metadata address 169.254.169.254');
  });

  it('re-checks redirect targets: a literal private address and a file: URL are refused', async () => {
    assert.equal((await refusal(`http://news.test:${port}/to-literal`, local)).reason, 'refused: a private address 10.0.0.1');
    assert.equal((await refusal(`http://news.test:${port}/to-file`, local)).reason, 'refused: scheme file: is not http or https');
  });

  it('stops after maxRedirects', async () => {
    const err = await refusal(`http://news.test:${port}/loop`, { ...local, maxRedirects: 3 });
    assert.equal(err.reason, 'refused: more than 3 redirects');
  });

  it('caps the body size, declared or streamed, and after decompression', async () => {
    const declared = await refusal(`http://news.test:${port}/big-declared`, { ...local, maxBytes: 100_000 });
    assert.equal(declared.code, 'too-large');
    assert.equal(declared.reason, 'too large: 300000 bytes declared, over the cap of 100000 bytes');
    const streamed = await refusal(`http://news.test:${port}/big`, { ...local, maxBytes: 100_000 });
    assert.equal(streamed.code, 'too-large');
    assert.equal(streamed.reason, 'too large: over the cap of 100000 bytes');
    const bomb = await refusal(`http://news.test:${port}/bomb`, { ...local, maxBytes: 100_000 });
    assert.equal(bomb.code, 'too-large');
    const ok = await fetchUrl(`http://news.test:${port}/big`, { ...local, maxBytes: 300_000 });
    assert.equal(ok.body.length, 300_000);
  });

  it('refuses non-text content types and HTTP errors', async () => {
    const image = await refusal(`http://news.test:${port}/image`, local);
    assert.equal(image.code, 'unsupported');
    assert.equal(image.reason, 'not a text page or feed (content type image/png)');
    const missing = await refusal(`http://news.test:${port}/missing`, local);
    assert.equal(missing.code, 'unreadable');
    assert.equal(missing.reason, 'HTTP 404 Not Found');
  });

  it('times out a response that never ends', async () => {
    const t0 = performance.now();
    const err = await refusal(`http://news.test:${port}/slow`, { ...local, timeoutMs: 300 });
    assert.equal(err.code, 'unreadable');
    assert.equal(err.reason, 'timed out after 300 ms');
    assert.ok(performance.now() - t0 < 5000);
  });

  it('with allowPrivate: true fetches any local address (tests only)', async () => {
    const page = await fetchUrl(`http://127.0.0.1:${port}/article`, { allowPrivate: true });
    assert.equal(page.status, 200);
  });
});
