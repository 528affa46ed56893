import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { testResources } from '../test-support/fixtures.js';
import { safeRemote } from './app.js';
import { auth, GOOD_TOKEN, type Loose, type TestApp, testApp, XSS_TEXT_PAYLOAD, XSS_TITLE } from './test-app.js';

const post = (t: TestApp, url: string, body: unknown, headers: Record<string, string> = auth()) =>
  t.app.request(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('HTTP API security', () => {
  let t: TestApp;
  // A real listener on loopback: an SSRF refusal must come before any connection to it.
  let hits = 0;
  let victim: http.Server;
  let victimPort = 0;
  before(async () => {
    t = await testApp({}, testResources);
    victim = http.createServer((_req, res) => {
      hits++;
      res.setHeader('content-type', 'text/html');
      res.end('<html><body><p>internal admin page</p></body></html>');
    });
    await new Promise<void>((r) => victim.listen(0, '127.0.0.1', r));
    victimPort = (victim.address() as AddressInfo).port;
  });
  after(async () => {
    await t.close();
    await new Promise((r) => victim.close(r));
  });

  for (const url of ['http://127.0.0.1:PORT/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:PORT/']) {
    it(`refuses to analyse ${url}`, async () => {
      const res = await post(t, '/api/analyze', { url: url.replace('PORT', String(victimPort)) });
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'refused');
      assert.match(body.error.message, /refused: an? (loopback|private|cloud metadata) address/);
      assert.equal(hits, 0);
    });
  }

  it('refuses a host name that resolves to loopback (injected resolver)', async () => {
    const looked: string[] = [];
    const rebind = await testApp({
      remote: safeRemote({
        lookup: async (host) => {
          looked.push(host);
          return [{ address: '127.0.0.1', family: 4 }];
        },
      }),
    });
    try {
      const res = await post(rebind, '/api/analyze', { url: `http://internal.example.test:${victimPort}/` });
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'refused');
      assert.match(body.error.message, /resolves to a loopback address 127\.0\.0\.1/);
      assert.deepEqual(looked, ['internal.example.test']);
      assert.equal(hits, 0);
    } finally {
      await rebind.close();
    }
  });

  it('needs a known token for writes: none → 401, bad → 401, good → 2xx', async () => {
    const body = { kind: 'reject-event', id: 'no-such-event', why: 'auth test' };
    const none = await post(t, '/api/corrections', body, { 'Content-Type': 'application/json' });
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'unauthorized');
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    const bad = await post(t, '/api/corrections', body, auth(`${GOOD_TOKEN}x`));
    assert.equal(bad.status, 401);
    const notBearer = await post(t, '/api/corrections', body, { Authorization: `Basic ${GOOD_TOKEN}`, 'Content-Type': 'application/json' });
    assert.equal(notBearer.status, 401);
    const good = await post(t, '/api/corrections', body, auth());
    assert.equal(good.status, 201);
    // Nothing was written by the refused requests.
    const log = (await (await t.app.request('/api/corrections')).json()) as { items: unknown[] };
    assert.equal(log.items.length, 1);
  });

  it('analyses posted text with a token, and stores it on request', async () => {
    const text = 'Iran fired missiles at a base in Iraq on Monday, officials in Baghdad said.';
    const res = await post(t, '/api/analyze', { text, published: '2020-01-08', source: 'Test Wire' });
    assert.equal(res.status, 200);
    const out = (await res.json()) as { documentId: string; stored: boolean; analysis: Loose };
    assert.equal(out.stored, false);
    assert.equal(out.analysis.schema, 'dossier.analysis/1');
    assert.equal(out.analysis.document.published, '2020-01-08');
    const iran = out.analysis.entities.find((e: { kbId: string | null }) => e.kbId === 'iran');
    const { start, end, text: said, kind } = iran.mentions[0];
    assert.deepEqual({ start, end, said, kind }, { start: 0, end: 4, said: 'Iran', kind: 'name' });
    assert.equal((await t.app.request(`/api/documents/${out.documentId}`)).status, 404);

    const stored = await post(t, '/api/analyze', { text, published: '2020-01-08', source: 'Test Wire', store: true });
    assert.equal(stored.status, 201);
    const again = await post(t, '/api/analyze', { text, store: true });
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { outcome: string }).outcome, 'exists');
    const doc = (await (await t.app.request(`/api/documents/${out.documentId}`)).json()) as { document: { source: { name: string } } };
    assert.equal(doc.document.source.name, 'Test Wire');
    const bad = await post(t, '/api/analyze', { text: 'x', html: '<p>x</p>' });
    assert.equal(bad.status, 400);
    const notJson = await post(t, '/api/analyze', 'text=Iran', { Authorization: `Bearer ${GOOD_TOKEN}`, 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(notJson.status, 415);
  });

  it('refuses an oversize body with 413 (declared and chunked)', async () => {
    const small = await testApp({ maxBodyBytes: 1024 });
    try {
      const big = JSON.stringify({ text: 'Iran '.repeat(400) });
      const res = await post(small, '/api/analyze', big);
      assert.equal(res.status, 413);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'too-large');
      // No Content-Length: counted while streaming.
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });
      const chunked = await small.app.request('/api/analyze', { method: 'POST', headers: auth(), body: stream, duplex: 'half' } as RequestInit);
      assert.equal(chunked.status, 413);
    } finally {
      await small.close();
    }
  });

  it('returns stored XSS payloads only inside JSON, never as HTML', async () => {
    const list = await t.app.request('/api/documents');
    assert.match(list.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(list.headers.get('x-content-type-options'), 'nosniff');
    assert.match(list.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const items = ((await list.json()) as { items: Array<{ id: string; title: string }> }).items;
    const evil = items.find((d) => d.title === XSS_TITLE);
    assert.ok(evil);
    const one = await t.app.request(`/api/documents/${evil.id}`);
    assert.match(one.headers.get('content-type') ?? '', /^application\/json/);
    const raw = await one.text();
    assert.ok(raw.includes(XSS_TEXT_PAYLOAD.replace(/"/g, '\\"')));
    for (const url of ['/api/search?q=script', '/api/entities/iran', '/api/export/jsonl']) {
      const res = await t.app.request(url);
      assert.doesNotMatch(res.headers.get('content-type') ?? '', /html/, url);
    }
    // An id with markup in the path comes back as a JSON error, not reflected HTML.
    const reflected = await t.app.request('/api/entities/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.equal(reflected.status, 404);
    assert.match(reflected.headers.get('content-type') ?? '', /^application\/json/);
  });

  it('rate-limits a client with 429 and Retry-After', async () => {
    const limited = await testApp({ rateLimits: { reads: { requests: 3, windowMs: 60_000 }, writes: { requests: 1, windowMs: 60_000 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.app.request('/api/health')).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      const res = await limited.app.request('/api/health');
      assert.equal(res.headers.get('retry-after'), '20');
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'rate-limited');
      const body = { kind: 'reject-event', id: 'x', why: 'rate test' };
      assert.equal((await post(limited, '/api/corrections', body)).status, 201);
      assert.equal((await post(limited, '/api/corrections', body)).status, 429);
    } finally {
      await limited.close();
    }
  });
});
