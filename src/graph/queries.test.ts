import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FixtureSpec, fixtureRecord } from '../store/fixture-analysis.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { SourceRecord } from '../store/store.js';
import { aggregateEdges } from './aggregate.js';
import { entityReport, findPath, graphExport, neighbors, resolveEntity } from './queries.js';

// Short articles written for this test. Two outlets report the same strike;
// a third copies the first word for word (a near-duplicate); a fourth links
// Kataib Hezbollah to the IRGC, so that a path runs militia → IRGC → Iran.
const outlet = (id: string, name: string): SourceRecord => ({ id, name, domain: null, country: null, kbId: null, affiliations: [] });
const KH = { id: 'org.kataib-hezbollah', name: 'Kataib Hezbollah', type: 'ORGANIZATION' as const, surfaces: ['Kataib Hezbollah'] };
const US = { id: 'usa', name: 'United States', type: 'COUNTRY' as const, surfaces: ['United States', 'US'] };
const IRGC = { id: 'org.irgc', name: 'Islamic Revolutionary Guard Corps', type: 'ORGANIZATION' as const, surfaces: ['IRGC'] };
const IRAN = { id: 'iran', name: 'Iran', type: 'COUNTRY' as const, surfaces: ['Iran'] };

const A: FixtureSpec = {
  text: 'The United States struck Kataib Hezbollah depots near Qaim on Sunday.',
  published: '2019-12-29',
  source: 'Wire One',
  entities: [US, KH],
  events: [{ source: 'usa', target: 'org.kataib-hezbollah', cameo: '195', plover: 'ASSAULT', trigger: 'struck' }],
  tones: [{ entity: 'org.kataib-hezbollah', tone: -0.4, mentions: 1 }],
};
const B: FixtureSpec = {
  text: 'US jets bombed Kataib Hezbollah sites in Iraq and Syria, officials said.',
  published: '2019-12-30',
  source: 'Wire Two',
  entities: [US, KH],
  events: [{ source: 'usa', target: 'org.kataib-hezbollah', cameo: '195', plover: 'ASSAULT', trigger: 'bombed' }],
  tones: [{ entity: 'org.kataib-hezbollah', tone: -0.2, mentions: 1 }],
};
const A_COPY: FixtureSpec = { ...A, text: `${A.text} Subscribe for more.`, source: 'Copy Daily' };
const C: FixtureSpec = {
  text: 'Kataib Hezbollah is armed and trained by the IRGC, the elite force of Iran. Iran funds the IRGC lavishly.',
  published: '2020-01-05',
  source: 'Wire Two',
  entities: [KH, IRGC, IRAN],
  relations: [
    { type: 'PROXY_OF', source: 'org.kataib-hezbollah', target: 'org.irgc', evidence: 'Kataib Hezbollah is armed and trained by the IRGC' },
    { type: 'PART_OF', source: 'org.irgc', target: 'iran', evidence: 'the elite force of Iran' },
  ],
  quotes: [],
};

