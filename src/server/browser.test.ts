import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { packageRoot } from '../analysis.js';
import { ingest } from '../ingest/ingest.js';
import type { Analysis } from '../schema/analysis.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { seedPath } from '../test-support/fixtures.js';
import { type RunningServer, startServer } from './serve.js';

/**
 * The web UI in real headless Chromium (Debian's, never a downloaded one),
 * against the real server over a temp SQLite store: the seed article's
 * highlights and attributed quote, Iran in the graph, and stored XSS payloads
 * rendering as inert text. Screenshots go to artifacts/browser/.
 */

const chromiumPath = process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium';
const uiIndex = path.join(packageRoot(), 'dist', 'ui', 'index.html');
const shots = path.join(packageRoot(), 'artifacts', 'browser');

const skip = !existsSync(chromiumPath)
  ? `no Chromium at ${chromiumPath} (set DOSSIER_CHROMIUM)`
  : !existsSync(uiIndex)
    ? `the web UI is not built (${uiIndex} missing): run npx vite build --config ui/vite.config.ts`
    : false;
const seedSkip = existsSync(seedPath) ? false : `the seed article is not at ${seedPath}`;

const XSS_TITLE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1"> Iran payload';
const XSS_BODY =
  'Iran denied the report on Monday. <script>window.__xss=1</script> The ministry said <img src=x onerror="window.__xss=1"> was "not our doing".\n\n' +
  'Officials in Baghdad said the protests would continue.\n';

