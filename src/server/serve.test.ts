import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningServer, startServer } from './serve.js';
import { type TestApp, testApp } from './test-app.js';

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
});
