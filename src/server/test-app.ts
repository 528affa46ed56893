import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Resources } from '../pipeline/context.js';
import { type FixtureSpec, fixtureRecord } from '../store/fixture-analysis.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { type AppOptions, createApp } from './app.js';
import { hashApiToken } from './token-hash.js';

/**
 * Test support for the server tests: a temporary SQLite store with two short
 * articles written for these tests (not from any corpus), a known API token,
 * and the app around them. The second article's title and text carry XSS
 * payloads, which must only ever come back inside JSON.
 */
export const XSS_TITLE = '<img src=x onerror=alert(1)>Rockets';
export const XSS_TEXT_PAYLOAD = '<script>alert("xss")</script>';

export const ARTICLE_ONE: FixtureSpec = {
  text: 'Tehran-backed militias fired rockets at the Green Zone, Iraqi officials said. Iran denied any role.',
  title: 'Rockets hit Green Zone',
  published: '2020-10-28',
  source: 'Iran Focus',
  url: 'https://www.iranfocus.com/en/1',
  entities: [
    { id: 'iran', name: 'Iran', type: 'COUNTRY', surfaces: ['Iran'] },
    { id: 'local:tehran-backed-militias', name: 'Tehran-backed militias', type: 'GROUP', surfaces: ['Tehran-backed militias'] },
    { id: 'place.green-zone', name: 'Green Zone', type: 'LOCATION', surfaces: ['Green Zone'] },
  ],
  events: [{ source: 'local:tehran-backed-militias', target: 'place.green-zone', cameo: '190', plover: 'ASSAULT', trigger: 'fired' }],
  relations: [{ type: 'PROXY_OF', source: 'local:tehran-backed-militias', target: 'iran', evidence: 'Tehran-backed militias' }],
  findings: [{ text: 'Tehran-backed', technique: 'Name_Calling,Labeling', target: 'local:tehran-backed-militias' }],
  tones: [{ entity: 'iran', tone: -0.25, mentions: 1 }],
};

export const ARTICLE_TWO: FixtureSpec = {
  text: `Iran said the militias acted alone. ${XSS_TEXT_PAYLOAD} Officials in Baghdad said the Green Zone was hit again on Tuesday.`,
  title: XSS_TITLE,
  published: '2020-11-03',
  source: 'Wire',
  entities: [
    { id: 'iran', name: 'Iran', type: 'COUNTRY', surfaces: ['Iran'] },
    { id: 'place.green-zone', name: 'Green Zone', type: 'LOCATION', surfaces: ['Green Zone'] },
    { id: 'local:tehran-backed-militias', name: 'Tehran-backed militias', type: 'GROUP', surfaces: ['militias'] },
  ],
  events: [{ source: 'local:tehran-backed-militias', target: 'place.green-zone', cameo: '190', plover: 'ASSAULT', trigger: 'hit', date: '2020-11-03' }],
  quotes: [{ text: 'the militias acted alone', speaker: 'iran', speakerText: 'Iran' }],
  tones: [{ entity: 'iran', tone: 0.1, mentions: 1 }],
};

export const GOOD_TOKEN = 'dsr_test-token-known-to-the-tests';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  ids: { one: string; two: string };
  close(): Promise<void>;
}

/** A fresh store and app; `resources` is only loaded by tests that analyse text. */
export async function testApp(options: Partial<AppOptions> = {}, resources?: () => Promise<Resources>): Promise<TestApp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-server-'));
  const store = new SqliteStore(path.join(dir, 'api.db'));
  await store.migrate();
  const one = fixtureRecord(ARTICLE_ONE, {
    source: { id: 'media.iran-focus', name: 'Iran Focus', domain: 'iranfocus.com', country: null, kbId: 'media.iran-focus', affiliations: [] },
  });
  const two = fixtureRecord(ARTICLE_TWO, { source: { id: 'name:wire', name: 'Wire', domain: null, country: null, kbId: null, affiliations: [] } });
  await store.putDocument(one);
  await store.putDocument(two);
  await store.addApiToken({ hash: hashApiToken(GOOD_TOKEN), name: 'tests', createdAt: '2026-11-28T00:00:00Z' });
  const app = createApp({
    store,
    resources: resources ?? (async () => Promise.reject(new Error('this test does not analyse'))),
    uiDir: path.join(dir, 'no-ui'),
    now: () => '2026-11-28T12:00:00.000Z',
    logError: () => {},
    ...options,
  });
  return {
    app,
    store,
    ids: { one: one.analysis.document.id, two: two.analysis.document.id },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const auth = (token = GOOD_TOKEN) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });

/** A JSON response body, read loosely: the assertions check its shape. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions, not by types
export type Loose = Record<string, any>;
