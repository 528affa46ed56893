import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningServer, startServer } from './serve.js';
import { GOOD_TOKEN, type TestApp, testApp } from './test-app.js';

describe('startServer', () => {
  let t: TestApp;
  let server: RunningServer;
  before(async () => {
    t = await testApp();
    server = await startServer({ store: t.store, port: 0, logError: () => {} });
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  it('binds 127.0.0.1 by default and answers over a real socket', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(new URL('/api/health', server.url));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true, documents: 2 });
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  });

  it('rate-limits by the socket address', async () => {
    const limited = await startServer({ store: t.store, port: 0, rateLimits: { reads: { requests: 2, windowMs: 60_000 } } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(new URL('/api/health', limited.url))).status);
      assert.deepEqual(statuses, [200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('keeps answering while an analysis runs on its own thread', async () => {
    // Written for this test: ~4,000 sentences, a second or more of analysis.
    const text = 'Iran condemned the United States after rockets hit Baghdad, officials said on Sunday. '.repeat(4000);
    // The longest stall of this thread's event loop while the analysis runs.
    let last = performance.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
    }, 5);
    const t0 = performance.now();
    const res = await fetch(new URL('/api/analyze', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${GOOD_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text, published: '2020-10-28' }),
    });
    const took = performance.now() - t0;
    clearInterval(ticker);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { analysis: { sentences: unknown[] } };
    assert.equal(body.analysis.sentences.length, 4000);
    assert.ok(longestStall < took / 3, `the server's thread stalled ${longestStall.toFixed(0)} ms of a ${took.toFixed(0)} ms analysis`);
  });
});