describe('graph queries over a small corpus', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-graph-'));
  const store = new SqliteStore(path.join(dir, 'g.db'));
  let aId = '';
  before(async () => {
    await store.migrate();
    const a = fixtureRecord(A, { source: outlet('name:wire one', 'Wire One') });
    aId = a.analysis.document.id;
    await store.putDocument(a);
    await store.putDocument(fixtureRecord(B, { source: outlet('name:wire two', 'Wire Two') }));
    await store.putDocument(fixtureRecord(A_COPY, { source: outlet('name:copy daily', 'Copy Daily'), duplicateOf: aId, similarity: 0.95 }));
    await store.putDocument(fixtureRecord(C, { source: outlet('name:wire two', 'Wire Two') }));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('aggregates an edge over documents, folding the near-duplicate into its original outlet', async () => {
    const [edge] = await neighbors(store, 'usa', { type: 'event:ASSAULT' });
    assert.equal(edge.id, 'usa|event:ASSAULT|org.kataib-hezbollah');
    assert.equal(edge.documents, 3);
    assert.equal(edge.independentSources, 2);
    assert.equal(edge.firstDate, '2019-12-29');
    assert.equal(edge.lastDate, '2019-12-30');
    // Mean over the three documents' tone toward the target: (−0.4 − 0.2 − 0.4) / 3.
    assert.equal(edge.tone, -0.333);
    // Evidence is ordered by date, then document id.
    assert.deepEqual(
      edge.evidence.map((e) => [e.date, e.text, e.assertedBy]),
      [
        ['2019-12-29', 'struck', 'author'],
        ['2019-12-29', 'struck', 'author'],
        ['2019-12-30', 'bombed', 'author'],
      ],
    );
    assert.deepEqual(edge.evidence.map((e) => e.source).sort(), ['Copy Daily', 'Wire One', 'Wire Two']);
    assert.equal(edge.evidence[0].start, A.text.indexOf('struck'));
  });

  it('filters neighbours by type, independent sources and dates', async () => {
    const all = await neighbors(store, 'org.kataib-hezbollah');
    assert.deepEqual(
      all.map((e) => e.id),
      ['usa|event:ASSAULT|org.kataib-hezbollah', 'org.kataib-hezbollah|PROXY_OF|org.irgc'],
    );
    assert.deepEqual(
      (await neighbors(store, 'org.kataib-hezbollah', { type: 'PROXY_OF' })).map((e) => e.target),
      ['org.irgc'],
    );
    assert.equal((await neighbors(store, 'org.kataib-hezbollah', { type: 'event' })).length, 1);
    assert.equal((await neighbors(store, 'org.kataib-hezbollah', { minSources: 2 })).length, 1);
    const late = await neighbors(store, 'org.kataib-hezbollah', { from: '2019-12-30' });
    assert.deepEqual(
      late.map((e) => [e.type, e.documents]),
      // A tie on sources and documents: by edge id.
      [
        ['PROXY_OF', 1],
        ['event:ASSAULT', 1],
      ],
    );
    assert.equal((await neighbors(store, 'org.kataib-hezbollah', { to: '2019-12' })).length, 1);
  });

  it('finds a shortest path through relations and events, either direction', async () => {
    const p = await findPath(store, 'usa', 'iran');
    assert.deepEqual(
      p?.map((s) => [s.from, s.to, s.edge.type]),
      [
        ['usa', 'org.kataib-hezbollah', 'event:ASSAULT'],
        ['org.kataib-hezbollah', 'org.irgc', 'PROXY_OF'],
        ['org.irgc', 'iran', 'PART_OF'],
      ],
    );
    assert.equal(await findPath(store, 'usa', 'iran', 2), null);
    assert.deepEqual(await findPath(store, 'iran', 'iran'), []);
  });

  it('resolves names and reports an entity', async () => {
    assert.equal((await resolveEntity(store, 'the US'))?.entity.id, 'usa');
    assert.equal((await resolveEntity(store, 'kataib hezbollah'))?.entity.id, 'org.kataib-hezbollah');
    assert.equal(await resolveEntity(store, 'Atlantis'), null);
    const r = await entityReport(store, 'Kataib Hezbollah');
    assert.ok(r);
    assert.equal(r.mentions, 4);
    assert.equal(r.documents, 4);
    assert.deepEqual(
      r.relations.map((e) => e.type),
      ['PROXY_OF'],
    );
    assert.deepEqual(
      r.events.map((e) => e.type),
      ['event:ASSAULT'],
    );
    assert.deepEqual(
      r.timeline.map((t) => [t.date, t.kind]),
      [
        ['2019-12-29', 'event'],
        ['2019-12-29', 'event'],
        ['2019-12-30', 'event'],
        ['2020-01-05', 'relation'],
      ],
    );
  });

  it('exports every mentioned entity as a node and every edge', async () => {
    const g = await graphExport(store);
    assert.deepEqual(
      g.nodes.map((n) => [n.id, n.documents]),
      [
        ['iran', 1],
        ['org.irgc', 1],
        ['org.kataib-hezbollah', 4],
        ['usa', 3],
      ],
    );
    assert.deepEqual(
      g.edges.map((e) => e.id),
      ['org.irgc|PART_OF|iran', 'org.kataib-hezbollah|PROXY_OF|org.irgc', 'usa|event:ASSAULT|org.kataib-hezbollah'],
    );
  });

  it('aggregates nothing from nothing', () => {
    assert.deepEqual(aggregateEdges([]), []);
  });
});
