import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from './test-app.js';

describe('the web UI files', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-ui-'));
    const ui = path.join(dir, 'ui');
    mkdirSync(path.join(ui, 'assets'), { recursive: true });
    writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Dossier</title><div id="app"></div>');
    writeFileSync(path.join(ui, 'assets', 'app-1234.js'), 'console.log("ui")');
    writeFileSync(path.join(dir, 'secret.txt'), 'outside the UI');
    t = await testApp({ uiDir: ui });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes, assets with their type', async () => {
    const root = await t.app.request('/');
    assert.equal(root.status, 200);
    assert.match(root.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await root.text(), /<div id="app">/);
    assert.match(root.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const route = await t.app.request('/entity/iran');
    assert.match(await route.text(), /<div id="app">/);
    const js = await t.app.request('/assets/app-1234.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await t.app.request('/assets/missing.js')).status, 404);
  });

  it('never serves a file outside the UI folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/.%2e/secret.txt']) {
      const res = await t.app.request(p);
      const body = await res.text();
      assert.doesNotMatch(body, /outside the UI/, p);
    }
  });

  it('keeps API 404s as JSON rather than the UI page', async () => {
    const res = await t.app.request('/api/entity-typo/iran');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  });
});
