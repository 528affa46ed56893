import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDocument } from '../document/document.js';
import { entityReport, neighbors } from '../graph/queries.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { formatSummary, ingest } from './ingest.js';
import type { Remote } from './ingest-remote.js';

// Articles written for this test (not from any corpus).
const ARTICLES: Record<string, string> = {
  'a-rockets.txt':
    'Rockets struck the Green Zone in Baghdad on Monday. Iraqi officials blamed Kataib Hezbollah, a militia backed by Iran. The United States condemned the attack.',
  'b-talks.md':
    '---\ntitle: Talks in Muscat\npublished: 2021-04-06\nsource: Wire Two\n---\nIran and the United States held indirect talks in Muscat on Tuesday. Oman hosted the meeting, diplomats said.',
  'nested/c-protest.html':
    '<html><head><title>Protest in Basra</title></head><body><article><h1>Protest in Basra</h1><p>Thousands of protesters marched in Basra on Friday against Iranian influence in Iraq.</p><p>Police fired tear gas at the crowd.</p></article></body></html>',
  'nested/deeper/d-sanctions.txt':
    'The European Union imposed sanctions on Iranian officials on Thursday. Tehran called the decision hostile and summoned the German ambassador.',
};
// A syndicated copy of the first article: a new headline line and boilerplate around the same text.
const COPY = `Militia blamed for Green Zone rockets\n\n${ARTICLES['a-rockets.txt']}\n\nSubscribe to our newsletter for more news from the region.`;

