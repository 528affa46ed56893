import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from './test-app.js';

describe('OpenAPI document', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('describes every route the app registers, with its method', async () => {
    const res = await t.app.request('/openapi.json');
    assert.equal(res.status, 200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.equal(doc.openapi, '3.1.0');
    // Middleware (ALL) and the catch-alls (`/api/*`, the UI's `*`) are not API routes.
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'));
    assert.ok(routes.length >= 12, `only ${routes.length} routes`);
    for (const r of routes) {
      const openApiPath = r.path.replace(/:(\w+)/g, '{$1}');
      assert.ok(doc.paths[openApiPath], `${r.path} missing from /openapi.json`);
      assert.ok(doc.paths[openApiPath][r.method.toLowerCase()], `${r.method} ${r.path} missing from /openapi.json`);
    }
    // The other way round: no documented path without a route (besides the UI root).
    const registered = new Set(routes.map((r) => r.path.replace(/:(\w+)/g, '{$1}')));
    for (const p of Object.keys(doc.paths)) if (p !== '/') assert.ok(registered.has(p), `${p} documented but not routed`);
  });

  it('marks the writes as needing the bearer token', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown }>> };
    assert.deepEqual(doc.paths['/api/analyze'].post.security, [{ bearer: [] }]);
    assert.deepEqual(doc.paths['/api/corrections'].post.security, [{ bearer: [] }]);
    assert.equal(doc.paths['/api/corrections'].get.security, undefined);
  });
});
