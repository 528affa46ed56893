import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ARTICLE_ONE, ARTICLE_TWO, auth, type Loose, type TestApp, testApp } from './test-app.js';

describe('HTTP API routes (in-process)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const get = async (url: string) => {
    const res = await t.app.request(url);
    return { res, body: (await res.json()) as Loose };
  };

  it('answers health with the document count', async () => {
    const { res, body } = await get('/api/health');
    assert.equal(res.status, 200);
    assert.deepEqual(body, { ok: true, documents: 2 });
  });

  it('lists documents in ingest order, paged, with source as {name, url}', async () => {
    const { body } = await get('/api/documents?limit=1&offset=0');
    assert.equal(body.total, 2);
    assert.equal(body.items.length, 1);
    assert.deepEqual(
      {
        id: body.items[0].id,
        title: body.items[0].title,
        published: body.items[0].published,
        source: body.items[0].source,
        duplicateOf: body.items[0].duplicateOf,
      },
      {
        id: t.ids.one,
        title: 'Rockets hit Green Zone',
        published: '2020-10-28',
        source: { name: 'Iran Focus', url: 'https://www.iranfocus.com/en/1' },
        duplicateOf: null,
      },
    );
    const second = await get('/api/documents?limit=5&offset=1');
    assert.deepEqual(
      second.body.items.map((d: { id: string }) => d.id),
      [t.ids.two],
    );
    const bad = await get('/api/documents?limit=0');
    assert.equal(bad.res.status, 400);
    assert.equal(bad.body.error.code, 'bad-request');
  });

  it('returns one document with its analysis and exact spans, 404 JSON when missing', async () => {
    const { res, body } = await get(`/api/documents/${t.ids.one}`);
    assert.equal(res.status, 200);
    assert.equal(body.document.id, t.ids.one);
    assert.equal(body.analysis.document.text, ARTICLE_ONE.text);
    const iran = body.analysis.entities.find((e: { id: string }) => e.id === 'iran');
    assert.deepEqual(iran.mentions[0], { start: 78, end: 82, text: 'Iran', kind: 'name' });
    assert.equal(ARTICLE_ONE.text.slice(78, 82), 'Iran');
    const missing = await get('/api/documents/0000');
    assert.equal(missing.res.status, 404);
    assert.match(missing.res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(missing.body.error.code, 'not-found');
  });

  it('lists entities by mentions and filters them by a folded substring', async () => {
    const { body } = await get('/api/entities');
    assert.deepEqual(body.items[0], { id: 'iran', name: 'Iran', type: 'COUNTRY', kbId: 'iran', mentions: 2, documents: 2 });
    const q = await get('/api/entities?q=GREEN%20zone&limit=5');
    assert.deepEqual(
      q.body.items.map((e: { id: string }) => e.id),
      ['place.green-zone'],
    );
  });

  it('answers the entity report by id or by name, and 404 for nobody', async () => {
    const byName = await get('/api/entities/Green%20Zone');
    assert.equal(byName.res.status, 200);
    assert.equal(byName.body.entity.id, 'place.green-zone');
    assert.equal(byName.body.mentions, 2);
    const assault = byName.body.events.find((e: { type: string }) => e.type === 'event:ASSAULT');
    assert.equal(assault.independentSources, 2);
    assert.deepEqual(
      assault.evidence.map((e: { text: string; date: string }) => [e.text, e.date]),
      [
        ['fired', '2020-10-28'],
        ['hit', '2020-11-03'],
      ],
    );
    const byId = await get('/api/entities/iran');
    assert.deepEqual(
      byId.body.quotesBy.map((q: { text: string; start: number }) => [q.text, q.start]),
      [['the militias acted alone', 10]],
    );
    const none = await get('/api/entities/Atlantis');
    assert.equal(none.res.status, 404);
    assert.equal(none.body.error.code, 'not-found');
  });

  it('builds the graph filtered by type, date, sources and entity', async () => {
    const all = await get('/api/graph');
    assert.deepEqual(
      all.body.edges.map((e: { id: string }) => e.id),
      ['local:tehran-backed-militias|event:ASSAULT|place.green-zone', 'local:tehran-backed-militias|PROXY_OF|iran'],
    );
    const assault = all.body.edges[0];
    assert.equal(assault.firstDate, '2020-10-28');
    assert.equal(assault.lastDate, '2020-11-03');
    assert.deepEqual(assault.evidence[0], {
      documentId: t.ids.one,
      start: ARTICLE_ONE.text.indexOf('fired'),
      end: ARTICLE_ONE.text.indexOf('fired') + 5,
      text: 'fired',
      assertedBy: 'author',
      source: 'Iran Focus',
      date: '2020-10-28',
    });
    assert.deepEqual(
      all.body.nodes.map((n: { id: string }) => n.id),
      ['iran', 'local:tehran-backed-militias', 'place.green-zone'],
    );
    const typed = await get('/api/graph?types=PROXY_OF');
    assert.deepEqual(
      typed.body.edges.map((e: { type: string }) => e.type),
      ['PROXY_OF'],
    );
    const twoSources = await get('/api/graph?minSources=2');
    assert.deepEqual(
      twoSources.body.edges.map((e: { type: string }) => e.type),
      ['event:ASSAULT'],
    );
    const november = await get('/api/graph?from=2020-11&to=2020-11-30&types=event');
    assert.deepEqual(
      november.body.edges[0].evidence.map((e: { text: string }) => e.text),
      ['hit'],
    );
    const aroundIran = await get('/api/graph?entity=Iran');
    assert.deepEqual(
      aroundIran.body.edges.map((e: { type: string }) => e.type),
      ['PROXY_OF'],
    );
    assert.equal((await get('/api/graph?from=October')).res.status, 400);
    assert.equal((await get('/api/graph?entity=Atlantis')).res.status, 404);
  });

  it('searches and builds a timeline', async () => {
    const s = await get('/api/search?q=denied');
    assert.deepEqual(
      s.body.items.map((h: { documentId: string }) => h.documentId),
      [t.ids.one],
    );
    assert.match(s.body.items[0].snippet, /Iran denied any role/);
    const tl = await get('/api/timeline/Green%20Zone');
    assert.equal(tl.body.entity.id, 'place.green-zone');
    assert.deepEqual(
      tl.body.items.map((r: { date: string; text: string }) => [r.date, r.text]),
      [
        ['2020-10-28', 'fired'],
        ['2020-11-03', 'hit'],
      ],
    );
    assert.equal((await get('/api/timeline/Atlantis')).res.status, 404);
  });

  it('exports every format with its content type, as a download', async () => {
    const expected: Record<string, RegExp> = {
      jsonl: /^application\/x-ndjson/,
      csv: /^text\/csv/,
      graphml: /^application\/graphml\+xml/,
      gexf: /^application\/gexf\+xml/,
      ftm: /^application\/x-ndjson/,
      w3c: /^application\/x-ndjson/,
    };
    for (const [format, type] of Object.entries(expected)) {
      const res = await t.app.request(`/api/export/${format}`);
      assert.equal(res.status, 200, format);
      assert.match(res.headers.get('content-type') ?? '', type, format);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="dossier/, format);
      const text = await res.text();
      assert.ok(text.length > 0, format);
      if (format === 'jsonl') assert.equal(text.trim().split('\n').length, 2);
    }
    const entitiesCsv = await (await t.app.request('/api/export/csv?table=entities')).text();
    assert.match(entitiesCsv.split('\n')[0], /^id,/);
    assert.equal((await t.app.request('/api/export/pdf')).status, 404);
  });

  it('records and applies a correction with a token, and lists the audit log', async () => {
    const before = await get('/api/graph?types=PROXY_OF');
    assert.equal(before.body.edges.length, 1);
    const res = await t.app.request('/api/corrections', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ kind: 'merge', keep: 'Iran', drop: 'Tehran-backed militias', why: 'test: the same actor here' }),
    });
    assert.equal(res.status, 201);
    const { correction } = (await res.json()) as { correction: Record<string, unknown> };
    assert.deepEqual(correction, {
      id: 1,
      kind: 'merge',
      args: ['iran', 'local:tehran-backed-militias'],
      why: 'test: the same actor here',
      who: 'token:tests',
      at: '2026-11-28T12:00:00.000Z',
    });
    // The cached graph is invalidated by the new store version: the self-loop is gone.
    const afterFix = await get('/api/graph?types=PROXY_OF');
    assert.deepEqual(afterFix.body.edges, []);
    const log = await get('/api/corrections');
    assert.equal(log.body.items.length, 1);
    const bad = await t.app.request('/api/corrections', { method: 'POST', headers: auth(), body: JSON.stringify({ kind: 'merge', keep: 'Iran' }) });
    assert.equal(bad.status, 400);
    const nobody = await t.app.request('/api/corrections', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ kind: 'split-alias', entity: 'Atlantis', alias: 'x', why: 'test' }),
    });
    assert.equal(nobody.status, 404);
  });

  it('answers unknown API paths with JSON 404 and the root with a note when the UI is not built', async () => {
    const { res, body } = await get('/api/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(body.error.code, 'not-found');
    const root = await t.app.request('/');
    assert.equal(root.status, 200);
    assert.match(root.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(await root.text(), /web UI is not built/);
    assert.equal(ARTICLE_TWO.title?.includes('<img'), true);
  });
});