describe('web UI in headless Chromium', { skip }, () => {
  let dir: string;
  let store: Store;
  let server: RunningServer | undefined;
  let base: string;
  let browser: Browser;
  let page: Page;
  let seedId: string | null = null;
  let xssId: string;
  const pageErrors: string[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-browser-'));
    mkdirSync(shots, { recursive: true });
    store = await openStore(path.join(dir, 'ui.db'));
    const quiet = { write: () => true } as unknown as NodeJS.WriteStream;
    if (!seedSkip) {
      await ingest([seedPath], { store, jobs: 1, stderr: quiet, meta: { published: '2020-10-28', source: 'iranfocus' } });
    }
    const xssFile = path.join(dir, 'payload.txt');
    writeFileSync(xssFile, XSS_BODY);
    await ingest([xssFile], { store, jobs: 1, stderr: quiet, meta: { title: XSS_TITLE, published: '2020-11-02', source: 'payload-test' } });
    for (const id of await store.documentIds()) {
      const d = await store.getDocument(id);
      if (d?.source === 'iranfocus') seedId = id;
      if (d?.source === 'payload-test') xssId = id;
    }
    assert.ok(xssId, 'the payload document was stored');

    server = await startServer({ store, host: '127.0.0.1', port: 0, rateLimits: { reads: false, writes: false } });
    base = server.url.replace(/\/$/, '');

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Open a hash route and wait until the router says the page is rendered. */
  async function open(hash: string, route: string): Promise<void> {
    await page.goto(`${base}/${hash}`);
    await page.waitForSelector(`main[data-ready="${route}"]`, { timeout: 20_000 });
  }

  async function analysisOf(id: string): Promise<Analysis> {
    const res = await fetch(`${base}/api/documents/${id}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { analysis: Analysis }).analysis;
  }

  test('the seed article shows a Name_Calling,Labeling highlight with its evidence', { skip: seedSkip }, async () => {
    assert.ok(seedId);
    const analysis = await analysisOf(seedId);
    await open(`#/doc/${seedId}`, 'doc');
    const highlight = page.locator('[data-layer="rhetoric"][data-technique="Name_Calling,Labeling"]').first();
    assert.ok(await highlight.isVisible(), 'a Name_Calling,Labeling highlight is visible');
    // Each finding's fragments (split where spans cross) join up to exactly its text.
    const findings = analysis.rhetoric.findings.map((f, i) => ({ f, ann: `rhetoric-${i}` })).filter(({ f }) => f.technique === 'Name_Calling,Labeling');
    assert.ok(findings.length > 0);
    for (const { f, ann } of findings) {
      const joined = (await page.locator(`[data-ann="${ann}"]`).allTextContents()).join('');
      assert.equal(joined, f.text, `fragments of ${ann}`);
    }
    // Every highlight of every layer, however its spans cross others, covers exactly its [start, end).
    const highlights = (await page.evaluate(`(() => {
      const byAnn = {};
      for (const n of document.querySelectorAll('#article-text [data-ann]')) {
        const copy = n.cloneNode(true);
        for (const a of copy.querySelectorAll('.attribution')) a.remove();
        const g = (byAnn[n.dataset.ann] ??= { start: Number(n.dataset.start), end: Number(n.dataset.end), text: '' });
        g.text += copy.textContent;
      }
      return byAnn;
    })()`)) as Record<string, { start: number; end: number; text: string }>;
    assert.ok(Object.keys(highlights).length > 100, 'the seed article has many highlights');
    for (const [ann, h] of Object.entries(highlights)) assert.equal(h.text, analysis.document.text.slice(h.start, h.end), `highlight ${ann}`);
    // The article text itself is unchanged by the markup (attributions are extra, marked elements).
    // (Browser-side code as strings: the Node build has no DOM types.)
    const shown = await page.evaluate(`(() => {
      const copy = document.getElementById('article-text').cloneNode(true);
      for (const a of copy.querySelectorAll('.attribution')) a.remove();
      return copy.textContent;
    })()`);
    assert.equal(shown, analysis.document.text);

    await highlight.click();
    const panel = page.locator('.evidence-panel');
    await panel.locator('[data-evidence^="rhetoric-"]').first().waitFor();
    const evidence = await panel.textContent();
    assert.match(evidence ?? '', /Name_Calling,Labeling/);
    assert.match(evidence ?? '', /Rule id/);
    await page.screenshot({ path: path.join(shots, 'article.png'), fullPage: true });
  });

  test("Keyhan's quote is attributed to Keyhan", { skip: seedSkip }, async () => {
    await open(`#/doc/${seedId}`, 'doc');
    // Keyhan is quoted twice: "expressed fear … of losing control" (reported) and the direct quote checked here.
    const quote = page
      .locator('#article-text [data-role="quote"][data-speaker-entity="media.keyhan"]')
      .filter({ hasText: 'the first protests were against corruption' })
      .first();
    assert.ok(await quote.isVisible(), 'the quote is highlighted');
    const attribution = page.locator('#article-text .attribution[data-speaker-entity="media.keyhan"]').last();
    assert.equal(await page.locator('#article-text .attribution[data-speaker-entity="media.keyhan"]').count(), 2);
    assert.ok(await attribution.isVisible());
    assert.equal(((await attribution.textContent()) ?? '').trim(), '— Keyhan');
    // The quote list under the article says the same.
    const listed = page.locator('.quote-list li[data-speaker-entity="media.keyhan"] .attributed').first();
    assert.match((await listed.textContent()) ?? '', /— Keyhan/);

    await attribution.click();
    await page.locator('.evidence-panel [data-evidence^="quote-"]').waitFor();
    assert.match((await page.locator('.evidence-panel').textContent()) ?? '', /Speaker\s*Keyhan/);
    await quote.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'article-keyhan-quote.png') });
  });

  test("the graph draws with sigma and lists Iran's node; focusing it and opening its dossier work", { skip: seedSkip }, async () => {
    await open('#/graph', 'graph');
    assert.equal(await page.locator('.view').getAttribute('data-graph-ready'), 'webgl', 'sigma rendered with WebGL');
    const iran = page.locator('#graph-nodes li[data-node-id="iran"]');
    assert.equal(await iran.count(), 1);
    assert.equal(await iran.locator('a').textContent(), 'Iran');
    await page.fill('#graph-search', 'iran');
    await page.press('#graph-search', 'Enter');
    await page.waitForSelector('#graph-canvas[data-focused-node="iran"]');
    assert.match((await page.locator('.graph-panel h2').textContent()) ?? '', /^Iran$/);
    await page.waitForTimeout(600); // the camera animation
    await page.screenshot({ path: path.join(shots, 'graph.png') });

    await iran.locator('a').click();
    await page.waitForSelector('main[data-ready="entity"]');
    assert.equal(await page.locator('[data-entity-id]').getAttribute('data-entity-id'), 'iran');
    await page.screenshot({ path: path.join(shots, 'entity-iran.png'), fullPage: true });
  });

  test('a timeline lists dated items in order, each linking to its document', { skip: seedSkip }, async () => {
    await open('#/timeline/iran', 'timeline');
    const dates = (await page.evaluate(`[...document.querySelectorAll('.timeline-item')].map((i) => i.dataset.date)`)) as string[];
    assert.ok(dates.length > 0);
    const days = dates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    assert.deepEqual(days, [...days].sort(), 'full dates are in order');
    const evidence = page.locator(`.timeline-item a[href^="#/doc/${seedId}?find="]`).first();
    const quoted = ((await evidence.textContent()) ?? '').replace(/^“|”$/g, '');
    await evidence.click();
    await page.waitForSelector('main[data-ready="doc"]');
    // The link lands on the evidence, highlighted in the article.
    assert.equal(await page.locator('#article-text [data-ann="focus"]').first().isVisible(), true);
    assert.equal((await page.locator('#article-text [data-ann="focus"]').allTextContents()).join(''), quoted);
  });

  test('stored XSS payloads in the title and text render as inert text', async () => {
    await open('#/', 'documents');
    const listed = page.locator(`.doc-list li[data-document-id="${xssId}"] .doc-link`);
    assert.equal(await listed.textContent(), XSS_TITLE);

    await open(`#/doc/${xssId}`, 'doc');
    assert.equal(await page.locator('h1.doc-title').textContent(), XSS_TITLE);
    // Attributions ("— The ministry") are extra elements after each quote; the article's own text is the rest.
    const text = String(
      await page.evaluate(`(() => {
        const copy = document.getElementById('article-text').cloneNode(true);
        for (const a of copy.querySelectorAll('.attribution')) a.remove();
        return copy.textContent;
      })()`),
    );
    assert.ok(text.includes('<script>window.__xss=1</script>'), 'the script tag shows as text');
    assert.ok(text.includes('<img src=x onerror="window.__xss=1">'), 'the img tag shows as text');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate('window.__xss'), undefined);
    // No element came from the payload: the only scripts are the app's own module.
    const scripts = (await page.evaluate(`[...document.querySelectorAll('script')].map((s) => s.src || s.textContent || '')`)) as string[];
    assert.ok(
      scripts.every((s) => s.includes('/assets/') && !s.includes('__xss')),
      scripts.join(' | '),
    );
    assert.equal(await page.locator('img[src="x"], main img').count(), 0);

    await open(`#/search?q=${encodeURIComponent('ministry')}`, 'search');
    assert.equal(await page.evaluate('window.__xss'), undefined);
    await open(`#/doc/${xssId}`, 'doc');
    await page.screenshot({ path: path.join(shots, 'xss-document.png') });
  });

  test('no page errors or CSP violations on the way', () => {
    assert.deepEqual(pageErrors, []);
  });
});