describe('dossier ingest', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-ingest-'));
  const corpus = path.join(dir, 'corpus');
  let store: Store;
  before(async () => {
    for (const [name, text] of Object.entries(ARTICLES)) {
      mkdirSync(path.dirname(path.join(corpus, name)), { recursive: true });
      writeFileSync(path.join(corpus, name), text);
    }
    // A bad file among good ones: binary data with a .txt name.
    writeFileSync(path.join(corpus, 'broken.txt'), Buffer.from([0x49, 0x72, 0x00, 0x61, 0x6e]));
    // Not an article extension: ignored by the walk, not reported.
    writeFileSync(path.join(corpus, 'notes.pdf'), 'ignored');
    store = new SqliteStore(path.join(dir, 'test.db'));
    await store.migrate();
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every good file of a directory tree and reports the bad one', async () => {
    const s = await ingest([corpus], { store, jobs: 1, meta: {} });
    assert.equal(s.ingested, 4);
    assert.equal(s.alreadyStored, 0);
    assert.deepEqual(
      s.skipped.map((k) => [path.basename(k.where), k.reason]),
      [['broken.txt', 'binary data: NUL byte at offset 2']],
    );
    assert.equal(await store.countDocuments(), 4);
    const talks = createDocument(ARTICLES['b-talks.md'].split('---\n')[2]);
    const doc = await store.getDocument(talks.id);
    assert.equal(doc?.title, 'Talks in Muscat');
    assert.equal(doc?.published, '2021-04-06');
    assert.equal(doc?.sourceId, 'name:wire two');
    assert.match(formatSummary(s), /^dossier: 4 ingested, 0 already stored, 1 skipped in [\d.]+ s\ndossier: skipped: 1 × binary data/);
  });

  it('does nothing when the same documents are ingested again', async () => {
    const before = await collectIds(store);
    const s = await ingest([corpus], { store, jobs: 1 });
    assert.equal(s.ingested, 0);
    assert.equal(s.alreadyStored, 4);
    assert.deepEqual(await collectIds(store), before);
  });

  it('links a near-duplicate to its original and counts it once per edge', async () => {
    const copyFile = path.join(dir, 'copy.txt');
    writeFileSync(copyFile, COPY);
    const s = await ingest([copyFile], { store, jobs: 1, meta: { source: 'Syndicator Daily' } });
    assert.equal(s.ingested, 1);
    assert.equal(s.nearDuplicates, 1);
    const copy = await store.getDocument(createDocument(COPY).id);
    assert.equal(copy?.duplicateOf, createDocument(ARTICLES['a-rockets.txt']).id);
    assert.ok((copy?.similarity ?? 0) >= 0.6);
    // Every edge with evidence in both counts one independent source for the pair.
    for (const e of await neighbors(store, 'iran')) {
      const docs = new Set(e.evidence.map((x) => x.documentId));
      if (docs.has(copy?.id ?? '') && docs.size === 2) assert.equal(e.independentSources, 1);
    }
  });

  it('answers entity and search queries over what it stored', async () => {
    const r = await entityReport(store, 'Iran');
    assert.ok(r);
    assert.equal(r.entity.id, 'iran');
    assert.ok(r.documents >= 3, `Iran in ${r.documents} documents`);
    const hits = await store.search('tear gas');
    assert.deepEqual(
      hits.map((h) => h.title),
      ['Protest in Basra'],
    );
    assert.match(hits[0].snippet, /tear gas/);
  });

  it('reads an RSS feed, using the item content when the page cannot be fetched', async () => {
    const feed = path.join(dir, 'feed.xml');
    writeFileSync(
      feed,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Gulf Wire</title>
       <item><title>Tanker seized</title><link>https://example.invalid/tanker</link><pubDate>Mon, 03 May 2021 10:00:00 GMT</pubDate>
       <description>&lt;p&gt;Iranian forces seized an oil tanker in the Strait of Hormuz on Monday, the navy said.&lt;/p&gt;</description></item>
       </channel></rss>`,
    );
    const offline: Remote = {
      fetch: async (url) => {
        throw new Error(`offline: ${url}`);
      },
      parseFeed: (await import('./ingest-remote.js')).defaultRemote.parseFeed,
      parseOpml: () => [],
    };
    const s = await ingest([feed], { store, jobs: 1, remote: offline });
    assert.equal(s.ingested, 1);
    const [hit] = await store.search('tanker Hormuz');
    assert.equal(hit.title, 'Tanker seized');
    assert.equal(hit.published, '2021-05-03');
  });

  it('flags circular sourcing when an outlet quotes the organisation it is affiliated with', async () => {
    const file = path.join(dir, 'ncri.txt');
    writeFileSync(file, '“The clerical regime is on the verge of collapse,” the National Council of Resistance of Iran said in a statement on Monday.');
    await ingest([file], { store, jobs: 1, meta: { source: 'iranfocus' } });
    const doc = await store.getDocument(createDocument(await import('node:fs').then((fs) => fs.readFileSync(file, 'utf8'))).id);
    assert.equal(doc?.sourceId, 'media.iran-focus');
    const source = await store.getSource('media.iran-focus');
    assert.ok(source?.affiliations.some((a) => a.target === 'org.ncri'));
    const quotes = await store.quotesBy('org.ncri');
    if (quotes.length > 0) {
      assert.equal(doc?.circularSourcing, true);
      assert.equal(quotes[0].circularSourcing, true);
    }
  });

  it('stores results in groups, and a document the store refuses is skipped alone with the reason', async () => {
    const batch = path.join(dir, 'batch');
    mkdirSync(batch);
    const texts = [
      'Iraq reopened the border crossing with Syria on Sunday.',
      'Kuwait recalled its ambassador from Baghdad on Monday.',
      'Jordan hosted talks on water rights on Tuesday.',
    ];
    for (const [i, t] of texts.entries()) writeFileSync(path.join(batch, `${i}.txt`), t);
    const refused = createDocument(texts[1]).id;
    const groups: number[] = [];
    // The real store, except that it refuses one document of whatever group it is given.
    const picky: Store = Object.create(store, {
      putDocuments: {
        value: async (records: Parameters<Store['putDocuments']>[0], options?: { replace?: boolean }) => {
          groups.push(records.length);
          const out = await store.putDocuments(
            records.filter((r) => r.analysis.document.id !== refused),
            options,
          );
          return records.map((r) => (r.analysis.document.id === refused ? new Error('disk full') : (out.shift() as 'stored')));
        },
      },
    });
    const s = await ingest([batch], { store: picky, jobs: 1 });
    assert.equal(s.ingested, 2);
    assert.deepEqual(
      s.skipped.map((k) => [path.basename(k.where), k.reason]),
      [['1.txt', 'cannot store: disk full']],
    );
    assert.equal(await store.hasDocument(refused), false);
    assert.equal(await store.hasDocument(createDocument(texts[2]).id), true);
    assert.equal(
      groups.reduce((a, b) => a + b, 0),
      3,
    );
  });
});

async function collectIds(store: Store): Promise<string[]> {
  return (await store.documentIds()).sort();
}
